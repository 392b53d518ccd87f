"""Stage 9 — pdf: printable PDFs of the plan, laid out after GB/T 9704-2012.

One PDF per page of the site and one for the whole document, in each script:
``qingdao-plan-notice`` (the issuing notice, the document card, the plan's
title and contents), ``qingdao-plan-ch01`` … ``ch10`` and ``qingdao-plan-full``
(everything, pages numbered continuously), named by
:func:`tools.model.pdf_name`. Each is rendered by WeasyPrint from HTML written
here straight from the document model — no other stage's output is re-read —
with every piece of text escaped.

Layout (``tools/pdf/pdf.css``): A4, margins 37 mm top, 35 mm bottom, 28 mm on the
binding side and 26 mm outside, so a 156 × 225 mm type area holding 28
characters × 22 lines; body 15.8 pt (156 mm / 28) with a two-character indent;
titles in bold Song, headings in Hei; page numbers "— 7 —", odd pages right and
even pages left, each one character in from the type area; a running header
with the document title and the current chapter.

Fonts are named explicitly per script and the faces cut to the document's
characters: :mod:`tools.pdf.fonts`.

Builds are reproducible: the PDF dates come from ``SOURCE_DATE_EPOCH`` or, if
unset, the document's 成文日期, and nothing else depends on time or chance.
"""

from __future__ import annotations

import argparse
import html
import logging
import os
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..errors import PipelineError
from ..model import Chapter, Document, Paragraph, pdf_name
from ..ui import t
from .fonts import Faces, choose_faces, cut_font, cuts

log = logging.getLogger("tools.pdf")

STYLESHEET = Path(__file__).parent / "pdf.css"
GENERATOR = "tools/pdf/writer.py"

# ---------------------------------------------------------------- HTML


def esc(text: str) -> str:
    """Text escaped for HTML (quotes stay full-width: the SC and TC faces set them on an em).

    >>> esc('打造公交“一小时<通勤>圈”')
    '打造公交“一小时&lt;通勤&gt;圈”'
    """
    return html.escape(text, quote=False)


def attr(text: str) -> str:
    return html.escape(text, quote=True)


def _paragraph(p: Paragraph) -> str:
    lead = f'<strong class="lead song">{esc(p.lead)}</strong>' if p.lead else ""
    return f'<p id="{p.anchor}">{lead}{esc(p.rest)}</p>'


def chapter_html(chapter: Chapter) -> str:
    out = [
        f'<section class="chapter" id="{chapter.anchor}">',
        f'<h1 class="chapter-heading hei" data-running="{attr(chapter.heading)}">{esc(chapter.heading)}</h1>',
    ]
    out += [_paragraph(p) for p in chapter.intro]
    for section in chapter.sections:
        out.append(f'<h2 class="section-heading hei" id="{section.anchor}">{esc(section.heading)}</h2>')
        out += [_paragraph(p) for p in section.paragraphs]
    out.append("</section>")
    return "\n".join(out)


def _card(doc: Document) -> str:
    """The document card: the publisher's metadata fields, two to a row; long values take a row."""
    rows: list[str] = []
    pending: list[str] = []
    for f in doc.metadata:
        cell = f'<th scope="row">{esc(f.label)}</th><td data-field="{attr(f.key)}"'
        if len(f.value) > 12:
            if pending:
                rows.append("".join(pending) + '<td colspan="2"></td>')
                pending = []
            rows.append(f'{cell} colspan="3">{esc(f.value)}</td>')
            continue
        pending.append(f"{cell}>{esc(f.value)}</td>")
        if len(pending) == 2:
            rows.append("".join(pending))
            pending = []
    if pending:
        rows.append("".join(pending) + '<td colspan="2"></td>')
    body = "\n".join(f"<tr>{row}</tr>" for row in rows)
    return f'<table class="card"><caption class="hei">{esc(t("doc_card", doc.script))}</caption>\n{body}\n</table>'


# The class of each kind of notice block (tools.model.NoticePart) in the PDF.
NOTICE_CLASSES = {
    "number": "doc-number",
    "addressees": "addressees",
    "body": "",
    "signature": "issuer",
    "date": "date",
    "note": "note",
}


