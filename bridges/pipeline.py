"""The order of a build, in one place. Every driver (the MkDocs hooks, the CLI) calls these steps:

1. load_and_check: read content/ into the model (bridges.sources) and run the rules (bridges.rules);
   a build stops on any error, so nothing `bridges check` refuses is ever published.
2. prepare: generate the pages, documents, pictures and cards under docs/ (bridges.outputs),
   once for every language.
3. The renderer (MkDocs + mkdocs-static-i18n + Material, through bridges.adapters.mkdocs) turns
   docs/ into site/, one pass per language.
4. finish: what needs the whole rendered site: the catalogue, the feeds, the site's stylesheet
   (with the icons), the theme patch, the search index, the _headers file; last, the check that every page carries
   the site's protections and that site/ holds only the kinds of file it may publish
   (bridges.outputs.published).
"""
from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .model.problems import ContentError, Problem, Superseded
from .model.site import Site
from .rules.checks import check_content
from .sources.load import INDEX_FILE, Content, bundle_folders, load_bundle, load_bundles, load_content
from .sources.site import load_site


@dataclass
class Checked:
    site: Site | None
    content: Content | None
    problems: list[Problem]
    checked_items: list | None = None  # the items of `bridges check PATH`; None: all of them
    documents: object | None = None  # after prepare: the documents written (for update)

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if not problem.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.warning]


def load_and_check(root: Path, today: dt.date | None = None, paths: list[Path] | None = None) -> Checked:
    """Step 1, and all that `bridges check` runs; given `paths`, only those bundles (and the items
    they reference), for `bridges check PATH`."""
    site, problems = load_site(root)
    if site is None:
        return Checked(None, None, problems)
    if not paths:
        content = load_content(site)
        return Checked(site, content, problems + check_content(content, today))
    content, items = load_bundles(site, paths)
    return Checked(site, content, problems + check_content(content, today, only=items), items)


def prepare(root: Path, docs_dir: Path, languages: list[str] | None = None, base_url: str = "/",
            today: dt.date | None = None, built_languages: list[str] | None = None,
            stop: Callable[[], bool] | None = None, checked: Checked | None = None,
            use_cache: bool = True) -> Checked:
    """Steps 1 and 2. Raises ContentError listing every problem: a build never publishes content
    that `bridges check` refuses. `checked`: content loaded and checked already, and kept up to
    date with every change since by `update` (bridges serve), used instead of loading it again.
    `use_cache`: take the pages generated from the same inputs by an earlier build from the cache."""
    checked = checked or load_and_check(root, today)
    if checked.errors:
        raise ContentError(checked.errors)
    if languages is not None and languages != checked.site.language_codes:
        raise ValueError(f"mkdocs.yml builds {languages} but content/site.yml declares "
                         f"{checked.site.language_codes}: make the two lists the same, in the same order.")
    # The outputs are imported here, not at the top: `bridges check` needs none of them (WeasyPrint,
    # Jinja... take about a second to import), and it is the volunteer's loop.
    from .outputs.cache import cache_dir
    from .outputs.generate import write_site

    if stop and stop():
        raise Superseded()
    checked.documents = write_site(checked.content, docs_dir, cache_dir(root), base_url, built_languages,
                                   stop, use_cache).documents
    return checked


def update(checked: Checked, docs_dir: Path, changed: list[Path], base_url: str = "/",
           built_languages: list[str] | None = None, today: dt.date | None = None) -> list[Path] | None:
    """Steps 1 and 2 for an edit to the text of existing items (`bridges serve` shows it first):
    those bundles reloaded into the prepared content and checked, their own pages generated.
    Returns the docs/ files that changed, or None when the edit needs a whole build: any other
    file, a new or removed bundle, a problem (the whole build reports it)."""
    from .outputs.generate import write_item_pages

    site, content = checked.site, checked.content
    if content is None or checked.documents is None or not changed:
        return None
    if any(not (path.name == "meta.yml" or INDEX_FILE.fullmatch(path.name)) for path in changed):
        return None  # pictures, attachments...: documents and cards to redo
    found, problems = bundle_folders(site, changed)
    # The folders as the site names them (relative when the site's root is), as load_content does.
    folders = [(type_key, site.content_dir / site.content_types[type_key].folder / bundle.name) for type_key, bundle in found]
    current = {item.folder: item for item in content.items}
    if problems or not folders or any(bundle not in current for _, bundle in folders):
        return None
    reloaded = [load_bundle(site, type_key, bundle, problems) for type_key, bundle in folders]
    if any(not problem.warning for problem in problems) or None in reloaded:
        return None
    replaced = {item.folder: item for item in reloaded}
    updated = Content(site, [replaced.get(item.folder, item) for item in content.items], content.archive)
    if any(not problem.warning for problem in check_content(updated, today, only=reloaded)):
        return None
    checked.content = updated
    return write_item_pages(updated, checked.documents, docs_dir, reloaded, base_url, built_languages)


def finish(checked: Checked, site_dir: Path, base_url: str, search: bool = True) -> float | None:
    """Step 4, once every language is rendered. Returns the seconds the search index took, or None
    when it was skipped."""
    from .outputs.cache import Cache, cache_dir
    from .outputs.catalogue import write_catalogue
    from .outputs.feeds import write_feeds
    from .outputs.published import SiteNotPublishable, verify_site, write_headers
    from .outputs.schemas import write_schemas
    from .outputs.search import index_site
    from .outputs.stylesheet import write_stylesheet
    from .outputs.theme_patches import remove_sitemap_fetch

    write_catalogue(checked.content, site_dir, base_url)
    write_schemas(checked.site, site_dir, base_url)
    write_feeds(checked.content, site_dir, base_url)
    write_stylesheet(site_dir)
    remove_sitemap_fetch(site_dir)
    seconds = index_site(site_dir, cache=Cache(cache_dir(checked.site.root))) if search else None
    write_headers(site_dir)
    # Whatever template or plugin made a page, it carries the protections, and nothing else is there.
    problems = verify_site(site_dir)
    if problems:
        raise SiteNotPublishable(problems)
    return seconds


@dataclass
class Built:
    checked: Checked
    render_stats: dict  # language -> render-cache hits and misses (None without a cache)
    search_seconds: float | None
    seconds: dict = field(default_factory=dict)  # step -> wall seconds


def build(root: Path, docs_dir: Path, site_dir: Path, languages: list[str], built_languages: list[str],
          base_url: str, render: Callable[[Checked, list[str], Path], dict], search: bool = True,
          stop: Callable[[], bool] | None = None, checked: Checked | None = None, use_cache: bool = True) -> Built:
    """A whole build in one call, for drivers that own the rendering (`bridges build`, `bridges
    serve`): steps 1 and 2 once, step 3 by `render` (the renderer's adapter: every language,
    in parallel processes), step 4 once. `stop` (bridges serve: a newer change came): asked
    between pages and languages; when it says yes, Superseded is raised before site_dir changes.
    `checked`, `use_cache`: see prepare."""
    started = time.perf_counter()
    checked = prepare(root, docs_dir, languages, base_url, built_languages=built_languages, stop=stop, checked=checked,
                      use_cache=use_cache)
    prepared = time.perf_counter()
    stats = render(checked, built_languages, site_dir)
    rendered = time.perf_counter()
    search_seconds = finish(checked, site_dir, base_url, search)
    return Built(checked, stats, search_seconds,
                 {"prepare": prepared - started, "render": rendered - prepared, "finish": time.perf_counter() - rendered})
