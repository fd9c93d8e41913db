"""Every problem at once: a value of the wrong type is one problem among the others, and the rest of
the item (vocabularies, countries, files, alt text, consent) is still checked, in every message
language, by `bridges check` and by the build."""
import datetime as dt

import pytest

from bridges.pipeline import load_and_check, prepare
from bridges.adapters.cli import main
from bridges.model.problems import ContentError
from bridges.rules.translations import hash_of

TODAY = dt.date(2026, 6, 1)
SIX_PROBLEMS = """
    slug: six-problems
    original_language: en
    countries: [FRA]
    themes: [economy]
    year: twenty-twenty
    images:
      - {id: cover, file: ../../../etc/passwd}
    consent:
      basis: written_consent
      scope: first name and photo
      review_date: 2024-01-31
    """
ORIGINAL_HASH = hash_of("A good story", "A cooking business started by a newcomer in Lyon.",
                        "## What happened\n\nThe body of the story.")  # the English text of repo.story()
FRENCH_WITH_A_WRONG_TYPE = f"""
    ---
    title: Six problèmes
    summary: [une liste, au lieu d'une phrase]
    source_hash: {ORIGINAL_HASH}
    ---
    Le récit.
    """
FOLDER = "content/case_studies/six-problems"
EXPECTED = {
    "en": [
        f"{FOLDER}/index.en.md:1: image_alt.cover: the image 'cover' has no alternative text in 'en'. "
        "Add under image_alt a line 'cover: what the picture shows', for readers who cannot see it.",
        f"{FOLDER}/index.fr.md:1: image_alt.cover: the image 'cover' has no alternative text in 'fr'. "
        "Add under image_alt a line 'cover: what the picture shows', for readers who cannot see it.",
        f"{FOLDER}/index.fr.md:3: summary: this should be text. "
        "Write the text after the colon; put it in quotes if it looks like a number or a date.",
        f"{FOLDER}/meta.yml:3: countries[0]: 'FRA' is not a two-letter ISO country code. Did you mean 'FR'?",
        f"{FOLDER}/meta.yml:4: themes[0]: 'economy' is not in the list of themes. Did you mean 'economic'? "
        "The allowed values are in content/taxonomy.yml.",
        f"{FOLDER}/meta.yml:5: year: this should be a whole number. Write digits only, e.g. 2021.",
        f"{FOLDER}/meta.yml:7: images[0].file: '../../../etc/passwd' points outside the item's folder with '..'. "
        "Copy the file into this item's images/ or files/ folder and point to it there.",
        f"{FOLDER}/meta.yml:11: consent.review_date: the consent for this story had to be reviewed by 2024-01-31. "
        "The Bridges editorial team (contact@migrantintegrationlab.org) must renew the consent with the person "
        "(then update review_date), or remove the story.",
    ],
    "fr": [
        f"{FOLDER}/index.en.md:1: image_alt.cover: l'image « cover » n'a pas de texte alternatif en « en ». "
        "Ajoutez sous image_alt une ligne « cover: ce que montre l'image », pour les lecteurs qui ne la voient pas.",
        f"{FOLDER}/index.fr.md:1: image_alt.cover: l'image « cover » n'a pas de texte alternatif en « fr ». "
        "Ajoutez sous image_alt une ligne « cover: ce que montre l'image », pour les lecteurs qui ne la voient pas.",
        f"{FOLDER}/index.fr.md:3: summary: ceci doit être du texte. "
        "Écrivez le texte après les deux-points ; mettez-le entre guillemets s'il ressemble à un nombre ou une date.",
        f"{FOLDER}/meta.yml:3: countries[0]: « FRA » n'est pas un code pays ISO à deux lettres. Vouliez-vous dire « FR » ?",
        f"{FOLDER}/meta.yml:4: themes[0]: « economy » ne figure pas dans la liste des thèmes. "
        "Vouliez-vous dire « economic » ? Les valeurs permises sont dans content/taxonomy.yml.",
        f"{FOLDER}/meta.yml:5: year: ceci doit être un nombre entier. Écrivez seulement des chiffres, par exemple 2021.",
        f"{FOLDER}/meta.yml:7: images[0].file: « ../../../etc/passwd » sort du dossier de l'élément avec « .. ». "
        "Copiez le fichier dans le dossier images/ ou files/ de cet élément et indiquez-le là.",
        f"{FOLDER}/meta.yml:11: consent.review_date: le consentement pour ce récit devait être revu avant le 2024-01-31. "
        "L'équipe éditoriale de Bridges (contact@migrantintegrationlab.org) doit renouveler le consentement avec "
        "la personne (puis mettre à jour review_date), ou retirer le récit.",
    ],
}


@pytest.fixture
def six_problems(repo):
    repo.story("six-problems", meta=SIX_PROBLEMS, fr=FRENCH_WITH_A_WRONG_TYPE)
    return repo


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_one_run_lists_every_problem_in_the_volunteers_language(six_problems, lang):
    problems = load_and_check(six_problems.root, TODAY).problems
    assert [problem.message(lang) for problem in problems] == EXPECTED[lang]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_bridges_check_prints_them_all(six_problems, lang, capsys, monkeypatch):
    monkeypatch.setattr("bridges.rules.checks.dt.date", _Today)
    assert main(["--root", str(six_problems.root), "check", "--lang", lang]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == EXPECTED[lang]


def test_the_build_refuses_it_with_every_message(six_problems, tmp_path):
    with pytest.raises(ContentError) as refused:
        prepare(six_problems.root, tmp_path / "docs", today=TODAY)
    assert [problem.message("en") for problem in refused.value.problems] == EXPECTED["en"]
    assert not (tmp_path / "docs").exists()  # nothing generated


def test_wrong_types_in_nested_entries_keep_the_valid_ones(repo):
    """A broken link or image entry is dropped from the checked item, not the whole item."""
    repo.story(meta="""
        slug: good-story
        original_language: en
        countries: [FR, 12, Frnce]
        themes: [economic]
        links:
          - {url: not-a-web-address}
        labs: [no-such-lab]
        consent: {basis: written_consent, scope: first name, review_date: soon}
        """)
    codes = [(problem.field, problem.code) for problem in load_and_check(repo.root, TODAY).problems]
    assert codes == [("countries[1]", "not_text"), ("countries[2]", "bad_country_no_match"),
                     ("links[0].url", "bad_url"), ("labs[0]", "unknown_reference"),
                     ("consent.review_date", "bad_date")]


class _Today(dt.date):
    @classmethod
    def today(cls):
        return TODAY
