"""Which files of a bundle may be published from the site's own address.

Everything under a bundle's images/ and files/ folders is published next to the item's page, so
a browser that opens one of them treats it as part of the site. A file that can run code there
(HTML, JavaScript, an SVG drawing with a script) would run with the site's authority, whatever
page links to it: `bridges check` refuses such files instead of trusting how they are linked.

SVG drawings are refused when they contain a script, an event handler (onload=...), a link or
reference to anything outside the drawing, an embedded document (foreignObject, iframe), or
entity declarations. Showing them only through <img> (which runs no script) would not be
enough: anyone can open the file's own address, where its script would run.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

# Types a browser runs or renders as a document of the site.
ACTIVE_SUFFIXES = {
    ".htm", ".html", ".xhtml", ".xht", ".shtml", ".mht", ".mhtml", ".js", ".mjs", ".cjs", ".xml", ".xsl",
    ".xslt", ".swf", ".svgz", ".php", ".cgi", ".hta", ".jar", ".wasm",
}

_SVG_PATTERNS = [
    (re.compile(r"<\s*([\w.-]+:)?script\b", re.I), "<script>"),
    (re.compile(r"[\s\"'/](on[a-z]+)\s*=", re.I), None),  # the attribute's own name is shown
    (re.compile(r"<\s*([\w.-]+:)?(foreignObject|iframe|embed|object|frame|frameset|meta|link|base)\b", re.I), None),
    (re.compile(r"<!ENTITY", re.I), "<!ENTITY>"),
    (re.compile(r"\bjavascript\s*:", re.I), "javascript:"),
    (re.compile(r"@import\b", re.I), "@import"),
    (re.compile(r"attributeName\s*=\s*[\"']?\s*([\w.-]+:)?href", re.I), "attributeName=\"href\""),
]
# href="...", xlink:href='...', src=..., url(...): anything but a fragment (#id) leaves the drawing.
# (Any prefix: "xlink:href", "data-src"; a prefix pattern such as \b[\w.-]+: scanned each run of
# "a.a.a.a" once per dot, 84 s for 100 kB.)
_REFERENCE = re.compile(r"""(?:(?:href|src)\s*=\s*(?P<q>["']?)(?P<attr>[^"'\s>]*)(?P=q))"""
                        r"""|(?:url\(\s*["']?(?P<url>[^"')]*))""", re.I)


def is_svg(path: Path) -> bool:
    return path.suffix.lower() == ".svg"


def svg_problem(data: bytes) -> str | None:
    """What makes this SVG unsafe to publish (a short quote of it), or None if it is plain."""
    text = data.decode("utf-8", errors="replace")
    if "\x00" in text:
        return "UTF-16"  # not UTF-8: we cannot read it reliably, so we do not publish it
    for candidate in (text, html.unescape(text)):
        for pattern, shown in _SVG_PATTERNS:
            match = pattern.search(candidate)
            if match:
                return shown or match.group(match.lastindex or 0).strip("<> \"'/")
        for match in _REFERENCE.finditer(candidate):
            target = (match.group("attr") if match.group("attr") is not None else match.group("url") or "").strip()
            if target and not target.startswith("#"):
                return target[:80]
    return None


def active_suffix(path: Path) -> str | None:
    suffix = path.suffix.lower()
    return suffix if suffix in ACTIVE_SUFFIXES else None
