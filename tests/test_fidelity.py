"""Fidelity: every difference between the raw source and the pages is accounted for.

The chain is checked link by link, each time against an independent reading
of the difference rather than by re-running the pipeline:

1. raw → cleaned Traditional text: line for line, every change is a listed
   junk line, an erratum, a pinyin annotation, a label placeholder, or ASCII
   punctuation turned full width (difflib opcodes, classified);
2. cleaned → Simplified: OpenCC character conversion, corrected only where
   an override fires (tests/test_convert.py proves the positions);
3. Simplified text → model: joining the model's lines gives the text back;
4. model → pages: every heading and paragraph of the Markdown pages, read
   back by a simple reader of what the renderer writes, equals the model's
   text character for character, punctuation included; the only blocks
   without the plan's text are the edition's own (see-also notes);
5. pages → HTML: in the built site, every heading and paragraph (by its id),
   the notice's parts, the document card and the contents equal the model's
   text exactly once the edition's own elements, listed once as
   ``tools.render.EDITION_MARKS``, are taken out; no other text is in the
   article.
"""

import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import cssselect2
import pytest
import tinyhtml5

from tools.data import source as data
from tools.model import Chapter, Document
from tools.paths import DOCS, RAW, ROOT, SCRIPTS
from tools.render import EDITION_MARKS, PARA_LINK_CLASS
from tools.text.repair import PINYIN_ANNOTATION

RAW_TEXT = RAW.read_text(encoding="utf-8")
FULL = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）"}


def _classify(raw_line: str, clean_line: str, errata) -> list[str]:
    """Unexplained differences between a raw line and its cleaned form.

    A two-pointer walk: equal characters advance both sides; on the raw side
    a pinyin annotation after a Han character or a ``?`` may be skipped; an
    ASCII ``, ; : ( )`` may stand for its full-width form. Anything else is
    reported.
    """
    for e in errata:  # matched on the raw span, as the pipeline does
        if e.raw in raw_line:
            raw_line = raw_line.replace(e.raw, e.repaired)
    problems = []
    i = j = 0
    while i < len(raw_line) or j < len(clean_line):
        a = raw_line[i] if i < len(raw_line) else ""
        b = clean_line[j] if j < len(clean_line) else ""
        annotation = PINYIN_ANNOTATION.match(raw_line, i) if a == "(" else None
        if annotation:
            i = annotation.end()
        elif a == b:
            i, j = i + 1, j + 1
        elif a == "?":
            i += 1
        elif a and FULL.get(a) == b:
            i, j = i + 1, j + 1
        else:
            problems.append(f"raw {raw_line[i : i + 12]!r} vs cleaned {clean_line[j : j + 12]!r}")
            break
    return problems


def test_raw_to_cleaned_changes_only_what_is_listed(result):
    errata = data.errata()
    removals = data.removals()
    raw_lines = RAW_TEXT.split("\n")
    clean_lines = result.cleaned.split("\n")
    assert len(raw_lines) == len(clean_lines), "cleaning keeps line numbers"
    junk = set(removals.leading) | set(removals.trailing)
    unexplained = {}
    for number, (raw_line, clean_line) in enumerate(zip(raw_lines, clean_lines, strict=True), 1):
        if raw_line in junk:
            assert clean_line == "", number
            continue
        problems = _classify(raw_line, clean_line, errata)
        if problems:
            unexplained[number] = problems
    assert unexplained == {}
    # "?" was only removed inside the three metadata labels.
    removed_q = sum(r.count("?") for r in raw_lines) - sum(c.count("?") for c in clean_lines)
    placeholders = data.manifest().label_placeholders
    assert removed_q == sum(RAW_TEXT.count(p) * p.count("?") for p in placeholders) + sum(e.raw.count("?") for e in errata)


def test_simplified_text_has_the_cleaned_text_shape(result):
    # Conversion is character for character: same lines, same lengths.
    from tools.data.source import to_simplified

    simplified = to_simplified()(result.cleaned)
    for a, b in zip(result.cleaned.split("\n"), simplified.split("\n"), strict=True):
        assert len(a) == len(b)


