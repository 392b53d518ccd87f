"""Stage 9 — pdf: printable PDFs of the plan, typeset by Typst after GB/T 9704-2012.

One PDF per page of the site and one for the whole document, in each script:
``qingdao-plan-notice`` (the issuing notice, the document card, the plan's
title and contents), ``qingdao-plan-ch01`` … ``ch10`` and ``qingdao-plan-full``
(everything, pages numbered continuously), named by
:func:`tools.model.pdf_name`. Each is compiled by Typst (PyPI ``typst``) from
the template ``tools/pdf/plan.typ`` and the document model, handed over as JSON
in ``sys.inputs`` — every string goes in as a string value, never as markup, so
nothing needs escaping and no other stage's output is re-read.

Layout (``plan.typ``): A4, margins 37 mm top, 35 mm bottom, 28 mm on the
binding side and 26 mm outside, so a 156 × 225 mm type area holding 28
characters × 22 lines; body 15.79 pt (156 mm / 28), justified, with a
two-character indent; titles in bold Song, headings in Hei; page numbers
"— 7 —", odd pages right and even pages left, each one character in from the
type area; a running header with the document title and the current chapter.

Tagged PDF/UA-1 (structure tree in reading order, header and page numbers as
artifacts, the title displayed); a pikepdf step sets ``/Lang`` to the script
(zh-Hans, zh-Hant: Typst can only say zh-CN, zh-TW). With ``SITE_URL`` set,
the first page's top margin carries the part's online address, a QR code of it
(segno) and the short citation, as an artifact; without it, no address at all.

The editorial apparatus (:class:`Apparatus`): each repaired mojibake span
(source/errata.yml, E1–E4) is underlined and marked in the outer margin, on the
line where it starts, with its erratum id ("E1 修复"), as an artifact: the text
and the structure tree stay the model's. The whole plan has, after the contents,
the editor's map of the area (tools/render/map.py, its print variant) as a
tagged Figure with alternative text, titled 编者附图（示意图，非规划原图）.

Fonts: :mod:`tools.pdf.fonts` (faces per script, and the coverage check Typst
needs: it drops a missing glyph silently).

Builds are reproducible: the PDF dates come from ``SOURCE_DATE_EPOCH`` or, if
unset, the document's 成文日期; the pikepdf step writes a content-derived /ID.
"""

from __future__ import annotations

import argparse
import html
import io
import itertools
import json
import logging
import multiprocessing
import os
import re
import sys
import time
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..annotate.emend import Emendation
from ..data.map import MEMBER_ORDER, MEMBER_PLACE, MapData
from ..errors import PipelineError
from ..model import Chapter, Document, Paragraph, pdf_name
from ..render.map import map_names, map_svg
from ..ui import t
from .fonts import Faces, check_coverage, choose_faces, typst_fonts

log = logging.getLogger("tools.pdf")

TEMPLATE = Path(__file__).parent / "plan.typ"
# Typst's text(region: …): its CJK punctuation rules depend on it.
REGION = {"zh-Hans": "cn", "zh-Hant": "tw"}
# What Typst writes as /Lang for text(lang: "zh", region: …), and what the PDFs must say.
TYPST_LANG = {"zh-Hans": "zh-CN", "zh-Hant": "zh-TW"}
# The PDF standard Typst checks while it writes: tags, DisplayDocTitle, alt texts.
STANDARD = "ua-1"

# ---------------------------------------------------------------- the model as template data

# A paragraph with an unbreakable Latin word (QDLP, RCEP, LNG, PM2.5 …) is broken
# by Typst's optimizing breaker; all others by first fit (plan.typ, paragraph).
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


