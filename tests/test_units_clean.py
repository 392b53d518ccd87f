"""Stages 1–3 in process: load (bytes → text), repair (errata, corruption check), clean (removals).

Small hand-made inputs; every expected text, count, message and position is
written out by hand (positions counted in the input, 1-based, in characters).
"""

from __future__ import annotations

import errno
import os
from dataclasses import replace
from pathlib import Path

import pytest

from tools.data.source import Erratum
from tools.errors import PipelineError
from tools.text import Edit
from tools.text.clean import (
    check_not_repeated,
    find_repetition,
    junk_line_edits,
    label_spacing_edits,
    pinyin_edits,
    strip_junk_lines,
)
from tools.text.load import check_visible, decode_source, describe_char, load_source, read_text
from tools.text.repair import check_corruption, find_corruption, repair_mojibake


def _error(call) -> tuple:
    with pytest.raises(PipelineError) as info:
        call()
    e = info.value
    return (e.message, e.hint, e.path, e.line, e.column)


# --------------------------------------------------------------------------- load


def test_decode_normalises_line_ends_and_bom():
    lf = decode_source("第一章\n正文\n".encode(), "a.txt")
    assert (lf.text, lf.had_bom, lf.had_crlf, lf.path) == ("第一章\n正文\n", False, False, Path("a.txt"))
    # sha256 of the UTF-8 bytes 第一章\n正文\n, computed with sha256sum.
    assert lf.sha256 == "5fe75a08a04935f99aaf43ecb9d8dc70d27beb6d9ca9f352ba07a32243a19991"
    for data in ("第一章\r\n正文\r\n".encode(), "第一章\r正文\r".encode(), b"\xef\xbb\xbf" + "第一章\r\n正文\n".encode()):
        other = decode_source(data)
        assert (other.text, other.sha256, other.had_crlf) == (lf.text, lf.sha256, True)
    bom = decode_source(b"\xef\xbb\xbf" + "第一章\n正文\n".encode())
    assert (bom.text, bom.had_bom, bom.had_crlf, bom.path) == (lf.text, True, False, Path("<source>"))


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", ("the source file is empty", "point the build at the raw text of the plan", "x.txt", None, None)),
        (b" \n\t\n", ("the source file is empty", "point the build at the raw text of the plan", "x.txt", None, None)),
        (
            b"\xff\xfe" + "第一章".encode("utf-16-le"),
            (
                "the source looks UTF-16 encoded",
                "convert it to UTF-8, e.g. iconv -f UTF-16 -t UTF-8 in.txt > out.txt",
                "x.txt",
                1,
                1,
            ),
        ),
        (
            b"\xfe\xff" + "第一章".encode("utf-16-be"),
            (
                "the source looks UTF-16 encoded",
                "convert it to UTF-8, e.g. iconv -f UTF-16 -t UTF-8 in.txt > out.txt",
                "x.txt",
                1,
                1,
            ),
        ),
        (  # UTF-16 without a BOM: more than 20 NUL bytes in the first 200 (21: one in 一, one per letter)
            "第一章abcdefghijklmnopqrst".encode("utf-16-le"),
            (
                "the source looks UTF-16 encoded",
                "convert it to UTF-8, e.g. iconv -f UTF-16 -t UTF-8 in.txt > out.txt",
                "x.txt",
                1,
                1,
            ),
        ),
        (  # exactly 20 NULs in the first 200 bytes, the 21st at byte 200: binary, not UTF-16
            b"a\x00" * 20 + b"b" * 160 + b"\x00",
            (
                "the source contains NUL bytes: it is a binary file, not text",
                "use the plain-text (UTF-8) scrape of the page",
                "x.txt",
                1,
                2,
            ),
        ),
        (  # the first NUL, in characters: line 2, after 正文 and a space
            "第一章\n正文 \x00b\x00".encode(),
            (
                "the source contains NUL bytes: it is a binary file, not text",
                "use the plain-text (UTF-8) scrape of the page",
                "x.txt",
                2,
                4,
            ),
        ),
        (  # counted from the start of the file, which may be a line end
            b"\nab\x00",
            (
                "the source contains NUL bytes: it is a binary file, not text",
                "use the plain-text (UTF-8) scrape of the page",
                "x.txt",
                2,
                3,
            ),
        ),
        (  # the line end before the NUL, not the first one, nor one after it
            b"a\nb\ncd\x00e\nf",
            (
                "the source contains NUL bytes: it is a binary file, not text",
                "use the plain-text (UTF-8) scrape of the page",
                "x.txt",
                3,
                3,
            ),
        ),
        (
            b"\x00abc",
            (
                "the source contains NUL bytes: it is a binary file, not text",
                "use the plain-text (UTF-8) scrape of the page",
                "x.txt",
                1,
                1,
            ),
        ),
        (  # GBK bytes of 第一章 after a UTF-8 line
            "标题\n".encode() + "第一章".encode("gbk"),
            (
                "not valid UTF-8 (byte 0xB5)",
                "it looks GBK/GB18030 encoded; convert it, e.g. iconv -f GB18030 -t UTF-8 in.txt > out.txt",
                "x.txt",
                2,
                1,
            ),
        ),
        (  # neither UTF-8 nor GB18030: a lone lead byte at the end
            "正文".encode() + b"\x81",
            ("not valid UTF-8 (byte 0x81)", "save the file as UTF-8", "x.txt", 1, 3),
        ),
        (  # the last byte of 文 lost: the file ends inside its character, column 2
            "正文".encode()[:-1],
            ("the file ends inside a character: it was cut short", "use the complete file", "x.txt", 1, 2),
        ),
        (  # a BOM is not a column: the NUL after ab is at column 3
            b"\xef\xbb\xbfab\x00",
            (
                "the source contains NUL bytes: it is a binary file, not text",
                "use the plain-text (UTF-8) scrape of the page",
                "x.txt",
                1,
                3,
            ),
        ),
    ],
)
def test_decode_refuses_what_is_not_utf8_text(data, expected):
    assert _error(lambda: decode_source(data, "x.txt")) == expected


