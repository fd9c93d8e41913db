"""The render cache: MkDocs pages taken from .cache/ when nothing that shapes them changed.

MkDocs renders a page in two steps (mkdocs.commands.build): `_populate_page` reads the source
and turns its Markdown into HTML, `_build_page` lays it out with the theme and writes it. This
module wraps both for the processes of `bridges build` and `bridges serve` (never for a plain
`mkdocs build`, the reference that the tests compare with):

- populating a page that has a `title` in its front matter (every generated page) reads the
  source but leaves the Markdown for later: the navigation needs only the title;
- building a page computes its key and, when the cache has it, writes the stored HTML;
  otherwise it renders the Markdown, builds the page as MkDocs does, and stores the result if
  MkDocs logged no warning for it (so that a strict build fails again next time).

The key is everything that shapes the page: its Markdown and front matter, its source and
output paths and URL, the language built, its alternates in other languages, the navigation
(titles and URLs) with the previous and next pages, the list of files (links resolve against
it), the resolved configuration (site_url, theme, extra, Markdown extensions, the languages'
settings), the theme overrides, hooks and the bridges package (their bytes), and the versions
of the packages that render. Anything else changes nothing in a page.

MkDocs is pinned (1.6.x, no release since 2024); tests/test_render_cache.py fails if the two
wrapped functions change.
"""
from __future__ import annotations

import contextlib
import functools
import json
import logging
from pathlib import Path

from mkdocs import utils
from mkdocs.commands import build as mkdocs_build
from mkdocs.structure.nav import Link, Section
from mkdocs.structure.pages import Page

from ...model.problems import Superseded
from ...outputs.cache import Cache, code_digest, digest, files_under

log = logging.getLogger("mkdocs.plugins.bridges")

_original_populate = mkdocs_build._populate_page
_original_build = mkdocs_build._build_page


