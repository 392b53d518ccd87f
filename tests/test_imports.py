"""The import contracts of ``pyproject.toml`` (``[tool.importlinter]``) hold, and they can fail.

import-linter (pinned) builds the import graph of ``tools``, ``tests`` and
``devtools`` — every ``import`` statement, those inside functions included —
and checks each contract: the product imports neither the tooling nor its
tests; the tests do not import the tooling. The second test plants a forbidden
import in a copy of the packages and requires the check to fail there, naming
the contract and the import.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("tools", "tests", "devtools")
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
PRODUCT = "The product imports neither the tooling nor the tests"
TESTS = "The tests do not import the tooling"
LAYERS = "The product's layers import downwards only"
CONTRACTS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    """``lint-imports`` on the packages under ``root`` with its ``pyproject.toml``; no cache written."""
    env = dict(os.environ, PYTHONPATH=str(root))
    return subprocess.run([str(LINT_IMPORTS), "--no-cache", "--no-logo"], cwd=root, env=env, capture_output=True, text=True)


def test_the_import_contracts_hold():
    proc = lint_imports(ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"Contracts: {len(CONTRACTS)} kept, 0 broken." in proc.stdout
    assert {PRODUCT, TESTS} <= {c["name"] for c in CONTRACTS}
    for contract in CONTRACTS:
        assert f"{contract['name']} KEPT" in proc.stdout


def _copy(to: Path) -> None:
    shutil.copy2(ROOT / "pyproject.toml", to / "pyproject.toml")
    for package in PACKAGES:
        for source in (ROOT / package).rglob("*.py"):
            dest = to / source.relative_to(ROOT)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest)


@pytest.mark.parametrize(
    ("module", "line", "contract", "chain"),
    [
        ("tools/__init__.py", "import devtools", PRODUCT, "tools -> devtools"),
        ("tools/__init__.py", "from tests import browser", PRODUCT, "tools -> tests"),
        ("tests/conftest.py", "from devtools import manifest", TESTS, "tests.conftest -> devtools"),
        ("tools/model/numerals.py", "from tools.render import escape_md", LAYERS, "tools.model.numerals -> tools.render"),
        ("tools/text/clean.py", "from tools.data import load_curated", LAYERS, "tools.text.clean -> tools.data"),
    ],
)
def test_a_forbidden_import_breaks_a_contract(tmp_path, module, line, contract, chain):
    _copy(tmp_path)
    assert lint_imports(tmp_path).returncode == 0  # the copy is as good as the original
    with (tmp_path / module).open("a", encoding="utf-8") as f:
        f.write(f"\n{line}  # planted\n")
    proc = lint_imports(tmp_path)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert f"Contracts: {len(CONTRACTS) - 1} kept, 1 broken." in proc.stdout
    assert f"{contract}\n" in proc.stdout
    assert chain in proc.stdout
