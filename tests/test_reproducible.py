"""Reproducible build: two clean builds give byte-identical sites, PDFs and sitemap included.

The first build is the session's (``built_site``); the second is built here
into another empty directory by the same command, in another time zone and
with another hash seed (and the same SITE_URL: the address rule gives a
sitemap only with one), so anything that depends on the clock's zone, on
set or dict order under hash randomisation, on the output path or on the
order the PDF workers finish shows up as a difference. Dates are pinned
(``SOURCE_DATE_EPOCH``, set by tools/build.py to the plan's 成文日期 unless
given), which the last tests check on the files themselves against the date
the document itself prints, 2023-10-06: a build on another day must not differ
either.
"""

from __future__ import annotations

import gzip
import re
import struct
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import SITE_URL, build_site
from tools.write import read_tree

# The plan's 成文日期, as the document prints it (成文日期： 2023-10-06; the notice
# is dated 2023年10月6日): the date every build carries.
WRITTEN = date(2023, 10, 6)


@pytest.fixture(scope="module")
def second_build(tmp_path_factory, built_site) -> Path:
    site = tmp_path_factory.mktemp("second") / "elsewhere" / "site"
    build_site(site, SITE_URL=SITE_URL, TZ="Pacific/Auckland", PYTHONHASHSEED="4242")
    return site


def describe(name: str, a: bytes, b: bytes) -> str:
    """Where two versions of a file part: size and the first differing bytes."""
    at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return f"{name}: {len(a)} vs {len(b)} bytes, first difference at byte {at}: {a[at : at + 60]!r} vs {b[at : at + 60]!r}"


def test_two_clean_builds_are_byte_identical(built_site, second_build):
    first, second = read_tree(built_site), read_tree(second_build)
    # The comparison covers everything that is published, not a trivial subset.
    assert len(first) > 80
    assert sum(name.endswith(".pdf") for name in first) >= 24
    assert {"sitemap.xml", "sitemap.xml.gz", "search/zh-Hans.json", "search/zh-Hant.json", "index.html"} <= set(first)
    assert any(name.startswith("assets/javascripts/") for name in first)
    assert sorted(first) == sorted(second), f"only in one build: {sorted(set(first) ^ set(second))}"
    differ = [describe(name, first[name], second[name]) for name in first if first[name] != second[name]]
    assert differ == [], "\n".join(differ)


def test_sitemap_dates_are_pinned(built_site):
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    dates = set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap))
    assert dates == {"2023-10-06"}
    raw = (built_site / "sitemap.xml.gz").read_bytes()
    mtime = datetime.fromtimestamp(struct.unpack("<I", raw[4:8])[0], UTC)
    assert mtime.date() == WRITTEN  # the pinned day, not the time of the build
    assert gzip.decompress(raw).decode("utf-8") == sitemap


def test_pdf_dates_are_pinned(built_site):
    pdfs = sorted((built_site / "pdf").glob("*.pdf"))
    assert len(pdfs) == 24
    for pdf in pdfs:
        meta = PdfReader(pdf).metadata
        assert meta["/CreationDate"] == "D:20231006000000Z", pdf.name
        assert meta["/ModDate"] == "D:20231006000000Z", pdf.name
