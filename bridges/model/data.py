"""The package's own declarations in YAML (messages, file kinds, front-matter keys, what the site
publishes), read once each: they are data written by maintainers, never by contributors."""
from __future__ import annotations

import functools
from pathlib import Path

import yaml


@functools.cache
def declaration(path: Path) -> dict:
    with path.open(encoding="utf-8") as stream:
        return yaml.load(stream, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml: 10x faster
