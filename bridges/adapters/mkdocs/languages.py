"""Render each language of the site in its own process, with MkDocs, Material and
mkdocs-static-i18n, through the same hooks as a plain `mkdocs build`.

mkdocs-static-i18n builds the default language, then every other one in turn from inside the
first build. Here a process renders one language: it loads mkdocs.yml, tells the i18n plugin
which language it builds and that the others are not its job (the `building` flag of a nested
build, which the bridges hooks also read: content was loaded, checked and generated once by the
driver, and the post-build steps run once after all languages). Each language writes into its
own folder; `merge` then moves the files into the site, the default language's last (of the
files every language writes, its own stay at the root, as the hooks make it in a sequential
build) and joins the languages' sitemaps into one. tests/test_pipeline.py checks that the result is the same,
byte for byte, as a plain `mkdocs build`.

`jobs` processes are kept for the life of a `Renderer`, each rendering the same languages every
time (the first, third... language in one, the second, fourth... in another). `bridges serve`
re-renders in the same processes, which keep their imports and their compiled theme; with
`keep=True` each also keeps its languages' finished build (configuration, files, navigation,
theme), so that `rerender` redoes only the pages of an edit, in every language, in about the
time of those pages alone.
"""
from __future__ import annotations

import gzip
import logging
import multiprocessing
import os
import shutil
from concurrent.futures import ProcessPoolExecutor, wait
from pathlib import Path
from typing import Callable

from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import InclusionLevel

from ...model.problems import Superseded
from ...outputs.cache import Cache

SITEMAP = "sitemap.xml"


class Renderer:
    def __init__(self, config_file: Path, jobs: int | None = None, cache: Cache | None = None, strict: bool = True,
                 keep: bool = False):
        self.config_file = Path(config_file).resolve()
        self.jobs = max(1, jobs or os.cpu_count() or 1)
        self.cache, self.strict, self.keep = cache, strict, keep
        self._workers: list[ProcessPoolExecutor] = []

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self) -> None:
        for worker in self._workers:
            worker.shutdown(cancel_futures=True)
        self._workers = []

    def _run(self, languages: list[str], function, *args, stop: Callable[[], bool] | None = None,
             stop_file: Path | None = None) -> list:
        """function(lang, *args) for each language: in this process with one job, else in the
        language's own worker process (the same one every time), the workers in parallel. `stop`
        is asked between languages, and every fifth of a second while the workers render: when it
        says yes, the languages not started are dropped, `stop_file` tells the running ones to
        stop at their next page, and Superseded is raised."""
        if self.jobs == 1 or (len(languages) == 1 and not self.keep):
            results = []
            for lang in languages:
                if stop and stop():
                    raise Superseded()
                results.append(function(lang, *args))
            return results
        count = min(self.jobs, len(languages))
        while len(self._workers) < count:
            # A worker that keeps nothing (`bridges build`) is a new process for each language, so
            # that one language's pages are freed before the next: peak memory is one language's.
            self._workers.append(ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                                                     max_tasks_per_child=None if self.keep else 1))
        futures = [self._workers[index % count].submit(function, lang, *args) for index, lang in enumerate(languages)]
        while stop is not None and wait(futures, timeout=0.2).not_done:
            if stop():
                if stop_file is not None:
                    stop_file.touch()
                for future in futures:
                    future.cancel()
                wait(futures)
                raise Superseded()
        return [future.result() for future in futures]

    def render(self, languages: list[str], site_dir: Path, descriptions: dict, serve_url: str | None = None,
               stop: Callable[[], bool] | None = None) -> dict[str, dict]:
        """Render `languages` (the first is the default) into site_dir; `descriptions`: the site's
        description in each language (hooks.prime). Returns each language's render-cache counts.
        Raises RenderError with the failing language's log."""
        site_dir = Path(site_dir).resolve()
        parts = languages_folder(site_dir)
        shutil.rmtree(parts, ignore_errors=True)
        cache_folder = str(self.cache.folder) if self.cache else None
        parts.mkdir(parents=True)
        try:  # whatever happens, the languages' folders go: site_dir changes only by `merge`
            results = self._run(languages, render_one, str(self.config_file), str(parts), cache_folder, self.strict,
                                descriptions, serve_url, self.keep, stop=stop, stop_file=parts / STOP_FILE)
            if any(result.get("superseded") for result in results):
                raise Superseded()
            failed = [result for result in results if result["error"]]
            if failed:
                raise RenderError("\n\n".join(f"[{result['lang']}] {result['error']}" for result in failed))
            merge(parts, languages, site_dir)
        finally:
            shutil.rmtree(parts, ignore_errors=True)
        return {result["lang"]: result["cache"] for result in results}

    def rerender(self, languages: list[str], site_dir: Path, sources: list[Path]) -> list[str] | None:
        """The pages made from `sources` (files under docs/), in every language, rendered again
        with the last build's state and moved into site_dir. Returns their paths in the site, or
        None when a language has no kept build or a source is not one of its pages: then only a
        whole build will do."""
        if not self.keep or not self.cache:
            return None
        site_dir = Path(site_dir).resolve()
        wanted = sorted({os.path.normpath(os.path.abspath(source)) for source in sources})
        results = self._run(languages, rerender_one, wanted)
        if any(result is None for result in results):
            return None
        found = {source for result in results for source in result["sources"]}
        if found != set(wanted):
            return None
        moved = []
        for result in results:
            for written in result["written"]:
                relative = Path(written).relative_to(result["site_dir"])
                target = site_dir / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(written, target)
                moved.append(relative.as_posix())
        shutil.rmtree(languages_folder(site_dir), ignore_errors=True)  # where the workers wrote them
        return moved


