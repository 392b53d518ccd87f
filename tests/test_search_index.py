"""The search-index builder (``tools/search.py``), in process, against facts of the document.

Expected values are literal: counted in the text by hand (the lead sentence
尊重规律，同城融合。 has 10 characters), taken from the README's figures (42
units: the notice, 10 chapter introductions and 31 sections; 67 lead
sentences; 127 glossary entries) or from OpenCC's published variant tables
(線 → 綫 in HKVariants).
"""

from __future__ import annotations

import dataclasses
import re

import pytest

from tests.conftest import shared
from tools import search, variants
from tools.data.glossary import load_glossary
from tools.errors import PipelineError
from tools.model import Document, Notice
from tools.paths import ROOT
from tools.search import (
    VARIANTS,
    all_units,
    build_index,
    canonical,
    canonical_map,
    glossary_units,
    load_variants,
    units,
)

FIRST_ANCHORS = ["notice", "ch1", "s1-1", "s1-2", "s1-3", "ch2", "s2-1", "s2-2", "s2-3", "s2-4", "ch3"]
PRINCIPLES = [
    "尊重规律，同城融合。",
    "改革开放，创新驱动。",
    "生态优先，绿色发展。",
    "共建共享、改善民生。",
    "安全发展，系统推进。",
]


@pytest.fixture(scope=shared("module"))
def mapping(simplified, traditional):
    """The character map (per test in mutmut's stats run, so every test that uses it is credited with it)."""
    return canonical_map(simplified, traditional, load_variants())


# --------------------------------------------------------------------------- units


def test_units_are_the_notice_the_chapter_introductions_and_the_sections(simplified):
    found = list(units(simplified))
    assert len(found) == 42
    assert [u.anchor for u in found][:11] == FIRST_ANCHORS
    assert [u.kind for u in found].count("chapter") == 10
    assert [u.kind for u in found].count("section") == 31
    assert found[-1].anchor == "s10-3" and found[-1].page == "ch10/"


def test_notice_unit(simplified):
    notice = next(units(simplified))
    assert (notice.page, notice.anchor, notice.kind, notice.chapter) == ("", "notice", "notice", "")
    assert notice.title == "山东省人民政府关于印发青岛都市圈发展规划的通知"
    anchors = ["notice-number", "notice-addressees", "notice-1", "notice-signature", "notice-date", "notice-note"]
    assert [p[0] for p in notice.paragraphs] == anchors
    assert notice.paragraphs[0] == ("notice-number", "鲁政字〔2023〕168号", 0)
    assert notice.paragraphs[4] == ("notice-date", "2023年10月6日", 0)
    assert notice.paragraphs[5][1] == "（此件公开发布）"


def test_chapter_and_section_units(simplified, traditional):
    ch1, s1_1, s1_2 = list(units(simplified))[1:4]
    assert (ch1.page, ch1.anchor, ch1.kind) == ("ch01/", "ch1", "chapter")
    assert ch1.title == ch1.chapter == "第一章 总体要求"
    assert [p[0] for p in ch1.paragraphs] == ["p1-0-1"]
    assert ch1.paragraphs[0][1].startswith("青岛都市圈位于山东半岛城市群东部")
    assert (s1_1.title, s1_1.kind, s1_1.chapter) == ("第一节 指导思想", "section", "第一章 总体要求")
    assert s1_2.title == "第二节 基本原则"
    assert [p[0] for p in s1_2.paragraphs] == [f"p1-2-{i}" for i in range(1, 6)]
    assert list(units(traditional))[3].title == "第二節 基本原則"


def test_lead_lengths_are_counted_in_characters(simplified, traditional):
    s1_2, s1_3 = list(units(simplified))[3:5]
    # Each of the five principles opens with a 10-character lead sentence (counted by hand).
    assert [p[2] for p in s1_2.paragraphs] == [10, 10, 10, 10, 10]
    assert [p[1][: p[2]] for p in s1_2.paragraphs] == PRINCIPLES
    # 第一章第三节: the first paragraph has none, the second opens with 基础设施互联互通。 (9).
    assert [p[2] for p in s1_3.paragraphs][:2] == [0, 9]
    assert list(units(traditional))[4].paragraphs[1][2] == 9
    # The notice and the chapter introductions have no lead sentences; the plan has 67.
    found = list(units(simplified))
    assert all(p[2] == 0 for u in found if u.kind != "section" for p in u.paragraphs)
    assert sum(1 for u in found for p in u.paragraphs if p[2]) == 67
    assert sum(len(u.paragraphs) for u in found if u.kind != "notice") == 91


