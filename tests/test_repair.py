"""Errata: each repair is proved from the bytes; uncovered corruption stops the build."""

import pytest

from tools.data import source as data
from tools.errors import PipelineError
from tools.paths import RAW
from tools.text.repair import check_corruption, find_corruption, repair_mojibake

ERRATA = data.errata()
MANIFEST = data.manifest()
RAW_TEXT = RAW.read_text(encoding="utf-8")


def check(text):
    check_corruption(text, ERRATA, MANIFEST.label_placeholders, MANIFEST.latin_allowed)


@pytest.mark.parametrize("erratum", ERRATA, ids=lambda e: e.id)
def test_repair_is_proved_by_the_bytes(erratum):
    # Re-read the garbled characters' GB18030 bytes one byte in step.
    raw_bytes = "".join(erratum.unfold.get(c, c) for c in erratum.garbled).encode("gb18030")
    assert (erratum.lost_lead + raw_bytes).decode("gbk") == erratum.repaired
    assert erratum.decoded() == erratum.repaired


@pytest.mark.parametrize("erratum", ERRATA, ids=lambda e: e.id)
def test_erratum_matches_its_line_once(erratum):
    lines = RAW_TEXT.split("\n")
    assert lines[erratum.line - 1].count(erratum.raw) == 1
    assert RAW_TEXT.count(erratum.raw) == 1


def test_gbk_cannot_encode_the_private_use_spans_but_gb18030_can():
    pua = [e for e in ERRATA if any("\ue000" <= c <= "\uf8ff" for c in e.garbled)]
    assert [e.id for e in pua] == ["E2", "E4"]
    for e in pua:
        with pytest.raises(UnicodeEncodeError):
            e.garbled.encode("gbk")
        e.garbled.encode("gb18030")


def test_errata_leave_no_corruption_behind():
    repaired, n = repair_mojibake(RAW_TEXT, ERRATA)
    assert n == 4
    assert find_corruption(repaired, [], MANIFEST.label_placeholders, MANIFEST.latin_allowed) == []
    for e in ERRATA:
        assert e.repaired in repaired.split("\n")[e.line - 1]


def test_the_raw_source_passes_the_check_only_thanks_to_the_errata():
    check(RAW_TEXT)
    problems = find_corruption(RAW_TEXT, [], MANIFEST.label_placeholders, MANIFEST.latin_allowed)
    lines = sorted({line for line, _, _ in problems})
    assert lines == [121, 195, 227, 279]


@pytest.mark.parametrize(
    ("text", "line", "column", "what"),
    [
        ("第一行\n建设\ue000港口。", 2, 3, "U+E000"),
        ("第一行\n加密?航线。", 2, 3, "'?'"),
        ("加快建设abc港口。", 1, 5, "'abc'"),
        ("港口\\航线", 1, 3, "'\\\\'"),
        ("替换\ufffd字符", 1, 3, "U+FFFD"),
    ],
)
def test_uncovered_corruption_names_line_and_column(text, line, column, what):
    with pytest.raises(PipelineError) as info:
        check(text)
    err = info.value
    assert (err.line, err.column) == (line, column)
    assert what in err.message
    assert "errata.yml" in err.hint


@pytest.mark.parametrize(
    "text",
    [
        "细颗粒物(PM2.5)平均浓度",
        "液化天然气(LNG)",
        "规模部署5G基站，拓展“5G+工业互联网”",
        "“中日韩+X”市场合作",
        "索?引?號: 暫無",
        "發(fā)展創(chuàng )新",
        "2.15萬平方公里，70%",
    ],
)
def test_real_text_is_not_corruption(text):
    check(text)
