"""The last step of every build (bridges.outputs.published via pipeline.finish): it fails when a
page lacks the protections, whatever template made it, or when site/ holds a file of another kind."""
from __future__ import annotations

import pytest

from bridges.outputs.published import SiteNotPublishable, headers, meta_tags, verify_site, write_headers
from bridges.outputs.stylesheet import SOURCES as STYLESHEET_SOURCES
from bridges.pipeline import finish, load_and_check

GOOD_HEAD = "<!doctype html><html><head><meta charset=utf-8>{tags}<title>x</title></head><body>x</body></html>"


def page(tags=None) -> str:
    return GOOD_HEAD.format(tags="\n".join(meta_tags() if tags is None else tags))


def test_a_site_with_every_protection_passes(tmp_path):
    (tmp_path / "index.html").write_text(page())
    (tmp_path / "fr").mkdir()
    (tmp_path / "fr" / "index.html").write_text(page())
    (tmp_path / "guide.pdf").write_bytes(b"%PDF-1.4")
    write_headers(tmp_path)
    assert verify_site(tmp_path) == []


@pytest.mark.parametrize("name,text", [
    # Material's redirect.html: no CSP, a value in an inline script.
    ("old/index.html", '<html><head><meta http-equiv="refresh" content="0;url=x"><script>location="x"</script></head></html>'),
    ("404.html", page(tags=meta_tags()[:1])),  # the CSP without nosniff
    ("a/index.html", page(tags=meta_tags()[1:])),  # nosniff without the CSP
    ("b/index.html", page(tags=['<meta http-equiv="Content-Security-Policy" content="default-src *">',
                                meta_tags()[1]])),  # a weaker policy
    ("c/index.html", "<html><body>" + "\n".join(meta_tags()) + "</body></html>"),  # outside the head
])
def test_a_page_without_the_protections_fails_the_build(tmp_path, name, text):
    (tmp_path / "index.html").write_text(page())
    target = tmp_path / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text)
    problems = verify_site(tmp_path)
    assert len(problems) == 1 and problems[0].startswith(name + ": "), problems


@pytest.mark.parametrize("name", ["files/setup.exe", "files/run.bat", "files/notes.md", "x/page.xhtml", "a.php",
                                  "images/photo.tiff", "images/photo.jfif", "noextension"])
def test_a_file_of_another_kind_fails_the_build(tmp_path, name):
    target = tmp_path / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(b"x")
    assert [problem.split(":")[0] for problem in verify_site(tmp_path)] == [name]


def test_finish_raises_after_writing_the_headers(repo, tmp_path):
    """pipeline.finish, as every build ends: the catalogue and feeds are written, then the check fails."""
    repo.story()
    checked = load_and_check(repo.root)
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<html><head></head><body>no protections</body></html>")
    (site / "assets" / "javascripts").mkdir(parents=True)  # Material's bundle, as the theme patch expects it
    (site / "assets" / "javascripts" / "bundle.x.min.js").write_text("ui({document$:ct});", encoding="utf-8")
    for source in STYLESHEET_SOURCES:  # the site's styles, as MkDocs copies them from docs/assets
        (site / source).write_text("p { margin: 0; }", encoding="utf-8")
    with pytest.raises(SiteNotPublishable, match="index.html: the page's <head> lacks"):
        finish(checked, site, "https://example.org/", search=False)
    assert (site / "_headers").read_text().count(headers()["Content-Security-Policy"]) == 1


def test_links_are_never_published_nor_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "index.html").write_text("<html><head></head></html>")  # would fail the check if followed
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(page())
    (site / "docs").symlink_to(outside, target_is_directory=True)
    (site / "page.html").symlink_to(site / "index.html")
    assert [problem.split(":")[0] for problem in verify_site(site)] == ["docs", "page.html"]
