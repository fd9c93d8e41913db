"""The search index is made again only when a page changed (bridges.outputs.search.index_site)."""
from __future__ import annotations

import subprocess

import pytest

from bridges.outputs import search
from bridges.outputs.cache import Cache

PAGE = '<!doctype html><html lang="en"><head><title>{0}</title></head><body><main data-pagefind-body><h1>{0}</h1><p>{1}</p></main></body></html>'


def _files(folder):
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


@pytest.mark.site  # runs Pagefind's program
def test_an_index_of_the_same_pages_comes_from_the_cache_and_a_changed_page_makes_a_new_one(tmp_path, monkeypatch):
    site, cache = tmp_path / "site", Cache(tmp_path / "cache")
    (site / "a").mkdir(parents=True)
    (site / "a" / "index.html").write_text(PAGE.format("Bridges", "A bakery in Turin"), encoding="utf-8")
    (site / "index.html").write_text(PAGE.format("Home", "Stories of welcome"), encoding="utf-8")
    runs = []
    real_run = subprocess.run
    monkeypatch.setattr(search.subprocess, "run", lambda *args, **kwargs: runs.append(args) or real_run(*args, **kwargs))

    search.index_site(site, cache=cache)
    first = _files(site / "pagefind")
    assert len(runs) == 1 and any(name.startswith("pagefind-entry") for name in first)

    search.index_site(site, cache=cache)  # nothing changed: copied from the cache, the same files
    assert len(runs) == 1 and _files(site / "pagefind") == first

    (site / "a" / "index.html").write_text(PAGE.format("Bridges", "A bakery in Genoa"), encoding="utf-8")
    search.index_site(site, cache=cache)
    assert len(runs) == 2 and _files(site / "pagefind") != first
    search.index_site(site, cache=cache)
    assert len(runs) == 2


DATED = ('<!doctype html><html lang="en"><head><title>{0}</title></head><body><main data-pagefind-body '
         'data-pagefind-sort="date:{1}"><h1>{0}</h1><p>{2}</p></main></body></html>')


@pytest.mark.site  # runs Pagefind's program
def test_an_edit_indexes_again_only_the_part_of_the_index_that_holds_the_page(tmp_path, monkeypatch):
    site, cache = tmp_path / "site", Cache(tmp_path / "cache")
    for name, date, text in [("new", "2026-01-01", "A bakery in Turin"), ("old", "2001-01-01", "A choir in Lyon")]:
        (site / name).mkdir(parents=True)
        (site / name / "index.html").write_text(DATED.format(name, date, text), encoding="utf-8")
    outputs = []
    real_run = search._run_pagefind
    monkeypatch.setattr(search, "_run_pagefind", lambda tree, output: outputs.append(tree.name) or real_run(tree, output))

    search.index_site(site, recent=1, cache=cache)  # the newest page in pagefind/, the other in pagefind/older/
    both = _files(site / "pagefind")
    assert outputs == ["recent", search.OLDER] and any(name.startswith("older/") for name in both)

    (site / "old" / "index.html").write_text(DATED.format("old", "2001-01-01", "A choir in Lille"), encoding="utf-8")
    search.index_site(site, recent=1, cache=cache)
    after = _files(site / "pagefind")
    assert outputs[2:] == [search.OLDER]  # the newest items' part came from the cache
    assert {name: data for name, data in after.items() if not name.startswith("older/")} == \
        {name: data for name, data in both.items() if not name.startswith("older/")}
    assert after != both

    search.index_site(site, recent=1)  # without a cache: both parts, the same files as from the cache
    assert outputs[3:] == ["recent", search.OLDER] and _files(site / "pagefind") == after
