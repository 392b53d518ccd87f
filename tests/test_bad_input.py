"""Bad input: a located error, a non-zero exit, and the previous output untouched.

Every class of bad input has a test here: broken encodings and binary files,
a broken structure, invisible characters, a truncated or repeated text, a
source path that cannot be read, and a malformed value in every curated file.
Positions are always the raw file's: the expected lines and columns are
counted by hand in the test input, or read off the raw lines, never taken
from the pipeline.
"""

import hashlib
import html as htmllib
import os
import re
import shutil
import threading
import unicodedata
from pathlib import Path

import markdown
import pytest

from tools.cli import main
from tools.data import glossary
from tools.data import places as crossref
from tools.data import source as data
from tools.errors import PipelineError
from tools.paths import DOCS, RAW, SOURCE

RAW_TEXT = RAW.read_text(encoding="utf-8")
LINES = RAW_TEXT.split("\n")
ERROR_FORMAT = re.compile(r"^error: (?P<path>[^\n:]+):(?P<line>\d+):(?P<col>\d+): (?P<what>.+) — (?P<fix>.+)$")
# The last sentence of the plan (第十章第三节), as the Simplified pages print it.
LAST_SENTENCE = (
    "充分利用各种媒体平台全方位宣传工作成效，总结推广先进做法和典型经验，"
    "畅通公众意见反馈渠道，凝聚全社会共识和力量，汇聚形成推动青岛都市圈建设的强大合力。"
)


def _line_of(prefix: str) -> int:
    return next(i for i, line in enumerate(LINES, 1) if line.strip().startswith(prefix))


def _without_lines(first: int, last: int) -> str:
    return "\n".join(LINES[: first - 1] + LINES[last:])


def _replace_line(number: int, old: str, new: str) -> str:
    lines = list(LINES)
    assert old in lines[number - 1]
    lines[number - 1] = lines[number - 1].replace(old, new, 1)
    return "\n".join(lines)


def _first_lines(n: int) -> str:
    return "\n".join(LINES[:n]) + "\n"


CH3, CH4 = _line_of("第三章"), _line_of("第四章")
CH2 = _line_of("第二章")


def _swapped_chapters() -> str:
    return "\n".join(LINES[: CH2 - 1] + LINES[CH3 - 1 : CH4 - 1] + LINES[CH2 - 1 : CH3 - 1] + LINES[CH4 - 1 :])


@pytest.fixture
def out_dir(tmp_path):
    out = tmp_path / "docs"
    out.mkdir()
    (out / "previous.md").write_text("the previous build\n", encoding="utf-8")
    return out


def reject(source: Path, out_dir: Path, capsys) -> str:
    """Convert ``source``; it must fail with one line on stderr, exit 1, no traceback, output untouched."""
    code = main(["convert", "--source", str(source), "--out", str(out_dir)])
    captured = capsys.readouterr()
    err = captured.err.strip()
    assert code == 1, captured.out
    assert "Traceback" not in err
    assert "\n" not in err, f"more than one line: {err}"
    assert err.startswith(f"error: {source}:"), err
    assert " — " in err, f"no fix named: {err}"
    # Nothing lost or half-written.
    assert [p.name for p in out_dir.iterdir()] == ["previous.md"]
    assert (out_dir / "previous.md").read_text(encoding="utf-8") == "the previous build\n"
    assert sorted(p.name for p in out_dir.parent.iterdir() if p != source) == ["docs"]  # no temporary tree left
    return err


def located(err: str) -> re.Match:
    m = ERROR_FORMAT.match(err)
    assert m, f"not in file:line:col form: {err}"
    assert m["fix"]
    return m


def reject_text(text: str | bytes, tmp_path: Path, out_dir: Path, capsys) -> re.Match:
    source = tmp_path / "bad.txt"
    source.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    m = located(reject(source, out_dir, capsys))
    assert m["path"] == str(source)
    return m


# --------------------------------------------------------------------------- encodings and structure

