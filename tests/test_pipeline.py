"""The fast driver (`bridges build`: languages in parallel, render cache) against the reference
(a plain, sequential `mkdocs build` through the same hooks), on a small fixture site made for
these tests: the site's settings, English and French, and a dozen synthetic items (bench/synth.py), with
the campaign that the navigation names.

Pagefind is left out of these builds (its index differs from run to run by itself)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

sys.path.insert(0, str(REPO / "bench"))
import synth  # noqa: E402

# Labs, case studies and press items, a resource (index 50) and a white paper (99): every kind of page.
INDICES = [*range(10), 50, 99]
ITEMS = len(INDICES)
pytestmark = pytest.mark.site


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("pipeline") / "project"
    synth.make_project(root, ITEMS, languages=("en", "fr"), real_items=False, indices=INDICES)
    return root


def env(root: Path) -> dict:
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", BRIDGES_SKIP_SEARCH="1",
                       BRIDGES_CACHE_DIR=str(root / ".cache" / "bridges"))
    environment.pop("SITE_URL", None)
    return environment


def mkdocs_build(root: Path, site: Path) -> dict[str, bytes]:
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)], cwd=root,
                            capture_output=True, text=True, env=env(root))
    assert result.returncode == 0, result.stderr[-3000:]
    return files(site)


def bridges_build(root: Path, site: Path, *options: str) -> tuple[dict[str, bytes], str]:
    result = subprocess.run([sys.executable, "-m", "bridges", "--root", str(root), "build", "--no-search",
                             "--site-dir", str(site), *options], cwd=root, capture_output=True, text=True, env=env(root))
    assert result.returncode == 0, result.stderr[-3000:]
    return files(site), result.stderr


def files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def differences(one: dict[str, bytes], other: dict[str, bytes]) -> list[str]:
    return sorted(name for name in one.keys() | other.keys() if one.get(name) != other.get(name))


def changed_pages(before: dict[str, bytes], after: dict[str, bytes]) -> set[str]:
    return {name for name in differences(before, after) if name.endswith(".html")}


def test_parallel_and_cached_builds_write_the_same_files_as_a_plain_mkdocs_build(project, tmp_path):
    reference = mkdocs_build(project, tmp_path / "reference")
    assert len([name for name in reference if name.endswith(".html")]) > 2 * ITEMS
    assert "sitemap.xml" in reference and "fr/index.html" in reference
    cold, log = bridges_build(project, tmp_path / "cold", "--jobs", "2")
    assert differences(reference, cold) == []
    assert " 0 pages from the render cache" in log
    warm, log = bridges_build(project, tmp_path / "warm", "--jobs", "2")
    assert differences(reference, warm) == []
    assert " 0 rendered" in log  # every page came from the cache
    one_process, _ = bridges_build(project, tmp_path / "one", "--jobs", "1", "--no-cache")
    assert differences(reference, one_process) == []


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def story(project: Path) -> Path:
    return next(iter(sorted((project / "content" / "case_studies").iterdir())))


def test_the_render_cache_changes_exactly_the_pages_an_input_shapes(project, tmp_path):
    """Each kind of input is changed in turn; after each, a build from the warm cache gives the
    same bytes as one that renders every page, and only the pages that input shapes change."""
    site = tmp_path / "site"
    before, _ = bridges_build(project, site)
    every_page = {name for name in before if name.endswith(".html")}
    bundle = story(project)
    slug = bundle.name
    other = next(p.name for p in sorted((project / "content" / "case_studies").iterdir()) if p.name != slug)

    def rebuild(expected_within: set[str] | None = None, must_change: set[str] = frozenset()) -> None:
        nonlocal before
        warm, log = bridges_build(project, site)
        cold, _ = bridges_build(project, tmp_path / "cold", "--no-cache")
        assert differences(warm, cold) == [], "the warm cache gave other bytes than a full render"
        changed = changed_pages(before, warm)
        assert must_change <= changed, sorted(must_change - changed)
        if expected_within is not None:
            assert changed <= expected_within, sorted(changed - expected_within)
        before = warm

    # A story's text: its pages (the French one now says the original changed), the translation
    # dashboards; nothing about another story.
    edit(bundle / "index.en.md", "\n---\n", "\n---\nA new first paragraph.\n\n")
    rebuild(must_change={f"case-studies/{slug}/index.html"},
            expected_within={f"case-studies/{slug}/index.html", f"fr/case-studies/{slug}/index.html",
                             "translations/index.html", "fr/translations/index.html"})
    # A word of the interface in ui.yml, shown only on the English translation dashboard.
    edit(project / "content" / "ui.yml", "en: Translation status", "en: State of the translations")
    rebuild(must_change={"translations/index.html"}, expected_within={"translations/index.html"})
    # A theme's label in the taxonomy: the pages that show that theme, not the others.
    theme = _first_theme(bundle)
    label = _theme_label(project, theme)
    edit(project / "content" / "taxonomy.yml", f"en: {label}", f"en: {label} (renamed)")
    rebuild(must_change={f"themes/{theme}/index.html", f"case-studies/{slug}/index.html"})
    assert f"case-studies/{other}/index.html" in before
    # A theme override (a template): every page.
    edit(project / "overrides" / "main.html", "{% block htmltitle %}", "{% block htmltitle %}<!-- edited -->")
    rebuild(must_change=every_page - {"404.html", "fr/404.html"})
    # The configuration: every page.
    edit(project / "mkdocs.yml", "primary: custom", "primary: teal")
    rebuild(must_change=every_page)


def _first_theme(bundle: Path) -> str:
    import yaml

    return yaml.safe_load((bundle / "meta.yml").read_text(encoding="utf-8"))["themes"][0]


def _theme_label(project: Path, theme: str) -> str:
    import yaml

    taxonomy = yaml.safe_load((project / "content" / "taxonomy.yml").read_text(encoding="utf-8"))
    return taxonomy["themes"][theme]["label"]["en"]


def test_a_failing_language_fails_the_build_with_its_message(project, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(project, broken, ignore=shutil.ignore_patterns("site", ".cache"))
    (broken / "docs" / "about.fr.md").write_text("---\ntitle: À propos\n---\n[lien](missing-page.md)\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "bridges", "--root", str(broken), "build", "--no-search"],
                            cwd=broken, capture_output=True, text=True, env=env(broken))
    assert result.returncode == 1
    assert "[fr]" in result.stderr and "strict mode" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_generated_markdown_builds_without_the_hooks(project, tmp_path):
    """What the domain produces stands on its own: the generated docs/ built by MkDocs, Material
    and mkdocs-static-i18n alone (no hooks, no theme overrides), as another renderer would get it."""
    bridges_build(project, tmp_path / "site")
    plain = tmp_path / "plain"
    synth.make_baseline(project, plain)
    assert "hooks" not in (plain / "mkdocs.yml").read_text(encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(plain / "site")], cwd=plain,
                            capture_output=True, text=True, env=env(plain))
    assert result.returncode == 0, result.stderr[-3000:]
    item = next((plain / "site" / "fr" / "case-studies").glob("*/index.html"))
    assert '<html lang="fr"' in item.read_text(encoding="utf-8")


def test_an_edit_to_a_story_is_shown_alone_first_with_the_bytes_of_a_whole_build(tmp_path, monkeypatch):
    """`bridges serve` after an edit: the story's pages, redone alone in the language workers from
    their kept build, are the pages a whole build writes; and what is not an edit to existing
    items' text asks for a whole build."""
    from bridges.adapters.mkdocs.drive import build_site, site_settings
    from bridges.adapters.mkdocs.languages import Renderer
    from bridges.model.problems import Superseded
    from bridges.outputs.cache import Cache
    from bridges.pipeline import update

    root = tmp_path / "project"  # its own: the other tests edit the shared one
    synth.make_project(root, ITEMS, languages=("en", "fr"), real_items=False, indices=INDICES)
    for name, value in env(root).items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("SITE_URL", raising=False)
    settings = site_settings(root)
    site = tmp_path / "served"
    with Renderer(settings.config_file, 2, Cache(root / ".cache" / "bridges"), strict=False, keep=True) as renderer:
        checked = build_site(root, site, renderer=renderer, search=False, strict=False).checked
        bundle = story(root)
        slug = bundle.name
        edit(bundle / "index.en.md", "\n---\n", "\n---\nShown first, before the listings.\n\n")
        sources = update(checked, settings.docs_dir, [bundle / "index.en.md"], settings.site_url,
                         settings.built_languages)
        assert sorted(path.relative_to(settings.docs_dir).as_posix() for path in sources) == \
            [f"case-studies/{slug}/index.en.md", f"case-studies/{slug}/index.fr.md"]  # fr: "the original changed"
        moved = renderer.rerender(settings.built_languages, site, sources)
        assert sorted(moved) == [f"case-studies/{slug}/index.html", f"fr/case-studies/{slug}/index.html"]
        assert "Shown first" in (site / "case-studies" / slug / "index.html").read_text(encoding="utf-8")
        whole, _ = bridges_build(root, tmp_path / "whole", "--no-cache")
        for page in moved:
            assert (site / page).read_bytes() == whole[page], page

        # A newer change while the whole site is being rebuilt: the rebuild stops in the workers,
        # the served site is left as it was, and the workers keep their last finished build.
        served = files(site)
        languages_folder = site.parent / f".{site.name}.languages"
        assert not languages_folder.exists()
        edit(bundle / "index.en.md", "Shown first", "Shown first again")
        with pytest.raises(Superseded):
            build_site(root, site, renderer=renderer, search=False, strict=False, checked=checked,
                       stop=languages_folder.exists)  # yes once the languages render: generation is done
        assert files(site) == served and not languages_folder.exists()
        sources = update(checked, settings.docs_dir, [bundle / "index.en.md"], settings.site_url,
                         settings.built_languages)
        # Only the English page changes now: the French one already says that the original changed.
        assert renderer.rerender(settings.built_languages, site, sources) == [f"case-studies/{slug}/index.html"]
        assert "Shown first again" in (site / "case-studies" / slug / "index.html").read_text(encoding="utf-8")

        # Not an edit to existing items' text: a whole build.
        picture = bundle / "images" / "new.svg"
        picture.parent.mkdir(exist_ok=True)
        picture.write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
        assert update(checked, settings.docs_dir, [picture], settings.site_url, settings.built_languages) is None
        new_bundle = bundle.parent / "a-new-story"
        shutil.copytree(bundle, new_bundle)
        assert update(checked, settings.docs_dir, [new_bundle / "index.en.md"], settings.site_url,
                      settings.built_languages) is None
        # A problem in the edited story: the whole build reports it, nothing is shown first.
        edit(bundle / "meta.yml", "countries:", "countries_typo:")
        assert update(checked, settings.docs_dir, [bundle / "meta.yml"], settings.site_url,
                      settings.built_languages) is None


def test_merging_into_a_served_site_replaces_files_in_place_and_removes_the_stale_ones(tmp_path):
    from bridges.adapters.mkdocs.languages import merge

    site = tmp_path / "site"
    (site / "old").mkdir(parents=True)
    (site / "old" / "index.html").write_text("stale")
    (site / "index.html").write_text("before")
    (site / ".kept").write_text("a dot entry stays, as MkDocs' clean_directory keeps it")
    parts = tmp_path / "parts"
    for lang, files_of in {"en": {"index.html": "en", "assets/app.css": "css"},
                           "fr": {"fr/index.html": "fr", "assets/app.css": "css"}}.items():
        for name, text in files_of.items():
            (parts / lang / name).parent.mkdir(parents=True, exist_ok=True)
            (parts / lang / name).write_text(text)
    merge(parts, ["en", "fr"], site)
    assert files(site) == {".kept": b"a dot entry stays, as MkDocs' clean_directory keeps it", "index.html": b"en",
                           "fr/index.html": b"fr", "assets/app.css": b"css"}
