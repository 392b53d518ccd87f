"""The site's search index: the plan's own text, per script, with a character map.

Search is exact substring matching (every word of the query must occur in a
section, contiguously), run in the browser by ``assets/javascripts/qd.js`` on
this index. Units are what a reader lands on: the notice, each chapter's
introduction and each section. Ranking (done in the browser): a match in the
section title first, then the section a glossary term calls home, then a
match in a lead sentence, then by number of occurrences.

Script-insensitive search uses a *canonical* form of the text. Both scripts'
texts are aligned character for character (the converter checks it), so the
characters that stand for each other in this document, plus the other
Traditional variants OpenCC knows for its Simplified characters (Hong Kong
綫, …), give a character map under which any query and either script's text
become the same canonical string. The map is drawn from the site's own text
and checked here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

import opencc

from .errors import PipelineError
from .model import Document


@dataclass(frozen=True)
class Unit:
    page: str  # page path relative to the script root, "" for home, "ch03/" …
    anchor: str
    kind: str  # notice | chapter | section
    chapter: str  # chapter heading, "" for the notice
    title: str
    paragraphs: tuple[tuple[str, str, int], ...]  # (anchor, text, length of the lead sentence)


def units(doc: Document) -> Iterator[Unit]:
    """The searchable units of one script, in document order."""
    n = doc.notice
    notice_paras = [
        ("notice-number", n.number, 0),
        ("notice-addressees", n.addressees, 0),
        *((f"notice-{i}", body, 0) for i, body in enumerate(n.body, 1)),
        ("notice-signature", n.signature, 0),
        ("notice-date", n.date, 0),
        ("notice-note", n.note, 0),
    ]
    yield Unit("", "notice", "notice", "", n.issuer + n.title, tuple(notice_paras))
    for c in doc.chapters:
        page = f"{c.slug}/"
        yield Unit(page, c.anchor, "chapter", c.heading, c.heading, tuple((p.anchor, p.text, len(p.lead)) for p in c.intro))
        for s in c.sections:
            yield Unit(
                page, s.anchor, "section", c.heading, s.heading, tuple((p.anchor, p.text, len(p.lead)) for p in s.paragraphs)
            )


def glossary_units(script: str) -> Iterator[Unit]:
    """One unit per glossary entry (on the neutral glossary page), term as title."""
    from .glossary import load_glossary

    for t in load_glossary():
        loc = t.text(script)
        paras = [(t.anchor, loc.short, 0)] + ([(t.anchor, loc.explanation, 0)] if loc.explanation else [])
        where = ("術語表" if script == "zh-Hant" else "术语表") + " · " + loc.category
        yield Unit("glossary/", t.anchor, "term", where, loc.term, tuple(paras))


def all_units(doc: Document) -> Iterator[Unit]:
    """The plan's units, then the glossary's."""
    yield from units(doc)
    yield from glossary_units(doc.script)


def _texts(doc: Document) -> Iterator[str]:
    for u in all_units(doc):
        yield u.chapter
        yield u.title
        for _, text, _ in u.paragraphs:
            yield text


def canonical_map(simplified: Document, traditional: Document) -> dict[str, str]:
    """Map characters to a canonical form shared by both scripts.

    Characters that stand for each other anywhere in this document (发/發,
    and also 着/著, since Taiwan writes 著 for both) form one class; every
    member maps to one representative, the class's most frequent Simplified
    character. Other Traditional variants OpenCC gives for the document's
    Simplified characters join their class. Applying the map to either
    script's text gives the same canonical string, which is checked.
    """
    parent: dict[str, str] = {}

    def find(ch: str) -> str:
        while parent.get(ch, ch) != ch:
            ch = parent[ch]
        return ch

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for hans, hant in zip(_texts(simplified), _texts(traditional), strict=True):
        if len(hans) != len(hant):
            raise PipelineError("Simplified and Traditional texts are not aligned", "check tools/convert.py", None)
        for s, t in zip(hans, hant, strict=True):
            if s != t:
                union(s, t)
    frequency = Counter(ch for text in _texts(simplified) for ch in text)
    variants = [opencc.OpenCC(c) for c in ("s2t", "s2tw", "s2hk")]
    for s in sorted(frequency):
        for cc in variants:
            form = cc.convert(s)
            if len(form) == 1 and form != s and form not in frequency:
                union(s, form)
    classes: dict[str, list[str]] = {}
    for ch in parent:
        classes.setdefault(find(ch), []).append(ch)
    mapping: dict[str, str] = {}
    for root, members in classes.items():
        members = sorted({root, *members})
        rep = max(members, key=lambda ch: (frequency[ch], -ord(ch)))
        for ch in members:
            if ch != rep:
                mapping[ch] = rep
    return dict(sorted(mapping.items()))


def canonical(text: str, mapping: dict[str, str]) -> str:
    return "".join(mapping.get(ch, ch) for ch in text)


def build_index(doc: Document, simplified: Document, mapping: dict[str, str], home_terms: dict[str, dict]) -> dict:
    """The JSON index for ``doc``'s script; checks that canonicalising it gives the Simplified text."""
    for mine, hans in zip(_texts(doc), _texts(simplified), strict=True):
        if canonical(mine, mapping) != canonical(hans, mapping):
            raise PipelineError(
                f"canonical form of {mine[:20]!r}… differs from the Simplified text", "fix the character map", None
            )
    return {
        "script": doc.script,
        "canon": "".join(k + v for k, v in mapping.items()),
        "terms": home_terms,
        "units": [
            {"u": u.page, "a": u.anchor, "k": u.kind, "c": u.chapter, "t": u.title, "p": [list(p) for p in u.paragraphs]}
            for u in all_units(doc)
        ],
    }