def notice_html(doc: Document) -> str:
    """The issuing notice as a GB/T 9704 document: title, number, addressees, body, signature, date, note."""
    n = doc.notice
    out = [
        f'<section class="notice" id="{n.anchor}" data-running="{attr(t("notice", doc.script))}">',
        f'<h1 class="notice-title song" data-bookmark="{attr(n.heading)}">'
        f'<span class="line">{esc(n.issuer)}</span><span class="line">{esc(n.title)}</span></h1>',
    ]
    for part in n.parts:
        if part.kind == "signature":  # the signature and the date are set as one block
            out.append('<div class="signature">')
        css = NOTICE_CLASSES[part.kind]
        attrs = f' class="{css}"' if css else ""
        out.append(f'<p{attrs} id="{part.anchor}">{esc(part.text)}</p>')
        if part.kind == "date":
            out.append("</div>")
    out += [_card(doc), "</section>"]
    return "\n".join(out)


def contents_html(doc: Document, link: Callable[[Chapter, str], str], page_numbers: bool) -> str:
    """The plan's title and contents; ``link(chapter, anchor)`` gives each entry's target."""
    label = t("contents", doc.script)
    cls = "contents numbered" if page_numbers else "contents"
    out = [
        f'<section class="{cls}" id="contents" data-running="{attr(label)}">',
        f'<p class="plan-title song">{esc(doc.title)}</p>',
        f'<h1 class="contents-heading hei">{esc(label)}</h1>',
        "<ol>",
    ]
    for c in doc.chapters:
        sections = "".join(
            f'<li class="toc-section"><a href="{attr(link(c, s.anchor))}">{esc(s.heading)}</a></li>' for s in c.sections
        )
        entry = f'<a class="hei" href="{attr(link(c, c.anchor))}">{esc(c.heading)}</a>'
        out.append(f'<li class="toc-chapter">{entry}<ol>{sections}</ol></li>')
    out += ["</ol>", "</section>"]
    return "\n".join(out)


def source_date(doc: Document) -> str:
    """The date the PDFs carry, as W3C date-time: SOURCE_DATE_EPOCH, else the 成文日期 (00:00 UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    try:
        seconds = int(epoch) if epoch else doc.written_epoch
    except ValueError:
        raise PipelineError(
            f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds",
            f"set it to a Unix time, e.g. {doc.written_epoch} (the 成文日期, {doc.field('date_written')} 00:00 UTC), or unset it",
        ) from None
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def page_html(doc: Document, part: str) -> str:
    """The HTML of one PDF: ``part`` is "notice", a chapter slug ("ch03") or "full"."""
    script = doc.script
    chapters = {c.slug: c for c in doc.chapters}
    if part == "notice":
        title = doc.notice.issuer + doc.notice.title

        # Links to the chapter PDFs beside this one; a section by its named destination.
        def link(c: Chapter, anchor: str) -> str:
            return pdf_name(script, c.slug) + ("" if anchor == c.anchor else f"#{anchor}")

        body = notice_html(doc) + "\n" + contents_html(doc, link, page_numbers=False)
    elif part == "full":
        title = doc.title
        contents = contents_html(doc, lambda c, anchor: f"#{anchor}", page_numbers=True)
        body = "\n".join([notice_html(doc), contents, *map(chapter_html, doc.chapters)])
    elif part in chapters:
        chapter = chapters[part]
        title = f"{doc.title} {chapter.heading}"
        body = chapter_html(chapter)
    else:
        raise ValueError(f"unknown PDF part {part!r}: expected 'notice', 'full' or one of {', '.join(chapters)}")
    date = source_date(doc)
    head = [
        '<meta charset="utf-8">',
        f"<title>{esc(title)}</title>",
        f'<meta name="author" content="{attr(doc.field("issuing_body"))}">',
        f'<meta name="description" content="{attr(doc.notice.number)}">',
        f'<meta name="generator" content="{GENERATOR}">',
        f'<meta name="dcterms.created" content="{attr(date)}">',
        f'<meta name="dcterms.modified" content="{attr(date)}">',
    ]
    return (
        f'<!DOCTYPE html>\n<html lang="{attr(script)}">\n<head>\n' + "\n".join(head) + "\n</head>\n"
        f'<body class="part-{attr(part)}" data-title="{attr(doc.title)}">\n{body}\n</body>\n</html>\n'
    )


# ---------------------------------------------------------------- rendering


@dataclass(frozen=True)
class Job:
    doc: Document
    part: str
    faces: Faces
    path: Path


def _render(job: Job) -> tuple[Path, int, float]:
    """Write one PDF; return its path, page count and seconds taken."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    start = time.perf_counter()
    fonts = FontConfiguration()
    stylesheets = [
        CSS(filename=str(STYLESHEET), font_config=fonts),
        CSS(string=job.faces.css(), font_config=fonts),
    ]
    # No base URL: links between the PDFs stay relative ("qingdao-plan-ch03.zh-Hans.pdf"),
    # so they work wherever the files are served from together.
    document = HTML(string=page_html(job.doc, job.part)).render(stylesheets=stylesheets, font_config=fonts)
    tmp = job.path.with_name(job.path.name + ".tmp")
    document.write_pdf(tmp)
    tmp.replace(job.path)
    return job.path, len(document.pages), time.perf_counter() - start


