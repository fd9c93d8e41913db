"""Bundle images made fit for the web: a few widths, and no metadata.

Every raster picture an item uses (JPEG, PNG, WebP; in images/, files/ or anywhere in its bundle)
is published as copies
resized to WIDTHS (never enlarged), with its EXIF, GPS, XMP and text metadata stripped: a phone
photo records where it was taken, and a story about a person must not publish where they live.
The file at the image's own path is the largest copy, stripped too, so that a Markdown image
in a story's text still works. Copies are cached under .cache/ by a hash of the original, so a
build only processes new or changed images.

No other raster format is published: bridges check refuses them (bridges.rules.assets), so the
original of a photo never reaches the site; nor broken or oversized pictures (bridges.rules.pictures).
SVG drawings are published as they are once the check has held them against its allow-list
(bridges.rules.svg).
"""
from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

from ..rules.pictures import FORMATS, inspect, is_processed
from .cache import Cache, digest

WIDTHS = (480, 960, 1600)
PROCESSOR_VERSION = "1"  # bump when the processing changes, to redo every cached copy
SAVE_OPTIONS = {
    "JPEG": {"quality": 82, "optimize": True, "progressive": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 80, "method": 4},
}


@dataclass(frozen=True)
class Variant:
    width: int
    height: int
    name: str  # relative to the bundle, e.g. images/market-480.jpg
    path: Path  # the processed file, in the cache


@dataclass(frozen=True)
class WebImage:
    source: str  # relative to the bundle, e.g. images/market.jpg
    width: int  # of the largest copy, which is also published at `source`
    height: int
    variants: tuple[Variant, ...]  # narrowest first

    def files(self) -> dict[str, Path]:
        """Bundle-relative name -> processed file, for every file to publish."""
        files = {variant.name: variant.path for variant in self.variants}
        files[self.source] = self.variants[-1].path
        return files

    def srcset(self, prefix: str = "") -> str:
        """`<prefix>images/market-480.jpg 480w, ...` for an <img srcset>."""
        return ", ".join(f"{prefix}{variant.name} {variant.width}w" for variant in self.variants)


def process(source: Path, name: str, cache: Path) -> WebImage:
    """The web copies of one image (`name` is its path in the bundle), made or taken from the cache."""
    key = digest(PROCESSOR_VERSION, source.read_bytes())
    folder = cache / "images" / key
    stem, suffix = posixpath.splitext(name)

    def make(partial: Path) -> None:  # the copies, then their sizes: the entry exists once both do
        sizes = _make_copies(source, folder, FORMATS[suffix.lower()], suffix.lower())
        partial.write_text(json.dumps(sizes), encoding="utf-8")

    manifest = Cache(cache).file("images", key, ".json", make)
    sizes = json.loads(manifest.read_text(encoding="utf-8"))
    variants = tuple(Variant(width, height, f"{stem}-{width}{suffix}", folder / f"{width}{suffix.lower()}")
                     for width, height in sizes)
    largest = variants[-1]
    return WebImage(source=name, width=largest.width, height=largest.height, variants=variants)


def _make_copies(source: Path, folder: Path, image_format: str, suffix: str) -> list[list[int]]:
    inspect(source)
    with Image.open(source) as opened:
        image = ImageOps.exif_transpose(opened)  # turn the pixels as the camera said, before the tag goes
        image.load()
    if image_format == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    elif image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
        image = image.convert("RGBA")
    icc_profile = image.info.get("icc_profile")  # colours only; kept so that photos look right
    width, height = image.size
    widths = sorted({target for target in WIDTHS if target < width} | {min(width, WIDTHS[-1])})
    folder.mkdir(parents=True, exist_ok=True)
    sizes = []
    for target in widths:
        copy = image if target == width else image.resize(
            (target, max(1, round(height * target / width))), Image.Resampling.LANCZOS)
        copy = _without_metadata(copy)
        options = dict(SAVE_OPTIONS[image_format])
        if icc_profile:
            options["icc_profile"] = icc_profile
        partial = folder / f"{target}{suffix}.tmp"
        copy.save(partial, format=image_format, **options)
        partial.replace(folder / f"{target}{suffix}")
        sizes.append([copy.width, copy.height])
    return sizes


def _without_metadata(image: Image.Image) -> Image.Image:
    """The same pixels in a new image that carries no EXIF, GPS, XMP, comment or text chunk."""
    clean = Image.new(image.mode, image.size)
    if image.mode == "P":
        clean.putpalette(image.getpalette())
        if "transparency" in image.info:
            clean.info["transparency"] = image.info["transparency"]
    clean.paste(image)
    return clean


def item_images(folder: Path, names, cache: Path) -> dict[str, WebImage]:
    """The web copies of the item's raster pictures (`names`: bundle-relative paths of the files
    it uses, wherever they sit), by bundle-relative path."""
    found = {}
    for name in sorted(names):
        path = folder / name
        if is_processed(path) and path.is_file() and not path.is_symlink():
            found[name] = process(path, name, cache)
    return found


SIZES = "(min-width: 60em) 40rem, 100vw"  # the content column's width on wide screens, else the screen's


@dataclass(frozen=True)
class Figure:
    src: str
    srcset: str
    sizes: str
    width: int
    height: int
    alt: str
    credit: str


def figures(item, text, prefix: str, web_images: dict[str, WebImage]) -> list[Figure]:
    """The figures of an item's page: its meta.yml images, with the alt text of `text` (the page's
    text) and URLs made relative to the page with `prefix` (the bundle's folder seen from it)."""
    shown = []
    for image in item.meta.images:
        alt = (text.front.image_alt.get(image.id) or "").strip()
        web = web_images.get(posixpath.normpath(image.file))
        if web is None:  # an SVG or GIF: published as it is
            shown.append(Figure(prefix + image.file, "", "", 0, 0, alt, image.credit or ""))
            continue
        shown.append(Figure(prefix + web.source, web.srcset(prefix), SIZES, web.width, web.height, alt,
                            image.credit or ""))
    return shown
