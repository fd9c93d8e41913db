"""Generate the Markdown pages of the site from the loaded content, for every language.

Pages are plain Markdown with front matter, written under docs/ so that MkDocs and
mkdocs-static-i18n treat them like hand-written pages (language switcher, sitemap, per-language
builds). Writing is incremental: a file is only rewritten when its text changes, so that
`mkdocs serve` does not rebuild in a loop.
"""
from __future__ import annotations

import functools
import shutil
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml
from babel.dates import format_date
from babel.units import format_unit
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from . import cards, urls
from .campaign import page_values as campaign_values
from .documents import Documents, Download, build_documents
from .images import figures
from .load import Content
from .locales import country_name, language_name
from .markup import bidi_safe, hashtags_are_not_headings
from .model import Item
from .problems import working_on
from .share import absolute_url, share_links
from .site import Site
from .translations import Status, status

TEMPLATES = Path(__file__).with_name("templates")
ASSET_FOLDERS = ("images", "files")


@dataclass(frozen=True)
class Page:
    path: str  # relative to docs/, e.g. "labs/media-lab/index.fr.md"
    text: str
    card: cards.Card | None = None  # its social card (og:image), drawn by write_site


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
        return absolute_url(self.base_url, urls.url_path(self.site, self.directory, self.lang))

    def share_links(self, title: str) -> list[tuple[str, str, str]]:
        return share_links(self.page_url(), title, self.t("share_email"))

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

    def other_languages(self):
        """(code, own name, relative URL) for each other language of this page."""
        return [(code, language_name(code, code), urls.cross_language_link(self.site, self.directory, self.lang, code))
                for code in self.site.language_codes if code != self.lang]


@functools.cache
def _environment() -> Environment:
    environment = Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined,
                              trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    environment.filters["years"] = _years
    environment.filters["md"] = markdown_text
    environment.filters["body"] = hashtags_are_not_headings
    environment.filters["bidi"] = lambda value, c: bidi_safe(value, c.site.language(c.lang).dir == "rtl")
    environment.filters["date"] = lambda day, lang: format_date(day, format="long", locale=lang)
    environment.filters["filesize"] = file_size
    return environment


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


def _years(item: Item) -> str:
    meta = item.meta
    if meta.year and meta.year_end and meta.year_end != meta.year:
        return f"{meta.year}–{meta.year_end}"
    return str(meta.year or "")


# libyaml's emitter: PyYAML's pure-Python one took a third of the generation time.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _front_matter(**fields) -> str:
    return "---\n" + yaml.dump(fields, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=1000) + "---\n"


def render(template: str, context: PageContext, front: dict, **values) -> Page:
    # Generated pages are edited through their source in content/, or not at all (listings).
    front.setdefault("edit_url", None)
    # Only items and hand-written pages are searched; listings would only repeat them.
    if "bridges" not in front:
        front.setdefault("search_exclude", True)
    card = cards.page_card(context, front, values)  # sets front["card"], the og:image
    body = _environment().get_template(template).render(c=context, t=context.t, **values)
    return Page(urls.page_file(context.directory, context.lang), _front_matter(**front) + "\n" + body, card)


# --- the pages -----------------------------------------------------------------------------

def site_pages(content: Content, documents: Documents | None = None, base_url: str = "/",
               languages: list[str] | None = None) -> list[Page]:
    site = content.site
    downloads = documents.downloads if documents else {}
    images = documents.images if documents else {}
    ui = site.ui
    pages: list[Page] = []
    by_theme, by_country = _index(content)
    for lang in languages or site.language_codes:
        def context(directory: str) -> PageContext:
            return PageContext(site, content, ui, lang, directory, base_url)

        for item in content.items:
            with working_on(item.folder.relative_to(item.root)):
                pages.append(item_page(context(urls.item_dir(site, item)), item, downloads.get(item.id, []),
                                       images.get(item.id, {})))
        for type_key in site.content_types:
            items = sorted(content.of_type(type_key), key=lambda item: item.sort_date, reverse=True)
            if items:
                pages.append(render("listing.md.j2", context(urls.listing_dir(site, type_key)),
                                    {"title": site.type_label(type_key, lang, plural=True)},
                                    type_key=type_key, items=items))
        pages.append(translation_dashboard(context("translations"), content))
        pages.append(library_page(context("library"), content))
        pages.extend(_term_pages(context, "themes", by_theme, lambda key: site.label("themes", key, lang), urls.theme_dir))
        pages.extend(_term_pages(context, "countries", by_country, lambda code: country_name(code, lang), urls.country_dir))
    return pages


