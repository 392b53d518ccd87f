"""``python -m devtools.ace`` (``make ace``): Ace by DAISY on both EPUBs.

Builds the books (:mod:`tools.epub`) into ``build/epub/``, runs the pinned
``@daisy/ace-cli`` (``node_modules``, ``npm ci`` with ``PUPPETEER_SKIP_DOWNLOAD=1``)
on each with Debian's Chromium, writes each full report to ``build/ace/<script>/``
and a summary — violations by impact, the accessibility metadata Ace found
missing — to ``bench/results/ace.json``. Exit status 1 when a book has a
serious or critical violation.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

from tools.epub import build_epubs
from tools.model import epub_name
from tools.paths import RAW, ROOT
from tools.pipeline import convert_file

ACE = ROOT / "node_modules" / ".bin" / "ace-cli"
OUT = ROOT / "build"
RESULT = ROOT / "bench" / "results" / "ace.json"
FAILING = ("serious", "critical")


def run(script: str, book: Path) -> dict:
    report_dir = OUT / "ace" / script
    env = dict(os.environ, PUPPETEER_EXECUTABLE_PATH=os.environ.get("PUPPETEER_EXECUTABLE_PATH", "/usr/bin/chromium"))
    proc = subprocess.run([str(ACE), "-f", "-s", "-o", str(report_dir), str(book)], env=env, capture_output=True, text=True)
    report_file = report_dir / "report.json"
    if not report_file.exists():
        raise SystemExit(f"ace-cli wrote no report for {book} (exit {proc.returncode}):\n{proc.stderr[-2000:]}")
    report = json.loads(report_file.read_text(encoding="utf-8"))
    impacts: Counter[str] = Counter()
    rules: Counter[str] = Counter()
    for doc in report.get("assertions", []):
        for a in doc.get("assertions", []):
            impacts[a["earl:test"]["earl:impact"]] += 1
            rules[a["earl:test"]["dct:title"]] += 1
    return {
        "book": book.name,
        "bytes": book.stat().st_size,
        "outcome": report["earl:result"]["earl:outcome"],
        "violations": dict(sorted(impacts.items())),
        "rules": dict(sorted(rules.items())),
        "metadata_missing": report.get("a11y-metadata", {}).get("missing", []),
        "ace": report.get("earl:assertedBy", {}).get("doap:release", {}).get("doap:revision", ""),
    }


def main() -> int:
    if not ACE.exists():
        print("ace-cli is not installed: PUPPETEER_SKIP_DOWNLOAD=1 npm ci", file=sys.stderr)
        return 2
    result = convert_file(RAW)
    books = build_epubs(result.annotations, OUT / "epub")
    summary = {script: run(script, OUT / "epub" / epub_name(script)) for script in result.annotations}
    assert len(books) == len(summary)
    RESULT.write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    bad = False
    for script, s in summary.items():
        print(f"{script}: {s['outcome']}, violations {s['violations'] or 'none'}, metadata missing {s['metadata_missing']}")
        bad |= any(s["violations"].get(i) for i in FAILING)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
