"""What every template of the outputs gets: the page's language and place, the interface words of
content/ui.yml, and one Jinja environment with the filters the templates share."""
from __future__ import annotations

import functools
from pathlib import Path

from babel.dates import format_date
from babel.lists import format_list
from babel.units import format_unit
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from ..model import urls
from ..model.locales import country_name, language_name
from ..model.schemas import Item
from ..model.site import Site
from ..sources.load import Content
from .icons import icon_class
from .markup import bidi_safe, hashtags_are_not_headings
from .share import share_links
from .text_blocks import fence, opening

TEMPLATES = Path(__file__).with_name("templates")


class UI:
    """The interface words of content/ui.yml in one language."""

    def __init__(self, strings: dict, lang: str, default: str):
        self.strings, self.lang, self.default = strings, lang, default

    def __call__(self, key: str, *subkeys: str, **params) -> str:
        entry = self.strings[key]
        for subkey in subkeys:
            entry = entry[subkey]
        text = entry.get(self.lang) or entry[self.default]
        return text.format(**params) if params else text


class PageContext:
    """What every template gets: the page's language and directory, and helpers that know them."""

    def __init__(self, site: Site, content: Content, ui: dict, lang: str, directory: str, base_url: str = "/"):
        self.site, self.content, self.lang, self.directory = site, content, lang, directory
        self.base_url = base_url
        self.t = UI(ui, lang, site.default_language)

    def page_url(self) -> str:
        """The page's absolute address (from mkdocs site_url), for share links."""
        return urls.absolute_url(self.base_url, urls.url_path(self.site, self.directory, self.lang))

    def share_links(self, title: str) -> list[tuple[str, str, str]]:
        """The share links of the page; in right-to-left text a hashtag keeps its # in front."""
        return share_links(self.page_url(), bidi_safe(title, self.site.language(self.lang).dir == "rtl"),
                           self.t("share_email"))

    def link(self, to_dir: str) -> str:
        """A link in Markdown (a heading's link), as MkDocs validates and resolves it."""
        return urls.md_link(self.directory, to_dir)

    def item_link(self, item: Item) -> str:
        return self.link(urls.item_dir(self.site, item))

    def href(self, to_dir: str) -> str:
        """A link in the page's HTML chrome: the URL MkDocs would have made of `link`."""
        return urls.page_link(self.directory, to_dir)

    def item_href(self, item: Item) -> str:
        return self.href(urls.item_dir(self.site, item))

    def file_href(self, href: str) -> str:
        """A download's or bundle file's URL (published beside the default language's page)."""
        return urls.file_link(self.site, self.directory, self.lang, href)

    def country(self, code: str) -> str:
        return country_name(code, self.lang)

    def language(self, code: str) -> str:
        return language_name(code, self.lang)

    def theme(self, key: str) -> str:
        return self.site.label("themes", key, self.lang)

    def label(self, vocabulary: str, key) -> str:
        return self.site.label(vocabulary, key, self.lang)

    def type_label(self, type_key: str, plural: bool = False) -> str:
        return self.site.type_label(type_key, self.lang, plural)

    def title(self, item: Item) -> str:
        return item.text_for(self.lang).front.title

    def summary(self, item: Item) -> str:
        return item.text_for(self.lang).front.summary

    def title_markup(self, item: Item) -> str:
        """An item's title inside Markdown (a heading of the table of contents)."""
        return self._in_its_language(item, markdown_text(item.text_for(self.lang).front.title))

    def title_html(self, item: Item) -> Markup:
        """An item's title inside the HTML chrome: escaped, marked with its language."""
        return Markup(self._in_its_language(item, escape(item.text_for(self.lang).front.title)))

    def summary_html(self, item: Item) -> Markup:
        return Markup(self._in_its_language(item, escape(item.text_for(self.lang).front.summary)))

    def _in_its_language(self, item: Item, text: str) -> str:
        """Text made safe where it lands (Markdown or HTML), marked with its language when it is
        not the page's (an English title on an Arabic page must not be laid out right to left)."""
        lang = item.text_for(self.lang).lang
        if lang == self.lang:
            return text
        return f'<span lang="{lang}" dir="{self.site.language(lang).dir}">{text}</span>'

    def icon(self, kind: str, key: str) -> Markup:
        """The icon of a content type or a pillar, as an empty element drawn by the icons' stylesheet."""
        name = icon_class(kind, key)
        return Markup(f'<span class="bridges-icon {name}"></span>') if name else Markup("")

    def join(self, values) -> Markup:
        """Escaped values (or HTML already made, as Markup) listed in the reader's language:
        "A, B, C", "A, B et C", "A، وB، وC" (CLDR, via babel)."""
        return Markup(format_items([str(escape(value)) for value in values], self.lang))

    def a(self, href: str, text) -> Markup:
        """A link of the chrome: `text` is escaped unless it is Markup already."""
        return Markup('<a href="{}">{}</a>').format(href, text)

    def country_links(self, codes) -> Markup:
        return self.join(self.a(self.href(urls.country_dir(code)), self.country(code)) for code in codes)

    def theme_links(self, keys) -> Markup:
        return self.join(self.a(self.href(urls.theme_dir(key)), self.theme(key)) for key in keys)

    def item_links(self, items) -> Markup:
        return self.join(self.a(self.item_href(item), self.title_html(item)) for item in items)

    def lab_links(self, slugs) -> Markup:
        return self.item_links(lab for lab in (self.content.get("lab", slug) for slug in slugs) if lab is not None)

    def audience_list(self, keys) -> Markup:
        return self.join(self.label("audiences", key) for key in keys)

    def sdg_list(self, numbers) -> Markup:
        return self.join(f"{self.t('sdg_number', n=number)}: {self.label('sdgs', number)}" for number in numbers)

    def translations_of(self, item: Item):
        """(code, own name, relative URL) for each other language this item is really written in;
        the site's other languages only show it in its original language, with a notice."""
        return [(code, name, href) for code, name, href in self.other_languages() if code in item.texts]

    def other_languages(self):
        """(code, own name, relative URL) for each other language of this page."""
        return [(code, language_name(code, code), urls.cross_language_link(self.site, self.directory, self.lang, code))
                for code in self.site.language_codes if code != self.lang]


