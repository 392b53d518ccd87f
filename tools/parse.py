"""Stage 6 — parse: the cleaned Simplified text into a :class:`~tools.model.Document`.

The text keeps the raw file's line numbers (removed lines were blanked), so
every structural error points at the raw source. The hierarchy is an ordered
list of patterns, checked against ``source/manifest.yml``: numbering must run
on without gaps or repeats, titles must match, and every chapter and section
must hold text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import zip_longest

from .data import Manifest
from .errors import PipelineError
from .model import Chapter, Document, Field, Notice, Paragraph, Section, chinese_numeral, citation, parse_numeral

NUMERAL = "[一二三四五六七八九十]+"
# The document hierarchy, outermost first (LawRefBook style).
LEVELS = (
    ("chapter", re.compile(f"^第({NUMERAL})章\\s+(\\S.*)$")),
    ("section", re.compile(f"^第({NUMERAL})节\\s+(\\S.*)$")),
)
DOC_NUMBER = re.compile(r"^\S+〔\d{4}〕\d+号$")
DATE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")
NOTE = re.compile(r"^（.+）$")
SENTENCE_END = "。；！？"

# A lead sentence is the paragraph's first sentence when it is this short. The
# longest lead sentence in the plan has 14 characters; the shortest ordinary
# first sentence has 23 (第七章第二节第1段). tests/test_parse.py checks the
# rule against source/lead-sentences.tsv, the curated list of every lead.
LEAD_MAX = 16


def lead_sentence(text: str) -> str:
    """The lead sentence that opens ``text``, or ``""``.

    >>> lead_sentence("尊重规律，同城融合。遵循城镇化发展规律。")
    '尊重规律，同城融合。'
    >>> lead_sentence("统筹优化医疗卫生资源配置，持续提升人民健康水平。建立……")
    ''
    """
    end = text.find("。")
    if end < 0 or end + 1 >= len(text):
        return ""
    first = text[: end + 1]
    return first if len(first) - 1 <= LEAD_MAX else ""


@dataclass(frozen=True)
class Line:
    number: int  # 1-based line in the raw source
    column: int  # 1-based column of the first non-blank character
    text: str


def _lines(text: str) -> list[Line]:
    result = []
    for i, raw in enumerate(text.split("\n"), 1):
        stripped = raw.strip()
        if stripped:
            result.append(Line(i, len(raw) - len(raw.lstrip()) + 1, stripped))
    return result


class _Reader:
    """The non-blank lines, read one at a time; ``lines`` is never empty (:func:`parse_document` checks)."""

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self.pos = 0

    def peek(self) -> Line | None:
        return self.lines[self.pos] if self.pos < len(self.lines) else None

    def skip(self) -> None:
        """Move past the line :meth:`peek` gave."""
        self.pos += 1

    def take(self, what: str) -> Line:
        """The next line, or an error at the last line saying that ``what`` was expected there."""
        line = self.peek()
        if line is None:
            last = self.lines[-1]
            raise PipelineError(
                f"the text ends where {what} was expected",
                "the file looks truncated; use the complete scrape",
                None,
                last.number,
                1,
            )
        self.pos += 1
        return line


def _error(line: Line, message: str, hint: str) -> PipelineError:
    return PipelineError(message, hint, None, line.number, line.column)


def _parse_metadata(reader: _Reader, manifest: Manifest) -> tuple[Field, ...]:
    labels = manifest.metadata_labels
    by_label = {label: key for key, label in labels.items()}
    pattern = re.compile("(" + "|".join(map(re.escape, labels.values())) + r")\s*[:：]\s*")
    first: dict[str, str] = {}
    second: dict[str, str] = {}
    while (line := reader.peek()) is not None:
        matches = list(pattern.finditer(line.text))
        if not matches or matches[0].start() != 0:
            break
        reader.skip()
        for m, nxt in zip_longest(matches, matches[1:]):
            value = line.text[m.end() : nxt.start() if nxt else len(line.text)].strip()
            key = by_label[m.group(1)]
            target = second if key in first or second else first
            if key in target:
                raise _error(line, f"metadata field {m.group(1)} appears a third time", "the page prints the block twice at most")
            target[key] = value
            if target is second and first.get(key) != value:
                raise _error(
                    line,
                    f"the second metadata copy gives {m.group(1)} = {value!r}, the first {first.get(key)!r}",
                    "the two copies must agree; check the scrape",
                )
    if not first:  # the first line is not metadata
        raise _error(
            reader.lines[0],
            "no metadata block (索引号, 主题分类, …) at the top of the text",
            "use the complete scrape of the page",
        )
    missing = [labels[k] for k in labels if k not in first]
    if missing:
        raise _error(
            reader.lines[reader.pos - 1], f"the metadata block lacks {'、'.join(missing)}", "use the complete scrape of the page"
        )
    return tuple(Field(key, labels[key], first[key]) for key in first)


def _parse_notice(reader: _Reader, issuing_body: str) -> Notice:
    issuer = reader.take("the notice's issuer").text
    title = reader.take("the notice's title")
    if not title.text.endswith("通知"):
        raise _error(title, f"expected the notice title (关于…的通知), found {title.text!r}", "check the start of the notice")
    number = reader.take("the document number")
    if not DOC_NUMBER.match(number.text):
        raise _error(
            number, f"expected the document number (鲁政字〔2023〕168号), found {number.text!r}", "check the notice heading"
        )
    addressees = reader.take("the addressees")
    if not addressees.text.endswith("："):
        raise _error(addressees, "expected the addressees, ending with ：", "check the notice")
    body: list[str] = []
    while (line := reader.take("the notice's signature")).text != issuing_body:
        body.append(line.text)
    if not body:
        raise _error(line, "the notice has no body", "check the notice")
    date = reader.take("the notice's date")
    if not DATE.match(date.text):
        raise _error(date, f"expected the date (2023年10月6日), found {date.text!r}", "check the end of the notice")
    note = reader.take("the publication note")
    if not NOTE.match(note.text):
        raise _error(
            note, f"expected the publication note (（此件公开发布）), found {note.text!r}", "check the end of the notice"
        )
    return Notice(issuer, title.text, number.text, addressees.text, tuple(body), line.text, date.text, note.text)


def _level(line: Line) -> tuple[str, int, str] | None:
    for name, pattern in LEVELS:
        m = pattern.match(line.text)
        if m:
            try:
                number = parse_numeral(m.group(1))
            except ValueError:
                raise _error(
                    line,
                    f"the heading number {m.group(1)} is not written as the plan writes numbers",
                    "write it as 一 … 十, 十一 … 十九, 二十 …; check the scrape",
                ) from None
            return name, number, m.group(2).strip()
    return None


def _paragraph(chapter: int, section: int, number: int, line: Line) -> Paragraph:
    if line.text[-1] not in SENTENCE_END:
        raise _error(
            line,
            f"paragraph {chapter}-{section}-{number} ends with {line.text[-1]!r}, not with a full stop",
            "the file looks truncated or a line was broken; use the complete scrape",
        )
    return Paragraph(
        chapter, section, number, line.text, lead_sentence(line.text), line.number, citation(chapter, section, number)
    )


def _parse_chapters(reader: _Reader, manifest: Manifest) -> tuple[Chapter, ...]:
    specs = manifest.chapters
    chapters: list[Chapter] = []
    # Working state for the chapter being read.
    heading: Line | None = None
    number = 0
    intro: list[Paragraph] = []
    sections: list[Section] = []
    sec_line: Line | None = None
    sec_title = ""
    paras: list[Paragraph] = []

    def close_section() -> None:
        nonlocal paras, sec_line
        if sec_line is None:
            return
        if not paras:
            raise _error(sec_line, f"section {number}-{len(sections) + 1} has no text", "check the scrape around this heading")
        n = len(sections) + 1
        sections.append(Section(number, n, sec_title, tuple(paras), sec_line.number, f"第{chinese_numeral(n)}节"))
        paras, sec_line = [], None

    def close_chapter(at: Line) -> None:
        nonlocal intro, sections, heading
        if heading is None:
            return
        close_section()
        spec = specs[number - 1]
        if len(sections) != len(spec.sections):  # fewer: a section beyond the manifest stopped the build already
            missing = "、".join(spec.sections[len(sections) :])
            raise _error(
                at,
                f"{chinese_numeral_label(number, '章')} ends after {len(sections)} sections; "
                f"expected {len(spec.sections)} (missing {missing})",
                "a section heading is missing or the file is truncated",
            )
        if not intro:
            raise _error(heading, f"{chinese_numeral_label(number, '章')} has no introductory paragraph", "check the scrape")
        chapters.append(
            Chapter(
                number,
                specs[number - 1].title,
                tuple(intro),
                tuple(sections),
                heading.number,
                chinese_numeral_label(number, "章"),
            )
        )
        intro, sections, heading = [], [], None

    while (line := reader.peek()) is not None:
        reader.skip()
        level = _level(line)
        if level and level[0] == "chapter":
            _, n, title = level
            close_chapter(line)
            expected = len(chapters) + 1
            if n != expected:
                raise _error(
                    line,
                    f"chapters out of order: found {chinese_numeral_label(n, '章')} "
                    f"where {chinese_numeral_label(expected, '章')} was expected",
                    "chapters must run 第一章 … 第十章 without gaps or repeats; check the scrape",
                )
            if n > len(specs):
                raise _error(line, f"unexpected {chinese_numeral_label(n, '章')}", f"the manifest lists {len(specs)} chapters")
            if title != specs[n - 1].title:
                raise _error(
                    line,
                    f"{chinese_numeral_label(n, '章')} is titled {title!r}, expected {specs[n - 1].title!r}",
                    "fix the text, or the title in source/manifest.yml if the document really says so",
                )
            heading, number = line, n
        elif level and level[0] == "section":
            _, n, title = level
            if heading is None:
                raise _error(line, "a section heading before the first chapter", "check the scrape")
            close_section()
            expected = len(sections) + 1
            if n != expected:
                kind = "duplicated" if n < expected else "skipped"
                raise _error(
                    line,
                    f"{kind} section number in {chinese_numeral_label(number, '章')}: found 第{chinese_numeral(n)}节 "
                    f"where 第{chinese_numeral(expected)}节 was expected",
                    "sections must be numbered 第一节, 第二节, … in each chapter; check the scrape",
                )
            spec = specs[number - 1]
            if n > len(spec.sections):
                raise _error(
                    line,
                    f"unexpected 第{chinese_numeral(n)}节",
                    f"the manifest lists {len(spec.sections)} sections for this chapter",
                )
            if title != spec.sections[n - 1]:
                raise _error(
                    line,
                    f"第{chinese_numeral(n)}节 is titled {title!r}, expected {spec.sections[n - 1]!r}",
                    "fix the text, or the title in source/manifest.yml if the document really says so",
                )
            sec_line, sec_title = line, title
        else:
            if heading is None:
                raise _error(line, "text before the first chapter heading", "the plan must start with 第一章")
            if sec_line is None:
                intro.append(_paragraph(number, 0, len(intro) + 1, line))
            else:
                paras.append(_paragraph(number, len(sections) + 1, len(paras) + 1, line))
    last = reader.lines[-1]
    close_chapter(last)
    if len(chapters) != len(specs):
        raise _error(
            last,
            f"the plan ends after {len(chapters)} chapters; expected {len(specs)}",
            "the file looks truncated; use the complete scrape",
        )
    return tuple(chapters)


def chinese_numeral_label(n: int, unit: str) -> str:
    return f"第{chinese_numeral(n)}{unit}"


def parse_document(text: str, manifest: Manifest, source_sha256: str = "") -> Document:
    """Parse the cleaned Simplified text into a :class:`Document`."""
    lines = _lines(text)
    if not lines:
        raise PipelineError("no text left after cleaning", "use the complete scrape of the page", None, 1, 1)
    reader = _Reader(lines)
    metadata = _parse_metadata(reader, manifest)
    issuing_body = next(f.value for f in metadata if f.key == "issuing_body")
    notice = _parse_notice(reader, issuing_body)
    title = reader.take("the plan's title")
    if title.text != manifest.title:
        raise _error(
            title, f"expected the plan's title {manifest.title!r}, found {title.text!r}", "check the scrape after the notice"
        )
    chapters = _parse_chapters(reader, manifest)
    return Document(manifest.title, metadata, notice, chapters, source_sha256)
