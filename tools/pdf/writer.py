"""Stage 9 — pdf: printable PDFs of the plan, laid out after GB/T 9704-2012.

One PDF per page of the site and one for the whole document, in each script:
``qingdao-plan-notice`` (the issuing notice, the document card, the plan's
title and contents), ``qingdao-plan-ch01`` … ``ch10`` and ``qingdao-plan-full``
(everything, pages numbered continuously), named by
:func:`tools.model.pdf_name`. Each is rendered by WeasyPrint from HTML written
here straight from the document model — no other stage's output is re-read —
with every piece of text escaped.

Layout (``tools/pdf.css``): A4, margins 37 mm top, 35 mm bottom, 28 mm on the
binding side and 26 mm outside, so a 156 × 225 mm type area holding 28
characters × 22 lines; body 15.8 pt (156 mm / 28) with a two-character indent;
titles in bold Song, headings in Hei; page numbers "— 7 —", odd pages right and
even pages left, each one character in from the type area; a running header
with the document title and the current chapter.

Fonts are named explicitly per script — Simplified faces for zh-Hans,
Traditional faces for zh-Hant — never left to fontconfig's generic fallback,
which would pick Japanese glyph forms. The standard's body face is 仿宋: a
FangSong face is used for a script only when it covers every character that
script's document uses (checked on every build); otherwise the body falls back
to Noto Serif CJK, the closest complete free face. See :data:`FANGSONG`. The
Noto faces are first cut to the document's characters (:class:`Cut`), which
makes the PDFs two to three times smaller.

Builds are reproducible: the PDF dates come from ``SOURCE_DATE_EPOCH`` or, if
unset, the document's 成文日期, and nothing else depends on time or chance.
"""

from __future__ import annotations

import argparse
import html
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from ..errors import PipelineError
from ..model import Chapter, Document, Paragraph, pdf_name
from ..ui import t

log = logging.getLogger("tools.pdf")

STYLESHEET = Path(__file__).parent / "pdf.css"
GENERATOR = "tools/pdf.py"

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


# ---------------------------------------------------------------- HTML


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string.

    >>> css_string('a "b" \\\\ c')
    '"a \\\\"b\\\\" \\\\\\\\ c"'
    """
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ") + '"'


def esc(text: str) -> str:
    """Text escaped for HTML (quotes stay full-width: the SC and TC faces set them on an em).

    >>> esc('打造公交“一小时<通勤>圈”')
    '打造公交“一小时&lt;通勤&gt;圈”'
    """
    return html.escape(text, quote=False)


def attr(text: str) -> str:
    return html.escape(text, quote=True)


def _paragraph(p: Paragraph) -> str:
    lead = f'<strong class="lead song">{esc(p.lead)}</strong>' if p.lead else ""
    return f'<p id="{p.anchor}">{lead}{esc(p.rest)}</p>'


def chapter_html(chapter: Chapter) -> str:
    out = [
        f'<section class="chapter" id="{chapter.anchor}">',
        f'<h1 class="chapter-heading hei" data-running="{attr(chapter.heading)}">{esc(chapter.heading)}</h1>',
    ]
    out += [_paragraph(p) for p in chapter.intro]
    for section in chapter.sections:
        out.append(f'<h2 class="section-heading hei" id="{section.anchor}">{esc(section.heading)}</h2>')
        out += [_paragraph(p) for p in section.paragraphs]
    out.append("</section>")
    return "\n".join(out)


def _card(doc: Document) -> str:
    """The document card: the publisher's metadata fields, two to a row; long values take a row."""
    rows: list[str] = []
    pending: list[str] = []
    for f in doc.metadata:
        cell = f'<th scope="row">{esc(f.label)}</th><td data-field="{attr(f.key)}"'
        if len(f.value) > 12:
            if pending:
                rows.append("".join(pending) + '<td colspan="2"></td>')
                pending = []
            rows.append(f'{cell} colspan="3">{esc(f.value)}</td>')
            continue
        pending.append(f"{cell}>{esc(f.value)}</td>")
        if len(pending) == 2:
            rows.append("".join(pending))
            pending = []
    if pending:
        rows.append("".join(pending) + '<td colspan="2"></td>')
    body = "\n".join(f"<tr>{row}</tr>" for row in rows)
    return f'<table class="card"><caption class="hei">{esc(t("doc_card", doc.script))}</caption>\n{body}\n</table>'


