"""Social cards: the picture a link to the site shows when it is shared (og:image, twitter:image).

Every page in every language gets a 1200 × 630 PNG with its title, its kind and the site's name,
drawn with Pillow from the data. Generated pages name theirs in their front matter (`card:`, a path
from the site root); hand-written pages under docs/ get theirs under docs/cards/, named after the
page (`cards/about-fr.png`), which overrides/main.html finds by the same rule.

A build may make thousands of cards, so they are cheap: drawn in one grey channel, each glyph
rendered once and pasted after, saved as a 16-colour PNG running from the background colour to
white (about 5 ms a card), and cached under the cache directory by a hash of what they show, so
that a build only draws the cards whose page changed. Arabic is shaped and laid out right to left
by Pillow's raqm layout engine. A card is in the language of the text it shows: the Arabic page of
an item written only in English gets the English card.
"""
from __future__ import annotations

import dataclasses

import functools
import hashlib
import json
import re
import struct
import unicodedata
import zlib
from dataclasses import asdict, dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, features

from .cache import Cache
from ..model import urls
from .markup import bidi_safe
from .typography import for_plain_text

RENDERER_VERSION = "3"  # bump when the drawing changes, to redraw every cached card
WIDTH, HEIGHT = 1200, 630
MARGIN = 80
CARDS_FOLDER = urls.CARDS_FOLDER
BACKGROUND = (26, 35, 126)  # Material indigo 900, the site's primary colour, darker
FOREGROUND = (255, 255, 255)

# System fonts only (nothing is downloaded): Noto Sans for Latin scripts; DejaVu Sans for Arabic,
# because it also has the Latin letters that Arabic titles mix in ("#NoWallsButBridges").
FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts")
FONTS = {
    ("latin", "bold"): ("NotoSans-Bold.ttf", "DejaVuSans-Bold.ttf"),
    ("latin", "regular"): ("NotoSans-Regular.ttf", "DejaVuSans.ttf"),
    ("arabic", "bold"): ("DejaVuSans-Bold.ttf", "NotoSans-Bold.ttf"),
    ("arabic", "regular"): ("DejaVuSans.ttf", "NotoSans-Regular.ttf"),
}


