"""The site's search in Chromium against the golden results (``tests/cases/search-golden.tsv``).

The golden file comes from a second, deliberately simple implementation of
the documented semantics (``tests/oracles/search_oracle.py``), not from the
index builder. For every query — the 124 of ``bench/queries.yml`` in both
scripts and the spellings the converter never produces — and on each site,
the search must find exactly the golden units (glossary entries aside), put
the glossary term's home first, then exactly the units that hold the words
in their title or lead sentences, and link every result to an anchor that
exists, with ``?h=`` words and snippet marks in the page's own script.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from tests.oracles import search_oracle
from tests.oracles.search_oracle import GOLDEN, Oracle, load_model, plan_units, read_golden

SITES = {"zh-Hans": "", "zh-Hant": "zh-Hant/"}


def test_query_set_is_large_and_varied():
    queries = yaml.safe_load(search_oracle.BENCH_QUERIES.read_text(encoding="utf-8"))["queries"]
    assert len(queries) == 124
    assert {q["kind"] for q in queries} == {"term", "place", "project", "substring", "two-word"}


def test_variant_queries_are_many_and_checked_by_hand():
    """Issue 9: at least 40 spellings the converter never produces, each with its literal result."""
    queries = search_oracle.variant_queries()
    assert len(queries) >= 40
    assert all("expect" in q and q["why"] for q in queries)
    assert sum(1 for q in queries if not q["expect"]) >= 3  # and some that must find nothing
    assert search_oracle.literal_problems(Oracle()) == []


def test_golden_file_is_current():
    """The committed golden file is what the oracle derives from the committed text today."""
    assert GOLDEN.read_text(encoding="utf-8") == search_oracle.golden_text(Oracle()), (
        "tests/cases/search-golden.tsv is stale: run python -m tests.oracles.search_oracle and read the diff"
    )


def test_golden_file_covers_every_query():
    rows = read_golden()
    assert len(rows) == len(search_oracle.queries()) == 269
    assert {s for r in rows for s in r.sites} == set(SITES)
    assert sum(1 for r in rows if r.headline - {r.home}) >= 15  # the ranking is checked on many queries


def test_the_oracle_uses_nothing_of_the_code_under_test():
    source = Path(search_oracle.__file__).read_text(encoding="utf-8")
    imports = re.findall(r"^\s*(?:from|import)\s+([\w.]+)", source, re.M)
    assert not [m for m in imports if m.split(".")[0] == "tools"], imports


RUN_ALL = """(queries) => {
  const list = document.querySelector("[data-qd-search-list]");
  return queries.map((q) => {
    const r = window.qdSearch(q);
    const items = Array.from(list.querySelectorAll("li"));
    return (r.found ? r.found.results : []).map((x, i) => ({
      unit: x.unit.page + "#" + x.unit.anchor,
      href: items[i].querySelector("a").getAttribute("href"),
      marks: Array.from(items[i].querySelectorAll("mark")).map((m) => m.textContent),
    }));
  });
}"""


def _problems(row, results) -> list[str]:
    plan = [r["unit"] for r in results if not r["unit"].startswith("glossary/")]
    problems = []
    if set(plan) != row.results:
        problems.append(f"missing {sorted(row.results - set(plan))}, extra {sorted(set(plan) - row.results)}")
    if row.home:
        if plan[:1] != [row.home]:
            problems.append(f"first {plan[:1]}, expected the glossary home {row.home}")
        plan = [u for u in plan if u != row.home]
    headline = row.headline - {row.home}
    if set(plan[: len(headline)]) != headline:
        problems.append(f"ranked first {plan[: len(headline)]}, expected the title/lead matches {sorted(headline)}")
    return problems


def _ids(built_site: Path, prefix: str, page: str, cache: dict) -> set[str]:
    path = built_site / prefix / page / "index.html"
    if path not in cache:
        cache[path] = set(re.findall(r'\sid="([^"]+)"', path.read_text(encoding="utf-8")))
    return cache[path]


@pytest.mark.browser
@pytest.mark.parametrize("site", list(SITES))
def test_search_finds_the_golden_results(browser, site_url, built_site, site):
    rows = [r for r in read_golden() if site in r.sites]
    texts = {u.ref: "\n".join((u.title, *u.paragraphs)) for u in plan_units(load_model(site))}
    page = browser.new_page()
    page.goto(site_url + SITES[site])
    page.evaluate("() => window.qdSearchLoad()")
    found = page.evaluate(RUN_ALL, [r.query for r in rows])
    page.close()
    wrong, ids = [], {}
    for row, results in zip(rows, found, strict=True):
        wrong += [f"{row.query!r} on {site}: {p}" for p in _problems(row, results)]
        for r in (r for r in results if r["unit"] in texts):
            url = urlsplit(r["href"])
            target = r["unit"].split("#")[0]
            shown = parse_qs(url.query).get("h", [""])[0].split(" ")
            if not url.path.endswith(target) or url.fragment not in _ids(built_site, SITES[site], target, ids):
                wrong.append(f"{row.query!r} on {site}: link {r['href']} lands on no anchor of {target or 'the home page'}")
            if not all(w and w in texts[r["unit"]] for w in shown) or not all(m in texts[r["unit"]] for m in r["marks"]):
                wrong.append(f"{row.query!r} on {site}: h={shown} marks={r['marks']} not in the text of {r['unit']}")
    assert wrong == [], "\n".join(wrong[:30])


@pytest.mark.browser
@pytest.mark.parametrize("site", list(SITES))
def test_every_glossary_term_finds_its_home_first(browser, site_url, site):
    """Issue 4: a search for any glossary term returns every section containing
    it, with the section where the plan defines or develops it first."""
    from tools.data.glossary import load_glossary

    page = browser.new_page()
    page.goto(site_url + SITES[site])
    page.evaluate("() => window.qdSearchLoad()")
    units = [u for u in plan_units(load_model(site)) if u.page]
    terms = list(load_glossary())
    found = page.evaluate(RUN_ALL, [t.text(site).term for t in terms])
    page.close()
    wrong = []
    for term, results in zip(terms, found, strict=True):
        text = term.text(site).term
        plan = [r["unit"] for r in results if not r["unit"].startswith("glossary/")]
        containing = {u.ref for u in units if text in u.title or any(text in p for p in u.paragraphs)}
        if not plan or plan[0].split("#")[1] != term.home or not containing <= set(plan):
            wrong.append(f"{text}: first {plan[:1]}, home {term.home}, missing {sorted(containing - set(plan))[:2]}")
    assert wrong == []
