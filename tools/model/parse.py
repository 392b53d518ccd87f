"""Stage 6 — parse: the cleaned Simplified text into a :class:`~tools.model.Document`.

The text keeps the raw file's line numbers (removed lines were blanked), so
every structural error points at the raw source. The hierarchy is an ordered
list of patterns, checked against ``source/manifest.yml``: numbering must run
on without gaps or repeats, titles must match, every chapter introduction and
section must hold the number of paragraphs the manifest records, and the plan
must end with its last sentence. So a text cut short is told from a complete
one without the page chrome, and reported at its last line with what is
missing; text after the plan's last paragraph is an error. Errors are located
in the cleaned Simplified text; the pipeline moves them to the raw file's
line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from itertools import zip_longest
from typing import TYPE_CHECKING

from ..errors import PipelineError
from . import (
    Chapter,
    Document,
    Field,
    Notice,
    Paragraph,
    Section,
    chapter_label,
    citation,
    section_label,
)
from .numerals import parse_numeral

if TYPE_CHECKING:  # the structure comes from tools.data (source/manifest.yml), which passes it in
    from ..data.source import Manifest

NUMERAL = "[一二三四五六七八九十]+"
# The document hierarchy, outermost first (LawRefBook style).
LEVELS = (
    ("chapter", re.compile(f"^第({NUMERAL})章\\s+(\\S.*)$")),
    ("section", re.compile(f"^第({NUMERAL})节\\s+(\\S.*)$")),
)
DOC_NUMBER = re.compile(r"^\S+〔\d{4}〕\d+号$")
DATE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")
# Metadata fields that hold an ISO date (YYYY-MM-DD).
DATE_FIELDS = ("date_written", "date_published")
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

    @property
    def end(self) -> int:
        """Column of the last non-blank character."""
        return self.column + len(self.text) - 1


TRUNCATED = "the file looks truncated: use the complete scrape (the page chrome after the plan may be left out)"


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
            raise PipelineError(f"the text ends where {what} was expected", TRUNCATED, None, last.number, last.end)
        self.pos += 1
        return line


def _error(line: Line, message: str, hint: str, column: int | None = None) -> PipelineError:
    """An error at ``line`` (at its first character, or at ``column``)."""
    return PipelineError(message, hint, None, line.number, line.column if column is None else column)


def _parse_metadata(reader: _Reader, manifest: Manifest) -> tuple[Field, ...]:
    labels = manifest.metadata_labels
    by_label = {label: key for key, label in labels.items()}
    pattern = re.compile("(" + "|".join(map(re.escape, labels.values())) + r")\s*[:：]\s*")
    first: dict[str, str] = {}
    second: dict[str, str] = {}
    where: dict[str, Line] = {}
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
                raise _error(
                    line,
                    f"metadata field {m.group(1)} appears a third time",
                    "the page prints the block twice at most",
                    line.column + m.start(),
                )
            target[key] = value
            where.setdefault(key, line)
            if target is second and first.get(key) != value:
                raise _error(
                    line,
                    f"the second metadata copy gives {m.group(1)} = {value!r}, the first {first.get(key)!r}",
                    "the two copies must agree; check the scrape",
                    line.column + m.end(),
                )
    if not first:  # the first line is not metadata
        raise _error(
            reader.lines[0],
            "no metadata block (索引号, 主题分类, …) at the top of the text",
            "use the complete scrape of the page",
        )
    missing = [labels[k] for k in labels if k not in first]
    if missing:
        line = reader.lines[max(reader.pos - 1, 0)]
        raise _error(line, f"the metadata block lacks {'、'.join(missing)}", "use the complete scrape of the page")
    for key in DATE_FIELDS:  # the 成文日期 dates every build (Document.written_epoch)
        try:
            date.fromisoformat(first[key])
        except ValueError:
            raise _error(
                where[key], f"{labels[key]} {first[key]!r} is not a date", "write it as the page does, YYYY-MM-DD"
            ) from None
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
    return Paragraph(
        chapter, section, number, line.text, lead_sentence(line.text), line.number, citation(chapter, section, number)
    )


def _paragraphs(n: int) -> str:
    return f"{n} paragraph{'' if n == 1 else 's'}"


class _Plan:
    """Reads the chapters against the manifest: titles, numbering and paragraph counts.

    The counts tell a complete plan from a truncated one without relying on
    the page chrome, a missing paragraph from a repeated one, and where the
    plan ends: any text after its last paragraph is an error.
    """

    def __init__(self, manifest: Manifest) -> None:
        self.manifest = manifest
        self.specs = manifest.chapters
        self.chapters: list[Chapter] = []
        self.heading: Line | None = None  # of the chapter being read
        self.number = 0
        self.intro: list[Paragraph] = []
        self.sections: list[Section] = []
        self.section_line: Line | None = None  # of the section being read
        self.section_title = ""
        self.paragraphs: list[Paragraph] = []
        self.seen: dict[str, int] = {}  # each line's text → the first line that held it
        self.last_paragraph = 0  # line of the last paragraph read

    # -- where the reader is

    def unit(self) -> tuple[int, int, int]:
        """(section number, 0 for the introduction; paragraphs read; paragraphs expected)."""
        spec = self.specs[self.number - 1]
        if self.section_line is None:
            return 0, len(self.intro), spec.intro
        n = len(self.sections) + 1
        return n, len(self.paragraphs), spec.paragraphs[n - 1]

    def complete(self) -> bool:
        """Has the whole plan been read: the last chapter's last part holds all its paragraphs?"""
        if self.heading is None or self.number != len(self.specs):
            return False
        section, read, expected = self.unit()
        return section == len(self.specs[-1].sections) and read == expected

    def expected_end(self) -> str:
        last = chapter_label(len(self.specs))
        return f"it should run to the end of {last}, whose last sentence is “{self.manifest.last_sentence}”"

    # -- closing a part, a section, a chapter

    def close_unit(self, at: Line) -> None:
        """A heading at ``at`` ends the introduction or section being read: all its paragraphs must be there."""
        if self.heading is None:
            return
        section, read, expected = self.unit()
        if read < expected:
            raise _error(
                at,
                f"{citation(self.number, section)} ends before this heading after {read} of its {_paragraphs(expected)}",
                "a paragraph is missing or two were joined in one line: use the complete scrape "
                "(if the document really has this many, correct the count in source/manifest.yml)",
            )

    def close_section(self) -> None:
        if self.section_line is None:
            return
        n = len(self.sections) + 1
        label = section_label(n)
        self.sections.append(Section(self.number, n, self.section_title, tuple(self.paragraphs), self.section_line.number, label))
        self.paragraphs, self.section_line = [], None

    def close_chapter(self, at: Line) -> None:
        if self.heading is None:
            return
        self.close_unit(at)
        self.close_section()
        spec = self.specs[self.number - 1]
        if len(self.sections) != len(spec.sections):  # fewer: a section beyond the manifest stopped the build already
            missing = "、".join(spec.sections[len(self.sections) :])
            raise _error(
                at,
                f"{chapter_label(self.number)} ends after {len(self.sections)} sections; "
                f"expected {len(spec.sections)} (missing {missing})",
                "a section heading is missing or the file is truncated",
            )
        label = chapter_label(self.number)
        chapter = Chapter(self.number, spec.title, tuple(self.intro), tuple(self.sections), self.heading.number, label)
        self.chapters.append(chapter)
        self.intro, self.sections, self.heading = [], [], None

    # -- one line

    def read(self, line: Line, is_last: bool) -> None:
        if self.complete():
            earlier = self.seen.get(line.text)
            raise _error(
                line,
                ("repeated text after the end of the plan" if earlier else "text after the end of the plan")
                + f" (which ends on line {self.last_paragraph})"
                + (f": the same as line {earlier}" if earlier else ""),
                "delete everything after the plan's last paragraph "
                "(only the complete page chrome may follow it, at the very end of the file)",
            )
        level = _level(line)
        if level and level[0] == "chapter":
            self.chapter_heading(line, level[1], level[2])
        elif level and level[0] == "section":
            self.section_heading(line, level[1], level[2])
        else:
            self.paragraph(line, is_last)
        self.seen.setdefault(line.text, line.number)

    def chapter_heading(self, line: Line, n: int, title: str) -> None:
        self.close_chapter(line)
        expected = len(self.chapters) + 1
        if n != expected:
            raise _error(
                line,
                f"chapters out of order: found {chapter_label(n)} where {chapter_label(expected)} was expected",
                "chapters must run 第一章 … 第十章 without gaps or repeats; check the scrape",
            )
        if title != self.specs[n - 1].title:
            raise _error(
                line,
                f"{chapter_label(n)} is titled {title!r}, expected {self.specs[n - 1].title!r}",
                "fix the text, or the title in source/manifest.yml if the document really says so",
            )
        self.heading, self.number = line, n

    def section_heading(self, line: Line, n: int, title: str) -> None:
        if self.heading is None:
            raise _error(line, "a section heading before the first chapter", "check the scrape")
        self.close_unit(line)
        self.close_section()
        expected = len(self.sections) + 1
        if n != expected:
            kind = "duplicated" if n < expected else "skipped"
            raise _error(
                line,
                f"{kind} section number in {chapter_label(self.number)}: found {section_label(n)} "
                f"where {section_label(expected)} was expected",
                "sections must be numbered 第一节, 第二节, … in each chapter; check the scrape",
            )
        spec = self.specs[self.number - 1]
        if n > len(spec.sections):
            raise _error(
                line, f"unexpected {section_label(n)}", f"the manifest lists {len(spec.sections)} sections for this chapter"
            )
        if title != spec.sections[n - 1]:
            raise _error(
                line,
                f"{section_label(n)} is titled {title!r}, expected {spec.sections[n - 1]!r}",
                "fix the text, or the title in source/manifest.yml if the document really says so",
            )
        self.section_line, self.section_title = line, title

    def paragraph(self, line: Line, is_last: bool) -> None:
        if self.heading is None:
            raise _error(line, "text before the first chapter heading", "the plan must start with 第一章")
        section, read, expected = self.unit()
        if read == expected:
            earlier = self.seen.get(line.text)
            if earlier:
                raise _error(
                    line,
                    f"repeated text: this paragraph is the same as line {earlier}, "
                    f"and {citation(self.number, section)} holds {_paragraphs(expected)}",
                    "delete the repeated paragraph",
                )
            raise _error(
                line,
                f"{citation(self.number, section)} has more than the {_paragraphs(expected)} the manifest records",
                "a paragraph was split in two lines or text was added: use the complete scrape "
                "(if the document really has more, correct the count in source/manifest.yml)",
            )
        cite = citation(self.number, section, read + 1)
        if line.text[-1] not in SENTENCE_END:
            if is_last:
                raise _error(line, f"the plan stops mid-sentence in {cite}; {self.expected_end()}", TRUNCATED, line.end)
            raise _error(
                line,
                f"paragraph {cite} ends with {line.text[-1]!r}, not with a full stop",
                "a line was broken in two: join it with the next one, or use the complete scrape",
                line.end,
            )
        (self.intro if section == 0 else self.paragraphs).append(_paragraph(self.number, section, read + 1, line))
        self.last_paragraph = line.number

    # -- the end of the text

    def finish(self, last: Line) -> tuple[Chapter, ...]:
        """The chapters, once the text has ended at ``last``; a plan cut short is reported there."""
        if not self.complete():
            if self.heading is None:
                where = "before 第一章"
            else:
                section, read, expected = self.unit()
                spec = self.specs[self.number - 1]
                if read < expected:
                    where = f"inside {citation(self.number, section)}: {read} of {_paragraphs(expected)}"
                elif section == len(spec.sections):
                    where = f"after {chapter_label(self.number)}"
                else:
                    where = f"after {citation(self.number, section)}"
            raise _error(last, f"the plan stops {where}; {self.expected_end()}", TRUNCATED, last.end)
        self.close_chapter(last)
        final = self.chapters[-1].sections[-1].paragraphs[-1] if self.chapters[-1].sections else self.chapters[-1].intro[-1]
        if not final.text.endswith(self.manifest.last_sentence):
            raise _error(
                last,
                f"the plan stops before its last sentence: {final.citation} should end with “{self.manifest.last_sentence}”",
                TRUNCATED + "; if the document really ends otherwise, correct last_sentence in source/manifest.yml",
                last.end,
            )
        return tuple(self.chapters)


def _parse_chapters(reader: _Reader, manifest: Manifest) -> tuple[Chapter, ...]:
    plan = _Plan(manifest)
    while (line := reader.peek()) is not None:
        reader.skip()
        plan.read(line, reader.peek() is None)
    return plan.finish(reader.lines[-1])


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
