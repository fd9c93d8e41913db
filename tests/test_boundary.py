"""No traceback, ever: the one error boundary of the command and the MkDocs hooks (bridges.boundary),
and what reaches a terminal or a CI log (control characters, workflow commands, how many lines)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bridges.adapters import cli
from bridges.model.limits import MAX_SHOWN
from bridges.model.problems import Problem, crash_message, printable, working_on


def _explode(*args, **kwargs):
    with working_on(Path("content/case_studies/good-story")):
        with working_on(Path("content/case_studies/good-story/index.en.md")):
            raise ZeroDivisionError("a bug of Bridges")


@pytest.fixture
def bug(monkeypatch):
    """A bug inside the check, raised while a contributor's file is being read."""
    monkeypatch.setattr(cli, "load_and_check", _explode)


def test_a_bug_gives_one_line_naming_the_file_and_a_non_zero_exit(repo, bug, monkeypatch, capsys):
    monkeypatch.delenv("BRIDGES_RAISE")
    assert cli.main(["--root", str(repo.root), "check", "--lang", "en"]) == cli.EXIT_CRASH
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip() == (
        "content/case_studies/good-story/index.en.md: something went wrong that Bridges did not expect "
        "(ZeroDivisionError). Please report it with this file: open an issue on GitHub and attach the file, "
        "or send it to the team.")


def test_tests_and_maintainers_see_the_real_exception(repo, bug):
    assert os.environ["BRIDGES_RAISE"] == "1"  # set by tests/conftest.py
    with pytest.raises(ZeroDivisionError):
        cli.main(["--root", str(repo.root), "check"])


def test_the_report_is_in_french_for_a_french_locale(bug, repo, monkeypatch, capsys):
    monkeypatch.delenv("BRIDGES_RAISE")
    monkeypatch.setenv("LANGUAGE", "fr")
    assert cli.main(["--root", str(repo.root), "check"]) == cli.EXIT_CRASH
    assert "index.en.md : un problème inattendu" in capsys.readouterr().err


@pytest.mark.site  # runs the installed command
def test_the_installed_command_prints_no_traceback_for_a_bug(repo):
    # A real process: the report is what a volunteer sees, with nothing around it.
    code = ("import sys, bridges.adapters.cli as c\n"
            "def boom(*a, **k): raise RecursionError('deep')\n"
            "c.load_and_check = boom\n"
            f"sys.exit(c.main(['--root', {str(repo.root)!r}, 'check']))\n")
    env = {key: value for key, value in os.environ.items() if key != "BRIDGES_RAISE"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={**env, "LANG": "C"})
    assert result.returncode == cli.EXIT_CRASH
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().startswith("content: something went wrong that Bridges did not expect (RecursionError)")


def test_the_innermost_file_is_named_and_a_path_is_always_printable():
    error = ValueError()
    with pytest.raises(ValueError), working_on(Path("content/a")), working_on(Path(os.fsdecode(b"content/a/\xff\x1b.md"))):
        raise error
    assert crash_message(error).startswith("content/a/\\xff\\x1b.md: something went wrong")


def test_every_mkdocs_hook_goes_through_the_boundary():
    from bridges.adapters.mkdocs import hooks

    names = [name for name in dir(hooks) if name.startswith("on_")]
    assert len(names) >= 5
    unguarded = [name for name in names if getattr(getattr(hooks, name), "__wrapped__", None) is None]
    assert not unguarded, f"add @boundary to {unguarded}"


