"""The fonts of the PDFs: which face sets each script, and the faces cut to the document's characters.

Fonts are named explicitly per script — Simplified faces for zh-Hans,
Traditional faces for zh-Hant — never left to fontconfig's generic fallback,
which would pick Japanese glyph forms. The standard's body face is 仿宋: a
FangSong face is used for a script only when it covers every character that
script's document uses (checked on every build); otherwise the body falls back
to Noto Serif CJK, the closest complete free face. See :data:`FANGSONG`. The
Noto faces are first cut to the document's characters (:class:`Cut`, with
HarfBuzz's subsetter), which makes the PDFs two to three times smaller.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from collections.abc import Mapping
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

    family: str  # the name the stylesheet and the PDF give it
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
FANGSONG: dict[str, tuple[FangSong, ...]] = {
    "zh-Hans": (
        FangSong(
            "FandolFang",
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
class Cut:
    """A system face cut down to the characters of one script's document.

    WeasyPrint embeds each face with its original glyph ids, so a Noto CJK
    subset still carries empty metrics and outlines for all 65,000 glyphs
    below the highest one used: about 130 KB per face per PDF. The cut
    renumbers the glyphs first (HarfBuzz's subsetter, the library WeasyPrint
    itself subsets with), which makes the PDFs two to three times smaller. It
    keeps the layout tables, so text shapes exactly as with the system face
    (without GSUB the TC em dash loses its localised full width). A cut takes
    milliseconds, so each build makes its own.
    """

    source: str  # the fontconfig family, e.g. "Noto Serif CJK SC"
    weight: int  # 400 or 700
    chars: str  # the characters to keep, sorted

    @property
    def family(self) -> str:
        """The CSS family of the cut: distinct from the system face's, so fontconfig cannot swap them."""
        return f"{self.source} Subset"

    @property
    def pattern(self) -> str:
        return f"{self.source}:weight={'bold' if self.weight >= 700 else 'regular'}"


@dataclass(frozen=True)
class Faces:
    """The font families one script's PDFs are set in, and the files behind them."""

    script: str
    body: str  # running text: FangSong when complete, else Song
    song: str  # titles, lead sentences, page numbers
    hei: str  # chapter and section headings, the contents
    fallback: str  # the same script's system Song, last in every list
    files: tuple[tuple[str, int, str], ...] = ()  # (family, weight, font file) for @font-face

    def css(self) -> str:
        # Every list ends in the same script's Song, never a generic name, so a
        # character missing from the first face cannot fall through to a
        # Japanese one.
        def family(first: str) -> str:
            return f"font-family: {css_string(first)}, {css_string(self.fallback)};"

        rules = [
            f"@font-face {{ font-family: {css_string(name)}; font-weight: {weight}; src: url({css_string(uri)}); }}"
            for name, weight, uri in ((n, w, Path(f).as_uri()) for n, w, f in self.files)
        ]
        rules += [
            f"html {{ {family(self.body)} }}",
            f".song {{ {family(self.song)} }}",
            f".hei {{ {family(self.hei)} }}",
            # Leaders and page numbers in the contents: in the body face, not bold Hei.
            f".contents a::after {{ {family(self.body)} }}",
            # Page numbers in Song (GB/T 9704: 4号半角宋体阿拉伯数字).
            f"@page {{ @bottom-left {{ {family(self.song)} }} @bottom-right {{ {family(self.song)} }} }}",
        ]
        return "\n".join(rules) + "\n"


# ---------------------------------------------------------------- fonts


# Interface strings the PDFs print besides the document's text.
UI_KEYS = ("contents", "notice", "doc_card")


def document_characters(doc: Document) -> set[str]:
    """Every character a PDF of ``doc`` prints, whitespace aside: the text, the labels, the page numbers."""
    n = doc.notice
    parts = [doc.title, n.issuer, n.title, n.number, n.addressees, *n.body, n.signature, n.date, n.note]
    parts += [t(key, doc.script) for key in UI_KEYS] + ["—0123456789."]
    parts += [f.label + f.value for f in doc.metadata]
    for chapter in doc.chapters:
        parts.append(chapter.heading)
        parts += [s.heading for s in chapter.sections]
        parts += [p.text for p in chapter.paragraphs()]
    return {ch for ch in "".join(parts) if not ch.isspace()}


def font_characters(path: Path) -> set[str]:
    """The characters a font file maps (its best cmap)."""
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True, fontNumber=0) as font:
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


def cuts(doc: Document) -> dict[str, Cut]:
    """The system faces a script's PDFs use, by role, each cut to the document's characters."""
    chars = "".join(sorted(document_characters(doc) | {" "}))
    script = doc.script
    return {
        "song": Cut(SERIF[script], 400, chars),
        "song-bold": Cut(SERIF[script], 700, chars),
        "hei-bold": Cut(SANS[script], 700, chars),
    }


