"""``python -m devtools.mutation`` (``make mutation``): the mutation score of the pipeline's tests.

mutmut (pinned in ``requirements.lock``, configured in ``pyproject.toml``
``[tool.mutmut]``) copies the project into ``mutants/``, makes small changes
("mutants") to every function of the modules listed in ``only_mutate`` — the
pipeline stages and the search-index builder — and runs, for each mutant, the
in-process tests that call the mutated function. A mutant that no test notices
is a missing test, or a change that cannot be noticed: an *equivalent* mutant.

Equivalent mutants are curated in ``bench/mutation-equivalent.yml``: the
module, the function, the mutation (the source line as written and as
mutated) and why no test can tell them apart. They are matched by that key,
not by mutmut's numbering, which shifts whenever a function changes.

This command runs mutmut from a clean ``mutants/`` (``--reuse`` reports on
the last run instead), then writes ``bench/results/mutation.json``: per
module, the number of mutants, killed, survived, timeout, without tests and
equivalent; the score over all mutants and over the non-equivalent ones; and
the mutants a reader should know about, each with its line and diff:

* every mutant not killed: equivalent (with the reason) or not explained;
* every mutant first killed by a test written for mutation testing
  (``tests/test_units_*.py``), with that test.

It exits 1 when a mutant survives that is not listed as equivalent, or when
an entry of the list matches no surviving mutant (stale).
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import yaml

from tools.paths import ROOT

MUTANTS = ROOT / "mutants"
EQUIVALENT = ROOT / "bench" / "mutation-equivalent.yml"
REPORT = ROOT / "bench" / "results" / "mutation.json"
KILLS = MUTANTS / "mutmut-kills.jsonl"  # written by tests/mutmut_plugin.py
UNIT_TESTS = re.compile(r"^tests/test_units_\w+\.py::")  # the tests written for mutation testing
MAX_CHILDREN = 2
# mutmut's exit codes → what they mean here (mutmut.stats.status_by_exit_code, grouped).
STATUS = {1: "killed", 3: "killed", 0: "survived", 5: "no_tests", 33: "no_tests", 24: "timeout", -24: "timeout", 36: "timeout"}
STATUS |= {152: "timeout", 255: "timeout"}


@dataclass(frozen=True)
class Mutant:
    name: str  # mutmut's name: tools.render.x__paragraph__mutmut_7
    module: str  # tools/render.py
    function: str  # _paragraph, or Converter.check_counts
    status: str  # killed | survived | no_tests | timeout | suspicious
    line: int = 0
    diff: str = ""
    before: str = ""  # the changed source lines, stripped
    after: str = ""  # the same lines in the mutant

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.module, self.function, self.before, self.after)


def mutated_modules() -> list[str]:
    """The modules mutmut mutates, as ``pyproject.toml`` lists them (one home for the list)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return list(config["tool"]["mutmut"]["only_mutate"])


def function_of(name: str) -> str:
    """``tools.convert.xǁConverterǁcheck_counts__mutmut_3`` → ``Converter.check_counts``.

    >>> function_of("tools.render.x__paragraph__mutmut_7"), function_of("tools.convert.xǁConverterǁ__call____mutmut_2")
    ('_paragraph', 'Converter.__call__')
    """
    mangled = name.rpartition(".")[2].rpartition("__mutmut_")[0]
    if mangled.startswith("x_"):
        return mangled[2:]
    _, cls, method = mangled.split("ǁ")
    return f"{cls}.{method}"


def changed_lines(diff: str) -> tuple[int, str, str]:
    """Where a unified diff of one function starts to differ, and the removed and added lines.

    Returns the 1-based line of the first removed line within the function's
    text, and the removed and added lines, each stripped and joined by newlines.

    >>> changed_lines("--- a\\n+++ b\\n@@ -2,3 +2,3 @@\\n x = 1\\n-    y = 2\\n+    y = 3\\n z = 4")
    (3, 'y = 2', 'y = 3')
    """
    before: list[str] = []
    after: list[str] = []
    first = 0
    line = 0
    for row in diff.split("\n"):
        if row.startswith("@@"):
            line = int(re.match(r"@@ -(\d+)", row).group(1))
        elif row.startswith(("---", "+++")) and not line:
            continue
        elif row.startswith("-"):
            first = first or line
            before.append(row[1:].strip())
            line += 1
        elif row.startswith("+"):
            after.append(row[1:].strip())
        elif line:
            line += 1
    return first, "\n".join(before), "\n".join(after)


