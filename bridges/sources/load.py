"""Loading content bundles into typed Items, collecting every problem on the way.

A bundle is one folder, content/<type folder>/<slug>/, with meta.yml and index.<lang>.md files.
Loading never stops at the first problem and never writes anything.
"""
from __future__ import annotations

import copy
import difflib
import functools
import os
import re
import typing
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError, create_model

from ..model.fields import describe
from ..model.limits import MAX_CHARS, MAX_ENTRIES, MAX_FIELD_CHARS, MAX_NUMBER
from ..model.locales import is_country
from ..model.problems import Problem, working_on
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
    for type_key in site.content_types:
        for bundle in _bundles_of(site, type_key):
            with working_on(bundle.relative_to(site.root)):
                item = load_bundle(site, type_key, bundle, content.problems)
            if item is not None:
                content.items.append(item)
    with working_on(Path(ARCHIVE_FILE)):
        content.archive = load_archive(site, content.problems)
    return content


def load_bundles(site: Site, paths: list[Path]) -> tuple[Content, list[Item]]:
    """The volunteer's loop: only the bundles at `paths` (a bundle folder, a file in it, or a type
    folder), plus every item of the types they reference, so that references are checked too.
    Returns the content (with the loading problems of those bundles only) and the items to check."""
    content = Content(site)
    folders, problems = bundle_folders(site, paths)
    content.problems = problems
    checked = []
    for type_key, bundle in folders:
        with working_on(bundle.relative_to(site.root)):
            item = load_bundle(site, type_key, bundle, problems)
        if item is not None:
            checked.append(item)
    wanted = {type_key for item in checked for name, type_key in REGISTRY[item.type].references.items()
              if getattr(item.meta, name, None)}
    # A campaign's key figures name their source as "type/slug" (figures[].source.item).
    wanted |= {figure.source.item.partition("/")[0] for item in checked
               for figure in getattr(item.meta, "figures", []) if figure.source.item}
    ignored: list[Problem] = []  # problems of referenced items belong to their own check
    for type_key in sorted(wanted & set(site.content_types)):
        for bundle in _bundles_of(site, type_key):
            if bundle not in [folder for _, folder in folders]:
                other = load_bundle(site, type_key, bundle, ignored)
                if other is not None:
                    content.items.append(other)
    content.items.extend(checked)
    return content, checked


def bundle_folders(site: Site, paths: list[Path]) -> tuple[list[tuple[str, Path]], list[Problem]]:
    """(type, bundle folder) for each path, or a problem saying what a path should be."""
    by_folder = {site.content_dir / content_type.folder: key for key, content_type in site.content_types.items()}
    found, problems = [], []
    for path in paths:
        path = Path(os.path.abspath(path))  # not resolve(): a symbolic link is reported, not followed
        for candidate in [path, *path.parents]:
            if candidate.parent in by_folder:
                found.append((by_folder[candidate.parent], candidate))
                break
            if candidate in by_folder:
                found.extend((by_folder[candidate], bundle) for bundle in _bundles_of(site, by_folder[candidate]))
                break
        else:
            problems.append(Problem(_shown(path, site.root), 1, "", "not_a_bundle",
                                    {"folders": ", ".join(f"content/{t.folder}/" for t in site.content_types.values())}))
    unique = list(dict.fromkeys(found))
    for type_key, bundle in unique:
        if not bundle.is_dir():
            problems.append(Problem(_shown(bundle, site.root), 1, "", "not_a_bundle",
                                    {"folders": ", ".join(f"content/{t.folder}/" for t in site.content_types.values())}))
    return [(type_key, bundle) for type_key, bundle in unique if bundle.is_dir()], problems


def _bundles_of(site: Site, type_key: str) -> list[Path]:
    folder = site.content_dir / site.content_types[type_key].folder
    if not folder.is_dir():
        return []
    return [bundle for bundle in sorted(folder.iterdir())
            if bundle.is_dir() and not bundle.name.startswith(("_", "."))]


def _shown(path: Path, root: Path) -> Path:
    return path.relative_to(root) if path.is_relative_to(root) else path


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

    meta, moved = None, {}
    parsed = _read_yaml_file(site.root / meta_path, meta_path, problems)
    if parsed is not None:
        meta = validate(meta_schema, parsed, meta_path, problems, partial=moved)
        if meta is not None and meta.slug is not None and meta.slug != bundle.name:
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
                meta_lines=parsed.lines, meta_moved=moved)


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


def text_parts(raw: str) -> tuple[str, str, str] | None:
    """(title, summary, body) of a text file's content, or None if it cannot be read: for earlier
    versions of a file, whose problems are not reported."""
    lines = raw.split("\n")
    if lines[0].strip() != FRONT_MATTER_FENCE:
        return None
    end = next((index for index in range(1, len(lines)) if lines[index].strip() == FRONT_MATTER_FENCE), None)
    parsed = parse_yaml("\n".join(lines[1:end]), first_line=2) if end else None
    if parsed is None or parsed.issues or not isinstance(parsed.data, dict):
        return None
    title, summary = parsed.data.get("title"), parsed.data.get("summary")
    return (title if isinstance(title, str) else "", summary if isinstance(summary, str) else "",
            "\n".join(lines[end + 1:]).strip() + "\n")


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
    front = validate(schema, parsed, shown, problems, partial={})
    if front is None:
        return None
    body = "\n".join(lines[end + 1:]).strip()
    if is_placeholder(body):
        problems.append(_todo_problem(shown, end + 2, ("body",)))
    return Text(lang=lang, path=path, front=front, body=body + "\n",
                body_line=end + 2, front_lines=parsed.lines)


