"""The steps of a site build, for the MkDocs hooks (or any other static-site driver) to call:
`prepare` before rendering, `post_build` after every language is rendered."""
from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .cache import cache_dir
from .catalogue import write_catalogue
from .feeds import write_feeds
from .generate import write_site
from .problems import ContentError
from .project import Checked, load_and_check
from .search import index_site
from .theme_patches import remove_sitemap_fetch


def prepare(root: Path, docs_dir: Path, languages: list[str] | None = None, base_url: str = "/",
            today: dt.date | None = None, built_languages: list[str] | None = None) -> Checked:
    """Load and check the content, then write the generated pages. Raises ContentError listing
    every problem: a build never publishes content that `bridges check` refuses."""
    checked = load_and_check(root, today)
    if checked.errors:
        raise ContentError(checked.errors)
    if languages is not None and languages != checked.site.language_codes:
        raise ValueError(f"mkdocs.yml builds {languages} but content/site.yml declares "
                         f"{checked.site.language_codes}: make the two lists the same, in the same order.")
    write_site(checked.content, docs_dir, cache_dir(root), base_url, built_languages)
    return checked


def post_build(checked: Checked, site_dir: Path, base_url: str, search: bool = True) -> float | None:
    """What is made once from the whole rendered site: the catalogue, the feeds, the theme patch,
    and (unless search is False) the Pagefind index. Returns the seconds Pagefind took."""
    write_catalogue(checked.content, site_dir, base_url)
    write_feeds(checked.content, site_dir, base_url)
    remove_sitemap_fetch(site_dir)
    return index_site(site_dir) if search else None


@dataclass
class Built:
    checked: Checked
    render_stats: dict  # language -> render-cache hits and misses (None without a cache)
    search_seconds: float | None
    seconds: dict = field(default_factory=dict)  # step -> wall seconds


def build(root: Path, docs_dir: Path, site_dir: Path, languages: list[str], built_languages: list[str],
          base_url: str, render: Callable[[list[str], Path], dict], search: bool = True) -> Built:
    """A whole build, in order: load and check once, generate once, render the built languages
    (`render`, given by the renderer's adapter: MkDocs today), then the post-build steps once."""
    started = time.perf_counter()
    checked = prepare(root, docs_dir, languages, base_url, built_languages=built_languages)
    prepared = time.perf_counter()
    stats = render(built_languages, site_dir)
    rendered = time.perf_counter()
    search_seconds = post_build(checked, site_dir, base_url, search)
    return Built(checked, stats, search_seconds,
                 {"prepare": prepared - started, "render": rendered - prepared,
                  "post_build": time.perf_counter() - rendered})
