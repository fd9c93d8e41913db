"""The steps of a site build, for the MkDocs hooks (or any other static-site driver) to call."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from .documents import cache_dir
from .generate import write_site
from .problems import ContentError
from .project import Checked, load_and_check


def prepare(root: Path, docs_dir: Path, languages: list[str] | None = None, base_url: str = "/",
            today: dt.date | None = None, built_languages: list[str] | None = None) -> Checked:
    """Load and check the content, then write the generated pages. Raises ContentError listing
    every problem: a build never publishes content that `bridges check` refuses."""
    checked = load_and_check(root, today)
    if checked.errors:
        raise ContentError(checked.errors)
    if languages is not None and languages != checked.site.language_codes:
        raise ValueError(f"mkdocs.yml builds {languages} but content/site.yml declares "
                         f"{checked.site.language_codes}: make the two lists the same, in the same order.")
    write_site(checked.content, docs_dir, cache_dir(root), base_url, built_languages)
    return checked
