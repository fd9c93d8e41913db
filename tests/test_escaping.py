"""Every value escaped where it lands, outside the HTML pages (issue 12, finding 8): the Atom feed
stays valid XML whatever a title holds, the catalogue stays valid JSON, and the page front matter
of a hostile title stays data."""
from __future__ import annotations

import json
from xml.etree import ElementTree as ET

from bridges.outputs.catalogue import catalogue
from bridges.outputs.feeds import ATOM, atom_feed
from bridges.pipeline import load_and_check

HOSTILE_TITLE = r'"Bell\x07, escape \e[31mred\e[0m, NUL-free \x0b\x0c\x1f ]]> <script>alert(1)</script> &amp; \uFFFE end"'


def hostile_story(repo):
    import yaml

    repo.story(fr=None)
    checked = load_and_check(repo.root)
    assert not checked.errors, [problem.message() for problem in checked.errors]
    # bridges check refuses control characters (bridges.model.limits): the outputs' own escaping
    # is tested with the hostile values put in after the check.
    text = checked.content.items[0].texts["en"]
    text.front = text.front.model_copy(update={
        "title": yaml.safe_load(HOSTILE_TITLE),
        "summary": "A summary with a form feed \x0c and <b>markup</b> & an ampersand."})
    return checked.content


def test_control_characters_never_make_the_feed_invalid_xml(repo):
    content = hostile_story(repo)
    for lang in content.site.language_codes:
        data = atom_feed(content, lang, "https://example.org/")
        feed = ET.fromstring(data)  # raises on invalid XML
        title = feed.find(f"{{{ATOM}}}entry/{{{ATOM}}}title").text
        assert title.startswith("Bell, escape [31mred[0m") and "<script>alert(1)</script>" in title
        assert not any(ord(char) < 32 for char in title) and "\ufffe" not in title
        assert b"<script>" not in data  # markup is text in the XML, escaped


def test_the_catalogue_keeps_hostile_text_as_data(repo):
    content = hostile_story(repo)
    text = json.dumps(catalogue(content, "https://example.org/"), ensure_ascii=False)
    item = json.loads(text)["items"][0]
    assert item["title"]["en"].startswith("Bell\x07, escape \x1b[31mred")
    assert "\x07" not in text and "\\u0007" in text  # JSON escapes control characters
