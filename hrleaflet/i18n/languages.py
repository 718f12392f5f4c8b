"""Which languages exist, and which one a request like `pt_BR` or `fr-CA` gets."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from babel import Locale

from hrleaflet.cache import cache_dir, keep_json, kept_json
from hrleaflet.errors import UsageError
from hrleaflet.i18n.catalogs import known_locale, language_files, parse_locale
from hrleaflet.i18n.leaflet import LocaleInfo

SOURCE_LOCALE = "en"

# A language shipped in two scripts answers a request without a script with the one it
# answered before the second arrived, so existing commands keep their output: `sr` is
# Serbian in Latin script, as it was before `sr_Cyrl` was added.
_DEFAULT_SCRIPTS = {"sr": "sr_Latn"}


def available_locales(translations: Path) -> list[str]:
    """English (the source) and every language with a file, in a stable order."""
    return [SOURCE_LOCALE, *sorted(language_files(translations))]


def negotiate(requested: str, available: list[str]) -> str:
    """The best available locale for a request, most specific first.

    `pt_BR` uses `pt` when there is no `pt_BR`; `fr-CA` is read as `fr_CA`;
    `sr` finds `sr_Latn` (the default Serbian script; `sr_Cyrl` or `sr-Cyrl` asks for Cyrillic).
    """
    locale = parse_locale(requested, among=available)
    # Babel fills in a likely script ("sr-RS" becomes sr_Cyrl_RS): only a script the request
    # names picks a script's file; otherwise the language's default does.
    named = any(len(p) == 4 and p.isalpha() for p in requested.replace("-", "_").split("_")[1:])
    script = locale.script if named else None
    candidates = [
        "_".join(p for p in (locale.language, script, locale.territory) if p),
        "_".join(p for p in (locale.language, script) if p),
        "_".join(p for p in (locale.language, locale.territory) if p),
        locale.language,
    ]
    lowered = {code.lower(): code for code in available}
    for candidate in candidates:
        if candidate.lower() in lowered:
            return lowered[candidate.lower()]
    default = _DEFAULT_SCRIPTS.get(locale.language)
    if default is not None and default.lower() in lowered:
        return lowered[default.lower()]
    same_language = [code for code in available if code.split("_")[0] == locale.language]
    if len(same_language) == 1:
        return same_language[0]
    raise UsageError(f"no language file for '{requested}'; available: {', '.join(available)}")


def resolve_languages(requested: tuple[str, ...], translations: Path) -> list[str]:
    """Expand `all`, negotiate each request, keep the order given and drop repeats."""
    available = available_locales(translations)
    chosen: list[str] = []
    for item in requested:
        try:
            codes = available if item == "all" else [negotiate(item, available)]
        except UsageError as exc:
            if known_locale(item) is None:  # not a language: there is none to start a file for
                raise
            raise UsageError(f"{exc} — {_where(translations, item)}") from None
        for code in codes:
            if code not in chosen:
                chosen.append(code)
    return chosen


def substitutions(requested: tuple[str, ...], translations: Path) -> list[tuple[str, str]]:
    """(asked, used) for each language asked for with a region or script that no file has,
    and set in another variety (`zh-TW` in zh_Hans, `pt-PT` in pt): worth saying."""
    available = available_locales(translations)
    found = []
    for item in requested:
        if item == "all":
            continue
        used = negotiate(item, available)
        asked = item.replace("-", "_")
        if "_" in asked and asked.lower() != used.lower():
            found.append((item, used))
    return found


def _where(translations: Path, code: str) -> str:
    from hrleaflet.paths import display_path, is_shipped

    folder = "the shipped language files" if is_shipped(translations) else display_path(translations)
    written = known_locale(code) or code  # `init pt-BR` writes pt_BR.po
    return (
        f"looked in {folder} ({translations.resolve()}). To add the language, run"
        f" 'hrleaflet translations init {code}' in your project folder (it writes translations/{written}.po"
        " there, and commands run from that folder use it), or point to another folder with"
        " --translations DIR"
    )


def locale_info(code: str) -> LocaleInfo:
    """A language's own name and its direction, from CLDR."""
    name, rtl = _cldr_name_and_direction(code)
    if not unicodedata.name(name[:1], "").startswith("GEORGIAN"):  # Georgian capitals are not for names
        name = name[:1].upper() + name[1:]
    return LocaleInfo(code=code, name=name, rtl=rtl)


@cache
def _cldr_name_and_direction(code: str) -> tuple[str, bool]:
    """The language's name in itself and whether it is written right to left."""

    def ask_babel() -> list[str | bool]:
        locale = Locale.parse(code)
        return [locale.get_display_name(locale) or code, locale.character_order == "right-to-left"]

    name, rtl = _kept_cldr("", code, ask_babel, _is_name_and_direction)
    return name, rtl


def _is_name_and_direction(value: object) -> bool:
    return (
        isinstance(value, list)
        and len(value) == 2
        and isinstance(value[0], str)
        and bool(value[0])
        and isinstance(value[1], bool)
    )


def long_date(day: date, code: str) -> str:
    """The date as the language writes it in full ("21 November 2026")."""

    def ask_babel() -> str:
        from babel.dates import format_date

        return str(format_date(day, format="long", locale=code))

    return str(_kept_cldr("dates", f"{code} {day.isoformat()}", ask_babel, _is_text))


def numbering_system(code: str) -> str:
    """The CLDR numbering system the language writes its numbers in by default ("latn")."""

    def ask_babel() -> str:
        return str(Locale.parse(code).default_numbering_system)

    return str(_kept_cldr("numbering", code, ask_babel, _is_text))


def _is_text(value: object) -> bool:
    return isinstance(value, str) and bool(value)


def _kept_cldr(kind: str, key: str, ask_babel: Callable[[], Any], valid: Callable[[object], bool]) -> Any:
    """An answer from the language's CLDR data (a JSON value), kept in the cache folder in a
    file per Babel version (its CLDR data comes with it) and kind of answer.  Babel loads the
    language's whole data for any of them (10-60 ms), and a leaflet in a language asks the same
    ones every time.  A missing, damaged or `valid`-failing answer is asked of Babel again."""
    import babel

    suffix = f"-{kind}" if kind else ""
    path = cache_dir() / "locales" / f"babel-{babel.__version__}{suffix}.json"
    kept = kept_json(path)
    found = kept.get(key)
    if valid(found):
        return found
    answer = ask_babel()
    kept[key] = answer
    keep_json(path, kept)  # a read-only cache: ask Babel again next time
    return answer