def parts(doc: Document) -> list[str]:
    """The parts of one script, in file order: notice, ch01 … ch10, full."""
    return ["notice", *(c.slug for c in doc.chapters), "full"]


def build_pdfs(documents: Mapping[str, Document], out_dir: Path, jobs: int = 2) -> list[Path]:
    """Write every PDF of every script in ``documents`` into ``out_dir``; return their paths.

    ``documents`` maps a script ("zh-Hans", "zh-Hant") to its document. Work is
    spread over ``jobs`` processes; the output does not depend on how.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for script, doc in documents.items():
        if doc.script != script:
            raise PipelineError(f"the document given for {script} is in {doc.script}", "pass {script: document of that script}")
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="qingdao-plan-fonts-") as fonts_dir:
        wanted = list(dict.fromkeys(cut for doc in documents.values() for cut in cuts(doc).values()))
        cut_files = {cut: cut_font(cut, Path(fonts_dir)) for cut in wanted}
        log.info("cut %d faces to the documents' characters in %.2f s", len(cut_files), time.perf_counter() - start)
        work: list[Job] = []
        for script, doc in documents.items():
            faces = choose_faces(doc, cut_files)
            log.info("%s: body %s, titles %s, headings %s", script, faces.body, faces.song, faces.hei)
            work += [Job(doc, part, faces, out_dir / pdf_name(script, part)) for part in parts(doc)]
        # The whole documents take longest: start them first so the pool ends together.
        order = sorted(work, key=lambda job: job.part != "full")
        if jobs > 1 and len(order) > 1:
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                results = list(pool.map(_render, order))
        else:
            results = [_render(job) for job in order]
    for path, pages, seconds in results:
        log.info("%s: %d pages, %d KB, %.1f s", path.name, pages, path.stat().st_size // 1024, seconds)
    paths = [job.path for job in work]
    total = sum(path.stat().st_size for path in paths)
    log.info("wrote %d PDFs (%d KB) to %s in %.1f s", len(paths), total // 1024, out_dir, time.perf_counter() - start)
    return paths


# ---------------------------------------------------------------- CLI


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m tools.pdf --out DIR``: convert the bundled source and write all PDFs."""
    from ..paths import RAW, SCRIPTS
    from ..pipeline import convert_file

    parser = argparse.ArgumentParser(prog="python -m tools.pdf", description=main.__doc__)
    parser.add_argument("--out", type=Path, required=True, help="directory to write the PDFs into")
    parser.add_argument("--source", type=Path, default=RAW, help="raw text file (default: the bundled source)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default: 2)")
    parser.add_argument("--script", choices=SCRIPTS, action="append", help="only this script (repeatable)")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    for noisy in ("fontTools", "weasyprint"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    try:
        result = convert_file(args.source)
        documents = {"zh-Hans": result.simplified, "zh-Hant": result.traditional}
        if args.script:
            documents = {s: documents[s] for s in args.script}
        build_pdfs(documents, args.out, jobs=args.jobs)
    except PipelineError as exc:
        if args.debug:
            raise
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0
