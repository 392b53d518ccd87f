"""``python -m tools build``: the whole site, from the bundled source to ``site/``.

Stages, timed and reported: convert (``docs/`` regenerated when it differs),
the MkDocs build of both scripts (the search index is written by a hook),
the PDFs and the EPUBs, then ``SHA256SUMS`` of every download
(:mod:`tools.checksums`). Dates are pinned so two builds give the same bytes:
``SOURCE_DATE_EPOCH`` defaults to the plan's 成文日期 at 00:00 UTC
(:attr:`tools.model.Document.written_epoch`, the date the PDFs carry too).
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

from .paths import DOCS, RAW, ROOT

log = logging.getLogger("tools.build")


def _stage(name: str, timings: dict[str, float]):
    class Timer:
        def __enter__(self):
            self.start = time.perf_counter()
            print(f"[{name}] …", flush=True)

        def __exit__(self, *exc):
            timings[name] = time.perf_counter() - self.start
            if exc[0] is None:
                print(f"[{name}] done in {timings[name]:.2f} s", flush=True)

    return Timer()


def stale_files(out: Path, files: dict[str, str]) -> list[str]:
    """The generated ``files`` that ``out`` does not hold as given, sorted: missing,
    different, or in ``out`` but no longer generated. Empty when ``out`` is up to date."""
    from .write import read_tree

    current = read_tree(out) if out.exists() else {}
    wanted = {k: v.encode("utf-8") for k, v in files.items()}
    return sorted(k for k in wanted.keys() | current.keys() if wanted.get(k) != current.get(k))


def convert_docs() -> tuple:
    """Regenerate ``docs/`` if it differs from what the source and tools give."""
    from .pipeline import convert_file
    from .site import generated_files
    from .write import write_tree

    result = convert_file(RAW)
    files = generated_files(result)
    if stale_files(DOCS, files):
        write_tree(DOCS, files)
        print(f"  docs/ regenerated ({len(files)} files)")
    else:
        print(f"  docs/ up to date ({len(files)} files)")
    return result


def mkdocs_build(site_dir: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site_dir.resolve()))
    build(config)


def build_site(site_dir: Path, pdf: bool = True, jobs: int = 2) -> dict[str, float]:
    """Build everything into ``site_dir``; return the time of each stage in seconds."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    timings: dict[str, float] = {}
    total = time.perf_counter()
    with _stage("convert", timings):
        result = convert_docs()
    # MkDocs dates the sitemap by it, the PDFs too (tools.pdf.source_date).
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(result.simplified.written_epoch))
    with _stage("site", timings):
        mkdocs_build(site_dir)
    if pdf:
        from .pdf.writer import Apparatus, build_pdfs

        with _stage("pdf", timings):
            documents = {"zh-Hans": result.simplified, "zh-Hant": result.traditional}
            paths = build_pdfs(documents, site_dir / "pdf", jobs=jobs, apparatus=Apparatus.of(result))
            print(f"  {len(paths)} PDFs in {site_dir / 'pdf'}")
    from .epub import FOLDER, build_epubs

    with _stage("epub", timings):
        books = build_epubs(result.annotations, site_dir / FOLDER)
        print(f"  {len(books)} EPUBs in {site_dir / FOLDER}")
    from .checksums import NAME, write_sha256sums

    # Last: it lists every download written before it (PDFs, EPUBs, citation files, document.json).
    print(f"  {NAME}: {write_sha256sums(site_dir)} files")
    timings["total"] = time.perf_counter() - total
    print(f"built {site_dir} in {timings['total']:.1f} s")
    return timings
