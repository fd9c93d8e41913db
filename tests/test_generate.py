"""Page generation without MkDocs: links, incremental writes, and clean-up of stale pages."""
from bridges.model import urls
from bridges.outputs.context import markdown_text
from bridges.model.urls import owned_folders
from bridges.outputs.generate import site_pages, write_site
from bridges.pipeline import load_and_check


def test_relative_links_between_generated_pages():
    assert urls.md_link("case-studies/mosaic", "themes/civic") == "../../themes/civic/index.md"
    assert urls.md_link("", "labs") == "labs/index.md"


def test_cross_language_links(repo):
    repo.story()
    site = load_and_check(repo.root).site
    assert urls.cross_language_link(site, "labs/media-lab", "en", "fr") == "../../fr/labs/media-lab/"
    assert urls.cross_language_link(site, "labs/media-lab", "fr", "en") == "../../../labs/media-lab/"


def test_markdown_text_cannot_inject_markup():
    assert markdown_text("<script>x</script> [a](javascript:b)") == "&lt;script\\>x&lt;/script\\> \\[a\\](javascript:b)"


def test_every_item_has_a_page_in_every_language(repo):
    repo.story()
    repo.story("english-only", fr=None)
    content = load_and_check(repo.root).content
    paths = {page.path for page in site_pages(content)}
    for lang in ("en", "fr", "ar"):
        assert f"case-studies/good-story/index.{lang}.md" in paths
        assert f"case-studies/english-only/index.{lang}.md" in paths
        assert f"case-studies/index.{lang}.md" in paths
        assert f"themes/economic/index.{lang}.md" in paths
        assert f"countries/fr/index.{lang}.md" in paths


def test_writing_is_incremental_and_removes_stale_pages(repo, tmp_path):
    repo.story()
    docs = tmp_path / "docs"
    handwritten = docs / "about.en.md"  # a hand-written page (it gets social cards: bridges.cards)
    handwritten.parent.mkdir(parents=True)
    handwritten.write_text("# About")
    content = load_and_check(repo.root).content
    result = write_site(content, docs, tmp_path / "cache")
    written, removed = result.written, result.removed
    assert written > 0 and removed == 0
    stale = docs / "case-studies" / "deleted-story" / "index.en.md"
    stale.parent.mkdir(parents=True)
    stale.write_text("old")
    again = write_site(content, docs, tmp_path / "cache")
    assert (again.written, again.removed) == (0, 1)
    assert not stale.exists() and not stale.parent.exists()
    assert handwritten.exists()


def test_generated_folders_are_git_ignored(repo):
    from conftest import REPO
    repo.story()
    site = load_and_check(repo.root).site
    ignored = (REPO / ".gitignore").read_text().splitlines()
    folders = owned_folders(site)
    assert "case-studies" in folders and "library" in folders
    for folder in folders:
        assert f"/docs/{folder}/" in ignored


# --- the chrome is HTML; only the contributors' texts are Markdown (issue 15) -----------------

def _site_html(markdown_text: str) -> str:
    import markdown

    from conftest import site_markdown

    names, options = site_markdown()
    return markdown.markdown(markdown_text, extensions=names, extension_configs=options)


def test_a_text_block_holds_the_whole_text_whatever_colons_it_has():
    from bridges.outputs.text_blocks import fence, opening

    body = "## Where\n\n:::\n\n::::: {.bridges-original lang=\"fr\" dir=\"rtl\"}\n\nStill *inside*.\n\n:::::"
    html = _site_html(f"{opening(body, 'bridges-original', 'en', 'ltr')}\n\n{body}\n\n{fence(body)}\n\n<p>after</p>\n")
    outer = html.index('<div class="bridges-original" dir="ltr" lang="en">')
    assert html.index('<h2 id="where">Where') > outer  # a heading of the table of contents
    assert html.index("<em>inside</em>") < html.rindex("</div>") < html.index("<p>after</p>")
    assert "::::::" not in html and html.count("<div") == 2  # the text's own block is inside


def test_generated_pages_carry_html_around_the_texts(repo):
    """Every line of a generated page is HTML, a Markdown heading (the table of contents), a
    text block's fence, or a line of a contributor's text: no chrome goes through Markdown."""
    repo.story()
    repo.story("english-only", fr=None)
    content = load_and_check(repo.root).content
    texts = {line for item in content.items for text in item.texts.values() for line in text.body.split("\n")}
    pages = site_pages(content, languages=["en", "fr", "ar"])
    checked = 0
    for page in pages:
        body = page.text.split("\n---\n", 1)[1]
        for line in body.split("\n"):
            if line.strip() and not line.startswith(("<", "#", ":::")) and line not in texts:
                raise AssertionError(f"{page.path}: Markdown chrome: {line!r}")
            checked += 1
        assert "markdown>" not in body and 'markdown="' not in body, page.path  # no md_in_html
    assert checked > 500


def test_a_text_shown_in_its_original_language_is_marked_and_still_markdown(repo):
    repo.story("english-only", fr=None)
    content = load_and_check(repo.root).content
    page = next(page for page in site_pages(content, languages=["ar"]) if "english-only" in page.path)
    html = _site_html(page.text.split("\n---\n", 1)[1])
    block = html[html.index('<div class="bridges-original" dir="ltr" lang="en">'):]
    assert '<h2 id="what-happened">What happened' in block
    assert "bridges-share" not in block[:block.index("</div>")]  # the chrome after it is outside


def test_hostile_values_are_escaped_where_they_land_in_the_html(repo):
    repo.story(en="""
        ---
        title: <img src=x onerror=alert(1)> & "quotes"
        summary: A </div><script>alert(2)</script> summary & more.
        ---
        The body.
        """, fr=None)
    content = load_and_check(repo.root).content
    for page in site_pages(content, languages=["en", "fr"]):
        html = _site_html(page.text.split("\n---\n", 1)[1])
        assert "<script>" not in html and "<img src=x" not in html and "</div><script" not in html, page.path
    item = next(page for page in site_pages(content, languages=["fr"]) if page.path.startswith("case-studies/good"))
    assert "&lt;/div&gt;&lt;script&gt;alert(2)&lt;/script&gt; summary &amp; more." in item.text


def test_a_card_block_keeps_its_title_in_the_table_of_contents():
    from bridges.outputs.text_blocks import fence, opening

    html = _site_html(f"{opening('', 'bridges-card bridges-card--campaign')}\n\n<p>kicker</p>\n\n### A title\n\n"
                      f"{fence('')}\n")
    assert html.startswith('<div class="bridges-card bridges-card--campaign">\n<p>kicker</p>')
    assert '<h3 id="a-title">A title' in html and html.rstrip().endswith("</div>")
