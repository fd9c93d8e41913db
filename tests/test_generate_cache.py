"""The generation cache (bridges.outputs.generate.Remembered): remembered pages are the pages
made afresh, whatever input changes, and an edit to a story's text makes only that story's pages
and the site's other pages again, not every item's."""
import dataclasses

import pytest

from bridges.outputs import generate
from bridges.outputs.cache import Cache
from bridges.outputs.documents import Documents, Download
from bridges.outputs.generate import site_pages
from bridges.sources.load import load_content
from bridges.sources.site import load_site
from conftest import fixture_project

LANGUAGES = ["fr"]  # the story is written in English: its French page says when the original changed
STORY = "content/case_studies/zaytoun-bakery"
LAB = "content/labs/harbour-lab"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return fixture_project(tmp_path_factory.mktemp("generate-cache") / "repo")


class Counted:
    """How many item pages and other pages the generator made (not taken from the cache)."""

    def __init__(self, monkeypatch):
        self.items, self.others = [], 0
        made_item, made_others = generate.item_page_in, generate.other_pages

        def item_page_in(content, documents, lang, item, base_url="/"):
            self.items.append((item.id, lang))
            return made_item(content, documents, lang, item, base_url)

        def other_pages(content, lang, base_url="/"):
            self.others += 1
            return made_others(content, lang, base_url)

        monkeypatch.setattr(generate, "item_page_in", item_page_in)
        monkeypatch.setattr(generate, "other_pages", other_pages)

    def reset(self):
        self.items, self.others = [], 0


def load(project):
    return load_content(load_site(project)[0])  # what the generator reads (the rules are tested elsewhere)


def as_dict(pages) -> dict:
    return {page.path: (page.text, page.card) for page in pages}


def both(project, cache, counted, documents=None, base_url="/"):
    """The pages from the cache (counting what was made) and the same pages made afresh."""
    content = load(project)
    counted.reset()
    remembered = as_dict(site_pages(content, documents, base_url, LANGUAGES, cache=Cache(cache)))
    made = (list(counted.items), counted.others)
    fresh = as_dict(site_pages(content, documents, base_url, LANGUAGES))
    return remembered, fresh, made


def edit(project, relative: str, old: str, new: str) -> None:
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{relative} no longer holds {old!r}: update the test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_remembered_pages_are_the_pages_made_afresh(project, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    counted = Counted(monkeypatch)
    content = load(project)
    items = len(content.items) * len(LANGUAGES)

    remembered, fresh, made = both(project, cache, counted)
    assert remembered == fresh and len(made[0]) == items and made[1] == len(LANGUAGES)  # an empty cache

    remembered, fresh, made = both(project, cache, counted)
    assert remembered == fresh and made == ([], 0)  # nothing changed: nothing made

    # A story's text: its own pages; the French one now says the translation is outdated, and so
    # do the translation dashboards and the campaigns' pages: made again too.
    outdated = "bridges-notice"
    assert outdated not in fresh["case-studies/zaytoun-bakery/index.fr.md"][0]
    edit(project, f"{STORY}/index.en.md", "His migration had taken three years.",
         "His migration had taken three years, through four countries.")
    remembered, fresh, made = both(project, cache, counted)
    assert remembered == fresh
    campaigns = {item.id for item in content.items if item.type == "campaign"}
    assert campaigns and set(made[0]) == {(name, lang) for name in campaigns | {"case_study/zaytoun-bakery"}
                                          for lang in LANGUAGES}
    assert made[1] == len(LANGUAGES)
    assert outdated in remembered["case-studies/zaytoun-bakery/index.fr.md"][0]
    # Once more, the translation still outdated: the story's pages alone.
    edit(project, f"{STORY}/index.en.md", "through four countries.", "through five countries.")
    remembered, fresh, made = both(project, cache, counted)
    assert remembered == fresh and sorted(made[0]) == [("case_study/zaytoun-bakery", lang) for lang in LANGUAGES]
    assert made[1] == 0

    # Inputs that other items' pages show: every page made again, each the same as made afresh.
    for relative, old, new in [
        (f"{STORY}/index.fr.md", "title: La boulangerie Zaytoun", "title: La boulangerie Zaytoun de Lyon"),  # a title, in links
        (f"{STORY}/meta.yml", "themes: [economic,", "labs: [harbour-lab]\nthemes: [economic,"),  # a lab's list
        ("content/ui.yml", 'fr: "Aussi disponible en :"', 'fr: "Aussi en :"'),  # a word
        ("content/site.yml", "name: Bridges", "name: Bridges network"),  # the site's settings
    ]:
        edit(project, relative, old, new)
        remembered, fresh, made = both(project, cache, counted)
        assert remembered == fresh, relative
        assert len(made[0]) == items, relative

    lab_page = fresh["labs/harbour-lab/index.fr.md"][0]
    assert "La boulangerie Zaytoun de Lyon" in lab_page and "Aussi en :" in fresh["case-studies/zaytoun-bakery/index.fr.md"][0]


def test_downloads_and_base_url_are_part_of_what_makes_a_page(project, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    counted = Counted(monkeypatch)
    both(project, cache, counted)
    download = Download(href="notes.pdf", name="notes.pdf", language="en", format="PDF", size=2048, sha256="ab" * 32)
    documents = Documents(downloads={"case_study/zaytoun-bakery": [download]})
    remembered, fresh, made = both(project, cache, counted, documents)
    story = "case-studies/zaytoun-bakery/index.fr.md"
    assert remembered == fresh and "notes.pdf" in fresh[story][0]
    before = fresh[story][0]
    campaigns = {item.id for item in load(project).items if item.type == "campaign"}
    assert set(made[0]) == {(name, lang) for name in campaigns | {"case_study/zaytoun-bakery"} for lang in LANGUAGES}

    other = dataclasses.replace(download, size=4096)
    remembered, fresh, made = both(project, cache, counted, Documents(downloads={"case_study/zaytoun-bakery": [other]}))
    assert remembered == fresh and fresh[story][0] != before  # the size shown
    assert set(made[0]) == {(name, lang) for name in campaigns | {"case_study/zaytoun-bakery"} for lang in LANGUAGES}

    remembered, fresh, made = both(project, cache, counted, base_url="https://example.org/elsewhere/")
    assert remembered == fresh and len(made[0]) == len(load(project).items) * len(LANGUAGES)
