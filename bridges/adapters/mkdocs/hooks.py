"""The MkDocs adapter: MkDocs events mapped onto the steps of bridges.pipeline, and nothing more.
hooks/bridges_hooks.py (named in mkdocs.yml) exposes these functions to MkDocs.

mkdocs-static-i18n builds the default language, then runs the whole build again for each other
language from inside its on_post_build. The content is loaded, checked and generated once, in the
outer build; the nested builds reuse it.
"""
from __future__ import annotations

import html
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from ...model.problems import ContentError, say
from ...outputs.front_matter import TEXT_KEYS, as_text, refused_keys, template_for
from ...model import urls
from ...model.urls import owned_folders
from ...outputs.published import SiteNotPublishable, meta_tags
from ...outputs.generate import site_descriptions
from ...outputs.sanitize import clean_html
from ...outputs.search import SearchIndexError
from ...outputs.theme_patches import ThemePatchError
from ...pipeline import finish, prepare
from ...sources.site import load_site
from . import i18n_alternates

log = get_plugin_logger("bridges")
i18n_alternates.install()  # the plugin's per-page alternates, without its repeated work

_state: dict = {}


def forget() -> None:
    """Drop what the last build in this process loaded (a `bridges serve` worker builds again)."""
    _state.clear()


def _i18n(config):
    return config.plugins.get("i18n")


def _nested_language_build(config) -> bool:
    i18n = _i18n(config)
    return bool(i18n and getattr(i18n, "building", False))


@event_priority(100)  # before the i18n plugin, which reads the generated files
def on_config(config):
    # Every page's <head> states the site's security headers (bridges/outputs/published.yml).
    config.extra["bridges_head_tags"] = meta_tags()
    root = Path(config.config_file_path).parent
    if _nested_language_build(config):
        if "site" not in _state:  # one language in its own process (`bridges build`): content is ready
            _state["site"] = load_site(root)[0]
        return config
    i18n_languages = _i18n(config).config.languages if _i18n(config) else []
    languages = [language.locale for language in i18n_languages] or None
    built = [language.locale for language in i18n_languages if language.build] or None
    try:
        _state["checked"] = prepare(root, Path(config.docs_dir), languages, config.site_url or "/",
                                    built_languages=built)
        _state["site"] = _state["checked"].site
    except ContentError as error:
        raise PluginError(str(error)) from None
    except ValueError as error:
        raise PluginError(str(error)) from None
    checked = _state["checked"]
    # What needs action, then one line: the content's warnings (an outdated translation...) are
    # INFO for MkDocs, so that a strict build still publishes while they are shown.
    for problem in checked.warnings:
        log.info(problem.message())
    log.info(say("build_summary", "en", items=len(checked.content.items), languages=len(checked.site.languages),
                 warnings=len(checked.warnings)))
    # The description names the campaigns that content/site.yml features, in each language.
    descriptions = site_descriptions(checked.content)
    config.site_description = descriptions[checked.site.default_language]
    for language in i18n_languages:
        if language.locale in descriptions:
            language["site_description"] = descriptions[language.locale]
    return config


@event_priority(-200)  # after the i18n plugin has built every language
def on_post_build(config):
    if _nested_language_build(config):
        return
    checked = _state["checked"]
    site_dir = Path(config.site_dir)
    base_url = config.site_url or "/"
    search = os.environ.get("BRIDGES_SKIP_SEARCH") != "1"  # make serve-fast
    try:
        seconds = finish(checked, site_dir, base_url, search)
    except (SearchIndexError, ThemePatchError, SiteNotPublishable) as error:
        raise PluginError(str(error)) from None
    if seconds is not None:
        log.info(f"search index built in {seconds:.1f} s")


@event_priority(100)  # first: no other plugin sees a page whose front matter is refused
def on_page_markdown(markdown, page, config, files):
    """Front matter: only the keys of bridges/outputs/front_matter.yml; the template comes from a
    generated page's layout, never from the page; titles and descriptions reach the theme escaped."""
    site = _state.get("site")
    owned = set(owned_folders(site)) if site else set()
    home_pages = set(urls.owned_files(site)) if site else set()
    source = page.file.src_uri
    refused = refused_keys(page.meta, generated=source.split("/", 1)[0] in owned or source in home_pages)
    if refused:
        raise PluginError(f"docs/{source}: the front matter may not set {', '.join(refused)}. Remove "
                          f"{'them' if len(refused) > 1 else 'it'}: a page cannot choose its template or "
                          "change the theme (allowed keys: bridges/outputs/front_matter.yml).")
    template = template_for(page.meta)
    if template:
        page.meta["template"] = template
    for key in TEXT_KEYS:
        if key in page.meta:
            page.meta[key] = as_text(page.meta[key])
    return markdown


@event_priority(-100)  # last, so that nothing after it adds unchecked HTML
def on_page_content(html_text, page, config, files):
    # A title taken from the page's first heading is HTML text; from its file name, plain text.
    if "title" not in page.meta and page.title is not None:
        page.title = as_text(html.unescape(str(page.title)))
    # Raw HTML in contributors' Markdown keeps only the allow-list of bridges.sanitize.
    return clean_html(html_text)


def on_page_context(context, page, config, nav):
    # Generated pages carry their own edit link (to content/) or none; see bridges.outputs.generate.render.
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
