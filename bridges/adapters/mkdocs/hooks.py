"""The MkDocs adapter: MkDocs events mapped onto the steps of bridges.pipeline, and nothing more.
hooks/bridges_hooks.py (named in mkdocs.yml) exposes these functions to MkDocs.

mkdocs-static-i18n builds the default language, then runs the whole build again for each other
language from inside its on_post_build. The content is loaded, checked and generated once, in the
outer build; the nested builds reuse it.
"""
from __future__ import annotations

import html
import os
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlsplit

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from ...model import urls
from ...model.front_matter import TEXT_KEYS, as_text, refused_keys, template_for
from ...model.problems import ContentError, say
from ...model.urls import owned_folders
from ...outputs.markup import bidi_safe, hashtags_are_not_headings
from ...outputs.notfound import not_found, page_file
from ...outputs.published import SiteNotPublishable, meta_tags
from ...outputs.generate import site_descriptions
from ...outputs.sanitize import clean_html, safe_anchors
from ...outputs.typography import for_language, for_plain_text
from ...outputs.search import SearchIndexError
from ...outputs.theme_patches import ThemePatchError
from ...pipeline import finish, prepare
from ..boundary import guard
from ...sources.site import load_site
from . import i18n_files

log = get_plugin_logger("bridges")
i18n_files.install()  # the plugin's per-language files and alternates, without its repeated work

_state: dict = {}


def _refuse(message: str):
    raise PluginError(message)


# Every hook goes through the one error boundary (bridges.adapters.boundary): a bug shows as
# `path: what went wrong. Please report it with this file.`, and MkDocs stops without a traceback.
boundary = guard(_refuse, expected=(PluginError,))
def prime(descriptions: dict) -> None:
    """For a process that renders one language of `bridges build`: the driver loaded, checked and
    generated the content; what the pages need from it beyond docs/ is the site's descriptions.
    Also drops what an earlier build in this process left (`bridges serve` workers build again)."""
    _state.clear()
    _state["descriptions"] = descriptions


def _i18n(config):
    return config.plugins.get("i18n")


def _language(config) -> str:
    """The language being built (mkdocs-static-i18n builds each in turn)."""
    i18n = _i18n(config)
    return getattr(i18n, "current_language", None) or config.theme.get("language") or "en"


def _nested_language_build(config) -> bool:
    i18n = _i18n(config)
    return bool(i18n and getattr(i18n, "building", False))


@event_priority(100)  # before the i18n plugin, which reads the generated files
@boundary
def on_config(config):
    # Every page's <head> states the site's security headers (bridges/outputs/published.yml).
    config.extra["bridges_head_tags"] = meta_tags()
    root = Path(config.config_file_path).parent
    if _nested_language_build(config):
        if "descriptions" in _state:  # one language in its own process (`bridges build`), see prime()
            _state["site"] = load_site(root)[0]
            _describe(config, _state.pop("descriptions"), _i18n(config).config.languages, _state["site"])
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
    _describe(config, site_descriptions(checked.content), i18n_languages, checked.site)
    return config


def _describe(config, descriptions: dict, i18n_languages, site) -> None:
    """The description names the campaigns that content/site.yml features, in each language."""
    config.site_description = descriptions[site.default_language]
    for language in i18n_languages:
        if language.locale in descriptions:
            language["site_description"] = descriptions[language.locale]


@event_priority(-200)  # after the i18n plugin has built every language
@boundary
def on_post_build(config):
    if _nested_language_build(config):
        return
    checked = _state["checked"]
    site_dir = Path(config.site_dir)
    base_url = config.site_url or "/"
    search = os.environ.get("BRIDGES_SKIP_SEARCH") != "1"  # make serve-fast
    # Every language wrote its 404.html over the last one: the host's 404 is the default language's.
    default_404 = _state.get("404", {}).get(checked.site.default_language)
    if default_404 is not None:
        (site_dir / "404.html").write_text(default_404, encoding="utf-8")
    try:
        seconds = finish(checked, site_dir, base_url, search)
    except (SearchIndexError, ThemePatchError, SiteNotPublishable) as error:
        raise PluginError(str(error)) from None
    if seconds is not None:
        log.info(f"search index built in {seconds:.1f} s")


@event_priority(100)  # first: no other plugin sees a page whose front matter is refused
@boundary
def on_page_markdown(markdown, page, config, files):
    """Front matter: only the keys of bridges/model/front_matter.yml; the template comes from a
    generated page's layout, never from the page; titles and descriptions reach the theme escaped."""
    site = _state.get("site")
    owned = set(owned_folders(site)) if site else set()
    home_pages = set(urls.owned_files(site)) if site else set()
    source = page.file.src_uri
    refused = refused_keys(page.meta, generated=source.split("/", 1)[0] in owned or source in home_pages)
    if refused:
        raise PluginError(f"docs/{source}: the front matter may not set {', '.join(refused)}. Remove "
                          f"{'them' if len(refused) > 1 else 'it'}: a page cannot choose its template or "
                          "change the theme (allowed keys: bridges/model/front_matter.yml).")
    template = template_for(page.meta)
    if template:
        page.meta["template"] = template
    lang = _language(config) if config is not None else None  # (the unit tests pass no config)
    rtl = lang is not None and _is_rtl(lang)
    for key in TEXT_KEYS:
        if key in page.meta:
            page.meta[key] = _plain_text(page.meta[key], lang, rtl)
    # "#NoWallsButBridges" at the start of a line of a hand-written page is a hashtag, not a heading.
    return hashtags_are_not_headings(markdown)


