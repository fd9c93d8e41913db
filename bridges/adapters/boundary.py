"""The one error boundary of the `bridges` command and the MkDocs hooks.

Content never makes Bridges crash: every problem with it is a Problem with file, line and a fix.
An exception that still escapes is a bug of Bridges. At the boundary it becomes one line,
`path: what went wrong. Please report it with this file.`, and a non-zero exit, never a
traceback in a volunteer's terminal. The path is the file being read or written when it
happened (bridges.problems.working_on).

Tests and maintainers set BRIDGES_RAISE=1 to see the real exception instead (tests/conftest.py
does it for every test but those of the boundary itself).
"""
from __future__ import annotations

import functools
import os
from typing import Callable

from ..model.problems import crash_message

RAISE_VARIABLE = "BRIDGES_RAISE"


def raising() -> bool:
    return os.environ.get(RAISE_VARIABLE) == "1"


def guard(on_crash: Callable[[str], object], expected: tuple[type[BaseException], ...] = (),
          lang: Callable[[], str] = lambda: "en"):
    """Decorate an entry point: an unexpected exception becomes `on_crash(message)`; the
    exceptions in `expected` (the ways an entry point reports a refusal) pass unchanged."""
    def decorate(function):
        @functools.wraps(function)
        def guarded(*args, **kwargs):
            try:
                return function(*args, **kwargs)
            except expected:
                raise
            except Exception as error:
                if raising():
                    raise
                return on_crash(crash_message(error, lang()))
        return guarded
    return decorate
