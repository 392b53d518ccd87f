"""Links inside the chapters: each glossary term to its entry, and the see-also notes after a paragraph.

Both read the :class:`~tools.annotate.Annotations` of the page's script; a
link to a place in the plan shows its citation and goes to its page and
anchor, as :meth:`tools.model.Document.locate` gives them.
"""

from __future__ import annotations

from ..annotate import Annotations
from ..data.glossary import Term
from ..model import Document, Paragraph
from ..ui import t as ui
from . import SEE_ALSO_CLASS, AfterParagraph, InlineRenderer, PageContext, escape_md, relative

GLOSSARY_PAGE = "glossary.md"
PLACES_PAGE = "places.md"
MAP_PAGE = "map.md"


def cite_link(doc: Document, anchor: str, from_page: str) -> str:
    """A Markdown link to ``anchor`` with its citation as text, relative to the page ``from_page``."""
    loc = doc.locate(anchor)
    return f"[{loc.citation}]({relative(loc.file, from_page)}#{loc.anchor})"


def term_link(text: str, term: Term, script: str, from_page: str) -> str:
    """Markdown of one term link: the tooltip is the one-line definition."""
    title = term.text(script).short
    return f'[{escape_md(text)}]({relative(GLOSSARY_PAGE, from_page)}#{term.anchor} "{title}"){{ .term }}'


def term_links(a: Annotations) -> InlineRenderer:
    """An InlineRenderer for the body of chapter pages: the text escaped, every glossary term linked to its entry."""
    by_id = a.glossary.by_id()

    def link_terms(text: str, ctx: PageContext, start: int = 0) -> str:
        assert ctx.paragraph is not None, "term links are made inside a paragraph"
        out: list[str] = []
        pos = 0
        for m in a.terms[ctx.paragraph.anchor]:
            if m.start < start or m.end > start + len(text):
                continue  # in the other part of the paragraph (the lead sentence or the rest)
            out.append(escape_md(text[pos : m.start - start]))
            out.append(term_link(m.text, by_id[m.key], ctx.script, ctx.page))
            pos = m.end - start
        out.append(escape_md(text[pos:]))
        return "".join(out)

    return link_terms


def see_also_notes(a: Annotations) -> AfterParagraph:
    """An AfterParagraph: one 参见 note per see-also entry whose source is the paragraph, or "".

    The result starts with a blank line, so it can be appended straight after
    the paragraph block; links are relative to ``ctx.page``.
    """

    def notes(paragraph: Paragraph, ctx: PageContext) -> str:
        entries = a.see_also_after(paragraph.anchor)
        if not entries:
            return ""
        script = ctx.script
        blocks = []
        for s in entries:
            links = "、".join(cite_link(a.doc, t, ctx.page) for t in s.targets)
            note = f"{ui('see_also', script)}：{escape_md(s.text(script))}（{links}）"
            blocks.append(f'{note}\n{{: .{SEE_ALSO_CLASS} data-see-also="{s.id}" }}\n')
        return "\n" + "\n".join(blocks)

    return notes
