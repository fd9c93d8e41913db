"""Accessibility: axe-core finds no violation of any impact (WCAG 2.0, 2.1 and 2.2 A/AA, and axe's
best practices, landmark-unique among them) on the site's kinds of page, in English, French and
Arabic (right to left), on a desktop and on a 390 px phone, in Chromium on the shared build."""
from __future__ import annotations

import pytest

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
PAGES = {
    "home": "",
    "item": "labs/harbour-lab/",
    "white paper": "white-papers/long-table-report/",
    "story with downloads": "case-studies/zaytoun-bakery/",
    "story with a figure": "case-studies/photo-story/",
    "listing": "case-studies/",
    "theme": "themes/economic/",
    "country": "countries/fr/",
    "campaign": "campaigns/fixture-long-table/",
    "contribute": "contribute/",
    "library": "library/",
    "library after a search": "library/?q=media",
    "accessibility statement": "accessibility/",
    "privacy": "privacy/",
    "translations": "translations/",
    "themes": "themes/",
    "not found": "404.html",
}
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
LANGUAGES = {"en": "", "fr": "fr/", "ar": "ar/"}


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} - {violation['helpUrl']}")
        for node in violation["nodes"][:5]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {node['target']}: {summary[:300]}")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture(scope="module")
def screens(chromium, site_server):
    """One browser context and one page per viewport, reused by every kind of page and language
    (a new context per test made the 90 runs slow). Each still fails on a request to another
    host or a console error (tests/browser.py)."""
    from browser import WatchedPage

    opened: dict[str, WatchedPage] = {}

    def screen(viewport: str) -> WatchedPage:
        if viewport not in opened:
            context = chromium.new_context(viewport=VIEWPORTS[viewport], service_workers="block")
            opened[viewport] = WatchedPage(context, site_server)
        return opened[viewport]

    try:
        yield screen
    finally:
        for watched in opened.values():
            watched.context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kind", PAGES)
def test_no_accessibility_violation(screens, site_build, axe, kind, lang, viewport):
    path = LANGUAGES[lang] + PAGES[kind]
    web = screens(viewport)
    file = path.split("?")[0]
    built = site_build.site / file / ("" if file.endswith(".html") else "index.html")
    assert built.exists(), f"{path} was not built"
    web.goto(path)
    page = web.page
    if kind.startswith("library"):  # the search interface replaces the plain listing once Pagefind started
        page.locator("#bridges-library").wait_for(state="visible", timeout=20_000)
    if kind == "library after a search":  # its results, under the title (the filters folded on a phone)
        page.locator("#library-results li").first.wait_for(state="visible", timeout=30_000)
    assert page.locator("html").get_attribute("lang") == lang
    assert page.viewport_size == VIEWPORTS[viewport]
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]})
    violations = results.response["violations"]
    assert not violations, f"{path} ({viewport}):\n{describe(violations)}"
    web.check()