# The class of each kind of notice block (tools.model.NoticePart) in the PDF.
NOTICE_CLASSES = {
    "number": "doc-number",
    "addressees": "addressees",
    "body": "",
    "signature": "issuer",
    "date": "date",
    "note": "note",
}


def notice_html(doc: Document) -> str:
    """The issuing notice as a GB/T 9704 document: title, number, addressees, body, signature, date, note."""
    n = doc.notice
    out = [
        f'<section class="notice" id="{n.anchor}" data-running="{attr(t("notice", doc.script))}">',
        f'<h1 class="notice-title song" data-bookmark="{attr(n.heading)}">'
        f'<span class="line">{esc(n.issuer)}</span><span class="line">{esc(n.title)}</span></h1>',
    ]
    for part in n.parts:
        if part.kind == "signature":  # the signature and the date are set as one block
            out.append('<div class="signature">')
        css = NOTICE_CLASSES[part.kind]
        attrs = f' class="{css}"' if css else ""
        out.append(f'<p{attrs} id="{part.anchor}">{esc(part.text)}</p>')
        if part.kind == "date":
            out.append("</div>")
    out += [_card(doc), "</section>"]
    return "\n".join(out)


def contents_html(doc: Document, link: Callable[[Chapter, str], str], page_numbers: bool) -> str:
    """The plan's title and contents; ``link(chapter, anchor)`` gives each entry's target."""
    label = t("contents", doc.script)
    cls = "contents numbered" if page_numbers else "contents"
    out = [
        f'<section class="{cls}" id="contents" data-running="{attr(label)}">',
        f'<p class="plan-title song">{esc(doc.title)}</p>',
        f'<h1 class="contents-heading hei">{esc(label)}</h1>',
        "<ol>",
    ]
    for c in doc.chapters:
        sections = "".join(
            f'<li class="toc-section"><a href="{attr(link(c, s.anchor))}">{esc(s.heading)}</a></li>' for s in c.sections
        )
        entry = f'<a class="hei" href="{attr(link(c, c.anchor))}">{esc(c.heading)}</a>'
        out.append(f'<li class="toc-chapter">{entry}<ol>{sections}</ol></li>')
    out += ["</ol>", "</section>"]
    return "\n".join(out)


def source_date(doc: Document) -> str:
    """The date the PDFs carry, as W3C date-time: SOURCE_DATE_EPOCH, else the 成文日期 (00:00 UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    try:
        seconds = int(epoch) if epoch else doc.written_epoch
    except ValueError:
        raise PipelineError(
            f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds",
            f"set it to a Unix time, e.g. {doc.written_epoch} (the 成文日期, {doc.field('date_written')} 00:00 UTC), or unset it",
        ) from None
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def page_html(doc: Document, part: str) -> str:
    """The HTML of one PDF: ``part`` is "notice", a chapter slug ("ch03") or "full"."""
    script = doc.script
    chapters = {c.slug: c for c in doc.chapters}
    if part == "notice":
        title = doc.notice.issuer + doc.notice.title

        # Links to the chapter PDFs beside this one; a section by its named destination.
        def link(c: Chapter, anchor: str) -> str:
            return pdf_name(script, c.slug) + ("" if anchor == c.anchor else f"#{anchor}")

        body = notice_html(doc) + "\n" + contents_html(doc, link, page_numbers=False)
    elif part == "full":
        title = doc.title
        contents = contents_html(doc, lambda c, anchor: f"#{anchor}", page_numbers=True)
        body = "\n".join([notice_html(doc), contents, *map(chapter_html, doc.chapters)])
    elif part in chapters:
        chapter = chapters[part]
        title = f"{doc.title} {chapter.heading}"
        body = chapter_html(chapter)
    else:
        raise ValueError(f"unknown PDF part {part!r}: expected 'notice', 'full' or one of {', '.join(chapters)}")
    date = source_date(doc)
    head = [
        '<meta charset="utf-8">',
        f"<title>{esc(title)}</title>",
        f'<meta name="author" content="{attr(doc.field("issuing_body"))}">',
        f'<meta name="description" content="{attr(doc.notice.number)}">',
        f'<meta name="generator" content="{GENERATOR}">',
        f'<meta name="dcterms.created" content="{attr(date)}">',
        f'<meta name="dcterms.modified" content="{attr(date)}">',
    ]
    return (
        f'<!DOCTYPE html>\n<html lang="{attr(script)}">\n<head>\n' + "\n".join(head) + "\n</head>\n"
        f'<body class="part-{attr(part)}" data-title="{attr(doc.title)}">\n{body}\n</body>\n</html>\n'
    )


# ---------------------------------------------------------------- rendering


@dataclass(frozen=True)
class Job:
    doc: Document
    part: str
    faces: Faces
    path: Path


def _render(job: Job) -> tuple[Path, int, float]:
    """Write one PDF; return its path, page count and seconds taken."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    start = time.perf_counter()
    fonts = FontConfiguration()
    stylesheets = [
        CSS(filename=str(STYLESHEET), font_config=fonts),
        CSS(string=job.faces.css(), font_config=fonts),
    ]
    # No base URL: links between the PDFs stay relative ("qingdao-plan-ch03.zh-Hans.pdf"),
    # so they work wherever the files are served from together.
    document = HTML(string=page_html(job.doc, job.part)).render(stylesheets=stylesheets, font_config=fonts)
    tmp = job.path.with_name(job.path.name + ".tmp")
    document.write_pdf(tmp)
    tmp.replace(job.path)
    return job.path, len(document.pages), time.perf_counter() - start


