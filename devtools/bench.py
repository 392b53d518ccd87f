"""``python -m devtools.bench``: measure the site — build, page weight, search, PDFs, Lighthouse.

One command, run from a clean state, writes ``bench/results/latest.json``
(every figure, every run) and ``bench/results/latest.md`` (the table the
README shows, each figure with its target and whether it is met), and prints
the table. ``--quick`` repeats nothing (one run of each), for development.

What is measured, and how (the targets are in :data:`TARGETS`):

Build
    Whole processes, repeated (``--runs``, default 3), medians reported:
    ``python -m devtools.bench_build`` — the build of ``python -m tools build``,
    with PDFs, into a fresh directory, timed from outside (interpreter start to
    exit) and stage by stage from inside (convert, each script's MkDocs build,
    the search index, the PDFs; see :mod:`devtools.bench_build`). In the same run,
    alternating with it, a plain mkdocs-material build of the same Markdown
    (``docs/zh-Hans``: Material's default theme settings and search plugin, no
    hooks or overrides; only ``attr_list`` and ``md_in_html``, without which
    the same Markdown does not parse) — the ratio of the medians says what the
    project's build costs over the theme's.
Page weight
    Every page kind (:data:`PAGES`: home, a chapter (ch03), the glossary, the
    place index, 本版说明 and the map), both scripts, in headless Chromium
    against the gzip server (:mod:`devtools.bench_browser`).
Search
    The committed query set (``bench/queries.yml``) in every script
    combination: recall, precision and top-1 by :func:`devtools.searcheval.evaluate`,
    and the time from issuing a query to rendered results, after the index
    has loaded (median and p95 over ``--runs`` passes).
Engines
    The same queries and semantics on Pagefind 1.6.0 (extended, from npm,
    indexing the built HTML) and on Material's own search (plain build, and
    with ``language: zh`` plus jieba 0.42.1, which the search plugin uses to
    segment Chinese when it is installed). An engine that cannot run is
    reported with the reason, never with made-up numbers.
Lighthouse
    12.2.3 from npm (``npm ci``), mobile emulation (its default), Debian's
    Chromium, every page kind in both scripts, ``--lighthouse-runs`` times each
    (default 5): median and lowest score per category, the median total
    blocking time and the element count, judged by :func:`lighthouse_verdict`
    (issue 14's rule). ``--only lighthouse`` reruns this section alone on a
    fresh build without PDFs and puts it into the last ``latest.json``;
    with ``--pages glossary places`` (kinds, or ``"zh-Hant map"``) or
    ``--site DIR`` (an existing build) it measures those alone and writes
    ``build/bench/lighthouse-pages.json``, leaving ``latest.json`` alone.

Scratch files go to ``build/bench/`` (ignored by git).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from tools.paths import DOCS, RAW, ROOT
from tools.render import EDITION_MARKS

RESULTS = ROOT / "bench" / "results"
WORK = ROOT / "build" / "bench"
NODE_BIN = ROOT / "node_modules" / ".bin"
JIEBA = "jieba==0.42.1"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync"
)
SCRIPTS = {"zh-Hans": "", "zh-Hant": "zh-Hant/"}
PAGES = {
    "home": "",
    "ch03": "ch03/",
    "glossary": "glossary/",
    "places": "places/",
    "about": "about/",
    "map": "map/",
}
LH_CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# Issue 14's rule for Lighthouse (mobile), per page: every category's median is
# 100; the glossary's performance median may be 99 when its total blocking time
# (median) is under 150 ms, because this machine is noisy; no performance run
# below 95.
LH_PERFECT = 100
LH_GLOSSARY_SLACK = (99, 150.0)  # (median performance allowed, when the TBT median in ms is below)
LH_FLOOR = 95
COMBINATIONS = [  # (site script, query script)
    ("zh-Hans", "zh-Hans"),
    ("zh-Hant", "zh-Hant"),
    ("zh-Hant", "zh-Hans"),
    ("zh-Hans", "zh-Hant"),
]
KB = 1000  # targets in kB of 1000 bytes (the stricter reading of "KB")

# name → (comparison, limit, unit, where the target comes from)
TARGETS: dict[str, tuple[str, float, str]] = {
    "convert_s": ("<=", 1.0, "s"),
    "whole_build_s": ("<=", 90.0, "s"),
    "pdf_s": ("<=", 60.0, "s"),
    "first_view_kb": ("<=", 120.0, "kB"),
    "first_view_requests": ("<=", 10, ""),
    "first_search_kb": ("<=", 150.0, "kB"),
    "third_party_requests": ("<=", 0, ""),
    "search_p95_ms": ("<=", 100.0, "ms"),
    "recall": (">=", 0.99, ""),
    "precision": (">=", 0.97, ""),
    "top1": (">=", 1.0, ""),
}


def met(name: str, value: float | None) -> bool | None:
    if value is None:
        return None
    op, limit, _ = TARGETS[name]
    return value <= limit if op == "<=" else value >= limit


def target_text(name: str) -> str:
    op, limit, unit = TARGETS[name]
    sign = "≤" if op == "<=" else "≥"
    if name in ("recall", "precision", "top1"):
        return f"{sign} {limit:.0%}"
    return f"{sign} {limit:g}{(' ' + unit) if unit else ''}"


def median(values: list[float]) -> float:
    return statistics.median(values)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


# ------------------------------------------------------------------ the machine


def machine() -> dict:
    def first(path: str, pattern: str) -> str:
        with contextlib.suppress(OSError):
            for line in Path(path).read_text(encoding="utf-8").splitlines():
                m = re.match(pattern, line)
                if m:
                    return m.group(1).strip()
        return "?"

    mem_kb = first("/proc/meminfo", r"MemTotal:\s+(\d+)")
    os_name = first("/etc/os-release", r'PRETTY_NAME="?([^"]*)"?')
    versions = {"python": platform.python_version()}
    for name, cmd in {"chromium": ["chromium", "--version"], "node": ["node", "--version"]}.items():
        with contextlib.suppress(OSError, subprocess.CalledProcessError):
            out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip()
            versions[name] = out.split()[1] if name == "chromium" else out.lstrip("v")
    return {
        "cpu": first("/proc/cpuinfo", r"model name\s*:\s*(.*)"),
        "cores": os.cpu_count(),
        "ram_gb": round(int(mem_kb) / 1024 / 1024, 1) if mem_kb.isdigit() else None,
        "os": f"{os_name}, Linux {platform.release()}",
        "load_before": os.getloadavg()[0],
        "versions": versions,
    }


# ------------------------------------------------------------------ builds


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_MKDOCS_2_WARNING="1")
    env.update(extra)
    return env


def timed(cmd: list[str], env: dict[str, str] | None = None, cwd: Path = ROOT) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env or _env(), capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return seconds


def write_plain_project(where: Path, language: str | None = None) -> Path:
    """A plain Material project of ``docs/zh-Hans``'s Markdown; returns its mkdocs.yml."""
    if where.exists():
        shutil.rmtree(where)
    (where / "docs").mkdir(parents=True)
    for md in sorted((DOCS / "zh-Hans").glob("*.md")):
        shutil.copy2(md, where / "docs" / md.name)
    lines = [
        "# Plain mkdocs-material build of the same Markdown, for devtools/bench.py: default theme",
        "# settings and search plugin, no hooks, no overrides.",
        "site_name: 青岛都市圈发展规划",
        "theme:",
        "  name: material",
        *([f"  language: {language}"] if language else []),
        "markdown_extensions:",
        "  - attr_list",
        "  - md_in_html",
    ]
    config = where / "mkdocs.yml"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return config


