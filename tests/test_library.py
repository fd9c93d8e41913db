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


def phone_page(chromium, server):
    """A 390 px wide phone page on `server` that records layout shifts and the requests made."""
    from browser import WatchedPage

    context = chromium.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True,
                                   service_workers="block")
    context.add_init_script(LAYOUT_SHIFTS)
    watched = WatchedPage(context, server)
    watched.requests = []
    watched.page.on("request", lambda request: watched.requests.append(request.url))
    try:
        yield watched
        watched.check()
    finally:
        context.close()


@pytest.fixture
def phone(chromium, site_server):
    yield from phone_page(chromium, site_server)


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


FIRST_PAINT = """
window.bridgesFirstPaint = null;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.name === "first-contentful-paint") window.bridgesFirstPaint = entry.startTime;
  }
}).observe({type: "paint", buffered: true});
"""


@pytest.mark.parametrize("path", ["library/?q=mentoring", "fr/library/?q=mentorat"])
def test_phone_a_search_in_the_address_starts_after_the_first_paint(phone, path):
    # The page paints its intro and latest items first; Pagefind (its WebAssembly, the search)
    # would otherwise hold back its first and largest paint (Lighthouse). The order of the two
    # moments is the browser's own record (Performance Timeline), not a measured duration.
    phone.context.add_init_script(FIRST_PAINT)
    held, released = [], []  # Pagefind's script held back: the page as a slow phone shows it meanwhile
    phone.page.route("**/pagefind/pagefind.js*", lambda route: route.continue_() if released else held.append(route))
    page = open_library(phone, path)
    expect(page.locator("#library-results")).to_have_attribute("data-busy", "true")
    expect(page.locator(".bridges-library-static")).to_be_visible()  # the latest items stay until results come
    expect(page.locator("#library-results")).to_be_hidden()
    expect(page.locator("#library-status")).to_have_text("Recherche en cours…" if "fr/" in path else "Searching…")
    assert len(held) == 1
    released.append(True)
    held[0].continue_()
    assert results(page), "the search of the address shows its results"
    expect(page.locator("#library-q")).to_have_value(state(page.url)["q"][0])
    painted = page.evaluate("window.bridgesFirstPaint")
    started = page.evaluate("performance.getEntriesByType('resource').filter(e => e.name.includes('/pagefind/'))"
                            ".map(e => e.startTime)")
    assert painted is not None and started, (painted, started)
    assert painted < min(started), f"Pagefind was requested at {min(started):.0f} ms, the first paint was at {painted:.0f} ms"
    # And it runs in Pagefind's worker, off the main thread that lays out the page and answers taps.
    assert [url for url in phone.requests if url.split("?")[0].endswith("/pagefind/pagefind-worker.js")]


@pytest.mark.parametrize("path", ["library/", "fr/library/?q=mentorat", "ar/library/?q=migration"])
def test_the_library_requests_no_stylesheet_but_materials_and_the_sites(phone, path):
    # Its own styles are in the site's one stylesheet (bridges/outputs/stylesheet.py): a page
    # waits for every stylesheet before it paints.
    sheets = []
    phone.page.on("request", lambda request: request.resource_type == "stylesheet" and sheets.append(request.url))
    page = open_library(phone, path)
    if "q=" in path:
        results(page)
    page.wait_for_load_state("networkidle")
    names = sorted(url.split("?", 1)[0].rsplit("/", 1)[-1] for url in sheets)
    assert len(names) == 2 and names[0] == "bridges-site.css" and re.fullmatch(r"main\.[0-9a-f]+\.min\.css", names[1]), names
    # Its rules arrived with it: the search box is 44 px high and the static listing has its lines.
    assert page.locator("#library-q").bounding_box()["height"] >= 44


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
    # Nor Material's script: typing in the library's own form does not fetch it (bridges-theme.js).
    assert not [url for url in phone.requests if "/javascripts/bundle." in url]
    open_filters(page)
    expect(page.locator("#library-facets input").first).to_be_attached()
    page.wait_for_load_state("networkidle")
    assert [url for url in phone.requests if "/javascripts/bundle." in url], "a tap outside the search form fetches it"

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


