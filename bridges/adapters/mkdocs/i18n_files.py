"""A faster `reconfigure_files` for mkdocs-static-i18n 1.3.1, with the same pages and links.

In every language pass the plugin makes each file of docs/ (every language's pages, every
picture) into a new MkDocs File with pathlib (`create_i18n_file`), then, for every file it kept
and every language, makes the other versions into Files again until one has the right locale.
At 1,000 items in six languages that is 70,000 Files per language pass, two thirds of a warm
build's time. Here:

- a file's locale is read from its name alone (`index.fr.md` is French), once per name;
- only the files the pass keeps are made into Files, the others stay candidates as they are;
- where a File lands (its name, destination and URL) is computed with the plugin's own pathlib
  code, but once per (file, language) in a process: the same answer serves the main loop, the
  alternates and the next language rendered by the same worker;
- alternates are looked for only for pages: the plugin also fills them for pictures and
  downloads, where nothing reads them (its sitemap and language switcher take pages only).

Installed when the MkDocs adapter is imported (plain `mkdocs build` and `bridges build` alike).
tests/test_engine_patches.py fails if the plugin's methods change, and compares every File and
every page's alternates with the plugin's own on a site with every case.
"""
from __future__ import annotations

import functools
import os
import posixpath
from collections import defaultdict
from pathlib import PurePath
from urllib.parse import quote as urlquote

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File
from mkdocs_static_i18n import suffix
from mkdocs_static_i18n.config import RE_LOCALE
from mkdocs_static_i18n.reconfigure import ExtendedPlugin

log = get_plugin_logger("mkdocs_static_i18n.reconfigure")
original = ExtendedPlugin.reconfigure_files
original_alternates = ExtendedPlugin.reconfigure_files_alternates


@functools.lru_cache(maxsize=None)
def _locale(src_uri: str, languages: tuple[str, ...], default: str) -> tuple[str, str | None, str, str]:
    """What create_i18n_file finds from a file's name: (locale, localization, name, norm_src_uri)."""
    stem = os.path.splitext(os.path.basename(src_uri))[0]
    name = "index" if stem == "README" else stem
    stem, suffix = _stem_suffix(name)  # the last of PurePath(name).suffixes, and what is before it
    candidate = suffix[1:]
    if candidate and (candidate in languages or RE_LOCALE.match(candidate)):
        return candidate, candidate, "index" if stem == "README" else stem, src_uri.replace(f".{candidate}", "", 1)
    return default, None, name, src_uri


@functools.lru_cache(maxsize=None)
def _placed(src_uri: str, dest_uri: str, current: str, default: str, languages: tuple[str, ...],
            use_directory_urls: bool, site_dir: str) -> tuple[str, str, str]:
    """Where create_i18n_file puts a file: (dest_uri, abs_dest_path, url). Its pathlib steps, on
    strings ('/'-separated, normalized, as MkDocs' URIs are)."""
    localization = _locale(src_uri, languages, default)[1]
    locale_site_dir = current if current != default else ""
    path = posixpath.normpath(dest_uri)
    if localization:
        parent, name = _split(path)
        stem, suffix = _stem_suffix(name)
        path = _join(parent, _stem_suffix(stem)[0] + suffix)  # index.fr.html -> index.html
        parent, name = _split(path)
        if use_directory_urls and parent != ".":
            grandparent, folder = _split(parent)
            folder = _stem_suffix(folder)[0]  # about.fr/index.html -> about/index.html
            path = _join(grandparent if folder in ("index", "README") else _join(grandparent, folder), name)
    parent, name = _split(path)
    if name.endswith("README.html"):
        path = _join(parent, "index.html")
    new_dest_uri = f"{locale_site_dir}/{path}" if locale_site_dir else path
    return new_dest_uri, os.path.normpath(os.path.join(site_dir, new_dest_uri)), _url(new_dest_uri, locale_site_dir,
                                                                                     use_directory_urls)


def _split(path: str) -> tuple[str, str]:
    """PurePosixPath(path).parent and .name."""
    parent, _, name = path.rpartition("/")
    return parent or ".", name


def _join(parent: str, name: str) -> str:
    return name if parent == "." else f"{parent}/{name}"


def _stem_suffix(name: str) -> tuple[str, str]:
    """PurePath(name).stem and .suffix."""
    dot = name.rfind(".")
    return (name[:dot], name[dot:]) if 0 < dot < len(name) - 1 else (name, "")


def _url(dest_uri: str, locale_site_dir: str, use_directory_urls: bool) -> str:
    """File._get_url, then create_i18n_file's fix of the language's home."""
    dirname, filename = os.path.split(dest_uri)
    url = (dirname or ".") + "/" if use_directory_urls and filename == "index.html" else dest_uri
    url = urlquote(url)
    if locale_site_dir and PurePath(url).as_posix() == ".":
        url = urlquote(locale_site_dir + "/")
    return url


