"""The parts of the guides that are made, not written, so that they cannot drift:
- the field tables of content/README.md, from fields.yml (like the scaffold and the JSON Schemas);
- the sample outputs of CONTRIBUTING.md and CONTRIBUTING.fr.md, printed by the real `bridges`
  command on the stories of guide-samples.yml;
- the site's contribute pages (docs/contribute.<lang>.md), copies of those two guides.

`bridges docs` rewrites the parts between `<!-- made by bridges docs: NAME -->` and
`<!-- end of NAME -->`, and the contribute pages; a test fails while a file differs from what the
command would write.
"""
from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import yaml

from ..model.fields import Field, as_yaml, fields_of
from ..model.registry import REGISTRY
from ..model.schemas import ItemMeta, Translation
from .text_blocks import fence, opening

MARKER = re.compile(r"(<!-- made by bridges docs: (?P<name>[\w.-]+) -->\n)(?P<body>.*?)(<!-- end of (?P=name) -->)", re.S)
HEADINGS = {
    "en": ("field", "required", "what it holds", "example"),
    "fr": ("champ", "obligatoire", "ce qu'il contient", "exemple"),
}
YES_NO = {"en": ("yes", "no"), "fr": ("oui", "non")}


def field_table(fields: list[Field], lang: str, required_in: set[str] = frozenset()) -> str:
    heading = HEADINGS[lang]
    rows = [f"| {' | '.join(heading)} |", "|" + "---|" * len(heading)]
    for one in _flatten(fields):
        required = one.required or one.path in required_in
        example = one.example(lang)
        shown = f"`{as_yaml(example)}`" if example is not None else ""
        description = one.description(lang).replace("|", "\\|").replace("<", "&lt;")
        rows.append(f"| `{one.path}` | {YES_NO[lang][0 if required else 1]} | {description} | {shown} |")
    return "\n".join(rows) + "\n"


def _flatten(fields: list[Field]):
    for one in fields:
        yield one
        yield from _flatten(one.children())


def tables(lang: str) -> dict[str, str]:
    """Every table a guide may hold, by the name its marker gives."""
    shared = {one.name for one in fields_of(ItemMeta)}
    made = {"fields.every-type": field_table(fields_of(ItemMeta), lang)}
    for type_key, registered in REGISTRY.items():
        meta = registered.meta
        own = [one for one in fields_of(meta) if one.name not in shared]
        # A type may require a field that is optional elsewhere (a resource needs its audiences).
        required = {one.name for one in fields_of(meta) if one.name in shared and one.required
                    and not next(other for other in fields_of(ItemMeta) if other.name == one.name).required}
        made[f"fields.{type_key}"] = field_table(own + [one for one in fields_of(meta) if one.name in required],
                                                 lang, required)
    shared_text = {one.name for one in fields_of(Translation)}
    made["fields.text"] = field_table(fields_of(Translation), lang)
    for type_key, registered in REGISTRY.items():
        text = registered.text
        own = [one for one in fields_of(text) if one.name not in shared_text]
        if own:
            made[f"fields.text.{type_key}"] = field_table(own, lang)
    return made


# Runs the `bridges` command (argv without the program name) and returns what it printed. Given
# by the command line adapter, which is the command.
Runner = Callable[[list[str]], str]


def updated(text: str, lang: str, samples: dict[str, str] | None = None) -> str:
    """The guide's text with every made part as `bridges docs` writes it."""
    made = {**tables(lang), **(samples or {})}

    def replace(match):
        name = match["name"]
        if name not in made:
            raise KeyError(f"no part named '{name}': use one of {', '.join(made)}")
        return match.group(1) + made[name] + match.group(4)

    return MARKER.sub(replace, text)


SAMPLES_FILE = Path(__file__).with_name("guide-samples.yml")
SAMPLE_SETTINGS = ("content/site.yml", "content/taxonomy.yml", "content/ui.yml", "mkdocs.yml")