@dataclass(frozen=True)
class Apparatus:
    """What the PDFs print beside the plan's text: the emendation marks and the editor's map figure.

    ``emendations``: the repaired spans (:func:`tools.annotate.emend.emendations`,
    the same offsets in both scripts); ``map`` and ``places``: the map's data and
    the index entries that name what it draws (source/map/, source/places.yml).
    Without a map, the whole plan has no figure page.
    """

    emendations: tuple[Emendation, ...] = ()
    map: MapData | None = None
    places: tuple = ()

    @classmethod
    def of(cls, result) -> Apparatus:
        """The apparatus of a conversion (:class:`tools.pipeline.Result`)."""
        return cls(result.emendations, result.curated.map, result.curated.places.places)


def segments(p: Paragraph, spans: Sequence[Emendation] = ()) -> list[dict]:
    """The paragraph's text in runs: ``bold`` (the lead sentence) and ``erratum`` (a repaired span's id, else None).

    >>> from tools.model import Paragraph
    >>> para = Paragraph(chapter=1, section=0, number=1, text="甲乙。丙丁戊", lead="甲乙。")
    >>> [s["text"] for s in segments(para, [Emendation("E9", "p1-0-1", 1, 4)])]
    ['甲', '乙。', '丙', '丁戊']
    """
    cuts = sorted({0, len(p.text), len(p.lead), *(x for e in spans for x in (e.start, e.end))})
    runs = []
    for a, b in itertools.pairwise(cuts):
        erratum = next((e.erratum for e in spans if e.start <= a < e.end), None)
        runs.append({"text": p.text[a:b], "bold": a < len(p.lead), "erratum": erratum})
    return runs


def _paragraph(p: Paragraph, spans: Sequence[Emendation] = ()) -> dict:
    return {
        "kind": "p",
        "lead": p.lead,
        "segments": segments(p, [e for e in spans if e.anchor == p.anchor]),
        "anchor": p.anchor,
        "latin": bool(LATIN_WORD.search(p.text)),
    }


def chapter_block(c: Chapter, spans: Sequence[Emendation] = ()) -> dict:
    items = [_paragraph(p, spans) for p in c.intro]
    for s in c.sections:
        items.append({"kind": "h2", "heading": s.heading, "anchor": s.anchor})
        items += [_paragraph(p, spans) for p in s.paragraphs]
    return {"kind": "chapter", "heading": c.heading, "anchor": c.anchor, "running": c.heading, "items": items}


# The editor's figure in the whole plan: its anchor (a named destination and the outline's target).
FIGURE_ANCHOR = "editor-map"


def figure_block(doc: Document, apparatus: Apparatus, faces: Faces) -> dict:
    """The editor's map page: title, the map (print variant, labels in the script's Hei face), alt text, note, source."""
    script = doc.script
    data = apparatus.map
    names = map_names(data, apparatus.places, script)
    alt = t("pdf_figure_alt", script).format(
        map=t("map_title", script),
        members="（" + "、".join(names[MEMBER_PLACE[a]] for a in MEMBER_ORDER) + "）",
        axes="、".join(a.label(script) for a in data.axes),
        core=data.core.label(script),
        points=len(data.points),
    )
    return {
        "kind": "figure",
        "anchor": FIGURE_ANCHOR,
        "title": t("pdf_figure_title", script),
        "running": t("pdf_figure_title", script),
        "svg": map_svg(data, script, names, ids=False, print_face=faces.hei),
        "alt": alt,
        "note": t("pdf_figure_note", script),
        "sources": t("map_sources", script) + "：" + t("map_sources_text", script),
    }


SVG_TEXT = re.compile(r"<text\b[^>]*>([^<]*)</text>")


def apparatus_strings(doc: Document, apparatus: Apparatus, faces: Faces) -> list[tuple[str, str]]:
    """(where, text) of every string the apparatus prints, the map's labels included: for the font coverage check."""
    script = doc.script
    out = [
        (f"the emendation mark of {e.erratum}", t("pdf_emended_mark", script).format(erratum=e.erratum))
        for e in apparatus.emendations
    ]
    if apparatus.map is not None:
        block = figure_block(doc, apparatus, faces)
        out.append(("the figure page", block["title"] + block["note"] + block["sources"]))
        out.append(("the map's labels and key", html.unescape("".join(SVG_TEXT.findall(block["svg"])))))
    return out


