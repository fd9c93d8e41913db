"""The campaign landing page, its key figures, and what the campaign's toolkit shows.

Everything comes from the data: the campaign's meta.yml (figures, partners, hashtag), its texts
(tagline, figure labels, objectives, achievements, recommendations), the taxonomy (the pillars of
integration) and the items that name the campaign in their `campaigns:` list. The template
(templates/campaign.md.j2) only lays them out.
"""
from __future__ import annotations

import copy
import datetime as dt
import functools
import posixpath
from dataclasses import dataclass
from urllib.parse import quote

from babel import Locale
from babel.dates import format_date
from babel.lists import format_list
from markupsafe import Markup, escape
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
RELATED_BY_THEME = 6  # how many items sharing the campaign's themes its page suggests besides its own


@dataclass(frozen=True)
class FigureView:
    id: str
    number: str  # formatted for the locale: "472 millions", "0 €", "environ 10"
    label: str  # the text's figure_labels entry


@dataclass(frozen=True)
class SourceView:
    text: str  # the source's name or the item's title in the reader's language, and the date
    href: str | None  # a relative link to the item, or the source's address
    lang: str  # the language the name is written in (an item's title may be in its original)


@dataclass(frozen=True)
class CampaignCard:
    """A campaign as the home page and the campaigns listing show it."""
    item: Item
    href: str
    hashtag: str
    period: str
    running: bool
    tagline: str | None
    figure: FigureView | None  # the first key figure
    text_lang: str  # the language of the tagline and label: the reader's, or the original's
    text_dir: str


def card(context, item: Item) -> CampaignCard:
    shown = figures(item, context.lang, context.t("figure_about"))
    text = item.text_for(context.lang)
    return CampaignCard(item=item, href=context.item_href(item), hashtag=hashtag(item),
                        period=period(item, context.t, context.lang), running=is_running(item),
                        tagline=getattr(text.front, "tagline", None), figure=shown[0] if shown else None,
                        text_lang=text.lang, text_dir=context.site.language(text.lang).dir)


def listing_groups(context, items: list[Item]) -> list[tuple[str, list[CampaignCard]]]:
    """The campaigns listing: (ui.yml heading, cards), running campaigns first, then past ones."""
    items = ordered(items)
    groups = [("campaigns_running", [card(context, item) for item in items if is_running(item)]),
              ("campaigns_past", [card(context, item) for item in items if not is_running(item)])]
    return [(heading, cards) for heading, cards in groups if cards]


# --- running or over, and when --------------------------------------------------------------

def is_running(item: Item) -> bool:
    return item.meta.status == "running"


def day(value: dt.date, lang: str) -> str:
    return format_date(value, format="long", locale=lang)


def period(item: Item, t, lang: str) -> str:
    """'Running since 4 March 2024', 'Ran from … to …', in the reader's language (`t`: ui.yml)."""
    meta = item.meta
    start = day(meta.start, lang) if meta.start else None
    end = day(meta.end, lang) if meta.end else None
    if is_running(item):
        if start and end:
            return t("campaign_running_from_to", start=start, end=end)
        return t("campaign_running_since", start=start) if start else ""
    if start and end:
        return t("campaign_ran_from_to", start=start, end=end)
    if end:
        return t("campaign_ran_until", end=end)
    if start:
        return t("campaign_ran_since", start=start)
    return t("campaign_over")


def ordered(campaigns: list[Item]) -> list[Item]:
    """Running campaigns first, the latest started first; then past ones, the latest ended first."""
    def latest(item: Item, *names: str) -> dt.date:
        return next((getattr(item.meta, name) for name in names if getattr(item.meta, name)), dt.date.min)

    running = sorted((item for item in campaigns if is_running(item)), key=lambda item: (latest(item, "start"), item.slug),
                     reverse=True)
    past = sorted((item for item in campaigns if not is_running(item)),
                  key=lambda item: (latest(item, "end", "start"), item.slug), reverse=True)
    return running + past


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


def figures(item: Item, lang: str, about: str = "{number}") -> list[FigureView]:
    """The key figures in the reader's language; `about` words an approximate one ("about {number}")."""
    text = item.text_for(lang)
    labels = getattr(text.front, "figure_labels", {}) or {}
    views = []
    for figure in getattr(item.meta, "figures", []):
        number = format_figure(figure, lang)
        views.append(FigureView(figure.id, about.format(number=number) if figure.approximate else number,
                                labels.get(figure.id, "")))
    return views


