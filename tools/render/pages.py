"""The home page and the chapter pages of one script, as Markdown.

Pages: ``index.md`` (title, document card, notice, contents) and one page per
chapter (``ch01.md`` … ``ch10.md``). Every anchor is explicit and comes from the
model (``#s3-1``, ``#p3-1-2``), never from heading text, so both scripts share
them. Source text is always escaped: nothing in it can become markup.
"""

from __future__ import annotations

import html

from ..model import ABOUT, CITE_FOLDER, Chapter, Document, Paragraph, cite_name, pdf_name, site_path
from ..model.cite import ACCESSED, ACCESSED_EN, FORMATS, URL, Work, reference
from ..ui import t
from . import (
    EDITION_CLASS,
    EMENDED_NOTE_ID,
    MAP_THUMB_CLASS,
    PARA_LINK_CLASS,
    AfterParagraph,
    InlineRenderer,
    PageContext,
    escape_md,
    front_matter,
    no_notes,
    plain_inline,
)


def _paragraph(
    p: Paragraph, ctx: PageContext, inline: InlineRenderer, classes: str = "", after: AfterParagraph = no_notes
) -> str:
    ctx = PageContext(ctx.script, ctx.page, p)
    body = ""
    if p.lead:
        body += f'<strong class="lead">{inline(p.lead, ctx, 0)}</strong>'
    body += inline(p.rest, ctx, len(p.lead))
    label = f"{t('copy_link', ctx.script)}：{p.citation}"
    # The space before the ¶ is the link's own, so the paragraph's text is the plan's alone.
    link = f'<a class="{PARA_LINK_CLASS}" href="#{p.anchor}" title="{label}" aria-label="{label}" data-cite="{p.citation}"> ¶</a>'
    attrs = f"#{p.anchor}" + (f" .{classes}" if classes else "")
    return f"{body}{link}\n{{: {attrs} }}\n" + after(p, ctx)


STYLE_NAMES = {"gbt7714": "GB/T 7714-2015", "apa": "APA 7", "chicago": "Chicago"}
FILE_NAMES = {"bib": "BibTeX", "ris": "RIS", "json": "CSL-JSON"}


def _up(doc: Document, page_path: str, to_site_root: bool) -> str:
    """The relative way from a page (its path from the script's root) up to the script's or the site's root."""
    path = site_path(doc.script, page_path) if to_site_root else page_path
    return "../" * path.count("/")


def cite_block(work: Work) -> str:
    """引用本章 (引用本规划 on the home page): the references and the citation files, as an HTML block.

    The address and the access date are placeholders (``data-fill``) that qd.js
    fills with the reader's own address and date, again at copy time.
    """
    doc, script = work.doc, work.doc.script
    fills = {URL: ("url", t("address", script)), ACCESSED: ("accessed", t("access_date", script)),
             ACCESSED_EN: ("accessed_en", t("access_date", script))}  # fmt: skip
    rows = []
    for style in FORMATS:
        text = html.escape(reference(work, style))
        for token, (name, label) in fills.items():
            text = text.replace(html.escape(token), f'<span data-fill="{name}">{label}</span>')
        rows.append(
            f'<p class="qd-cite__ref" data-style="{style}"><span class="qd-cite__style">{STYLE_NAMES[style]}</span>'
            f'<span class="qd-cite__text">{text}</span>'
            f'<button type="button" class="qd-cite__copy">{t("cite_copy", script)}</button></p>'
        )
    up = _up(doc, work.path.removeprefix(site_path(script)), True)
    links = " · ".join(
        f'<a href="{up}{CITE_FOLDER}/{cite_name(script, work.part, ext)}" download>{name}</a>' for ext, name in FILE_NAMES.items()
    )
    rows.append(f'<p class="qd-cite__files">{t("cite_download", script)}：{links}</p>')
    summary = t("cite_chapter" if work.chapter else "cite_plan", script)
    body = "\n".join(rows)
    return f'<details class="{EDITION_CLASS} qd-cite">\n<summary>{summary}</summary>\n{body}\n</details>\n'


def emended_note(doc: Document, page_path: str) -> str:
    """The note the emendation marks of a page point to (``aria-describedby``), linked to 本版说明."""
    note = t("emended", doc.script)
    about = t("about_title", doc.script)
    link = f'<a href="{_up(doc, page_path, False)}{ABOUT}/#emendations">{about}</a>'
    return f'<p id="{EMENDED_NOTE_ID}" class="{EDITION_CLASS} qd-emended-note">{note.replace(about, link)}</p>\n'


