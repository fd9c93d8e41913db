"""The library in a real browser: Pagefind search per language, facets, state in the URL, and on
a 390 px phone: results first, filters collapsed, no layout shift, no index before interaction,
matches from other languages when a search finds little.

The site's Content-Security-Policy forbids eval, so these tests wait with Playwright's locators
and URL predicates; the layout-shift observer is an init script (run by the browser, not eval).
"""
from __future__ import annotations

import gzip
import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

PHONE = {"width": 390, "height": 844}


def state(url: str) -> dict:
    return parse_qs(urlsplit(url).query)


def open_library(web, path: str):
    web.goto(path)
    page = web.page
    expect(page.locator("#library-q")).to_be_visible()
    return page


def results(page, selector: str = "#library-results") -> list[str]:
    """The result links, once the current search has settled."""
    # Generous: Pagefind starts a worker and compiles WebAssembly on a machine other builds share.
    expect(page.locator("#library-results")).not_to_have_attribute("data-busy", "true", timeout=30_000)
    expect(page.locator(".bridges-library-static")).to_be_hidden()
    return page.locator(f"{selector} li .bridges-library__title a").evaluate_all("links => links.map(a => a.getAttribute('href'))")


def search(page, words: str) -> list[str]:
    page.fill("#library-q", words)
    page.wait_for_url(lambda url: state(url).get("q") == [words])
    return results(page)


def open_filters(page):
    page.click("#library-filters-toggle")
    expect(page.locator("#library-filters-toggle")).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#library-facets fieldset").first).to_be_visible()


def test_searching_in_english_finds_english_items_only(web):
    page = open_library(web, "library/")
    expect(page.locator(".bridges-library-static")).to_be_visible()
    found = search(page, "mentoring")
    expect(page.locator(".bridges-library-static")).to_be_hidden()
    assert found and all("/fr/" not in url and "/ar/" not in url for url in found)
    assert any(url.endswith("/resources/mentor-pairs-guide/") for url in found)


def test_only_items_are_in_the_results(web):
    # "accessibility" and "privacy" are words of the hand-written pages, which are not items.
    page = open_library(web, "library/")
    for words in ("accessibility statement", "privacy"):
        found = search(page, words)
        assert not any(url.rstrip("/").endswith(("/accessibility", "/privacy", "/bridges")) for url in found), found


def test_searching_in_french_finds_french_pages(web):
    page = open_library(web, "fr/library/")
    found = search(page, "mentorat")
    assert found and all("/fr/" in url for url in found)
    assert any(url.endswith("/fr/resources/mentor-pairs-guide/") for url in found)
    assert "résultats" in page.inner_text("#library-status")


def test_filters_by_country_and_theme_survive_a_reload_and_the_back_button(web):
    page = open_library(web, "fr/library/")
    open_filters(page)
    page.get_by_role("checkbox", name="Viêt Nam").check()
    page.wait_for_url(lambda url: state(url).get("country") == ["Viêt Nam"])
    vietnam = results(page)
    assert vietnam and all("/fr/" in url for url in vietnam)
    assert any(url.endswith("/fr/case-studies/hanoi-sewing-circle/") for url in vietnam)
    expect(page.locator("#library-filters-toggle")).to_contain_text("(1)")
    expect(page.locator("#library-clear")).to_be_visible()

    page.get_by_role("checkbox", name="Violences fondées sur le genre").check()
    page.wait_for_url(lambda url: "theme" in state(url))
    both = results(page)
    assert 0 < len(both) <= len(vietnam)
    assert state(page.url) == {"country": ["Viêt Nam"], "theme": ["Violences fondées sur le genre"]}

    page.reload()
    assert sorted(results(page)) == sorted(both)
    expect(page.locator("#library-filters-toggle")).to_contain_text("(2)")

    page.go_back()
    page.wait_for_url(lambda url: "theme" not in state(url))
    assert sorted(results(page)) == sorted(vietnam)


def test_values_with_no_result_are_not_offered(web):
    page = open_library(web, "library/")
    open_filters(page)
    countries = page.locator("#library-facets input[name=country]")
    everywhere = countries.count()
    search(page, "Zaytoun")
    expect(page.locator("#library-facets input[name=country]")).not_to_have_count(everywhere)
    for count in page.locator("#library-facets .bridges-library__count").all_inner_texts():
        assert int(count) > 0


def test_clear_filters_sits_beside_the_count_and_clears(web):
    page = open_library(web, "library/?country=Vietnam")
    results(page)
    clear = page.locator("#library-clear")
    status = page.locator("#library-status")
    expect(clear).to_be_visible()
    # Beside the count: on the same line, not at the bottom of sixty filters.
    assert abs(clear.bounding_box()["y"] - status.bounding_box()["y"]) < 40
    clear.click()
    page.wait_for_url(lambda url: "country" not in state(url))
    expect(clear).to_be_hidden()
    expect(page.locator(".bridges-library-static")).to_be_visible()


