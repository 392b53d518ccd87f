"""The printable PDFs (tools/pdf/), checked on a real build of all of them.

Every PDF of both scripts is built once per session into a temporary
directory; the tests read them back with poppler (pdffonts, pdftotext) and
pypdf and compare what they find with the document model: fonts, text,
outline, page size, running headers, page numbers, metadata, links, and
byte-identical rebuilds.
"""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from tools.errors import PipelineError
from tools.model import Chapter, Document, pdf_name
from tools.paths import RAW
from tools.pdf import writer as pdf
from tools.pdf.fonts import FANGSONG, Cut, FangSong, choose_faces, cut_font
from tools.pdf.writer import build_pdfs, esc, page_html, parts, source_date
from tools.pipeline import convert_file
from tools.ui import t

MM = 72 / 25.4
PAGE_W, PAGE_H = 210 * MM, 297 * MM
# Type area of an odd (right-hand) page and of an even one: binding side 28 mm, outside 26 mm.
ODD_LEFT, ODD_RIGHT = 28 * MM, PAGE_W - 26 * MM
EVEN_LEFT, EVEN_RIGHT = 26 * MM, PAGE_W - 28 * MM
TOP, BOTTOM = 37 * MM, PAGE_H - 35 * MM
ONE_CHAR = 156 * MM / 28  # the body character: 156 mm over 28 characters
SCRIPTS = ("zh-Hans", "zh-Hant")
# Kangxi radicals, CJK radical supplement and strokes: what broken ToUnicode maps give back.
RADICALS = re.compile("[\u2e80-\u2fdf\u31c0-\u31ef]")
# Subset tag, then the face: FandolFang (a GB face) or a cut of Noto CJK SC / TC.
SUBSET_FONT = {
    "zh-Hans": re.compile(r"^[A-Z]{6}\+(FandolFang|Noto-(Serif|Sans)-CJK-SC-Subset(-Bold)?)$"),
    "zh-Hant": re.compile(r"^[A-Z]{6}\+Noto-(Serif|Sans)-CJK-TC-Subset(-Bold)?$"),
}


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def documents() -> dict[str, Document]:
    result = convert_file(RAW)
    return {"zh-Hans": result.simplified, "zh-Hant": result.traditional}


@pytest.fixture(scope="session")
def pdf_dir(built_site, documents) -> Path:
    """Every PDF of both scripts, as the site build (python -m tools build) wrote them."""
    out = built_site / "pdf"
    names = sorted(p.name for p in out.glob("*.pdf"))
    assert names == sorted(pdf_name(s, part) for s in SCRIPTS for part in parts(documents[s]))
    return out


def chapters() -> Iterator[tuple[str, int]]:
    for script in SCRIPTS:
        for number in range(1, 11):
            yield script, number


CHAPTERS = list(chapters())
CHAPTER_IDS = [f"{s}-ch{n:02d}" for s, n in CHAPTERS]


def chapter_of(documents, script: str, number: int) -> tuple[Document, Chapter]:
    doc = documents[script]
    chapter = doc.chapters[number - 1]
    assert chapter.number == number
    return doc, chapter


# ---------------------------------------------------------------- reading PDFs back


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class Page:
    number: int  # 1-based position in the file
    words: tuple[Word, ...]

    @property
    def header(self) -> list[Word]:
        return [w for w in self.words if w.y1 < TOP - 5]

    @property
    def footer(self) -> list[Word]:
        return [w for w in self.words if w.y0 > BOTTOM + 2]

    @property
    def body(self) -> list[Word]:
        return [w for w in self.words if w.y1 >= TOP - 5 and w.y0 <= BOTTOM + 2]


def read_pages(path: Path) -> list[Page]:
    """Words and their boxes, page by page (pdftotext -bbox)."""
    xhtml = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    root = ET.fromstring(xhtml)
    pages = []
    for i, page in enumerate(root.iterfind(".//h:page", ns), 1):
        words = tuple(
            Word(w.text or "", *(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))) for w in page.iterfind("h:word", ns)
        )
        pages.append(Page(i, words))
    return pages