def bench_builds(runs: int) -> tuple[dict, Path]:
    """Whole builds and plain builds, alternating; returns the figures and the last site built."""
    plain_config = write_plain_project(WORK / "plain")
    rows, plain = [], []
    site = WORK / "site"
    for i in range(runs):
        if site.exists():
            shutil.rmtree(site)
        out = WORK / f"build-{i}.json"
        log(f"whole build {i + 1}/{runs} …")
        seconds = timed([sys.executable, "-m", "devtools.bench_build", "--site-dir", str(site), "--json", str(out)])
        row = json.loads(out.read_text(encoding="utf-8"))
        row["process_s"] = seconds
        rows.append(row)
        log(f"  {seconds:.1f} s; plain mkdocs-material build {i + 1}/{runs} …")
        plain_site = WORK / "plain" / "site"
        if plain_site.exists():
            shutil.rmtree(plain_site)
        plain.append(timed([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(plain_config), "-d", str(plain_site)]))

    def med(get: Callable[[dict], float | None]) -> float | None:
        values = [v for v in (get(r) for r in rows) if v is not None]
        return round(median(values), 3) if values else None

    pdfs = {}
    for row in rows:
        for p in row["pdfs"]:
            pdfs.setdefault(p["file"], {"pages": p["pages"], "bytes": p["bytes"], "seconds": []})["seconds"].append(p["seconds"])
    figures = {
        "runs": runs,
        "whole_build_s": med(lambda r: r["process_s"]),
        "convert_s": med(lambda r: r["stages"]["convert"]),
        "site_s": med(lambda r: r["stages"]["site"]),
        "site_zh-Hans_s": med(lambda r: r["scripts"].get("zh-Hans")),
        "site_zh-Hant_s": med(lambda r: r["scripts"].get("zh-Hant")),
        "search_index_s": med(lambda r: sum(r["search_index_calls"])),
        "search_index_calls": len(rows[-1]["search_index_calls"]),
        "pdf_s": med(lambda r: r["stages"].get("pdf")),
        "in_process_total_s": med(lambda r: r["stages"]["total"]),
        "plain_build_s": round(median(plain), 3),
        "ratio_whole_to_plain": round(median([r["process_s"] for r in rows]) / median(plain), 2),
        "all_runs": {"whole": rows, "plain_s": plain},
        "pdfs": {
            name: {"pages": v["pages"], "bytes": v["bytes"], "seconds": round(median(v["seconds"]), 2)}
            for name, v in sorted(pdfs.items())
        },
    }
    figures["pdf_total_bytes"] = sum(v["bytes"] for v in figures["pdfs"].values())
    return figures, site


# ------------------------------------------------------------------ other engines: setup


def install_jieba() -> tuple[Path | None, str]:
    """jieba into a throwaway directory (not the project's environment); returns (path, why not)."""
    target = WORK / "jieba"
    if (target / "jieba" / "__init__.py").exists():
        return target, ""
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), JIEBA],
        capture_output=True,
        text=True,
    )
    if proc.returncode:
        return None, f"pip could not install {JIEBA}: {proc.stderr.strip().splitlines()[-1:]}"
    return target, ""


