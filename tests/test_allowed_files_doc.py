"""The contributor guide's table of allowed files says what the check does: it is written from the
same declarations, and this test fails when content/README.md was not rewritten after a change."""
from __future__ import annotations

from bridges.outputs.allowed_files import BEGIN, END, README, table, updated
from bridges.sources.site import load_site
from conftest import REPO


def test_the_guide_lists_the_allowed_files_of_the_taxonomy():
    site, problems = load_site(REPO)
    assert site is not None, problems
    text = (REPO / README).read_text(encoding="utf-8")
    assert BEGIN in text and END in text
    assert updated(text, site) == text, "run: .venv/bin/python -m bridges.outputs.allowed_files"


def test_the_table_changes_with_the_declaration():
    site, _ = load_site(REPO)
    before = table(site)
    press = site.content_types["press"]
    press.files["downloads"] = ("pdf", "epub")
    try:
        assert table(site) != before and "EPUB book (.epub)" in table(site).split("`press/`")[1].split("\n")[0]
    finally:
        press.files["downloads"] = ("pdf",)
