"""`bridges serve`: build every language, serve the site, rebuild on every change.

The same pipeline as `bridges build` (bridges.build), with the language processes kept alive
between rebuilds (their imports and compiled theme stay warm) and the render cache, so an edit
re-renders only the pages it shapes. Pagefind does not hold up a rebuild: it indexes in the
background after each one, and the last index is served meanwhile.

The server is MkDocs' own live-reload server, with one change: MkDocs injects its reload script
inline, which the site's Content-Security-Policy refuses; here the page loads it from the server.
"""
from __future__ import annotations

import logging
import re
import shutil
import tempfile
import threading
from pathlib import Path

from mkdocs.livereload import _SCRIPT_TEMPLATE, LiveReloadServer

from ...outputs.cache import Cache, cache_dir
from ...model.urls import owned_folders
from ...outputs.search import SearchIndexError, index_site
from .drive import build_site, site_settings
from .languages import Renderer, RenderError

log = logging.getLogger("mkdocs.bridges.serve")
_START = re.compile(r"/\.livereload/([0-9]+)/([0-9]+)\.js")


class Server(LiveReloadServer):
    """MkDocs' server, its reload script loaded from a URL instead of inline."""

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        import time

        tag = b'<script src="/.livereload/%d/%d.js"></script>' % (epoch, time.monotonic_ns())
        end = content.rfind(b"</body>")
        end = len(content) if end < 0 else end
        return content[:end] + tag + content[end:]

    def _serve_request(self, environ, start_response):
        match = _START.fullmatch(environ["PATH_INFO"])
        if match:
            script = _SCRIPT_TEMPLATE.substitute(epoch=match[1], request_id=match[2]).encode()
            start_response("200 OK", [("Content-Type", "application/javascript"), ("Content-Length", str(len(script)))])
            return [script]
        return super()._serve_request(environ, start_response)


class Indexer:
    """Pagefind in a background thread: one run at a time, and one more if asked meanwhile."""

    def __init__(self, site_dir: Path):
        self.site_dir, self._wanted, self._lock = site_dir, threading.Event(), threading.Lock()
        threading.Thread(target=self._loop, daemon=True).start()

    def request(self) -> None:
        self._wanted.set()

    def _loop(self) -> None:
        while True:
            self._wanted.wait()
            self._wanted.clear()
            try:
                log.info(f"Search index rebuilt in the background in {index_site(self.site_dir):.1f} s")
            except SearchIndexError as error:
                log.warning(str(error))


def serve(root: Path, host: str = "127.0.0.1", port: int = 8000, jobs: int | None = None, search: bool = True) -> int:
    settings = site_settings(root)
    site_dir = Path(tempfile.mkdtemp(prefix="bridges-serve-"))
    renderer = Renderer(settings.config_file, jobs, Cache(cache_dir(root)), strict=False)
    indexer = Indexer(site_dir) if search else None

    def build() -> None:
        search_index = site_dir / "pagefind"
        kept = site_dir.parent / f".{site_dir.name}.pagefind"
        if search_index.is_dir():  # the last index, served until the next one is ready
            shutil.rmtree(kept, ignore_errors=True)
            search_index.rename(kept)
        try:
            built = build_site(root, site_dir, renderer=renderer, search=False, strict=False)
        finally:
            if kept.is_dir() and not search_index.exists():
                kept.rename(search_index)
        hits = sum((counts or {}).get("hits", 0) for counts in built.render_stats.values())
        misses = sum((counts or {}).get("misses", 0) for counts in built.render_stats.values())
        steps = ", ".join(f"{step} {seconds:.1f} s" for step, seconds in built.seconds.items())
        log.info(f"Built in {sum(built.seconds.values()):.1f} s ({steps}): {misses} pages rendered, {hits} from the cache")
        if indexer:
            indexer.request()

    mount_path = settings.site_url.split("://", 1)[-1].partition("/")[2]
    server = Server(builder=build, host=host, port=port, root=str(site_dir), mount_path="/" + mount_path)
    try:
        build()
    except RenderError as error:
        log.error(str(error))
        return 1
    for path in watched(root, settings.docs_dir):
        server.watch(str(path), recursive=path.is_dir() and path != settings.docs_dir)
    try:
        server.serve()
    except KeyboardInterrupt:
        log.info("Shutting down...")
    finally:
        server.shutdown()
        renderer.close()
        shutil.rmtree(site_dir, ignore_errors=True)
    return 0


def watched(root: Path, docs_dir: Path) -> list[Path]:
    """Sources, not outputs: content/, the theme overrides, the hooks, mkdocs.yml, and docs/
    without the folders the generator writes (watching those would rebuild twice per change)."""
    from ...sources.site import load_site

    site, _ = load_site(root)
    generated = set(owned_folders(site)) if site else set()
    paths = [root / "content", root / "overrides", root / "hooks", root / "mkdocs.yml", docs_dir]
    paths += [entry for entry in docs_dir.iterdir() if entry.is_dir() and entry.name not in generated]
    return [path for path in paths if path.exists()]
