"""The site's own styles reach a page as one stylesheet (bridges.outputs.stylesheet); the built
pages are checked in tests/test_public_face.py."""
from pathlib import Path

import yaml

from bridges.outputs.stylesheet import SOURCES, STYLESHEET, write_stylesheet

REPO = Path(__file__).resolve().parents[1]


def test_the_sources_are_joined_in_order_with_the_icons(tmp_path):
    for number, source in enumerate(SOURCES):
        (tmp_path / source).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / source).write_text(f".rule-{number} {{ color: red; }}\n", encoding="utf-8")
    css = write_stylesheet(tmp_path).read_text(encoding="utf-8")
    positions = [css.index(f".rule-{number} ") for number in range(len(SOURCES))]
    assert positions == sorted(positions)  # later sources win, as the order of extra_css did
    assert css.index(".rule-0") < css.index(".bridges-icon--content_types-lab") and css == (tmp_path / STYLESHEET).read_text()


def test_every_source_exists_and_mkdocs_names_only_the_joined_file():
    for source in SOURCES:
        assert (REPO / "docs" / source).is_file(), source

    class Loader(yaml.SafeLoader):
        pass
    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    assert config["extra_css"] == [STYLESHEET]
