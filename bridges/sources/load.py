"""Loading content bundles into typed Items, collecting every problem on the way.

A bundle is one folder, content/<type folder>/<slug>/, with meta.yml and index.<lang>.md files.
Loading never stops at the first problem and never writes anything.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from ..model.locales import is_country
from ..model.problems import Problem
from ..model.registry import REGISTRY
from ..model.schemas import ArchivedProject, Item, Text, is_placeholder
from ..model.site import Site
from .textfile import read_text
from .yamlsource import Parsed, field_name, parse_yaml

INDEX_FILE = re.compile(r"^index(?:\.(?P<lang>[^.]+))?\.md$")
FRONT_MATTER_FENCE = "---"


@dataclass
class Content:
    site: Site
    items: list[Item] = field(default_factory=list)
    archive: list[ArchivedProject] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def of_type(self, type_key: str) -> list[Item]:
        return self._index()[1].get(type_key, [])

    def get(self, type_key: str, slug: str) -> Item | None:
        return self._index()[0].get((type_key, slug))

    def _index(self) -> tuple[dict, dict]:
        """Items by (type, slug) and by type, rebuilt when items were added (rules ask per item)."""
        if getattr(self, "_indexed", None) != len(self.items):
            self._by_id = {(item.type, item.slug): item for item in self.items}
            self._by_type: dict[str, list[Item]] = {}
            for item in self.items:
                self._by_type.setdefault(item.type, []).append(item)
            self._indexed = len(self.items)
        return self._by_id, self._by_type


def load_content(site: Site) -> Content:
    content = Content(site)
    for type_key, content_type in site.content_types.items():
        folder = site.content_dir / content_type.folder
        if not folder.is_dir():
            continue
        for bundle in sorted(folder.iterdir()):
            if bundle.name.startswith(("_", ".")) or not bundle.is_dir():
                continue
            item = load_bundle(site, type_key, bundle, content.problems)
            if item is not None:
                content.items.append(item)
    content.archive = load_archive(site, content.problems)
    return content


ARCHIVE_FILE = "content/archive.yml"


def load_archive(site: Site, problems: list[Problem]) -> list[ArchivedProject]:
    path = site.root / ARCHIVE_FILE
    if not path.exists():
        return []
    shown = Path(ARCHIVE_FILE)
    text, problem = read_text(path, shown)
    if problem:
        problems.append(problem)
        return []
    parsed = parse_yaml(text)
    problems.extend(Problem(shown, issue.line, issue.field, issue.code, issue.params) for issue in parsed.issues)
    if parsed.issues:
        return []
    if not isinstance(parsed.data, list):
        problems.append(Problem(shown, 1, "", "not_a_list"))
        return []
    entries = []
    for index, entry in enumerate(parsed.data):
        project = validate(ArchivedProject, parsed, shown, problems, prefix=(index,))
        if project is None:
            continue
        entries.append(project)
        for position, code in enumerate(project.countries):
            if not is_country(code):
                path = (index, "countries", position)
                problems.append(Problem(shown, parsed.line_of(path), field_name(path), "bad_country_no_match",
                                        {"value": code}))
    return entries



def load_bundle(site: Site, type_key: str, bundle: Path, problems: list[Problem]) -> Item | None:
    meta_schema, text_schema = REGISTRY[type_key].meta, REGISTRY[type_key].text
    shown = bundle.relative_to(site.root)
    meta_path = shown / "meta.yml"
    if bundle.is_symlink():
        problems.append(Problem(shown, 1, "", "symlink"))
        return None

    meta = None
    parsed = _read_yaml_file(site.root / meta_path, meta_path, problems)
    if parsed is not None:
        meta = validate(meta_schema, parsed, meta_path, problems)
        if meta is not None and meta.slug != bundle.name:
            problems.append(Problem(meta_path, parsed.line_of(("slug",)), "slug", "slug_mismatch",
                                    {"slug": meta.slug, "folder": bundle.name}))

    texts: dict[str, Text] = {}
    for path in sorted(bundle.iterdir()):
        match = INDEX_FILE.match(path.name)
        if not match:
            continue
        text_shown = shown / path.name
        lang = match.group("lang")
        if lang is None:
            problems.append(Problem(text_shown, 1, "", "index_without_language",
                                    {"default": site.default_language}))
            continue
        if lang not in site.language_codes:
            problems.append(Problem(text_shown, 1, "", "language_not_configured",
                                    {"lang": lang, "languages": ", ".join(site.language_codes)}))
            continue
        text = _load_text(path, text_shown, lang, text_schema, problems)
        if text is not None:
            texts[lang] = text

    if meta is None:
        return None
    if not texts:
        problems.append(Problem(shown, 1, "", "no_text", {"lang": meta.original_language}))
        return None
    return Item(type=type_key, slug=bundle.name, folder=bundle, meta=meta, texts=texts,
                meta_lines=parsed.lines)


def _read_yaml_file(path: Path, shown: Path, problems: list[Problem]) -> Parsed | None:
    text, problem = read_text(path, shown)
    if problem:
        problems.append(problem)
        return None
    parsed = parse_yaml(text)
    return _accept(parsed, shown, problems)


def _accept(parsed: Parsed, shown: Path, problems: list[Problem]) -> Parsed | None:
    problems.extend(Problem(shown, issue.line, issue.field, issue.code, issue.params) for issue in parsed.issues)
    if parsed.issues:
        return None
    if not isinstance(parsed.data, dict):
        problems.append(Problem(shown, parsed.line_of(()), "", "not_a_mapping_file"))
        return None
    return parsed


def _load_text(path: Path, shown: Path, lang: str, schema: type[BaseModel], problems: list[Problem]) -> Text | None:
    raw, problem = read_text(path, shown)
    if problem:
        problems.append(problem)
        return None
    lines = raw.split("\n")
    if lines[0].strip() != FRONT_MATTER_FENCE:
        problems.append(Problem(shown, 1, "", "front_matter_missing"))
        return None
    try:
        end = next(index for index in range(1, len(lines)) if lines[index].strip() == FRONT_MATTER_FENCE)
    except StopIteration:
        problems.append(Problem(shown, 1, "", "front_matter_unclosed"))
        return None
    parsed = _accept(parse_yaml("\n".join(lines[1:end]), first_line=2), shown, problems)
    if parsed is None:
        return None
    front = validate(schema, parsed, shown, problems)
    if front is None:
        return None
    if is_placeholder(body := "\n".join(lines[end + 1:]).strip()):
        problems.append(Problem(shown, end + 2, "body", "todo_placeholder"))
    return Text(lang=lang, path=path, front=front, body="\n".join(lines[end + 1:]).strip() + "\n",
                body_line=end + 2, front_lines=parsed.lines)


def validate(schema: type[BaseModel], parsed: Parsed, shown: Path, problems: list[Problem], prefix: tuple = ()):
    """The schema's object for the data at `prefix` in `parsed`, or None with its problems added."""
    data = parsed.data
    for part in prefix:
        data = data[part]
    todo = [prefix + path for path, value in _leaves(data) if is_placeholder(value)]
    problems.extend(Problem(shown, parsed.line_of(path), field_name(path), "todo_placeholder") for path in todo)
    try:
        return schema.model_validate(data)
    except ValidationError as error:
        for detail in error.errors(include_url=False):
            location = prefix + tuple(detail["loc"])
            if any(location[: len(path)] == path for path in todo):
                continue  # already reported as a placeholder
            problems.append(_problem_from_pydantic(detail, location, schema, parsed, shown))
        return None


