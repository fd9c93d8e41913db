"""The library in a real browser: Pagefind search per language, facets, state in the URL.

The site's Content-Security-Policy forbids eval, so these tests wait with Playwright's locators
and URL predicates, never with JavaScript strings.
"""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect


def state(url: str) -> dict:
    return parse_qs(urlsplit(url).query)


def open_library(web, path: str):
    web.goto(path)
    page = web.page
    expect(page.locator("#bridges-library")).to_be_visible()
    return page


def results(page) -> list[str]:
    """The result links, once the current search has settled."""
    expect(page.locator("#library-results")).not_to_have_attribute("data-busy", "true")
    expect(page.locator("#library-status")).not_to_be_empty()
    return page.locator("#library-results li h3 a").evaluate_all("links => links.map(a => a.getAttribute('href'))")


def search(page, words: str) -> list[str]:
    page.fill("#library-q", words)
    page.wait_for_url(lambda url: state(url).get("q") == [words])
    return results(page)


def test_searching_in_english_finds_english_pages(web):
    page = open_library(web, "library/")
    expect(page.locator(".bridges-library-static")).to_be_hidden()
    found = search(page, "mentoring")
    assert found and all("/fr/" not in url and "/ar/" not in url for url in found)
    assert any(url.endswith("/resources/mentoring-guide/") for url in found)


def test_searching_in_french_finds_french_pages(web):
    page = open_library(web, "fr/library/")
    found = search(page, "mentorat")
    assert found and all("/fr/" in url for url in found)
    assert any(url.endswith("/fr/resources/mentoring-guide/") for url in found)
    assert "résultats" in page.inner_text("#library-status")


def test_filters_by_country_and_theme_survive_a_reload_and_the_back_button(web):
    page = open_library(web, "fr/library/")
    everything = results(page)
    page.get_by_role("checkbox", name="Viêt Nam").check()
    page.wait_for_url(lambda url: state(url).get("country") == ["Viêt Nam"])
    vietnam = results(page)
    assert 0 < len(vietnam) < len(everything)
    assert any(url.endswith("/fr/case-studies/hy-vong/") for url in vietnam)

    page.get_by_role("checkbox", name="Violences fondées sur le genre").check()
    page.wait_for_url(lambda url: "theme" in state(url))
    both = results(page)
    assert 0 < len(both) <= len(vietnam)
    assert state(page.url) == {"country": ["Viêt Nam"], "theme": ["Violences fondées sur le genre"]}

    page.reload()
    expect(page.locator("#bridges-library")).to_be_visible()
    assert sorted(results(page)) == sorted(both)
    expect(page.get_by_role("checkbox", name="Viêt Nam")).to_be_checked()

    page.go_back()
    page.wait_for_url(lambda url: "theme" not in state(url))
    expect(page.get_by_role("checkbox", name="Violences fondées sur le genre")).not_to_be_checked()
    assert sorted(results(page)) == sorted(vietnam)


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

    page = open_library(web, "library/?sort=oldest")
    oldest = dates(results(page))
    expect(page.locator("#library-sort")).to_have_value("oldest")
    page.select_option("#library-sort", "newest")
    page.wait_for_url(lambda url: state(url).get("sort") == ["newest"])
    newest = dates(results(page))
    assert len(set(oldest)) > 1 and len(set(newest)) > 1  # enough dated results to see an order
    assert oldest == sorted(oldest) and newest == sorted(newest, reverse=True)


def test_the_header_search_box_opens_the_library(web):
    web.goto("fr/labs/media-lab/")
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
    assert page.locator(".bridges-library__result--fallback").count() >= 1


def test_without_javascript_the_library_is_a_plain_listing(chromium, site_server):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_server.base + "fr/library/")
    listing = page.locator(".bridges-library-static")
    expect(listing).to_be_visible()
    expect(page.locator("#bridges-library")).to_be_hidden()
    assert listing.get_by_role("link", name="Karama").count() == 1
    context.close()
