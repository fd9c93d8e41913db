"""The rules that need more than a schema: vocabularies, references, files, alt text, consent.

Each rule looks at one item (or all of them) and yields Problems; check_content runs them all.
"""
from __future__ import annotations

import bisect
import datetime as dt
import difflib
import html
import os
import posixpath
import re
from collections import defaultdict
from pathlib import Path, PurePosixPath

from ..model.file_kinds import ROLES
from ..model.limits import MAX_FILE_BYTES
from ..model.locales import country_code_for, is_country, is_language
from ..model.problems import Problem, working_on
from ..model.registry import REGISTRY
from ..model.schemas import Item, is_placeholder
from ..sources.load import INDEX_FILE, Content, original_path
from ..sources.yamlsource import control_character, field_name, line_in
from . import assets
from . import pictures
from .markdown_limits import markdown_problems
from .pages import handwritten_pages
from .translations import outdated_translations

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# The alt text stops at the next bracket, so that the scans from two "![" never overlap: with
# [^\]]* a body of 50,000 "![" took 50 s (each scanned to the end of the text).
MARKDOWN_IMAGE = re.compile(r"!\[(?P<alt>[^\[\]]*)\]\((?P<src>[^)\s]+)")
FIRST_YEAR = 1900


def check_content(content: Content, today: dt.date | None = None, only: list[Item] | None = None) -> list[Problem]:
    """Every problem of the loaded content (or of the `only` items, for `bridges check PATH`),
    loading problems included, sorted by file and line."""
    today = today or dt.date.today()
    problems = list(content.problems)
    items = content.items if only is None else only
    for item in items:
        with working_on(item.folder.relative_to(item.root)):
            for rule in ITEM_RULES:
                problems.extend(rule(item, content, today))
    problems.extend(unique_slugs(content, items))
    if only is None:  # the whole content is loaded: what site.yml features can be looked up
        problems.extend(featured_items(content))
        problems.extend(handwritten_pages(content))
    problems.extend(outdated_translations(content, items))
    return sorted(set(problems), key=Problem.sort_key)


def _meta_problem(item: Item, path: tuple, code: str, **params) -> Problem:
    path = original_path(path, item.meta_moved)
    line = line_in(item.meta_lines, path)
    shown = item.folder.relative_to(item.root) / "meta.yml"
    return Problem(shown, line, field_name(path), code, params)


def _suggestion(value, choices) -> str:
    close = difflib.get_close_matches(str(value), [str(choice) for choice in choices], n=1, cutoff=0.6)
    return close[0] if close else ""


# --- rules on one item ---------------------------------------------------------------------

def slug_format(item: Item, content: Content, today):
    if not SLUG.match(item.slug):
        yield _meta_problem(item, ("slug",), "bad_slug", slug=item.slug,
                            proposal=re.sub(r"[^a-z0-9]+", "-", item.slug.lower()).strip("-"))


def vocabulary_values(item: Item, content: Content, today):
    site = content.site
    meta = item.meta
    checks = [("themes", "themes", meta.themes), ("audiences", "audiences", meta.audiences),
              ("sdgs", "sdgs", meta.sdgs)]
    if getattr(meta, "lab_kind", None) is not None:  # None: refused by the schema, already reported
        checks.append(("lab_kind", "lab_kinds", [meta.lab_kind]))
    for name, vocabulary, values in checks:
        allowed = site.vocabularies[vocabulary]
        for index, value in enumerate(values):
            if value not in allowed and not is_placeholder(value):
                path = (name,) if name == "lab_kind" else (name, index)
                suggestion = _suggestion(value, allowed)
                yield _meta_problem(item, path, "not_in_taxonomy" if suggestion else "not_in_taxonomy_no_match",
                                    value=value, vocabulary=vocabulary, suggestion=suggestion)


def countries(item: Item, content: Content, today):
    fields = [(("countries", index), code) for index, code in enumerate(item.meta.countries)]
    fields += [(("partners", index, "country"), partner.country)
               for index, partner in enumerate(getattr(item.meta, "partners", [])) if partner.country]
    for path, code in fields:
        if not is_country(code) and not is_placeholder(code):
            proposal = country_code_for(code)
            yield _meta_problem(item, path, "bad_country" if proposal else "bad_country_no_match",
                                value=code, suggestion=proposal or "")


