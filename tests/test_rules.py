"""Each validation rule: a failing fixture with its message, and the passing fixture (the default story)."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from bridges.pipeline import load_and_check

TODAY = dt.date(2026, 11, 22)
META = "content/case_studies/good-story/meta.yml"
EN = "content/case_studies/good-story/index.en.md"


def messages(repo, lang="en"):
    return [problem.message(lang) for problem in load_and_check(repo.root, TODAY).problems]


def test_a_valid_story_passes(repo):
    repo.story()
    assert messages(repo) == []


def replace_meta(repo, old, new):
    repo.story()
    path = repo.root / META
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


CASES = [
    # (old text in meta.yml, new text, expected message)
    ("original_language: en\n", "", f"{META}:1: original_language: the required field 'original_language' is missing."),
    ("year: 2019", "year: twenty", f"{META}:6: year: this should be a whole number."),
    ("https://example.org/", "javascript:alert(1)", f"{META}:8: links[0].url: this is not a web address starting with http:// or https://."),
    ("https://example.org/", "ftp://example.org/", f"{META}:8: links[0].url: this is not a web address"),
    ("review_date: 2030-01-01", "review_date: 01/02/2030", f"{META}:12: consent.review_date: this is not a date in the form YYYY-MM-DD."),
    ("countries: [FR]", "contries: [FR]", f"{META}:3: contries: this field is not known. Did you mean 'countries'?"),
    ("entrepreneurship]", "entrepreneurshp]", f"{META}:4: themes[1]: 'entrepreneurshp' is not in the list of themes. Did you mean 'entrepreneurship'?"),
    ("audiences: [migrants]", "audiences: [aliens]", f"{META}:5: audiences[0]: 'aliens' is not in the list of audiences. Pick a value"),
    ("countries: [FR]", "countries: [France]", f"{META}:3: countries[0]: 'France' is not a two-letter ISO country code. Did you mean 'FR'?"),
    ("countries: [FR]", "countries: [XX]", f"{META}:3: countries[0]: 'XX' is not a two-letter ISO country code. Use the capital"),
    ("original_language: en", "original_language: english", f"{META}:2: original_language: the original language 'english' is not one of the site's languages"),
    ("slug: good-story", "slug: other-story", f"{META}:1: slug: the slug 'other-story' differs from the folder name 'good-story'."),
    ("year: 2019", "year: 2019\nlabs: [no-such-lab]", f"{META}:7: labs[0]: there is no lab named 'no-such-lab'."),
    ("year: 2019", "year: 2019\nyear_end: 2010", f"{META}:7: year_end: the end year 2010 is before the start year 2019."),
    ("review_date: 2030-01-01", "review_date: 2026-01-01",
     f"{META}:12: consent.review_date: the consent for this story had to be reviewed by 2026-01-01. Who must act: the editorial team."),
    ("year: 2019", "year: 2019\nyear: 2020", f"{META}:7: year: 'year' is given twice (first on line 6)."),
    ("year: 2019", "year: 2019\nimages:\n  - {id: cover, file: /etc/passwd}", f"{META}:8: images[0].file: '/etc/passwd' is an absolute path."),
    ("year: 2019", "year: 2019\nimages:\n  - {id: cover, file: ../../labs/x.svg}", f"{META}:8: images[0].file: '../../labs/x.svg' points outside the item's folder"),
    ("year: 2019", "year: 2019\ndownloads:\n  - {file: files/missing.pdf, language: fr}", f"{META}:8: downloads[0].file: the file 'files/missing.pdf' does not exist"),
    ("year: 2019", "year: 2019\ndownloads:\n  - {file: files/guide.pdf, language: french}", f"{META}:8: downloads[0].language: 'french' is not a two-letter ISO 639-1 language code."),
]


@pytest.mark.parametrize("old,new,expected", CASES, ids=[case[2].split(": ")[1] for case in CASES])
def test_each_rule_names_file_line_field_and_fix(repo, old, new, expected):
    replace_meta(repo, old, new)
    found = messages(repo)
    assert any(message.startswith(expected) for message in found), found


def test_every_problem_is_reported_at_once(repo):
    replace_meta(repo, "countries: [FR]\nthemes: [economic, entrepreneurship]",
                 "countries: [XX]\nthemes: [economic, entrepreneurshp]")
    repo.story("second-story", fr=None)
    (repo.root / "content/case_studies/second-story/meta.yml").write_text(
        (repo.root / "content/case_studies/second-story/meta.yml").read_text().replace("year: 2019", "year: 3019"))
    found = messages(repo)
    assert len(found) == 3, found


def test_symlinked_file_leaving_the_bundle_is_refused(repo, tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("secret")
    folder = repo.story()
    (folder / "files").mkdir()
    (folder / "files" / "leak.pdf").symlink_to(outside)
    path = repo.root / META
    path.write_text(path.read_text().replace("year: 2019", "year: 2019\ndownloads:\n  - {file: files/leak.pdf, language: en}"))
    assert any("downloads[0].file: 'files/leak.pdf' is a link that leads outside" in m for m in messages(repo))


def test_text_in_an_unconfigured_language(repo):
    folder = repo.story()
    (folder / "index.de.md").write_text("---\ntitle: T\nsummary: S\n---\n")
    assert messages(repo) == [f"content/case_studies/good-story/index.de.md:1: -: 'de' is not one of the site's languages "
                              f"(en, fr, es, it, ro, ar). Rename the file to one of those languages, or ask the team to add 'de' to "
                              f"content/site.yml and mkdocs.yml."]


def test_index_without_language(repo):
    folder = repo.story()
    (folder / "index.md").write_text("---\ntitle: T\nsummary: S\n---\n")
    assert messages(repo)[0].startswith("content/case_studies/good-story/index.md:1: -: the file name does not say its language")


def test_duplicate_slugs_across_types(repo):
    repo.story()
    repo.write("content/press/good-story/meta.yml", "slug: good-story\noriginal_language: en\nkind: press\narticle_language: ro\n")
    repo.write("content/press/good-story/index.en.md", "---\ntitle: T\nsummary: S\n---\n")
    found = messages(repo)
    assert len([m for m in found if "the slug 'good-story' is used by more than one item" in m]) == 2


@pytest.mark.parametrize("content,expected", [
    (b"", "content/case_studies/good-story/index.en.md:1: -: this file is empty"),
    (b"---\ntitle: T\nsummary: caf\xe9\n---\n", "content/case_studies/good-story/index.en.md:3: -: this line is not valid UTF-8 text"),
    (b"title: T\n", "content/case_studies/good-story/index.en.md:1: -: the file does not start with a '---' line"),
    (b"---\ntitle: T\nsummary: S\n", "content/case_studies/good-story/index.en.md:1: -: the block at the top is opened with '---' but never closed"),
    (b"---\ntitle: [T\nsummary: S\n---\n", "content/case_studies/good-story/index.en.md:3: -: the YAML cannot be read here"),
    (b"---\ntitle: T\n---\n", "content/case_studies/good-story/index.en.md:2: summary: the required field 'summary' is missing"),
    (b"---\ntitle: T\nsummary: S\ntitle: U\n---\n", "content/case_studies/good-story/index.en.md:4: title: 'title' is given twice"),
    (b"---\ntitle: T\nsummary: S\n---\n" + b"x" * 1_000_001, "content/case_studies/good-story/index.en.md:1: -: this text file is"),
])
def test_broken_text_files_get_a_clear_message(repo, content, expected):
    repo.story()
    (repo.root / EN).write_bytes(content)
    found = messages(repo)
    assert any(message.startswith(expected) for message in found), found


def test_image_needs_alt_text_in_every_language(repo):
    folder = repo.story()
    (folder / "images").mkdir()
    (folder / "images" / "cover.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    path = repo.root / META
    path.write_text(path.read_text().replace("year: 2019", "year: 2019\nimages:\n  - {id: cover, file: images/cover.svg}"))
    en = repo.root / EN
    en.write_text(en.read_text().replace("summary:", "image_alt:\n  cover: A kitchen\nsummary:"))
    assert messages(repo) == ["content/case_studies/good-story/index.fr.md:1: image_alt.cover: the image 'cover' has no "
                              "alternative text in 'fr'. Add under image_alt a line 'cover: what the picture shows', "
                              "for readers who cannot see it."]


def test_image_in_body_needs_alt_text_and_a_local_file(repo):
    repo.story()
    en = repo.root / EN
    en.write_text(en.read_text() + "\n![](images/none.png)\n\n![A map](https://tracker.example/map.png)\n")
    found = messages(repo)
    assert any(m.startswith(f"{EN}:9: body: the file 'images/none.png' does not exist") for m in found), found
    assert any(m.startswith(f"{EN}:9: body: the image 'images/none.png' has no alternative text") for m in found)
    assert any(m.startswith(f"{EN}:11: body: the image 'https://tracker.example/map.png' is loaded from another website") for m in found)


def test_messages_in_french(repo):
    replace_meta(repo, "countries: [FR]", "contries: [FR]")
    assert messages(repo, "fr") == [f"{META}:3: contries: ce champ est inconnu. Vouliez-vous dire « countries » ?"]


def test_the_check_never_writes_to_content(repo):
    replace_meta(repo, "year: 2019", "year: 2019\nyear: 2020")
    before = {path: path.read_bytes() for path in repo.root.rglob("*") if path.is_file()}
    load_and_check(repo.root, TODAY)
    after = {path: path.read_bytes() for path in repo.root.rglob("*") if path.is_file()}
    assert before == after


def test_outdated_translation_is_a_warning_that_names_the_new_hash(repo):
    from bridges.rules.translations import Status, status

    repo.story()
    en = repo.root / EN
    en.write_text(en.read_text().replace("The body of the story.", "The body of the story, now longer."))
    checked = load_and_check(repo.root, TODAY)
    assert checked.errors == []
    [warning] = checked.warnings
    assert warning.message().startswith(
        "content/case_studies/good-story/index.fr.md:4: source_hash: Warning: the original (index.en.md) has "
        "changed since this translation was made. Update the translation to match the original, then set 'source_hash: ")
    item = checked.content.items[0]
    assert status(item, "fr") is Status.OUTDATED and status(item, "en") is Status.ORIGINAL
    assert status(item, "ar") is Status.MISSING


def test_a_picture_of_images_repeated_in_the_text_is_a_warning(repo):
    """The guide's worked example once listed the photo under images: and wrote it in the text too."""
    repo.story(fr=None)
    repo.write("content/case_studies/good-story/images/cover.png", _png())
    meta = repo.root / META
    meta.write_text(meta.read_text() + "images:\n  - {id: cover, file: images/cover.png}\n")
    en = repo.root / EN
    en.write_text(en.read_text().replace("summary:", "image_alt:\n  cover: A kitchen\nsummary:")
                  + "\n![A kitchen](./images/cover.png)\n")
    assert messages(repo) == [
        f"{EN}:11: body: Warning: the picture './images/cover.png' is listed under images: in meta.yml (as 'cover'), "
        "so it is already shown before the text. Remove this line, or remove the picture from images: in meta.yml "
        "to show it only here."]


