"""The document properties that name a person: who wrote a file and who last edited it.

Word, LibreOffice and PDF writers fill these in from the account of whoever saved the file: a
story's document would publish the name of a volunteer, or of the person the story is about,
whatever the item's consent allows. A published document's properties hold no one's name: the
site says who publishes it. Read without running anything: the XML of an office file through
defusedxml, a PDF's information dictionary and XMP through pypdf.
"""
from __future__ import annotations

import io
import logging
import zipfile

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

DC = "http://purl.org/dc/elements/1.1/"
# Where each kind of document keeps the names of people: file -> the elements that hold a name.
OFFICE_NAMES = {
    "docProps/core.xml": {f"{{{DC}}}creator": "author",
                          "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}lastModifiedBy":
                              "last edited by"},
    "meta.xml": {"{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}initial-creator": "author",
                 f"{{{DC}}}creator": "last edited by"},
}
OFFICE_KINDS = {"docx", "pptx", "odt", "odp"}
# An SVG drawing's <metadata> (Dublin Core, as Inkscape writes it): who made the drawing.
SVG_NAMES = {f"{{{DC}}}creator": "author", f"{{{DC}}}contributor": "contributor"}
PDF_NAMES = {"/Author": "author"}
_READ_LIMIT = 1_000_000  # a properties file is a few kilobytes


def named_people(kind: str, data: bytes) -> list[tuple[str, str]]:
    """(property, value) for each property of a document of `kind` that names someone."""
    if kind in OFFICE_KINDS:
        return _office(data)
    if kind == "pdf":
        return _pdf(data)
    if kind == "svg":
        return _svg(data)
    return []


def _svg(data: bytes) -> list[tuple[str, str]]:
    """Read after bridges.rules.svg has accepted the drawing (UTF-8, no entity)."""
    try:
        root = ElementTree.fromstring(data)
    except (ElementTree.ParseError, DefusedXmlException, ValueError):
        return []
    return [(label, text.strip()) for tag, label in SVG_NAMES.items()
            for element in root.iter(tag) for text in element.itertext() if text.strip()]


def _office(data: bytes) -> list[tuple[str, str]]:
    found = []
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        for name, elements in OFFICE_NAMES.items():
            if name not in archive.namelist():
                continue
            with archive.open(name) as stream:
                root = ElementTree.fromstring(stream.read(_READ_LIMIT))
            for element in root.iter():
                if element.tag in elements and (element.text or "").strip():
                    found.append((elements[element.tag], element.text.strip()))
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, ElementTree.ParseError, DefusedXmlException):
        return []  # not this module's concern: the kind check says when a file is damaged
    return found


def _pdf(data: bytes) -> list[tuple[str, str]]:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # a damaged file is said once, in the message
    found = []
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        info = reader.metadata or {}
        for key, label in PDF_NAMES.items():
            value = info.get(key)
            if value is not None and str(value).strip():
                found.append((label, str(value).strip()))
        metadata = reader.trailer["/Root"].get("/Metadata")
        if metadata is not None:  # XMP, read with defusedxml (pypdf's own reader expands entities)
            root = ElementTree.fromstring(metadata.get_object().get_data()[:_READ_LIMIT])
            for creator in root.iter(f"{{{DC}}}creator"):
                found += [("author", text.strip()) for text in creator.itertext() if text.strip()]
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError,
            ElementTree.ParseError, DefusedXmlException):
        return found
    return found


# What a PDF reader runs or opens by itself: scripts, actions on opening or on a page, forms that
# compute (XFA), files inside the file, commands to launch. A document for reading needs none.
PDF_ACTIONS = {"/JavaScript", "/JS", "/Launch", "/SubmitForm", "/ImportData", "/GoToE", "/RichMedia"}


def pdf_active_parts(data: bytes) -> list[str]:
    """The names of what a PDF would run or open by itself; empty for a document that is only read."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    found: list[str] = []
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        root = reader.trailer["/Root"].get_object()
        found += [key for key in ("/OpenAction", "/AA") if key in root]
        names = root.get("/Names")
        if names is not None:
            found += [key for key in ("/JavaScript", "/EmbeddedFiles") if key in names.get_object()]
        form = root.get("/AcroForm")
        if form is not None and "/XFA" in form.get_object():
            found.append("/XFA")
        for page in reader.pages[:2000]:
            if "/AA" in page:
                found.append("/AA")
            for annotation in (page.get("/Annots") or [])[:1000]:
                annotation = annotation.get_object()
                action = annotation.get("/A")
                kind = action.get_object().get("/S") if action is not None else None
                if kind in PDF_ACTIONS or "/AA" in annotation or annotation.get("/Subtype") == "/FileAttachment":
                    found.append(str(kind or annotation.get("/Subtype") or "/AA"))
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError):
        return found
    return sorted(set(found))