def status_note(doc: Document) -> str:
    """The home page's one line on what this edition is, linked to 本版说明."""
    about = t("about_title", doc.script)
    link = f'<a href="{ABOUT}/">{about}</a>'
    return f'<p class="{EDITION_CLASS} qd-status-note">{t("status_note", doc.script)}{link}</p>\n'


def render_chapter(
    doc: Document,
    chapter: Chapter,
    inline: InlineRenderer = plain_inline,
    after: AfterParagraph = no_notes,
    emended: frozenset[str] = frozenset(),
) -> str:
    """Markdown of one chapter page."""
    script = doc.script
    ctx = PageContext(script, f"{chapter.slug}.md")
    out = [
        front_matter(
            chapter.heading,
            doc,
            {
                "chapter": str(chapter.number),
                "pdf": pdf_name(script, chapter.slug),
                "pdf_download": f"{doc.title}-{chapter.label}.pdf",
            },
        ),
        f"# {escape_md(chapter.heading)} {{ #{chapter.anchor} }}\n",
        cite_block(Work(doc, chapter)),
    ]
    for p in chapter.intro:
        out.append(_paragraph(p, ctx, inline, "intro", after))
    for section in chapter.sections:
        out.append(f"## {escape_md(section.heading)} {{ #{section.anchor} }}\n")
        for p in section.paragraphs:
            out.append(_paragraph(p, ctx, inline, after=after))
    if any(p.anchor in emended for p in chapter.paragraphs()):
        out.append(emended_note(doc, doc.locate(chapter.anchor).path))
    return "\n".join(out)


# The class of each kind of notice block (tools.model.NoticePart) on the home page.
NOTICE_CLASSES = {
    "number": "doc-number",
    "addressees": "addressees",
    "body": "",
    "signature": "signature",
    "date": "signature",
    "note": "note",
}


def _card(doc: Document) -> str:
    rows = "\n".join(
        f'<div class="doc-card__row" data-field="{f.key}"><dt>{html.escape(f.label)}</dt><dd>{html.escape(f.value)}</dd></div>'
        for f in doc.metadata
    )
    return f'<dl class="doc-card" aria-label="{t("doc_card", doc.script)}">\n{rows}\n</dl>\n'


def render_home(doc: Document, thumbnail: tuple[int, int] | None = None) -> str:
    """Markdown of the home page: title, document card, notice, contents; with ``thumbnail`` (its width and
    height), a link to the map page by its thumbnail image after the contents."""
    script = doc.script
    n = doc.notice
    out = [
        front_matter(
            doc.title,
            doc,
            {
                "pdf": pdf_name(script, "notice"),
                "pdf_download": f"{doc.title}-{t('notice', script)}.pdf",
                "pdf_whole": pdf_name(script, "full"),
                "pdf_whole_download": f"{doc.title}.pdf",
            },
        ),
        f"# {escape_md(doc.title)} {{ #top }}\n",
        status_note(doc),
        _card(doc),
        cite_block(Work(doc)),
        f"## {escape_md(n.heading)} {{ #{n.anchor} }}\n",
    ]
    for part in n.parts:
        css = NOTICE_CLASSES[part.kind]
        out.append(f"{escape_md(part.text)}\n{{: #{part.anchor}{f' .{css}' if css else ''} }}\n")
    out.append(f"## {t('contents', script)} {{ #contents }}\n")
    items = []
    for c in doc.chapters:
        items.append(f"- [{escape_md(c.heading)}]({c.slug}.md)")
        items += [f"    - [{escape_md(s.heading)}]({c.slug}.md#{s.anchor})" for s in c.sections]
    out.append("\n".join(items) + "\n{: .contents }\n")
    if thumbnail:  # an image link only: no text in the article beside the plan's (tests/test_fidelity.py)
        alt = escape_md(t("map_thumb", script))
        out.append(
            f"[![{alt}](map-thumb.svg){{ width={thumbnail[0]} height={thumbnail[1]} }}](map.md)\n{{: .{MAP_THUMB_CLASS} }}\n"
        )
    return "\n".join(out)


def render_pages(
    doc: Document,
    inline: InlineRenderer = plain_inline,
    after: AfterParagraph = no_notes,
    emended: frozenset[str] = frozenset(),
    thumbnail: tuple[int, int] | None = None,
) -> dict[str, str]:
    """The home page and the chapter pages of one script, by file name; ``emended``: anchors of paragraphs with a mark."""
    pages = {"index.md": render_home(doc, thumbnail)}
    for chapter in doc.chapters:
        pages[f"{chapter.slug}.md"] = render_chapter(doc, chapter, inline, after, emended)
    return pages
