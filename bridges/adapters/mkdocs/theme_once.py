"""Compile the theme once: MkDocs makes a new Jinja environment for every build, and
mkdocs-static-i18n builds once per language, so Material's templates were compiled again for
each language. In a process, the environment is kept while the theme's folders and the files
of the project's own overrides stay the same (an edited override makes a new one, for
`bridges serve`); across processes, Jinja's bytecode cache in .cache/ keeps the compiled
templates (keyed by Jinja on each template's name and source).
"""
from __future__ import annotations

import os
import sysconfig
from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from mkdocs.theme import Theme

_original_get_env = Theme.get_env
_environments: dict = {}
_bytecode: FileSystemBytecodeCache | None = None
_INSTALLED_PACKAGES = Path(sysconfig.get_paths()["purelib"]).resolve()


def _signature(dirs) -> tuple:
    """Modification times of the template files outside installed packages (the overrides)."""
    stamps = []
    for folder in dirs:
        if Path(folder).resolve().is_relative_to(_INSTALLED_PACKAGES):
            continue
        for current, _, names in os.walk(folder):
            stamps.extend((os.path.join(current, name), os.stat(os.path.join(current, name)).st_mtime_ns)
                          for name in names)
    return tuple(sorted(stamps))


def _get_env(self: Theme):
    key = (tuple(self.dirs), str(self.locale) if self.locale else None, _signature(self.dirs))
    environment = _environments.get(key)
    if environment is None:
        environment = _environments[key] = _original_get_env(self)
        environment.bytecode_cache = _bytecode
    return environment


def install(cache_folder: Path | None = None) -> None:
    global _bytecode
    if cache_folder is not None and _bytecode is None:
        (cache_folder / "jinja").mkdir(parents=True, exist_ok=True)
        _bytecode = FileSystemBytecodeCache(str(cache_folder / "jinja"))
    Theme.get_env = _get_env
