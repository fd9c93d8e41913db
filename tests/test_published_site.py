"""The built site as a whole (issue 12): every HTML page carries the protections, nothing outside
the allowed kinds of file is published, no published picture says where it was taken, and the
search index learns about an item only what the build says.

These tests read every file of the shared build (tests/conftest.py), the hostile corpus included,
with their own parsers: they do not reuse the code that wrote the site."""
from __future__ import annotations

import gzip
import io
import re
import zipfile
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import ExifTags, Image

# What a page's head must say, checked here independently of bridges.outputs.published.
REQUIRED_DIRECTIVES = {"default-src": "'self'", "script-src": "'self' 'wasm-unsafe-eval'", "object-src": "'none'",
                       "frame-src": "'none'", "base-uri": "'self'", "form-action": "'self'"}
# Kinds of file a reader may receive from the site (by extension), and where bundle files may sit.
SITE_EXTENSIONS = {".html", ".css", ".js", ".json", ".xml", ".gz", ".txt", ".map", ".png", ".jpg", ".jpeg", ".webp",
                   ".svg", ".ico", ".woff", ".woff2", ".pdf", ".odt", ".docx", ".odp", ".pptx", ".epub", ".zip",
                   ".csv", ".pagefind", ".pf_meta", ".pf_index", ".pf_fragment", ".pf_filter"}
METADATA_MARKERS = (b"Exif\x00\x00", b"GPSLatitude", b"xmpmeta", b"TestCam", b"rue des Lilas")


