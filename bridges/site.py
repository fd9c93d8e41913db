"""Site settings and controlled vocabularies, read from content/site.yml and content/taxonomy.yml."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .problems import Problem
from .textfile import read_text
from .yamlsource import parse_yaml

VOCABULARIES = ("themes", "audiences", "lab_kinds", "sdgs")


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    dir: str = "ltr"


@dataclass(frozen=True)
class ContentType:
    key: str
    folder: str
    url: str
    label: dict
    plural: dict
    pdf: bool = False
    # The kinds of file an item may publish, by role: {"pictures": (...), "downloads": (...)}.
    files: dict = field(default_factory=dict)

    def allowed_files(self, role: str) -> tuple[str, ...]:
        return tuple(self.files.get(role) or ())


@dataclass(frozen=True)
class Term:
    key: str | int
    label: dict
    pillar: bool = False


@dataclass
class Site:
    root: Path  # the repository root; messages show paths relative to it
    name: str
    default_language: str
    languages: list[Language]
    contact_email: str
    repository_url: str
    branch: str = "main"
    content_types: dict[str, ContentType] = field(default_factory=dict)
    vocabularies: dict[str, dict] = field(default_factory=dict)  # name -> {key: Term}
    ui: dict = field(default_factory=dict)  # content/ui.yml: interface words per language

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    def edit_url(self, source: str) -> str:
        """The web editor's address for a file of the repository (GitHub's /edit/<branch>/ form)."""
        return f"{self.repository_url.rstrip('/')}/edit/{self.branch}/{source}"

    @property
    def language_codes(self) -> list[str]:
        return [language.code for language in self.languages]

    def language(self, code: str) -> Language:
        return next(language for language in self.languages if language.code == code)

    def label(self, vocabulary: str, key, lang: str) -> str:
        term = self.vocabularies[vocabulary][key]
        return term.label.get(lang) or term.label[self.default_language]

    def type_label(self, type_key: str, lang: str, plural: bool = False) -> str:
        labels = self.content_types[type_key].plural if plural else self.content_types[type_key].label
        return labels.get(lang) or labels[self.default_language]


def load_site(root: Path) -> tuple[Site | None, list[Problem]]:
    """Read site.yml and taxonomy.yml. Returns the site (None if unusable) and every problem."""
    problems: list[Problem] = []
    settings = _read(root, "content/site.yml", problems)
    vocab = _read(root, "content/taxonomy.yml", problems)
    ui = _read(root, "content/ui.yml", problems)
    if settings is None or vocab is None or ui is None:
        return None, problems
    site_parsed, site_file = settings
    site_data = site_parsed.data
    try:
        languages = [Language(**entry) for entry in site_data["languages"]]
        site = Site(root=root, name=site_data["name"], default_language=site_data["default_language"],
                    languages=languages, contact_email=site_data["contact_email"],
                    repository_url=site_data["repository_url"], branch=site_data.get("branch", "main"))
    except (KeyError, TypeError) as error:
        problems.append(Problem(site_file, 1, "", "site_settings", {"reason": f"{type(error).__name__}: {error}"}))
        return None, problems

    tax, tax_file = vocab
    for key, entry in (tax.data.get("content_types") or {}).items():
        site.content_types[key] = ContentType(key, entry["folder"], entry["url"], entry["label"], entry["plural"],
                                             bool(entry.get("pdf", False)), dict(entry.get("files") or {}))
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
