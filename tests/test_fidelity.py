"""Fidelity: every difference between the raw source and the pages is accounted for.

The chain is checked link by link, each time against an independent reading
of the difference rather than by re-running the pipeline:

1. raw → cleaned Traditional text: line for line, every change is a listed
   junk line, an erratum, a pinyin annotation, a label placeholder, or ASCII
   punctuation turned full width (difflib opcodes, classified);
2. cleaned → Simplified: OpenCC character conversion, corrected only where
   an override fires (tests/test_convert.py proves the positions);
3. Simplified text → model: joining the model's lines gives the text back;
4. model → pages: every Han character, letter and digit of the body is in
   the chapter pages, in order, nothing dropped, duplicated or reordered.
"""

import html
import re

from tools import data
from tools.paths import DOCS, RAW
from tools.repair import PINYIN_ANNOTATION
from tools.text import han_only

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
    from tools.convert import to_simplified

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
    from tools.convert import to_simplified

    text = to_simplified()(result.cleaned)
    nonblank = [line.strip() for line in text.split("\n") if line.strip()]
    metadata_lines = 11
    assert nonblank[metadata_lines:] == _plan_lines(simplified)
    # The metadata block: every value of the record is on its lines.
    block = "\n".join(nonblank[:metadata_lines])
    for field in simplified.metadata:
        assert f"{field.label}： {field.value}" in block


def _page_text(markdown_text: str) -> str:
    """The text a chapter page shows of the plan: the edition's own additions
    (see-also notes, permalinks) are taken out by their markers, term links
    are reduced to the linked text; everything else must be the plan's."""
    body = markdown_text.split("-->", 1)[1]
    body = re.sub(r"\n[^\n]*\n\{: \.see-also[^}]*\}", "\n", body)  # see-also note + its attribute line
    body = re.sub(r'\[([^\]]*)\]\([^)\s]*(?: "[^"]*")?\)\{ \.term \}', r"\1", body)  # term links
    body = re.sub(r'<a class="para-link"[^>]*>¶</a>', "", body)
    body = re.sub(r"\{:?\s*[#.][^}]*\}", "", body)  # attribute lists
    body = re.sub(r"<[^>]+>", "", body)
    body = re.sub(r"\\(.)", r"\1", body)  # Markdown escapes
    return html.unescape(body)


def test_pages_hold_every_character_of_the_plan_in_order(simplified, traditional):
    for doc in (simplified, traditional):
        expected = ""
        pages = ""
        for c in doc.chapters:
            expected += han_only(c.heading + "".join(p.text for p in c.intro))
            for s in c.sections:
                expected += han_only(s.heading + "".join(p.text for p in s.paragraphs))
            pages += han_only(_page_text((DOCS / doc.script / f"{c.slug}.md").read_text(encoding="utf-8")))
        assert pages == expected, doc.script


def test_home_page_holds_the_notice_and_card(simplified, traditional):
    for doc in (simplified, traditional):
        page = _page_text((DOCS / doc.script / "index.md").read_text(encoding="utf-8"))
        n = doc.notice
        for text in [n.issuer + n.title, n.number, n.addressees, *n.body, n.signature, n.date, n.note]:
            assert text in page, text
        for f in doc.metadata:
            assert f.label in page and f.value in page
