"""The deliberate breakages of ``devtools/breakages.py`` still in step with the code.

(That the product and its tests never import the tooling is an import contract: ``tests/test_imports.py``.)
"""

from __future__ import annotations

import ast

import pytest

from devtools.breakages import BREAKAGES, Patch, patched
from tools.paths import ROOT


@pytest.mark.parametrize("breakage", BREAKAGES, ids=[b.name for b in BREAKAGES])
def test_every_breakage_still_applies(breakage):
    """Each patch matches its file exactly once (make breakages stops otherwise) and leaves valid Python (a .py file)."""
    files = {patch.path for patch in breakage.patches}
    for path in files:
        text = (ROOT / path).read_text(encoding="utf-8")
        broken = text
        for patch in (p for p in breakage.patches if p.path == path):
            broken = patched(broken, patch)
        assert broken != text
        if path.endswith(".py"):  # a Typst template is compiled by the tests that catch the breakage
            ast.parse(broken)
    assert all((ROOT / test).is_file() for test in breakage.catchers)


def test_a_patch_that_no_longer_matches_stops():
    with pytest.raises(Exception, match="occurs 0 times, not once"):
        patched("x = 1\n", Patch("m.py", "y = 1", "y = 2"))
