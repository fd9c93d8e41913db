"""Where each generated page lives, and how pages link to each other.

Pages are Markdown files under docs/ named `<dir>/index.<lang>.md` (mkdocs-static-i18n's
suffix structure). The default language is served at the site root, the others under /<lang>/.
"""
from __future__ import annotations

import functools
import posixpath
import re

from .schemas import Item
from .site import Site

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # a folder or address segment: no "/", "..", or capitals
CARDS_FOLDER = "cards"  # under docs/: the cards of hand-written pages
# The folders under docs/ that the generator writes besides one per content type (its URL).
GENERATED_FOLDERS = ("themes", "countries", "translations", "library", CARDS_FOLDER)
STORY_MAP_LAND = "countries/land.svg"  # the map's land, one picture for every page and language
# Folders of docs/ and site/ that others own: the theme's assets, the catalogue, the search index.
RESERVED_FOLDERS = ("assets", "api", "pagefind", "search")


def owned_folders(site: Site) -> list[str]:
    """The folders under docs/ that belong to the generator (git-ignored, cleaned of stale files)."""
    return [content_type.url for content_type in site.content_types.values()] + list(GENERATED_FOLDERS)


def owned_files(site: Site) -> list[str]:
    """The files at the top of docs/ that belong to the generator: the home page of each language."""
    return [page_file("", lang) for lang in site.language_codes]


def item_dir(site: Site, item: Item) -> str:
    return f"{site.content_types[item.type].url}/{item.slug}"


def listing_dir(site: Site, type_key: str) -> str:
    return site.content_types[type_key].url


PAGE_FOLDER = "page"  # a listing's further pages: <listing>/page/2/, /page/3/...


def listing_page_dir(directory: str, number: int) -> str:
    """The folder of page `number` (from 1) of a listing: the first is the listing itself."""
    return directory if number == 1 else f"{directory}/{PAGE_FOLDER}/{number}"


def theme_dir(key: str) -> str:
    return f"themes/{key}"


def country_dir(code: str) -> str:
    return f"countries/{code.lower()}"


def page_file(directory: str, lang: str) -> str:
    return f"{directory}/index.{lang}.md" if directory else f"index.{lang}.md"


@functools.lru_cache(maxsize=1 << 16)  # pure, and asked tens of thousands of times per build
def md_link(from_dir: str, to_dir: str) -> str:
    """A relative link from one generated page to another, as MkDocs validates and resolves it."""
    target = posixpath.join(to_dir, "index.md") if to_dir else "index.md"
    return posixpath.relpath(target, from_dir or ".")


@functools.lru_cache(maxsize=1 << 16)  # pure, and asked for every link of every page
def page_link(from_dir: str, to_dir: str) -> str:
    """The relative URL from one generated page to another, as it lands in the page's HTML (the
    chrome is HTML, which MkDocs leaves as written): what md_link becomes once MkDocs resolves it."""
    return posixpath.relpath(to_dir or ".", from_dir or ".") + "/"


def url_path(site: Site, directory: str, lang: str) -> str:
    """The page's path from the site root, e.g. 'fr/labs/media-lab/'."""
    prefix = "" if lang == site.default_language else f"{lang}/"
    return f"{prefix}{directory}/" if directory else prefix


def cross_language_link(site: Site, directory: str, from_lang: str, to_lang: str) -> str:
    """A relative URL from a page in one language to the same page in another."""
    return page_link(url_path(site, directory, from_lang), url_path(site, directory, to_lang))


def file_link(site: Site, directory: str, lang: str, href: str) -> str:
    """The URL, from a page in `lang`, of a file published beside the default language's page
    (bundle files, PDFs, kits): `href` is relative to the page's folder in docs/, where MkDocs
    would have resolved it; the pages' HTML gets the URL itself."""
    base = cross_language_link(site, directory, lang, site.default_language)
    return posixpath.normpath(posixpath.join(base, href))


def share_image_name(item: Item, lang: str) -> str:
    """A campaign's picture to share, one per language."""
    return f"{item.slug}-card-{lang}.png"


def share_image_path(site: Site, item: Item, lang: str) -> str:
    """Relative to docs/ and to the site root, like every generated file."""
    return f"{item_dir(site, item)}/{share_image_name(item, lang)}"


def absolute_url(base_url: str, path: str) -> str:
    """The page's public address from the site URL (mkdocs site_url) and its path from the root.
    The one helper for absolute addresses: share links, feeds, the catalogue and cards use it."""
    return base_url.rstrip("/") + "/" + path.lstrip("/") if base_url else "/" + path.lstrip("/")
