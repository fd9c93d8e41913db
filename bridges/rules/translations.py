"""Which translations are done, missing or outdated.

A translation records in `source_hash` the hash of the original text it was made from. When the
original changes, the hashes differ: the check warns, and the translated page says so.
"""
from __future__ import annotations

import hashlib
from enum import Enum

from ..model.problems import Problem
from ..model.schemas import Item, Text
from ..sources.load import Content

HASH_LENGTH = 12


class Status(str, Enum):
    ORIGINAL = "original"
    DONE = "done"
    OUTDATED = "outdated"
    MISSING = "missing"


def text_hash(text: Text) -> str:
    """A short fingerprint of what a translator translates: title, summary and body."""
    return hash_of(text.front.title, text.front.summary, text.body)


def hash_of(title: str, summary: str, body: str) -> str:
    parts = [title, summary, body]
    normalised = "\n".join(" ".join(part.split()) for part in parts)
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def status(item: Item, lang: str) -> Status:
    if lang == item.meta.original_language:
        return Status.ORIGINAL
    text = item.texts.get(lang)
    if text is None:
        return Status.MISSING
    original = item.texts.get(item.meta.original_language)
    if original is None or text.front.source_hash == text_hash(original):
        return Status.DONE
    return Status.OUTDATED


def outdated_translations(content: Content) -> list[Problem]:
    """A warning for each translation whose original changed since it was made (or never said)."""
    problems = []
    for item in content.items:
        original = item.texts.get(item.meta.original_language)
        for lang, text in item.texts.items():
            if status(item, lang) is Status.OUTDATED:
                line = text.front_lines.get(("source_hash",), 2)
                code = "translation_outdated" if text.front.source_hash else "translation_untracked"
                problems.append(Problem(text.path.relative_to(item.root), line, "source_hash", code,
                                        {"original": f"index.{original.lang}.md", "hash": text_hash(original)},
                                        warning=True))
    return problems