CASES = {
    # name: (file bytes, expected line or None, words the message must contain)
    "empty": (b"", None, "empty"),
    "blank": (b"\n\n  \n", None, "empty"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), 3, "binary"),  # the first NUL is on line 3
    "gbk": (RAW_TEXT.replace("?", "").encode("gb18030", errors="replace"), 1, "UTF-8"),
    "utf16": (RAW_TEXT.encode("utf-16"), 1, "UTF-16"),
    "cut inside a character": (RAW_TEXT.encode()[:-1], len(LINES), "cut short"),
    "missing chapter": (_without_lines(CH3, CH4 - 1).encode(), CH3, "第三章"),
    "chapters out of order": (_swapped_chapters().encode(), CH2, "out of order"),
    "duplicated section": (
        _replace_line(_line_of("第二節 基本原則"), "第二節", "第一節").encode(),
        _line_of("第二節 基本原則"),
        "duplicated",
    ),
    "skipped section": (
        _replace_line(_line_of("第二節 打造都市圈"), "第二節", "第三節").encode(),
        _line_of("第二節 打造都市圈"),
        "skipped",
    ),
    "wrong title": (_replace_line(CH3, "推進", "推动").encode(), CH3, "expected"),
    "missing paragraph": (_without_lines(63, 64).encode(), 73 - 2, "第一章第三节 ends before this heading after 6 of its 7"),
    "unknown corruption": (_replace_line(111, "統籌布局", "統籌\ue123布局").encode(), 111, "U+E123"),
    "stray question mark": (_replace_line(39, "都市圈位于", "都市圈?位于").encode(), 39, "'?'"),
    "latin glued to text": (_replace_line(39, "都市圈位于", "都市圈abc位于").encode(), 39, "'abc'"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_is_rejected_with_a_located_error(name, tmp_path, out_dir, capsys):
    content, line, words = CASES[name]
    source = tmp_path / "bad.txt"
    source.write_bytes(content)
    err = reject(source, out_dir, capsys)
    if line:
        m = located(err)
        assert int(m["line"]) == line, err
    assert words in err


def test_debug_shows_the_traceback(tmp_path):
    source = tmp_path / "empty.txt"
    source.write_bytes(b"")
    with pytest.raises(PipelineError):
        main(["--debug", "convert", "--source", str(source), "--out", str(tmp_path / "docs")])


def test_bom_and_crlf_give_the_same_output(tmp_path, capsys):
    variants = {
        "plain": RAW_TEXT.encode(),
        "bom": b"\xef\xbb\xbf" + RAW_TEXT.encode(),
        "crlf": RAW_TEXT.replace("\n", "\r\n").encode(),
        "bom+crlf": b"\xef\xbb\xbf" + RAW_TEXT.replace("\n", "\r\n").encode(),
    }
    outputs = {}
    for name, content in variants.items():
        source = tmp_path / f"{name}.txt"
        source.write_bytes(content)
        out = tmp_path / f"out-{name}"
        assert main(["convert", "--source", str(source), "--out", str(out)]) == 0
        outputs[name] = {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    capsys.readouterr()
    assert outputs["bom"] == outputs["plain"]
    assert outputs["crlf"] == outputs["plain"]
    assert outputs["bom+crlf"] == outputs["plain"]
    assert len(outputs["plain"]) >= 24


def test_html_in_the_source_is_text(tmp_path, capsys):
    hostile = "<script>alert(1)</script> &amp; <b onclick=x()>粗</b> **星** [链](http://x) {: #x }。"
    line = LINES[38]  # chapter 1's introduction
    text = RAW_TEXT.replace(line, "    " + hostile + line.strip(), 1)
    source = tmp_path / "html.txt"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["convert", "--source", str(source), "--out", str(out)]) == 0
    capsys.readouterr()
    page = (out / "zh-Hans" / "ch01.md").read_text(encoding="utf-8")
    assert "<script>" not in page and "onclick" not in page.replace("onclick=x", "")
    body = page.split("-->", 1)[1]
    html = markdown.markdown(body, extensions=["attr_list", "md_in_html", "toc"])

    assert "<script" not in html and "<b " not in html and 'href="http://x"' not in html
    # The paragraph reads exactly as the model holds it (entities decoded by the browser).
    from tools.pipeline import convert_file

    intro = convert_file(source).simplified.chapters[0].intro[0].text
    assert intro.startswith("<script>alert(1)</script> &amp")
    visible = htmllib.unescape(re.sub(r"<[^>]+>", "", html))
    assert intro + " ¶" in visible.split("\n")


# --------------------------------------------------------------------------- invisible characters

# Unicode general category Cf (format characters) and the separators Zl, Zp:
# literal names from the Unicode character database, one line each.
INVISIBLE = {
    "\u200b": "U+200B ZERO WIDTH SPACE",
    "\u200c": "U+200C ZERO WIDTH NON-JOINER",
    "\u200d": "U+200D ZERO WIDTH JOINER",
    "\u2060": "U+2060 WORD JOINER",
    "\u00ad": "U+00AD SOFT HYPHEN",
    "\ufeff": "U+FEFF ZERO WIDTH NO-BREAK SPACE (byte order mark)",
    "\u200e": "U+200E LEFT-TO-RIGHT MARK",
    "\u202a": "U+202A LEFT-TO-RIGHT EMBEDDING",
    "\u202e": "U+202E RIGHT-TO-LEFT OVERRIDE",
    "\u2066": "U+2066 LEFT-TO-RIGHT ISOLATE",
    "\u2069": "U+2069 POP DIRECTIONAL ISOLATE",
    "\u2028": "U+2028 LINE SEPARATOR",
    "\U000e0041": "U+E0041 TAG LATIN CAPITAL LETTER A",
}


@pytest.mark.parametrize("char", list(INVISIBLE), ids=[name.split()[0] for name in INVISIBLE.values()])
def test_invisible_characters_are_refused_where_they_are(char, tmp_path, out_dir, capsys):
    # Line 39 is "    青島都市圈位于山東半島…": the character goes after 青島都市圈,
    # column 4 (indent) + 5 + 1 = 10.
    m = reject_text(_replace_line(39, "青島都市圈位于", "青島都市圈" + char + "位于"), tmp_path, out_dir, capsys)
    assert (int(m["line"]), int(m["col"])) == (39, 10)
    assert m["what"] == f"invisible character {INVISIBLE[char]}"
    assert "delete it" in m["fix"]


def test_every_invisible_character_is_counted_and_the_first_located(tmp_path, out_dir, capsys):
    # A BOM in mid-file (two files pasted together) and soft hyphens on two later lines.
    text = _replace_line(111, "統籌布局", "統籌\u00ad布局")
    text = text.replace(LINES[38], LINES[38] + "\ufeff", 1).replace(LINES[190], "\u00ad" + LINES[190], 1)
    m = reject_text(text, tmp_path, out_dir, capsys)
    assert (int(m["line"]), int(m["col"])) == (39, len(LINES[38]) + 1)
    assert m["what"] == "invisible character U+FEFF ZERO WIDTH NO-BREAK SPACE (byte order mark) (and 2 more, on lines 111, 191)"


def test_the_fix_the_message_gives_works(tmp_path):
    # The perl one-liner in the hint deletes exactly the invisible characters.
    if not shutil.which("perl"):
        pytest.skip("no perl")
    from tools.text.load import decode_source

    path = tmp_path / "bad.txt"
    path.write_text(RAW_TEXT.replace("青島都市圈", "青島\u200b都市\u00ad圈\u202e", 1) + "\u2028", encoding="utf-8")
    with pytest.raises(PipelineError) as info:
        decode_source(path.read_bytes(), path)
    command = re.search(r"perl .* FILE", info.value.hint).group().replace("FILE", str(path))
    assert os.system(command) == 0
    assert path.read_text(encoding="utf-8") == RAW_TEXT


def test_the_bundled_source_and_data_hold_no_invisible_characters():
    # Read with unicodedata directly, not with the pipeline's check.
    for path in [RAW, *sorted(SOURCE.rglob("*.yml")), *sorted(SOURCE.rglob("*.tsv"))]:
        text = path.read_text(encoding="utf-8")
        assert [ch for ch in set(text) if unicodedata.category(ch) in ("Cf", "Zl", "Zp")] == [], path


def test_invisible_characters_in_a_curated_file_are_located(tmp_path):
    path = tmp_path / "see-also.yml"
    path.write_text("- id: x\n  label: 标\u200b签\n", encoding="utf-8")
    with pytest.raises(PipelineError) as info:
        crossref.load_see_also(path)
    err = info.value
    assert (err.path, err.line, err.column) == (path, 2, 11)
    assert "U+200B ZERO WIDTH SPACE" in err.message


# --------------------------------------------------------------------------- the page chrome and truncation


def _normalised_tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root``, with the value of the ``source_sha256`` field blanked."""
    files = {}
    for p in sorted(root.rglob("*")):
        if p.is_file():
            files[p.relative_to(root).as_posix()] = re.sub(rb'(source_sha256"?: "?)[0-9a-f]{64}', rb"\1-", p.read_bytes())
    return files


def test_a_clean_copy_without_the_page_chrome_gives_the_same_pages(tmp_path, capsys):
    # Lines 301, 303 and 304 of the bundled source are the page chrome (掃一掃…, 分享, 相關報道).
    assert [LINES[i - 1].strip() for i in (301, 303, 304)] == ["掃一掃在手機打開(kāi)當前頁(yè)", "分享", "相關(guān)報道"]
    clean = "\n".join(line for i, line in enumerate(LINES, 1) if i not in (301, 303, 304))
    source = tmp_path / "clean.txt"
    source.write_text(clean, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["convert", "--source", str(source), "--out", str(out)]) == 0
    assert "strip_junk_lines         ×1" in capsys.readouterr().out  # the spam line only
    digest = hashlib.sha256(clean.encode("utf-8")).hexdigest()
    bundled = hashlib.sha256(RAW.read_bytes()).hexdigest()
    pages = sorted(out.rglob("*.md"))
    assert len(pages) >= 24
    for page in pages:  # every page names the source it was built from
        assert f"source_sha256: {digest}" in page.read_text(encoding="utf-8"), page
        assert f"source_sha256: {bundled}" in (DOCS / page.relative_to(out)).read_text(encoding="utf-8"), page
    assert _normalised_tree(out) == _normalised_tree(DOCS)


TRUNCATED = {
    # name: (kept text, where the message says the plan stops)
    "inside a section": (_first_lines(65), "the plan stops inside 第一章第三节: 4 of 7 paragraphs"),
    "after a chapter": (RAW_TEXT[: RAW_TEXT.index("第五章")], "the plan stops after 第四章"),
    "after a chapter heading": (_first_lines(286), "the plan stops inside 第十章引言: 0 of 1 paragraph"),
    "before the last sentence": (
        RAW_TEXT[: RAW_TEXT.index("發(fā)展研究。") + len("發(fā)展研究。")],
        "the plan stops before its last sentence: 第十章第三节第1段 should end with",
    ),
}


@pytest.mark.parametrize("name", list(TRUNCATED))
def test_truncation_is_reported_at_the_last_line_with_what_is_missing(name, tmp_path, out_dir, capsys):
    text, where = TRUNCATED[name]
    m = reject_text(text, tmp_path, out_dir, capsys)
    last = max(i for i, line in enumerate(text.split("\n"), 1) if line.strip())
    raw_line = text.split("\n")[last - 1]
    assert (int(m["line"]), int(m["col"])) == (last, len(raw_line.rstrip()))  # the last character of the text
    assert m["what"].startswith(where), m["what"]
    assert LAST_SENTENCE in m["what"]
    assert "truncated" in m["fix"]


def test_a_cut_mid_sentence_is_reported_at_the_raw_column(tmp_path, out_dir, capsys):
    # Line 291 starts "    認真貫徹落實(shí)習近平新時(shí)代中國…"; cut after 代:
    # indent 1–4, 認5 真6 貫7 徹8 落9 實10, (shí) 11–15, 習16 近17 平18 新19 時20,
    # (shí) 21–25, 代26. Without the annotations 代 would be at column 16.
    text = _first_lines(290) + LINES[290][: LINES[290].index("代") + 1]
    m = reject_text(text, tmp_path, out_dir, capsys)
    assert (int(m["line"]), int(m["col"])) == (291, 26)
    assert m["what"].startswith("the plan stops mid-sentence in 第十章第一节第1段")


# --------------------------------------------------------------------------- repeated text


def test_a_second_copy_is_diagnosed_as_repeated_text(tmp_path, out_dir, capsys):
    m = reject_text(RAW_TEXT + "\n" + RAW_TEXT, tmp_path, out_dir, capsys)
    assert (int(m["line"]), int(m["col"])) == (305, 1)  # the copy's first line, the spam line
    assert m["what"] == "repeated text: lines 305–608 repeat lines 1–304"
    assert "erratum" not in m["what"]


def test_a_chapter_repeated_after_the_chrome_is_repeated_text(tmp_path, out_dir, capsys):
    # Lines 285–299 (第十章) pasted again after the page chrome, from line 305.
    m = reject_text(RAW_TEXT + "\n" + "\n".join(LINES[284:299]), tmp_path, out_dir, capsys)
    assert (int(m["line"]), int(m["col"])) == (305, 5)
    assert m["what"] == "repeated text: lines 305–319 repeat lines 285–299"


def test_the_last_paragraph_twice_is_repeated_text(tmp_path, out_dir, capsys):
    lines = list(LINES)
    lines[299] = lines[298]  # line 300, blank, becomes a copy of line 299
    m = reject_text("\n".join(lines), tmp_path, out_dir, capsys)
    assert (int(m["line"]), int(m["col"])) == (300, 5)
    assert m["what"] == "repeated text: line 300 repeats line 299"


def test_a_short_repeat_after_the_end_is_repeated_text(tmp_path, out_dir, capsys):
    # Too short for the line check (the heading 第十章 保障措施): the parser knows the plan has ended.
    clean = _first_lines(300)
    m = reject_text(clean + LINES[284] + "\n", tmp_path, out_dir, capsys)
    assert (int(m["line"]), int(m["col"])) == (301, 5)
    assert m["what"] == "repeated text after the end of the plan (which ends on line 299): the same as line 285"


def test_other_text_after_the_end_is_named(tmp_path, out_dir, capsys):
    # After the plan and before the page chrome: the chrome is then not at the end, and not removed.
    lines = list(LINES)
    lines[299] = "    附件：青岛都市圈范围示意图"
    m = reject_text("\n".join(lines), tmp_path, out_dir, capsys)
    assert (int(m["line"]), int(m["col"])) == (300, 5)
    assert m["what"] == "text after the end of the plan (which ends on line 299)"
    assert "delete everything after the plan's last paragraph" in m["fix"]


# --------------------------------------------------------------------------- positions in the raw file


def test_a_mismatch_in_the_metadata_is_located_at_the_raw_column(tmp_path, out_dir, capsys):
    # Line 9 is "    發(fā)布機關(guān): 山東省人民政府" (the second metadata copy):
    # indent 1–4, 發5, (fā) 6–9, 布10 機11 關12, (guān) 13–18, :19, space 20, 山21.
    # After cleaning (發布機關： 山…) the value would start at column 11.
    m = reject_text(_replace_line(9, "山東省人民政府", "山東省人民政協"), tmp_path, out_dir, capsys)
    assert (int(m["line"]), int(m["col"])) == (9, 21)
    assert "the second metadata copy gives 发布机关 = '山东省人民政协'" in m["what"]


def test_a_broken_paragraph_is_located_at_the_raw_column(tmp_path, out_dir, capsys):
    # The only paragraph of 第十章第一节 (line 291) replaced by a line full of
    # annotations that lost its full stop: indent 1–4, 發5, (fā) 6–9, 展10,
    # (zhǎn) 11–16, 規17, (guī) 18–22, 劃23, (huà) 24–28, 實29, (shí) 30–34,
    # 施35, (shī) 36–40. The last character of the text is 施, raw column 35
    # (column 10 once the annotations are gone).
    lines = list(LINES)
    lines[290] = "    發(fā)展(zhǎn)規(guī)劃(huà)實(shí)施(shī)"
    m = reject_text("\n".join(lines), tmp_path, out_dir, capsys)
    assert (int(m["line"]), int(m["col"])) == (291, 35)
    assert m["what"] == "paragraph 第十章第一节第1段 ends with '施', not with a full stop"


# --------------------------------------------------------------------------- the source path


def _unreadable(path: Path, monkeypatch) -> Path:
    """Make ``path`` unreadable: as root, chmod is not enough, so reading it raises PermissionError."""
    path.write_text(RAW_TEXT, encoding="utf-8")
    real = Path.read_bytes

    def read_bytes(self):
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    return path


def _pipe(where: Path, monkeypatch) -> Path:
    fifo = where / "fifo"
    os.mkfifo(fifo)
    # Were the pipe read, reading would wait for a writer: this one feeds it the
    # plan, so a regression fails the test (the conversion succeeds) instead of hanging it.
    threading.Thread(target=lambda: fifo.write_bytes(RAW.read_bytes()), daemon=True).start()
    return fifo


PATHS = {
    # name: (make the path, words of the message)
    "missing": (lambda tmp, mp: tmp / "nowhere.txt", "no such file — check the path"),
    "a folder": (lambda tmp, mp: tmp, "this is a folder, not a file — give the path of the raw text file itself"),
    "inside a file": (lambda tmp, mp: RAW / "x.txt", "a part of this path is a file, not a folder"),
    "a pipe": (_pipe, "not a regular file"),
    "unreadable": (lambda tmp, mp: _unreadable(tmp / "locked.txt", mp), "permission denied"),
}


@pytest.mark.parametrize("name", list(PATHS))
def test_a_source_path_that_cannot_be_read_is_one_line(name, tmp_path, monkeypatch, capsys):
    make, words = PATHS[name]
    where = tmp_path / "in"
    where.mkdir()
    source = make(where, monkeypatch)
    out = tmp_path / "out"
    out.mkdir()
    (out / "previous.md").write_text("the previous build\n", encoding="utf-8")
    code = main(["convert", "--source", str(source), "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"error: {source}: ")
    assert words in err
    assert [p.name for p in out.iterdir()] == ["previous.md"]


# --------------------------------------------------------------------------- curated files

# Each: the file, the text replaced in a copy, its replacement, the field the
# message must name, and the loader. The expected line is where the
# replacement sits in the copy, found by reading the copy.
CURATED = {
    "errata: lost lead byte not hex": ("errata.yml", 'lost_lead: "87"', 'lost_lead: "8Z"', "lost_lead", data.errata),
    "errata: repaired not what the bytes say": (
        "errata.yml",
        "repaired: 國內外客貨運",
        "repaired: 國內外客運",
        "repaired",
        data.errata,
    ),
    "errata: raw not fragment + garbled": (
        "errata.yml",
        'raw: "?tīng)幾h"',
        'raw: "?tīng)幾"',
        "raw",
        data.errata,
    ),
    "removals: line not a number": ("removals.yml", "raw_line: 303", "raw_line: three", "raw_line", data.removals),
    "removals: empty reason": ("removals.yml", "reason: page chrome (share button)", 'reason: ""', "reason", data.removals),
    "manifest: a count missing": ("manifest.yml", "paragraphs: [1, 5, 7]", "paragraphs: [1, 5]", "paragraphs", data.manifest),
    "manifest: two last sentences": (
        "manifest.yml",
        "last_sentence: 充分利用",
        "last_sentence: 发展研究。充分利用",
        "last_sentence",
        data.manifest,
    ),
    "manifest: label without ?": (
        "manifest.yml",
        'label_placeholders: ["索?引?號"',
        'label_placeholders: ["索引號"',
        "label_placeholders",
        data.manifest,
    ),
    "provenance: short digest": (
        "provenance.yml",
        "sha256: e7dd412658e5080d41e25306b9a9f3e7102f95fbf4e7914d6c6ba20376a7ce88",
        "sha256: e7dd4126",
        "sha256",
        data.provenance,
    ),
    "provenance: impossible date": (
        "provenance.yml",
        "date_written: 2023-10-06",
        "date_written: 2023-13-06",
        "date_written",
        data.provenance,
    ),
    "provenance: official_url not https": (
        "provenance.yml",
        "official_url:\n",
        "official_url: http://www.shandong.gov.cn/art/2023/10/13/art_1.html\n",
        "official_url",
        data.provenance,
    ),
    "provenance: official_url not an address": (
        "provenance.yml",
        "official_url:\n",
        "official_url: 山东省人民政府网站\n",
        "official_url",
        data.provenance,
    ),
    "lead sentences: not an anchor": ("lead-sentences.tsv", "p1-2-1\t", "p1-2-x\t", "paragraph", data.lead_sentences),
    "t2s: count not a number": ("overrides/t2s.tsv", "\t1\t", "\tone\t", "count", data.overrides),
    "s2tw: correct of another length": ("overrides/s2tw.tsv", "\t內生發展\t", "\t內生發\t", "correct", data.overrides),
    "glossary: home not an anchor": ("glossary.yml", "home: s1-1", "home: 第一章", "home", glossary.load),
    "glossary-ignore: empty reason": (
        "glossary-ignore.yml",
        "  reason: plain words (street-side green space), listed with 口袋公园 as kinds of small green space",
        '  reason: ""',
        "reason",
        glossary.load_ignore,
    ),
    "places: id not ASCII": ("places.yml", "id: qingdao\n", "id: 青岛\n", "id", crossref.load_places),
    "see-also: source not a paragraph": ("see-also.yml", "source: p1-3-1", "source: s1-3", "source", crossref.load_see_also),
}


def _malformed_copy(tmp_path: Path, name: str, old: str, new: str) -> tuple[Path, int]:
    original = (SOURCE / name).read_text(encoding="utf-8")
    assert old in original, f"{old!r} not in {name}"
    text = original.replace(old, new, 1)
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    if name == "provenance.yml":  # it names the raw file beside it
        (tmp_path / RAW.name).symlink_to(RAW)
    line = text[: text.index(new)].count("\n") + 1
    return path, line


@pytest.mark.parametrize("case", list(CURATED))
def test_a_malformed_curated_value_names_file_line_field_and_fix(case, tmp_path):
    name, old, new, field, loader = CURATED[case]
    path, line = _malformed_copy(tmp_path, name, old, new)
    with pytest.raises(PipelineError) as info:
        loader(path)
    err = info.value
    assert err.path == path
    assert err.line == line, str(err)
    assert field in err.message
    assert err.hint, "no fix named"
    assert str(err).startswith(f"{path}:{line}:")


def test_a_malformed_curated_file_stops_the_build_in_one_line(tmp_path, out_dir, monkeypatch, capsys):
    path, line = _malformed_copy(tmp_path, "errata.yml", 'lost_lead: "87"', 'lost_lead: "8Z"')
    load_errata = data.errata
    monkeypatch.setattr(data, "errata", lambda: load_errata(path))
    code = main(["convert", "--out", str(out_dir)])
    err = capsys.readouterr().err.strip()
    assert code == 1 and "Traceback" not in err and "\n" not in err
    assert err.startswith(f"error: {path}:{line}:") and "lost_lead" in err and " — " in err
    assert [p.name for p in out_dir.iterdir()] == ["previous.md"]


def test_a_key_given_twice_is_an_error(tmp_path):
    path = tmp_path / "see-also.yml"
    path.write_text("- id: x\n  source: p1-3-1\n  source: p1-3-2\n", encoding="utf-8")
    with pytest.raises(PipelineError) as info:
        crossref.load_see_also(path)
    assert (info.value.line, info.value.column) == (3, 3)
    assert "'source' appears twice" in info.value.message