def _png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 120, 40)).save(buffer, "PNG")
    return buffer.getvalue()


def test_outdated_translation_says_what_changed_in_the_original_since_its_hash(repo):
    """The original at source_hash comes from git: a paragraph added, one changed, one removed."""
    import subprocess

    repo.story()
    en = repo.root / EN
    en.write_text(en.read_text() + "\nA second paragraph.\n\nA third paragraph, to be removed.\n")
    from bridges.rules.translations import hash_of
    source = hash_of("A good story", "A cooking business started by a newcomer in Lyon.",
                     "## What happened\n\nThe body of the story.\n\nA second paragraph.\n\nA third paragraph, to be removed.")
    fr = repo.root / "content/case_studies/good-story/index.fr.md"
    fr.write_text(re.sub(r"source_hash: \w+", f"source_hash: {source}", fr.read_text()))
    git = ["git", "-C", str(repo.root), "-c", "user.name=T", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "first"], check=True)
    en.write_text("---\ntitle: A good story\nsummary: A cooking business started by a newcomer in Lyon.\n---\n"
                  "## What happened\n\nThe body of the story, now longer.\n\nA second paragraph.\n\n"
                  "A new paragraph at the end.\n")
    subprocess.run([*git, "commit", "-qam", "second"], check=True)  # the history has both versions
    en.write_text(en.read_text())  # and the working copy is the newest
    [english] = [problem.message("en") for problem in load_and_check(repo.root, TODAY).warnings]
    [french] = [problem.message("fr") for problem in load_and_check(repo.root, TODAY).warnings]
    assert english == (
        "content/case_studies/good-story/index.fr.md:4: source_hash: Warning: the original (index.en.md) has changed "
        "since this translation was made: paragraph changed on line 7: \"The body of the story, now longer.\"; "
        "paragraph added on line 11: \"A new paragraph at the end.\"; "
        "paragraph removed: \"A third paragraph, to be removed.\". "
        f"Update the translation to match, then set 'source_hash: {hash_of('A good story', 'A cooking business started by a newcomer in Lyon.', en.read_text().split('---', 2)[2])}'.")
    assert "paragraphe modifié ligne 7 : « The body of the story, now longer. »" in french
    assert "paragraphe retiré : « A third paragraph, to be removed. »" in french


