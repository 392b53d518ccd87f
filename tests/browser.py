"""Headless Chromium and a static server for the browser tests (also used by the screenshot and benchmark tools).

Debian's ``chromium`` package driven by Playwright (``playwright install``
cannot download browsers here). The flags keep Chromium from calling home,
which a closed network refuses and which would also count as third-party
requests. ``serve`` runs a static file server on loopback, with gzip like
GitHub Pages, so transfer sizes are measured as readers get them.
"""

from __future__ import annotations

import contextlib
import gzip
import http.server
import os
import shutil
import socketserver
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path

# Debian's package; CI on other distributions may point CHROMIUM elsewhere.
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-domain-reliability",
]
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files with gzip for text types and a 10-minute cache lifetime,
    as GitHub Pages serves them (``Cache-Control: max-age=600``)."""

    def log_message(self, *args) -> None:  # quiet
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in COMPRESSIBLE) or not self.path.split("?")[0].endswith(
            ("/", *COMPRESSIBLE)
        ):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        import io

        return io.BytesIO(body)


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


@contextlib.contextmanager
def serve(directory: Path, port: int = 0) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1; yields the base URL (ending in /)."""
    server = _Server(("127.0.0.1", port), partial(_Handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium() -> Iterator[object]:
    """A Playwright browser on Debian's Chromium."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
