"""`bridges build`: the build pipeline (bridges.build) driven with MkDocs as the renderer.

The same mkdocs.yml, hooks, theme and plugins as a plain `mkdocs build`; what differs is how
the work is spread: content is loaded, checked and generated once here, each language is
rendered in its own process (adapters/mkdocs/languages.py) with the render cache (adapters/mkdocs/page_cache.py),
and the post-build steps run once.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ...outputs.generate import site_descriptions
from ...pipeline import Built, build
from ...outputs.cache import Cache, cache_dir
from .languages import Renderer


@dataclass(frozen=True)
class SiteSettings:
    root: Path
    config_file: Path
    docs_dir: Path
    site_dir: Path
    site_url: str
    languages: list[str]  # every language of mkdocs.yml, the default first
    built_languages: list[str]  # those with build: true


def site_settings(root: Path, site_dir: Path | None = None) -> SiteSettings:
    from mkdocs.config import load_config

    config_file = root / "mkdocs.yml"
    config = load_config(str(config_file))
    i18n = config.plugins["i18n"]
    default = [language.locale for language in i18n.config.languages if language.default]
    others = [language.locale for language in i18n.config.languages if not language.default]
    built = {language.locale for language in i18n.config.languages if language.build}
    ordered = default + others
    return SiteSettings(root, config_file, Path(config.docs_dir), Path(site_dir or config.site_dir).resolve(),
                        config.site_url or "/", [language.locale for language in i18n.config.languages],
                        [lang for lang in ordered if lang in built])


def build_site(root: Path, site_dir: Path | None = None, jobs: int | None = None, use_cache: bool = True,
               search: bool = True, strict: bool = True, renderer: Renderer | None = None,
               stop: Callable[[], bool] | None = None, checked=None) -> Built:
    settings = site_settings(root, site_dir)
    cache = Cache(cache_dir(root)) if use_cache else None
    own = renderer is None
    renderer = renderer or Renderer(settings.config_file, jobs, cache, strict)
    try:
        def render(checked, languages, site_dir):
            try:
                return renderer.render(languages, site_dir, site_descriptions(checked.content), stop=stop)
            finally:
                if own:  # the workers' memory is free before the search index is made
                    renderer.close()

        return build(root, settings.docs_dir, settings.site_dir, settings.languages, settings.built_languages,
                     settings.site_url, render, search, stop, checked, use_cache)
    finally:
        if own:
            renderer.close()
