"""Hand-written pages under docs/ (home, about, contribute...) go through a pull request like any
story: their front matter may hold only the keys of bridges/model/front_matter.yml, as one line of
plain text each. A page cannot choose its template (`template: redirect.html` would run a value in
a script) or change the theme. The build refuses the same (bridges.adapters.mkdocs); the check
says it first, with the file and line."""
from __future__ import annotations

import os
from pathlib import Path

from ..model.front_matter import declaration, plain_text_problems, refused_keys
from ..model.problems import Problem
from ..model.urls import RESERVED_FOLDERS, owned_files, owned_folders
from ..sources.load import Content
from ..sources.textfile import read_text
from ..sources.yamlsource import parse_yaml

FENCE = "---"


def handwritten_pages(content: Content):
    root = content.site.root
    docs = root / "docs"
    if not docs.is_dir():
        return
    skipped = set(owned_folders(content.site)) | set(RESERVED_FOLDERS)
    generated = {docs / name for name in owned_files(content.site)}  # the home pages
    for directory, folders, files in os.walk(docs):
        folders[:] = sorted(name for name in folders if Path(directory) != docs or name not in skipped)
        for name in sorted(files):
            if name.endswith(".md") and Path(directory) / name not in generated:
                yield from _front_matter(Path(directory) / name, root)


def _front_matter(path: Path, root: Path):
    shown = path.relative_to(root)
    text, problem = read_text(path, shown)
    if problem:
        yield problem
        return
    lines = text.split("\n")
    if lines[0].strip() != FENCE:
        return
    end = next((index for index in range(1, len(lines)) if lines[index].strip() == FENCE), None)
    if end is None:
        yield Problem(shown, 1, "", "front_matter_unclosed")
        return
    parsed = parse_yaml("\n".join(lines[1:end]), first_line=2)
    yield from (Problem(shown, issue.line, issue.field, issue.code, issue.params) for issue in parsed.issues)
    if parsed.issues or not isinstance(parsed.data, dict):
        return
    allowed = ", ".join(declaration()["handwritten"])
    for key in refused_keys(parsed.data, generated=False):
        yield Problem(shown, parsed.line_of((key,)), key, "front_matter_key_refused", {"key": key, "allowed": allowed})
    for key in plain_text_problems(parsed.data):
        yield Problem(shown, parsed.line_of((key,)), key, "front_matter_not_plain", {"key": key})
