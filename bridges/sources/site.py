"""Read the site's settings, vocabularies and interface words into the model, collecting problems."""
from __future__ import annotations

from pathlib import Path

import yaml

from ..model.config import SiteSettings, Taxonomy
from ..model.problems import Problem
from ..model.registry import REGISTRY
from ..model.site import VOCABULARIES, ContentType, Language, Site, Term
from ..model.urls import GENERATED_FOLDERS, RESERVED_FOLDERS
from .load import validate
from .textfile import read_text
from .yamlsource import parse_yaml


def load_site(root: Path) -> tuple[Site | None, list[Problem]]:
    """Read site.yml and taxonomy.yml. Returns the site (None if unusable) and every problem."""
    problems: list[Problem] = []
    settings = _read(root, "content/site.yml", problems)
    vocab = _read(root, "content/taxonomy.yml", problems)
    ui = _read(root, "content/ui.yml", problems)
    if settings is None or vocab is None or ui is None:
        return None, problems
    site_parsed, site_file = settings
    tax, tax_file = vocab
    # Both files are data to validate (bridges.model.config): a folder or URL that is not a plain
    # slug would become a path on disk.
    site_data = validate(SiteSettings, site_parsed, site_file, problems)
    taxonomy = validate(Taxonomy, tax, tax_file, problems)
    if site_data is None or taxonomy is None:
        return None, problems
    site = Site(root=root, name=site_data.name, default_language=site_data.default_language,
                languages=[Language(entry.code, entry.name, entry.dir) for entry in site_data.languages],
                contact_email=site_data.contact_email, repository_url=str(site_data.repository_url),
                branch=site_data.branch, listing_page_size=site_data.listing_page_size)
    site.featured = dict(site_data.featured)
    site.featured_lines = {path: line for path, line in site_parsed.lines.items() if path[:1] == ("featured",)}
    if site.default_language not in site.language_codes:
        problems.append(Problem(site_file, site_parsed.line_of(("default_language",)), "default_language",
                                "original_not_site_language",
                                {"lang": site.default_language, "languages": ", ".join(site.language_codes)}))
    # Who already uses a name: a folder of the site, a language's address, another content type.
    taken = {folder: f"docs/{folder}/" for folder in GENERATED_FOLDERS + RESERVED_FOLDERS}
    taken.update((code, f"/{code}/") for code in site.language_codes)
    for key, entry in taxonomy.content_types.items():
        site.content_types[key] = ContentType(key, entry.folder, entry.url, entry.label, entry.plural, entry.pdf,
                                             {"pictures": tuple(entry.files.pictures),
                                              "downloads": tuple(entry.files.downloads)})
        for name in ("folder", "url"):
            value = getattr(entry, name)
            if value in taken:
                problems.append(Problem(tax_file, tax.line_of(("content_types", key, name)),
                                        f"content_types.{key}.{name}", "reserved_folder",
                                        {"value": value, "owner": taken[value]}))
        taken.setdefault(entry.folder, key)
        taken.setdefault(entry.url, key)
    # The taxonomy and the registry must list the same types (bridges.model.registry).
    declared = tax.data.get("content_types") or {}
    for key in declared:
        if key not in REGISTRY:
            problems.append(Problem(tax_file, tax.line_of(("content_types", key)), f"content_types.{key}",
                                    "content_type_unknown", {"type": key, "known": ", ".join(REGISTRY)}))
    for key in REGISTRY:
        if key not in declared:
            problems.append(Problem(tax_file, 1, "content_types", "content_type_missing", {"type": key}))
    for key in [key for key in site.content_types if key not in REGISTRY]:
        del site.content_types[key]  # reported above; the rest of the site can still be checked
    for name in VOCABULARIES:
        site.vocabularies[name] = {
            key: Term(key, entry["label"], bool(entry.get("pillar", False)))
            for key, entry in (tax.data.get(name) or {}).items()
        }
    # Every label in every site language: a missing one would show an English word on a French page.
    for name in ("content_types",) + VOCABULARIES:
        for key, entry in (tax.data.get(name) or {}).items():
            for label_field in ("label", "plural") if name == "content_types" else ("label",):
                labels = entry.get(label_field) or {}
                for code in site.language_codes:
                    if not labels.get(code):
                        problems.append(Problem(tax_file, tax.line_of((name, key, label_field)),
                                                f"{name}.{key}.{label_field}", "taxonomy_label_missing",
                                                {"lang": code}))
    ui_parsed, ui_file = ui
    site.ui = ui_parsed.data
    for path, labels in _translations(ui_parsed.data):
        for code in site.language_codes:
            if not labels.get(code):
                problems.append(Problem(ui_file, ui_parsed.line_of(path), ".".join(map(str, path)),
                                        "taxonomy_label_missing", {"lang": code}))
    return site, problems


def _translations(data, path=()):
    """The {language: text} entries of ui.yml, found by their 'en' key, with their paths."""
    if isinstance(data, dict) and "en" in data:
        yield path, data
    elif isinstance(data, dict):
        for key, child in data.items():
            yield from _translations(child, path + (key,))


def _read(root: Path, relative: str, problems: list[Problem]):
    path = root / relative
    text, problem = read_text(path, Path(relative))
    if problem:
        problems.append(problem)
        return None
    parsed = parse_yaml(text)
    problems.extend(Problem(Path(relative), issue.line, issue.field, issue.code, issue.params)
                    for issue in parsed.issues)
    if not isinstance(parsed.data, dict):
        if not parsed.issues:
            problems.append(Problem(Path(relative), 1, "", "not_a_mapping_file"))
        return None
    return parsed, Path(relative)


class _MkdocsLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs: `!ENV [NAME, default]` gives its default, other tags nothing."""


_MkdocsLoader.add_constructor("!ENV", lambda loader, node: (loader.construct_sequence(node) or [None])[-1]
                              if isinstance(node, yaml.SequenceNode) else None)
_MkdocsLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def published_url(root: Path) -> str:
    """The site's public address (mkdocs.yml site_url, without the SITE_URL of local serving), for
    links that must work from a contributor's editor, e.g. the JSON Schemas."""
    try:
        settings = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_MkdocsLoader) or {}
    except (OSError, yaml.YAMLError):
        return "/"
    url = settings.get("site_url") or "/"
    return url if url.endswith("/") else url + "/"