def languages(item: Item, content: Content, today):
    site = content.site
    meta = item.meta
    if meta.original_language is None:  # refused by the schema, already reported
        pass
    elif meta.original_language not in site.language_codes:
        yield _meta_problem(item, ("original_language",), "original_not_site_language",
                            lang=meta.original_language, languages=", ".join(site.language_codes))
    elif meta.original_language not in item.texts:
        yield _meta_problem(item, ("original_language",), "original_text_missing", lang=meta.original_language)
    coded = [(("downloads", index, "language"), download.language) for index, download in enumerate(meta.downloads)]
    if getattr(meta, "article_language", None) is not None:
        coded.append((("article_language",), meta.article_language))
    for path, code in coded:
        if not is_language(code) and not is_placeholder(code):
            yield _meta_problem(item, path, "bad_language", value=code)


def references(item: Item, content: Content, today):
    for name, type_key in REGISTRY[item.type].references.items():
        for index, slug in enumerate(getattr(item.meta, name)):
            if content.get(type_key, slug) is None:
                known = [other.slug for other in content.of_type(type_key)]
                yield _meta_problem(item, (name, index), "unknown_reference", value=slug,
                                    kind=type_key, suggestion=_suggestion(slug, known) or ", ".join(known[:8]))


def years(item: Item, content: Content, today):
    meta = item.meta
    for name in ("year", "year_end"):
        value = getattr(meta, name)
        if value is not None and not FIRST_YEAR <= value <= today.year + 1:
            yield _meta_problem(item, (name,), "bad_year", value=value, last=today.year + 1)
    if meta.year and meta.year_end and meta.year_end < meta.year:
        yield _meta_problem(item, ("year_end",), "year_end_before_year", year=meta.year, year_end=meta.year_end)


def bundle_files(item: Item, content: Content, today):
    meta = item.meta
    references = [(("images", index, "file"), image.file) for index, image in enumerate(meta.images)]
    references += [(("downloads", index, "file"), download.file) for index, download in enumerate(meta.downloads)]
    for path, reference in references:
        code = file_problem(item.folder, reference)
        if code:
            yield _meta_problem(item, path, code, value=reference)
    root = item.root
    for text in item.texts.values():
        line_of = _line_finder(text.body)
        for start, src, alt in _body_images(text.body):
            line = text.body_line + line_of(start)
            shown = text.path.relative_to(root)
            if re.match(r"^(https?:)?//", src):
                code = "remote_image"
            elif re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", src):  # data:, javascript:...
                code = "image_not_a_file"
            else:
                code = file_problem(item.folder, src) if src else None
            if code:
                yield Problem(shown, line, "body", code, {"value": _shorten(src)})
            if not alt.strip():
                yield Problem(shown, line, "body", "image_alt_missing_body", {"value": _shorten(src)})