def function_lines(source: str) -> dict[str, int]:
    """First line of each top-level function and method (``Class.method``), decorators included."""
    lines: dict[str, int] = {}
    for node in ast.parse(source).body:
        members = [(node, "")] if isinstance(node, ast.FunctionDef) else []
        if isinstance(node, ast.ClassDef):
            members = [(m, f"{node.name}.") for m in node.body if isinstance(m, ast.FunctionDef)]
        for fn, prefix in members:
            lines[prefix + fn.name] = min([fn.lineno, *(d.lineno for d in fn.decorator_list)])
    return lines


def read_mutants(modules: list[str]) -> list[Mutant]:
    """Every mutant of the last run, with its status; the diff for those not killed or killed by a unit test."""
    from mutmut.mutation.diff_apply import get_diff_for_mutant  # only needed here; mutmut is a test tool

    kills = first_kills()
    mutants = []
    for module in modules:
        meta = json.loads((MUTANTS / f"{module}.meta").read_text(encoding="utf-8"))
        starts = function_lines((ROOT / module).read_text(encoding="utf-8"))
        for name, code in sorted(meta["exit_code_by_key"].items(), key=lambda kv: _natural(kv[0])):
            status = STATUS.get(code, "suspicious")
            mutant = Mutant(name, module, function_of(name), status)
            if status != "killed" or name not in kills or UNIT_TESTS.match(kills[name]):
                diff = get_diff_for_mutant(name, path=module)
                offset, before, after = changed_lines(diff)
                start = starts.get(mutant.function, 0)
                line = start + offset - 1 if start and offset else start
                mutant = Mutant(name, module, mutant.function, status, line, diff, before, after)
            mutants.append(mutant)
    return mutants


def _natural(name: str) -> tuple[str, int]:
    stem, _, number = name.rpartition("__mutmut_")
    return stem, int(number) if number.isdigit() else 0


def first_kills() -> dict[str, str]:
    """Mutant → the first test that failed on it (from the log the test suite writes under mutmut)."""
    kills: dict[str, str] = {}
    if KILLS.exists():
        for row in KILLS.read_text(encoding="utf-8").splitlines():
            entry = json.loads(row)
            kills.setdefault(entry["mutant"], entry["test"])
    return kills


