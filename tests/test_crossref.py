"""The index of places and the see-also links (source/places.yml, source/see-also.yml; tools/data/places.py, annotate, render)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import markdown
import pytest
import yaml

from tools.annotate import Annotations, find, place_matcher, validate
from tools.annotate.validate import validate_places, validate_see_also
from tools.data import glossary as gl
from tools.data import places as xr
from tools.data.source import to_traditional
from tools.errors import PipelineError
from tools.model import Document
from tools.paths import RAW, SCRIPTS
from tools.pipeline import convert_file
from tools.render import PageContext
from tools.render.entries import render_places_page
from tools.render.links import see_also_notes

MD_LINK = re.compile(r"\]\(([^)\s]*)")


@pytest.fixture(scope="module")
def docs() -> dict[str, Document]:
    result = convert_file(RAW)
    return {"zh-Hans": result.simplified, "zh-Hant": result.traditional}


def annotated(doc: Document, index: xr.Places | None = None, see_also: tuple[xr.SeeAlso, ...] | None = None) -> Annotations:
    """The terms and places of ``doc`` found with the curated files (or another index or see-also list), not validated."""
    index = curated()[1] if index is None else index
    return find(doc, curated()[0], index, curated()[2] if see_also is None else see_also)


@cache
def curated() -> tuple[gl.Glossary, xr.Places, tuple[xr.SeeAlso, ...]]:
    """The glossary, the index and the see-also links, loaded once for this module's tests."""
    return gl.load(), xr.load_places(), xr.load_see_also()


# --------------------------------------------------------------------------- the index data


def test_index_covers_the_member_jurisdictions_and_named_platforms():
    names = {p.name for p in xr.load_places().places}
    members = {"青岛市", "潍坊市", "诸城市", "高密市", "日照市", "东港区", "烟台市", "莱阳市", "莱州市", "海阳市"}
    districts = {"市南区", "市北区", "李沧区", "崂山区", "城阳区", "黄岛区", "即墨区", "胶州市", "平度市", "莱西市"}
    platforms = {"上合示范区", "青岛自贸片区", "青岛西海岸新区", "青岛蓝谷", "董家口"}
    infrastructure = {"青岛胶东国际机场", "青岛港", "日照港", "烟台港", "青荣城际铁路", "沈海高速", "潍坊—烟台高铁"}
    assert members | districts | platforms | infrastructure <= names
    groups = {p.group for p in xr.load_places().places}
    assert groups == {"admin", "platform", "infrastructure", "water"}


def test_place_ids_are_ascii_and_unique():
    ids = [p.id for p in xr.load_places().places]
    assert len(ids) == len(set(ids))
    for p in xr.load_places().places:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", p.id)
        assert p.anchor == f"place-{p.id}"


def test_every_form_occurs_in_both_scripts(docs):
    for doc in docs.values():
        validate_places(annotated(doc))
    occ = annotated(docs["zh-Hans"]).place_occurrences()
    assert all(occ.values()), [k for k, v in occ.items() if not v]


def test_longest_name_wins_and_exclusions_hold(docs):
    occ = annotated(docs["zh-Hans"]).place_occurrences()
    # p3-2-1 names 青岛 only inside 青岛港 / 青岛国际枢纽海港: the port, not the city.
    assert "p3-2-1" in occ["qingdao-port"] and "p3-2-1" not in occ["qingdao"]
    # p1-3-1 names only 青岛都市圈: the plan's area, not the city.
    assert "p1-3-1" not in occ["qingdao"]
    # 莱州 inside 莱州湾 is the bay; p8-1-1 names no 莱州 city.
    assert "p8-1-1" in occ["laizhou-bay"] and "p8-1-1" not in occ["laizhou"]
    # 潍坊 inside the railway names of p3-1-1 counts for the railways only.
    assert "p3-1-1" not in occ["weifang"] and occ["weifang-yantai-hsr"] == ["p3-1-1"]
    # 崂山 in 崂山生态绿心 is the mountain; 崂山湾, 崂山实验室 are their own entries.
    assert occ["laoshan"] == ["p2-1-1"]
    assert occ["laoshan-bay"] == ["p8-1-2", "p8-1-3"]
    assert occ["laoshan-lab"] == ["p4-1-1"]
    # Aliases: both spellings of a platform lead to one entry.
    assert occ["xihaian"] == ["p2-2-2", "p6-2-1"]
    assert occ["qingdao-ftz"] == ["p1-3-4", "p4-1-2", "p6-2-3"]
    assert occ["jiaozhou-gaomi"] == ["p2-4-1", "p6-2-4"]


def test_occurrences_equal_in_both_scripts(docs):
    assert annotated(docs["zh-Hans"]).place_occurrences() == annotated(docs["zh-Hant"]).place_occurrences()


