"""The glossary's evidence and definitions, checked by a second, deliberately simple reading.

Issue 11 ("Glossary, corrected"). This file does not import tools/: it reads
source/glossary.yml and source/glossary-ignore.yml with plain ``yaml.safe_load``
and the plan's paragraphs from the published model docs/zh-Hans/document.json,
so a fault in the loader or the generator cannot hide a fault in the data.

The rules:

* **Evidence names a document.** ``evidence`` contains a document title in 《》
  (not the plan's own title), a document number (…〔YYYY〕N号), a standard code
  (GB/T, GB, SC/T, ISO, ITU-R …) or an issuer with a date (in one clause, between
  two ；). Two exceptions: an entry the plan spells out (``defined_in``, whose
  ``quote`` is checked against the paragraph) may give 规划原文; an entry of
  category 缩略语 may instead cite the plan paragraph that expands it
  (规划第一章引言第1段（青岛市、潍坊市）), and every name in the brackets must
  occur in that paragraph. 字面义, 通行简称 and 常用提法 are rejected by name.
* **The plan's words stay the plan's.** Where ``defined_in`` is set, every run
  of two or more Han characters in ``short`` (shown as the plan's 释义, without
  编者注) occurs in that paragraph; anything else belongs in ``explanation``.
* **Published anchors do not break.** Every term id of the glossary as published
  on main (tests/cases/term-ids.txt, copied from the page) still exists and names
  the same term, unless the file marks it removed and the ignore list gives the
  reason.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "source" / "glossary.yml"
IGNORE = ROOT / "source" / "glossary-ignore.yml"
DOCUMENT = ROOT / "docs" / "zh-Hans" / "document.json"
TERM_IDS = Path(__file__).parent / "cases" / "term-ids.txt"

# --------------------------------------------------------------------------- the rule

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
PLAN_TITLE = "《青岛都市圈发展规划》"
TITLE = re.compile(r"《[^《》]+》")
DOC_NUMBER = re.compile(rf"[{HAN}]+〔(?:19|20)\d{{2}}〕\d+号")
STANDARD = re.compile(r"(?<![A-Za-z])(?:GB/T|GB/Z|GB|SC/T|HJ|JT/T|ISO|IEC|ITU-[RT])\s?(?:[A-Z]\.)?\d+")
DATE = r"(?:19|20)\d{2}年"
ISSUER = (
    r"(?:习近平(?:总书记|主席)|中共中央|国务院|全国人民代表大会|联合国"
    rf"|[{HAN}]{{1,24}}(?:部|委员会|委|局|署|院|厅|办公室|政府|中心|组织|大会|全会|会议|发布会))"
)
ISSUER_WITH_DATE = re.compile(rf"{ISSUER}[^；]*?{DATE}|{DATE}[^；]*?{ISSUER}")
NUMERAL = "一二三四五六七八九十"
PLAN_PARAGRAPH = re.compile(rf"(?:规划)?第([{NUMERAL}]+)章(?:引言|第([{NUMERAL}]+)节)第(\d+)段(?:（([^）]*)）)?")
REJECTED = ("字面义", "通行简称", "常用提法")
ABBREVIATION = "缩略语"


def names_a_document(evidence: str) -> bool:
    """A title in 《》 other than the plan's, a document number, a standard code, or an issuer with a date."""
    return bool(
        any(t != PLAN_TITLE for t in TITLE.findall(evidence))
        or DOC_NUMBER.search(evidence)
        or STANDARD.search(evidence)
        or any(ISSUER_WITH_DATE.search(clause) for clause in evidence.split("；"))
    )


def evidence_problems(entry: dict) -> list[str]:
    """What is wrong with an entry's evidence under the rule (empty when it is acceptable)."""
    evidence = entry["evidence"]
    problems = [f"uses {p!r}, which is not evidence" for p in REJECTED if p in evidence]
    plan_defined = entry.get("defined_in") is not None and "规划原文" in evidence
    plan_expands = entry["category"] == ABBREVIATION and PLAN_PARAGRAPH.search(evidence) is not None
    if not (names_a_document(evidence) or plan_defined or plan_expands):
        problems.append("names no document, standard or dated issuer")
    return problems


def chinese_number(text: str) -> int:
    """一 … 十 (chapters and sections of the plan): 十 = 10, 三 = 3."""
    return 10 if text == "十" else NUMERAL.index(text) + 1


# --------------------------------------------------------------------------- the data


def load_terms() -> list[dict]:
    return yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))["terms"]


def load_ignored() -> dict[str, str]:
    return {i["candidate"]: i["reason"] for i in yaml.safe_load(IGNORE.read_text(encoding="utf-8"))}


