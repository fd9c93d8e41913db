"""The JSON Schemas of meta.yml, published with the site (site/schemas/<type>.json, and
<type>.fr.json with French descriptions), so that editors with YAML support complete field names
and allowed values in the files `bridges new` writes (they name their schema on the first line)."""
from __future__ import annotations

import json
from pathlib import Path

from ..model.fields import json_schema, schema_file
from ..model.problems import MESSAGE_LANGUAGES
from ..model.site import Site


def write_schemas(site: Site, site_dir: Path, base_url: str) -> list[Path]:
    written = []
    for type_key in site.content_types:
        for lang in MESSAGE_LANGUAGES:
            relative = schema_file(type_key, lang)
            schema = json_schema(site, type_key, lang, schema_id=base_url + relative)
            path = site_dir / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(schema, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            written.append(path)
    return written
