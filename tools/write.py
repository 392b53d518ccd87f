"""Stage 8 — write: generated files to disk, all or nothing.

The whole tree is written into a temporary sibling directory and swapped in
with renames, so a failed run leaves the previous ``docs/`` untouched and no
reader ever sees a half-written tree. Text is UTF-8 with ``\\n`` line ends.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from pathlib import Path


def write_tree(target: Path, files: Mapping[str, str | bytes]) -> None:
    """Replace directory ``target`` by exactly ``files`` (relative path → content)."""
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.parent / f".{target.name}.tmp-{os.getpid()}"
    old = target.parent / f".{target.name}.old-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        for rel, content in sorted(files.items()):
            path = tmp / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                with path.open("w", encoding="utf-8", newline="\n") as fh:
                    fh.write(content)
        if target.exists():
            os.rename(target, old)
        os.rename(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        if old.exists() and not target.exists():
            os.rename(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)


def read_tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` by relative POSIX path (for staleness checks)."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
