"""Problems found in the content, and how they are told to a contributor.

A Problem holds a message code and its parameters, not a sentence: the sentence comes from
messages.yml in the reader's language, so the same problem reads well in English or French.
"""
from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import data

from .limits import MAX_SHOWN

MESSAGES_FILE = Path(__file__).with_name("messages.yml")
MESSAGE_LANGUAGES = ("en", "fr")

# What must not reach a terminal or a CI log as it is: control characters (an escape sequence
# can rewrite the screen or fake a line), the bidirectional overrides that reorder what is
# shown, and the bytes of a file name that is not UTF-8 (surrogates, from os.fsdecode).
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escaped(match: re.Match) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a non-UTF-8 name, as os.fsdecode keeps it
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` with every control character shown as an escape (\\x1b), safe to print anywhere."""
    return _UNPRINTABLE.sub(_escaped, text)


def github_data(text: str) -> str:
    """Text escaped as GitHub documents for the message of a workflow command."""
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def github_property(text: str) -> str:
    """Text escaped for a property (file=, title=) of a workflow command."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


def _catalogue() -> dict:
    return data.declaration(MESSAGES_FILE)


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int | None
    field: str
    code: str
    params: dict = field(default_factory=dict, hash=False, compare=False)
    warning: bool = False

    def text(self, lang: str = "en") -> str:
        """`what is wrong. How to fix it.` in the reader's language."""
        lang = lang if lang in MESSAGE_LANGUAGES else "en"
        catalogue = _catalogue()
        entry = catalogue[self.code]
        texts = entry.get(lang) or entry["en"]
        # A parameter given in every message language ({"en": ..., "fr": ...}) is read in the reader's.
        params = {name: value.get(lang, value["en"]) if isinstance(value, dict) and "en" in value else value
                  for name, value in self.params.items()}
        if "vocabulary" in params:  # "themes" -> "thèmes"
            params["vocabulary"] = catalogue["_vocabularies"][lang].get(params["vocabulary"], params["vocabulary"])
        if "changes" in params:  # [(added|removed|changed, line, quote)] -> one readable list
            words = catalogue["_changes"][lang]
            params["changes"] = words["separator"].join(words[kind].format(line=line or "?", text=text)
                                                        for kind, line, text in params["changes"])
        prefix = f"{catalogue['_warning'][lang]} " if self.warning else ""
        return f"{prefix}{texts['what'].format(**params)}. {texts['fix'].format(**params)}"

    def message(self, lang: str = "en") -> str:
        """`path:line: field: what is wrong. How to fix it.`, control characters escaped."""
        return printable(f"{self.path.as_posix()}:{self.line or 1}: {self.field or '-'}: {self.text(lang)}")

    def annotation(self, lang: str = "en") -> str:
        """The problem as a GitHub Actions workflow command, shown on the pull request's diff.
        File names, fields and values come from contributors: escaped so that none of them
        can end the command or start another one."""
        level = "warning" if self.warning else "error"
        return (f"::{level} file={github_property(self.path.as_posix())},line={self.line or 1},"
                f"title={github_property(self.field or 'content')}::{github_data(self.text(lang))}")

    def sort_key(self):
        return (self.path.as_posix(), self.line or 0, self.field, self.code)


def shown_lines(problems: list[Problem], lang: str = "en", github: bool = False,
                limit: int = MAX_SHOWN) -> list[str]:
    """What to print for these problems: at most `limit` of them, then how many more there are."""
    lines = [problem.annotation(lang) if github else problem.message(lang) for problem in problems[:limit]]
    if len(problems) > limit:
        lines.append(say("more_problems", lang, count=len(problems) - limit))
    return lines


# --- where an unexpected error happened --------------------------------------------------

@contextlib.contextmanager
def working_on(path: Path):
    """Mark the file being read or written: an unexpected error raised inside says which file
    made it happen (the innermost one), so that a contributor knows what to report."""
    try:
        yield
    except Exception as error:
        if getattr(error, "bridges_path", None) is None:
            error.bridges_path = path
        raise


def crash_message(error: BaseException, lang: str = "en", default: Path | str = "content") -> str:
    """`path: what went wrong. Please report it with this file.` for an error that is a bug."""
    path = getattr(error, "bridges_path", None) or default
    path = path.as_posix() if isinstance(path, Path) else str(path)
    return printable(say("unexpected_error", lang, path=path, error=type(error).__name__))


def say(key: str, reader: str = "en", **params) -> str:
    """A sentence of the `bridges` command itself (messages.yml, _cli), in the reader's language."""
    entry = _catalogue()["_cli"][key]
    return (entry.get(reader) or entry["en"]).format(**params)


def known_codes() -> set[str]:
    return {code for code in _catalogue() if not code.startswith("_")}


class Superseded(Exception):
    """A build stopped part-way because a newer change will need another one (`bridges serve`)."""


class ContentError(Exception):
    """Raised by the build when the content has problems; carries all of them."""

    def __init__(self, problems: list[Problem], lang: str = "en"):
        self.problems = problems
        lines = shown_lines(problems, lang)
        super().__init__(f"{len(problems)} problem(s) in content/:\n" + "\n".join(lines))