def _plan_lines(doc):
    """The model back as text lines, in reading order (split-then-join)."""
    n = doc.notice
    lines = [n.issuer, n.title, n.number, n.addressees, *n.body, n.signature, n.date, n.note, doc.title]
    for c in doc.chapters:
        lines.append(c.heading)
        lines += [p.text for p in c.intro]
        for s in c.sections:
            lines.append(s.heading)
            lines += [p.text for p in s.paragraphs]
    return lines


def test_model_joins_back_to_the_simplified_text(result, simplified):
    from tools.data.source import to_simplified

    text = to_simplified()(result.cleaned)
    nonblank = [line.strip() for line in text.split("\n") if line.strip()]
    metadata_lines = 11
    assert nonblank[metadata_lines:] == _plan_lines(simplified)
    # The metadata block: every value of the record is on its lines.
    block = "\n".join(nonblank[:metadata_lines])
    for field in simplified.metadata:
        assert f"{field.label}： {field.value}" in block


# --------------------------------------------------------------------------- model → pages (Markdown)

# Reading back what the renderer writes, simply: a heading ``# text { #id }``; a
# block whose last line is ``{: #id … }``; a term link ``[text](url "title"){ .term }``.
HEADING = re.compile(r"^#+ (.*) \{ #([\w-]+) \}$")
ATTRIBUTES = re.compile(r"^\{:([^}]*)\}$")
TERM_LINK = re.compile(r'\[((?:\\.|[^\]\\])*)\]\([^)\s]*(?: "[^"]*")?\)\{ \.term \}')
CARD_ROW = re.compile(r'<div class="doc-card__row" data-field="([^"]+)"><dt>([^<]*)</dt><dd>([^<]*)</dd></div>')
CONTENTS_ITEM = re.compile(r"^ *- \[((?:\\.|[^\]\\])*)\]\([^)\s]+\)$", re.M)


def _classes(selectors: tuple[str, ...]) -> list[str]:
    """The class names of the edition's marks; each must be a plain class selector."""
    assert all(re.fullmatch(r"\.[\w-]+", s) for s in selectors), selectors
    return [s[1:] for s in selectors]


MARK_CLASSES = _classes(EDITION_MARKS)
MARK_ELEMENT = re.compile(
    r'<(\w+) class="(?:[^"]* )?(?:' + "|".join(map(re.escape, MARK_CLASSES)) + r')(?: [^"]*)?"[^>]*>.*?</\1>'
)


def _inline_text(markdown: str) -> str:
    """The text a reader sees of one block of inline Markdown, the edition's marks taken out."""
    text = MARK_ELEMENT.sub("", markdown)
    text = TERM_LINK.sub(r"\1", text)
    text = re.sub(r"<[^>]+>", "", text)  # <strong class="lead">: the source's own < > & are entities
    text = re.sub(r"\\(.)", r"\1", text)  # Markdown escapes
    return html.unescape(text)


def _is_mark(attributes: str) -> bool:
    return any(f".{c}" in attributes.split() for c in MARK_CLASSES)