def build_material_variants(runs_dir: Path) -> dict[str, dict]:
    """Plain Material builds for the engine comparison: default (language en) and zh + jieba."""
    variants: dict[str, dict] = {}
    plain_site = WORK / "plain" / "site"
    variants["material"] = {"site": plain_site, "label": "Material default (lunr, language en)"}
    jieba_dir, why = install_jieba()
    if jieba_dir is None:
        variants["material-jieba"] = {"error": why, "label": "Material + jieba (language zh)"}
        return variants
    config = write_plain_project(runs_dir / "plain-zh", language="zh")
    site = runs_dir / "plain-zh" / "site"
    env = _env(PYTHONPATH=os.pathsep.join([str(jieba_dir), str(ROOT)]), JIEBA_CACHE=str(runs_dir))
    check = subprocess.run(
        [sys.executable, "-c", "import jieba, sys; print(jieba.__version__)"], env=env, capture_output=True, text=True
    )
    if check.returncode:
        variants["material-jieba"] = {"error": "jieba does not import: " + check.stderr[-300:], "label": "Material + jieba"}
        return variants
    seconds = timed([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)], env=env)
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    segmented = sum("\u200b" in d["text"] for d in index["docs"])
    variants["material-jieba"] = {
        "site": site,
        "label": f"Material + jieba {check.stdout.strip()} (language zh)",
        "build_s": round(seconds, 2),
        "segmented_docs": segmented,
    }
    return variants


def build_pagefind(site: Path) -> dict:
    """Pagefind 1.6.0 (extended) over a copy of the built site; returns where and what it cost."""
    binary = NODE_BIN / "pagefind"
    label = "Pagefind 1.6.0 extended"
    if not binary.exists():
        return {"error": "node_modules/.bin/pagefind is missing: run `npm ci` (make bench does)", "label": label}
    copy = WORK / "pagefind-site"
    if copy.exists():
        shutil.rmtree(copy)
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("*.pdf"))
    # What a reader searches: the article's plan text, without the edition's own
    # elements (¶/# permalinks, PDF buttons, see-also notes).
    cmd = [
        str(binary),
        "--site",
        str(copy),
        "--root-selector",
        "article",
        "--exclude-selectors",
        ", ".join(EDITION_MARKS),
        "--quiet",
    ]
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    seconds = time.perf_counter() - start
    if proc.returncode:
        return {"error": f"pagefind failed: {proc.stderr[-500:]}", "label": label}
    bundle = copy / "pagefind"
    version = subprocess.run([str(binary), "--version"], capture_output=True, text=True).stdout.strip()
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    return {
        "site": copy,
        "label": f"Pagefind {version.split()[-1]} extended" if version else label,
        "index_s": round(seconds, 2),
        "bundle_bytes": sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file()),
        "languages": {k: v.get("page_count") for k, v in entry.get("languages", {}).items()},
    }


# ------------------------------------------------------------------ browser measurements


def scored(results: dict[str, list[tuple[str, str]]], doc, query_script: str, queries: list[dict]) -> dict:
    from .searcheval import evaluate

    return evaluate(lambda q: results[q], doc, query_script, queries).as_dict()


def bench_browser(site: Path, variants: dict, pagefind: dict, passes: int, queries: list[dict], docs: dict) -> dict:
    from tests.browser import chromium, serve

    from .bench_browser import material_search, page_weight, pagefind_search, site_search

    out: dict = {"page_weight": {}, "search": {}, "engines": {}}
    pages = {name: path for name, path in PAGES.items() if (site / path / "index.html").exists()}
    out["pages_skipped"] = sorted(set(PAGES) - set(pages))
    first_query = {script: queries[0][script] for script in SCRIPTS}
    with chromium() as browser:
        with serve(site) as base:
            for script, root in SCRIPTS.items():
                for name, path in pages.items():
                    log(f"page weight {script} {name} …")
                    out["page_weight"][f"{script} {name}"] = page_weight(browser, base, root + path, first_query[script])
            for site_script, query_script in COMBINATIONS:
                log(f"site search {site_script} ← {query_script} queries …")
                texts = [q[query_script] for q in queries]
                run = site_search(browser, base, SCRIPTS[site_script], texts, passes)
                out["search"][f"{site_script} ← {query_script}"] = {
                    **scored(run["results"], docs[site_script], query_script, queries),
                    "median_ms": round(median(run["ms"]), 2),
                    "p95_ms": round(p95(run["ms"]), 2),
                    "max_ms": round(max(run["ms"]), 2),
                    "search_only_median_ms": round(median(run["search_ms"]), 2),
                    "timed_queries": len(run["ms"]),
                    "index_load_ms": round(run["index_load_ms"], 1),
                }
        engines = out["engines"]
        # (a) the site's own search: the figures above, restated for the comparison.
        engines["site"] = {"label": "this site's search (exact substring, script-insensitive)", "runs": out["search"]}
        # (b) Pagefind over the built HTML.
        if "error" in pagefind:
            engines["pagefind"] = {"label": pagefind["label"], "error": pagefind["error"]}
        else:
            engines["pagefind"] = {k: v for k, v in pagefind.items() if k != "site"} | {"runs": {}}
            with serve(pagefind["site"]) as base:
                for site_script, query_script in COMBINATIONS:
                    log(f"Pagefind {site_script} ← {query_script} queries …")
                    texts = [q[query_script] for q in queries]
                    try:
                        run = pagefind_search(browser, base, SCRIPTS[site_script], texts)
                    except Exception as exc:  # report, do not invent
                        engines["pagefind"]["runs"][f"{site_script} ← {query_script}"] = {"error": str(exc)[:500]}
                        continue
                    engines["pagefind"]["runs"][f"{site_script} ← {query_script}"] = {
                        **scored(run["results"], docs[site_script], query_script, queries),
                        "median_ms": round(median(run["ms"]), 2),
                        "p95_ms": round(p95(run["ms"]), 2),
                        "index_load_ms": round(run["index_load_ms"], 1),
                    }
        # (c) Material's lunr search on the plain builds (zh-Hans only: the plain build has one script).
        for key, variant in variants.items():
            if "error" in variant:
                engines[key] = {"label": variant["label"], "error": variant["error"]}
                continue
            engines[key] = {k: v for k, v in variant.items() if k != "site"} | {"runs": {}}
            with serve(variant["site"]) as base:
                for query_script in SCRIPTS:
                    log(f"{variant['label']} zh-Hans ← {query_script} queries …")
                    texts = [q[query_script] for q in queries]
                    run = material_search(browser, base, texts)
                    engines[key]["runs"][f"zh-Hans ← {query_script}"] = {
                        **scored(run["results"], docs["zh-Hans"], query_script, queries),
                        "median_ms": round(median(run["ms"]), 2),
                        "p95_ms": round(p95(run["ms"]), 2),
                        "index_load_ms": round(run["index_load_ms"], 1),
                    }
                    engines[key]["search_config"] = run["config"]
    return out


