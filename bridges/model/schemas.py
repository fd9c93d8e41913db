"""The content model: one schema per content type, shared parts shared.

`meta.yml` holds what does not depend on language; each `index.<lang>.md` front matter holds
what does. The schemas check structure and formats; references to vocabularies, files and other
items are checked by rules.py, which knows the taxonomy and the bundle on disk.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl

Slug = str
PLACEHOLDER = "TODO"  # what `bridges new` leaves for the contributor to replace


def is_placeholder(value) -> bool:
    return isinstance(value, str) and value.strip().startswith(PLACEHOLDER)


class Strict(BaseModel):
    # Unknown fields are errors: a typo ("contries") must not vanish silently.
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- parts shared by several types -------------------------------------------------------

class Link(Strict):
    url: HttpUrl
    label: str | None = None


class Image(Strict):
    id: Slug
    file: str  # a path inside the bundle, e.g. images/cover.svg
    credit: str | None = None


class Download(Strict):
    file: str  # a path inside the bundle, e.g. files/guide.fr.pdf
    language: str


class Consent(Strict):
    """How we may show a person: a story about a private person needs a recorded basis."""
    basis: Literal["public_figure", "published_by_organisation", "written_consent", "no_identifiable_person"]
    date: dt.date | None = None
    scope: str
    review_date: dt.date
    renewal_contact: str | None = None  # who renews it or removes the story; none: the editorial team


class Person(Strict):
    name: str
    role: str | None = None
    public_figure: bool = False


class Partner(Strict):
    name: str
    country: str | None = None
    url: HttpUrl | None = None


class Source(Strict):
    """Where a figure comes from: an item of this site (`type/slug`, shown with its title in the
    reader's language), or a named source elsewhere with its address."""
    item: str | None = None  # e.g. white_paper/nowallsbutbridges-white-paper
    name: str | None = None
    url: HttpUrl | None = None


class Figure(Strict):
    id: Slug
    value: float | int
    unit: Literal["people", "euros", "count", "languages"] = "count"
    approximate: bool = False  # "about 10": the source gives an order of magnitude
    source: Source
    date: int | dt.date | None = None  # when the figure was measured: a year or a day


class ItemMeta(Strict):
    """Fields every item has."""
    slug: Slug
    original_language: str
    countries: list[str] = []
    themes: list[str] = []
    audiences: list[str] = []
    sdgs: list[int] = []
    labs: list[Slug] = []
    campaigns: list[Slug] = []
    year: int | None = None
    year_end: int | None = None
    published: dt.date | None = None
    links: list[Link] = []
    images: list[Image] = []
    downloads: list[Download] = []


# --- one schema per type -------------------------------------------------------------------

class CaseStudyMeta(ItemMeta):
    organisation: str | None = None
    people: list[Person] = []
    consent: Consent


class LabMeta(ItemMeta):
    lab_kind: str
    organisation: str | None = None
    partners: list[Partner] = []


class WhitePaperMeta(ItemMeta):
    authors: list[str] = []
    publisher: str | None = None


class PressMeta(ItemMeta):
    kind: Literal["press", "research", "interview"]
    outlet: str | None = None
    author: str | None = None
    date: dt.date | None = None
    url: HttpUrl | None = None
    article_language: str


class ResourceMeta(ItemMeta):
    audiences: list[str] = Field(min_length=1)


class CampaignMeta(ItemMeta):
    hashtag: str
    # Running or over, and when: pages say "running since …" or "ran from … to …".
    status: Literal["running", "over"]
    start: dt.date | None = None  # required for a running campaign (bridges check)
    end: dt.date | None = None
    figures: list[Figure] = []
    partners: list[Partner] = []


class Translation(Strict):
    """Front matter of `index.<lang>.md`."""
    title: str = Field(min_length=1)
    summary: str = Field(min_length=1)
    image_alt: dict[Slug, str] = {}
    # A hash of the original's text that this translation was made from (see bridges check).
    source_hash: str | None = None


class Quote(Strict):
    by: str
    text: str


class PressTranslation(Translation):
    quotes: list[Quote] = []


class CampaignTranslation(Translation):
    tagline: str | None = None
    figure_labels: dict[Slug, str] = {}
    objectives: list[str] = []
    achievements: list[str] = []
    recommendations: list[str] = []


class ArchivedProject(Strict):
    """A past project known only by its name and years (content/archive.yml): listed, no page."""
    name: str = Field(min_length=1)
    organisation: str | None = None
    year: int
    year_end: int | None = None
    countries: list[str] = []


# --- loaded objects ------------------------------------------------------------------------

@dataclass
class Text:
    """One language version of an item."""
    lang: str
    path: Path
    front: Translation
    body: str
    body_line: int  # file line where the body starts, for messages about the body
    front_lines: dict = field(default_factory=dict)  # front matter field path -> file line


@dataclass
class Item:
    type: str
    slug: Slug
    folder: Path
    meta: ItemMeta
    texts: dict[str, Text] = field(default_factory=dict)
    meta_lines: dict = field(default_factory=dict)  # field path -> line in meta.yml
    # Lists that lost entries the schema refused: list path -> original position of each entry left.
    meta_moved: dict = field(default_factory=dict)

    @property
    def root(self) -> Path:
        """The repository root (content/<type>/<slug> is three levels down): paths in messages
        are relative to it."""
        return self.folder.parents[2]

    @property
    def id(self) -> str:
        return f"{self.type}/{self.slug}"

    @property
    def original(self) -> Text:
        return self.texts.get(self.meta.original_language) or next(iter(self.texts.values()))

    def text_for(self, lang: str) -> Text:
        """The reader's language if written, otherwise the original."""
        return self.texts.get(lang) or self.original

    @property
    def sort_date(self) -> tuple:
        meta = self.meta
        day = getattr(meta, "date", None) or meta.published
        return (day or dt.date(meta.year or 1900, 1, 1), self.slug)