def body_text(path: Path) -> str:
    """The text inside the type area, as pdftotext gives it, line breaks removed (spaces kept)."""
    crop = ["-x", "0", "-y", str(int(TOP - 5)), "-W", str(int(PAGE_W) + 1), "-H", str(int(BOTTOM - TOP + 7))]
    out = subprocess.run(["pdftotext", *crop, str(path), "-"], capture_output=True, text=True, check=True).stdout
    return out.replace("\n", "").replace("\f", "")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def difference(expected: str, actual: str) -> str:
    """A short, readable account of where two texts first differ."""
    if expected == actual:
        return ""
    i = next((k for k, (a, b) in enumerate(zip(expected, actual, strict=False)) if a != b), min(len(expected), len(actual)))
    return (
        f"texts differ at character {i} (expected {len(expected)} characters, got {len(actual)}):\n"
        f"  expected …{expected[max(0, i - 25) : i + 25]!r}\n"
        f"  actual   …{actual[max(0, i - 25) : i + 25]!r}"
    )


def chapter_text(chapter: Chapter) -> str:
    """The chapter's text as the model has it: heading, introduction, section headings, paragraphs."""
    pieces = [chapter.heading, *(p.text for p in chapter.intro)]
    for section in chapter.sections:
        pieces += [section.heading, *(p.text for p in section.paragraphs)]
    return "".join(pieces)


def notice_text(doc: Document) -> str:
    n = doc.notice
    card = t("doc_card", doc.script) + "".join(f.label + f.value for f in doc.metadata)
    return "".join([n.issuer, n.title, n.number, n.addressees, *n.body, n.signature, n.date, n.note, card])


def contents_text(doc: Document) -> str:
    entries = "".join(c.heading + "".join(s.heading for s in c.sections) for c in doc.chapters)
    return doc.title + t("contents", doc.script) + entries


def pdffonts(path: Path) -> list[dict[str, str]]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()
    assert out[1].startswith("----"), out
    fonts = []
    for line in out[2:]:
        tokens = line.split()
        fonts.append({"name": tokens[0], "type": " ".join(tokens[1:-6]), "emb": tokens[-5], "sub": tokens[-4], "uni": tokens[-3]})
    return fonts


def outline(reader: PdfReader, items=None) -> list[tuple[str, int, list]]:
    """The outline as (title, page index, children) triples."""
    items = reader.outline if items is None else items
    tree: list[tuple[str, int, list]] = []
    for item in items:
        if isinstance(item, list):
            title, page, _ = tree[-1]
            tree[-1] = (title, page, outline(reader, item))
        else:
            tree.append((item.title, reader.get_destination_page_number(item), []))
    return tree


# ---------------------------------------------------------------- unit tests of the HTML


def test_text_is_escaped():
    assert esc("<b>&“x”</b>") == "&lt;b&gt;&amp;“x”&lt;/b&gt;"


def test_page_html_has_no_site_chrome(documents):
    html = page_html(documents["zh-Hans"], "ch03")
    for chrome in ("para-link", "¶", "glossary", "abbr", "<script", "下载"):
        assert chrome not in html
    assert '<strong class="lead song">' in html
    with pytest.raises(ValueError, match="unknown PDF part"):
        page_html(documents["zh-Hans"], "ch99")


def test_simplified_is_set_in_fangsong_and_traditional_falls_back(documents):
    """The coverage decision (tools/pdf/fonts.py): FandolFang covers the Simplified text; no FangSong face the Traditional."""
    assert choose_faces(documents["zh-Hans"]).body == "FandolFang"
    hant = choose_faces(documents["zh-Hant"])
    assert (hant.body, hant.song, hant.hei) == ("Noto Serif CJK TC", "Noto Serif CJK TC", "Noto Sans CJK TC")


def test_missing_fangsong_face_stops_the_build_with_a_hint(documents, monkeypatch):
    absent = FangSong("NoSuchFang", "NoSuchFang-Regular.otf", ("/nonexistent",), "fonts-nosuchfang")
    monkeypatch.setitem(FANGSONG, "zh-Hans", (absent,))
    with pytest.raises(PipelineError, match=r"NoSuchFang-Regular\.otf not found") as info:
        choose_faces(documents["zh-Hans"])
    assert "fonts-nosuchfang" in str(info.value)