def sources(context, item: Item) -> list[SourceView]:
    """Where the key figures come from, each source once, with the date of its figures."""
    seen: dict[tuple, SourceView] = {}
    for figure in item.meta.figures:
        source = figure.source
        if source.item:
            type_key, _, slug = source.item.partition("/")
            other = context.content.get(type_key, slug)
            if other is None:  # bridges check refuses it; nothing to link to
                continue
            shown = other.text_for(context.lang)
            name, href, lang = shown.front.title, context.item_href(other), shown.lang
        else:
            name, href, lang = source.name or "", str(source.url) if source.url else None, ""
        when = figure.date
        if isinstance(when, dt.date):
            when = day(when, context.lang)
        text = context.t("figure_source_dated", source=name, date=when) if when else name
        seen.setdefault((text, href), SourceView(text, href, lang))
    return list(seen.values())


def sources_sentence(context, views: list[SourceView]) -> Markup:
    """'Source: a, b.' as HTML, with the locale's list separators; each name escaped, linked when it can be."""
    parts = []
    for view in views:
        text = escape(view.text)
        if view.lang and view.lang != context.lang:
            text = Markup('<bdi lang="{}">{}</bdi>').format(view.lang, text)  # isolated: a hashtag keeps its # in place
        parts.append(context.a(view.href, text) if view.href else text)
    joined = Markup(format_list([str(part) for part in parts], locale=context.lang))
    return escape(context.t("figure_source")).format(sources=joined) if parts else Markup("")


def hashtag(item: Item) -> str:
    return "#" + item.meta.hashtag.lstrip("#")


def named_by(content, item: Item) -> dict[str, Item]:
    """The items that name this campaign in their `campaigns:`, and the labs they or the campaign
    belong to, by id."""
    tagged = [other for other in content.items if item.slug in other.meta.campaigns and other is not item]
    lab_slugs = list(item.meta.labs) + [slug for other in tagged for slug in other.meta.labs]
    found = {other.id: other for other in tagged}
    for slug in lab_slugs:
        lab = content.get("lab", slug)
        if lab is not None:
            found.setdefault(lab.id, lab)
    return found


def by_type(content, items) -> list[tuple[str, list[Item]]]:
    """Items grouped by type, in the taxonomy's order, newest first."""
    groups = []
    for type_key in content.site.content_types:
        of_type = sorted((other for other in items if other.type == type_key), key=lambda other: other.sort_date,
                         reverse=True)
        if of_type:
            groups.append((type_key, of_type))
    return groups


def related(content, item: Item) -> list[tuple[str, list[Item]]]:
    """The items that name this campaign, by type (the campaign's own stories, labs, resources...)."""
    return by_type(content, named_by(content, item).values())


def related_by_theme(content, item: Item) -> list[Item]:
    """A few other items on the campaign's themes: most themes in common first, then the newest."""
    own = named_by(content, item)
    themes = set(item.meta.themes)
    scored = [(len(themes & set(other.meta.themes)), other) for other in content.items
              if other.id not in own and other is not item and other.type != "campaign"]
    scored = [(score, other) for score, other in scored if score >= 2]
    scored.sort(key=lambda pair: (pair[0], pair[1].sort_date), reverse=True)
    return [other for _, other in scored[:RELATED_BY_THEME]]


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
        "text_dir": site.language(text.lang).dir,  # the text's own direction (an original shown instead)
        "period": period(item, context.t, context.lang),
        "running": is_running(item),
        "figures": figures(item, context.lang, context.t("figure_about")),
        "sources": sources_sentence(context, sources(context, item)),
        "pillars": [(key, context.theme(key), key in item.meta.themes) for key in pillars(site)],
        "related": groups,
        "related_by_theme": related_by_theme(context.content, item),
        "toolkit": {
            "key_messages": key_messages,
            "key_messages_others": [entry for entry in own_first("key_messages") if entry is not key_messages],
            "share_image": own_language("share_image"),
            "white_papers": white_papers,
        },
        "involve": {
            "contribute": context.href("contribute"),
            "story_form": f"{site.repository_url.rstrip('/')}/{STORY_FORM}",
            # The listing of training resources, when there are some (no listing page otherwise).
            "resources": context.href(urls.listing_dir(site, "resource")) if context.content.of_type("resource") else None,
            "email": site.contact_email,
            "mailto": f"mailto:{site.contact_email}?subject={quote(hashtag(item))}",
        },
    }
