"""HTML from contributors, made harmless: an allow-list of tags and attributes (nh3/ammonia).

Markdown lets a contributor write raw HTML, and attribute lists ({ onclick=... }) too. Whatever
they write, the published page keeps only ordinary text markup: no script, no event handler, no
iframe, no form, no style, no javascript: or data: URL. The MkDocs hook runs every page's HTML
through clean_html after Markdown, so the allow-list also covers what Python-Markdown and the
site's own templates produce: permalink anchors, admonitions, tables, definition lists,
details/summary, figures and download links. Pagefind's data-pagefind-* attributes are not
allowed: only the theme sets them (overrides/main.html), so a story cannot fake its title, type
or facets in the library. An image's srcset is kept only in the form the build writes for its
resized copies (bridges.images), and no URL may hold a backslash (browsers read `/\\host` as
`//host`, another site).
"""
from __future__ import annotations

import functools
import re

import nh3

TAGS = {
    "a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd",
    "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6",
    "hr", "i", "img", "ins", "kbd", "li", "mark", "nav", "ol", "p", "pre", "q", "s", "samp", "section", "small",
    "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u",
    "ul", "var", "wbr",
}
# Removed together with their content (other refused tags are removed and their text kept).
CONTENT_REMOVED = {"script", "style", "template", "noscript", "iframe", "object", "embed", "svg", "math",
                   "textarea", "select", "title", "frameset", "noembed", "noframes", "xmp"}
ATTRIBUTES = {
    # aria-label and friends name landmarks and lists for screen readers (templates use them).
    "*": {"class", "id", "lang", "dir", "title", "translate", "aria-label", "aria-labelledby", "aria-describedby"},
    "a": {"href", "hreflang", "download", "type"},
    "img": {"src", "alt", "width", "height", "srcset", "sizes", "decoding"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "reversed"},
    "li": {"value"},
    "time": {"datetime"},
    "details": {"open"},
    "div": {"hidden"},
}
THEME_CLASSES = {"md-button", "md-button--primary"}  # the only md- classes a page may use
URL_SCHEMES = {"http", "https", "mailto", "tel"}  # relative URLs are always allowed
# Every image in a page loads when scrolled to (slow phones).
SET_ATTRIBUTES = {"img": {"loading": "lazy"}}


_NOT_RELATIVE = re.compile(r"(^|,)\s*([a-z][a-z0-9+.-]*:|//|\\)", re.I)  # a scheme, //host or \\host
_URL_ATTRIBUTES = {"href", "src", "srcset"}
_WEB_COPY = re.compile(r"[\w.-]+")  # one part of a path; a single character class cannot backtrack
_WIDTH = re.compile(r"\d{1,5}w")
RESIZED_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")


def is_build_srcset(value: str) -> bool:
    """Whether `value` is a srcset as bridges.images writes it: `images/a-480.jpg 480w, ...`, each
    a relative path to a resized copy whose name ends with its width."""
    for candidate in value.split(","):
        url, _, width = candidate.strip().partition(" ")
        if not _WIDTH.fullmatch(width) or ":" in url or url.startswith("/"):
            return False
        parts = url.split("/")
        if not all(part in (".", "..") or _WEB_COPY.fullmatch(part) for part in parts):
            return False
        stem, dot, suffix = parts[-1].rpartition(".")
        if "." + suffix.lower() not in RESIZED_SUFFIXES or not stem.endswith("-" + width[:-1]):
            return False
    return True


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    # Ids starting with "__" (and Material's md- prefix) are the theme's own (__config, __search,
    # __drawer...): a page element with such an id would be found by the theme's script instead.
    if attribute == "id" and value.startswith(("__", "md-")):
        return None
    # Browsers drop tabs and newlines from URLs and read a backslash as a slash: "/\host" and
    # "/\t/host" lead to another site. No URL of a page needs either.
    if attribute in _URL_ATTRIBUTES and any(char in value for char in "\\\t\n\r"):
        return None
    # Images load from this site only: a remote image would tell another host who reads the page.
    if tag == "img" and attribute == "src" and _NOT_RELATIVE.search(value):
        return None
    if tag == "img" and attribute == "srcset" and not is_build_srcset(value):
        return None
    # The theme's own classes (md-toggle hides, md-dialog covers...), except its button style.
    if attribute == "class":
        kept = [name for name in value.split() if not name.startswith("md-") or name in THEME_CLASSES]
        return " ".join(kept) or None
    return value


@functools.cache
def _cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(tags=TAGS, clean_content_tags=CONTENT_REMOVED, attributes=ATTRIBUTES,
                       set_tag_attribute_values=SET_ATTRIBUTES,
                       attribute_filter=_attribute_filter, url_schemes=URL_SCHEMES,
                       link_rel="noopener noreferrer", strip_comments=True)


def clean_html(html: str) -> str:
    return _cleaner().clean(html)
