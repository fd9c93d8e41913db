"""MkDocs hooks: adapt MkDocs events to the bridges package, and nothing more.

mkdocs-static-i18n builds the default language, then runs the whole build again for each other
language from inside its on_post_build. The content is loaded, checked and generated once, in the
outer build; the nested builds reuse it.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from bridges.build import prepare
from bridges.catalogue import write_catalogue
from bridges.problems import ContentError

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
    languages = [language.locale for language in _i18n(config).config.languages] if _i18n(config) else None
    try:
        _state["checked"] = prepare(root, Path(config.docs_dir), languages, config.site_url or "/")
    except ContentError as error:
        raise PluginError(str(error)) from None
    except ValueError as error:
        raise PluginError(str(error)) from None
    return config


@event_priority(-200)  # after the i18n plugin has built every language
def on_post_build(config):
    if _nested_language_build(config):
        return
    checked = _state["checked"]
    write_catalogue(checked.content, Path(config.site_dir), config.site_url or "/")


def on_page_context(context, page, config, nav):
    # Generated pages carry their own edit link (to content/) or none; see bridges.generate.render.
    if "edit_url" in page.meta:
        page.edit_url = page.meta["edit_url"]
    return context
