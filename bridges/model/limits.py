"""Every limit on what a contributor sends, in one place.

Anything a stranger sends in a pull request is hostile until proven otherwise: each limit is far
above what real content needs (the largest seed values are in the comments) and low enough that
no input can exhaust memory or time. Going over one is a problem `bridges check` reports with
file, line, field and how to fix it (messages.yml), never a crash.
"""
from __future__ import annotations

# Files
MAX_TEXT_BYTES = 1_000_000  # a meta.yml or index.<lang>.md; the longest white paper is 22 kB
MAX_FILE_BYTES = 25_000_000  # a picture or a download; larger files belong elsewhere
MAX_PIXELS = 40_000_000  # a picture's width × height; decoding more is a mistake or a bomb
MAX_FRAMES = 100  # frames of an animated picture, each of which would be decoded

# YAML (meta.yml, front matter, the site's settings)
MAX_YAML_CHARS = 256_000  # ui.yml, the largest, is 30 kB
MAX_DEPTH = 20  # levels of nesting; content uses 4 (libyaml slows down with depth)
MAX_NUMBER = 10**15  # larger numbers are no count or amount (1e308 crashed number formatting)

# Values of an item (meta.yml and front matter)
MAX_ENTRIES = 100  # entries of any list or mapping; the longest has 20
MAX_CHARS = {"title": 200, "summary": 600}  # titles go on cards and in feeds; longest 148 and 425
MAX_FIELD_CHARS = 2_000  # any other text field; the longest recommendation is 1,023

# Output
MAX_SHOWN = 100  # problems printed at once; then one line says how many more there are
