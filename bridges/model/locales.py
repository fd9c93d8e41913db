"""Names of countries and languages in every locale, from babel and pycountry (no hand-made tables)."""
from __future__ import annotations

import functools
import unicodedata

import pycountry
from babel import Locale


@functools.cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


def is_country(code: str) -> bool:
    return isinstance(code, str) and len(code) == 2 and code.isupper() and pycountry.countries.get(alpha_2=code) is not None


def country_code_for(text: str) -> str | None:
    """The ISO code a contributor probably meant ("france", "fr", "Vietnam" -> FR, FR, VN)."""
    if not isinstance(text, str):
        return None
    if pycountry.countries.get(alpha_2=text.upper()):
        return text.upper()
    try:
        return pycountry.countries.lookup(text).alpha_2
    except LookupError:
        pass
    for code, name in _locale("fr").territories.items():  # "Algérie", "Belgique"...
        if name.lower() == text.lower() and len(code) == 2:
            return code
    return None


def country_name(code: str, lang: str) -> str:
    return _locale(lang).territories.get(code) or pycountry.countries.get(alpha_2=code).name


def is_language(code: str) -> bool:
    return isinstance(code, str) and len(code) == 2 and code.islower() and pycountry.languages.get(alpha_2=code) is not None


def language_name(code: str, lang: str) -> str:
    """The name of language `code` in language `lang`, capitalised as a label ("Français", "anglais" -> "Anglais")."""
    name = _locale(lang).languages.get(code) or pycountry.languages.get(alpha_2=code).name
    return name[:1].upper() + name[1:]


def own_language_name(code: str) -> str:
    return language_name(code, code)


def alphabetical(text: str) -> str:
    """A sort key for names in any language: accents do not count ("Égypte" between "Espagne" and
    "France", not after "Viêt Nam"), nor does case."""
    return "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char)).casefold()
