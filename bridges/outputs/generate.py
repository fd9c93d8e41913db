"""Generate the Markdown pages of the site from the loaded content, for every language.

Pages are plain Markdown with front matter, written under docs/ so that MkDocs and
mkdocs-static-i18n treat them like hand-written pages (language switcher, sitemap, per-language
builds). Writing is incremental: a file is only rewritten when its text changes, so that
`mkdocs serve` does not rebuild in a loop. Given a cache, a page is generated again only when
something it is made from changed (`Remembered`).
"""
from __future__ import annotations

import dataclasses
import json
import os
import shutil
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import yaml
from babel.numbers import format_decimal

from ..model import urls
from ..model.locales import alphabetical, country_name, language_name
from ..model.problems import Superseded, working_on
from ..model.registry import REGISTRY
from ..model.schemas import Item
from ..model.site import Site
from ..rules.translations import Status, status
from ..sources.load import Content
from . import cards, home
from .cache import Cache, code_digest, digest
from .campaign import listing_groups as campaign_groups
from .campaign import page_values as campaign_values
from .context import UI, PageContext, environment
from .documents import Documents, Download, build_documents
from .toolkit import add_toolkits
from .images import figures
from .pagination import paginate
from .search import RECENT
from .storymap import items_text, land_svg, story_map



@dataclass(frozen=True)
class Page:
    path: str  # relative to docs/, e.g. "labs/media-lab/index.fr.md"
    text: str
    card: cards.Card | None = None  # its social card (og:image), drawn by write_site


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
    body = environment().get_template(template).render(c=context, t=context.t, **values)
    return Page(urls.page_file(context.directory, context.lang), _front_matter(**front) + "\n" + body, card)


# --- the pages -----------------------------------------------------------------------------

def site_pages(content: Content, documents: Documents | None = None, base_url: str = "/",
               languages: list[str] | None = None, stop: Callable[[], bool] | None = None,
               cache: Cache | None = None) -> list[Page]:
    site = content.site
    remembered = Remembered(cache, content, documents, base_url) if cache else None
    pages: list[Page] = []
    for lang in languages or site.language_codes:
        for item in content.items:
            if stop and stop():  # nothing is written yet: a newer change makes these pages again
                raise Superseded()
            if remembered is None:
                pages.append(item_page_in(content, documents, lang, item, base_url))
            else:
                pages += remembered.pages(remembered.item_key(item, lang),
                                          lambda: [item_page_in(content, documents, lang, item, base_url)])
        if remembered is None:
            pages += other_pages(content, lang, base_url)
        else:
            pages += remembered.pages(remembered.other_key(lang), lambda: other_pages(content, lang, base_url))
    return pages


def other_pages(content: Content, lang: str, base_url: str = "/") -> list[Page]:
    """The pages of one language that are not an item's: listings, home, library, dashboard, terms."""
    site = content.site
    ui = site.ui
    by_theme, by_country = _index(content)
    pages: list[Page] = []

    def context(directory: str) -> PageContext:
        return PageContext(site, content, ui, lang, directory, base_url)

    for type_key in site.content_types:
        items = sorted(content.of_type(type_key), key=lambda item: item.sort_date, reverse=True)
        if type_key == "campaign":  # a page in every language, in the navigation, even before the first campaign
            listing = context(urls.listing_dir(site, type_key))
            pages.append(render("campaigns.md.j2", listing, {"title": site.type_label(type_key, lang, plural=True),
                                                             "reader_page": True},
                                type_key=type_key, groups=campaign_groups(listing, items)))
        elif items:
            pages.extend(paged(context, urls.listing_dir(site, type_key), items, "listing.md.j2",
                               site.type_label(type_key, lang, plural=True), type_key=type_key))
    pages.append(home_page(context("")))
    pages.append(translation_dashboard(context("translations"), content))
    pages.append(library_page(context("library"), content))
    pages.extend(_term_pages(context, "themes", by_theme, lambda key: site.label("themes", key, lang), urls.theme_dir))
    pages.extend(_term_pages(context, "countries", by_country, lambda code: country_name(code, lang), urls.country_dir))
    return pages


