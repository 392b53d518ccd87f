"""The home page and the chapter pages of one script, as Markdown.

Pages: ``index.md`` (title, document card, notice, contents) and one page per
chapter (``ch01.md`` … ``ch10.md``). Every anchor is explicit and comes from the
model (``#s3-1``, ``#p3-1-2``), never from heading text, so both scripts share
them. Source text is always escaped: nothing in it can become markup.
"""

from __future__ import annotations

import html

from ..model import Chapter, Document, Paragraph, pdf_name
from ..ui import t
from . import (
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


def render_chapter(
    doc: Document, chapter: Chapter, inline: InlineRenderer = plain_inline, after: AfterParagraph = no_notes
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
    ]
    for p in chapter.intro:
        out.append(_paragraph(p, ctx, inline, "intro", after))
    for section in chapter.sections:
        out.append(f"## {escape_md(section.heading)} {{ #{section.anchor} }}\n")
        for p in section.paragraphs:
            out.append(_paragraph(p, ctx, inline, after=after))
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
        _card(doc),
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
    thumbnail: tuple[int, int] | None = None,
) -> dict[str, str]:
    """The home page and the chapter pages of one script, by file name."""
    pages = {"index.md": render_home(doc, thumbnail)}
    for chapter in doc.chapters:
        pages[f"{chapter.slug}.md"] = render_chapter(doc, chapter, inline, after)
    return pages
