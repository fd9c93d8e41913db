"""Shared fixtures: a small, valid repository in a temporary folder that each test may break,
and one real strict build of the fixture site (tests/fixture_site: a small site made for the
tests), shared by every test that reads the built site or opens it in a browser."""
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


def site_markdown() -> tuple[list[str], dict]:
    """The Markdown extensions of mkdocs.yml and their options: what the site renders texts with."""
    if str(REPO / "bench") not in sys.path:
        sys.path.append(str(REPO / "bench"))  # after the standard library: bench/profile.py
    from synth import markdown_settings

    return markdown_settings(REPO / "mkdocs.yml")


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


# --- the fixture site and the shared build ----------------------------------------------------
# The site and browser tests read a small site made for them, never the live content/: a story a
# volunteer adds cannot break a test, and a test names items that exist for it. The fixture's
# content is tests/fixture_site/content/ (its README says what each item is there for) plus the
# hostile cases that bridges check accepts (tests/hostile/); the code, theme, hand-written pages,
# taxonomy.yml and ui.yml are the repository's. tests/test_live_content.py checks the live content.

FIXTURE_SITE = REPO / "tests" / "fixture_site"
FIXTURE_CAMPAIGN = "fixture-open-doors"  # running, in English and French; site.yml features it first
PAST_CAMPAIGN = "fixture-long-table"  # over, in every language, with three key figures
GENERATED = ["case-studies", "labs", "white-papers", "press", "resources", "campaigns", "themes", "countries",
             "translations", "library", "cards"]
# The published site_url's path: the test server serves the built site under it, as the host does.
SITE_PATH = "/bridges/"
# What a copy of the repository leaves out: its venv, outputs, caches and history; the tests and
# the benchmark, which a build does not read.
NOT_COPIED = {".venv", "site", ".git", ".pytest_cache", ".cache", "tests", "bench"}
# What of content/ a fixture project keeps: the settings, the vocabularies and the interface's words.
SITE_SETTINGS = {"site.yml", "taxonomy.yml", "ui.yml"}


def copy_sources(folder, names):
    """For shutil.copytree: the repository's sources, without its venv, outputs and generated pages."""
    if Path(folder) == REPO:
        return [name for name in names if name in NOT_COPIED]
    if Path(folder) == REPO / "docs":
        return [name for name in names if name in GENERATED]
    return [name for name in names if name == "__pycache__"]


def copy_code(folder, names):
    """For shutil.copytree: copy_sources, and none of the live content but its settings."""
    if Path(folder) == REPO / "content":
        return [name for name in names if name not in SITE_SETTINGS]
    return copy_sources(folder, names)


def fixture_project(root: Path) -> Path:
    """A project at `root` that builds the fixture site: the repository's code, theme and
    hand-written pages, with the fixture's content (tests/fixture_site) instead of content/."""
    from hostile.cases import HARMLESS

    shutil.copytree(REPO, root, ignore=copy_code)
    shutil.copytree(FIXTURE_SITE, root, dirs_exist_ok=True, ignore=shutil.ignore_patterns("README.md", "site.yml"))
    # The fixture's site.yml holds only the keys it changes (what the home page features).
    site, changes = root / "content/site.yml", (FIXTURE_SITE / "content/site.yml").read_text(encoding="utf-8")
    text = site.read_text(encoding="utf-8")
    for key in re.findall(r"^(\w+):", changes, flags=re.M):
        text, found = re.subn(rf"^{key}:.*\n(?: .*\n)*", "", text, flags=re.M)
        assert found == 1, f"content/site.yml has no {key}: block to replace"
    site.write_text(text.rstrip("\n") + "\n" + changes, encoding="utf-8")
    # Hostile content that bridges check accepts and the build must render harmless.
    for case in HARMLESS:
        case.install(root)
    return root


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


@dataclass(frozen=True)
class Build:
    root: Path  # the repository copy
    site: Path  # its built site
    log: str  # what mkdocs printed


@pytest.fixture(scope="session")
def site_build(tmp_path_factory) -> Build:
    """One strict build of the fixture site, for the whole session (as CI builds: the published address)."""
    root = fixture_project(tmp_path_factory.mktemp("build") / "repo")
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
    config.addinivalue_line("markers", "live: reads or builds the live content/ (tests/test_live_content.py) rather "
                                       "than the fixture site")


def pytest_collection_modifyitems(config, items):
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if names & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        elif "site_build" in names:
            item.add_marker(pytest.mark.site)
