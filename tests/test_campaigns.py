"""Campaigns as data (issue #16) and the pages that lead to them (issue #14): period and status,
the checks on dates, figures and featured items, the /campaigns/ listing and its tab, the home
page's cards, links both ways between a campaign and the items that name it, and each campaign's
toolkit. The shared build of the fixture site carries two campaigns: #LongTableFixture (over, in every
language) and #OpenDoorsFixture (running, in English and French), featured first (tests/fixture_site).
"""
from __future__ import annotations

import datetime as dt
import html as htmllib
import os
import re
from pathlib import Path

import pytest
from PIL import Image

from bridges.outputs import campaign as campaigns
from bridges.outputs.context import UI
from bridges.pipeline import load_and_check
from conftest import FIXTURE_CAMPAIGN, PAST_CAMPAIGN, REPO
from test_build import built, read  # noqa: F401  (built: the session's shared strict build)

REAL = PAST_CAMPAIGN  # the campaign that is over
LANGS = ("en", "fr", "ar")
TAB = {"en": "Campaigns", "fr": "Campagnes", "es": "Campañas", "it": "Campagne", "ro": "Campanii", "ar": "الحملات"}


def prefix(lang: str) -> str:
    return "" if lang == "en" else f"{lang}/"


def text(html: str) -> str:
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", html)).split())


def tabs(html: str) -> list[tuple[str, str]]:
    """(href, label) of the navigation tabs."""
    return [(href, " ".join(label.split())) for href, label in
            re.findall(r'<a href="([^"]*)" class="md-tabs__link">\s*([^<]*?)\s*</a>', html)]


def article(html: str) -> str:
    return html[html.index("<article"):html.index("</article>")]


# --- without MkDocs ------------------------------------------------------------------------

CAMPAIGN_META = """
    slug: {slug}
    original_language: en
    hashtag: Test{slug_title}
    status: {status}
    {dates}
    figures:
      - {{id: reach, value: 5, unit: people, source: {{name: "A count", url: "https://example.org/"}}}}
    """
CAMPAIGN_TEXT = """
    ---
    title: Campaign {slug}
    summary: A campaign.
    figure_labels:
      reach: people reached
    ---
    Body.
    """


def write_campaign(repo, slug: str, status: str = "running", dates: str = "start: 2024-03-04",
                   meta: str | None = None, text: str | None = None):
    folder = f"content/campaigns/{slug}"
    repo.write(f"{folder}/meta.yml", meta or CAMPAIGN_META.format(slug=slug, slug_title=slug.title().replace("-", ""),
                                                                   status=status, dates=dates))
    repo.write(f"{folder}/index.en.md", text or CAMPAIGN_TEXT.format(slug=slug))


def loaded(repo, today=dt.date(2026, 1, 1)):
    checked = load_and_check(repo.root, today)
    return checked, {problem.code for problem in checked.problems}


def test_period_is_worded_in_the_readers_language(repo):
    write_campaign(repo, "running")
    write_campaign(repo, "ran", status="over", dates="start: 2019-06-04\n    end: 2020-01-31")
    write_campaign(repo, "undated", status="over", dates="")
    checked, codes = loaded(repo)
    assert not checked.errors, [problem.message() for problem in checked.errors]
    content = checked.content
    site = checked.site

    def period(slug, lang):
        return campaigns.period(content.get("campaign", slug), UI(site.ui, lang, "en"), lang)

    assert period("running", "en") == "Running since March 4, 2024"
    assert period("running", "fr") == "En cours depuis le 4 mars 2024"
    assert period("running", "ar") == "جارية منذ 4 مارس 2024"
    assert period("ran", "en") == "Ran from June 4, 2019 to January 31, 2020"
    assert period("ran", "fr") == "Menée du 4 juin 2019 au 31 janvier 2020"
    assert period("undated", "fr") == "Cette campagne est terminée"
    order = [item.slug for item in campaigns.ordered(content.of_type("campaign"))]
    assert order == ["running", "ran", "undated"]  # running first, then the latest ended


def test_a_campaigns_period_is_checked(repo):
    write_campaign(repo, "no-start", dates="")
    write_campaign(repo, "backwards", status="over", dates="start: 2020-01-01\n    end: 2019-01-01")
    write_campaign(repo, "not-over-yet", status="over", dates="start: 2025-01-01\n    end: 2030-01-01")
    write_campaign(repo, "stale", dates="start: 2020-01-01\n    end: 2021-01-01")
    write_campaign(repo, "no-status", dates="start: 2020-01-01")
    path = repo.root / "content/campaigns/no-status/meta.yml"
    path.write_text(path.read_text().replace("status: running\n", ""))
    checked, _ = loaded(repo)
    found = {(problem.path.parts[2], problem.field, problem.code, problem.warning) for problem in checked.problems}
    assert ("no-start", "status", "campaign_running_without_start", False) in found
    assert ("backwards", "end", "campaign_end_before_start", False) in found
    assert ("not-over-yet", "end", "campaign_over_in_future", False) in found
    assert ("stale", "status", "campaign_has_ended", True) in found  # a warning: the build goes on
    assert any(item[0] == "no-status" and item[1] == "status" for item in found), found
    messages = "\n".join(problem.message() for problem in checked.problems)
    assert "content/campaigns/no-start/meta.yml:4: status: a running campaign needs its start date" in messages