def _raw_attribute(tag: str, name: str) -> str | None:
    match = re.search(rf"""\s{name}\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", tag, re.I)
    return None if match is None else next(group for group in match.groups() if group is not None)


def _line_finder(body: str):
    """offset -> line (0-based) in `body`, in log time: counting the lines before each image
    again would be quadratic in a text of thousands of images."""
    newlines = [match.start() for match in re.finditer("\n", body)]
    return lambda offset: bisect.bisect_left(newlines, offset)


def _body_images(body: str):
    """(offset, src, alt) of every image of a text: Markdown ![alt](src) and raw HTML <img>."""
    for match in MARKDOWN_IMAGE.finditer(body):
        yield match.start(), match["src"], match["alt"]
    for start, tag in _raw_image_tags(body):
        yield start, html.unescape(_raw_attribute(tag, "src") or ""), _raw_attribute(tag, "alt") or ""


def _raw_image_tags(body: str):
    """(offset, text) of every `<img ...>` tag, in one pass: a regular expression would scan from
    each "<img" to the end of a text that has no ">" after them."""
    lower = body.lower()
    start = lower.find("<img")
    while start != -1:
        end = body.find(">", start)
        if end == -1:
            return  # no tag can close after this one either
        after = lower[start + 4: start + 5]
        if not (after.isalnum() or after == "_"):  # <img followed by a word boundary
            yield start, body[start:end + 1]
        start = lower.find("<img", end + 1)


def file_problem(bundle: Path, reference: str) -> str | None:
    """Why `reference` is not a usable file of this bundle, or None if it is."""
    relative = PurePosixPath(reference)
    if relative.is_absolute() or reference.startswith(("/", "\\")) or re.match(r"^[a-zA-Z]:", reference):
        return "path_absolute"
    if ".." in relative.parts:
        return "path_parent"
    try:
        return _file_on_disk(bundle, bundle / relative)
    except (OSError, ValueError):  # a name too long for the system, a NUL byte: no such file
        return "file_not_found"


def _file_on_disk(bundle: Path, target: Path) -> str | None:
    if not target.exists() and not target.is_symlink():
        return "file_not_found"
    real = Path(os.path.realpath(target))
    if target.is_symlink() or not real.is_relative_to(Path(os.path.realpath(bundle))):
        return "path_leaves_bundle"
    if not real.is_file():
        return "not_a_file"
    if real.stat().st_size > MAX_FILE_BYTES:
        return "file_too_large"
    return None


def image_alt_text(item: Item, content: Content, today):
    ids = [image.id for image in item.meta.images]
    root = item.root
    for lang, text in item.texts.items():
        shown = text.path.relative_to(root)
        for image_id in ids:
            if not (text.front.image_alt.get(image_id) or "").strip():
                line = line_in(text.front_lines, ("image_alt", image_id))
                yield Problem(shown, line, f"image_alt.{image_id}", "image_alt_missing", {"id": image_id, "lang": lang})
        for image_id in text.front.image_alt:
            if image_id not in ids:
                line = line_in(text.front_lines, ("image_alt", image_id))
                yield Problem(shown, line, f"image_alt.{image_id}", "image_alt_unknown",
                              {"id": image_id, "ids": ", ".join(ids) or "-"})


def consent(item: Item, content: Content, today):
    record = getattr(item.meta, "consent", None)
    if record is not None and record.review_date < today:
        # Without a named contact, the team acts; it is named in the reader's language.
        code = "consent_expired" if record.renewal_contact else "consent_expired_team"
        yield _meta_problem(item, ("consent", "review_date"), code, date=record.review_date.isoformat(),
                            contact=record.renewal_contact or "", email=content.site.contact_email)


def campaign_period(item: Item, content: Content, today):
    """A campaign says whether it runs, and since when: its pages print its period."""
    meta = item.meta
    if item.type != "campaign":
        return
    if meta.start and meta.end and meta.end < meta.start:
        yield _meta_problem(item, ("end",), "campaign_end_before_start", start=meta.start.isoformat(),
                            end=meta.end.isoformat())
    if meta.status == "running":
        if meta.start is None:
            yield _meta_problem(item, ("status",), "campaign_running_without_start")
        if meta.end and meta.end < today:  # a warning: the build goes on, the editors update it
            problem = _meta_problem(item, ("status",), "campaign_has_ended", end=meta.end.isoformat())
            yield Problem(problem.path, problem.line, problem.field, problem.code, problem.params, warning=True)
    else:
        for name in ("start", "end"):
            day = getattr(meta, name)
            if day and day > today:
                yield _meta_problem(item, (name,), "campaign_over_in_future", date=day.isoformat())


def campaign_figures(item: Item, content: Content, today):
    """Every key figure has a source (an item of this site, or a named source), a plausible date,
    a unique id and a label in every language the campaign is written in."""
    if item.type != "campaign":
        return
    ids = [figure.id for figure in item.meta.figures]
    for index, figure in enumerate(item.meta.figures):
        source = figure.source
        if bool(source.item) == bool(source.name) or (source.item and source.url):
            yield _meta_problem(item, ("figures", index, "source"), "figure_source_one")
        elif source.item:
            type_key, _, slug = source.item.partition("/")
            if type_key not in content.site.content_types or content.get(type_key, slug) is None:
                known = [other.type + "/" + other.slug for other in content.items if other.type != "campaign"]
                yield _meta_problem(item, ("figures", index, "source", "item"), "unknown_reference",
                                    value=source.item, kind="type/slug",
                                    suggestion=_suggestion(source.item, known) or ", ".join(known[:3]))
        if isinstance(figure.date, int) and not FIRST_YEAR <= figure.date <= today.year:
            yield _meta_problem(item, ("figures", index, "date"), "bad_year", value=figure.date, last=today.year)
        elif isinstance(figure.date, dt.date) and figure.date > today:
            yield _meta_problem(item, ("figures", index, "date"), "figure_date_future", date=figure.date.isoformat())
        if figure.id in ids[:index]:
            yield _meta_problem(item, ("figures", index, "id"), "figure_id_twice", id=figure.id)
    root = item.root
    for lang, text in item.texts.items():
        labels = getattr(text.front, "figure_labels", {}) or {}
        shown = text.path.relative_to(root)
        for figure_id in ids:
            if not (labels.get(figure_id) or "").strip():
                yield Problem(shown, line_in(text.front_lines, ("figure_labels",)), f"figure_labels.{figure_id}",
                              "figure_label_missing", {"id": figure_id, "lang": lang})
        for figure_id in labels:
            if figure_id not in ids:
                yield Problem(shown, line_in(text.front_lines, ("figure_labels", figure_id)),
                              f"figure_labels.{figure_id}", "figure_label_unknown",
                              {"id": figure_id, "ids": ", ".join(ids) or "-"})


def _shorten(value: str, limit: int = 80) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def referenced_files(item: Item) -> dict[str, set[str]]:
    """Bundle-relative path -> how the item uses it ("pictures", "downloads"), for every file it
    references: meta.yml images and downloads, and images in its texts. Only these are published.
    References that leave the bundle or name another site are left out (bundle_files reports them)."""
    used: dict[str, set[str]] = defaultdict(set)
    references = [(image.file, "pictures") for image in item.meta.images]
    references += [(download.file, "downloads") for download in item.meta.downloads]
    references += [(src, "pictures") for text in item.texts.values() for _, src, _ in _body_images(text.body)]
    for reference, role in references:
        relative = PurePosixPath(posixpath.normpath(reference)) if reference else None
        if (relative is None or relative.is_absolute() or ".." in relative.parts or reference.startswith("\\")
                or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", reference)):
            continue
        used[relative.as_posix()].add(role)
    return used


def _bundle_files(folder: Path):
    """Every file and link under a bundle, without following links (a link to a folder is listed,
    not entered)."""
    for directory, folders, files in os.walk(folder, followlinks=False):
        for name in sorted(folders + files):
            yield Path(directory) / name


def published_files(item: Item, content: Content, today):
    """A bundle holds its meta.yml, its index.<lang>.md texts, and the files the item uses, each of
    a kind its content type allows (content/taxonomy.yml, bridges/file_kinds.yml) and verified from
    its bytes. Anything else is refused: it would not be published, and may be harmful."""
    root = item.root
    used = referenced_files(item)
    content_type = content.site.content_types[item.type]
    for path in sorted(_bundle_files(item.folder)):
        relative = path.relative_to(item.folder).as_posix()
        shown = path.relative_to(root)
        if path.is_symlink():
            yield Problem(shown, 1, "", "symlink")
            continue
        if not path.is_file() or relative == "meta.yml" or ("/" not in relative and INDEX_FILE.match(relative)):
            continue
        if path.stat().st_size > MAX_FILE_BYTES:
            yield Problem(shown, 1, "", "file_too_large", {"value": path.name})
            continue
        too_costly = pictures.too_costly(path)  # before anything decodes it
        if too_costly:
            yield Problem(shown, 1, "", *too_costly)
            continue
        roles = used.get(relative)
        if not roles:
            code = "markdown_in_bundle" if path.suffix.lower() in (".md", ".markdown") else "file_unused"
            yield Problem(shown, 1, "", code, {"value": path.name})
            continue
        allowed = tuple(dict.fromkeys(key for role in ROLES if role in roles
                                      for key in content_type.allowed_files(role)))
        try:
            kind = assets.check_file(relative, path.read_bytes(), allowed)
        except assets.Refused as refused:
            yield Problem(shown, 1, "", refused.code, {key: _shorten(str(value), 160)
                                                       for key, value in refused.params.items()})
            continue
        if kind.raster:
            try:
                pictures.inspect(path)
            except pictures.ImageError as error:
                yield Problem(shown, 1, "", "image_unreadable", {"reason": _shorten(str(error), 120)})


def file_names(item: Item, content: Content, today):
    """Every name in the bundle is text a browser, a ZIP and a terminal can show: UTF-8 (a name
    in another encoding crashed the build), and no control character (a newline in a name
    would fake a line of `bridges check`)."""
    root = item.root
    for folder, folders, files in os.walk(item.folder):
        folders.sort()
        for name in sorted(folders + files):
            if _bad_name(name):
                yield Problem((Path(folder) / name).relative_to(root), 1, "", "bad_file_name")
            elif not assets.plain_file_name(name):
                yield Problem((Path(folder) / name).relative_to(root), 1, "", "file_name_not_plain")
        folders[:] = [name for name in folders if not _bad_name(name)]


def _bad_name(name: str) -> bool:
    """A control character, a tab or a newline, or the bytes of a non-UTF-8 name (surrogates)."""
    return bool(control_character(name)) or "\n" in name or "\t" in name



def markdown_structure(item: Item, content: Content, today):
    """Texts that Markdown would take minutes to render, or crash on (bridges.rules.markdown_limits)."""
    for text in item.texts.values():
        shown = text.path.relative_to(item.root)
        for offset, code, params in markdown_problems(text.body):
            yield Problem(shown, text.body_line + offset, "body", code, params)


def images_shown_once(item: Item, content: Content, today):
    """A picture of meta.yml's images is shown before the text; the same file in the body would
    show it twice (the worked example of the guide once did)."""
    listed = {PurePosixPath(image.file).as_posix(): image.id for image in item.meta.images}
    root = item.root
    for text in item.texts.values():
        line_of = _line_finder(text.body)
        for start, src, _alt in _body_images(text.body):
            image_id = listed.get(PurePosixPath(src.removeprefix("./")).as_posix())
            if image_id:
                line = text.body_line + line_of(start)
                yield Problem(text.path.relative_to(root), line, "body", "image_shown_twice",
                              {"value": _shorten(src), "id": image_id}, warning=True)


ITEM_RULES = [file_names, markdown_structure, slug_format, vocabulary_values, countries, languages, references, years,
              bundle_files, published_files, image_alt_text, images_shown_once, consent, campaign_period,
              campaign_figures]


# --- rules across items --------------------------------------------------------------------

def unique_slugs(content: Content, items: list[Item]):
    """A slug names one item across all types. The folders on disk are compared, so that checking
    one bundle needs no other item loaded."""
    site = content.site
    by_slug = defaultdict(list)
    for content_type in site.content_types.values():
        folder = site.content_dir / content_type.folder
        for bundle in sorted(folder.iterdir()) if folder.is_dir() else []:
            if bundle.is_dir() and not bundle.name.startswith(("_", ".")):
                by_slug[bundle.name].append(bundle)
    for item in items:
        folders = by_slug.get(item.slug, [])
        if len(folders) > 1:
            others = ", ".join(str(folder.relative_to(site.root)) for folder in folders)
            yield _meta_problem(item, ("slug",), "slug_taken", slug=item.slug, others=others)


def featured_items(content: Content):
    """What content/site.yml features on the home page exists."""
    site = content.site
    for type_key, slugs in site.featured.items():
        for index, slug in enumerate(slugs):
            path = ("featured", type_key, index)
            if type_key not in site.content_types:
                yield Problem(Path("content/site.yml"), line_in(site.featured_lines, path[:2]), field_name(path[:2]),
                              "featured_unknown_type", {"value": type_key, "types": ", ".join(site.content_types)})
                break
            if content.get(type_key, slug) is None:
                known = [other.slug for other in content.of_type(type_key)]
                yield Problem(Path("content/site.yml"), line_in(site.featured_lines, path), field_name(path),
                              "unknown_reference", {"value": slug, "kind": type_key,
                                                    "suggestion": _suggestion(slug, known) or ", ".join(known[:8])})
