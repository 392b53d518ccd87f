"""Everything the converter generates into ``docs/``, for both scripts."""

from __future__ import annotations

import json

from .data.glossary import link_terms, render_glossary_page
from .data.places import render_places_page, render_see_also, validate
from .model import Document
from .paths import SCRIPTS
from .pipeline import Result
from .render.pages import render_pages


def model_json(doc: Document) -> str:
    """The document model as JSON: the data file pages and PDFs are built from."""
    return json.dumps(doc.to_dict(), ensure_ascii=False, indent=1) + "\n"


def generated_files(result: Result) -> dict[str, str]:
    """Relative path under ``docs/`` → content, for every generated file."""
    files: dict[str, str] = {}
    for script, doc in zip(SCRIPTS, (result.simplified, result.traditional), strict=True):
        validate(doc)  # glossary, index and see-also targets all resolve, or the build stops
        for name, text in render_pages(doc, inline=link_terms, after=render_see_also).items():
            files[f"{script}/{name}"] = text
        files[f"{script}/glossary.md"] = render_glossary_page(doc)
        files[f"{script}/places.md"] = render_places_page(doc)
        files[f"{script}/document.json"] = model_json(doc)
    return files
