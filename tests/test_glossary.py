"""The glossary (source/glossary.yml; tools/data/glossary.py, annotate, render): coverage, linking, pages, data checks."""

from __future__ import annotations

import re
import textwrap
from collections import Counter
from functools import cache
from pathlib import Path

import markdown
import pytest
import yaml

from tools.annotate import Annotations, find, term_matcher
from tools.annotate.matcher import candidates
from tools.annotate.validate import validate_glossary
from tools.data import glossary as gl
from tools.data.pinyin import ascii_slug, normalise_pinyin, pypinyin_of, sort_key
from tools.data.places import Places, SeeAlso, load_places, load_see_also
from tools.data.source import to_traditional
from tools.errors import PipelineError
from tools.model import Document
from tools.paths import RAW, SCRIPTS
from tools.pipeline import convert_file
from tools.render import escape_md
from tools.render.entries import render_glossary_page
from tools.render.links import term_links
from tools.render.pages import render_chapter

TERM_LINK = re.compile(r'\[([^\]]+)\]\(glossary\.md#t-([a-z0-9-]+) "([^"]*)"\)\{ \.term \}')
MD_LINK = re.compile(r"\]\(([^)\s]*)")


@pytest.fixture(scope="module")
def docs() -> dict[str, Document]:
    result = convert_file(RAW)
    return {"zh-Hans": result.simplified, "zh-Hant": result.traditional}


@pytest.fixture(scope="module")
def terms() -> tuple[gl.Term, ...]:
    return gl.load_glossary()


@cache
def glossary() -> gl.Glossary:
    """source/glossary.yml, loaded once for this module's tests."""
    return gl.load()


@cache
def index() -> tuple[Places, tuple[SeeAlso, ...]]:
    return load_places(), load_see_also()


def annotated(doc: Document, other: gl.Glossary | None = None) -> Annotations:
    """The terms and places of ``doc`` found with the curated files (or another glossary), not validated."""
    return find(doc, glossary() if other is None else other, *index())


def forms_of(terms, script: str) -> set[str]:
    return {f for t in terms for f in t.text(script).forms}


# --------------------------------------------------------------------------- the data


def test_glossary_size_and_categories(terms):
    assert len(terms) >= 80
    counts = Counter(t.category for t in terms)
    for name in ("数字概括语", "政策机制", "平台载体", "缩略语"):
        assert counts[name] >= 5, name
    assert {c.name for c in glossary().categories} == set(counts)


def test_required_numeral_formulas_and_acronyms_are_entries(terms):
    names = {t.term for t in terms}
    formulas = "三区三线 四水四定 三带 四新 两委 两高 双控 双创 一带一路 三线一单 四预 清四乱 一河一策一图 山海湾岛林田河"
    formulas += " 五个等量或减量替代"
    for term in formulas.split():
        assert term in names, term
    for acronym in ("RCEP", "LNG", "GTC", "PM2.5", "QDLP", "QFLP", "5G"):
        assert acronym in names, acronym


def test_ids_are_ascii_unique_and_come_from_pinyin(terms):
    ids = [t.id for t in terms]
    assert len(set(ids)) == len(ids)
    # An explicit id keeps a published anchor where the pinyin was later capitalised
    # (GB/T 16159-2012: Jǐ-Qīng would give ji-qing); tests/cases/term-ids.txt pins them all.
    explicit = {e["term"]: e["id"] for e in yaml.safe_load(gl.GLOSSARY.read_text(encoding="utf-8"))["terms"] if "id" in e}
    for t in terms:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", t.id), t.term
        assert t.anchor == f"t-{t.id}"
        if t.pinyin:
            # Han terms: the toneless pinyin, or the explicit id that differs from it.
            assert t.id == explicit.get(t.term, ascii_slug(t.pinyin)), t.term
            assert t.id != ascii_slug(t.pinyin) or t.term not in explicit, t.term
    by_id = glossary().by_id()
    assert by_id["sanqu-sanxian"].term == "三区三线"
    assert by_id["lvdian-ru-lu"].term == "绿电入鲁"  # ü → v
    assert by_id["pm2-5"].term == "PM2.5"