def create_i18n_file(file: File, current: str, default: str, languages, config) -> File:
    """suffix.create_i18n_file, the same File, its paths computed once per process (see _placed)."""
    languages = tuple(languages)
    locale, localization, name, norm_src_uri = _locale(file.src_uri, languages, default)
    dest_uri, abs_dest_path, url = _placed(file.src_uri, file.dest_uri, current, default, languages,
                                           config.use_directory_urls, config.site_dir)
    new = File.__new__(File)
    new.__dict__.update(
        src_uri=file.src_uri, src_dir=config.docs_dir, dest_dir=os.path.normpath(file.dest_uri),
        use_directory_urls=config.use_directory_urls, inclusion=file.inclusion, dest_uri=dest_uri,
        abs_dest_path=abs_dest_path, url=url, name=name, locale=locale, locale_alternate_of=current,
        localization=localization, norm_src_uri=norm_src_uri)
    new.alternates = {current: new}
    return new


def reconfigure_files(self, files, mkdocs_config):
    """ExtendedPlugin.reconfigure_files for docs_structure: suffix, the plugin's choices in the
    same order (the comments name its branches)."""
    if self.config.docs_structure != "suffix":
        return original(self, files, mkdocs_config)
    current, default, languages = self.current_language, self.default_language, tuple(self.all_languages)
    fallback = self.config.fallback_to_default is True
    docs_dir = os.path.join(os.path.normpath(mkdocs_config.docs_dir), "")
    kept: dict[str, File] = {}
    candidates: dict[str, list[File]] = defaultdict(list)
    i18n_files = suffix.I18nFiles(self, [])
    for file in files:
        if not (file.abs_src_path or "").startswith(docs_dir):
            if not file.is_documentation_page():  # the theme's files
                i18n_files.append(file)
            else:
                log.warning(f"Unhandled file case - {file.src_uri}")
            continue
        locale, localization, _, norm = _locale(file.src_uri, languages, default)
        if file.is_documentation_page():
            if norm not in kept:
                if locale == current:  # the page in the language built
                    kept[norm] = create_i18n_file(file, current, default, languages, mkdocs_config)
                elif fallback and locale == default:  # the default language's, until a better one comes
                    kept[norm] = create_i18n_file(file, current, default, languages, mkdocs_config)
                    candidates[norm].append(file)
                else:
                    candidates[norm].append(file)
            elif locale == current:
                if len(self.build_languages) > 1 and localization is not None and kept[norm].locale == locale:
                    raise Exception(
                        f"Conflicting files for the default language '{default}': "
                        f"choose either '{norm}' or '{kept[norm].src_uri}' but not both")
                kept[norm] = create_i18n_file(file, current, default, languages, mkdocs_config)
            else:
                candidates[norm].append(file)
        elif norm not in kept:  # a picture, a download...
            if locale == current:
                kept[norm] = create_i18n_file(file, current, default, languages, mkdocs_config)
            elif fallback and locale == default:
                kept[norm] = create_i18n_file(file, default, default, languages, mkdocs_config)
        elif localization == current:
            kept[norm] = create_i18n_file(file, current, default, languages, mkdocs_config)
    for file in kept.values():
        i18n_files.append(file)
    pages = {norm: file for norm, file in kept.items() if file.is_documentation_page()}
    reconfigure_files_alternates(self, pages, candidates, mkdocs_config)
    return i18n_files


def reconfigure_files_alternates(self, i18n_src_uris, i18n_alternate_src_uris, mkdocs_config, *_):
    """ExtendedPlugin.reconfigure_files_alternates: the same choice, each candidate's locale read
    from its name instead of making it into a File first."""
    default, languages = self.default_language, tuple(self.all_languages)

    def locale(file) -> str:
        return _locale(file.src_uri, languages, default)[0]

    for build_lang in sorted(self.build_languages):
        for i18n_src_uri, i18n_file in i18n_src_uris.items():
            if build_lang in i18n_file.alternates:
                continue
            candidates = i18n_alternate_src_uris.get(i18n_src_uri, [])
            match = next((file for file in candidates if locale(file) == build_lang), None)
            if match is not None:
                i18n_file.alternates[build_lang] = create_i18n_file(match, build_lang, default, languages, mkdocs_config)
            elif self.config.fallback_to_default is True:
                match = next((file for file in candidates if locale(file) == default), None)
                if match is not None:
                    i18n_file.alternates[build_lang] = create_i18n_file(match, build_lang, default, languages,
                                                                        mkdocs_config)
                elif locale(i18n_file) == default:
                    i18n_file.alternates[build_lang] = create_i18n_file(i18n_file, build_lang, default, languages,
                                                                        mkdocs_config)


def install() -> None:
    ExtendedPlugin.reconfigure_files = reconfigure_files
