"""Listings in pages of a fixed size (site.yml `listing_page_size`): a type's, a theme's or a
country's items, newest first. The first page is the listing's own address, the others
<listing>/page/2/ and after, so that no page grows with the number of items (without JavaScript,
a listing is how a reader reaches every item)."""
from __future__ import annotations

from dataclasses import dataclass

from babel.numbers import format_decimal

from ..model import urls


@dataclass(frozen=True)
class Pager:
    """Where one page of a listing stands among the others, and the words that say it."""
    directory: str  # this page's folder
    number: int  # from 1
    count: int  # pages in all
    previous: str | None  # the href of the previous (newer) page, relative to this one
    next: str | None  # the href of the next (older) page
    title: str  # the listing's title, with the page's number after the first page
    status: str  # "Page 2 of 5"
    shown: str  # "Items 51 to 100 of 230, newest first."


def paginate(context_of, directory: str, items: list, size: int, title: str) -> list[tuple[object, list, Pager]]:
    """(page context, items, pager) for each page of `items` (already in order) of the listing
    `title` under `directory`; one page when there is no item. `context_of(folder)`: the
    PageContext of a page's folder."""
    count = max(1, -(-len(items) // size))
    lang = context_of(directory).lang

    def number_text(value: int) -> str:  # 1,234 / 1 234 in the page's locale
        return format_decimal(value, locale=lang)

    pages = []
    for number in range(1, count + 1):
        folder = urls.listing_page_dir(directory, number)
        context = context_of(folder)
        first, chunk = (number - 1) * size, items[(number - 1) * size:number * size]
        near = {step: context.href(urls.listing_page_dir(directory, number + step)) if 1 <= number + step <= count
                else None for step in (-1, 1)}
        pager = Pager(folder, number, count, near[-1], near[1],
                      title if number == 1 else context.t("pager_title", title=title, number=number_text(number),
                                                          count=number_text(count)),
                      context.t("pager_status", number=number_text(number), count=number_text(count)),
                      context.t("pager_shown", first=number_text(first + 1), last=number_text(first + len(chunk)),
                                total=number_text(len(items))))
        pages.append((context, chunk, pager))
    return pages