# ------------------------------------------------------------------ Lighthouse


def selected_pages(only: list[str] | None) -> dict[str, str]:
    """The Lighthouse pages (``"zh-Hans glossary"`` → its path), all or those ``only`` names.

    A name is a page kind (``glossary``: both scripts) or one page (``"zh-Hant glossary"``).

    >>> list(selected_pages(["glossary", "zh-Hant map"]))
    ['zh-Hans glossary', 'zh-Hant glossary', 'zh-Hant map']
    """
    pages = {f"{script} {name}": root + path for script, root in SCRIPTS.items() for name, path in PAGES.items()}
    if not only:
        return pages
    unknown = [n for n in only if n not in PAGES and n not in pages]
    if unknown:
        raise SystemExit(f"--pages: unknown {', '.join(unknown)}; page kinds are {', '.join(PAGES)}, or '<script> <kind>'")
    return {k: v for k, v in pages.items() if k in only or k.split(" ", 1)[1] in only}


def lighthouse(site: Path, runs: int, only: list[str] | None = None) -> dict:
    from tests.browser import serve

    binary = NODE_BIN / "lighthouse"
    if not binary.exists():
        return {"error": "node_modules/.bin/lighthouse is missing: run `npm ci` (make bench does)"}
    chrome = shutil.which("chromium") or "/usr/bin/chromium"
    pages = {k: v for k, v in selected_pages(only).items() if (site / v / "index.html").exists()}
    reports = WORK / "lighthouse"
    reports.mkdir(parents=True, exist_ok=True)
    out: dict = {"version": None, "pages": {}, "runs": runs, "load_before": os.getloadavg()[0]}
    with serve(site) as base:
        for name, path in pages.items():
            scores: dict[str, list[float]] = {}
            metrics: dict[str, list[float]] = {}
            failing: dict[str, set[str]] = {}
            failed: list[str] = []
            attempt = 0
            while len(scores.get("performance", [])) < runs:
                attempt += 1
                log(f"Lighthouse {name} {len(scores.get('performance', [])) + 1}/{runs} …")
                report = reports / f"{name.replace(' ', '-')}-{attempt}.json"
                proc = subprocess.run(
                    [
                        str(binary),
                        base + path,
                        "--output=json",
                        f"--output-path={report}",
                        "--quiet",
                        f"--chrome-flags={CHROME_FLAGS}",
                    ],
                    env=dict(os.environ, CHROME_PATH=chrome),
                    capture_output=True,
                    text=True,
                )
                if proc.returncode or not report.exists():
                    out["pages"][name] = {"error": f"lighthouse failed: {proc.stderr[-500:]}"}
                    break
                data = json.loads(report.read_text(encoding="utf-8"))
                unmeasured = _unmeasured(data)
                if unmeasured:
                    # A run without a figure (NO_LCP and the like, seen under load) is
                    # reported, not scored as 0, and replaced by another run.
                    log(f"  run without a figure ({unmeasured}); repeating it")
                    failed.append(unmeasured)
                    if len(failed) > runs:
                        out["pages"][name] = {"error": "too many runs without a figure: " + "; ".join(failed)}
                        break
                    continue
                out["version"] = data.get("lighthouseVersion")
                out["benchmark_index"] = data.get("environment", {}).get("benchmarkIndex")
                for cat, value in data["categories"].items():
                    scores.setdefault(cat, []).append(round((value["score"] or 0) * 100))
                    for ref in value["auditRefs"]:
                        audit = data["audits"][ref["id"]]
                        if ref.get("weight") and audit.get("score") is not None and audit["score"] < 1 and cat != "performance":
                            failing.setdefault(cat, set()).add(ref["id"])
                for m in ("dom-size", "mainthread-work-breakdown", "bootup-time"):
                    if data["audits"].get(m, {}).get("numericValue") is not None:
                        metrics.setdefault(m, []).append(data["audits"][m]["numericValue"])
                for m in LH_METRICS:
                    metrics.setdefault(m, []).append(data["audits"][m]["numericValue"])
            else:
                out["pages"][name] = {
                    "scores": {cat: median(v) for cat, v in scores.items()},
                    "min_scores": {cat: min(v) for cat, v in scores.items()},
                    "all_scores": scores,
                    "all_tbt_ms": [round(v) for v in metrics["total-blocking-time"]],
                    "failed_runs": failed,
                    "metrics": {m: round(median(v), 3) for m, v in metrics.items()},
                    "failing_audits": {k: sorted(v) for k, v in failing.items()},
                }
    out["load_after"] = os.getloadavg()[0]
    out["date"] = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    out["verdict"] = lighthouse_verdict(out["pages"])
    return out


