"""Typography of the reader's language, applied to finished HTML at build time: French spacing
and apostrophes, and left-to-right runs (hashtags, names, addresses) isolated in right-to-left
text. Only text between tags changes: never a tag, an attribute (URLs), a comment, or what
code, preformatted text, scripts and styles contain."""
from __future__ import annotations

import re

from .markup import bidi_safe

NNBSP = "\u202f"  # narrow no-break space: French puts it before ; : ! ? and inside « »

# Elements whose text is left as written (code, URLs shown as code, scripts).
_VERBATIM = {"code", "pre", "kbd", "samp", "script", "style", "textarea", "svg", "math", "bdi"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_TOKEN = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
_TAG = re.compile(r"<\s*(/)?\s*([a-zA-Z][a-zA-Z0-9-]*)([^>]*?)(/)?\s*>", re.S)
_LANG = re.compile(r"""\blang\s*=\s*["']?([A-Za-z-]+)""")

# --- French ------------------------------------------------------------------------------------
_SPACE = r"(?: |\u00a0|&nbsp;|&#160;|&#xa0;)"
_BEFORE_PUNCTUATION = re.compile(_SPACE + r"+(?=[;:!?])")
_AFTER_OPENING_QUOTE = re.compile(r"«" + _SPACE + r"*")
_BEFORE_CLOSING_QUOTE = re.compile(_SPACE + r"*»")
# Between letters ("l'eau", "don't"), or after the s of a plural possessive ("the labs' guides"):
# there ’ is right whether the mark is an apostrophe or a closing quote.
_APOSTROPHE = re.compile(r"(?<=\w)(?:'|&#39;|&#x27;)(?=\w)|(?<=\ws)(?:'|&#39;|&#x27;)(?=\s)")


def french_text(text: str) -> str:
    """French spacing and apostrophes in plain text or in the text of an HTML node: « » for a pair
    of straight double quotes, a narrow no-break space before ; : ! ? and inside « » (where a space
    was typed, or none inside the quotes), and ’ for a straight apostrophe between letters."""
    text = quotes(text, "fr")
    text = _BEFORE_PUNCTUATION.sub(NNBSP, text)
    text = _AFTER_OPENING_QUOTE.sub("«" + NNBSP, text)
    text = _BEFORE_CLOSING_QUOTE.sub(NNBSP + "»", text)
    return apostrophes(text)


# --- quotation marks -----------------------------------------------------------------------------
# A pair of straight double quotes around words, in one text: the opening one after a space or at
# the start, the closing one before a space, punctuation or the end (never the inch in 12", nor
# an attribute's value shown as text: a="b").
QUOTES = {"en": ("“", "”"), "fr": ("«", "»")}  # French spaces inside « » come after (french_text)
_STRAIGHT = r'(?:"|&quot;|&#34;|&#x22;)'
_QUOTED = re.compile(rf"(?<![\w=]){_STRAIGHT}(?=\S)((?:(?!{_STRAIGHT}).)+?)(?<=\S){_STRAIGHT}(?!\w)", re.S)


def quotes(text: str, lang: str) -> str:
    """The language's quotation marks for each pair of straight double quotes; other languages'
    texts are left as written."""
    marks = QUOTES.get(lang)
    if marks is None or ('"' not in text and "&" not in text):
        return text
    return _QUOTED.sub(lambda match: marks[0] + match.group(1) + marks[1], text)


# --- right to left -----------------------------------------------------------------------------
# A run of left-to-right words: a hashtag, a Latin name of several words, an address, a number
# with Latin words after it. Arabic text around it keeps its order; the run keeps its own.
_LATIN = "A-Za-z0-9_\u00c0-\u024f"
_LTR_RUN = re.compile(rf"(?<![&{_LATIN}])\u200e?[#@]?[A-Za-z\u00c0-\u024f][{_LATIN}.@/'’+-]*"
                      rf"(?:[ \u00a0][#@]?[{_LATIN}][{_LATIN}.@/'’+-]*)*")


def isolate_ltr_runs(text: str) -> str:
    """Wrap each left-to-right run of an HTML text node in <bdi>, so that "#NoWallsButBridges"
    does not show as "NoWallsButBridges#" in Arabic."""
    def wrap(match: re.Match) -> str:
        run = match.group(0).lstrip("\u200e")
        core = run.rstrip(".'’/+-@")  # a full stop after a name belongs to the Arabic sentence
        return f"<bdi>{core}</bdi>{run[len(core):]}"

    return _LTR_RUN.sub(wrap, text)


# --- walking the text nodes ----------------------------------------------------------------------

def map_text(html: str, change, lang: str | None, verbatim=frozenset(_VERBATIM)) -> str:
    """Apply `change` to every text node of `html` written in `lang`: outside `verbatim` elements
    and outside elements marked with another language (text shown in its original language).
    lang None: the text of every language."""
    out, stack = [], []  # stack: (tag, skipped) of the open elements
    for part in _TOKEN.split(html):
        if not part:
            continue
        if part.startswith("<"):
            out.append(part)
            tag = _TAG.match(part)
            if tag is None or part.startswith("<!"):
                continue
            closing, name, attributes, self_closing = tag.group(1), tag.group(2).lower(), tag.group(3), tag.group(4)
            if closing:
                while stack:
                    if stack.pop()[0] == name:
                        break
            elif name not in _VOID and not self_closing:
                other = _LANG.search(attributes)
                skipped = (bool(stack) and stack[-1][1]) or name in verbatim or \
                    (lang is not None and other is not None and other.group(1).split("-")[0].lower() != lang)
                stack.append((name, skipped))
        elif not (stack and stack[-1][1]):
            out.append(change(part))
        else:
            out.append(part)
    return "".join(out)


def apostrophes(text: str) -> str:
    """’ for a straight apostrophe between letters ("don't", "l'eau") or after a plural's s ("the labs'
    guides"): one kind in every text."""
    return _APOSTROPHE.sub("’", text)


def for_language(html: str, lang: str, rtl: bool) -> str:
    """The typography of the page's language applied to a page's HTML."""
    if lang == "fr":
        html = map_text(html, french_text, lang)
    elif not rtl:
        html = map_text(html, lambda text: apostrophes(quotes(text, lang)), lang)
    if rtl:
        html = map_text(html, isolate_ltr_runs, lang)
        # And a left-to-right mark before each hashtag, in <bdi> and in text of other languages
        # too: where the tags are gone (the library's results and excerpts, from Pagefind's text
        # of the page, in a right-to-left list) the # stays in front.
        html = map_text(html, lambda text: bidi_safe(text, True), None, frozenset(_VERBATIM - {"bdi"}))
    return html


def for_plain_text(text: str, lang: str) -> str:
    """The same typography for text without markup (social cards, the 404 page's words):
    French spacing, quotation marks, typographic apostrophes; right-to-left text is left to the renderer."""
    if lang == "fr":
        return french_text(text)
    return text if lang in RTL_LANGUAGES else apostrophes(quotes(text, lang))


RTL_LANGUAGES = {"ar", "fa", "he", "ur"}  # scripts where ’ is not the apostrophe
