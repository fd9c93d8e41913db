"""Property-based: generated YAML, front matter, Markdown and file names thrown at the loader and
the check (Hypothesis, fixed seed, bounded examples). Whatever comes in:
- no exception escapes (a bug would show as one; the CLI's error boundary is not involved here),
- the check finishes within a fixed number of steps (Python function calls, counted: not time),
- every problem can be printed, in English and French, as text and as a GitHub annotation,
- nothing under content/ changes.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import sys
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from bridges.model.problems import shown_lines
from bridges.rules.checks import check_content
from bridges.sources.load import load_content
from bridges.sources.site import load_site

REPO = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 1, 1)
SETTINGS = settings(max_examples=40, derandomize=True, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
# Generated inputs are at most a few kB; the check of one such bundle is a few thousand calls.
# A quadratic step anywhere would pass this bound on the inputs Hypothesis grows.
MAX_CALLS_PER_CHAR = 60
BASE_CALLS = 60_000

# --- what is generated ------------------------------------------------------------------

KEYS = ["slug", "original_language", "countries", "themes", "audiences", "year", "year_end", "published",
        "links", "images", "downloads", "consent", "basis", "review_date", "scope", "renewal_contact",
        "url", "label", "id", "file", "language", "people", "name", "title", "summary", "image_alt",
        "source_hash", "template", "<<", "? [a]", "'x\\ny'", "0", "null"]
SCALARS = ["good-story", "en", "fr", "[FR]", "[economic, entrepreneurship]", "2019", "2024-02-30", "2024-02-29",
           "2024-02-03 25:61:00", "1.0e+308", ".nan", "-.inf", "9" * 40, "0x" + "f" * 30, "'1e308'", "~", "",
           "&a [x]", "*a", "!!python/object/apply:os.system [id]", "!!binary aGk=", "!!set {a}", '"\\x1b[31m"',
           '"\\u0007"', '"\\ud800"', "|\n  block", ">-\n  folded", "[[[[[[[[[[]]]]]]]]]]", "{a: {b: {c: 1}}}",
           "images/../../x.png", "/etc/passwd", "files/a.pdf", "https://example.org/", "javascript:alert(1)",
           "TODO", "<script>alert(1)</script>", "'", '"', "#", "- - - -", "? x", ": y", "%TAG ! tag:x,2000:",
           "---", "...", "\t", "é€🌉", "‮"]
INDENTS = st.sampled_from(["", "  ", "    ", "- ", "  - ", " ", "\t"])
yaml_line = st.one_of(
    st.tuples(INDENTS, st.sampled_from(KEYS), st.sampled_from(SCALARS)).map(lambda t: f"{t[0]}{t[1]}: {t[2]}"),
    st.tuples(INDENTS, st.sampled_from(SCALARS)).map(lambda t: t[0] + t[1]),
    st.text(max_size=40),
)
yaml_text = st.lists(yaml_line, max_size=25).map("\n".join)

MARKDOWN_PIECES = ["![", "![a](images/a.png)", "](", "[", "]", "(", ")", "<img src=x>", "<img ", "<", ">", "\\",
                   "`", "```", "#", "# Title", "#NoWalls", "> ", "- ", "    ", ": ", "|a|b|\n|-|-|", "{: #id }",
                   "<script>", "&amp;", "&#0;", "\n", "\n\n", "!!! note", "*", "_", "---", "TODO", "https://x.org",
                   "<http://a", "[^1]", "<!--", "é", "ع", "\u202e", "\x0c", "\x00"]
markdown_text = st.lists(st.one_of(st.sampled_from(MARKDOWN_PIECES), st.text(max_size=20)), max_size=60).map("".join)

front_matter = st.tuples(yaml_text, markdown_text, st.sampled_from(["---\n", "--- \n", "", "---\r\n", "\ufeff---\n"]),
                         st.sampled_from(["\n---\n", "\n", "\n--- x\n", "\n---"])).map(
    lambda t: f"{t[2]}{t[0]}{t[3]}{t[1]}")

file_name = st.one_of(st.binary(min_size=1, max_size=40).filter(lambda b: b"/" not in b and b"\0" not in b
                                                               and b not in (b".", b"..")),
                      st.sampled_from([b"a.png", b"a.svg", b"a.pdf", b"x.md", b"caf\xe9.jpg", b"\x1b[2J.png",
                                       b"a\nb.png", b"index.en.md", b"meta.yml", b".hidden", b"a" * 255]))
file_bytes = st.one_of(st.binary(max_size=200), st.sampled_from([
    b"\x89PNG\r\n\x1a\n", b"<svg xmlns='http://www.w3.org/2000/svg'><script>x</script></svg>",
    b"%PDF-1.4\n", b"GIF89a\x01\x00\x01\x00", b"\xff\xd8\xff\xe0"]))
bundle = st.fixed_dictionaries({
    "meta": yaml_text,
    "texts": st.dictionaries(st.sampled_from(["en", "fr", "ar", "xx", "", "EN"]), front_matter, max_size=3),
    "files": st.lists(st.tuples(st.sampled_from(["images", "files", ".", "images/sub"]), file_name, file_bytes),
                      max_size=4),
})

# --- running the check ---------------------------------------------------------------------

_ROOT = Path(tempfile.mkdtemp(prefix="bridges-properties-")) / "repo"
(_ROOT / "content").mkdir(parents=True)
for _name in ("site.yml", "taxonomy.yml", "ui.yml"):
    shutil.copy(REPO / "content" / _name, _ROOT / "content" / _name)
_SITE = None


def _site():
    global _SITE
    if _SITE is None:
        _SITE, problems = load_site(_ROOT)
        assert _SITE is not None, problems
    return _SITE


def install(example: dict) -> Path:
    folder = _ROOT / "content" / "case_studies" / "story"
    shutil.rmtree(folder.parent, ignore_errors=True)
    folder.mkdir(parents=True)
    (folder / "meta.yml").write_text(example["meta"], encoding="utf-8", errors="surrogatepass")
    for lang, text in example["texts"].items():
        name = f"index.{lang}.md" if lang else "index.md"
        (folder / name).write_bytes(text.encode("utf-8", "surrogatepass"))
    for sub, name, data in example["files"]:
        target = folder / sub
        target.mkdir(parents=True, exist_ok=True)
        path = os.path.join(os.fsencode(target), name)
        if not os.path.isdir(path):
            with open(path, "wb") as stream:
                stream.write(data)
    return folder


def content_hash() -> str:
    digest = hashlib.sha256()
    for folder, folders, files in sorted(os.walk(os.fsencode(_ROOT / "content"))):
        folders.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            digest.update(path + b"\0" + open(path, "rb").read())
    return digest.hexdigest()


def checked_in_bounded_steps(size: int) -> list:
    """check_content(load_content(site)), counting the Python calls it makes."""
    calls = 0

    def count(frame, event, arg):
        nonlocal calls
        if event == "call":
            calls += 1

    site = _site()
    sys.setprofile(count)
    try:
        problems = check_content(load_content(site), TODAY)
    finally:
        sys.setprofile(None)
    assert calls <= BASE_CALLS + MAX_CALLS_PER_CHAR * size, (calls, size)
    return problems


def assert_printable(problems) -> None:
    for lang in ("en", "fr"):
        for line in shown_lines(problems, lang) + shown_lines(problems, lang, github=True):
            assert "\n" not in line and "\r" not in line and "\x1b" not in line


def size_of(example: dict) -> int:
    return (len(example["meta"]) + sum(len(text) for text in example["texts"].values())
            + sum(len(name) + len(data) for _, name, data in example["files"]))


@SETTINGS
@given(bundle)
def test_any_bundle_is_checked_without_exception_in_bounded_steps_and_left_unchanged(example):
    install(example)
    before = content_hash()
    problems = checked_in_bounded_steps(size_of(example))
    assert_printable(problems)
    assert content_hash() == before


@SETTINGS
@given(st.text(max_size=300), st.text(max_size=300))
def test_any_text_as_meta_and_front_matter(meta, text):
    example = {"meta": meta, "texts": {"en": text}, "files": []}
    install(example)
    before = content_hash()
    assert_printable(checked_in_bounded_steps(size_of(example)))
    assert content_hash() == before


def test_a_valid_bundle_passes_the_same_harness():
    # The harness itself finds a good bundle good: the properties above are not vacuous.
    example = {"meta": ("slug: story\noriginal_language: en\ncountries: [FR]\nthemes: [economic]\nyear: 2019\n"
                        "consent: {basis: no_identifiable_person, scope: x, review_date: 2099-01-01, "
                        "renewal_contact: editors}\n"),
               "texts": {"en": "---\ntitle: A story\nsummary: A summary.\n---\nThe body.\n"}, "files": []}
    install(example)
    problems = checked_in_bounded_steps(size_of(example))
    assert [problem.code for problem in problems if "case_studies/story" in problem.path.as_posix()] == []


@SETTINGS
@given(markdown_text)
def test_markdown_that_the_check_accepts_renders_without_exception(body):
    # What the build does with a body: Python-Markdown with the site's extensions, then the
    # HTML allow-list. Bodies the check refuses (bridges.rules.markdown_limits) are not rendered.
    import markdown

    from bridges.outputs.markup import hashtags_are_not_headings
    from bridges.outputs.sanitize import clean_html
    from bridges.rules.markdown_limits import markdown_problems

    # assume(), not return: Hypothesis counts the refused bodies and fails if too few are left to render.
    assume("\x00" not in body and "\x0c" not in body and not list(markdown_problems(body)))
    html = markdown.markdown(hashtags_are_not_headings(body),
                             extensions=["toc", "admonition", "attr_list", "def_list", "md_in_html", "tables"])
    assert "<script" not in clean_html(html).lower()
