"""Stage 7 — render: the document model to Markdown pages, one script at a time.

Pages: ``index.md`` (title, document card, notice, contents) and one page per
chapter (``ch01.md`` … ``ch10.md``). Every anchor is explicit and comes from the
model (``#s3-1``, ``#p3-1-2``), never from heading text, so both scripts share
them. Source text is always escaped: nothing in it can become markup.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from .model import Chapter, Document, Paragraph
from .ui import t

GENERATOR = "tools/render.py"
# Characters Python-Markdown would read as markup, all in its ESCAPED_CHARS
# (an escape of any other character would show its backslash). ``<`` ``>`` and
# ``&`` become entities instead.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")

# A function that turns one paragraph's plain text into escaped inline
# Markdown; the glossary stage supplies one that links terms.
InlineRenderer = Callable[[str, "PageContext"], str]
# A function that gives Markdown to append after a paragraph ("" for none);
# the cross-reference stage supplies one for its see-also notes.
AfterParagraph = Callable[[Paragraph, "PageContext"], str]


@dataclass(frozen=True)
class PageContext:
    """What an inline renderer needs to know about the page it writes into."""

    script: str
    page: str  # file name of the page being written, e.g. "ch03.md"
    paragraph: Paragraph | None = None


def escape_md(text: str) -> str:
    """Escape ``text`` so Markdown shows it literally and no HTML gets through.

    >>> escape_md("<script>alert(1)</script> & **x** #1")
    '&lt;script&gt;alert\\\\(1\\\\)&lt;/script&gt; &amp; \\\\*\\\\*x\\\\*\\\\* \\\\#1'
    """
    text = html.escape(text, quote=False)
    return _MD_SPECIAL.sub(r"\\\1", text)


def plain_inline(text: str, ctx: PageContext) -> str:
    """The default inline renderer: escaped text, no links."""
    return escape_md(text)


def pdf_name(script: str, part: str) -> str:
    """Stable file name of a PDF: ``qingdao-plan-ch03.zh-Hans.pdf``."""
    return f"qingdao-plan-{part}.{script}.pdf"


def _front_matter(title: str, doc: Document, extra: dict[str, str]) -> str:
    lines = [
        "---",
        f"title: {_yaml_str(title)}",
        f"generated_by: {GENERATOR}",
        f"source_sha256: {doc.source_sha256}",
    ]
    lines += [f"{k}: {_yaml_str(v)}" for k, v in extra.items()]
    lines += ["---", f"<!-- {t('generated', doc.script)} (python -m tools convert). -->", ""]
    return "\n".join(lines)


def _yaml_str(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def no_notes(p: Paragraph, ctx: PageContext) -> str:
    """The default: nothing after a paragraph."""
    return ""


def _paragraph(
    p: Paragraph, ctx: PageContext, inline: InlineRenderer, classes: str = "", after: AfterParagraph = no_notes
) -> str:
    ctx = PageContext(ctx.script, ctx.page, p)
    body = ""
    if p.lead:
        body += f'<strong class="lead">{inline(p.lead, ctx)}</strong>'
    body += inline(p.rest, ctx)
    label = f"{t('copy_link', ctx.script)}：{p.citation}"
    link = f'<a class="para-link" href="#{p.anchor}" title="{label}" aria-label="{label}" data-cite="{p.citation}">¶</a>'
    attrs = f"#{p.anchor}" + (f" .{classes}" if classes else "")
    return f"{body} {link}\n{{: {attrs} }}\n" + after(p, ctx)


def render_chapter(
    doc: Document, chapter: Chapter, inline: InlineRenderer = plain_inline, after: AfterParagraph = no_notes
) -> str:
    """Markdown of one chapter page."""
    script = doc.script
    ctx = PageContext(script, f"{chapter.slug}.md")
    out = [
        _front_matter(
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


def _card(doc: Document) -> str:
    rows = "\n".join(
        f'<div class="doc-card__row" data-field="{f.key}"><dt>{html.escape(f.label)}</dt><dd>{html.escape(f.value)}</dd></div>'
        for f in doc.metadata
    )
    return f'<dl class="doc-card" aria-label="{t("doc_card", doc.script)}">\n{rows}\n</dl>\n'


def render_home(doc: Document) -> str:
    """Markdown of the home page: title, document card, notice, contents."""
    script = doc.script
    n = doc.notice
    out = [
        _front_matter(
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
        f"## {escape_md(n.issuer + n.title)} {{ #notice }}\n",
        f"{escape_md(n.number)}\n{{: #notice-number .doc-number }}\n",
        f"{escape_md(n.addressees)}\n{{: #notice-addressees .addressees }}\n",
    ]
    for i, body in enumerate(n.body, 1):
        out.append(f"{escape_md(body)}\n{{: #notice-{i} }}\n")
    out += [
        f"{escape_md(n.signature)}\n{{: #notice-signature .signature }}\n",
        f"{escape_md(n.date)}\n{{: #notice-date .signature }}\n",
        f"{escape_md(n.note)}\n{{: #notice-note .note }}\n",
        f"## {t('contents', script)} {{ #contents }}\n",
    ]
    items = []
    for c in doc.chapters:
        items.append(f"- [{escape_md(c.heading)}]({c.slug}.md)")
        items += [f"    - [{escape_md(s.heading)}]({c.slug}.md#{s.anchor})" for s in c.sections]
    out.append("\n".join(items) + "\n{: .contents }\n")
    return "\n".join(out)


def render_pages(doc: Document, inline: InlineRenderer = plain_inline, after: AfterParagraph = no_notes) -> dict[str, str]:
    """The home page and the chapter pages of one script, by file name."""
    pages = {"index.md": render_home(doc)}
    for chapter in doc.chapters:
        pages[f"{chapter.slug}.md"] = render_chapter(doc, chapter, inline, after)
    return pages