@dataclass(frozen=True)
class Card:
    """What one page's card shows, and where it goes (relative to docs/ and to the site root)."""
    path: str
    lang: str
    direction: str  # ltr or rtl
    kicker: str  # the kind of page: "Case study", "Theme"...
    title: str
    subtitle: str  # the page's summary, or ""
    footer: str  # the site's name

    def key(self) -> str:
        data = json.dumps(asdict(self) | {"path": None}, ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(f"{RENDERER_VERSION}|{font_signature()}|{data}".encode("utf-8")).hexdigest()[:24]


def card_path(directory: str, lang: str) -> str:
    """Where a generated page's card goes: beside the page. Not card.<lang>.png, which
    mkdocs-static-i18n would take for a localised version of card.png."""
    return f"{directory}/card-{lang}.png" if directory else handwritten_card_path("index", lang)  # the home page


def handwritten_card_path(stem: str, lang: str) -> str:
    """The card of a hand-written page, from its file name without language and .md ("about",
    "index", "guides/index"); overrides/main.html builds the same path from page.file."""
    return f"{CARDS_FOLDER}/{stem}-{lang}.png"


# --- cards of pages ------------------------------------------------------------------------

def page_card(context, front: dict, values: dict) -> Card | None:
    """The card of a generated page, from what bridges.outputs.generate.render is given. Sets the page's
    `card` front matter field. The campaign's pages show the campaign's own picture instead."""
    if "card" in front:
        return None
    site = context.site
    item = values.get("item")
    if item is not None and item.type == "campaign":
        front["card"] = urls.share_image_path(site, item, context.lang)
        return None
    lang = context.lang
    if item is not None:
        lang = (front.get("bridges") or {}).get("text_language") or lang  # an untranslated item's original
        kicker = site.type_label(item.type, lang)
    elif "type_key" in values:
        kicker = context.type_label(values["type_key"], plural=True)
    elif values.get("kind") in ("themes", "countries"):
        kicker = context.t(values["kind"])
    else:
        kicker = ""
    card = Card(path=card_path(context.directory, context.lang), lang=lang, direction=_direction(site, lang),
                kicker=kicker, title=str(front.get("title", "")), subtitle=str(front.get("description") or ""),
                footer=site.name)
    front["card"] = card.path
    return card


def handwritten_cards(site, docs_dir: Path, skip: list[str], skip_files: list[str] = ()) -> list[Card]:
    """Cards for the hand-written pages under docs/ (about, contribute...), in every site
    language: a language without its own file shows the default language's, as the site does.
    `skip`: the generated folders; `skip_files`: the generated pages at the top (the home pages,
    whose cards the generator makes, and whose front matter is long)."""
    pages: dict[str, dict[str, Path]] = {}
    skipped, skipped_files = set(skip) | {CARDS_FOLDER, "assets"}, set(skip_files)
    if not docs_dir.is_dir():
        return []
    for path in sorted(docs_dir.rglob("*.md")):
        relative = path.relative_to(docs_dir).as_posix()
        if relative.split("/", 1)[0] in skipped or relative in skipped_files:
            continue
        match = re.fullmatch(r"(?P<stem>.+?)(?:\.(?P<lang>[a-z]{2}(?:_[A-Z]{2})?))?\.md", relative)
        pages.setdefault(match["stem"], {})[match["lang"] or ""] = path
    cards = []
    for stem, files in pages.items():
        for lang in site.language_codes:
            text_lang = lang if lang in files else site.default_language
            source = files.get(text_lang) or files.get("")
            if source is None:
                continue
            title, subtitle = _title_and_lead(source.read_text(encoding="utf-8"), site.name)
            cards.append(Card(path=handwritten_card_path(stem, lang), lang=text_lang,
                              direction=_direction(site, text_lang), kicker="", title=title, subtitle=subtitle,
                              footer=site.name))
    return cards


def _direction(site, lang: str) -> str:
    return next((language.dir for language in site.languages if language.code == lang), "ltr")


def _title_and_lead(text: str, default: str) -> tuple[str, str]:
    """A hand-written page's title (front matter, else its first heading) and its description or
    first paragraph, as plain text."""
    import yaml

    front, body = {}, text
    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        if end != -1:
            front = yaml.safe_load(text[4:end]) or {}
            body = text[end + 4:]
    heading = re.search(r"^#\s+(.+)$", body, re.MULTILINE)
    title = str(front.get("title") or (heading and heading[1]) or default)
    lead = str(front.get("description") or "")
    if not lead:
        for block in re.split(r"\n\s*\n", body):
            block = block.strip()
            if block and not block.startswith(("#", "-", "*", "!", "<", "|", ">", "```")):
                lead = block
                break
    return _plain(title), _plain(lead)


def _plain(markdown_text: str) -> str:
    # Links and images: their text. No part scans past the next bracket or parenthesis, so the
    # scans never overlap (linear, whatever the text).
    text = re.sub(r"!?\[([^\[\]]*)\]\([^()]*\)", r"\1", markdown_text)
    text = re.sub(r"[*_`]+", "", text)
    return " ".join(text.split())


def render_cards(cards: list[Card], cache: Path) -> dict[str, Path]:
    """Draw the cards not yet in the cache. Returns docs-relative path -> cached PNG."""
    store = Cache(cache)
    return {card.path: store.file("cards", card.key(), ".png", lambda partial, card=card: save_card(draw_card(card), partial))
            for card in cards}


# --- drawing -------------------------------------------------------------------------------

_WORD_BREAKS = re.compile(r"[^\S\u00a0\u202f]+")  # whitespace, except the no-break spaces
LEVELS = 16  # grey levels kept in the PNG: plenty for anti-aliased text, and a 4-bit file


def draw_card(card: Card) -> Image.Image:
    """The card as a palette image: drawn in grey levels (0 background, 255 text), then coloured
    with a palette that runs from the background colour to white, which keeps text anti-aliased."""
    image = Image.new("L", (WIDTH, HEIGHT), 0)
    card = dataclasses.replace(card, **{name: for_plain_text(getattr(card, name), card.lang)
                                        for name in ("kicker", "title", "subtitle")})
    rtl = card.direction == "rtl"
    script = "arabic" if rtl else "latin"
    width = WIDTH - 2 * MARGIN
    rule = HEIGHT - 104  # the foot: a rule, then the site's name
    y = MARGIN - 16
    if card.kicker:
        kicker = face(script, "regular", 30, card.lang)
        y = kicker.write(image, [card.kicker if rtl else card.kicker.upper()], y, fill=190, line=44) + 18
    else:
        y += 10
    has_subtitle = bool(card.subtitle)
    title, lines = fit(card.title, script, card.lang, width, max_lines=3 if has_subtitle else 4, sizes=(68, 60, 52, 46))
    y = title.write(image, lines, y, fill=255, line=round(title.size * 1.16)) + 14
    if has_subtitle:
        subtitle = face(script, "regular", 30, card.lang)
        room = min(3, (rule - 20 - y) // 42)
        if room > 0:
            subtitle.write(image, subtitle.wrap(card.subtitle, width, room), y, fill=215, line=42)
    image.paste(110, (MARGIN, rule, WIDTH - MARGIN, rule + 3))
    face(script, "bold", 36, card.lang).write(image, [card.footer], rule + 20, fill=255, line=44)
    quantized = image.point(_QUANTIZE)
    quantized.putpalette(_duotone(BACKGROUND, FOREGROUND))
    return quantized


def save_card(image: Image.Image, target: Path) -> None:
    """Write the card as a 4-bit palette PNG. Written here rather than by Pillow's encoder, which
    takes twice as long: with thousands of cards, saving is most of the cost of a card."""
    width, height = image.size
    packed = image.tobytes("raw", "P;4")
    stride = (width + 1) // 2
    rows = b"".join(b"\0" + packed[row * stride:(row + 1) * stride] for row in range(height))  # filter: none
    palette = bytes(image.getpalette()[:LEVELS * 3])
    target.write_bytes(b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 4, 3, 0, 0, 0))
                       + _chunk(b"PLTE", palette) + _chunk(b"IDAT", zlib.compress(rows, 1)) + _chunk(b"IEND", b""))


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


