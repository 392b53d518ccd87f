"""Shared fixtures: the converted document, and one complete site build per session."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools.paths import RAW  # noqa: E402
from tools.pipeline import convert_file  # noqa: E402

# The tests check the dates a build gives by itself (the plan's 成文日期), so a
# SOURCE_DATE_EPOCH in the caller's environment must not reach the builds.
os.environ.pop("SOURCE_DATE_EPOCH", None)


def shared(scope: str):
    """The scope of a fixture that runs the pipeline: ``scope``, but per test in mutmut's stats run.

    ``make mutation`` runs, for each mutant, the tests that called the mutated
    function. mutmut learns which ones those are in a first run of the suite
    (``MUTANT_UNDER_TEST=stats``) and credits a call to the test being set up, so
    a session fixture would link the pipeline to the first test that used it
    only. Per test in that run, every test is linked to what it depends on;
    every other run keeps the shared fixture.
    """

    def choose(fixture_name: str, config: pytest.Config) -> str:
        return "function" if os.environ.get("MUTANT_UNDER_TEST") == "stats" else scope

    return choose


@pytest.fixture(scope=shared("session"))
def result():
    """The pipeline's result on the bundled source."""
    return convert_file(RAW)


@pytest.fixture(scope=shared("session"))
def simplified(result):
    return result.simplified


@pytest.fixture(scope=shared("session"))
def traditional(result):
    return result.traditional


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test that uses the built site ``site`` (``make mutation`` leaves them out: a
    site build takes seconds, and mutmut cannot trace what the child process calls)."""
    for item in items:
        if {"built_site", "bare_site"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.site)


# The address the test builds are published at (the address rule: with SITE_URL
# every canonical link, the sitemap and the absolute URLs of the metadata come
# from it; without it there are none — the `bare_site` build).
SITE_URL = "https://example.test/"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The whole site (both scripts, search index, PDFs) built into a temporary directory.

    Built once per session by the same command users run (``python -m tools build``),
    with ``SITE_URL=https://example.test/``, as the Pages workflow builds it.
    """
    site = tmp_path_factory.mktemp("site") / "site"
    build_site(site, SITE_URL=SITE_URL)
    return site


@pytest.fixture(scope="session")
def bare_site(tmp_path_factory) -> Path:
    """The site built without ``SITE_URL`` (and without PDFs): no address anywhere."""
    site = tmp_path_factory.mktemp("bare") / "site"
    build_site(site, "--no-pdf")
    return site


def build_site(site: Path, *args: str, **env: str) -> None:
    """``python -m tools build --site-dir site [args]`` in a child process (with extra ``env``); it must succeed."""
    environ = {k: v for k, v in os.environ.items() if k != "SITE_URL"}  # the test says which address, if any
    proc = subprocess.run(
        [sys.executable, "-m", "tools", "build", "--site-dir", str(site), *args],
        cwd=ROOT,
        env=dict(environ, PYTHONPATH=str(ROOT), **env),
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, f"site build failed:\n{proc.stdout}\n{proc.stderr}"


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run ``python -m tools`` with ``args``; return the finished process."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "tools", *args], cwd=cwd, env=env, capture_output=True, text=True)


# The site leaves Material's navigation.tracking off (a paragraph's hash, the
# unit a reader cites, must not be rewritten to its section's as the page
# scrolls). A context with this init script still lets a test wait until the
# page has stopped scrolling (load included) before it clicks.
SCROLL_CLOCK = "window.qdLastScroll = 0; addEventListener('scroll', () => { window.qdLastScroll = performance.now(); }, true);"


def wait_for_scrolling_to_settle(page, quiet_ms: int = 1000) -> None:
    """Wait until the page has not scrolled (nor loaded) for ``quiet_ms`` (needs SCROLL_CLOCK)."""
    page.wait_for_function("ms => performance.now() - window.qdLastScroll > ms", arg=quiet_ms)


@pytest.fixture(scope="session")
def site_url(built_site):
    """The built site served on loopback (gzip, like GitHub Pages)."""
    from tests.browser import serve

    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright."""
    from tests.browser import chromium

    with chromium() as b:
        yield b


@pytest.fixture
def page(browser, site_url):
    """A fresh page that records every request; the test fails on any third-party one."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    pg = context.new_page()
    requests: list[str] = []
    pg.on("request", lambda r: requests.append(r.url))
    pg.requests = requests
    yield pg
    context.close()
    foreign = [u for u in requests if not u.startswith(site_url) and not u.startswith("data:")]
    assert foreign == [], f"third-party requests: {foreign}"
