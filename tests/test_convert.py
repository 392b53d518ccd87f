"""Stage 5, convert: OpenCC ``t2s``/``s2tw`` and the curated override tables.

The override tables (``source/overrides/t2s.tsv``, ``s2tw.tsv``) say where
OpenCC is wrong on this document. These tests prove, over the whole document,
that every row fires exactly where its definition says (``source`` in the
input, ``opencc`` in OpenCC's aligned output), exactly ``count`` times, and
that OpenCC's output is changed there and nowhere else. They also check the
result on content (no 佈, 着/著 only in listed words, the s2tw config rather
than s2twp) and on near misses that must come out unchanged.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import shared
from tools.data.source import S2TW_OVERRIDES, T2S_OVERRIDES, Override, overrides, to_simplified, to_traditional
from tools.errors import PipelineError
from tools.model import Document
from tools.paths import RAW
from tools.pipeline import Result, convert_file
from tools.text.convert import Converter

# --------------------------------------------------------------------------- fixtures


def text_fields(document: Document) -> list[str]:
    """Every text field of a document, in the order ``map_text`` converts them."""
    fields: list[str] = []

    def collect(text: str) -> str:
        fields.append(text)
        return text

    document.map_text(collect, document.script)
    return fields


@dataclass(frozen=True)
class Conversion:
    """One table's work on the document: inputs, OpenCC alone, and the final output, field by field."""

    name: str
    table: tuple[Override, ...]
    inputs: list[str]
    raw: list[str]
    final: list[str]


@pytest.fixture(scope=shared("module"))
def result() -> Result:
    return convert_file(RAW)


@pytest.fixture(scope=shared("module"))
def simplified_text(result: Result) -> str:
    return to_simplified()(result.cleaned)


@pytest.fixture(scope=shared("module"))
def t2s(result: Result, simplified_text: str) -> Conversion:
    # t2s converts the cleaned text as a whole.
    cleaned = result.cleaned
    return Conversion("t2s", overrides(T2S_OVERRIDES), [cleaned], [to_simplified().raw(cleaned)], [simplified_text])


@pytest.fixture(scope=shared("module"))
def s2tw(result: Result) -> Conversion:
    # s2tw converts the document field by field (Document.map_text); use the pipeline's own output.
    inputs = text_fields(result.simplified)
    raw = [to_traditional().raw(text) for text in inputs]
    return Conversion("s2tw", overrides(S2TW_OVERRIDES), inputs, raw, text_fields(result.traditional))


@pytest.fixture(scope=shared("module"))
def traditional_text(s2tw: Conversion) -> str:
    return "\n".join(s2tw.final)


@pytest.fixture(params=["t2s", "s2tw"])
def conversion(request: pytest.FixtureRequest) -> Conversion:
    return request.getfixturevalue(request.param)


# --------------------------------------------------------------------------- where rows fire


@dataclass(frozen=True)
class Firing:
    row: Override
    field: int
    start: int

    @property
    def span(self) -> range:
        return range(self.start, self.start + len(self.row.source))


def firings(table: tuple[Override, ...], inputs: list[str], raw: list[str]) -> list[Firing]:
    """Where each row fires by its definition: ``source`` in the input and ``opencc`` at the same place in OpenCC's output."""
    found = []
    for row in table:
        pattern = re.compile(f"(?={re.escape(row.source)})")  # overlapping matches, as the converter finds them
        for f, (text, out) in enumerate(zip(inputs, raw, strict=True)):
            for m in pattern.finditer(text):
                if out[m.start() : m.start() + len(row.source)] == row.opencc:
                    found.append(Firing(row, f, m.start()))
    return found


def changed_positions(c: Conversion) -> set[tuple[int, int]]:
    """(field, offset) of every character where the final output differs from OpenCC alone."""
    return {
        (f, i)
        for f, (a, b) in enumerate(zip(c.raw, c.final, strict=True))
        for i, (x, y) in enumerate(zip(a, b, strict=True))
        if x != y
    }


def row_id(table: str, row: Override) -> str:
    """The row's place in its file, so a failure points at the line to read."""
    return f"{table}.tsv:{row.line}"


ROWS = [pytest.param("t2s", row, id=row_id("t2s", row)) for row in overrides(T2S_OVERRIDES)] + [
    pytest.param("s2tw", row, id=row_id("s2tw", row)) for row in overrides(S2TW_OVERRIDES)
]


@pytest.mark.parametrize(("table", "row"), ROWS)
def test_row_fires_count_times_and_writes_correct(request: pytest.FixtureRequest, table: str, row: Override) -> None:
    c: Conversion = request.getfixturevalue(table)
    mine = [x for x in firings(c.table, c.inputs, c.raw) if x.row == row]
    assert len(mine) == row.count, (
        f"{row.path.name}:{row.line}: {row.source} → {row.correct} fires {len(mine)} time(s), count says {row.count}"
    )
    for x in mine:
        assert c.final[x.field][x.start : x.start + len(row.source)] == row.correct


