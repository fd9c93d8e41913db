"""The "page not found" page of each language: its words and links, for the theme's 404.html.

mkdocs-static-i18n renders the theme's 404.html once per language into the same file, so the
last language built would win. The MkDocs hooks keep each language's page instead: /fr/404.html,
/ar/404.html... and /404.html in the default language, which the host serves for any unknown
address; it links to the home page of every language.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..model import urls
from ..model.locales import own_language_name
from ..model.site import Site
from .context import UI
from .typography import for_plain_text


@dataclass(frozen=True)
class NotFound:
    lang: str
    title: str
    text: str
    search_label: str
    search_button: str
    library: str  # absolute paths from the host's root, as the page is served at any address
    home: str
    home_label: str
    homes_label: str
    homes: list[tuple[str, str, str]]  # (code, own name, home page) of every language
    alternates: list[dict]  # Material's language switcher: this page in each language


def page_file(site: Site, lang: str) -> str:
    """Where the page of one language is written, from the site's root: 404.html, fr/404.html."""
    return urls.url_path(site, "", lang) + "404.html"


def not_found(site: Site, lang: str, base_path: str) -> NotFound:
    """The words and links of the 404 page in `lang`; base_path is the site's path on its host
    ("/bridges/"), since the host serves the page at whatever address was asked for."""
    ui = UI(site.ui, lang, site.default_language)

    def t(key: str) -> str:
        return for_plain_text(ui(key), lang)

    base = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
    home = base + urls.url_path(site, "", lang)
    homes = [(code, own_language_name(code), base + urls.url_path(site, "", code)) for code in site.language_codes]
    alternates = [{"name": name, "link": base + page_file(site, code), "lang": code}
                  for code, name, _ in homes]
    return NotFound(lang=lang, title=t("not_found_title"), text=t("not_found_text"),
                    search_label=t("library_search"), search_button=t("not_found_search"),
                    library=home + "library/", home=home, home_label=t("not_found_home"),
                    homes_label=t("not_found_homes"), homes=homes, alternates=alternates)
