"""Shared fixtures: a small, valid repository in a temporary folder that each test may break."""
from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from bridges.translations import hash_of

REPO = Path(__file__).resolve().parents[1]


class Repo:
    """A throw-away copy of the site's settings with one valid item of each kind a test needs."""

    def __init__(self, root: Path):
        self.root = root
        (root / "content").mkdir(parents=True)
        for name in ("site.yml", "taxonomy.yml", "ui.yml"):
            shutil.copy(REPO / "content" / name, root / "content" / name)

    def write(self, relative: str, text: str | bytes) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def story(self, slug: str = "good-story", meta: str | None = None, en: str | None = None,
              fr: str | None = "default") -> Path:
        """A valid case study; pass meta/en/fr text to replace a part (fr=None: no French)."""
        folder = f"content/case_studies/{slug}"
        self.write(f"{folder}/meta.yml", meta if meta is not None else f"""
            slug: {slug}
            original_language: en
            countries: [FR]
            themes: [economic, entrepreneurship]
            audiences: [migrants]
            year: 2019
            links:
              - {{url: "https://example.org/", label: Example}}
            consent:
              basis: published_by_organisation
              scope: Name and project as published by the organisation
              review_date: 2030-01-01
              renewal_contact: the editorial team
            """)
        self.write(f"{folder}/index.en.md", en if en is not None else """
            ---
            title: A good story
            summary: A cooking business started by a newcomer in Lyon.
            ---
            ## What happened

            The body of the story.
            """)
        if fr == "default":
            source = hash_of("A good story", "A cooking business started by a newcomer in Lyon.",
                             "## What happened\n\nThe body of the story.")
            fr = f"""
            ---
            title: Une bonne histoire
            summary: Une entreprise de cuisine créée par une nouvelle arrivante à Lyon.
            source_hash: {source}
            ---
            ## Ce qui s'est passé

            Le corps du récit.
            """
        if fr is not None:
            self.write(f"{folder}/index.fr.md", fr)
        return self.root / folder


@pytest.fixture
def repo(tmp_path) -> Repo:
    return Repo(tmp_path / "repo")
