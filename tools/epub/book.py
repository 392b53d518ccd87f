"""The content documents of one script's EPUB, from the document model and its annotations.

Each function returns one XHTML file's text. The plan's text is only ever
escaped, never rewritten: a paragraph's text in the book (``<p id="p3-1-2">``,
its lead sentence in ``<strong>``) equals the model's. Every glossary term in
the body is a note reference (``epub:type="noteref"``, ``role="doc-noteref"``)
to its entry in ``glossary.xhtml``, an endnote (``epub:type="endnote"``,
``role="doc-endnote"``); the index lists every paragraph a place occurs in.
Nothing refers to a resource outside the book.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from html import escape

from ..annotate import Annotations
from ..data.glossary import Term
from ..data.pinyin import sort_key
from ..model import Chapter, Document, Paragraph
from ..ui import t as ui

NOTICE_FILE = "notice.xhtml"
GLOSSARY_FILE = "glossary.xhtml"
INDEX_FILE = "index.xhtml"
NAV_FILE = "nav.xhtml"
STYLE_FILE = "style.css"

# The class of each kind of notice block (tools.model.NoticePart), as on the home page.
NOTICE_CLASSES = {"number": "doc-number", "addressees": "addressees", "signature": "signature", "date": "signature"}


def chapter_file(chapter: Chapter) -> str:
    """``ch03.xhtml``: the chapter's page name (tools.model) as a book file."""
    return f"{chapter.slug}.xhtml"


def _e(text: str) -> str:
    return escape(text, quote=True)


def xhtml(doc: Document, title: str, body: str, epub_type: str = "") -> str:
    """A complete content document in the document's language."""
    lang = doc.script
    section_type = f' epub:type="{epub_type}"' if epub_type else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'
        f'<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="{lang}" xml:lang="{lang}">\n'
        f'<head>\n<meta charset="UTF-8"/>\n<title>{_e(title)}</title>\n'
        f'<link rel="stylesheet" type="text/css" href="{STYLE_FILE}"/>\n</head>\n'
        f"<body{section_type}>\n{body}</body>\n</html>\n"
    )


def where(doc: Document, anchor: str) -> str:
    """``ch03.xhtml#p3-1-2``: the book file and anchor of a place in the plan (tools.model.Document.locate)."""
    loc = doc.locate(anchor)
    page = NOTICE_FILE if loc.page == "index" else f"{loc.page}.xhtml"
    return f"{page}#{loc.anchor}"


def cite_link(doc: Document, anchor: str) -> str:
    """A link to ``anchor`` with its citation as text."""
    return f'<a href="{where(doc, anchor)}">{_e(doc.locate(anchor).citation)}</a>'


def inline(a: Annotations, p: Paragraph, start: int, text: str) -> str:
    """``text`` (at offset ``start`` of ``p.text``) escaped, every glossary term a note reference to its entry."""
    by_id = a.glossary.by_id()
    out: list[str] = []
    pos = 0
    for m in a.terms[p.anchor]:
        if m.start < start or m.end > start + len(text):
            continue  # in the other part of the paragraph (the lead sentence or the rest)
        out.append(_e(text[pos : m.start - start]))
        href = f"{GLOSSARY_FILE}#{by_id[m.key].anchor}"
        out.append(f'<a epub:type="noteref" role="doc-noteref" href="{href}">{_e(m.text)}</a>')
        pos = m.end - start
    out.append(_e(text[pos:]))
    return "".join(out)


def paragraph(a: Annotations, p: Paragraph, css: str = "") -> str:
    lead = f'<strong class="lead">{inline(a, p, 0, p.lead)}</strong>' if p.lead else ""
    cls = f' class="{css}"' if css else ""
    return f'<p id="{p.anchor}"{cls}>{lead}{inline(a, p, len(p.lead), p.rest)}</p>\n'