def test_figures_need_a_source_a_plausible_date_and_labels(repo):
    # What the schema refuses: no source, an unknown unit, a partner's address that is not one.
    write_campaign(repo, "schema", meta="""
        slug: schema
        original_language: en
        hashtag: Schema
        status: running
        start: 2024-01-01
        figures:
          - {id: reach, value: 5, unit: people}
          - {id: tools, value: 3, unit: hammers, source: {name: Someone}}
        partners:
          - {name: A partner, url: not-an-address}
        """)
    # What the rules refuse, once the schema passes.
    write_campaign(repo, "figures", meta="""
        slug: figures
        original_language: en
        hashtag: Figures
        status: running
        start: 2024-01-01
        figures:
          - {id: reach, value: 5, unit: people, source: {name: Someone}}
          - {id: money, value: 5, unit: euros, source: {item: white_paper/no-such-paper}}
          - {id: both, value: 5, source: {item: white_paper/x, name: Someone}}
          - {id: later, value: 5, date: 2099-01-01, source: {name: Someone}}
          - {id: old, value: 5, date: 1850, source: {name: Someone}}
          - {id: old, value: 6, source: {name: Someone}}
          - {id: none, value: 6, source: {url: "https://example.org/"}}
        """, text="""
        ---
        title: Figures
        summary: A campaign.
        figure_labels:
          reach: people reached
          both: both
          later: later
          old: old
          none: none
          nothing: a label for no figure
        ---
        Body.
        """)
    checked, _ = loaded(repo)
    found = {(problem.path.parts[2], problem.field, problem.code) for problem in checked.errors}
    assert ("schema", "figures[0].source", "missing_field") in found, found
    assert ("schema", "figures[1].unit", "not_allowed") in found
    assert ("schema", "partners[0].url", "bad_url") in found
    assert ("figures", "figures[1].source.item", "unknown_reference") in found
    assert ("figures", "figures[2].source", "figure_source_one") in found
    assert ("figures", "figures[3].date", "figure_date_future") in found
    assert ("figures", "figures[4].date", "bad_year") in found
    assert ("figures", "figures[5].id", "figure_id_twice") in found
    assert ("figures", "figures[6].source", "figure_source_one") in found
    assert ("figures", "figure_labels.nothing", "figure_label_unknown") in found
    assert ("figures", "figure_labels.money", "figure_label_missing") in found
    assert not any(field.startswith("figures[0]") for slug, field, _ in found if slug == "figures")


def test_featured_items_must_exist(repo):
    repo.story()
    site_yml = repo.root / "content/site.yml"
    site_yml.write_text(site_yml.read_text() + "featured:\n  campaign: [no-such-campaign]\n  case_study: [good-story]\n  storys: [x]\n")
    checked, _ = loaded(repo)
    found = {(problem.path.as_posix(), problem.field, problem.code) for problem in checked.errors}
    assert ("content/site.yml", "featured.campaign[0]", "unknown_reference") in found
    assert ("content/site.yml", "featured.storys", "featured_unknown_type") in found
    assert not any(field == "featured.case_study[0]" for _, field, _ in found)


def test_no_campaign_is_hard_wired():
    """Adding a campaign folder is enough: no campaign slug in mkdocs.yml, the theme or the templates
    (#16); prose such as the about page may link to a campaign."""
    slugs = [path.name for path in (REPO / "content/campaigns").iterdir() if path.is_dir()]
    slugs += [FIXTURE_CAMPAIGN, PAST_CAMPAIGN]  # and the test site's
    assert slugs
    places = [REPO / "mkdocs.yml", *(REPO / "bridges/outputs/templates").iterdir(), *(REPO / "overrides").rglob("*.html")]
    for path in places:
        body = path.read_text(encoding="utf-8").lower()
        for slug in slugs:
            assert slug not in body, (path, slug)
    # The home pages are generated from content/site.yml (bridges/home.py), not written in docs/.
    assert "/docs/index.*.md" in (REPO / ".gitignore").read_text().splitlines()


# --- the built site ------------------------------------------------------------------------