class _WarningCounter(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1


class PageCache:
    """Installed once per process by `install`; `stats` counts hits and misses of the last build."""

    def __init__(self, cache: Cache, project_files: list[Path]):
        self.store = cache.pages
        self.project_files = project_files  # mkdocs.yml, overrides/, hooks/: bytes in the key
        self.stats = {"hits": 0, "misses": 0}
        self._warnings = _WarningCounter()
        logging.getLogger("mkdocs").addHandler(self._warnings)
        self._files_key: tuple[int, str] | None = None
        self._nav_key: tuple[int, str] | None = None
        self.files = None  # the last build's files and what building a page takes: see `state`
        self.last: tuple | None = None
        self.stop_file: Path | None = None  # when it exists, the build stops (languages.Renderer._run)

    def state(self) -> tuple | None:
        """(config, files, doc_files, nav, env) of the last page built: what `rebuild` needs."""
        return None if self.last is None else (self.last[0], self.files, *self.last[1:])

    def rebuild(self, page: Page, state: tuple) -> str:
        """Read, render and write one page again with a finished build's files, navigation and
        theme (`bridges serve` after an edit). Returns where it was written."""
        config, files, doc_files, nav, env = state
        self.populate(page, config, files)
        self.build(page, config, doc_files, nav, env)
        return page.file.abs_dest_path

    # --- the two wrapped steps -----------------------------------------------------------

    def populate(self, page: Page, config, files, dirty: bool = False) -> None:
        self._remember_files(files)
        self.files = files
        if dirty:
            return _original_populate(page, config, files, dirty)
        warnings = self._warnings.count
        try:
            with _reading(page, config):
                page = config.plugins.on_pre_page(page, config=config, files=files)
                page.read_source(config)
                page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
                if "title" in page.meta:  # all the navigation needs: the Markdown can wait
                    page.bridges_deferred = files
                else:  # the title comes from the first heading: render now, as MkDocs does
                    self._render(page, config, files)
        finally:
            page.bridges_warned = self._warnings.count != warnings

    def build(self, page: Page, config, doc_files, nav, env, dirty: bool = False, excluded: bool = False) -> None:
        if self.stop_file is not None and self.stop_file.exists():
            raise Superseded()
        self.last = (config, doc_files, nav, env)
        if dirty or excluded:
            self._render_deferred(page, config)
            return _original_build(page, config, doc_files, nav, env, dirty, excluded)
        key = self.key(page, config, nav)
        html = self.store.get(key)
        if html is not None:
            self.stats["hits"] += 1
            utils.write_file(html, page.file.abs_dest_path)
            return None
        self.stats["misses"] += 1
        warnings = self._warnings.count
        self._render_deferred(page, config)
        _original_build(page, config, doc_files, nav, env, dirty, excluded)
        if self._warnings.count == warnings and not getattr(page, "bridges_warned", False):
            self.store.set(key, Path(page.file.abs_dest_path).read_bytes())
        # Once written, nothing reads a page's text or HTML (other pages and the sitemap need its
        # title and URL): freed, a language's build holds a few megabytes instead of all its pages.
        page.markdown = page.content = None
        return None

    # --- rendering, as mkdocs.commands.build._populate_page does -------------------------

    def _render_deferred(self, page, config):
        files = getattr(page, "bridges_deferred", None)
        if files is None:
            return
        del page.bridges_deferred
        with _reading(page, config):
            self._render(page, config, files)

    @staticmethod
    def _render(page, config, files):
        page.render(config, files)
        page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)

    # --- the key -------------------------------------------------------------------------

    def key(self, page: Page, config, nav) -> str:
        file = page.file
        alternates = {lang: alternate.url for lang, alternate in sorted((getattr(file, "alternates", None) or {}).items())}
        neighbours = [(other.title, other.url) if other else None for other in (page.previous_page, page.next_page)]
        i18n = config.plugins.get("i18n")
        return digest(self.config_key(config), self._files_key[1] if self._files_key else "", self.nav_key(nav),
                      getattr(i18n, "current_language", "") or "", file.src_uri, file.dest_uri, page.url,
                      json.dumps([alternates, neighbours, page.meta], sort_keys=True, default=str, ensure_ascii=False),
                      page.markdown or "", length=40)

    def _remember_files(self, files) -> None:
        if self._files_key is None or self._files_key[0] != id(files):
            self._files_key = (id(files), digest(*sorted(f"{f.src_uri}>{f.dest_uri}" for f in files)))

    def nav_key(self, nav) -> str:
        if self._nav_key is None or self._nav_key[0] != id(nav):
            self._nav_key = (id(nav), digest(json.dumps(_outline(nav.items), ensure_ascii=False)))
        return self._nav_key[1]

    def config_key(self, config) -> str:
        i18n = config.plugins.get("i18n")
        resolved = {
            "site": [config.site_name, config.site_url, config.site_description, config.repo_url, config.edit_uri,
                     config.copyright, config.use_directory_urls],
            "theme": sorted((key, repr(value)) for key, value in config.theme.items()),
            "theme_dirs": list(config.theme.dirs),
            "extra": repr(config.extra), "css": list(config.extra_css), "js": [str(s) for s in config.extra_javascript],
            "markdown": [repr(e) for e in config.markdown_extensions], "mdx": repr(config.mdx_configs),
            "nav": repr(config.nav),
            "languages": repr(i18n.config) if i18n else None,
        }
        return digest(json.dumps(resolved, sort_keys=True, default=repr, ensure_ascii=False), self.code_key())

    @functools.cache
    def code_key(self) -> str:
        parts = [code_digest()]
        for path in sorted(self.project_files):
            parts += [path.as_posix(), path.read_bytes()]
        return digest(*parts)


@contextlib.contextmanager
def _reading(page: Page, config):
    """As MkDocs reads a page: the page is current, and an error names it."""
    config._current_page = page
    try:
        yield
    except Exception as error:
        log.error(f"Error reading page '{page.file.src_uri}': {error}")
        raise
    finally:
        config._current_page = None


def project_files(config) -> list[Path]:
    """The files of the project that shape every page: mkdocs.yml, the theme overrides, the hooks."""
    found = [Path(config.config_file_path)]
    if config.theme.custom_dir:
        found += files_under(Path(config.theme.custom_dir))
    for hook in (config.hooks or []):
        found.append(Path(hook))
    return found


def _outline(items) -> list:
    outline = []
    for item in items:
        if isinstance(item, Section):
            outline.append(["S", item.title, _outline(item.children)])
        elif isinstance(item, Link):
            outline.append(["L", item.title, item.url])
        else:
            outline.append(["P", item.title, item.url])
    return outline


_installed: PageCache | None = None


def installed() -> PageCache | None:
    return _installed


def install(cache: Cache, config) -> PageCache:
    """Wrap MkDocs' two page steps in this process (idempotent)."""
    global _installed
    if _installed is None:
        _installed = PageCache(cache, project_files(config))
        mkdocs_build._populate_page = _installed.populate
        mkdocs_build._build_page = _installed.build
    return _installed
