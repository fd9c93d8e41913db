"""`bridges serve`: build every language, serve the site, rebuild on every change.

The same pipeline as `bridges build` (bridges.pipeline), with the language processes kept alive
between rebuilds (their imports, compiled theme and last build stay warm) and the render cache.
After an edit to the text of existing items, the server first shows those items' own pages, in
every language, redone alone (pipeline.update, Renderer.rerender: Hugo's server does the same,
the pages a writer looks at first); then it rebuilds the whole site in the background (listings,
documents, cards, feeds take in the edit) and reloads the browser again. Any other change is a
whole build at once. Pagefind never holds up a rebuild: it indexes in the background after each
one, and the last index is served meanwhile.

The server is MkDocs' own live-reload server, with two changes: MkDocs injects its reload script
inline, which the site's Content-Security-Policy refuses, so here the page loads it from the
server; and the server remembers which files changed.
"""
from __future__ import annotations

import logging
import re
import shutil
import tempfile
import threading
import time
from pathlib import Path

import watchdog.events
from mkdocs.livereload import _SCRIPT_TEMPLATE, LiveReloadServer, _timestamp

from ...model.problems import ContentError, Superseded
from ...outputs.cache import Cache, cache_dir
from ...model.urls import owned_folders
from ...outputs.search import SearchIndexError, index_site
from .drive import build_site, site_settings
from .languages import Renderer, RenderError

log = logging.getLogger("mkdocs.bridges.serve")
_START = re.compile(r"/\.livereload/([0-9]+)/([0-9]+)\.js")


