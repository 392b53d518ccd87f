"""The document model between parsing and rendering, and every fact about a place in it.

Identifiers come from the document's own numbering and are ASCII and the same
in both scripts: chapter ``ch3`` (file ``ch03.md``), section ``s3-1``,
paragraph ``p3-1-2`` (``p3-0-1`` is the chapter's introductory paragraph), the
notice ``notice`` and its parts ``notice-number`` … ``notice-note``.
Converting a document between scripts (:meth:`Document.map_text`) changes text
fields only, never identifiers.

This module is the one place anchors, labels (第三章, 第一节), citations
(第三章第一节第2段, 第一節 in Traditional), page names, URL paths and PDF file
names are made: given an anchor, :meth:`Document.locate` returns the node, its
page, its URL path and its citation in the document's script. Nothing else
builds or parses them; :func:`anchor_kind` is the one reader of an anchor's
form (for data files that name anchors before there is a document).
"""

from __future__ import annotations

import calendar
import dataclasses
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from ..paths import DEFAULT_SCRIPT  # served at the site root; the other script under /zh-Hant/
from .numerals import chinese_numeral

SECTION_WORD = {"zh-Hans": "节", "zh-Hant": "節"}  # 第一节 / 第一節


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


def chapter_label(number: int) -> str:
    """第三章: how the plan numbers a chapter (the same in both scripts).

    >>> chapter_label(3), chapter_label(10)
    ('第三章', '第十章')
    """
    return f"第{chinese_numeral(number)}章"


def section_label(number: int, script: str = "zh-Hans") -> str:
    """第一节 (第一節 in Traditional): how the plan numbers a section.

    >>> section_label(1), section_label(11, "zh-Hant")
    ('第一节', '第十一節')
    """
    return f"第{chinese_numeral(number)}{SECTION_WORD[script]}"


def citation(chapter: int, section: int | None = None, number: int | None = None, script: str = "zh-Hans") -> str:
    """How a reader cites a chapter, a section (without ``number``) or a paragraph, in ``script``.

    >>> citation(3), citation(3, 1, 2), citation(3, 0, 1), citation(2, 2, script="zh-Hant")
    ('第三章', '第三章第一节第2段', '第三章引言第1段', '第二章第二節')
    """
    if section is None:
        return chapter_label(chapter)
    where = section_label(section, script) if section else "引言"
    return chapter_label(chapter) + where + (f"第{number}段" if number is not None else "")


def pdf_name(script: str, part: str) -> str:
    """Stable file name of a PDF: ``part`` is "notice", a chapter's page ("ch03") or "full".

    >>> pdf_name("zh-Hant", "ch03")
    'qingdao-plan-ch03.zh-Hant.pdf'
    """
    return f"qingdao-plan-{part}.{script}.pdf"


def epub_name(script: str) -> str:
    """Stable file name of the EPUB of the whole plan in ``script``.

    >>> epub_name("zh-Hant")
    'qingdao-plan.zh-Hant.epub'
    """
    return f"qingdao-plan.{script}.epub"


# Where the site keeps its downloads, from the root of the site (both scripts share them).
PDF_FOLDER = "pdf"
CITE_FOLDER = "cite"
ABOUT = "about"  # the page 本版说明 / 本版說明, in each script


def cite_name(script: str, part: str, ext: str) -> str:
    """Stable file name of a citation file (``bib``, ``ris``, ``json``); ``part`` as for :func:`pdf_name`.

    >>> cite_name("zh-Hans", "full", "bib")
    'qingdao-plan-full.zh-Hans.bib'
    """
    return f"qingdao-plan-{part}.{script}.{ext}"


def site_path(script: str, path: str = "") -> str:
    """URL path from the site's root of ``path`` (a page's path from its script's root, or a download).

    >>> site_path("zh-Hans", "ch03/"), site_path("zh-Hant", "ch03/"), site_path("zh-Hant")
    ('ch03/', 'zh-Hant/ch03/', 'zh-Hant/')
    """
    return path if script == DEFAULT_SCRIPT else f"{script}/{path}"


# The form of every anchor the model makes (see the module docstring).
ANCHOR = re.compile(
    r"^(?:(?P<chapter>ch[1-9][0-9]*)|(?P<section>s[1-9][0-9]*-[1-9][0-9]*)"
    r"|(?P<paragraph>p[1-9][0-9]*-(?:0|[1-9][0-9]*)-[1-9][0-9]*)|(?P<notice>notice(?:-[a-z0-9]+)?))$"
)