def test_campaigns_tab_and_listing_in_every_language(built, site_build):
    """A "Campaigns" tab leads to /campaigns/, which lists the running campaign before the
    finished one, each with its period."""
    site = load_and_check(site_build.root).site
    words = {"en": ("Running campaigns", "Past campaigns", "Running since March 1, 2025", "This campaign is over"),
             "fr": ("Campagnes en cours", "Campagnes passées", "En cours depuis le 1 mars 2025", "Cette campagne est terminée"),
             "ar": ("الحملات الجارية", "الحملات السابقة", "جارية منذ 1 مارس 2025", "انتهت هذه الحملة")}
    for lang in site.language_codes:
        listing = read(built, f"{prefix(lang)}campaigns/index.html")
        assert ("./", TAB[lang]) in tabs(listing), (lang, tabs(listing))
        body = article(listing)
        fixture, real = body.index(f'href="{FIXTURE_CAMPAIGN}/"'), body.index(f'href="{REAL}/"')
        assert fixture < real, lang
        if lang in words:
            running, past, since, over = words[lang]
            shown = text(body)
            assert shown.index(running) < shown.index(since) < shown.index(past) < shown.index(over), (lang, shown[:600])
    assert ("campaigns/", "Campagnes") in tabs(read(built, "fr/index.html"))


def test_home_features_the_campaigns_of_site_yml_in_order(built):
    for lang in LANGS:
        html = read(built, f"{prefix(lang)}index.html")
        body = article(html)
        cards = re.findall(r'<section class="bridges-card bridges-card--campaign">.*?</section>', body, re.S)
        assert [re.search(r'href="campaigns/([^/]+)/"', card)[1] for card in cards] == [FIXTURE_CAMPAIGN, REAL], lang
        assert "#OpenDoorsFixture" in cards[0] and "#LongTableFixture" in cards[1]
        # The site's description names the featured campaigns, in the reader's language.
        description = htmllib.unescape(re.search(r'<meta name="description" content="([^"]*)"', html)[1])
        assert "#OpenDoorsFixture" in description and "#LongTableFixture" in description, description
        # Stories, the map and the NGOs' entrance: one action each.
        for link in ("case-studies/zaytoun-bakery/", "countries/", "resources/", "library/"):
            assert f'href="{link}"' in body, (lang, link)
        title = re.search(r"<title>([^<]*)</title>", html)[1]
        assert title == "Bridges", (lang, title)
        # No empty navigation column, no repository link or edit pencil for readers.
        assert "md-content__button" not in html and 'class="md-header__source"' not in html, lang
        assert 'data-md-component="sidebar" data-md-type="navigation" hidden' in html or \
            re.search(r'class="md-sidebar md-sidebar--primary"[^>]*hidden', html), lang
    french = text(article(read(built, "fr/index.html")))
    assert "Portes ouvertes (campagne de test)" in french and "Voir la campagne" in french
    # The editing affordances stay where contributors look for them.
    assert "md-content__button" in read(built, "fr/contribute/index.html")


def test_links_both_ways(built):
    """The fixture campaign lists the story that names it; the story links back, in every language."""
    for lang in LANGS:
        page = article(read(built, f"{prefix(lang)}campaigns/{FIXTURE_CAMPAIGN}/index.html"))
        own = page[page.index('class="bridges-campaign-items"'):]
        assert 'href="../../case-studies/untranslated-story/"' in own, lang
        story = read(built, f"{prefix(lang)}case-studies/untranslated-story/index.html")
        meta = story[story.index('class="bridges-meta"'):][:4000]
        assert f'href="../../campaigns/{FIXTURE_CAMPAIGN}/"' in meta, lang
        real = article(read(built, f"{prefix(lang)}campaigns/{REAL}/index.html"))
        own = real[real.index('class="bridges-campaign-items"'):]
        assert 'href="../../white-papers/long-table-report/"' in own
        assert "untranslated-story" not in own  # it names the other campaign
    white_paper = read(built, "fr/white-papers/long-table-report/index.html")
    assert f'href="../../campaigns/{REAL}/"' in white_paper[white_paper.index('class="bridges-meta"'):][:4000]


def test_each_campaign_has_its_own_toolkit(built):
    for slug, written in ((FIXTURE_CAMPAIGN, ("en", "fr")), (REAL, ("fr", "en", "es", "it", "ro", "ar"))):
        folder = built / "campaigns" / slug
        for lang in written:
            assert (folder / f"{slug}-key-messages-{lang}.pdf").read_bytes().startswith(b"%PDF"), (slug, lang)
        for lang in ("en", "fr", "es", "it", "ro", "ar"):
            with Image.open(folder / f"{slug}-card-{lang}.png") as image:
                assert image.size == (1200, 630)
        for lang in LANGS:
            page = read(built, f"{prefix(lang)}campaigns/{slug}/index.html")
            toolkit = page[page.index('id="toolkit"'):page.index('class="bridges-involve"')]
            expected = lang if lang in written else "en"  # the original's PDF where the language has none
            assert f"{slug}-key-messages-{expected}.pdf" in toolkit, (slug, lang)
            assert f"{slug}-card-{lang}.png" in toolkit, (slug, lang)
            assert 'class="bridges-share"' in page and "https://wa.me/?text=" in page
    assert not (built / "campaigns" / FIXTURE_CAMPAIGN / f"{FIXTURE_CAMPAIGN}-key-messages-ar.pdf").exists()