def test_firings_do_not_overlap(conversion: Conversion) -> None:
    # Disjoint spans make the order of application irrelevant, so "where a row fires" is well defined.
    spans = sorted(
        (x.field, x.start, x.start + len(x.row.source), x.row.source)
        for x in firings(conversion.table, conversion.inputs, conversion.raw)
    )
    for (f1, _, end1, s1), (f2, start2, _, s2) in itertools.pairwise(spans):
        assert f1 != f2 or end1 <= start2, f"rows {s1} and {s2} overlap in field {f1}"


def test_output_differs_from_opencc_exactly_where_rows_fire(conversion: Conversion) -> None:
    expected = {
        (x.field, i)
        for x in firings(conversion.table, conversion.inputs, conversion.raw)
        for i, a, b in zip(x.span, x.row.opencc, x.row.correct, strict=True)
        if a != b
    }
    actual = changed_positions(conversion)
    assert actual - expected == set(), f"{conversion.name}: changed where no row fires"
    assert expected - actual == set(), f"{conversion.name}: a row's firing left OpenCC's output unchanged"
    assert len(actual) == sum(sum(a != b for a, b in zip(r.opencc, r.correct, strict=True)) * r.count for r in conversion.table)


def test_every_row_is_used(conversion: Conversion) -> None:
    assert conversion.table, f"the {conversion.name} table is empty"
    assert all(row.count > 0 for row in conversion.table), "a row with count 0 is dead: remove it"
    assert len({r.source for r in conversion.table}) == len(conversion.table), "a source phrase is listed twice"


def test_converter_rejects_a_wrong_count(s2tw: Conversion) -> None:
    converter = to_traditional()
    row = converter.table[0]
    converter.table = tuple(dataclasses.replace(r, count=r.count + 1) if r == row else r for r in converter.table)
    for text in s2tw.inputs:
        converter(text)
    with pytest.raises(PipelineError, match=re.escape(row.source)):
        converter.check_counts()


# --------------------------------------------------------------------------- invariants


def test_lengths_are_preserved(result: Result, simplified_text: str, s2tw: Conversion) -> None:
    assert len(simplified_text) == len(result.cleaned)
    assert [len(t) for t in s2tw.final] == [len(t) for t in s2tw.inputs]
    assert [len(t) for t in s2tw.raw] == [len(t) for t in s2tw.inputs]


def test_document_is_built_from_the_converted_text(result: Result, simplified_text: str) -> None:
    # Citations (第三章第一节第2段) and numbering labels (第一节) are made by the
    # parser from the numbering, not taken from the text.
    made = re.compile(r"^第[一二三四五六七八九十]+[章节]((第[一二三四五六七八九十]+节|引言)第\d+段)?$")
    missing = [f for f in text_fields(result.simplified) if f not in simplified_text and not made.match(f)]
    assert missing == []


# Pieces for random texts: every row's phrase, near misses, and fragments that can join into new contexts.
PIECES = {
    "s2tw": (
        to_traditional,
        [r.source for r in overrides(S2TW_OVERRIDES)]
        + ["若干散货", "广场准入口", "晒干线团", "抑制氢脆", "控制造成", "美发展会", "，", "发展", "干", "制", "布局", "准"],
    ),
    "t2s": (to_simplified, [r.source for r in overrides(T2S_OVERRIDES)] + ["顯著力學", "著作", "，", "著", "力", "摸得"]),
}


@pytest.mark.parametrize("table", PIECES)
@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_changes_only_inside_row_phrases(table: str, data: st.DataObject) -> None:
    make, pieces = PIECES[table]
    text = "".join(data.draw(st.lists(st.sampled_from(pieces), max_size=12)))
    converter = make()
    raw, out = converter.raw(text), converter(text)
    assert len(out) == len(text)
    covered = {
        i
        for r in converter.table
        for m in re.finditer(f"(?={re.escape(r.source)})", text)
        for i in range(m.start(), m.start() + len(r.source))
    }
    assert {i for i, (a, b) in enumerate(zip(raw, out, strict=True)) if a != b} <= covered


# --------------------------------------------------------------------------- content


def test_s2tw_config_not_s2twp(traditional_text: str) -> None:
    converter = to_traditional()
    assert converter.config == "s2tw"
    # s2twp would localise the vocabulary: 信息 → 資訊, 发布 → 釋出, 软件 → 軟體.
    assert converter.raw("信息") == "信息"
    assert converter.raw("软件") == "軟件"
    assert converter("发布") == "發布"
    assert "信息" in traditional_text
    assert "資訊" not in traditional_text
    assert "釋出" not in traditional_text


