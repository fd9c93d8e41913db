"""The map of the stories: drawn from Natural Earth at build time, linked, named in the page's
language, reachable by keyboard, not mirrored in Arabic; and axe-core on the countries page and
on the library after a search, in English, French and Arabic."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from bridges.outputs import storymap

LANGUAGES = {"en": "", "fr": "fr/", "ar": "ar/"}


# --- the drawing (no build) ------------------------------------------------------------------

def test_the_frame_holds_europe_africa_and_asia():
    assert all(storymap.inside(code) for code in ("FR", "PT", "NO", "ZA", "DZ", "VN", "AE"))
    assert not any(storymap.inside(code) for code in ("AR", "US", "AU"))


def test_countries_are_placed_where_they_are_and_the_drawing_is_light():
    drawing = storymap.drawing(storymap.FRAME)
    assert {"FR", "DZ", "VN", "RO", "DE"} <= set(drawing.paths)

    def west_edge(code):
        return min(int(x) for x in re.findall(r"M(-?\d+) ", drawing.paths[code]))

    assert west_edge("FR") < west_edge("RO") < west_edge("VN")
    assert drawing.label_points["DZ"][1] > drawing.label_points["FR"][1]  # Algeria is south of France
    assert sum(len(d) for d in drawing.paths.values()) < 80_000  # simplified: tens of KB, not MB


class _Context:
    """The little of a PageContext that story_map reads."""

    def __init__(self, site, lang):
        from bridges.outputs.context import UI
        self.site, self.lang = site, lang
        self.t = UI(site.ui, lang, site.default_language)


@pytest.fixture(scope="module")
def site():
    from pathlib import Path

    from bridges.sources.site import load_site
    loaded, problems = load_site(Path(__file__).resolve().parents[1])
    assert not problems
    return loaded


def test_story_map_links_each_country_with_items_named_in_the_page_language(site):
    counts = {"FR": 12, "VN": 2, "DZ": 1, "AR": 1}
    data = storymap.story_map(_Context(site, "fr"), counts)
    by_code = {country["code"]: country for country in data["countries"]}
    assert set(by_code) == {"FR", "VN", "DZ"}
    # Outside the frame: named and linked under the map.
    assert [(country["code"], country["label"]) for country in data["elsewhere"]] == [("AR", "Argentine\u202f: 1 élément")]
    assert by_code["VN"]["name"] == "Viêt Nam" and by_code["VN"]["label"] == "Viêt Nam\u202f: 2 éléments"
    assert by_code["FR"]["href"] == "fr/countries/fr/"
    # Darker for more items; the legend says what each shade means, up to the largest count.
    assert by_code["FR"]["fill"] == storymap.level(12) != by_code["DZ"]["fill"] == storymap.level(1)
    assert [entry["text"] for entry in data["legend"]] == ["1 élément", "2 à 4 éléments", "5 à 9 éléments",
                                                          "10 éléments ou plus"]
    assert data["title"] == "Où se déroulent les récits"
    # French typography, as in the pages: the theme lays these words out after the pages' pass.
    assert data["caption"].startswith("Plus un pays compte d’éléments") and "page\u202f; la liste" in data["caption"]
    arabic = storymap.story_map(_Context(site, "ar"), counts)
    assert {label["text"] for label in arabic["labels"]} == {"فرنسا", "فيتنام", "الجزائر"}


def test_countries_are_listed_in_alphabetical_order_whatever_their_accents(site):
    counts = {"FR": 12, "VN": 2, "DZ": 1, "EG": 1, "ES": 1, "AE": 1}
    names = [country["name"] for country in storymap.story_map(_Context(site, "fr"), counts)["countries"]]
    assert names == ["Algérie", "Égypte", "Émirats arabes unis", "Espagne", "France", "Viêt Nam"]


# --- in the browser ----------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_map_by_keyboard(web, lang):
    web.goto(LANGUAGES[lang] + "countries/")
    page = web.page
    links = page.locator(".bridges-map a.bridges-map__country")
    assert links.count() >= 3
    names = links.evaluate_all("links => links.map(a => a.getAttribute('aria-label'))")
    one = {"en": "1 item", "fr": "1 élément", "ar": "عنصر واحد"}[lang]
    assert all(re.search(rf"\d|{one}", name) for name in names), names  # each names its country and count
    france = {"en": "France", "fr": "France", "ar": "فرنسا"}[lang]
    expect(page.get_by_role("link", name=re.compile(f"^{france}"))).to_have_count(2)  # map and list
    # Tab from the map's title reaches the countries, in the list's order, and Enter follows one.
    page.locator(".bridges-map").scroll_into_view_if_needed()
    links.first.focus()
    reached = []
    for _ in range(links.count()):
        reached.append(page.evaluate("document.activeElement.getAttribute('aria-label')"))
        page.keyboard.press("Tab")
    assert reached == names
    links.first.focus()
    target = links.first.evaluate("a => new URL(a.getAttribute('href'), document.baseURI).href")
    assert re.search(r"/countries/[a-z]{2}/$", target)
    page.keyboard.press("Enter")
    page.wait_for_url(target)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_map_is_not_mirrored_but_the_page_is(web, lang):
    web.page.set_viewport_size({"width": 1280, "height": 800})
    web.goto(LANGUAGES[lang] + "countries/")
    page = web.page
    boxes = {}
    for code in ("FR", "VN"):
        index = page.locator("a.bridges-map__country").evaluate_all(
            "(links, code) => links.findIndex(a => new URL(a.getAttribute('href'), document.baseURI).pathname"
            ".endsWith(`/countries/${code}/`))", code.lower())
        assert index >= 0, code
        boxes[code] = page.locator("a.bridges-map__country").nth(index).bounding_box()
    assert boxes["FR"]["x"] < boxes["VN"]["x"], "France is west of Viet Nam in every language"
    drawing = page.locator(".bridges-map__drawing").bounding_box()
    listing = page.locator(".bridges-countries__list").bounding_box()
    if lang == "ar":
        assert listing["x"] < drawing["x"], "the list is beside the map, on the left in Arabic"
    else:
        assert listing["x"] > drawing["x"]


TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("what", ["countries", "library after a search"])
def test_no_accessibility_violation_on_the_map_and_the_library(web, axe, lang, width, what):
    page = web.page
    page.set_viewport_size({"width": width, "height": 844})
    if what == "countries":
        web.goto(LANGUAGES[lang] + "countries/")
    else:
        web.goto(LANGUAGES[lang] + "library/?q=migration")
        expect(page.locator("#library-results")).not_to_have_attribute("data-busy", "true", timeout=30_000)
        page.click("#library-filters-toggle")
        expect(page.locator("#library-facets fieldset").first).to_be_visible(timeout=30_000)
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]})
    violations = results.response["violations"]
    assert not violations, "\n".join(f"{v['id']} ({v['impact']}): {v['help']} {[n['target'] for n in v['nodes'][:5]]}"
                                     for v in violations)


# --- the home page's card ------------------------------------------------------------------------

HOME_FILES = {"en": "index.html", "fr": "fr/index.html", "ar": "ar/index.html"}


def _map_card(html: str) -> str:
    card = html[html.index('class="bridges-card bridges-card--map"'):]
    return card[:card.index("</section>")]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_home_card_holds_the_map_its_links_and_the_plain_list(site_build, lang):
    import gzip
    from urllib.parse import urljoin

    page = site_build.site / HOME_FILES[lang]
    html = page.read_text(encoding="utf-8")
    card = _map_card(html)
    assert 'class="bridges-map-slot"' not in card  # the theme put the map in its place
    drawing = card[card.index("<svg"):card.index("</svg>")]
    links = re.findall(r'<a class="bridges-map__country" href="([^"]+)" aria-label="([^"]+)"', drawing)
    assert len(links) >= 3
    base = "http://site/" + HOME_FILES[lang]
    for href, label in links:  # each country links to its page, named in the page's language
        target = urljoin(base, href)[len("http://site/"):]
        assert re.fullmatch(r"(fr/|ar/)?countries/[a-z]{2}/", target) and target.startswith(LANGUAGES[lang]), href
        assert (site_build.site / target / "index.html").exists(), target
    labels = " ".join(label for _, label in links)
    assert {"en": "France: ", "fr": "France\u202f: ", "ar": "فرنسا ("}[lang] in labels
    # The plain list names the same countries, with links, for those who cannot use the map.
    listing = card[card.index('class="bridges-card__countries"'):]
    assert {href for href, _ in links} <= set(re.findall(r'href="([^"]+)"', listing))
    # Light: the land is one picture that every page and language shares (the browser keeps it);
    # only the countries with items are drawn in the page.
    land = re.search(r'<image href="([^"]+)"', drawing).group(1)
    assert urljoin(base, land) == "http://site/countries/land.svg"
    assert (site_build.site / "countries/land.svg").read_text(encoding="utf-8").startswith("<svg")
    assert len(re.findall(r"<path ", drawing)) == len(links)
    assert len(gzip.compress(page.read_bytes())) < 12_000  # the home page without the map: 5.7 KB


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_home_map_by_keyboard_beside_its_words_and_not_mirrored(web, lang):
    web.page.set_viewport_size({"width": 1280, "height": 900})
    web.goto(LANGUAGES[lang])
    page = web.page
    card = page.locator(".bridges-card--map")
    links = card.locator("a.bridges-map__country")
    names = links.evaluate_all("links => links.map(a => a.getAttribute('aria-label'))")
    assert len(names) >= 3
    # The land picture loads from this site (the watched page fails on any other host).
    land = page.evaluate("""() => new Promise(resolve => { const img = new Image();
        img.onload = () => resolve(img.naturalWidth); img.onerror = () => resolve(0);
        img.src = document.querySelector('.bridges-card--map image').href.baseVal; })""")
    assert land > 0
    # Tab goes through the countries in order, Enter follows one.
    links.first.focus()
    reached = []
    for _ in names:
        reached.append(page.evaluate("document.activeElement.getAttribute('aria-label')"))
        page.keyboard.press("Tab")
    assert reached == names
    boxes = {}
    for code in ("fr", "vn"):
        boxes[code] = card.locator(f'a.bridges-map__country[href$="countries/{code}/"]').bounding_box()
    assert boxes["fr"]["x"] < boxes["vn"]["x"], "France is west of Viet Nam in every language"
    drawing = card.locator(".bridges-map__drawing").bounding_box()
    words = card.locator("h2").bounding_box()
    assert (drawing["x"] < words["x"]) == (lang == "ar"), "the map is beside the words, on the left in Arabic"
    links.first.focus()
    target = links.first.evaluate("a => new URL(a.getAttribute('href'), document.baseURI).href")
    page.keyboard.press("Enter")
    page.wait_for_url(target)