LH_METRICS = (
    "first-contentful-paint",
    "largest-contentful-paint",
    "total-blocking-time",
    "cumulative-layout-shift",
    "speed-index",
)


def _unmeasured(data: dict) -> str:
    """Why a Lighthouse report has no performance figure ("" when it has one)."""
    if data.get("runtimeError"):
        return str(data["runtimeError"].get("code"))
    if data["categories"]["performance"]["score"] is None:
        missing = [m for m in LH_METRICS if data["audits"][m].get("numericValue") is None]
        errors = {data["audits"][m].get("errorMessage") or "no value" for m in missing}
        return f"{', '.join(missing)}: {', '.join(sorted(errors))}"
    return ""


def lighthouse_verdict(pages: dict[str, dict]) -> dict[str, list[str]]:
    """Issue 14's rule on each page's Lighthouse figures: page → what falls short (empty: met).

    ``pages[name]`` has ``scores`` (median per category), ``min_scores`` and
    ``metrics["total-blocking-time"]`` (median, ms); a page that could not be
    measured (``error``) falls short with that reason.

    >>> lighthouse_verdict({"zh-Hans glossary": {"scores": {"performance": 99, "accessibility": 100,
    ...     "best-practices": 100, "seo": 100}, "min_scores": {"performance": 97}, "metrics": {"total-blocking-time": 120}}})
    {'zh-Hans glossary': []}
    """
    verdict: dict[str, list[str]] = {}
    for name, page in pages.items():
        if "error" in page:
            verdict[name] = [f"not measured: {page['error'][:80]}"]
            continue
        short = []
        perf, tbt = page["scores"]["performance"], page["metrics"]["total-blocking-time"]
        allowed, below_ms = LH_GLOSSARY_SLACK
        if perf < LH_PERFECT and not (name.endswith(" glossary") and perf >= allowed and tbt < below_ms):
            short.append(f"performance median {perf:g}" + (f" (TBT {tbt:.0f} ms)" if name.endswith(" glossary") else ""))
        if page["min_scores"]["performance"] < LH_FLOOR:
            short.append(f"a performance run at {page['min_scores']['performance']:g} (< {LH_FLOOR})")
        short += [f"{cat} median {page['scores'][cat]:g}" for cat in LH_CATEGORIES[1:] if page["scores"][cat] < LH_PERFECT]
        verdict[name] = short
    return verdict


