"""``python -m devtools.breakages`` (``make breakages``): deliberate breakages the tests must notice.

Issue 9 asked that each of these wrong programs fail ``make test`` once ``docs/``
is regenerated from it. Each breakage is a small, exact source patch: every
replacement must match exactly once, or the command stops and says the code
moved. For each one, in a temporary copy of the repository (the tracked files
as they are in the working tree; the real tree is never touched), the command

1. applies the patch,
2. regenerates ``docs/`` (``python -m tools convert``), as a developer would,
3. runs the whole test suite but ``devtools/tests/test_breakages.py`` (``--quick``: only the
   files expected to catch it),
4. records which tests failed.

A first run on an unpatched copy must pass, so every failure afterwards is the
breakage's. The result goes to ``bench/results/breakages.json`` and a table to
standard output. Exit status: 0 when every breakage failed some test, 1 when one
went unnoticed, 2 when a patch no longer applies or the baseline is not green.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "bench" / "results" / "breakages.json"


@dataclass(frozen=True)
class Patch:
    """Replace ``old`` by ``new`` in the file ``path`` (relative to the repository); ``old`` must occur once."""

    path: str
    old: str
    new: str


@dataclass(frozen=True)
class Breakage:
    name: str
    what: str  # one line, for the report
    patches: tuple[Patch, ...]
    catchers: tuple[str, ...]  # the test files expected to notice it (run alone with --quick)


def _paragraph_text(change: str) -> tuple[Patch, Patch]:
    """Patches that pass every paragraph's text — its lead sentence and the rest — through ``change`` when rendered."""
    return (
        Patch("tools/render/pages.py", "inline(p.lead, ctx,", f"inline(p.lead{change}, ctx,"),
        Patch("tools/render/pages.py", "inline(p.rest, ctx,", f"inline(p.rest{change}, ctx,"),
    )


BREAKAGES = (
    Breakage(
        "lead-lengths",
        "every lead length set to 0 inside tools.search.units()",
        (
            Patch(
                "tools/search.py", "(p.anchor, p.text, len(p.lead)) for p in c.intro", "(p.anchor, p.text, 0) for p in c.intro"
            ),
            Patch(
                "tools/search.py",
                "(p.anchor, p.text, len(p.lead)) for p in s.paragraphs",
                "(p.anchor, p.text, 0) for p in s.paragraphs",
            ),
        ),
        ("tests/test_search_index.py", "tests/test_search.py"),
    ),
    Breakage(
        "semicolons",
        "in rendering, every ； of every paragraph written as ，",
        _paragraph_text('.replace("；", "，")'),
        ("tests/test_fidelity.py", "tests/test_units_render.py"),
    ),
    Breakage(
        "quotes",
        "in rendering, every “ and ” of every paragraph dropped",
        _paragraph_text('.replace("“", "").replace("”", "")'),
        ("tests/test_fidelity.py", "tests/test_units_render.py"),
    ),
    Breakage(
        "build-date",
        "the build date moved to 2023-10-07 where it is defined (Document.written_epoch, one day later)",
        (
            Patch(
                "tools/model/__init__.py",
                'return calendar.timegm(date.fromisoformat(self.field("date_written")).timetuple())',
                'return calendar.timegm(date.fromisoformat(self.field("date_written")).timetuple()) + 86400',
            ),
        ),
        ("tests/test_reproducible.py", "tests/test_pdf.py", "tests/test_units_model.py"),
    ),
    Breakage(
        "glossary-order",
        "glossary sort_key switched to code-point order of the term",
        (Patch("tools/data/pinyin.py", "    return (plain, tones(basis), term)\n", "    return (term,)\n"),),
        ("tests/test_glossary.py",),
    ),
    Breakage(
        "notice-anchor",
        "the notice anchor notice-number renamed where it is made (tools.model.Notice.parts)",
        (Patch("tools/model/__init__.py", 'NoticePart("notice-number",', 'NoticePart("notice-docnumber",'),),
        ("tests/test_locate.py", "tests/test_units_render.py", "tests/test_search_index.py"),
    ),
    Breakage(
        "pdf-mark-inside",
        "the PDFs' emendation marks moved 30 mm into the type area (plan.typ's mark-gap, outer margin → body)",
        (Patch("tools/pdf/plan.typ", "#let mark-gap = 4mm\n", "#let mark-gap = -30mm\n"),),
        ("tests/test_pdf.py",),
    ),
    Breakage(
        "pdf-figure-dropped",
        "the editor's map page left out of the whole-plan PDF (tools.pdf.writer.part_data)",
        (
            Patch(
                "tools/pdf/writer.py",
                "figure = [figure_block(doc, apparatus, faces)] if apparatus.map is not None else []",
                "figure = []",
            ),
        ),
        ("tests/test_pdf.py",),
    ),
    Breakage(
        "palette-rewrites",
        "palette.js writes the body's colour attributes at start-up whether they changed or not, as Material did",
        (
            Patch(
                "overrides/assets/javascripts/palette.js",
                "if (value !== null && body.getAttribute(name) !== value) body.setAttribute(name, value);",
                "if (value !== null) body.setAttribute(name, value);",
            ),
        ),
        ("tests/test_palette.py",),
    ),
)