def test_incomplete_fangsong_face_falls_back_to_song(documents, monkeypatch, caplog):
    """FandolFang offered for the Traditional text lacks 62 of its characters: the body stays in Noto Serif CJK TC."""
    fandol = FANGSONG["zh-Hans"][0]
    monkeypatch.setitem(FANGSONG, "zh-Hant", (fandol,))
    assert choose_faces(documents["zh-Hant"]).body == "Noto Serif CJK TC"
    assert "FandolFang" in caplog.text and "lacks" in caplog.text


# ---------------------------------------------------------------- every chapter, both scripts


@pytest.mark.parametrize(("script", "number"), CHAPTERS, ids=CHAPTER_IDS)
def test_chapter_fonts_embedded_subset_and_of_the_script(pdf_dir, script, number):
    fonts = pdffonts(pdf_dir / pdf_name(script, f"ch{number:02d}"))
    assert fonts
    for font in fonts:
        assert font["type"] != "Type 3", font
        assert (font["emb"], font["sub"], font["uni"]) == ("yes", "yes", "yes"), font
        assert SUBSET_FONT[script].match(font["name"]), f"{font['name']} is not a {script} face"


@pytest.mark.parametrize(("script", "number"), CHAPTERS, ids=CHAPTER_IDS)
def test_chapter_text_extracts_exactly(pdf_dir, documents, script, number):
    _, chapter = chapter_of(documents, script, number)
    pages = read_pages(pdf_dir / pdf_name(script, chapter.slug))
    actual = "".join(w.text for page in pages for w in page.body)
    assert not RADICALS.findall(actual), f"radicals in the extracted text: {set(RADICALS.findall(actual))}"
    expected = squeeze(chapter_text(chapter))
    assert squeeze(actual) == expected, difference(expected, squeeze(actual))


@pytest.mark.parametrize(("script", "number"), CHAPTERS, ids=CHAPTER_IDS)
def test_chapter_text_has_no_spurious_spaces(pdf_dir, documents, script, number):
    """Only the model's own spaces (between 第三章 and the title) come back; no line breaks leave one."""
    _, chapter = chapter_of(documents, script, number)
    actual = body_text(pdf_dir / pdf_name(script, chapter.slug))
    expected = chapter_text(chapter)
    assert actual == expected, difference(expected, actual)


@pytest.mark.parametrize(("script", "number"), CHAPTERS, ids=CHAPTER_IDS)
def test_chapter_outline_has_one_entry_per_section(pdf_dir, documents, script, number):
    _, chapter = chapter_of(documents, script, number)
    path = pdf_dir / pdf_name(script, chapter.slug)
    tree = outline(PdfReader(path))
    assert [(title, page) for title, page, _ in tree] == [(chapter.heading, 0)]
    sections = tree[0][2]
    assert [title for title, _, _ in sections] == [s.heading for s in chapter.sections]
    # Each entry opens the page its heading is printed on.
    pages = read_pages(path)
    for (title, page, children), section in zip(sections, chapter.sections, strict=True):
        assert not children
        assert squeeze(section.heading) in squeeze("".join(w.text for w in pages[page].body)), title


@pytest.mark.parametrize(("script", "number"), CHAPTERS, ids=CHAPTER_IDS)
def test_chapter_pages_are_a4(pdf_dir, script, number):
    reader = PdfReader(pdf_dir / pdf_name(script, f"ch{number:02d}"))
    for page in reader.pages:
        assert abs(float(page.mediabox.width) - 595.28) <= 1 and abs(float(page.mediabox.height) - 841.89) <= 1


@pytest.mark.parametrize(("script", "number"), CHAPTERS, ids=CHAPTER_IDS)
def test_chapter_running_header(pdf_dir, documents, script, number):
    """Title and chapter on every page: the chapter outside, the title on the binding side."""
    doc, chapter = chapter_of(documents, script, number)
    for page in read_pages(pdf_dir / pdf_name(script, chapter.slug)):
        left = "".join(w.text for w in page.header if w.x1 < PAGE_W / 2)
        right = "".join(w.text for w in page.header if w.x0 > PAGE_W / 2)
        wanted = (doc.title, squeeze(chapter.heading)) if page.number % 2 else (squeeze(chapter.heading), doc.title)
        assert (left, right) == wanted, f"page {page.number}"


