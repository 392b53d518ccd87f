"""The head metadata of a page: Highwire ``citation_*`` tags and schema.org JSON-LD.

The values come from :mod:`tools.model.cite`; this module only writes them as
HTML. Every page carries them: a chapter page describes its chapter, every
other page (home, glossary, index, 本版说明) the whole plan.
"""

from __future__ import annotations

import html
import json

from ..model.cite import Work, highwire, json_ld


def head_html(work: Work, other: Work, base: str | None) -> str:
    """``<meta name="citation_…">`` tags and one ``<script type="application/ld+json">``."""
    tags = [f'<meta name="{name}" content="{html.escape(value)}">' for name, value in highwire(work, base)]
    data = json.dumps(json_ld(work, other, base), ensure_ascii=False, separators=(",", ":"))
    # "</" would end the script element; JSON allows "<\/" for it.
    data = data.replace("</", "<\\/")
    tags.append(f'<script type="application/ld+json">{data}</script>')
    return "\n  ".join(tags)
