"""The machine-readable catalogue (site/api/items.json) for NGOs and partners who reuse the data."""
from __future__ import annotations

import json
from pathlib import Path

from ..model import urls
from ..sources.load import Content

FORMAT_VERSION = 1


def catalogue(content: Content, base_url: str = "/") -> dict:
    site = content.site
    items = []
    for item in sorted(content.items, key=lambda item: item.id):
        directory = urls.item_dir(site, item)
        items.append({
            "id": item.id,
            "type": item.type,
            "slug": item.slug,
            "title": {lang: text.front.title for lang, text in item.texts.items()},
            "summary": {lang: text.front.summary for lang, text in item.texts.items()},
            "languages": sorted(item.texts),
            "original_language": item.meta.original_language,
            "countries": list(item.meta.countries),
            "themes": list(item.meta.themes),
            "audiences": list(item.meta.audiences),
            "labs": list(item.meta.labs),
            "year": item.meta.year,
            "year_end": item.meta.year_end,
            "url": {lang: urls.absolute_url(base_url, urls.url_path(site, directory, lang)) for lang in site.language_codes},
        })
    return {"version": FORMAT_VERSION, "site": site.name, "languages": site.language_codes,
            "count": len(items), "items": items}


def write_catalogue(content: Content, site_dir: Path, base_url: str = "/") -> Path:
    target = site_dir / "api" / "items.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(catalogue(content, base_url), ensure_ascii=False, indent=1), encoding="utf-8")
    return target
