"""An Atom feed of new items per language: feed.xml at each language's root."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from xml.etree import ElementTree as ET

from ..model import urls
from ..sources.load import Content
from .context import UI

ATOM = "http://www.w3.org/2005/Atom"
FEED_SIZE = 50
FEED_FILE = "feed.xml"


# What XML 1.0 cannot hold: C0 controls but tab and newlines, lone surrogates, U+FFFE and U+FFFF.
# One of them in a title would make the whole feed unreadable, so they are removed.
_NOT_XML = {code: None for code in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0xD800, 0xE000),
                                    0xFFFE, 0xFFFF]}


def xml_text(value: str) -> str:
    return str(value).translate(_NOT_XML)


def feed_date(item) -> dt.date:
    return item.meta.published or item.sort_date[0]


def atom_feed(content: Content, lang: str, base_url: str) -> bytes:
    site = content.site
    home = urls.absolute_url(base_url, urls.url_path(site, "", lang))
    items = sorted(content.items, key=lambda item: (feed_date(item), item.slug), reverse=True)[:FEED_SIZE]
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": lang})
    ET.SubElement(feed, f"{{{ATOM}}}title").text = xml_text(UI(site.ui, lang, site.default_language)("feed_title"))
    ET.SubElement(feed, f"{{{ATOM}}}id").text = home
    ET.SubElement(feed, f"{{{ATOM}}}link", {"href": home})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": home + FEED_FILE})
    newest = max((feed_date(item) for item in items), default=dt.date(2000, 1, 1))
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _timestamp(newest)
    for item in items:
        text = item.text_for(lang)
        url = urls.absolute_url(base_url, urls.url_path(site, urls.item_dir(site, item), lang))
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}title", {"xml:lang": text.lang}).text = xml_text(text.front.title)
        ET.SubElement(entry, f"{{{ATOM}}}id").text = url
        ET.SubElement(entry, f"{{{ATOM}}}link", {"href": url})
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _timestamp(feed_date(item))
        ET.SubElement(entry, f"{{{ATOM}}}summary", {"xml:lang": text.lang}).text = xml_text(text.front.summary)
        ET.SubElement(entry, f"{{{ATOM}}}category", {"term": item.type, "label": site.type_label(item.type, lang)})
        author = ET.SubElement(entry, f"{{{ATOM}}}author")
        ET.SubElement(author, f"{{{ATOM}}}name").text = xml_text(site.name)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def write_feeds(content: Content, site_dir: Path, base_url: str) -> list[Path]:
    written = []
    for lang in content.site.language_codes:
        target = site_dir / urls.url_path(content.site, "", lang) / FEED_FILE
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(atom_feed(content, lang, base_url))
        written.append(target)
    return written


def _timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"
