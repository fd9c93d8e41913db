"""The guides: what they show of the command is what the command prints (bridges docs runs it), the
French guide is as complete as the English one, and the site's contribute pages are the guides."""
import re

import pytest

from bridges.adapters.cli import run_quietly
from bridges.model import problems
from bridges.outputs.guides import update_guides
from bridges.sources.site import load_site
from conftest import REPO


@pytest.fixture(scope="module")
def site():
    return load_site(REPO)[0]


def test_guides_and_contribute_pages_are_what_bridges_docs_writes(site):
    assert update_guides(REPO, run=run_quietly, write=False, repository_url=site.repository_url,
                         branch=site.branch) == [], "run: bridges docs"


def test_a_changed_message_makes_the_guides_outdated(site, monkeypatch):
    real = problems._catalogue()
    changed = {**real, "bad_country": {**real["bad_country"], "fr": {"what": "« {value} » : autre phrase",
                                                                      "fix": "Autre conseil."}}}
    monkeypatch.setattr(problems, "_catalogue", lambda: changed)
    assert update_guides(REPO, run=run_quietly, write=False, repository_url=site.repository_url,
                         branch=site.branch) == ["CONTRIBUTING.fr.md", "docs/contribute.fr.md"]


def _outline(text: str) -> list[tuple[str, str]]:
    """(heading level, made part) in order: what a translation of the guide must keep."""
    return re.findall(r"^(#{1,3}) |<!-- made by bridges docs: ([\w.-]+) -->", text, re.M)


def test_the_french_guide_has_every_part_of_the_english_one():
    english = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    french = (REPO / "CONTRIBUTING.fr.md").read_text(encoding="utf-8")
    assert _outline(french) == _outline(english)
    for word in ("labs:", "campaigns:", "image_alt:", "source_hash:", "review_date", "bridges check", "chef-emad"):
        assert word in english and word in french, word
    assert "--lang fr" in french and "index.fr.md" in french


def test_the_browser_path_comes_first_and_fits_on_a_page():
    for name in ("CONTRIBUTING.md", "CONTRIBUTING.fr.md"):
        text = (REPO / name).read_text(encoding="utf-8")
        sections = re.split(r"^## ", text, flags=re.M)
        browser = sections[1]
        assert browser.startswith(("Add a story in your browser", "Ajouter un récit dans votre navigateur"))
        steps = browser.split("```")[0]  # the steps, before the templates
        assert len(steps.splitlines()) < 60


def test_the_contribute_pages_link_files_of_the_repository_on_github():
    page = (REPO / "docs/contribute.fr.md").read_text(encoding="utf-8")
    assert "](https://github.com/migrant-integration-lab/bridges/blob/main/content/README.md)" in page
    prose = re.sub(r"```.*?```|`[^`\n]*`", "", page, flags=re.S)  # code is shown as written
    assert not re.search(r"\]\((?!https?:|mailto:|#)[^)]+\)", prose)
    assert "`![ce qu'elle montre](images/nom.jpg)`" in page
