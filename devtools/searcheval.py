"""Search quality, measured on the committed query set (``bench/queries.yml``).

Semantics (issue 3): a unit — the notice, a chapter introduction or a
section — *contains* a one-word query when its text holds the word as a
contiguous string, and a multi-word query when it holds every word. The home
page (the notice), the glossary and the index are neutral: results from them
count neither as hits nor as misses. A query in the other script asks for
the same units as the query in the site's own script.

Recall and precision are micro-averaged over all queries, at two levels:
sections (units) and pages. Top-1: for every query that occurs in a section
title or lead sentence, the first non-neutral result must be such a section.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import yaml

from tools.model import Document
from tools.paths import ROOT
from tools.search import Unit, units

QUERIES = ROOT / "bench" / "queries.yml"
NEUTRAL_PAGES = {"", "glossary/", "places/"}


def load_queries() -> list[dict]:
    return yaml.safe_load(QUERIES.read_text(encoding="utf-8"))["queries"]


def _contains(unit: Unit, words: list[str]) -> bool:
    text = "\n".join([unit.title, *(p[1] for p in unit.paragraphs)])
    return all(w in text for w in words)


def _in_title_or_lead(unit: Unit, words: list[str]) -> bool:
    leads = [p[1][: p[2]] for p in unit.paragraphs if p[2]]
    return all(w in unit.title for w in words) or all(any(w in lead for lead in leads) for w in words)


@dataclass
class Score:
    queries: int = 0
    relevant: int = 0
    found: int = 0
    correct: int = 0
    page_relevant: int = 0
    page_found: int = 0
    page_correct: int = 0
    top1_queries: int = 0
    top1_correct: int = 0
    misses: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        def ratio(a: int, b: int) -> float:
            return round(a / b, 4) if b else 1.0

        return {
            "queries": self.queries,
            "section_recall": ratio(self.correct, self.relevant),
            "section_precision": ratio(self.correct, self.found),
            "page_recall": ratio(self.page_correct, self.page_relevant),
            "page_precision": ratio(self.page_correct, self.page_found),
            "top1": ratio(self.top1_correct, self.top1_queries),
            "top1_queries": self.top1_queries,
            "misses": self.misses[:20],
        }


def evaluate(
    search: Callable[[str], list[tuple[str, str]]],
    site: Document,
    query_script: str,
    queries: Iterable[dict] | None = None,
) -> Score:
    """Score ``search`` (query → ordered ``(page, anchor)`` results) on ``site``'s script.

    Relevance is judged on the site's own text with the query in the site's
    script; ``query_script`` is the script the query is typed in.
    """
    score = Score()
    all_units = [u for u in units(site) if u.page not in NEUTRAL_PAGES]
    for q in queries if queries is not None else load_queries():
        words = q[site.script].split()
        relevant = {(u.page, u.anchor) for u in all_units if _contains(u, words)}
        headline = {(u.page, u.anchor) for u in all_units if _contains(u, words) and _in_title_or_lead(u, words)}
        results = [r for r in search(q[query_script]) if r[0] not in NEUTRAL_PAGES]
        found = set(results)
        score.queries += 1
        score.relevant += len(relevant)
        score.found += len(found)
        score.correct += len(found & relevant)
        pages_rel = {p for p, _ in relevant}
        pages_found = {p for p, _ in found}
        score.page_relevant += len(pages_rel)
        score.page_found += len(pages_found)
        score.page_correct += len(pages_found & pages_rel)
        if found != relevant:
            score.misses.append(f"{q[query_script]}: missed {sorted(relevant - found)[:3]}, extra {sorted(found - relevant)[:3]}")
        if headline:
            score.top1_queries += 1
            if results and results[0] in headline:
                score.top1_correct += 1
            else:
                score.misses.append(f"{q[query_script]}: first result {results[:1]}, expected one of {sorted(headline)[:3]}")
    return score


def site_search_in_page(page) -> Callable[[str], list[tuple[str, str]]]:
    """The site's own search, run through its UI code in a loaded page."""
    page.evaluate("() => window.qdSearchLoad()")

    def run(query: str) -> list[tuple[str, str]]:
        found = page.evaluate(
            """(q) => {
                const r = window.qdSearch(q);
                return (r.found ? r.found.results : []).map(x => [x.unit.page, x.unit.anchor]);
            }""",
            query,
        )
        return [tuple(x) for x in found]

    return run
