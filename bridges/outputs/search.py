"""Full-text search with Pagefind: one index per <html lang>, loaded in small chunks.

Pagefind runs after the site is built. Item pages carry their facets as data-pagefind-filter
attributes, written by the theme (overrides/main.html) from the page's front matter
(bridges.search, see bridges.generate); listing pages are left out with search_exclude.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import shutil
import subprocess
import sys
import time
from pathlib import Path

from .cache import Cache, digest


class SearchIndexError(Exception):
    pass


# Page furniture that is not the page's text: permalink signs, the metadata panel (its values are
# facets already), the language links, the share links, Material's edit button.
# The lists of other items on a lab or campaign page are those items' titles: indexed, they would
# make a lab match nearly every search and load its whole list as the result's fragment.
EXCLUDED = (".headerlink", ".bridges-meta", ".bridges-languages", ".bridges-share", ".md-content__button",
            ".bridges-downloads code", ".bridges-notice",  # notice: "not yet translated", "outdated"
            ".bridges-item-links", ".bridges-campaign-items")


def index_site(site_dir: Path, cache: Cache | None = None) -> float:
    """Index the built site in place (site_dir/pagefind/). Returns the seconds it took. With a
    cache, an index made from exactly the same pages (every HTML file's path and bytes, the same
    Pagefind and options) is copied instead of made again: a rebuild where nothing changed."""
    started = time.perf_counter()
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--quiet"]
    for selector in EXCLUDED:
        command += ["--exclude-selectors", selector]
    output = site_dir / "pagefind"
    shutil.rmtree(output, ignore_errors=True)

    def run(stored: Path | None = None) -> None:
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            raise SearchIndexError(f"Pagefind could not index {site_dir}:\n{result.stdout}\n{result.stderr}")
        if stored is not None:
            shutil.copytree(output, stored, dirs_exist_ok=True)

    if cache is None:
        run()
        return time.perf_counter() - started
    stored = cache.directory("search", _pages_key(site_dir, command[5:]), run)
    if not output.is_dir():  # found in the cache, not made now
        shutil.copytree(stored, output)
    return time.perf_counter() - started


def _pages_key(site_dir: Path, options: list[str]) -> str:
    """Everything Pagefind reads: each HTML page's path and bytes, its version and options."""
    parts = [importlib.metadata.version("pagefind"), *options]
    for path in sorted(site_dir.rglob("*.html")):
        with open(path, "rb") as page:
            parts += [path.relative_to(site_dir).as_posix(), hashlib.file_digest(page, "sha256").hexdigest()]
    return digest(*parts, length=40)
