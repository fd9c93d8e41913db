"""The `bridges` command: check content, scaffold new items, generate pages."""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from ..model.problems import MESSAGE_LANGUAGES
from ..pipeline import load_and_check

SUMMARY = {
    "en": "{items} items in {languages} languages checked: no problems.",
    "fr": "{items} éléments en {languages} langues vérifiés : aucun problème.",
}
SUMMARY_WARNINGS = {
    "en": "{items} items in {languages} languages checked: no errors, {warnings} warning(s).",
    "fr": "{items} éléments en {languages} langues vérifiés : aucune erreur, {warnings} avertissement(s).",
}
FAILED = {
    "en": "{count} problem(s) found. Fix them and run 'bridges check' again.",
    "fr": "{count} problème(s) trouvé(s). Corrigez-les puis relancez « bridges check ».",
}


def message_language(requested: str | None) -> str:
    """--lang, else the environment's locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), else English."""
    candidates = [requested] if requested else []
    candidates += [os.environ.get(name, "") for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")]
    for candidate in candidates:
        code = (candidate or "").split(":")[0].split("_")[0].split(".")[0].lower()
        if code in MESSAGE_LANGUAGES:
            return code
    return "en"


def find_root(start: Path) -> Path:
    for folder in [start, *start.parents]:
        if (folder / "content" / "site.yml").is_file():
            return folder
    return start


def command_check(args) -> int:
    lang = message_language(args.lang)
    started = time.perf_counter()
    checked = load_and_check(args.root)
    for problem in checked.problems:
        print(problem.annotation(lang) if args.format == "github" else problem.message(lang))
    if checked.errors:
        print(FAILED[lang].format(count=len(checked.errors)), file=sys.stderr)
        return 1
    items = len(checked.content.items)
    summary = SUMMARY_WARNINGS if checked.warnings else SUMMARY
    print(summary[lang].format(items=items, languages=len(checked.site.languages), warnings=len(checked.warnings))
          + f" ({time.perf_counter() - started:.2f} s)")
    return 0


def command_new(args) -> int:
    from ..outputs.scaffold import ScaffoldError, new_bundle
    from ..sources.site import load_site

    site, problems = load_site(args.root)
    if site is None:
        for problem in problems:
            print(problem.message(), file=sys.stderr)
        return 1
    try:
        folder = new_bundle(site, args.type, args.slug, args.lang)
    except ScaffoldError as error:
        print(error, file=sys.stderr)
        return 2
    shown = folder.relative_to(site.root)
    print(f"Created {shown}/meta.yml and {shown}/index.{args.lang}.md.")
    print("Replace every TODO in them, then run: bridges check")
    return 0


def command_build(args) -> int:
    from .mkdocs.drive import build_site
    from .mkdocs.languages import RenderError
    from ..model.problems import ContentError

    started = time.perf_counter()
    try:
        built = build_site(args.root, args.site_dir, args.jobs, use_cache=not args.no_cache,
                           search=not args.no_search, strict=not args.no_strict)
    except ContentError as error:
        print(error, file=sys.stderr)
        return 1
    except (RenderError, ValueError, OSError) as error:
        print(f"The build failed:\n{error}", file=sys.stderr)
        return 1
    stats = [counts for counts in built.render_stats.values() if counts]
    cached = (f", {sum(c['hits'] for c in stats)} pages from the render cache, {sum(c['misses'] for c in stats)} rendered"
              if stats else "")
    steps = ", ".join(f"{step} {seconds:.1f} s" for step, seconds in built.seconds.items())
    print(f"Built {len(built.render_stats)} languages in {time.perf_counter() - started:.1f} s ({steps}{cached}).",
          file=sys.stderr)
    return 0


def command_serve(args) -> int:
    import logging

    from .mkdocs.serve import serve

    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logging.getLogger("mkdocs").addHandler(handler)
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    host, _, port = args.dev_addr.rpartition(":")
    return serve(args.root, host or "127.0.0.1", int(port), args.jobs, search=not args.no_search)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bridges", description="Check and build the Bridges content.")
    parser.add_argument("--root", type=Path, default=None, help="the repository folder (default: found from here)")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate every item in content/ and list every problem")
    check.add_argument("--lang", choices=MESSAGE_LANGUAGES, help="language of the messages (default: your locale)")
    check.add_argument("--format", choices=("text", "github"), default="text",
                       help="github: workflow commands that annotate the changed files of a pull request")
    check.set_defaults(run=command_check)
    new = commands.add_parser("new", help="create a new item from its template")
    new.add_argument("type", help="case_study, lab, white_paper, press, resource or campaign")
    new.add_argument("slug", help="the folder name: lowercase letters, digits and hyphens")
    new.add_argument("--lang", default="en", help="the language you write in (default: en)")
    new.set_defaults(run=command_new)
    build = commands.add_parser("build", help="build the site: every language in parallel, with the render cache")
    build.add_argument("--site-dir", type=Path, default=None, help="where to write the site (default: site/)")
    build.add_argument("--jobs", "-j", type=int, default=None, help="languages rendered at once (default: CPU cores)")
    build.add_argument("--no-cache", action="store_true", help="render every page (the cache is in .cache/bridges/)")
    build.add_argument("--no-search", action="store_true", help="skip the Pagefind search index")
    build.add_argument("--no-strict", action="store_true", help="do not stop on MkDocs warnings")
    build.set_defaults(run=command_build)
    serve = commands.add_parser("serve", help="build, serve with live reload, and rebuild what an edit changes")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="host:port to serve on (default 127.0.0.1:8000)")
    serve.add_argument("--jobs", "-j", type=int, default=None, help="languages rendered at once (default: CPU cores)")
    serve.add_argument("--no-search", action="store_true", help="no Pagefind index (it is rebuilt in the background)")
    serve.set_defaults(run=command_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.root = (args.root or find_root(Path.cwd())).resolve()
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