class BreakageError(Exception):
    """A breakage that cannot be tried: its patch no longer applies, or the unpatched suite fails."""


def patched(text: str, patch: Patch) -> str:
    """``text`` with ``patch`` applied; ``patch.old`` must occur exactly once.

    >>> patched("a = f(x)\\n", Patch("m.py", "f(x)", "g(x)"))
    'a = g(x)\\n'
    >>> patched("f(x) + f(x)", Patch("m.py", "f(x)", "g(x)"))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    devtools.breakages.BreakageError: m.py: 'f(x)' occurs 2 times, not once — the code moved: ...
    """
    count = text.count(patch.old)
    if count != 1:
        raise BreakageError(
            f"{patch.path}: {patch.old!r} occurs {count} times, not once — "
            "the code moved: update the patch in devtools/breakages.py"
        )
    return text.replace(patch.old, patch.new)


def copy_tree(dest: Path) -> None:
    """The tracked files of the working tree, as they are now (uncommitted edits included), into ``dest``."""
    names = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, names):
        source = ROOT / name
        if source.is_file():  # a tracked file deleted in the working tree is left out
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)


def failed_tests(junit_xml: str) -> list[str]:
    """Node ids of the failed and erroring tests in a JUnit XML report of pytest.

    >>> failed_tests('<testsuites><testsuite><testcase classname="tests.test_a" name="test_x[a b]"><failure/></testcase>'
    ...              '<testcase classname="tests.test_a" name="test_y"/>'
    ...              '<testcase classname="tools.render" name="escape_md"><error/></testcase></testsuite></testsuites>')
    ['tests/test_a.py::test_x[a b]', 'tools/render.py::escape_md']
    """
    failed = []
    for case in ET.fromstring(junit_xml).iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            failed.append(case.get("classname", "").replace(".", "/") + ".py::" + case.get("name", ""))
    return failed


def _env(copy: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "MUTANT_UNDER_TEST")}
    return env | {"PYTHONPATH": str(copy)}


def run_suite(copy: Path, tests: Iterable[str]) -> tuple[list[str], int]:
    """Run pytest in ``copy`` (on ``tests``, or everything when empty): the failed tests and pytest's exit status.

    ``devtools/tests/test_breakages.py`` is left out: it checks that the patches still apply,
    which in a patched copy they no longer do.
    """
    junit = copy / ".breakage-junit.xml"
    args = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "--ignore=devtools/tests/test_breakages.py",
        f"--junitxml={junit}",
    ]
    args += list(tests)
    proc = subprocess.run(args, cwd=copy, env=_env(copy), capture_output=True, text=True)
    if not junit.exists():
        raise BreakageError(f"pytest wrote no report (exit {proc.returncode}):\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    return failed_tests(junit.read_text(encoding="utf-8")), proc.returncode


def convert(copy: Path) -> list[str]:
    """Regenerate ``docs/`` in ``copy``; the generated files that differ from the real tree's."""
    proc = subprocess.run([sys.executable, "-m", "tools", "convert"], cwd=copy, env=_env(copy), capture_output=True, text=True)
    if proc.returncode != 0:
        raise BreakageError(f"python -m tools convert failed in the patched copy:\n{proc.stderr.strip()}")
    docs = copy / "docs"
    return sorted(
        str(p.relative_to(copy))
        for p in docs.rglob("*")
        if p.is_file()
        and (not (ROOT / p.relative_to(copy)).is_file() or (ROOT / p.relative_to(copy)).read_bytes() != p.read_bytes())
    )


def try_breakage(breakage: Breakage | None, quick: bool) -> dict:
    """Apply ``breakage`` (``None``: the unpatched baseline) in a fresh copy, regenerate ``docs/``, run the tests."""
    tests = sorted({t for b in BREAKAGES for t in b.catchers}) if breakage is None else list(breakage.catchers)
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="qd-breakage-") as tmp:
        copy = Path(tmp)
        copy_tree(copy)
        for patch in breakage.patches if breakage else ():
            target = copy / patch.path
            target.write_text(patched(target.read_text(encoding="utf-8"), patch), encoding="utf-8")
        changed = convert(copy)
        failed, status = run_suite(copy, tests if quick else [])
    return {
        "name": breakage.name if breakage else "baseline",
        "what": breakage.what if breakage else "no change",
        "patches": [vars(p) for p in breakage.patches] if breakage else [],
        "docs_changed": changed,
        "pytest_exit": status,
        "failed": failed,
        "noticed": bool(failed) and status != 0,
        "seconds": round(time.monotonic() - start, 1),
    }


