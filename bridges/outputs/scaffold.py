"""`bridges new`: a new bundle from an archetype (a template per type, as in Hugo).

The bundle is valid except for the values marked TODO, which `bridges check` then points at.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from string import Template

from ..model.registry import REGISTRY
from ..model.site import Site
from ..rules.checks import SLUG

ARCHETYPES = Path(__file__).parents[1] / "model" / "archetypes"
CONSENT_REVIEW_YEARS = 2


class ScaffoldError(Exception):
    pass


def new_bundle(site: Site, type_key: str, slug: str, lang: str, today: dt.date | None = None) -> Path:
    today = today or dt.date.today()
    if type_key not in site.content_types:
        raise ScaffoldError(f"'{type_key}' is not a content type. Use one of: {', '.join(site.content_types)}.")
    if not SLUG.match(slug):
        raise ScaffoldError(f"'{slug}' is not a valid slug: use lowercase letters, digits and hyphens, e.g. 'chef-emad'.")
    if lang not in site.language_codes:
        raise ScaffoldError(f"'{lang}' is not a site language. Use one of: {', '.join(site.language_codes)}.")
    folder = site.content_dir / site.content_types[type_key].folder / slug
    if folder.exists():
        raise ScaffoldError(f"{folder.relative_to(site.root)} already exists: choose another slug or edit that item.")
    values = {"slug": slug, "lang": lang, "year": today.year, "today": today.isoformat(),
              "review": today.replace(year=today.year + CONSENT_REVIEW_YEARS).isoformat()}
    meta = Template((ARCHETYPES / REGISTRY[type_key].archetype).read_text(encoding="utf-8")).substitute(values)
    text = (ARCHETYPES / "index.md").read_text(encoding="utf-8")
    folder.mkdir(parents=True)
    (folder / "meta.yml").write_text(meta, encoding="utf-8")
    (folder / f"index.{lang}.md").write_text(text, encoding="utf-8")
    return folder