def _leaves(value, path=()):
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _leaves(child, path + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _leaves(child, path + (index,))
    else:
        yield path, value


# pydantic's error types, mapped to our message codes (see messages.yml).
_PYDANTIC_CODES = {
    "missing": "missing_field",
    "extra_forbidden": "unknown_field",
    "url_scheme": "bad_url",
    "url_parsing": "bad_url",
    "url_type": "bad_url",
    "date_from_datetime_parsing": "bad_date",
    "date_from_datetime_inexact": "bad_date",
    "date_parsing": "bad_date",
    "date_type": "bad_date",
    "int_parsing": "not_a_number",
    "int_type": "not_a_number",
    "int_from_float": "not_a_number",
    "float_parsing": "not_a_number",
    "float_type": "not_a_number",
    "list_type": "not_a_list",
    "string_type": "not_text",
    "bool_parsing": "not_yes_no",
    "bool_type": "not_yes_no",
    "literal_error": "not_allowed",
    "dict_type": "not_a_mapping",
    "model_type": "not_a_mapping",
    "model_attributes_type": "not_a_mapping",
    "string_too_short": "empty_value",
    "too_short": "empty_list",
    "string_pattern_mismatch": "bad_format",
}


def _problem_from_pydantic(detail: dict, location: tuple, schema: type[BaseModel], parsed: Parsed,
                           shown: Path) -> Problem:
    code = _PYDANTIC_CODES.get(detail["type"], "invalid_value")
    params = {"reason": detail["msg"]}
    if code == "unknown_field":
        params["suggestion"], params["allowed"] = _suggest_field(schema, tuple(detail["loc"]))
        if not params["suggestion"]:
            code = "unknown_field_no_match"
    if code == "not_allowed":
        params["allowed"] = detail.get("ctx", {}).get("expected", "").replace("' or '", "', '")
    if code == "missing_field":
        params["name"] = location[-1]
    if code == "bad_format":
        params["value"] = str(detail.get("input"))[:80]
    return Problem(shown, parsed.line_of(location), field_name(location), code, params)


def _suggest_field(schema: type[BaseModel], location: tuple) -> tuple[str, str]:
    """Walk the schema along `location` to the mapping that holds the unknown key and suggest a name."""
    model = schema
    for part in location[:-1]:
        if isinstance(part, int):
            continue
        info = model.model_fields.get(part)
        if info is None:
            break
        nested = _model_in(info.annotation)
        if nested is None:
            break
        model = nested
    names = list(model.model_fields)
    close = difflib.get_close_matches(str(location[-1]), names, n=1, cutoff=0.6)
    return (close[0] if close else ""), ", ".join(names)


def _model_in(annotation):
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in getattr(annotation, "__args__", ()) or ():
        found = _model_in(argument)
        if found is not None:
            return found
    return None
