"""A page's start-up cost at Lighthouse's mobile CPU slowdown, for one or more built sites side by side.

    python -m devtools.startup SITE [SITE ...] [--page glossary/] [--runs 3]

Each run loads the page in a fresh context of headless Chromium (412 × 823
phone viewport, CDP ``Emulation.setCPUThrottlingRate`` 4, as Lighthouse's
mobile preset) from the gzip test server, waits for the load event and two
seconds of quiet, and reads ``Performance.getMetrics`` (script, style and
layout time, restyle and layout counts) and a Chrome trace: the main thread's
long tasks (time beyond 50 ms each, the way total blocking time counts it) and
the restyles and layouts forced by script (``UpdateLayoutTree``/``Layout``
events with a JavaScript stack, named by the function and file that forced
them). Sites are loaded in turn (A, B, A, B …) so the machine's load falls on
all of them alike; the medians are printed per site. Used for the README's
figures on the glossary's start-up (issue 14).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
from pathlib import Path

from tests.browser import chromium, serve

METRICS = ("ScriptDuration", "RecalcStyleDuration", "LayoutDuration", "TaskDuration", "RecalcStyleCount", "LayoutCount")
CATEGORIES = "devtools.timeline,disabled-by-default-devtools.timeline,disabled-by-default-devtools.timeline.stack,v8.execute"


def _trace_summary(events: list[dict]) -> dict:
    main = None
    for e in events:
        if e.get("name") == "thread_name" and e.get("args", {}).get("name") == "CrRendererMain":
            main = (e["pid"], e["tid"])
            break
    tasks = [e for e in events if e.get("name") == "RunTask" and e.get("ph") == "X" and (e["pid"], e["tid"]) == main]
    long_ms = [e["dur"] / 1000 for e in tasks if e.get("dur", 0) > 50_000]
    forced = []
    for e in events:
        if e.get("ph") != "X" or (e["pid"], e["tid"]) != main or e.get("name") not in ("UpdateLayoutTree", "Layout"):
            continue
        data = e.get("args", {}).get("beginData", {})
        stack = data.get("stackTrace") or []
        if stack and e.get("dur", 0) > 5_000:
            top = stack[0]
            forced.append(
                f"{e['name']} {e['dur'] / 1000:.0f} ms ← {top.get('functionName') or '?'} "
                f"{Path(top.get('url', '')).name}:{top.get('lineNumber')}"
            )
    return {
        "long_tasks_ms": long_ms,
        "blocking_ms": sum(ms - 50 for ms in long_ms),
        "forced": forced,
        "long_tasks": [_task_parts(t, events, main) for t in tasks if t.get("dur", 0) > 50_000],
    }


def _label(e: dict) -> str:
    data = e.get("args", {}).get("data", {})
    detail = data.get("url") or data.get("type") or data.get("functionName") or ""
    return f"{e['name']} {Path(detail).name if '/' in detail else detail}".strip()


def _task_parts(task: dict, events: list[dict], main: tuple) -> str:
    """A long task and what it is made of: its direct children, longest first."""
    start, end = task["ts"], task["ts"] + task["dur"]
    inside = sorted(
        (
            e
            for e in events
            if e is not task
            and e.get("ph") == "X"
            and (e["pid"], e["tid"]) == main
            and start <= e["ts"]
            and e["ts"] + e.get("dur", 0) <= end
        ),
        key=lambda e: (e["ts"], -e.get("dur", 0)),
    )
    top, reach = [], start
    for e in inside:
        if e["ts"] >= reach:
            top.append(e)
            reach = e["ts"] + e.get("dur", 0)
    parts = sorted(top, key=lambda e: -e.get("dur", 0))[:4]
    return f"{task['dur'] / 1000:.0f} ms: " + ", ".join(f"{_label(e)} {e.get('dur', 0) / 1000:.0f}" for e in parts)


def measure(browser, url: str) -> dict:
    context = browser.new_context(viewport={"width": 412, "height": 823}, device_scale_factor=1.75, is_mobile=True)
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Performance.enable")
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
        events: list[dict] = []
        cdp.on("Tracing.dataCollected", lambda p: events.extend(p["value"]))
        done = []
        cdp.on("Tracing.tracingComplete", lambda p: done.append(1))
        cdp.send("Tracing.start", {"categories": CATEGORIES, "transferMode": "ReportEvents"})
        page.goto(url, wait_until="load")
        page.wait_for_timeout(2000)
        cdp.send("Tracing.end")
        while not done:
            page.wait_for_timeout(100)
        metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
        out = {k: metrics[k] * (1000 if k.endswith("Duration") else 1) for k in METRICS}
        out.update(_trace_summary(events))
        return out
    finally:
        context.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m devtools.startup", description=__doc__.splitlines()[0])
    parser.add_argument("sites", nargs="+", type=Path, help="built sites (site/ directories) to compare")
    parser.add_argument("--page", default="glossary/", help="path of the page under each site (default glossary/)")
    parser.add_argument("--runs", type=int, default=3, help="loads per site (default 3)")
    parser.add_argument("--json", type=Path, help="write every run's figures here")
    args = parser.parse_args(argv)
    results: dict[str, list[dict]] = {str(s): [] for s in args.sites}
    print(f"load average {os.getloadavg()[0]:.2f}")
    with chromium() as browser:
        servers = [serve(s) for s in args.sites]
        urls = [cm.__enter__() for cm in servers]
        try:
            for _ in range(args.runs):
                for site, url in zip(args.sites, urls, strict=True):
                    results[str(site)].append(measure(browser, url + args.page))
        finally:
            for cm in servers:
                cm.__exit__(None, None, None)
    print(f"load average {os.getloadavg()[0]:.2f}")
    for site, runs in results.items():
        print(f"\n{site} {args.page} ({len(runs)} runs, median)")
        for key in (*METRICS, "blocking_ms"):
            print(f"  {key:20} {statistics.median(r[key] for r in runs):8.0f}   runs {[round(r[key]) for r in runs]}")
        print("  long tasks of the last run (ms: longest parts):")
        for line in runs[-1]["long_tasks"]:
            print("    " + line)
        print("  forced restyles and layouts in the last run:")
        for line in runs[-1]["forced"] or ["(none over 5 ms)"]:
            print("    " + line)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