@event_priority(-100)  # last, so that nothing after it adds unchecked HTML
@boundary
def on_page_content(html_text, page, config, files):
    # A title taken from the page's first heading is HTML text; from its file name, plain text.
    lang = _language(config)
    rtl = _is_rtl(lang)
    if "title" not in page.meta and page.title is not None:
        page.title = _plain_text(html.unescape(str(page.title)), lang, rtl)
    # The theme prints the headings' ids into the table of contents unescaped: only safe ones stay.
    if page.toc is not None:
        page.toc.items = safe_anchors(page.toc.items)
        if rtl:
            _mark_hashtags(page.toc.items)
    # Raw HTML in contributors' Markdown keeps only the allow-list of bridges.sanitize; then the
    # typography of the page's language (French spaces, isolated left-to-right runs in Arabic).
    return for_language(_in_its_language(clean_html(html_text), page, lang), lang, rtl)


def _in_its_language(html_text: str, page, lang: str) -> str:
    """A hand-written page shown in another language than the one being built (about.en.md on the
    Arabic site, where it has no translation) is marked with its own language and direction: English
    text laid out right to left scatters its punctuation ("is an (MIL) The Migrant...")."""
    site = _state.get("site")
    suffixes = PurePosixPath(page.file.src_uri).suffixes
    written = suffixes[-2][1:] if len(suffixes) >= 2 else None
    if site is None or written == lang or written not in site.language_codes:
        return html_text
    return f'<div class="bridges-original" lang="{written}" dir="{site.language(written).dir}">\n{html_text}\n</div>'



def _plain_text(value, lang: str | None, rtl: bool) -> Markup:
    """A title or description as the theme prints it (<title>, menus, share tags): escaped once,
    with the typography of the page's language (French spaces and apostrophes, as in the page's
    text), and in right-to-left pages with its hashtags kept in front ("#NoWallsButBridges"),
    since these texts cannot hold the <bdi> of the page's body (bridges.outputs.typography)."""
    if isinstance(value, Markup):
        text = str(value) if lang is None or rtl else for_language(str(value), lang, False)
        return Markup(bidi_safe(text, rtl))
    text = str(value) if lang is None else for_plain_text(str(value), lang)
    return as_text(bidi_safe(text, rtl))


def _mark_hashtags(entries: list) -> None:
    """The table of contents' titles (text made from the headings, without their <bdi>)."""
    for entry in entries:
        entry.title = bidi_safe(entry.title, True)
        _mark_hashtags(entry.children)


def _is_rtl(lang: str) -> bool:
    site = _state.get("site")
    return bool(site) and any(language.code == lang and language.dir == "rtl" for language in site.languages)


@boundary
def on_page_context(context, page, config, nav):
    # Generated pages carry their own edit link (to content/) or none; see bridges.outputs.generate.render.
    if "edit_url" in page.meta:
        page.edit_url = page.meta["edit_url"]
    # hreflang alternates as absolute addresses (search engines ignore relative ones).
    site_url = config.site_url or "/"
    context["bridges_alternates"] = [{"lang": alt["lang"], "href": urljoin(site_url, alt["link"])}
                                     for alt in _alternates(config)]
    # "Bridges", not "Bridges - Bridges", for a page titled like the site.
    title = page.meta.get("title") or page.title
    # Markup: the title is escaped once (as_text), the site's name by format(); `| e` keeps it so.
    context["bridges_title"] = config.site_name if page.is_homepage or not title or title == config.site_name \
        else Markup("{} - {}").format(as_text(title), config.site_name)
    return context


def _alternates(config) -> list[dict]:
    """The page's language links as the theme sees them: mkdocs-static-i18n sets them per page as
    an attribute of config.extra (which Jinja reads before the mapping's key)."""
    return getattr(config.extra, "alternate", None) or config.extra.get("alternate") or []


@boundary
def on_template_context(context, template_name, config):
    """The 404 page in the language being built, with its words and links (bridges.outputs.notfound)."""
    site = _state.get("site")
    if template_name != "404.html" or site is None:
        return context
    page = not_found(site, _language(config), urlsplit(config.site_url or "/").path)
    context["bridges_404"] = page
    context["bridges_title"] = Markup("{} - {}").format(page.title, config.site_name)
    context["bridges_alternates"] = []
    # The language switcher: this page in each language (not the last page built's alternates),
    # until on_post_template puts the pages' links back.
    _state["alternates"] = (getattr(config.extra, "alternate", None), config.extra.get("alternate"))
    config.extra.alternate = config.extra["alternate"] = page.alternates
    return context


@boundary
def on_post_template(output, template_name, config):
    """Keep each language's 404 page: mkdocs-static-i18n writes them all to the same file."""
    site = _state.get("site")
    if template_name == "404.html" and site is not None:
        attribute, item = _state.pop("alternates", (None, None))
        config.extra["alternate"] = item
        if attribute is None:
            vars(config.extra).pop("alternate", None)
        else:
            config.extra.alternate = attribute
        lang = _language(config)
        _state.setdefault("404", {})[lang] = output
        if lang != site.default_language:
            target = Path(config.site_dir) / page_file(site, lang)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(output, encoding="utf-8")
    return output


@boundary
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

