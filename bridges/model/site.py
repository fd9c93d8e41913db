"""Site settings and controlled vocabularies (content/site.yml, content/taxonomy.yml, content/ui.yml);
bridges.sources.site reads them."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

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
    # What the home page features, in order: {type key: [slug, ...]} (site.yml `featured`).
    featured: dict[str, list[str]] = field(default_factory=dict)
    featured_lines: dict = field(default_factory=dict)  # path in site.yml -> line, for messages
    listing_page_size: int = 50  # items per page of a listing (site.yml)

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
