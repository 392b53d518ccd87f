"""Developer tooling kept apart from the product, and the deliberate breakages still in step with the code."""

from __future__ import annotations

import ast

import pytest

from devtools.breakages import BREAKAGES, Patch, patched
from tools.paths import ROOT


def _imported_modules(source: str) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            modules.add(node.module)
    return modules


def test_the_product_never_imports_devtools():
    importers = [
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / "tools").rglob("*.py"))
        if any(m.split(".")[0] == "devtools" for m in _imported_modules(path.read_text(encoding="utf-8")))
    ]
    assert importers == []


def test_the_import_scan_sees_an_import_of_devtools():
    assert _imported_modules("import devtools.breakages\nfrom devtools import x\nfrom . import y\n") == {
        "devtools.breakages",
        "devtools",
    }


@pytest.mark.parametrize("breakage", BREAKAGES, ids=[b.name for b in BREAKAGES])
def test_every_breakage_still_applies(breakage):
    """Each patch matches its file exactly once (make breakages stops otherwise) and leaves valid Python."""
    files = {patch.path for patch in breakage.patches}
    for path in files:
        text = (ROOT / path).read_text(encoding="utf-8")
        broken = text
        for patch in (p for p in breakage.patches if p.path == path):
            broken = patched(broken, patch)
        assert broken != text
        ast.parse(broken)
    assert all((ROOT / test).is_file() for test in breakage.catchers)


def test_a_patch_that_no_longer_matches_stops():
    with pytest.raises(Exception, match="occurs 0 times, not once"):
        patched("x = 1\n", Patch("m.py", "y = 1", "y = 2"))
