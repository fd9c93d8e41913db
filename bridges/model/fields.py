"""What each field means (fields.yml), walked along the schemas of schemas.py.

One description per field feeds the comments of `bridges new`, the JSON Schemas that editors use
to complete fields and values, and the field tables of content/README.md.
"""
from __future__ import annotations

import datetime as dt
import functools
import json
import types
import typing
from dataclasses import dataclass
from pathlib import Path

import pycountry
import yaml
from pydantic import BaseModel

from .problems import MESSAGE_LANGUAGES
from .registry import REGISTRY
from .site import Site

FIELDS_FILE = Path(__file__).with_name("fields.yml")


@functools.cache
def catalogue() -> dict:
    with FIELDS_FILE.open(encoding="utf-8") as stream:
        return yaml.load(stream, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _in(entry, lang: str):
    """A value that may be given per language ({en: ..., fr: ...}) or once for all."""
    if isinstance(entry, dict) and "en" in entry:
        return entry.get(lang if lang in MESSAGE_LANGUAGES else "en") or entry["en"]
    return entry


def words(key: str, lang: str, **params) -> str:
    return _in(catalogue()["_words"][key], lang).format(**params)


def describe(path: str) -> dict[str, str] | None:
    """What the field at "consent.scope" (fields.yml's key) means, in every message language."""
    entry = catalogue().get(path)
    if not isinstance(entry, dict) or "en" not in entry:
        return None
    return {lang: entry.get(lang) or entry["en"] for lang in MESSAGE_LANGUAGES}


def asked(type_key: str) -> list[str]:
    """Optional fields that `bridges new` asks for, with a TODO, instead of leaving them commented."""
    return catalogue()["_ask"].get(type_key, [])


@dataclass(frozen=True)
class Field:
    """One field of a schema, with what fields.yml says about it."""
    path: str  # "consent.review_date": the key in fields.yml
    name: str
    required: bool
    shape: str  # "value", "list" (of values), "map", "block" (nested fields) or "blocks" (a list of them)
    model: type[BaseModel] | None  # the nested schema of a block or blocks

    def description(self, lang: str) -> str:
        return _in(catalogue().get(self.path, {}), lang) or ""

    def example(self, lang: str):
        return _in(catalogue().get(self.path, {}).get("example"), lang)

    def todo(self, lang: str) -> str | None:
        return _in(catalogue().get(self.path, {}).get("todo"), lang)

    def children(self) -> list[Field]:
        return fields_of(self.model, self.path) if self.model else []


def fields_of(schema: type[BaseModel], prefix: str = "") -> list[Field]:
    out = []
    for name, info in schema.model_fields.items():
        shape, model = _shape(info.annotation)
        out.append(Field(f"{prefix}.{name}" if prefix else name, name, info.is_required(), shape, model))
    return out


def _shape(annotation) -> tuple[str, type[BaseModel] | None]:
    args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType) and len(args) == 1:
        annotation = args[0]
    origin = typing.get_origin(annotation)
    if origin is list:
        inner = typing.get_args(annotation)[0]
        return ("blocks", inner) if _is_model(inner) else ("list", None)
    if origin is dict:
        return "map", None
    if _is_model(annotation):
        return "block", annotation
    return "value", None


def _is_model(annotation) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def undocumented() -> list[str]:
    """Fields of a schema that fields.yml does not describe (a test keeps this empty)."""
    missing = []

    def walk(fields):
        for one in fields:
            if not one.description("en") or not one.description("fr"):
                missing.append(one.path)
            walk(one.children())

    for registered in REGISTRY.values():
        walk(fields_of(registered.meta))
        walk(fields_of(registered.text))
    return sorted(set(missing))


# --- JSON Schema for editors ---------------------------------------------------------------

def schema_file(type_key: str, lang: str) -> str:
    """Where the site publishes the JSON Schema of a type's meta.yml, from its root: one per
    message language (the descriptions are in it), English for the other site languages."""
    suffix = "" if lang == "en" or lang not in MESSAGE_LANGUAGES else f".{lang}"
    return f"schemas/{type_key}{suffix}.json"


def json_schema(site: Site, type_key: str, lang: str = "en", schema_id: str | None = None) -> dict:
    """The JSON Schema of a type's meta.yml: the pydantic schema, with every field described in
    `lang` and the controlled vocabularies, countries and languages as lists of allowed values."""
    meta_schema = REGISTRY[type_key].meta
    schema = meta_schema.model_json_schema()
    schema["title"] = f"meta.yml: {site.type_label(type_key, lang)}"
    schema["description"] = words(type_key, lang)
    if schema_id:
        schema["$id"] = schema_id
    countries = sorted(country.alpha_2 for country in pycountry.countries)
    languages = sorted(language.alpha_2 for language in pycountry.languages if hasattr(language, "alpha_2"))
    allowed = {
        "original_language": site.language_codes,
        "countries": countries, "partners.country": countries,
        "themes": list(site.vocabularies["themes"]), "audiences": list(site.vocabularies["audiences"]),
        "sdgs": list(site.vocabularies["sdgs"]), "lab_kind": list(site.vocabularies["lab_kinds"]),
        "downloads.language": languages, "article_language": languages,
    }
    definitions = schema.get("$defs", {})

    def annotate(properties: dict, fields: list[Field]):
        for one in fields:
            node = properties.get(one.name)
            if node is None:
                continue
            node.pop("title", None)  # pydantic's English "Review Date": the description says it
            node["description"] = one.description(lang)
            if one.path in allowed:
                _set_enum(node, allowed[one.path])
            if one.model is not None:
                reference = _find_ref(node)
                if reference:
                    definition = definitions[reference.rsplit("/", 1)[-1]]
                    definition["description"] = one.description(lang)
                    annotate(definition.get("properties", {}), one.children())

    annotate(schema["properties"], fields_of(meta_schema))
    return schema


def _set_enum(node: dict, values: list) -> None:
    """Allowed values on the node, or on its items for a list, or on the non-null branch."""
    if node.get("type") == "array":
        node["items"] = {**node.get("items", {}), "enum": values}
    elif "anyOf" in node:
        for branch in node["anyOf"]:
            if branch.get("type") != "null":
                _set_enum(branch, values)
    else:
        node["enum"] = values


def _find_ref(node: dict) -> str | None:
    if "$ref" in node:
        return node["$ref"]
    for child in [node.get("items", {}), *node.get("anyOf", [])]:
        found = _find_ref(child) if isinstance(child, dict) else None
        if found:
            return found
    return None


def as_yaml(value) -> str:
    """An example value as it is written in a YAML file."""
    if isinstance(value, str) and value[:1] in "[{":
        return value  # already a flow list or mapping
    if isinstance(value, dt.date):
        return value.isoformat()
    plain = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=1000).removesuffix("...\n").strip()
    if isinstance(value, str) and plain[:1] in "'\"":
        return json.dumps(value, ensure_ascii=False)  # "double quotes": valid YAML, easier to read than 'it''s'
    return plain
