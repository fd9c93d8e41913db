"""A story bundle from the answers of a "Share a story" issue, and the words that go back to its
writer (a comment on the issue) and to the team (the pull request).

Every value is written as a quoted YAML string or as Markdown text below the front matter, so no
answer can add a field, a file or a path: the folder name is made of [a-z0-9-] only. The bundle is
then checked like any other (`bridges import-issue` runs the check); the build's HTML allow-list
cleans the text as it does every story's.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..model.locales import country_code_for
from ..model.problems import Problem, say
from ..model.site import Site
from ..sources.issue_form import Answers, FormField

LANGUAGES = {"English": "en", "Français": "fr"}  # the form's dropdown: other answers write in English
SECTIONS = ["what", "for-whom", "result"]  # the form's text fields, in the order of the story
SUMMARY_LENGTH = 280
SLUG_LENGTH = 60
REVIEW_AFTER = dt.timedelta(days=365)  # the team checks consent again within a year
URL = re.compile(r"^https?://\S+$")


@dataclass
class Imported:
    folder: Path
    slug: str
    lang: str  # the story's language, and the writer's
    number: int
    author: str
    title: str
    missing: list[FormField] = field(default_factory=list)  # required answers left empty
    unticked: list[FormField] = field(default_factory=list)  # consent boxes left unticked
    too_long: list[FormField] = field(default_factory=list)
    sections: dict[str, tuple[int, int]] = field(default_factory=dict)  # form field -> lines in the text

    @property
    def complete(self) -> bool:
        return not (self.missing or self.unticked or self.too_long)


def story_language(answers: Answers) -> str:
    return LANGUAGES.get(answers.get("language").strip(), "en")


def slug_for(title: str, number: int, taken) -> str:
    """A folder name from the title (ASCII letters, digits and hyphens), unique among `taken`."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:SLUG_LENGTH].strip("-") or f"story-{number}"
    return f"{slug}-{number}" if taken(slug) else slug


def write_story(site: Site, form: list[FormField], answers: Answers, number: int, author: str,
                today: dt.date) -> Imported:
    by_id = {one.id: one for one in form}
    lang = story_language(answers)
    title = " ".join(answers.get("story-title").split())
    folder_of = lambda slug: site.content_dir / site.content_types["case_study"].folder / slug  # noqa: E731
    slug = slug_for(title, number, lambda candidate: any(
        (site.content_dir / content_type.folder / candidate).exists() for content_type in site.content_types.values()))
    imported = Imported(folder_of(slug), slug, lang, number, author, title)
    for one in form:
        if one.required and not answers.get(one.id).strip() and one.kind != "checkboxes":
            imported.missing.append(one)
        if one.kind == "checkboxes" and answers.ticked.get(one.id, 0) < len(one.options):
            imported.unticked.append(one)
    imported.too_long = [by_id[field_id] for field_id in answers.too_long if field_id in by_id]

    imported.folder.mkdir(parents=True)
    (imported.folder / "meta.yml").write_text(_meta(site, answers, slug, lang, number, today), encoding="utf-8")
    (imported.folder / f"index.{lang}.md").write_text(_text(imported, by_id, answers), encoding="utf-8")
    return imported


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a double-quoted YAML string: nothing can escape it


def _meta(site: Site, answers: Answers, slug: str, lang: str, number: int, today: dt.date) -> str:
    place = " ".join(answers.get("country").split(",")[0].split())
    country = country_code_for(place) or place
    links = [line.strip() for line in answers.get("sources").splitlines() if URL.match(line.strip())]
    lines = [f"slug: {slug}", f"original_language: {lang}"]
    lines.append(f"countries: [{_quoted(country)}]" if country else "countries: []")
    if links:
        lines.append("links:")
        lines += [f"  - url: {_quoted(link)}" for link in links]
    lines += ["consent:",
              "  basis: no_identifiable_person",
              f"  date: {today.isoformat()}",
              f"  scope: {_quoted(say('story_consent_scope', lang, number=number))}",
              f"  review_date: {(today + REVIEW_AFTER).isoformat()}"]
    return "\n".join(lines) + "\n"


