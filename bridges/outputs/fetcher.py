"""What a PDF may load while WeasyPrint lays it out: the item's own published files, nothing else.

WeasyPrint 70 expects a URLFetcher object (a plain function made every PDF with a picture crash).
BundleFetcher serves a picture of the item's text from the copy the site publishes (resized and
without metadata), and refuses any other address: another folder, file:///etc/passwd,
http://127.0.0.1, a stylesheet's @import. Imported only when a PDF is made: WeasyPrint is slow to
import.
"""
from __future__ import annotations

import mimetypes
import posixpath
from pathlib import Path
from urllib.parse import unquote

from weasyprint import URLFetcher
from weasyprint.urls import URLFetcherResponse


class _Served(URLFetcherResponse):
    """A response without a file path: for a file:// URL WeasyPrint would read the path itself and
    embed the original (a photo with its GPS data) instead of the bytes served."""

    path = None


class BundleFetcher(URLFetcher):
    def __init__(self, base_url: str, files: dict[str, Path]):
        """`base_url`: the bundle's folder as a file:// URL ending with "/"; `files`: bundle-relative
        name -> the file published under that name."""
        super().__init__(allowed_protocols={"file"}, allow_redirects=False)
        self.base_url, self.files = base_url, files
        self.refused: list[str] = []  # what the document asked for and did not get

    def fetch(self, url, headers=None):
        name = self._name(url)
        if name is None:
            self.refused.append(url[:200])
            raise ValueError(f"a document only shows its item's own files, not {url[:200]}")
        path = self.files[name]
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return _Served(url, body=path.read_bytes(), headers={"Content-Type": content_type})

    def _name(self, url: str) -> str | None:
        if not url.startswith(self.base_url):
            return None
        relative = unquote(url[len(self.base_url):].split("#", 1)[0].split("?", 1)[0])
        if "\\" in relative or relative.startswith("/"):
            return None
        name = posixpath.normpath(relative)
        return name if name in self.files else None
