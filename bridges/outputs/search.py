"""Full-text search with Pagefind: one index per <html lang>, loaded in small chunks.

Pagefind runs after the site is built. Item pages carry their facets as data-pagefind-filter
attributes, written by the theme (overrides/main.html) from the page's front matter
(bridges.search, see bridges.generate); listing pages are left out with search_exclude.
"""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path


class SearchIndexError(Exception):
    pass


# Page furniture that is not the page's text: permalink signs, the metadata panel (its values are
# facets already), the language links, the share links, Material's edit button.
# The lists of other items on a lab or campaign page are those items' titles: indexed, they would
# make a lab match nearly every search and load its whole list as the result's fragment.
EXCLUDED = (".headerlink", ".bridges-meta", ".bridges-languages", ".bridges-share", ".md-content__button",
            ".bridges-downloads code", ".bridges-notice",  # notice: "not yet translated", "outdated"
            ".bridges-item-links", ".bridges-campaign-items")


def index_site(site_dir: Path) -> float:
    """Index the built site in place (site_dir/pagefind/). Returns the seconds it took."""
    started = time.perf_counter()
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--quiet"]
    for selector in EXCLUDED:
        command += ["--exclude-selectors", selector]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind could not index {site_dir}:\n{result.stdout}\n{result.stderr}")
    return time.perf_counter() - started