_QUANTIZE = [level * LEVELS // 256 for level in range(256)]


@functools.cache
def _duotone(dark: tuple, light: tuple) -> list[int]:
    palette = []
    for level in range(LEVELS):
        palette.extend(round(d + (l - d) * level / (LEVELS - 1)) for d, l in zip(dark, light))
    return palette


TEXT_CHARS = 300  # a card shows at most four lines of a title, three of a subtitle


def fit(text: str, script: str, lang: str, width: int, max_lines: int, sizes=(68, 60, 52)):
    """The largest bold size at which the text fits in max_lines; at the smallest, the last line
    ends with an ellipsis. Returns the face and the lines."""
    for size in sizes:
        bold = face(script, "bold", size, lang)
        lines = bold.wrap(text, width, max_lines + 1)
        if len(lines) <= max_lines:
            return bold, lines
    return bold, bold.wrap(text, width, max_lines)


class Face:
    """A font at one size, for one language: measures, wraps and draws lines of text."""

    def __init__(self, script: str, weight: str, size: int, lang: str, rtl: bool):
        self.size, self.lang, self.rtl = size, lang, rtl
        self.font = font(script, weight, size)
        self.options = {"direction": "rtl" if rtl else "ltr", "language": lang} if RAQM else {}
        self.words: dict[str, float] = {}  # widths of the words measured so far

    def length(self, text: str) -> float:
        return self.font.getlength(text, **self.options)

    def word_length(self, word: str) -> float:
        found = self.words.get(word)
        if found is None:
            found = self.words[word] = self.length(word)
        return found

    def write(self, image: Image.Image, lines: list[str], y: int, fill, line: int,
              start: int = MARGIN, end: int = WIDTH - MARGIN) -> int:
        """Draw lines from the start edge (left, or right in a right-to-left language). Returns
        the y below them. `y` is the top of the first line."""
        draw = ImageDraw.Draw(image)
        ascent = self.font.getmetrics()[0]
        for text in lines:
            text = bidi_safe(text, self.rtl)
            if self.rtl:
                draw.text((end, y + ascent), text, font=self.font, fill=fill, anchor="rs", **self.options)
            else:
                draw.text((start, y + ascent), text, font=self.font, fill=fill, anchor="ls", **self.options)
            y += line
        return y

    def wrap(self, text: str, width: int, max_lines: int) -> list[str]:
        """Greedy word wrap at `width` pixels, at most max_lines (the last one cut with "…").
        Only the first TEXT_CHARS characters are laid out, each word measured once: the work
        depends on the card, not on the length of the text."""
        words = _WORD_BREAKS.split(bidi_safe(text[:TEXT_CHARS], self.rtl).strip())  # never at a no-break space
        lines: list[str] = []
        current, used = "", 0.0
        space = self.word_length(" ")
        for index, word in enumerate(words):
            # A line's width as the sum of its words' (each measured once): letters join and kern
            # within words, not across spaces, and shaping a whole line at each word is slow.
            needed = self.word_length(word)
            if not current or used + space + needed <= width:
                current, used = (f"{current} {word}", used + space + needed) if current else (word, needed)
                continue
            lines.append(current)
            current, used = word, needed
            if len(lines) == max_lines:
                lines[-1] = self._ellipsis(lines[-1] + " " + " ".join(words[index:]), width)
                return lines
        if current:
            lines.append(current)
        if lines and self.length(lines[-1]) > width:  # a single word longer than the line
            lines[-1] = self._ellipsis(lines[-1], width)
        return lines[:max_lines]

    def _ellipsis(self, text: str, width: int) -> str:
        """The longest start of `text` that fits with "…" after it: whole words, else the first
        word letter by letter. Built from the start (cutting from the end measured the whole
        text again at each cut: a 12 kB title took 73 s)."""
        room = width - self.length("…")
        space = self.word_length(" ")
        kept, used = [], 0.0
        for word in text.split(" "):
            needed = self.word_length(word) + (space if kept else 0.0)
            if used + needed > room:
                break
            kept.append(word)
            used += needed
        if not kept:  # one word longer than the line: as many of its letters as fit
            cut = ""
            for char in text:
                if self.length(cut + char) > room:
                    break
                cut += char
            kept = [cut]
        return " ".join(kept).rstrip(" ,;:–-") + "…"


class CachedFace(Face):
    """A left-to-right face that draws each glyph once and pastes it afterwards: most of the cost
    of drawing text is FreeType loading glyphs, and cards keep using the same few hundred.
    Advances and kerning come from the shaping engine, so the text is spaced as draw.text would."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.glyphs: dict[str, tuple] = {}
        self.kerning: dict[str, float] = {}

    def glyph(self, char: str) -> tuple:
        found = self.glyphs.get(char)
        if found is None:
            left, top, right, bottom = self.font.getbbox(char, anchor="ls")
            mask = None
            if right > left and bottom > top:
                mask = Image.new("L", (right - left, bottom - top), 0)
                ImageDraw.Draw(mask).text((-left, -top), char, font=self.font, fill=255, anchor="ls")
            found = self.glyphs[char] = (mask, left, top, self.font.getlength(char, **self.options))
        return found

    def kern(self, pair: str) -> float:
        found = self.kerning.get(pair)
        if found is None:
            found = self.kerning[pair] = (self.font.getlength(pair, **self.options)
                                          - self.glyph(pair[0])[3] - self.glyph(pair[1])[3])
        return found

    def length(self, text: str) -> float:
        text = unicodedata.normalize("NFC", text)
        total = sum(self.glyph(char)[3] for char in text)
        return total + sum(self.kern(text[index:index + 2]) for index in range(len(text) - 1))

    def write(self, image: Image.Image, lines: list[str], y: int, fill, line: int,
              start: int = MARGIN, end: int = WIDTH - MARGIN) -> int:
        baseline = self.font.getmetrics()[0]
        for text in lines:
            text = unicodedata.normalize("NFC", text)
            x = float(start)
            for index, char in enumerate(text):
                mask, left, top, advance = self.glyph(char)
                if mask is not None:
                    image.paste(fill, (round(x) + left, y + baseline + top), mask)
                x += advance + (self.kern(text[index:index + 2]) if index + 1 < len(text) else 0)
            y += line
        return y


@functools.cache
def face(script: str, weight: str, size: int, lang: str) -> Face:
    rtl = script == "arabic"
    return Face(script, weight, size, lang, rtl) if rtl or not RAQM else CachedFace(script, weight, size, lang, rtl)


RAQM = features.check("raqm")


@functools.cache
def font(script: str, weight: str, size: int) -> ImageFont.FreeTypeFont:
    path = _font_file(script, weight)
    if path is None:
        return ImageFont.load_default(size)
    engine = ImageFont.Layout.RAQM if RAQM else ImageFont.Layout.BASIC
    return ImageFont.truetype(str(path), size, layout_engine=engine)


@functools.cache
def _font_file(script: str, weight: str) -> Path | None:
    for name in FONTS[(script, weight)]:
        for folder in FONT_DIRS:
            if folder.is_dir():
                found = next(folder.rglob(name), None)
                if found:
                    return found
    return None


@functools.cache
def font_signature() -> str:
    """Which font files draw the cards: a card drawn with other fonts is drawn again."""
    return ",".join(str(_font_file(script, weight)) for script, weight in sorted(FONTS))
