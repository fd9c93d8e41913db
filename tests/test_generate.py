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
