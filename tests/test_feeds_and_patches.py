"""Feeds, the library's facets, and the patch that stops Material fetching sitemaps."""
from xml.etree import ElementTree as ET

import pytest

from bridges.outputs.feeds import ATOM, atom_feed
from bridges.outputs.context import PageContext
from bridges.outputs.generate import facets
from bridges.pipeline import load_and_check
from bridges.outputs.theme_patches import ThemePatchError, remove_sitemap_fetch


def test_atom_feed_per_language_with_fallback_titles(repo):
    repo.story()
    repo.story("english-only", fr=None)
    content = load_and_check(repo.root).content
    feed = ET.fromstring(atom_feed(content, "fr", "https://example.org/bridges/"))
    entries = feed.findall(f"{{{ATOM}}}entry")
    assert len(entries) == 2
    links = {entry.find(f"{{{ATOM}}}link").get("href") for entry in entries}
    assert "https://example.org/bridges/fr/case-studies/good-story/" in links
    titles = {entry.find(f"{{{ATOM}}}title").text: entry.find(f"{{{ATOM}}}title").get("{http://www.w3.org/XML/1998/namespace}lang")
              for entry in entries}
    assert titles == {"Une bonne histoire": "fr", "A good story": "en"}


def test_facets_are_in_the_page_language(repo):
    repo.story()
    content = load_and_check(repo.root).content
    item = content.items[0]
    context = PageContext(content.site, content, content.site.ui, "fr", "case-studies/good-story")
    assert facets(context, item, []) == {"type": ["Étude de cas"], "country": ["France"],
                                          "theme": ["Emploi et autonomie économique", "Entrepreneuriat"],
                                          "year": ["2019"]}


def test_sitemap_fetch_is_removed_once(tmp_path):
    bundle = tmp_path / "assets" / "javascripts" / "bundle.abc.min.js"
    bundle.parent.mkdir(parents=True)
    bundle.write_text("var a=1;di({alert$:fo});ui({document$:ct});var uo=new T;")
    remove_sitemap_fetch(tmp_path)
    code = bundle.read_text()
    assert "ui({document$" not in code and "di({alert$:fo})" in code
    remove_sitemap_fetch(tmp_path)  # idempotent (mkdocs serve rebuilds into the same folder)
    assert bundle.read_text() == code


def test_a_changed_material_bundle_fails_loudly(tmp_path):
    bundle = tmp_path / "assets" / "javascripts" / "bundle.abc.min.js"
    bundle.parent.mkdir(parents=True)
    bundle.write_text("var a=1;")
    with pytest.raises(ThemePatchError):
        remove_sitemap_fetch(tmp_path)


def test_the_installed_material_bundle_has_the_call_we_patch():
    import re
    from pathlib import Path

    import material

    from bridges.outputs.theme_patches import ALTERNATE_SITEMAP_CALL

    [bundle] = (Path(material.__file__).parent / "templates" / "assets" / "javascripts").glob("bundle.*.min.js")
    assert len(ALTERNATE_SITEMAP_CALL.findall(bundle.read_text())) == 1
    assert re.search(r'new URL\("sitemap\.xml"', bundle.read_text())
