"""The site's search index: the plan's own text, per script, with a character map.

Search is exact substring matching, run in the browser by
``assets/javascripts/qd.js`` on this index. Units are what a reader lands on:
the notice, each chapter's introduction and each section. A query is split
into words at spaces and punctuation (any character that is not a letter,
digit, mark or CJK radical; a full stop between digits belongs to the
number: PM2.5), and
a unit matches when every word occurs, contiguously, in its title or in one
of its paragraphs, both compared in the *canonical* form. Ranking (done in
the browser): the section a glossary term calls home first, then a match in
the title, then a match in a lead sentence, then by number of occurrences.

The canonical form maps every character to the representative of its class.
Both scripts' texts are aligned character for character (the converter checks
it), so the characters that stand for each other in this document form
classes (发/發, 着/著, 干/幹/乾); the pairs of ``source/search-variants.tsv``
(OpenCC's default Traditional forms and Hong Kong and Taiwan variants, 綫 and
衞 and 峯; full-width forms, radicals and ASCII case, derived by
``python -m tools.variants``) join them. Under the map any query and either
script's text become the same canonical string, which is checked here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from . import ui
from .data.glossary import Term, load_glossary
from .data.readers import read_tsv
from .errors import PipelineError
from .model import Document
from .paths import SOURCE

VARIANTS = SOURCE / "search-variants.tsv"


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
    page = doc.locate(n.anchor).path
    yield Unit(page, n.anchor, "notice", "", n.heading, tuple((part.anchor, part.text, 0) for part in n.parts))
    for c in doc.chapters:
        page = doc.locate(c.anchor).path
        yield Unit(page, c.anchor, "chapter", c.heading, c.heading, tuple((p.anchor, p.text, len(p.lead)) for p in c.intro))
        for s in c.sections:
            yield Unit(
                page, s.anchor, "section", c.heading, s.heading, tuple((p.anchor, p.text, len(p.lead)) for p in s.paragraphs)
            )


def glossary_units(terms: tuple[Term, ...], script: str) -> Iterator[Unit]:
    """One unit per glossary entry (on the neutral glossary page), term as title."""
    for entry in terms:
        loc = entry.text(script)
        paras = [(entry.anchor, loc.short, 0)] + ([(entry.anchor, loc.explanation, 0)] if loc.explanation else [])
        where = f"{ui.t('glossary_title', script)} · {loc.category}"
        yield Unit("glossary/", entry.anchor, "term", where, loc.term, tuple(paras))


def all_units(doc: Document, terms: tuple[Term, ...]) -> Iterator[Unit]:
    """The plan's units, then the glossary's."""
    yield from units(doc)
    yield from glossary_units(terms, doc.script)


def _texts(doc: Document, terms: tuple[Term, ...]) -> Iterator[str]:
    for u in all_units(doc, terms):
        yield u.chapter
        yield u.title
        for _, text, _ in u.paragraphs:
            yield text


def load_variants(path: Path = VARIANTS) -> tuple[tuple[str, str], ...]:
    """The variant pairs of ``source/search-variants.tsv`` (derived by ``python -m tools.variants``)."""
    pairs = []
    for row in read_tsv(path, ("char", "variant", "source")):
        char, variant = row.cells["char"], row.cells["variant"]
        if len(char) != 1 or len(variant) != 1 or char == variant:
            column = "char" if len(char) != 1 else "variant"
            raise row.error(
                column,
                f"{char!r} / {variant!r} is not a pair of two different characters",
                "regenerate the table with python -m tools.variants",
                path,
            )
        pairs.append((char, variant))
    return tuple(pairs)


def canonical_map(
    simplified: Document,
    traditional: Document,
    variants: Iterable[tuple[str, str]],
    terms: tuple[Term, ...] | None = None,
) -> dict[str, str]:
    """Map characters to a canonical form shared by both scripts and by the variants readers type.

    Characters that stand for each other anywhere in this document (发/發,
    and also 着/著, since Taiwan writes 著 for both) form one class, and so do
    the ``variants`` pairs (OpenCC's default Traditional forms and Hong Kong
    and Taiwan variants 签/籤, 線/綫, full-width and case forms Ｐ/P/p, …). Of
    the classes, those that hold a character of the document are kept (every
    character of the Traditional text is in the Simplified text or in the
    class of the one it stands for); every member maps to one
    representative, the class's most frequent Simplified character (the
    smallest code point on a tie). Applying the map to either script's text
    gives the same canonical string, which :func:`build_index` checks.
    The glossary's ``terms`` are read from ``source/glossary.yml`` when not given.
    """
    terms = load_glossary() if terms is None else terms
    parent: dict[str, str] = {}

    def find(ch: str) -> str:
        while parent.get(ch, ch) != ch:
            ch = parent[ch]
        return ch

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for hans, hant in zip(_texts(simplified, terms), _texts(traditional, terms), strict=True):
        if len(hans) != len(hant):
            raise PipelineError("Simplified and Traditional texts are not aligned", "check tools/text/convert.py")
        for s, t in zip(hans, hant, strict=True):
            if s != t:
                union(s, t)
    for a, b in variants:
        union(a, b)
    frequency = Counter(ch for text in _texts(simplified, terms) for ch in text)
    classes: dict[str, list[str]] = {}
    for ch in parent:
        classes.setdefault(find(ch), []).append(ch)
    mapping: dict[str, str] = {}
    for root, members in classes.items():
        members = sorted({root, *members})
        if frequency.keys().isdisjoint(members):
            continue
        rep = max(members, key=lambda ch: (frequency[ch], -ord(ch)))
        for ch in members:
            if ch != rep:
                mapping[ch] = rep
    return dict(sorted(mapping.items()))


def canonical(text: str, mapping: dict[str, str]) -> str:
    return "".join(mapping.get(ch, ch) for ch in text)


def utf16_length(text: str) -> int:
    """Length in UTF-16 code units, as the browser counts (𢧐 is 2).

    >>> utf16_length("线綫"), utf16_length("𢧐")
    (2, 2)
    """
    return len(text.encode("utf-16-le")) // 2


def build_index(
    doc: Document,
    simplified: Document,
    mapping: dict[str, str],
    home_terms: dict[str, dict],
    terms: tuple[Term, ...] | None = None,
) -> dict:
    """The JSON index for ``doc``'s script.

    Checks that canonicalising it gives the canonical Simplified text, and that
    every character of the text keeps its length in the browser's UTF-16 when
    canonicalised (the browser marks matches in the text at their canonical
    offsets). The glossary's ``terms`` are read from ``source/glossary.yml`` when not given.
    """
    terms = load_glossary() if terms is None else terms
    for mine, hans in zip(_texts(doc, terms), _texts(simplified, terms), strict=True):
        if canonical(mine, mapping) != canonical(hans, mapping):
            raise PipelineError(f"canonical form of {mine[:20]!r}… differs from the Simplified text", "fix the character map")
        for ch in set(mine) & mapping.keys():
            if utf16_length(ch) != utf16_length(mapping[ch]):
                raise PipelineError(
                    f"{ch!r} in the text maps to {mapping[ch]!r} of another UTF-16 length",
                    "keep the pair out of source/search-variants.tsv, or map within the same plane",
                )
    return {
        "script": doc.script,
        "canon": "".join(k + v for k, v in mapping.items()),
        "terms": home_terms,
        "units": [
            {"u": u.page, "a": u.anchor, "k": u.kind, "c": u.chapter, "t": u.title, "p": [list(p) for p in u.paragraphs]}
            for u in all_units(doc, terms)
        ],
    }
