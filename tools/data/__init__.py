"""Curated data: every file in ``source/``, read by one loader and validated into typed records.

:mod:`tools.data.readers` reads YAML and TSV keeping the line and column of
every value; :mod:`tools.data.source` holds the records of the pipeline's own
files (errata, removals, manifest, provenance, override tables, lead
sentences), :mod:`tools.data.glossary` and :mod:`tools.data.places` those of
the glossary, the index and the see-also links, :mod:`tools.data.map` the map's. A malformed value anywhere
stops the build with ``file:line:col: entry: what is wrong — how to fix it``.

:func:`load_curated` reads all of them once, at the start of a conversion;
the stages get what they need from the :class:`Curated` it returns.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import glossary, places, source
from . import map as map_data


@dataclass(frozen=True)
class Curated:
    """Every curated file, loaded and validated."""

    errata: tuple[source.Erratum, ...]
    removals: source.Removals
    manifest: source.Manifest
    provenance: source.Provenance
    lead_sentences: dict[str, str]
    t2s: tuple[source.Override, ...]
    s2tw: tuple[source.Override, ...]
    glossary: glossary.Glossary
    ignored: tuple[glossary.Ignored, ...]
    places: places.Places
    see_also: tuple[places.SeeAlso, ...]
    map: map_data.MapData


def load_curated() -> Curated:
    """Load and validate every curated file in ``source/``, so a malformed value stops the build first."""
    index = places.load_places()
    return Curated(
        errata=source.errata(),
        removals=source.removals(),
        manifest=source.manifest(),
        provenance=source.provenance(),
        lead_sentences=source.lead_sentences(),
        t2s=source.overrides(source.T2S_OVERRIDES),
        s2tw=source.overrides(source.S2TW_OVERRIDES),
        glossary=glossary.load(),
        ignored=glossary.load_ignore(),
        places=index,
        see_also=places.load_see_also(),
        map=map_data.load_map({p.id for p in index.places}),
    )
