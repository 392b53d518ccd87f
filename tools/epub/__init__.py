"""EPUB 3, one book per script: the whole plan for e-readers, built from the document model.

A book holds the title page with the document card and the issuing notice,
the ten chapters, the glossary as endnotes (every term in the text is a note
reference to its entry) and the index, with a navigation document
(:mod:`tools.epub.book` writes the content documents). Its package names the
title, the authority (山东省人民政府), the 发文字号, the date, the language and
the SHA-256 of the source it was built from. Nothing in it is fetched from
anywhere: no remote resource, no embedded font (the ``lang`` of every
document lets the reading system pick its own Simplified or Traditional face).

The zip is byte-reproducible: ``mimetype`` first and stored, then the other
files in a fixed order, every entry dated by ``SOURCE_DATE_EPOCH`` or the
成文日期 (00:00 UTC), with fixed attributes.
"""

from __future__ import annotations

import argparse
import os
import uuid
import zipfile
from collections.abc import Mapping
from datetime import UTC, datetime
from html import escape
from pathlib import Path

from ..annotate import Annotations
from ..errors import PipelineError
from ..model import Document, epub_name
from . import book

FOLDER = "epub"  # under the site's root (SHA256SUMS lists every file in it)
MEDIA_TYPE = "application/epub+zip"
OEBPS = "EPUB"
CONTAINER = f"""<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles>
<rootfile full-path="{OEBPS}/package.opf" media-type="application/oebps-package+xml"/>
</rootfiles>
</container>
"""
STYLE = (Path(__file__).parent / "epub.css").read_text(encoding="utf-8")
# The namespace of the books' identifiers (drawn once at random, fixed): a book's identifier
# is derived from it, its script and the source digest, so a rebuild keeps it.
BOOK_NAMESPACE = uuid.UUID("3da5caa8-8d1f-4d94-bcc0-97236d72ed48")


def book_date(doc: Document) -> datetime:
    """SOURCE_DATE_EPOCH, else the 成文日期 at 00:00 UTC: the book's modification date and its files' times."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return datetime.fromtimestamp(doc.written_epoch, UTC)
    if not raw.isdigit():
        fix = f"set it to a Unix time, e.g. {doc.written_epoch}, or unset it"
        raise PipelineError(f"SOURCE_DATE_EPOCH={raw!r} is not a number of seconds", fix)
    return datetime.fromtimestamp(int(raw), UTC)


def identifier(doc: Document) -> str:
    """The book's unique identifier: the same for the same script and source."""
    return f"urn:uuid:{uuid.uuid5(BOOK_NAMESPACE, f'{doc.script}/{doc.source_sha256}')}"


def files(a: Annotations) -> list[tuple[str, str]]:
    """The content documents in reading order: (file name, XHTML)."""
    doc = a.doc
    return [
        (book.NOTICE_FILE, book.notice_page(doc)),
        *((book.chapter_file(c), book.chapter_page(a, c)) for c in doc.chapters),
        (book.GLOSSARY_FILE, book.glossary_page(a)),
        (book.INDEX_FILE, book.index_page(a)),
    ]


