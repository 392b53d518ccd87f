"""A pytest plugin for mutation testing only (``make mutation``; mutmut loads it with ``-p``).

* mutmut copies each mutated function (``x_f__mutmut_3``) with its docstring;
  their doctests call the function by its own name, so they repeat the
  original's doctest many times over: they are left out, the original's kept.
* The first test to fail on each mutant is logged to ``mutants/mutmut-kills.jsonl``
  (one JSON object per line), which ``devtools/mutation.py`` reports as "killed by".
  A plugin rather than a conftest hook, so that it sees the doctests in
  ``tools/`` as well as the tests in ``tests/``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

KILLS = Path("mutmut-kills.jsonl")  # mutmut runs the tests in mutants/


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    copies = [item for item in items if "__mutmut_" in item.name]
    if copies:
        config.hook.pytest_deselected(items=copies)
        items[:] = [item for item in items if "__mutmut_" not in item.name]


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    mutant = os.environ.get("MUTANT_UNDER_TEST", "")
    if report.failed and "__mutmut_" in mutant:
        line = json.dumps({"mutant": mutant, "test": report.nodeid}) + "\n"
        with KILLS.open("a", encoding="utf-8") as f:  # one short write per line: safe with parallel workers
            f.write(line)
