"""Command line: ``python -m tools <command>``.

Errors in the input print as ``file:line:col: what is wrong — how to fix it``
and exit with status 1; ``--debug`` adds the traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from .errors import PipelineError
from .paths import DOCS, RAW, SITE


def _convert(args: argparse.Namespace) -> int:
    from .build import stale_files
    from .pipeline import convert_file
    from .site import generated_files
    from .write import write_tree

    start = time.perf_counter()
    result = convert_file(args.source)
    files = generated_files(result)
    for line in result.report.lines():
        print(line)
    if args.report:
        args.report.write_text(json.dumps(result.report.to_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if args.check:
        stale = stale_files(args.out, files)
        if stale:
            print(
                f"{args.out}: {len(stale)} generated file(s) out of date: {', '.join(stale[:8])}"
                " — run `python -m tools convert` and commit docs/",
                file=sys.stderr,
            )
            return 1
        print(f"{args.out}: up to date ({len(files)} files)")
        return 0
    write_tree(args.out, files)
    print(f"wrote {len(files)} files to {args.out} in {time.perf_counter() - start:.2f} s")
    return 0


def _build(args: argparse.Namespace) -> int:
    from .build import build_site

    build_site(args.site_dir, pdf=not args.no_pdf, jobs=args.jobs)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m tools", description=__doc__.splitlines()[0])
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = parser.add_subparsers(dest="command", required=True)

    convert = sub.add_parser("convert", help="raw source → docs/ (Markdown in both scripts, document model)")
    convert.add_argument("--source", type=Path, default=RAW, help="raw text file (default: the bundled source)")
    convert.add_argument("--out", type=Path, default=DOCS, help="output directory (default: docs/)")
    convert.add_argument("--report", type=Path, help="also write the step report as JSON here")
    convert.add_argument("--check", action="store_true", help="only check that the output is up to date")
    convert.set_defaults(run=_convert)

    build = sub.add_parser("build", help="convert, then build the whole site, search index and PDFs into site/")
    build.add_argument("--site-dir", type=Path, default=SITE, help="output directory (default: site/)")
    build.add_argument("--no-pdf", action="store_true", help="skip the PDFs (faster while editing)")
    build.add_argument("--jobs", type=int, default=2, help="parallel PDF builds (default: 2)")
    build.set_defaults(run=_build)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except PipelineError as exc:
        if args.debug:
            raise
        print(f"error: {exc}", file=sys.stderr)
        return 1
