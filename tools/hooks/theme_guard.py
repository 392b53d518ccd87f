"""Fail the build loudly if the theme internals this site depends on changed.

``overrides/partials/header.html`` is a modified copy of mkdocs-material's
header; ``overrides/partials/qd-search.html`` reuses its search markup and CSS
classes; ``overrides/assets/javascripts/palette.js`` replaces its palette
component and works with its palette markup and stored format. A theme upgrade that changes them must be reviewed, not absorbed
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
# sha256 of the theme templates that overrides/ copies from, in the pinned version:
# partials/header.html (copied with search replaced), base.html (site_meta
# block copied without hreflang links, see overrides/main.html) and
# partials/copyright.html (copied with the link to 本版说明); and the palette
# toggle's markup, the head script that applies a stored palette and the
# storage helpers (__md_get/__md_set), which overrides/assets/javascripts/palette.js
# works with in place of Material's palette component (tools/hooks/palette.py).
TEMPLATE_SHA256 = {
    "partials/header.html": "8cf3fb15bcf969ff596649616fd99366b3c31c08d57a86d05308efc16d8fa75f",
    "base.html": "8536d352b0093623df9e0032894f321cbe264b15a9b48cdd962583772455dadb",
    "partials/copyright.html": "bc86bca3bf75070fe5d72e2a3463bdddf87c10f4d6459c945fe81c5d384e35ea",
    "partials/palette.html": "fb935107ae7d3d7475965019eec36c1ad72bf1d154254dab2474921fcd2710e3",
    "partials/javascripts/palette.html": "8790389765ea6036effddba548b15093bb05bdc75624eaeaf8b13f3c24be4ab5",
    "partials/javascripts/base.html": "d6113712bc4deb30b4bd810ee0dfc28b6f04d2f88cc0016c0f1766eac7b762b6",
}


@event_priority(100)
def on_config(config):
    found = version("mkdocs-material")
    if found != PINNED_VERSION:
        raise PluginError(
            f"mkdocs-material {found} is installed, the site is built against {PINNED_VERSION}: "
            "install the pinned version (make venv), or review overrides/partials/header.html "
            "against the new theme and update tools/hooks/theme_guard.py"
        )
    templates = Path(material.__file__).parent / "templates"
    for name, expected in TEMPLATE_SHA256.items():
        digest = hashlib.sha256((templates / name).read_bytes()).hexdigest()
        if digest != expected:
            raise PluginError(
                f"the theme's {name} changed (sha256 {digest[:12]}…): re-apply the project's changes "
                "in overrides/ (header.html, main.html, assets/javascripts/palette.js) and update TEMPLATE_SHA256 "
                "in tools/hooks/theme_guard.py"
            )
    return config
