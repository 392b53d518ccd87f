"""``python -m devtools.bench_build --site-dir DIR --json FILE``: one whole build, timed stage by stage.

Runs :func:`tools.build.build_site` — the function behind ``python -m tools
build`` — unchanged and unpatched, and reads the times of its parts from the
log records MkDocs and the pipeline write anyway (what ``mkdocs build
--verbose`` prints), to split what the command reports as one "site" stage into
the parts the benchmark reports:

* each script's MkDocs build: mkdocs-static-i18n builds zh-Hans, then, from
  inside its ``on_post_build``, zh-Hant. MkDocs logs ``Running `<event>` event
  from plugin '<name>'`` before each plugin or hook method it calls (at DEBUG),
  and the i18n plugin ``Building '<language>' documentation …`` (at INFO). A
  language's build is timed from its first ``config`` event to its first
  ``post_build`` event (pages, assets, sitemap written);
* the search index: the ``post_build`` event of the hook MkDocs names
  :data:`SEARCH_HOOK` (its entry in ``mkdocs.yml``'s ``hooks``), from MkDocs'
  record before it to the next record MkDocs writes after it. It runs once per
  language build and writes that script's index each time;
* each PDF: the per-file times the pipeline logs at INFO (``<file>: <n>
  pages, <k> KB, <s> s``, measured in the worker that renders it).

Listening costs microseconds a record; nothing the build writes changes, and
warnings still reach standard error. The numbers are written as JSON for
:mod:`devtools.bench`. A record it needs that never comes (a renamed hook, a
changed message) stops it with a message rather than give a wrong figure.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from tools import build

# The search index hook as mkdocs.yml lists it under `hooks:`, which is the name MkDocs logs it by.
SEARCH_HOOK = "tools/hooks/search_index.py"

EVENT = re.compile(r"Running `(\w+)` event from plugin '(.+)'")
LANGUAGE = re.compile(r"Building '([^']+)' documentation")
BUILT = re.compile(r"Documentation built in ")
PDF_FILE = "%s: %d pages, %d KB, %.1f s"


@dataclass
class Record:
    at: float  # time.perf_counter() when the record was written
    event: str = ""  # MkDocs event name ("config", "post_build", …) or "" for another record
    plugin: str = ""
    language: str = ""


class _Listener(logging.Handler):
    """Keeps the time of MkDocs' event records, the i18n plugin's language records
    and the pipeline's per-PDF records."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.mkdocs: list[Record] = []
        self.pdfs: list[dict] = []

    def emit(self, record: logging.LogRecord) -> None:
        at = time.perf_counter()
        if record.name.startswith("mkdocs"):
            message = record.getMessage()
            if m := EVENT.match(message):
                self.mkdocs.append(Record(at, event=m[1], plugin=m[2]))
            elif m := LANGUAGE.search(message):
                self.mkdocs.append(Record(at, language=m[1]))
            elif BUILT.match(message):
                self.mkdocs.append(Record(at, event="built"))
        elif record.msg == PDF_FILE:
            name, pages, _kb, seconds = record.args
            self.pdfs.append({"file": name, "pages": pages, "seconds": round(seconds, 3)})


def script_times(records: list[Record]) -> dict[str, float]:
    """Seconds of each language's MkDocs build: from its first ``config`` event to its first ``post_build`` event.

    >>> script_times([Record(1.0, "config", "h"), Record(1.1, "config", "i18n"), Record(1.2, language="zh-Hans"),
    ...               Record(3.0, "post_build", "h"), Record(3.5, "post_build", "i18n"), Record(3.6, "config", "h"),
    ...               Record(3.7, language="zh-Hant"), Record(5.6, "post_build", "h"), Record(6.0, "built")])
    {'zh-Hans': 2.0, 'zh-Hant': 2.0}
    """
    out: dict[str, float] = {}
    start = language = None
    for r in records:
        if r.event == "config" and start is None:
            start, language = r.at, None
        elif r.language and start is not None:
            language = r.language
        elif r.event == "post_build" and start is not None:
            if language is None:
                raise SystemExit("no i18n 'Building <language> documentation' record in a build: update devtools/bench_build.py")
            out[language] = round(r.at - start, 4)
            start = None
    return out


def hook_calls(records: list[Record], plugin: str, event: str = "post_build") -> list[float]:
    """Seconds of each call of ``plugin``'s ``event``: from MkDocs' record before it to the next event record.

    >>> hook_calls([Record(3.0, "post_build", "h"), Record(3.25, "post_build", "i18n"), Record(5.5, "post_build", "h"),
    ...             Record(6.0, "built")], "h")
    [0.25, 0.5]
    """
    calls = []
    for i, r in enumerate(records):
        if r.event == event and r.plugin == plugin:
            following = next((n for n in records[i + 1 :] if n.event), None)
            if following is None:
                raise SystemExit(f"no MkDocs record after {plugin}'s {event}: update devtools/bench_build.py")
            calls.append(round(following.at - r.at, 4))
    return calls


def _listen(listener: _Listener) -> None:
    """Send MkDocs' records from DEBUG and the pipeline's from INFO to ``listener``; warnings still go to stderr."""
    stderr = logging.StreamHandler(sys.stderr)
    stderr.setLevel(logging.WARNING)
    stderr.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    for name, level in (("mkdocs", logging.DEBUG), ("tools", logging.INFO)):
        logger = logging.getLogger(name)
        logger.setLevel(level)
        logger.propagate = False
        logger.addHandler(listener)
        logger.addHandler(stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m devtools.bench_build", description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, required=True)
    parser.add_argument("--json", type=Path, required=True, help="write the timings here")
    parser.add_argument("--no-pdf", action="store_true")
    args = parser.parse_args(argv)

    listener = _Listener()
    _listen(listener)
    stages = build.build_site(args.site_dir, pdf=not args.no_pdf)
    index_calls = hook_calls(listener.mkdocs, SEARCH_HOOK)
    if not index_calls:
        raise SystemExit(f"MkDocs ran no post_build event of {SEARCH_HOOK}: update SEARCH_HOOK in devtools/bench_build.py")
    if not args.no_pdf and not listener.pdfs:
        raise SystemExit(f"no per-file PDF record ({PDF_FILE!r}) was logged: update devtools/bench_build.py")
    pdfs = []
    for record in listener.pdfs:
        path = args.site_dir / "pdf" / record["file"]
        pdfs.append({**record, "bytes": path.stat().st_size})
    result = {
        "stages": {k: round(v, 4) for k, v in stages.items()},
        "scripts": script_times(listener.mkdocs),
        "search_index_calls": index_calls,
        "pdfs": sorted(pdfs, key=lambda p: p["file"]),
    }
    args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