def _text(imported: Imported, by_id: dict[str, FormField], answers: Answers) -> str:
    lang = imported.lang
    what = " ".join(answers.get("what").split())
    first = re.split(r"(?<=[.!?])\s", what, maxsplit=1)[0]
    summary = first if len(first) <= SUMMARY_LENGTH else first[: SUMMARY_LENGTH - 1].rstrip() + "…"
    lines = ["---", f"title: {_quoted(imported.title)}", f"summary: {_quoted(summary)}", "---"]
    where = " ".join(answers.get("country").split())
    if where:
        lines += [say("story_where", lang, where=where), ""]
    for field_id in SECTIONS:
        text = answers.get(field_id).strip()
        if not text:
            continue
        start = _line_count(lines) + 1
        lines += [f"## {by_id[field_id].label_in(lang)}", "", text, ""]
        imported.sections[field_id] = (start, _line_count(lines))
    other = [line.strip() for line in answers.get("sources").splitlines()
             if line.strip() and not URL.match(line.strip())]
    if other:
        start = _line_count(lines) + 1
        lines += [f"## {by_id['sources'].label_in(lang)}", ""] + [f"- {line}" for line in other] + [""]
        imported.sections["sources"] = (start, _line_count(lines))
    return "\n".join(lines).rstrip() + "\n"


def _line_count(lines: list[str]) -> int:
    """How many lines of the file `lines` fill (an answer may hold several)."""
    return sum(line.count("\n") + 1 for line in lines)


# --- what goes back to the writer and to the team ----------------------------------------------

def form_field_of(problem: Problem, imported: Imported, by_id: dict[str, FormField]) -> FormField | None:
    """The form field a problem of the bundle comes from, so that the writer knows what to edit."""
    name = problem.path.name
    if name == "meta.yml":
        if problem.field.startswith("countries"):
            return by_id["country"]
        if problem.field.startswith("links"):
            return by_id["sources"]
        return None
    if problem.field == "title":
        return by_id["story-title"]
    if problem.field == "summary":
        return by_id["what"]
    for field_id, (start, end) in imported.sections.items():
        if start <= (problem.line or 0) <= end:
            return by_id[field_id]
    return None


def comment(imported: Imported, form: list[FormField], problems: list[Problem]) -> str:
    """The comment on the issue, in the writer's language: what to change in the form, or thanks."""
    lang = imported.lang
    by_id = {one.id: one for one in form}
    items = [say("story_empty", lang, label=one.label_in(lang)) for one in imported.missing]
    items += [say("story_boxes", lang, label=one.label_in(lang)) for one in imported.unticked]
    items += [say("story_too_long", lang, label=one.label_in(lang)) for one in imported.too_long]
    empty = {one.id for one in imported.missing}
    for problem in problems:
        if problem.warning:
            continue
        source = form_field_of(problem, imported, by_id)
        if problem.code.startswith("todo_placeholder") or (source is not None and source.id in empty):
            continue  # said above, in the form's words
        text = problem.text(lang)
        items.append(say("story_problem", lang, label=source.label_in(lang), text=text) if source
                     else say("story_problem_team", lang, text=text))
    if not items:
        return say("story_accepted", lang, title=imported.title) + "\n"
    return say("story_to_change", lang) + "\n\n" + "\n".join(f"- {item}" for item in items) + "\n"


def pull_request(imported: Imported, answers: Answers, author_id: str = "") -> tuple[str, str, str]:
    """(title, body, commit message) of the pull request, for the team, crediting the writer (as
    the commit's co-author when GitHub's numeric id of the account is known)."""
    title = say("story_pr_title", "en", title=imported.title[:120], number=imported.number)
    contact = " ".join(answers.get("consent-contact").split())[:500] or "-"
    extra = answers.get("anything-else").strip()[:2000] or "-"
    body = say("story_pr_body", "en", author=imported.author, number=imported.number,
               folder=imported.folder.relative_to(imported.folder.parents[2]).as_posix(), contact=contact, extra=extra)
    message = f"{title}\n\n{say('story_pr_credit', 'en', author=imported.author, number=imported.number)}\n"
    if author_id.isdigit():
        message += f"\nCo-authored-by: {imported.author} <{author_id}+{imported.author}@users.noreply.github.com>\n"
    return title, body, message