def test_pinyin_agrees_with_pypinyin_or_carries_a_correction(terms):
    for t in terms:
        if not t.pinyin:
            assert not re.search(r"[\u4e00-\u9fff]", t.term), t.term
            continue
        agrees = normalise_pinyin(t.pinyin) == normalise_pinyin(pypinyin_of(t.term))
        assert agrees != bool(t.pinyin_correction), (t.term, t.pinyin, pypinyin_of(t.term))


def test_known_polyphones_are_corrected(terms):
    by_term = {t.term: t for t in terms}
    assert by_term["长三角"].pinyin.startswith("Cháng")  # 长江, not 生长 (a proper noun: capital, GB/T 16159-2012)
    assert by_term["济青"].pinyin.startswith("Jǐ")  # 济南
    assert by_term["口袋公园"].pinyin == "kǒudai gōngyuán"  # neutral tone
    for term in ("长三角", "济青", "口袋公园", "济青陆海发展主轴", "国Ⅱ"):
        assert by_term[term].pinyin_correction, term


def test_traditional_forms_equal_the_converter(terms):
    convert = to_traditional()  # a fresh instance, as the pages use
    for t in terms:
        assert t.traditional == convert(t.term)
        assert t.hant.forms == tuple(convert(f) for f in t.forms)
        assert t.hant.short == convert(t.short)
        assert t.hant.explanation == convert(t.explanation)
    by_term = {t.term: t for t in terms}
    assert by_term["市场准入负面清单"].traditional == "市場准入負面清單"  # the s2tw override fires for the term too


def test_related_terms_resolve_and_are_not_self(terms):
    ids = {t.id for t in terms}
    for t in terms:
        assert t.id not in t.related
        assert set(t.related) <= ids


def test_plan_defined_terms_quote_their_paragraph(docs, terms):
    anchors = docs["zh-Hans"].locations
    defined = [t for t in terms if t.defined_in]
    assert {"四预", "三线一单", "三带", "双核", "清四乱"} <= {t.term for t in defined}
    for t in defined:
        assert not t.editor_note
        for quote in t.quotes:
            assert quote in anchors[t.defined_in].node.text, (t.term, quote)
    by_term = {t.term: t for t in terms}
    assert by_term["四预"].defined_in == "p3-3-3" and "预报、预警、预演、预案" in by_term["四预"].quotes[0]
    assert by_term["三线一单"].defined_in == "p8-1-4"
    for t in terms:
        assert t.editor_note == (t.defined_in is None)
        assert t.evidence


def test_every_term_has_a_home_section_that_mentions_it(docs, terms):
    anchors = docs["zh-Hans"].locations
    for t in terms:
        assert t.home in anchors, t.term
    assert {t.term: t.home for t in terms}["三带"] == "s5-2"


def test_validation_passes_for_both_scripts(docs):
    for doc in docs.values():
        validate_glossary(annotated(doc))


# --------------------------------------------------------------------------- coverage


def uncovered_candidates(doc: Document, terms, ignored: set[str] | None = None) -> list[tuple[str, str]]:
    """Candidates that are neither terms, nor ignored, nor inside a term's occurrence.

    ``ignored`` defaults to source/glossary-ignore.yml (Simplified), converted to ``doc``'s script.
    """
    script = doc.script
    convert = to_traditional() if script == "zh-Hant" else (lambda s: s)
    ignored = {i.candidate for i in gl.load_ignore()} if ignored is None else ignored
    ignored = {convert(i) for i in ignored}
    forms = forms_of(terms, script)
    missing = []
    for p in doc.paragraphs():
        spans = [(m.start, m.end) for m in term_matcher(terms, script).find(p.text)]
        for c in sorted(candidates(p.text)):
            if c in forms or c in ignored:
                continue
            start = p.text.find(c)
            while start >= 0:
                if not any(s <= start and start + len(c) <= e for s, e in spans):
                    missing.append((p.anchor, c))
                start = p.text.find(c, start + 1)
    return missing


@pytest.mark.parametrize("script", SCRIPTS)
def test_every_candidate_term_is_covered(docs, terms, script):
    missing = uncovered_candidates(docs[script], terms)
    assert not missing, f"add to source/glossary.yml or source/glossary-ignore.yml: {missing}"