class Remembered:
    """Generated pages kept in the cache (store "generated") and made again only when something
    they are made from changed. What makes a page, by kind:

    - an item's page: the item itself (its meta.yml and every text, body included), its
      downloads and pictures, and every other item without its body (titles, summaries and
      meta.yml are what links, facets and a lab's list of stories show), the site's settings
      and words, the base URL, the language, and the code (`code_digest`);
    - every other page (listings, home, map, library, dashboard) and a campaign's page (it
      shows its stories and toolkit): every item without its body, each text's translation
      state (the dashboard; it follows from the bodies), every download and picture, the site's
      settings and words, the base URL, the language and the code. No other item's body is
      shown anywhere.

    So a story's text edited makes its own pages again, and the site's other pages only when a
    translation's state changed. tests/test_generate_cache.py changes each kind of input and
    checks that the remembered pages are the pages made afresh."""

    def __init__(self, cache: Cache, content: Content, documents: Documents | None, base_url: str):
        self.store = cache.store("generated")
        self.documents = documents or Documents()
        shared = digest(code_digest(), base_url, repr(content.site), repr(content.archive))
        outlines = {id(item): repr(_without_bodies(item)) for item in content.items}
        self._items = {id(item): digest(outlines[id(item)], *_bodies(item)) for item in content.items}
        self.items_key = digest(shared, *outlines.values())
        states = [status(item, lang).value for item in content.items for lang in content.site.language_codes]
        self.others_key = digest(self.items_key, *states, repr(self.documents))

    def item_key(self, item: Item, lang: str) -> str:
        if item.type == "campaign":
            return digest(self.others_key, "campaign", self._items[id(item)], lang)
        return digest(self.items_key, lang, self._items[id(item)], repr(self.documents.downloads.get(item.id)),
                      repr(self.documents.images.get(item.id)))

    def other_key(self, lang: str) -> str:
        return digest(self.others_key, "others", lang)

    def pages(self, key: str, make: Callable[[], list[Page]]) -> list[Page]:
        stored = self.store.get(key)
        if stored is not None:
            return [Page(entry["path"], entry["text"], cards.Card(**entry["card"]) if entry["card"] else None)
                    for entry in json.loads(stored)]
        made = make()
        self.store.set(key, json.dumps([{"path": page.path, "text": page.text,
                                         "card": dataclasses.asdict(page.card) if page.card else None}
                                        for page in made], ensure_ascii=False).encode("utf-8"))
        return made


def _bodies(item: Item) -> list[str]:
    return [part for lang, text in item.texts.items() for part in (lang, text.body)]


def _without_bodies(item: Item) -> Item:
    return dataclasses.replace(item, texts={lang: dataclasses.replace(text, body="")
                                            for lang, text in item.texts.items()})


def item_page_in(content: Content, documents: Documents | None, lang: str, item: Item, base_url: str = "/") -> Page:
    """An item's page in one language, with its downloads and web pictures from `documents`."""
    site = content.site
    context = PageContext(site, content, site.ui, lang, urls.item_dir(site, item), base_url)
    with working_on(item.folder.relative_to(item.root)):
        return item_page(context, item, documents.downloads.get(item.id, []) if documents else [],
                         documents.images.get(item.id, {}) if documents else {})


def home_page(context: PageContext) -> Page:
    """The home page of one language (templates/home.md.j2, values from bridges.outputs.home)."""
    front = {"title": context.site.name, "description": home.site_description(context.content, context.t, context.lang),
             "hide": ["navigation", "toc"], "reader_page": True}
    drawing = home.story_map(context)
    if drawing:
        front.update(layout="home", map=drawing)
    return render("home.md.j2", context, front, **home.values(context))


def site_descriptions(content: Content) -> dict[str, str]:
    """The site's description in each language (mkdocs' site_description, set by the hooks)."""
    site = content.site
    return {lang: home.site_description(content, UI(site.ui, lang, site.default_language), lang)
            for lang in site.language_codes}