def test_short_names_inside_longer_names_are_not_counted():
    matcher = place_matcher(xr.load_places().places, "zh-Hans")
    keys = [m.key for m in matcher.find("推动青岛港与日照港合作，建设青岛都市圈，保护胶州湾，依托青岛西海岸新区")]
    assert keys == ["qingdao-port", "rizhao-port", "jiaozhou-bay", "xihaian"]
    keys = [m.key for m in matcher.find("大泽山、大青山、珠山、崂山生态绿心；加快市南、市北、李沧、崂山内涵式发展")]
    assert keys == ["shinan", "shibei", "licang", "laoshan"]


# --------------------------------------------------------------------------- the index page


@pytest.mark.parametrize("script", SCRIPTS)
def test_places_page_links_resolve(docs, script):
    doc = docs[script]
    page = render_places_page(annotated(doc))
    anchors = doc.locations
    own = set(re.findall(r"\{ #([a-z0-9-]+)", page))
    assert {p.anchor for p in xr.load_places().places} <= own
    links = MD_LINK.findall(page)
    occurrences = annotated(doc).place_occurrences()
    assert len([link for link in links if link.startswith("ch")]) == sum(len(v) for v in occurrences.values())
    for target in links:
        file, _, anchor = target.partition("#")
        if file == "":
            assert anchor in own, target
        else:
            assert anchor in anchors and doc.locate(anchor).file == file, target


def test_places_page_lists_every_paragraph(docs):
    doc = docs["zh-Hans"]
    page = render_places_page(annotated(doc))
    assert page.startswith('---\ntitle: "索引"\ngenerated_by: tools/render/entries.py\nsource_sha256: ')
    occ = annotated(doc).place_occurrences()
    for p in xr.load_places().places:
        entry = page.split(f"{{ #{p.anchor} ")[1].split("\n### ")[0]
        cited = re.findall(r"\(ch\d\d\.md#(p[\d-]+)\)", entry)
        assert cited == occ[p.id], p.id
        assert f"（{len(occ[p.id])} 段）" in entry
    entry = page.split("{ #place-qingdao ")[1].split("\n### ")[0]
    assert "下辖：[市南区](#place-shinan)" in entry
    assert "[第一章引言第1段](ch01.md#p1-0-1)" in entry


def test_places_pages_share_anchors_and_links(docs):
    pages = [render_places_page(annotated(d)) for d in docs.values()]
    hans_anchors, hant_anchors = (re.findall(r"\{ #([a-z0-9-]+)", p) for p in pages)
    assert hans_anchors == hant_anchors
    assert MD_LINK.findall(pages[0]) == MD_LINK.findall(pages[1])
    assert 'title: "索引"' in pages[1] and "第一章第一節第1段" in pages[1]
    assert to_traditional()("青岛市") in pages[1]


def test_places_page_renders_to_html(docs):
    page = render_places_page(annotated(docs["zh-Hans"]))
    html = markdown.markdown(page.split("-->", 1)[1], extensions=["attr_list", "md_in_html", "toc"])
    assert '<h3 class="place-entry" id="place-qingdao">青岛市</h3>' in html
    assert '<a href="ch03.md#p3-2-1">第三章第二节第1段</a>' in html
    assert "{:" not in html


# --------------------------------------------------------------------------- see also


def test_see_also_entries_resolve(docs):
    for doc in docs.values():
        validate_see_also(annotated(doc))
    entries = xr.load_see_also()
    assert len(entries) >= 20
    assert len({s.id for s in entries}) == len(entries)


def test_goals_link_to_the_chapters_that_carry_them_out():
    targets: dict[str, set[str]] = {}
    for s in xr.load_see_also():
        if s.source.startswith("p1-3-"):
            targets.setdefault(s.source, set()).update(s.targets)
    assert "ch3" in targets["p1-3-2"]
    assert {"ch4", "ch5"} <= targets["p1-3-3"]
    assert "ch6" in targets["p1-3-4"]
    assert "ch8" in targets["p1-3-5"]
    assert "ch7" in targets["p1-3-6"]
    assert {f"ch{n}" for n in range(2, 10)} <= set().union(*targets.values())


def test_axes_and_belts_link_both_ways():
    by_source: dict[str, set[str]] = {}
    for s in xr.load_see_also():
        by_source.setdefault(s.source, set()).update(s.targets)
    assert {"p2-2-1", "p2-2-2", "p2-2-3"} <= by_source["p5-2-1"]
    for axis in ("p2-2-1", "p2-2-2", "p2-2-3"):
        assert "s5-2" in by_source[axis]


def test_platforms_link_to_the_section_that_builds_them():
    by_source: dict[str, set[str]] = {}
    for s in xr.load_see_also():
        by_source.setdefault(s.source, set()).update(s.targets)
    assert "p6-2-2" in by_source["p2-1-1"]  # 上合示范区
    assert "p6-2-3" in by_source["p4-1-2"]  # 青岛自贸片区
    assert "p6-2-1" in by_source["p2-2-2"]  # 西海岸新区


