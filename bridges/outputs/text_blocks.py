"""A contributor's Markdown text inside an element of a generated page, without `md_in_html`.

The generated pages are HTML around the contributors' Markdown (templates/*.md.j2): Python-Markdown
leaves that HTML as written and only renders the texts. Where a text must sit inside an element
(a story shown in its original language, marked with that language), the template writes

    ::::: {.bridges-original lang="en" dir="ltr"}

    The text, in Markdown.

    :::::

and this extension makes it <div class="bridges-original" lang="en" dir="ltr">...</div>, the text
rendered inside it (its headings still in the table of contents). The same holds a card whose
title is a heading of the table of contents (`::: {.bridges-card .bridges-card--campaign}`).
md_in_html did this before, at the price of parsing every page's HTML a second time. The template
writes the fence longer than any run of colons that starts a line of the text (`fence`), so that
a text cannot close it early; only bridges- classes, a language code and a direction are accepted,
all of them harmless in a contributor's hands (the HTML allow-list lets them write the same div).
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.blockprocessors import BlockProcessor

_OPENING = re.compile(r'(?P<fence>:{3,}) \{(?P<classes>\.bridges-[a-z_-]+(?: \.bridges-[a-z_-]+)*)'
                      r'(?: lang="(?P<lang>[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)" dir="(?P<dir>ltr|rtl)")?\}')
_COLONS = re.compile(r"^[ \t]*(:+)", re.M)


def fence(text: str) -> str:
    """Colons enough to open and close a block around `text`: more than any line of it starts with."""
    longest = max((len(match) for match in _COLONS.findall(text)), default=0)
    return ":" * max(3, longest + 1)


def opening(text: str, css_class: str, lang: str | None = None, direction: str | None = None) -> str:
    """The line that opens a block around `text` (close it with `fence(text)` alone on a line);
    `css_class` may name several classes, separated by spaces."""
    classes = " ".join("." + name for name in css_class.split())
    language = f' lang="{lang}" dir="{direction}"' if lang else ""
    return f"{fence(text)} {{{classes}{language}}}"


class _Block(BlockProcessor):
    def test(self, parent, block: str) -> bool:
        return block.startswith(":::") and _OPENING.fullmatch(block.split("\n", 1)[0]) is not None

    def run(self, parent, blocks: list[str]) -> None:
        first, _, rest = blocks.pop(0).partition("\n")
        found = _OPENING.fullmatch(first)
        inner = [rest] if rest.strip() else []
        # The text's blocks up to the closing fence, alone in its block (or the end of the page).
        while blocks and blocks[0].strip() != found["fence"]:
            inner.append(blocks.pop(0))
        if blocks:
            blocks.pop(0)
        attributes = {"class": found["classes"].replace(".", "")}
        if found["lang"]:
            attributes.update(lang=found["lang"], dir=found["dir"])
        element = etree.SubElement(parent, "div", attributes)
        self.parser.parseBlocks(element, inner)


class TextBlocks(Extension):
    def extendMarkdown(self, md):
        md.parser.blockprocessors.register(_Block(md.parser), "bridges_text_blocks", 106)


def makeExtension(**kwargs):  # how Python-Markdown loads an extension named in mkdocs.yml
    return TextBlocks(**kwargs)
