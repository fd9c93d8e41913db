"""`bridges new`: a bundle from the archetype, valid except for the marked TODOs."""
import datetime as dt

from bridges.adapters.cli import main
from bridges.pipeline import load_and_check
from bridges.sources.site import load_site


def test_new_story_in_french_lists_only_its_todos(repo, capsys):
    assert main(["--root", str(repo.root), "new", "case_study", "mon-recit", "--lang", "fr"]) == 0
    assert "content/case_studies/mon-recit/meta.yml" in capsys.readouterr().out
    folder = repo.root / "content/case_studies/mon-recit"
    assert sorted(path.name for path in folder.iterdir()) == ["index.fr.md", "meta.yml"]
    problems = load_and_check(repo.root).problems
    assert problems and {problem.code for problem in problems} == {"todo_placeholder"}
    fields = {(problem.path.name, problem.field) for problem in problems}
    assert ("index.fr.md", "title") in fields and ("index.fr.md", "summary") in fields
    assert ("meta.yml", "countries[0]") in fields and ("meta.yml", "consent.basis") in fields


def test_filling_the_todos_gives_a_valid_story(repo):
    main(["--root", str(repo.root), "new", "case_study", "filled-story", "--lang", "en"])
    folder = repo.root / "content/case_studies/filled-story"
    meta = (folder / "meta.yml").read_text()
    meta = (meta.replace("countries: [TODO]", "countries: [FR]").replace("themes: [TODO]", "themes: [economic]")
            .replace("basis: TODO", "basis: written_consent")
            .replace('scope: "TODO: what we may show, e.g. first name and quote"', "scope: first name"))
    (folder / "meta.yml").write_text(meta)
    (folder / "index.en.md").write_text("---\ntitle: A bakery in Lille\nsummary: A newcomer opened a bakery.\n---\nThe story.\n")
    assert load_and_check(repo.root).problems == []


def test_every_type_has_an_archetype(repo, tmp_path):
    site, _ = load_site(repo.root)
    for type_key in site.content_types:
        assert main(["--root", str(repo.root), "new", type_key, f"new-{type_key.replace('_', '-')}"]) == 0
    codes = {problem.code for problem in load_and_check(repo.root).problems}
    assert codes <= {"todo_placeholder", "unknown_reference"}, codes


def test_refuses_a_bad_slug_an_existing_item_and_an_unknown_type(repo, capsys):
    assert main(["--root", str(repo.root), "new", "case_study", "Bad Slug"]) == 2
    assert "lowercase letters, digits and hyphens" in capsys.readouterr().err
    repo.story()
    assert main(["--root", str(repo.root), "new", "case_study", "good-story"]) == 2
    assert "already exists" in capsys.readouterr().err
    assert main(["--root", str(repo.root), "new", "poem", "x"]) == 2
    assert "is not a content type" in capsys.readouterr().err


def test_consent_review_date_is_two_years_ahead(repo):
    main(["--root", str(repo.root), "new", "case_study", "dated"])
    meta = (repo.root / "content/case_studies/dated/meta.yml").read_text()
    today = dt.date.today()
    assert f"review_date: {today.replace(year=today.year + 2).isoformat()}" in meta
