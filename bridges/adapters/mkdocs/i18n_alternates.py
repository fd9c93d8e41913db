"""A faster `reconfigure_files_alternates` for mkdocs-static-i18n 1.3.1, with the same result.

For every page and every language, the plugin finds the page's version in that language by
making a new MkDocs File of each other version in turn (`create_i18n_file`) until one has the
right locale: with six languages, about fifteen Files per page and per language pass, a sixth of
the build's CPU. A file's locale is only its name's suffix (`index.fr.md` is French), so here the
right version is picked by its name first and only that one is made into a File.

Installed when the MkDocs adapter is imported (plain `mkdocs build` and `bridges build` alike).
tests/test_engine_patches.py fails if the plugin's method changes, and compares both versions on
a site with every case (a page in every language, in some, in the default language only).
"""
from __future__ import annotations

from pathlib import PurePath

from mkdocs_static_i18n.config import RE_LOCALE
from mkdocs_static_i18n.reconfigure import ExtendedPlugin

original = ExtendedPlugin.reconfigure_files_alternates


def _locale(file, all_languages: list[str], default: str) -> str:
    """What create_i18n_file would find: the last suffix of the file's name, if it is a locale."""
    suffixes = PurePath(PurePath(file.src_uri).stem).suffixes
    if suffixes:
        candidate = suffixes[-1].replace(".", "")
        if candidate in all_languages or RE_LOCALE.match(candidate):
            return candidate
    return default


def reconfigure_files_alternates(self, i18n_src_uris, i18n_alternate_src_uris, mkdocs_config, create_i18n_file):
    default, languages = self.default_language, self.all_languages
    locales: dict[int, str] = {}

    def locale(file) -> str:
        found = locales.get(id(file))
        if found is None:
            found = locales[id(file)] = _locale(file, languages, default)
        return found

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
                else:
                    alternate = create_i18n_file(i18n_file, build_lang, default, languages, mkdocs_config)
                    if alternate.locale == default:
                        i18n_file.alternates[build_lang] = alternate


def install() -> None:
    ExtendedPlugin.reconfigure_files_alternates = reconfigure_files_alternates
