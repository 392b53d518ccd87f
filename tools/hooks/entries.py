"""The entries' permalinks on the glossary and the index: named by ``aria-label``, not ``title``.

With ``content.tooltips`` Material mounts a JavaScript tooltip on every element
of the page that has a ``title`` (``[title]:not([data-preview])``), at start-up,
each one a set of subscriptions. The glossary's 127 and the index's 98 entry
headings each end with the toc extension's permalink (``#``, titled 本节链接),
so those pages mounted 135 and 106 tooltips: about 200 ms of script under
Lighthouse's 4× CPU slowdown, most of the glossary's remaining blocking time
once its entries' layout is skipped (README, Benchmark; issue 14). The entries'
permalinks keep their name for assistive technology as ``aria-label`` (the same
string, :data:`tools.ui.STRINGS` ``permalink_title``) and lose only the hover
tooltip that says "link to this section"; the page's title, its groups' headings
and every other page keep theirs.

The rewrite is exact: it touches only the permalink the toc extension appends
to an ``<h3>`` of class ``term-entry`` or ``place-entry``
(:func:`tools.render.entries.render_term`, :func:`~tools.render.entries.render_place`)
and fails the build if such a page has entries but none matched, so a change
in the toc extension's markup cannot silently bring the tooltips back.
"""

from __future__ import annotations

import re

from mkdocs.exceptions import PluginError

ENTRY_HEADING = re.compile(
    r'(<h3 class="(?:term|place)-entry" id="[^"]+">[^<]*<a class="headerlink" href="#[^"]+") title="([^"]*)"(>)'
)
ENTRY_CLASSES = ('class="term-entry"', 'class="place-entry"')


def entry_permalinks_labelled(html: str) -> tuple[str, int]:
    """``html`` with each entry heading's permalink ``title`` turned into ``aria-label``; and how many.

    >>> entry_permalinks_labelled('<h3 class="term-entry" id="t-a">甲<a class="headerlink" href="#t-a" title="链">#</a></h3>')
    ('<h3 class="term-entry" id="t-a">甲<a class="headerlink" href="#t-a" aria-label="链">#</a></h3>', 1)
    >>> entry_permalinks_labelled('<h2 id="s1">甲<a class="headerlink" href="#s1" title="本节链接">#</a></h2>')[1]
    0
    """
    return ENTRY_HEADING.subn(r'\1 aria-label="\2"\3', html)


def on_page_content(html, page, config, files):
    headings = sum(html.count(c) for c in ENTRY_CLASSES)
    if not headings:
        return html
    html, n = entry_permalinks_labelled(html)
    if n != headings:
        raise PluginError(
            f"{page.file.src_uri}: {headings} entry headings but {n} permalinks relabelled — "
            "the toc extension's permalink markup changed; update ENTRY_HEADING in tools/hooks/entries.py"
        )
    return html
