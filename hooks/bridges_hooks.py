"""MkDocs hooks: adapt MkDocs events to the bridges package, and nothing more.

mkdocs-static-i18n builds the default language, then runs the whole build again for each other
language from inside its on_post_build. The content is loaded, checked and generated once, in the
outer build; the nested builds reuse it.
"""
from __future__ import annotations

import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from bridges.build import post_build, prepare
from bridges.generate import owned_folders
from bridges.problems import ContentError
from bridges.sanitize import clean_html
from bridges.search import SearchIndexError
from bridges.theme_patches import ThemePatchError

log = get_plugin_logger("bridges")

_state: dict = {}


def _i18n(config):
    return config.plugins.get("i18n")


def _nested_language_build(config) -> bool:
    i18n = _i18n(config)
    return bool(i18n and getattr(i18n, "building", False))


@event_priority(100)  # before the i18n plugin, which reads the generated files
def on_config(config):
    if _nested_language_build(config):
        return config
    root = Path(config.config_file_path).parent
    i18n_languages = _i18n(config).config.languages if _i18n(config) else []
    languages = [language.locale for language in i18n_languages] or None
    built = [language.locale for language in i18n_languages if language.build] or None
    try:
        _state["checked"] = prepare(root, Path(config.docs_dir), languages, config.site_url or "/",
                                    built_languages=built)
    except ContentError as error:
        raise PluginError(str(error)) from None
    except ValueError as error:
        raise PluginError(str(error)) from None
    return config


@event_priority(-200)  # after the i18n plugin has built every language
def on_post_build(config):
    if _nested_language_build(config):
        return
    search = os.environ.get("BRIDGES_SKIP_SEARCH") != "1"  # make serve-fast
    try:
        seconds = post_build(_state["checked"], Path(config.site_dir), config.site_url or "/", search)
    except (SearchIndexError, ThemePatchError) as error:
        raise PluginError(str(error)) from None
    if seconds is not None:
        log.info(f"search index built in {seconds:.1f} s")


@event_priority(-100)  # last, so that nothing after it adds unchecked HTML
def on_page_content(html, page, config, files):
    # Raw HTML in contributors' Markdown keeps only the allow-list of bridges.sanitize.
    return clean_html(html)


def on_page_context(context, page, config, nav):
    # Generated pages carry their own edit link (to content/) or none; see bridges.generate.render.
    if "edit_url" in page.meta:
        page.edit_url = page.meta["edit_url"]
    return context


def on_serve(server, config, builder):
    """Watch docs/ without the generated folders: the generator rewrites them after every change
    in content/, and watching them would rebuild the site a second time for nothing."""
    checked = _state.get("checked")
    if checked is None:
        return server
    docs = Path(config.docs_dir)
    generated = set(owned_folders(checked.site))
    server.unwatch(str(docs))
    server.watch(str(docs), recursive=False)  # hand-written pages at the top level
    for entry in docs.iterdir():
        if entry.is_dir() and entry.name not in generated:
            server.watch(str(entry))
    return server


def on_env(env, config, files):
    """mkdocs-static-i18n points the language switcher at the current page by setting
    `config.extra.alternate` as an attribute for each page, and resets only the mapping's item
    for the next language: the 404 page of every language after the first then linked to the
    last page of the language before. Drop the attribute before the theme's templates are built."""
    vars(config.extra).pop("alternate", None)
    return env
