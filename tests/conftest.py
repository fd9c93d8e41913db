"""Shared fixtures: a small, valid repository in a temporary folder that each test may break,
and one real strict build of the whole site (a copy of the repository with a few test items),
shared by every test that reads the built site or opens it in a browser."""
from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from bridges.rules.translations import hash_of

REPO = Path(__file__).resolve().parents[1]


class Repo:
    """A throw-away copy of the site's settings with one valid item of each kind a test needs."""

    def __init__(self, root: Path):
        self.root = root
        (root / "content").mkdir(parents=True)
        for name in ("site.yml", "taxonomy.yml", "ui.yml"):
            shutil.copy(REPO / "content" / name, root / "content" / name)
        # The repository's featured items are not in this small repository.
        site = root / "content/site.yml"
        site.write_text(re.sub(r"^featured:\n(?:  .*\n)*", "", site.read_text(encoding="utf-8"), flags=re.M),
                        encoding="utf-8")

    def write(self, relative: str, text: str | bytes) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def story(self, slug: str = "good-story", meta: str | None = None, en: str | None = None,
              fr: str | None = "default") -> Path:
        """A valid case study; pass meta/en/fr text to replace a part (fr=None: no French)."""
        folder = f"content/case_studies/{slug}"
        self.write(f"{folder}/meta.yml", meta if meta is not None else f"""
            slug: {slug}
            original_language: en
            countries: [FR]
            themes: [economic, entrepreneurship]
            audiences: [migrants]
            year: 2019
            links:
              - {{url: "https://example.org/", label: Example}}
            consent:
              basis: published_by_organisation
              scope: Name and project as published by the organisation
              review_date: 2030-01-01
              renewal_contact: the editorial team
            """)
        self.write(f"{folder}/index.en.md", en if en is not None else """
            ---
            title: A good story
            summary: A cooking business started by a newcomer in Lyon.
            ---
            ## What happened

            The body of the story.
            """)
        if fr == "default":
            source = hash_of("A good story", "A cooking business started by a newcomer in Lyon.",
                             "## What happened\n\nThe body of the story.")
            fr = f"""
            ---
            title: Une bonne histoire
            summary: Une entreprise de cuisine créée par une nouvelle arrivante à Lyon.
            source_hash: {source}
            ---
            ## Ce qui s'est passé

            Le corps du récit.
            """
        if fr is not None:
            self.write(f"{folder}/index.fr.md", fr)
        return self.root / folder


@pytest.fixture
def repo(tmp_path) -> Repo:
    return Repo(tmp_path / "repo")


# --- the shared build ------------------------------------------------------------------------

GENERATED = ["case-studies", "labs", "white-papers", "press", "resources", "campaigns", "themes", "countries",
             "translations", "library", "cards"]
# The published site_url's path: the test server serves the built site under it, as the host does.
SITE_PATH = "/bridges/"


def copy_sources(folder, names):
    """For shutil.copytree: the repository's sources, without its venv, outputs and generated pages."""
    if Path(folder) == REPO:
        return [name for name in names if name in (".venv", "site", ".git", ".pytest_cache")]
    if Path(folder) == REPO / "docs":
        return [name for name in names if name in GENERATED]
    return [name for name in names if name == "__pycache__"]


