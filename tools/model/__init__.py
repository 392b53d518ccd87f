"""The document model between parsing and rendering.

Identifiers come from the document's own numbering and are ASCII and the same
in both scripts: chapter ``ch3`` (file ``ch03.md``), section ``s3-1``,
paragraph ``p3-1-2`` (``p3-0-1`` is the chapter's introductory paragraph).
Converting a document between scripts (:meth:`Document.map_text`) changes text
fields only, never identifiers.
"""

from __future__ import annotations

import calendar
import dataclasses
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

NUMERALS = "零一二三四五六七八九十"
SECTION_WORD = {"zh-Hans": "节", "zh-Hant": "節"}  # 第一节 / 第一節


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 31 → 三十一 (as chapter numbers are written).

    >>> [chinese_numeral(n) for n in (1, 10, 12, 20, 31)]
    ['一', '十', '十二', '二十', '三十一']
    """
    if n <= 10:
        return NUMERALS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else NUMERALS[tens]) + "十" + (NUMERALS[ones] if ones else "")


def parse_numeral(text: str) -> int:
    """Inverse of :func:`chinese_numeral`; anything it does not write is a ``ValueError``.

    >>> [parse_numeral(t) for t in ("一", "十", "十二", "二十", "三十一")]
    [1, 10, 12, 20, 31]
    >>> parse_numeral("十十")
    Traceback (most recent call last):
    ValueError: not a numeral as the plan writes them: '十十'
    """
    n: int | None
    try:
        if "十" in text:
            tens, _, ones = text.partition("十")
            n = (NUMERALS.index(tens) if tens else 1) * 10 + (NUMERALS.index(ones) if ones else 0)
        else:
            n = NUMERALS.index(text)
    except ValueError:  # a character that is not a digit, or a digit where none belongs
        n = None
    if n is None or chinese_numeral(n) != text:
        raise ValueError(f"not a numeral as the plan writes them: {text!r}")
    return n


@dataclass(frozen=True)
class Paragraph:
    """One paragraph; ``section`` is 0 for a chapter's introduction."""

    chapter: int
    section: int
    number: int
    text: str
    lead: str = ""  # the lead sentence that opens ``text``, if any
    line: int = 0  # line in the raw source
    cite: str = ""  # how a reader cites it, in the document's script: 第三章第一节第2段

    @property
    def anchor(self) -> str:
        return f"p{self.chapter}-{self.section}-{self.number}"

    @property
    def rest(self) -> str:
        """The text after the lead sentence."""
        return self.text[len(self.lead) :]

    @property
    def citation(self) -> str:
        """How a reader cites it: 第三章第一节第2段, 第三章引言第1段 (第一節 in Traditional)."""
        return self.cite or citation(self.chapter, self.section, self.number)


def citation(chapter: int, section: int, number: int | None = None, script: str = "zh-Hans") -> str:
    """How a reader cites a paragraph (or, without ``number``, a section).

    >>> citation(3, 1, 2), citation(3, 0, 1), citation(2, 2, script="zh-Hant")
    ('第三章第一节第2段', '第三章引言第1段', '第二章第二節')
    """
    where = f"第{chinese_numeral(section)}{SECTION_WORD[script]}" if section else "引言"
    return f"第{chinese_numeral(chapter)}章{where}" + (f"第{number}段" if number is not None else "")


@dataclass(frozen=True)
class Section:
    chapter: int
    number: int
    title: str
    paragraphs: tuple[Paragraph, ...]
    line: int = 0
    label: str = ""  # 第一节 / 第一節, as the document's script writes it

    @property
    def anchor(self) -> str:
        return f"s{self.chapter}-{self.number}"

    @property
    def heading(self) -> str:
        return f"{self.label} {self.title}"


@dataclass(frozen=True)
class Chapter:
    number: int
    title: str
    intro: tuple[Paragraph, ...]
    sections: tuple[Section, ...]
    line: int = 0
    label: str = ""  # 第三章

    @property
    def anchor(self) -> str:
        return f"ch{self.number}"

    @property
    def slug(self) -> str:
        """File stem of the chapter page: ``ch03``."""
        return f"ch{self.number:02d}"

    @property
    def heading(self) -> str:
        return f"{self.label} {self.title}"

    def paragraphs(self) -> Iterator[Paragraph]:
        yield from self.intro
        for section in self.sections:
            yield from section.paragraphs


