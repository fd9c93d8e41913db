"""Which pictures are processed for the web, and whether one can be: read from its header only."""
from __future__ import annotations

from pathlib import Path

from PIL import Image

FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
MAX_PIXELS = 40_000_000  # 40 megapixels: more is a mistake, or an image made to exhaust memory


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
