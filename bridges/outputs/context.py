"""What every template of the outputs gets: the page's language and place, the interface words of
content/ui.yml, and one Jinja environment with the filters the templates share."""
from __future__ import annotations

import functools
from pathlib import Path

from babel.dates import format_date
from babel.lists import format_list
from babel.units import format_unit
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..model import urls
from ..model.locales import country_name, language_name
from ..model.schemas import Item
from ..model.site import Site
from ..sources.load import Content
from .icons import icon_class
from .markup import bidi_safe, hashtags_are_not_headings
from .share import share_links

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
        return urls.md_link(self.directory, to_dir)

    def item_link(self, item: Item) -> str:
        return self.link(urls.item_dir(self.site, item))

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
        return self._in_its_language(item, item.text_for(self.lang).front.title)

    def summary_markup(self, item: Item) -> str:
        return self._in_its_language(item, item.text_for(self.lang).front.summary)

    def _in_its_language(self, item: Item, text: str) -> str:
        """Markdown-safe text; marked with its language when it is not the page's (an English
        title on an Arabic page must not be laid out right to left)."""
        lang = item.text_for(self.lang).lang
        if lang == self.lang:
            return markdown_text(text)
        return f'<span lang="{lang}" dir="{self.site.language(lang).dir}">{markdown_text(text)}</span>'

    def icon(self, kind: str, key: str) -> str:
        """The icon of a content type or a pillar, as an empty element drawn by the icons' stylesheet."""
        name = icon_class(kind, key)
        return f'<span class="bridges-icon {name}"></span>' if name else ""

    def join(self, values) -> str:
        """A list in the reader's language: "A, B, C", "A, B et C", "A، وB، وC" (CLDR, via babel)."""
        return format_items(list(values), self.lang)

    def country_links(self, codes) -> str:
        return self.join(f"[{markdown_text(self.country(code))}]({self.link(urls.country_dir(code))})" for code in codes)

    def theme_links(self, keys) -> str:
        return self.join(f"[{markdown_text(self.theme(key))}]({self.link(urls.theme_dir(key))})" for key in keys)

    def lab_links(self, slugs) -> str:
        labs = [lab for lab in (self.content.get("lab", slug) for slug in slugs) if lab is not None]
        return self.join(f"[{self.title_markup(lab)}]({self.item_link(lab)})" for lab in labs)

    def audience_list(self, keys) -> str:
        return self.join(markdown_text(self.label("audiences", key)) for key in keys)

    def sdg_list(self, numbers) -> str:
        return self.join(markdown_text(f"{self.t('sdg_number', n=number)}: {self.label('sdgs', number)}") for number in numbers)

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