def summarise(failed: list[str], per_file: int = 3) -> str:
    """The failed tests grouped by file: their names when few, else a count.

    >>> summarise(["tests/test_a.py::t1", "tests/test_b.py::t2[x]", "tests/test_b.py::t2[y]", "tests/test_b.py::t3",
    ...            "tests/test_b.py::t4"])
    '`test_a.py::t1`; `test_b.py` (4 tests)'
    """
    files: dict[str, list[str]] = {}
    for node in failed:
        path, _, name = node.partition("::")
        files.setdefault(Path(path).name, []).append(name)
    parts = []
    for name, tests in files.items():
        parts += [f"`{name}::{t}`" for t in tests] if len(tests) <= per_file else [f"`{name}` ({len(tests)} tests)"]
    return "; ".join(parts) or "**none: unnoticed**"


def table(results: list[dict]) -> str:
    rows = ["| breakage | docs/ files changed | tests that failed |", "|---|---|---|"]
    rows += [f"| {r['what']} | {len(r['docs_changed'])} | {summarise(r['failed'])} |" for r in results]
    return "\n".join(rows)


def _commit() -> str:
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True, text=True)
    return head + ("+uncommitted" if dirty.stdout.strip() else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m devtools.breakages", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="run only the test files expected to catch each breakage")
    parser.add_argument(
        "--only", action="append", choices=[b.name for b in BREAKAGES], help="try only this breakage (repeatable)"
    )
    args = parser.parse_args(argv)
    chosen = [b for b in BREAKAGES if not args.only or b.name in args.only]
    started = datetime.now(UTC)
    try:
        for breakage in chosen:  # every patch must apply before anything runs
            for patch in breakage.patches:
                patched((ROOT / patch.path).read_text(encoding="utf-8"), patch)
        print("baseline: the unpatched copy …", flush=True)
        baseline = try_breakage(None, args.quick)
        if baseline["failed"] or baseline["pytest_exit"] != 0:
            raise BreakageError(f"the unpatched suite fails ({summarise(baseline['failed'])}): fix it first")
        results = []
        for breakage in chosen:
            print(f"{breakage.name}: {breakage.what} …", flush=True)
            results.append(try_breakage(breakage, args.quick))
            print(f"  {summarise(results[-1]['failed'])} ({results[-1]['seconds']} s)", flush=True)
    except BreakageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    data = {
        "date": started.strftime("%Y-%m-%d %H:%M UTC"),
        "commit": _commit(),
        "mode": "quick: the expected test files only" if args.quick else "the whole suite",
        "baseline_seconds": baseline["seconds"],
        "breakages": results,
    }
    if not args.quick and not args.only:  # the record the README quotes is of a complete run
        REPORT.parent.mkdir(parents=True, exist_ok=True)
        REPORT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {REPORT.relative_to(ROOT)}")
    print(table(results))
    unnoticed = [r["name"] for r in results if not r["noticed"]]
    if unnoticed:
        print(f"unnoticed: {', '.join(unnoticed)}", file=sys.stderr)
    return 1 if unnoticed else 0


if __name__ == "__main__":
    sys.exit(main())
