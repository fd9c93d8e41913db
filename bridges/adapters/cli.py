"""The `bridges` command: check content, scaffold new items, generate pages."""
from __future__ import annotations

import argparse
import datetime as dt
import contextlib
import io
import os
import sys
import time
from pathlib import Path

from ..model.problems import MESSAGE_LANGUAGES, say, shown_lines
from ..pipeline import load_and_check
from .boundary import guard

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
    whole = {args.root, args.root / "content"}
    paths = None if any(Path(os.path.abspath(path)) in whole for path in args.paths) else args.paths or None
    checked = load_and_check(args.root, paths=paths)
    for line in shown_lines(checked.problems, lang, github=args.format == "github"):
        print(line)
    if checked.errors:
        print(say("failed", lang, count=len(checked.errors)), file=sys.stderr)
        return 1
    warnings = len(checked.warnings)
    if checked.checked_items is not None:
        shown = [item.id for item in checked.checked_items]
        names = ", ".join(shown[:3]) + (", …" if len(shown) > 3 else "")
        summary = say("checked_some_warnings" if warnings else "checked_some", lang,
                      items=len(checked.checked_items), names=names, warnings=warnings)
    else:
        summary = say("checked_warnings" if warnings else "checked", lang, items=len(checked.content.items),
                      languages=len(checked.site.languages), warnings=warnings)
    print(summary)
    return 0


def command_new(args) -> int:
    from ..outputs.scaffold import ScaffoldError, new_bundle
    from ..sources.site import load_site, published_url

    lang = message_language(args.lang)
    site, problems = load_site(args.root)
    if site is None:
        for problem in problems:
            print(problem.message(lang), file=sys.stderr)
        return 1
    try:
        folder = new_bundle(site, args.type, args.slug, args.lang, published_url(args.root), lang)
    except ScaffoldError as error:
        print(error, file=sys.stderr)
        return 2
    shown = folder.relative_to(site.root).as_posix()
    print(say("new_created", lang, folder=shown, lang=args.lang))
    if args.lang not in MESSAGE_LANGUAGES:
        print(say("new_fallback", lang, language=site.language(args.lang).name))
    print(say("new_next", lang, folder=shown))
    return 0


def command_docs(args) -> int:
    from ..outputs.guides import update_guides
    from ..sources.site import load_site

    lang = message_language(None)
    site, problems = load_site(args.root)
    if site is None:
        for problem in problems:
            print(problem.message(lang), file=sys.stderr)
        return 1
    changed = update_guides(args.root, run=run_quietly, write=not args.check,
                            repository_url=site.repository_url, branch=site.branch)
    for relative in changed:
        print(say("docs_outdated" if args.check else "docs_written", lang, file=relative))
    return 1 if args.check and changed else 0


def command_import_issue(args) -> int:
    """A "Share a story" issue -> a story bundle, checked; writes into --out the comment for the
    issue and, when the story is complete, the pull request's title, body and commit message.
    Exit 0: open the pull request. Exit 1: only comment (something to change). Exit 2: not a form."""
    from ..outputs.story_import import comment, pull_request, story_language, write_story
    from ..sources.issue_form import load_form, read_answers
    from ..sources.site import load_site

    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    site, problems = load_site(args.root)
    if site is None:
        for problem in problems:
            print(problem.message(), file=sys.stderr)
        return 2
    form = load_form(args.root)
    answers = read_answers(args.body.read_text(encoding="utf-8", errors="replace"), form)
    if answers is None:
        (out / "comment.md").write_text(say("story_not_a_form", message_language(args.lang)) + "\n", encoding="utf-8")
        return 2
    imported = write_story(site, form, answers, args.number, args.author, args.today or dt.date.today())
    checked = load_and_check(args.root, today=args.today, paths=[imported.folder])
    (out / "comment.md").write_text(comment(imported, form, checked.problems), encoding="utf-8")
    (out / "folder.txt").write_text(imported.folder.relative_to(site.root).as_posix() + "\n", encoding="utf-8")
    print(say("import_written", story_language(answers), folder=imported.folder.relative_to(site.root).as_posix()))
    if not imported.complete or checked.errors:
        return 1
    title, body, message = pull_request(imported, answers, args.author_id)
    (out / "pr-title.txt").write_text(title + "\n", encoding="utf-8")
    (out / "pr-body.md").write_text(body + "\n", encoding="utf-8")
    (out / "commit-message.txt").write_text(message, encoding="utf-8")
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