def card_cells(doc: Document) -> list[dict]:
    """The document card as table cells: the publisher's metadata fields, two to a row; long values take a row."""
    cells: list[dict] = []
    pending: list[dict] = []
    for f in doc.metadata:
        label = {"text": f.label, "span": 1}
        if len(f.value) > 12:
            if pending:
                cells += [*pending, {"text": "", "span": 2}]
                pending = []
            cells += [label, {"text": f.value, "span": 3}]
            continue
        pending += [label, {"text": f.value, "span": 1}]
        if len(pending) == 4:
            cells += pending
            pending = []
    if pending:
        cells += [*pending, {"text": "", "span": 2}]
    return cells


def notice_block(doc: Document) -> dict:
    """The issuing notice as a GB/T 9704 document: title, number, addressees, body, signature, date, note."""
    n = doc.notice
    parts: dict[str, list[str]] = {}
    for part in n.parts:
        parts.setdefault(part.kind, []).append(part.text)
    return {
        "kind": "notice",
        "anchor": n.anchor,
        "running": t("notice", doc.script),
        "issuer": n.issuer,
        "title": n.title,
        "number": "".join(parts["number"]),
        "addressees": "".join(parts["addressees"]),
        "body": parts["body"],
        "signature": "".join(parts["signature"]),
        "date": "".join(parts["date"]),
        "note": "".join(parts.get("note", [])),
        "card_caption": t("doc_card", doc.script),
        "card": card_cells(doc),
    }


def contents_block(doc: Document, internal: bool) -> dict:
    """The plan's title and contents: internal links with page numbers (whole plan), else links to the chapter PDFs."""
    script = doc.script

    def target(c: Chapter, anchor: str) -> str:
        if internal:
            return anchor
        # A section by its named destination in the chapter PDF beside this one.
        return pdf_name(script, c.slug) + ("" if anchor == c.anchor else f"#{anchor}")

    entries = [
        {
            "heading": c.heading,
            "target": target(c, c.anchor),
            "internal": internal,
            "sections": [{"heading": s.heading, "target": target(c, s.anchor), "internal": internal} for s in c.sections],
        }
        for c in doc.chapters
    ]
    return {"kind": "contents", "label": t("contents", script), "plan_title": doc.title, "numbered": internal, "entries": entries}


def page_url(site_url: str, doc: Document, part: str) -> str:
    """The online address of a part: the site puts Simplified at the root and Traditional under zh-Hant/."""
    base = site_url.rstrip("/") + "/" + ("" if doc.script == "zh-Hans" else f"{doc.script}/")
    if part in ("notice", "full"):
        return base
    chapter = next(c for c in doc.chapters if c.slug == part)
    return base + doc.locate(chapter.anchor).path


def short_citation(doc: Document, part: str) -> str:
    """《青岛都市圈发展规划》第三章（鲁政字〔2023〕168号）; the whole plan and the notice without a chapter."""
    chapters = {c.slug: c for c in doc.chapters}
    where = doc.locate(chapters[part].anchor).full_citation if part in chapters else f"《{doc.title}》"
    return f"{where}（{doc.notice.number}）"


