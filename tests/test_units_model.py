"""The document model (tools/model/): numerals, citations, identifiers, conversion, JSON.

Expected values are written by hand: how the plan numbers its chapters
(第一章 … 第十章), how a reader cites a paragraph, and a two-paragraph
document converted by a hand-written character table.
"""

from __future__ import annotations

import pytest

from tools.model import (
    Chapter,
    Document,
    Field,
    Notice,
    Paragraph,
    Section,
    citation,
    document_from_dict,
)
from tools.model.numerals import chinese_numeral, parse_numeral

NUMERALS = {
    0: "零",
    1: "一",
    2: "二",
    9: "九",
    10: "十",
    11: "十一",
    12: "十二",
    19: "十九",
    20: "二十",
    21: "二十一",
    30: "三十",
    31: "三十一",
    99: "九十九",
}


@pytest.mark.parametrize(("n", "written"), NUMERALS.items())
def test_chinese_numeral_both_ways(n, written):
    assert chinese_numeral(n) == written
    assert parse_numeral(written) == n


@pytest.mark.parametrize("text", ["", "十十", "一十", "一二", "二十十", "十一十", "九十十", "百", "〇"])
def test_parse_numeral_refuses_what_the_plan_never_writes(text):
    with pytest.raises(ValueError, match=f"^not a numeral as the plan writes them: '{text}'$"):
        parse_numeral(text)


@pytest.mark.parametrize(
    ("args", "cited"),
    [
        ((3, 1, 2), "第三章第一节第2段"),
        ((3, 0, 1), "第三章引言第1段"),
        ((10, 3, 12), "第十章第三节第12段"),
        ((3, 1), "第三章第一节"),
        ((3, 0), "第三章引言"),
        ((3, 1, 0), "第三章第一节第0段"),
    ],
)
def test_citation(args, cited):
    assert citation(*args) == cited


def test_citation_in_traditional():
    assert citation(2, 2, script="zh-Hant") == "第二章第二節"
    assert citation(2, 11, 4, "zh-Hant") == "第二章第十一節第4段"
    assert citation(2, 0, 4, "zh-Hant") == "第二章引言第4段"


# --------------------------------------------------------------------------- a small document

INTRO = Paragraph(3, 0, 1, "推进基础设施同城同网。", "", 120)
FIRST = Paragraph(3, 1, 1, "建设轨道。统筹发展规划。", "建设轨道。", 122, "第三章第一节第1段")
SECOND = Paragraph(3, 1, 2, "发展。", "", 123)
SECTION = Section(3, 1, "构建交通体系", (FIRST, SECOND), 121, "第一节")
CHAPTER = Chapter(3, "推进同城同网", (INTRO,), (SECTION,), 119, "第三章")
NOTICE = Notice(
    "山东省人民政府",
    "关于印发规划的通知",
    "鲁政字〔2023〕168号",
    "各市：",
    ("现将规划印发。", "请落实。"),
    "山东省人民政府",
    "2023年10月6日",
    "（此件公开发布）",
)
DOC = Document(
    "规划",
    (Field("subject", "主题分类", "城市规划"), Field("validity", "有效性", "0")),
    NOTICE,
    (CHAPTER, Chapter(4, "协同创新", (Paragraph(4, 0, 1, "创新。"),), (), 130, "第四章")),
    "abc123",
)


def test_identifiers_and_headings():
    assert (INTRO.anchor, FIRST.anchor, SECOND.anchor) == ("p3-0-1", "p3-1-1", "p3-1-2")
    assert (SECTION.anchor, SECTION.heading) == ("s3-1", "第一节 构建交通体系")
    assert (CHAPTER.anchor, CHAPTER.slug, CHAPTER.heading) == ("ch3", "ch03", "第三章 推进同城同网")
    assert Chapter(10, "", (), ()).slug == "ch10"


def test_paragraph_rest_and_citation():
    assert FIRST.rest == "统筹发展规划。"
    assert SECOND.rest == "发展。"
    assert FIRST.citation == "第三章第一节第1段"  # as parsed
    assert SECOND.citation == "第三章第一节第2段"  # made from the numbers when none was parsed
    assert INTRO.citation == "第三章引言第1段"
    assert Paragraph(3, 1, 2, "x", cite="第三章第一節第2段").citation == "第三章第一節第2段"


