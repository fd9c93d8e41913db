"""The real strict MkDocs build, of the fixture site (tests/fixture_site, tests/conftest.py)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PAST_CAMPAIGN, fixture_project


@pytest.fixture
def built(site_build) -> Path:
    """The site of the session's shared build (tests/conftest.py: site_build)."""
    return site_build.site


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_item_pages_exist_in_both_languages(built):
    english = read(built, "labs/harbour-lab/index.html")
    french = read(built, "fr/labs/harbour-lab/index.html")
    assert '<html lang="en"' in english and '<html lang="fr"' in french
    assert "Harbour Lab" in english and "Laboratoire du port" in french
    assert 'hreflang="fr"' in english and 'hreflang="en"' in french


def test_metadata_panel_uses_the_page_language(built):
    french = read(built, "fr/case-studies/untranslated-story/index.html")
    english = read(built, "case-studies/untranslated-story/index.html")
    assert "Roumanie" in french and "Vie civique et citoyenneté" in french
    assert "Romania" in english and "Civic life and citizenship" in english


def test_untranslated_page_shows_the_notice_and_the_original(built):
    french = read(built, "fr/case-studies/untranslated-story/index.html")
    assert "Pas encore traduit" in french
    assert "Cette page n’est pas encore traduite en français" in french  # French typography: ’
    assert "An untranslated story" in french
    assert 'href="../../../case-studies/untranslated-story/"' in french
    assert "Pas encore traduit" not in read(built, "fr/labs/harbour-lab/index.html")
    assert "Not yet translated" not in read(built, "case-studies/untranslated-story/index.html")


def test_listing_theme_and_country_pages(built):
    for prefix in ("", "fr/"):
        for page in ("case-studies", "labs", "press", "resources", "white-papers", "themes", "themes/civic",
                     "countries", "countries/ro"):
            assert (built / prefix / page / "index.html").is_file(), prefix + page
    assert "An untranslated story" in read(built, "countries/ro/index.html")
    assert "An untranslated story" in read(built, "fr/themes/civic/index.html")


def test_items_are_not_in_the_navigation(built):
    home = read(built, "index.html")
    assert "untranslated-story" not in home


def test_catalogue(built):
    data = json.loads(read(built, "api/items.json"))
    assert data["languages"] == ["en", "fr", "es", "it", "ro", "ar"]
    items = {item["id"]: item for item in data["items"]}
    story = items["case_study/untranslated-story"]
    assert story["title"] == {"en": "An untranslated story"}
    assert story["languages"] == ["en"] and story["countries"] == ["RO"] and story["year"] == 2020
    assert story["url"]["fr"].endswith("/fr/case-studies/untranslated-story/")
    assert data["count"] == len(data["items"]) > 10


def test_no_request_to_third_party_fonts(built):
    for page in ("index.html", "fr/index.html", "labs/harbour-lab/index.html"):
        html = read(built, page)
        assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html


@pytest.mark.site
def test_a_broken_item_stops_the_build_with_every_problem(tmp_path):
    root = fixture_project(tmp_path / "repo")
    meta = root / "content/labs/harbour-lab/meta.yml"
    meta.write_text(meta.read_text() + "year: 20x4\n")
    (root / "content/case_studies/hanoi-sewing-circle/index.fr.md").write_text("---\ntitle: Hanoi\n")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
                            cwd=root, capture_output=True, text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    assert result.returncode != 0
    assert "content/labs/harbour-lab/meta.yml:" in result.stderr and "year: this should be a whole number" in result.stderr
    assert "content/case_studies/hanoi-sewing-circle/index.fr.md:1: -: the block at the top" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def test_white_papers_resources_and_labs_offer_pdfs_in_both_languages(built):
    for directory in ("white-papers/long-table-report", "resources/mentor-pairs-guide", "labs/harbour-lab",
                      "labs/quiet-lab"):
        slug = directory.split("/")[1]
        for lang in ("en", "fr"):
            pdf = built / directory / f"{slug}-{lang}.pdf"
            assert pdf.read_bytes().startswith(b"%PDF"), pdf


def test_downloads_show_language_format_size_and_hash(built):
    import hashlib
    import re
    import zipfile

    html = read(built, "fr/labs/harbour-lab/index.html")
    kit = built / "labs/harbour-lab/harbour-lab-training-kit-fr.zip"
    digest = hashlib.sha256(kit.read_bytes()).hexdigest()
    assert digest in html
    assert re.search(r"Français · ZIP · [\d,]+\s?ko", html)
    names = zipfile.ZipFile(kit).namelist()
    assert "mentor-pairs-guide/mentor-pairs-guide-fr.pdf" in names
    assert not any(name.endswith("-en.pdf") for name in names)


