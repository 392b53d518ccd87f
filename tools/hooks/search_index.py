"""Write the search index of each script into the built site (``search/<script>.json``).

Runs after the build (``on_post_build``) from the document models in
``docs/<script>/document.json``, so the index holds exactly the text the
pages show and nothing re-parsed from HTML. With mkdocs-static-i18n the event
fires once per language build, and each call writes that language's index
(the character map needs both models either way).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

# MkDocs loads hooks by file path; under the plain `mkdocs` command the project
# is not on sys.path (python -m tools build has it there already).
ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tools.errors import PipelineError  # noqa: E402
from tools.hooks.documents import load_document  # noqa: E402
from tools.search import build_index, canonical_map, load_variants  # noqa: E402


def _glossary() -> tuple:
    """The glossary's terms (read once per build of a script), or none when there is no glossary."""
    from tools.paths import SOURCE

    if not (SOURCE / "glossary.yml").exists():
        return ()
    from tools.data.glossary import load_glossary

    return load_glossary()


def _home_terms(terms: tuple) -> dict[str, dict]:
    """Each glossary form (Simplified) → the section where the plan develops the
    term, and all the term's forms (term and aliases)."""
    return {form: {"home": t.home, "forms": list(t.forms)} for t in terms if t.home for form in t.forms}


def on_post_build(config):
    try:
        hans, hant = load_document(config, "zh-Hans"), load_document(config, "zh-Hant")
        terms = _glossary()
        mapping = canonical_map(hans, hant, load_variants(), terms=terms)
        out = Path(config.site_dir)
        # The i18n plugin builds zh-Hant into <site>/zh-Hant; write at the root.
        if out.name == "zh-Hant":
            out = out.parent
        (out / "search").mkdir(parents=True, exist_ok=True)
        doc = hant if config.theme["language"] == "zh-Hant" else hans
        index = build_index(doc, hans, mapping, _home_terms(terms), terms=terms)
        text = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
        (out / "search" / f"{doc.script}.json").write_text(text, encoding="utf-8")
    except PipelineError as exc:
        raise PluginError(f"search index: {exc}") from None
