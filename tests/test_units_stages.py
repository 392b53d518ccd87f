"""Stages 4–5 in process: punctuation (tools/text/normalise.py) and conversion (tools/text/convert.py).

Small hand-made inputs with their expected outputs and counts written out by
hand from the rules the modules document; the override rows are made up for
the test, so what fires where is known without running the converter.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.data.source import S2TW_OVERRIDES, T2S_OVERRIDES, Override, to_simplified, to_traditional
from tools.errors import PipelineError
from tools.text.convert import Converter, traditional_only_chars
from tools.text.normalise import normalise_punctuation

# --------------------------------------------------------------------------- normalise


@pytest.mark.parametrize(
    ("text", "expected", "changes"),
    [
        ("中,文;中:文", "中，文；中：文", 3),
        ("a,b 1,558 10:30 x;y", "a,b 1,558 10:30 x;y", 0),  # between two ASCII letters or digits
        ("a,中 中,a", "a，中 中，a", 2),  # only one side is Latin
        (",开头 结尾,", "，开头 结尾，", 2),  # at either end of the text
        (",a", "，a", 1),  # nothing before the first character (not the last one)
        ("(x)a", "（x）a", 2),
        ("a,\nb", "a，\nb", 1),  # a line end is not Latin
        ("细颗粒物(PM2.5)", "细颗粒物（PM2.5）", 2),
        ("f(x)", "f(x)", 0),  # a formula: the opening one follows a Latin character
        ("中(f(x))", "中（f(x)）", 2),  # the partner of each parenthesis follows it
        ("f(中(x))", "f(中（x）)", 2),
        ("多余)", "多余）", 1),  # a closing one without an opening one
        ("f(x\n)", "f(x\n）", 1),  # a line end forgets the open parentheses
        ("(开头)", "（开头）", 2),
        ("5G+工业互联网,70%.", "5G+工业互联网，70%.", 1),  # + % . are never touched
        ("，；：（）", "，；：（）", 0),
    ],
)
def test_normalise_punctuation(text, expected, changes):
    assert tuple(normalise_punctuation(text)) == (expected, changes)


# --------------------------------------------------------------------------- convert


def _row(source: str, opencc: str, correct: str, count: int, line: int = 7) -> Override:
    return Override(source, opencc, correct, count, "made up for the test", Path("source/overrides/x.tsv"), line)


def test_converter_corrects_opencc_where_a_row_fires_and_counts():
    row = _row("著力", "著力", "着力", 2)
    c = Converter("t2s", (row,))
    # OpenCC t2s writes 著 for 著 (zhù); the row corrects it in 著力 only.
    assert c("著力發展，顯著著力") == "着力发展，显著着力"
    assert c.fired[row] == 2 and c.overrides_fired == 2
    assert c.converted_chars == 2  # 發→发, 顯→显: what OpenCC itself changed
    c.check_counts()
    assert c("發展") == "发展"
    assert (c.converted_chars, c.overrides_fired) == (3, 2)


def test_a_row_fires_at_adjacent_and_overlapping_places():
    single = _row("著", "著", "着", 3)
    c = Converter("t2s", (single,))
    assert c("著著，著") == "着着，着"
    assert c.fired[single] == 3
    double = _row("著著", "著著", "着着", 2)
    c = Converter("t2s", (double,))
    assert c("著著著") == "着着著"  # found at 0 and at 1; at 1 the output already reads 着著, so it does not fire
    assert c.fired[double] == 1


def test_a_row_fires_only_where_opencc_wrote_what_it_says():
    row = _row("著力", "着力", "X力", 1)  # OpenCC never writes 着力 for 著力 here: the row does not fire
    c = Converter("t2s", (row,))
    assert c("著力") == "著力"
    assert c.fired[row] == 0


def test_longer_rows_win_over_shorter_ones():
    char = _row("規", "规", "槼", 0, 3)
    phrase = _row("規劃", "规划", "規劃", 1, 4)
    c = Converter("t2s", (char, phrase))  # given shortest first: the converter orders them
    assert c.table == (phrase, char)
    assert c("規劃") == "規劃"
    assert (c.fired[phrase], c.fired[char]) == (1, 0)
    assert c("規") == "槼"


def test_a_wrong_count_is_reported_at_its_row():
    row = _row("著力", "著力", "着力", 2, 12)
    c = Converter("t2s", (row,))
    c("著力")
    with pytest.raises(PipelineError) as info:
        c.check_counts()
    e = info.value
    assert (e.message, e.hint, e.path, e.line, e.column) == (
        "override 著力 → 着力 fired 1 time(s), expected 2",
        "the text or OpenCC changed: read the places it fires and update count, or remove the row",
        Path("source/overrides/x.tsv"),
        12,
        1,
    )


def test_opencc_changing_the_length_stops_the_build():
    class Stretching(Converter):
        def raw(self, text: str) -> str:
            return text + "。"

    with pytest.raises(PipelineError) as info:
        Stretching("t2s", ())("發展")
    e = info.value
    assert (e.message, e.hint) == (
        "OpenCC t2s changed the length of a text (2 → 3 characters)",
        "overrides are applied by position; report the phrase and add a length-preserving override",
    )


def test_the_two_converters():
    hans, hant = to_simplified(), to_traditional()
    assert (hans.config, hant.config) == ("t2s", "s2tw")
    assert {o.path for o in hans.table} == {T2S_OVERRIDES} and {o.path for o in hant.table} == {S2TW_OVERRIDES}
    assert hans.raw("發展著力") == "发展著力" and hant.raw("发展着力") == "發展著力"
    assert hant.raw("干线") == "幹線"  # s2tw, Taiwan character forms


def test_traditional_only_chars():
    assert list(traditional_only_chars("发展發展，規劃")) == [(2, "發"), (5, "規"), (6, "劃")]
    assert list(traditional_only_chars("发展规划，着力")) == []