def test_coverage_check_can_fail(docs, terms):
    """The check itself reports a planted quoted term, and 三区三线 once it leaves
    the glossary, and 街头绿地 once the ignore list is empty."""
    doc = docs["zh-Hans"]
    sentence = "加快构建梯次分布、错位发展、链式配套、紧密协作的现代产业发展格局。"
    assert [p.anchor for p in doc.paragraphs() if sentence in p.text] == ["p5-0-1"]
    planted = doc.map_text(lambda text: text.replace(sentence, sentence + "推动“五链协同”。"), doc.script)
    assert uncovered_candidates(planted, terms) == [("p5-0-1", "五链协同")]
    reduced = tuple(t for t in terms if t.term != "三区三线")
    found = {c for _, c in uncovered_candidates(doc, reduced, ignored=set())}
    assert "三区三线" in found
    assert "街头绿地" in found  # covered only by the ignore list
    assert {c for _, c in uncovered_candidates(doc, reduced)} == {"三区三线"}


def test_ignore_list_is_current_and_reasoned(docs, terms):
    texts = [p.text for p in docs["zh-Hans"].paragraphs()]
    all_candidates = set().union(*(candidates(t) for t in texts))
    names = {t.term for t in terms}
    for item in gl.load_ignore():
        if "entry removed" in item.reason and item.candidate not in all_candidates:
            # A glossary entry removed for want of evidence that candidates() does not find
            # (plain words such as 集疏运): it must still occur in the text.
            assert any(item.candidate in t for t in texts), f"stale: {item.candidate} is not in the text"
            continue
        assert item.candidate in all_candidates, f"stale: {item.candidate} is no longer a candidate"
        assert item.candidate not in names, f"{item.candidate} is both a term and ignored"
        assert len(item.reason) > 15, item.candidate


def test_candidates_finds_the_three_kinds():
    text = "严守“三区三线”，落实“四水四定”，国家双创示范基地，细颗粒物（PM2.5）、液化天然气（LNG）、5G基站、国Ⅱ"
    assert candidates(text) == {"三区三线", "四水四定", "双创", "PM2.5", "LNG", "5G", "Ⅱ"}
    assert candidates("一体化发展，一批企业") == set()


# --------------------------------------------------------------------------- matching


POSITIVE = [
    ("加快打造“三带”，增强", ["三带"]),
    ("大力发展“四新”经济", ["四新"]),
    ("支持互建产业“飞地”，推进", ["飞地"]),
    ("推行“揭榜挂帅”“赛马”等", ["揭榜挂帅", "赛马"]),
    ("以济青陆海发展主轴为支撑", ["济青陆海发展主轴"]),  # the longer term only
    ("唱响新时代济青“双城记”", ["济青"]),
    ("实施“才聚双莱”计划", ["才聚双莱"]),
    ("推动山东自贸试验区青岛片区高质量发展", ["青岛自贸片区"]),  # alias, not 自贸试验区 inside it
    ("高标准建设自贸试验区", ["自由贸易试验区"]),
    ("规模部署5G基站，拓展“5G+工业互联网”", ["5G", "5G", "工业互联网"]),
    ("实施国Ⅱ及以下非道路移动机械淘汰", ["国Ⅱ"]),
    ("细颗粒物（PM2.5）平均浓度", ["PM2.5"]),
    ("实现青潍日同城化", ["青潍日", "同城化"]),
]

NEGATIVE = [
    ("论证胶东输水干线引黄济青上节制闸", "济青"),  # 济 = to supply: not 济南–青岛
    ("第三带动力", "三带"),  # ordinal 第三
    ("十四新区", "四新"),  # part of a larger number
    ("无人机起飞地点", "飞地"),  # 起飞 + 地点
    ("建设赛马场", "赛马"),  # horse racing
    ("两高铁站之间", "两高"),  # 两 + 高铁
    ("依据“两高”司法解释", "两高"),  # the two supreme judicial bodies
    ("选出两委员", "两委"),  # 两 + 委员
    ("25G频段", "5G"),  # Latin guard
    ("5GB流量", "5G"),
    ("RCEPX协定", "RCEP"),
    ("共同推动建立海上合作平台", "上合组织"),  # 海上合作 is not 上合
]


@pytest.mark.parametrize(("text", "expected"), POSITIVE)
def test_matches(text, expected):
    by_id = glossary().by_id()
    assert [by_id[m.key].term for m in term_matcher(glossary().terms, "zh-Hans").find(text)] == expected


