"""SVG drawings, parsed and held against an allow-list, never pattern-matched.

A published SVG is a document of the site's own address: opened directly, its scripts run, its
links and styles load. So a drawing is published only when it is plainly a picture: UTF-8 XML
(any other declared encoding is refused, so that what we read is what a browser reads), no
entity, no processing instruction (an xml-stylesheet could restyle or load), only the SVG
elements and attributes below, no reference to anything outside the drawing (only `#id`), and
styles without url() to elsewhere, @-rules or escapes. The parser is defusedxml's (no network,
no entity expansion): it reads the bytes once, in linear time.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"

ELEMENTS = {
    "svg", "g", "defs", "title", "desc", "symbol", "use", "path", "rect", "circle", "ellipse", "line",
    "polyline", "polygon", "text", "tspan", "textPath", "linearGradient", "radialGradient", "stop", "clipPath",
    "mask", "pattern", "marker", "metadata",
}
# Geometry, presentation and text attributes: values of numbers, colours, and url(#id) at most.
ATTRIBUTES = {
    "id", "class", "version", "baseProfile", "viewBox", "preserveAspectRatio", "width", "height", "x", "y",
    "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy", "d", "points", "transform", "pathLength",
    "dx", "dy", "rotate", "textLength", "lengthAdjust", "offset", "gradientUnits", "gradientTransform",
    "spreadMethod", "patternUnits", "patternContentUnits", "patternTransform", "clipPathUnits", "maskUnits",
    "maskContentUnits", "markerWidth", "markerHeight", "markerUnits", "refX", "refY", "orient", "role",
    "aria-label", "aria-hidden", "lang", "style", "startOffset",
    "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity", "stroke-linecap",
    "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset", "opacity", "color",
    "stop-color", "stop-opacity", "clip-path", "clip-rule", "mask", "marker-start", "marker-mid", "marker-end",
    "font-family", "font-size", "font-weight", "font-style", "font-variant", "text-anchor", "dominant-baseline",
    "alignment-baseline", "baseline-shift", "letter-spacing", "word-spacing", "text-decoration", "writing-mode",
    "direction", "unicode-bidi", "visibility", "display", "vector-effect", "shape-rendering", "text-rendering",
    "paint-order", "overflow", "transform-origin",
}
# Inert description (title, licence) that drawing programs write into <metadata>; a browser
# shows and runs nothing in these namespaces.
METADATA = {"http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://purl.org/dc/elements/1.1/",
            "http://creativecommons.org/ns#"}
REFERENCES = {"href"}  # on <use>, <textPath>, gradients, patterns: only to an element of the drawing
NAMESPACED = {f"{{{XLINK}}}href": "href", f"{{{XML}}}space": "xml:space", f"{{{XML}}}lang": "xml:lang"}

_DECLARED_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._-]{1,40})["']""")
_URL = re.compile(r"url\(\s*(['\"]?)([^)'\"]*)\1\s*\)", re.I)
_FRAGMENT = re.compile(r"^#[A-Za-z_][\w.-]{0,200}$")


class _Builder(ElementTree.TreeBuilder):
    """Keeps the processing instructions, also those before the root element (<?xml-stylesheet?>)."""

    def __init__(self):
        super().__init__()
        self.instructions: list[str] = []

    def pi(self, target, data=None):
        self.instructions.append(target)
        return super().pi(target, data)


class SvgRefused(Exception):
    """What makes a drawing not plainly safe, in a few words (shown to the contributor)."""


def check_svg(data: bytes) -> None:
    """Raise SvgRefused unless `data` is a plain SVG drawing by the allow-list above."""
    declared = _DECLARED_ENCODING.match(data[:300])
    if declared and declared.group(1).decode("ascii").lower().replace("_", "-") not in ("utf-8", "utf8"):
        raise SvgRefused(f"encoding {declared.group(1).decode('ascii')}")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        raise SvgRefused("text that is not UTF-8") from None
    if b"\x00" in data:  # UTF-16 or UTF-32 without a byte order mark: valid UTF-8, but not what a browser reads
        raise SvgRefused("text that is not UTF-8")
    builder = _Builder()
    # A <!DOCTYPE svg PUBLIC ...> line is harmless (nothing fetches its DTD); entities are not.
    parser = DefusedXMLParser(target=builder, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    try:
        parser.feed(data)
        root = parser.close()
    except DefusedXmlException:
        raise SvgRefused("<!ENTITY>") from None
    except (ElementTree.ParseError, ValueError) as error:
        raise SvgRefused(f"XML that cannot be read ({error})") from None
    if builder.instructions:
        raise SvgRefused(f"<?{builder.instructions[0][:40]}?>")
    if root.tag == "svg":
        raise SvgRefused(f'<svg> without xmlns="{SVG}"')
    if root.tag != f"{{{SVG}}}svg":
        raise SvgRefused(f"<{_short(root.tag)}> instead of <svg>")
    for element in root.iter():
        namespace, _, name = element.tag.rpartition("}")
        namespace = namespace.lstrip("{")
        if namespace in METADATA:
            for attribute in element.attrib:
                if attribute.rpartition("}")[0].lstrip("{") not in METADATA:
                    raise SvgRefused(_short(attribute))
            continue
        if namespace != SVG or name not in ELEMENTS:
            raise SvgRefused(f"<{_short(element.tag)}>")
        for attribute, value in element.attrib.items():
            _check_attribute(name, NAMESPACED.get(attribute, attribute), value)


def _check_attribute(element: str, name: str, value: str) -> None:
    if name in REFERENCES:
        if not _FRAGMENT.match(value.strip()):
            raise SvgRefused(f'{name}="{value[:60]}"')
        return
    if name not in ATTRIBUTES and name not in ("xml:space", "xml:lang"):
        raise SvgRefused(_short(name) if name.startswith("{") else name)
    if "\\" in value or "@" in value or "<" in value:
        raise SvgRefused(f'{name}="{value[:60]}"')
    lowered = value.lower()
    if "expression(" in lowered or "javascript:" in lowered or "image-set(" in lowered:
        raise SvgRefused(f'{name}="{value[:60]}"')
    for match in _URL.finditer(value):
        if not _FRAGMENT.match(match.group(2).strip()):
            raise SvgRefused(f"url({match.group(2)[:60]})")
    if lowered.count("url(") != len(_URL.findall(value)):  # a url( that the pattern did not read
        raise SvgRefused(f'{name}="{value[:60]}"')


def _short(tag: str) -> str:
    """`{http://www.w3.org/1999/xhtml}script` -> `script (http://www.w3.org/1999/xhtml)`."""
    namespace, _, name = tag.rpartition("}")
    return f"{name} ({namespace.lstrip('{')})" if namespace and namespace.lstrip("{") != SVG else name
