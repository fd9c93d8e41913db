"""End to end, in Chromium, on the shared build served under its published path (/bridges/).

Every page these tests open fails them on a request to another host, a console error (a
Content-Security-Policy violation included) or a script error: see the `web` fixture.
"""
from __future__ import annotations

import hashlib
import re

import pytest

from bridges.outputs.context import file_size
from hostile.cases import HARMLESS


def heading(locator) -> str:
    return locator.inner_text().replace("¶", "").strip()  # without its permalink anchor


def test_home_page_in_english(web):
    web.goto("")
    page = web.page
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.title() == "Bridges"
    assert page.locator(".md-tabs__link").count() >= 8
    footer = page.locator(".bridges-footer__links")
    assert footer.get_by_role("link", name="Accessibility").get_attribute("href").endswith("accessibility/")
    assert footer.get_by_role("link", name="Privacy").get_attribute("href").endswith("privacy/")
    # Material's own script ran (it needs the helpers that assets/bridges-theme.js defines).
    assert page.evaluate("typeof window.__md_get") == "function"
    assert page.evaluate("document.documentElement.classList.contains('js')")
    assert web.context.cookies() == []  # as the privacy page says


def test_the_language_selector_lands_on_the_same_page_in_french(web):
    web.goto("labs/harbour-lab/")
    page = web.page
    page.get_by_role("button", name="Select language").click()  # focus opens the list
    page.locator('.md-select__link[hreflang="fr"]').click()
    page.wait_for_url(web.url("fr/labs/harbour-lab/"))
    assert page.locator("html").get_attribute("lang") == "fr"
    assert heading(page.locator("article h1")) == "Laboratoire du port"
    assert page.locator(".bridges-meta").get_by_text("Type").count() == 1
    web.check()


def test_a_story_page_shows_title_metadata_body_and_figure(web):
    web.goto("case-studies/photo-story/")
    page = web.page
    article = page.locator("article")
    assert heading(article.locator("h1")) == "A market stall"
    assert page.title() == "A market stall - Bridges"
    panel = article.locator(".bridges-meta dl")
    assert panel.locator("dt").all_inner_texts()[:4] == ["Type", "Countries", "Themes", "Year"]
    assert panel.get_by_role("link", name="France").get_attribute("href") == "../../countries/fr/"
    assert "2021" in panel.inner_text()
    assert article.locator("h2#the-stall").count() == 1
    assert "The stall opens at dawn." in article.inner_text()
    figure = article.locator("figure.bridges-image")
    image = figure.locator("img")
    assert image.get_attribute("alt") == "Vegetables piled on a market stall"
    assert image.get_attribute("loading") == "lazy"
    assert "images/market-480.jpg 480w" in image.get_attribute("srcset")
    assert figure.locator("figcaption").inner_text() == "Photo: Amina K."
    image.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    assert "/bridges/case-studies/photo-story/images/market" in image.evaluate("img => img.currentSrc")
    web.check()


def test_the_french_story_page_shows_its_figure_with_french_alt_text(web):
    web.goto("fr/case-studies/photo-story/")
    image = web.page.locator("figure.bridges-image img")
    assert image.get_attribute("alt") == "Des légumes empilés sur un étal"
    image.scroll_into_view_if_needed()
    web.page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    # The bundle's files are published once, beside the English page.
    assert "/bridges/case-studies/photo-story/images/" in image.evaluate("img => img.currentSrc")
    web.check()


def test_a_pdf_download_matches_its_size_and_sha256(web):
    web.goto("white-papers/long-table-report/")
    page = web.page
    entry = page.locator(".bridges-downloads li").filter(has_text="PDF").first
    link = entry.locator("a[download]")
    entry.locator("summary").click()  # the hash shows on demand
    shown_hash = entry.locator("code").inner_text().strip()
    shown_size = re.search(r"PDF · ([\d.,]+\s?\S+)", entry.inner_text()).group(1)
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.failure() is None
    data = open(download.path(), "rb").read()
    assert data.startswith(b"%PDF")
    assert download.suggested_filename == link.get_attribute("download")
    assert hashlib.sha256(data).hexdigest() == shown_hash
    assert file_size(len(data), "en") == shown_size
    web.check()


def test_every_page_has_a_policy_that_blocks_inline_scripts(web):
    web.goto("")
    page = web.page
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert "script-src 'self' 'wasm-unsafe-eval'" in policy and "unsafe-inline" not in policy
    with pytest.raises(Exception):
        page.add_script_tag(content="window.__inline = 1")
    assert page.evaluate("typeof window.__inline") == "undefined"
    # The browser reported the refusal: that is the one console error this test expects.
    assert any("Content Security Policy" in problem for problem in web.problems)
    web.problems.clear()


@pytest.mark.parametrize("slug", [case.slug for case in HARMLESS])
def test_hostile_pages_run_nothing_and_load_nothing_from_elsewhere(web, slug):
    web.goto(f"case-studies/{slug}/")
    page = web.page
    # Hover everything and click all but links (a link may rightly lead to another site). Were an
    # inline handler left, the policy would refuse it and the console error would fail the test.
    page.evaluate("""() => {
        for (const element of document.querySelectorAll("article *")) {
            element.dispatchEvent(new MouseEvent("mouseover", {bubbles: true}));
            element.dispatchEvent(new FocusEvent("focus"));
            if (!element.closest("a") && typeof element.click === "function") element.click();
        }
    }""")
    page.wait_for_timeout(200)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.url == web.url(f"case-studies/{slug}/")  # no refresh, no redirect
    web.check()


def test_the_library_search_runs_under_the_policy(web, site_build):
    assert (site_build.site / "library" / "index.html").exists()
    web.goto("library/?q=lab")
    page = web.page
    # library.js shows the search only once Pagefind (WebAssembly, a worker) has started.
    page.locator("#bridges-library").wait_for(state="visible", timeout=20_000)
    page.wait_for_load_state("networkidle")
    web.check()
