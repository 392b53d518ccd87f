"""The entry-list pages of one script — the glossary (``glossary.md``) and the index (``places.md``) — by one renderer.

An entry-list page has a title, an introduction, a list of its groups with
their sizes, and under each group's heading and description its entries;
each entry ends with the paragraphs it occurs in, linked by their citations.
Each entry is one ``<section class="entry glossary-entry">`` (or
``places-entry``; :func:`entry_section`): the
stylesheet lets the browser skip the style and layout of the sections off
screen (``content-visibility: auto``), which keeps them in the page, in
find-in-page and in the search, and takes most of the glossary's start-up cost
away (issue 14; README, Benchmark).
:func:`entry_list_page` writes that frame; :func:`render_glossary_page` and
:func:`render_places_page` give it their groups and entries.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..annotate import Annotations
from ..data.entries import Group
from ..data.glossary import Term
from ..data.pinyin import sort_key
from ..data.places import Place
from ..model import Document
from ..ui import t as ui
from . import escape_md, front_matter
from .links import GLOSSARY_PAGE, MAP_PAGE, PLACES_PAGE, cite_link

GENERATOR = "tools/render/entries.py"  # named in the pages' front matter and first comment
ENTRY_CLASS = "entry"  # the element around one entry (its heading and paragraphs), on both pages


@dataclass(frozen=True)
class EntryList:
    """What distinguishes one entry-list page: its file, data, ids and classes, and its interface strings."""

    page: str  # glossary.md
    data: str  # the curated file it is made from
    generator: str
    anchor: str  # id of the title: glossary
    group_prefix: str  # prefix of a group's id: cat (→ #cat-numbers)
    title_key: str  # keys of tools.ui
    intro_key: str
    intro_class: str
    groups_class: str
    description_class: str


GLOSSARY = EntryList(
    GLOSSARY_PAGE,
    "source/glossary.yml",
    GENERATOR,
    "glossary",
    "cat",
    "glossary_title",
    "glossary_intro",
    "glossary-intro",
    "glossary-categories",
    "category-description",
)
PLACES = EntryList(
    PLACES_PAGE,
    "source/places.yml",
    GENERATOR,
    "places",
    "group",
    "places_title",
    "places_intro",
    "places-intro",
    "places-groups",
    "group-description",
)


def data_front_matter(title: str, doc: Document, data: str, generator: str) -> str:
    """Front matter of a page made from the curated file ``data``, which the comment names."""
    comment = ui("generated_from", doc.script).format(generator=generator, data=data)
    return front_matter(title, doc, generator=generator, comment=comment)


def entry_list_page(kind: EntryList, doc: Document, groups: Sequence[tuple[Group, Sequence[str]]]) -> str:
    """Markdown of an entry-list page: ``groups`` are the groups with entries, each with its entries' Markdown."""
    script = doc.script
    title = ui(kind.title_key, script)
    out = [
        data_front_matter(title, doc, kind.data, kind.generator),
        f"# {title} {{ #{kind.anchor} }}\n",
        f"{ui(kind.intro_key, script)}\n{{: .{kind.intro_class} }}\n",
    ]
    toc = "\n".join(
        f"- [{escape_md(g.text(script)[0])}](#{kind.group_prefix}-{g.id})（{len(entries)} {ui('entries', script)}）"
        for g, entries in groups
    )
    out.append(f"{toc}\n{{: .{kind.groups_class} }}\n")
    for g, entries in groups:
        name, description = g.text(script)
        out.append(f"## {escape_md(name)} {{ #{kind.group_prefix}-{g.id} }}\n")
        out.append(f"{escape_md(description)}\n{{: .{kind.description_class} }}\n")
        out += [entry_section(e, kind) for e in entries]
    return "\n".join(out)


def entry_section(markdown: str, kind: EntryList) -> str:
    r"""One entry's Markdown inside its ``<section>`` (Markdown still parsed inside, by md_in_html),
    of class ``entry`` and ``<page anchor>-entry`` (the stylesheet's size estimates differ).

    >>> entry_section("### 甲 { #t-jia }\n", GLOSSARY)
    '<section class="entry glossary-entry" markdown="1">\n\n### 甲 { #t-jia }\n\n</section>\n'
    """
    return f'<section class="{ENTRY_CLASS} {kind.anchor}-entry" markdown="1">\n\n{markdown.rstrip()}\n\n</section>\n'


def backlinks(doc: Document, anchors: Sequence[str], page: str, css: str) -> str:
    """The paragraphs an entry occurs in, linked by their citations."""
    links = "、".join(cite_link(doc, a, page) for a in anchors)
    script = doc.script
    return f"**{ui('occurs_in', script)}**（{len(anchors)} {ui('paragraphs', script)}）：{links}\n{{: .{css} }}\n"


# --------------------------------------------------------------------------- the glossary


def _html(text: str) -> str:
    return html.escape(text, quote=True)