def test_outdated_translation_shows_a_banner_and_the_dashboard_lists_it(built):
    french = read(built, "fr/labs/harbour-lab/index.html")
    assert "L’original a changé" in french and 'href="../../../labs/harbour-lab/"' in french
    assert "L’original a changé" not in read(built, "fr/labs/quiet-lab/index.html")
    dashboard = read(built, "fr/translations/index.html")
    assert "État des traductions" in dashboard
    row = dashboard[dashboard.index("harbour-lab/"):][:1500]
    assert "bridges-status--outdated" in row and "bridges-status--original" in row
    assert "bridges-status--missing" in row  # no Arabic text yet


def test_arabic_pages_are_right_to_left(built):
    for page in ("ar/index.html", f"ar/campaigns/{PAST_CAMPAIGN}/index.html", "ar/labs/harbour-lab/index.html"):
        html = read(built, page)
        assert '<html lang="ar"' in html and '<body dir="rtl"' in html, page
    assert '<body dir="ltr"' in read(built, "fr/index.html")


def test_edit_links_point_at_the_source_in_content(built):
    import re

    def edit_link(page: str) -> str | None:
        match = re.search(r'<a href="([^"]+)" title="[^"]*" class="md-content__button md-icon"', read(built, page))
        return match and match.group(1)

    def item_edit_link(page: str) -> tuple[str, str] | None:
        """An item page's link, in words, at its end (no pencil beside the title)."""
        html = read(built, page)
        assert "md-content__button" not in html, page
        match = re.search(r'<p class="bridges-edit"><a href="([^"]+)"[^>]*>(.*?)</a></p>', html)
        return match and (match.group(1), match.group(2))

    base = "https://github.com/migrant-integration-lab/bridges/edit/main/"
    assert item_edit_link("labs/harbour-lab/index.html") == (
        base + "content/labs/harbour-lab/index.en.md", "Something wrong or missing? Suggest a change on GitHub")
    assert item_edit_link("fr/labs/harbour-lab/index.html") == (
        base + "content/labs/harbour-lab/index.fr.md",
        "Une erreur, un oubli\u202f? Proposez une modification sur GitHub")
    # A page shown in its original language edits that original.
    assert item_edit_link("ar/case-studies/untranslated-story/index.html")[0] == (
        base + "content/case_studies/untranslated-story/index.en.md")
    # The campaign's page is for readers: its editing links are on the contribute pages.
    assert item_edit_link(f"campaigns/{PAST_CAMPAIGN}/index.html") is None
    # Hand-written pages edit their file in docs/; generated listings have no edit link at all.
    assert edit_link("fr/about/index.html") == base + "docs/about.fr.md"
    assert edit_link("labs/index.html") is None and "bridges-edit" not in read(built, "labs/index.html")
    assert edit_link("fr/themes/civic/index.html") is None


def test_text_shown_in_its_original_language_is_marked_with_that_language(built):
    arabic = read(built, "ar/case-studies/untranslated-story/index.html")
    assert '<div class="bridges-original" dir="ltr" lang="en">' in arabic or \
        '<div class="bridges-original" lang="en" dir="ltr">' in arabic
    assert 'lang="en"' in arabic[arabic.index("bridges-summary") - 200:arabic.index("bridges-summary") + 200]
    assert "bridges-original" not in read(built, "labs/harbour-lab/index.html")


def test_every_link_of_the_pages_leads_to_a_published_file(built):
    """The chrome is HTML, which MkDocs neither validates nor rewrites: every relative link and
    picture inside the pages' articles (downloads in every language, listings, cards) must lead
    to a file of the site."""
    import posixpath
    import re
    from urllib.parse import unquote, urlsplit

    checked, kinds, broken = 0, set(), []
    for page in built.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        # The hostile cases write raw HTML links of their own, which MkDocs never rewrote either.
        if "<article" not in text or "/hostile-" in page.as_posix():
            continue
        article = text[text.index("<article"):text.index("</article>")]
        for url in re.findall(r'(?:href|src)="([^"]+)"', article):
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):  # 404 pages
                continue
            target = built / posixpath.normpath(posixpath.join(page.parent.relative_to(built).as_posix(),
                                                               unquote(parts.path)))
            checked += 1
            kinds.add(target.suffix or "/")
            if not (target.is_file() or (target / "index.html").is_file()):
                broken.append(f"{page.relative_to(built)}: {url}")
    assert not broken, broken[:20]
    # Links to pages, and to the published files of every kind (pictures, downloads, PDFs, kits).
    assert {"/", ".png", ".jpg", ".svg", ".pdf", ".zip", ".odt", ".docx", ".odp", ".pptx", ".epub", ".txt",
            ".csv"} <= kinds, kinds
    assert checked > 1500, checked
