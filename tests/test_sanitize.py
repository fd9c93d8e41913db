"""The HTML allow-list (bridges.sanitize) and the SVG check (bridges.assets)."""
from __future__ import annotations

import markdown

from bridges.rules.assets import active_suffix, svg_problem
from bridges.outputs.sanitize import clean_html

EXTENSIONS = ["toc", "admonition", "attr_list", "def_list", "md_in_html", "tables"]


def render(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS,
                             extension_configs={"toc": {"permalink": True}, "tables": {"use_align_attribute": True}})


def test_what_markdown_and_the_templates_produce_survives():
    source = """
# Title

!!! warning "Careful"
    An admonition with a [link](../other/).

| Left | Right |
|:-----|------:|
| a    | b     |

Term
:   Definition

<details open><summary>More</summary>Hidden until opened.</details>

[The guide](guide-fr.pdf){ download="guide-fr.pdf" hreflang="fr" } and <bdi dir="ltr">#NoWallsButBridges</bdi>

<figure class="bridges-image">
<img src="images/a.jpg" srcset="images/a-480.jpg 480w, images/a.jpg 960w" sizes="100vw" width="960" height="640" alt="A stall" decoding="async">
<figcaption>Photo: A.</figcaption>
</figure>

<div data-pagefind-ignore hidden><span data-pagefind-filter="theme">Economic</span></div>

[A button](../library/){ .md-button }

<ul class="bridges-figures" aria-label="Key figures"><li>7 countries</li></ul>
"""
    html = render(source)
    cleaned = clean_html(html)
    for kept in ('<a class="headerlink" href="#title" title="Permanent link"', '<div class="admonition warning">',
                 '<p class="admonition-title">Careful</p>', '<th align="left">Left</th>', '<td align="right">b</td>',
                 "<dt>Term</dt>", "<dd>Definition</dd>", '<details open="">', "<summary>More</summary>",
                 'download="guide-fr.pdf"', 'hreflang="fr"', '<bdi dir="ltr">',
                 'srcset="images/a-480.jpg 480w, images/a.jpg 960w"', 'width="960"', 'alt="A stall"',
                 'loading="lazy"', "<figcaption>Photo: A.</figcaption>", 'data-pagefind-filter="theme"',
                 'data-pagefind-ignore=""', 'class="md-button"', 'aria-label="Key figures"'):
        assert kept in cleaned, kept


def test_active_content_is_removed():
    dirty = ("<p onclick='x()'>a</p><script>x()</script><iframe src=https://e.example></iframe>"
             "<a href='javascript:x()'>j</a><a href='data:text/html,x'>d</a><img src='https://t.example/p.gif' alt=p>"
             "<img src=a.jpg srcset='https://t.example/p.gif 2x' alt=q><p style='display:none'>s</p>"
             "<form action=https://e.example><input name=q></form><div id=__config class='md-toggle x'>c</div>"
             "<svg onload=x()><script>y()</script></svg><style>body{}</style><object data=x></object>")
    cleaned = clean_html(dirty)
    for gone in ("onclick", "<script", "iframe", "javascript:", "data:", "t.example", "style", "<form", "<input",
                 "__config", "md-toggle", "<svg", "onload", "<object"):
        assert gone not in cleaned, gone
    assert '<div class="x">c</div>' in cleaned and "<p>s</p>" in cleaned


PLAIN_SVG = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">
  <metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></metadata>
  <defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs>
  <rect width="10" height="10" fill="url(#g)" style="fill: url('#g')"/>
  <use xlink:href="#g"/><text>one &amp; two</text>
</svg>"""


def test_a_plain_svg_is_accepted():
    assert svg_problem(PLAIN_SVG.encode()) is None


def test_an_svg_with_active_content_or_references_is_refused():
    cases = {
        "<svg><script>alert(1)</script></svg>": "<script>",
        "<svg><svg:script xmlns:svg='x'>a</svg:script></svg>": "<script>",
        "<svg onload='alert(1)'/>": "onload",
        "<svg><rect ONCLICK = 'x'/></svg>": "ONCLICK",
        "<svg><a href='javascript:alert(1)'><text>x</text></a></svg>": "javascript:",
        "<svg><a href='&#106;avascript:alert(1)'>x</a></svg>": "&#106;avascript:alert(1)",
        "<svg><image href='https://t.example/p.png'/></svg>": "https://t.example/p.png",
        "<svg><use xlink:href='other.svg#icon'/></svg>": "other.svg#icon",
        "<svg><rect style=\"fill:url('https://t.example/x')\"/></svg>": "https://t.example/x",
        "<svg><style>@import 'x.css';</style></svg>": "@import",
        "<svg><foreignObject><p>x</p></foreignObject></svg>": "foreignObject",
        "<svg><set attributeName='href' to='x'/></svg>": 'attributeName="href"',
        "<!DOCTYPE svg [<!ENTITY a 'b'>]><svg>&a;</svg>": "<!ENTITY>",
    }
    for svg, expected in cases.items():
        assert svg_problem(svg.encode()) == expected, svg
    assert svg_problem("<svg/>".encode("utf-16")) == "UTF-16"


def test_files_a_browser_would_run_are_named():
    from pathlib import Path

    assert active_suffix(Path("files/page.HTML")) == ".html"
    assert active_suffix(Path("files/app.mjs")) == ".mjs"
    assert active_suffix(Path("files/guide.pdf")) is None
    assert active_suffix(Path("images/logo.svg")) is None  # checked for content instead