def test_no_bu_variant_in_traditional(traditional_text: str) -> None:
    assert "佈" not in traditional_text
    assert traditional_text.count("發布") == 5  # 4 from OpenCC's 發佈, 1 (公開發布) already 布
    assert traditional_text.count("布局") == 28  # 27 from OpenCC's 佈局, 1 (路網布局) already 布


# Phrases the Traditional text must contain (with how often) and wrong forms it must not.
TRADITIONAL_HAS = {
    "內生發展": 1,
    "輸水幹線": 1,
    "大宗乾散貨": 2,
    "自由貿易港制度": 1,
    "創建製造業": 1,
    "能源製氫": 1,
    "電力製氫": 1,
    "市場准入": 4,
    "平臺": 38,
    "煙臺": 14,
    "著力": 2,
}
TRADITIONAL_LACKS = ["佈", "髮", "乾線", "幹散貨", "製度", "制氫", "制造", "準入", "台", "釋出"]


@pytest.mark.parametrize(("phrase", "count"), TRADITIONAL_HAS.items())
def test_traditional_has(traditional_text: str, phrase: str, count: int) -> None:
    assert traditional_text.count(phrase) == count


@pytest.mark.parametrize("wrong", TRADITIONAL_LACKS)
def test_traditional_lacks(traditional_text: str, wrong: str) -> None:
    assert wrong not in traditional_text


# Words in which a Simplified text may write 著 (zhù) and 着 (zhuó/zháo/zhe).
ZHU_WORDS = ("显著",)
ZHE_WORDS = ("着力", "摸得着")


def uncovered(text: str, char: str, words: tuple[str, ...]) -> list[str]:
    covered = {i for w in words for m in re.finditer(re.escape(w), text) for i in range(m.start(), m.end())}
    return [text[max(0, i - 4) : i + 5] for i, ch in enumerate(text) if ch == char and i not in covered]


def test_zhu_only_in_listed_words(simplified_text: str) -> None:
    assert "著" in simplified_text
    assert uncovered(simplified_text, "著", ZHU_WORDS) == []


def test_zhe_only_in_listed_words(simplified_text: str) -> None:
    assert simplified_text.count("着") == 3
    assert uncovered(simplified_text, "着", ZHE_WORDS) == []


# --------------------------------------------------------------------------- cases

# (converter, input, expected): each row on its own in a short context.
POSITIVE = [
    (to_traditional, "内生发展动力", "內生發展動力"),
    (to_traditional, "供水干线", "供水幹線"),
    (to_traditional, "大宗干散货", "大宗乾散貨"),
    (to_traditional, "香港制度", "香港制度"),
    (to_traditional, "创建制造业", "創建製造業"),
    (to_traditional, "能源制氢", "能源製氫"),
    (to_traditional, "低谷电力制氢", "低谷電力製氫"),
    (to_traditional, "市场准入", "市場准入"),
    (to_traditional, "发布、分布、布局、布设", "發布、分布、布局、布設"),
    (to_simplified, "著力提升", "着力提升"),
    (to_simplified, "著力改善", "着力改善"),
    (to_simplified, "看得見、摸得著", "看得见、摸得着"),
]

# Near misses: they contain a row's phrase, or resemble one, and must come out as OpenCC writes them.
NEGATIVE = [
    (to_traditional, "若干散货", "若干散貨"),  # 若干 + 散货; OpenCC writes 干, so 干散货 does not fire
    (to_traditional, "广场准入口", "廣場准入口"),  # OpenCC already writes 准; 场准入 does not fire
    (to_traditional, "晒干线团", "曬乾線團"),  # dried thread: 乾 is right; 水干线 does not match
    (to_traditional, "抑制氢脆", "抑制氫脆"),  # 抑制 + 氢: 制 is right; 源制氢/力制氢 do not match
    (to_traditional, "控制造成", "控制造成"),  # 控制 + 造成: 制造业 does not match
    (to_traditional, "美发展会", "美髮展會"),  # hair-salon fair: 髮 is right; 内生发展 does not match
    (to_simplified, "顯著力學", "显著力学"),  # 顯著 + 力學: 著 (zhù) must stay
    (to_simplified, "效果顯著", "效果显著"),
]


@pytest.mark.parametrize(("make", "text", "expected"), [pytest.param(*c, id=c[1]) for c in POSITIVE])
def test_positive_case(make: Callable[[], Converter], text: str, expected: str) -> None:
    converter = make()
    assert converter(text) == expected
    assert converter.overrides_fired > 0


@pytest.mark.parametrize(("make", "text", "expected"), [pytest.param(*c, id=c[1]) for c in NEGATIVE])
def test_negative_case(make: Callable[[], Converter], text: str, expected: str) -> None:
    converter = make()
    assert converter(text) == expected
    assert converter.raw(text) == expected
    assert converter.fired == Counter()
