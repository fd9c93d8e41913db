"""Contributor text is parsed in linear time, whatever it holds (issue #12).

No timing here: each input is as large as the limits allow (a text file of almost 1 MB), sized so
that a quadratic pass would take hours, not seconds; where the work can be counted (laying out a
card), it is counted."""
from __future__ import annotations

import pytest

from bridges.adapters.cli import main
from bridges.model.limits import MAX_TEXT_BYTES
from bridges.outputs import cards
from bridges.rules import checks
from bridges.rules.markdown_limits import MAX_SCAN, markdown_problems

FRONT = "---\ntitle: Hostile text\nsummary: As long as a text may be.\n---\n"
LARGEST = MAX_TEXT_BYTES - len(FRONT) - 10  # characters of body in the largest allowed file


def check(repo, capsys, body: str) -> str:
    repo.story(en=FRONT + body, fr=None)
    code = main(["--root", str(repo.root), "check", "--lang", "en"])
    output = capsys.readouterr().out
    assert code in (0, 1) and "Traceback" not in output
    return output


@pytest.mark.parametrize("unit", ["![", "[", "![a](", "<img ", "<x ", "[a]("])
def test_a_body_of_a_repeated_opener_is_checked_at_once_and_refused(repo, capsys, unit):
    # 50,000 "![" took 50 s to check (each scanned to the end) and a minute to render.
    output = check(repo, capsys, unit * (LARGEST // len(unit)))
    assert "index.en.md:5: body: this text has so many '[' or '<' without their ']' or '>'" in output


def test_nested_brackets_are_refused_too(repo, capsys):
    half = LARGEST // 2
    assert "without their ']' or '>'" in check(repo, capsys, "[" * half + "]" * half)


def test_many_closed_links_and_images_are_fine(repo, capsys):
    repo.write("content/case_studies/good-story/images/a.png", b"")  # (an empty file: only the text is tested)
    body = "\n\n".join(["See [the report](https://example.org/r) and <b>this</b>."] * 2000)
    assert not list(markdown_problems(body))


def test_the_raw_image_finder_does_not_rescan():
    body = "<img " * (LARGEST // 5)
    assert list(checks._raw_image_tags(body)) == []
    assert [tag for _, tag in checks._raw_image_tags("a <img src=x> <imgx> <IMG\nalt=y>")] == ["<img src=x>", "<IMG\nalt=y>"]


def test_markdown_images_are_found_without_rescanning():
    body = "![" * (LARGEST // 2) + "![alt](images/a.png)"
    assert [(src, alt) for _, src, alt in checks._body_images(body)] == [("images/a.png", "alt")]


def test_an_svg_made_to_backtrack_is_checked_at_once(repo, capsys):
    # "a.a.a..." made the reference pattern of the SVG check scan each run once per dot (84 s for 100 kB).
    folder = repo.story()
    (folder / "images").mkdir()
    (folder / "images" / "drawing.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><title>' + "a." * 500_000 + "</title></svg>")
    assert main(["--root", str(repo.root), "check", "--lang", "en"]) in (0, 1)


def test_the_scan_model_counts_what_markdown_would_scan():
    assert markdown_problems("[" * 1000) and not list(markdown_problems("[a] " * 100_000))
    assert not list(markdown_problems("- a\n    - b\n        1. c\n\n> quote\n> > nested\n\n|a|b|\n|-|-|\n"))
    assert not list(markdown_problems("\\[" * 100_000))  # escaped: shown as brackets, never scanned
    # A blank line ends a block: its open "[" are not scanned past it.
    assert not list(markdown_problems("[ \n\n" * 100_000))
    # "<" and a letter scan to the next ">", across blocks (the raw HTML pass reads the whole text).
    assert list(markdown_problems("<x \n\n" * 1_000))
    assert MAX_SCAN < 1_000 * 1_000 / 2


@pytest.mark.parametrize("body, code, line", [
    ("".join("    " * level + "- a\n" for level in range(300)), "markdown_too_nested", 16),
    ("> " * 50 + "a", "markdown_too_nested", 0),
    ("- > " * 300 + "a", "markdown_too_nested", 0),
    ("1. " * 300 + "a", "markdown_too_nested", 0),
    ("".join("\t" * level + "- a\n" for level in range(100)), "markdown_too_nested", 16),
    ("|a" * 20_000 + "\n|" + "-|" * 20_000, "markdown_too_many_cells", 0),
    ("".join(f"[a{index}]: https://x.org/{index}\n" for index in range(10_000)), "markdown_too_many_references", 500),
    ("a\n: b\n" * 500, "markdown_too_many_definitions", 201),
    ("# A\n" * 400, "markdown_too_many_headings", 300),
])
def test_structures_that_made_markdown_recurse_or_crawl_are_refused(body, code, line):
    # A list 300 levels deep and 500 definitions in a row raised RecursionError in Python-Markdown;
    # a table row of 20,000 cells took 19 s, 10,000 link definitions 5 s.
    assert [(found_line, found) for found_line, found, _ in markdown_problems(body)] == [(line, code)]


def test_laying_out_a_card_measures_a_bounded_number_of_characters(monkeypatch):
    # A 12 kB title took 73 s to lay out: each cut of the ellipsis measured the whole text again.
    measured = []

    def counting(length):
        def count(self, text):
            measured.append(len(text))
            return length(self, text)
        return count

    for face_class in (cards.Face, cards.CachedFace):
        monkeypatch.setattr(face_class, "length", counting(face_class.length))

    def work(title: str, lang: str = "en") -> int:
        measured.clear()
        cards.face.cache_clear()  # measured widths are cached per face: start from nothing
        card = cards.Card(path="x.png", lang=lang, direction="rtl" if lang == "ar" else "ltr", kicker="Case study",
                          title=title, subtitle=title, footer="Bridges")
        cards.draw_card(card)
        return sum(measured)

    for word, lang in (("word ", "en"), ("x", "en"), ("كلمة ", "ar")):
        short = work(word * (2 * cards.TEXT_CHARS // len(word)), lang)
        assert work(word * (1_000_000 // len(word)), lang) == short  # the rest of the text is never measured
