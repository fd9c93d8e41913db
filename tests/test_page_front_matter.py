"""No page chooses its template or changes the theme (issue 12, finding 1): hand-written pages
under docs/ are checked by `bridges check`, and every page by the build's hook."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from markupsafe import Markup
from mkdocs.exceptions import PluginError

from bridges.adapters.mkdocs import hooks
from bridges.pipeline import load_and_check


def problems(repo) -> list[str]:
    return [problem.message() for problem in load_and_check(repo.root).errors]


def test_a_handwritten_page_that_chooses_its_template_is_refused_by_the_check(repo):
    repo.story()
    repo.write("docs/evil.en.md", """
        ---
        title: Hello
        template: redirect.html
        location: '"+alert(document.domain)+"'
        hide: [navigation]
        ---
        Body.
        """)
    found = problems(repo)
    assert any(m.startswith("docs/evil.en.md:3: template: a page may not set 'template'") for m in found), found
    assert any(m.startswith("docs/evil.en.md:4: location: ") for m in found), found
    assert any(m.startswith("docs/evil.en.md:5: hide: ") for m in found), found


def test_a_handwritten_title_must_be_plain_text(repo):
    repo.story()
    repo.write("docs/sub/page.fr.md", "---\ntitle: <img src=x onerror=alert(1)>\ndescription: fine\n---\n# X\n")
    found = problems(repo)
    assert any(m.startswith("docs/sub/page.fr.md:2: title: 'title' must be one line of plain text") for m in found)


def test_generated_folders_and_assets_are_not_read_as_handwritten_pages(repo):
    repo.story()
    repo.write("docs/case-studies/x/index.en.md", "---\nlayout: library\nbridges: {}\n---\n")
    repo.write("docs/assets/readme.md", "---\ntemplate: x\n---\n")
    assert problems(repo) == []


@pytest.fixture
def built_site(repo, monkeypatch):
    """The hook's state as after on_config: it knows which folders are generated."""
    repo.story()
    checked = load_and_check(repo.root)
    monkeypatch.setitem(hooks._state, "checked", checked)
    monkeypatch.setitem(hooks._state, "site", checked.site)  # as on_config keeps it, for language workers too


def page(src_uri: str, meta: dict):
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri), meta=dict(meta), title=meta.get("title"))


@pytest.mark.parametrize("src_uri,meta", [
    ("evil.md", {"template": "redirect.html", "location": "x"}),
    ("about.en.md", {"title": "About", "hide": ["toc"]}),
    ("case-studies/x/index.en.md", {"title": "X", "template": "main.html"}),  # generated: a layout, never a template
    ("library/index.en.md", {"layout": "redirect"}),  # an unknown layout
    ("labs/files/x.md", {"extra": {"homepage": "https://evil.example"}}),
])
def test_the_build_refuses_a_page_that_sets_a_theme_key(built_site, meta, src_uri):
    with pytest.raises(PluginError, match="may not set"):
        hooks.on_page_markdown("", page(src_uri, meta), None, None)


def test_the_build_maps_a_layout_to_its_template_and_escapes_titles(built_site):
    library = page("library/index.en.md", {"title": "Library <b>", "layout": "library", "search_exclude": True})
    hooks.on_page_markdown("", library, None, None)
    assert library.meta["template"] == "library.html"
    assert library.meta["title"] == Markup("Library &lt;b&gt;") and isinstance(library.meta["title"], Markup)
    handwritten = page("about.en.md", {"title": "A & B", "description": '"quoted" <i>'})
    hooks.on_page_markdown("", handwritten, None, None)
    assert str(handwritten.meta["title"]) == "A &amp; B"
    assert str(handwritten.meta["description"]) == "&#34;quoted&#34; &lt;i&gt;"
