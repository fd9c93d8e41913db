"""Reading a contributor's text file without ever crashing on it."""
from __future__ import annotations

from pathlib import Path

from ..model.problems import Problem

MAX_TEXT_BYTES = 1_000_000  # a story is a few kB; a megabyte means a mistake or an attack


def read_text(path: Path, shown: Path) -> tuple[str | None, Problem | None]:
    """The file's text, or a Problem naming `shown` (the path as the contributor knows it)."""
    try:
        if path.is_symlink():
            return None, Problem(shown, 1, "", "symlink")
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES:
            return None, Problem(shown, 1, "", "text_too_large", {"size": size, "limit": MAX_TEXT_BYTES})
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, Problem(shown, 1, "", "file_missing")
    except OSError as error:
        return None, Problem(shown, 1, "", "file_unreadable", {"reason": error.strerror or str(error)})
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        return None, Problem(shown, line, "", "bad_encoding")
    if not text.strip():
        return None, Problem(shown, 1, "", "empty_file")
    return text.replace("\r\n", "\n"), None
