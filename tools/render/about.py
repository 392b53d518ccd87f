"""The page 本版说明 / 本版說明 (``about.md``): what this edition is, every change, how to check it.

Every count comes from the conversion report or the curated data; every
erratum and override occurrence links to its paragraph through
:meth:`tools.model.Document.locate`. The spam line is described, never
reproduced. ``@SITE_URL@`` is replaced at build time by the address the
build used (tools/hooks/edition.py), since ``docs/`` does not depend on it.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from ..annotate.emend import Emendation
from ..data import Curated
from ..model import Document, site_path
from ..text.convert import Converter
from ..ui import t
from . import front_matter

if TYPE_CHECKING:
    from ..pipeline import Report

SITE_URL_TOKEN = "@SITE_URL@"
# The raw source quoted as scraped (garbled spans, page chrome, examples of pinyin and
# "?"): tests/test_pages_clean.py sets these aside and checks each against the raw file.
RAW_CLASS = "qd-raw"

# The page's prose, from the one table of interface strings (tools/ui.py).
KEYS = (
    "about_status",
    "about_official",
    "about_made",
    "about_made_intro",
    "about_emendations",
    "about_emendations_intro",
    "about_cols_e",
    "about_removed",
    "about_removed_intro",
    "about_cols_r",
    "about_spam",
    "about_spam_text",
    "about_chrome",
    "about_pinyin",
    "about_labels",
    "about_punct",
    "about_t2s",
    "about_s2tw",
    "about_cols_o",
    "about_check",
    "about_sha",
    "about_sums",
    "about_site_url",
    "about_commands",
    "about_none",
    "about_card",
    "about_pinyin_title",
    "about_punct_title",
)
PAGE = "about.md"
COMMAND = "SITE_URL=… make build && (cd site && sha256sum -c SHA256SUMS)"


def _table(header: tuple[str, ...], rows: list[list[str]]) -> str:
    """An HTML table (cells already escaped): Markdown tables cannot hold the raw page's characters safely."""
    head = "".join(f"<th>{h}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table class="qd-about-table">\n<thead><tr>{head}</tr></thead>\n<tbody>{body}</tbody>\n</table>\n'


def _link(doc: Document, anchor: str) -> str:
    loc = doc.locate(anchor)
    return f'<a href="../{loc.path}#{anchor}">{html.escape(loc.citation)}</a>'


def override_sites(doc: Document, simplified: Document, cleaned: str, curated: Curated) -> list[tuple[object, list[str]]]:
    """Every override row of ``doc``'s script's conversion with the anchors it fires in, once per firing.

    A second application of each row alone: t2s on the cleaned text of each
    paragraph's raw line, s2tw on each paragraph, heading and notice part of the
    Simplified document. ``"top"`` stands for the title and the document card.
    """
    lines = cleaned.split("\n")
    if doc.script == "zh-Hans":
        table, name = curated.t2s, "t2s"
        texts = [(p.anchor, lines[p.line - 1]) for p in simplified.paragraphs()]
        texts += [(c.anchor, lines[c.line - 1]) for c in simplified.chapters]
        texts += [(s.anchor, lines[s.line - 1]) for s in simplified.sections()]
    else:
        table, name = curated.s2tw, "s2tw"
        texts = [("top", simplified.title)] + [("top", x) for f in simplified.metadata for x in (f.label, f.value)]
        texts += [("notice", simplified.notice.heading)] + [(p.anchor, p.text) for p in simplified.notice.parts]
        texts += [(c.anchor, c.title) for c in simplified.chapters]
        texts += [(s.anchor, s.title) for s in simplified.sections()] + [(p.anchor, p.text) for p in simplified.paragraphs()]
    out = []
    for row in table:
        sites = []
        for anchor, text in texts:
            conv = Converter(name, (row,))
            conv(text)
            sites += [anchor] * conv.fired[row]
        out.append((row, sites))
    return out


def render_about(
    doc: Document, simplified: Document, cleaned: str, report: Report, curated: Curated, marks: tuple[Emendation, ...]
) -> str:
    """Markdown of the page 本版说明 in ``doc``'s script."""
    script = doc.script
    s = {k.removeprefix("about_"): t(k, script) for k in KEYS}
    steps = report.steps
    prov = curated.provenance
    out = [front_matter(t("about_title", script), doc), f"# {t('about_title', script)} {{ #about }}\n"]
    status = s["status"].format(
        title=doc.title,
        authority=doc.notice.issuer,
        number=doc.notice.number,
        written=doc.field("date_written"),
        published=doc.field("date_published"),
    )
    out.append(f'<p class="qd-status" id="status">{html.escape(status)}</p>\n')
    if prov.official_url:
        url = html.escape(prov.official_url)
        out.append(f'<p id="official-url">{s["official"]}<a href="{url}">{url}</a></p>\n')
    out.append(f"## {s['made']} {{ #made }}\n\n{s['made_intro']}\n")

    out.append(f"### {s['emendations'].format(n=steps['repair_mojibake'])} {{ #emendations }}\n\n{s['emendations_intro']}\n")
    by_id = {m.erratum: m for m in marks}
    rows = []
    for e in curated.errata:
        m = by_id[e.id]
        garbled = "".join(e.unfold.get(c, c) for c in e.garbled)
        hexbytes = garbled.encode("gb18030").hex(" ").upper()
        repaired = doc.locate(m.anchor).node.text[m.start : m.end]  # type: ignore[union-attr]
        quoted = f'<code class="{RAW_CLASS}">{html.escape(e.garbled)}</code>'
        lost = f"<code>{e.lost_lead.hex().upper()}</code>"
        rows.append([e.id, _link(doc, m.anchor), quoted, f"<code>{hexbytes}</code>", lost, html.escape(repaired)])
    out.append(_table(tuple(s["cols_e"].split("|")), rows))

    removed = curated.removals.lines
    out.append(f"### {s['removed'].format(n=len(removed))} {{ #removed }}\n\n{s['removed_intro']}\n")
    rows = []
    for part, line, text, _reason in removed:
        if part == "leading":
            rows.append([str(line), str(len(text)), s["spam"], s["spam_text"]])
        else:
            rows.append(
                [str(line), str(len(text.strip())), s["chrome"], f'<code class="{RAW_CLASS}">{html.escape(text.strip())}</code>']
            )
    out.append(_table(tuple(s["cols_r"].split("|")), rows))

    chrome = sum(text.count("(") for part, _l, text, _r in removed if part == "trailing")
    out.append(f"### {s['pinyin_title']} {{ #pinyin }}\n")
    out.append(s["pinyin"].format(n=steps["strip_pinyin"], chrome=chrome) + "\n")
    out.append(f"### {s['punct_title']} {{ #punctuation }}\n")
    out.append(
        s["punct"].format(n=steps["normalise_punctuation"]) + "\n\n" + s["labels"].format(n=steps["restore_label_spacing"]) + "\n"
    )

    which = "t2s" if script == "zh-Hans" else "s2tw"
    out.append(f"### OpenCC {which} {{ #overrides }}\n")
    out.append(s[which].format(n=steps[f"convert_{which}"], o=steps[f"override_{which}"]) + "\n")
    rows = []
    for row, sites in override_sites(doc, simplified, cleaned, curated):
        links = "、".join(f'<a href="../#top">{s["card"]}</a>' if a == "top" else _link(doc, a) for a in sites)
        rows.append([html.escape(row.source), html.escape(row.opencc), html.escape(row.correct), str(len(sites)), links])
    out.append(_table(tuple(s["cols_o"].split("|")), rows))

    out.append(f"## {s['check']} {{ #check }}\n")
    out.append(f"{s['sha'].format(file=prov.raw_file)}`{prov.sha256}`\n{{: .qd-left }}\n")
    up = "../" * site_path(script, "about/").count("/")
    out.append(f'{s["sums"]}<a href="{up}SHA256SUMS"><code>SHA256SUMS</code></a>。\n{{: .qd-left }}\n')
    out.append(f'{s["site_url"]}<code class="qd-site-url">{SITE_URL_TOKEN}</code>\n')
    out.append(f"{s['commands']}\n\n```sh\n{COMMAND}\n```\n")
    return "\n".join(out)
