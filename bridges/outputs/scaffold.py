"""`bridges new`: a new bundle whose files list every field of its type, in the writer's language.

The files are made from the schemas (bridges.model.schemas) and what each field means
(bridges.model.fields): required fields and the few a type asks for hold TODO, every other field
is a commented line with an example. Nothing is filled in silently: only the slug and the language
come from the command. `bridges check` then points at each TODO left.
"""
from __future__ import annotations

from pathlib import Path

from ..model.fields import Field, as_yaml, asked, fields_of, schema_file, words
from ..model.problems import MESSAGE_LANGUAGES, say
from ..model.registry import REGISTRY
from ..model.schemas import PLACEHOLDER
from ..model.site import Site
from ..rules.checks import SLUG

COMMENT_COLUMN = 34  # where a field's explanation starts, so that the values line up


class ScaffoldError(Exception):
    pass


def type_key_for(site: Site, text: str) -> str | None:
    """The content type a writer means: case_study, case-study, case-studies or case_studies."""
    wanted = text.strip().lower().replace("-", "_")
    for key, content_type in site.content_types.items():
        if wanted in (key, content_type.folder, content_type.url.replace("-", "_")):
            return key
    return None


def new_bundle(site: Site, type_name: str, slug: str, lang: str, base_url: str = "/", messages: str = "en") -> Path:
    type_key = type_key_for(site, type_name)
    if type_key is None:
        raise ScaffoldError(say("new_unknown_type", messages, value=type_name,
                                types=", ".join(key.replace("_", "-") for key in site.content_types)))
    if not SLUG.match(slug):
        raise ScaffoldError(say("new_bad_slug", messages, value=slug))
    if lang not in site.language_codes:
        raise ScaffoldError(say("new_bad_language", messages, value=lang, languages=", ".join(site.language_codes)))
    folder = site.content_dir / site.content_types[type_key].folder / slug
    if folder.exists():
        raise ScaffoldError(say("new_exists", messages, folder=folder.relative_to(site.root).as_posix()))
    shown = folder.relative_to(site.root).as_posix()
    meta = meta_text(site, type_key, slug, lang, base_url + schema_file(type_key, lang), shown)
    text = text_file(type_key, lang, shown)
    folder.mkdir(parents=True)
    (folder / "meta.yml").write_text(meta, encoding="utf-8")
    (folder / f"index.{lang}.md").write_text(text, encoding="utf-8")
    return folder


def meta_text(site: Site, type_key: str, slug: str, lang: str, schema: str, shown: str) -> str:
    lines = [f"# yaml-language-server: $schema={schema}"]
    if lang not in MESSAGE_LANGUAGES:
        lines.append(f"# {words('fallback', 'en', language=site.language(lang).name)}")
    header = words("header", lang, what=words(type_key, lang), folder=shown)
    lines += [f"# {line}" for line in header.splitlines()]
    values = {"slug": slug, "original_language": lang}
    for one in fields_of(REGISTRY[type_key].meta):
        lines += _field_lines(one, lang, values, ask=one.required or one.name in asked(type_key))
    return "\n".join(lines) + "\n"


def text_file(type_key: str, lang: str, shown: str) -> str:
    lines = ["---"] + [f"# {line}" for line in words("front", lang, folder=shown).splitlines()]
    for one in fields_of(REGISTRY[type_key].text):
        if one.name == "source_hash":
            continue  # for translations only; bridges check gives the value
        lines += _field_lines(one, lang, {}, ask=one.required)
    return "\n".join(lines) + "\n---\n" + words("body", lang) + "\n"


def _field_lines(one: Field, lang: str, values: dict, ask: bool, indent: str = "", item: str = "",
                 parent_active: bool = False) -> list[str]:
    """The lines of one field: `name: value  # what it is`, commented out with an example when the
    field is optional. `item` is the '- ' that opens an entry of a list of blocks."""
    describe = one.description(lang)
    # Optional lines inside a block that is filled in are commented after their indentation.
    comment = "" if ask else "# "
    lead = (indent + comment if parent_active else comment + indent) + item
    if one.name in values:
        return [_explained(f"{indent}{item}{one.name}: {values[one.name]}", describe)]
    example = one.example(lang)
    if one.shape == "block" and example is not None and not ask:
        # A block whose parts exclude each other (a source is an item or a name and address)
        # is shown by its example.
        return [_explained(f"{lead}{one.name}: {as_yaml(example)}", describe)]
    if one.shape in ("block", "blocks"):
        lines = [_explained(f"{lead}{one.name}:", describe)]
        for position, child in enumerate(one.children()):
            opener = "- " if one.shape == "blocks" and position == 0 else ""
            child_indent = indent + ("    " if one.shape == "blocks" and position else "  ")
            lines += _field_lines(child, lang, {}, ask=ask and child.required, indent=child_indent, item=opener,
                                  parent_active=ask or parent_active)
        return lines
    if ask:
        todo = one.todo(lang)
        if todo:
            return [f"{lead}{one.name}: {as_yaml(f'{PLACEHOLDER}: {todo}')}"]
        value = f"[{PLACEHOLDER}]" if one.shape == "list" else PLACEHOLDER
        hint = describe + (words("example", lang, value=as_yaml(example)) if example is not None else "")
        return [_explained(f"{lead}{one.name}: {value}", hint)]
    return [_explained(f"{lead}{one.name}: {as_yaml(example) if example is not None else ''}".rstrip(), describe)]


def _explained(line: str, explanation: str) -> str:
    return f"{line.ljust(COMMENT_COLUMN - 1)} # {explanation}" if explanation else line