def test_glossary_units(simplified, traditional):
    terms = list(glossary_units(load_glossary(), "zh-Hans"))
    assert len(terms) == 127
    assert all(u.page == "glossary/" and u.kind == "term" and u.chapter.startswith("术语表 · ") for u in terms)
    first = next(u for u in terms if u.title == "三区三线")
    assert first.anchor == "t-sanqu-sanxian"
    assert first.paragraphs[0][1].startswith("城镇空间、农业空间、生态空间三类空间")
    hant = next(u for u in glossary_units(load_glossary(), "zh-Hant") if u.anchor == "t-sanqu-sanxian")
    assert (hant.title, hant.chapter) == ("三區三線", "術語表 · 數字概括語")  # category 数字概括语 in glossary.yml
    assert first.chapter == "术语表 · 数字概括语"
    # glossary.yml gives 三区三线 an explanation and 双核 none: two paragraphs and one, neither with a lead sentence.
    assert [(p[1][:4], p[2]) for p in first.paragraphs] == [("城镇空间", 0), ("国土空间", 0)]
    assert next(u for u in terms if u.title == "双核").paragraphs == (("t-shuanghe", "西海岸新区、青岛蓝谷", 0),)
    assert [u.anchor for u in all_units(simplified, load_glossary())][41:43] == ["s10-3", terms[0].anchor]


# --------------------------------------------------------------------------- the character map


def test_variant_table_holds_the_published_pairs():
    pairs = set(load_variants())
    # OpenCC HKVariants: 線 → 綫, 衛 → 衞; TWVariants: 着 → 著, 峯 → 峰, 裏 → 裡; STCharacters: 签 → 籤.
    for pair in [("線", "綫"), ("衛", "衞"), ("着", "著"), ("峯", "峰"), ("裏", "裡"), ("签", "籤")]:
        assert tuple(sorted(pair)) in pairs, pair
    # NFKC and case: Ｐ → P, ⼭ → 山, 更 (U+F901) → 更, p ~ P.
    for pair in [("P", "Ｐ"), ("P", "p"), ("山", "⼭"), ("更", "\uf901"), (".", "．")]:
        assert tuple(sorted(pair)) in pairs, pair
    # Not a pair: 面 → 麪 is only STCharacters' second candidate (noodles).
    assert ("面", "麪") not in pairs
    assert len(pairs) == 5232


def test_variant_table_is_current():
    """The committed table is what python -m tools.variants derives from the pinned OpenCC."""
    committed = VARIANTS.read_text(encoding="utf-8").splitlines()
    assert [line for line in committed if not line.startswith("#")][1:] == ["\t".join(r) for r in variants.rows()]


@pytest.mark.parametrize(("row", "column"), [("ab\tc", 1), ("a\tbc", 3), ("a\ta", 3), ("\ta", 1)])
def test_variant_table_errors_name_the_line(tmp_path, row, column):
    bad = tmp_path / "variants.tsv"
    bad.write_text(f"# comment\nchar\tvariant\tsource\n線\t綫\tHKVariants\n{row}\tX\n", encoding="utf-8")
    with pytest.raises(PipelineError) as err:
        load_variants(bad)
    assert (err.value.path, err.value.line, err.value.column) == (bad, 4, column)  # the offending cell
    char, variant = row.split("\t")
    assert err.value.message == f"{char!r} / {variant!r} is not a pair of two different characters"
    assert err.value.hint == "regenerate the table with python -m tools.variants"


def test_canonical_map_joins_scripts_and_variants(mapping):
    for variant, rep in {
        "綫": "线", "線": "线", "著": "着", "幹": "干", "乾": "干", "臺": "台", "衞": "卫", "衛": "卫",
        "峯": "峰", "裏": "里", "裡": "里", "籤": "签", "簽": "签", "Ｐ": "P", "ｐ": "P", "p": "P",
        "５": "5", "．": ".", "⼭": "山", "\uf901": "更",
    }.items():  # fmt: skip
        assert mapping[variant] == rep, variant
    # Representatives map to nothing; classes that reach no character of the
    # document are left out (麵/麪; the letters A and a, which the plan never uses).
    for ch in ["线", "着", "干", "台", "P", "5", "麵", "麪", "a", "A", "鲁"]:
        assert ch not in mapping, ch


def test_canonical_form_of_queries_and_texts(mapping, simplified, traditional):
    assert canonical("輸水干綫", mapping) == canonical("輸水幹線", mapping) == "输水干线"
    assert canonical("ＰＭ２．５", mapping) == canonical("pm2.5", mapping) == "PM2.5"
    assert canonical("著力", mapping) == "着力"
    assert canonical("", mapping) == ""
    for hans, hant in zip(simplified.paragraphs(), traditional.paragraphs(), strict=True):
        assert canonical(hant.text, mapping) == canonical(hans.text, mapping)


def _tiny(script: str, issuer: str, addressees: str) -> Document:
    notice = Notice(issuer, "", "", addressees, (), "", "", "")
    return Document(title="", metadata=(), notice=notice, chapters=(), script=script)


def test_canonical_map_representative_is_the_most_frequent_simplified_character():
    hans = _tiny("zh-Hans", "乜乜", "乸乹")
    hant = _tiny("zh-Hant", "乩乩", "乸乹")
    m = canonical_map(hans, hant, [("乸", "乹"), ("亍", "亐")])
    assert m["乩"] == "乜"  # aligned: 乜 (twice in the Simplified text) represents 乩
    assert m["乹"] == "乸"  # a tie (once each): the smaller code point, U+4E78 before U+4E79
    assert "亍" not in m and "亐" not in m  # a pair that reaches no character of the text


