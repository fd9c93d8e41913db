"""The front matter of every page: an allow-list of keys (front_matter.yml), and plain-text values.

MkDocs and Material print page titles and descriptions without escaping in many places (the
h1 of a page without one, the navigation, the footer's previous and next links). Titles and
descriptions are therefore handed to the theme already escaped, as markupsafe.Markup: printed
as they are they show as text, and Jinja's `| e` leaves them as they are.
"""
from __future__ import annotations

from pathlib import Path

from markupsafe import Markup, escape

from . import data

DECLARATION = Path(__file__).with_name("front_matter.yml")
TEXT_KEYS = ("title", "description")


def declaration() -> dict:
    return data.declaration(DECLARATION)


def refused_keys(meta: dict, generated: bool) -> list[str]:
    """The keys of `meta` that a page of this kind may not have."""
    allowed = declaration()["generated" if generated else "handwritten"]
    refused = [str(key) for key in meta if key not in allowed]
    if "layout" in meta and "layout" not in refused and meta["layout"] not in declaration()["layouts"]:
        refused.append("layout")
    return refused


def template_for(meta: dict) -> str | None:
    """The theme template of a generated page's layout, or None for the default (main.html)."""
    layout = meta.get("layout")
    if layout is None:
        return None
    return declaration()["layouts"][layout]


def plain_text_problems(meta: dict) -> list[str]:
    """The text keys whose value is not one line of plain text (a hand-written page's title)."""
    return [key for key in TEXT_KEYS if key in meta
            and (not isinstance(meta[key], str) or any(char in meta[key] for char in "<>\n\r\x00"))]


def as_text(value) -> Markup:
    """A contributor's value, escaped once for HTML and safe from being escaped twice."""
    return value if isinstance(value, Markup) else escape(str(value))
