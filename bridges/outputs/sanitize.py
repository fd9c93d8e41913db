"""HTML from contributors, made harmless: an allow-list of tags and attributes (nh3/ammonia).

Markdown lets a contributor write raw HTML, and attribute lists ({ onclick=... }) too. Whatever
they write, the published page keeps only ordinary text markup: no script, no event handler, no
iframe, no form, no style, no javascript: or data: URL. The MkDocs hook runs every page's HTML
through clean_html after Markdown, so the allow-list also covers what Python-Markdown and the
site's own templates produce: permalink anchors, admonitions, tables, definition lists,
details/summary, figures, download links, and Pagefind's data-pagefind-* attributes.
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
    "div": {"hidden"},  # the library's facets block (item.md.j2) is hidden from readers
}
# Pagefind's indexing hints (filters, sort keys, metadata); they carry text, never code.
ATTRIBUTE_PREFIXES = {"data-pagefind-"}
THEME_CLASSES = {"md-button", "md-button--primary"}  # the only md- classes a page may use
URL_SCHEMES = {"http", "https", "mailto", "tel"}  # relative URLs are always allowed
# Every image in a page loads when scrolled to (slow phones).
SET_ATTRIBUTES = {"img": {"loading": "lazy"}}


_NOT_RELATIVE = re.compile(r"(^|,)\s*([a-z][a-z0-9+.-]*:|//|\\)", re.I)  # a scheme, //host or \\host


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    # Ids starting with "__" (and Material's md- prefix) are the theme's own (__config, __search,
    # __drawer...): a page element with such an id would be found by the theme's script instead.
    if attribute == "id" and value.startswith(("__", "md-")):
        return None
    # Images load from this site only: a remote image would tell another host who reads the page.
    if tag == "img" and attribute in ("src", "srcset") and _NOT_RELATIVE.search(value):
        return None
    # The theme's own classes (md-toggle hides, md-dialog covers...), except its button style.
    if attribute == "class":
        kept = [name for name in value.split() if not name.startswith("md-") or name in THEME_CLASSES]
        return " ".join(kept) or None
    return value


@functools.cache
def _cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(tags=TAGS, clean_content_tags=CONTENT_REMOVED, attributes=ATTRIBUTES,
                       generic_attribute_prefixes=ATTRIBUTE_PREFIXES, set_tag_attribute_values=SET_ATTRIBUTES,
                       attribute_filter=_attribute_filter, url_schemes=URL_SCHEMES,
                       link_rel="noopener noreferrer", strip_comments=True)


def clean_html(html: str) -> str:
    return _cleaner().clean(html)
