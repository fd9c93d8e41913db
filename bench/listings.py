"""How big the listings get: the largest page of a type's, a theme's and a country's listing, as
HTML (the generated Markdown converted as MkDocs converts it, without Material's chrome around it)
and gzipped, for synthetic projects (bench/synth.py, en + fr; the English pages are measured) of growing size.

    .venv/bin/python bench/listings.py              # 300 and 3,000 synthetic items
    .venv/bin/python bench/listings.py 300 1000

Each size is measured twice: in pages of site.yml's listing_page_size (what the site publishes),
and with every item on one page (what it published before listings had pages).
"""
from __future__ import annotations

import argparse
import gzip
import sys
import tempfile
from pathlib import Path

import markdown

REPO = Path(__file__).resolve().parents[1]
sys.path.append(str(REPO / "bench"))
from synth import make_project, markdown_settings  # noqa: E402

KINDS = {"type": lambda path: path.startswith("case-studies/") and ("/page/" in path or path.count("/") == 1),
         "theme": lambda path: path.startswith("themes/") and path.count("/") >= 2,
         "country": lambda path: path.startswith("countries/") and path.count("/") >= 2}


def largest_pages(project: Path, one_page: bool) -> dict[str, tuple[str, int, int, int]]:
    """kind -> (path, pages of that kind, HTML bytes, gzip bytes) of the kind's largest page."""
    from bridges.outputs.generate import site_pages
    from bridges.pipeline import load_and_check

    content = load_and_check(project).content
    if one_page:
        content.site.listing_page_size = len(content.items)
    names, options = markdown_settings(project / "mkdocs.yml")
    pages = site_pages(content, languages=["en"])
    found = {}
    for kind, belongs in KINDS.items():
        mine = [page for page in pages if belongs(page.path)]
        sizes = []
        for page in mine:
            html = markdown.markdown(page.text.split("\n---\n", 1)[1], extensions=names, extension_configs=options)
            data = html.encode("utf-8")
            sizes.append((len(data), len(gzip.compress(data, 6)), page.path))
        size, packed, path = max(sizes)
        found[kind] = (path, len(mine), size, packed)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[300, 3000])
    args = parser.parse_args()
    print(f"{'items':>6} {'listing':8} {'layout':10} {'pages':>5} {'largest page':40} {'HTML':>10} {'gzip':>9}")
    with tempfile.TemporaryDirectory(prefix="bridges-listings-") as folder:
        for n in args.sizes:
            project = Path(folder) / f"synth-{n}"
            make_project(project, n, real_items=False)
            for one_page in (True, False):
                for kind, (path, count, size, packed) in largest_pages(project, one_page).items():
                    layout = "one page" if one_page else "in pages"
                    print(f"{n:>6} {kind:8} {layout:10} {count:>5} {path:40} {size / 1000:>8.1f}kB {packed / 1000:>7.1f}kB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