def test_the_hooks_turn_a_bug_into_a_build_error_without_traceback(monkeypatch):
    from mkdocs.exceptions import PluginError

    from bridges.adapters.mkdocs import hooks

    @hooks.boundary
    def on_page_content(html_text, page, config, files):
        with working_on(Path("content/labs/media-lab/index.fr.md")):
            raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):  # BRIDGES_RAISE=1: the real exception
        on_page_content("<p>x</p>", None, None, None)
    monkeypatch.delenv("BRIDGES_RAISE")
    with pytest.raises(PluginError) as refused:  # MkDocs prints a PluginError as one line, and stops
        on_page_content("<p>x</p>", None, None, None)
    assert str(refused.value).startswith("content/labs/media-lab/index.fr.md: something went wrong that Bridges "
                                         "did not expect (ZeroDivisionError). Please report it with this file")
    assert refused.value.__cause__ is None
    with pytest.raises(PluginError, match="refused on purpose"):  # a hook's own refusal passes unchanged
        hooks.boundary(lambda: (_ for _ in ()).throw(PluginError("refused on purpose")))()


# --- what reaches a terminal or a CI log ----------------------------------------------------

HOSTILE_NAME = os.fsdecode(b"content/case_studies/x/images/a\xe9,b:c%0A\n::error file=evil::\x1b[2Jd.png")


def test_terminal_output_shows_control_characters_escaped():
    problem = Problem(Path(HOSTILE_NAME), 1, "title\u202e", "control_character", {"char": "\x07\x9b"})
    line = problem.message()
    assert all(char.isprintable() for char in line), line
    assert "a\\xe9,b:c%0A\\x0a::error file=evil::\\x1b[2Jd.png" in line
    assert "title\\u202e" in line and "(\\x07\\x9b)" in line
    assert printable("Arabic مرحبا, accents é, emoji 🌉") == "Arabic مرحبا, accents é, emoji 🌉"


def test_github_annotations_escape_file_names_and_messages_as_github_documents():
    problem = Problem(Path(HOSTILE_NAME), 3, "links[0],x::y", "control_character", {"char": "50%\r\n::warning::x"})
    line = problem.annotation()
    command, _, message = line.partition("::")[2].partition("::")
    assert line.count("\n") == 0 and line.count("\r") == 0
    assert command == ("error file=content/case_studies/x/images/a\\xe9%2Cb%3Ac%250A%0A%3A%3Aerror file=evil"
                       "%3A%3A\\x1b[2Jd.png,line=3,title=links[0]%2Cx%3A%3Ay")
    assert "(50%25%0D%0A::warning::x)" in message  # in the message, only %, CR and LF are special


def test_no_more_than_max_shown_problems_are_printed_then_how_many_more(repo, capsys):
    lines = "".join(f"  - {{id: i{index}, file: images/missing-{index}.png}}\n" for index in range(MAX_SHOWN - 10))
    folder = repo.story()
    meta = folder / "meta.yml"
    meta.write_text(meta.read_text() + "images:\n" + lines)
    assert cli.main(["--root", str(repo.root), "check", "--lang", "en"]) == 1
    captured = capsys.readouterr()
    out = captured.out.splitlines()
    assert len(out) == MAX_SHOWN + 1
    assert out[-1].startswith("… and ")
    count = int(out[-1].split()[2])
    assert count > 0 and f"{MAX_SHOWN + count} problem(s) found" in captured.err


# --- values that crashed the build --------------------------------------------------------

def test_a_figure_written_as_text_too_large_to_format_is_a_problem(repo, capsys):
    # value: "1e308" is text to YAML; pydantic read it as a float, and babel crashed on it in the build.
    import shutil

    from conftest import FIXTURE_SITE, PAST_CAMPAIGN

    folder = f"content/campaigns/{PAST_CAMPAIGN}"
    shutil.copytree(FIXTURE_SITE / folder, repo.root / folder)
    meta = repo.root / folder / "meta.yml"
    lines = meta.read_text(encoding="utf-8").split("\n")
    number = next(index for index, line in enumerate(lines) if "value: 472000000" in line)
    lines[number] = lines[number].replace("value: 472000000", 'value: "1e308"')
    meta.write_text("\n".join(lines), encoding="utf-8")
    cli.main(["--root", str(repo.root), "check", "--lang", "en"])
    out = capsys.readouterr().out
    assert (f"{folder}/meta.yml:{number + 1}: figures[0].value: this number is too large. "
            "Write a number between -1000000000000000 and 1000000000000000") in out
