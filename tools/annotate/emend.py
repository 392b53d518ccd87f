"""Where the curated errata sit in the document: the repaired spans, by paragraph and offset.

OpenCC converts character for character, and cleaning keeps raw line numbers,
so an erratum's repaired text (in the raw page's Traditional form) is found in
the cleaned text of its raw line; its offset there is its offset in the
paragraph of that line, in both scripts. The pages mark these spans
(:func:`tools.render.links.term_links`); the page 本版说明 lists them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import PipelineError
from ..model import Document

if TYPE_CHECKING:
    from ..data.source import Erratum


@dataclass(frozen=True)
class Emendation:
    """The repaired span of erratum ``erratum`` in the paragraph ``anchor``: ``text[start:end]``."""

    erratum: str
    anchor: str
    start: int
    end: int


def emendations(doc: Document, cleaned: str, errata: tuple[Erratum, ...]) -> tuple[Emendation, ...]:
    """Every erratum's span in ``doc`` (either script); an erratum that cannot be placed exactly stops the build."""
    lines = cleaned.split("\n")
    by_line = {p.line: p for p in doc.paragraphs()}
    out = []
    for e in errata:
        p = by_line.get(e.line)
        text = lines[e.line - 1].strip() if 0 < e.line <= len(lines) else ""
        if p is None or len(text) != len(p.text) or text.count(e.repaired) != 1:
            raise PipelineError(
                f"erratum {e.id}: its repaired text is not once in the paragraph of line {e.line}",
                "check line and repaired in source/errata.yml",
            )
        start = text.index(e.repaired)
        out.append(Emendation(e.id, p.anchor, start, start + len(e.repaired)))
    return tuple(out)