def item_page(context: PageContext, item: Item, downloads: list[Download], web_images: dict | None = None) -> Page:
    text = item.text_for(context.lang)
    source = text.path.relative_to(context.site.root).as_posix()
    front = {"title": text.front.title, "description": text.front.summary,
             "edit_url": context.site.edit_url(source),
             "bridges": {"item": item.id, "text_language": text.lang, "source": source}}
    original = item.texts.get(item.meta.original_language, text)
    original_link = urls.cross_language_link(context.site, context.directory, context.lang, original.lang)
    # The reader's language first, then the others.
    downloads = sorted(downloads, key=lambda download: (download.language != context.lang, download.kind != "pdf"))
    # Bundle files are published once, beside the default language's page.
    bundle_url = urls.cross_language_link(context.site, context.directory, context.lang, context.site.default_language)
    # The campaign's landing page extends the item page (templates/campaign.md.j2).
    template, extra = ("campaign.md.j2", campaign_values(context, item, downloads)) if item.type == "campaign" else ("item.md.j2", {})
    return render(template, context, front, **extra, item=item, text=text, meta=item.meta, downloads=downloads,
                  bundle_images=figures(item, text, bundle_url, web_images or {}),
                  facets=facets(context, item, downloads), sort_date=item.sort_date[0].isoformat(),
                  translated=text.lang == context.lang, original_link=original_link, original=original,
                  outdated=status(item, context.lang) is Status.OUTDATED)


FACETS = ("type", "country", "theme", "lab", "year", "download_language", "format")


def facets(context: PageContext, item: Item, downloads: list[Download]) -> dict[str, list[str]]:
    """The library's filter values for one item, in the page's language."""
    meta = item.meta
    labs = [context.content.get("lab", slug) for slug in meta.labs]
    if item.type == "lab":
        labs.insert(0, item)
    values = {
        "type": [context.type_label(item.type)],
        "country": [context.country(code) for code in meta.countries],
        "theme": [context.theme(key) for key in meta.themes],
        "lab": [context.title(lab) for lab in labs if lab is not None],
        "year": [str(meta.year)] if meta.year else [],
        "download_language": sorted({context.language(download.language) for download in downloads}),
        "format": sorted({download.format for download in downloads}),
    }
    return {name: values[name] for name in FACETS if values[name]}


def library_page(context: PageContext, content: Content) -> Page:
    """The library: Pagefind search with facets (theme override library.html), and without
    JavaScript a complete plain listing grouped by type."""
    site = content.site
    groups = [(type_key, sorted(content.of_type(type_key), key=lambda item: context.title(item).casefold()))
              for type_key in site.content_types]
    front = {"title": context.t("library_title"), "template": "library.html", "search_exclude": True,
             "hide": ["navigation", "toc"],
             # A list, not a mapping: the order of the facets on the page (JSON keys get sorted).
             "library": {"facets": [[name, context.t("facet_" + name)] for name in FACETS],
                         "words": {key: context.t("library_" + key) for key in LIBRARY_WORDS}}}
    return render("library.md.j2", context, front, groups=[(key, items) for key, items in groups if items])


LIBRARY_WORDS = ("search", "sort", "sort_relevance", "sort_newest", "sort_oldest", "results", "no_results",
                 "clear", "filters", "more", "in_language")


