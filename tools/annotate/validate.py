"""The glossary, the index and the see-also links checked against one script's document.

Every check raises :class:`~tools.errors.PipelineError` naming the data file
and the entry's line: a term or an index form that never occurs (as that
entry), a ``home`` that neither names nor mentions its term, a
``defined_in`` paragraph without the quoted words, a see-also anchor that
does not exist or that contains its own source paragraph.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import PipelineError
from ..model import Chapter, Section

if TYPE_CHECKING:
    from . import Annotations


def validate(a: Annotations) -> None:
    """Check the glossary, the index and the see-also links against ``a.doc``."""
    validate_glossary(a)
    validate_places(a)
    validate_see_also(a)


def validate_glossary(a: Annotations) -> None:
    """Every term occurs in the body text, in its home, and with its quote in ``defined_in``."""
    doc, script, path = a.doc, a.script, a.glossary.path
    occurrences = a.term_occurrences()
    found = {(m.key, m.text) for matches in a.terms.values() for m in matches}
    for t in a.glossary.terms:
        name = f"term {t.term}"
        loc = t.text(script)
        if not occurrences[t.id]:
            raise PipelineError(
                f"{name} never occurs in the body text ({script})",
                "check the spelling against the plan, or remove the entry",
                path,
                t.line,
                1,
            )
        for form in t.aliases:
            if (t.id, loc.forms[t.forms.index(form)]) not in found:
                raise PipelineError(f"{name}: alias {form!r} never occurs as this term", "remove the alias", path, t.line, 1)
        if t.home not in doc.locations:
            raise PipelineError(
                f"{name}: home {t.home!r} does not exist", "use an existing section anchor such as s3-1", path, t.line, 1
            )
        home = doc.locate(t.home)
        titles = [home.node.title] if isinstance(home.node, (Chapter, Section)) else []
        in_home = any(f in title for f in loc.forms for title in titles) or any(
            m.key == t.id for p in home.paragraphs() for m in a.terms[p.anchor]
        )
        if not in_home:
            raise PipelineError(
                f"{name}: home {t.home} neither names nor mentions the term",
                f"choose the section where the plan develops it; it occurs in {', '.join(occurrences[t.id])}",
                path,
                t.line,
                1,
            )
        if t.defined_in is not None:
            if t.defined_in not in doc.locations:
                raise PipelineError(
                    f"{name}: defined_in {t.defined_in!r} does not exist", "use an existing paragraph anchor", path, t.line, 1
                )
            (paragraph,) = doc.locate(t.defined_in).paragraphs()
            for quote in loc.quotes:
                if quote not in paragraph.text:
                    raise PipelineError(
                        f"{name}: quote {quote!r} is not in {t.defined_in} ({script})",
                        "copy the plan's words exactly from that paragraph",
                        path,
                        t.line,
                        1,
                    )
        for ex in loc.excludes:
            if any(ex == f for f in loc.forms):
                raise PipelineError(f"{name}: an exclusion context equals the term", "remove it", path, t.line, 1)


def validate_places(a: Annotations) -> None:
    """Every form of every index entry occurs in the document as that entry."""
    found: dict[str, set[str]] = {p.id: set() for p in a.index.places}
    for matches in a.places.values():
        for m in matches:
            found[m.key].add(m.text)
    for p in a.index.places:
        _, forms, _, _ = p.text(a.script)
        for form, original in zip(forms, p.forms, strict=True):
            if form not in found[p.id]:
                raise PipelineError(
                    f"place {p.name}: form {original!r} never occurs as this entry ({a.script})",
                    "check the spelling, or remove the form (inside a longer indexed name it counts for that one)",
                    a.index.path,
                    p.line,
                    1,
                )


def validate_see_also(a: Annotations) -> None:
    """Every source and target of the see-also links exists, and no target contains its source."""
    where = a.doc.locations
    for s in a.see_also:
        if s.source not in where:
            raise PipelineError(
                f"see-also {s.id}: source {s.source} does not exist", "use an existing paragraph anchor", s.path, s.line, 1
            )
        source = where[s.source].node
        for t in s.targets:
            if t not in where:
                raise PipelineError(
                    f"see-also {s.id}: target {t} does not exist",
                    "use an existing chapter, section or paragraph anchor",
                    s.path,
                    s.line,
                    1,
                )
            if source in where[t].paragraphs():
                raise PipelineError(
                    f"see-also {s.id}: target {t} contains the source paragraph {s.source}",
                    "point to another part of the plan",
                    s.path,
                    s.line,
                    1,
                )
