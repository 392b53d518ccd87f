"""The document model: metadata, notice, 10 chapters, 31 sections, lead sentences."""

import pytest

from tools.data import source as data
from tools.data.source import to_simplified
from tools.errors import PipelineError
from tools.model.parse import LEAD_MAX, lead_sentence, parse_document

SECTIONS_PER_CHAPTER = [3, 4, 3, 3, 2, 3, 4, 3, 3, 3]


def test_structure(simplified):
    doc = simplified
    assert doc.title == "青岛都市圈发展规划"
    assert [c.number for c in doc.chapters] == list(range(1, 11))
    assert [len(c.sections) for c in doc.chapters] == SECTIONS_PER_CHAPTER
    assert sum(SECTIONS_PER_CHAPTER) == 31
    manifest = data.manifest()
    for chapter, spec in zip(doc.chapters, manifest.chapters, strict=True):
        assert chapter.title == spec.title
        assert [s.title for s in chapter.sections] == list(spec.sections)
        assert len(chapter.intro) == 1, "each chapter has one introductory paragraph"
        assert chapter.intro[0].anchor == f"p{chapter.number}-0-1"
        for section in chapter.sections:
            assert section.paragraphs
            for i, p in enumerate(section.paragraphs, 1):
                assert p.anchor == f"p{chapter.number}-{section.number}-{i}"
    assert doc.chapters[2].heading == "第三章 推进基础设施同城同网"
    assert doc.chapters[2].sections[0].heading == "第一节 构建都市圈综合交通体系"


def test_anchors_are_ascii_unique_and_shared_by_both_scripts(simplified, traditional):
    def anchors(doc):
        out = [c.anchor for c in doc.chapters]
        out += [s.anchor for s in doc.sections()]
        out += [p.anchor for p in doc.paragraphs()]
        return out

    hans = anchors(simplified)
    assert hans == anchors(traditional)
    assert len(hans) == len(set(hans))
    assert all(a.isascii() for a in hans)


def test_metadata_record(simplified, traditional):
    fields = {f.key: (f.label, f.value) for f in simplified.metadata}
    assert fields == {
        "index_number": ("索引号", "暂无"),
        "subject": ("主题分类", "城市规划"),
        "date_written": ("成文日期", "2023-10-06"),
        "date_published": ("发布日期", "2023-10-13"),
        "issuing_body": ("发布机关", "山东省人民政府"),
        "unified_number": ("统一编号", "无"),
        "title": ("标题", "山东省人民政府关于印发青岛都市圈发展规划的通知"),
        "document_number": ("发文字号", "鲁政字〔2023〕168号"),
        "validity": ("有效性", "0"),
    }
    assert [f.key for f in traditional.metadata] == list(fields)
    assert traditional.field("document_number") == "魯政字〔2023〕168號"
    assert traditional.field("validity") == "0"


def test_notice(simplified):
    n = simplified.notice
    assert n.issuer + n.title == "山东省人民政府关于印发青岛都市圈发展规划的通知"
    assert n.number == "鲁政字〔2023〕168号"
    assert n.addressees == "各市人民政府，各县（市、区）人民政府，省政府各部门、各直属机构，各大企业，各高等院校："
    assert n.body == ("现将《青岛都市圈发展规划》印发给你们，请认真抓好贯彻落实。",)
    assert (n.signature, n.date, n.note) == ("山东省人民政府", "2023年10月6日", "（此件公开发布）")


def test_lead_rule_finds_exactly_the_curated_lead_sentences(simplified):
    curated = data.lead_sentences()
    found = {p.anchor: p.lead for p in simplified.paragraphs() if p.lead}
    assert found == curated
    assert len(curated) == 67
    # The examples the issue names.
    assert curated["p3-1-1"] == "建设轨道上的都市圈。"
    assert curated["p1-2-1"] == "尊重规律，同城融合。"
    assert "p7-1-1" not in curated


def test_lead_rule_has_a_margin():
    curated = data.lead_sentences()
    assert max(len(lead) - 1 for lead in curated.values()) < LEAD_MAX
    assert lead_sentence("统筹优化医疗卫生资源配置，持续提升人民健康水平。建立……") == ""
    assert lead_sentence("只有一句。") == "", "a paragraph that is only one sentence has no lead"


def test_traditional_leads_are_the_same_sentences(simplified, traditional):
    for hans, hant in zip(simplified.paragraphs(), traditional.paragraphs(), strict=True):
        assert len(hans.lead) == len(hant.lead)
        assert hant.text.startswith(hant.lead)


def test_citations(simplified, traditional):
    p = simplified.chapters[2].sections[0].paragraphs[1]
    assert p.citation == "第三章第一节第2段"
    q = traditional.chapters[2].sections[0].paragraphs[1]
    assert q.citation == "第三章第一節第2段"
    assert simplified.chapters[2].intro[0].citation == "第三章引言第1段"


def test_the_date_written_is_a_date(result):
    """Every build is dated by the 成文日期 (Document.written_epoch): one that is
    not a date stops the parse at its line."""
    assert result.simplified.written_epoch == 1696550400  # date -u -d 2023-10-06 +%s
    text = to_simplified()(result.cleaned).replace("2023-10-06", "2023-13-06")
    with pytest.raises(PipelineError) as error:
        parse_document(text, data.manifest())
    assert error.value.line == 4
    assert "成文日期 '2023-13-06' is not a date" in str(error.value)
