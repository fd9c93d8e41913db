"""The parts of the guides that are made, not written: the field tables of content/README.md (from
fields.yml, like the scaffold and the JSON Schemas), so that they cannot drift from the model.

`bridges docs` rewrites the parts between `<!-- made by bridges docs: NAME -->` and
`<!-- end of NAME -->`; a test fails while a guide differs from what the command would write.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..model.fields import Field, as_yaml, fields_of
from ..model.schemas import SCHEMAS, ItemMeta, Translation

MARKER = re.compile(r"(<!-- made by bridges docs: (?P<name>[\w.-]+) -->\n)(?P<body>.*?)(<!-- end of (?P=name) -->)", re.S)
HEADINGS = {
    "en": ("field", "required", "what it holds", "example"),
    "fr": ("champ", "obligatoire", "ce qu'il contient", "exemple"),
}
YES_NO = {"en": ("yes", "no"), "fr": ("oui", "non")}


def field_table(fields: list[Field], lang: str, required_in: set[str] = frozenset()) -> str:
    heading = HEADINGS[lang]
    rows = [f"| {' | '.join(heading)} |", "|" + "---|" * len(heading)]
    for one in _flatten(fields):
        required = one.required or one.path in required_in
        example = one.example(lang)
        shown = f"`{as_yaml(example)}`" if example is not None else ""
        description = one.description(lang).replace("|", "\\|").replace("<", "&lt;")
        rows.append(f"| `{one.path}` | {YES_NO[lang][0 if required else 1]} | {description} | {shown} |")
    return "\n".join(rows) + "\n"


def _flatten(fields: list[Field]):
    for one in fields:
        yield one
        yield from _flatten(one.children())


def tables(lang: str) -> dict[str, str]:
    """Every table a guide may hold, by the name its marker gives."""
    shared = {one.name for one in fields_of(ItemMeta)}
    made = {"fields.every-type": field_table(fields_of(ItemMeta), lang)}
    for type_key, (meta, text) in SCHEMAS.items():
        own = [one for one in fields_of(meta) if one.name not in shared]
        # A type may require a field that is optional elsewhere (a resource needs its audiences).
        required = {one.name for one in fields_of(meta) if one.name in shared and one.required
                    and not next(other for other in fields_of(ItemMeta) if other.name == one.name).required}
        made[f"fields.{type_key}"] = field_table(own + [one for one in fields_of(meta) if one.name in required],
                                                 lang, required)
    shared_text = {one.name for one in fields_of(Translation)}
    made["fields.text"] = field_table(fields_of(Translation), lang)
    for type_key, (_, text) in SCHEMAS.items():
        own = [one for one in fields_of(text) if one.name not in shared_text]
        if own:
            made[f"fields.text.{type_key}"] = field_table(own, lang)
    return made


def updated(text: str, lang: str) -> str:
    """The guide's text with every made part as `bridges docs` writes it."""
    made = tables(lang)

    def replace(match):
        name = match["name"]
        if name not in made:
            raise KeyError(f"no part named '{name}': use one of {', '.join(made)}")
        return match.group(1) + made[name] + match.group(4)

    return MARKER.sub(replace, text)


# The guides that hold made parts, and their language.
GUIDES = {"content/README.md": "en"}


def update_guides(root: Path, write: bool = True) -> list[str]:
    """Rewrite the made parts of every guide; returns the guides that changed (or would)."""
    changed = []
    for relative, lang in GUIDES.items():
        path = root / relative
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        new = updated(text, lang)
        if new != text:
            changed.append(relative)
            if write:
                path.write_text(new, encoding="utf-8")
    return changed