# --- a large library: the first search reads the newest items' index only ----------------------

MARKER, RARE = "quokka", "wombat"


@pytest.fixture(scope="module")
def large_library(site_build, tmp_path_factory):
    """The shared build made larger: 40 copies of its English items, dated in the year 1000 so
    that they are older than every real item ("Copy 000" the newest), all with the word MARKER, the oldest also with RARE, then indexed
    with the first index holding the real items and the 10 newest copies; the library pages say
    so, as bridges.generate writes them for a library of more than RECENT items."""
    import datetime
    import os
    import shutil

    from bridges.outputs.search import index_site, indexed_pages

    site = tmp_path_factory.mktemp("large") / "site"
    # Hard links: every file this fixture changes is first removed, so the shared build is intact.
    shutil.copytree(site_build.site, site, copy_function=os.link, ignore=shutil.ignore_patterns("pagefind"))
    english = [site / path for _, path in indexed_pages(site)["en"]]
    copies = 40
    for number in range(copies):
        html = english[number % len(english)].read_text(encoding="utf-8")
        words = MARKER + (f" {RARE}" if number == copies - 1 else "")
        date = (datetime.date(1000, 12, 31) - datetime.timedelta(days=number)).isoformat()
        html = re.sub(r'data-pagefind-sort="date:[^"]*"', f'data-pagefind-sort="date:{date}"', html)
        html = re.sub(r"<h1[^>]*>.*?</h1>", f"<h1>Copy {number:03d}</h1><p>{words}</p>", html, count=1, flags=re.S)
        target = site / "case-studies" / f"copy-{number:03d}" / "index.html"
        target.parent.mkdir(parents=True)
        target.write_text(html, encoding="utf-8")
    recent = len(english) + 10
    index_site(site, recent=recent)
    for lang in ("", "fr/"):
        path = site / lang / "library" / "index.html"
        html = path.read_text(encoding="utf-8")
        found = re.search(r'(<script type="application/json" id="bridges-library-config">)(.*?)(</script>)', html, re.S)
        config = json.loads(found[2])
        assert config["recent"] is None  # the shared build is small
        assert config["items"] == len(english)  # every item has a page in English
        config |= {"recent": recent, "older": config["pagefind"].replace("pagefind.js", "older/"),
                   "items": len(english) + copies}
        path.unlink()
        path.write_text(html[:found.start(2)] + json.dumps(config, ensure_ascii=False) + html[found.end(2):], encoding="utf-8")
    return {"site": site, "recent": recent, "copies": copies}


@pytest.fixture
def large(chromium, large_library):
    """A phone page on the large library."""
    from browser import SiteServer

    from conftest import SITE_PATH

    with SiteServer(large_library["site"], SITE_PATH) as server:
        yield from phone_page(chromium, server)


def titles(page) -> list[str]:
    results(page)
    return page.locator("#library-results li .bridges-library__title a").all_inner_texts()


def older_requests(web) -> list[str]:
    return [url for url in web.requests if "/pagefind/older/" in url]


def more_results(page, button: str = "#library-more"):
    page.click(button)
    expect(page.locator("#library-results")).not_to_have_attribute("data-busy", "true", timeout=30_000)


def search_older(page, large_library):
    """"Search the N older items too": offered when the newest items hold a page of results or fewer."""
    older = page.locator("#library-older")
    expect(older).to_have_text(f"Search the {large_library['copies'] - 10} older items too")
    expect(page.locator("#library-more")).to_be_hidden()  # one way on, named for what it does
    more_results(page, "#library-older")
    expect(older).to_be_hidden()


