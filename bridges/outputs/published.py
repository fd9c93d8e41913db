"""The last step of a build: the protections every page must carry, and what site/ may hold.

Every HTML file in site/, whatever template made it (item pages, the 404 page, a redirect, a page
of a plugin), must carry the Content-Security-Policy and X-Content-Type-Options of published.yml;
no file of another kind than published.yml lists may be there. `verify_site` says what is wrong,
and the MkDocs hook fails the build on it. `write_headers` writes the same headers into a
_headers file, read by the hosts that support one.
"""
from __future__ import annotations

import html
import os
from pathlib import Path

from ..model import data

DECLARATION = Path(__file__).with_name("published.yml")
HEADERS_FILE = "_headers"
META_HEADERS = ("Content-Security-Policy", "X-Content-Type-Options")  # stated in every page's <head>


def declaration() -> dict:
    return data.declaration(DECLARATION)


def headers() -> dict[str, str]:
    return dict(declaration()["headers"])


def meta_tags() -> list[str]:
    """The <meta http-equiv> tags every page's <head> holds, as the theme writes them."""
    # Only what a double-quoted attribute needs escaped: the policy's 'self' stays readable.
    return [f'<meta http-equiv="{name}" content="{html.escape(headers()[name], quote=False).replace(chr(34), "&quot;")}">'
            for name in META_HEADERS]


class SiteNotPublishable(Exception):
    """The built site lacks a protection or holds a file it may not publish; lists every problem."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("The built site may not be published:\n" + "\n".join(problems[:50]))


def write_headers(site_dir: Path) -> Path:
    """`/*` and the headers, in the _headers format of Netlify and Cloudflare Pages."""
    lines = ["/*"] + [f"  {name}: {value}" for name, value in headers().items()]
    path = site_dir / HEADERS_FILE
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _allowed(name: str) -> bool:
    name = name.lower()
    if name in declaration()["site_names"]:
        return True
    return any(name.endswith("." + extension) for extension in declaration()["site_files"])


def verify_site(site_dir: Path) -> list[str]:
    """`path: what is wrong` for every page without the protections and every file of a kind not
    allowed; empty when the site may be published. (os.walk and a page's first bytes: this reads
    every page of the site after every build.)"""
    problems = []
    tags = meta_tags()
    for folder, subfolders, names in os.walk(site_dir):  # links to folders are listed, never followed
        here = Path(folder).relative_to(site_dir).as_posix()
        for name, is_file in [(name, False) for name in subfolders] + [(name, True) for name in names]:
            path = os.path.join(folder, name)
            shown = name if here == "." else f"{here}/{name}"
            if os.path.islink(path) or (is_file and not _allowed(name)):
                problems.append((shown, "a file of this kind is not published (bridges/published.yml: site_files)"))
            elif is_file and name.lower().endswith(".html"):
                head = _head(path)
                missing = [header for header, tag in zip(META_HEADERS, tags) if tag not in head]
                if missing:
                    problems.append((shown, f"the page's <head> lacks {', '.join(missing)}"))
    return [f"{shown}: {problem}" for shown, problem in sorted(problems)]


def _head(path: str, chunk: int = 16384) -> str:
    """What comes before </head> (nothing when a page has no end of head), read a chunk at a time."""
    data = b""
    with open(path, "rb") as page:
        while True:
            more = page.read(chunk)
            data += more
            end = data.lower().find(b"</head>")
            if end >= 0:
                return data[:end].decode("utf-8", errors="replace")
            if not more:
                return ""