class Server(LiveReloadServer):
    """MkDocs' server, its reload script loaded from a URL instead of inline, and the paths that
    changed since the last `changes()`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._changed: set[Path] = set()
        self._changed_lock = threading.Lock()
        self.pending = threading.Event()  # a change not yet taken by `changes()`: the running build is stale

    def watch(self, path: str, func=None, *, recursive: bool = True) -> None:
        super().watch(path, func, recursive=recursive)
        handler = watchdog.events.FileSystemEventHandler()
        handler.on_any_event = self._remember
        self.observer.schedule(handler, path, recursive=recursive)

    def _remember(self, event) -> None:
        if event.is_directory:
            return
        with self._changed_lock:
            self._changed.update(Path(path) for path in (event.src_path, getattr(event, "dest_path", ""))
                                 if path)
            self.pending.set()

    def changes(self) -> list[Path]:
        with self._changed_lock:
            changed, self._changed = sorted(self._changed), set()
            self.pending.clear()
        return changed

    def reload_browsers(self) -> None:
        """What MkDocs does after a build, for a build that ran in the background."""
        with self._epoch_cond:
            self._visible_epoch = _timestamp()
            self._epoch_cond.notify_all()

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
    renderer = Renderer(settings.config_file, jobs, Cache(cache_dir(root)), strict=False, keep=True)
    indexer = Indexer(site_dir) if search else None
    mount_path = settings.site_url.split("://", 1)[-1].partition("/")[2]
    builder = Builder(root, settings, site_dir, renderer, indexer)
    server = Server(builder=builder.on_change, host=host, port=port, root=str(site_dir), mount_path="/" + mount_path)
    builder.server = server
    try:
        builder.whole()
    except RenderError as error:
        log.error(str(error))
        return 1
    for path in watched(root, settings.docs_dir):
        server.watch(str(path), recursive=path.is_dir() and path != settings.docs_dir)
    server.changes()  # what the first build already has
    try:
        server.serve()
    except KeyboardInterrupt:
        log.info("Shutting down...")
    finally:
        server.shutdown()
        renderer.close()
        shutil.rmtree(site_dir, ignore_errors=True)
    return 0


class Builder:
    """What the server runs on a change: the edited pages first when it can (`first`), then, in
    the background, the whole site (`whole`). One build at a time."""

    def __init__(self, root: Path, settings, site_dir: Path, renderer: Renderer, indexer: Indexer | None):
        self.root, self.settings, self.site_dir = root, settings, site_dir
        self.renderer, self.indexer = renderer, indexer
        self.server: Server | None = None
        self.checked = None  # the last whole build's content (pipeline.Checked), updated by `first`
        self._lock = threading.Lock()

    def on_change(self) -> None:
        # A build in the background stops at its next page or language (it is stale now): the
        # lock is soon free, and this change's pages are shown before it starts again.
        with self._lock:
            changed = self.server.changes() if self.server else []
            if self.first(changed):  # the content in memory is up to date: the whole build reuses it
                threading.Thread(target=self._whole_in_background, daemon=True).start()
                return
            try:
                self.whole()
            except (ContentError, RenderError) as error:  # every problem, as `bridges check` says them
                log.error(str(error))
            except Superseded:  # a newer change came meanwhile: the server calls again at once
                pass

    def first(self, changed: list[Path]) -> bool:
        """The pages of the edited items alone; False when the change needs a whole build now."""
        from ...pipeline import update

        if self.checked is None:
            return False
        started = time.perf_counter()
        try:
            sources = update(self.checked, self.settings.docs_dir, changed, self.settings.site_url,
                             self.settings.built_languages)
        except Exception:  # noqa: BLE001 - the whole build that follows reports it properly
            log.debug("the quick update failed", exc_info=True)
            return False
        if sources is None:
            return False
        moved = self.renderer.rerender(self.settings.built_languages, self.site_dir, sources) if sources else []
        if moved is None:
            return False
        log.info(f"Edited pages shown in {time.perf_counter() - started:.1f} s ({len(moved)} pages); "
                 "the rest of the site follows in the background")
        return True

    def _whole_in_background(self) -> None:
        with self._lock:
            try:
                self.whole(reuse=True)
            except (ContentError, RenderError) as error:
                log.error(str(error))
                return
            except Superseded:
                log.info("The rest of the site waits for the next change's pages")
                return
        if self.server:
            self.server.reload_browsers()

    def whole(self, reuse: bool = False) -> None:
        """The whole site; with `reuse`, from the content in memory, which `first` kept up to date
        with every change since the last whole build (no need to load and check it all again)."""
        search_index = self.site_dir / "pagefind"
        kept = self.site_dir.parent / f".{self.site_dir.name}.pagefind"
        if search_index.is_dir():  # the last index, served until the next one is ready
            shutil.rmtree(kept, ignore_errors=True)
            search_index.rename(kept)
        checked = self.checked if reuse else None
        self.checked = checked  # what `first` may update: only content that a whole build reflects
        try:
            built = build_site(self.root, self.site_dir, renderer=self.renderer, search=False, strict=False,
                               stop=self.server.pending.is_set if self.server else None, checked=checked)
        except Superseded:
            raise
        except BaseException:
            self.checked = None  # the next change gets a whole build, which reports what is wrong
            raise
        finally:
            if kept.is_dir() and not search_index.exists():
                kept.rename(search_index)
        self.checked = built.checked
        hits = sum((counts or {}).get("hits", 0) for counts in built.render_stats.values())
        misses = sum((counts or {}).get("misses", 0) for counts in built.render_stats.values())
        steps = ", ".join(f"{step} {seconds:.1f} s" for step, seconds in built.seconds.items())
        log.info(f"Built in {sum(built.seconds.values()):.1f} s ({steps}): {misses} pages rendered, {hits} from the cache")
        if self.indexer:
            self.indexer.request()


def watched(root: Path, docs_dir: Path) -> list[Path]:
    """Sources, not outputs: content/, the theme overrides, the hooks, mkdocs.yml, and docs/
    without the folders the generator writes (watching those would rebuild twice per change)."""
    from ...sources.site import load_site

    site, _ = load_site(root)
    generated = set(owned_folders(site)) if site else set()
    paths = [root / "content", root / "overrides", root / "hooks", root / "mkdocs.yml", docs_dir]
    paths += [entry for entry in docs_dir.iterdir() if entry.is_dir() and entry.name not in generated]
    return [path for path in paths if path.exists()]