def validate(schema: type[BaseModel], parsed: Parsed, shown: Path, problems: list[Problem], prefix: tuple = (),
             partial: dict | None = None):
    """The schema's object for the data at `prefix` in `parsed`, with its problems added.

    When the data does not fit, every problem is reported and, if a `partial` dict is given, the
    object is still built from what fits (see partial_object), so that the rules check the rest of
    the item: a wrong value is one problem among the others, never a reason to stop looking.
    Otherwise None.
    """
    data = parsed.data
    for part in prefix:
        data = data[part]
    oversized = [Problem(shown, parsed.line_of(prefix + path), field_name(prefix + path), code, params)
                 for path, code, params in _over_limits(data)]
    if oversized:  # reported alone: validating thousands of entries would only repeat them
        problems.extend(oversized)
        return None
    todo = [prefix + path for path, value in _leaves(data) if is_placeholder(value)]
    problems.extend(_todo_problem(shown, parsed.line_of(path), path) for path in todo)
    try:
        return schema.model_validate(data)
    except ValidationError as error:
        for detail in error.errors(include_url=False):
            location = prefix + tuple(detail["loc"])
            if any(location[: len(path)] == path for path in todo):
                continue  # already reported as a placeholder
            problems.append(_problem_from_pydantic(detail, location, schema, parsed, shown))
        return None if partial is None else partial_object(schema, data, partial)


def partial_object(schema: type[BaseModel], data, moved: dict):
    """An object of `schema` (made lenient: required fields may be absent) from the parts of `data`
    that fit it. Each round removes what pydantic refused (a value, a list entry, or the entry a
    required field is missing from) and tries again. The build still refuses the item, since its
    problems were reported; the rules check the rest. `moved` receives, for each list that lost
    entries, the original position of each remaining entry, so that messages point at the right line."""
    model = lenient(schema)
    data = copy.deepcopy(data) if isinstance(data, dict) else {}
    for _ in range(_MAX_ROUNDS):
        try:
            return model.model_validate(data)
        except ValidationError as error:
            # Deepest and last entries first, so that earlier positions stay valid in this round.
            for location in sorted({_prunable(detail) for detail in error.errors(include_url=False)},
                                   key=lambda loc: (len(loc), [str(part).zfill(9) for part in loc]), reverse=True):
                _remove(data, location, moved)
    return model.model_validate({})


_MAX_ROUNDS = 8


def _prunable(detail: dict) -> tuple:
    location = tuple(detail["loc"])
    # A missing field: drop the entry that should hold it.
    return location[:-1] if detail["type"] == "missing" and len(location) > 1 else location


def _remove(data, location: tuple, moved: dict) -> None:
    """Delete the deepest existing part of `data` along `location` (pydantic adds union branch
    names such as 'float' that are not in the data)."""
    parent, key, path = None, None, ()
    node = data
    for part in location:
        if isinstance(node, dict) and part in node or isinstance(node, list) and isinstance(part, int) and part < len(node):
            parent, key, path, node = node, part, path + (part,), node[part]
        else:
            break
    if parent is None:
        return
    if isinstance(parent, list):
        positions = moved.setdefault(path[:-1], list(range(len(parent))))
        del positions[key]
    del parent[key]


def original_path(path: tuple, moved: dict) -> tuple:
    """`path` in the partial object -> the same place in the file (see partial_object)."""
    out = ()
    for part in path:
        if isinstance(part, int) and out in moved and part < len(moved[out]):
            part = moved[out][part]
        out += (part,)
    return out


@functools.cache
def lenient(schema: type[BaseModel]) -> type[BaseModel]:
    """`schema` with every required field optional: None, or empty for a list or a mapping."""
    fields = {}
    for name, info in schema.model_fields.items():
        if info.is_required():
            origin = typing.get_origin(info.annotation)
            empty = [] if origin is list else {} if origin is dict else None
            fields[name] = (info.annotation | None, empty)
    return create_model(f"Partial{schema.__name__}", __base__=schema, **fields)


def _todo_problem(shown: Path, line: int, path: tuple) -> Problem:
    """A TODO left from `bridges new`, with what the field means (fields.yml) when it is known."""
    meaning = describe(".".join(str(part) for part in path if not isinstance(part, int)))
    if meaning:
        return Problem(shown, line, field_name(path), "todo_placeholder_field", {"meaning": meaning})
    return Problem(shown, line, field_name(path), "todo_placeholder")


def _over_limits(value, path=()):
    """(path, code, params) of every list or mapping with too many entries and every text too
    long (bridges.limits), without looking inside what is already too long."""
    if isinstance(value, (dict, list)):
        if len(value) > MAX_ENTRIES:
            yield path, "too_many_entries", {"count": len(value), "limit": MAX_ENTRIES}
            return
        pairs = value.items() if isinstance(value, dict) else enumerate(value)
        for key, child in pairs:
            yield from _over_limits(child, path + (key,))
    elif isinstance(value, str):
        name = next((part for part in reversed(path) if isinstance(part, str)), "")
        limit = MAX_CHARS.get(name, MAX_FIELD_CHARS) if len(path) == 1 else MAX_FIELD_CHARS
        if len(value) > limit:
            yield path, "text_too_long", {"length": len(value), "limit": limit}


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
    "greater_than_equal": "number_out_of_range",
    "less_than_equal": "number_out_of_range",
    "finite_number": "number_out_of_range",
    "int_parsing_size": "number_out_of_range",
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
    if code == "number_out_of_range":
        params["limit"] = str(MAX_NUMBER)
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
