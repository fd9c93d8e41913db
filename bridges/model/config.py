"""Schemas of the site's configuration: content/site.yml and content/taxonomy.yml are data to
validate like any item. A content type's folder and URL become paths on disk and on the site (the
generator deletes stale files inside its folders), so they must be plain slugs: `url: ../../..`
would have pointed the clean-up at the repository itself.
"""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, HttpUrl, field_validator

from .file_kinds import kinds
from .schemas import Strict

# Lowercase letters and digits, words joined by one hyphen (URLs) or underscore (folders).
Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=60)]
FolderSlug = Annotated[str, Field(pattern=r"^[a-z0-9]+([_-][a-z0-9]+)*$", max_length=60)]
LanguageCode = Annotated[str, Field(pattern=r"^[a-z]{2}$")]
Labels = dict[LanguageCode, str]  # a missing or empty label is reported per language (sources.site)


class LanguageSettings(Strict):
    code: LanguageCode
    name: Annotated[str, Field(min_length=1, max_length=60)]
    dir: Literal["ltr", "rtl"] = "ltr"


class SiteSettings(Strict):
    """content/site.yml"""
    name: Annotated[str, Field(min_length=1, max_length=80)]
    default_language: LanguageCode
    languages: Annotated[list[LanguageSettings], Field(min_length=1)]
    contact_email: Annotated[str, Field(pattern=r"^[^@\s<>\"']+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$", max_length=200)]
    repository_url: HttpUrl
    # A branch name as git allows it, without "..": it becomes part of the "edit this page" links.
    branch: Annotated[str, Field(pattern=r"^[A-Za-z0-9_]([A-Za-z0-9._/-]{0,99})$")] = "main"
    # What the home page features, in order: {content type key: [slug, ...]} (bridges check: they exist).
    featured: dict[Annotated[str, Field(pattern=r"^[a-z_]{1,40}$")], list[Slug]] = {}
    # How many items a page of a listing shows (a type, a theme, a country); the rest on
    # <listing>/page/2/ and after, so that no page grows with the number of items.
    listing_page_size: Annotated[int, Field(ge=5, le=1000)] = 50

    @field_validator("branch")
    @classmethod
    def _no_parent(cls, value: str) -> str:
        if ".." in value:
            raise ValueError("a branch name has no '..'")
        return value


class FileRoles(Strict):
    """The kinds of file (bridges/model/file_kinds.yml) an item may publish, by how it uses them."""
    pictures: list[str] = []
    downloads: list[str] = []

    @field_validator("pictures", "downloads")
    @classmethod
    def _known_kinds(cls, values: list[str]) -> list[str]:
        unknown = [value for value in values if value not in kinds()]
        if unknown:
            raise ValueError(f"unknown kinds of file {unknown}; known: {', '.join(kinds())}")
        return values


class ContentTypeSettings(Strict):
    folder: FolderSlug  # under content/
    url: Slug  # under docs/ and on the site
    pdf: bool = False
    label: Labels
    plural: Labels
    files: FileRoles = FileRoles()  # none declared: the type publishes no file of its own


class TermSettings(Strict):
    label: Labels
    pillar: bool = False


class Taxonomy(Strict):
    """content/taxonomy.yml"""
    content_types: dict[str, ContentTypeSettings]
    themes: dict[Slug, TermSettings] = {}
    audiences: dict[Slug, TermSettings] = {}
    lab_kinds: dict[Slug, TermSettings] = {}
    sdgs: dict[Annotated[int, Field(ge=1, le=17)], TermSettings] = {}