def test_document_walks_in_reading_order():
    assert [p.anchor for p in DOC.paragraphs()] == ["p3-0-1", "p3-1-1", "p3-1-2", "p4-0-1"]
    assert [p.anchor for p in CHAPTER.paragraphs()] == ["p3-0-1", "p3-1-1", "p3-1-2"]
    assert [s.anchor for s in DOC.sections()] == ["s3-1"]
    assert DOC.field("validity") == "0" and DOC.field("subject") == "城市规划"
    with pytest.raises(KeyError, match="title"):
        DOC.field("title")


# A hand-written Simplified → Traditional table for the characters of DOC (one for one, like OpenCC here).
TABLE = str.maketrans(
    "规划发进设轨节统筹协关于现将请实东鲁号题类网础创构体开", "規劃發進設軌節統籌協關於現將請實東魯號題類網礎創構體開"
)


def test_map_text_converts_every_text_field_and_nothing_else():
    """The plan's text is converted; section labels and citations are written in the script by the model."""
    hant = DOC.map_text(lambda s: s.translate(TABLE), "zh-Hant")
    assert hant.script == "zh-Hant" and hant.source_sha256 == "abc123"
    assert hant.title == "規劃"
    assert hant.metadata == (Field("subject", "主題分類", "城市規劃"), Field("validity", "有效性", "0"))
    assert hant.notice == Notice(
        "山東省人民政府",
        "關於印發規劃的通知",
        "魯政字〔2023〕168號",
        "各市：",
        ("現將規劃印發。", "請落實。"),
        "山東省人民政府",
        "2023年10月6日",
        "（此件公開發布）",
    )
    chapter = hant.chapters[0]
    assert (chapter.number, chapter.title, chapter.label, chapter.line) == (3, "推進同城同網", "第三章", 119)
    assert chapter.intro == (Paragraph(3, 0, 1, "推進基礎設施同城同網。", "", 120, "第三章引言第1段"),)
    section = chapter.sections[0]
    assert (section.chapter, section.number, section.title, section.label, section.line) == (3, 1, "構建交通體系", "第一節", 121)
    assert section.paragraphs == (
        Paragraph(3, 1, 1, "建設軌道。統籌發展規劃。", "建設軌道。", 122, "第三章第一節第1段"),
        Paragraph(3, 1, 2, "發展。", "", 123, "第三章第一節第2段"),
    )
    assert hant.chapters[1] == Chapter(4, "協同創新", (Paragraph(4, 0, 1, "創新。", cite="第四章引言第1段"),), (), 130, "第四章")


def test_map_text_never_converts_a_citation_or_a_label():
    # A converter that would garble every 节 and 第: the labels and citations do not go through it.
    hant = DOC.map_text(lambda s: s.replace("节", "X").replace("第", "Y"), "zh-Hant")
    section = hant.chapters[0].sections[0]
    assert section.label == "第一節" and section.paragraphs[1].cite == "第三章第一節第2段"


def test_map_text_takes_the_lead_from_the_converted_text():
    # The lead keeps its length and is cut from the converted paragraph, never converted on its own.
    doc = DOC.map_text(lambda s: s.replace("建设轨道。", "建設軌道。") if "统筹" in s else s, "zh-Hant")
    assert doc.chapters[0].sections[0].paragraphs[0].lead == "建設軌道。"


def test_document_json_round_trip(simplified, traditional):
    for doc in (DOC, simplified, traditional):
        data = doc.to_dict()
        assert document_from_dict(data) == doc
    data = DOC.to_dict()
    assert data["chapters"][0]["sections"][0]["paragraphs"][1] == {
        "chapter": 3,
        "section": 1,
        "number": 2,
        "text": "发展。",
        "lead": "",
        "line": 123,
        "cite": "",
    }
    assert data["notice"]["body"] == ("现将规划印发。", "请落实。")
    assert (data["script"], data["source_sha256"], data["title"]) == ("zh-Hans", "abc123", "规划")
