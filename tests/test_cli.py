import subprocess
import sys
from pathlib import Path

import pytest

from bridges.adapters.cli import main, message_language


def test_check_passes_with_a_summary(repo, capsys):
    repo.story()
    assert main(["--root", str(repo.root), "check", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1 items in 6 languages checked: no problems.")


def test_check_fails_with_every_problem_and_exit_1(repo, capsys):
    folder = repo.story()
    meta = folder / "meta.yml"
    meta.write_text(meta.read_text().replace("countries: [FR]", "countries: [Frnce]").replace("year: 2019", "year: 1492"))
    assert main(["--root", str(repo.root), "check", "--lang", "en"]) == 1
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("content/case_studies/good-story/meta.yml:3: countries[0]: 'Frnce'")
    assert lines[1].startswith("content/case_studies/good-story/meta.yml:6: year: 1492 is not a plausible year")
    assert "2 problem(s) found" in captured.err


@pytest.mark.site  # runs the installed command
def test_the_installed_command_exits_1_on_a_broken_item(repo):
    folder = repo.story()
    (folder / "index.en.md").write_text("---\ntitle: T\n")
    result = subprocess.run([sys.executable, "-m", "bridges", "--root", str(repo.root), "check"],
                            capture_output=True, text=True, env={"LANG": "C"})
    assert result.returncode == 1
    assert result.stdout.startswith("content/case_studies/good-story/index.en.md:1: -: the block at the top")
    assert "Traceback" not in result.stderr


def test_message_language_follows_the_option_then_the_locale(monkeypatch):
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    assert message_language(None) == "fr"
    assert message_language("en") == "en"
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert message_language(None) == "en"


def test_github_annotations(repo, capsys):
    folder = repo.story()
    meta = folder / "meta.yml"
    meta.write_text(meta.read_text().replace("year: 2019", "year: 1492"))
    assert main(["--root", str(repo.root), "check", "--format", "github", "--lang", "en"]) == 1
    line = capsys.readouterr().out.strip()
    assert line.startswith("::error file=content/case_studies/good-story/meta.yml,line=6,title=year::1492 is not a plausible year")


# --- bridges check PATH: the volunteer's loop ------------------------------------------------

def _lab(repo, slug="media-lab"):
    repo.write(f"content/labs/{slug}/meta.yml", f"""
        slug: {slug}
        original_language: en
        lab_kind: media
        """)
    repo.write(f"content/labs/{slug}/index.en.md", "---\ntitle: A lab\nsummary: What it does.\n---\nBody.\n")


def test_check_path_reports_only_that_bundle_with_the_same_messages(repo, capsys):
    _lab(repo)
    story = repo.story(meta=None)
    meta = story / "meta.yml"
    meta.write_text(meta.read_text().replace("year: 2019", "year: 1492\nlabs: [media-lab, media-labs]"))
    broken = repo.story("other-story")
    (broken / "meta.yml").write_text((broken / "meta.yml").read_text().replace("countries: [FR]", "countries: [Frnce]"))

    assert main(["--root", str(repo.root), "check", "--lang", "fr"]) == 1
    everything = capsys.readouterr().out.splitlines()
    assert main(["--root", str(repo.root), "check", str(story), "--lang", "fr"]) == 1
    one = capsys.readouterr().out.splitlines()
    assert one == [line for line in everything if "/good-story/" in line]
    assert [line.split(": ")[1] for line in one] == ["year", "labs[1]"]  # the existing lab is found
    assert "media-lab" in one[1] and "labs[0]" not in "".join(one)


def test_check_path_of_a_campaign_finds_the_item_its_figures_come_from(repo, capsys):
    import shutil

    fixture = Path(__file__).parent / "fixture_site" / "content"
    for folder in ("campaigns/fixture-long-table", "white_papers/long-table-report"):
        shutil.copytree(fixture / folder, repo.root / "content" / folder)
    assert main(["--root", str(repo.root), "check", str(repo.root / "content/campaigns/fixture-long-table"),
                 "--lang", "en"]) == 0, capsys.readouterr().out
    assert capsys.readouterr().out.startswith("1 item(s) checked (campaign/fixture-long-table): no problems.")


def test_check_path_accepts_a_file_of_the_bundle_and_a_type_folder(repo, capsys):
    _lab(repo)
    repo.story()
    assert main(["--root", str(repo.root), "check", str(repo.root / "content/case_studies/good-story/index.fr.md"),
                 "--lang", "en"]) == 0
    assert capsys.readouterr().out.startswith("1 item(s) checked (case_study/good-story): no problems.")
    assert main(["--root", str(repo.root), "check", str(repo.root / "content/labs"), "--lang", "en"]) == 0
    assert capsys.readouterr().out.startswith("1 item(s) checked (lab/media-lab): no problems.")


def test_check_path_finds_a_slug_taken_by_another_type_and_refuses_other_folders(repo, capsys):
    _lab(repo, "good-story")
    repo.story()
    assert main(["--root", str(repo.root), "check", str(repo.root / "content/case_studies/good-story")]) == 1
    assert "meta.yml:1: slug: the slug 'good-story' is used by more than one item" in capsys.readouterr().out
    assert main(["--root", str(repo.root), "check", str(repo.root.parent), "--lang", "en"]) == 1
    assert "this is not an item's folder" in capsys.readouterr().out
