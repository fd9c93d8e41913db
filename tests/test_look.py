"""What a reader sees, in Chromium on the shared build: a visible focus ring of at least 3:1 on
every kind of control, a language menu that shows every name whole, pages that never scroll
sideways on a phone or a desktop, the 404 page in three languages, and downloads that show their
hash only on demand."""
from __future__ import annotations

import pytest

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

# The colour of the focus ring and of what surrounds it, from the computed styles: the element's
# outline, against the first opaque background of its ancestors.
FOCUS = """el => {
  const style = getComputedStyle(el);
  const parse = c => (c.match(/[\\d.]+/g) || []).map(Number);
  let node = el.parentElement, background = [255, 255, 255, 1];
  while (node) {
    const c = parse(getComputedStyle(node).backgroundColor);
    if (c.length >= 3 && (c.length === 3 || c[3] > 0.5)) { background = c; break; }
    node = node.parentElement;
  }
  return {width: parseFloat(style.outlineWidth), style: style.outlineStyle,
          outline: parse(style.outlineColor), background};
}"""


def luminance(rgb) -> float:
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(v) for v in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def assert_visible_focus(page, selector: str) -> None:
    element = page.locator(selector).first
    element.wait_for(state="attached")
    element.scroll_into_view_if_needed()
    element.focus()
    page.keyboard.press("Shift+Tab")  # focus by keyboard, so that :focus-visible applies
    page.keyboard.press("Tab")
    assert page.evaluate("s => document.activeElement === document.querySelector(s)", selector), selector
    ring = element.evaluate(FOCUS)
    assert ring["style"] != "none" and ring["width"] >= 2, (selector, ring)
    assert contrast(ring["outline"], ring["background"]) >= 3, (selector, ring)


@pytest.mark.parametrize("lang", ["", "ar/"])
def test_focus_is_visible_on_links_buttons_and_the_header_search(web, lang):
    web.goto(lang + "labs/harbour-lab/")
    for selector in ("#bridges-search-q", ".md-typeset .bridges-meta a", ".bridges-share__link--email",
                     "details.bridges-download__hash > summary", ".md-tabs__link"):
        assert_visible_focus(web.page, selector)
    web.check()


def test_focus_is_visible_on_the_library_checkboxes_and_search(web):
    web.goto("library/")
    page = web.page
    page.click("#library-filters-toggle")  # the filters open in a panel (library.js)
    page.locator("#library-facets input[type=checkbox]").first.wait_for(state="attached", timeout=20_000)
    assert_visible_focus(page, "#library-facets input[type=checkbox]")
    assert_visible_focus(page, "#bridges-library input[type=search]")
    web.check()


def test_the_language_menu_shows_every_name_whole(web):
    web.page.set_viewport_size(DESKTOP)
    web.goto("ar/labs/harbour-lab/")
    page = web.page
    page.locator(".md-header .md-select").hover()
    links = page.locator(".md-select__link").all()
    assert len(links) == 6  # every language
    for link in links:
        link.wait_for(state="visible")
        fits = link.evaluate("a => { const r = a.getBoundingClientRect(), "
                             "box = a.closest('.md-select__inner').getBoundingClientRect(); "
                             "return a.scrollWidth <= a.clientWidth + 1 && r.right <= box.right + 1 && "
                             "r.left >= box.left - 1 && r.bottom <= box.bottom + 1 && r.top >= box.top - 1; }")
        assert fits, link.inner_text()
    assert page.locator(".md-select__link").count() == 6
    web.check()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("path", ["translations/", "fr/translations/", "labs/harbour-lab/", "ar/labs/harbour-lab/",
                                  "white-papers/long-table-report/", "fr/404.html"])
