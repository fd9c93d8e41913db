"""From the "Share a story" form to a pull request: recorded issue bodies (valid, incomplete,
hostile) become bundles, are checked, and produce the comment for the writer in their language."""
import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from bridges.adapters.cli import main
from bridges.pipeline import load_and_check
from conftest import REPO

BODIES = Path(__file__).with_name("issue_bodies")
TODAY = dt.date(2026, 11, 30)


@pytest.fixture
def form_repo(repo):
    target = repo.root / ".github/ISSUE_TEMPLATE/share-a-story.yml"
    target.parent.mkdir(parents=True)
    shutil.copy(REPO / ".github/ISSUE_TEMPLATE/share-a-story.yml", target)
    return repo


def run(repo, body: str, tmp_path, number=42, author="amina-k", author_id="1234"):
    out = tmp_path / f"out-{number}"
    code = main(["--root", str(repo.root), "import-issue", str(BODIES / body), "--number", str(number),
                 "--author", author, "--author-id", author_id, "--out", str(out), "--today", TODAY.isoformat()])
    return code, out


def test_a_valid_form_becomes_a_story_that_passes_the_check_and_a_pull_request(form_repo, tmp_path, capsys):
    code, out = run(form_repo, "valid.md", tmp_path)
    assert code == 0
    folder = form_repo.root / "content/case_studies/lille-bakery-bread-and-jobs-for-newcomers"
    assert capsys.readouterr().out == "Wrote content/case_studies/lille-bakery-bread-and-jobs-for-newcomers.\n"
    assert sorted(path.name for path in folder.iterdir()) == ["index.en.md", "meta.yml"]
    assert load_and_check(form_repo.root, TODAY, paths=[folder]).problems == []
    meta = yaml.safe_load((folder / "meta.yml").read_text())
    assert meta["countries"] == ["FR"] and meta["links"] == [{"url": "https://example.org/annual-report-2023"}]
    assert meta["consent"]["basis"] == "no_identifiable_person" and str(meta["consent"]["review_date"]) == "2027-11-30"
    text = (folder / "index.en.md").read_text()
    assert 'summary: "A bakery in Lille has trained newly arrived adults as bakers since 2021."' in text
    assert "## For whom\n\nAdults who arrived" in text and "- The association's newsletter, March 2024" in text
    assert (out / "comment.md").read_text().startswith("Thank you for your story! It is now a proposal for the site")
    assert (out / "pr-title.txt").read_text() == "Story: Lille bakery: bread and jobs for newcomers (#42)\n"
    body = (out / "pr-body.md").read_text()
    assert body.startswith("Shared by @amina-k in #42") and "The coordinator of the bakery's training programme" in body
    assert (out / "commit-message.txt").read_text().endswith(
        "Co-authored-by: amina-k <1234+amina-k@users.noreply.github.com>\n")


def test_an_incomplete_form_gets_a_comment_in_french_listing_what_to_change(form_repo, tmp_path):
    code, out = run(form_repo, "incomplete-fr.md", tmp_path)
    assert code == 1
    assert not (out / "pr-body.md").exists()  # no pull request
    assert (out / "comment.md").read_text() == (
        "Merci pour votre récit ! Avant qu'il devienne une proposition pour le site, modifiez ceci dans votre ticket "
        "(menu ··· en haut du ticket, puis Edit), et enregistrez : la vérification recommence d'elle-même.\n\n"
        "- **Pour qui** : ce champ est vide. Remplissez-le.\n"
        "- **Résultat** : ce champ est vide. Remplissez-le.\n"
        "- **Consentement et dignité** : cochez chaque case ; chacune protège les personnes du récit.\n"
        "- **Pays (et ville si elle peut être publique)** : « Frnce » n'est pas un code pays ISO à deux lettres. "
        "Utilisez le code à deux lettres majuscules, par exemple FR pour la France, DZ pour l'Algérie, VN pour le Viêt Nam.\n")
    assert (form_repo.root / "content/case_studies/un-atelier-velo-a-nantes/index.fr.md").is_file()


def test_a_hostile_body_adds_no_field_file_or_path_and_its_problems_go_back_to_the_writer(form_repo, tmp_path):
    code, out = run(form_repo, "hostile.md", tmp_path, number=7)
    assert code == 1  # the answer that is too long, the remote picture...
    stories = form_repo.root / "content/case_studies"
    [folder] = list(stories.iterdir())
    assert folder.name == "x-slug-tmp-pwned-consent-basis-public-figure"
    assert sorted(path.name for path in folder.iterdir()) == ["index.en.md", "meta.yml"]
    assert not Path("/tmp/pwned").exists() and not (form_repo.root / "tmp").exists()
    meta = yaml.safe_load((folder / "meta.yml").read_text())
    assert set(meta) == {"slug", "original_language", "countries", "links", "consent"}
    assert meta["slug"] == folder.name and meta["consent"]["basis"] == "no_identifiable_person"
    assert meta["countries"] == ["FR] countries: [XX"]  # one quoted value, refused by the check
    assert meta["links"] == [{"url": "https://example.org/ok"}, {"url": 'http://example.org/"onmouseover="alert(1)'}]
    text = (folder / "index.en.md").read_text()
    front = yaml.safe_load(text.split("---\n")[1])
    assert set(front) == {"title", "summary"}
    assert front["title"] == 'x" slug: ../../../../tmp/pwned consent: {basis: public_figure'
    comment = (out / "comment.md").read_text()
    assert "- **Anything else**: this answer is too long and was cut. Shorten it." in comment
    assert "- **Country (and town if it can be public)**: 'FR] countries: [XX' is not a two-letter ISO country code" in comment
    assert "- **What happened**: the image 'https://evil.example/pixel.png' is loaded from another website" in comment
    assert "- **For whom**: the image 'x' has no alternative text" in comment
    assert "A second title" not in text  # a field given twice: the first answer counts


def test_a_body_that_is_not_the_form_makes_nothing(form_repo, tmp_path):
    (tmp_path / "body.md").write_text("Hello, I would like to tell you about a project.\n")
    out = tmp_path / "out"
    code = main(["--root", str(form_repo.root), "import-issue", str(tmp_path / "body.md"), "--number", "3",
                 "--author", "someone", "--out", str(out), "--lang", "fr"])
    assert code == 2
    assert (out / "comment.md").read_text().startswith("Ce ticket ne suit pas le formulaire Partager un récit")
    assert not (form_repo.root / "content/case_studies").exists()


def test_a_title_taken_by_another_item_gets_the_issue_number(form_repo, tmp_path):
    form_repo.story("lille-bakery-bread-and-jobs-for-newcomers")
    code, _ = run(form_repo, "valid.md", tmp_path, number=51)
    assert code == 0
    assert (form_repo.root / "content/case_studies/lille-bakery-bread-and-jobs-for-newcomers-51/meta.yml").is_file()


def test_the_form_says_it_is_public_and_asks_for_no_identifying_detail():
    form = (REPO / ".github/ISSUE_TEMPLATE/share-a-story.yml").read_text(encoding="utf-8")
    assert "This issue is public." in form and "Ce ticket est public." in form
    assert "recorded consent" in form and "consentement enregistré" in form
