"""Cleaning steps: data-driven cases, and the counts on the real source."""

import re
from pathlib import Path

import pytest
import yaml

from tools.data import source as data
from tools.paths import RAW
from tools.text.clean import restore_label_spacing, strip_junk_lines, strip_pinyin
from tools.text.normalise import normalise_punctuation
from tools.text.repair import PINYIN_ANNOTATION, repair_mojibake

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "clean.yml").read_text(encoding="utf-8"))
MANIFEST = data.manifest()
STEPS = {
    "strip_pinyin": strip_pinyin,
    "normalise_punctuation": normalise_punctuation,
    "restore_label_spacing": lambda text: restore_label_spacing(text, MANIFEST.label_placeholders),
}


def _params():
    for case in CASES:
        marks = [pytest.mark.xfail(strict=True, reason="known limitation")] if case.get("expect") == "fail" else []
        yield pytest.param(case, marks=marks, id=f"{case['step']}: {case['label']}")


@pytest.mark.parametrize("case", list(_params()))
def test_case(case):
    fixed, changes = STEPS[case["step"]](case["original"])
    assert fixed == case["fixed"]
    assert (changes > 0) == (case["original"] != case["fixed"])


RAW_TEXT = RAW.read_text(encoding="utf-8")


def test_pinyin_counts_on_the_source():
    repaired, _ = repair_mojibake(RAW_TEXT, data.errata())
    annotations = PINYIN_ANNOTATION.findall(repaired)
    assert len(annotations) == 2549
    assert sum(a.endswith(" )") for a in annotations) == 192
    removals = data.removals()
    blanked, _ = strip_junk_lines(repaired, removals.leading, removals.trailing)
    text, n = strip_pinyin(blanked)
    assert n == 2546  # the other 3 are in the page chrome, removed with its lines
    assert not re.search(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü ]+\)", text)
    for kept in ["(PM2.5)", "(LNG)", "(GTC)", "(RCEP)", "(QDLP)", "(QFLP)", "(郊)", "(預報、預警、預演、預案)"]:
        assert kept in text


def test_junk_lines_are_exactly_the_listed_ones():
    removals = data.removals()
    text, n = strip_junk_lines(RAW_TEXT, removals.leading, removals.trailing)
    assert n == 4
    before, after = RAW_TEXT.split("\n"), text.split("\n")
    assert len(before) == len(after)
    changed = [i + 1 for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert changed == [1, 301, 303, 304]
    assert all(after[i - 1] == "" for i in changed)


def test_punctuation_counts_on_the_source(result):
    text = result.cleaned
    # After cleaning, no ASCII , ; : ( ) is left in Chinese text.
    assert not re.search(r"[,;:()]", text)
    counts = {p: 0 for p in ",;:()"}
    repaired, _ = repair_mojibake(RAW_TEXT, data.errata())
    removals = data.removals()
    blanked, _ = strip_junk_lines(repaired, removals.leading, removals.trailing)
    stripped, _ = strip_pinyin(restore_label_spacing(blanked, MANIFEST.label_placeholders).text)
    for p in counts:
        counts[p] = stripped.count(p)
    assert counts == {",": 805, ";": 4, ":": 16, "(": 28, ")": 28}
    assert normalise_punctuation(stripped).changes == 881


def test_page_chrome_is_blanked_only_where_it_ends_the_text():
    # A copy without the chrome (clean, or cut short) keeps every line but the
    # spam line; truncation is found from the structure (tests/test_bad_input.py).
    removals = data.removals()
    cut = RAW_TEXT[: RAW_TEXT.index("第十章")]
    text, n = strip_junk_lines(cut, removals.leading, removals.trailing)
    assert n == 1
    assert text.split("\n") == ["", *cut.split("\n")[1:]]
    # Listed lines anywhere else are not junk: a copy of the chrome at the top
    # stays (for the parser to report), and so does the spam line once it is not first.
    moved = "\n".join([*removals.trailing, RAW_TEXT])
    text, n = strip_junk_lines(moved, removals.leading, removals.trailing)
    assert n == 3  # the chrome at the end
    assert text.split("\n")[:4] == [*removals.trailing, removals.leading[0]]
