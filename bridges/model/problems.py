"""Problems found in the content, and how they are told to a contributor.

A Problem holds a message code and its parameters, not a sentence: the sentence comes from
messages.yml in the reader's language, so the same problem reads well in English or French.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

import yaml

MESSAGES_FILE = Path(__file__).with_name("messages.yml")
MESSAGE_LANGUAGES = ("en", "fr")


@functools.cache
def _catalogue() -> dict:
    with MESSAGES_FILE.open(encoding="utf-8") as stream:
        return yaml.load(stream, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml: 10x faster


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
        """`path:line: field: what is wrong. How to fix it.`"""
        return f"{self.path.as_posix()}:{self.line or 1}: {self.field or '-'}: {self.text(lang)}"

    def annotation(self, lang: str = "en") -> str:
        """The problem as a GitHub Actions workflow command, shown on the pull request's diff."""
        level = "warning" if self.warning else "error"
        escaped = self.text(lang).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        title = (self.field or "content").replace(",", "%2C").replace("::", "%3A%3A")
        return f"::{level} file={self.path.as_posix()},line={self.line or 1},title={title}::{escaped}"

    def sort_key(self):
        return (self.path.as_posix(), self.line or 0, self.field, self.code)


def say(key: str, reader: str = "en", **params) -> str:
    """A sentence of the `bridges` command itself (messages.yml, _cli), in the reader's language."""
    entry = _catalogue()["_cli"][key]
    return (entry.get(reader) or entry["en"]).format(**params)


def known_codes() -> set[str]:
    return {code for code in _catalogue() if not code.startswith("_")}


class ContentError(Exception):
    """Raised by the build when the content has problems; carries all of them."""

    def __init__(self, problems: list[Problem], lang: str = "en"):
        self.problems = problems
        lines = [p.message(lang) for p in problems]
        super().__init__(f"{len(problems)} problem(s) in content/:\n" + "\n".join(lines))
