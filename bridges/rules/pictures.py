"""Which pictures are processed for the web, and whether one can be: read from its header only."""
from __future__ import annotations

import warnings
from pathlib import Path

from PIL import Image

from ..model.limits import MAX_FRAMES, MAX_PIXELS

FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}


class ImageError(Exception):
    """An image that cannot be published; the message says why."""


def is_processed(path: Path) -> bool:
    return path.suffix.lower() in FORMATS


def inspect(path: Path) -> tuple[int, int]:
    """The image's size in pixels, reading only its header. Raises ImageError."""
    try:
        with Image.open(path) as image:
            width, height = image.size
            if width * height > MAX_PIXELS:  # checked before anything is decoded
                raise ImageError(f"{width}×{height} pixels, more than {MAX_PIXELS // 1_000_000} million")
            image.verify()
    except ImageError:
        raise
    except Exception as error:  # Pillow raises many kinds for broken files
        raise ImageError(str(error) or type(error).__name__) from None
    return width, height


# Kinds of picture that Pillow decodes (to check, resize or strip them), whatever the folder.
PICTURE_SUFFIXES = {".jpg", ".jpeg", ".jfif", ".png", ".apng", ".webp", ".gif", ".tif", ".tiff", ".bmp"}


def too_costly(path: Path) -> tuple[str, dict] | None:
    """(code, params) when decoding this picture would take too much memory or time: too many
    pixels (a decompression bomb is a small file that claims a huge size) or too many frames.
    Read from the header only, before anything is decoded."""
    if path.suffix.lower() not in PICTURE_SUFFIXES:
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as picture:
                width, height = picture.size
                frames = getattr(picture, "n_frames", 1)
    except Image.DecompressionBombError:
        return "picture_too_many_pixels", {"width": "?", "height": "?", "limit": MAX_PIXELS // 1_000_000}
    except Exception:  # not a picture Pillow reads: the other rules say so
        return None
    if width * height > MAX_PIXELS:
        return "picture_too_many_pixels", {"width": width, "height": height, "limit": MAX_PIXELS // 1_000_000}
    if frames > MAX_FRAMES:
        return "picture_too_many_frames", {"frames": frames, "limit": MAX_FRAMES}
    return None
