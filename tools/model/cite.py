"""How the plan and each chapter are cited: reference formats, citation files and head metadata.

Everything here is made from the document model, in the document's own script:
the authority (山东省人民政府), the title, the 发文字号 and the dates come from
the notice and the metadata record; page paths and PDF names from
:mod:`tools.model`. One :class:`Work` is what a reference describes: the
whole plan (``part`` "full") or one chapter (``part`` "ch03").

The address rule: ``base`` is the published site's address (``SITE_URL``,
ending in "/") or None. Without it nothing here holds an absolute URL: the
static citation files have no URL field, the head metadata no
``citation_pdf_url`` and no ``url``/``contentUrl``; the references shown on
the pages carry the placeholders :data:`URL` and :data:`ACCESSED`, which the
browser fills with the reader's address and date at copy time (qd.js).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from . import CITE_FOLDER, PDF_FOLDER, Chapter, Document, cite_name, pdf_name, site_path

URL = "{url}"  # the address of the page, filled by the browser
ACCESSED = "{accessed}"  # the access date as 2026-12-02 (GB/T 7714), filled by the browser
ACCESSED_EN = "{accessed_en}"  # the access date as December 2, 2026 (Chicago), filled by the browser
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")  # fmt: skip
FORMATS = ("gbt7714", "apa", "chicago")
FILES = ("bib", "ris", "json")  # BibTeX, RIS, CSL-JSON


@dataclass(frozen=True)
class Work:
    """The whole plan (``chapter`` None) or one chapter, in the document's script."""

    doc: Document
    chapter: Chapter | None = None

    @property
    def part(self) -> str:
        return self.chapter.slug if self.chapter else "full"

    @property
    def authority(self) -> str:
        return self.doc.notice.issuer  # 山东省人民政府 (山東省人民政府)

    @property
    def number(self) -> str:
        return self.doc.notice.number  # 鲁政字〔2023〕168号

    @property
    def title(self) -> str:
        """The plan's title, and the chapter after a colon: 青岛都市圈发展规划: 第三章 …"""
        return self.doc.title + (f": {self.chapter.heading}" if self.chapter else "")

    @property
    def published(self) -> date:
        return date.fromisoformat(self.doc.field("date_published"))  # 2023-10-13

    @property
    def written(self) -> date:
        return date.fromisoformat(self.doc.field("date_written"))  # 2023-10-06

    @property
    def path(self) -> str:
        """URL path of the work's page from the site's root: ``ch03/``, ``zh-Hant/``."""
        anchor = self.chapter.anchor if self.chapter else self.doc.notice.anchor
        return site_path(self.doc.script, self.doc.locate(anchor).path)

    @property
    def pdf_path(self) -> str:
        return f"{PDF_FOLDER}/{pdf_name(self.doc.script, self.part)}"

    @property
    def key(self) -> str:
        """The citation key of the files: ``qingdao-plan-2023-ch03``."""
        return f"qingdao-plan-2023-{self.part}"


def works(doc: Document) -> tuple[Work, ...]:
    """The whole plan, then every chapter."""
    return (Work(doc), *(Work(doc, c) for c in doc.chapters))


def _en_date(d: date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def reference(work: Work, style: str) -> str:
    """The reference in ``style`` (see :data:`FORMATS`), with the :data:`URL` and access-date placeholders.

    GB/T 7714-2015, electronic resource ([EB/OL]) with its 发文字号 as other title
    information; APA 7 (a government report, the authority as author, its number
    after the title, no retrieval date); Chicago 17 (bibliography entry, with the
    access date).
    """
    w, pub = work, work.published
    if style == "gbt7714":
        return f"{w.authority}. {w.doc.title}: {w.number}{_chapter(w, ': ')}[EB/OL]. ({pub.isoformat()})[{ACCESSED}]. {URL}."
    if style == "apa":
        head = f"{w.authority}. ({pub.year}, {MONTHS[pub.month - 1]} {pub.day})."
        if w.chapter:
            return f"{head} {w.chapter.heading}. In {w.doc.title} ({w.number}). {URL}"
        return f"{head} {w.doc.title} ({w.number}). {URL}"
    if style == "chicago":
        what = f"“{w.chapter.heading}.” In {w.doc.title}" if w.chapter else w.doc.title
        return f"{w.authority}. {what}. {w.number}. {_en_date(pub)}. Accessed {ACCESSED_EN}. {URL}."
    raise ValueError(f"unknown citation style {style!r}")


def _chapter(w: Work, sep: str) -> str:
    return f"{sep}{w.chapter.heading}" if w.chapter else ""


def absolute(base: str | None, path: str) -> str | None:
    """``path`` (from the site's root) at the published address; None without one."""
    return base + path if base else None


def bibtex(work: Work, base: str | None) -> str:
    """A BibTeX ``@techreport`` (braces keep the corporate author whole)."""
    w, pub = work, work.published
    fields = [
        ("author", f"{{{w.authority}}}"),
        ("title", f"{{{w.title}}}"),
        ("institution", f"{{{w.authority}}}"),
        ("type", w.number[: w.number.index("〔")]),  # 鲁政字
        ("number", w.number),
        ("year", str(pub.year)),
        ("month", str(pub.month)),
        ("date", pub.isoformat()),
        ("language", w.doc.script),
    ]
    url = absolute(base, w.path)
    if url:
        fields.append(("url", url))
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields)
    return f"@techreport{{{w.key},\n{body}\n}}\n"