@pytest.mark.parametrize(("script", "number"), CHAPTERS, ids=CHAPTER_IDS)
def test_chapter_page_numbers(pdf_dir, script, number):
    """Page numbers "— n —" from 1; odd pages right and even pages left, one character in from the type area."""
    pages = read_pages(pdf_dir / pdf_name(script, f"ch{number:02d}"))
    assert len(pages) >= 2
    check_page_numbers(pages, first=1)


def check_page_numbers(pages: list[Page], first: int) -> None:
    for page in pages:
        n = first + page.number - 1
        footer = page.footer
        assert " ".join(w.text for w in footer) == f"— {n} —", f"page {page.number}"
        x0, x1 = min(w.x0 for w in footer), max(w.x1 for w in footer)
        if n % 2:
            assert abs(x1 - (ODD_RIGHT - ONE_CHAR)) < 2, f"odd page {n} ends at {x1:.1f}"
        else:
            assert abs(x0 - (EVEN_LEFT + ONE_CHAR)) < 2, f"even page {n} starts at {x0:.1f}"


@pytest.mark.parametrize(("script", "number"), CHAPTERS, ids=CHAPTER_IDS)
def test_chapter_body_stays_in_the_type_area(pdf_dir, script, number):
    """Body lines run from the binding-side margin to the outer one: 156 mm wide, on the grid."""
    for page in read_pages(pdf_dir / pdf_name(script, f"ch{number:02d}")):
        left, right = (ODD_LEFT, ODD_RIGHT) if page.number % 2 else (EVEN_LEFT, EVEN_RIGHT)
        body = page.body
        assert min(w.x0 for w in body) == pytest.approx(left, abs=0.5)
        assert max(w.x1 for w in body) <= right + 0.5
        lines = sorted({round(w.y1, 1) for w in body})
        assert len(lines) <= 22, f"page {page.number} has {len(lines)} lines"
        if len(lines) > 2:  # a full line reaches the outer edge (a chapter's last page may hold one short line)
            assert max(w.x1 for w in body) == pytest.approx(right, abs=1)


# Punctuation that may not start a line (GB/T 15834 and the usual 禁则).
NO_LINE_START = set("，。、；：？！）》〉」』】〕”’·…—%")


@pytest.mark.parametrize(("script", "number"), CHAPTERS, ids=CHAPTER_IDS)
def test_chapter_lines_never_start_with_closing_punctuation(pdf_dir, script, number):
    starts = []
    for page in read_pages(pdf_dir / pdf_name(script, f"ch{number:02d}")):
        left = ODD_LEFT if page.number % 2 else EVEN_LEFT
        starts += [(page.number, w.text) for w in page.body if abs(w.x0 - left) < 0.5 and w.text]
    assert len(starts) > 10  # the check saw the continuation lines
    bad = [(n, text[:10]) for n, text in starts if text[0] in NO_LINE_START]
    assert not bad, f"lines starting with punctuation: {bad}"


@pytest.mark.parametrize(("script", "number"), CHAPTERS, ids=CHAPTER_IDS)
def test_chapter_lead_sentences_are_bold(pdf_dir, documents, script, number):
    """What is drawn in bold Song is exactly the chapter's lead sentences, in order."""
    _, chapter = chapter_of(documents, script, number)
    reader = PdfReader(pdf_dir / pdf_name(script, chapter.slug))
    bold: list[str] = []

    def visit(text, cm, tm, font, size):
        if font and "Serif-CJK" in str(font.get("/BaseFont")) and str(font.get("/BaseFont")).endswith("-Bold"):
            bold.append(text)

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    expected = "".join(p.lead for p in chapter.paragraphs())  # empty for 第十章, which has none
    assert squeeze("".join(bold)) == squeeze(expected), difference(squeeze(expected), squeeze("".join(bold)))


