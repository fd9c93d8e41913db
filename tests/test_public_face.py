"""The public face of the built site (the shared build of tests/conftest.py): item pages as NGOs
use them, the 404 page of each language, typography and direction, titles and hreflang links,
the translation dashboard and the icons. Read from the HTML files, without a browser."""
from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import PAST_CAMPAIGN, SITE_PATH

LANGUAGES = ("en", "fr", "es", "it", "ro", "ar")
NNBSP = "\u202f"


@pytest.fixture
def built(site_build) -> Path:
    return site_build.site


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def prefix(lang: str) -> str:
    return "" if lang == "en" else f"{lang}/"


def content_of(html: str) -> str:
    """The page's article, without the header, navigation and footer."""
    return html[html.index('<article class="md-content__inner'):html.index("</article>")]


# --- item pages ----------------------------------------------------------------------------------

def downloads_of(html: str) -> list[str]:
    block = html[html.index('class="bridges-downloads"'):]
    block = block[:block.index("</div>")]
    return re.findall(r'<a download="([^"]+)"', block)


def test_downloads_come_before_the_metadata_and_the_text(built):
    html = content_of(read(built, "labs/harbour-lab/index.html"))
    assert html.index("bridges-downloads") < html.index("bridges-meta") < html.index('id="aim"')


@pytest.mark.parametrize("path", ["labs/harbour-lab/", "white-papers/long-table-report/",
                                  "case-studies/zaytoun-bakery/"])
def test_downloads_are_in_the_same_order_in_every_language(built, path):
    orders = {lang: downloads_of(read(built, f"{prefix(lang)}{path}index.html")) for lang in LANGUAGES}
    assert len(orders["en"]) >= 2
    assert all(order == orders["en"] for order in orders.values()), orders


def test_each_download_has_its_facts_on_one_line_and_its_hash_on_demand(built):
    import hashlib

    html = read(built, "fr/labs/harbour-lab/index.html")
    kit = built / "labs/harbour-lab/harbour-lab-training-kit-fr.zip"
    digest = hashlib.sha256(kit.read_bytes()).hexdigest()
    item = re.search(r'<li><a download="harbour-lab-training-kit-fr.zip".*?</li>', html, re.S).group(0)
    assert re.search(r'<span class="bridges-download__facts">Français · ZIP · [\d,]+\s?ko</span>', item)
    assert re.search(rf'<details class="bridges-download__hash"><summary>Empreinte SHA-256</summary><code>{digest}</code></details>', item)


def test_also_available_lists_only_real_translations(built):
    # harbour-lab is written in English and French: the Arabic page offers those two, not six.
    nav = re.search(r'<nav[^>]*class="bridges-languages".*?</nav>', read(built, "ar/labs/harbour-lab/index.html"), re.S).group(0)
    assert 'aria-label="لغات هذه الصفحة"' in nav
    assert sorted(re.findall(r'hreflang="(\w+)"', nav)) == ["en", "fr"]
    # An English-only story: its French page shows the notice and links to English only.
    french = read(built, "fr/case-studies/untranslated-story/index.html")
    nav = re.search(r'<nav[^>]*class="bridges-languages".*?</nav>', french, re.S).group(0)
    assert re.findall(r'hreflang="(\w+)"', nav) == ["en"]
    assert "Pas encore traduit" in french
    # And the English page of that story has no other language to offer.
    assert "bridges-languages" not in read(built, "case-studies/untranslated-story/index.html")


def test_a_lab_lists_the_resources_that_name_it(built):
    html = content_of(read(built, "labs/harbour-lab/index.html"))
    section = html[html.index("Stories and resources from this lab"):]
    assert 'href="../../resources/mentor-pairs-guide/"' in section


def test_a_lab_named_by_no_item_has_no_empty_section(site_build):
    """A lab that items name lists them; a lab that none names has no such heading at all."""
    from bridges.pipeline import load_and_check

    content = load_and_check(site_build.root).content
    named = {lab for item in content.items for lab in item.meta.labs}
    labs = sorted(path.name for path in (site_build.site / "labs").iterdir() if path.is_dir())
    assert named and set(labs) - named, (named, labs)  # the build has labs of both kinds
    for lab in labs:
        html = content_of(read(site_build.site, f"labs/{lab}/index.html"))
        if lab in named:
            section = html[html.index("Stories and resources from this lab"):]
            assert "<li>" in section.split("bridges-share")[0], lab
        else:
            assert "Stories and resources from this lab" not in html, lab


