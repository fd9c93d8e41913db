"""The one cache of the build, under .cache/bridges/ (or $BRIDGES_CACHE_DIR).

Two kinds of entries, both addressed by a hash of everything they are made from, so that an
entry is never stale: it is simply not found any more when an input changes.

- Files (PDFs, training kits, social cards, resized images): `Cache.file(kind, key, suffix,
  make)` returns a path in the cache, calling `make(path)` first when it is missing. The build
  copies these files into docs/.
- Folders (the search index): `Cache.directory(kind, key, make)`, the same for a whole folder.
- Rendered pages: `Cache.pages` is a diskcache store of bytes (final HTML), shared safely by
  the processes that render the languages at the same time.

The cache is local working state: never restore it from a source you do not trust (diskcache
can store pickled objects; bridges only stores bytes, but a crafted cache file could still
hold a pickle).
"""
from __future__ import annotations

import functools
import hashlib
import os
import shutil
from pathlib import Path
from typing import Callable

PAGES_SIZE_LIMIT = 2 * 2**30  # least recently stored pages are dropped beyond this


def cache_dir(root: Path) -> Path:
    return Path(os.environ.get("BRIDGES_CACHE_DIR") or root / ".cache" / "bridges")


def digest(*parts: str | bytes, length: int = 24) -> str:
    """A short hex key from text and bytes parts (each part is framed, so ("ab", "c") != ("a", "bc"))."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()[:length]


class Cache:
    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def file(self, kind: str, key: str, suffix: str, make: Callable[[Path], None]) -> Path:
        """The cached file `kind/key.suffix`, made by `make(partial_path)` if missing. Writes go
        to a per-process temporary name first: parallel builds may share the cache."""
        target = self.folder / kind / f"{key}{suffix}"
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_name(f"{target.name}.{os.getpid()}.tmp")
            make(partial)
            partial.replace(target)
        return target

    def directory(self, kind: str, key: str, make: Callable[[Path], None]) -> Path:
        """The cached folder `kind/key`, made by `make(partial_folder)` if missing (as `file`)."""
        target = self.folder / kind / key
        if not target.is_dir():
            partial = target.with_name(f"{target.name}.{os.getpid()}.tmp")
            shutil.rmtree(partial, ignore_errors=True)
            partial.mkdir(parents=True)
            make(partial)
            try:
                partial.rename(target)
            except OSError:  # another process stored it first: the same content
                shutil.rmtree(partial, ignore_errors=True)
        return target

    @functools.cached_property
    def pages(self):
        import diskcache  # only the page renderer needs it

        return diskcache.Cache(str(self.folder / "pages"), size_limit=PAGES_SIZE_LIMIT)

    def close(self) -> None:
        if "pages" in self.__dict__:
            self.pages.close()
