"""The home page and the site's description, from the data: the campaigns and stories that
content/site.yml features (`featured`), and counts of what the site holds. The template
(templates/home.md.j2) only lays out what this module computes; its words are in content/ui.yml.
"""
from __future__ import annotations

from babel.lists import format_list

from ..model import urls
from ..model.locales import alphabetical
from ..model.schemas import Item
from ..sources.load import Content
from . import campaign as campaigns
from . import storymap
from .markup import bidi_safe
from .storymap import country_counts
from .typography import for_plain_text

STORY_TYPE = "case_study"
NEWEST_STORIES = 3  # shown when site.yml features no story
MAP_LABELS = 6  # names drawn on the home card's map (its list names every country)


def featured(content: Content, type_key: str) -> list[Item]:
    """The items of one type that site.yml features, in its order (bridges check refuses unknown slugs)."""
    found = (content.get(type_key, slug) for slug in content.site.featured.get(type_key, []))
    return [item for item in found if item is not None]


def featured_stories(content: Content) -> list[Item]:
    return featured(content, STORY_TYPE) or sorted(content.of_type(STORY_TYPE), key=lambda item: item.sort_date,
                                                   reverse=True)[:NEWEST_STORIES]


def site_description(content: Content, t, lang: str) -> str:
    """The site's description in one language (`t`: its ui.yml words), naming the featured campaigns
    by their hashtags (kept in front of the word in right-to-left text: a description is plain text),
    with the language's typography (every page that has no description of its own shows it)."""
    hashtags = [campaigns.hashtag(item) for item in featured(content, "campaign")]
    if not hashtags:
        return for_plain_text(t("site_description_plain"), lang)
    return bidi_safe(for_plain_text(t("site_description", campaigns=format_list(hashtags, locale=lang)), lang),
                     content.site.language(lang).dir == "rtl")


def story_map(context) -> dict | None:
    """The home card's map (the countries page's, with fewer names drawn on it), or None when no
    item names a country. The theme lays it out in the card (overrides/home.html)."""
    counts = country_counts(context.content.items)
    return storymap.story_map(context, counts, labels=MAP_LABELS) if counts else None


def values(context) -> dict:
    """What templates/home.md.j2 lays out."""
    content, site = context.content, context.site
    cards = [campaigns.card(context, item) for item in featured(content, "campaign")]
    stories = featured_stories(content)
    countries = sorted(country_counts(content.items), key=lambda code: alphabetical(context.country(code)))
    resources = content.of_type("resource")
    return {
        "campaigns": cards,
        "stories": [(story, context.item_href(story)) for story in stories],
        "stories_count": len(content.of_type(STORY_TYPE)),
        "stories_href": context.href(urls.listing_dir(site, STORY_TYPE)) if content.of_type(STORY_TYPE) else None,
        "countries_count": len(countries),
        # The plain list beside the map, for those who cannot use the map.
        "countries_links": context.country_links(countries),
        "countries_href": context.href("countries") if countries else None,
        # The NGO entrance: the training resources, or the library when there are none yet.
        "training_href": context.href(urls.listing_dir(site, "resource")) if resources else context.href("library"),
        "library_href": context.href("library"),
    }