# --- the 404 page of each language -----------------------------------------------------------------

NOT_FOUND = {"en": "Page not found", "fr": "Page introuvable", "es": "Página no encontrada",
             "it": "Pagina non trovata", "ro": "Pagina nu a fost găsită", "ar": "الصفحة غير موجودة"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_has_its_own_404_page(built, lang):
    html = read(built, f"{prefix(lang)}404.html")
    assert f'<html lang="{lang}"' in html
    assert f"<h1>{NOT_FOUND[lang]}</h1>" in html
    home = f"{SITE_PATH}{prefix(lang)}"
    # A search box that needs no script: a plain form to the library of the same language.
    assert re.search(rf'<form class="bridges-not-found__search" role="search" action="{home}library/" method="get">', html)
    assert f'<a class="md-button" href="{home}">' in html  # the way home
    # The site's navigation, in the same language, with absolute links (the host serves the page anywhere).
    assert 'class="md-tabs"' in html and f'href="{home}library/"' in html
    # The language switcher offers this page in the other languages, not some other page.
    switcher = re.findall(r'<a href="([^"]+)" hreflang="(\w+)" class="md-select__link"', html)
    assert {link for link, _ in switcher} == {f"{SITE_PATH}{prefix(code)}404.html" for code in LANGUAGES}
    assert "data-pagefind-body" not in html
    # A lost reader gets no repository link in the header.
    assert 'class="md-header__source"' not in html


def test_the_hosts_404_is_the_default_language_and_links_every_home(built):
    html = read(built, "404.html")
    assert '<html lang="en"' in html and 'dir="rtl"' not in html
    for lang in LANGUAGES:
        assert f'href="{SITE_PATH}{prefix(lang)}" hreflang="{lang}"' in html


@pytest.mark.parametrize("path", ["about/", "accessibility/", "privacy/"])
def test_a_handwritten_page_shown_in_another_language_is_marked_with_its_own(built, path):
    """about.en.md on the Arabic site (no Arabic text yet) is English, laid out left to right;
    the French page, a real translation, is not marked."""
    arabic = content_of(read(built, f"ar/{path}index.html"))
    assert re.search(r'<div class="bridges-original" lang="en" dir="ltr">\s*<h1', arabic), arabic[:300]
    assert arabic.rstrip().endswith("</div>")  # the whole text, to the end
    assert "bridges-original" not in content_of(read(built, f"fr/{path}index.html"))


# --- titles, hreflang --------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_titles_never_repeat_the_site_name(built, lang):
    assert "<title>Bridges</title>" in read(built, f"{prefix(lang)}index.html")
    for path in ("labs/harbour-lab/", "library/", "translations/"):
        title = re.search(r"<title>(.*?)</title>", read(built, f"{prefix(lang)}{path}index.html")).group(1)
        assert title.endswith(" - Bridges") and title.count("Bridges") == 1, title


@pytest.mark.parametrize("lang, title", [("en", "How to contribute"), ("fr", "Comment contribuer"),
                                         ("es", "Cómo contribuir"), ("it", "Come contribuire"),
                                         ("ro", "Cum să contribui"), ("ar", "كيف تساهم")])
def test_the_contributors_guide_is_titled_in_the_readers_language(built, lang, title):
    html = read(built, f"{prefix(lang)}contribute/index.html")
    assert re.search(r"<title>(.*?)</title>", html).group(1) == f"{title} - Bridges"


def test_french_titles_and_descriptions_have_french_typography(built):
    """The <title>, the description and the share tags print the page's title as text, outside its
    body: they get the same narrow spaces and apostrophes."""
    pages = sorted((built / "fr").rglob("*.html"))
    seen = set()
    for page in pages:
        html = page.read_text(encoding="utf-8")
        texts = re.findall(r"<title>(.*?)</title>", html) + \
            re.findall(r'<meta (?:name="description"|property="og:title") content="([^"]*)"', html)
        for text in texts:
            text = unescape(text)
            seen.add(text)
            assert not re.search(r"\w'\w", text) and not re.search(r"[ \u00a0][:;!?]", text), (page, text)
    assert "Déclaration d’accessibilité - Bridges" in seen
    assert any(f"{NNBSP}:" in text for text in seen)


def test_hreflang_links_are_absolute(built):
    html = read(built, "fr/labs/harbour-lab/index.html")
    links = re.findall(r'<link rel="alternate" href="([^"]+)" hreflang="(\w+)">', html)
    assert {lang for _, lang in links} == set(LANGUAGES)
    assert all(href.startswith("https://") for href, _ in links), links
    assert ("https://migrant-integration-lab.github.io/bridges/ar/labs/harbour-lab/", "ar") in links


# --- typography and direction ---------------------------------------------------------------------

def test_french_pages_have_narrow_no_break_spaces_and_curly_apostrophes(built):
    html = content_of(read(built, "fr/labs/harbour-lab/index.html"))
    assert f"séances portent sur{NNBSP}:" in html
    assert " :" not in re.sub(r"<(code|pre)[^>]*>.*?</\1>", "", html, flags=re.S).replace("&nbsp;:", "")
    text = re.sub(r"<[^>]+>", "", html)
    assert "l’" in text and not re.search(r"\w'\w", text)


def test_french_typography_never_touches_code_or_addresses(built):
    html = read(built, "fr/labs/harbour-lab/index.html")
    for href in re.findall(r'href="([^"]*)"', html):
        assert NNBSP not in href and "’" not in href


def test_arabic_isolates_hashtags_and_uses_the_arabic_comma(built):
    html = content_of(read(built, f"ar/campaigns/{PAST_CAMPAIGN}/index.html"))
    assert "<bdi>\u200e#LongTableFixture</bdi>" in html or '<bdi dir="ltr">\u200e#LongTableFixture</bdi>' in html
    # Outside <bdi> (and code), no hashtag is left to the bidirectional algorithm.
    # (Text marked with another language, such as a French title, keeps its own direction.)
    text = re.sub(r"<(bdi|code|pre)\b[^>]*>.*?</\1>", "", html, flags=re.S)
    text = re.sub(r"<(\w+)\b[^>]*\blang=\"(?!ar)[^\"]+\"[^>]*>.*?</\1>", "", text, flags=re.S)
    assert "#LongTableFixture" not in re.sub(r"<[^>]*>", "", text)
    meta = content_of(read(built, "ar/labs/harbour-lab/index.html"))
    meta = meta[meta.index('class="bridges-meta"'):]
    themes = re.search(r"المواضيع</dt>\s*<dd>(.*?)</dd>", meta, re.S).group(1)
    assert "، و" in themes and ", " not in themes


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_line_starting_with_the_hashtag_is_not_a_heading(built, lang):
    html = read(built, f"{prefix(lang)}contribute/index.html")
    for heading in re.findall(r"<h[1-6][^>]*>(.*?)</h[1-6]>", html, re.S):
        assert "NoWallsButBridges" not in heading, heading
    assert "#NoWallsButBridges" in html


# --- dashboard and icons -----------------------------------------------------------------------------

def test_the_dashboard_tables_scroll_in_their_column_and_statuses_are_labelled(built):
    html = read(built, "fr/translations/index.html")
    tables = html.count("<table>")
    assert tables >= 3 and html.count('<div class="bridges-table-scroll">\n<table>') == tables
    assert '<span class="bridges-status bridges-status--done">à jour</span>' in html
    assert '<span class="bridges-status bridges-status--missing">manquante</span>' in html


def test_icons_come_from_the_bundled_sets_and_are_served_by_the_site(built):
    css = read(built, "assets/bridges-site.css")
    assert ".bridges-icon--content_types-lab" in css and ".bridges-icon--themes-economic" in css
    assert "url(\"data:image/svg+xml," in css and "http" not in css.replace("http%3A//www.w3.org", "")
    html = read(built, "labs/index.html")
    assert '<span class="bridges-icon bridges-icon--content_types-lab"></span>' in html
    assert 'href="../assets/bridges-site.css"' in html
    assert "bridges-icon--themes-civic" in read(built, "fr/themes/index.html")


@pytest.mark.parametrize("path", ["index.html", "fr/labs/index.html", "ar/library/index.html",
                                  "countries/index.html", "fr/case-studies/index.html"])
def test_a_page_waits_for_two_stylesheets_at_most_and_for_no_script(built, path):
    """Before it paints, a phone fetches Material's stylesheet and the site's one (the library
    too: its styles are in the site's one); every script is deferred (or a module, deferred too)
    and runs after parsing."""
    html = read(built, path)
    sheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    assert [sheet.rsplit("/", 1)[-1] for sheet in sheets if "/stylesheets/main." not in sheet] == ["bridges-site.css"], sheets
    assert len(sheets) == 2
    scripts = re.findall(r"<script\b[^>]*\bsrc=[^>]*>", html)
    assert scripts and all(" defer " in tag or 'type="module"' in tag for tag in scripts), scripts
    # Material's bundle is fetched on the first interaction (assets/bridges-theme.js), from here:
    assert not any("/javascripts/bundle." in re.search(r' src="([^"]+)"', tag).group(1) for tag in scripts), scripts
    bundle = re.search(r'<script defer src="[^"]*assets/bridges-theme.js"[^>]* data-md-bundle="([^"]+)"', html)
    assert bundle and (built / path).parent.joinpath(bundle.group(1)).resolve().is_file(), bundle


def test_the_logo_and_favicon_are_self_hosted_svg(built):
    html = read(built, "index.html")
    assert re.search(r'<img src="assets/logo.svg"', html)
    assert '<link rel="icon" href="assets/favicon.svg">' in html
    for name in ("logo.svg", "favicon.svg"):
        svg = read(built, f"assets/{name}")
        assert svg.startswith("<svg") and "<script" not in svg and "href" not in svg


# --- hashtags in right-to-left text ---------------------------------------------------------------

class _ShownText(HTMLParser):
    """Every text of a page that a reader sees or a program shows as plain text: the text of the
    page in document order (as Pagefind indexes it and a browser lays it out, across tags), the
    <title>, and the texts of attributes (share descriptions, labels, tooltips). Text in another
    language too: a French title shown as a fallback loses its direction in the library's
    right-to-left list of results."""
    ATTRIBUTES = {"aria-label", "title", "alt", "placeholder"}
    META = {"description", "og:title", "og:description", "og:image:alt", "twitter:title", "twitter:description"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.attributes, self.skipped = [], [], []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        self.attributes += [value for name, value in attrs if name in self.ATTRIBUTES and value]
        if tag == "meta" and (values.get("name") or values.get("property")) in self.META:
            self.attributes.append(values.get("content") or "")
        if tag in ("script", "style"):
            self.skipped.append(tag)

    def handle_endtag(self, tag):
        if self.skipped and self.skipped[-1] == tag:
            self.skipped.pop()

    def handle_data(self, data):
        if not self.skipped:
            self.text.append(data)


HASHTAG = re.compile(r"#(?=[A-Za-z])")


def unmarked_hashtags(text: str) -> list[str]:
    """The hashtags of `text` that the bidirectional algorithm would show as "NoWallsButBridges#"
    in right-to-left text: those without a left-to-right mark before them."""
    return [text[max(0, m.start() - 20):m.start() + 20] for m in HASHTAG.finditer(text)
            if text[m.start() - 1:m.start()] != "\u200e"]


@pytest.mark.parametrize("path, hashtag", [
    ("", "LongTableFixture"), ("campaigns/", "LongTableFixture"), (f"campaigns/{PAST_CAMPAIGN}/", "LongTableFixture"),
    ("library/", "LongTableFixture"), ("white-papers/long-table-report/", "LongTableFixture"),
    ("contribute/", "NoWallsButBridges"), ("countries/", "LongTableFixture")])
def test_every_hashtag_an_arabic_page_shows_reads_with_its_hash_in_front(built, path, hashtag):
    html = read(built, f"ar/{path}index.html")
    assert hashtag in html
    shown = _ShownText()
    shown.feed(html)
    assert unmarked_hashtags("".join(shown.text)) == []  # headings, cards, menus, <title>, Pagefind's text
    assert [text for value in shown.attributes for text in unmarked_hashtags(value)] == []
    # The texts the share links hand to the networks.
    for href in re.findall(r'href="(https://x\.com/intent/post\?[^"]+)"', html):
        text = parse_qs(urlsplit(unescape(href)).query)["text"][0]
        assert unmarked_hashtags(text) == [], text
