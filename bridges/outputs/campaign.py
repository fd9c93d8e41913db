"""The campaign landing page, its key figures, and what the campaign's toolkit shows.

Everything comes from the data: the campaign's meta.yml (figures, partners, hashtag), its texts
(tagline, figure labels, objectives, achievements, recommendations), the taxonomy (the pillars of
integration) and the items that name the campaign in their `campaigns:` list. The template
(templates/campaign.md.j2) only lays them out.
"""
from __future__ import annotations

import copy
import functools
import posixpath
from dataclasses import dataclass
from urllib.parse import quote

from babel import Locale
from babel.numbers import (
    format_compact_currency,
    format_compact_decimal,
    format_decimal,
    parse_pattern,
)

from ..model import urls
from ..model.schemas import Figure, Item

COMPACT_FROM = 1_000_000  # from a million up, "472 millions" reads better than "472 000 000"
STORY_FORM = "issues/new?template=share-a-story.yml"  # the repository's issue form for stories
KEY_RECOMMENDATIONS = 5  # how many recommendations the one-page key messages carry


@dataclass(frozen=True)
class FigureView:
    id: str
    number: str  # formatted for the locale: "472 millions", "0 €", "10"
    label: str  # the text's figure_labels entry


def format_figure(figure: Figure, lang: str) -> str:
    """A figure as the reader's locale writes it: 472 million, 472 millions, 472 مليون; 0 €, €0."""
    value = figure.value
    if figure.unit == "euros":
        if abs(value) >= COMPACT_FROM:
            return format_compact_currency(value, "EUR", locale=lang, format_type="short", fraction_digits=1)
        return _whole_currency(lang).apply(value, Locale.parse(lang), currency="EUR", currency_digits=False)
    if abs(value) >= COMPACT_FROM:
        return format_compact_decimal(value, format_type="long", locale=lang, fraction_digits=1)
    return format_decimal(value, locale=lang)


@functools.cache
def _whole_currency(lang: str):
    """The locale's currency pattern without decimals: a budget of 0 € is not 0,00 €."""
    pattern = copy.copy(parse_pattern(Locale.parse(lang).currency_formats["standard"]))
    pattern.frac_prec = (0, 0)
    return pattern


def figures(item: Item, lang: str) -> list[FigureView]:
    text = item.text_for(lang)
    labels = getattr(text.front, "figure_labels", {}) or {}
    return [FigureView(figure.id, format_figure(figure, lang), labels.get(figure.id, ""))
            for figure in getattr(item.meta, "figures", [])]


def hashtag(item: Item) -> str:
    return "#" + item.meta.hashtag.lstrip("#")


def related(content, item: Item) -> list[tuple[str, list[Item]]]:
    """The items that name this campaign, and the labs they or the campaign belong to, by type."""
    tagged = [other for other in content.items if item.slug in other.meta.campaigns and other is not item]
    lab_slugs = list(item.meta.labs) + [slug for other in tagged for slug in other.meta.labs]
    found = {other.id: other for other in tagged}
    for slug in lab_slugs:
        lab = content.get("lab", slug)
        if lab is not None:
            found.setdefault(lab.id, lab)
    groups = []
    for type_key in [key for key in content.site.content_types if key != "campaign"]:
        items = sorted((other for other in found.values() if other.type == type_key),
                       key=lambda other: other.sort_date, reverse=True)
        if items:
            groups.append((type_key, items))
    return groups


def pillars(site) -> list[str]:
    """The theme keys that are pillars of integration, in taxonomy order."""
    return [key for key, term in site.vocabularies["themes"].items() if term.pillar]


def page_values(context, item: Item, downloads: list) -> dict:
    """What templates/campaign.md.j2 needs beyond what every item page gets."""
    site = context.site
    text = item.text_for(context.lang)
    by_kind: dict[str, list] = {}
    for download in downloads:
        by_kind.setdefault(download.kind, []).append(download)

    def own_first(kind: str) -> list:
        return sorted(by_kind.get(kind, []), key=lambda download: download.language != context.lang)

    def own_language(kind: str):
        entries = own_first(kind)
        mine = [entry for entry in entries if entry.language == context.lang]
        return (mine or [entry for entry in entries if entry.language == item.meta.original_language] or entries or [None])[0]

    key_messages = own_language("key_messages")
    groups = related(context.content, item)
    white_papers = []  # (paper, its PDF in the reader's language or the original, the other PDFs)
    for group, items in groups:
        for paper in items if group == "white_paper" else []:
            folder = posixpath.relpath(urls.item_dir(site, paper), context.directory) + "/"
            pdfs = [download for download in own_first("white_paper") if download.href.startswith(folder)]
            if pdfs:
                main = next((pdf for pdf in pdfs if pdf.language == context.lang),
                            next((pdf for pdf in pdfs if pdf.language == paper.meta.original_language), pdfs[0]))
                white_papers.append((paper, main, [pdf for pdf in pdfs if pdf is not main]))
    return {
        "hashtag": hashtag(item),
        "tagline": getattr(text.front, "tagline", None),
        "figures": figures(item, context.lang),
        "pillars": [(key, context.theme(key), key in item.meta.themes) for key in pillars(site)],
        "related": groups,
        "toolkit": {
            "key_messages": key_messages,
            "key_messages_others": [entry for entry in own_first("key_messages") if entry is not key_messages],
            "share_image": own_language("share_image"),
            "white_papers": white_papers,
        },
        "involve": {
            "contribute": posixpath.relpath("contribute.md", context.directory or "."),
            "story_form": f"{site.repository_url.rstrip('/')}/{STORY_FORM}",
            # The listing of training resources, when there are some (no listing page otherwise).
            "resources": context.link(urls.listing_dir(site, "resource")) if context.content.of_type("resource") else None,
            "email": site.contact_email,
            "mailto": f"mailto:{site.contact_email}?subject={quote(hashtag(item))}",
        },
    }
