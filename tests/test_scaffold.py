"""`bridges new`: every field of the type in the writer's language, TODO where a value is needed,
nothing filled in silently; filling the TODOs in gives an item that passes the check."""
import datetime as dt
import re
import shutil

import pytest
import yaml

from bridges.adapters.cli import main
from bridges.model.fields import fields_of, undocumented
from bridges.model.registry import REGISTRY
from bridges.pipeline import load_and_check, prepare
from bridges.sources.site import load_site
from conftest import REPO


def new(repo, *args):
    return main(["--root", str(repo.root), "new", *args])


def uncommented(text: str) -> dict:
    """The YAML with every optional line switched on (the '# ' removed), as a writer would."""
    lines = [re.sub(r"^(\s*)# (?=\s*(- )?[a-z_]+:)", r"\1", line) for line in text.splitlines()]
    return yaml.safe_load("\n".join(line for line in lines if not line.lstrip().startswith("#")))


@pytest.mark.parametrize("spelling", ["case-study", "case_study", "case-studies", "Case_Studies"])
def test_accepts_every_spelling_of_a_type(repo, spelling, capsys):
    assert new(repo, spelling, "mon-recit", "--lang", "fr") == 0
    assert (repo.root / "content/case_studies/mon-recit/meta.yml").is_file()


def test_a_french_story_is_in_french_and_lists_only_its_todos(repo, capsys):
    assert new(repo, "case-study", "mon-recit", "--lang", "fr") == 0
    out = capsys.readouterr().out
    assert out == ("content/case_studies/mon-recit/meta.yml et content/case_studies/mon-recit/index.fr.md ont été créés.\n"
                   "Remplacez chaque TODO (content/README.md explique chaque champ), puis lancez : "
                   "bridges check content/case_studies/mon-recit\n")
    folder = repo.root / "content/case_studies/mon-recit"
    meta, text = (folder / "meta.yml").read_text(), (folder / "index.fr.md").read_text()
    assert "# Un récit sur un projet ou une personne." in meta
    assert "l'année où cela a commencé" in meta and "the year" not in meta
    assert "TODO : le texte, en mots simples" in text and "title: \"TODO: le titre" in text
    problems = load_and_check(repo.root).problems
    assert {problem.code for problem in problems} == {"todo_placeholder_field"}  # each says what to write
    assert {(problem.path.name, problem.field) for problem in problems} == {
        ("meta.yml", "countries[0]"), ("meta.yml", "themes[0]"), ("meta.yml", "year"),
        ("meta.yml", "consent.basis"), ("meta.yml", "consent.scope"), ("meta.yml", "consent.review_date"),
        ("index.fr.md", "title"), ("index.fr.md", "summary"), ("index.fr.md", "body")}


def test_no_value_is_filled_in_silently(repo):
    new(repo, "case-study", "dated", "--lang", "en")
    meta = (repo.root / "content/case_studies/dated/meta.yml").read_text()
    active = [line for line in meta.splitlines() if not line.lstrip().startswith("#")]
    values = {line.split(":", 1)[0].strip(): line.split(":", 1)[1].split(" # ")[0].strip() for line in active}
    assert values.pop("slug") == "dated" and values.pop("original_language") == "en"
    assert values.pop("consent") == ""
    assert set(values.values()) <= {"TODO", "[TODO]", '"TODO: what we may show, e.g. first name and quote"'}, values
    assert str(dt.date.today().year) not in "\n".join(active)


