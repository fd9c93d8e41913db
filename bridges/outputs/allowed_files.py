"""The contributor guide's table of the files a bundle may publish, written from the same
declarations the check uses (content/taxonomy.yml and bridges/model/file_kinds.yml), so that the
guide cannot say something the check does not do. tests/test_allowed_files_doc.py fails when the
table in content/README.md is out of date; `python -m bridges.outputs.allowed_files` rewrites it."""
from __future__ import annotations

import sys
from pathlib import Path

from ..model.file_kinds import ROLES, kinds, labels
from ..model.site import Site

BEGIN = ("<!-- allowed-files: written from content/taxonomy.yml and bridges/model/file_kinds.yml by "
         "`python -m bridges.outputs.allowed_files`; do not edit by hand -->")
END = "<!-- /allowed-files -->"
README = Path("content/README.md")


def table(site: Site, lang: str = "en") -> str:
    heads = {"pictures": "pictures (images: in meta.yml, images in the text)", "downloads": "downloads (downloads: in meta.yml)"}
    lines = [f"| folder | {' | '.join(heads[role] for role in ROLES)} |", "|---|" + "---|" * len(ROLES)]
    for content_type in site.content_types.values():
        cells = [labels(content_type.allowed_files(role), lang) or "none" for role in ROLES]
        lines.append(f"| `{content_type.folder}/` | {' | '.join(cells)} |")
    archives = [kind for kind in kinds().values() if kind.members]
    lines.append("")
    for kind in archives:
        lines.append(f"A {kind.label.get(lang) or kind.label['en']} may hold only: {labels(kind.members, lang)}.")
    return "\n".join(lines)


def updated(text: str, site: Site) -> str:
    """`text` (the README) with the block between the markers replaced by the current table."""
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    return text[:start] + "\n" + table(site) + "\n" + text[end:]


def main(root: Path) -> int:
    from ..sources.site import load_site  # the sources are read only when run as a script

    site, problems = load_site(root)
    if site is None:
        print("\n".join(problem.message() for problem in problems), file=sys.stderr)
        return 1
    path = root / README
    path.write_text(updated(path.read_text(encoding="utf-8"), site), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path.cwd()))