def render_term(t: Term, doc: Document, occurrences: Sequence[str], names: Mapping[str, Term]) -> str:
    """Markdown of one glossary entry."""
    script = doc.script
    loc = t.text(script)
    note = ui("editor_note", script)
    out = [f"### {escape_md(loc.term)} {{ #{t.anchor} .term-entry }}\n"]
    meta = []
    if t.pinyin:
        meta.append(f'<span class="term-pinyin" lang="zh-Latn-pinyin">{_html(t.pinyin)}</span>')
    meta.append(f'<span class="term-english" lang="en">{_html(t.english)}</span>')
    if len(loc.forms) > 1:
        meta.append(f"{ui('aliases', script)}：" + "、".join(escape_md(f) for f in loc.forms[1:]))
    out.append(" · ".join(meta) + "\n{: .term-meta }\n")
    if t.editor_note:
        out.append(f"**{ui('definition', script)}**（{note}）：{escape_md(loc.short)}\n{{: .term-short .editor-note }}\n")
    else:
        out.append(f"**{ui('definition', script)}**：{escape_md(loc.short)}\n{{: .term-short }}\n")
        quoted = "……".join(escape_md(q) for q in loc.quotes)
        out.append(
            f"**{ui('plan_words', script)}**：“{quoted}”（{cite_link(doc, t.defined_in, GLOSSARY_PAGE)}）\n{{: .term-quote }}\n"
        )
    if loc.explanation:
        out.append(
            f"**{ui('explanation', script)}**（{note}）：{escape_md(loc.explanation)}\n{{: .term-explanation .editor-note }}\n"
        )
    out.append(f"**{ui('evidence', script)}**：{escape_md(loc.evidence)}\n{{: .term-evidence }}\n")
    if t.related:
        links = "、".join(f"[{escape_md(names[r].text(script).term)}](#{names[r].anchor})" for r in t.related)
        out.append(f"**{ui('related', script)}**：{links}\n{{: .term-related }}\n")
    out.append(f"**{ui('home', script)}**：{cite_link(doc, t.home, GLOSSARY_PAGE)}\n{{: .term-home }}\n")
    out.append(backlinks(doc, occurrences, GLOSSARY_PAGE, "term-backlinks"))
    return "\n".join(out)


def render_glossary_page(a: Annotations) -> str:
    """Markdown of ``glossary.md``: terms by category (in data order), each category sorted by pinyin."""
    terms = a.glossary.terms
    names = {t.id: t for t in terms}
    occurrences = a.term_occurrences()
    groups = []
    for c in a.glossary.categories:
        members = sorted((t for t in terms if t.category_id == c.id), key=lambda t: sort_key(t.pinyin, t.term))
        if members:
            groups.append((c, [render_term(t, a.doc, occurrences[t.id], names) for t in members]))
    return entry_list_page(GLOSSARY, a.doc, groups)


# --------------------------------------------------------------------------- the index


def render_place(
    p: Place, doc: Document, occurrences: Sequence[str], places: Sequence[Place], on_map: Mapping[str, str] | None = None
) -> str:
    """Markdown of one index entry: its forms, note, parent and parts, where it occurs, and its place on the map
    (``on_map``: entry id → id of its element on the map page)."""
    script = doc.script
    name, forms, note, _ = p.text(script)
    meta = [f"{ui('forms', script)}：" + "、".join(escape_md(f) for f in forms)]
    if note:
        meta.append(escape_md(note))
    if p.part_of:
        parent = next(q for q in places if q.id == p.part_of)
        meta.append(f"{ui('part_of', script)}：[{escape_md(parent.text(script)[0])}](#{parent.anchor})")
    children = [c for c in places if c.part_of == p.id]
    if children:
        meta.append(f"{ui('contains', script)}：" + "、".join(f"[{escape_md(c.text(script)[0])}](#{c.anchor})" for c in children))
    if on_map and p.id in on_map:
        meta.append(f"[{ui('on_map', script)}]({MAP_PAGE}#{on_map[p.id]}){{ .map-link }}")
    return "\n".join(
        [
            f"### {escape_md(name)} {{ #{p.anchor} .place-entry }}\n",
            "；".join(meta) + "\n{: .place-meta }\n",
            backlinks(doc, occurrences, PLACES_PAGE, "place-backlinks"),
        ]
    )


def render_places_page(a: Annotations, on_map: Mapping[str, str] | None = None) -> str:
    """Markdown of ``places.md`` (索引): places by group, in data order; entries on the map link to it."""
    places = a.index.places
    occurrences = a.place_occurrences()
    groups = []
    for g in a.index.groups:
        members = [p for p in places if p.group == g.id]
        if members:
            groups.append((g, [render_place(p, a.doc, occurrences[p.id], places, on_map) for p in members]))
    return entry_list_page(PLACES, a.doc, groups)
