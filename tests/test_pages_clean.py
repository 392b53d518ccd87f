"""Issue 2, "done when": the generated pages hold no trace of the scrape's defects."""

import html
import re

import pytest

from tools.data import source as data
from tools.paths import DOCS, RAW
from tools.text.convert import traditional_only_chars
from tools.text.repair import PINYIN_ANNOTATION

PAGES = sorted(DOCS.glob("zh-Han*/*.md"))
SIMPLIFIED = [p for p in PAGES if p.parent.name == "zh-Hans"]


RAW_QUOTE = re.compile(r'<code class="qd-raw">([^<]*)</code>')


def _body(path):
    """The page without its front matter (which holds a sha256 and file names), and without the
    quotations of the raw source on 本版说明 (``qd-raw``: garbled spans, page chrome, examples),
    each of which must be a quotation indeed: text of the raw file."""
    body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    raw = RAW.read_text(encoding="utf-8")
    spam = "".join(data.removals().leading)
    for quote in RAW_QUOTE.findall(body):
        assert html.unescape(quote) in raw, f"{path.name}: {quote!r} is not a quotation of the raw source"
        assert not any(spam[i : i + 2] in quote for i in range(len(spam) - 1)), f"{path.name}: the spam line quoted"
    return RAW_QUOTE.sub("", body)


def test_only_the_about_pages_quote_the_raw_source():
    quoting = sorted(f"{p.parent.name}/{p.name}" for p in PAGES if RAW_QUOTE.search(p.read_text(encoding="utf-8")))
    assert quoting == ["zh-Hans/about.md", "zh-Hant/about.md"]
    # 4 garbled spans, 3 lines of page chrome, 3 examples; never the spam line
    assert len(RAW_QUOTE.findall((DOCS / "zh-Hans" / "about.md").read_text(encoding="utf-8"))) == 4 + 3 + 3


@pytest.mark.parametrize("page", PAGES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_defect_survives(page):
    body = _body(page)
    assert not PINYIN_ANNOTATION.search(body), "pinyin annotation"
    assert not re.search("[\ue000-\uf8ff\ufffd]", body), "private-use or replacement character"
    lines = {line.strip() for line in body.split("\n")}
    for junk in data.removals().leading + data.removals().trailing:
        assert junk.strip() not in lines, "junk line"
    assert "在线观看" not in body and "掃一掃" not in body and "扫一扫" not in body
    for e in data.errata():
        assert e.garbled not in body and e.fragment not in body, f"mojibake {e.id}"
    # No "?" placeholder (link titles and URLs set aside).
    assert "?" not in re.sub(r"\([^)]*\)|\"[^\"]*\"", "", body), "placeholder ?"


@pytest.mark.parametrize("page", SIMPLIFIED, ids=lambda p: p.name)
def test_simplified_pages_hold_no_traditional_only_character(page):
    found = {ch for _, ch in traditional_only_chars(_body(page))}
    assert found == set()


def test_structure_is_all_there():
    names = {p.name for p in SIMPLIFIED}
    assert {f"ch{n:02d}.md" for n in range(1, 11)} | {"index.md", "glossary.md", "places.md"} <= names
    sections = sum(
        len(re.findall(r"^## .* \{ #s\d+-\d+ \}$", (DOCS / "zh-Hans" / f"ch{n:02d}.md").read_text(encoding="utf-8"), re.M))
        for n in range(1, 11)
    )
    assert sections == 31
    home = (DOCS / "zh-Hans" / "index.md").read_text(encoding="utf-8")
    assert 'class="doc-card"' in home and "{ #notice }" in home and "有效性" in home