@pytest.mark.parametrize(("text", "term"), NEGATIVE)
def test_no_false_positives(text, term):
    by_id = glossary().by_id()
    assert term not in [by_id[m.key].term for m in term_matcher(glossary().terms, "zh-Hans").find(text)]
    converted = to_traditional()(text)
    assert term not in [by_id[m.key].term for m in term_matcher(glossary().terms, "zh-Hant").find(converted)]


def test_short_terms_occur_only_in_their_sense(docs):
    """Every occurrence of the short terms in the plan is the quoted term or the intended compound."""
    contexts: dict[str, list[str]] = {}
    by_id = glossary().by_id()
    for p in docs["zh-Hans"].paragraphs():
        for m in term_matcher(glossary().terms, "zh-Hans").find(p.text):
            term = by_id[m.key].term
            if term in ("三带", "四新", "两委", "两高", "赛马", "飞地", "双核", "四预", "济青", "青潍"):
                contexts.setdefault(term, []).append(p.text[max(0, m.start - 2) : m.end + 2])
    for term in ("三带", "四新", "两委", "两高", "赛马", "双核", "四预"):
        assert all(f"“{term}”" in c for c in contexts[term]), (term, contexts[term])
    assert contexts["飞地"] == ["业“飞地”，", "人才飞地。深"]
    assert contexts["济青"] == ["。以济青综合", "时代济青“双"]  # not 引黄济青
    assert contexts["青潍"] == ["共建青潍临港", "开展青潍同城"]


# --------------------------------------------------------------------------- linking the chapters


def expected_counts(text: str, terms, script: str) -> Counter:
    """Plain substring counts; an occurrence inside a longer term counts as the longer term only."""
    counts: Counter = Counter()
    forms = [(f, t) for t in terms for f in t.text(script).forms]
    for form, t in forms:
        n = text.count(form)
        for longer, _ in forms:
            if form != longer and form in longer:
                n -= text.count(longer) * longer.count(form)
        for context in t.text(script).excludes:
            n -= text.count(context) * context.count(form)
        if n:
            counts[t.id] += n
    return counts


def test_no_partial_overlaps_between_terms(docs, terms):
    """The counting rule above assumes terms nest or are disjoint; check it on the text."""
    for script, doc in docs.items():
        forms = sorted(forms_of(terms, script), key=len)
        for p in doc.paragraphs():
            spans = []
            for f in forms:
                start = p.text.find(f)
                while start >= 0:
                    spans.append((start, start + len(f)))
                    start = p.text.find(f, start + 1)
            for a in spans:
                for b in spans:
                    assert not (a[0] < b[0] < a[1] < b[1]), (p.anchor, p.text[a[0] : b[1]])


@pytest.mark.parametrize("script", SCRIPTS)
@pytest.mark.parametrize("number", range(1, 11))
def test_term_links_in_chapter_equal_substring_counts(docs, terms, script, number):
    doc = docs[script]
    chapter = doc.chapters[number - 1]
    page = render_chapter(doc, chapter, inline=term_links(annotated(doc)))
    linked = Counter(m.group(2) for m in TERM_LINK.finditer(page))
    expected: Counter = Counter()
    for p in chapter.paragraphs():
        expected += expected_counts(p.text, terms, script)
    assert linked == expected
    assert page.count("{ .term }") == sum(linked.values())
    for line in page.splitlines():
        if line.startswith("#"):
            assert "glossary.md" not in line, line  # never inside headings


def test_term_links_carry_the_definition_and_point_to_the_entry(docs, terms):
    by_id = {t.id: t for t in terms}
    for script, doc in docs.items():
        page = render_chapter(doc, doc.chapters[2], inline=term_links(annotated(doc)))
        links = list(TERM_LINK.finditer(page))
        assert links
        for m in links:
            t = by_id[m.group(2)]
            assert m.group(3) == t.text(script).short
            assert escape_md(t.text(script).term) == m.group(1) or any(escape_md(f) == m.group(1) for f in t.text(script).forms)
    page = render_chapter(docs["zh-Hant"], docs["zh-Hant"].chapters[2], inline=term_links(annotated(docs["zh-Hant"])))
    assert '[四預](glossary.md#t-siyu "預報、預警、預演、預案"){ .term }' in page