def paragraphs() -> dict[str, str]:
    """Anchor (p3-1-2; section 0 for a chapter's introduction) → paragraph text, from document.json."""
    doc = json.loads(DOCUMENT.read_text(encoding="utf-8"))
    out = {}
    for chapter in doc["chapters"]:
        for p in chapter["intro"] + [p for s in chapter["sections"] for p in s["paragraphs"]]:
            out[f"p{p['chapter']}-{p['section']}-{p['number']}"] = p["text"]
    return out


TERMS = load_terms()


def test_the_data_is_what_this_file_expects():
    """A floor under the parametrised tests: they cannot pass by finding nothing."""
    assert len(TERMS) == 127
    assert sum(1 for t in TERMS if t.get("defined_in")) == 25
    assert len(paragraphs()) == 91


# --------------------------------------------------------------------------- evidence


@pytest.mark.parametrize("entry", TERMS, ids=[t["term"] for t in TERMS])
def test_evidence_names_a_document(entry):
    assert not evidence_problems(entry), f"{entry['term']}: {evidence_problems(entry)} — {entry['evidence']}"


@pytest.mark.parametrize(
    "evidence",
    [
        "国务院《关于实行市场准入负面清单制度的意见》（国发〔2015〕55号）",  # title and number
        "《地表水环境质量标准》",  # a title alone
        "鲁政办字〔2021〕57号",  # a number alone
        "《物流术语》（GB/T 18354）",
        "国际标准 ISO 14067:2018（产品碳足迹）",
        "国际电信联盟建议书 ITU-R M.2083（2015年）",
        "《海洋牧场分类》（SC/T 9111—2017）",
        "习近平总书记2021年10月22日在深入推动黄河流域生态保护和高质量发展座谈会上的讲话",  # issuer, date
        "中国共产党第二十次全国代表大会（2022年10月）",
        "2021年10月，国家发展改革委印发的方案",  # date before issuer
        "山东省人民政府2019年10月28日新闻发布会",
    ],
)
def test_rule_accepts_a_named_document(evidence):
    assert names_a_document(evidence), evidence


@pytest.mark.parametrize(
    "evidence",
    [
        "字面义（绿电，可再生能源电力；入鲁，输入山东）",
        "交通运输行业通用术语",
        "机构规范简称",
        "地名简称",
        "中国共产党第二十次全国代表大会",  # an issuer without a date
        "山东省“一次办好”改革（2018年起）",  # a date without an issuer
        "人力资源社会保障部推进社会保障卡居民服务“一卡通”的部署",  # an issuer without a date
        "规划第五章第一节第4段与“米袋子”“菜篮子”并列的说法",  # the plan alone
        "《青岛都市圈发展规划》第四章第一节第1段",  # the plan's own title is not outside evidence
        "国务院关于…的部署；2020年起",  # issuer and date in different clauses
        "GBT 1234 之类的写法",  # not a standard code
    ],
)
def test_rule_rejects_evidence_that_names_no_document(evidence):
    assert not names_a_document(evidence), evidence


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ({"evidence": "字面义；国务院《某意见》（国发〔2022〕18号）", "category": "政策机制"}, "'字面义'"),
        ({"evidence": "新技术等的通行简称；见《总体方案》", "category": "数字概括语"}, "'通行简称'"),
        ({"evidence": "国家粮食安全工作中的常用提法", "category": "数字概括语"}, "'常用提法'"),
        ({"evidence": "规划原文", "category": "数字概括语"}, "names no document"),  # 规划原文 needs defined_in
        ({"evidence": "规划第一章引言第1段（青岛市、潍坊市）", "category": "政策机制"}, "names no document"),
    ],
)
def test_rule_rejects_planted_bad_entries(entry, problem):
    """The check fails where it should: rejected phrases by name, and the plan as evidence
    outside its two exceptions."""
    assert any(problem in p for p in evidence_problems(entry)), evidence_problems(entry)


def test_rule_exceptions_for_plan_defined_terms_and_abbreviations():
    assert evidence_problems({"evidence": "规划原文", "category": "数字概括语", "defined_in": "p2-2-2"}) == []
    assert evidence_problems({"evidence": "规划第一章引言第1段（青岛市、潍坊市）", "category": ABBREVIATION}) == []


def test_plan_paragraph_citations_of_abbreviations_name_what_the_paragraph_says():
    """规划第一章引言第1段（青岛市、潍坊市）: the paragraph exists and holds every name in the brackets."""
    text = paragraphs()
    cited = 0
    for entry in TERMS:
        if entry["category"] != ABBREVIATION or entry.get("defined_in"):
            continue
        for m in PLAN_PARAGRAPH.finditer(entry["evidence"]):
            section = chinese_number(m[2]) if m[2] else 0
            anchor = f"p{chinese_number(m[1])}-{section}-{m[3]}"
            assert anchor in text, (entry["term"], m[0])
            names = [n for n in re.split("[、：]", m[4] or "") if n]
            assert names, (entry["term"], "name the expanded forms in brackets after the paragraph")
            for name in names:
                assert name in text[anchor], (entry["term"], anchor, name)
            cited += 1
    assert cited == 6  # 济青, 青潍, 青潍日, 青烟潍日, and 烟潍威日 twice


