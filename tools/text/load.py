"""Stage 1 — load: a file on disk to one ``str`` with ``\\n`` line ends.

Accepts UTF-8 with or without a BOM and with LF, CRLF or CR line ends, and gives
the same text for all of them. Rejects, with a located error and a fix, what is
not UTF-8 text: a path that is missing, a folder or unreadable, empty files,
binary files, UTF-16 and GBK/GB18030 files, and text with invisible characters
in it (:data:`INVISIBLE_CATEGORIES`). The curated data files are read the same way
(:func:`read_text`).
"""

from __future__ import annotations

import hashlib
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..errors import PipelineError
from . import line_col

UTF8_BOM = b"\xef\xbb\xbf"

# Invisible characters: Unicode general category Cf (format characters: zero
# width space, non-joiner and joiner U+200B–U+200D, the bidirectional controls
# U+200E–U+200F, U+202A–U+202E and U+2066–U+2069, word joiner U+2060, soft
# hyphen U+00AD, a BOM U+FEFF anywhere but the start of the file, tag
# characters …; 163 code points in Unicode 14.0, the version of Python 3.11's
# unicodedata), plus the line and paragraph separators U+2028 and U+2029
# (categories Zl, Zp), which the pipeline would not treat as line ends. None of
# them occurs in the bundled source; each would reach the pages unseen and
# break search, so each is refused with its position.
INVISIBLE_CATEGORIES = ("Cf", "Zl", "Zp")


def is_invisible(ch: str) -> bool:
    """True for the characters :data:`INVISIBLE_CATEGORIES` names.

    >>> [is_invisible(c) for c in "\u200b\u00ad\u202e\ufeff\u2028发 \u3000"]
    [True, True, True, True, True, False, False, False]
    """
    return unicodedata.category(ch) in INVISIBLE_CATEGORIES


def invisible_offsets(text: str) -> list[int]:
    """Offsets of the invisible characters in ``text`` (each distinct character is classified once)."""
    invisible = {ch for ch in set(text) if is_invisible(ch)}
    return [i for i, ch in enumerate(text) if ch in invisible]


def describe_char(ch: str) -> str:
    """``U+200B ZERO WIDTH SPACE``: how an error message names a character.

    >>> describe_char("\\u00ad"), describe_char("\\ufeff")
    ('U+00AD SOFT HYPHEN', 'U+FEFF ZERO WIDTH NO-BREAK SPACE (byte order mark)')
    """
    name = unicodedata.name(ch, "unnamed character")
    return f"U+{ord(ch):04X} {name}" + (" (byte order mark)" if ch == "\ufeff" else "")


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


def check_visible(text: str, path: Path | str | None = None) -> None:
    """Refuse invisible characters (:data:`INVISIBLE_CATEGORIES`), naming the first and counting the rest.

    Positions are those of ``text`` with ``\\n`` line ends, which are the
    file's own lines and columns.
    """
    found = invisible_offsets(text)
    if not found:
        return
    first = found[0]
    line, column = line_col(text, first)
    more = ""
    if len(found) > 1:
        lines = sorted({line_col(text, i)[0] for i in found[1:]})
        shown = ", ".join(map(str, lines[:8])) + (" …" if len(lines) > 8 else "")
        more = f" (and {len(found) - 1} more, on line{'s' if len(lines) > 1 else ''} {shown})"
    raise PipelineError(
        f"invisible character {describe_char(text[first])}{more}",
        "delete it: format characters (Unicode category Cf) and line separators are not part of the text, "
        "and they would reach the pages unseen and break search; "
        r"perl -CSD -pi -e 's/[\p{Cf}\x{2028}\x{2029}]//g' FILE deletes them all",
        path,
        line,
        column,
    )


def decode_text(data: bytes, path: Path | str) -> tuple[str, bool, bool]:
    """UTF-8 bytes → (text with ``\\n`` line ends, had a BOM, had CR line ends); errors located."""
    had_bom = data.startswith(UTF8_BOM)
    body = data[len(UTF8_BOM) :] if had_bom else data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _position(body, exc.start)
        if exc.reason == "unexpected end of data":
            raise PipelineError(
                "the file ends inside a character: it was cut short", "use the complete file", path, line, column
            ) from None
        hint = "save the file as UTF-8"
        try:
            body.decode("gb18030")
            hint = "it looks GBK/GB18030 encoded; convert it, e.g. iconv -f GB18030 -t UTF-8 in.txt > out.txt"
        except UnicodeDecodeError:
            pass
        raise PipelineError(f"not valid UTF-8 (byte 0x{body[exc.start]:02X})", hint, path, line, column) from None
    had_crlf = "\r" in text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    check_visible(text, path)
    return text, had_bom, had_crlf


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
    body = data[len(UTF8_BOM) :] if data.startswith(UTF8_BOM) else data
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
    text, had_bom, had_crlf = decode_text(data, path)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Source(Path(path), text, sha, had_bom, had_crlf)


def read_file(path: Path, what: str) -> bytes:
    """The bytes of the regular file ``path``, or one clear error saying what is wrong with the path (``what`` it should be)."""
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise PipelineError("this is a folder, not a file", f"give the path of the {what} itself", path)
        if not stat.S_ISREG(mode):  # a FIFO, socket or device: reading it could block or never end
            raise PipelineError(
                "this is not a regular file (a pipe, socket or device)",
                f"save the {what} to a file and give that file's path",
                path,
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise PipelineError("no such file", f"check the path of the {what}", path) from None
    except NotADirectoryError:
        raise PipelineError("a part of this path is a file, not a folder", f"check the path of the {what}", path) from None
    except PermissionError:
        raise PipelineError(
            "permission denied: the file cannot be read", "make it readable (chmod u+r), or copy it somewhere readable", path
        ) from None
    except OSError as exc:
        raise PipelineError(f"cannot read the file: {exc.strerror}", f"check the path of the {what}", path) from None


def load_source(path: Path) -> Source:
    """Read and decode the raw source file at ``path``: the one way the pipeline reads it."""
    return decode_source(read_file(path, "raw text file"), path)


def read_text(path: Path) -> str:
    """A curated data file as text: UTF-8, ``\\n`` line ends, no invisible characters."""
    return decode_text(read_file(path, "data file"), path)[0]