def item_page(context: PageContext, item: Item, downloads: list[Download], web_images: dict | None = None) -> Page:
    text = item.text_for(context.lang)
    source = text.path.relative_to(context.site.root).as_posix()
    # No pencil beside the title (the theme's edit_url): a reader's page ends with a link, in words,
    # to the text's file in GitHub's editor, where a contributor looks for it.
    front = {"title": text.front.title, "description": text.front.summary, "edit_url": None,
             "bridges": {"item": item.id, "text_language": text.lang, "source": source,
                         "search": search_data(context, item, downloads, text)}}
    edit_href = context.site.edit_url(source)
    if item.type == "campaign":  # a page for readers: its editing links are on the contribute pages
        front.update(reader_page=True, hide=["navigation"])  # no empty column beside it
        edit_href = None
    campaigns = [context.content.get("campaign", slug) for slug in item.meta.campaigns]
    original = item.texts.get(item.meta.original_language, text)
    original_link = urls.cross_language_link(context.site, context.directory, context.lang, original.lang)
    # One order in every language (the site's order of languages, then the text, the kit, the files),
    # so that a link shared between readers of two languages points at the same line.
    downloads = sorted(downloads, key=lambda download: (_language_rank(context.site, download.language),
                                                        _kind_rank(download.kind), download.name))
    # Bundle files are published once, beside the default language's page.
    bundle_url = urls.cross_language_link(context.site, context.directory, context.lang, context.site.default_language)
    # The campaign's landing page extends the item page (templates/campaign.md.j2).
    template = REGISTRY[item.type].template
    extra = campaign_values(context, item, downloads) if item.type == "campaign" else {}
    return render(template, context, front, **extra, item=item, text=text, meta=item.meta, downloads=downloads,
                  edit_href=edit_href,
                  campaigns=[campaign for campaign in campaigns if campaign is not None],
                  bundle_images=figures(item, text, bundle_url, web_images or {}),
                  translated=text.lang == context.lang, original_link=original_link, original=original,
                  outdated=status(item, context.lang) is Status.OUTDATED,
                  naming_items=naming_items(context, item))


DOWNLOAD_KINDS = ("pdf", "kit", "file")  # the order of downloads of one language; other kinds after


def _kind_rank(kind: str) -> int:
    return DOWNLOAD_KINDS.index(kind) if kind in DOWNLOAD_KINDS else len(DOWNLOAD_KINDS)


def _language_rank(site: Site, code: str) -> tuple[int, str]:
    codes = site.language_codes
    return (codes.index(code), code) if code in codes else (len(codes), code)


def naming_items(context: PageContext, item: Item) -> list[tuple[str, list[Item]]]:
    """For a lab: the items that name it (`labs:` in their meta.yml), by type, newest first."""
    if item.type != "lab":
        return []
    groups = []
    for type_key in context.site.content_types:
        others = sorted((other for other in context.content.of_type(type_key) if item.slug in other.meta.labs),
                        key=lambda other: other.sort_date, reverse=True)
        if others:
            groups.append((type_key, others))
    return groups


FACETS = ("type", "country", "theme", "lab", "year", "download_language", "format")


def search_data(context: PageContext, item: Item, downloads: list[Download], text) -> dict:
    """What the library's search index learns about an item page: its facets, its sort date and
    its kind. The theme writes them as data-pagefind-* attributes (overrides/main.html); the
    sanitizer removes such attributes from everything else, so only these reach the index."""
    # item: the same item in every language's index, so that the library offers it once.
    meta = {"kind": context.type_label(item.type), "item": item.id}
    if text.lang != context.lang:  # shown in its original: the result's title and excerpt are in that language
        meta["fallback"] = context.language(text.lang)
        meta["fallback_lang"] = text.lang
    return {"filters": [[name, value] for name, values in facets(context, item, downloads).items() for value in values],
            "sort": {"date": item.sort_date[0].isoformat()}, "meta": meta}


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


LATEST = 20  # items the library shows before any search (and without JavaScript)


def library_page(context: PageContext, content: Content) -> Page:
    """The library: Pagefind search with facets (theme override library.html). Before a search,
    and without JavaScript, it shows the latest items and the way to every listing: a page whose
    size does not grow with the number of items (the listings per type reach them all, in pages)."""
    site = content.site
    latest = sorted(content.items, key=lambda item: item.sort_date, reverse=True)[:LATEST]
    types = [(type_key, len(content.of_type(type_key))) for type_key in site.content_types if content.of_type(type_key)]
    front = {"title": context.t("library_title"), "layout": "library", "search_exclude": True,
             "hide": ["navigation", "toc"],
             # A list, not a mapping: the order of the facets on the page (JSON keys get sorted).
             "library": {"facets": [[name, context.t("facet_" + name)] for name in FACETS],
                         "words": {key: context.t("library_" + key) for key in LIBRARY_WORDS},
                         "intro": context.t("library_intro"),
                         "total": context.t("library_total", count=format_decimal(len(content.items), locale=context.lang)),
                         # A first search reads the index of the newest items (bridges.outputs.search).
                         "recent": RECENT if len(content.items) > RECENT else None,
                         "items": len(content.items),  # the older items: items - recent
                         "other_languages": other_languages(content, context.lang)}}
    return render("library.md.j2", context, front, latest=latest, types=types)


