"""What the browser tests share: finding Chromium, serving a built site, and watching a page.

Chromium is looked up as scripts/ensure-browser does (which `make test` runs first): the
BRIDGES_CHROMIUM variable, the system's chromium or chromium-browser, then Playwright's own.
A watched page fails its test on any request to another host (the site must load nothing from
third parties), on any console error (a failed request, a script error, a Content-Security-Policy
violation) and on any uncaught page error.
"""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


def chromium_path(playwright=None) -> str | None:
    configured = os.environ.get("BRIDGES_CHROMIUM", "").strip()
    if configured and os.access(configured, os.X_OK):
        return configured
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    if playwright is not None:
        path = playwright.chromium.executable_path
        if path and os.access(path, os.X_OK):
            return path
    return None


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the site's folder under a path prefix (the published site_url's path), like the host."""

    prefix = "/"
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".js": "text/javascript", ".mjs": "text/javascript",
                      ".json": "application/json", ".xml": "application/xml", ".svg": "image/svg+xml"}

    def translate_path(self, path: str) -> str:
        if not urlsplit(path).path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_site__")
        return super().translate_path(path[len(self.prefix) - 1:])

    def log_message(self, format, *args):  # quiet
        pass


class SiteServer:
    """The built site over HTTP on 127.0.0.1, in a thread, at http://127.0.0.1:<port><prefix>."""

    def __init__(self, site: Path, prefix: str = "/"):
        handler = type("Handler", (_Handler,), {"prefix": prefix})
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
        self.origin = f"http://127.0.0.1:{self.httpd.server_port}"
        self.base = self.origin + prefix
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> SiteServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class WatchedPage:
    """A Playwright page that records every request to another host and every console error."""

    def __init__(self, context, server: SiteServer):
        self.server = server
        self.problems: list[str] = []
        self.context = context
        context.route("**/*", self._route)
        self.page = context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith(self.server.origin + "/"):
            route.continue_()
        else:
            self.problems.append(f"request to another host: {url}")
            route.abort()

    def _console(self, message) -> None:
        if message.type == "error":
            where = message.location.get("url", "") if message.location else ""
            self.problems.append(f"console error: {message.text} ({where})")

    def url(self, path: str) -> str:
        return self.server.base + path.lstrip("/")

    def goto(self, path: str):
        response = self.page.goto(self.url(path), wait_until="load")
        assert response is not None and response.ok, f"{path}: HTTP {response.status if response else '-'}"
        self.check()
        return response

    def check(self) -> None:
        if self.problems:
            problems, self.problems = self.problems, []
            raise AssertionError("the page broke the site's rules:\n" + "\n".join(problems))