@pytest.mark.parametrize(("script", "number"), CHAPTERS, ids=CHAPTER_IDS)
def test_chapter_metadata(pdf_dir, documents, script, number):
    doc, chapter = chapter_of(documents, script, number)
    reader = PdfReader(pdf_dir / pdf_name(script, chapter.slug))
    info = reader.metadata
    assert info.title == f"{doc.title} {chapter.heading}"
    assert info.author == doc.field("issuing_body") == {"zh-Hans": "山东省人民政府", "zh-Hant": "山東省人民政府"}[script]
    assert reader.trailer["/Root"]["/Lang"] == script


@pytest.mark.parametrize(("script", "number"), CHAPTERS, ids=CHAPTER_IDS)
def test_chapter_pdf_is_under_size_target(pdf_dir, script, number):
    size = (pdf_dir / pdf_name(script, f"ch{number:02d}")).stat().st_size
    assert size < 700 * 1024, f"{size // 1024} KB"


# ---------------------------------------------------------------- notice and whole document


@pytest.mark.parametrize("script", SCRIPTS)
def test_every_pdf_uses_only_embedded_subsets_of_the_script(pdf_dir, documents, script):
    for part in ("notice", "full"):
        for font in pdffonts(pdf_dir / pdf_name(script, part)):
            assert font["type"] != "Type 3" and (font["emb"], font["sub"], font["uni"]) == ("yes", "yes", "yes"), font
            assert SUBSET_FONT[script].match(font["name"]), f"{part}: {font['name']} is not a {script} face"


@pytest.mark.parametrize("script", SCRIPTS)
def test_notice_pdf(pdf_dir, documents, script):
    """The home page's content: notice, document card, title, contents linking to the chapter PDFs."""
    doc = documents[script]
    path = pdf_dir / pdf_name(script, "notice")
    pages = read_pages(path)
    actual = squeeze("".join(w.text for page in pages for w in page.body))
    expected = squeeze(notice_text(doc) + contents_text(doc))
    assert actual == expected, difference(expected, actual)
    check_page_numbers(pages, first=1)
    assert "".join(w.text for w in pages[0].header) == doc.title + t("notice", script)

    reader = PdfReader(path)
    assert reader.metadata.title == doc.notice.issuer + doc.notice.title
    assert reader.metadata.author == doc.field("issuing_body")
    assert reader.trailer["/Root"]["/Lang"] == script
    assert [title for title, _, _ in outline(reader)] == [doc.notice.issuer + doc.notice.title, t("contents", script)]
    uris = [
        annot.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annot in page.get("/Annots", [])
        if annot.get_object()["/A"].get("/S") == "/URI"
    ]
    wanted = []
    for c in doc.chapters:
        wanted += [pdf_name(script, c.slug), *(f"{pdf_name(script, c.slug)}#{s.anchor}" for s in c.sections)]
    # A link broken over lines has one rectangle per piece.
    assert list(dict.fromkeys(uris)) == wanted