def languages_folder(site_dir: Path) -> Path:
    """Where each language is rendered (a folder per language) before it is merged into site_dir."""
    return site_dir.parent / f".{site_dir.name}.languages"


class RenderError(Exception):
    pass


STOP_FILE = "stop"  # in the languages' folder: the workers' builds stop at their next page (Renderer._run)
_kept: dict[str, tuple] = {}  # in a worker: language -> its last build's state (page_cache.PageCache.state)


def render_one(lang: str, config_file: str, parts: str, cache_folder: str | None, strict: bool,
               descriptions: dict, serve_url: str | None = None, keep: bool = False) -> dict:
    """In a worker process: build one language of the site into parts/<lang>. The language's
    kept build is replaced only by a finished one: a build that stops part-way (a newer change,
    see Renderer._run) leaves the last one for `rerender`."""
    out_dir = str(Path(parts) / lang)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, BuildError, ConfigurationError, PluginError

    from . import hooks, page_cache, theme_once

    theme_once.install(Path(cache_folder) if cache_folder else None)
    hooks.prime(descriptions)
    stats = None
    problems = _Collect()  # what MkDocs says went wrong, for the driver to print
    logging.getLogger("mkdocs").addHandler(problems)
    try:
        config = load_config(config_file, site_dir=out_dir, strict=strict)
        i18n = config.plugins["i18n"]
        i18n.current_language = lang
        i18n.building = True  # only this language here; see the module's docstring
        if not i18n.is_default_language_build:
            config.plugins["bridges-own-files"] = _OwnFilesOnly(lang)
        if cache_folder:
            renderer = page_cache.install(Cache(Path(cache_folder)), config)
            renderer.stats.update(hits=0, misses=0)
            renderer.stop_file = Path(parts) / STOP_FILE
        build(config, serve_url=serve_url)
        stats = dict(renderer.stats) if cache_folder else None
        if keep and cache_folder and renderer.state() is not None:
            _kept[lang] = renderer.state()
    except (Abort, BuildError, ConfigurationError, PluginError) as error:
        said = "\n".join(problems.lines)
        return {"lang": lang, "error": f"{said}\n{error}".strip() or type(error).__name__, "cache": None}
    except Superseded:
        return {"lang": lang, "error": None, "cache": None, "superseded": True}
    finally:
        logging.getLogger("mkdocs").removeHandler(problems)
    return {"lang": lang, "error": None, "cache": stats}


def rerender_one(lang: str, sources: list[str]) -> dict | None:
    """In a worker process: the pages of `lang` made from `sources`, rendered again with the
    language's kept build. None when there is none, or when a page fails (a whole build then
    reports why)."""
    from mkdocs.exceptions import MkDocsException

    from . import page_cache

    state = _kept.get(lang)
    if state is None or page_cache.installed() is None:
        return None
    config, doc_files = state[0], state[2]
    wanted = set(sources)
    pages = [file.page for file in doc_files
             if file.page is not None and os.path.normpath(file.abs_src_path) in wanted]
    try:
        written = [page_cache.installed().rebuild(page, state) for page in pages]
    except (MkDocsException, OSError, ValueError, KeyError):
        _kept.pop(lang, None)
        return None
    return {"lang": lang, "site_dir": config.site_dir, "written": written,
            "sources": [os.path.normpath(page.file.abs_src_path) for page in pages]}