def ris(work: Work, base: str | None) -> str:
    """A RIS record (type RPRT, the 发文字号 as the report number SN), CRLF line ends as the format has them."""
    w, pub = work, work.published
    tags = [
        ("TY", "RPRT"),
        ("AU", w.authority),
        ("TI", w.title),
        ("PB", w.authority),
        ("SN", w.number),
        ("PY", str(pub.year)),
        ("DA", pub.strftime("%Y/%m/%d")),
        ("LA", w.doc.script),
    ]
    url = absolute(base, w.path)
    if url:
        tags.append(("UR", url))
    tags.append(("ER", ""))
    return "".join(f"{k}  - {v}\r\n" for k, v in tags)


def csl_json(work: Work, base: str | None) -> str:
    """A CSL-JSON item (type report; the authority as a literal name)."""
    w, pub = work, work.published
    item: dict[str, object] = {
        "id": w.key,
        "type": "report",
        "title": w.title,
        "author": [{"literal": w.authority}],
        "publisher": w.authority,
        "number": w.number,
        "issued": {"date-parts": [[pub.year, pub.month, pub.day]]},
        "language": w.doc.script,
    }
    url = absolute(base, w.path)
    if url:
        item["URL"] = url
    return json.dumps([item], ensure_ascii=False, indent=1) + "\n"


WRITERS = {"bib": bibtex, "ris": ris, "json": csl_json}


def cite_files(doc: Document, base: str | None) -> dict[str, str]:
    """Path under the site's root → content of every citation file of ``doc``'s script."""

    return {f"{CITE_FOLDER}/{cite_name(doc.script, w.part, ext)}": WRITERS[ext](w, base) for w in works(doc) for ext in FILES}


def highwire(work: Work, base: str | None) -> list[tuple[str, str]]:
    """The Highwire Press ``citation_*`` tags (name, content) that reference managers read.

    The 发文字号 is given as ``citation_technical_report_number`` with the
    authority as ``citation_technical_report_institution`` (Zotero then saves a
    report with its number).
    """
    w, pub = work, work.published.strftime("%Y/%m/%d")
    tags = [
        ("citation_title", w.title),
        ("citation_author", w.authority),
        ("citation_date", pub),
        ("citation_publication_date", pub),
        ("citation_publisher", w.authority),
        ("citation_technical_report_institution", w.authority),
        ("citation_technical_report_number", w.number),
        ("citation_language", w.doc.script),
    ]
    pdf = absolute(base, w.pdf_path)
    if pdf:
        tags.append(("citation_pdf_url", pdf))
    return tags


def json_ld(work: Work, other: Work, base: str | None) -> dict:
    """schema.org ``Legislation`` of the work; ``other`` is the same work in the other script.

    The plan carries its ``legislationIdentifier`` (the 发文字号), ``legislationDate``
    (成文日期) and ``datePublished``; a chapter is ``isPartOf`` the plan. Both have
    ``LegislationObject`` encodings for the HTML page and the PDF. The Simplified
    edition is the work, the Traditional one its ``exampleOfWork`` and the
    Simplified names it as ``workExample``.
    """

    def node(w: Work, full: bool) -> dict:
        out: dict[str, object] = {"@type": "Legislation", "name": w.chapter.heading if w.chapter else w.doc.title}
        if not w.chapter:
            authority = {"@type": "GovernmentOrganization", "name": w.authority}
            out |= {
                "legislationIdentifier": w.number,
                "legislationDate": w.written.isoformat(),
                "datePublished": w.published.isoformat(),
                "legislationPassedBy": authority,
                "publisher": authority,
            }
        out["inLanguage"] = w.doc.script
        url = absolute(base, w.path)
        if url:
            out["url"] = url
        if full:
            html: dict[str, object] = {"@type": "LegislationObject", "encodingFormat": "text/html"}
            pdf: dict[str, object] = {"@type": "LegislationObject", "encodingFormat": "application/pdf"}
            if base:
                html["contentUrl"], pdf["contentUrl"] = absolute(base, w.path), absolute(base, w.pdf_path)
            out["encoding"] = [html, pdf]
            if w.chapter:
                out["isPartOf"] = node(Work(w.doc), False)
        return out

    data = {"@context": "https://schema.org", **node(work, True)}
    relation = "workExample" if work.doc.script == "zh-Hans" else "exampleOfWork"
    data[relation] = node(other, False)
    return data