LIBRARY_WORDS = ("search", "search_button", "sort", "sort_relevance", "sort_newest", "sort_oldest", "results", "results_recent",
                 "result_one", "result_one_recent",
                 "no_results", "no_results_recent", "older", "clear", "filters", "more", "in_language", "searching", "other_languages",
                 "other_intro")


def other_languages(content: Content, lang: str) -> list[list[str]]:
    """[code, name in `lang`, direction] of the languages most items are written in (at least half
    as many as the most written one), other than `lang`: where the library looks when a search in
    `lang` finds little. A language with a handful of texts would cost a download for nothing."""
    written = Counter(code for item in content.items for code in item.texts)
    most = max(written.values(), default=0)
    return [[code, language_name(code, lang), content.site.language(code).dir]
            for code, count in sorted(written.items(), key=lambda entry: (-entry[1], entry[0]))
            if code != lang and count * 2 >= most]


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
    # No table of contents beside it: the table gets the whole width of the page.
    return render("translations.md.j2", context, {"title": context.t("translations_title"), "hide": ["toc"]},
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
    terms = sorted(groups, key=lambda key: alphabetical(name(key)))
    if kind == "themes":  # pillars first, in taxonomy order
        pillars = [key for key in site.vocabularies["themes"] if site.vocabularies["themes"][key].pillar]
        terms = [key for key in pillars if key in groups] + [key for key in terms if key not in pillars]
    terms_list = [(key, name(key), directory_of(key), len(groups[key])) for key in terms]
    if kind == "countries":
        pages = [countries_page(context(kind), {key: len(groups[key]) for key in terms}, terms_list)]
    else:
        pages = [render("terms.md.j2", context(kind), {"title": context(kind).t(f"all_{kind}")}, kind=kind,
                        terms=terms_list)]
    for key in terms:
        # Each page: its share of the term's items (newest first), grouped by type.
        pages.extend(paged(context, directory_of(key), groups[key], "term.md.j2", name(key), kind=kind,
                           name=name(key), groups=lambda items: _by_type(site, items)))
    return pages


def _by_type(site: Site, items: list[Item]) -> list[tuple[str, list[Item]]]:
    """(type key, its items) in the order of the content types, for the types that have some."""
    by_type = [(type_key, [item for item in items if item.type == type_key]) for type_key in site.content_types]
    return [(type_key, of_type) for type_key, of_type in by_type if of_type]


def paged(context, directory: str, items: list, template: str, title: str, groups=None, **values) -> list[Page]:
    """A listing's pages (bridges.outputs.pagination), each with `items` (its share) and `pager`,
    and `groups` made of its items when given. Later pages share the first one's social card."""
    pages = []
    size = context(directory).site.listing_page_size
    for page_context, chunk, pager in paginate(context, directory, items, size, title):
        front = {"title": pager.title}
        if pager.number > 1:
            front["card"] = cards.card_path(directory, page_context.lang)
        extra = {"groups": groups(chunk)} if groups else {}
        pages.append(render(template, page_context, front, items=chunk, pager=pager, **values, **extra))
    return pages


def countries_page(context: PageContext, counts: dict[str, int], terms: list) -> Page:
    """The countries: the map of the stories (theme override countries.html) beside the plain list."""
    front = {"title": context.t("all_countries"), "layout": "countries", "hide": ["toc"],
             "map": {**story_map(context, counts), "intro": context.t("all_countries_intro")}}
    return render("countries.md.j2", context, front,
                  terms=[(name, directory, items_text(context.t, count)) for _, name, directory, count in terms])


# --- writing -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Written:
    written: int  # files written (the others were already up to date)
    removed: int  # stale files removed
    documents: Documents  # what write_item_pages needs to redo an item's pages


def write_site(content: Content, docs_dir: Path, cache: Path, base_url: str = "/",
               languages: list[str] | None = None, stop: Callable[[], bool] | None = None,
               use_cache: bool = True) -> Written:
    """Write every generated page, document and bundle asset under docs_dir.
    `languages` limits the pages to the languages being built (make serve-fast). `stop`: asked
    between pages, before anything is written; when it says yes, Superseded is raised.
    `use_cache`: pages already generated from the same inputs are taken from the cache
    (`Remembered`); the documents always are."""
    folders = owned_roots(docs_dir, urls.owned_folders(content.site))  # before anything is written
    documents = build_documents(content, cache, base_url)
    add_toolkits(content, documents, cache, base_url)  # the campaigns' key messages, pictures, papers
    store = Cache(cache)
    try:
        pages = site_pages(content, documents, base_url, languages, stop, store if use_cache else None)
    finally:
        store.close()
    if stop and stop():
        raise Superseded()
    expected: dict[Path, bytes | Path] = {docs_dir / page.path: page.text.encode("utf-8") for page in pages}
    expected.update((docs_dir / path, source) for path, source in documents.files.items())
    if any(item.meta.countries for item in content.items):  # the map's land (bridges.outputs.storymap)
        # Drawn once for this code and data set (two seconds of shapes), then copied from the cache.
        expected[docs_dir / urls.STORY_MAP_LAND] = store.file(
            "maps", digest(code_digest(), "land"), ".svg", lambda path: path.write_text(land_svg(), encoding="utf-8"))
    # Social cards: one per generated page, and one per hand-written page and language.
    page_cards = [page.card for page in pages if page.card]
    # The home page is generated: its card replaces the one drawn from an index.<lang>.md left in docs/.
    page_cards += [card for card in cards.handwritten_cards(content.site, docs_dir, urls.owned_folders(content.site),
                                                                 urls.owned_files(content.site))
                   if card.path not in {page_card.path for page_card in page_cards}]
    expected.update((docs_dir / path, source) for path, source in cards.render_cards(page_cards, cache).items())
    # Bundle files are among the documents: only those the item uses, verified (bridges.documents).
    files = {docs_dir / name for name in urls.owned_files(content.site)}  # the home pages
    roots = tuple(f"{root}{os.sep}" for root in folders)
    outside = [path for path in expected if path not in files and not str(path).startswith(roots)]
    if outside:
        raise GeneratorRefused(f"the generator would write outside its folders of {docs_dir}: {outside[0]}")
    written = sum(_write(path, data) for path, data in expected.items())
    removed = 0
    for root in folders:
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*"), reverse=True):
            if path.is_file() and path not in expected:
                path.unlink()
                removed += 1
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return Written(written, removed, documents)


def write_item_pages(content: Content, documents: Documents, docs_dir: Path, items: list[Item], base_url: str = "/",
                     languages: list[str] | None = None) -> list[Path]:
    """The pages of `items` alone, in every language, with the documents of the last write_site:
    what `bridges serve` shows first after an edit to an item's text, before the whole site
    follows. Returns the files that changed."""
    changed = []
    for lang in languages or content.site.language_codes:
        for item in items:
            page = item_page_in(content, documents, lang, item, base_url)
            if _write(docs_dir / page.path, page.text.encode("utf-8")):
                changed.append(docs_dir / page.path)
    return changed


class GeneratorRefused(ValueError):
    """The generator would write or delete outside the folders it owns under docs/."""


def owned_roots(docs_dir: Path, folders: list[str]) -> list[Path]:
    """The generator's folders under docs_dir, each checked: a plain slug, not a folder of the theme
    or of hand-written pages, directly inside docs_dir once links are resolved. It deletes stale
    files inside them, so anything else (`../..`, a link to elsewhere) stops the build instead."""
    base = docs_dir.resolve()
    roots = []
    for folder in folders:
        root = docs_dir / folder
        if (not urls.SLUG.fullmatch(folder) or folder in urls.RESERVED_FOLDERS or folders.count(folder) > 1
                or root.is_symlink() or root.resolve().parent != base):
            raise GeneratorRefused(f"'{folder}' is not a folder the generator may own under {docs_dir}: "
                                   "content types' URLs in content/taxonomy.yml must be distinct plain slugs "
                                   f"other than {', '.join(urls.RESERVED_FOLDERS)}.")
        roots.append(root)
    return roots


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
