"""The site as a reader uses it, in headless Chromium: both scripts, switching, search, links."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.conftest import SCROLL_CLOCK, wait_for_scrolling_to_settle

pytestmark = pytest.mark.browser

TEXT_WITHOUT_PERMALINK = (
    "e => Array.from(e.childNodes).filter(n => !(n.classList && n.classList.contains('headerlink')))"
    ".map(n => n.textContent).join('').trim()"
)


def text(locator) -> str:
    """An element's text without the heading permalink."""
    return locator.evaluate(TEXT_WITHOUT_PERMALINK)


def test_chapter_in_each_script(page, site_url):
    page.goto(site_url + "ch03/")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    assert text(page.locator("h1")) == "第三章 推进基础设施同城同网"
    assert text(page.locator("#s3-1")) == "第一节 构建都市圈综合交通体系"
    assert page.locator("#p3-1-1 strong.lead").inner_text() == "建设轨道上的都市圈。"
    page.goto(site_url + "zh-Hant/ch03/")
    assert page.locator("html").get_attribute("lang") == "zh-Hant"
    assert text(page.locator("h1")) == "第三章 推進基礎設施同城同網"
    assert text(page.locator("#s3-1")) == "第一節 構建都市圈綜合交通體系"


def _switch(page, hreflang: str) -> None:
    page.locator("label.md-header__button[for='__search']")  # header is there
    page.locator(".md-select").first.hover()
    link = page.locator(f"a.md-select__link[hreflang='{hreflang}']")
    with page.expect_navigation():
        link.click()


def test_switch_script_lands_on_the_same_section(page, site_url):
    page.goto(site_url + "ch03/#s3-2")
    _switch(page, "zh-Hant")
    assert page.url == site_url + "zh-Hant/ch03/#s3-2"
    assert page.locator("#s3-2").is_visible()
    assert page.locator("html").get_attribute("lang") == "zh-Hant"
    _switch(page, "zh-Hans")
    assert page.url == site_url + "ch03/#s3-2"


def test_switch_script_keeps_the_reading_position_without_a_hash(page, site_url):
    page.goto(site_url + "ch05/")
    page.evaluate("document.getElementById('p5-1-3').scrollIntoView({block: 'start'})")
    page.wait_for_timeout(200)
    _switch(page, "zh-Hant")
    assert page.url.startswith(site_url + "zh-Hant/ch05/#p5-1-")
    anchor = page.url.split("#")[1]
    assert page.locator(f"#{anchor}").is_visible()


@pytest.mark.parametrize(
    ("start", "query", "first_title"),
    [
        ("", "胶东机场", "第二节 增强国际门户枢纽功能"),
        ("", "膠東機場", "第二节 增强国际门户枢纽功能"),  # Traditional query on the Simplified site
        ("zh-Hant/", "胶东机场", "第二節 增強國際門戶樞紐功能"),  # Simplified query on the Traditional site
        ("zh-Hant/", "營造創新生態環境", "第三節 營造創新生態環境"),
        ("", "轨道上的都市圈", "第一节 构建都市圈综合交通体系"),
    ],
)
def test_search_from_the_header(page, site_url, start, query, first_title):
    page.goto(site_url + start + "ch01/")
    box = page.locator("input[data-qd-search-input]")
    box.click()  # the search field sits in the header at desktop width
    box.fill(query)
    first = page.locator("[data-qd-search-list] li").first
    first.wait_for()
    assert page.locator(".qd-result__title").first.inner_text() == first_title
    assert page.locator("[data-qd-search-list] mark").count() >= 1
    assert "q=" + quote(query) in page.url


def test_search_result_opens_the_highlighted_paragraph(page, site_url):
    page.goto(site_url + "?q=" + quote("官路水库"))
    page.locator("[data-qd-search-list] li").first.wait_for()
    assert page.locator("#__search").is_checked()
    with page.expect_navigation():
        page.locator("[data-qd-search-list] a").first.click()
    assert "/ch03/" in page.url and "#p3-3-3" in page.url
    target = page.locator("#p3-3-3")
    assert "qd-target" in target.get_attribute("class")
    marks = target.locator("mark.qd-hit")
    assert marks.count() >= 1
    assert marks.first.inner_text() == "官路水库"
    assert marks.first.is_visible()


