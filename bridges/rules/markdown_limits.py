"""What a text's Markdown may hold so that it renders in bounded time, checked in one pass.

Python-Markdown renders every page and PDF, and some inputs make it quadratic or make it
recurse until Python gives up: it scans ahead from each "[" to its "]" and from each "<" and a
letter to the next ">" (a 10 kB text of "![" took a minute); each level of a list, quote or
note is a recursion (300 levels crashed it), and so is each definition of a definition list.
Real texts are far below these limits; a text above one is refused with the line of the cause.
"""
from __future__ import annotations

import re

MAX_SCAN = 300_000  # characters Markdown would scan ahead for "[" and "<" (a real page: under 5,000)
MAX_NESTING = 16  # levels of lists, quotes and indentation (4 columns) before a line's text
MAX_HEADINGS = 300  # headings of one text (their ids are made unique in quadratic time)
MAX_DEFINITIONS = 100  # ": definition" lines in one block
MAX_CELLS = 200  # "|" in one line: a table row of 20,000 cells took 19 s
MAX_REFERENCES = 500  # "[name]: address" definitions (10,000 took 5 s)
_REFERENCE = re.compile(r" {0,3}\[[^\]]{1,999}\]:")  # bounded: at most 1,000 characters looked at


# What the scan model looks at: escapes, blank lines (a block ends), brackets, "<" + letter, ">".
# A character class or a fixed-length lookahead per token: linear.
_TOKEN = re.compile(r"\\.|\n(?=[ \t>]*(?:\n|$))|[\[\]>]|<[A-Za-z/!?]")
FAR = 1_000  # an opener scanned further than this is named in the message


def markdown_problems(body: str):
    """(line in the body, code, params) of each limit the text goes over. Linear in the text."""
    headings = definitions = references = 0
    nested = wide = False
    for number, line in enumerate(body.split("\n")):
        text = line.lstrip(" \t>")
        if not text.strip():
            definitions = 0  # a blank line ends the block
            continue
        if not nested and _nesting(line) > MAX_NESTING:
            nested = True
            yield number, "markdown_too_nested", {"limit": MAX_NESTING}
        if not wide and line.count("|") > MAX_CELLS:
            wide = True
            yield number, "markdown_too_many_cells", {"limit": MAX_CELLS}
        references += bool(_REFERENCE.match(line))
        if references == MAX_REFERENCES + 1 and _REFERENCE.match(line):
            yield number, "markdown_too_many_references", {"limit": MAX_REFERENCES}
        headings += text.startswith("#")
        if headings == MAX_HEADINGS + 1 and text.startswith("#"):
            yield number, "markdown_too_many_headings", {"limit": MAX_HEADINGS}
        definitions += text.startswith(": ")
        if definitions == MAX_DEFINITIONS + 1 and text.startswith(": "):
            yield number, "markdown_too_many_definitions", {"limit": MAX_DEFINITIONS}
    scan, first = _scan_cost(body)
    if scan > MAX_SCAN:
        yield body.count("\n", 0, first), "markdown_unclosed", {}


def _nesting(line: str) -> int:
    """Levels opened at the start of a line: each 4 columns of indentation, "> " quote and list
    marker ("- ", "* ", "+ ", "1. ", "1) "), as in "- > - > text"."""
    levels = columns = 0
    index, length = 0, len(line)
    while index < length:
        char = line[index]
        if char == " ":
            columns += 1
        elif char == "\t":
            columns += 4
        elif char == ">":
            levels += 1
        elif char in "-*+" and line[index + 1:index + 2] in (" ", "\t"):
            levels += 1
        elif char.isdigit():
            end = index
            while end < length and end - index < 9 and line[end].isdigit():
                end += 1
            if line[end:end + 1] not in (".", ")") or line[end + 1:end + 2] not in (" ", "\t"):
                break
            levels += 1
            index = end
        else:
            break
        index += 1
    return levels + columns // 4


def _scan_cost(body: str) -> tuple[int, int]:
    """How many characters Markdown scans ahead from each "[" (to its "]", or the end of its
    block) and each "<" + letter (to the next ">"), and where the first far-reaching one is."""
    scan, first = 0, None
    brackets: list[int] = []  # offsets of the open "[" of the block, and their sum
    bracket_sum = 0
    angles = angle_sum = 0  # the "<" since the last ">": how many, the sum of their offsets
    first_angle = 0
    for token in _TOKEN.finditer(body):
        kind, position = token.group()[0], token.start()
        if kind == "[":
            brackets.append(position)
            bracket_sum += position
        elif kind == "]":
            if brackets:
                opened = brackets.pop()
                bracket_sum -= opened
                scan += position - opened
                if first is None and position - opened > FAR:
                    first = opened
        elif kind == "<":
            if not angles:
                first_angle = position
            angles += 1
            angle_sum += position
        elif kind == ">":
            if angles:
                scan += angles * position - angle_sum
                if first is None and position - first_angle > FAR:
                    first = first_angle
                angles = angle_sum = 0
        elif kind == "\n":  # a block ends: its open "[" were scanned to here
            if brackets:
                scan += len(brackets) * position - bracket_sum
                if first is None and position - brackets[0] > FAR:
                    first = brackets[0]
                brackets, bracket_sum = [], 0
    end = len(body)
    scan += len(brackets) * end - bracket_sum + angles * end - angle_sum
    if first is None:
        first = min([*brackets[:1], *([first_angle] if angles else [])], default=0)
    return scan, first
