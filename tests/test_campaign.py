"""The #NoWallsButBridges landing page, its toolkit, share links and social cards.

Unit tests first (no MkDocs), then the real strict build (the `built` fixture of test_build.py: the
session's shared build of the fixture site, whose past campaign is written in every language),
then a browser test that takes screenshots of the English and Arabic campaign pages.
"""
from __future__ import annotations

import html as htmllib
import json
import os
import re
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from PIL import Image

from bridges.outputs.typography import for_plain_text
from bridges.outputs import cards
from bridges.outputs.campaign import format_figure
from bridges.model.schemas import Figure, Source
from bridges.pipeline import load_and_check
from bridges.outputs.share import share_links
from conftest import PAST_CAMPAIGN, SITE_PATH
from test_build import built, read  # noqa: F401  (built: the session's shared strict build)

LANGUAGES = ("en", "fr", "es", "it", "ro", "ar")
CAMPAIGN = f"campaigns/{PAST_CAMPAIGN}"


def prefix(lang: str) -> str:
    return "" if lang == "en" else f"{lang}/"


@pytest.fixture(scope="module")
def campaign(site_build):
    """The fixture's past campaign, as the build loaded it."""
    return load_and_check(site_build.root).content.get("campaign", PAST_CAMPAIGN)


# --- without MkDocs ------------------------------------------------------------------------

def test_figures_are_formatted_for_each_locale():
    source = Source(name="a report")
    reach = Figure(id="reach", value=472_000_000, unit="people", source=source)
    budget = Figure(id="budget", value=0, unit="euros", source=source)
    languages = Figure(id="languages", value=10, unit="languages", source=source)
    assert [format_figure(reach, lang) for lang in LANGUAGES] == [
        "472 million", "472 millions", "472 millones", "472 milioni", "472 de milioane", "472 مليون"]
    assert format_figure(budget, "en") == "€0"
    assert format_figure(budget, "fr") == "0\u00a0€"
    assert format_figure(budget, "ar").endswith("0\u00a0€")
    assert format_figure(languages, "ar") == "10"
    assert format_figure(Figure(id="x", value=2_500_000, unit="euros", source=source), "fr") == "2,5\u00a0M\u00a0€"


def test_share_links_are_plain_encoded_addresses():
    links = dict((key, href) for key, _, href in share_links("https://example.org/fr/a b/", "Titre & co", "Courriel"))
    page = quote("https://example.org/fr/a b/", safe="")
    assert links["email"] == f"mailto:?subject=Titre%20%26%20co&body={page}"
    assert links["linkedin"] == f"https://www.linkedin.com/sharing/share-offsite/?url={page}"
    assert links["x"] == f"https://x.com/intent/post?text=Titre%20%26%20co&url={page}"
    assert links["whatsapp"] == f"https://wa.me/?text=Titre%20%26%20co%20{page}"
    assert links["facebook"] == f"https://www.facebook.com/sharer/sharer.php?u={page}"


def test_cards_are_drawn_once_and_cached(tmp_path, monkeypatch):
    card = cards.Card(path="labs/x/card-fr.png", lang="fr", direction="ltr", kicker="Laboratoire",
                      title="Un titre " * 12, subtitle="Un résumé " * 20, footer="Bridges")
    arabic = cards.Card(path="labs/x/card-ar.png", lang="ar", direction="rtl", kicker="مختبر",
                        title="#NoWallsButBridges: من أجل دبلوماسية مواطنين منفتحة", subtitle="", footer="Bridges")
    files = cards.render_cards([card, arabic], tmp_path)
    for path in files.values():
        with Image.open(path) as image:
            assert image.size == (1200, 630) and image.format == "PNG"
    monkeypatch.setattr(cards, "draw_card", lambda card: pytest.fail("a cached card was drawn again"))
    assert cards.render_cards([card, arabic], tmp_path) == files


def test_a_right_to_left_card_starts_from_the_right():
    card = cards.Card(path="x.png", lang="ar", direction="rtl", kicker="", title="مرحبا", subtitle="", footer="ب")
    ink = cards.draw_card(card).convert("L").point(lambda level: 255 if level > 128 else 0).getbbox()
    assert ink[2] > 1000 and ink[0] > 600  # text against the right margin, nothing on the left


# --- the built site ------------------------------------------------------------------------

def test_campaign_page_exists_in_every_language_with_its_direction(built):
    for lang in LANGUAGES:
        html = read(built, f"{prefix(lang)}{CAMPAIGN}/index.html")
        assert f'<html lang="{lang}"' in html, lang
        assert f'<body dir="{"rtl" if lang == "ar" else "ltr"}"' in html, lang