def test_load_source(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_bytes("第一章\r\n".encode())
    source = load_source(path)
    assert (source.path, source.text, source.had_crlf) == (path, "第一章\n", True)
    missing = tmp_path / "missing.txt"
    assert _error(lambda: load_source(missing)) == (
        "no such file",
        "check the path of the raw text file",
        missing,
        None,
        None,
    )
    assert _error(lambda: load_source(tmp_path)) == (
        "this is a folder, not a file",
        "give the path of the raw text file itself",
        tmp_path,
        None,
        None,
    )
    under_a_file = path / "x.txt"
    assert _error(lambda: load_source(under_a_file)) == (
        "a part of this path is a file, not a folder",
        "check the path of the raw text file",
        under_a_file,
        None,
        None,
    )
    path.write_bytes(b"")
    assert _error(lambda: load_source(path))[0::2] == ("the source file is empty", path, None)


def test_a_pipe_is_not_read(tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)  # never opened: reading it would wait for a writer
    assert _error(lambda: load_source(fifo)) == (
        "this is not a regular file (a pipe, socket or device)",
        "save the raw text file to a file and give that file's path",
        fifo,
        None,
        None,
    )


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (
            PermissionError(errno.EACCES, "Permission denied"),
            ("permission denied: the file cannot be read", "make it readable (chmod u+r), or copy it somewhere readable"),
        ),
        (
            OSError(errno.EIO, "Input/output error"),
            ("cannot read the file: Input/output error", "check the path of the raw text file"),
        ),
    ],
)
def test_a_file_that_cannot_be_read(tmp_path, monkeypatch, exc, expected):
    path = tmp_path / "plan.txt"
    path.write_text("第一章\n", encoding="utf-8")

    def read_bytes(self):  # as root, chmod cannot make a file unreadable
        raise exc

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    assert _error(lambda: load_source(path)) == (*expected, path, None, None)


