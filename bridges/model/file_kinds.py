"""The kinds of file a bundle may publish (file_kinds.yml): names, extensions, how each is
recognised from its bytes. Each content type in content/taxonomy.yml lists the kinds it accepts;
bridges.rules.assets verifies files against them."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from . import data

DECLARATION = Path(__file__).with_name("file_kinds.yml")
ROLES = ("pictures", "downloads")  # how an item uses a file: shown as a picture, or offered to download


@dataclass(frozen=True)
class Kind:
    key: str
    label: dict  # language -> name, e.g. {en: JPEG picture}
    extensions: tuple[str, ...]
    detect: tuple[str, ...]
    raster: bool = False
    members: tuple[str, ...] = ()


def _declaration() -> dict:
    return data.declaration(DECLARATION)


@functools.cache
def kinds() -> dict[str, Kind]:
    return {key: Kind(key, entry["label"], tuple(entry["extensions"]), tuple(entry["detect"]),
                      bool(entry.get("raster")), tuple(entry.get("members", ())))
            for key, entry in _declaration()["kinds"].items()}


def archive_limits() -> dict:
    return dict(_declaration()["archive_limits"])


def label(key: str, lang: str = "en") -> str:
    names = kinds()[key].label
    return names.get(lang) or names["en"]


def labels(keys, lang: str = "en") -> str:
    """`JPEG picture (.jpg, .jpeg), PNG picture (.png)...` for a message or the docs."""
    return ", ".join(f"{label(key, lang)} (.{', .'.join(kinds()[key].extensions)})" for key in keys)


def kind_by_name(name: str) -> Kind | None:
    """The kind that a file name claims by its extension, or None."""
    suffix = PurePosixPath(name).suffix.lower().lstrip(".")
    return next((kind for kind in kinds().values() if suffix in kind.extensions), None)