def choose_faces(doc: Document, cut_files: Mapping[Cut, Path] | None = None) -> Faces:
    """The faces for ``doc``'s script; with ``cut_files``, set in the cuts rather than the system faces."""
    script = doc.script
    body, body_file = choose_body(doc)
    song, hei = SERIF[script], SANS[script]
    files: list[tuple[str, int, str]] = []
    if body_file is not None:
        files.append((body, 400, str(body_file)))
    if cut_files is not None:
        for cut in cuts(doc).values():
            files.append((cut.family, cut.weight, str(cut_files[cut])))
        if body == song:
            body = f"{song} Subset"
        song, hei = f"{song} Subset", f"{hei} Subset"
    return Faces(script, body, song, hei, SERIF[script], tuple(files))


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


# The part of HarfBuzz's C API a cut needs (hb.h, hb-subset.h; HarfBuzz >= 2.9).
_HB_API = """
typedef struct hb_blob_t hb_blob_t;
typedef struct hb_face_t hb_face_t;
typedef struct hb_set_t hb_set_t;
typedef struct hb_subset_input_t hb_subset_input_t;
typedef uint32_t hb_codepoint_t;
typedef uint32_t hb_tag_t;
hb_blob_t *hb_blob_create_from_file_or_fail(const char *file_name);
const char *hb_blob_get_data(hb_blob_t *blob, unsigned int *length);
void hb_blob_destroy(hb_blob_t *blob);
hb_face_t *hb_face_create(hb_blob_t *blob, unsigned int index);
hb_blob_t *hb_face_reference_blob(hb_face_t *face);
void hb_face_destroy(hb_face_t *face);
void hb_set_add(hb_set_t *set, hb_codepoint_t codepoint);
hb_tag_t hb_tag_from_string(const char *str, int len);
hb_subset_input_t *hb_subset_input_create_or_fail(void);
hb_set_t *hb_subset_input_unicode_set(hb_subset_input_t *input);
hb_set_t *hb_subset_input_set(hb_subset_input_t *input, int set_type);
void hb_subset_input_set_flags(hb_subset_input_t *input, unsigned int value);
void hb_subset_input_destroy(hb_subset_input_t *input);
hb_face_t *hb_subset_or_fail(hb_face_t *source, const hb_subset_input_t *input);
"""
_HB_SUBSET_FLAGS_NO_HINTING = 0x1
_HB_SUBSET_FLAGS_DESUBROUTINIZE = 0x4
_HB_SUBSET_FLAGS_NOTDEF_OUTLINE = 0x40
_HB_SUBSET_SETS_DROP_TABLE_TAG = 3
# Vertical metrics: the PDFs set text horizontally. GSUB and GPOS stay (see Cut).
_DROP_TABLES = (b"vhea", b"vmtx", b"VORG")


@cache
def _harfbuzz():
    from ctypes.util import find_library

    from cffi import FFI

    ffi = FFI()
    ffi.cdef(_HB_API)
    libs = []
    for name, soname in (("harfbuzz", "libharfbuzz.so.0"), ("harfbuzz-subset", "libharfbuzz-subset.so.0")):
        libs.append(ffi.dlopen(find_library(name) or soname))
    return ffi, *libs


def cut_font(cut: Cut, directory: Path) -> Path:
    """Write the font file of ``cut`` into ``directory`` and return its path. Same input, same bytes."""
    source, index = locate(cut.pattern)
    ffi, hb, subset = _harfbuzz()
    blob = hb.hb_blob_create_from_file_or_fail(str(source).encode())
    if blob == ffi.NULL:
        raise PipelineError(f"cannot read the font file {source}", "reinstall the Debian package fonts-noto-cjk")
    face = hb.hb_face_create(blob, index)
    request = subset.hb_subset_input_create_or_fail()
    try:
        unicodes = subset.hb_subset_input_unicode_set(request)
        for ch in cut.chars:
            hb.hb_set_add(unicodes, ord(ch))
        drop = subset.hb_subset_input_set(request, _HB_SUBSET_SETS_DROP_TABLE_TAG)
        for tag in _DROP_TABLES:
            hb.hb_set_add(drop, hb.hb_tag_from_string(tag, -1))
        subset.hb_subset_input_set_flags(
            request, _HB_SUBSET_FLAGS_NO_HINTING | _HB_SUBSET_FLAGS_DESUBROUTINIZE | _HB_SUBSET_FLAGS_NOTDEF_OUTLINE
        )
        result = subset.hb_subset_or_fail(face, request)
        if result == ffi.NULL:
            raise PipelineError(f"HarfBuzz could not cut {cut.pattern} ({source})", "check the font with fc-validate")
        out = hb.hb_face_reference_blob(result)
        length = ffi.new("unsigned int *")
        data = bytes(ffi.buffer(hb.hb_blob_get_data(out, length), length[0]))
        hb.hb_blob_destroy(out)
        hb.hb_face_destroy(result)
    finally:
        subset.hb_subset_input_destroy(request)
        hb.hb_face_destroy(face)
        hb.hb_blob_destroy(blob)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{cut.family.replace(' ', '')}-{cut.weight}.otf"
    path.write_bytes(data)
    return path


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string.

    >>> css_string('a "b" \\\\ c')
    '"a \\\\"b\\\\" \\\\\\\\ c"'
    """
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ") + '"'