def test_term_links_render_as_html_with_title_and_class(docs):
    doc = docs["zh-Hans"]
    page = render_chapter(doc, doc.chapters[7], inline=term_links(annotated(doc)))
    body = page.split("-->", 1)[1]
    html = markdown.markdown(body, extensions=["attr_list", "md_in_html", "toc"])
    anchors = re.findall(r'<a class="term" href="glossary\.md#(t-[a-z0-9-]+)" title="([^"]+)">', html)
    assert len(anchors) == page.count("{ .term }")
    assert ("t-sanxian-yidan", "生态保护红线、环境质量底线、资源利用上线和生态环境准入清单") in anchors
    assert "{ .term }" not in html


def test_both_scripts_link_the_same_terms_in_the_same_order(docs):
    for number in range(10):
        ids = [
            [m.group(2) for m in TERM_LINK.finditer(render_chapter(d, d.chapters[number], inline=term_links(annotated(d))))]
            for d in docs.values()
        ]
        assert ids[0] == ids[1]
    assert annotated(docs["zh-Hans"]).term_occurrences() == annotated(docs["zh-Hant"]).term_occurrences()


def test_term_occurrences_in_document_order_and_nested_counted_once(docs):
    occ = annotated(docs["zh-Hans"]).term_occurrences()
    order = [p.anchor for p in docs["zh-Hans"].paragraphs()]
    for anchors in occ.values():
        assert anchors == sorted(anchors, key=order.index)
        assert len(set(anchors)) == len(anchors)
    assert occ["sanqu-sanxian"] == ["p2-0-1"]
    assert occ["siyu"] == ["p3-3-3"]
    assert occ["yidai-yilu"] == ["p1-3-4", "p3-2-3", "p6-1-2", "p6-2-2", "p6-2-5"]
    # 济青 inside 济青陆海发展主轴 counts as the axis only.
    assert "p5-2-1" not in occ["jiqing"]
    assert "p5-2-1" in occ["jiqing-luhai-fazhan-zhuzhou"]
    counts = annotated(docs["zh-Hans"]).term_counts()
    assert counts["yidai-yilu"] == 6
    assert counts["shuangkong"] == 2


# --------------------------------------------------------------------------- the glossary page


@pytest.mark.parametrize("script", SCRIPTS)
def test_glossary_page_links_resolve(docs, terms, script):
    doc = docs[script]
    page = render_glossary_page(annotated(doc))
    anchors = doc.locations
    own = set(re.findall(r"\{ #([a-z0-9-]+)", page))
    assert {t.anchor for t in terms} <= own
    targets = MD_LINK.findall(page)
    assert targets
    for target in targets:
        file, _, anchor = target.partition("#")
        if file == "":
            assert anchor in own, target
        else:
            assert re.fullmatch(r"ch\d\d\.md", file), target
            assert anchor in anchors, target
            assert doc.locate(anchor).file == file, target


def test_glossary_page_grouped_sorted_and_labelled(docs, terms):
    page = render_glossary_page(annotated(docs["zh-Hans"]))
    assert page.startswith('---\ntitle: "术语表"\ngenerated_by: tools/render/entries.py\nsource_sha256: ')
    assert "<!-- 本页由 tools/render/entries.py 根据 source/glossary.yml 生成" in page
    headings = re.findall(r"^(##+) (.+?) \{ #([a-z0-9-]+)", page, flags=re.M)
    categories = [h for h in headings if h[0] == "##"]
    assert [c[2] for c in categories] == [f"cat-{c.id}" for c in glossary().categories]
    # Within each category, entries in the hand-checked pinyin order.
    by_anchor = {t.anchor: t for t in terms}
    order: list[tuple[str, list[tuple[str, str]]]] = []
    for level, _, anchor in headings:
        if level == "##":
            order.append((anchor.removeprefix("cat-"), []))
        else:
            order[-1][1].append((by_anchor[anchor].term, by_anchor[anchor].pinyin))
    assert order == golden_order()
    # Editor's notes are labelled; the plan's words link to their paragraph.
    entry = page.split("{ #t-sanqu-sanxian")[1].split("###")[0]
    assert "**释义**（编者注）" in entry and "中共中央办公厅、国务院办公厅" in entry
    assert "[第二章引言第1段](ch02.md#p2-0-1)" in entry
    entry = page.split("{ #t-siyu")[1].split("###")[0]
    assert "**释义**：预报、预警、预演、预案" in entry
    assert (
        "**规划原文**：“具有“四预”（预报、预警、预演、预案）功能的数字孪生水利体系”（[第三章第三节第3段](ch03.md#p3-3-3)）"
        in entry
    )


