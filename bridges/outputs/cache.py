"""The one cache of the build, under .cache/bridges/ (or $BRIDGES_CACHE_DIR).

Two kinds of entries, both addressed by a hash of everything they are made from, so that an
entry is never stale: it is simply not found any more when an input changes.

- Files (PDFs, training kits, social cards, resized images): `Cache.file(kind, key, suffix,
  make)` returns a path in the cache, calling `make(path)` first when it is missing. The build
  copies these files into docs/.
- Folders (the search index): `Cache.directory(kind, key, make)`, the same for a whole folder.
- Stores of bytes (`Cache.store(kind)`, diskcache, shared safely by the processes that render
  the languages at the same time): the rendered pages (`Cache.pages`, final HTML) and the
  generated Markdown pages (bridges.outputs.generate).

What makes a cached thing also includes the code that makes it: `code_digest()`, the bytes of
the bridges package and the version of every installed package.

The cache is local working state: never restore it from a source you do not trust (diskcache
can store pickled objects; bridges only stores bytes, but a crafted cache file could still
hold a pickle).
"""
from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import os
import shutil
from pathlib import Path
from typing import Callable

STORE_SIZE_LIMIT = 2 * 2**30  # least recently stored entries of a store are dropped beyond this
BRIDGES = Path(__file__).resolve().parents[1]  # the bridges package


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
        self._stores: dict = {}  # kind -> its open diskcache store

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

    def store(self, kind: str):
        """The diskcache store `kind/` (one per Cache and kind); bridges stores bytes only."""
        if kind not in self._stores:
            import diskcache  # only the generator and the renderer need it

            self._stores[kind] = diskcache.Cache(str(self.folder / kind), size_limit=STORE_SIZE_LIMIT)
        return self._stores[kind]

    @property
    def pages(self):
        return self.store("pages")

    def close(self) -> None:
        for store in self._stores.values():
            store.close()
        self._stores = {}


@functools.cache
def code_digest() -> str:
    """The code that makes the site: every file of the bridges package (Python, templates, data)
    and the name and version of every installed package (Jinja, Babel, Material's icons...)."""
    versions = sorted(f"{dist.metadata['Name']}=={dist.version}" for dist in importlib.metadata.distributions())
    parts = []
    for path in sorted(files_under(BRIDGES)):
        parts += [path.relative_to(BRIDGES).as_posix(), path.read_bytes()]
    return digest(*versions, *parts)


def files_under(folder: Path):
    """The files of a folder of code, without Python's compiled copies."""
    for path in folder.rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            yield path