VISIBLE_FIX = (
    "delete it: format characters (Unicode category Cf) and line separators are not part of the text, "
    "and they would reach the pages unseen and break search; "
    r"perl -CSD -pi -e 's/[\p{Cf}\x{2028}\x{2029}]//g' FILE deletes them all"
)


@pytest.mark.parametrize(
    ("text", "message", "column"),
    [
        ("甲\u200b乙", "invisible character U+200B ZERO WIDTH SPACE", 2),
        ("甲\u200b乙\u00ad丙", "invisible character U+200B ZERO WIDTH SPACE (and 1 more, on line 1)", 2),
        ("\u202e甲\n乙\n丙\u200d\u2060", "invisible character U+202E RIGHT-TO-LEFT OVERRIDE (and 2 more, on line 3)", 1),
        (  # the first on line 1, eight more on lines 2–9: all named
            "".join(f"{n}\u200b\n" for n in range(1, 10)),
            "invisible character U+200B ZERO WIDTH SPACE (and 8 more, on lines 2, 3, 4, 5, 6, 7, 8, 9)",
            2,
        ),
        (  # nine more on lines 2–10: the first eight lines named
            "".join(f"{n}\u200b\n" for n in range(1, 11)),
            "invisible character U+200B ZERO WIDTH SPACE (and 9 more, on lines 2, 3, 4, 5, 6, 7, 8, 9 …)",
            2,
        ),
    ],
)
def test_invisible_characters_are_named_counted_and_located(text, message, column):
    assert _error(lambda: check_visible(text)) == (message, VISIBLE_FIX, None, 1, column)
    check_visible("甲 乙\u3000丙\n")


def test_a_character_without_a_name_is_named_by_its_code_point():
    assert describe_char("\x85") == "U+0085 unnamed character"


def test_read_text_names_a_data_file(tmp_path):
    path = tmp_path / "terms.yml"
    path.write_bytes("\ufeffa: 1\r\nb: 发\r\n".encode())
    assert read_text(path) == "a: 1\nb: 发\n"
    assert _error(lambda: read_text(tmp_path / "none.yml"))[:2] == ("no such file", "check the path of the data file")
    path.write_bytes("a: 1\nb: 发\u200b展\n".encode())  # line 2: b, :, space, 发, then the zero-width space
    message, hint, where, line, column = _error(lambda: read_text(path))
    assert (message, where, line, column) == ("invisible character U+200B ZERO WIDTH SPACE", path, 2, 5)
    assert hint.startswith("delete it: format characters (Unicode category Cf) and line separators are not part of the text")


# --------------------------------------------------------------------------- repair

ERRATUM = Erratum("E9", 2, "?tīng)幾h", "?tīng)", "幾h", b"\xa0", {}, "爭議", "made up for the test")


def test_repair_mojibake_replaces_the_span_once():
    assert tuple(repair_mojibake("勞動人事?tīng)幾h,依法", [ERRATUM])) == ("勞動人事爭議,依法", 1)
    assert tuple(repair_mojibake("乾淨的文本", [ERRATUM])) == ("乾淨的文本", 0)


def test_an_erratum_found_twice_names_its_lines():
    text = "一\n?tīng)幾h\n二\n三?tīng)幾h"
    assert _error(lambda: repair_mojibake(text, [ERRATUM])) == (
        "erratum E9 matches 2 times (lines 2, 4); a repair must be unambiguous",
        "lengthen the raw span in source/errata.yml so it matches once",
        "source/errata.yml",
        None,
        None,
    )
    at_start = "\n?tīng)幾h\n?tīng)幾h"
    assert _error(lambda: repair_mojibake(at_start, [ERRATUM]))[0] == (
        "erratum E9 matches 2 times (lines 2, 3); a repair must be unambiguous"
    )
    three = "?tīng)幾h" * 3
    assert (
        _error(lambda: repair_mojibake(three, [ERRATUM]))[0]
        == "erratum E9 matches 3 times (line 1); a repair must be unambiguous"
    )
    # The error is at the erratum's entry in errata.yml when the loader recorded it.
    assert _error(lambda: repair_mojibake(three, [replace(ERRATUM, entry_line=36)]))[2:] == ("source/errata.yml", 36, None)


