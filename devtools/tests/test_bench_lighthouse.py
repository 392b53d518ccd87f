"""Issue 14's Lighthouse rule (devtools.bench.lighthouse_verdict) and its table, on figures written out by hand."""

from __future__ import annotations

from devtools.bench import _unmeasured, lighthouse_table, lighthouse_verdict


def page(perf: float, low: float, tbt: float, a11y: float = 100, bp: float = 100, seo: float = 100) -> dict:
    return {
        "scores": {"performance": perf, "accessibility": a11y, "best-practices": bp, "seo": seo},
        "min_scores": {"performance": low, "accessibility": a11y, "best-practices": bp, "seo": seo},
        "all_scores": {"performance": [low, perf, perf]},
        "metrics": {"total-blocking-time": tbt, "dom-size": 1234.0},
    }


def test_all_hundreds_meet_the_rule():
    assert lighthouse_verdict({"zh-Hans home": page(100, 98, 20), "zh-Hant map": page(100, 95, 40)}) == {
        "zh-Hans home": [],
        "zh-Hant map": [],
    }


def test_the_glossary_may_have_99_only_under_150_ms_of_blocking():
    assert lighthouse_verdict({"zh-Hant glossary": page(99, 97, 149)}) == {"zh-Hant glossary": []}
    assert lighthouse_verdict({"zh-Hant glossary": page(99, 97, 150)}) == {
        "zh-Hant glossary": ["performance median 99 (TBT 150 ms)"]
    }
    assert lighthouse_verdict({"zh-Hant glossary": page(98, 97, 60)}) == {
        "zh-Hant glossary": ["performance median 98 (TBT 60 ms)"]
    }


def test_other_pages_have_no_slack():
    assert lighthouse_verdict({"zh-Hans ch03": page(99, 99, 10)}) == {"zh-Hans ch03": ["performance median 99"]}


def test_no_run_below_95_and_the_other_categories_at_100():
    assert lighthouse_verdict({"zh-Hans places": page(100, 94, 30)}) == {"zh-Hans places": ["a performance run at 94 (< 95)"]}
    assert lighthouse_verdict({"zh-Hans about": page(100, 100, 0, a11y=98, seo=92)}) == {
        "zh-Hans about": ["accessibility median 98", "seo median 92"]
    }


def test_an_unmeasured_page_falls_short():
    assert lighthouse_verdict({"zh-Hans map": {"error": "lighthouse failed: no Chrome"}}) == {
        "zh-Hans map": ["not measured: lighthouse failed: no Chrome"]
    }


def test_table_shows_median_lowest_tbt_elements_and_verdict():
    lines = lighthouse_table({"pages": {"zh-Hans glossary": page(99, 96, 180.4), "zh-Hans home": page(100, 99, 12)}})
    assert lines[2] == (
        "| zh-Hans glossary | 99 (96) | 100 (100) | 100 (100) | 100 (100) | 180 ms | 1,234 | "
        "**not met**: performance median 99 (TBT 180 ms) |"
    )
    assert lines[3] == "| zh-Hans home | 100 (99) | 100 (100) | 100 (100) | 100 (100) | 12 ms | 1,234 | met |"


def _report(score, lcp: dict) -> dict:
    audits = {m: {"numericValue": 100.0} for m in ("first-contentful-paint", "total-blocking-time", "speed-index")}
    audits["cumulative-layout-shift"] = {"numericValue": 0.0}
    audits["largest-contentful-paint"] = lcp
    return {"categories": {"performance": {"score": score}}, "audits": audits}


def test_a_run_without_lcp_is_named_not_scored():
    """The shape of a real report of 2026-12-02 (zh-Hant glossary, load 6): LCP and TBT NO_LCP, performance null."""
    report = _report(None, {"errorMessage": "NO_LCP"})
    report["audits"]["total-blocking-time"] = {"errorMessage": "NO_LCP"}
    assert _unmeasured(report) == "largest-contentful-paint, total-blocking-time: NO_LCP"
    assert _unmeasured(_report(0.99, {"numericValue": 1200.0})) == ""
    assert _unmeasured({"runtimeError": {"code": "NO_FCP"}} | _report(None, {})) == "NO_FCP"