def notice_page(doc: Document) -> str:
    """The title, the document card and the issuing notice."""
    script, n = doc.script, doc.notice
    rows = "".join(f'<div class="card-row"><dt>{_e(f.label)}</dt><dd>{_e(f.value)}</dd></div>\n' for f in doc.metadata)
    parts = "".join(
        f'<p id="{part.anchor}"{f" class={chr(34)}{NOTICE_CLASSES[part.kind]}{chr(34)}" if part.kind in NOTICE_CLASSES else ""}>'
        f"{_e(part.text)}</p>\n"
        for part in n.parts
    )
    body = (
        f'<section epub:type="titlepage" aria-labelledby="top" id="titlepage">\n'
        f'<h1 id="top" class="title">{_e(doc.title)}</h1>\n'
        f'<dl class="card" aria-label="{ui("doc_card", script)}">\n{rows}</dl>\n</section>\n'
        f'<section epub:type="preface" role="doc-preface" aria-labelledby="{n.anchor}">\n'
        f'<h2 id="{n.anchor}">{_e(n.heading)}</h2>\n{parts}</section>\n'
    )
    return xhtml(doc, n.heading, body, "frontmatter")


def chapter_page(a: Annotations, chapter: Chapter) -> str:
    """One chapter: its heading, introduction and sections."""
    doc = a.doc
    out = [
        f'<section epub:type="chapter" role="doc-chapter" aria-labelledby="{chapter.anchor}">\n',
        f'<h1 id="{chapter.anchor}">{_e(chapter.heading)}</h1>\n',
    ]
    out += [paragraph(a, p, "intro") for p in chapter.intro]
    for s in chapter.sections:
        out.append(f'<section aria-labelledby="{s.anchor}">\n<h2 id="{s.anchor}">{_e(s.heading)}</h2>\n')
        out += [paragraph(a, p) for p in s.paragraphs]
        out.append("</section>\n")
    out.append("</section>\n")
    return xhtml(doc, chapter.heading, "".join(out), "bodymatter")


def _backlinks(doc: Document, anchors: Sequence[str]) -> str:
    script = doc.script
    links = "、".join(cite_link(doc, x) for x in anchors)
    return f'<p class="backlinks"><b>{ui("occurs_in", script)}</b>（{len(anchors)} {ui("paragraphs", script)}）：{links}</p>\n'


def glossary_entry(t: Term, doc: Document, occurrences: Sequence[str], names: Mapping[str, Term]) -> str:
    """One term as an endnote: the term, pinyin and English, the definition, the plan's words, where it occurs."""
    script = doc.script
    loc = t.text(script)
    note = ui("editor_note", script)
    meta = [f'<span lang="zh-Latn-pinyin">{_e(t.pinyin)}</span>'] if t.pinyin else []
    meta.append(f'<span lang="en">{_e(t.english)}</span>')
    if len(loc.forms) > 1:
        meta.append(f"{ui('aliases', script)}：" + "、".join(_e(f) for f in loc.forms[1:]))
    out = [
        f'<li id="{t.anchor}" epub:type="endnote">\n',
        f'<p class="term"><dfn>{_e(loc.term)}</dfn> <span class="meta">{" · ".join(meta)}</span></p>\n',
    ]
    label = f"{ui('definition', script)}（{note}）" if t.editor_note else ui("definition", script)
    out.append(f"<p><b>{label}</b>：{_e(loc.short)}</p>\n")
    if not t.editor_note:
        quoted = "……".join(_e(q) for q in loc.quotes)
        out.append(f"<p><b>{ui('plan_words', script)}</b>：“{quoted}”（{cite_link(doc, t.defined_in or '')}）</p>\n")
    if loc.explanation:
        out.append(f"<p><b>{ui('explanation', script)}</b>（{note}）：{_e(loc.explanation)}</p>\n")
    out.append(f"<p><b>{ui('evidence', script)}</b>：{_e(loc.evidence)}</p>\n")
    if t.related:
        links = "、".join(f'<a href="#{names[r].anchor}">{_e(names[r].text(script).term)}</a>' for r in t.related)
        out.append(f"<p><b>{ui('related', script)}</b>：{links}</p>\n")
    out.append(f"<p><b>{ui('home', script)}</b>：{cite_link(doc, t.home)}</p>\n")
    out.append(_backlinks(doc, occurrences))
    out.append("</li>\n")
    return "".join(out)


