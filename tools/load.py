"""Stage 1 — load: bytes on disk to one ``str`` with ``\\n`` line ends.

Accepts UTF-8 with or without a BOM and with LF, CRLF or CR line ends, and gives
the same text for all of them. Rejects, with a located error and a fix, what is
not UTF-8 text: empty files, binary files, UTF-16 and GBK/GB18030 files.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .errors import PipelineError

UTF8_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Source:
    """The raw source as text, with what loading normalised.

    ``sha256`` is the digest of the text as UTF-8 with LF line ends and no
    BOM; for the bundled source (stored that way) it is the file's digest,
    and a copy saved with a BOM or CRLF line ends gives the same output.
    """

    path: Path
    text: str
    sha256: str
    had_bom: bool
    had_crlf: bool


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of byte ``offset``."""
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[start:offset].decode("utf-8", errors="replace")) + 1
    return line, column


def decode_source(data: bytes, path: Path | str = "<source>") -> Source:
    """Decode raw bytes, or raise :class:`PipelineError` saying how to fix them.

    >>> decode_source("第一章\\r\\n".encode()).text
    '第一章\\n'
    """
    if not data.strip():
        raise PipelineError("the source file is empty", "point the build at the raw text of the plan", path)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or data[:200].count(b"\x00") > 20:
        raise PipelineError(
            "the source looks UTF-16 encoded",
            "convert it to UTF-8, e.g. iconv -f UTF-16 -t UTF-8 in.txt > out.txt",
            path,
            1,
            1,
        )
    had_bom = data.startswith(UTF8_BOM)
    body = data[len(UTF8_BOM) :] if had_bom else data
    nul = body.find(b"\x00")
    if nul >= 0:
        line, column = _position(body, nul)
        raise PipelineError(
            "the source contains NUL bytes: it is a binary file, not text",
            "use the plain-text (UTF-8) scrape of the page",
            path,
            line,
            column,
        )
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _position(body, exc.start)
        hint = "save the file as UTF-8"
        try:
            body.decode("gb18030")
            hint = "it looks GBK/GB18030 encoded; convert it, e.g. iconv -f GB18030 -t UTF-8 in.txt > out.txt"
        except UnicodeDecodeError:
            pass
        raise PipelineError(f"not valid UTF-8 (byte 0x{body[exc.start]:02X})", hint, path, line, column) from None
    had_crlf = "\r" in text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Source(Path(path), text, sha, had_bom, had_crlf)


def load_source(path: Path) -> Source:
    """Read and decode the raw source file at ``path``."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PipelineError(f"cannot read the source: {exc.strerror}", "check the path", path) from None
    return decode_source(data, path)