def run_quietly(argv: list[str]) -> str:
    """What `bridges ARGV` prints (both streams, in order), for the sample outputs of the guides."""
    output = io.StringIO()
    with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
        main(argv)
    return output.getvalue()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bridges", description="Check and build the Bridges content.")
    parser.add_argument("--root", type=Path, default=None, help="the repository folder (default: found from here)")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate every item in content/ (or only the given ones) and list every problem")
    check.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                       help="only these items: a bundle folder (or a file in it), or a type folder")
    check.add_argument("--lang", choices=MESSAGE_LANGUAGES, help="language of the messages (default: your locale)")
    check.add_argument("--format", choices=("text", "github"), default="text",
                       help="github: workflow commands that annotate the changed files of a pull request")
    check.set_defaults(run=command_check)
    new = commands.add_parser("new", help="create a new item from its template")
    new.add_argument("type", help="case-study, lab, white-paper, press, resource or campaign")
    new.add_argument("slug", help="the folder name: lowercase letters, digits and hyphens")
    new.add_argument("--lang", default="en", help="the language you write in: en, fr, es, it, ro or ar (default: en)")
    new.set_defaults(run=command_new)
    build = commands.add_parser("build", help="build the site: every language in parallel, with the render cache")
    build.add_argument("--site-dir", type=Path, default=None, help="where to write the site (default: site/)")
    build.add_argument("--jobs", "-j", type=int, default=None, help="languages rendered at once (default: CPU cores)")
    build.add_argument("--no-cache", action="store_true", help="generate and render every page (the cache is in .cache/bridges/)")
    build.add_argument("--no-search", action="store_true", help="skip the Pagefind search index")
    build.add_argument("--no-strict", action="store_true", help="do not stop on MkDocs warnings")
    build.set_defaults(run=command_build)
    serve = commands.add_parser("serve", help="build, serve with live reload, and rebuild what an edit changes")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="host:port to serve on (default 127.0.0.1:8000)")
    serve.add_argument("--jobs", "-j", type=int, default=None, help="languages rendered at once (default: CPU cores)")
    serve.add_argument("--no-search", action="store_true", help="no Pagefind index (it is rebuilt in the background)")
    serve.set_defaults(run=command_serve)
    story = commands.add_parser("import-issue", help="turn the body of a 'Share a story' issue into a story, and check it")
    story.add_argument("body", type=Path, help="a file holding the issue's body")
    story.add_argument("--number", type=int, required=True, help="the issue's number")
    story.add_argument("--author", required=True, help="the GitHub login of the issue's author")
    story.add_argument("--author-id", default="", help="that account's numeric id, to credit it as co-author")
    story.add_argument("--out", type=Path, required=True, help="a folder for the comment and the pull request's texts")
    story.add_argument("--lang", choices=MESSAGE_LANGUAGES, help="language when the body is not a form")
    story.add_argument("--today", type=dt.date.fromisoformat, default=None, help=argparse.SUPPRESS)  # tests
    story.set_defaults(run=command_import_issue)
    docs = commands.add_parser("docs", help="rewrite the parts of the guides made from the model (the field tables)")
    docs.add_argument("--check", action="store_true", help="only say which guides differ; exit 1 if one does")
    docs.set_defaults(run=command_docs)
    return parser


EXIT_CRASH = 70  # EX_SOFTWARE: a bug of Bridges, not a problem of the content (exit 1)


def _crashed(message: str) -> int:
    print(message, file=sys.stderr)
    return EXIT_CRASH


@guard(_crashed, lang=lambda: message_language(None))
def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.root = (args.root or find_root(Path.cwd())).resolve()
    try:
        return args.run(args)
    except KeyboardInterrupt:  # Ctrl-C: stop quietly
        return 130
    except BrokenPipeError:  # `bridges check | head`: the reader has all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    sys.exit(main())