def glossary_page(a: Annotations) -> str:
    """The glossary as the book's endnotes: by category (data order), each sorted by pinyin as on the site."""
    doc, script = a.doc, a.doc.script
    terms = a.glossary.terms
    names = {t.id: t for t in terms}
    occurrences = a.term_occurrences()
    title = ui("glossary_title", script)
    out = [
        '<section epub:type="endnotes" role="doc-endnotes" aria-labelledby="glossary">\n',
        f'<h1 id="glossary">{title}</h1>\n<p class="intro">{_e(ui("epub_glossary_intro", script))}</p>\n',
    ]
    for c in a.glossary.categories:
        members = sorted((t for t in terms if t.category_id == c.id), key=lambda t: sort_key(t.pinyin, t.term))
        if not members:
            continue
        name, description = c.text(script)
        out.append(f'<h2 id="cat-{c.id}">{_e(name)}</h2>\n<p class="intro">{_e(description)}</p>\n<ol>\n')
        out += [glossary_entry(t, doc, occurrences[t.id], names) for t in members]
        out.append("</ol>\n")
    out.append("</section>\n")
    return xhtml(doc, title, "".join(out), "backmatter")


def index_page(a: Annotations) -> str:
    """The index: places by group (data order), each with the paragraphs it occurs in."""
    doc, script = a.doc, a.doc.script
    places = a.index.places
    occurrences = a.place_occurrences()
    title = ui("places_title", script)
    out = [
        '<section epub:type="index" role="doc-index" aria-labelledby="places">\n',
        f'<h1 id="places">{title}</h1>\n<p class="intro">{_e(ui("places_intro", script))}</p>\n',
    ]
    for g in a.index.groups:
        members = [p for p in places if p.group == g.id]
        if not members:
            continue
        name, description = g.text(script)
        out.append(f'<section aria-labelledby="group-{g.id}">\n<h2 id="group-{g.id}">{_e(name)}</h2>\n')
        out.append(f'<p class="intro">{_e(description)}</p>\n<ul class="index">\n')
        for p in members:
            pname, forms, note, _ = p.text(script)
            meta = f"{ui('forms', script)}：" + "、".join(_e(f) for f in forms) + (f"；{_e(note)}" if note else "")
            links = "、".join(cite_link(doc, x) for x in occurrences[p.id])
            out.append(f'<li id="{p.anchor}"><b>{_e(pname)}</b>（{meta}）：{links}</li>\n')
        out.append("</ul>\n</section>\n")
    out.append("</section>\n")
    return xhtml(doc, title, "".join(out), "backmatter")


def nav_page(doc: Document) -> str:
    """The navigation document: contents (notice, chapters and sections, glossary, index) and landmarks."""
    script = doc.script

    def item(href: str, text: str, children: Iterable[str] = ()) -> str:
        kids = "".join(children)
        return f'<li><a href="{href}">{_e(text)}</a>{f"<ol>{kids}</ol>" if kids else ""}</li>\n'

    chapters = [
        item(
            chapter_file(c),
            c.heading,
            [item(f"{chapter_file(c)}#{s.anchor}", s.heading) for s in c.sections],
        )
        for c in doc.chapters
    ]
    toc = [
        item(NOTICE_FILE, doc.notice.heading),
        *chapters,
        item(GLOSSARY_FILE, ui("glossary_title", script)),
        item(INDEX_FILE, ui("places_title", script)),
    ]
    first = chapter_file(doc.chapters[0])
    body = (
        f'<nav epub:type="toc" role="doc-toc" id="toc" aria-labelledby="toc-title">\n'
        f'<h1 id="toc-title">{ui("contents", script)}</h1>\n<ol>\n{"".join(toc)}</ol>\n</nav>\n'
        f'<nav epub:type="landmarks" id="landmarks" hidden="hidden" aria-label="landmarks">\n<ol>\n'
        f'<li><a epub:type="toc" href="{NAV_FILE}#toc">{ui("contents", script)}</a></li>\n'
        f'<li><a epub:type="frontmatter" href="{NOTICE_FILE}">{_e(doc.notice.heading)}</a></li>\n'
        f'<li><a epub:type="bodymatter" href="{first}">{_e(doc.chapters[0].heading)}</a></li>\n'
        f'<li><a epub:type="glossary" href="{GLOSSARY_FILE}">{ui("glossary_title", script)}</a></li>\n'
        f'<li><a epub:type="index" href="{INDEX_FILE}">{ui("places_title", script)}</a></li>\n'
        "</ol>\n</nav>\n"
    )
    return xhtml(doc, ui("contents", script), body)
