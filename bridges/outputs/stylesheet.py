"""The site's own styles as one stylesheet, written at the end of a build: every page waits for
its stylesheets before it paints, and on a phone each file is one more request in the way
(Lighthouse timed five: Material's, then four small ones of this site). The sources stay
separate files in docs/assets, one per concern, which MkDocs copies to the site; this joins
them, with the icons' rules (bridges.outputs.icons), into the one file that mkdocs.yml's
extra_css names. The library's own styles (library.css, 1.7 KB gzip) are in it too: as a file of
their own, only the library's page waited for them, and Lighthouse timed them at 200 ms of a
phone's first paint there; in the one stylesheet, every page is cached for the library."""
from __future__ import annotations

from pathlib import Path

from .icons import stylesheet as icon_rules

STYLESHEET = "assets/bridges-site.css"  # from the site's root; the only entry of mkdocs.yml extra_css
# In this order: later rules win over earlier ones of the same weight.
SOURCES = ("assets/bridges.css", "assets/bridges-a11y.css", "assets/bridges-identity.css", "assets/map.css",
           "assets/library.css")


def joined(site_dir: Path) -> str:
    """The sources as MkDocs copied them into site_dir, then the icons' rules, each part named."""
    parts = [f"/* {source} */\n{(site_dir / source).read_text(encoding='utf-8').strip()}\n" for source in SOURCES]
    return "\n".join(parts + [icon_rules()])


def write_stylesheet(site_dir: Path) -> Path:
    target = site_dir / STYLESHEET
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(joined(site_dir), encoding="utf-8")
    return target
