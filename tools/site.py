"""Everything the converter generates into ``docs/``, for both scripts."""

from __future__ import annotations

import json

from .model import ABOUT, Document
from .paths import SCRIPTS
from .pipeline import Result
from .render.about import render_about
from .render.entries import render_glossary_page, render_places_page
from .render.links import MAP_PAGE, see_also_notes, term_links
from .render.map import THUMB_CAPTION, THUMB_WIDTH, THUMBNAIL, Projection, map_names, map_thumbnail, render_map_page
from .render.pages import render_pages


def model_json(doc: Document) -> str:
    """The document model as JSON: the data file pages and PDFs are built from."""
    return json.dumps(doc.to_dict(), ensure_ascii=False, indent=1) + "\n"


def generated_files(result: Result) -> dict[str, str]:
    """Relative path under ``docs/`` → content, for every generated file."""
    files: dict[str, str] = {}
    geo = result.curated.map
    thumb_size = (THUMB_WIDTH, Projection(THUMB_WIDTH).height + THUMB_CAPTION)
    for script, doc in zip(SCRIPTS, (result.simplified, result.traditional), strict=True):
        annotations = result.annotations[script]  # found and validated once, by the pipeline
        marks = result.emendations
        emended = frozenset(m.anchor for m in marks)
        pages = render_pages(doc, term_links(annotations, marks), see_also_notes(annotations), emended, thumb_size)
        for name, text in pages.items():
            files[f"{script}/{name}"] = text
        files[f"{script}/glossary.md"] = render_glossary_page(annotations)
        files[f"{script}/places.md"] = render_places_page(annotations, geo.on_map())
        files[f"{script}/{MAP_PAGE}"] = render_map_page(doc, geo, map_names(geo, annotations.index.places, script))
        files[f"{script}/{THUMBNAIL}"] = map_thumbnail(geo, script)
        files[f"{script}/document.json"] = model_json(doc)
        files[f"{script}/{ABOUT}.md"] = render_about(
            doc, result.simplified, result.cleaned, result.report, result.curated, result.emendations
        )
    return files