def translation_dashboard(context: PageContext, content: Content) -> Page:
    site = content.site
    groups, counts = [], {"done": 0, "outdated": 0, "missing": 0, "total": 0}
    for type_key in site.content_types:
        rows = []
        for item in sorted(content.of_type(type_key), key=lambda item: item.slug):
            statuses = [status(item, lang) for lang in site.language_codes]
            rows.append((item, statuses))
            for state in statuses:
                if state is not Status.ORIGINAL:
                    counts["total"] += 1
                    counts[state.value] += 1
        if rows:
            groups.append((type_key, rows))
    return render("translations.md.j2", context, {"title": context.t("translations_title")},
                  groups=groups, counts=counts)


def _index(content: Content):
    by_theme, by_country = defaultdict(list), defaultdict(list)
    for item in sorted(content.items, key=lambda item: item.sort_date, reverse=True):
        for theme in item.meta.themes:
            by_theme[theme].append(item)
        for code in item.meta.countries:
            by_country[code].append(item)
    return by_theme, by_country


def _term_pages(context, kind: str, groups: dict, name, directory_of):
    """An index of the terms used, and one page per term listing its items by type."""
    site = context(kind).site
    terms = sorted(groups, key=lambda key: name(key).casefold())
    if kind == "themes":  # pillars first, in taxonomy order
        pillars = [key for key in site.vocabularies["themes"] if site.vocabularies["themes"][key].pillar]
        terms = [key for key in pillars if key in groups] + [key for key in terms if key not in pillars]
    pages = [render("terms.md.j2", context(kind), {"title": context(kind).t(f"all_{kind}")}, kind=kind,
                    terms=[(key, name(key), directory_of(key), len(groups[key])) for key in terms])]
    for key in terms:
        page_context = context(directory_of(key))
        by_type = [(type_key, [item for item in groups[key] if item.type == type_key]) for type_key in site.content_types]
        pages.append(render("term.md.j2", page_context, {"title": name(key)}, kind=kind, name=name(key),
                            groups=[(type_key, items) for type_key, items in by_type if items]))
    return pages


# --- writing -------------------------------------------------------------------------------

def owned_folders(site: Site) -> list[str]:
    """The folders under docs/ that belong to the generator (git-ignored, cleaned of stale files)."""
    return [content_type.url for content_type in site.content_types.values()] + ["themes", "countries", "translations", "library",
                                                                                  cards.CARDS_FOLDER]


def write_site(content: Content, docs_dir: Path, cache: Path, base_url: str = "/",
               languages: list[str] | None = None) -> tuple[int, int]:
    """Write every generated page, document and bundle asset under docs_dir. Returns (written, removed).
    `languages` limits the pages to the languages being built (make serve-fast)."""
    documents = build_documents(content, cache, base_url)
    pages = site_pages(content, documents, base_url, languages)
    expected: dict[Path, bytes | Path] = {docs_dir / page.path: page.text.encode("utf-8") for page in pages}
    expected.update((docs_dir / path, source) for path, source in documents.files.items())
    # Social cards: one per generated page, and one per hand-written page and language.
    page_cards = [page.card for page in pages if page.card]
    page_cards += cards.handwritten_cards(content.site, docs_dir, owned_folders(content.site))
    expected.update((docs_dir / path, source) for path, source in cards.render_cards(page_cards, cache).items())
    for item in content.items:
        target = docs_dir / urls.item_dir(content.site, item)
        for folder in ASSET_FOLDERS:
            source = item.folder / folder
            if source.is_dir():
                for path in source.rglob("*"):
                    if path.is_file() and not path.is_symlink():  # images' web copies take precedence
                        expected.setdefault(target / path.relative_to(item.folder), path)
    written = sum(_write(path, data) for path, data in expected.items())
    removed = 0
    for folder in owned_folders(content.site):
        root = docs_dir / folder
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*"), reverse=True):
            if path.is_file() and path not in expected:
                path.unlink()
                removed += 1
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return written, removed


def _write(path: Path, data: bytes | Path) -> bool:
    if isinstance(data, Path):  # an asset: copy when size or time differ
        source = data.stat()
        if path.exists() and path.stat().st_size == source.st_size and path.stat().st_mtime >= source.st_mtime:
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(data, path)
        return True
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True