def test_pages_never_scroll_sideways(web, path, viewport):
    web.page.set_viewport_size(viewport)
    web.goto(path)
    overflow = web.page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{path} is {overflow}px wider than the screen"
    if "translations" in path:  # the table scrolls inside its own column instead
        inside = web.page.locator(".bridges-table-scroll").first.evaluate(
            "el => el.getBoundingClientRect().right <= document.documentElement.clientWidth + 1")
        assert inside
    web.check()


@pytest.mark.parametrize("lang, heading, button", [("", "Page not found", "Search"),
                                                   ("fr/", "Page introuvable", "Chercher"),
                                                   ("ar/", "الصفحة غير موجودة", "ابحث")])
def test_the_404_page_helps_in_the_readers_language(web, lang, heading, button):
    web.page.set_viewport_size(PHONE)
    web.goto(lang + "404.html")
    page = web.page
    assert page.locator("h1").inner_text() == heading
    assert page.evaluate("getComputedStyle(document.body).direction") == ("rtl" if lang == "ar/" else "ltr")
    page.locator("#bridges-not-found-q").fill("media")
    page.locator(".bridges-not-found__search").get_by_role("button", name=button, exact=True).click()
    page.wait_for_url(f"**/bridges/{lang}library/?q=media")
    page.locator("#bridges-library").wait_for(state="visible", timeout=20_000)
    web.check()


def test_the_hash_of_a_download_shows_on_demand(web):
    web.page.set_viewport_size(PHONE)
    web.goto("labs/harbour-lab/")
    page = web.page
    entry = page.locator(".bridges-downloads li").first
    code = entry.locator("details code")
    assert not code.is_visible()
    facts = entry.locator(".bridges-download__facts")
    assert facts.evaluate("el => el.getClientRects().length") == 1  # one line
    entry.locator("summary").click()
    assert code.is_visible() and len(code.inner_text().strip()) == 64
    width = code.evaluate("el => el.getBoundingClientRect().right")
    assert width <= PHONE["width"]
    web.check()


@pytest.mark.parametrize("path", ["", "fr/campaigns/fixture-open-doors/"])
def test_material_starts_on_the_first_interaction_and_the_header_looks_the_same_before(web, path):
    """Material's bundle is not fetched at load (assets/bridges-theme.js), only when the reader
    first acts; then it runs as it did (the back-to-top button, the header's moves). On a phone
    the header has its shadow from the first paint, as Material's script gave it."""
    page = web.page
    page.set_viewport_size(PHONE)
    bundles = []
    page.on("request", lambda request: bundles.append(request.url) if "/javascripts/bundle." in request.url else None)
    web.goto(path)
    page.wait_for_load_state("networkidle")
    assert not bundles and page.evaluate("typeof window.component$") == "undefined"
    shadow = page.locator(".md-header").evaluate("el => getComputedStyle(el).boxShadow")
    assert shadow != "none" and "0px 0px 0px" not in shadow.split(",")[0], shadow
    with page.expect_response(lambda response: "/javascripts/bundle." in response.url):
        page.mouse.wheel(0, 3000)
    page.locator("html.js").wait_for(state="attached")  # Material's first act: no-js becomes js
    assert len(bundles) == 1 and page.evaluate("typeof window.component$") != "undefined"
    page.mouse.wheel(0, -400)  # scrolling back up shows Material's back-to-top button
    page.locator(".md-top").wait_for(state="visible")
    web.check()


# The lines a heading's text takes against the heading's own height: a permalink (¶, invisible
# until hovered or focused) that wraps adds an empty line under the heading.
HEADING_LINES = """() => [...document.querySelectorAll('article :is(h1, h2, h3)')].filter(h => h.offsetParent).map(h => {
  const range = document.createRange(), text = [...h.childNodes].filter(n => !(n.classList && n.classList.contains('headerlink')));
  range.setStartBefore(text[0]); range.setEndAfter(text[text.length - 1]);
  return {heading: h.textContent.trim(), text: range.getBoundingClientRect().height, box: h.getBoundingClientRect().height,
          line: parseFloat(getComputedStyle(h).lineHeight)};
})"""