# --------------------------------------------------------------------------- the plan's words


def han_runs(text: str) -> list[str]:
    """Runs of two or more Han characters: 国家海洋科学城：青岛蓝谷 → 国家海洋科学城, 青岛蓝谷."""
    return re.findall(f"[{HAN}]{{2,}}", text)


def test_han_runs():
    assert han_runs("镇区常住人口10万以上") == ["镇区常住人口", "万以上"]
    assert han_runs("海陆空铁“四港联动”，PM2.5") == ["海陆空铁", "四港联动"]
    assert han_runs("市域（郊）铁路") == ["市域", "铁路"]  # one character alone is not a run


@pytest.mark.parametrize("entry", [t for t in TERMS if t.get("defined_in")], ids=lambda t: t["term"])
def test_plan_defined_short_uses_only_the_plans_words(entry):
    paragraph = paragraphs()[entry["defined_in"]]
    for quote in entry["quote"]:
        assert quote in paragraph, (entry["term"], quote)
    foreign = [run for run in han_runs(entry["short"]) if run not in paragraph]
    assert not foreign, (
        f"{entry['term']}: {foreign} are not in {entry['defined_in']}; "
        "condense the plan's own words in short and move the rest to explanation (编者注)"
    )


def test_the_short_check_can_fail():
    """The review's example: 一谷一区's old short added words the plan never says."""
    paragraph = paragraphs()["p4-1-1"]
    old = "青岛蓝谷和古镇口核心区，国家海洋科学城的两个承载区"
    assert [run for run in han_runs(old) if run not in paragraph] == ["青岛蓝谷和古镇口核心区", "国家海洋科学城的两个承载区"]


# --------------------------------------------------------------------------- published ids


def published_ids() -> list[tuple[str, str, str]]:
    rows = []
    for line in TERM_IDS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            term_id, term, status = line.split("\t")
            assert status in ("kept", "removed"), line
            rows.append((term_id, term, status))
    return rows


def current_ids() -> dict[str, str]:
    """Term id → term, by the documented rule: the explicit id, else the toneless pinyin
    (words split at spaces and hyphens, ü → v, lower case), words joined by hyphens."""
    import unicodedata

    def slug(pinyin: str) -> str:
        words = []
        for word in re.split(r"[\s\-]+", pinyin):
            plain = unicodedata.normalize("NFD", word).replace("u\u0308", "v").replace("U\u0308", "v")
            plain = re.sub(r"[^a-z0-9]", "", "".join(c for c in plain if not unicodedata.combining(c)).lower())
            if plain:
                words.append(plain)
        return "-".join(words)

    return {t.get("id") or slug(t["pinyin"]): t["term"] for t in TERMS}


def test_published_ids_still_name_the_same_terms():
    ids = current_ids()
    rows = published_ids()
    assert len(rows) == 134  # the glossary as published on main
    kept = [(i, t) for i, t, status in rows if status == "kept"]
    assert len(kept) == 123
    for term_id, term in kept:
        assert ids.get(term_id) == term, f"t-{term_id} was {term} on main; give the entry id: {term_id}"


def test_removed_ids_are_gone_and_their_terms_explained():
    ids = current_ids()
    ignored = load_ignored()
    removed = [(i, t) for i, t, status in published_ids() if status == "removed"]
    assert len(removed) == 11
    for term_id, term in removed:
        assert term_id not in ids and term not in ids.values(), term
        assert "removed" in ignored.get(term, ""), f"{term}: list it in source/glossary-ignore.yml with the reason"


def test_capitalised_pinyin_keeps_the_old_ids():
    """GB/T 16159-2012 capitals and hyphens (Jǐ-Qīng) would change the derived id; the entries pin it."""
    by_term = {t["term"]: t for t in TERMS}
    for term, pinyin, term_id in [
        ("济青", "Jǐ-Qīng", "jiqing"),
        ("长三角", "Cháng Sānjiǎo", "changsanjiao"),
        ("中欧班列", "Zhōng-Ōu bānliè", "zhongou-banlie"),
        (
            "黄河流域生态保护和高质量发展",
            "Huáng Hé liúyù shēngtài bǎohù hé gāozhìliàng fāzhǎn",
            "huanghe-liuyu-shengtai-baohu-he-gaozhiliang-fazhan",
        ),
    ]:
        assert by_term[term]["pinyin"] == pinyin
        assert by_term[term]["id"] == term_id
    assert "id" not in by_term["京津冀"]  # Jīng-Jīn-Jì gives jing-jin-ji, the published id
    assert current_ids()["jing-jin-ji"] == "京津冀"