def test_overlapping_errata_are_named_in_text_order():
    # E10's span 幾h,依 starts inside E9's ?tīng)幾h, on line 2 (after a blank line 1, before lines 3 and 4);
    # E10 is listed first.
    e10 = Erratum("E10", 2, "幾h,依", "", "幾h", b"\xa0", {}, "議，依", "made up", entry_line=12)
    e9 = replace(ERRATUM, entry_line=3)
    assert _error(lambda: repair_mojibake("\n勞動人事?tīng)幾h,依法\n末\n尾", [e10, e9])) == (
        "errata E9 and E10 overlap in the text (line 2)",
        "make their raw spans disjoint in source/errata.yml",
        "source/errata.yml",
        12,
        None,
    )
    # Two errata for the same span overlap too (the first listed is named first).
    twin = replace(ERRATUM, id="E11")
    assert _error(lambda: repair_mojibake("勞動?tīng)幾h", [ERRATUM, twin]))[:4] == (
        "errata E9 and E11 overlap in the text (line 1)",
        "make their raw spans disjoint in source/errata.yml",
        "source/errata.yml",
        None,
    )


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("中ABC", [(1, 2, "Latin text 'ABC' glued to Chinese text")]),  # capitals only
        ("abc中", [(1, 1, "Latin text 'abc' glued to Chinese text")]),  # at the start, Han after
        ("中abc", [(1, 2, "Latin text 'abc' glued to Chinese text")]),  # at the end, Han before
        ("abc 中", []),  # nothing before it (the text's last character is not before it)
        ("中 abc", []),  # only the character right before counts
        ("中 abc 中", []),
        ("x\n中 1.5 PM2.5中", []),  # digits alone, and an allowed token
        ("中\ue123文", [(1, 2, "suspicious character U+E123")]),
        ("第一?章\n\\", [(1, 3, "placeholder character '?'"), (2, 1, "placeholder character '\\\\'")]),
        ("索?引?號: 勞動人事?tīng)幾h 發(fā)展", []),  # label placeholder, erratum and pinyin are masked
    ],
)
def test_find_corruption(text, found):
    assert find_corruption(text, [ERRATUM], ["索?引?號"], ["PM2.5"]) == found


def test_check_corruption_reports_the_first_and_counts_the_rest():
    assert _error(lambda: check_corruption("中abc\n中def?", [], [], [])) == (
        "Latin text 'abc' glued to Chinese text: the text looks corrupted here (and 2 more)",
        "if it is mojibake, add a repair with its byte evidence to source/errata.yml; "
        "if it is real text, add the token to latin_allowed in source/manifest.yml",
        None,
        1,
        2,
    )
    assert _error(lambda: check_corruption("中abc\n中def", [], [], []))[0] == (
        "Latin text 'abc' glued to Chinese text: the text looks corrupted here (and 1 more)"
    )
    assert _error(lambda: check_corruption("中\n中def", [], [], []))[:1] == (
        "Latin text 'def' glued to Chinese text: the text looks corrupted here",
    )
    check_corruption("中文 abc", [], [], [])


# --------------------------------------------------------------------------- clean


def test_strip_junk_lines_counts_every_blanked_line():
    text = "广告一\n广告二\n正文\n分享\n打印"
    assert tuple(strip_junk_lines(text, ["广告一", "广告二"], ["分享", "打印"])) == ("\n\n正文\n\n", 4)
    # Lines are blanked only where all the listed ones are there.
    assert tuple(strip_junk_lines(text, ["广告二"], ["打印", "分享"])) == (text, 0)