@functools.cache
def environment() -> Environment:
    environment = Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined,
                              trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    environment.filters["years"] = years
    environment.filters["md"] = markdown_text
    environment.filters["body"] = hashtags_are_not_headings
    environment.filters["fence"] = fence
    environment.filters["text_block"] = opening
    environment.filters["bidi"] = lambda value, c: bidi_safe(value, c.site.language(c.lang).dir == "rtl")
    environment.filters["date"] = lambda day, lang: format_date(day, format="long", locale=lang)
    environment.filters["filesize"] = file_size
    return environment


def format_items(values: list[str], lang: str) -> str:
    """Join values as the locale lists them. CLDR's "unit" lists keep every separator (the Arabic
    comma "،" included) without a trailing "and" in English; some locales only have "standard"."""
    try:
        return format_list(values, style="unit", locale=lang)
    except KeyError:
        return format_list(values, style="standard", locale=lang)


@functools.cache
def html_environment() -> Environment:
    """For HTML documents (the PDFs): every value is escaped unless it is marked safe (Markup),
    like the body, which went through the same sanitizer as the site's pages."""
    escaping = Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined, autoescape=True,
                           trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    escaping.filters.update(environment().filters)
    return escaping


def file_size(size: int, lang: str) -> str:
    """A human-readable size in the reader's locale: 12,3 ko, 1.2 MB."""
    if size < 1_000_000:
        return format_unit(max(size / 1000, 0.1), "digital-kilobyte", length="short", locale=lang, format="#,##0.#")
    return format_unit(size / 1_000_000, "digital-megabyte", length="short", locale=lang, format="#,##0.#")


# "<" is not a Markdown escape (a backslash would show): it becomes an entity.
_MARKDOWN_SPECIAL = str.maketrans({**{char: "\\" + char for char in "\\`*_[]>#|"}, "<": "&lt;"})


def markdown_text(value: str) -> str:
    """Plain text made safe to put inside Markdown: no accidental links, emphasis or HTML."""
    return " ".join(str(value).split()).translate(_MARKDOWN_SPECIAL)


def years(item: Item) -> str:
    meta = item.meta
    if meta.year and meta.year_end and meta.year_end != meta.year:
        return f"{meta.year}–{meta.year_end}"
    return str(meta.year or "")
