"""The campaign toolkit, made at build time from the campaign's data:

- a one-page key-messages PDF in each language the campaign is written in (WeasyPrint, offline):
  hashtag, title, tagline, key figures, objectives and the first recommendations;
- a picture to share on social networks in every site language (1200 × 630 PNG, Pillow): hashtag,
  title, tagline and the first key figure; it is also the campaign page's og:image;
- links to the PDFs of the white papers that belong to the campaign.

They join the campaign's downloads (bridges.documents), so the build copies them beside the
campaign's pages; each is cached under the cache directory by a hash of what it is made from.
"""
from __future__ import annotations

import functools
import hashlib
import json
import posixpath
from pathlib import Path

from markupsafe import Markup
from PIL import Image

from .cache import Cache
from ..model import urls
from ..model.schemas import Item
from ..sources.load import Content
from .campaign import KEY_RECOMMENDATIONS, figures, hashtag, period
from .cards import HEIGHT, MARGIN, WIDTH, face, font_signature
from .context import UI, PageContext, html_environment
from .documents import Documents, Download, describe
from .markup import bidi_safe

TEMPLATES = Path(__file__).with_name("templates")
RENDERER_VERSION = "2"  # bump when the PDF template or the picture's drawing changes
FONT_STEPS = (10.5, 9.75, 9, 8.25, 7.5)  # point sizes tried until the key messages fit on one page

BACKGROUND = (26, 35, 126)  # indigo 900, as the page cards
LIGHT = (232, 234, 246)  # indigo 50
ACCENT = (255, 167, 38)  # orange 400: readable on indigo


def key_messages_name(item: Item, lang: str) -> str:
    return f"{item.slug}-key-messages-{lang}.pdf"


def add_toolkits(content: Content, documents: Documents, cache: Path, base_url: str = "/") -> None:
    """Make every campaign's toolkit and add it to the documents (files and downloads)."""
    site = content.site
    for item in content.of_type("campaign"):
        directory = urls.item_dir(site, item)
        downloads = documents.downloads.setdefault(item.id, [])
        for lang in sorted(item.texts):
            name = key_messages_name(item, lang)
            pdf = key_messages_pdf(content, item, lang, cache, base_url)
            documents.files[f"{directory}/{name}"] = pdf
            downloads.append(describe(name, pdf, lang, "key_messages"))
        for lang in site.language_codes:
            name = urls.share_image_name(item, lang)
            png = share_image(content, item, lang, cache)
            documents.files[f"{directory}/{name}"] = png
            downloads.append(describe(name, png, lang, "share_image"))
        for paper in content.of_type("white_paper"):
            if item.slug not in paper.meta.campaigns:
                continue
            paper_dir = urls.item_dir(site, paper)
            for download in documents.downloads.get(paper.id, []):
                if download.kind == "pdf":
                    href = posixpath.relpath(f"{paper_dir}/{download.href}", directory)
                    downloads.append(Download(href=href, name=download.name, language=download.language,
                                              format=download.format, size=download.size, sha256=download.sha256,
                                              kind="white_paper"))


# --- the key-messages PDF ------------------------------------------------------------------

def key_messages_html(content: Content, item: Item, lang: str, base_url: str, font_size: float) -> str:
    site = content.site
    text = item.texts[lang]
    context = PageContext(site, content, site.ui, lang, urls.item_dir(site, item))
    page_url = urls.absolute_url(base_url, urls.url_path(site, urls.item_dir(site, item), lang))
    direction = site.language(lang).dir

    def bidi(value: str) -> str:  # "#Hashtag" in Arabic text, kept as one left-to-right word
        return bidi_safe(value, direction == "rtl")

    front = text.front
    recommendations = [bidi(value) for value in front.recommendations]
    return html_environment().get_template("key-messages.html.j2").render(
        c=context, t=context.t, item=item, lang=text.lang, title=bidi(front.title),
        tagline=bidi(front.tagline or ""), objectives=[bidi(value) for value in front.objectives],
        hashtag=hashtag(item), figures=figures(item, lang, context.t("figure_about")),
        period=period(item, context.t, lang),
        recommendations=recommendations[:KEY_RECOMMENDATIONS], total=len(recommendations),
        direction=direction, page_url=page_url, css=Markup(_css()), font_size=font_size)