def load_equivalent(path: Path = EQUIVALENT) -> dict[tuple[str, str, str, str], str]:
    """The curated equivalent mutants: key → reason. Malformed entries stop with the entry named."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    out: dict[tuple[str, str, str, str], str] = {}
    for i, e in enumerate(entries, 1):
        missing = {"module", "function", "from", "to", "reason"} - set(e or {})
        if missing:
            raise SystemExit(f"{path.name}: entry {i} lacks {', '.join(sorted(missing))} — every entry needs all five")
        key = (e["module"], e["function"], str(e["from"]).strip(), str(e["to"]).strip())
        if key in out:
            raise SystemExit(f"{path.name}: entry {i} repeats {key[:2]} — one entry per mutation")
        out[key] = " ".join(str(e["reason"]).split())
    return out


def report(mutants: list[Mutant], equivalent: dict, kills: dict[str, str], seconds: float | None) -> dict:
    """The figures and the list of mutants worth reading, as written to ``mutation.json``."""
    modules: dict[str, Counter] = {}
    listed = []
    matched = set()
    for m in mutants:
        counts = modules.setdefault(m.module, Counter())
        counts["mutants"] += 1
        counts[m.status] += 1
        entry = {"mutant": m.name, "module": m.module, "function": m.function, "line": m.line, "from": m.before, "to": m.after}
        if m.status == "killed" and m.name not in kills:
            # mutmut saw a failure, but no test failed on the mutant: a crash or a usage error, not a kill.
            counts["killed"] -= 1
            counts["suspicious"] += 1
            listed.append(entry | {"status": "suspicious", "reason": "counted as killed, but no test failed on it"})
            continue
        if m.status in ("killed", "timeout"):
            if UNIT_TESTS.match(kills.get(m.name, "")):
                listed.append(entry | {"status": "killed", "killed_by": kills[m.name]})
            continue
        if m.status != "no_tests":  # the diff of each mutant a reader has to judge
            entry["diff"] = m.diff
        reason = equivalent.get(m.key) if m.status == "survived" else None
        if reason:
            counts["equivalent"] += 1
            matched.add(m.key)
            listed.append(entry | {"status": "equivalent", "reason": reason})
        else:
            listed.append(entry | {"status": m.status, "reason": "not explained: add a test, or list it as equivalent"})
    per_module = {name: _figures(c) for name, c in modules.items()}
    total = _figures(sum(modules.values(), Counter()))
    stale = [dict(zip(("module", "function", "from", "to"), key, strict=True)) for key in equivalent if key not in matched]
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "mutmut": _mutmut_version(),
        "max_children": MAX_CHILDREN,
        "wall_seconds": round(seconds, 1) if seconds is not None else None,
        "total": total,
        "modules": per_module,
        "stale_equivalents": stale,
        "mutants": listed,
    }


def _figures(c: Counter) -> dict:
    mutants, killed, equivalent = c["mutants"], c["killed"], c["equivalent"]
    return {
        "mutants": mutants,
        "killed": killed,
        "survived": c["survived"] - equivalent,
        "timeout": c["timeout"],
        "no_tests": c["no_tests"],
        "suspicious": c["suspicious"],
        "equivalent": equivalent,
        "killed_percent": _percent(killed, mutants),
        "score_percent": _percent(killed + c["timeout"], mutants - equivalent),
    }


def _percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 100.0


def _mutmut_version() -> str:
    from importlib.metadata import version

    return version("mutmut")


def run_mutmut() -> float:
    """A clean run of mutmut; its wall time in seconds."""
    shutil.rmtree(MUTANTS, ignore_errors=True)
    mutmut = Path(sys.executable).parent / "mutmut"
    start = time.monotonic()
    # A fixed hash seed: mutmut passes each mutant's tests from a set, so their order (and the
    # first test to fail) would otherwise change from run to run.
    env = dict(os.environ, PYTHONHASHSEED="0")
    proc = subprocess.run([str(mutmut), "run", "--max-children", str(MAX_CHILDREN)], cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    if proc.returncode != 0:
        raise SystemExit(f"mutmut failed (exit {proc.returncode}); run `.venv/bin/mutmut run` to see why")
    return time.monotonic() - start


def summary(data: dict) -> str:
    rows = ["module                mutants  killed  survived  timeout  no tests  equivalent  killed %  score %"]
    for name, f in [*data["modules"].items(), ("all", data["total"])]:
        rows.append(
            f"{name:<21} {f['mutants']:>7} {f['killed']:>7} {f['survived']:>9} {f['timeout']:>8} {f['no_tests']:>9}"
            f" {f['equivalent']:>11} {f['killed_percent']:>9} {f['score_percent']:>8}"
        )
    if data["wall_seconds"] is not None:
        rows.append(f"wall time {data['wall_seconds']} s with {data['max_children']} workers")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m devtools.mutation", description=__doc__.split("\n")[0])
    parser.add_argument("--reuse", action="store_true", help="report on the last run in mutants/ without running mutmut")
    args = parser.parse_args(argv)
    equivalent = load_equivalent()
    seconds = None if args.reuse else run_mutmut()
    data = report(read_mutants(mutated_modules()), equivalent, first_kills(), seconds)
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(summary(data))
    print(f"wrote {REPORT.relative_to(ROOT)}")
    unexplained = [m for m in data["mutants"] if m["status"] not in ("killed", "equivalent", "timeout")]
    for m in unexplained:
        print(f"{m['module']}:{m['line']}: {m['status']} {m['mutant']}: {m['from']!r} → {m['to']!r}")
    for s in data["stale_equivalents"]:
        print(f"{EQUIVALENT.name}: stale entry {s['module']} {s['function']}: {s['from']!r} → {s['to']!r} matches no survivor")
    return 1 if unexplained or data["stale_equivalents"] else 0


if __name__ == "__main__":
    sys.exit(main())
