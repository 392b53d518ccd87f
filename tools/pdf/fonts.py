"""The fonts of the PDFs: which face sets each script, the files Typst is given, and the coverage check.

Fonts are named explicitly per script — Simplified faces for zh-Hans,
Traditional faces for zh-Hant — and Typst is given only the directories of
those files, never the system's fonts (``ignore_system_fonts``), so another
machine's fonts cannot change the output. The standard's body face is 仿宋: a
FangSong face is used for a script only when it covers every character that
script's document uses (checked on every build); otherwise the body falls back
to Noto Serif CJK, the closest complete free face. See :data:`FANGSONG`.

Typst draws a character that no listed face has as nothing, without an error
or a warning (measured with Typst 0.15.1), so :func:`check_coverage` stops the
build first, naming the character and where the text uses it. Typst subsets
and renumbers the glyphs itself: no font cutting is needed.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..errors import PipelineError
from ..model import Document
from ..ui import t

log = logging.getLogger("tools.pdf")  # one logger for the PDF stage (the benchmark reads it)

# The Hei (sans) and Song (serif) faces of each script, as fontconfig names
# them (`fc-list : family`). SC and TC carry the Simplified and Traditional
# glyph forms; the Debian package fonts-noto-cjk provides both.
SANS = {"zh-Hans": "Noto Sans CJK SC", "zh-Hant": "Noto Sans CJK TC"}
SERIF = {"zh-Hans": "Noto Serif CJK SC", "zh-Hant": "Noto Serif CJK TC"}


@dataclass(frozen=True)
class FangSong:
    """A FangSong face, loaded from its file because fontconfig does not list it."""

    family: str  # the family name Typst reads from the file (its typographic family)
    file: str  # file name, looked up in ``dirs``
    dirs: tuple[str, ...]
    package: str  # the Debian package that installs it


# FangSong candidates per script, best first. Coverage of the distinct
# characters each script's text uses (measured with fontTools, see the README):
# FandolFang has all 1,172 of the Simplified text (and all 6,763 GB 2312
# hanzi) but only 1,121 of the 1,183 of the Traditional; cwTeX Q FangSong has
# all 13,051 Big5 hanzi but only 767 of the Simplified text, and lacks 疃
# (付疃河, 第八章) in the Traditional. So Simplified is set in FandolFang and
# Traditional falls back to Noto Serif CJK TC, which has all 1,183.
# Typst names FandolFang-Regular.otf "FandolFang R" (fontconfig: "FandolFang").
FANGSONG: dict[str, tuple[FangSong, ...]] = {
    "zh-Hans": (
        FangSong(
            "FandolFang R",
            "FandolFang-Regular.otf",
            (
                "/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol",
                "/usr/local/share/texmf/fonts/opentype/public/fandol",
            ),
            "texlive-lang-chinese",
        ),
    ),
    "zh-Hant": (),
}


@dataclass(frozen=True)
class Faces:
    """The font families one script's PDFs are set in (as Typst names them), and the directories behind them."""

    script: str
    body: str  # running text: FangSong when complete, else Song
    song: str  # titles, lead sentences, page numbers
    hei: str  # chapter and section headings, the contents
    fallback: str  # the same script's Song, second in every list (never a generic or Japanese face)
    font_paths: tuple[str, ...]  # the only directories Typst reads fonts from


# ---------------------------------------------------------------- fonts


# Interface strings the PDFs print besides the document's text.
UI_KEYS = ("contents", "notice", "doc_card")


def document_characters(doc: Document) -> set[str]:
    """Every character a PDF of ``doc`` prints, whitespace aside: the text, the labels, the page numbers."""
    return {ch for ch in "".join(text for _, text in printed_texts(doc)) if not ch.isspace()}


def printed_texts(doc: Document) -> list[tuple[str, str]]:
    """(where, text) for every piece of text a PDF of ``doc`` prints; ``where`` names it for error messages."""
    n = doc.notice
    texts = [("the title", doc.title)]
    texts += [(f"the notice ({part})", text) for part, text in (("issuer", n.issuer), ("title", n.title))]
    texts += [(f"the notice, {part.anchor}", part.text) for part in n.parts]
    texts += [(f"the interface string {key!r} (tools/ui.py)", t(key, doc.script)) for key in UI_KEYS]
    texts += [("the page numbers and the contents' leaders", "—0123456789.")]
    texts += [(f"the document card, field {f.key}", f.label + f.value) for f in doc.metadata]
    for chapter in doc.chapters:
        texts.append((f"{chapter.anchor} (heading)", chapter.heading))
        texts += [(f"{s.anchor} (heading)", s.heading) for s in chapter.sections]
        texts += [(f"{p.anchor} ({p.citation}, raw source line {p.line})", p.text) for p in chapter.paragraphs()]
    return texts