def test_sorting_by_date_is_kept_in_the_url(web, site_build):
    import re

    from conftest import SITE_PATH

    def dates(links: list[str]) -> list[str]:
        """Each result's sort date, as its page gives it to Pagefind."""
        found = []
        for link in links:
            page_file = site_build.site / urlsplit(link).path.removeprefix(SITE_PATH) / "index.html"
            found += re.findall(r'data-pagefind-sort="date:([0-9-]+)"', page_file.read_text(encoding="utf-8"))
        return found

    # Not every item has a date; the year filter keeps fixture items that do (2016 to 2021).
    page = open_library(web, "library/?year=2016&year=2018&year=2020&year=2021&sort=oldest")
    oldest = dates(results(page))
    expect(page.locator("#library-sort")).to_have_value("oldest")
    page.select_option("#library-sort", "newest")
    page.wait_for_url(lambda url: state(url).get("sort") == ["newest"])
    newest = dates(results(page))
    assert len(set(oldest)) > 1 and len(set(newest)) > 1  # enough dated results to see an order
    assert oldest == sorted(oldest) and newest == sorted(newest, reverse=True)


def test_the_header_search_box_opens_the_library(web):
    web.goto("fr/labs/harbour-lab/")
    page = web.page
    page.fill("#bridges-search-q", "migration")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: urlsplit(url).path.endswith("/fr/library/") and state(url).get("q") == ["migration"])
    expect(page.locator("#library-q")).to_have_value("migration")
    assert results(page)


def test_untranslated_pages_are_marked_in_results(web):
    page = open_library(web, "ar/library/?q=untranslated")
    found = results(page)
    assert any(url.endswith("/ar/case-studies/untranslated-story/") for url in found)
    assert page.locator(".bridges-library__result--other-language").count() >= 1
    # A clean excerpt: the page's text, not the "not yet translated" notice above it.
    excerpts = " ".join(page.locator("#library-results .bridges-library__excerpt").all_inner_texts())
    assert excerpts and "لم تُترجم" not in excerpts
    # The English text of that page is marked as English, so that it is read and laid out as such.
    marked = page.locator(".bridges-library__result--other-language .bridges-library__excerpt[lang=en]")
    assert marked.count() >= 1 and marked.first.get_attribute("dir") == "auto"


def test_a_search_that_finds_little_offers_the_other_languages(web):
    # "binômes" is a word of French texts; the Arabic pages show most items in English.
    page = open_library(web, "ar/library/")
    assert len(search(page, "binômes")) < 3  # few: the library looks further
    others = page.locator("#library-others")
    expect(others).to_be_visible(timeout=30_000)
    french = others.locator("li h3[lang=fr] a")
    expect(french.first).to_be_visible()
    assert "/fr/resources/" in french.first.get_attribute("href")
    expect(others.locator(".bridges-library__details").first).to_contain_text("الفرنسية")
    # Found in Arabic already: nothing is offered twice.
    search(page, "Zaytoun")
    expect(others).to_be_hidden()


def test_without_javascript_the_library_is_a_short_plain_listing(chromium, site_server):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_server.base + "fr/library/")
    listing = page.locator(".bridges-library-static")
    expect(listing).to_be_visible()
    expect(page.locator("#library-q")).to_be_hidden()
    expect(page.locator("#library-filters-toggle")).to_be_hidden()
    assert listing.get_by_role("link", name="La boulangerie Zaytoun").count() == 1
    # The latest items and a link to each listing, not every item.
    expect(listing.get_by_role("link", name="Études de cas")).to_have_count(1)
    context.close()


# --- on a phone --------------------------------------------------------------------------------

LAYOUT_SHIFTS = """
window.bridgesLayoutShift = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) window.bridgesLayoutShift += entry.value;
  }
}).observe({type: "layout-shift", buffered: true});
"""


@pytest.fixture
def phone(chromium, site_server):
    """A 390 px wide phone page that records layout shifts and the requests made."""
    from browser import WatchedPage

    context = chromium.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True,
                                   service_workers="block")
    context.add_init_script(LAYOUT_SHIFTS)
    watched = WatchedPage(context, site_server)
    watched.requests = []
    watched.page.on("request", lambda request: watched.requests.append(request.url))
    try:
        yield watched
        watched.check()
    finally:
        context.close()


def layout_shift(page) -> float:
    return page.evaluate("window.bridgesLayoutShift")