class _Head(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta: list[dict] = []
        self.in_head = True

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self.in_head = False
        if tag == "meta" and self.in_head:
            self.meta.append({name: value or "" for name, value in attrs})


def _files(site: Path):
    return [path for path in sorted(site.rglob("*")) if path.is_file()]


def test_every_html_page_carries_the_csp_and_nosniff(site_build):
    pages = [path for path in _files(site_build.site) if path.suffix == ".html"]
    assert len(pages) > 300  # every language of every item, listing, 404...
    assert site_build.site / "404.html" in pages
    missing = []
    for page in pages:
        head = _Head()
        head.feed(page.read_text(encoding="utf-8"))
        equiv = {meta.get("http-equiv", "").lower(): meta.get("content", "") for meta in head.meta}
        policy = dict(part.strip().split(" ", 1) for part in equiv.get("content-security-policy", "").split(";")
                      if part.strip())
        if any(policy.get(name) != value for name, value in REQUIRED_DIRECTIVES.items()) \
                or "unsafe-inline" in str(policy) or equiv.get("x-content-type-options") != "nosniff":
            missing.append(page.relative_to(site_build.site).as_posix())
    assert missing == [], missing[:20]


def test_the_headers_file_says_what_the_pages_say(site_build):
    headers = (site_build.site / "_headers").read_text(encoding="utf-8")
    page = (site_build.site / "index.html").read_text(encoding="utf-8")
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert headers.startswith("/*\n") and f"  Content-Security-Policy: {policy}\n" in headers
    assert "  X-Content-Type-Options: nosniff\n" in headers


def test_no_file_of_another_kind_is_published(site_build):
    site = site_build.site
    unexpected = [path.relative_to(site).as_posix() for path in _files(site)
                  if path.suffix.lower() not in SITE_EXTENSIONS and path.name != "_headers"]
    assert unexpected == []
    # In the folders of items, only pages, downloads and pictures; never Markdown, programs or XML.
    bundles = [path for path in _files(site) if re.match(r"^(\w\w/)?(case-studies|labs|white-papers|press|resources|"
                                                         r"campaigns)/[^/]+/", path.relative_to(site).as_posix())]
    assert bundles
    for path in bundles:
        name = path.relative_to(site).as_posix()
        assert path.suffix.lower() in {".html", ".pdf", ".zip", ".png", ".jpg", ".jpeg", ".webp", ".svg", ".odt",
                                       ".docx", ".odp", ".pptx", ".epub", ".txt", ".csv"}, name
        assert path.suffix != ".html" or path.name == "index.html", name


def _pictures(data: bytes, name: str):
    """(name, bytes) of every raster picture in a file: itself, the members of an archive, the
    images embedded in a PDF."""
    if data[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in archive.namelist():
                yield from _pictures(archive.read(member), f"{name}/{member}")
        return
    if data[:5] == b"%PDF-":
        for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
            stream = match.group(1)
            try:
                stream = zlib.decompress(stream)
            except zlib.error:
                pass
            yield f"{name} (stream)", stream
        return
    yield name, data


def test_no_published_file_carries_exif_gps_or_xmp(site_build):
    site = site_build.site
    checked = 0
    for path in _files(site):
        if path.suffix in (".pf_fragment", ".pf_index", ".pf_meta", ".pf_filter", ".pagefind", ".js", ".css"):
            continue
        for name, data in _pictures(path.read_bytes(), path.relative_to(site).as_posix()):
            for marker in METADATA_MARKERS:
                assert marker not in data, (name, marker)
            if data[:3] == b"\xff\xd8\xff" or data[:8] == b"\x89PNG\r\n\x1a\n" or data[8:12] == b"WEBP":
                with Image.open(io.BytesIO(data)) as image:
                    assert not image.getexif(), name
                    assert not image.getexif().get_ifd(ExifTags.IFD.GPSInfo), name
                    assert not {"exif", "xmp", "XML:com.adobe.xmp", "comment", "Comment"} & set(image.info), name
                checked += 1
    assert checked > 10


def test_pictures_kept_in_files_are_published_without_their_metadata(site_build):
    folder = site_build.site / "case-studies" / "hostile-photo-in-files" / "files"
    names = sorted(path.name for path in folder.iterdir())
    assert {"figure.jpg", "stall.png", "noon.webp"} <= set(names), names
    original = (site_build.root / "content/case_studies/hostile-photo-in-files/files/figure.jpg").read_bytes()
    assert b"GPSLatitude" in original or b"TestCam" in original  # the source did carry them
    for name in ("figure.jpg", "stall.png", "noon.webp"):
        data = (folder / name).read_bytes()
        assert not any(marker in data for marker in METADATA_MARKERS), name


def _pagefind_attributes(html: str) -> list[str]:
    return re.findall(r'data-pagefind-(?:meta|filter|sort)="[^"]*"', html)


def test_only_the_build_tells_the_search_index_about_an_item(site_build):
    page = (site_build.site / "case-studies/hostile-search-and-urls/index.html").read_text(encoding="utf-8")
    # The page's content, then the theme's hidden block of facets (overrides/main.html), last.
    start = page.index("<div data-pagefind-body>") + len("<div data-pagefind-body>")
    theme = page.rindex("<div data-pagefind-ignore hidden>")
    tags = re.findall(r"<[a-z][^>]*>", page[start:theme])
    assert not [tag for tag in tags if "data-pagefind" in tag], [tag for tag in tags if "data-pagefind" in tag]
    found = _pagefind_attributes(page[theme: page.index("</div>", theme)])
    assert 'data-pagefind-meta="kind:Case study"' in found
    assert not any("Official statement" in value or "Press item" in value or "2099" in value for value in found)
    assert found.count('data-pagefind-filter="type"') == 1
    assert _pagefind_attributes("".join(re.findall(r"<[a-z][^>]*>", page))) == found  # in no other tag
    assert "evil.example" not in page[start:theme] and "t.example" not in page[start:theme]


def test_the_search_index_holds_no_faked_title(site_build):
    index = site_build.site / "pagefind"
    texts = []
    for path in index.rglob("*.pf_fragment"):
        data = path.read_bytes()
        try:
            data = gzip.decompress(data)
        except OSError:
            pass
        texts.append(data)
    assert any(b'"title":"' in text for text in texts)  # titles are where we look
    assert not any(b'"title":"Official statement' in text for text in texts)


@pytest.mark.parametrize("page", ["case-studies/hostile-front-matter/index.html", "404.html"])
def test_titles_reach_the_theme_as_text(site_build, page):
    html = (site_build.site / page).read_text(encoding="utf-8")
    assert "<img src=x" not in html