def read_page(markdown_text: str) -> tuple[list[tuple[str, str]], dict]:
    """A generated page read back: (id, text) of every heading and block, in
    order, and the parts that carry no id (the document card's rows and the
    contents). The edition's own blocks (see-also notes, 引用本章, the emendation
    note) are left out; any
    other block fails the test."""
    body = markdown_text.split("-->", 1)[1]
    parts: list[tuple[str, str]] = []
    other: dict = {}
    for block in filter(None, (b.strip("\n") for b in body.split("\n\n"))):
        lines = block.split("\n")
        heading = HEADING.match(block)
        attributes = ATTRIBUTES.match(lines[-1])
        if heading and len(lines) == 1:
            parts.append((heading[2], _inline_text(heading[1])))
        elif block.startswith('<dl class="doc-card"'):
            other["card"] = [(k, html.unescape(label), html.unescape(value)) for k, label, value in CARD_ROW.findall(block)]
            assert len(other["card"]) == len(lines) - 2, block
        elif attributes and attributes[1].split() == [".contents"]:
            other["contents"] = [_inline_text(item) for item in CONTENTS_ITEM.findall(block)]
            assert len(other["contents"]) == len(lines) - 1, block
        elif attributes and _is_mark(attributes[1]):
            continue
        elif (first := re.match(r'<[a-z]+(?: id="[^"]*")? class="([^"]*)"', block)) and set(MARK_CLASSES) & set(first[1].split()):
            continue  # an edition's own HTML block: 引用本章, the note of the emendation marks
        elif attributes and attributes[1].split()[0].startswith("#") and len(lines) == 2:
            parts.append((attributes[1].split()[0][1:], _inline_text(lines[0])))
        else:
            raise AssertionError(f"a block that is neither the plan's nor the edition's own:\n{block}")
    return parts, other


def chapter_parts(chapter: Chapter) -> list[tuple[str, str]]:
    """What a chapter page must show, from the model: (id, text) of every heading and paragraph."""
    parts = [(chapter.anchor, chapter.heading)]
    parts += [(p.anchor, p.text) for p in chapter.intro]
    for s in chapter.sections:
        parts.append((s.anchor, s.heading))
        parts += [(p.anchor, p.text) for p in s.paragraphs]
    return parts


def notice_texts(doc: Document) -> list[str]:
    """The home page's text in order, from the model: title, notice heading and parts."""
    n = doc.notice
    return [doc.title, n.heading, *(part.text for part in n.parts)]


def notice_anchors(doc: Document) -> list[str]:
    """The home page's anchors in order, from the model: the notice's parts as tools.model.Notice.parts gives them."""
    return ["top", doc.notice.anchor, *(part.anchor for part in doc.notice.parts)]


def contents_texts(doc: Document) -> list[str]:
    return [h for c in doc.chapters for h in (c.heading, *(s.heading for s in c.sections))]


@pytest.mark.parametrize("script", SCRIPTS)
def test_pages_hold_every_character_of_the_plan(result, script):
    """Model → Markdown: every heading and paragraph, character for character, punctuation included."""
    doc = result.simplified if script == "zh-Hans" else result.traditional
    compared = 0
    for c in doc.chapters:
        parts, other = read_page((DOCS / script / f"{c.slug}.md").read_text(encoding="utf-8"))
        expected = chapter_parts(c)
        assert [a for a, _ in parts] == [a for a, _ in expected], c.slug  # nothing dropped, added or reordered
        for (anchor, shown), (_, text) in zip(parts, expected, strict=True):
            assert shown == text, (script, anchor)
        assert other == {}, c.slug
        compared += len(parts)
    assert compared == 10 + 31 + 91


@pytest.mark.parametrize("script", SCRIPTS)
def test_home_page_holds_the_notice_card_and_contents(result, script):
    doc = result.simplified if script == "zh-Hans" else result.traditional
    parts, other = read_page((DOCS / script / "index.md").read_text(encoding="utf-8"))
    contents_heading = {"zh-Hans": "目录", "zh-Hant": "目錄"}[script]
    assert [text for _, text in parts] == [*notice_texts(doc), contents_heading]
    assert [anchor for anchor, _ in parts] == [*notice_anchors(doc), "contents"]
    assert other["card"] == [(f.key, f.label, f.value) for f in doc.metadata]
    assert other["contents"] == contents_texts(doc)


# --------------------------------------------------------------------------- pages → HTML

COMMENT = ET.Comment


def _article(path: Path) -> cssselect2.ElementWrapper:
    root = tinyhtml5.parse(path.read_text(encoding="utf-8"))
    return cssselect2.ElementWrapper.from_html_root(root).query("article")