def test_a_first_search_of_a_large_library_reads_the_newest_items_then_the_older_on_demand(large, large_library):
    page = open_library(large, "library/")
    search(page, MARKER)
    first = titles(page)
    assert sorted(first) == [f"Copy {number:03d}" for number in range(10)]  # the copies in the first index
    expect(page.locator("#library-status")).to_have_text(f"10 results in the {large_library['recent']} newest items")
    assert not older_requests(large), "a first search reads the newest items' index only"
    search_older(page, large_library)
    expect(page.locator("#library-status")).to_have_text(f"{large_library['copies']} results")
    shown = titles(page)
    assert shown[:10] == first and len(shown) == 20 == len(set(shown))
    assert all(url.startswith("/bridges/case-studies/copy-") for url in results(page))  # the site's path, both indexes
    assert older_requests(large) and not [url for url in older_requests(large) if "wasm" in url or url.endswith(".js")]
    # The results shown stayed; focus is on the first one it added, the way a reader goes on.
    expect(page.locator("#library-results li").nth(10).locator("a")).to_be_focused()
    expect(page.locator("#library-more")).to_be_visible()  # 20 of 40 shown


def test_sorting_by_date_runs_through_both_indexes(large, large_library):
    page = open_library(large, "library/?q=" + MARKER + "&sort=newest")
    assert titles(page) == [f"Copy {number:03d}" for number in range(10)]
    assert not older_requests(large)
    search_older(page, large_library)
    assert titles(page) == [f"Copy {number:03d}" for number in range(20)]
    page.select_option("#library-sort", "oldest")
    expect(page.locator("#library-status")).to_have_text(f"{large_library['copies']} results")
    oldest = large_library["copies"] - 1
    assert titles(page) == [f"Copy {number:03d}" for number in range(oldest, oldest - 10, -1)]


def test_a_word_only_in_older_items_is_offered_then_found(large, large_library):
    # A first search costs the same for any word: the reader is told where it looked, and offered
    # the older items, rather than the library fetching their index behind their back.
    page = open_library(large, "library/?q=" + RARE)
    assert titles(page) == []
    expect(page.locator("#library-status")).to_have_text(f"No results in the {large_library['recent']} newest items")
    assert not older_requests(large)
    search_older(page, large_library)
    assert titles(page) == ["Copy 039"]
    expect(page.locator("#library-status")).to_have_text("1 result")  # a count over all items, in the singular
    expect(page.locator("#library-results li a").first).to_be_focused()
    expect(page.locator("#library-more")).to_be_hidden()
    assert older_requests(large)


def test_other_languages_are_searched_once_the_older_items_are(large, large_library):
    # "binômes" is only in French texts. The other languages' indexes (a WebAssembly and an index
    # each) would double a first search: they are looked in once all English items have been.
    page = open_library(large, "library/")
    assert search(page, "binômes") == []
    others = page.locator("#library-others")
    expect(others).to_be_hidden()
    assert not [url for url in large.requests if "language=fr" in url or ".fr." in url], "no French index yet"
    search_older(page, large_library)
    expect(others).to_be_visible(timeout=30_000)
    french = others.locator("li h3[lang=fr] a")
    assert "/fr/resources/" in french.first.get_attribute("href")
    expect(french.first).to_be_focused()  # nothing more in English: focus on what was found


def test_filter_counts_are_over_the_whole_large_library(large, large_library):
    page = open_library(large, "library/?q=" + MARKER)
    titles(page)
    open_filters(page)
    expect(page.locator("#library-status")).to_have_text(f"{large_library['copies']} results")
    assert older_requests(large)
    counts = page.locator("#library-facets fieldset").first.locator(".bridges-library__count").all_inner_texts()
    assert sum(int(count) for count in counts) == large_library["copies"]  # one type per item
    assert page.locator("#library-facets input[name=part]").count() == 0


@pytest.mark.parametrize("lang", ["", "fr/"])
def test_the_older_items_step_passes_axe(large, large_library, lang):
    from axe_playwright_python.sync_playwright import Axe

    from test_accessibility import TAGS, describe

    page = open_library(large, f"{lang}library/?q={RARE}")
    titles(page)
    expect(page.locator("#library-older")).to_be_visible()
    violations = Axe().run(page, options={"runOnly": {"type": "tag", "values": TAGS},
                                          "resultTypes": ["violations"]}).response["violations"]
    assert not violations, describe(violations)
