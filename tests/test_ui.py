"""One table of interface strings (tools/ui.py): every word of the site's chrome comes from it.

The templates, qd.js, its stylesheet and mkdocs.yml hold no Chinese text of
their own; each built page inlines qd.js's strings of its own script; and every
Chinese text a reader sees outside the article (attributes included) is a
string of the table, one of the theme's own translations, or the document's
own words (its title and headings), in the page's script.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import material
import pytest

from tools import ui

ROOT = Path(__file__).resolve().parent.parent
OVERRIDES = ROOT / "overrides"
QD_JS = OVERRIDES / "assets" / "javascripts" / "qd.js"
SCRIPTS = ("zh-Hans", "zh-Hant")

# Han characters, CJK punctuation (《》、。…) and full-width forms (：；（）).
CHINESE = re.compile("[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003134f]")

# Facts of the document, written out by hand: the title qd.js puts before a citation.
CITE_TITLE = {"zh-Hans": "《青岛都市圈发展规划》", "zh-Hant": "《青島都市圈發展規劃》"}
# The description as mkdocs.yml wrote it before the table (its line folding gave the space after ：).
DESCRIPTION = {
    "zh-Hans": "山东省人民政府《青岛都市圈发展规划》（鲁政字〔2023〕168号）全文在线版："
    " 简体、繁体对照，全文检索，术语解释，分章 PDF。",
    "zh-Hant": "山東省人民政府《青島都市圈發展規劃》（魯政字〔2023〕168號）全文線上版："
    " 簡體、繁體對照，全文檢索，術語解釋，分章 PDF。",
}


# --------------------------------------------------------------------------- the table


def test_every_string_is_written_in_both_scripts():
    for key, value in ui.STRINGS.items():
        assert set(value) == set(SCRIPTS), key
        assert all(value[s].strip() for s in SCRIPTS), key
    for script in SCRIPTS:  # every string formats, the document's facts filled in
        values = ui.strings(script, title="T", issuer="I", number="N")
        assert values["cite_title"] == "《T》"
        assert values["site_description"].startswith("I《T》（N）")


def _uses(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    if path == ROOT / "tools" / "ui.py":  # the table's own definitions do not count as a use
        text = re.sub(r"(?s)\nSTRINGS: .*?\n}\n", "\n", text)
    return text


def test_every_string_is_used_and_every_use_is_in_the_table():
    python = "\n".join(_uses(p) for p in sorted((ROOT / "tools").rglob("*.py")))
    templates = "\n".join(_without_comments(p) for p in sorted(OVERRIDES.rglob("*.html")))
    used_by_templates = set(re.findall(r"\bui\.(\w+)", templates))
    used_by_js = set(re.findall(r"\bT\.(\w+)", _without_comments(QD_JS)))
    assert used_by_templates <= ui.STRINGS.keys()
    assert used_by_js == set(ui.JS_KEYS)  # qd.js reads exactly what each page inlines
    for key in ui.STRINGS:
        in_python = re.search(rf"""(["']){key}\1""", python)
        assert in_python or key in used_by_templates or key in ui.JS_KEYS, f"{key} is used nowhere"


def _without_comments(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        return re.sub(r"(?s)\{#.*?#\}", "", text)
    if path.suffix in (".js", ".css"):
        text = re.sub(r"(?s)/\*.*?\*/", "", text)
        return re.sub(r"(?m)(^|\s)//.*$", "", text) if path.suffix == ".js" else text
    return re.sub(r"(?m)(^|\s)#.*$", "", text)  # YAML


def chinese_outside_comments(path: Path) -> list[str]:
    return [line.strip() for line in _without_comments(path).splitlines() if CHINESE.search(line)]


def chrome_sources() -> list[Path]:
    return [*sorted(p for p in OVERRIDES.rglob("*") if p.suffix in (".html", ".js", ".css")), ROOT / "mkdocs.yml"]


@pytest.mark.parametrize("path", chrome_sources(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_chinese_in_the_templates_script_and_configuration(path):
    """Their words come from tools/ui.py (or, the title, from the document model)."""
    assert chinese_outside_comments(path) == []


def test_the_check_sees_chinese_in_code_but_not_in_comments(tmp_path):
    js = tmp_path / "x.js"
    js.write_text('/* 说明 */\nvar a = "个结果"; // 注释\n// 注释\n', encoding="utf-8")
    assert chinese_outside_comments(js) == ['var a = "个结果";']
    html = tmp_path / "x.html"
    html.write_text('{#- 说明 -#}\n<b title="{{ ui.search_close }}">清除</b>\n', encoding="utf-8")
    assert chinese_outside_comments(html) == ['<b title="{{ ui.search_close }}">清除</b>']
    yml = tmp_path / "x.yml"
    yml.write_text('# 说明\nsite_name: 规划  # 注\npermalink: "#"\n', encoding="utf-8")
    assert chinese_outside_comments(yml) == ["site_name: 规划"]


def test_a_template_reading_a_string_not_in_the_table_stops_the_build():
    import jinja2
    from mkdocs.exceptions import PluginError

    from tools.hooks.strings import TemplateStrings

    env = jinja2.Environment()
    env.globals["ui"] = TemplateStrings(ui.strings("zh-Hant"))
    assert env.from_string("{{ ui.search_close }}").render() == "關閉檢索"
    with pytest.raises(PluginError, match=r"ui\.search_closed, which is not in tools/ui\.py's STRINGS"):
        env.from_string("{{ ui.search_closed }}").render()


def test_the_inline_json_is_safe_inside_a_script_element():
    text = ui.script_json("zh-Hans", "</script><b>&")
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["cite_title"] == "《</script><b>&》"


# --------------------------------------------------------------------------- the built site


class Chrome(HTMLParser):
    """Everything of a page outside its article: the Chinese texts and attribute values a
    reader sees, the inline JSON of interface strings, and some elements by their role;
    and the article's headings (h1, h2), which the navigation and contents repeat."""

    SEEN = ("title", "aria-label", "placeholder", "alt", "content")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.texts: list[str] = []
        self.ui_json: list[str] = []
        self.attrs: dict[str, list[str]] = {}
        self.scripts: list[str] = []
        self.headings: list[str] = []
        self._heading: list[str] | None = None
        self._article = 0
        self._skip: str | None = None  # "script" / "style" whose text is not shown
        self._json = False
        self._meta_hint = False

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = a.get("lang", "")
        if tag == "script":
            self._skip = "script"
            self._json = a.get("id") == "qd-ui" and a.get("type") == "application/json"
            if a.get("src"):
                self.scripts.append(a["src"])
            elif self._json:
                self.scripts.append("#qd-ui")
        if tag == "style":
            self._skip = "style"
        if tag == "article":
            self._article += 1
        if self._article and tag in ("h1", "h2"):
            self._heading = []
        if tag == "meta" and a.get("name") not in ("description", "author"):
            return
        if self._article:
            return
        for name in self.SEEN:
            if CHINESE.search(a.get(name, "")):
                self.texts.append(a[name])
        for key in ("class", "role", "name"):
            if a.get(key):
                self.attrs.setdefault(f"{tag}.{a[key].split()[0]}", []).append(json.dumps(a, ensure_ascii=False))
        self._meta_hint = "data-qd-search-meta" in a

    def handle_endtag(self, tag):
        if tag == "article":
            self._article -= 1
        if tag in ("h1", "h2") and self._heading is not None:
            self.headings.append("".join(self._heading).removesuffix("#").strip())
            self._heading = None
        if tag == self._skip:
            self._skip, self._json = None, False

    def handle_data(self, data):
        if self._heading is not None:
            self._heading.append(data)
        if self._json:
            self.ui_json.append(data)
        elif not self._skip and not self._article and CHINESE.search(data):
            self.texts.append(data.strip())
        if self._meta_hint and data.strip():
            self.attrs.setdefault("search.hint", []).append(data.strip())
            self._meta_hint = False


def chrome(path: Path) -> Chrome:
    page = Chrome()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture(scope="module")
def pages(built_site) -> dict[str, Chrome]:
    return {p.relative_to(built_site).as_posix(): chrome(p) for p in sorted(built_site.rglob("*.html"))}


def test_every_page_inlines_the_strings_of_its_script(pages):
    """Every page kind (home, chapters, glossary, index, 404), both scripts: one JSON block
    with exactly the table's qd.js strings in the page's script, before qd.js runs."""
    assert len(pages) == 2 * 15 + 1  # 15 pages per script (本版说明 and the map the last two) and the 404 page
    for name, page in pages.items():
        assert page.lang in SCRIPTS, name
        assert len(page.ui_json) == 1, name
        expected = {key: ui.STRINGS[key][page.lang] for key in ui.JS_KEYS} | {"cite_title": CITE_TITLE[page.lang]}
        assert json.loads(page.ui_json[0]) == expected, name
        qd = [i for i, src in enumerate(page.scripts) if src.endswith("qd.js")]
        assert len(qd) == 1 and page.scripts.index("#qd-ui") < qd[0], name
    assert json.loads(pages["zh-Hant/ch03/index.html"].ui_json[0])["search_hits"] == "個結果"
    assert json.loads(pages["ch03/index.html"].ui_json[0])["link_copied"] == "已复制链接："


def material_translations(script: str) -> set[str]:
    """The theme's own words for ``script`` (zh-Hans is Material's "zh")."""
    name = {"zh-Hans": "zh", "zh-Hant": "zh-Hant"}[script]
    path = Path(material.__file__).parent / "templates" / "partials" / "languages" / f"{name}.html"
    return set(re.findall(r'^\s*"[\w.]+": "(.*)",?$', path.read_text(encoding="utf-8"), re.M))


def test_every_chinese_text_of_the_chrome_comes_from_the_table_the_theme_or_the_document(pages, simplified, traditional):
    for script, doc in (("zh-Hans", simplified), ("zh-Hant", traditional)):
        n = doc.notice
        table = set(ui.strings(script, title=doc.title, issuer=n.issuer, number=n.number).values())
        document = {doc.title, n.issuer + n.title} | {c.heading for c in doc.chapters}
        document |= {s.heading for s in doc.sections()} | {n.issuer}  # the author, in the script
        switcher = set(ui.STRINGS["language_name"].values())  # each script named in itself
        headings = {h for page in pages.values() if page.lang == script for h in page.headings}
        allowed = table | switcher | material_translations(script) | document | headings

        def known(text: str, allowed: set[str] = allowed) -> bool:
            if text in allowed:
                return True
            # <title>: "page - site"; the footer: "上一页: heading"
            for separator in (" - ", ": "):
                head, sep, tail = text.partition(separator)
                if sep and head in allowed and tail in allowed:
                    return True
            return False

        for name, page in pages.items():
            if page.lang != script:
                continue
            unknown = sorted({t for t in page.texts if not known(t)})
            assert unknown == [], name


def pdf_labels(path: Path) -> list[str]:
    """The labels of the page's PDF buttons (in the article, so not in :class:`Chrome`)."""
    return re.findall(r'(?s)<a class="qd-pdf".*?<span>(.*?)</span>', path.read_text(encoding="utf-8"))


def _attr(page: Chrome, key: str, name: str) -> list[str]:
    return [json.loads(a).get(name, "") for a in page.attrs.get(key, [])]


@pytest.mark.parametrize("script", SCRIPTS)
def test_the_chrome_shows_the_strings_of_its_script(built_site, pages, script):
    """The templates', the palette's, the switcher's and the configuration's strings, from the
    table in the page's script; the site's name and description from the document model."""
    s = {key: value[script] for key, value in ui.STRINGS.items()}
    root = "" if script == "zh-Hans" else "zh-Hant/"
    ch03 = pages[f"{root}ch03/index.html"]
    assert _attr(ch03, "div.md-search", "aria-label") == [s["search_dialog"]]
    assert _attr(ch03, "input.md-search__input", "placeholder") == [s["search_placeholder"]]
    assert _attr(ch03, "nav.md-search__options", "aria-label") == [s["search_options"]]
    assert _attr(ch03, "button.md-search__icon", "title") == [s["search_clear"]]
    assert _attr(ch03, "ol.md-search-result__list", "aria-label") == [s["search_results"]]
    assert ch03.attrs["search.hint"] == [s["search_hint"]]
    assert pdf_labels(built_site / root / "ch03" / "index.html") == [s["pdf_chapter"]]
    assert pdf_labels(built_site / root / "index.html") == [s["pdf_notice"], s["pdf_whole"]]
    assert _attr(ch03, "meta.description", "content") == [DESCRIPTION[script]]
    assert _attr(ch03, "meta.author", "content") == [{"zh-Hans": "山东省人民政府", "zh-Hant": "山東省人民政府"}[script]]
    assert CITE_TITLE[script].strip("《》") in _attr(ch03, "a.md-header__button", "title")
    palette = [t for t in _attr(ch03, "label.md-header__button", "title") if "模式" in t]
    assert palette == [s["palette_to_dark"], s["palette_to_light"]]
    assert {json.loads(a)["hreflang"]: None for a in ch03.attrs["a.md-select__link"]}.keys() == set(SCRIPTS)
    assert s["copyright"] in " ".join(ch03.texts)
    assert "简体中文" in ch03.texts and "繁體中文" in ch03.texts  # each script named in itself


def test_the_permalinks_are_titled_from_the_table(built_site):
    for script, root in (("zh-Hans", ""), ("zh-Hant", "zh-Hant/")):
        html = (built_site / root / "ch03" / "index.html").read_text(encoding="utf-8")
        titles = set(re.findall(r'class="headerlink" href="#[^"]*" title="([^"]*)"', html))
        assert titles == {ui.STRINGS["permalink_title"][script]} == {{"zh-Hans": "本节链接", "zh-Hant": "本節連結"}[script]}