def key_messages_pdf(content: Content, item: Item, lang: str, cache: Path, base_url: str) -> Path:
    """The one-page PDF, at the largest font size that keeps it on one page."""
    first = key_messages_html(content, item, lang, base_url, FONT_STEPS[0])
    key = hashlib.sha256((RENDERER_VERSION + json.dumps(FONT_STEPS) + first).encode("utf-8")).hexdigest()[:24]

    def make(partial: Path) -> None:
        from weasyprint import HTML  # slow to import, and only needed on a cache miss

        from .fetcher import BundleFetcher

        nothing = BundleFetcher(item.folder.resolve().as_uri() + "/", {})  # the key messages show no file
        for size in FONT_STEPS:
            html = first if size == FONT_STEPS[0] else key_messages_html(content, item, lang, base_url, size)
            document = HTML(string=html, url_fetcher=nothing, base_url=nothing.base_url).render()
            if len(document.pages) == 1:
                break
        document.write_pdf(partial)

    return Cache(cache).file("toolkit", key, ".pdf", make)


@functools.cache
def _css() -> str:
    return (TEMPLATES / "key-messages.css").read_text(encoding="utf-8")


# --- the picture to share ------------------------------------------------------------------

def share_image(content: Content, item: Item, lang: str, cache: Path) -> Path:
    site = content.site
    text = item.text_for(lang)
    shown = figures(item, lang, UI(site.ui, lang, site.default_language)("figure_about"))[:1]
    spec = {"lang": lang, "dir": site.language(lang).dir, "hashtag": hashtag(item), "title": text.front.title,
            "tagline": getattr(text.front, "tagline", None) or text.front.summary,
            "figure": [shown[0].number, shown[0].label] if shown else None, "site": site.name}
    data = json.dumps(spec, ensure_ascii=False, sort_keys=True)
    key = hashlib.sha256(f"{RENDERER_VERSION}|{font_signature()}|{data}".encode("utf-8")).hexdigest()[:24]
    return Cache(cache).file("toolkit", key, ".png",
                             lambda partial: draw_share_image(spec).save(partial, format="PNG", optimize=True))


def draw_share_image(spec: dict) -> Image.Image:
    """Hashtag, title and tagline from the top; the key figure and the site's name at the foot.
    Right-to-left languages start from the right."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    lang, rtl = spec["lang"], spec["dir"] == "rtl"
    script = "arabic" if rtl else "latin"
    width = WIDTH - 2 * MARGIN
    y = MARGIN - 24
    y = face(script, "bold", 34, lang).write(image, [spec["hashtag"]], y, fill=ACCENT, line=52)
    title = face(script, "bold", 50, lang)
    y = title.write(image, title.wrap(spec["title"], width, 2), y, fill=(255, 255, 255), line=62) + 12
    tagline = face(script, "regular", 28, lang)
    tagline.write(image, tagline.wrap(spec["tagline"], width, 3), y, fill=LIGHT, line=40)
    foot = HEIGHT - MARGIN + 10  # the baseline area of the figure's label
    if spec["figure"]:
        number, label = spec["figure"]
        big = face(script, "bold", 92, lang)
        big.write(image, [number], foot - 150, fill=ACCENT, line=100)
        small = face(script, "regular", 30, lang)
        small.write(image, small.wrap(label, width - 260, 1), foot - 40, fill=(255, 255, 255), line=40)
    name = face(script, "bold", 34, lang)
    # The site's name at the end of the foot line: the other edge from the figure.
    name.write(image, [spec["site"]], foot - 40, fill=LIGHT, line=40,
               start=WIDTH - MARGIN - round(name.length(spec["site"])) if not rtl else MARGIN,
               end=MARGIN + round(name.length(spec["site"])) if rtl else WIDTH - MARGIN)
    return image