@pytest.mark.parametrize("lang", ["", "fr/", "ar/"])
def test_phone_no_index_before_the_first_interaction(phone, lang):
    page = open_library(phone, f"{lang}library/")
    page.wait_for_load_state("networkidle")
    assert not [url for url in phone.requests if "/pagefind/" in url]
    page.focus("#library-q")
    page.wait_for_load_state("networkidle")
    expect(page.locator("#library-q")).to_be_focused()
    assert [url for url in phone.requests if "/pagefind/" in url], "focusing the search box starts Pagefind"


def test_phone_results_come_first_and_filters_are_collapsed(phone):
    page = open_library(phone, "library/")
    found = search(page, "migration")
    assert found
    toggle = page.locator("#library-filters-toggle")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#library-filters")).to_be_hidden()
    first = page.locator("#library-results li").first
    box = first.bounding_box()
    assert box["y"] < PHONE["height"], f"the first result starts {box['y']:.0f} px down"
    # 44 px tap targets: the search box, its button, the filters button, sort, clear.
    for selector in ("#library-q", "#library-form button", "#library-filters-toggle", "#library-sort"):
        assert page.locator(selector).bounding_box()["height"] >= 44, selector
    open_filters(page)
    for row in page.locator("#library-facets .bridges-library__value").all()[:5]:
        assert row.bounding_box()["height"] >= 44


def test_phone_focus_is_visible_on_the_search_and_filters(phone):
    page = open_library(phone, "library/")
    page.keyboard.press("Tab")
    page.focus("#library-q")
    outline = page.locator("#library-q").evaluate("e => getComputedStyle(e).outlineStyle + ' ' + getComputedStyle(e).outlineWidth")
    assert outline.startswith("solid") and not outline.endswith(" 0px")
    page.locator("#library-filters-toggle").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#library-facets input").first).to_be_attached()
    page.locator("#library-facets input").first.focus()
    assert page.locator("#library-facets input").first.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"


@pytest.mark.parametrize("path", ["library/", "library/?q=migration", "ar/library/?q=migration"])
def test_phone_no_layout_shift(phone, path):
    page = open_library(phone, path)
    if "q=" in path:
        results(page)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)  # let a late shift be reported; the assertion is on the sum, not on time
    assert layout_shift(page) < 0.01


def test_phone_a_first_search_fetches_only_its_first_page(phone):
    # What a first search may cost on a phone (bench/library.py measures the bytes): Pagefind's
    # script, WebAssembly and the index of the page's language, the index chunks of the words,
    # and one fragment per result shown; no web worker, and no filter index until the filters open.
    page = open_library(phone, "library/")
    found = search(page, "migration")
    pagefind = [url.split("/pagefind/", 1)[1] for url in phone.requests if "/pagefind/" in url]
    fragments = [name for name in pagefind if name.startswith("fragment/")]
    assert len(found) == len(fragments) <= 10, pagefind
    assert page.locator("#library-results > li").count() == len(found)
    assert not [name for name in pagefind if "worker" in name or name.startswith("filter/")], pagefind
    assert 1 <= len([name for name in pagefind if name.startswith("index/")]) <= 2, pagefind
    open_filters(page)
    assert [url for url in phone.requests if "/pagefind/filter/" in url], "opening the filters loads their index"
    counts = page.locator("#library-facets .bridges-library__count").all_inner_texts()
    assert counts and all(int(count) > 0 for count in counts)


def fragments(site) -> dict[str, dict]:
    """Pagefind's fragment of every indexed page (what a result loads), by URL."""
    found = {}
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd")
        fragment = json.loads(data)
        found[fragment["url"]] = fragment
    return found


def test_a_lab_is_indexed_by_its_own_text_not_the_titles_it_lists(site_build):
    indexed = fragments(site_build.site)
    checked = 0
    for url, fragment in indexed.items():
        page = site_build.site / url.strip("/") / "index.html"
        html = page.read_text(encoding="utf-8") if page.exists() else ""
        listed = re.search(r'<div class="bridges-item-links">(.*?)</div>', html, re.S)
        if not listed:
            continue
        titles = [re.sub(r"<[^>]+>", "", title).strip() for title in re.findall(r"<li><a [^>]*>(.*?)</a>", listed[1])]
        assert titles, url
        own = re.sub(r"<[^>]+>", "", html[:listed.start()])  # the title may also appear in the page's own text
        assert not [title for title in titles if title in fragment["content"] and title not in own], url
        checked += 1
    assert checked, "no indexed page lists other items"


def test_on_a_desktop_the_results_take_the_width_until_the_filters_open(web):
    web.page.set_viewport_size({"width": 1280, "height": 800})
    page = open_library(web, "library/")
    assert search(page, "migration")
    layout = page.locator(".bridges-library__layout").bounding_box()["width"]
    assert page.locator("#library-results").bounding_box()["width"] > 0.9 * layout
    open_filters(page)
    assert page.locator("#library-results").bounding_box()["width"] < 0.9 * layout  # the filters beside them