@pytest.mark.parametrize("script", SCRIPTS)
def test_render_see_also(docs, script):
    doc = docs[script]
    anchors = doc.locations
    notes = see_also_notes(annotated(doc))
    sources = {s.source for s in xr.load_see_also()}
    rendered = 0
    for p in doc.paragraphs():
        chapter_page = f"ch{p.chapter:02d}.md"
        block = notes(p, PageContext(script, chapter_page, p))
        if p.anchor not in sources:
            assert block == ""
            continue
        rendered += 1
        assert block.startswith("\n")
        expected = [t for s in xr.load_see_also() if s.source == p.anchor for t in s.targets]
        links = MD_LINK.findall(block)
        assert [link.partition("#")[2] for link in links] == expected
        for link in links:
            file, _, anchor = link.partition("#")
            assert anchor in anchors and doc.locate(anchor).file == file
        assert block.count("{: .see-also") == len([s for s in xr.load_see_also() if s.source == p.anchor])
    assert rendered == len(sources)


def test_see_also_text_and_html(docs):
    p = docs["zh-Hant"].locate("p1-3-2").node
    block = see_also_notes(annotated(docs["zh-Hant"]))(p, PageContext("zh-Hant", "ch01.md", p))
    assert "參見：基礎設施互聯互通的具體部署（[第三章](ch03.md#ch3)）" in block
    html = markdown.markdown("text\n{: #p1-3-2 }\n" + block, extensions=["attr_list", "md_in_html", "toc"])
    assert '<p class="see-also" data-see-also="goals-infrastructure">參見：' in html
    assert '<a href="ch03.md#p3-1-1">第三章第一節第1段</a>' in html


def test_see_also_same_links_in_both_scripts(docs):
    notes = {d.script: see_also_notes(annotated(d)) for d in docs.values()}
    hans, hant = (
        [MD_LINK.findall(notes[d.script](p, PageContext(d.script, f"ch{p.chapter:02d}.md", p))) for p in d.paragraphs()]
        for d in docs.values()
    )
    assert list(hans) == list(hant)


# --------------------------------------------------------------------------- errors in the data


def write(tmp_path: Path, name: str, data: object) -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


GOOD_LINK = {"id": "x", "source": "p1-3-2", "targets": ["ch3"], "label": "标签", "reason": "测试"}


@pytest.mark.parametrize(
    ("change", "message", "line"),
    [
        # At load: the line of the field at fault (in the order GOOD_LINK writes them).
        ({"lable": "x"}, "unknown field 'lable'", 7),
        ({"source": "s1-3"}, "is not a paragraph anchor", 2),
        ({"targets": ["p1-3-2"]}, "points to its own source", 3),
        ({"targets": ["chapter3"]}, "is not an anchor", 3),
        # Against the document: the entry's line.
        ({"targets": ["p3-9-9"]}, "target p3-9-9 does not exist", 1),
        ({"source": "p9-9-9"}, "source p9-9-9 does not exist", 1),
        ({"targets": ["s1-3"]}, "contains the source paragraph", 1),
    ],
)
def test_bad_see_also_is_reported(tmp_path, docs, change, message, line):
    path = write(tmp_path, "see-also.yml", [{**GOOD_LINK, **change}])
    with pytest.raises(PipelineError) as info:
        entries = xr.load_see_also(path)
        assert line == 1, "should have failed when loading"
        validate_see_also(annotated(docs["zh-Hans"], see_also=entries))
    assert message in str(info.value)
    assert str(path) in str(info.value) and info.value.line == line


def places_file(tmp_path: Path, entry: dict) -> Path:
    data = {
        "groups": [{"id": "admin", "name": "行政区划", "description": "测试"}],
        "entries": {"admin": [entry]},
    }
    return write(tmp_path, "places.yml", data)


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"id": "qingdao", "name": "青岛市", "forms": ["青岛"], "colour": "x"}, "unknown field 'colour'"),
        ({"id": "Qingdao", "name": "青岛市", "forms": ["青岛"]}, "is not lower-case ASCII"),
        ({"id": "qingdao", "name": "青岛市", "forms": ["青岛"], "part_of": "shandong"}, "is not an entry id"),
        (
            {"id": "qingdao", "name": "青岛市", "forms": ["青岛"], "exclude": [{"context": "烟台", "reason": "x"}]},
            "does not contain",
        ),
    ],
)
def test_bad_places_are_reported_at_load(tmp_path, entry, message):
    path = places_file(tmp_path, entry)
    with pytest.raises(PipelineError) as info:
        xr.load_places(path)
    assert message in str(info.value) and str(path) in str(info.value)


def test_place_that_never_occurs_fails_validation(tmp_path, docs):
    path = places_file(tmp_path, {"id": "hangzhou", "name": "杭州市", "forms": ["杭州"]})
    data = xr.load_places(path)
    with pytest.raises(PipelineError) as info:
        validate_places(annotated(docs["zh-Hans"], index=data))
    assert "place 杭州市: form '杭州' never occurs" in str(info.value) and str(path) in str(info.value)


def test_validate_checks_everything(docs):
    for doc in docs.values():
        validate(annotated(doc))
