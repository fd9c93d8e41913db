"""Full-text search with Pagefind: one index per <html lang>, loaded in small chunks, in two parts.

Pagefind runs after the site is built. Item pages carry their facets as data-pagefind-filter
attributes, written by the theme (overrides/main.html) from the page's front matter
(bridges.search, see bridges.generate); listing pages are left out with search_exclude.

Why two parts: in one Pagefind index a first search grows with the number of items (the index of
a language lists every page, about 10 bytes each, and the postings of a common word list every
page that holds it). So each language's newest RECENT items are indexed in site/pagefind/ (what a
first search reads) and the older ones in site/pagefind/older/, which the library merges
(Pagefind's mergeIndex) when the reader asks for more results, opens the filters, sorts oldest
first, or, when the newest items hold a page of results or fewer, chooses "Search the N older
items too" (docs/assets/library.js): a first search costs the same for any word.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
import tempfile
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

# Items per language in the first index: its list of pages costs about 5 KB gzip, and a word's
# postings in it at most those of RECENT pages, whatever the size of the library.
RECENT = 500
OLDER = "older"  # site/pagefind/older/: the other items, merged on demand

_LANG = re.compile(rb"<html[^>]*\slang=\"([^\"]+)\"")
_DATE = re.compile(rb'data-pagefind-sort="date:([^"]*)"')


def indexed_pages(site_dir: Path, digests: dict[str, str] | None = None) -> dict[str, list[tuple[str, str]]]:
    """The pages Pagefind indexes (those with data-pagefind-body, which the theme writes on item
    pages only), by language: (sort date, path relative to site_dir), newest first. `digests`,
    if given, gets each of their SHA-256 (read once, for the search index's cache key)."""
    pages: dict[str, list[tuple[str, str]]] = {}
    for path in site_dir.rglob("*.html"):
        relative = path.relative_to(site_dir).as_posix()
        if relative.startswith("pagefind/"):
            continue
        data = path.read_bytes()
        if b"data-pagefind-body" not in data:
            continue
        if digests is not None:
            digests[relative] = hashlib.sha256(data).hexdigest()
        lang, date = _LANG.search(data), _DATE.search(data)
        language = lang[1].decode().lower() if lang else "unknown"
        pages.setdefault(language, []).append((date[1].decode() if date else "", relative))
    for found in pages.values():
        found.sort(reverse=True)
    return pages


def split_recent(pages: dict[str, list[tuple[str, str]]], recent: int = RECENT) -> tuple[list[str], list[str]]:
    """(paths of each language's `recent` newest pages, paths of the others)."""
    first = [path for found in pages.values() for _, path in found[:recent]]
    rest = [path for found in pages.values() for _, path in found[recent:]]
    return first, rest


def index_site(site_dir: Path, recent: int = RECENT, cache: Cache | None = None) -> float:
    """Index the built site in place: site_dir/pagefind/ (each language's newest `recent` items)
    and site_dir/pagefind/older/ (the others, if any). Returns the seconds it took. A site
    without items has nothing to search: no index. With a cache, each part made from exactly the
    same pages as before (each indexed page's path and bytes, the same Pagefind and options) is
    copied instead of made again: after an edit to one story, only its part is indexed again."""
    started = time.perf_counter()
    digests: dict[str, str] = {}
    first, rest = split_recent(indexed_pages(site_dir, digests), recent)
    if not first:
        return time.perf_counter() - started
    index = site_dir / "pagefind"
    shutil.rmtree(index, ignore_errors=True)
    parts = [("recent", first, index)] + ([(OLDER, rest, index / OLDER)] if rest else [])
    for name, paths, target in parts:
        def make(output: Path, name=name, paths=paths) -> None:
            _index_part(site_dir, name, paths, output)

        if cache is None:
            make(target)
        else:
            shutil.copytree(cache.directory("search", _part_key(digests, name, paths, recent), make), target,
                            dirs_exist_ok=True)
    return time.perf_counter() - started


def _part_key(digests: dict[str, str], name: str, paths: list[str], recent: int) -> str:
    """Everything a part's Pagefind run reads: each of its pages' path and bytes (`digests`, from
    indexed_pages); Pagefind's version and options."""
    parts = [importlib.metadata.version("pagefind"), str(recent), *EXCLUDED, name]
    for relative in paths:
        parts += [relative, digests[relative]]
    return digest(*parts, length=40)


def _index_part(site_dir: Path, name: str, paths: list[str], output: Path) -> None:
    # Pagefind indexes a folder: each part is a tree of hard links to its pages (same relative
    # paths, so the same URLs), next to the site so that linking works (copies otherwise).
    with tempfile.TemporaryDirectory(prefix=".bridges-pagefind-", dir=site_dir.parent) as work:
        _run_pagefind(_tree(site_dir, paths, Path(work) / name), output)
    if name == OLDER:  # merged into the first index's Pagefind, which has loaded the script and WebAssembly
        for unused in output.iterdir():
            if unused.is_file() and not unused.name.endswith((".pf_meta", "pagefind-entry.json")):
                unused.unlink()


def _tree(site_dir: Path, paths: list[str], tree: Path) -> Path:
    tree.mkdir(parents=True)
    for relative in paths:
        target = tree / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(site_dir / relative, target)
        except OSError:
            shutil.copy2(site_dir / relative, target)
    return tree


def _run_pagefind(tree: Path, output: Path) -> None:
    command = [sys.executable, "-m", "pagefind", "--site", str(tree), "--output-path", str(output), "--quiet"]
    for selector in EXCLUDED:
        command += ["--exclude-selectors", selector]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind could not index {tree}:\n{result.stdout}\n{result.stderr}")