GOLDEN_ORDER = Path(__file__).parent / "cases" / "glossary-order.txt"


def golden_order() -> list[tuple[str, list[tuple[str, str]]]]:
    """tests/cases/glossary-order.txt: (category id, [(term, pinyin), …]) in order."""
    order: list[tuple[str, list[tuple[str, str]]]] = []
    for line in GOLDEN_ORDER.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        if category := re.fullmatch(r"\[([a-z]+)\] .+", line):
            order.append((category[1], []))
        else:
            term, pinyin = line.split("\t")
            order[-1][1].append((term, pinyin))
    return order


def test_golden_order_covers_the_glossary(terms):
    listed = [term for _, entries in golden_order() for term, _ in entries]
    assert sorted(listed) == sorted(t.term for t in terms), "update tests/cases/glossary-order.txt by its rule"


@pytest.mark.parametrize(
    ("entries", "expected"),
    [
        # Same letters: tones 1, 2, 3, 4, then the neutral tone.
        ([("mà", "骂"), ("ma", "吗"), ("mǎ", "马"), ("mā", "妈"), ("má", "麻")], ["妈", "麻", "马", "骂", "吗"]),
        # The first syllable's tone decides before the second's.
        ([("lù lu", "d"), ("lù lū", "c"), ("lū lù", "a"), ("lú lū", "b")], ["a", "b", "c", "d"]),
        # ü's tone counts: lǘ (2) before lǜ (4).
        ([("lǜ", "绿"), ("lǘ", "驴")], ["驴", "绿"]),
        # The whole toneless spelling first: xiàn before xiāng ("xian" < "xiang"), shànghé
        # before shānhǎi ("shangh" < "shanh").
        ([("xiāng", "香"), ("xiàn", "线"), ("shānhǎi", "山海"), ("shànghé", "上合")], ["上合", "山海", "线", "香"]),
        # Acronyms by their letters among pinyin, digits first; the same spelling, then characters.
        ([("", "RCEP"), ("shàng", "上"), ("qīng", "青"), ("", "5G"), ("qīng", "清")], ["5G", "清", "青", "RCEP", "上"]),
    ],
)
def test_sort_key_orders_tones_1_2_3_4_neutral(entries, expected):
    assert [term for _, term in sorted(entries, key=lambda e: sort_key(*e))] == expected


def test_glossary_page_traditional(docs):
    page = render_glossary_page(annotated(docs["zh-Hant"]))
    assert 'title: "術語表"' in page
    entry = page.split("{ #t-sanxian-yidan")[1].split("###")[0]
    assert "### " not in entry
    assert "生態保護紅線" in entry and "[第八章第一節第4段](ch08.md#p8-1-4)" in entry
    assert "节" not in page.replace("節", "")  # citations use 節


def test_glossary_pages_share_anchors_and_links(docs):
    pages = [render_glossary_page(annotated(d)) for d in docs.values()]
    anchors = [re.findall(r"\{ #([a-z0-9-]+)", p) for p in pages]
    links = [MD_LINK.findall(p) for p in pages]
    assert anchors[0] == anchors[1]
    assert links[0] == links[1]


def test_glossary_page_renders_to_html(docs):
    page = render_glossary_page(annotated(docs["zh-Hans"]))
    html = markdown.markdown(page.split("-->", 1)[1], extensions=["attr_list", "md_in_html", "toc"])
    assert '<h3 class="term-entry" id="t-sanqu-sanxian">三区三线</h3>' in html
    assert '<span class="term-pinyin" lang="zh-Latn-pinyin">sānqū sānxiàn</span>' in html
    assert "{:" not in html and "{ #" not in html


# --------------------------------------------------------------------------- errors in the data