def samples(root: Path, lang: str, run: Runner) -> dict[str, str]:
    """What the real command prints, in `lang`, for the guides: creating a story, checking the
    sample story with its mistakes, and checking a real story of the site."""
    with tempfile.TemporaryDirectory(prefix="bridges-docs-") as folder:
        sandbox = Path(folder)
        for relative in SAMPLE_SETTINGS:
            (sandbox / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(root / relative, sandbox / relative)
        for slug, files in yaml.safe_load(SAMPLES_FILE.read_text(encoding="utf-8")).items():
            for name, text in files.items():
                path = sandbox / "content/case_studies" / slug / name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
        made = {}
        story = "content/case_studies/my-story"
        made["sample.new"] = _shown(f"bridges new case-study my-story --lang {lang}",
                                    run(["--root", str(sandbox), "new", "case-study", "my-story", "--lang", lang]))
        made["sample.new-meta"] = _block((sandbox / story / "meta.yml").read_text(encoding="utf-8"), "yaml")
        made["sample.new-text"] = _block((sandbox / story / f"index.{lang}.md").read_text(encoding="utf-8"), "markdown")
        checked = "content/case_studies/sample-story"
        made["sample.check"] = _shown(f"bridges check {checked} --lang {lang}",
                                      run(["--root", str(sandbox), "check", str(sandbox / checked), "--lang", lang]))
    real = "content/case_studies/chef-emad"
    made["sample.check-ok"] = _shown(f"bridges check {real} --lang {lang}",
                                     run(["--root", str(root), "check", str(root / real), "--lang", lang]))
    return made


def _shown(command: str, output: str) -> str:
    return _block(f"$ {command}\n{output}", "console")


def _block(text: str, language: str) -> str:
    return f"```{language}\n{text.rstrip()}\n```\n"


# The guides that hold made parts, and their language; the site's contribute page of each guide.
GUIDES = {"content/README.md": "en", "CONTRIBUTING.md": "en", "CONTRIBUTING.fr.md": "fr"}
SITE_PAGES = {"CONTRIBUTING.md": "docs/contribute.en.md", "CONTRIBUTING.fr.md": "docs/contribute.fr.md"}
SITE_PAGE_NOTE = "<!-- Made by `bridges docs` from {source}: edit that file, then run bridges docs. -->\n"
CODE = re.compile(r"(```.*?```|`[^`\n]*`)", re.S)
LOCAL_LINK = re.compile(r"\]\((?!https?:|mailto:|#|/)(?P<path>[^)\s]+)\)")


def site_page(text: str, source: str, repository_url: str, branch: str, lang: str) -> str:
    """A guide as a page of the site: links to files of the repository lead to GitHub, and the text
    says its language, so that the pages of other languages, which show it until they have their
    own, keep it left to right and read it with the right voice."""
    base = f"{repository_url.rstrip('/')}/blob/{branch}/"
    # Code (a template, a sample output, `![...](images/name.jpg)`) is shown as written.
    parts = CODE.split(text)
    text = "".join(part if index % 2 else LOCAL_LINK.sub(lambda match: f"]({base}{match['path']})", part)
                   for index, part in enumerate(parts))
    title, _, rest = text.partition("\n")
    return (SITE_PAGE_NOTE.format(source=source) + title + "\n\n"
            + f"{opening(rest, 'bridges-original', lang, 'ltr')}\n\n{rest.strip()}\n\n{fence(rest)}\n")


def update_guides(root: Path, run: Runner | None = None, write: bool = True,
                  repository_url: str = "", branch: str = "main") -> list[str]:
    """Rewrite the made parts of every guide, and the contribute pages; returns the files that
    changed (or would). Without `run`, the sample outputs are left as they are."""
    changed = []
    made_samples = {}
    for relative, lang in GUIDES.items():
        path = root / relative
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        if run is not None and lang not in made_samples and "made by bridges docs: sample." in text:
            made_samples[lang] = samples(root, lang, run)
        new = updated(text, lang, made_samples.get(lang, _kept(text)))
        pages = [(path, new)]
        if relative in SITE_PAGES and repository_url:
            pages.append((root / SITE_PAGES[relative], site_page(new, relative, repository_url, branch, lang)))
        for target, content in pages:
            if not target.is_file() or target.read_text(encoding="utf-8") != content:
                changed.append(target.relative_to(root).as_posix())
                if write:
                    target.write_text(content, encoding="utf-8")
    return changed


def _kept(text: str) -> dict[str, str]:
    """The sample parts of a guide as they are (when the command is not run)."""
    return {match["name"]: match["body"] for match in MARKER.finditer(text) if match["name"].startswith("sample.")}
