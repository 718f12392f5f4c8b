"""Which languages exist, and which one a request like `pt_BR` or `fr-CA` gets."""

from __future__ import annotations

from pathlib import Path

from babel import Locale

from hrleaflet.errors import UsageError
from hrleaflet.i18n.catalogs import language_files, parse_locale
from hrleaflet.i18n.leaflet import LocaleInfo

SOURCE_LOCALE = "en"


def available_locales(translations: Path) -> list[str]:
    """English (the source) and every language with a file, in a stable order."""
    return [SOURCE_LOCALE, *sorted(language_files(translations))]


def negotiate(requested: str, available: list[str]) -> str:
    """The best available locale for a request, most specific first.

    `pt_BR` uses `pt` when there is no `pt_BR`; `fr-CA` is read as `fr_CA`;
    `sr` finds `sr_Latn` when that is the only Serbian file.
    """
    locale = parse_locale(requested)
    candidates = [
        str(locale),
        "_".join(p for p in (locale.language, locale.script, locale.territory) if p),
        "_".join(p for p in (locale.language, locale.script) if p),
        "_".join(p for p in (locale.language, locale.territory) if p),
        locale.language,
    ]
    lowered = {code.lower(): code for code in available}
    for candidate in candidates:
        if candidate.lower() in lowered:
            return lowered[candidate.lower()]
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
            raise UsageError(f"{exc} — {_where(translations, item)}") from None
        for code in codes:
            if code not in chosen:
                chosen.append(code)
    return chosen


def _where(translations: Path, code: str) -> str:
    from hrleaflet.paths import display_path, is_shipped

    folder = "the shipped language files" if is_shipped(translations) else display_path(translations)
    return (
        f"looked in {folder} ({translations.resolve()}). To add the language, run"
        f" 'hrleaflet translations init {code}' in your project folder (it writes translations/{code}.po"
        " there, and commands run from that folder use it), or point to another folder with"
        " --translations DIR"
    )


def locale_info(code: str) -> LocaleInfo:
    """A language's own name and its direction, from CLDR."""
    locale = Locale.parse(code)
    name = locale.get_display_name(locale) or code
    return LocaleInfo(
        code=code, name=name[:1].upper() + name[1:], rtl=locale.character_order == "right-to-left"
    )
