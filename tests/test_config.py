"""content/site.yml and content/taxonomy.yml are data to validate, and the generator deletes only
inside the folders it owns under docs/ (finding 3 of issue 12: `url: ../../..` made the clean-up
delete tracked files of the repository, and a file outside it)."""
from __future__ import annotations

import os
import re

import pytest

from bridges.model.problems import ContentError
from bridges.model.urls import owned_folders
from bridges.outputs.generate import GeneratorRefused, owned_roots, write_site
from bridges.pipeline import load_and_check, prepare


def messages(repo) -> list[str]:
    return [problem.message() for problem in load_and_check(repo.root).errors]


def set_type_field(repo, type_key: str, name: str, value: str) -> None:
    path = repo.root / "content/taxonomy.yml"
    text = path.read_text(encoding="utf-8")
    block = text.index(f"  {type_key}:\n")
    start = text.index(f"    {name}: ", block)
    end = text.index("\n", start)
    path.write_text(text[:start] + f"    {name}: {value}" + text[end:], encoding="utf-8")


@pytest.mark.parametrize("name,value", [
    ("url", "../../.."), ("url", "'..'"), ("url", "/etc"), ("url", "labs/../../x"), ("url", "Case-Studies"),
    ("url", "'case studies'"), ("url", "''"), ("folder", "../../.."), ("folder", "/tmp"), ("folder", "'.'"),
    ("url", "\"case-studies\\n\""), ("url", "'%2e%2e'"),
])
def test_a_folder_or_url_that_is_not_a_plain_slug_is_refused(repo, name, value):
    repo.story()
    set_type_field(repo, "case_study", name, value)
    found = messages(repo)
    assert any(re.match(rf"content/taxonomy.yml:\d+: content_types.case_study.{name}: .+", message)
               for message in found), found


@pytest.mark.parametrize("value,owner", [("assets", "docs/assets/"), ("themes", "docs/themes/"), ("fr", "/fr/"),
                                         ("labs", "lab")])
def test_a_url_the_site_already_uses_is_refused(repo, value, owner):
    set_type_field(repo, "white_paper", "url", value)
    found = messages(repo)
    assert any(f"content_types.white_paper.url: the name '{value}' is already used by the site ({owner})" in m
               for m in found), found


def test_site_settings_are_checked_with_their_line(repo):
    path = repo.root / "content/site.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("branch: main", "branch: ../../etc").replace("dir: rtl", "dir: sideways")
    text = text.replace("listing_page_size: 50", "listing_page_size: 0")
    path.write_text(text + "template: redirect.html\n", encoding="utf-8")
    found = "\n".join(messages(repo))
    assert re.search(r"content/site.yml:\d+: listing_page_size: ", found), found
    assert re.search(r"content/site.yml:\d+: branch: ", found), found
    assert re.search(r"content/site.yml:\d+: languages\[5\]\.dir: ", found), found
    assert re.search(r"content/site.yml:\d+: template: this field is not known", found), found


def test_an_unknown_kind_of_file_in_the_taxonomy_is_refused(repo):
    path = repo.root / "content/taxonomy.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("pictures: [jpeg, png, webp, svg]", "pictures: [jpeg, exe]", 1), encoding="utf-8")
    assert any("content_types.case_study.files.pictures" in m and "exe" in m for m in messages(repo))


def test_a_hostile_taxonomy_deletes_nothing_outside_the_generated_folders(repo, tmp_path):
    """The attack of finding 3, end to end: nothing is written or deleted, and the build says why."""
    repo.story()
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me")
    tracked = repo.write("README.md", "A tracked file of the repository.\n")
    docs = repo.root / "docs"
    handwritten = repo.write("docs/index.en.md", "# Home\n")
    set_type_field(repo, "case_study", "url", "../../..")
    with pytest.raises(ContentError):
        prepare(repo.root, docs)
    assert outside.read_text() == "keep me" and tracked.exists() and handwritten.exists()


def test_the_generator_refuses_folders_it_does_not_own(repo, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for folders in (["../.."], ["labs", "labs"], ["assets"], ["a/b"], [".."], ["Labs"], [""]):
        with pytest.raises(GeneratorRefused):
            owned_roots(docs, folders)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "precious.txt").write_text("keep me")
    os.symlink(elsewhere, docs / "labs")  # docs/labs is a link out of docs/
    with pytest.raises(GeneratorRefused):
        owned_roots(docs, ["labs"])
    assert owned_roots(docs, ["case-studies", "themes"]) == [docs / "case-studies", docs / "themes"]


def test_write_site_refuses_before_writing_when_a_folder_leads_outside(repo, tmp_path):
    repo.story()
    checked = load_and_check(repo.root)
    assert not checked.errors
    docs = tmp_path / "docs"
    docs.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "precious.txt").write_text("keep me")
    os.symlink(elsewhere, docs / owned_folders(checked.site)[0])
    with pytest.raises(GeneratorRefused):
        write_site(checked.content, docs, tmp_path / "cache")
    assert (elsewhere / "precious.txt").read_text() == "keep me"
    assert sorted(path.name for path in docs.iterdir()) == [owned_folders(checked.site)[0]]


def test_the_repository_taxonomy_labels_are_whole(repo):
    """A label with a comma in a YAML flow mapping used to be cut ("Arts" for "Arts, crafts and
    design") and the rest read as keys: the schema now refuses such keys."""
    checked = load_and_check(repo.root)
    assert checked.site.label("themes", "arts", "en") == "Arts, crafts and design"
    assert checked.site.label("sdgs", 16, "it") == "Pace, giustizia e istituzioni solide"