def test_canonical_map_refuses_texts_out_of_step():
    with pytest.raises(PipelineError) as err:
        canonical_map(_tiny("zh-Hans", "乜乜", ""), _tiny("zh-Hant", "乩", ""), [])
    e = err.value
    assert (e.message, e.hint, e.path, e.line) == (
        "Simplified and Traditional texts are not aligned",
        "check tools/text/convert.py",
        None,
        None,
    )


def test_canonical_map_refuses_documents_of_another_shape(monkeypatch):
    # One empty notice paragraph more, at the very end of the texts (no glossary units after it):
    # every pair of texts is aligned, but the documents are not the same plan.
    monkeypatch.setattr(search, "glossary_units", lambda terms, script: iter(()))
    longer = dataclasses.replace(_tiny("zh-Hant", "乩乩", ""), notice=Notice("乩乩", "", "", "", ("",), "", "", ""))
    with pytest.raises(ValueError, match="zip"):
        canonical_map(_tiny("zh-Hans", "乜乜", ""), longer, [])


# --------------------------------------------------------------------------- the index


def test_build_index(simplified, traditional, mapping):
    index = build_index(traditional, simplified, mapping, {"三区三线": {"home": "ch2", "forms": ["三区三线"]}})
    assert set(index) == {"script", "canon", "terms", "units"}
    assert index["script"] == "zh-Hant"
    assert index["terms"] == {"三区三线": {"home": "ch2", "forms": ["三区三线"]}}
    canon = index["canon"]
    assert dict(zip(canon[::2], canon[1::2], strict=True)) == mapping
    assert len(index["units"]) == 42 + 127
    s1_2 = index["units"][3]
    assert {k: s1_2[k] for k in "uakct"} == {
        "u": "ch01/",
        "a": "s1-2",
        "k": "section",
        "c": "第一章 總體要求",
        "t": "第二節 基本原則",
    }
    assert s1_2["p"][0] == ["p1-2-1", traditional.chapters[0].sections[1].paragraphs[0].text, 10]
    assert s1_2["p"][0][1].startswith("尊重規律，同城融合。")
    assert index["units"][0]["p"][0] == ["notice-number", "魯政字〔2023〕168號", 0]
    assert index["units"][42]["u"] == "glossary/"


def test_build_index_checks_the_canonical_form(simplified, traditional, mapping):
    with pytest.raises(PipelineError) as err:
        build_index(traditional, simplified, {}, {})
    # The first text that differs is the notice's title, issuer and title in one: its first 20 characters.
    e = err.value
    assert (e.message, e.hint, e.path) == (
        "canonical form of '山東省人民政府關於印發青島都市圈發展規劃'… differs from the Simplified text",
        "fix the character map",
        None,
    )
    # Every member of 线's class mapped to a character outside the BMP: the
    # canonical texts agree, but the browser's offsets would not.
    astral = {ch: ("𢧐" if rep == "线" else rep) for ch, rep in mapping.items()} | {"线": "𢧐"}
    with pytest.raises(PipelineError) as err:
        build_index(traditional, simplified, astral, {})
    assert err.value.hint == "keep the pair out of source/search-variants.tsv, or map within the same plane"
    assert err.value.message.endswith(" of another UTF-16 length") and err.value.path is None
    assert build_index(simplified, simplified, mapping, {})["script"] == "zh-Hans"


def test_build_index_refuses_a_document_of_another_shape(simplified, mapping, monkeypatch):
    # Without the glossary units after them, the texts of the plan without its last chapter
    # all agree with the whole plan's; still, it is not the same plan.
    monkeypatch.setattr(search, "glossary_units", lambda terms, script: iter(()))
    shorter = dataclasses.replace(simplified, chapters=simplified.chapters[:-1])
    with pytest.raises(ValueError, match="zip"):
        build_index(shorter, simplified, mapping, {})


def test_build_index_keeps_the_texts_as_the_model_has_them(simplified, mapping):
    index = build_index(simplified, simplified, mapping, {})
    texts = [p[1] for u in index["units"][:42] for p in u["p"]]
    assert [p.text for p in simplified.paragraphs()] == texts[6:]
    assert dataclasses.astuple(next(units(simplified)))[4] == index["units"][0]["t"]


def test_the_product_reads_the_table_and_imports_no_tooling():
    """The index builder and its hook read the committed table; neither imports the
    derivation tool nor the test oracle."""
    for path in ["tools/search.py", "tools/hooks/search_index.py"]:
        source = (ROOT / path).read_text(encoding="utf-8")
        modules = re.findall(r"^\s*(?:from|import)\s+([\w.]+)", source, re.M)
        assert not [m for m in modules if m.endswith("variants") or m.startswith("tests")], (path, modules)
        assert "opencc" not in modules, path