def parts(doc: Document) -> list[str]:
    """The parts of one script, in file order: notice, ch01 … ch10, full."""
    return ["notice", *(c.slug for c in doc.chapters), "full"]


def build_pdfs(documents: Mapping[str, Document], out_dir: Path, jobs: int = 2) -> list[Path]:
    """Write every PDF of every script in ``documents`` into ``out_dir``; return their paths.

    ``documents`` maps a script ("zh-Hans", "zh-Hant") to its document. Work is
    spread over ``jobs`` processes; the output does not depend on how.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for script, doc in documents.items():
        if doc.script != script:
            raise PipelineError(f"the document given for {script} is in {doc.script}", "pass {script: document of that script}")
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="qingdao-plan-fonts-") as fonts_dir:
        wanted = list(dict.fromkeys(cut for doc in documents.values() for cut in cuts(doc).values()))
        cut_files = {cut: cut_font(cut, Path(fonts_dir)) for cut in wanted}
        log.info("cut %d faces to the documents' characters in %.2f s", len(cut_files), time.perf_counter() - start)
        work: list[Job] = []
        for script, doc in documents.items():
            faces = choose_faces(doc, cut_files)
            log.info("%s: body %s, titles %s, headings %s", script, faces.body, faces.song, faces.hei)
            work += [Job(doc, part, faces, out_dir / pdf_name(script, part)) for part in parts(doc)]
        # The whole documents take longest: start them first so the pool ends together.
        order = sorted(work, key=lambda job: job.part != "full")
        if jobs > 1 and len(order) > 1:
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                results = list(pool.map(_render, order))
        else:
            results = [_render(job) for job in order]
    for path, pages, seconds in results:
        log.info("%s: %d pages, %d KB, %.1f s", path.name, pages, path.stat().st_size // 1024, seconds)
    paths = [job.path for job in work]
    total = sum(path.stat().st_size for path in paths)
    log.info("wrote %d PDFs (%d KB) to %s in %.1f s", len(paths), total // 1024, out_dir, time.perf_counter() - start)
    return paths


# ---------------------------------------------------------------- CLI


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m tools.pdf --out DIR``: convert the bundled source and write all PDFs."""
    from ..paths import RAW, SCRIPTS
    from ..pipeline import convert_file

    parser = argparse.ArgumentParser(prog="python -m tools.pdf", description=main.__doc__)
    parser.add_argument("--out", type=Path, required=True, help="directory to write the PDFs into")
    parser.add_argument("--source", type=Path, default=RAW, help="raw text file (default: the bundled source)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default: 2)")
    parser.add_argument("--script", choices=SCRIPTS, action="append", help="only this script (repeatable)")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    for noisy in ("fontTools", "weasyprint"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    try:
        result = convert_file(args.source)
        documents = {"zh-Hans": result.simplified, "zh-Hant": result.traditional}
        if args.script:
            documents = {s: documents[s] for s in args.script}
        build_pdfs(documents, args.out, jobs=args.jobs)
    except PipelineError as exc:
        if args.debug:
            raise
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0
