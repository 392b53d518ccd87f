"""Links inside the chapters: each glossary term to its entry, and the see-also notes after a paragraph.

Both read the :class:`~tools.annotate.Annotations` of the page's script; a
link to a place in the plan shows its citation and goes to its page and
anchor, as :meth:`tools.model.Document.locate` gives them.
"""

from __future__ import annotations

from itertools import pairwise

from ..annotate import Annotations
from ..annotate.emend import Emendation
from ..data.glossary import Term
from ..model import Document, Paragraph
from ..ui import t as ui
from . import EMENDED_CLASS, EMENDED_NOTE_ID, SEE_ALSO_CLASS, AfterParagraph, InlineRenderer, PageContext, escape_md, relative

GLOSSARY_PAGE = "glossary.md"
PLACES_PAGE = "places.md"
MAP_PAGE = "map.md"


def cite_link(doc: Document, anchor: str, from_page: str) -> str:
    """A Markdown link to ``anchor`` with its citation as text, relative to the page ``from_page``."""
    loc = doc.locate(anchor)
    return f"[{loc.citation}]({relative(loc.file, from_page)}#{loc.anchor})"


def term_link(text: str, term: Term, script: str, from_page: str, label: str | None = None) -> str:
    """Markdown of one term link: the tooltip is the one-line definition; ``label`` is the link's Markdown if given."""
    title = term.text(script).short
    label = escape_md(text) if label is None else label
    return f'[{label}]({relative(GLOSSARY_PAGE, from_page)}#{term.anchor} "{title}"){{ .term }}'


def emended(text: str, start: int, spans: tuple[Emendation, ...], script: str) -> str:
    """``text`` (at offset ``start`` of its paragraph) escaped, the parts inside a repaired span in a mark.

    The mark adds no character: a ``<span>`` with the note in ``title`` and
    ``aria-describedby`` pointing at the page's note (:data:`EMENDED_NOTE_ID`).
    """
    cuts = sorted({0, len(text), *(min(max(x - start, 0), len(text)) for s in spans for x in (s.start, s.end))})
    out = []
    for a, b in pairwise(cuts):
        piece = escape_md(text[a:b])
        if any(s.start <= start + a and start + b <= s.end for s in spans):
            note = ui("emended", script)
            piece = f'<span class="{EMENDED_CLASS}" title="{note}" aria-describedby="{EMENDED_NOTE_ID}">{piece}</span>'
        out.append(piece)
    return "".join(out)


def term_links(a: Annotations, marks: tuple[Emendation, ...] = ()) -> InlineRenderer:
    """An InlineRenderer for the body of chapter pages: the text escaped, every glossary term linked to its entry,
    the repaired spans of ``marks`` marked (split where a span crosses a term link)."""
    by_id = a.glossary.by_id()

    def link_terms(text: str, ctx: PageContext, start: int = 0) -> str:
        assert ctx.paragraph is not None, "term links are made inside a paragraph"
        spans = tuple(s for s in marks if s.anchor == ctx.paragraph.anchor)
        out: list[str] = []
        pos = 0
        for m in a.terms[ctx.paragraph.anchor]:
            if m.start < start or m.end > start + len(text):
                continue  # in the other part of the paragraph (the lead sentence or the rest)
            out.append(emended(text[pos : m.start - start], start + pos, spans, ctx.script))
            label = emended(m.text, m.start, spans, ctx.script)
            out.append(term_link(m.text, by_id[m.key], ctx.script, ctx.page, label))
            pos = m.end - start
        out.append(emended(text[pos:], start + pos, spans, ctx.script))
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
