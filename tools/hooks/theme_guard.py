"""Fail the build loudly if the theme internals this site depends on changed.

``overrides/partials/header.html`` is a modified copy of mkdocs-material's
header; ``overrides/partials/qd-search.html`` reuses its search markup and CSS
classes. A theme upgrade that changes them must be reviewed, not absorbed
silently, so the build checks the theme version and the original template.
Runs first (priority 100) so nothing else is built on a drifted theme.
"""

from __future__ import annotations

import hashlib
from importlib.metadata import version
from pathlib import Path

import material
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

PINNED_VERSION = "9.8.1"
# sha256 of material/templates/partials/header.html in the pinned version.
HEADER_SHA256 = "8cf3fb15bcf969ff596649616fd99366b3c31c08d57a86d05308efc16d8fa75f"


@event_priority(100)
def on_config(config):
    found = version("mkdocs-material")
    if found != PINNED_VERSION:
        raise PluginError(
            f"mkdocs-material {found} is installed, the site is built against {PINNED_VERSION}: "
            "install the pinned version (make venv), or review overrides/partials/header.html "
            "against the new theme and update tools/hooks/theme_guard.py"
        )
    header = Path(material.__file__).parent / "templates" / "partials" / "header.html"
    digest = hashlib.sha256(header.read_bytes()).hexdigest()
    if digest != HEADER_SHA256:
        raise PluginError(
            f"{header} changed (sha256 {digest[:12]}…): re-apply the search change to "
            "overrides/partials/header.html and update HEADER_SHA256 in tools/hooks/theme_guard.py"
        )
    return config
