"""A language's name and direction, kept in the cache folder, are what Babel says."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from babel import Locale

from hrleaflet.i18n import languages
from hrleaflet.i18n.languages import locale_info

from .conftest import cache_folder

CODES = ["en", "ar", "hi", "ka", "sr_Latn", "fa", "zh_Hans"]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    yield from cache_folder(tmp_path, monkeypatch, languages._cldr_name_and_direction)


def from_babel(code: str) -> tuple[str, bool]:
    locale = Locale.parse(code)
    return locale.get_display_name(locale) or code, locale.character_order == "right-to-left"


def test_kept_facts_are_babels(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = [locale_info(code) for code in CODES]
    assert [(info.name.lower(), info.rtl) for info in first] == [
        (name.lower(), rtl) for name, rtl in map(from_babel, CODES)
    ]
    [kept] = (cache / "locales").iterdir()
    languages._cldr_name_and_direction.cache_clear()

    def no_babel(code: str) -> Locale:
        raise AssertionError("read from the cache, not from Babel")

    monkeypatch.setattr(languages.Locale, "parse", no_babel)
    assert [locale_info(code) for code in CODES] == first
    assert kept.exists()


@pytest.mark.parametrize("damage", ["", "{", "[]", '{"en": ["", false]}', '{"en": ["English", "no"]}'])
def test_a_damaged_file_asks_babel_again(cache: Path, damage: str) -> None:
    expected = locale_info("en")
    [kept] = (cache / "locales").iterdir()
    kept.write_text(damage)
    languages._cldr_name_and_direction.cache_clear()
    assert locale_info("en") == expected


def test_a_read_only_cache_still_answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("HRLEAFLET_CACHE_DIR", str(blocked))
    languages._cldr_name_and_direction.cache_clear()
    assert locale_info("ar").rtl
    languages._cldr_name_and_direction.cache_clear()


def test_kept_dates_and_digits_are_babels(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import date

    import babel.dates

    day = date(2026, 3, 9)
    first = [(languages.long_date(day, code), languages.numbering_system(code)) for code in CODES]
    babels = [
        (
            babel.dates.format_date(day, format="long", locale=code),
            Locale.parse(code).default_numbering_system,
        )
        for code in CODES
    ]
    assert first == babels
    kept = {path.name.split("-")[-1] for path in (cache / "locales").iterdir()}
    assert kept == {"dates.json", "numbering.json"}

    def no_babel(*args: object, **kwargs: object) -> None:
        raise AssertionError("read from the cache, not from Babel")

    monkeypatch.setattr(languages.Locale, "parse", no_babel)
    monkeypatch.setattr(babel.dates, "format_date", no_babel)
    assert [(languages.long_date(day, code), languages.numbering_system(code)) for code in CODES] == first


@pytest.mark.parametrize("damage", ["", "{", "[]", '{"fa 2026-03-09": ""}', '{"fa 2026-03-09": 9}'])
def test_a_damaged_dates_file_asks_babel_again(cache: Path, damage: str) -> None:
    from datetime import date

    import babel.dates

    day = date(2026, 3, 9)
    languages.long_date(day, "fa")
    [kept] = (cache / "locales").iterdir()
    kept.write_text(damage)
    assert languages.long_date(day, "fa") == babel.dates.format_date(day, format="long", locale="fa")
