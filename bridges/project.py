"""One entry point for every user of the domain: load the site and its content, and check it."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .load import Content, load_bundles, load_content
from .problems import Problem
from .rules import check_content
from .site import Site, load_site


@dataclass
class Checked:
    site: Site | None
    content: Content | None
    problems: list[Problem]
    checked_items: list | None = None  # the items of `bridges check PATH`; None: all of them

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if not problem.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.warning]


def load_and_check(root: Path, today: dt.date | None = None, paths: list[Path] | None = None) -> Checked:
    """Load and check everything, or, given `paths`, only those bundles (and what they reference)."""
    site, problems = load_site(root)
    if site is None:
        return Checked(None, None, problems)
    if not paths:
        content = load_content(site)
        return Checked(site, content, problems + check_content(content, today))
    content, items, found = load_bundles(site, paths)
    return Checked(site, content, problems + found + check_content(content, today, only=items), items)