def gps_jpeg(width: int = 2000, height: int = 1500, orientation: int | None = None) -> bytes:
    """A camera-like JPEG that says where it was taken: EXIF with GPS coordinates, and XMP."""
    from PIL import ExifTags, Image, ImageDraw

    image = Image.new("RGB", (width, height), (40, 90, 160))
    ImageDraw.Draw(image).rectangle((width // 4, height // 4, width // 2, height // 2), fill=(230, 180, 40))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "TestCam"
    exif[ExifTags.Base.Model] = "Phone 12"
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps.update({ExifTags.GPS.GPSLatitudeRef: "N", ExifTags.GPS.GPSLatitude: (45.0, 45.0, 30.0),
                ExifTags.GPS.GPSLongitudeRef: "E", ExifTags.GPS.GPSLongitude: (4.0, 50.0, 0.0)})
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90, exif=exif,
               xmp=b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><exif:GPSLatitude>45,45.5N</exif:GPSLatitude></x:xmpmeta>')
    return buffer.getvalue()


PHOTO_STORY_EN = ("A market stall", "A stall at the Croix-Rousse market, photographed with a phone.",
                  "## The stall\n\nThe stall opens at dawn.\n\n![The stall at dawn, seen from the street](images/market.jpg)")


def add_test_items(root: Path) -> None:
    """The items that the build tests look at, on top of the repository's own content."""
    from hostile.cases import HARMLESS

    # An English-only story, to see the not-yet-translated notice on its French page.
    story = root / "content/case_studies/untranslated-story"
    story.mkdir()
    (story / "meta.yml").write_text(
        "slug: untranslated-story\noriginal_language: en\ncountries: [RO]\nthemes: [civic]\nyear: 2020\n"
        "consent: {basis: no_identifiable_person, scope: project only, review_date: 2099-01-01, renewal_contact: editors}\n")
    (story / "index.en.md").write_text("---\ntitle: An untranslated story\nsummary: Only in English for now.\n---\nBody text.\n")
    # The English original of a lab changes after its French translation was made.
    original = root / "content/labs/media-lab/index.en.md"
    original.write_text(original.read_text() + "\nA new paragraph in the original.\n")
    # A story with a phone photo that records where it was taken (bridges.images strips it).
    photo = root / "content/case_studies/photo-story"
    (photo / "images").mkdir(parents=True)
    (photo / "images" / "market.jpg").write_bytes(gps_jpeg())
    (photo / "meta.yml").write_text(
        "slug: photo-story\noriginal_language: en\ncountries: [FR]\nthemes: [economic]\nyear: 2021\n"
        "consent: {basis: written_consent, date: 2021-03-01, scope: photo and first name, review_date: 2099-01-01, "
        "renewal_contact: editors}\nimages:\n  - {id: market, file: images/market.jpg, credit: \"Photo: Amina K.\"}\n")
    title, summary, body = PHOTO_STORY_EN
    (photo / "index.en.md").write_text(f"---\ntitle: {title}\nsummary: {summary}\n"
                                       f"image_alt:\n  market: Vegetables piled on a market stall\n---\n{body}\n")
    (photo / "index.fr.md").write_text(
        f"---\ntitle: Un étal de marché\nsummary: Un étal du marché de la Croix-Rousse, photographié au téléphone.\n"
        f"source_hash: {hash_of(title, summary, body)}\nimage_alt:\n  market: Des légumes empilés sur un étal\n---\n"
        "## L'étal\n\nL'étal ouvre à l'aube.\n\n![L'étal à l'aube, vu de la rue](images/market.jpg)\n")
    add_fixture_campaign(root)
    # Hostile content that bridges check accepts and the build must render harmless.
    for case in HARMLESS:
        case.install(root)


FIXTURE_CAMPAIGN = "fixture-open-doors"  # a test fixture, not a real campaign: it exists in the test build only


def add_fixture_campaign(root: Path) -> None:
    """A second campaign, running (the real one is over), written in English and French only, that
    the untranslated story names; site.yml features it first, then #NoWallsButBridges."""
    folder = root / "content/campaigns" / FIXTURE_CAMPAIGN
    folder.mkdir(parents=True)
    (folder / "meta.yml").write_text(textwrap.dedent(f"""\
        slug: {FIXTURE_CAMPAIGN}
        original_language: en
        hashtag: OpenDoorsFixture
        status: running
        start: 2025-03-01
        themes: [awareness, civic]
        figures:
          - {{id: events, value: 12, unit: count, date: 2025-06-30,
             source: {{name: "Fixture organisers' count", url: "https://example.org/fixture-count"}}}}
        partners:
          - {{name: Fixture Partner, country: RO, url: "https://example.org/partner"}}
        """), encoding="utf-8")
    (folder / "index.en.md").write_text(textwrap.dedent("""\
        ---
        title: "Open Doors (test fixture campaign)"
        summary: "A campaign that exists only in the test build, to check how a second, running campaign is shown."
        tagline: "Open your door to a neighbour for one evening."
        figure_labels:
          events: "evenings held"
        objectives:
          - "Show a second campaign beside the first."
        ---
        Body of the fixture campaign.
        """), encoding="utf-8")
    title, summary, body = ("Open Doors (test fixture campaign)",
                            "A campaign that exists only in the test build, to check how a second, running campaign is shown.",
                            "Body of the fixture campaign.")
    (folder / "index.fr.md").write_text(textwrap.dedent(f"""\
        ---
        title: "Portes ouvertes (campagne de test)"
        summary: "Une campagne qui n'existe que dans la construction de test, pour vérifier l'affichage d'une seconde campagne en cours."
        tagline: "Ouvrez votre porte à un voisin le temps d'une soirée."
        source_hash: {hash_of(title, summary, body)}
        figure_labels:
          events: "soirées organisées"
        ---
        Corps de la campagne de test.
        """), encoding="utf-8")
    story = root / "content/case_studies/untranslated-story/meta.yml"
    story.write_text(story.read_text() + f"campaigns: [{FIXTURE_CAMPAIGN}]\n", encoding="utf-8")
    site = root / "content/site.yml"
    text = site.read_text(encoding="utf-8")
    assert "  campaign: [nowallsbutbridges]\n" in text
    site.write_text(text.replace("  campaign: [nowallsbutbridges]\n",
                                 f"  campaign: [{FIXTURE_CAMPAIGN}, nowallsbutbridges]\n"), encoding="utf-8")


@dataclass(frozen=True)
class Build:
    root: Path  # the repository copy
    site: Path  # its built site
    log: str  # what mkdocs printed


@pytest.fixture(scope="session")
def site_build(tmp_path_factory) -> Build:
    """One strict build of a copy of the repository with the test items, for the whole session."""
    root = tmp_path_factory.mktemp("build") / "repo"
    root.mkdir()
    shutil.copytree(REPO, root, ignore=copy_sources, dirs_exist_ok=True)
    add_test_items(root)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SITE_URL", None)  # the published address, as in CI
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(root / "site")],
                            cwd=root, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr[-4000:]
    assert "WARNING" not in result.stderr, result.stderr[-4000:]
    return Build(root, root / "site", result.stderr)


# --- the browser -----------------------------------------------------------------------------

@pytest.fixture(scope="session")
def chromium():
    """Chromium through Playwright, started once (tests/browser.py says where it comes from)."""
    if os.environ.get("BRIDGES_SKIP_BROWSER") == "1":
        pytest.skip("BRIDGES_SKIP_BROWSER=1: browser tests skipped")
    from playwright.sync_api import sync_playwright

    from browser import CHROMIUM_ARGS, chromium_path

    playwright = sync_playwright().start()
    try:
        path = chromium_path(playwright)
        if path is None:
            pytest.fail("No Chromium found: run scripts/ensure-browser (make test does), or set BRIDGES_CHROMIUM.")
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()
    finally:
        playwright.stop()


@pytest.fixture(scope="session")
def site_server(site_build):
    """The shared build served on 127.0.0.1 under the published site_url's path."""
    from browser import SiteServer

    with SiteServer(site_build.site, SITE_PATH) as server:
        yield server


@pytest.fixture
def web(chromium, site_server):
    """A fresh browser page on the served site that fails the test on any request to another host,
    console error (Content-Security-Policy violations included) or page error."""
    from browser import WatchedPage

    context = chromium.new_context(accept_downloads=True, service_workers="block")
    watched = WatchedPage(context, site_server)
    try:
        yield watched
        watched.check()
    finally:
        context.close()


# Tests see the real exception of a bug, not the one-line report of the error boundary
# (bridges.boundary); tests/test_boundary.py unsets it to test that report. Subprocesses inherit it.
os.environ["BRIDGES_RAISE"] = "1"


# --- the layers of the tests -----------------------------------------------------------------
# make test-fast: unit tests (no build, no browser), under 30 s; make test: every layer in one
# session, so that the shared build is made once. A test's layer follows from the fixtures it uses
# (site_build: site; chromium, web, site_server: browser), or its marker: @pytest.mark.site on a
# test that renders a PDF with WeasyPrint, starts a Python program (the installed command,
# check-jsonschema: a second of imports each) or builds a site of its own. A slow unit test is
# made faster at its unit, not moved.

BROWSER_FIXTURES = {"chromium", "web", "site_server"}


def pytest_configure(config):
    config.addinivalue_line("markers", "site: builds a site (the shared build, or one of its own), renders PDFs or "
                                       "starts a Python program: not in make test-fast")
    config.addinivalue_line("markers", "browser: drives Chromium")


def pytest_collection_modifyitems(config, items):
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if names & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        elif "site_build" in names:
            item.add_marker(pytest.mark.site)
