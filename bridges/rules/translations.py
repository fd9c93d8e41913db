"""Which translations are done, missing or outdated.

A translation records in `source_hash` the hash of the original text it was made from. When the
original changes, the hashes differ: the check warns, and the translated page says so.
"""
from __future__ import annotations

import difflib
import hashlib
from enum import Enum

from ..model.problems import Problem
from ..model.schemas import Item, Text
from ..sources.history import earlier_versions
from ..sources.load import Content, text_parts

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
    parts = [title or "", summary or "", body]  # None: a field the schema refused
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


def outdated_translations(content: Content, items: list[Item] | None = None) -> list[Problem]:
    """A warning for each translation whose original changed since it was made (or never said),
    with what changed in the original when its earlier version is in the history."""
    problems = []
    for item in content.items if items is None else items:
        original = item.texts.get(item.meta.original_language)
        for lang, text in item.texts.items():
            if status(item, lang) is not Status.OUTDATED:
                continue
            line = text.front_lines.get(("source_hash",), 2)
            params = {"original": f"index.{original.lang}.md", "hash": text_hash(original)}
            code = "translation_outdated" if text.front.source_hash else "translation_untracked"
            if text.front.source_hash:
                before = original_at(item, original, text.front.source_hash)
                if before is not None:
                    code, params["changes"] = "translation_outdated_changes", changes(before, original)
            problems.append(Problem(text.path.relative_to(item.root), line, "source_hash", code, params, warning=True))
    return problems


def original_at(item: Item, original: Text, source_hash: str) -> tuple[str, str, str] | None:
    """The (title, summary, body) of the original when its hash was `source_hash`, from git."""
    for version in earlier_versions(item.root, original.path.relative_to(item.root)):
        parts = text_parts(version)
        if parts is not None and hash_of(*parts) == source_hash:
            return parts
    return None


QUOTE_LENGTH = 70
SIMILAR = 0.5  # share of words in common from which a paragraph counts as changed, not replaced


def changes(before: tuple[str, str, str], original: Text) -> list[tuple[str, int | None, str]]:
    """What changed, paragraph by paragraph (the title and summary count as paragraphs):
    ("added" | "removed" | "changed", line in the original or None, a short quote)."""
    old = _paragraphs(*before, body_line=None)
    new = _paragraphs(original.front.title, original.front.summary, original.body, body_line=original.body_line,
                      lines=original.front_lines)
    found = []
    matcher = difflib.SequenceMatcher(None, [text for text, _ in old], [text for text, _ in new], autojunk=False)
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if operation == "equal":
            continue
        removed, added = old[old_start:old_end], new[new_start:new_end]
        for position in range(max(len(removed), len(added))):
            before = removed[position][0] if position < len(removed) else None
            after, line = added[position] if position < len(added) else (None, None)
            # A paragraph rewritten in part is "changed"; one replaced by another is removed and added.
            if before is not None and after is not None and _similar(before, after):
                found.append(("changed", line, _quote(after)))
                continue
            if after is not None:
                found.append(("added", line, _quote(after)))
            if before is not None:
                found.append(("removed", None, _quote(before)))
    return found


def _similar(before: str, after: str) -> bool:
    return difflib.SequenceMatcher(None, before.split(), after.split(), autojunk=False).ratio() >= SIMILAR


def _paragraphs(title: str, summary: str, body: str, body_line: int | None, lines: dict | None = None):
    """[(normalised paragraph, its line in the file or None)]."""
    lines = lines or {}
    out = [(" ".join((title or "").split()), lines.get(("title",))),
           (" ".join((summary or "").split()), lines.get(("summary",)))]
    offset = 0
    for block in body.split("\n\n"):
        if block.strip():
            leading = len(block) - len(block.lstrip("\n"))
            line = None if body_line is None else body_line + body[:offset].count("\n") + leading
            out.append((" ".join(block.split()), line))
        offset += len(block) + 2
    return out


def _quote(text: str) -> str:
    return text if len(text) <= QUOTE_LENGTH else text[: QUOTE_LENGTH - 1].rstrip() + "…"
