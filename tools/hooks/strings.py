"""Interface strings from ``tools/ui.py`` into each script's build.

``mkdocs.yml`` holds no interface string: MkDocs requires a ``site_name`` and
mkdocs-static-i18n a ``name`` per language, and both are placeholders there.
This hook sets, from the one table and the document model:

* ``on_config`` (before mkdocs-static-i18n, which builds the language
  switcher from them once): the language names, each in its own script;
* ``on_pre_build`` (after mkdocs-static-i18n has set the build's language):
  the site's name (the document's title), description, author and copyright,
  the palette toggles' names and the permalinks' title;
* ``on_env``: ``ui`` (every string of the build's script) for the templates in
  ``overrides/``, and ``qd_ui_json`` (the strings ``qd.js`` reads, with the
  document's title) that ``overrides/main.html`` inlines in every page as
  ``<script type="application/json" id="qd-ui">``. Globals of the build's
  template environment, so the 404 page has them too.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

# MkDocs loads hooks by file path; under the plain `mkdocs` command the project
# is not on sys.path (python -m tools build has it there already).
ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tools import ui  # noqa: E402
from tools.hooks.documents import load_document  # noqa: E402


class TemplateStrings(dict):
    """One script's strings as the templates read them (``ui.search_close``): a name that is
    not in the table stops the build, where Jinja would print an empty string."""

    def __getattr__(self, key: str) -> str:
        if key.startswith("_"):
            raise AttributeError(key)
        try:
            return self[key]
        except KeyError:
            raise PluginError(
                f"a template reads ui.{key}, which is not in tools/ui.py's STRINGS — "
                "add it there in both scripts, or correct the name in overrides/"
            ) from None


def _facts(config, script: str) -> dict[str, str]:
    doc = load_document(config, script)
    return {"title": doc.title, "issuer": doc.notice.issuer, "number": doc.notice.number}


@event_priority(10)  # before mkdocs-static-i18n (-100)
def on_config(config):
    i18n = config.plugins.get("i18n")
    if i18n is not None:
        for language in i18n.config.languages:
            language.name = ui.t("language_name", language.locale)
    return config


def on_pre_build(config):
    script = config.theme["language"]
    author = load_document(config, script).notice.issuer
    for key, value in ui.site_config(script, _facts(config, script), author).items():
        config[key] = value
    for entry in config.theme["palette"]:
        # each toggle names the scheme it switches to
        key = "palette_to_light" if entry["scheme"] == "slate" else "palette_to_dark"
        entry["toggle"]["name"] = ui.t(key, script)
    config.mdx_configs["toc"]["permalink_title"] = ui.t("permalink_title", script)


def on_env(env, config, files):
    script = config.theme["language"]
    facts = _facts(config, script)
    env.globals["ui"] = TemplateStrings(ui.strings(script, **facts))
    env.globals["qd_ui_json"] = ui.script_json(script, facts["title"])
    return env
