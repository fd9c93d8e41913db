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

A pool of `jobs` processes is kept for the life of a `Renderer`: `bridges serve` re-renders in
the same processes, which keep their imports and their compiled theme.
"""
from __future__ import annotations

import gzip
import logging
import multiprocessing
import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ...outputs.cache import Cache

SITEMAP = "sitemap.xml"


class Renderer:
    def __init__(self, config_file: Path, jobs: int | None = None, cache: Cache | None = None, strict: bool = True):
        self.config_file = Path(config_file).resolve()
        self.jobs = max(1, jobs or os.cpu_count() or 1)
        self.cache, self.strict = cache, strict
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def render(self, languages: list[str], site_dir: Path, descriptions: dict, serve_url: str | None = None) -> dict[str, dict]:
        """Render `languages` (the first is the default) into site_dir; `descriptions`: the site's
        description in each language (hooks.prime). Returns each language's render-cache counts.
        Raises RenderError with the failing language's log."""
        site_dir = Path(site_dir).resolve()
        parts = site_dir.parent / f".{site_dir.name}.languages"
        shutil.rmtree(parts, ignore_errors=True)
        cache_folder = str(self.cache.folder) if self.cache else None
        jobs = [(str(self.config_file), lang, str(parts / lang), cache_folder, self.strict, descriptions, serve_url)
                for lang in languages]
        if self.jobs == 1 or len(languages) == 1:
            results = [render_one(*job) for job in jobs]
        else:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(min(self.jobs, len(languages)),
                                                 mp_context=multiprocessing.get_context("spawn"))
            results = [future.result() for future in [self._pool.submit(render_one, *job) for job in jobs]]
        failed = [result for result in results if result["error"]]
        if failed:
            shutil.rmtree(parts, ignore_errors=True)
            raise RenderError("\n\n".join(f"[{result['lang']}] {result['error']}" for result in failed))
        merge(parts, languages, site_dir)
        shutil.rmtree(parts, ignore_errors=True)
        return {result["lang"]: result["cache"] for result in results}


class RenderError(Exception):
    pass


def render_one(config_file: str, lang: str, out_dir: str, cache_folder: str | None, strict: bool,
               descriptions: dict, serve_url: str | None = None) -> dict:
    """In a worker process: build one language of the site into out_dir."""
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
        if cache_folder:
            renderer = page_cache.install(Cache(Path(cache_folder)), config)
            renderer.stats.update(hits=0, misses=0)
        build(config, serve_url=serve_url)
        stats = dict(renderer.stats) if cache_folder else None
    except (Abort, BuildError, ConfigurationError, PluginError) as error:
        said = "\n".join(problems.lines)
        return {"lang": lang, "error": f"{said}\n{error}".strip() or type(error).__name__, "cache": None}
    finally:
        logging.getLogger("mkdocs").removeHandler(problems)
    return {"lang": lang, "error": None, "cache": stats}


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
    _clean(site_dir)
    # The default language last: of the files every language writes (the theme's assets, the same
    # in all; the 404 page, which the hooks also write to fr/404.html...), its own stay at the root.
    for lang in languages[1:] + languages[:1]:
        source = parts / lang
        for folder, _, names in os.walk(source):
            target = site_dir / Path(folder).relative_to(source)
            target.mkdir(parents=True, exist_ok=True)
            for name in names:
                os.replace(os.path.join(folder, name), target / name)
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


def _clean(site_dir: Path) -> None:
    """As mkdocs.utils.clean_directory: empty the folder, keeping entries whose name starts with a dot."""
    site_dir.mkdir(parents=True, exist_ok=True)
    for entry in site_dir.iterdir():
        if entry.name.startswith("."):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
