"""The edition's addresses, head metadata, citation files and footer link.

The address rule: MkDocs' ``site_url`` is ``SITE_URL`` or nothing (mkdocs.yml).

- ``on_page_context`` gives every page its head metadata (``qd_head``: Highwire
  ``citation_*`` tags and schema.org JSON-LD, :mod:`tools.render.head`) with
  absolute URLs only when ``site_url`` is set, and the relative link to the
  page 本版说明 of its script (``qd_about``) for the footer.
- ``on_post_build`` writes the citation files of the script just built
  (``cite/qingdao-plan-<part>.<script>.{bib,ris,json}`` at the site's root,
  :func:`tools.model.cite.cite_files`), and without ``site_url`` removes
  ``sitemap.xml`` and ``sitemap.xml.gz``: MkDocs would write ``<loc>None./</loc>``.

The documents are read from ``docs/<script>/document.json``, as the search
hook reads them; nothing is re-parsed from HTML.
"""

from __future__ import annotations

import json
import sys
from functools import cache
from pathlib import Path

from mkdocs.utils import get_relative_url

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tools.model import ABOUT, Document, document_from_dict, site_path  # noqa: E402
from tools.model.cite import Work, cite_files  # noqa: E402
from tools.paths import SCRIPTS  # noqa: E402
from tools.render.about import SITE_URL_TOKEN  # noqa: E402
from tools.render.head import head_html  # noqa: E402
from tools.ui import t  # noqa: E402


@cache
def _load(path: Path, mtime: float) -> Document:
    return document_from_dict(json.loads(path.read_text(encoding="utf-8")))


def _documents(config) -> dict[str, Document]:
    docs_dir = Path(config.docs_dir)
    if docs_dir.name in SCRIPTS:
        docs_dir = docs_dir.parent
    paths = {s: docs_dir / s / "document.json" for s in SCRIPTS}
    return {s: _load(p, p.stat().st_mtime) for s, p in paths.items()}


def _work(doc: Document, chapter: str | None) -> Work:
    if chapter:
        return Work(doc, next(c for c in doc.chapters if str(c.number) == str(chapter)))
    return Work(doc)


def on_page_context(context, page, config, nav):
    docs = _documents(config)
    script = config.theme["language"]
    other = next(s for s in SCRIPTS if s != script)
    chapter = (page.meta or {}).get("chapter")
    base = config.site_url or None
    context["qd_head"] = head_html(_work(docs[script], chapter), _work(docs[other], chapter), base)
    context["qd_about"] = get_relative_url(site_path(script, f"{ABOUT}/"), page.url)
    context["qd_about_label"] = t("about_title", script)
    return context


def on_page_markdown(markdown, page, config, files):
    """本版说明 names the address this build used (``docs/`` does not depend on it)."""
    none = {"zh-Hans": "未设置", "zh-Hant": "未設定"}[config.theme["language"]]
    return markdown.replace(SITE_URL_TOKEN, config.site_url or none)


def on_post_build(config):
    out = Path(config.site_dir)
    if out.name in SCRIPTS:  # the i18n plugin builds zh-Hant into <site>/zh-Hant
        out = out.parent
    base = config.site_url or None
    doc = _documents(config)[config.theme["language"]]
    for rel, text in cite_files(doc, base).items():
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    if not base:
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            (Path(config.site_dir) / name).unlink(missing_ok=True)