def test_query_in_the_url_opens_search_in_traditional(page, site_url):
    page.goto(site_url + "zh-Hant/?q=" + quote("三区三线"))
    page.locator("[data-qd-search-list] li").first.wait_for()
    titles = page.locator(".qd-result__title").all_inner_texts()
    # The chapter that develops the term first, then its glossary entry.
    assert titles[:2] == ["第二章 優化都市圈發展布局", "三區三線"]
    assert "三區三線" in page.locator("[data-qd-search-list] mark").first.inner_text()
    assert "glossary/" in page.locator("[data-qd-search-list] a").nth(1).get_attribute("href")


def test_no_results_is_said(page, site_url):
    page.goto(site_url + "?q=" + quote("量子纠缠"))
    page.wait_for_function("document.querySelector('[data-qd-search-meta]').textContent.includes('没有找到')")
    assert page.locator("[data-qd-search-list] li").count() == 0


def test_paragraph_link_copies_the_citation(browser, site_url):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    context.add_init_script(SCROLL_CLOCK)
    pg = context.new_page()
    pg.goto(site_url + "ch03/")
    wait_for_scrolling_to_settle(pg)
    pg.locator("#p3-1-2 a.para-link").click()
    pg.wait_for_function("location.hash === '#p3-1-2'")
    copied = pg.evaluate("navigator.clipboard.readText()")
    assert copied == f"《青岛都市圈发展规划》第三章第一节第2段 {site_url}ch03/#p3-1-2"
    assert "第三章第一节第2段" in pg.locator(".qd-toast").inner_text()
    context.close()


def test_scrolling_keeps_the_paragraph_hash(page, site_url):
    """A shared paragraph link stays the reader's address while they read on:
    Material's navigation.tracking, which would rewrite it to the section in view, is off."""
    page.goto(site_url + "ch03/#p3-1-2")
    page.wait_for_timeout(800)
    for _ in range(3):
        page.evaluate("window.scrollBy(0, 400)")
        page.wait_for_timeout(200)
    page.wait_for_timeout(1200)  # tracking rewrote the hash 250 + 250 ms after scrolling stopped
    assert page.evaluate("location.hash") == "#p3-1-2"


def test_keyboard_opens_and_closes_search(page, site_url):
    page.goto(site_url + "ch02/")
    page.keyboard.press("/")
    assert page.locator("#__search").is_checked()
    page.keyboard.type("蓝谷")
    page.locator("[data-qd-search-list] li").first.wait_for()
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('md-search-result__link')")
    page.keyboard.press("Escape")
    assert not page.locator("#__search").is_checked()


def test_phone_width_has_no_horizontal_scroll(browser, site_url):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    pg = context.new_page()
    for path in ("", "ch06/", "zh-Hant/ch06/"):
        pg.goto(site_url + path)
        width = pg.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, (path, width)
    context.close()


@pytest.mark.parametrize("path", ["", "ch03/", "zh-Hant/", "zh-Hant/ch08/"])
def test_pages_load_without_errors(page, site_url, path):
    failed, errors = [], []
    page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url}"))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    page.locator(".md-select").first.hover()  # the language menu fetched sitemaps once
    page.wait_for_timeout(300)
    assert failed == [] and errors == []


@pytest.mark.parametrize(
    ("path", "term", "words"), [("ch08/", "主体功能区", "主体功能"), ("zh-Hant/ch08/", "主體功能區", "主體功能")]
)
def test_glossary_tooltip_on_hover_and_keyboard_focus(page, site_url, path, term, words):
    page.goto(site_url + path)
    link = page.locator("#p8-1-4 a.term", has_text=term).first
    assert "glossary/#t-" in link.get_attribute("href")
    link.hover()
    tip = page.locator(".md-tooltip2--active", has_text=words)
    tip.wait_for()
    assert words in tip.inner_text()
    page.mouse.move(0, 0)
    page.wait_for_function("!document.querySelector('.md-tooltip2--active')")
    # Keyboard: tab to the link; the same tooltip shows on focus.
    link.evaluate("e => { e.previousElementSibling ? e.previousElementSibling.focus() : null }")
    link.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('term')")
    tip.wait_for()
    assert words in tip.inner_text()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/glossary/#t-" in page.url
