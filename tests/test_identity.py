"""The campaign's palette meets WCAG AA: every pair of text and background colours that the
stylesheet uses, read from docs/assets/bridges-identity.css (so that changing a colour there is
checked), has a contrast of at least 4.5:1, and the focus rings at least 3:1. Fast unit tests."""
from __future__ import annotations

import re

import pytest

from conftest import REPO

CSS = (REPO / "docs" / "assets" / "bridges-identity.css").read_text(encoding="utf-8")


def variable(name: str) -> str:
    value = re.search(rf"--{name}:\s*(#[0-9a-fA-F]{{6}})", CSS)
    assert value, f"--{name} is not a colour in bridges-identity.css"
    return value.group(1)


def luminance(colour: str) -> float:
    def channel(hex_pair: str) -> float:
        value = int(hex_pair, 16) / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(colour[i:i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


WHITE = "#ffffff"


@pytest.mark.parametrize("text, background, minimum", [
    ("#ffffff", "bridges-indigo", 4.5),          # the header, the tabs, the campaign's banner
    ("#ffffff", "bridges-indigo-light", 4.5),
    ("bridges-orange", "bridges-indigo", 4.5),    # the campaign's figures
    ("bridges-orange-text", WHITE, 4.5),          # hover colour
    ("md-typeset-a-color", WHITE, 4.5),           # links
    ("bridges-orange-text", WHITE, 3),            # the focus ring on light surfaces
    ("bridges-orange", "bridges-indigo", 3),      # the focus ring on dark surfaces
])
def test_palette_pairs_meet_wcag_aa(text, background, minimum):
    colours = [value if value.startswith("#") else variable(value) for value in (text, background)]
    assert contrast(*colours) >= minimum, (text, background, round(contrast(*colours), 2))


def test_every_translation_status_is_readable_and_has_a_sign():
    statuses = re.findall(r"\.bridges-status--(\w+) \{ color: (#[0-9a-f]{6}); background: (#[0-9a-f]{6});", CSS)
    assert {name for name, _, _ in statuses} == {"original", "done", "outdated", "missing"}
    for name, colour, background in statuses:
        assert contrast(colour, background) >= 4.5, name
        assert re.search(rf'\.bridges-status--{name}::before \{{ content: "[^"]+"; \}}', CSS), name  # not colour alone
