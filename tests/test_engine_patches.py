"""The MkDocs adapter replaces or wraps a few functions of MkDocs (bridges/adapters/mkdocs/:
page_cache, theme_once, serve). They were written against MkDocs 1.6.1 (pinned, <2); if MkDocs
changes one of them, these tests fail so that the wrapper is read again before it is trusted."""
from __future__ import annotations

import hashlib
import inspect

import pytest
from mkdocs.commands import build
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import Files
from mkdocs.theme import Theme

from mkdocs_static_i18n import suffix

from bridges.adapters.mkdocs import i18n_files
from bridges.adapters.mkdocs.languages import RenderError, join_sitemaps
from bridges.outputs.cache import Cache, digest

# sha256 of each function's source, first 16 hex digits, in MkDocs 1.6.1.
WRAPPED = {
    build._populate_page: "31a70ea4caef1e12",  # page_cache.PageCache.populate does the same, Markdown later
    build._build_page: "adcdbd14b2361126",  # page_cache.PageCache.build calls it on a miss
    build.build: "c476b64474acfaa2",  # the order of the two loops that the page cache relies on
    Theme.get_env: "9c26120fb96f9204",  # theme_once keeps its result
    LiveReloadServer._inject_js_into_html: "3f6d2f64c23ebcdf",  # serve.Server replaces it
    LiveReloadServer._serve_request: "3b1515c96f563d17",  # serve.Server adds one path before it
}


# mkdocs-static-i18n 1.3.1 (pinned): i18n_files replaces the first, and does what the others do.
WRAPPED[i18n_files.original] = "bc1fd6d19ebffc26"
WRAPPED[i18n_files.original_alternates] = "6f85e2de7342bca1"
WRAPPED[suffix.create_i18n_file] = "27e8221529f342fb"
# languages._OwnFilesOnly replaces it in the processes of the other languages.
WRAPPED[Files.copy_static_files] = "d26112b6cfc80a76"


@pytest.mark.parametrize("function", list(WRAPPED), ids=lambda function: function.__qualname__)
def test_the_mkdocs_functions_the_adapter_wraps_are_those_it_was_written_for(function):
    assert hashlib.sha256(inspect.getsource(function).encode()).hexdigest()[:16] == WRAPPED[function]


def test_sitemaps_of_the_languages_are_joined_in_order():
    head = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="x">'
    english = head + "\n    <url><loc>/a/</loc></url>\n</urlset>"
    french = head + "\n    <url><loc>/fr/a/</loc></url>\n</urlset>"
    joined = join_sitemaps([english, french])
    assert joined == head + "\n    <url><loc>/a/</loc></url>\n    <url><loc>/fr/a/</loc></url>\n</urlset>"
    with pytest.raises(RenderError):
        join_sitemaps([english, "<html>not a sitemap</html>"])


def test_digest_frames_its_parts():
    assert digest("ab", "c") != digest("a", "bc")
    assert digest("a", b"b") == digest(b"a", "b")


def test_cached_files_are_made_once(tmp_path):
    cache, made = Cache(tmp_path), []

    def make(path):
        made.append(path)
        path.write_bytes(b"data")

    first = cache.file("kind", "key", ".bin", make)
    second = cache.file("kind", "key", ".bin", make)
    assert first == second and first.read_bytes() == b"data" and len(made) == 1
    assert not list(first.parent.glob("*.tmp"))  # written under a temporary name, then renamed


def test_the_faster_i18n_files_are_the_same_as_the_plugins(tmp_path):
    """Every File the plugin keeps in each language pass, with all its attributes, and every page's
    alternates: the plugin's own code against i18n_files, on docs/ with every case."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    names = ["index.en.md", "index.fr.md", "index.ar.md", "about.en.md", "about.fr.md", "only-english.en.md",
             "no-suffix.md", "labs/x/index.en.md", "labs/x/index.ar.md", "labs/y/index.fr.md", "v1.2.md",
             "guide/README.md", "guide/README.fr.md", "notes.de.md",  # a locale the site does not build
             "labs/x/photo.png", "labs/x/photo.fr.png", "labs/y/only-french.fr.pdf", "card-fr.png", "data.v2.json",
             "v2.0/index.fr.md", "v2.0/page.ar.md", "v2.0/README.md", "fr/index.fr.md", "a/b/c/kit.fr.zip", "index/x.fr.md"]
    for name in names:
        (tmp_path / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / name).write_text(f"# {name}\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nplugins:\n  - i18n:\n      docs_structure: suffix\n      fallback_to_default: true\n"
        "      languages:\n        - {locale: en, name: English, default: true, build: true}\n"
        "        - {locale: fr, name: Français, build: true}\n        - {locale: ar, name: العربية, build: true}\n",
        encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    plugin = config.plugins["i18n"]

    def described(file):
        facts = {key: value for key, value in vars(file).items() if key not in ("alternates", "page")}
        return type(file).__name__, sorted(facts.items(), key=lambda item: item[0])

    def files(implementation):
        ExtendedPlugin.reconfigure_files = implementation
        found = {}
        for lang in ("en", "fr", "ar"):
            plugin.current_language = lang
            for file in plugin.reconfigure_files(get_files(config), config):
                found[lang, file.src_uri] = described(file)
                if file.is_documentation_page():
                    found[lang, file.src_uri, "alternates"] = {
                        other: described(alternate) for other, alternate in sorted(file.alternates.items())}
        return found

    from mkdocs_static_i18n.reconfigure import ExtendedPlugin
    try:
        theirs = files(i18n_files.original)
        ours = files(i18n_files.reconfigure_files)
    finally:
        i18n_files.install()
    assert ours.keys() == theirs.keys()
    for key in theirs:
        assert ours[key] == theirs[key], key
    pages = [key for key in theirs if len(key) == 3]
    assert len(pages) == 29  # the pages each language pass keeps (notes.de.md, labs/y... only where they belong)
    assert dict(theirs["en", "about.en.md", "alternates"]["fr"][1])["src_uri"] == "about.fr.md"
    assert dict(theirs["fr", "only-english.en.md", "alternates"]["ar"][1])["src_uri"] == "only-english.en.md"
    assert dict(theirs["fr", "labs/x/photo.fr.png"][1])["dest_uri"] == "fr/labs/x/photo.png"
    assert dict(theirs["ar", "labs/x/photo.png"][1])["dest_uri"] == "labs/x/photo.png"  # the default's, shared