class _OwnFilesOnly(BasePlugin):
    """In the process of a language other than the default: copy only the pictures and downloads
    that go into the language's own folder (`fr/...`). The others (the theme's files, the pictures
    every language shares) are the same bytes in every language; the default language's process
    copies them, and `merge` keeps its copies anyway. At 1,000 items that is 8,000 files less to
    copy per language."""

    def __init__(self, lang: str):
        super().__init__()
        self.folder = f"{lang}/"

    @event_priority(-200)  # after mkdocs-static-i18n has chosen the language's files
    def on_files(self, files, config):
        def copy_static_files(dirty: bool = False, *, inclusion=InclusionLevel.is_included) -> None:
            for file in files:
                if not file.is_documentation_page() and inclusion(file.inclusion) and file.dest_uri.startswith(self.folder):
                    file.copy_file(dirty)

        files.copy_static_files = copy_static_files
        return files


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(f"{record.levelname}: {record.getMessage()}")


def merge(parts: Path, languages: list[str], site_dir: Path) -> None:
    """Move each language's files into site_dir, in build order, and join the sitemaps."""
    sitemaps = []
    for lang in languages:
        source = parts / lang
        sitemap = source / SITEMAP
        if sitemap.exists():
            sitemaps.append(sitemap.read_text(encoding="utf-8"))
    gz_mtime = _gzip_mtime(parts / languages[-1] / f"{SITEMAP}.gz")
    site_dir.mkdir(parents=True, exist_ok=True)
    placed: set[Path] = set()
    # The default language last: of the files every language writes (the theme's assets, the same
    # in all; the 404 page, which the hooks also write to fr/404.html...), its own stay at the root.
    # Files are replaced in place, then what no language wrote is removed: a server that serves
    # site_dir meanwhile (`bridges serve`) never finds a page missing.
    for lang in languages[1:] + languages[:1]:
        source = parts / lang
        for folder, _, names in os.walk(source):
            target = site_dir / Path(folder).relative_to(source)
            if target.is_file() or target.is_symlink():
                target.unlink()
            target.mkdir(parents=True, exist_ok=True)
            for name in names:
                if (target / name).is_dir() and not (target / name).is_symlink():
                    shutil.rmtree(target / name)
                os.replace(os.path.join(folder, name), target / name)
                placed.add(target / name)
    _remove_others(site_dir, placed)
    if sitemaps:
        text = join_sitemaps(sitemaps)
        (site_dir / SITEMAP).write_text(text, encoding="utf-8")
        with open(site_dir / f"{SITEMAP}.gz", "wb") as raw:
            with gzip.GzipFile(fileobj=raw, filename=str(site_dir / f"{SITEMAP}.gz"), mode="wb", mtime=gz_mtime) as packed:
                packed.write(text.encode("utf-8"))


def join_sitemaps(sitemaps: list[str]) -> str:
    """mkdocs-static-i18n's sitemap lists every language built so far, one block per language,
    between the same opening and closing lines: keep the first opening, each language's block,
    and the closing."""
    closing = "\n</urlset>"
    opening_end = sitemaps[0].index("<urlset")
    opening_end = sitemaps[0].index(">", opening_end) + 1
    opening = sitemaps[0][:opening_end]
    blocks = []
    for text in sitemaps:
        if not text.startswith(opening) or not text.rstrip().endswith("</urlset>"):
            raise RenderError("unexpected sitemap.xml layout: check bridges/adapters/mkdocs/languages.py against "
                              "mkdocs-static-i18n's sitemap template")
        blocks.append(text[len(opening):text.rindex(closing)])
    return opening + "".join(blocks) + closing + text[text.rindex(closing) + len(closing):]


def _gzip_mtime(path: Path) -> int | None:
    if not path.exists():
        return None
    return int.from_bytes(path.read_bytes()[4:8], "little")


def _remove_others(site_dir: Path, placed: set[Path]) -> None:
    """What a clean build would not have: every file not in `placed` and every folder left empty,
    keeping the entries of site_dir whose name starts with a dot (as mkdocs.utils.clean_directory)."""
    for entry in site_dir.iterdir():
        if entry.name.startswith("."):
            continue
        if entry.is_symlink() or entry.is_file():
            if entry not in placed:
                entry.unlink()
            continue
        for folder, subfolders, names in os.walk(entry, topdown=False):
            here = Path(folder)
            for name in names:
                if here / name not in placed:
                    (here / name).unlink()
            for name in subfolders:
                path = here / name
                if path.is_symlink():
                    path.unlink()
                elif not any(path.iterdir()):
                    path.rmdir()
        if not any(entry.iterdir()):
            entry.rmdir()