def font_characters(path: Path, index: int = 0) -> set[str]:
    """The characters a font file (or one face of a collection) maps: its best cmap."""
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True, fontNumber=index) as font:
        return {chr(code) for code in font.getBestCmap()}


@cache
def _find_font(face: FangSong) -> Path | None:
    for directory in face.dirs:
        path = Path(directory) / face.file
        if path.is_file():
            return path
    if kpsewhich := shutil.which("kpsewhich"):
        out = subprocess.run([kpsewhich, face.file], capture_output=True, text=True, check=False).stdout.strip()
        if out and Path(out).is_file():
            return Path(out)
    return None


def choose_body(doc: Document) -> tuple[str, Path | None]:
    """The body face for ``doc``'s script: a FangSong face (and its file) if one covers the whole text, else Song.

    A candidate that is not installed stops the build (the PDFs would silently
    change from one machine to the next); one that misses characters is skipped
    with a warning that names them.
    """
    script = doc.script
    used = document_characters(doc)
    for face in FANGSONG.get(script, ()):
        path = _find_font(face)
        if path is None:
            raise PipelineError(
                f"FangSong face {face.file} not found (looked in {', '.join(face.dirs)} and with kpsewhich)",
                f"install the Debian package {face.package} (`make build` installs it)",
            )
        missing = sorted(used - font_characters(path))
        if missing:
            shown = "".join(missing[:20])
            log.warning("%s (%s) lacks %d character(s) of the %s text: %s", face.family, path, len(missing), script, shown)
            continue
        return face.family, path
    return SERIF[script], None


def choose_faces(doc: Document) -> Faces:
    """The faces for ``doc``'s script and the directories of their files (found with fontconfig)."""
    script = doc.script
    body, body_file = choose_body(doc)
    song, hei = SERIF[script], SANS[script]
    dirs = [str(body_file.parent)] if body_file is not None else []
    for pattern in (f"{song}:weight=regular", f"{song}:weight=bold", f"{hei}:weight=bold"):
        directory = str(locate(pattern)[0].parent)
        if directory not in dirs:
            dirs.append(directory)
    return Faces(script, body, song, hei, song, tuple(dirs))


def locate(pattern: str) -> tuple[Path, int]:
    """The file and collection index fontconfig gives for ``pattern``, checked to be that family."""
    family = pattern.split(":")[0]
    out = subprocess.run(
        ["fc-match", "--format=%{file}\n%{index}\n%{family}", pattern], capture_output=True, text=True, check=False
    ).stdout.split("\n")
    if len(out) < 3 or family not in out[2].split(","):
        raise PipelineError(
            f"font {family!r} is not installed (fontconfig offers {out[2] if len(out) > 2 else 'nothing'!r})",
            "install the Debian package fonts-noto-cjk (`make build` installs it)",
        )
    return Path(out[0]), int(out[1])


@cache
def typst_fonts(font_paths: tuple[str, ...]):
    """The fonts Typst sees in ``font_paths`` (scanned once per process: the Noto CJK collections are ~100 MB)."""
    import typst

    return typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=list(font_paths))


def check_coverage(doc: Document, faces: Faces, extra: Sequence[tuple[str, str]] = ()) -> None:
    """Stop the build if a face Typst is given lacks a character it may have to set.

    The body face falls back to Song (second in every list), and the body face
    itself was checked by :func:`choose_body`; so Song and Hei must each hold
    every printed character, including ``extra`` (the web mark's address and
    citation). The error names the first missing character, its code point and
    the first place that prints it.
    """
    families: dict[str, set[str]] = {}
    for info in typst_fonts(faces.font_paths).fonts():
        if info.family in (faces.body, faces.song, faces.hei) and info.path:
            families.setdefault(info.family, set()).update(font_characters(Path(info.path), info.index))
    for family in dict.fromkeys((faces.body, faces.song, faces.hei)):
        if family not in families:
            raise PipelineError(
                f"Typst finds no font family {family!r} in {', '.join(faces.font_paths)}",
                "install the Debian packages fonts-noto-cjk and texlive-lang-chinese (`make build` installs them)",
            )
    texts = [*printed_texts(doc), *extra]
    for family in dict.fromkeys((faces.song, faces.hei)):
        for where, text in texts:
            missing = [ch for ch in text if not ch.isspace() and ch not in families[family]]
            if missing:
                ch = missing[0]
                count = len({c for _, s in texts for c in s if not c.isspace() and c not in families[family]})
                raise PipelineError(
                    f"{family} has no glyph for {ch!r} (U+{ord(ch):04X}), first printed in {where}; "
                    f"{count} character(s) missing in all — Typst would drop it from the {doc.script} PDFs without a word",
                    "correct the text (an erratum in source/) or name a face that has it in tools/pdf/fonts.py",
                )
