"""Hostile and broken content (the corpus is tests/hostile/): each case is either refused by
`bridges check` with file:line, field and a fix, and no traceback, or accepted and rendered
harmless in the built site (no live script, no on* attribute, no javascript:/data: URL, no
iframe, no style attribute)."""
from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from bridges.adapters.cli import main
from bridges.model.file_kinds import kind_by_name
from hostile.cases import HARMLESS, REJECTED

MESSAGE_LINE = re.compile(r"^content/\S+:\d+: \S+: .+\. .+$")


def check_output(repo, capsys, lang="en") -> tuple[int, str]:
    code = main(["--root", str(repo.root), "check", "--lang", lang])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.mark.parametrize("case", REJECTED, ids=lambda case: case.slug)
def test_bridges_check_refuses_it_and_says_where_and_how_to_fix(repo, capsys, case):
    repo.story()  # a valid item beside it: only the hostile one is reported
    case.install(repo.root)
    code, output = check_output(repo, capsys)
    assert code == 1, output
    lines = [line for line in output.splitlines() if line.startswith("content/")]
    assert lines and all(MESSAGE_LINE.match(line) for line in lines), output
    assert all(f"content/case_studies/{case.slug}" in line for line in lines), output
    for expected in case.expect:
        assert expected in output, f"missing: {expected}\n--- got:\n{output}"
    french_code, french = check_output(repo, capsys, "fr")
    assert french_code == 1 and "Traceback" not in french and "KeyError" not in french


@pytest.mark.site  # runs the installed command
def test_the_installed_command_refuses_them_all_without_a_traceback(repo):
    for case in REJECTED:
        case.install(repo.root)
    result = subprocess.run([sys.executable, "-m", "bridges", "--root", str(repo.root), "check"],
                            capture_output=True, text=True, env={**os.environ, "LANG": "C"}, timeout=120)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "Error:" not in result.stderr, result.stderr[-2000:]
    for case in REJECTED:
        for expected in case.expect:
            assert expected in result.stdout, expected


@pytest.mark.parametrize("case", HARMLESS, ids=lambda case: case.slug)
def test_bridges_check_accepts_harmless_content(repo, capsys, case):
    case.install(repo.root)
    code, output = check_output(repo, capsys)
    assert code == 0, output


# --- the built pages ---------------------------------------------------------------------

DANGEROUS_TAGS = {"script", "iframe", "frame", "frameset", "object", "embed", "form", "input", "button", "textarea",
                  "select", "style", "link", "meta", "base", "svg", "math", "video", "audio", "source", "portal"}
URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "data", "poster", "xlink:href", "background"}
BAD_SCHEME = re.compile(r"^\s*(javascript|vbscript|data|file|blob):", re.I)


class _Article(HTMLParser):
    """The tags and attributes inside the page's <article> (the rendered Markdown)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
        elif self.depth:
            self.tags.append((tag, {name: value or "" for name, value in attrs}))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth -= 1


THEME_EDIT_BUTTON = re.compile(r'<a [^>]*class="md-content__button[^"]*"[^>]*>.*?</a>', re.S)


def harm_in(page_html: str) -> list[str]:
    parser = _Article()
    parser.feed(THEME_EDIT_BUTTON.sub("", page_html))  # the theme's own "edit" icon link
    assert parser.tags, "no <article> in the page"
    found = []
    for tag, attrs in parser.tags:
        if tag in DANGEROUS_TAGS:
            found.append(f"<{tag}>")
        for name, value in attrs.items():
            if name.startswith("on"):
                found.append(f"<{tag} {name}>")
            if name == "style":
                found.append(f"<{tag} style>")
            if name in URL_ATTRIBUTES and BAD_SCHEME.match(html.unescape(value).replace("\t", "").replace("\n", "")):
                found.append(f"<{tag} {name}={value[:40]}>")
            if name in ("src", "srcset") and re.search(r"(^|,)\s*(https?:)?//", value):
                found.append(f"<{tag} {name}={value[:40]}> (another host)")
            if name == "id" and value.startswith("__"):
                found.append(f"<{tag} id={value}> (the theme's id)")
            if name == "class" and any(word.startswith("md-") for word in value.split()):
                found.append(f"<{tag} class={value}> (the theme's class)")
    return found


@pytest.mark.parametrize("lang", ["", "fr/"])
@pytest.mark.parametrize("case", HARMLESS, ids=lambda case: case.slug)
def test_harmless_content_is_rendered_harmless(site_build, case, lang):
    page = (site_build.site / lang / "case-studies" / case.slug / "index.html").read_text(encoding="utf-8")
    assert not harm_in(page), harm_in(page)
    # Whatever the contributor wrote ends up as text, never as markup of the page's head.
    head = page[: page.index("</head>")]
    assert "evil.example" not in head.replace("evil.example/&#34;", "")  # only inside escaped attribute text
    assert not re.search(r'<meta[^>]+http-equiv="refresh"', page, re.I)
    for tag in re.findall(r"<script\b[^>]*>", page):  # the theme's own scripts only
        assert 'type="application/json"' in tag or re.search(r'src="(\.\./)*(assets|pagefind)/', tag), tag


class _Body(HTMLParser):
    """Every tag after </head>: the theme's navigation and table of contents as well as the article."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_body = False
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self.in_body = True
        elif self.in_body:
            self.tags.append((tag, {name: value or "" for name, value in attrs}))

    handle_startendtag = handle_starttag