def test_key_figures_are_formatted_per_locale(built, campaign):
    # The third figure is approximate (the source says "about ten"): the number says so.
    expected = {"en": ["472 million", "€0", "about 10"], "fr": ["472 millions", "0\u00a0€", "environ 10"],
                "es": ["472 millones", "0\u00a0€", "unos 10"], "it": ["472 milioni", "0\u00a0€", "circa 10"],
                "ro": ["472 de milioane", "0\u00a0EUR", "circa 10"], "ar": ["472 مليون", "\u200f0\u00a0€", "نحو 10"]}
    item = campaign
    for lang, numbers in expected.items():
        html = htmllib.unescape(read(built, f"{prefix(lang)}{CAMPAIGN}/index.html"))
        assert re.findall(r'bridges-figure__number">([^<]+)<', html) == numbers, lang
        labels = re.findall(r'bridges-figure__label"[^>]*>([^<]+)<', html)
        # The page's typography applies (French spaces and apostrophes: bridges.outputs.typography).
        assert labels == [for_plain_text(item.texts[lang].front.figure_labels[figure.id], lang) for figure in item.meta.figures]
        assert for_plain_text(item.texts[lang].front.tagline, lang) in html


def _text(html: str) -> str:
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", "", html)).split())


def test_all_recommendations_objectives_and_achievements(built, campaign):
    item = campaign
    for lang in LANGUAGES:
        html = read(built, f"{prefix(lang)}{CAMPAIGN}/index.html")
        section = html[html.index('class="bridges-recommendations"'):]
        section = section[:section.index("</ol>")]
        front = item.texts[lang].front
        assert section.count("<li>") == len(front.recommendations) == 3, lang
        text = _text(html)
        for entry in front.recommendations + front.objectives + front.achievements:
            assert " ".join(for_plain_text(entry, lang).split()) in text, (lang, entry[:40])


def test_pillars_come_from_the_taxonomy(built, site_build):
    site = load_and_check(site_build.root).site
    pillars = [key for key, term in site.vocabularies["themes"].items() if term.pillar]
    assert len(pillars) == 4
    for lang in ("en", "ar"):
        html = read(built, f"{prefix(lang)}{CAMPAIGN}/index.html")
        block = html[html.index('class="bridges-pillars"'):][:2000]
        for key in pillars:
            assert f'href="../../themes/{key}/"' in block and htmllib.escape(site.label("themes", key, lang), quote=False) in block


def test_toolkit_involvement_and_related_items(built):
    html = read(built, f"fr/{CAMPAIGN}/index.html")
    assert f"{PAST_CAMPAIGN}-key-messages-fr.pdf" in html
    assert "white-papers/long-table-report/long-table-report-fr.pdf" in html
    assert f"{PAST_CAMPAIGN}-card-fr.png" in html
    assert "https://github.com/migrant-integration-lab/bridges/issues/new?template=share-a-story.yml" in html
    assert 'href="mailto:contact@migrantintegrationlab.org?subject=%23LongTableFixture"' in html
    assert 'href="../../contribute/"' in html and 'href="../../resources/"' in html
    for related in ("white-papers/long-table-report/", "press/long-table-radio-interview/"):
        assert f'href="../../{related}"' in html, related
    for lang in LANGUAGES:  # every language's PDF and picture, next to the page
        pdf = (built / CAMPAIGN / f"{PAST_CAMPAIGN}-key-messages-{lang}.pdf").read_bytes()
        assert pdf.startswith(b"%PDF")
        with Image.open(built / CAMPAIGN / f"{PAST_CAMPAIGN}-card-{lang}.png") as image:
            assert image.size == (1200, 630)


def _meta(html: str, name: str) -> str | None:
    found = re.search(rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)"', html)
    return htmllib.unescape(found[1]) if found else None


def test_share_links_use_the_absolute_page_address(built):
    for page in (f"{CAMPAIGN}/index.html", f"ar/{CAMPAIGN}/index.html", "fr/labs/harbour-lab/index.html"):
        html = read(built, page)
        address = _meta(html, "og:url")
        assert address and address.startswith("http"), page
        encoded = quote(address, safe="")
        for start in ("mailto:?subject=", "https://www.linkedin.com/sharing/share-offsite/?url=",
                      "https://x.com/intent/post?text=", "https://wa.me/?text=",
                      "https://www.facebook.com/sharer/sharer.php?u="):
            links = [htmllib.unescape(href) for href in re.findall(r'href="([^"]+)"', html) if htmllib.unescape(href).startswith(start)]
            assert links and encoded in links[0], (page, start)
        assert "<script" not in html[html.index('class="bridges-share"'):][:3000]


