"""``python -m tools.bench_build --site-dir DIR --json FILE``: one whole build, timed stage by stage.

Runs :func:`tools.build.build_site` — the function behind ``python -m tools
build`` — unchanged, and only listens in, to split what the command reports as
one "site" stage into the parts the benchmark reports:

* each script's MkDocs build: mkdocs-static-i18n builds zh-Hans, then, from
  inside its ``on_post_build``, zh-Hant. A language's build is timed from its
  first ``on_config`` event to the start of its ``on_post_build`` events
  (pages, assets, sitemap written);
* the search index: ``tools/hooks/search_index.py``'s ``on_post_build``,
  wrapped in place (same position among the post-build events). It runs once
  per language build and writes both scripts' indexes each time;
* each PDF: the per-file times :mod:`tools.pdf` logs (measured in the worker
  that renders it).

Listening costs microseconds; nothing the build writes changes. The numbers
are written as JSON for :mod:`tools.bench`.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

from . import build

EVENTS: list[tuple[str, str, float]] = []  # (event, language, perf_counter)
INDEX_CALLS: list[float] = []  # seconds per call of the search index hook
PDF_RECORDS: list[dict] = []


def _language(config) -> str:
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return config.theme.get("language", "?")
    return i18n.current_language or i18n.default_language


def _instrumented_mkdocs_build(site_dir: Path) -> None:
    """``tools.build.mkdocs_build`` with timing listeners registered on the loaded config."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    config = load_config(str(build.ROOT / "mkdocs.yml"), site_dir=str(site_dir.resolve()))
    events = config.plugins.events

    def mark_config(config):
        EVENTS.append(("start", _language(config), time.perf_counter()))
        return config

    events["config"].insert(0, mark_config)
    hooked = [i for i, m in enumerate(events["post_build"]) if m.__code__.co_filename.endswith("search_index.py")]
    if len(hooked) != 1:
        raise SystemExit("tools/hooks/search_index.py's on_post_build is not registered once: update tools/bench_build.py")
    original = events["post_build"][hooked[0]]

    def timed_index(config):
        EVENTS.append(("pages", _language(config), time.perf_counter()))
        start = time.perf_counter()
        try:
            return original(config=config)
        finally:
            INDEX_CALLS.append(time.perf_counter() - start)

    events["post_build"][hooked[0]] = timed_index
    mkdocs_build(config)
    EVENTS.append(("end", "", time.perf_counter()))


class _PdfLog(logging.Handler):
    """Collects tools.pdf's per-file log records ("%s: %d pages, %d KB, %.1f s")."""

    def emit(self, record: logging.LogRecord) -> None:
        if record.msg == "%s: %d pages, %d KB, %.1f s":
            name, pages, _kb, seconds = record.args
            PDF_RECORDS.append({"file": name, "pages": pages, "seconds": round(seconds, 3)})


def script_times() -> dict[str, float]:
    """Seconds of each language's MkDocs build (pages, without the search index hook)."""
    starts: dict[str, float] = {}
    out: dict[str, float] = {}
    for event, language, at in EVENTS:
        if event == "start":
            starts[language] = at
        elif event == "pages" and language in starts and language not in out:
            out[language] = at - starts[language]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench_build", description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, required=True)
    parser.add_argument("--json", type=Path, required=True, help="write the timings here")
    parser.add_argument("--no-pdf", action="store_true")
    args = parser.parse_args(argv)

    pdf_log = logging.getLogger("tools.pdf")
    pdf_log.setLevel(logging.INFO)
    pdf_log.propagate = False
    pdf_log.addHandler(_PdfLog())
    build.mkdocs_build = _instrumented_mkdocs_build
    stages = build.build_site(args.site_dir, pdf=not args.no_pdf)
    pdfs = []
    for record in PDF_RECORDS:
        path = args.site_dir / "pdf" / record["file"]
        pdfs.append({**record, "bytes": path.stat().st_size})
    result = {
        "stages": {k: round(v, 4) for k, v in stages.items()},
        "scripts": {k: round(v, 4) for k, v in script_times().items()},
        "search_index_calls": [round(v, 4) for v in INDEX_CALLS],
        "pdfs": sorted(pdfs, key=lambda p: p["file"]),
    }
    args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