def test_without_history_the_warning_still_says_the_original_changed(repo):
    repo.story()
    en = repo.root / EN
    en.write_text(en.read_text() + "\nMore.\n")
    [warning] = load_and_check(repo.root, TODAY).warnings
    assert warning.code == "translation_outdated"


def test_a_content_type_unknown_to_the_registry_is_a_message_not_a_crash(repo):
    """A type added to taxonomy.yml without code, and one removed from it, are each named."""
    taxonomy = repo.root / "content/taxonomy.yml"
    text = taxonomy.read_text(encoding="utf-8")
    text = text.replace("content_types:\n", "content_types:\n  podcast:\n    folder: podcasts\n    url: podcasts\n"
                        "    label: {en: Podcast, fr: Podcast, es: Podcast, it: Podcast, ro: Podcast, ar: بودكاست}\n"
                        "    plural: {en: Podcasts, fr: Podcasts, es: Podcasts, it: Podcasts, ro: Podcasturi, ar: بودكاست}\n", 1)
    taxonomy.write_text(text.replace("\n  press:\n", "\n  press_removed:\n", 1), encoding="utf-8")
    repo.story()
    checked = load_and_check(repo.root)
    codes = {(problem.code, problem.params.get("type")) for problem in checked.problems}
    assert ("content_type_unknown", "podcast") in codes
    assert ("content_type_unknown", "press_removed") in codes
    assert ("content_type_missing", "press") in codes
    assert checked.content is not None and checked.content.get("case_study", "good-story") is not None