def part_data(doc: Document, part: str, faces: Faces, site_url: str | None, apparatus: Apparatus | None = None) -> dict:
    """Everything ``plan.typ`` prints for one PDF: ``part`` is "notice", a chapter slug ("ch03") or "full".

    ``apparatus``: the emendation marks (chapters and the whole plan) and the editor's
    figure (the whole plan, after the contents); none without it.
    """
    apparatus = apparatus or Apparatus()
    spans = apparatus.emendations
    chapters = {c.slug: c for c in doc.chapters}
    if part == "notice":
        title = doc.notice.issuer + doc.notice.title
        blocks = [notice_block(doc), contents_block(doc, internal=False)]
    elif part == "full":
        title = doc.title
        figure = [figure_block(doc, apparatus, faces)] if apparatus.map is not None else []
        chapter_blocks = [chapter_block(c, spans) for c in doc.chapters]
        blocks = [notice_block(doc), contents_block(doc, internal=True), *figure, *chapter_blocks]
    elif part in chapters:
        title = f"{doc.title} {chapters[part].heading}"
        blocks = [chapter_block(chapters[part], spans)]
    else:
        raise ValueError(f"unknown PDF part {part!r}: expected 'notice', 'full' or one of {', '.join(chapters)}")
    data = {
        "pdf_title": title,
        "title": doc.title,
        "author": doc.field("issuing_body"),
        "description": doc.notice.number,
        "region": REGION[doc.script],
        "fonts": {"body": faces.body, "song": faces.song, "hei": faces.hei, "fallback": faces.fallback},
        "blocks": blocks,
        "emended_marks": {e.erratum: t("pdf_emended_mark", doc.script).format(erratum=e.erratum) for e in spans},
    }
    if site_url:
        data["url"] = page_url(site_url, doc, part)
        data["citation"] = short_citation(doc, part)
    return data


def qr_svg(url: str) -> str:
    """A QR code of ``url`` as SVG (segno, error correction M, a two-module quiet zone)."""
    import segno

    out = io.BytesIO()
    segno.make(url, error="m", micro=False).save(out, kind="svg", border=2, scale=4, xmldecl=False, svgclass=None, lineclass=None)
    return out.getvalue().decode()


# ---------------------------------------------------------------- compiling


def source_epoch(doc: Document) -> int:
    """The time the PDFs carry, in Unix seconds: SOURCE_DATE_EPOCH, else the 成文日期 (00:00 UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    try:
        return int(epoch) if epoch else doc.written_epoch
    except ValueError:
        raise PipelineError(
            f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds",
            f"set it to a Unix time, e.g. {doc.written_epoch} (the 成文日期, {doc.field('date_written')} 00:00 UTC), or unset it",
        ) from None


def patch_lang(data: bytes, script: str) -> tuple[bytes, int]:
    """Typst's /Lang (zh-CN, zh-TW) set to the script tag (catalog, structure elements, XMP); and the page count."""
    import pikepdf

    wrong = TYPST_LANG[script]
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pdf.Root.Lang = pikepdf.String(script)
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary) and str(obj.get("/Lang", "")) == wrong:
                obj.Lang = pikepdf.String(script)
        meta = pdf.Root.get("/Metadata")
        if meta is not None:  # not open_metadata(): it would stamp today's date into the XMP
            meta.write(meta.read_bytes().replace(f">{wrong}<".encode(), f">{script}<".encode()))
        out = io.BytesIO()
        # deterministic_id: the /ID is a hash of the content, so rebuilds stay byte-identical.
        pdf.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate, compress_streams=True)
        return out.getvalue(), len(pdf.pages)


@dataclass(frozen=True)
class Job:
    doc: Document
    part: str
    faces: Faces
    path: Path
    site_url: str | None = None
    apparatus: Apparatus | None = None