def lighthouse_table(lh: dict) -> list[str]:
    """One row per page: each category's median (lowest run), TBT median, elements, and the rule's verdict."""
    verdict = lh.get("verdict") or lighthouse_verdict(lh.get("pages", {}))
    lines = [
        "| Page | Performance | Accessibility | Best practices | SEO | TBT median | DOM elements | Rule |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, page in lh.get("pages", {}).items():
        if "error" in page:
            lines.append(f"| {name} | not run: {page['error'][:120]} | | | | | | **not met** |")
            continue
        cells = [f"{page['scores'][c]:g} ({page['min_scores'][c]:g})" for c in LH_CATEGORIES]
        mt = page["metrics"]
        dom = f"{mt['dom-size']:,.0f}" if "dom-size" in mt else "—"
        short = verdict.get(name, [])
        rule = "met" if not short else "**not met**: " + "; ".join(short)
        lines.append(f"| {name} | {' | '.join(cells)} | {mt['total-blocking-time']:.0f} ms | {dom} | {rule} |")
    return lines


# ------------------------------------------------------------------ report


def _mark(ok: bool | None) -> str:
    return "—" if ok is None else ("met" if ok else "**not met**")


def _row(label: str, value: str, name: str | None = None, number: float | None = None) -> str:
    if name is None:
        return f"| {label} | {value} | — | — |"
    return f"| {label} | {value} | {target_text(name)} | {_mark(met(name, number))} |"


def _kb(n: int) -> str:
    return f"{n / KB:.1f} kB"


def _pct(x: float) -> str:
    return f"{x * 100:.1f} %"


def header(r: dict) -> list[str]:
    m, b, v = r["machine"], r["build"], r["machine"]["versions"]
    command = "python -m devtools.bench" + (" --quick" if r["quick"] else "")
    return [
        f"- Date: {r['date']}; command: `make bench` (`{command}`)"
        + (
            f"; Lighthouse rerun alone on {r['lighthouse']['date']} (`{command} --only lighthouse`)"
            if r["lighthouse"].get("date", r["date"]) != r["date"]
            else ""
        ),
        f"- Machine: {m['cpu']}, {m['cores']} cores, {m['ram_gb']} GB RAM, {m['os']}",
        f"- Load average at the start: {m['load_before']:.1f} (other work on the machine makes timings noisier)",
        f"- Software: Python {v.get('python')}, Chromium {v.get('chromium', '?')}, Node {v.get('node', '?')}",
        f"- Process timings: median of {b['runs']} run(s); search times: {b['runs']} pass(es) over the queries",
        "- kB = 1000 bytes",
    ]


def _worst(items: dict[str, float], lowest: bool) -> tuple[str, float]:
    """The worst entry's name and value; the name is "all" when every entry has the same value."""
    name = (min if lowest else max)(items, key=lambda k: items[k])
    return ("all" if len(set(items.values())) == 1 else name), items[name]


def summary(r: dict) -> str:
    """One row per target, with the worst case over pages, scripts and query scripts."""
    b, w, s = r["build"], r["browser"]["page_weight"], r["browser"]["search"]
    rows = [
        "| Target | Result (worst case) | Target | Met |",
        "|---|---|---|---|",
        _row("Convert stage", f"{b['convert_s']:.2f} s", "convert_s", b["convert_s"]),
        _row(
            "Whole build: both scripts, search index, all PDFs",
            f"{b['whole_build_s']:.1f} s",
            "whole_build_s",
            b["whole_build_s"],
        ),
        _row(f"of which the {len(b['pdfs'])} PDFs", f"{b['pdf_s']:.1f} s", "pdf_s", b["pdf_s"]),
    ]
    page, size = _worst({k: v["first_view"]["bytes"] for k, v in w.items()}, lowest=False)
    rows.append(_row(f"First view, heaviest of {len(w)} pages", f"{_kb(size)} ({page})", "first_view_kb", size / KB))
    page, n = _worst({k: v["first_view"]["requests"] for k, v in w.items()}, lowest=False)
    rows.append(_row("First-view requests, most", f"{n} ({page})", "first_view_requests", n))
    page, size = _worst({k: v["first_search"]["bytes"] for k, v in w.items()}, lowest=False)
    rows.append(_row("First search adds, most", f"{_kb(size)} ({page})", "first_search_kb", size / KB))
    foreign = sum(len(v["first_view"]["third_party"]) + len(v["first_search"]["third_party"]) for v in w.values())
    rows.append(_row("Third-party requests, all pages", str(foreign), "third_party_requests", foreign))
    combo, ms = _worst({k: v["p95_ms"] for k, v in s.items()}, lowest=False)
    rows.append(
        _row(f"Search, query to rendered results, p95 (slowest of {len(s)})", f"{ms:.1f} ms ({combo})", "search_p95_ms", ms)
    )
    for label, keys, name in (
        ("Search recall, sections and pages", ("section_recall", "page_recall"), "recall"),
        ("Search precision, sections and pages", ("section_precision", "page_precision"), "precision"),
        ("Search top-1", ("top1",), "top1"),
    ):
        level = {"section_recall": ", sections", "page_recall": ", pages", "section_precision": ", sections"}
        level |= {"page_precision": ", pages", "top1": ""}
        combo, value = _worst({f"{k}{level[key]}": v[key] for k, v in s.items() for key in keys}, lowest=True)
        rows.append(_row(label, f"{_pct(value)} ({combo})", name, value))
    lh = r["lighthouse"]
    pages = {k: v for k, v in lh.get("pages", {}).items() if "scores" in v}
    if not pages:
        rows.append(_row("Lighthouse", "not run: " + lh.get("error", "no page measured")))
    for cat in LH_CATEGORIES:
        if pages:
            page, score = _worst({k: v["scores"][cat] for k, v in pages.items()}, lowest=True)
            low_page, low = _worst({k: v.get("min_scores", v["scores"])[cat] for k, v in pages.items()}, lowest=True)
            rows.append(
                _row(
                    f"Lighthouse {cat} (mobile), lowest median of {len(pages)} pages (lowest run)",
                    f"{score:.0f} ({page}; lowest run {low:.0f}, {low_page})",
                )
            )
    if pages:
        verdict = lh.get("verdict") or lighthouse_verdict(lh["pages"])
        short = sorted(k for k, v in verdict.items() if v)
        rows.append(
            f"| Lighthouse rule on {len(verdict)} pages, {lh.get('runs', r.get('lh_runs'))} runs each"
            f" | {'all met' if not short else 'short: ' + ', '.join(short)}"
            f" | every median 100 (glossary: 99 with TBT < {LH_GLOSSARY_SLACK[1]:g} ms); no run < {LH_FLOOR}"
            f" | {_mark(not short)} |"
        )
    rows += [
        _row("Ratio of the whole build to a plain mkdocs-material build", f"{b['ratio_whole_to_plain']:.1f} ×"),
        _row("Search index load (fetch, parse, prepare)", f"{next(iter(s.values()))['index_load_ms']:.0f} ms"),
    ]
    if r["browser"]["pages_skipped"]:
        rows.append(_row("Pages not measured (not built yet)", ", ".join(r["browser"]["pages_skipped"])))
    return "\n".join(rows) + "\n"


def engines(r: dict) -> list[str]:
    lines = [
        "| Engine | Site ← queries | Section recall | Section precision | Page recall | Page precision | Top-1 | Median ms |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for engine in r["browser"]["engines"].values():
        if "error" in engine:
            lines.append(f"| {engine['label']} | not run: {engine['error']} | | | | | | |")
            continue
        for combo, s in engine["runs"].items():
            if "error" in s:
                lines.append(f"| {engine['label']} | {combo}: not run: {s['error'][:200]} | | | | | | |")
                continue
            lines.append(
                f"| {engine['label']} | {combo} | {_pct(s['section_recall'])} | {_pct(s['section_precision'])} | "
                f"{_pct(s['page_recall'])} | {_pct(s['page_precision'])} | {_pct(s['top1'])} | {s['median_ms']:.1f} |"
            )
    return lines


def markdown(r: dict) -> str:
    b = r["build"]
    lines = [
        "# Benchmark results",
        "",
        "Written by `python -m devtools.bench` (`make bench`); do not edit by hand.",
        "",
        *header(r),
        "",
        "## Targets",
        "",
        summary(r),
        "## Every figure",
        "",
        "| Measure | Value | Target | Met |",
        "|---|---|---|---|",
        "| **Build** | | | |",
        _row("Convert (stage)", f"{b['convert_s']:.2f} s", "convert_s", b["convert_s"]),
        _row("Site, zh-Hans (MkDocs pages)", f"{b['site_zh-Hans_s']:.2f} s"),
        _row("Site, zh-Hant (MkDocs pages)", f"{b['site_zh-Hant_s']:.2f} s"),
        _row(f"Search index ({b['search_index_calls']} hook calls, one script each)", f"{b['search_index_s']:.2f} s"),
        _row("Site stage in all (both scripts, index, sitemap)", f"{b['site_s']:.2f} s"),
        _row(f"PDFs ({len(b['pdfs'])} files, 2 processes)", f"{b['pdf_s']:.1f} s", "pdf_s", b["pdf_s"]),
        _row("Whole build (process: start to exit)", f"{b['whole_build_s']:.1f} s", "whole_build_s", b["whole_build_s"]),
        _row("Plain mkdocs-material build, same Markdown (process)", f"{b['plain_build_s']:.1f} s"),
        _row("Ratio whole build / plain build", f"{b['ratio_whole_to_plain']:.1f} ×"),
    ]
    w = r["browser"]["page_weight"]
    lines.append("| **Page weight** (first view, until network idle; then one search) | | | |")
    for name, v in w.items():
        fv, fs = v["first_view"], v["first_search"]
        lines += [
            _row(f"{name}: first view", _kb(fv["bytes"]), "first_view_kb", fv["bytes"] / KB),
            _row(f"{name}: first-view requests", str(fv["requests"]), "first_view_requests", fv["requests"]),
            _row(
                f"{name}: first search adds ({fs['requests']} request(s))", _kb(fs["bytes"]), "first_search_kb", fs["bytes"] / KB
            ),
        ]
    foreign = sum(len(v["first_view"]["third_party"]) + len(v["first_search"]["third_party"]) for v in w.values())
    lines.append(_row("Third-party requests, all pages", str(foreign), "third_party_requests", foreign))
    if r["browser"]["pages_skipped"]:
        lines.append(_row("Pages not measured (not built yet)", ", ".join(r["browser"]["pages_skipped"])))
    lines.append("| **Search** (124 queries; site script ← query script) | | | |")
    for name, s in r["browser"]["search"].items():
        lines += [
            _row(f"{name}: time to rendered results, median", f"{s['median_ms']:.1f} ms"),
            _row(f"{name}: time to rendered results, p95", f"{s['p95_ms']:.1f} ms", "search_p95_ms", s["p95_ms"]),
            _row(f"{name}: section recall", _pct(s["section_recall"]), "recall", s["section_recall"]),
            _row(f"{name}: section precision", _pct(s["section_precision"]), "precision", s["section_precision"]),
            _row(f"{name}: page recall", _pct(s["page_recall"]), "recall", s["page_recall"]),
            _row(f"{name}: page precision", _pct(s["page_precision"]), "precision", s["page_precision"]),
            _row(f"{name}: top-1 ({s['top1_queries']} queries)", _pct(s["top1"]), "top1", s["top1"]),
        ]
    first = next(iter(r["browser"]["search"].values()))
    lines.append(_row("Index load (fetch, parse, prepare), zh-Hans", f"{first['index_load_ms']:.0f} ms"))
    lines.append("| **PDFs** | | | |")
    for name, p in b["pdfs"].items():
        lines.append(_row(f"{name} ({p['pages']} pages)", f"{_kb(p['bytes'])}, {p['seconds']:.1f} s"))
    lines.append(_row("All PDFs", _kb(b["pdf_total_bytes"])))
    lines += ["", *lighthouse_section(r), ""]
    lines += [
        "",
        "## Search engines on the same queries and semantics",
        "",
        "Section level and page level as in `devtools/searcheval.py`; Material's search runs on a plain build of",
        "the Simplified Markdown only. Times are the engine's own (Pagefind including its fragment loads).",
        "",
        *engines(r),
    ]
    return "\n".join(lines) + "\n"


def lighthouse_section(r: dict) -> list[str]:
    lh = r["lighthouse"]
    if "error" in lh and not lh.get("pages"):
        return ["## Lighthouse", "", f"Not run: {lh['error']}"]
    runs = lh.get("runs", r.get("lh_runs"))
    load = lh.get("load_before")
    lines = [
        "## Lighthouse",
        "",
        f"Lighthouse {lh.get('version') or ''}, mobile (its default: simulated 4× CPU slowdown and slow 4G), "
        f"{runs} runs per page, {lh.get('date', r['date'])}"
        + (f", load average {load:.1f} at the start, {lh['load_after']:.1f} at the end" if load is not None else "")
        + ". Each cell: median (lowest run).",
        "",
        *lighthouse_table(lh),
    ]
    for name, page in lh.get("pages", {}).items():
        mt = page.get("metrics")
        if mt:
            failing = "; ".join(f"{c}: {', '.join(a)}" for c, a in page.get("failing_audits", {}).items())
            lines.append(
                f"- {name}: FCP {mt['first-contentful-paint'] / 1000:.2f} s, LCP {mt['largest-contentful-paint'] / 1000:.2f} s,"
                f" CLS {mt['cumulative-layout-shift']:.3f}, performance runs {page['all_scores']['performance']},"
                f" TBT runs {page.get('all_tbt_ms', '?')} ms" + (f"; failing audits: {failing}" if failing else "")
            )
    return lines


def _jsonable(obj):
    if isinstance(obj, dict):
        return {k: _jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_jsonable(v) for v in obj]
    if isinstance(obj, Path):
        return str(obj)
    return obj


@contextlib.contextmanager
def _section(name: str, timings: dict[str, float]) -> Iterator[None]:
    start = time.perf_counter()
    yield
    timings[name] = round(time.perf_counter() - start, 1)


def only_lighthouse(out: Path, runs: int, only: list[str] | None = None, site: Path | None = None) -> int:
    """Rebuild the site (no PDFs), rerun Lighthouse alone and put it into ``out/latest.json`` and ``latest.md``.

    With ``only`` (some pages) or ``site`` (an existing build), the figures go to
    ``build/bench/lighthouse-pages.json`` and the terminal instead: a partial or
    foreign run never replaces the benchmark's record.
    """
    latest = out / "latest.json"
    partial = bool(only) or site is not None
    if not partial and not latest.exists():
        raise SystemExit(f"{latest} is missing: run the whole benchmark once (make bench) before --only lighthouse")
    WORK.mkdir(parents=True, exist_ok=True)
    if site is None:
        site = WORK / "site-lighthouse"
        if site.exists():
            shutil.rmtree(site)
        log("build without PDFs …")
        timed([sys.executable, "-m", "tools", "build", "--no-pdf", "--site-dir", str(site)])
    if partial:
        result = {"date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), "lh_runs": runs}
        result["lighthouse"] = lighthouse(site, runs, only)
        (WORK / "lighthouse-pages.json").write_text(
            json.dumps(_jsonable(result), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        print("\n".join(lighthouse_section(result)))
        return 0
    result = json.loads(latest.read_text(encoding="utf-8"))
    result["lighthouse"] = lighthouse(site, runs)
    result["lh_runs"] = runs
    latest.write_text(json.dumps(_jsonable(result), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    table = markdown(result)
    (out / "latest.md").write_text(table, encoding="utf-8")
    print("\n".join(lighthouse_section(result)))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m devtools.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one run of everything (development; numbers are noisier)")
    parser.add_argument("--runs", type=int, default=3, help="repetitions of each process timing and search pass (default 3)")
    parser.add_argument("--lighthouse-runs", type=int, default=5, help="Lighthouse runs per page (default 5)")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse")
    parser.add_argument(
        "--only",
        choices=["lighthouse"],
        help="measure one section alone (on a fresh build without PDFs) and update it in the last latest.json",
    )
    parser.add_argument(
        "--pages",
        nargs="+",
        metavar="PAGE",
        help="with --only lighthouse: these pages alone (a kind such as glossary, or 'zh-Hant glossary'); "
        "the figures go to build/bench/lighthouse-pages.json, not latest.json",
    )
    parser.add_argument(
        "--site",
        type=Path,
        help="with --only lighthouse: measure this built site instead of building one (same output as --pages)",
    )
    parser.add_argument("--out", type=Path, default=RESULTS, help="where to write latest.json and latest.md")
    parser.add_argument("--render", action="store_true", help="only rewrite latest.md from latest.json (no measuring)")
    args = parser.parse_args(argv)
    if args.render:
        result = json.loads((args.out / "latest.json").read_text(encoding="utf-8"))
        table = markdown(result)
        (args.out / "latest.md").write_text(table, encoding="utf-8")
        print(table)
        return 0
    runs = 1 if args.quick else max(1, args.runs)
    lh_runs = 1 if args.quick else max(1, args.lighthouse_runs)
    if (args.pages or args.site) and args.only != "lighthouse":
        parser.error("--pages and --site go with --only lighthouse")
    if args.only == "lighthouse":
        return only_lighthouse(args.out, lh_runs, args.pages, args.site)

    from tools.pipeline import convert_file

    from .searcheval import load_queries

    WORK.mkdir(parents=True, exist_ok=True)
    sections: dict[str, float] = {}
    result: dict = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "quick": args.quick,
        "machine": machine(),
        "lh_runs": lh_runs,
    }
    with _section("builds", sections):
        result["build"], site = bench_builds(runs)
    converted = convert_file(RAW)
    docs = {"zh-Hans": converted.simplified, "zh-Hant": converted.traditional}
    queries = load_queries()
    with _section("engines_setup", sections):
        variants = build_material_variants(WORK)
        pagefind = build_pagefind(site)
    with _section("browser", sections):
        result["browser"] = bench_browser(site, variants, pagefind, runs, queries, docs)
    with _section("lighthouse", sections):
        result["lighthouse"] = {"error": "skipped (--no-lighthouse)"} if args.no_lighthouse else lighthouse(site, lh_runs)
    result["bench_sections_s"] = sections
    result["targets"] = {k: {"op": op, "limit": limit, "unit": unit} for k, (op, limit, unit) in TARGETS.items()}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "latest.json").write_text(json.dumps(_jsonable(result), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    table = markdown(result)
    (args.out / "latest.md").write_text(table, encoding="utf-8")
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
