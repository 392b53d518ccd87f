"""Search quality on the committed query set, through the site's own search code in Chromium.

Targets (issue 3), per script and across scripts: recall ≥ 99 % and
precision ≥ 97 % at section and page level, and the top result right for
every query found in a section title or lead sentence. Not timed: latency is
measured by the benchmark (python -m tools.bench).
"""

from __future__ import annotations

import pytest

from tools.searcheval import evaluate, load_queries, site_search_in_page

pytestmark = pytest.mark.browser

COMBINATIONS = [
    ("zh-Hans", "zh-Hans"),
    ("zh-Hant", "zh-Hant"),
    ("zh-Hant", "zh-Hans"),  # a Simplified query on the Traditional site
    ("zh-Hans", "zh-Hant"),  # a Traditional query on the Simplified site
]


def test_query_set_is_large_and_varied():
    queries = load_queries()
    assert len(queries) >= 100
    kinds = {q["kind"] for q in queries}
    assert kinds == {"term", "place", "project", "substring", "two-word"}


@pytest.mark.parametrize(("site_script", "query_script"), COMBINATIONS)
def test_search_quality(browser, site_url, simplified, traditional, site_script, query_script):
    doc = simplified if site_script == "zh-Hans" else traditional
    page = browser.new_page()
    page.goto(site_url + ("" if site_script == "zh-Hans" else "zh-Hant/"))
    score = evaluate(site_search_in_page(page), doc, query_script).as_dict()
    page.close()
    assert score["queries"] >= 100
    assert score["section_recall"] >= 0.99, score
    assert score["section_precision"] >= 0.97, score
    assert score["page_recall"] >= 0.99, score
    assert score["page_precision"] >= 0.97, score
    assert score["top1"] == 1.0, score
    assert score["top1_queries"] >= 10  # queries found in a title or lead sentence


@pytest.mark.parametrize("site_script", ["zh-Hans", "zh-Hant"])
def test_every_glossary_term_finds_its_home_first(browser, site_url, simplified, traditional, site_script):
    """Issue 4: a search for any glossary term returns every section containing
    it, with the section where the plan defines or develops it first."""
    from tools.glossary import load_glossary
    from tools.search import units

    doc = simplified if site_script == "zh-Hans" else traditional
    page = browser.new_page()
    page.goto(site_url + ("" if site_script == "zh-Hans" else "zh-Hant/"))
    search = site_search_in_page(page)
    plan_units = [u for u in units(doc) if u.page]
    wrong = []
    for term in load_glossary():
        text = term.text(site_script).term
        results = [r for r in search(text) if r[0] != "glossary/"]
        containing = {(u.page, u.anchor) for u in plan_units if text in u.title or any(text in p[1] for p in u.paragraphs)}
        if not results or results[0][1] != term.home or not containing <= set(results):
            wrong.append(f"{text}: first {results[:1]}, home {term.home}, missing {sorted(containing - set(results))[:2]}")
    page.close()
    assert wrong == []