@pytest.mark.parametrize("case", HARMLESS, ids=lambda case: case.slug)
def test_no_contributor_markup_reaches_the_theme_around_the_article(site_build, case):
    """The theme prints some values of a page (the table of contents' anchors) without escaping."""
    page = (site_build.site / "case-studies" / case.slug / "index.html").read_text(encoding="utf-8")
    parser = _Body()
    parser.feed(page)
    assert parser.tags
    contents, downloads = [], []
    for tag, attrs in parser.tags:
        assert tag not in ("meta", "base", "link", "title"), (tag, attrs)
        assert not any(name.startswith("on") or name == "http-equiv" for name in attrs), (tag, attrs)
        if "md-nav__link" in attrs.get("class", "") and attrs.get("href", "").startswith("#"):
            contents.append(attrs["href"])
            assert re.fullmatch(r"#[\w-]*", attrs["href"]), attrs  # the table of contents
        # A browser saves the file under this name, whatever it holds: never as a program.
        if attrs.get("download"):
            downloads.append(attrs["download"])
            assert kind_by_name(attrs["download"]) is not None, attrs
    # The cases written for these two checks give them something to check.
    if case.slug == "hostile-heading-ids":
        assert "#an-ordinary-heading" in contents, contents
    if case.slug == "hostile-download-names":
        assert downloads


def test_the_front_matter_is_escaped_everywhere(site_build):
    page = (site_build.site / "case-studies/hostile-front-matter/index.html").read_text(encoding="utf-8")
    # The title is text wherever it lands: shown as written, escaped once (never stripped, never run).
    assert ("<title>&lt;img src=x onerror=&#34;window.__pwned=&#39;title&#39;&#34;&gt; Title with markup - Bridges"
            "</title>") in page
    assert 'og:title" content="&lt;img src=x onerror=&#34;' in page and "&amp;lt;" not in page
    assert '<meta name="description" content="0;url=https://evil.example/&#34; http-equiv=&#34;refresh&#34;' in page
    assert "<img src=x" not in page and "<script>window" not in page
    assert "&lt;script&gt;window.__pwned='credit'&lt;/script&gt; Photo credit</figcaption>" in page
    assert 'alt="A picture&#34;&gt;&lt;script&gt;' in page or 'alt="A picture&quot;&gt;&lt;script&gt;' in page


def test_the_checker_of_this_file_finds_harm():
    page = ('<article><p style="x" onclick="y"><a href="jav&#x09;ascript:z">a</a><iframe src="/"></iframe>'
            '<img src="https://t.example/p.gif"><div id="__config" class="md-toggle"></div></article>')
    found = harm_in(page)
    assert len(found) == 7, found
    for expected in ("<p onclick>", "<p style>", "<a href=jav", "<iframe>", "(another host)", "<div id=__config>",
                     "<div class=md-toggle>"):
        assert any(item.startswith(expected) or item.endswith(expected) for item in found), (expected, found)