def test_the_page_chrome_is_optional_and_blanked_only_when_it_ends_the_text():
    # A clean copy of the document, without the chrome: nothing to blank.
    assert tuple(strip_junk_lines("广告一\n正文\n", ["广告一"], ["分享"])) == ("\n正文\n", 1)
    # Blank lines between and after the chrome lines do not matter; the chrome lines themselves must be exact.
    assert junk_line_edits("正文\n分享\n\n打印\n\n", [], ["分享", "打印"]) == [Edit(3, 5), Edit(7, 9)]
    assert junk_line_edits("正文\n 分享\n打印", [], ["分享", "打印"]) == []
    # Only the last non-blank lines: the chrome followed by more text is not removed.
    assert junk_line_edits("分享\n打印\n正文", [], ["分享", "打印"]) == []
    # Part of the chrome is no chrome, and no list blanks nothing.
    assert junk_line_edits("正文\n打印\n", [], ["分享", "打印"]) == []
    assert junk_line_edits("正文\n分享\n", [], []) == []
    assert junk_line_edits("广告\n正文", ["广告", "正文", "多"], []) == []
    assert junk_line_edits("\n\n", [], ["分享"]) == []


A = "一二三四五六七八九十。"  # 11 characters
B = "十九八七六五四三二一！"  # 11 characters


@pytest.mark.parametrize(
    ("lines", "found"),
    [
        (["甲", A, B, "乙", A, B], (5, 2, 2)),
        (["甲", "  " + A, B, "", "乙", "    " + A, "", B], (6, 2, 2)),  # blank lines and indentation ignored
        (["甲", A, "乙", A], None),  # 11 characters repeated: under 20, a coincidence
        (["甲", A + "〇" * 9, "乙", A + "〇" * 9], (4, 2, 1)),  # one line of 20 characters
        (["甲", A + "〇" * 8, "乙", A + "〇" * 8], None),  # 19
        ([A, B, A, B, A, B], (3, 1, 2)),  # the first copy only, never a run that overlaps itself
        ([A + B, A + B, A + B], (2, 1, 1)),
        ([A, A, A], None),  # 11 characters each time
        (["甲", A, B, "丙", A, "丁", A, B], (7, 2, 2)),  # every earlier place of a line is tried
        (["山东省人民政府", "正文。", "山东省人民政府"], None),
    ],
)
def test_find_repetition(lines, found):
    assert find_repetition("\n".join(lines)) == found


def test_repeated_text_is_reported_where_it_starts_with_both_spans():
    text = "\n".join(["甲", "  " + A, B, "", "乙", "    " + A, "", B, "丙"])
    assert _error(lambda: check_not_repeated(text)) == (
        "repeated text: lines 6–8 repeat lines 2–3",
        "delete the repeated copy; the file must hold the page once (the plan, then at most the page chrome)",
        None,
        6,
        5,
    )
    one = "\n".join(["甲", A + B, "乙", "\t" + A + B])
    assert _error(lambda: check_not_repeated(one))[0::3] == ("repeated text: line 4 repeats line 2", 4)
    assert _error(lambda: check_not_repeated(one))[4] == 2
    check_not_repeated("\n".join(["甲", A, "乙", A]))


def test_label_placeholders_lose_only_their_question_marks():
    # 索?引?號 at offset 3: its ? at 4 and 6; 標??題 at 13: ? at 14 and 15; the lone ? at 10 stays.
    text = "前言 索?引?號: 甲? 標??題: 乙"
    assert label_spacing_edits(text, ["標??題", "索?引?號"]) == [Edit(4, 5), Edit(6, 7), Edit(14, 15), Edit(15, 16)]
    assert label_spacing_edits(text, []) == []
    # The longer placeholder wins where one contains another, and where both start at the same place.
    assert label_spacing_edits("有?效?性", ["效?性", "有?效?性"]) == [Edit(1, 2), Edit(3, 4)]
    assert label_spacing_edits("標??題", ["標?", "標??題"]) == [Edit(1, 2), Edit(2, 3)]


def test_pinyin_edits_cover_each_annotation_with_its_space():
    # 發(fā) at 0–4: the annotation is 1–5; 創 at 6, its (chuàng ) 7–15: the space inside included.
    assert pinyin_edits("發(fā)展創(chuàng )新(PM)") == [Edit(1, 5), Edit(7, 16)]
    assert pinyin_edits("(fā)開頭 a(fā)") == []  # only right after a Han character
