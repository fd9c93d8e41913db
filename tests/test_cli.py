import subprocess
import sys

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