def _render(job: Job) -> tuple[Path, int, float]:
    """Write one PDF; return its path, page count and seconds taken."""
    import typst

    start = time.perf_counter()
    data = part_data(job.doc, job.part, job.faces, job.site_url, job.apparatus)
    inputs = {"data": json.dumps(data, ensure_ascii=False)}
    figure = next((b for b in data["blocks"] if b["kind"] == "figure"), None)
    if figure is not None:  # the map as its own input: SVG text, not a JSON string to unpack in Typst
        inputs["map"] = figure.pop("svg")
        inputs["data"] = json.dumps(data, ensure_ascii=False)
    if "url" in data:
        inputs["qr"] = qr_svg(data["url"])
    compiler = typst.Compiler(
        str(TEMPLATE),
        root=str(TEMPLATE.parent),
        font_paths=typst_fonts(job.faces.font_paths),
        ignore_system_fonts=True,
        sys_inputs=inputs,
    )
    try:
        pdf_bytes, warnings = compiler.compile_with_warnings(
            format="pdf", pdf_standards=[STANDARD], timestamp=source_epoch(job.doc), pdf_tags=True
        )
    except typst.TypstError as exc:
        raise PipelineError(
            f"{job.path.name}: Typst failed: {exc.message}", "fix tools/pdf/plan.typ or the data it is given"
        ) from None
    if warnings:  # an unknown font family is only a warning, and the text then falls back silently
        said = "; ".join(w.message for w in warnings)
        raise PipelineError(f"{job.path.name}: Typst warned: {said}", "treat it as an error: fix tools/pdf/plan.typ or the fonts")
    pdf_bytes, pages = patch_lang(pdf_bytes, job.doc.script)
    tmp = job.path.with_name(job.path.name + ".tmp")
    tmp.write_bytes(pdf_bytes)
    tmp.replace(job.path)
    return job.path, pages, time.perf_counter() - start


def parts(doc: Document) -> list[str]:
    """The parts of one script, in file order: notice, ch01 … ch10, full."""
    return ["notice", *(c.slug for c in doc.chapters), "full"]


def build_pdfs(
    documents: Mapping[str, Document],
    out_dir: Path,
    jobs: int = 2,
    site_url: str | None = None,
    apparatus: Apparatus | None = None,
) -> list[Path]:
    """Write every PDF of every script in ``documents`` into ``out_dir``; return their paths.

    ``documents`` maps a script ("zh-Hans", "zh-Hant") to its document. Work is
    spread over ``jobs`` processes; the output does not depend on how.
    ``site_url`` (default: the ``SITE_URL`` environment variable) puts each
    part's address, QR code and citation on its first page; none without it.
    ``apparatus`` (:meth:`Apparatus.of` a conversion): the emendation marks and the
    whole plan's map figure; without it, neither.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    if site_url is None:
        site_url = os.environ.get("SITE_URL", "").strip() or None
    start = time.perf_counter()
    work: list[Job] = []
    for script, doc in documents.items():
        if doc.script != script:
            raise PipelineError(f"the document given for {script} is in {doc.script}", "pass {script: document of that script}")
        faces = choose_faces(doc)
        marks = []
        if site_url:
            marks = [
                (f"the address and citation on page 1 of {p}", page_url(site_url, doc, p) + short_citation(doc, p))
                for p in parts(doc)
            ]
        if apparatus is not None:
            marks += apparatus_strings(doc, apparatus, faces)
        check_coverage(doc, faces, marks)
        log.info("%s: body %s, titles %s, headings %s", script, faces.body, faces.song, faces.hei)
        work += [Job(doc, part, faces, out_dir / pdf_name(script, part), site_url, apparatus) for part in parts(doc)]
    # The whole documents take longest: start them first so the pool ends together.
    order = sorted(work, key=lambda job: job.part != "full")
    if jobs > 1 and len(order) > 1:
        # Spawned, not forked: Typst's native threads in this process (a compile or a font scan
        # run here before) would leave a forked worker deadlocked.
        with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
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
    parser.add_argument(
        "--site-url", default=None, help="the site's address for page 1's mark (default: $SITE_URL; none if unset)"
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    try:
        result = convert_file(args.source)
        documents = {"zh-Hans": result.simplified, "zh-Hant": result.traditional}
        if args.script:
            documents = {s: documents[s] for s in args.script}
        build_pdfs(documents, args.out, jobs=args.jobs, site_url=args.site_url, apparatus=Apparatus.of(result))
    except PipelineError as exc:
        if args.debug:
            raise
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0
