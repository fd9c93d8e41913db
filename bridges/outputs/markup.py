"""Small corrections to the Markdown of item bodies before it is rendered."""
from __future__ import annotations

import re

_HASHTAG_LINE = re.compile(r"^#(?=[^\s#])")
_ANY_HASHTAG_LINE = re.compile(r"^#[^\s#]", re.M)  # the same test over a whole text
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")


def hashtags_are_not_headings(body: str) -> str:
    """Escape a "#" that starts a line and is followed by a letter: "#NoWallsButBridges is..." is
    a hashtag (CommonMark needs a space after a heading's "#"), but Python-Markdown would make the
    whole paragraph a heading. Fenced code blocks are left alone."""
    if not _ANY_HASHTAG_LINE.search(body):  # most pages: nothing to escape, no need to look at each line
        return body
    lines, fence = [], None
    for line in body.split("\n"):
        opening = _FENCE.match(line)
        if opening and (fence is None or opening[1][0] == fence[0] and len(opening[1]) >= len(fence)):
            fence = None if fence else opening[1]
        elif fence is None:
            line = _HASHTAG_LINE.sub(r"\\#", line)
        lines.append(line)
    return "\n".join(lines)


def bidi_safe(text: str, rtl: bool) -> str:
    """In right-to-left text, keep "#Hashtag" reading as one left-to-right word: without a mark,
    the bidirectional algorithm shows the "#" after it ("NoWallsButBridges#"). Never a "#" in an
    address ("/#part"), after a Latin letter ("C#") or in a character reference ("&#39;")."""
    return _HASHTAG.sub("\u200e#", text) if rtl else text


_HASHTAG = re.compile(r"(?<![A-Za-z0-9_&/\u200e])#(?=[A-Za-z0-9])")  # after an Arabic letter too ("و#")