def _text(element: ET.Element, leave_out: set[ET.Element]) -> str:
    """An element's text as a reader sees it, without the elements in ``leave_out``
    (the text after such an element is kept) and without comments."""
    parts = [element.text or ""]
    for child in element:
        if child.tag is not COMMENT and child not in leave_out:
            parts.append(_text(child, leave_out))
        parts.append(child.tail or "")
    return "".join(parts)


def _elements(article: cssselect2.ElementWrapper, selector: str) -> list[ET.Element]:
    return [e.etree_element for e in article.query_all(selector)]


def texts_by_id(path: Path) -> dict[str, str]:
    """Every element with an id in a built page's article → its text, the edition's marks taken out."""
    article = _article(path)
    marks = set(_elements(article, ", ".join(EDITION_MARKS)))
    return {e.get("id"): _text(e, marks) for e in _elements(article, "[id]")}


def _rest(article: cssselect2.ElementWrapper, compared: list[ET.Element], marks: set[ET.Element]) -> str:
    """The article's text outside the elements compared and the edition's marks."""
    return _text(article.etree_element, set(compared) | marks)


@pytest.mark.parametrize("script", SCRIPTS)
def test_html_paragraphs_are_the_plan_character_for_character(built_site, result, script):
    """Pages → HTML: in the built site, every heading and paragraph (found by its
    id) reads exactly as the model holds it once the edition's own elements
    (render.EDITION_MARKS) are taken out; nothing else in the article holds text."""
    doc = result.simplified if script == "zh-Hans" else result.traditional
    root = built_site if script == "zh-Hans" else built_site / "zh-Hant"
    selector = ", ".join(EDITION_MARKS)
    for c in doc.chapters:
        article = _article(root / c.slug / "index.html")
        marks = set(_elements(article, selector))
        assert len(_elements(article, f".{PARA_LINK_CLASS}")) == sum(1 for _ in c.paragraphs())
        with_id = [e for e in _elements(article, "[id]") if e not in marks]  # the emendation note is the edition's
        shown = [(e.get("id"), _text(e, marks)) for e in with_id]
        expected = chapter_parts(c)
        assert [a for a, _ in shown] == [a for a, _ in expected], c.slug
        for (anchor, text), (_, want) in zip(shown, expected, strict=True):
            assert text == want, (script, anchor)
        assert _rest(article, with_id, marks).strip() == "", c.slug


@pytest.mark.parametrize("script", SCRIPTS)
def test_html_home_page_is_the_notice_card_and_contents(built_site, result, script):
    doc = result.simplified if script == "zh-Hans" else result.traditional
    article = _article((built_site if script == "zh-Hans" else built_site / "zh-Hant") / "index.html")
    marks = set(_elements(article, ", ".join(EDITION_MARKS)))
    with_id = _elements(article, "[id]")
    contents_heading = {"zh-Hans": "目录", "zh-Hant": "目錄"}[script]
    assert [_text(e, marks) for e in with_id] == [*notice_texts(doc), contents_heading]
    assert [e.get("id") for e in with_id] == [*notice_anchors(doc), "contents"]
    card = _elements(article, "dl.doc-card")
    assert [_text(e, marks) for e in _elements(article, "dl.doc-card dt")] == [f.label for f in doc.metadata]
    assert [_text(e, marks) for e in _elements(article, "dl.doc-card dd")] == [f.value for f in doc.metadata]
    contents = _elements(article, "h2 ~ ul")
    assert [_text(e, marks) for e in _elements(article, "h2 ~ ul a")] == contents_texts(doc)
    assert _rest(article, with_id + card + contents, marks).strip() == ""


def test_qd_js_leaves_the_same_marks_unhighlighted():
    """qd.js's list of the edition's own elements (never marked when it
    highlights search words) is render.EDITION_MARKS."""
    script = (ROOT / "overrides" / "assets" / "javascripts" / "qd.js").read_text(encoding="utf-8")
    found = re.findall(r'var OWN_MARKS = "([^"]*)";', script)
    assert len(found) == 1
    assert sorted(s.strip() for s in found[0].split(",")) == sorted(EDITION_MARKS)