def anchor_kind(anchor: str) -> str | None:
    """ "chapter", "section", "paragraph" or "notice" by the anchor's form; None for anything else.

    For checking a data file's anchors before there is a document; whether the
    anchor exists is :meth:`Document.locate`'s answer.

    >>> [anchor_kind(a) for a in ("ch3", "s3-1", "p3-0-1", "notice-number", "p3-1", "S3-1", "s3-01")]
    ['chapter', 'section', 'paragraph', 'notice', None, None, None]
    """
    m = ANCHOR.match(anchor) if isinstance(anchor, str) else None
    return m.lastgroup if m else None


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
class NoticePart:
    """One block of the notice under its anchor; ``kind`` is number, addressees, body, signature, date or note."""

    anchor: str
    kind: str
    text: str


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

    anchor = "notice"

    @property
    def heading(self) -> str:
        """The notice's title as one line: 山东省人民政府关于印发青岛都市圈发展规划的通知."""
        return self.issuer + self.title

    @property
    def parts(self) -> tuple[NoticePart, ...]:
        """The blocks under the heading, in order, each with its anchor (``notice-number`` …)."""
        return (
            NoticePart("notice-number", "number", self.number),
            NoticePart("notice-addressees", "addressees", self.addressees),
            *(NoticePart(f"notice-{i}", "body", text) for i, text in enumerate(self.body, 1)),
            NoticePart("notice-signature", "signature", self.signature),
            NoticePart("notice-date", "date", self.date),
            NoticePart("notice-note", "note", self.note),
        )


Node = Chapter | Section | Paragraph | Notice | NoticePart
HOME = "index"  # the page of the title, the document card and the notice


class UnknownAnchor(LookupError):
    """An anchor that names nothing in the document."""


@dataclass(frozen=True)
class Location:
    """Everything about one place in the text: what :meth:`Document.locate` answers."""

    anchor: str
    node: Node
    page: str  # the page it is on, as a file stem: "index", "ch03"
    citation: str  # 第三章第一节第2段 in the document's script; the notice's number for the notice
    source: str  # what the citation is of, in 《》: the plan's title, or the notice's

    @property
    def file(self) -> str:
        """The Markdown page under ``docs/<script>/``: ``ch03.md``."""
        return f"{self.page}.md"

    @property
    def path(self) -> str:
        """URL path of the page from the script's root: ``ch03/``, and ``""`` for the home page."""
        return "" if self.page == HOME else f"{self.page}/"

    @property
    def url(self) -> str:
        """URL path of the place from the script's root: ``ch03/#p3-1-2``, ``#notice-number`` on the home page."""
        return f"{self.path}#{self.anchor}"

    @property
    def full_citation(self) -> str:
        """The citation with the document it is in: 《青岛都市圈发展规划》第三章第一节第2段."""
        return f"《{self.source}》{self.citation}"

    def paragraphs(self) -> tuple[Paragraph, ...]:
        """The paragraphs of the plan at this place: a chapter's or a section's, or the paragraph itself."""
        node = self.node
        if isinstance(node, Chapter):
            return tuple(node.paragraphs())
        if isinstance(node, Section):
            return node.paragraphs
        return (node,) if isinstance(node, Paragraph) else ()


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

    @cached_property
    def locations(self) -> dict[str, Location]:
        """Every anchor of the document → its :class:`Location`, in document order."""
        n = self.notice
        where: dict[str, Location] = {}
        notice_cite = (n.number, n.heading)
        for node in (n, *n.parts):
            where[node.anchor] = Location(node.anchor, node, HOME, *notice_cite)
        for c in self.chapters:
            where[c.anchor] = Location(c.anchor, c, c.slug, citation(c.number), self.title)
            for p in c.intro:
                where[p.anchor] = Location(p.anchor, p, c.slug, p.citation, self.title)
            for s in c.sections:
                where[s.anchor] = Location(s.anchor, s, c.slug, citation(c.number, s.number, script=self.script), self.title)
                for p in s.paragraphs:
                    where[p.anchor] = Location(p.anchor, p, c.slug, p.citation, self.title)
        return where

    def locate(self, anchor: str) -> Location:
        """The node, page, URL path and citation of ``anchor``; :class:`UnknownAnchor` if there is none.

        >>> doc = Document("规划", (), Notice("", "", "", "", (), "", "", ""), (Chapter(3, "", (), (), 0, "第三章"),))
        >>> loc = doc.locate("ch3")
        >>> loc.page, loc.url, loc.full_citation
        ('ch03', 'ch03/#ch3', '《规划》第三章')
        """
        try:
            return self.locations[anchor]
        except KeyError:
            kind = anchor_kind(anchor)
            what = f"no {kind} {anchor!r} in the document" if kind else f"{anchor!r} is not an anchor"
            raise UnknownAnchor(f"{what} — anchors look like ch3, s3-1, p3-1-2, p3-0-1 or notice-number") from None

    def sections(self) -> Iterator[Section]:
        for chapter in self.chapters:
            yield from chapter.sections

    def map_text(self, convert: Callable[[str], str], script: str) -> Document:
        """A copy with every text field passed through ``convert``; ids unchanged."""

        def para(p: Paragraph) -> Paragraph:
            text = convert(p.text)
            cite = citation(p.chapter, p.section, p.number, script)
            return dataclasses.replace(p, text=text, lead=text[: len(p.lead)], cite=cite)

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
                            s,
                            title=convert(s.title),
                            label=section_label(s.number, script),
                            paragraphs=tuple(para(p) for p in s.paragraphs),
                        )
                        for s in c.sections
                    ),
                    line=c.line,
                    label=c.label,
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