GOOD_ENTRY = {
    "term": "三区三线",
    "pinyin": "sānqū sānxiàn",
    "english": "three zones and three lines",
    "category": "数字概括语",
    "short": "城镇、农业、生态空间和三条控制线",
    "evidence": "中共中央办公厅、国务院办公厅《关于在国土空间规划中统筹划定落实三条控制线的指导意见》（2019年）",
    "home": "ch2",
}


def write_glossary(tmp_path: Path, *entries: dict) -> Path:
    path = tmp_path / "glossary.yml"
    data = {
        "categories": [{"id": "numeric", "name": "数字概括语", "description": "测试"}],
        "terms": list(entries),
    }
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def field_line(path: Path, field: str) -> int:
    """The line of ``field:`` in a written data file, found by reading the file (not the loader)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return next(i for i, line in enumerate(lines, 1) if line.strip().lstrip("- ").startswith(f"{field}:"))


@pytest.mark.parametrize(
    ("change", "message", "field"),
    [
        ({"defintion": "x"}, "unknown field 'defintion'", "defintion"),
        ({"category": "不存在"}, "unknown category", "category"),
        ({"related": ["不存在的术语"]}, "related term '不存在的术语' is not in the glossary", "related"),
        ({"pinyin": "sānqū sānxiān"}, "differs from pypinyin", "pinyin"),
        ({"pinyin_correction": "because"}, "pinyin_correction given but the pinyin agrees", "pinyin_correction"),
        ({"home": "p2-0-1"}, "is not a section or chapter anchor", "home"),
        ({"defined_in": "p2-0-1"}, "defined_in without quote", "defined_in"),
        ({"short": 'a "quoted" word'}, "cannot go into a tooltip", "short"),
        ({"exclude": [{"context": "别的", "reason": "x"}]}, "does not contain the term", "context"),
        # The evidence rule (issue 11): a source must be named.
        ({"evidence": "字面义"}, "it says '字面义', which names no source", "evidence"),
        ({"evidence": "通行简称；《关于统筹划定三条控制线的指导意见》"}, "it says '通行简称'", "evidence"),
        ({"evidence": "规划原文"}, "names no document, standard or issuer with a date", "evidence"),
        ({"evidence": "《青岛都市圈发展规划》"}, "names no document, standard or issuer with a date", "evidence"),
        ({"evidence": "国务院的有关部署"}, "names no document, standard or issuer with a date", "evidence"),
    ],
)
def test_bad_data_is_reported_with_file_and_entry(tmp_path, change, message, field):
    path = write_glossary(tmp_path, {**GOOD_ENTRY, **change})
    with pytest.raises(PipelineError) as info:
        gl.load(path)
    assert message in str(info.value)
    assert str(path) in str(info.value) and "三区三线" in str(info.value)
    # The line of the field at fault (the entry starts on line 6, after 5 lines of categories).
    assert info.value.line == field_line(path, field) >= 6


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"term": "不在规划里的词", "pinyin": "bù zài guīhuà lǐ de cí"}, "never occurs in the body text"),
        ({"home": "s9-9"}, "home 's9-9' does not exist"),
        ({"home": "s3-1"}, "neither names nor mentions the term"),
        ({"defined_in": "p2-0-1", "quote": ["规划里没有的话"]}, "is not in p2-0-1"),
        ({"defined_in": "p9-9-9", "quote": ["x"]}, "does not exist"),
    ],
)
def test_unresolved_targets_fail_validation(tmp_path, docs, change, message):
    path = write_glossary(tmp_path, {**GOOD_ENTRY, **change})
    g = gl.load(path)
    with pytest.raises(PipelineError) as info:
        validate_glossary(annotated(docs["zh-Hans"], g))
    assert message in str(info.value)
    assert str(path) in str(info.value)


def test_good_minimal_glossary_validates(tmp_path, docs):
    g = gl.load(write_glossary(tmp_path, GOOD_ENTRY))
    validate_glossary(annotated(docs["zh-Hans"], g))
    validate_glossary(annotated(docs["zh-Hant"], g))


def test_data_file_header_documents_every_field():
    header = textwrap.dedent(gl.GLOSSARY.read_text(encoding="utf-8").split("categories:")[0])
    for field in gl.TERM_REQUIRED + gl.TERM_OPTIONAL:
        assert re.search(rf"#\s+{field}\b|[ ,]{field}\b", header), field
