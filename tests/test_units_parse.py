"""Stage 6, parse: a small hand-written plan, and every structural error it can make.

Each case is a text of a few lines in the shape of the real source (metadata
block, notice, title, chapters, sections, paragraphs), parsed against a small
manifest. The expected model and every expected error — message, fix, line
and column — are written out by hand: lines counted in :data:`LINES` (the text
starts with a blank line, so ``HEADER`` is lines 2–8, ``NOTICE`` 9–18 and
``PLAN`` 19–30), columns in characters, the four spaces of indentation
included (a line's text starts at column 5).
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from tools.data import source as data
from tools.data.source import ChapterSpec, Manifest
from tools.errors import PipelineError
from tools.model import Field
from tools.model.parse import lead_sentence, parse_document

MANIFEST = Manifest(
    "样例规划",
    data.manifest().metadata_labels,
    (),
    (),
    (ChapterSpec("总体要求", ("指导思想", "基本原则"), 1, (1, 2)), ChapterSpec("空间布局", ("发展廊道",), 2, (1,))),
    "廊道建设？",
)
# The hint of every error that says the text was cut short.
TRUNCATED = "the file looks truncated: use the complete scrape (the page chrome after the plan may be left out)"
# ... and what it says the whole plan would have held.
EXPECTED_END = "it should run to the end of 第二章, whose last sentence is “廊道建设？”"
HEADER = [
    "索引号： 暂无 主题分类： 城市规划",
    "成文日期： 2023-10-06 发布日期： 2023-10-13",
    "发布机关： 山东省人民政府 统一编号： 无",
    "标题： 关于印发样例规划的通知",
    "发文字号： 鲁政字〔2023〕168号 有效性： 0",
    "主题分类： 城市规划",
    "有效性： 0",
]
NOTICE = [
    "山东省人民政府",
    "关于印发样例规划的通知",
    "鲁政字〔2023〕168号",
    "各市人民政府，各县（市、区）人民政府：",
    "现将《样例规划》印发给你们。",
    "请认真贯彻落实。",
    "山东省人民政府",
    "2023年10月6日",
    "（此件公开发布）",
    "样例规划",
]
PLAN = [
    "第一章 总体要求",  # line 19 of text()
    "样例都市圈位于半岛东部。",
    "第一节 指导思想",
    "坚持统筹发展。推进建设，促进发展。",
    "第二节 基本原则",
    "尊重规律，同城融合。遵循规律；",
    "第二段没有导语，只有一句很长的第一句话。再一句。",
    "第二章 空间布局",  # line 26
    "布局引言。",
    "第三段引言！",
    "第一节 发展廊道",
    "廊道建设？",
]
LINES = HEADER + NOTICE + PLAN


def text(lines: list[str] = LINES) -> str:
    """The lines indented as in the source, with a blank first line (a removed junk line)."""
    return "\n" + "\n".join(f"    {line}" if line else "" for line in lines)


def line_of(needle: str, lines: list[str] = LINES) -> int:
    """Line number in :func:`text` of the first line that starts with ``needle``."""
    return next(i for i, line in enumerate(lines, 2) if line.startswith(needle))


def replaced(old: str, new: str | None) -> list[str]:
    """LINES with the first line starting with ``old`` replaced by ``new`` (``None``: removed)."""
    i = next(i for i, line in enumerate(LINES) if line.startswith(old))
    return LINES[:i] + ([] if new is None else [new]) + LINES[i + 1 :]


# --------------------------------------------------------------------------- the model


def test_metadata_notice_and_title():
    doc = parse_document(text(), MANIFEST, "abc")
    assert doc.title == "样例规划" and doc.source_sha256 == "abc" and doc.script == "zh-Hans"
    assert doc.metadata == (
        Field("index_number", "索引号", "暂无"),
        Field("subject", "主题分类", "城市规划"),
        Field("date_written", "成文日期", "2023-10-06"),
        Field("date_published", "发布日期", "2023-10-13"),
        Field("issuing_body", "发布机关", "山东省人民政府"),
        Field("unified_number", "统一编号", "无"),
        Field("title", "标题", "关于印发样例规划的通知"),
        Field("document_number", "发文字号", "鲁政字〔2023〕168号"),
        Field("validity", "有效性", "0"),
    )
    n = doc.notice
    assert (n.issuer, n.title, n.number) == ("山东省人民政府", "关于印发样例规划的通知", "鲁政字〔2023〕168号")
    assert n.addressees == "各市人民政府，各县（市、区）人民政府："
    assert n.body == ("现将《样例规划》印发给你们。", "请认真贯彻落实。")
    assert (n.signature, n.date, n.note) == ("山东省人民政府", "2023年10月6日", "（此件公开发布）")


def test_chapters_sections_and_paragraphs():
    doc = parse_document(text(), MANIFEST)
    assert doc.source_sha256 == ""
    one, two = doc.chapters
    assert (one.number, one.title, one.label, one.line, one.heading) == (1, "总体要求", "第一章", 19, "第一章 总体要求")
    assert (two.number, two.title, two.label, two.line) == (2, "空间布局", "第二章", 26)
    assert [(s.number, s.title, s.label, s.line, s.heading) for s in one.sections] == [
        (1, "指导思想", "第一节", 21, "第一节 指导思想"),
        (2, "基本原则", "第二节", 23, "第二节 基本原则"),
    ]
    assert [(p.anchor, p.text, p.lead, p.line, p.citation) for p in doc.paragraphs()] == [
        ("p1-0-1", "样例都市圈位于半岛东部。", "", 20, "第一章引言第1段"),
        ("p1-1-1", "坚持统筹发展。推进建设，促进发展。", "坚持统筹发展。", 22, "第一章第一节第1段"),
        ("p1-2-1", "尊重规律，同城融合。遵循规律；", "尊重规律，同城融合。", 24, "第一章第二节第1段"),
        ("p1-2-2", "第二段没有导语，只有一句很长的第一句话。再一句。", "", 25, "第一章第二节第2段"),
        ("p2-0-1", "布局引言。", "", 27, "第二章引言第1段"),
        ("p2-0-2", "第三段引言！", "", 28, "第二章引言第2段"),
        ("p2-1-1", "廊道建设？", "", 30, "第二章第一节第1段"),
    ]


def test_blank_lines_and_indentation_keep_raw_line_numbers():
    spaced = "\n\n".join(f"\t  {line}  " for line in LINES)
    doc = parse_document(spaced, MANIFEST)
    assert [p.line for p in doc.paragraphs()] == [37, 41, 45, 47, 51, 53, 57]
    assert doc.chapters[1].line == 49
    with pytest.raises(PipelineError) as info:
        parse_document(spaced.replace("布局引言。", "布局引言"), MANIFEST)
    # "\t  布局引言  ": the tab and two spaces, then 布局引言 at columns 4–7; the error is at its last character.
    assert (info.value.line, info.value.column) == (51, 7)


def test_metadata_may_follow_a_single_copy_and_labels_may_use_ascii_colons():
    lines = ["索引号:暂无 主题分类 ： 城市规划", *HEADER[1:5], *NOTICE, *PLAN]
    doc = parse_document(text(lines), MANIFEST)
    assert doc.field("subject") == "城市规划" and doc.field("index_number") == "暂无"


@pytest.mark.parametrize(
    ("paragraph", "lead"),
    [
        ("尊重规律，同城融合。遵循城镇化发展规律。", "尊重规律，同城融合。"),
        ("一二三四五六七八九十一二三四五六。后文。", "一二三四五六七八九十一二三四五六。"),  # 16 characters: a lead
        ("一二三四五六七八九十一二三四五六七。后文。", ""),  # 17: an ordinary first sentence
        ("只有一句。", ""),  # the whole paragraph is no lead
        ("没有句号；也没有。", ""),  # the first 。 ends the paragraph
        ("没有句号", ""),
        ("。后文。", "。"),
        ("短句。后", "短句。"),  # one character after it is enough
    ],
)
def test_lead_sentence(paragraph, lead):
    assert lead_sentence(paragraph) == lead


# --------------------------------------------------------------------------- errors

# Hints, as the parser gives them.
MISSING_PARAGRAPH = (
    "a paragraph is missing or two were joined in one line: use the complete scrape "
    "(if the document really has this many, correct the count in source/manifest.yml)"
)
EXTRA_PARAGRAPH = (
    "a paragraph was split in two lines or text was added: use the complete scrape "
    "(if the document really has more, correct the count in source/manifest.yml)"
)
AFTER_THE_END = (
    "delete everything after the plan's last paragraph (only the complete page chrome may follow it, at the very end of the file)"
)

ERRORS = {
    # name: (lines, line, column, message, hint)
    "no text": ([], 1, 1, "no text left after cleaning", "use the complete scrape of the page"),
    "no metadata": (
        NOTICE + PLAN,
        2,
        5,
        "no metadata block (索引号, 主题分类, …) at the top of the text",
        "use the complete scrape of the page",
    ),
    "metadata lacks fields": (
        HEADER[:2] + NOTICE + PLAN,
        3,
        5,
        "the metadata block lacks 发布机关、统一编号、标题、发文字号、有效性",
        "use the complete scrape of the page",
    ),
    "one metadata line": (
        HEADER[:1] + NOTICE + PLAN,
        2,
        5,
        "the metadata block lacks 成文日期、发布日期、发布机关、统一编号、标题、发文字号、有效性",
        "use the complete scrape of the page",
    ),
    "second copy disagrees": (  # at the value: 有效性 at 5–7, ： at 8, a space, 1 at 10
        replaced("有效性： 0", "有效性： 1"),
        8,
        10,
        "the second metadata copy gives 有效性 = '1', the first '0'",
        "the two copies must agree; check the scrape",
    ),
    "a third copy": (
        [*HEADER, "主题分类： 城市规划", *NOTICE, *PLAN],
        9,
        5,
        "metadata field 主题分类 appears a third time",
        "the page prints the block twice at most",
    ),
    "a third copy inside a line": (  # at its label: 索引号： 暂无 fills columns 5–12, 主题分类 starts at 13
        [*HEADER, "索引号： 暂无 主题分类： 城市规划", *NOTICE, *PLAN],
        9,
        13,
        "metadata field 主题分类 appears a third time",
        "the page prints the block twice at most",
    ),
    "notice title": (
        replaced("关于印发样例规划的通知", "关于印发样例规划的决定"),
        10,
        5,
        "expected the notice title (关于…的通知), found '关于印发样例规划的决定'",
        "check the start of the notice",
    ),
    "document number": (
        replaced("鲁政字〔2023〕168号", "鲁政字2023年168号"),
        11,
        5,
        "expected the document number (鲁政字〔2023〕168号), found '鲁政字2023年168号'",
        "check the notice heading",
    ),
    "addressees": (
        replaced("各市人民政府", "各市人民政府"),
        12,
        5,
        "expected the addressees, ending with ：",
        "check the notice",
    ),
    "no notice body": (
        HEADER + NOTICE[:4] + NOTICE[6:] + PLAN,
        13,
        5,
        "the notice has no body",
        "check the notice",
    ),
    "date": (
        replaced("2023年10月6日", "二〇二三年十月六日"),
        16,
        5,
        "expected the date (2023年10月6日), found '二〇二三年十月六日'",
        "check the end of the notice",
    ),
    "publication note": (
        replaced("（此件公开发布）", "此件公开发布"),
        17,
        5,
        "expected the publication note (（此件公开发布）), found '此件公开发布'",
        "check the end of the notice",
    ),
    "plan title": (
        replaced("样例规划", "样例计划"),
        18,
        5,
        "expected the plan's title '样例规划', found '样例计划'",
        "check the scrape after the notice",
    ),
    "text before the first chapter": (
        HEADER + NOTICE + ["前言一段。"] + PLAN,
        19,
        5,
        "text before the first chapter heading",
        "the plan must start with 第一章",
    ),
    "section before the first chapter": (
        HEADER + NOTICE + ["第一节 指导思想"] + PLAN,
        19,
        5,
        "a section heading before the first chapter",
        "check the scrape",
    ),
    "chapter out of order": (
        replaced("第一章 总体要求", "第二章 总体要求"),
        19,
        5,
        "chapters out of order: found 第二章 where 第一章 was expected",
        "chapters must run 第一章 … 第十章 without gaps or repeats; check the scrape",
    ),
    "chapter title": (
        replaced("第一章 总体要求", "第一章 总体目标"),
        19,
        5,
        "第一章 is titled '总体目标', expected '总体要求'",
        "fix the text, or the title in source/manifest.yml if the document really says so",
    ),
    "malformed chapter number": (
        replaced("第二章 空间布局", "第十十章 空间布局"),
        26,
        5,
        "the heading number 十十 is not written as the plan writes numbers",
        "write it as 一 … 十, 十一 … 十九, 二十 …; check the scrape",
    ),
    "malformed section number": (
        replaced("第二节 基本原则", "第一二节 基本原则"),
        23,
        5,
        "the heading number 一二 is not written as the plan writes numbers",
        "write it as 一 … 十, 十一 … 十九, 二十 …; check the scrape",
    ),
    "chapter beyond the manifest": (
        [*LINES, "第三章 附则", "附则引言。"],
        31,
        5,
        "text after the end of the plan (which ends on line 30)",
        AFTER_THE_END,
    ),
    "chapter without introduction": (  # found at the section heading, now line 20
        replaced("样例都市圈位于", None),
        20,
        5,
        "第一章引言 ends before this heading after 0 of its 1 paragraph",
        MISSING_PARAGRAPH,
    ),
    "duplicated section": (
        replaced("第二节 基本原则", "第一节 基本原则"),
        23,
        5,
        "duplicated section number in 第一章: found 第一节 where 第二节 was expected",
        "sections must be numbered 第一节, 第二节, … in each chapter; check the scrape",
    ),
    "skipped section": (
        replaced("第二节 基本原则", "第三节 基本原则"),
        23,
        5,
        "skipped section number in 第一章: found 第三节 where 第二节 was expected",
        "sections must be numbered 第一节, 第二节, … in each chapter; check the scrape",
    ),
    "section beyond the manifest": (  # 第一章 lists two sections; a third before 第二章 (line 26)
        [*LINES[:24], "第三节 附加", "附加内容。", *PLAN[7:]],
        26,
        5,
        "unexpected 第三节",
        "the manifest lists 2 sections for this chapter",
    ),
    "section after the end of the plan": (
        [*LINES, "第二节 附加", "附加内容。"],
        31,
        5,
        "text after the end of the plan (which ends on line 30)",
        AFTER_THE_END,
    ),
    "section title": (
        replaced("第二节 基本原则", "第二节 基本要求"),
        23,
        5,
        "第二节 is titled '基本要求', expected '基本原则'",
        "fix the text, or the title in source/manifest.yml if the document really says so",
    ),
    "empty section": (  # found at the next heading, 第二节 on line 22
        replaced("坚持统筹发展", None),
        22,
        5,
        "第一章第一节 ends before this heading after 0 of its 1 paragraph",
        MISSING_PARAGRAPH,
    ),
    "a section short of a paragraph": (  # 第一章第二节 holds 2; with one, 第二章 (now line 25) ends it
        replaced("第二段没有导语", None),
        25,
        5,
        "第一章第二节 ends before this heading after 1 of its 2 paragraphs",
        MISSING_PARAGRAPH,
    ),
    "an introduction with a paragraph too many": (  # 第一章 has one; a second on line 21
        [*LINES[:19], "多出的一段。", *LINES[19:]],
        21,
        5,
        "第一章引言 has more than the 1 paragraph the manifest records",
        EXTRA_PARAGRAPH,
    ),
    "a section with a paragraph too many": (  # 第一章第一节 has one; a second on line 23
        [*LINES[:21], "多出的一段。", *LINES[21:]],
        23,
        5,
        "第一章第一节 has more than the 1 paragraph the manifest records",
        EXTRA_PARAGRAPH,
    ),
    "a repeated paragraph": (  # line 22 again on line 23; 第一章第一节 holds one
        [*LINES[:21], "坚持统筹发展。推进建设，促进发展。", *LINES[21:]],
        23,
        5,
        "repeated text: this paragraph is the same as line 22, and 第一章第一节 holds 1 paragraph",
        "delete the repeated paragraph",
    ),
    "an introduction repeated": (  # 第二章 holds 2 introductory paragraphs; line 27 again on line 29
        [*LINES[:27], "布局引言。", *LINES[27:]],
        29,
        5,
        "repeated text: this paragraph is the same as line 27, and 第二章引言 holds 2 paragraphs",
        "delete the repeated paragraph",
    ),
    "repeated text after the end": (
        [*LINES, "布局引言。"],
        31,
        5,
        "repeated text after the end of the plan (which ends on line 30): the same as line 27",
        AFTER_THE_END,
    ),
    "missing section": (
        LINES[: line_of("第二节 基本原则") - 2] + PLAN[PLAN.index("第二章 空间布局") :],
        23,
        5,
        "第一章 ends after 1 sections; expected 2 (missing 基本原则)",
        "a section heading is missing or the file is truncated",
    ),
    "paragraph without a full stop": (  # at its last character: 布局引言 at columns 5–8
        replaced("布局引言。", "布局引言"),
        27,
        8,
        "paragraph 第二章引言第1段 ends with '言', not with a full stop",
        "a line was broken in two: join it with the next one, or use the complete scrape",
    ),
    "truncated in the notice": (  # after 现将《样例规划》印发给你们。 (14 characters: columns 5–18)
        HEADER + NOTICE[:5],
        13,
        18,
        "the text ends where the notice's signature was expected",
        TRUNCATED,
    ),
    "missing chapter": (  # after 第一章's last paragraph (24 characters: columns 5–28)
        LINES[: line_of("第二章") - 2],
        25,
        28,
        f"the plan stops after 第一章; {EXPECTED_END}",
        TRUNCATED,
    ),
    "truncated before the first chapter": (  # after the title 样例规划 (columns 5–8)
        HEADER + NOTICE,
        18,
        8,
        f"the plan stops before 第一章; {EXPECTED_END}",
        TRUNCATED,
    ),
    "truncated between sections": (  # after 第一章第一节's one paragraph (17 characters: columns 5–21)
        LINES[:21],
        22,
        21,
        f"the plan stops after 第一章第一节; {EXPECTED_END}",
        TRUNCATED,
    ),
    "truncated inside a section": (  # after the first of 第一章第二节's two paragraphs (15 characters: 5–19)
        LINES[:23],
        24,
        19,
        f"the plan stops inside 第一章第二节: 1 of 2 paragraphs; {EXPECTED_END}",
        TRUNCATED,
    ),
    "truncated inside an introduction": (  # after the first of 第二章's two introductory paragraphs (布局引言。: 5–9)
        LINES[:26],
        27,
        9,
        f"the plan stops inside 第二章引言: 1 of 2 paragraphs; {EXPECTED_END}",
        TRUNCATED,
    ),
    "truncated after an introduction": (  # 第二章's introduction is complete, its section missing (第三段引言！: 5–10)
        LINES[:27],
        28,
        10,
        f"the plan stops after 第二章引言; {EXPECTED_END}",
        TRUNCATED,
    ),
    "truncated mid-sentence": (  # the last line stops at 尊重规律，同城 (7 characters: 5–11)
        [*LINES[:22], "尊重规律，同城"],
        24,
        11,
        f"the plan stops mid-sentence in 第一章第二节第1段; {EXPECTED_END}",
        TRUNCATED,
    ),
    "the last sentence missing": (  # 廊道建设完成。: 7 characters, 5–11
        [*LINES[:-1], "廊道建设完成。"],
        30,
        11,
        "the plan stops before its last sentence: 第二章第一节第1段 should end with “廊道建设？”",
        TRUNCATED + "; if the document really ends otherwise, correct last_sentence in source/manifest.yml",
    ),
    "成文日期 not a date": (
        ["索引号： 暂无 主题分类： 城市规划", "成文日期： 2023-13-06 发布日期： 2023-10-13", *HEADER[2:], *NOTICE, *PLAN],
        3,
        5,
        "成文日期 '2023-13-06' is not a date",
        "write it as the page does, YYYY-MM-DD",
    ),
    "发布日期 not a date": (  # on its own line in the second copy too: the line of its first copy
        ["索引号： 暂无 主题分类： 城市规划", "成文日期： 2023-10-06", "发布日期： 2023年10月13日", *HEADER[2:], *NOTICE, *PLAN],
        4,
        5,
        "发布日期 '2023年10月13日' is not a date",
        "write it as the page does, YYYY-MM-DD",
    ),
}


@pytest.mark.parametrize("name", list(ERRORS))
def test_structural_error(name):
    lines, line, column, message, hint = ERRORS[name]
    with pytest.raises(PipelineError) as info:
        parse_document(text(lines) if lines else "\n  \n", MANIFEST)
    e = info.value
    assert (e.message, e.hint, e.path, e.line, e.column) == (message, hint, None, line, column)


def test_every_missing_section_is_named():
    manifest = Manifest(
        MANIFEST.title,
        MANIFEST.metadata_labels,
        (),
        (),
        (ChapterSpec("总体要求", ("指导思想", "基本原则", "发展目标"), 1, (1, 2, 1)), MANIFEST.chapters[1]),
        MANIFEST.last_sentence,
    )
    lines = LINES[: line_of("第二节 基本原则") - 2] + PLAN[PLAN.index("第二章 空间布局") :]
    with pytest.raises(PipelineError) as info:
        parse_document(text(lines), manifest)
    assert info.value.message == "第一章 ends after 1 sections; expected 3 (missing 基本原则、发展目标)"


# Where the text may end too early, what the error says was expected there, and
# the column of the last character of the last line (its length + 4).
ENDS = [
    (0, "the notice's issuer", 10),  # 有效性： 0
    (1, "the notice's title", 11),  # 山东省人民政府
    (2, "the document number", 15),  # 关于印发样例规划的通知
    (3, "the addressees", 17),  # 鲁政字〔2023〕168号
    (4, "the notice's signature", 23),  # 各市人民政府，各县（市、区）人民政府：
    (7, "the notice's date", 11),  # 山东省人民政府
    (8, "the publication note", 14),  # 2023年10月6日
    (9, "the plan's title", 12),  # （此件公开发布）
]


@pytest.mark.parametrize(("kept", "expected", "column"), ENDS)
def test_truncated_notice(kept, expected, column):
    lines = HEADER + NOTICE[:kept]
    with pytest.raises(PipelineError) as info:
        parse_document(text(lines), MANIFEST)
    e = info.value
    assert (e.message, e.hint, e.line, e.column) == (
        f"the text ends where {expected} was expected",
        TRUNCATED,
        len(lines) + 1,
        column,
    )


def test_a_chapter_missing_its_last_section_is_reported_at_the_last_line():
    lines = replaced("第一节 发展廊道", None)
    lines = [line for line in lines if line != "廊道建设？"]
    with pytest.raises(PipelineError) as info:
        parse_document(text(lines), MANIFEST)
    e = info.value
    assert (e.message, e.line, e.column) == (f"the plan stops after 第二章引言; {EXPECTED_END}", 28, 10)


def test_a_plan_of_one_chapter_with_one_paragraph():
    manifest = replace(MANIFEST, chapters=(ChapterSpec("总体要求", (), 1, ()),), last_sentence="位于半岛东部。")
    doc = parse_document(text([*HEADER, *NOTICE, *PLAN[:2]]), manifest)
    assert [p.anchor for p in doc.paragraphs()] == ["p1-0-1"]
    with pytest.raises(PipelineError) as info:
        parse_document(text([*HEADER, *NOTICE, *PLAN[:2]]), replace(manifest, last_sentence="半岛西部。"))
    assert info.value.message == "the plan stops before its last sentence: 第一章引言第1段 should end with “半岛西部。”"


def test_a_chapter_of_one_introduction_may_end_the_plan():
    manifest = Manifest(
        MANIFEST.title,
        MANIFEST.metadata_labels,
        (),
        (),
        (MANIFEST.chapters[0], ChapterSpec("空间布局", (), 2, ())),
        "第三段引言！",
    )
    doc = parse_document(text(LINES[:-2]), manifest)
    assert [(c.number, len(c.intro), len(c.sections)) for c in doc.chapters] == [(1, 1, 2), (2, 2, 0)]
    with pytest.raises(PipelineError) as info:
        parse_document(text(LINES[:-2]), replace(manifest, last_sentence="前言！"))
    assert info.value.message == "the plan stops before its last sentence: 第二章引言第2段 should end with “前言！”"
