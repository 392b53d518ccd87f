"""What the benchmark measures in headless Chromium: page weight, search speed, other engines.

Used by :mod:`devtools.bench`; every function takes a Playwright browser and the
base URL of a served site (:func:`tests.browser.serve`, gzip like GitHub
Pages), and returns plain data.

* :func:`page_weight` — a fresh context per page (empty cache). Every request
  the page makes until the network is idle (500 ms without a request in
  flight), favicon included, with the bytes on the wire from Chromium's own
  accounting (CDP ``Network.loadingFinished.encodedDataLength``: compressed
  body plus headers). Then the search is opened and one query typed, as a
  reader does, and what that adds is counted the same way. Answers from the
  browser's cache (the favicon again, as the URL changes while typing) are
  not network requests and are listed apart.
* :func:`site_search` — the site's own search through its UI code
  (``window.qdSearch``): the time from issuing the query to results rendered
  and laid out (search, DOM and a forced style and layout; no input debounce,
  since the UI has none), after the index is loaded.
* :func:`pagefind_search` and :func:`material_search` — the comparison
  engines on the same queries, results mapped to ``(page, anchor)``.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from urllib.parse import unquote, urlsplit

IDLE_SECONDS = 0.5

# ------------------------------------------------------------------ page weight


class _Network:
    """Requests seen through CDP in one page: URL, bytes on the wire, state."""

    def __init__(self, cdp) -> None:
        self.requests: dict[str, dict] = {}
        self.last_activity = time.monotonic()
        cdp.on("Network.requestWillBeSent", self._sent)
        cdp.on("Network.loadingFinished", self._finished)
        cdp.on("Network.loadingFailed", self._failed)
        cdp.on("Network.requestServedFromCache", self._cached)
        cdp.on("Network.responseReceived", self._response)
        cdp.send("Network.enable")

    def _sent(self, event: dict) -> None:
        self.last_activity = time.monotonic()
        rid = event["requestId"]
        if rid in self.requests and event.get("redirectResponse"):
            rid = f"{rid}:{len(self.requests)}"  # a redirect hop counts as a request of its own
        self.requests[rid] = {"url": event["request"]["url"], "bytes": 0, "done": False}

    def _cached(self, event: dict) -> None:
        req = self.requests.get(event["requestId"])
        if req is not None:
            req["cached"] = True

    def _response(self, event: dict) -> None:
        req = self.requests.get(event["requestId"])
        response = event.get("response", {})
        if req is not None and (response.get("fromDiskCache") or response.get("fromPrefetchCache")):
            req["cached"] = True

    def _finished(self, event: dict) -> None:
        self.last_activity = time.monotonic()
        req = self.requests.get(event["requestId"])
        if req is not None:
            req["bytes"] = int(event["encodedDataLength"])
            req["done"] = True

    def _failed(self, event: dict) -> None:
        self.last_activity = time.monotonic()
        req = self.requests.get(event["requestId"])
        if req is not None:
            req["done"] = True
            req["failed"] = event.get("errorText", "failed")

    def wait_idle(self, page, timeout: float = 20.0) -> None:
        """Return once nothing is in flight and nothing started for IDLE_SECONDS."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            page.wait_for_timeout(50)
            busy = any(not r["done"] for r in self.requests.values() if not r["url"].startswith("data:"))
            if not busy and time.monotonic() - self.last_activity >= IDLE_SECONDS:
                return
        raise TimeoutError("the network did not go idle")

    def snapshot(self) -> list[dict]:
        return [dict(r) for r in self.requests.values() if not r["url"].startswith("data:")]


def _summary(seen: list[dict], base: str) -> dict:
    """Bytes and requests that went over the network; answers from the browser's cache are listed apart."""
    requests = [r for r in seen if not r.get("cached")]
    own = [r for r in requests if r["url"].startswith(base)]
    foreign = [r["url"] for r in requests if not r["url"].startswith(base)]
    return {
        "bytes": sum(r["bytes"] for r in requests),
        "requests": len(requests),
        "from_cache": sorted(urlsplit(r["url"]).path for r in seen if r.get("cached")),
        "third_party": foreign,
        "failed": [r["url"] for r in requests if r.get("failed")],
        "files": sorted((urlsplit(r["url"]).path, r["bytes"]) for r in own),
    }


def page_weight(browser, base: str, path: str, query: str) -> dict:
    """First view of ``base + path`` in a fresh context, then one search for ``query``."""
    context = browser.new_context(locale="zh-CN")
    try:
        page = context.new_page()
        net = _Network(context.new_cdp_session(page))
        page.goto(base + path, wait_until="load")
        net.wait_idle(page)
        first = net.snapshot()
        seen = len(first)
        # Open the search as a reader does (the header's search button, or
        # the field itself where the header shows it), then type the query.
        field = page.locator("[data-qd-search-input]")
        if not field.is_visible():
            page.locator("label.md-header__button[for='__search']").click()
        field.click()
        field.type(query)
        page.wait_for_function(
            "() => document.querySelector('[data-qd-search-list]').children.length > 0"
            " || /没有|沒有/.test(document.querySelector('[data-qd-search-meta]').textContent)"
        )
        net.wait_idle(page)
        after = net.snapshot()[seen:]
        results = page.locator("[data-qd-search-list] > li").count()
    finally:
        context.close()
    return {"first_view": _summary(first, base), "first_search": _summary(after, base), "query": query, "results": results}


# ------------------------------------------------------------------ the site's search

