"""Downloadable documents: PDFs of item texts, training-kit ZIPs, and the facts readers need
about every download (language, format, size, SHA-256).

PDFs are made offline with WeasyPrint, which may load only the item's own published files
(bridges.fetcher). Each document is cached
under .cache/ by a hash of what it is made from, so a build only renders what changed.
"""
from __future__ import annotations

import functools
import hashlib
import posixpath
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import markdown
from markupsafe import Markup

from .cache import Cache
from ..model import urls
from ..model.problems import working_on
from ..model.schemas import Item
from ..sources.load import Content
from .images import WebImage, item_images
from .context import PageContext, html_environment
from .markup import hashtags_are_not_headings
from ..rules.checks import referenced_files
from .sanitize import clean_html
from .typography import for_language

TEMPLATES = Path(__file__).with_name("templates")
RENDERER_VERSION = "2"  # bump when the PDF template changes, to re-render every cached PDF
ZIP_DATE = (2020, 1, 1, 0, 0, 0)  # fixed timestamps make kits byte-identical from build to build


@dataclass(frozen=True)
class Download:
    href: str  # relative to the item's page directory
    name: str
    language: str
    format: str  # PDF, ZIP, DOCX...
    size: int
    sha256: str
    kind: str = "file"  # file (from the bundle), pdf (the item's text), kit (a lab's training kit)


@dataclass
class Documents:
    downloads: dict[str, list[Download]] = field(default_factory=dict)  # item id -> its downloads
    files: dict[str, Path] = field(default_factory=dict)  # docs-relative path -> file to copy there
    images: dict[str, dict[str, WebImage]] = field(default_factory=dict)  # item id -> its images' web copies


def build_documents(content: Content, cache: Path, base_url: str = "/") -> Documents:
    site = content.site
    documents = Documents()
    for item in content.items:
        with working_on(item.folder.relative_to(item.root)):
            directory = urls.item_dir(site, item)
            downloads = documents.downloads.setdefault(item.id, [])
            # Only the files the item uses are published (bridges check verified their kinds); raster
            # pictures as resized copies without metadata (bridges.images), the others as they are.
            used = referenced_files(item)
            documents.images[item.id] = item_images(item.folder, used, cache)
            for image in documents.images[item.id].values():
                documents.files.update((f"{directory}/{name}", path) for name, path in image.files().items())
            for name in used:
                source = item.folder / name
                if source.is_file() and not source.is_symlink():
                    documents.files.setdefault(f"{directory}/{name}", source)
            for entry in item.meta.downloads:
                published = documents.files.get(f"{directory}/{posixpath.normpath(entry.file)}", item.folder / entry.file)
                downloads.append(describe(entry.file, published, entry.language, "file"))
            if site.content_types[item.type].pdf:
                prefix = f"{directory}/"
                served = {path[len(prefix):]: source for path, source in documents.files.items() if path.startswith(prefix)}
                for lang in sorted(item.texts):
                    name = f"{item.slug}-{lang}.pdf"
                    pdf = render_pdf(content, item, lang, cache, base_url, served)
                    documents.files[f"{directory}/{name}"] = pdf
                    downloads.append(describe(name, pdf, lang, "pdf"))
    for lab in content.of_type("lab"):
        resources = [item for item in content.of_type("resource") if lab.slug in item.meta.labs]
        if not resources:
            continue
        directory = urls.item_dir(site, lab)
        for lang in site.language_codes:
            kit = training_kit(content, lab, resources, lang, documents, cache)
            if kit is not None:
                name = f"{lab.slug}-training-kit-{lang}.zip"
                documents.files[f"{directory}/{name}"] = kit
                documents.downloads[lab.id].append(describe(name, kit, lang, "kit"))
    return documents


def describe(href: str, path: Path, language: str, kind: str) -> Download:
    data = path.read_bytes()
    return Download(href=href, name=Path(href).name, language=language, format=path.suffix.lstrip(".").upper(),
                    size=len(data), sha256=hashlib.sha256(data).hexdigest(), kind=kind)


# --- PDF -----------------------------------------------------------------------------------

def render_pdf(content: Content, item: Item, lang: str, cache: Path, base_url: str,
               files: dict[str, Path] | None = None) -> Path:
    """The PDF of one text. `files` (bundle-relative name -> published file) are what its pictures
    may show; nothing else is loaded (bridges.fetcher)."""
    files = files or {}
    html = document_html(content, item, lang, base_url)
    digest = hashlib.sha256((RENDERER_VERSION + html).encode("utf-8"))
    for name in sorted(files):  # a picture that changes makes a new PDF
        digest.update(name.encode() + hashlib.sha256(files[name].read_bytes()).digest())

    def make(partial: Path) -> None:
        from weasyprint import HTML  # imported here: slow to import, and only needed on a cache miss

        from .fetcher import BundleFetcher

        bundle = item.folder.resolve().as_uri() + "/"
        HTML(string=html, url_fetcher=BundleFetcher(bundle, files), base_url=bundle).write_pdf(partial)

    return Cache(cache).file("pdf", digest.hexdigest()[:24], ".pdf", make)


def document_html(content: Content, item: Item, lang: str, base_url: str) -> str:
    site = content.site
    text = item.texts[lang]
    # The same sanitizer as the site's pages; then marked safe, so that the template's autoescape
    # escapes every other value (title, summary, names) and not this HTML.
    body = Markup(clean_html(markdown.markdown(hashtags_are_not_headings(text.body),
                                               extensions=["tables", "def_list", "sane_lists"])))
    context = PageContext(site, content, site.ui, lang, urls.item_dir(site, item))
    template = html_environment().get_template("document.html.j2")
    page_url = urls.absolute_url(base_url, urls.url_path(site, urls.item_dir(site, item), lang))
    html = template.render(c=context, t=context.t, item=item, text=text, body=body, css=Markup(_css()),
                           direction=site.language(lang).dir, page_url=page_url)
    return for_language(html, lang, site.language(lang).dir == "rtl")  # the same typography as the page


@functools.cache
def _css() -> str:
    return (TEMPLATES / "document.css").read_text(encoding="utf-8")


# --- training kits -------------------------------------------------------------------------

def training_kit(content: Content, lab: Item, resources: list[Item], lang: str, documents: Documents,
                 cache: Path) -> Path | None:
    """A ZIP of the lab's resources in one language: their PDFs and their files in that language."""
    members: list[tuple[str, Path]] = []
    for resource in sorted(resources, key=lambda item: item.slug):
        directory = urls.item_dir(content.site, resource)
        for download in documents.downloads.get(resource.id, []):
            if download.language == lang:
                source = documents.files.get(f"{directory}/{download.href}") or resource.folder / download.href
                members.append((f"{resource.slug}/{download.name}", source))
    if not members:
        return None
    digest = hashlib.sha256()
    for name, path in members:
        digest.update(name.encode() + hashlib.sha256(path.read_bytes()).digest())

    def make(partial: Path) -> None:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, path in members:
                archive.writestr(zipfile.ZipInfo(name, ZIP_DATE), path.read_bytes(), zipfile.ZIP_DEFLATED)

    return Cache(cache).file("kits", digest.hexdigest()[:24], ".zip", make)