def test_campaign_first_screen_in_order(built):
    """What the campaign is, its period, the key figures with their source and date, and the
    actions come before the toolkit, which comes before the long lists (folded recommendations)."""
    for lang in LANGS:
        page = article(read(built, f"{prefix(lang)}campaigns/{REAL}/index.html"))
        order = [page.index(marker) for marker in ('class="bridges-campaign-hero__kicker"', 'class="bridges-figures"',
                                                   'class="bridges-figures__source"', 'class="bridges-campaign-actions"',
                                                   'id="toolkit"', 'class="bridges-involve"', '<details class="bridges-recommendations"')]
        assert order == sorted(order), (lang, order)
        source = page[page.index('class="bridges-figures__source"'):][:600]
        assert 'href="../../white-papers/long-table-report/"' in source
        assert 'href="#share"' in page and 'href="#toolkit"' in page and 'id="share"' in read(
            built, f"{prefix(lang)}campaigns/{REAL}/index.html")
    fixture = text(article(read(built, f"campaigns/{FIXTURE_CAMPAIGN}/index.html")))
    assert "Running since March 1, 2025" in fixture
    assert "Source: Fixture organisers’ count, June 30, 2025 ." in fixture
    # Arabic has no text: the English original is shown with the notice, the interface in Arabic.
    arabic = read(built, f"ar/campaigns/{FIXTURE_CAMPAIGN}/index.html")
    assert "لم تُترجم بعد" in arabic and "جارية منذ 1 مارس 2025" in text(arabic)
    assert "md-content__button" not in arabic and 'class="md-header__source"' not in arabic


def test_figure_labels_read_right(built):
    """The numbers carry "about"; the labels do not repeat the unit ("€0 / budget")."""
    expected = {"en": [("472 million", "people reached"), ("€0", "budget"), ("about 10", "languages")],
                "fr": [("472 millions", "personnes touchées"), ("0\u00a0€", "budget"), ("environ 10", "langues")]}
    for lang, figures in expected.items():
        page = htmllib.unescape(read(built, f"{prefix(lang)}campaigns/{REAL}/index.html"))
        found = re.findall(r'bridges-figure__number">([^<]+)</span> <span class="bridges-figure__label"[^>]*>([^<]+)<', page)
        assert found[:3] == figures, (lang, found)


# --- in a browser --------------------------------------------------------------------------

def test_the_campaigns_first_phone_screen_holds_its_action(web, tmp_path):
    """On a 390 × 844 phone, the figures, their source and the main action are on the first
    screen, in English, French and Arabic; figure cards are one height on a desktop, and no
    number wraps. Screenshots go to $BRIDGES_SCREENSHOTS when set."""
    folder = Path(os.environ.get("BRIDGES_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    page = web.page
    for lang in LANGS:
        for name, viewport in (("phone", {"width": 390, "height": 844}), ("desktop", {"width": 1280, "height": 900})):
            page.set_viewport_size(viewport)
            for shot, path in (("campaign", f"campaigns/{REAL}/"), ("campaigns", "campaigns/"), ("home", "")):
                web.goto(f"{prefix(lang)}{path}")
                page.screenshot(path=str(folder / f"front-{shot}-{lang}-{name}.png"), full_page=False)
                assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), (shot, lang, name)
            web.goto(f"{prefix(lang)}campaigns/{REAL}/")
            action = page.locator(".bridges-campaign-actions .md-button--primary")
            box = action.bounding_box()
            assert box and box["y"] + box["height"] <= viewport["height"], (lang, name, box)
            source = page.locator(".bridges-figures__source").bounding_box()
            assert source["y"] + source["height"] <= viewport["height"], (lang, name, source)
            numbers = page.locator(".bridges-figure__number")
            assert numbers.count() >= 3, (lang, name)  # the past campaign's key figures
            heights = set()
            for index in range(numbers.count()):
                number = numbers.nth(index)
                assert number.evaluate("e => e.getClientRects().length === 1 && e.scrollWidth <= e.clientWidth + 1"), \
                    (lang, name, index)
                heights.add(round(page.locator(".bridges-figure").nth(index).bounding_box()["height"]))
            if name == "desktop":
                assert len(heights) == 1, (lang, heights)
            action.click()
            page.wait_for_function("() => location.hash === '#share'")
            assert page.locator("#share").is_visible()