def package(doc: Document, spine: list[str], modified: datetime) -> str:
    """The package document: metadata, manifest, spine."""
    e = escape
    lang = doc.script
    items = [
        f'<item id="nav" href="{book.NAV_FILE}" media-type="application/xhtml+xml" properties="nav"/>',
        f'<item id="css" href="{book.STYLE_FILE}" media-type="text/css"/>',
        *(f'<item id="{name.removesuffix(".xhtml")}" href="{name}" media-type="application/xhtml+xml"/>' for name in spine),
    ]
    # The contents come after the title page and notice, as on the home page.
    order = [spine[0], book.NAV_FILE, *spine[1:]]
    refs = [f'<itemref idref="{name.removesuffix(".xhtml")}"/>' for name in order]
    features = ("structuralNavigation", "tableOfContents", "index", "readingOrder", "displayTransformability")
    meta = "\n".join(
        [
            f'<dc:identifier id="book-id">{identifier(doc)}</dc:identifier>',
            f"<dc:title>{e(doc.title)}</dc:title>",
            f"<dc:language>{lang}</dc:language>",
            f'<dc:creator id="authority">{e(doc.field("issuing_body"))}</dc:creator>',
            '<meta refines="#authority" property="role" scheme="marc:relators">aut</meta>',
            f'<dc:identifier id="document-number">{e(doc.field("document_number"))}</dc:identifier>',
            f"<dc:date>{e(doc.field('date_published'))}</dc:date>",
            f"<dc:description>{e(doc.notice.heading)}（{e(doc.notice.number)}），{e(doc.field('date_written'))}</dc:description>",
            f"<dc:source>sha256:{doc.source_sha256}</dc:source>",
            f'<meta property="dcterms:modified">{modified.strftime("%Y-%m-%dT%H:%M:%SZ")}</meta>',
            '<meta property="schema:accessMode">textual</meta>',
            '<meta property="schema:accessModeSufficient">textual</meta>',
            *(f'<meta property="schema:accessibilityFeature">{f}</meta>' for f in features),
            '<meta property="schema:accessibilityHazard">none</meta>',
            '<meta property="schema:accessibilitySummary" xml:lang="en">Text only, no images or media. Chapters, '
            "sections and paragraphs are marked up as headings and paragraphs in reading order; glossary terms are "
            "note references to the glossary's entries; an index lists every paragraph that mentions a place.</meta>",
        ]
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="{lang}" '
        'prefix="schema: http://schema.org/">\n'
        f'<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">\n{meta}\n</metadata>\n'
        f"<manifest>\n{chr(10).join(items)}\n</manifest>\n"
        f"<spine>\n{chr(10).join(refs)}\n</spine>\n"
        "</package>\n"
    )


def entries(a: Annotations, modified: datetime) -> list[tuple[str, bytes]]:
    """Every file of the book in zip order, ``mimetype`` first."""
    content = files(a)
    spine = [name for name, _ in content]
    return [
        ("mimetype", MEDIA_TYPE.encode("ascii")),
        ("META-INF/container.xml", CONTAINER.encode("utf-8")),
        (f"{OEBPS}/package.opf", package(a.doc, spine, modified).encode("utf-8")),
        (f"{OEBPS}/{book.NAV_FILE}", book.nav_page(a.doc).encode("utf-8")),
        (f"{OEBPS}/{book.STYLE_FILE}", STYLE.encode("utf-8")),
        *((f"{OEBPS}/{name}", text.encode("utf-8")) for name, text in content),
    ]


def write_epub(a: Annotations, path: Path) -> Path:
    """Write the book of ``a``'s script to ``path`` (atomically): same input, same bytes."""
    modified = book_date(a.doc)
    stamp = modified.timetuple()[:6]
    tmp = path.with_name(f".{path.name}.tmp")
    with zipfile.ZipFile(tmp, "w") as z:
        for name, data in entries(a, modified):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.create_system = 3  # Unix, whatever builds it
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            z.writestr(info, data, compresslevel=9)
    tmp.replace(path)
    return path


def build_epubs(annotations: Mapping[str, Annotations], out_dir: Path) -> list[Path]:
    """One book per script of ``annotations`` in ``out_dir``; their paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    return [write_epub(a, out_dir / epub_name(script)) for script, a in annotations.items()]


def main(argv: list[str] | None = None) -> int:
    """``python -m tools.epub --out DIR``: both books from the bundled source."""
    from ..paths import RAW
    from ..pipeline import convert_file

    parser = argparse.ArgumentParser(prog="python -m tools.epub", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("site") / FOLDER, help="output folder (default: site/epub)")
    args = parser.parse_args(argv)
    for path in build_epubs(convert_file(RAW).annotations, args.out):
        print(f"{path}: {path.stat().st_size:,} bytes")
    return 0