@pytest.mark.parametrize("path", ["labs/harbour-lab/", "fr/campaigns/fixture-open-doors/", "ar/campaigns/fixture-open-doors/"])
def test_no_heading_has_an_empty_line(web, path):
    """On every width from a small phone to a desktop, a heading is as tall as its text: its
    permalink (shown on hover or focus) never wraps onto a line of its own."""
    page = web.page
    web.goto(path)
    seen = 0
    for width in [*range(320, 960, 6), *range(960, 1500, 10)]:  # widths where some heading's text ends near the right edge
        page.set_viewport_size({"width": width, "height": 844})
        for heading in page.evaluate(HEADING_LINES):
            seen += 1
            assert heading["box"] - heading["text"] < heading["line"] / 2, (width, heading)
    assert seen > 100
    web.check()


# Each row of cards of a grid, and whether it reaches both edges of its grid.
CARD_ROWS = """() => [...document.querySelectorAll('.bridges-cards')].map(grid => {
  const box = grid.getBoundingClientRect(), rows = {};
  for (const card of grid.children) {
    const r = card.getBoundingClientRect();
    (rows[Math.round(r.top)] ||= []).push(r);
  }
  return Object.values(rows).map(row => ({
    start: Math.min(...row.map(r => r.left)) - box.left, end: box.right - Math.max(...row.map(r => r.right)),
    cards: row.length}));
})"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP, {"width": 1600, "height": 900}], ids=["phone", "desktop", "wide"])
@pytest.mark.parametrize("lang", ["", "ar/"])
def test_the_home_page_has_no_empty_column(web, lang, viewport):
    """Every row of the home page's cards fills its grid's width: no empty column beside them."""
    web.page.set_viewport_size(viewport)
    web.goto(lang)
    grids = web.page.evaluate(CARD_ROWS)
    assert len(grids) >= 3 and sum(len(rows) for rows in grids) >= 4
    for rows in grids:
        for row in rows:
            assert abs(row["start"]) <= 2 and abs(row["end"]) <= 2, (grids, row)
    web.check()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_summary_in_another_language_reads_under_its_title(web, viewport):
    """On an Arabic country page, an English item's summary starts on the line under its title, from
    the left, as a block of its own: not cut in two around the title, from the right."""
    web.page.set_viewport_size(viewport)
    web.goto("ar/countries/ro/")
    entries = web.page.evaluate("""() => [...document.querySelectorAll('article li')].filter(li => li.querySelector(':scope > span[dir="ltr"]')).map(li => {
      const title = li.querySelector(':scope > a').getBoundingClientRect(), summary = li.querySelector(':scope > span[dir="ltr"]').getBoundingClientRect();
      return {below: summary.top >= title.bottom - 1, fromTheLeft: Math.abs(summary.left - li.getBoundingClientRect().left) <= 2};
    })""")
    assert entries and all(entry["below"] and entry["fromTheLeft"] for entry in entries), entries
    web.check()


@pytest.mark.parametrize("path, container", [("ar/", ".bridges-card__text"), ("ar/case-studies/", ".bridges-summary")])
def test_an_english_summary_on_an_arabic_page_starts_from_the_left(web, path, container):
    """A summary shown in English on an Arabic page (a card, a listing) is laid out left to right
    from the left edge, every line of it, not pushed to the right like the Arabic around it."""
    web.page.set_viewport_size(PHONE)
    web.goto(path)
    offsets = web.page.evaluate("""selector => [...document.querySelectorAll(selector)].map(box => [box, box.querySelector(':scope > span[dir="ltr"]')])
      .filter(([, span]) => span).map(([box, span]) => { const lines = span.getClientRects(); return lines[lines.length - 1].left - box.getBoundingClientRect().left; })""", container)
    assert offsets and all(abs(offset) <= 2 for offset in offsets), offsets
    web.check()