@pytest.mark.parametrize("type_key", list(REGISTRY))
def test_every_field_of_every_type_is_there_and_the_optional_ones_are_valid_when_switched_on(repo, type_key):
    shutil.copy(REPO / "mkdocs.yml", repo.root / "mkdocs.yml")  # the published site_url
    site, _ = load_site(repo.root)
    slug = f"new-{type_key.replace('_', '-')}"
    assert new(repo, type_key, slug, "--lang", "en") == 0
    folder = repo.root / "content" / site.content_types[type_key].folder / slug
    meta = (folder / "meta.yml").read_text()
    assert meta.startswith(f"# yaml-language-server: $schema=https://migrant-integration-lab.github.io/bridges/"
                           f"schemas/{type_key}.json\n")
    switched_on = uncommented(meta)
    for one in fields_of(REGISTRY[type_key].meta):
        assert one.name in switched_on, one.name
    for one in fields_of(REGISTRY[type_key].text):
        assert one.name == "source_hash" or re.search(rf"^(# )?{one.name}:", (folder / f"index.en.md").read_text(), re.M)
    # Every example is a valid value: switched on, only TODOs and references to other files are left.
    (folder / "meta.yml").write_text(yaml.safe_dump(switched_on, allow_unicode=True))
    codes = {problem.code for problem in load_and_check(repo.root).problems}
    # What is left names other files or needs words in each text (alt text, figure labels).
    assert codes <= {"todo_placeholder_field", "unknown_reference", "file_not_found", "image_alt_missing",
                     "figure_label_missing"}, codes


def test_every_field_is_described_in_english_and_french():
    assert undocumented() == []


def test_filling_the_todos_gives_a_valid_story(repo, tmp_path):
    new(repo, "case-study", "filled-story", "--lang", "fr")
    folder = repo.root / "content/case_studies/filled-story"
    meta = (folder / "meta.yml").read_text()
    meta = (meta.replace("countries: [TODO]", "countries: [FR]").replace("themes: [TODO]", "themes: [economic]")
            .replace("year: TODO", "year: 2022").replace("basis: TODO", "basis: written_consent")
            .replace('scope: "TODO: ce que nous pouvons montrer, par exemple prénom et citation"', "scope: prénom")
            .replace("review_date: TODO", "review_date: 2099-01-01"))
    (folder / "meta.yml").write_text(meta)
    text = (folder / "index.fr.md").read_text()
    text = (text.replace("TODO: le titre, tel qu'un lecteur le chercherait", "Une boulangerie à Lille")
            .replace("TODO: une ou deux phrases simples : quoi, pour qui, où, avec quel résultat", "Une boulangerie.")
            .replace("TODO : le texte", "Le texte"))
    (folder / "index.fr.md").write_text(text)
    assert load_and_check(repo.root).problems == []
    prepare(repo.root, tmp_path / "docs")  # and its pages are generated
    page = (tmp_path / "docs/case-studies/filled-story/index.fr.md").read_text()
    assert "Une boulangerie à Lille" in page


@pytest.mark.parametrize("lang", ["es", "it", "ro", "ar"])
def test_other_site_languages_fall_back_to_english_and_say_so(repo, lang, capsys):
    assert new(repo, "lab", "un-lab", "--lang", lang) == 0
    assert "There is no template in" in capsys.readouterr().out
    meta = (repo.root / "content/labs/un-lab/meta.yml").read_text()
    assert meta.splitlines()[1].startswith("# There is no template in ")
    assert f"original_language: {lang}" in meta


def test_refuses_a_bad_slug_an_existing_item_an_unknown_type_and_language_in_the_writers_language(repo, capsys):
    assert new(repo, "case_study", "Bad Slug", "--lang", "en") == 2
    assert "lowercase letters, digits and hyphens" in capsys.readouterr().err
    repo.story()
    assert new(repo, "case-study", "good-story", "--lang", "fr") == 2
    assert capsys.readouterr().err == ("content/case_studies/good-story existe déjà : "
                                       "choisissez un autre nom ou modifiez cet élément.\n")
    assert new(repo, "poem", "x", "--lang", "fr") == 2
    assert "« poem » n'est pas un type de contenu" in capsys.readouterr().err
    assert new(repo, "lab", "x", "--lang", "de") == 2
    assert "'de' is not a language of the site" in capsys.readouterr().err


def test_never_depends_on_the_date(repo, monkeypatch):
    """The scaffold used to compute a review date two years ahead, and crashed on 29 February."""
    class LeapDay(dt.date):
        @classmethod
        def today(cls):
            return cls(2028, 2, 29)

    monkeypatch.setattr(dt, "date", LeapDay)
    assert new(repo, "case-study", "leap-day", "--lang", "en") == 0
