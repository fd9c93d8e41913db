"""Privacy: the built site makes readers' browsers load nothing from other hosts.

The HTML, CSS and JavaScript of the shared build are scanned for absolute URLs in anything a
browser loads by itself (src, srcset, <link href>, url(...), @import, fetch/import calls...).
Only the site's own address is allowed there; ordinary links a reader clicks (<a href>) may go
anywhere. The browser tests (the `web` fixture) check the same thing at run time.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.I)  # http://, https://, //host, ftp://...
# Attributes whose URL a browser fetches without a click (or that crawlers fetch for a preview).
LOADING_ATTRIBUTES = {"src", "srcset", "poster", "data", "action", "formaction", "background", "manifest",
                      "ping", "codebase", "archive", "xlink:href", "imagesrcset"}
META_URL = re.compile(r"(?:og:(?:image|url|audio|video)|twitter:image)", re.I)
CSS_URL = re.compile(r"""url\(\s*["']?([^"')\s]+)|@import\s+["']([^"']+)""", re.I)
JS_LOAD = re.compile(r"""(?:\bfetch|\bimport|\bimportScripts|\bWorker|\bSharedWorker|\bsendBeacon|\bEventSource|"""
                     r"""\bWebSocket|\.open)\s*\(\s*[^,)]*?["'`]((?:[a-z]+:)?//[^"'`]+)"""
                     r"""|\bfrom\s*["'`]((?:[a-z]+:)?//[^"'`]+)|\.src\s*=\s*["'`]((?:[a-z]+:)?//[^"'`]+)""", re.I)
JS_URL_LITERAL = re.compile(r"""["'`](https?://[^"'`\s]+)""")
# Absolute URLs in third-party JavaScript that never reach the network here, and why. A key that
# ends with "/", "@" or "${" allows the URLs that start with it; any other key allows itself only.
DORMANT = {
    "http://www.w3.org/": "XML namespaces (SVG, XLink), not requests",
    "https://example.com${": "Pagefind: a dummy base to parse relative URLs with new URL()",
    "https://p": "Pagefind's UI: the same, a dummy base for new URL()",
    "https://unpkg.com/mermaid@": "Material: loaded only for mermaid diagrams, which the site does not enable; "
                                  "the Content-Security-Policy would refuse it",
    "https://unpkg.com/resize-observer-polyfill": "Material: only for browsers without ResizeObserver; "
                                                  "the Content-Security-Policy would refuse it",
    "https://api.github.com/": "Material: repository facts, only for data-md-component=source, which "
                               "overrides/partials/source.html removes; connect-src 'self' would refuse it",
    "https://${": "Material: GitLab repository facts (same as above)",
}


def dormant(url: str) -> bool:
    return any(url == key or (key.endswith(("/", "@", "${")) and url.startswith(key)) for key in DORMANT)


def own_base(site: Path) -> str:
    """The site's published address, from the home page's canonical link."""
    match = re.search(r'<link rel="canonical" href="([^"]+)"', (site / "index.html").read_text(encoding="utf-8"))
    assert match, "the home page has no canonical link"
    return match.group(1)


def foreign(url: str, own: str) -> bool:
    url = url.strip()
    return bool(EXTERNAL.match(url)) and not url.startswith(own)


class _Scanner(HTMLParser):
    def __init__(self, own: str):
        super().__init__(convert_charrefs=True)
        self.own = own
        self.found: list[str] = []
        self.in_style = False

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name, value in attrs:
            if value is None:
                continue
            urls = [part.split()[0] for part in value.split(",") if part.strip()] if "srcset" in name else [value]
            if name in LOADING_ATTRIBUTES or (name == "href" and tag not in ("a", "link")):
                self.found += [f"<{tag} {name}={url}>" for url in urls if foreign(url, self.own)]
            if name == "style":
                self.css(value, f"<{tag} style>")
        # Stylesheets, icons, preloads are loaded; canonical and alternate links are not, but they
        # name this site's own pages: no <link> may point to another host.
        if tag == "link" and foreign(values.get("href") or "", self.own):
            self.found.append(f"<link rel={values.get('rel')} href={values['href']}>")
        if tag == "meta":
            content = values.get("content") or ""
            if META_URL.search(values.get("property") or values.get("name") or "") and foreign(content, self.own):
                self.found.append(f"<meta {values.get('property') or values.get('name')}={content}>")
            if (values.get("http-equiv") or "").lower() == "refresh" and re.search(r"url\s*=", content, re.I):
                self.found.append(f"<meta http-equiv=refresh content={content}>")
        self.in_style = tag == "style"

    def handle_endtag(self, tag):
        self.in_style = False

    def handle_data(self, data):
        if self.in_style:
            self.css(data, "<style>")

    def css(self, text: str, where: str) -> None:
        for match in CSS_URL.finditer(text):
            url = match.group(1) or match.group(2)
            if foreign(url, self.own):
                self.found.append(f"{where} {url}")


def _files(site: Path, suffix: str) -> list[Path]:
    return sorted(path for path in site.rglob(f"*{suffix}") if path.is_file())


@pytest.fixture(scope="module")
def site(site_build) -> Path:
    return site_build.site


def test_html_loads_nothing_from_other_hosts(site):
    own = own_base(site)
    problems = []
    pages = _files(site, ".html")
    assert len(pages) > 100
    for page in pages:
        scanner = _Scanner(own)
        scanner.feed(page.read_text(encoding="utf-8"))
        problems += [f"{page.relative_to(site)}: {found}" for found in scanner.found]
    assert not problems, "\n".join(problems[:40])


def test_css_loads_nothing_from_other_hosts(site):
    own = own_base(site)
    problems = []
    for sheet in _files(site, ".css"):
        for match in CSS_URL.finditer(sheet.read_text(encoding="utf-8", errors="replace")):
            url = match.group(1) or match.group(2)
            if foreign(url, own):
                problems.append(f"{sheet.relative_to(site)}: {url}")
    assert not problems, "\n".join(problems)


def test_javascript_loads_nothing_from_other_hosts(site):
    own = own_base(site)
    calls, literals = [], []
    for script in _files(site, ".js") + _files(site, ".mjs"):
        code = script.read_text(encoding="utf-8", errors="replace")
        # License and documentation comments name web sites; they are not code.
        code = re.sub(r"/\*.*?\*/", "", code, flags=re.S)
        code = re.sub(r"(?m)^\s*//.*$", "", code)
        shown = script.relative_to(site)
        for match in JS_LOAD.finditer(code):
            url = next(group for group in match.groups() if group)
            if foreign(url, own):
                calls.append(f"{shown}: {match.group(0)[:120]}")
        for match in JS_URL_LITERAL.finditer(code):
            url = match.group(1)
            if foreign(url, own) and not dormant(url):
                literals.append(f"{shown}: {url[:100]}")
    assert not calls, "scripts that load from other hosts:\n" + "\n".join(calls)
    assert not literals, ("absolute URLs in scripts; if one is never requested, add it to DORMANT with the reason:\n"
                          + "\n".join(sorted(set(literals))))


def test_the_pages_tell_the_browser_to_refuse_other_hosts(site):
    for page in ("index.html", "fr/labs/harbour-lab/index.html", "ar/library/index.html", "404.html"):
        html = (site / page).read_text(encoding="utf-8")
        policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', html)
        assert policy, page
        directives = dict(part.strip().split(" ", 1) for part in policy.group(1).split(";") if part.strip())
        assert directives["default-src"] == "'self'"
        assert directives["script-src"] == "'self' 'wasm-unsafe-eval'"
        for name in ("style-src", "img-src", "font-src", "connect-src"):
            assert directives[name].startswith("'self'") and "http" not in directives[name], (page, name)
        assert directives["object-src"] == "'none'" and directives["frame-src"] == "'none'"
        assert '<meta name="referrer" content="same-origin">' in html  # other sites don't learn the page
        # No inline script: every <script> either has a src on this site or is JSON data.
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag or 'type="application/json"' in tag, (page, tag)


def test_the_scanner_finds_what_it_should():
    own = "https://migrant-integration-lab.github.io/bridges/"
    scanner = _Scanner(own)
    scanner.feed('<a href="https://example.org/">a link a reader clicks</a>'
                 f'<link rel="canonical" href="{own}labs/"><img src="{own}a.png" alt="">'
                 '<img src="https://t.example/p.gif" alt=""><img srcset="a.jpg 1x, //t.example/b.jpg 2x" alt="">'
                 '<link rel="stylesheet" href="https://fonts.example/css"><script src="https://cdn.example/x.js"></script>'
                 '<div style="background:url(https://t.example/bg.png)"></div><style>@import "https://t.example/s.css";</style>'
                 '<meta property="og:image" content="https://cdn.example/card.png">'
                 '<meta http-equiv="refresh" content="0; url=https://evil.example/"><iframe src="//t.example/f"></iframe>')
    assert len(scanner.found) == 9, scanner.found
    assert not any("example.org" in found or own in found for found in scanner.found)
    assert [match.group(1) for match in JS_LOAD.finditer('fetch("https://t.example/a");import("//t.example/m.js");'
                                                         'x.src="https://t.example/p.gif";fetch(base+"x.json")')
            if match.group(1)] == ["https://t.example/a", "//t.example/m.js"]
    assert dormant("https://api.github.com/repos/x/y") and dormant("https://p")
    assert not dormant("https://phishing.example/") and not dormant("https://example.com.evil/")
