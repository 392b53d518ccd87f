"""``SHA256SUMS`` at the site's root: the digest of every downloadable file.

The list is open by folder: every file in :data:`DOWNLOAD_FOLDERS` (the PDFs,
the citation files, and the EPUBs once they are built into ``epub/``) and the
open-data models ``document.json`` of both scripts. Lines are what
``sha256sum`` writes (digest, two spaces, path from the site's root), sorted
by path, so ``cd site && sha256sum -c SHA256SUMS`` checks a download.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from .model import CITE_FOLDER, PDF_FOLDER, site_path
from .paths import SCRIPTS

NAME = "SHA256SUMS"
# Folders at the site's root whose every file is a download (another builder joins by writing into one).
DOWNLOAD_FOLDERS = (PDF_FOLDER, CITE_FOLDER, "epub")


def downloads(site: Path) -> list[str]:
    """Every downloadable file under ``site``, as POSIX paths from its root, sorted."""
    found = [p for folder in DOWNLOAD_FOLDERS for p in (site / folder).rglob("*") if p.is_file()]
    found += [site / site_path(s, "document.json") for s in SCRIPTS]
    return sorted(p.relative_to(site).as_posix() for p in found if p.is_file())


def sha256sums(site: Path) -> str:
    """The text of ``SHA256SUMS`` for ``site``."""
    return "".join(f"{hashlib.sha256((site / rel).read_bytes()).hexdigest()}  {rel}\n" for rel in downloads(site))


def write_sha256sums(site: Path) -> int:
    """Write ``site/SHA256SUMS``; return how many files it lists."""
    text = sha256sums(site)
    (site / NAME).write_text(text, encoding="utf-8", newline="\n")
    return text.count("\n")
