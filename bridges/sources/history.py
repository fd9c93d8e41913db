"""Earlier versions of a content file, from the repository's git history.

A translation records the hash of the original it was made from (source_hash). To say what
changed in the original since then, we need that earlier text: git has every committed version,
so nothing extra is stored in content/. Without git or without history (a shallow clone, a folder
that is not a repository), there is nothing to compare and the warning says only that the original
changed. CI checks out the full history for that reason (fetch-depth: 0).
"""
from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

MAX_VERSIONS = 100  # how far back to look: translations older than that are rare
GIT_SECONDS = 20


def _git(root: Path, *args: str) -> str | None:
    git = shutil.which("git")
    if git is None:
        return None
    try:
        result = subprocess.run([git, "-C", str(root), *args], capture_output=True, timeout=GIT_SECONDS,
                                stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if result.returncode != 0:
        return None
    return result.stdout.decode("utf-8", errors="replace")


def earlier_versions(root: Path, relative: Path) -> Iterator[str]:
    """The committed texts of `relative` (a path from the repository root), newest first."""
    commits = _git(root, "log", f"-n{MAX_VERSIONS}", "--format=%H", "--", relative.as_posix())
    for commit in (commits or "").split():
        text = _git(root, "show", f"{commit}:./{relative.as_posix()}")  # ./: from root, wherever .git is
        if text is not None:
            yield text