def test_every_page_has_a_social_card(built):
    """og:image and twitter:image on every page of every language, pointing at a real 1200 × 630 PNG."""
    site_url = _meta(read(built, "index.html"), "og:url")
    checked = set()
    for page in built.rglob("*.html"):
        if page.name == "404.html" or page.parent.name in ("pagefind",):
            continue
        html = page.read_text(encoding="utf-8")
        if "<html" not in html[:500]:  # a redirect or fragment, not a page
            continue
        image = _meta(html, "og:image")
        assert image and image.startswith(site_url), page
        assert _meta(html, "twitter:image") == image and _meta(html, "twitter:card") == "summary_large_image"
        assert _meta(html, "og:image:width") == "1200" and _meta(html, "og:image:height") == "630"
        assert (built / image[len(site_url):]).is_file(), (page, image)
        checked.add(page.relative_to(built).as_posix())
    # Every item's page in every language was among them, and the home, listings and guides.
    catalogue = json.loads(read(built, "api/items.json"))
    items = {urlsplit(url).path.removeprefix(SITE_PATH) + "index.html"
             for item in catalogue["items"] for url in item["url"].values()}
    assert len(items) == len(catalogue["items"]) * 6 and items < checked, items - checked
    with Image.open(built / "labs/harbour-lab/card-fr.png") as card:
        assert card.size == (1200, 630)
    assert "cards/about-es.png" in _meta(read(built, "es/about/index.html"), "og:image")
    assert _meta(read(built, f"ar/{CAMPAIGN}/index.html"), "og:image").endswith(f"{CAMPAIGN}/{PAST_CAMPAIGN}-card-ar.png")


def test_item_pages_offer_share_links(built):
    html = read(built, "fr/case-studies/zaytoun-bakery/index.html")
    assert 'class="bridges-share"' in html and "Partager cette page" in html and "Courriel" in html


# --- in a browser --------------------------------------------------------------------------

def test_campaign_pages_in_a_browser(web, tmp_path):
    """Screenshots of the English and Arabic pages, on a desktop and a phone (kept in
    $BRIDGES_SCREENSHOTS if set): the Arabic layout is mirrored, the key figures are large and fit
    their boxes, the page is no wider than the screen, nothing comes from elsewhere (web fixture)."""
    folder = Path(os.environ.get("BRIDGES_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    page = web.page
    for lang in ("en", "ar"):
        for name, viewport in (("desktop", {"width": 1280, "height": 900}), ("phone", {"width": 390, "height": 844})):
            page.set_viewport_size(viewport)
            web.goto(f"{prefix(lang)}{CAMPAIGN}/")
            # Lazy images (the toolkit's picture) load when scrolled to: scroll, wait, come back.
            page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
            # A function, not an expression: the page's CSP forbids eval, which Playwright uses for expressions.
            page.wait_for_function("() => [...document.images].every(image => image.complete)")
            page.evaluate("window.scrollTo(0, 0)")
            page.screenshot(path=str(folder / f"campaign-{lang}-{name}.png"), full_page=True)
            figures = page.locator(".bridges-figure")
            assert figures.count() == 3
            boxes = [figures.nth(index).bounding_box() for index in range(3)]
            if name == "desktop":  # in a row: left to right in English, right to left in Arabic
                assert boxes[0]["y"] == boxes[1]["y"] == boxes[2]["y"], boxes
                xs = [box["x"] for box in boxes]
                assert xs == sorted(xs, reverse=lang == "ar"), (lang, xs)
                content = page.locator(".md-content").bounding_box()
                contents = page.locator(".md-sidebar--secondary").bounding_box()  # the table of contents
                assert (contents["x"] < content["x"]) == (lang == "ar"), (lang, contents, content)
            numbers = page.locator(".bridges-figure__number")
            assert numbers.count() == 3, (lang, name)
            for index in range(numbers.count()):
                size = float(numbers.nth(index).evaluate("e => getComputedStyle(e).fontSize").removesuffix("px"))
                assert size >= 28, (lang, name, size)
                assert numbers.nth(index).evaluate("e => e.scrollWidth <= e.clientWidth + 1"), (lang, name, index)
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), (lang, name)
            preview = page.locator(".bridges-toolkit__preview")
            assert preview.evaluate("image => image.naturalWidth") == 1200
    web.check()
    assert len(list(folder.glob("campaign-*.png"))) == 4
