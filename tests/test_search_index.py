"""The search index in two parts (bridges.outputs.search): each language's newest items in
site/pagefind/, what a first search reads, and the older ones in site/pagefind/older/, merged by
the library on demand. Real Pagefind runs on a handful of pages."""
from __future__ import annotations

import gzip
import json

import pytest
import yaml

from bridges.outputs import generate, search
from bridges.outputs.context import PageContext
from bridges.pipeline import load_and_check


def item_page(lang: str, date: str, words: str = "bridges between people") -> str:
    return (f'<!doctype html><html lang="{lang}"><head><title>{date}</title></head><body>'
            f'<div data-pagefind-body><h1>{date}</h1><p>{words}</p>'
            f'<span data-pagefind-sort="date:{date}"></span></div></body></html>')


def write_site(root, pages: dict[str, str]):
    for relative, html in pages.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
    return root


DATES = ("2021-03-01", "2024-06-30", "2019-11-11", "2023-01-15")


def small_site(tmp_path):
    pages = {f"case-studies/s{n}/index.html": item_page("en", date) for n, date in enumerate(DATES)}
    pages |= {f"fr/case-studies/s{n}/index.html": item_page("fr", date, "des ponts entre les gens")
              for n, date in enumerate(DATES)}
    pages["index.html"] = '<html lang="en"><body><p>The home: not an item, not indexed.</p></body></html>'
    return write_site(tmp_path / "site", pages)


def test_each_language_keeps_its_newest_pages_first(tmp_path):
    site = small_site(tmp_path)
    pages = search.indexed_pages(site)
    assert set(pages) == {"en", "fr"}
    assert [date for date, _ in pages["en"]] == sorted(DATES, reverse=True)
    first, rest = search.split_recent(pages, 2)
    assert sorted(first) == ["case-studies/s1/index.html", "case-studies/s3/index.html",
                             "fr/case-studies/s1/index.html", "fr/case-studies/s3/index.html"]
    assert sorted(rest) == ["case-studies/s0/index.html", "case-studies/s2/index.html",
                            "fr/case-studies/s0/index.html", "fr/case-studies/s2/index.html"]


def page_counts(bundle) -> dict[str, int]:
    entry = json.loads((bundle / "pagefind-entry.json").read_text())
    return {lang: index["page_count"] for lang, index in entry["languages"].items()}


def indexed_urls(bundle) -> set[str]:
    return {json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))["url"]
            for path in (bundle / "fragment").glob("*.pf_fragment")}


@pytest.mark.site  # starts Pagefind
def test_the_older_pages_are_indexed_apart_and_nothing_else_is_left_behind(tmp_path):
    site = small_site(tmp_path)
    search.index_site(site, recent=3)
    first, older = site / "pagefind", site / "pagefind" / "older"
    assert page_counts(first) == {"en": 3, "fr": 3} and page_counts(older) == {"en": 1, "fr": 1}
    assert indexed_urls(older) == {"/case-studies/s2/", "/fr/case-studies/s2/"}  # the oldest, 2019
    assert "/" not in indexed_urls(first) | indexed_urls(older)  # the home is no item
    # The older part is merged into the first part's Pagefind: no second script or WebAssembly.
    assert (first / "pagefind.js").exists() and list(first.glob("wasm.*"))
    assert not [path.name for path in older.iterdir() if path.is_file() and not path.name.endswith((".pf_meta", ".json"))]
    # The hard-linked trees Pagefind read are gone, and the pages are untouched.
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]
    assert "des ponts" in (site / "fr/case-studies/s0/index.html").read_text()
    # The library shrinks below one part: the older part goes.
    search.index_site(site, recent=4)
    assert page_counts(first) == {"en": 4, "fr": 4} and not older.exists()


@pytest.mark.site
def test_a_site_without_items_has_no_index(tmp_path):
    site = write_site(tmp_path / "site", {"index.html": "<html lang='en'><body>Home</body></html>"})
    search.index_site(site)
    assert not (site / "pagefind").exists()


def library_config(content) -> dict:
    context = PageContext(content.site, content, content.site.ui, "en", "library", "/")
    page = generate.library_page(context, content)
    return yaml.safe_load(page.text.split("---")[1])["library"]


def test_the_library_knows_when_there_are_older_items(repo, monkeypatch):
    repo.story()
    repo.story("second-story")
    content = load_and_check(repo.root).content
    assert library_config(content)["recent"] is None  # fewer items than one part: one index
    monkeypatch.setattr(generate, "RECENT", 1)
    assert library_config(content)["recent"] == 1
