"""Listings in pages (bridges.outputs.pagination): a type's, a theme's and a country's items are
split into pages of site.yml's listing_page_size, each item on exactly one page, with the way
between them in the reader's language."""
import re

import pytest

from bridges.outputs.generate import site_pages
from bridges.pipeline import load_and_check

SLUGS = [f"story-{number:02d}" for number in range(12)]


@pytest.fixture(scope="module")
def twelve(tmp_path_factory):
    """Twelve stories (all in France, on the economic theme), five a page: pages of 5, 5 and 2.
    Made once for the module: generating them is most of these tests' time."""
    from conftest import Repo

    repo = Repo(tmp_path_factory.mktemp("pagination") / "repo")
    for number, slug in enumerate(SLUGS):
        meta = repo.story(slug) / "meta.yml"
        meta.write_text(meta.read_text(encoding="utf-8").replace("year: 2019", f"year: {2000 + number}"),
                        encoding="utf-8")
    site_yml = repo.root / "content/site.yml"
    site_yml.write_text(site_yml.read_text(encoding="utf-8").replace("listing_page_size: 50", "listing_page_size: 5"),
                        encoding="utf-8")
    content = load_and_check(repo.root).content
    assert content.site.listing_page_size == 5
    return {page.path: page.text for page in site_pages(content, languages=["en", "fr", "ar"])}


def _listing(pages, directory, lang):
    """The listing's pages in order: the first at `directory`, then page/2/, page/3/..."""
    found = [pages[f"{directory}/index.{lang}.md"]]
    while f"{directory}/page/{len(found) + 1}/index.{lang}.md" in pages:
        found.append(pages[f"{directory}/page/{len(found) + 1}/index.{lang}.md"])
    return found


@pytest.mark.parametrize("directory", ["case-studies", "themes/economic", "countries/fr"])
def test_each_item_is_on_exactly_one_page_of_a_listing_newest_first(twelve, directory):
    for lang in ("en", "fr", "ar"):
        listing = _listing(twelve, directory, lang)
        assert len(listing) == 3, (directory, lang)
        shown = [re.findall(r"(story-\d\d)/", page) for page in listing]
        assert [len(slugs) for slugs in shown] == [5, 5, 2]
        order = [slug for slugs in shown for slug in slugs]
        assert sorted(order) == SLUGS  # each once, none missing
        assert order == sorted(SLUGS, reverse=True)  # newest (latest year) first, across pages
    assert f"{directory}/page/4/index.en.md" not in twelve


def test_the_pages_link_to_each_other_and_say_where_the_reader_is(twelve):
    first, second, last = _listing(twelve, "case-studies", "en")
    assert 'href="page/2/">Next page</a>' in first and "Previous page" not in first
    assert 'href="../../">Previous page</a>' in second and 'href="../3/">Next page</a>' in second
    assert 'href="../2/">Previous page</a>' in last and "Next page" not in last
    assert '<nav class="bridges-pager" aria-label="Pages of this list">' in second
    assert "Page 2 of 3" in second and "Items 6 to 10 of 12, newest first." in second
    assert "title: Case studies, page 2 of 3\n" in second and "title: Case studies\n" in first
    # Later pages share the first one's card instead of drawing one each.
    assert "card: case-studies/card-en.png" in second
    french = _listing(twelve, "case-studies", "fr")[1]
    assert 'aria-label="Pages de cette liste"' in french and "Page précédente" in french
    assert "Page 2 sur 3" in french and "Éléments 6 à 10 sur 12" in french
    arabic = _listing(twelve, "themes/economic", "ar")[2]
    assert 'aria-label="صفحات هذه القائمة"' in arabic and "الصفحة السابقة" in arabic
    assert "الصفحة 3 من 3" in arabic


def test_a_listing_that_fits_on_one_page_has_no_way_between_pages(repo):
    repo.story()
    pages = {page.path: page.text for page in site_pages(load_and_check(repo.root).content, languages=["en"])}
    assert not any("/page/" in path for path in pages)
    assert "bridges-pager" not in pages["case-studies/index.en.md"]
    assert "bridges-pager" not in pages["themes/economic/index.en.md"]