_SITE_SEARCH_JS = """async (queries) => {
  await window.qdSearchLoad();
  const toggle = document.getElementById("__search");
  toggle.checked = true;
  toggle.dispatchEvent(new Event("change"));
  const list = document.querySelector("[data-qd-search-list]");
  const out = [];
  for (const q of queries) {
    const t0 = performance.now();
    const r = window.qdSearch(q);
    list.getBoundingClientRect();          // style and layout of the rendered results
    document.body.offsetHeight;
    const ms = performance.now() - t0;
    out.push({ms: ms, search_ms: r.ms,
              results: (r.found ? r.found.results : []).map(x => [x.unit.page, x.unit.anchor])});
  }
  return out;
}"""

_INDEX_LOAD_JS = """async () => {
  const t0 = performance.now();
  await window.qdSearchLoad();
  return performance.now() - t0;
}"""


def site_search(browser, base: str, script_root: str, queries: Sequence[str], passes: int) -> dict:
    """Run every query ``passes + 1`` times on one script's home page; the first pass warms up.

    Returns the results of the first pass (query → ``[(page, anchor), …]``),
    the timings of the other passes, and the time the index took to load.
    """
    page = browser.new_page()
    try:
        page.goto(base + script_root, wait_until="networkidle")
        load_ms = page.evaluate(_INDEX_LOAD_JS)
        first = page.evaluate(_SITE_SEARCH_JS, list(queries))
        times: list[float] = []
        inner: list[float] = []
        for _ in range(passes):
            for row in page.evaluate(_SITE_SEARCH_JS, list(queries)):
                times.append(row["ms"])
                inner.append(row["search_ms"])
    finally:
        page.close()
    return {
        "results": {q: [tuple(r) for r in row["results"]] for q, row in zip(queries, first, strict=True)},
        "ms": times,
        "search_ms": inner,
        "index_load_ms": load_ms,
    }


# ------------------------------------------------------------------ Pagefind

_PAGEFIND_JS = """async ({bundle, queries}) => {
  const t0 = performance.now();
  const pagefind = await import(bundle + "pagefind.js");
  await pagefind.init();
  const load_ms = performance.now() - t0;
  const out = [];
  for (const q of queries) {
    const t1 = performance.now();
    const search = await pagefind.search(q);
    const data = await Promise.all(search.results.map(r => r.data()));
    out.push({ms: performance.now() - t1,
              results: data.map(d => ({url: d.url, subs: (d.sub_results || []).map(s => s.url)}))});
  }
  return {load_ms, out};
}"""


def _unit(url: str, root: str) -> tuple[str, str]:
    """``/zh-Hant/ch03/#s3-1`` → ``("ch03/", "s3-1")`` for the script rooted at ``root``."""
    parts = urlsplit(url)
    path = unquote(parts.path)
    if path.startswith(root):
        path = path[len(root) :]
    path = path.removeprefix("/").removesuffix("index.html")
    return path, unquote(parts.fragment)


def pagefind_search(browser, base: str, script_root: str, queries: Sequence[str]) -> dict:
    """Pagefind's JS API on one script's home page (it picks the index of the page's language).

    A page result is expanded into its sub-results (one per heading with an
    id, in Pagefind's order); a page without sub-results counts at page level
    only (anchor "").
    """
    page = browser.new_page()
    try:
        page.goto(base + script_root, wait_until="networkidle")
        data = page.evaluate(_PAGEFIND_JS, {"bundle": base + "pagefind/", "queries": list(queries)})
    finally:
        page.close()
    root = "/" + script_root
    results = {}
    for q, row in zip(queries, data["out"], strict=True):
        found: list[tuple[str, str]] = []
        for r in row["results"]:
            units = [_unit(s, root) for s in r["subs"]] or [(_unit(r["url"], root)[0], "")]
            found += [u for u in units if u not in found]
        results[q] = found
    return {"results": results, "ms": [row["ms"] for row in data["out"]], "index_load_ms": data["load_ms"]}


# ------------------------------------------------------------------ Material's search

_MATERIAL_JS = """async ({queries}) => {
  const config = JSON.parse(document.getElementById("__config").textContent);
  const t0 = performance.now();
  const index = await (await fetch(new URL("search/search_index.json", document.baseURI.replace(/[^/]*$/, "")))).json();
  const worker = new Worker(new URL(config.search, document.baseURI));
  const ask = (message) => new Promise(resolve => {
    worker.onmessage = ev => resolve(ev.data);
    worker.postMessage(message);
  });
  await ask({type: 0, data: {config: index.config, docs: index.docs, options: {suggest: false}}});  // SETUP → READY
  const load_ms = performance.now() - t0;
  const out = [];
  for (const q of queries) {
    const t1 = performance.now();
    const reply = await ask({type: 2, data: q});                                                 // QUERY → RESULT
    out.push({ms: performance.now() - t1, results: reply.data.items.map(group => group.map(item => item.location))});
  }
  worker.terminate();
  return {load_ms, out, config: index.config};
}"""


def material_search(browser, base: str, queries: Sequence[str]) -> dict:
    """Material's own search worker (lunr) on a plain Material build, the query as the UI sends it.

    Results keep Material's order (groups of a page, best first); the page
    entry itself (location without an anchor, which Material adds to every
    group) is dropped, sections are kept.
    """
    page = browser.new_page()
    try:
        page.goto(base, wait_until="networkidle")
        data = page.evaluate(_MATERIAL_JS, {"queries": list(queries)})
    finally:
        page.close()
    results = {}
    for q, row in zip(queries, data["out"], strict=True):
        found: list[tuple[str, str]] = []
        for group in row["results"]:
            for location in group:
                unit = _unit("/" + location, "/")
                if unit[1] and unit not in found:
                    found.append(unit)
        results[q] = found
    return {
        "results": results,
        "ms": [row["ms"] for row in data["out"]],
        "index_load_ms": data["load_ms"],
        "config": data["config"],
    }
