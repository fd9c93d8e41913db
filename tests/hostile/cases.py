"""The hostile and broken content corpus: what a careless or malicious contributor may submit.

Each case is a case-study bundle in the folder of the same name beside this file; files that are
big, binary or links are made by the case's `make` function when the bundle is installed.
A case is either
- "harmless": `bridges check` accepts it, and the built page must carry no live script, no on*
  attribute, no javascript:/data: URL, no iframe, no style attribute (tests/test_hostile.py);
  the shared test build (tests/conftest.py) includes every harmless case;
- "rejected": `bridges check` refuses it, and `expect` lists what its messages must say.
"""
from __future__ import annotations

import io
import os
import shutil
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
TYPE_FOLDER = "case_studies"


def _png(width: int = 8, height: int = 8) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 60, 40)).save(buffer, format="PNG")
    return buffer.getvalue()


def _giant_png(width: int = 8_000, height: int = 6_000) -> bytes:
    """A small file that claims 48 million pixels: decoding many of them would exhaust memory."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 4096))
            + chunk(b"IEND", b""))


def make_front_matter(bundle: Path) -> None:
    (bundle / "images").mkdir(exist_ok=True)
    (bundle / "images" / "pic.png").write_bytes(_png())


def make_symlinks(bundle: Path) -> None:
    (bundle / "files").mkdir(exist_ok=True)
    os.symlink("/etc/passwd", bundle / "files" / "passwd.pdf")
    (bundle / "images").mkdir(exist_ok=True)
    os.symlink("../../../labs", bundle / "images" / "labs")  # a folder outside the bundle
    os.symlink("../../labs/media-lab/index.en.md", bundle / "index.fr.md")


def make_too_large(bundle: Path) -> None:
    (bundle / "files").mkdir(exist_ok=True)
    with open(bundle / "files" / "huge.pdf", "wb") as stream:  # sparse: takes no disk space
        stream.truncate(26_000_000)


def make_bad_utf8(bundle: Path) -> None:
    (bundle / "index.en.md").write_bytes(
        b"---\ntitle: Bad bytes\nsummary: Latin-1 saved as if it were UTF-8.\n---\nLine five is fine.\n"
        b"Line six has caf\xe9 and \xff\xfe bytes.\n")


def make_long_line(bundle: Path) -> None:
    line = "A" * 2_000_000
    (bundle / "index.en.md").write_text(f"---\ntitle: Long line\nsummary: One line of two megabytes.\n---\n{line}\n",
                                        encoding="utf-8")


def make_broken_images(bundle: Path) -> None:
    (bundle / "images").mkdir(exist_ok=True)
    (bundle / "images" / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 this is not really a JPEG" * 10)
    (bundle / "images" / "giant.png").write_bytes(_giant_png())


def _camera_photo(image_format: str, width: int = 640, height: int = 480) -> bytes:
    """A picture that says where it was taken: EXIF with GPS coordinates, and XMP (PNG: text too)."""
    from PIL import ExifTags, Image
    from PIL.PngImagePlugin import PngInfo

    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "TestCam"
    exif.get_ifd(ExifTags.IFD.GPSInfo).update({ExifTags.GPS.GPSLatitudeRef: "N",
                                               ExifTags.GPS.GPSLatitude: (45.0, 45.0, 30.0)})
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><exif:GPSLatitude>45,45.5N</exif:GPSLatitude></x:xmpmeta>'
    options = {"exif": exif, "xmp": xmp}
    if image_format == "PNG":
        info = PngInfo()
        info.add_text("Comment", "taken at 12 rue des Lilas, GPSLatitude 45.75")
        options = {"exif": exif, "pnginfo": info}
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (40, 90, 160)).save(buffer, image_format, **options)
    return buffer.getvalue()


EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 120 + b"This program cannot be run in DOS mode.\r\n"


def _zip(members: dict[str, bytes]) -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def make_markdown_page(bundle: Path) -> None:
    """Finding 1: a Markdown file in a bundle used to become a page that chose its own template."""
    (bundle / "files").mkdir(exist_ok=True)
    page = ("---\ntemplate: redirect.html\nlocation: '\"+alert(document.domain)+\"'\n"
            "title: <img src=x onerror=alert(1)>\n---\n# Hello\n")
    (bundle / "files" / "x.md").write_text(page, encoding="utf-8")
    (bundle / "files" / "notes.md").write_text(page.replace("redirect.html", "library.html"), encoding="utf-8")


def make_document_types(bundle: Path) -> None:
    """Finding 2: XML a browser renders as a document, and SVG in encodings a UTF-8 pattern misreads."""
    (bundle / "images").mkdir(exist_ok=True)
    (bundle / "files").mkdir(exist_ok=True)
    ns = 'xmlns="http://www.w3.org/2000/svg"'
    (bundle / "images" / "feed.xml").write_bytes(
        b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>')
    (bundle / "images" / "utf7.svg").write_bytes(
        f'<?xml version="1.0" encoding="UTF-7"?><svg {ns}>+ADw-script+AD4-alert(1)+ADw-/script+AD4-</svg>'.encode())
    (bundle / "images" / "latin.svg").write_bytes(
        f'<?xml version="1.0" encoding="ISO-8859-1"?><svg {ns}><text>caf\xe9</text></svg>'.encode("latin-1"))
    (bundle / "images" / "page.svg").write_bytes(
        b'<html xmlns="http://www.w3.org/1999/xhtml"><body onload="alert(1)">x</body></html>')
    (bundle / "files" / "page.xhtml").write_bytes(b'<html xmlns="http://www.w3.org/1999/xhtml"><script>x</script></html>')
    (bundle / "files" / "style.xsl").write_bytes(
        b'<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"/>')


def make_executables(bundle: Path) -> None:
    """Finding 8: programs offered for download, and zipped into training kits."""
    (bundle / "files").mkdir(exist_ok=True)
    (bundle / "files" / "setup.exe").write_bytes(EXE)
    (bundle / "files" / "run.bat").write_bytes(b"@echo off\r\nformat c:\r\n")
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    (bundle / "files" / "kit.zip").write_bytes(_zip({"guide.pdf": pdf, "tools/setup.exe": EXE}))
    (bundle / "files" / "guide.pdf").write_bytes(EXE)  # a program named like a document


def make_photo_extensions(bundle: Path) -> None:
    """Finding 6: a camera photo named .jfif, and a TIFF scan, used to be published with their GPS data."""
    (bundle / "images").mkdir(exist_ok=True)
    (bundle / "images" / "photo.jfif").write_bytes(_camera_photo("JPEG"))
    (bundle / "images" / "scan.tiff").write_bytes(_camera_photo("TIFF"))


def make_photo_in_files(bundle: Path) -> None:
    """Finding 6: pictures kept in files/ (not images/) must lose their metadata too."""
    (bundle / "files").mkdir(exist_ok=True)
    (bundle / "files" / "figure.jpg").write_bytes(_camera_photo("JPEG", 1800, 1200))
    (bundle / "files" / "stall.png").write_bytes(_camera_photo("PNG"))
    (bundle / "files" / "noon.webp").write_bytes(_camera_photo("WEBP"))


def make_deep_yaml(bundle: Path) -> None:
    """50,000 levels of brackets: the C composer overflowed its stack (a segfault)."""
    with open(bundle / "meta.yml", "a", encoding="utf-8") as stream:
        stream.write("people: " + "[" * 50_000 + "]" * 50_000 + "\n")


def make_impossible_values(bundle: Path) -> None:
    """A year of 5,000 digits (Python refuses to read it) after the impossible dates of meta.yml."""
    meta = bundle / "meta.yml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("year: 2020", "year: " + "9" * 5_000), encoding="utf-8")


def make_control_characters(bundle: Path) -> None:
    """A form feed and an escape sequence typed into the body itself (not as YAML escapes)."""
    (bundle / "index.fr.md").write_bytes(b"---\ntitle: Titre\nsummary: R\xc3\xa9sum\xc3\xa9.\n---\nLigne un.\n"
                                         b"Ligne deux \x0c et \x1b[2J.\n")


def make_oversized_values(bundle: Path) -> None:
    """A 12 kB title (73 s to lay out on a card) and 5,000 image ids (memory exhausted)."""
    (bundle / "index.en.md").write_text(f"---\ntitle: {'Long title ' * 1_100}\nsummary: Short.\n---\nBody.\n",
                                        encoding="utf-8")
    images = "".join(f"  - {{id: picture-{index}, file: images/a.png}}\n" for index in range(5_000))
    with open(bundle / "meta.yml", "a", encoding="utf-8") as stream:
        stream.write("images:\n" + images)


def make_markdown_bombs(bundle: Path) -> None:
    """Texts that Python-Markdown takes minutes to render, or crashes on."""
    (bundle / "index.en.md").write_text("---\ntitle: Brackets\nsummary: Fifty thousand.\n---\n" + "![" * 50_000 + "\n",
                                        encoding="utf-8")
    nested = "".join("    " * level + "- a\n" for level in range(300))
    (bundle / "index.fr.md").write_text(f"---\ntitle: Listes\nsummary: Imbriquées.\n---\n{nested}", encoding="utf-8")


def make_file_names(bundle: Path) -> None:
    """Names that are not UTF-8 (the build crashed) or that hold a newline and an escape sequence."""
    images = os.fsencode(bundle / "images")
    os.makedirs(images, exist_ok=True)
    for name in (b"caf\xe9.png", b"fake\nline:0-problems.png", b"\x1b[2Jclear.png"):
        with open(os.path.join(images, name), "wb") as stream:
            stream.write(_png())


def make_picture_bombs(bundle: Path) -> None:
    """An animation of 150 frames: each frame would be decoded."""
    from PIL import Image

    (bundle / "images").mkdir(exist_ok=True)
    frames = [Image.new("L", (4, 4), index * 37 % 256) for index in range(150)]  # all different
    frames[0].save(bundle / "images" / "animation.gif", save_all=True, append_images=frames[1:], duration=10)


def make_document_authors(bundle: Path) -> None:
    """Word and LibreOffice write the account name of whoever saved a file into its properties."""
    (bundle / "files").mkdir(exist_ok=True)
    core = ('<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Amira K.</dc:creator>'
            '<cp:lastModifiedBy>Amira K.</cp:lastModifiedBy></cp:coreProperties>')
    (bundle / "files" / "story.docx").write_bytes(_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>",
                                                        "docProps/core.xml": core.encode()}))


def make_unplain_names(bundle: Path) -> None:
    """A right-to-left override shows `report\u202egnp.exe` as `reportexe.png`; Windows cannot check out CON.png."""
    (bundle / "images").mkdir(exist_ok=True)
    (bundle / "images" / "report\u202egnp.png").write_bytes(_png())
    (bundle / "images" / "CON.png").write_bytes(_png())


@dataclass(frozen=True)
class Case:
    slug: str
    outcome: str  # "harmless" or "rejected"
    expect: tuple[str, ...] = ()  # fragments of `bridges check --lang en` output (rejected cases)
    make: Callable[[Path], None] | None = field(default=None, compare=False)

    def install(self, root: Path) -> Path:
        """Copy the bundle into the repository at `root` (content/case_studies/<slug>)."""
        target = root / "content" / TYPE_FOLDER / self.slug
        shutil.copytree(HERE / self.slug, target)
        if self.make:
            self.make(target)
        return target


def _at(slug: str, file: str) -> str:
    return f"content/{TYPE_FOLDER}/{slug}/{file}"


CASES = [
    # Inputs that crashed, hung or exhausted the check or the build (issue #12): each is refused.
    Case("hostile-deep-yaml", "rejected", (
        _at("hostile-deep-yaml", "meta.yml") + ":7: people[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]: "
        "the values are nested more than 20 levels deep here",
    ), make=make_deep_yaml),
    Case("hostile-impossible-values", "rejected", (
        _at("hostile-impossible-values", "meta.yml") + ":5: year: '9999",
        "is not a number that can be used",
        _at("hostile-impossible-values", "meta.yml") + ":6: published: '2024-02-30' is not a date or time that exists",
        _at("hostile-impossible-values", "meta.yml") + ":7: consent.review_date: '2099-01-01 25:61:00' is not a date",
        _at("hostile-impossible-values", "meta.yml") + ":8: sdgs[0]: '1.0e+308' is not a number that can be used",
        _at("hostile-impossible-values", "meta.yml") + ":10: links[0].label: '.nan' is not a number that can be used",
    ), make=make_impossible_values),
    Case("hostile-control-characters", "rejected", (
        _at("hostile-control-characters", "index.en.md") + ":2: title: this text holds an invisible control character (U+001B)",
        _at("hostile-control-characters", "index.en.md") + ":3: summary: this text holds an invisible control character (U+0007)",
        _at("hostile-control-characters", "index.en.md") + ":5: image_alt: this text holds an invisible control character (U+001B)",
        _at("hostile-control-characters", "index.fr.md") + ":6: -: this text holds an invisible control character (U+000C)",
    ), make=make_control_characters),
    Case("hostile-oversized-values", "rejected", (
        _at("hostile-oversized-values", "index.en.md") + ":2: title: this text is 12099 characters long, more than the limit of 200",
        _at("hostile-oversized-values", "meta.yml") + ":7: images: this has 5000 entries, more than the limit of 100",
    ), make=make_oversized_values),
    Case("hostile-markdown-bombs", "rejected", (
        _at("hostile-markdown-bombs", "index.en.md") + ":5: body: this text has so many '[' or '<' without their ']' or '>'",
        _at("hostile-markdown-bombs", "index.fr.md") + ":21: body: this line is nested too deep",
    ), make=make_markdown_bombs),
    Case("hostile-file-names", "rejected", (
        _at("hostile-file-names", "images/caf\\xe9.png") + ":1: -: this file name holds characters that are not text",
        _at("hostile-file-names", "images/fake\\x0aline:0-problems.png") + ":1: -: this file name holds",
        _at("hostile-file-names", "images/\\x1b[2Jclear.png") + ":1: -: this file name holds",
    ), make=make_file_names),
    Case("hostile-picture-bombs", "rejected", (
        _at("hostile-picture-bombs", "images/animation.gif") + ":1: -: this animated picture has 150 frames, more than 100",
    ), make=make_picture_bombs),
    Case("hostile-scripts", "harmless", make=make_front_matter),
    Case("hostile-handlers", "harmless"),
    Case("hostile-urls", "harmless"),
    Case("hostile-embeds", "harmless", make=make_front_matter),
    Case("hostile-inline-svg", "harmless"),
    Case("hostile-styles", "harmless"),
    Case("hostile-heading-ids", "harmless"),
    Case("hostile-download-names", "harmless"),
    Case("hostile-front-matter", "harmless", make=make_front_matter),
    Case("hostile-photo-in-files", "harmless", make=make_photo_in_files),
    Case("hostile-search-and-urls", "harmless", make=make_front_matter),
    Case("hostile-markdown-page", "rejected", (
        _at("hostile-markdown-page", "files/x.md") + ":1: -: 'x.md' is a Markdown file inside the item: it is never published as a page",
        _at("hostile-markdown-page", "files/notes.md") + ":1: -: this kind of file may not be published here (.md, text)",
    ), make=make_markdown_page),
    Case("hostile-document-types", "rejected", (
        _at("hostile-document-types", "images/feed.xml") + ":1: -: this kind of file may not be published here (.xml, HTML or XML)",
        _at("hostile-document-types", "images/utf7.svg") + ":1: -: this SVG drawing is not plain: it contains encoding UTF-7",
        _at("hostile-document-types", "images/latin.svg") + ":1: -: this SVG drawing is not plain: it contains encoding ISO-8859-1",
        _at("hostile-document-types", "images/page.svg") + ":1: -: this SVG drawing is not plain: it contains <html (http://www.w3.org/1999/xhtml)>",
        _at("hostile-document-types", "files/page.xhtml") + ":1: -: this kind of file may not be published here (.xhtml",
        _at("hostile-document-types", "files/style.xsl") + ":1: -: this kind of file may not be published here (.xsl",
    ), make=make_document_types),
    Case("hostile-executables", "rejected", (
        _at("hostile-executables", "files/setup.exe") + ":1: -: this kind of file may not be published here (.exe, application/x-msdownload (exe))",
        _at("hostile-executables", "files/run.bat") + ":1: -: this kind of file may not be published here (.bat, text)",
        _at("hostile-executables", "files/kit.zip") + ":1: -: inside this archive, 'tools/setup.exe' may not be published",
        _at("hostile-executables", "files/guide.pdf") + ":1: -: the name says PDF document, but the file holds application/x-msdownload (exe)",
    ), make=make_executables),
    Case("hostile-photo-extensions", "rejected", (
        _at("hostile-photo-extensions", "images/photo.jfif") + ":1: -: this kind of file may not be published here (.jfif, image/jpeg (jpg))",
        _at("hostile-photo-extensions", "images/scan.tiff") + ":1: -: this kind of file may not be published here (.tiff, image/tiff (tif))",
    ), make=make_photo_extensions),
    Case("hostile-svg-files", "rejected", (
        _at("hostile-svg-files", "images/script.svg") + ":1: -: this SVG drawing is not plain: it contains <script>",
        _at("hostile-svg-files", "images/handler.svg") + ":1: -: this SVG drawing is not plain: it contains onload",
        _at("hostile-svg-files", "images/external.svg") + ":1: -: this SVG drawing is not plain: it contains <image>",
        _at("hostile-svg-files", "images/entity.svg") + ":1: -: this SVG drawing is not plain: it contains <!ENTITY>",
    )),
    Case("hostile-active-files", "rejected", (
        _at("hostile-active-files", "files/page.html") + ":1: -: this kind of file may not be published here (.html, HTML",
        _at("hostile-active-files", "files/app.js") + ":1: -: nothing in the item uses 'app.js', so it is not published",
    )),
    Case("hostile-traversal", "rejected", (
        _at("hostile-traversal", "meta.yml") + ":8: images[0].file:",
        _at("hostile-traversal", "meta.yml") + ":10: downloads[0].file:",
        _at("hostile-traversal", "meta.yml") + ":11: downloads[1].file:",
        _at("hostile-traversal", "index.en.md") + ":6: body:",
        _at("hostile-traversal", "index.en.md") + ":8: body: the image 'data:image/png;base64,",
    )),
    Case("hostile-remote-images", "rejected", (
        _at("hostile-remote-images", "index.en.md") + ":5: body: the image 'https://tracker.example/pixel.gif' is loaded from another website",
        _at("hostile-remote-images", "index.en.md") + ":7: body: the image 'https://tracker.example/raw.gif' is loaded from another website",
        _at("hostile-remote-images", "index.en.md") + ":9: body: the image '//tracker.example/protocol-relative.gif' is loaded from another website",
        _at("hostile-remote-images", "index.en.md") + ":11: body: the image 'images/missing-alt.png' has no alternative text",
        _at("hostile-remote-images", "index.en.md") + ":13: body: the image 'data:image/svg+xml;base64,",
    )),
    Case("hostile-symlinks", "rejected", (
        _at("hostile-symlinks", "meta.yml") + ":8: downloads[0].file: 'files/passwd.pdf' is a link that leads outside",
        _at("hostile-symlinks", "files/passwd.pdf") + ":1: -: this is a symbolic link",
        _at("hostile-symlinks", "images/labs") + ":1: -: this is a symbolic link",
        _at("hostile-symlinks", "index.fr.md") + ":1: -: this is a symbolic link",
    ), make=make_symlinks),
    Case("hostile-too-large", "rejected", (
        _at("hostile-too-large", "meta.yml") + ":8: downloads[0].file: 'files/huge.pdf' is larger than 25 MB",
    ), make=make_too_large),
    Case("hostile-alias-bomb", "rejected", (
        _at("hostile-alias-bomb", "meta.yml") + ":8: links[0]: YAML anchors and aliases",
    )),
    Case("hostile-bad-utf8", "rejected", (
        _at("hostile-bad-utf8", "index.en.md") + ":6: -: this line is not valid UTF-8 text",
    ), make=make_bad_utf8),
    Case("hostile-duplicate-keys", "rejected", (
        _at("hostile-duplicate-keys", "meta.yml") + ":7: year: 'year' is given twice (first on line 5)",
        _at("hostile-duplicate-keys", "index.en.md") + ":4: title: 'title' is given twice (first on line 2)",
    )),
    Case("hostile-long-line", "rejected", (
        _at("hostile-long-line", "index.en.md") + ":1: -: this text file is 20000",
        "bytes, more than the limit of 1000000",
    ), make=make_long_line),
    Case("hostile-document-authors", "rejected", (
        _at("hostile-document-authors", "files/story.docx") + ":1: -: this document's properties name a person "
                                                               "(author, last edited by)",
    ), make=make_document_authors),
    Case("hostile-unplain-names", "rejected", (
        _at("hostile-unplain-names", "images/CON.png") + ":1: -: this name is not plain",
        "hostile-unplain-names/images/report\\u202egnp.png:1: -: this name is not plain",
    ), make=make_unplain_names),
    Case("hostile-broken-images", "rejected", (
        _at("hostile-broken-images", "images/broken.jpg") + ":1: -: this image cannot be used",
        _at("hostile-broken-images", "images/giant.png") + ":1: -: this picture is 8000×6000 pixels, more than 40 million",
    ), make=make_broken_images),
]

HARMLESS = [case for case in CASES if case.outcome == "harmless"]
REJECTED = [case for case in CASES if case.outcome == "rejected"]
