"""Material's palette toggle handed to the site's own script: ``data-md-component="palette"`` → ``data-qd-palette``.

Material 9.8.1 mounts a palette component on the toggle's ``<form>`` at
start-up. It writes every ``data-md-color-*`` attribute on ``<body>`` whether
it changed or not, and reads the header's computed style to fill the
``theme-color`` meta tag; each read forces a restyle of the whole body, 116 +
98 ms on the glossary under Lighthouse's 4× CPU slowdown (README, Benchmark;
issue 14). ``overrides/assets/javascripts/palette.js`` does the same for the
reader (the toggle, the stored choice in Material's format, the meta tags)
without those forced restyles. Material mounts its component on
``[data-md-component=palette]`` only, so renaming the attribute in every page's
HTML (and the 404 page's, which MkDocs renders as a template) stops it.

The rewrite is exact and loud: each page must contain exactly one form with
Material's markup (:data:`PALETTE_FORM`, from ``partials/palette.html``, whose
digest ``tools/hooks/theme_guard.py`` pins) and as many ``__palette`` radio
inputs as ``mkdocs.yml`` lists palettes; otherwise the build fails with the
file named, so a theme change cannot silently bring Material's component back
or leave the toggle without a script. ``palette.js`` must be in
``extra_javascript``, or the toggle would do nothing.

Material also writes a ``theme-color`` meta tag (the colour of a phone's
browser bar) from the header's computed background. The header is the custom
primary colour in both schemes, a fact of ``qd.css``
(``[data-md-color-primary="custom"]``'s ``--md-primary-fg-color``), so this
hook writes the tag into each page's head from there (:func:`header_colour`),
and nothing reads a computed style for it; ``tests/test_palette.py`` checks it
against the header's colour as Chromium computes it, in both schemes.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError

PALETTE_FORM = '<form class="md-header__option" data-md-component="palette">'
RENAMED_FORM = '<form class="md-header__option" data-qd-palette>'
PALETTE_INPUT = 'name="__palette"'
SCRIPT = "assets/javascripts/palette.js"
STYLESHEET = "assets/stylesheets/qd.css"
VIEWPORT = '<meta name="viewport" content="width=device-width,initial-scale=1">'
CUSTOM_PRIMARY = re.compile(r'\[data-md-color-primary="custom"\]\s*\{([^}]*)\}')
HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3}")


def _declaration(css: str, name: str) -> str | None:
    found = re.search(re.escape(name) + r"\s*:\s*([^;}]+)", css)
    return found.group(1).strip() if found else None


def header_colour(css: str) -> str:
    """The header's background in ``css``: the custom primary colour, one ``var()`` resolved.

    >>> header_colour(':root { --red: #9b1c1c; } [data-md-color-primary="custom"] { --md-primary-fg-color: var(--red); }')
    '#9b1c1c'
    >>> header_colour('[data-md-color-primary="custom"] { --md-primary-fg-color: #abc; }')
    '#abc'
    """
    block = CUSTOM_PRIMARY.search(css)
    value = _declaration(block.group(1), "--md-primary-fg-color") if block else None
    if value and value.startswith("var(") and value.endswith(")"):
        value = _declaration(css, value[4:-1].strip())
    if not value or not HEX_COLOUR.fullmatch(value):
        raise PluginError(
            f"{STYLESHEET}: no hex colour for the header (--md-primary-fg-color in "
            '[data-md-color-primary="custom"], or the custom property it names) — '
            "tools/hooks/palette.py writes it as the theme-color meta tag: keep it a #rrggbb value"
        )
    return value


def palette_renamed(html: str, where: str, options: int, theme_colour: str) -> str:
    """``html`` with Material's palette form renamed and the theme-color tag after the viewport tag.

    Fails (the file named) unless the markup is as expected.

    >>> html = palette_renamed(VIEWPORT + '<form class="md-header__option" data-md-component="palette">'
    ...                        '<input type="radio" name="__palette"></form>', "x.html", 1, "#abc")
    >>> html.split("><")[1:3]
    ['meta name="theme-color" content="#abc"', 'form class="md-header__option" data-qd-palette']
    """
    forms = html.count(PALETTE_FORM)
    inputs = html.count(PALETTE_INPUT)
    if forms != 1 or inputs != options or 'data-md-component="palette"' in html.replace(PALETTE_FORM, ""):
        raise PluginError(
            f"{where}: expected one {PALETTE_FORM} (Material's partials/palette.html) with {options} "
            f"{PALETTE_INPUT} inputs, found {forms} form(s) and {inputs} input(s) — the theme's palette markup "
            "changed: update PALETTE_FORM in tools/hooks/palette.py and check "
            "overrides/assets/javascripts/palette.js against the new markup"
        )
    if html.count(VIEWPORT) != 1 or 'name="theme-color"' in html:
        raise PluginError(
            f"{where}: expected one {VIEWPORT} and no theme-color meta tag, to write the theme colour after "
            "it — the head changed (overrides/main.html, block site_meta): update VIEWPORT in tools/hooks/palette.py"
        )
    html = html.replace(VIEWPORT, f'{VIEWPORT}<meta name="theme-color" content="{theme_colour}">')
    return html.replace(PALETTE_FORM, RENAMED_FORM)


def _options(config) -> int:
    palette = config.theme.get("palette") or []
    return 1 if isinstance(palette, dict) else len(palette)


_theme_colour: str | None = None


def on_config(config):
    global _theme_colour
    if SCRIPT not in [str(s) for s in config.extra_javascript]:
        raise PluginError(
            f"tools/hooks/palette.py hands the palette toggle to {SCRIPT}, which is not in mkdocs.yml's "
            "extra_javascript: add it there (the toggle would do nothing) or remove the hook"
        )
    if any((entry.get("primary") or "") != "custom" for entry in config.theme.get("palette") or []):
        raise PluginError(
            "tools/hooks/palette.py writes the theme-color tag from qd.css's custom primary colour, but a palette "
            "in mkdocs.yml has another primary: set primary: custom (the site's colours are in qd.css)"
        )
    _theme_colour = header_colour((Path(config.theme.custom_dir) / STYLESHEET).read_text(encoding="utf-8"))
    return config


def on_post_page(output, page, config):
    return palette_renamed(output, page.file.dest_uri, _options(config), _theme_colour)


def on_post_template(output_content, template_name, config):
    if template_name != "404.html":
        return output_content
    return palette_renamed(output_content, template_name, _options(config), _theme_colour)
