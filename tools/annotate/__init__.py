"""Stage 8 — annotate: where the glossary's terms and the index's places occur, found once per script.

:func:`annotate` runs the one matcher (:mod:`tools.annotate.matcher`) over
every paragraph of a document for the terms and for the places, validates the
curated glossary, index and see-also links against that document
(:mod:`tools.annotate.validate`), and returns the :class:`Annotations` the
renderers read: the term links, the backlinks of the glossary and index
pages, the see-also notes. The pipeline calls it once per script.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..data import Curated
from ..data.glossary import Glossary, Term
from ..data.places import Place, Places, SeeAlso
from ..model import Document
from .matcher import Match, Matcher, Pattern
from .validate import validate


def term_matcher(terms: tuple[Term, ...], script: str) -> Matcher:
    """The matcher for every form of ``terms`` in ``script``."""
    patterns = []
    for t in terms:
        loc = t.text(script)
        patterns += [Pattern(form, t.id, loc.excludes) for form in loc.forms]
    return Matcher(patterns)


def place_matcher(places: tuple[Place, ...], script: str) -> Matcher:
    """The matcher for every form of the index entries ``places`` in ``script``."""
    patterns = []
    for p in places:
        _, forms, _, excludes = p.text(script)
        patterns += [Pattern(f, p.id, excludes) for f in forms]
    return Matcher(patterns)


@dataclass(frozen=True)
class Annotations:
    """The terms and places of one script's document, by paragraph anchor, and the curated data they come from."""

    doc: Document
    glossary: Glossary
    index: Places
    see_also: tuple[SeeAlso, ...]
    terms: Mapping[str, tuple[Match, ...]]  # paragraph anchor → the term matches in its text
    places: Mapping[str, tuple[Match, ...]]  # paragraph anchor → the place matches in its text

    @property
    def script(self) -> str:
        return self.doc.script

    def term_occurrences(self) -> dict[str, list[str]]:
        """Term id → anchors of the paragraphs it occurs in, in document order (an empty list if none)."""
        return _occurrences([t.id for t in self.glossary.terms], self.terms)

    def term_counts(self) -> dict[str, int]:
        """Term id → number of linked occurrences in the body text."""
        counts = {t.id: 0 for t in self.glossary.terms}
        for matches in self.terms.values():
            for m in matches:
                counts[m.key] += 1
        return counts

    def place_occurrences(self) -> dict[str, list[str]]:
        """Place id → anchors of the paragraphs that mention it, in document order."""
        return _occurrences([p.id for p in self.index.places], self.places)

    def see_also_after(self, anchor: str) -> tuple[SeeAlso, ...]:
        """The see-also entries shown after the paragraph ``anchor``, in data-file order."""
        return tuple(s for s in self.see_also if s.source == anchor)


def _occurrences(keys: list[str], found: Mapping[str, tuple[Match, ...]]) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {k: [] for k in keys}
    for anchor, matches in found.items():
        for m in matches:
            anchors = result[m.key]
            if not anchors or anchors[-1] != anchor:
                anchors.append(anchor)
    return result


def find(doc: Document, glossary: Glossary, index: Places, see_also: tuple[SeeAlso, ...]) -> Annotations:
    """Match the terms and the places in every paragraph of ``doc``, without validating."""
    terms, places = term_matcher(glossary.terms, doc.script), place_matcher(index.places, doc.script)
    return Annotations(
        doc,
        glossary,
        index,
        see_also,
        {p.anchor: tuple(terms.find(p.text)) for p in doc.paragraphs()},
        {p.anchor: tuple(places.find(p.text)) for p in doc.paragraphs()},
    )


def annotate(doc: Document, curated: Curated) -> Annotations:
    """The annotations of ``doc``, validated: raise PipelineError naming the data file and entry if they do not hold."""
    annotations = find(doc, curated.glossary, curated.places, curated.see_also)
    validate(annotations)
    return annotations