@pytest.mark.parametrize("script", SCRIPTS)
def test_full_pdf(pdf_dir, documents, script):
    """Notice, contents with page numbers, every chapter; continuous numbers; nested outline; internal links."""
    doc = documents[script]
    path = pdf_dir / pdf_name(script, "full")
    pages = read_pages(path)
    check_page_numbers(pages, first=1)
    text = squeeze("".join(w.text for page in pages for w in page.body))
    head, chapters_text = squeeze(notice_text(doc)), squeeze("".join(chapter_text(c) for c in doc.chapters))
    assert text.startswith(head), difference(head, text[: len(head)])
    assert text.endswith(chapters_text), difference(chapters_text, text[-len(chapters_text) :])
    contents = text[len(head) : len(text) - len(chapters_text)]
    assert re.sub(r"[.\d]", "", contents) == squeeze(contents_text(doc))

    reader = PdfReader(path)
    tree = outline(reader)
    assert [title for title, _, _ in tree] == [
        doc.notice.issuer + doc.notice.title,
        t("contents", script),
        *(c.heading for c in doc.chapters),
    ]
    for (title, page, children), chapter in zip(tree[2:], doc.chapters, strict=True):
        assert [c[0] for c in children] == [s.heading for s in chapter.sections]
        body = squeeze("".join(w.text for w in pages[page].body))
        assert body.startswith(squeeze(chapter.heading)), f"{title}: chapters start on a new page"
        # The contents give the page each chapter starts on.
        assert re.search(re.escape(squeeze(chapter.heading)) + r"\.+" + str(page + 1) + r"(?!\d)", contents), title
        # Running header: the chapter on every page until the next one starts.
        end = tree[tree.index((title, page, children)) + 1][1] if chapter.number < len(doc.chapters) else len(pages)
        for p in pages[page:end]:
            assert squeeze(chapter.heading) in "".join(w.text for w in p.header), f"page {p.number}"
            assert doc.title in "".join(w.text for w in p.header), f"page {p.number}"
    internal = [
        annot.get_object()
        for page in reader.pages
        for annot in page.get("/Annots", [])
        if annot.get_object().get("/Subtype") == "/Link"
    ]
    assert all("/URI" not in (a.get("/A") or {}) for a in internal), "links in the whole document stay inside it"
    targets = list(dict.fromkeys(str(a["/Dest"]) for a in internal))
    assert targets == [anchor for c in doc.chapters for anchor in (c.anchor, *(s.anchor for s in c.sections))]
    assert reader.metadata.title == doc.title and reader.metadata.author == doc.field("issuing_body")


# ---------------------------------------------------------------- reproducibility


def test_font_cuts_are_reproducible(tmp_path):
    """A cut made twice has the same bytes, keeps the characters and the layout tables, and renumbers the glyphs."""
    from fontTools.ttLib import TTFont

    cut = Cut("Noto Sans CJK TC", 700, "".join(sorted("青島都市圈發展規劃 —0123456789")))
    first, second = cut_font(cut, tmp_path / "a"), cut_font(cut, tmp_path / "b")
    assert first.read_bytes() == second.read_bytes()
    with TTFont(first) as font:
        assert {chr(c) for c in font.getBestCmap()} == set(cut.chars)
        assert font["maxp"].numGlyphs < 100  # of 65,535 in the system face
        assert "GSUB" in font and "GPOS" in font  # shaping as with the system face (localised forms)


@pytest.mark.parametrize("script", SCRIPTS)
def test_cut_faces_set_text_exactly_as_the_system_faces(pdf_dir, documents, script, tmp_path):
    """Chapter 3 rendered with the uncut system faces puts every word in the same box."""
    doc = documents[script]
    uncut = tmp_path / "uncut.pdf"
    pdf._render(pdf.Job(doc, "ch03", choose_faces(doc), uncut))
    assert "Subset" not in " ".join(f["name"] for f in pdffonts(uncut))
    assert read_pages(uncut) == read_pages(pdf_dir / pdf_name(script, "ch03"))


def test_two_builds_are_byte_identical(pdf_dir, documents, tmp_path):
    """A second build, one process this time, gives the same bytes: no dates, ids or order leak in."""
    paths = build_pdfs(documents, tmp_path, jobs=1)
    assert paths
    different = [p.name for p in paths if p.read_bytes() != (pdf_dir / p.name).read_bytes()]
    assert not different, f"rebuilt PDFs differ: {different}"


@pytest.mark.parametrize("script", SCRIPTS)
def test_dates_come_from_the_document_not_the_clock(pdf_dir, script):
    """The 成文日期 the document prints (2023-10-06), at 00:00 UTC — never the day of the build."""
    info = PdfReader(pdf_dir / pdf_name(script, "ch03")).metadata
    assert info["/CreationDate"] == info["/ModDate"] == "D:20231006000000Z"


def test_source_date_epoch_overrides_and_a_bad_one_says_what_to_write(documents, monkeypatch):
    doc = documents["zh-Hans"]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert source_date(doc) == "2023-11-14T22:13:20Z"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(PipelineError) as error:
        source_date(doc)
    # `date -u -d 2023-10-06 +%s`; the old hint, 1696521600, was midnight in Beijing (2023-10-05 16:00 UTC).
    assert "e.g. 1696550400 (the 成文日期, 2023-10-06 00:00 UTC)" in str(error.value)