@dataclass(frozen=True)
class Field:
    """One metadata field: key (ASCII), label and value as printed."""

    key: str
    label: str
    value: str


@dataclass(frozen=True)
class Notice:
    """The issuing notice (通知) that precedes the plan."""

    issuer: str  # 山东省人民政府 (first title line)
    title: str  # 关于印发青岛都市圈发展规划的通知 (second title line)
    number: str  # 鲁政字〔2023〕168号
    addressees: str
    body: tuple[str, ...]
    signature: str
    date: str
    note: str  # （此件公开发布）


@dataclass(frozen=True)
class Document:
    title: str
    metadata: tuple[Field, ...]
    notice: Notice
    chapters: tuple[Chapter, ...]
    source_sha256: str = ""
    script: str = "zh-Hans"

    def field(self, key: str) -> str:
        for f in self.metadata:
            if f.key == key:
                return f.value
        raise KeyError(key)

    @property
    def written_epoch(self) -> int:
        """The 成文日期 (``date_written``, 2023-10-06) at 00:00 UTC in seconds since
        1970: the one date every build carries unless ``SOURCE_DATE_EPOCH`` is set
        (the PDFs' dates, the sitemap's lastmod)."""
        return calendar.timegm(date.fromisoformat(self.field("date_written")).timetuple())

    def paragraphs(self) -> Iterator[Paragraph]:
        for chapter in self.chapters:
            yield from chapter.paragraphs()

    def sections(self) -> Iterator[Section]:
        for chapter in self.chapters:
            yield from chapter.sections

    def map_text(self, convert: Callable[[str], str], script: str) -> Document:
        """A copy with every text field passed through ``convert``; ids unchanged."""

        def para(p: Paragraph) -> Paragraph:
            text = convert(p.text)
            return dataclasses.replace(p, text=text, lead=text[: len(p.lead)], cite=convert(p.cite))

        return Document(
            title=convert(self.title),
            metadata=tuple(Field(f.key, convert(f.label), convert(f.value)) for f in self.metadata),
            notice=Notice(
                issuer=convert(self.notice.issuer),
                title=convert(self.notice.title),
                number=convert(self.notice.number),
                addressees=convert(self.notice.addressees),
                body=tuple(convert(b) for b in self.notice.body),
                signature=convert(self.notice.signature),
                date=convert(self.notice.date),
                note=convert(self.notice.note),
            ),
            chapters=tuple(
                Chapter(
                    number=c.number,
                    title=convert(c.title),
                    intro=tuple(para(p) for p in c.intro),
                    sections=tuple(
                        dataclasses.replace(
                            s, title=convert(s.title), label=convert(s.label), paragraphs=tuple(para(p) for p in s.paragraphs)
                        )
                        for s in c.sections
                    ),
                    line=c.line,
                    label=convert(c.label),
                )
                for c in self.chapters
            ),
            source_sha256=self.source_sha256,
            script=script,
        )

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)


def document_from_dict(data: dict) -> Document:
    """Rebuild a :class:`Document` from :meth:`Document.to_dict` output (``document.json``)."""

    def para(p: dict) -> Paragraph:
        return Paragraph(**p)

    notice = dict(data["notice"])
    notice["body"] = tuple(notice["body"])
    return Document(
        title=data["title"],
        metadata=tuple(Field(**f) for f in data["metadata"]),
        notice=Notice(**notice),
        chapters=tuple(
            Chapter(
                number=c["number"],
                title=c["title"],
                intro=tuple(para(p) for p in c["intro"]),
                sections=tuple(Section(**{**s, "paragraphs": tuple(para(p) for p in s["paragraphs"])}) for s in c["sections"]),
                line=c["line"],
                label=c["label"],
            )
            for c in data["chapters"]
        ),
        source_sha256=data["source_sha256"],
        script=data["script"],
    )
