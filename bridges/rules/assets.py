"""Which files of a bundle may be published from the site's own address: an allow-list.

Every published file is a document of the site: a browser that opens it treats it as part of the
site, whatever page links to it. So a bundle publishes only what is declared and verified:
- each content type lists the kinds of file it may carry as pictures and as downloads
  (content/taxonomy.yml), and the kinds themselves are described in bridges/model/file_kinds.yml;
- a file is published only when the item uses it (meta.yml images and downloads, images in the
  text), its name ends with an extension of its kind, and its bytes are that kind (read by the
  `filetype` library; SVG by bridges.svg; text must be UTF-8 without control characters);
- a ZIP archive is opened and every file inside it must be an allowed kind too;
- a document's properties name no one (bridges.rules.properties).
Everything else (HTML, scripts, programs, Markdown, XML, unused files) is refused by
`bridges check`.
"""
from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import PurePosixPath

import filetype

from ..model.file_kinds import Kind, archive_limits, kind_by_name, kinds, label, labels
from .properties import named_people, pdf_active_parts
from .svg import SvgRefused, check_svg

TEXT_CONTROLS = {chr(code) for code in range(32) if chr(code) not in "\t\n\r"} | {"\x7f"}


class Refused(Exception):
    """Why a file may not be published: a message code (messages.yml) and its parameters."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code, self.params = code, params


def what_it_is(data: bytes) -> str:
    """What the bytes are, in a few words for a message: `application/x-msdownload (exe)`, `text`."""
    guessed = filetype.guess(data[:8192])
    if guessed is not None:
        return f"{guessed.mime} ({guessed.extension})"
    if _is_text(data):
        stripped = data.lstrip()[:200].lower()
        if stripped.startswith((b"<!doctype", b"<html", b"<?xml", b"<svg", b"<script")):
            return "HTML or XML"
        return "text"
    return "unknown data"


def check_file(name: str, data: bytes, allowed: tuple[str, ...] | list[str]) -> Kind:
    """The kind of a file about to be published (`name` is its path in the bundle), or Refused."""
    kind = kind_by_name(name)
    if kind is None or kind.key not in allowed:
        raise Refused("file_kind_refused", found=_found(name, data), allowed=", ".join(
            f".{extension}" for key in allowed for extension in kinds()[key].extensions))
    _check_bytes(kind, name, data)
    if kind.members:
        _check_archive(kind, name, data)
    active = pdf_active_parts(data) if kind.key == "pdf" else []
    if active:
        raise Refused("pdf_active", found=f"a PDF that runs or opens something by itself ({', '.join(active)[:80]})",
                      parts=", ".join(active)[:80])
    people = named_people(kind.key, data)
    if people:  # the names themselves are not repeated: the check's output is public in CI
        fields = ", ".join(dict.fromkeys(field for field, _ in people))
        raise Refused("document_names_person", fields=fields, found=f"properties that name a person ({fields})")
    return kind


def _found(name: str, data: bytes) -> str:
    suffix = PurePosixPath(name).suffix.lower()
    return f"{suffix or name}, {what_it_is(data)}"


def _check_bytes(kind: Kind, name: str, data: bytes) -> None:
    if "svg" in kind.detect:
        try:
            check_svg(data)
        except SvgRefused as refused:
            raise Refused("svg_unsafe", found=str(refused)[:80]) from None
        return
    if "text" in kind.detect:
        if not _is_text(data) or filetype.guess(data[:8192]) is not None:
            raise Refused("file_kind_mismatch", kind=label(kind.key), found=what_it_is(data))
        if kind.key == "csv":
            _check_table(data.decode("utf-8"))
        return
    guessed = filetype.guess(data[:8192])
    if guessed is None or guessed.extension not in kind.detect:
        raise Refused("file_kind_mismatch", kind=label(kind.key), found=what_it_is(data))


# A spreadsheet runs a cell that starts with one of these as a formula (=HYPERLINK, =cmd|..., @SUM...):
# opened by an NGO in Excel or LibreOffice, a table from the site could run a command or send its
# data elsewhere. Such a cell may only be a number (-12, +3.5).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d{1,30}([.,]\d{1,30})?%?")


def _check_table(text: str) -> None:
    try:
        for number, row in enumerate(csv.reader(io.StringIO(text, newline="")), start=1):
            for cell in row:
                if cell.startswith(_FORMULA_START) and not _NUMBER.fullmatch(cell.strip()):
                    raise Refused("csv_formula", row=number, cell=cell[:40])
    except csv.Error as error:  # a cell of more than 128 kB, a quote left open...
        raise Refused("file_kind_mismatch", kind=label("csv"), found=f"a table that cannot be read ({error})") from None


# A name is letters and digits (of any script), with spaces, hyphens, underscores and dots inside:
# no bidirectional override (U+202E shows `a\u202egnp.exe` as `aexe.png`), no invisible or look-alike
# punctuation, nothing a shell or a URL reads specially.
_PLAIN_NAME = re.compile(r"[^\W_][\w .-]{0,150}")
# Windows cannot create these (a device name, whatever the extension): a volunteer on Windows could
# no longer clone the repository. Nor a name that ends with a dot or a space (Windows drops them).
_WINDOWS_DEVICES = re.compile(r"(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?", re.I)


def plain_file_name(name: str) -> bool:
    return bool(_PLAIN_NAME.fullmatch(name)) and not _WINDOWS_DEVICES.fullmatch(name) and not name.endswith((".", " "))


def _is_text(data: bytes) -> bool:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not any(char in TEXT_CONTROLS for char in text)


def _check_archive(kind: Kind, name: str, data: bytes) -> None:
    limits = archive_limits()
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise Refused("file_kind_mismatch", kind=label(kind.key), found=f"a damaged archive ({error})") from None
    members = [entry for entry in entries if not entry.is_dir()]
    if len(members) > limits["members"] or sum(entry.file_size for entry in members) > limits["unpacked_bytes"]:
        raise Refused("archive_too_large", members=len(members),
                      size=sum(entry.file_size for entry in members) // 1_000_000,
                      limit_members=limits["members"], limit_size=limits["unpacked_bytes"] // 1_000_000)
    for entry in members:
        parts = PurePosixPath(entry.filename.replace("\\", "/")).parts
        if (entry.filename.startswith(("/", "\\")) or not all(plain_file_name(part) for part in parts)
                or (entry.external_attr >> 16) & 0o170000 == 0o120000):
            raise Refused("archive_member_refused", member=entry.filename[:80], found="a path that leaves the archive or is not plain",
                          allowed=labels(kind.members))
        try:
            with archive.open(entry) as stream:
                content = stream.read(limits["unpacked_bytes"] + 1)
            check_file(entry.filename, content, kind.members)
        except Refused as refused:
            found = refused.params.get("found", refused.code)
            raise Refused("archive_member_refused", member=entry.filename[:80], found=found,
                          allowed=labels(kind.members)) from None
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError, EOFError) as error:
            raise Refused("archive_member_refused", member=entry.filename[:80], found=f"unreadable ({error})",
                          allowed=labels(kind.members)) from None
