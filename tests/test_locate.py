"""Every fact about a place in the text, from its anchor (tools.model.Document.locate), in both scripts.

The expected values are written by hand from the document: the raw source's
line 109 (第一節 構建都市圈綜合交通體系), line 113 (the second paragraph of
that section, 提升市際公路通達能力。…), line 19 (魯政字〔2023〕168號), and the
plan's own numbering (第三章, 第一节, 第2段).
"""

from __future__ import annotations

import pytest

from tools.model import Chapter, NoticePart, Paragraph, Section, UnknownAnchor, anchor_kind


def test_a_paragraph_in_a_section(simplified, traditional):
    loc = simplified.locate("p3-1-2")
    assert isinstance(loc.node, Paragraph) and loc.node.text.startswith("提升市际公路通达能力。")
    assert (loc.anchor, loc.page, loc.file, loc.path, loc.url) == ("p3-1-2", "ch03", "ch03.md", "ch03/", "ch03/#p3-1-2")
    assert loc.citation == "第三章第一节第2段"
    assert loc.full_citation == "《青岛都市圈发展规划》第三章第一节第2段"
    hant = traditional.locate("p3-1-2")
    assert hant.node.text.startswith("提升市際公路通達能力。")
    assert (hant.page, hant.url) == ("ch03", "ch03/#p3-1-2")
    assert hant.citation == "第三章第一節第2段"
    assert hant.full_citation == "《青島都市圈發展規劃》第三章第一節第2段"


def test_a_section(simplified, traditional):
    loc = simplified.locate("s3-1")
    assert isinstance(loc.node, Section) and loc.node.title == "构建都市圈综合交通体系"
    assert (loc.page, loc.url, loc.citation) == ("ch03", "ch03/#s3-1", "第三章第一节")
    assert traditional.locate("s3-1").citation == "第三章第一節"
    assert traditional.locate("s3-1").node.heading == "第一節 構建都市圈綜合交通體系"
    assert [p.anchor for p in loc.paragraphs()][:2] == ["p3-1-1", "p3-1-2"]


def test_a_chapter_and_its_introduction(simplified, traditional):
    chapter = simplified.locate("ch3")
    assert isinstance(chapter.node, Chapter) and chapter.node.title == "推进基础设施同城同网"
    assert (chapter.page, chapter.url, chapter.citation) == ("ch03", "ch03/#ch3", "第三章")
    intro = simplified.locate("p3-0-1")
    assert intro.node.text.startswith("坚持优化提升、适度超前")
    assert (intro.page, intro.url, intro.citation) == ("ch03", "ch03/#p3-0-1", "第三章引言第1段")
    assert traditional.locate("p3-0-1").citation == "第三章引言第1段"
    assert simplified.locate("p10-0-1").url == "ch10/#p10-0-1"  # two-digit chapters: page ch10


def test_the_notice_and_its_parts(simplified, traditional):
    number = simplified.locate("notice-number")
    assert number.node == NoticePart("notice-number", "number", "鲁政字〔2023〕168号")
    assert (number.page, number.file, number.path, number.url) == ("index", "index.md", "", "#notice-number")
    assert number.citation == "鲁政字〔2023〕168号"
    assert number.full_citation == "《山东省人民政府关于印发青岛都市圈发展规划的通知》鲁政字〔2023〕168号"
    assert traditional.locate("notice-number").node.text == "魯政字〔2023〕168號"
    assert simplified.locate("notice").url == "#notice"
    parts = ["notice-number", "notice-addressees", "notice-1", "notice-signature", "notice-date", "notice-note"]
    assert [p.anchor for p in simplified.notice.parts] == parts  # the notice has one body paragraph
    assert [p.anchor for p in traditional.notice.parts] == parts
    assert simplified.locate("notice-1").node.text.startswith("现将《青岛都市圈发展规划》印发给你们")


def test_every_anchor_is_found_and_every_node_has_its_own(simplified, traditional):
    for doc in (simplified, traditional):
        where = doc.locations
        assert len(where) == 1 + len(doc.notice.parts) + 10 + 31 + 91  # notice, its parts, chapters, sections, paragraphs
        for anchor, loc in where.items():
            assert loc.anchor == anchor == loc.node.anchor
            assert doc.locate(anchor) is loc
    assert list(simplified.locations) == list(traditional.locations)


@pytest.mark.parametrize(
    ("anchor", "message"),
    [
        ("p3-1-99", "no paragraph 'p3-1-99' in the document"),
        ("s3-9", "no section 's3-9' in the document"),
        ("ch11", "no chapter 'ch11' in the document"),
        ("notice-signatory", "no notice 'notice-signatory' in the document"),
        ("p3-1", "'p3-1' is not an anchor"),
        ("#p3-1-2", "'#p3-1-2' is not an anchor"),
    ],
)
def test_an_unknown_anchor_is_a_clear_error(simplified, anchor, message):
    with pytest.raises(UnknownAnchor) as info:
        simplified.locate(anchor)
    assert str(info.value).startswith(message)
    assert "anchors look like ch3, s3-1, p3-1-2, p3-0-1 or notice-number" in str(info.value)


def test_anchor_kind_reads_the_form_only():
    assert [anchor_kind(a) for a in ("ch3", "s3-1", "p3-1-2", "p3-0-1", "notice", "notice-number")] == [
        "chapter",
        "section",
        "paragraph",
        "paragraph",
        "notice",
        "notice",
    ]
    assert [anchor_kind(a) for a in ("ch03", "s3-0", "p3-1-0", "p-1-2", "P3-1-2", "第三章", "", None)] == [None] * 8
