"""Every character of every string must have a glyph: checked before anything is drawn."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

from hrleaflet.content.models import ServiceDirectory
from hrleaflet.content.source import KeyPath, SourceDocument
from hrleaflet.content.validate import field_path
from hrleaflet.errors import Problem, RenderError
from hrleaflet.i18n.leaflet import LocalisedLeaflet
from hrleaflet.render.text.fonts import Family, families_for, font_families, make_font_files
from hrleaflet.render.text.layout import covering_family, is_ignorable
from hrleaflet.render.text.system_fonts import SystemFamily, family_for_char, install_hint


class Printed(NamedTuple):
    """One string a leaflet prints, named as a user would look for it; `key`: where it is in
    the services file, for strings the user typed there."""

    where: str
    text: str
    key: KeyPath | None = None


def leaflet_strings(leaflet: LocalisedLeaflet) -> list[Printed]:
    """Everything a leaflet prints."""
    sid = leaflet.set_id
    strings = [
        Printed(f"{sid}/title", leaflet.title),
        Printed(f"{sid}/subtitle", leaflet.subtitle),
        Printed(f"{sid}/intro", leaflet.intro),
        Printed(f"{sid}/attribution", leaflet.attribution),
        Printed(f"{sid}/sources", leaflet.sources_text),
        Printed(f"{sid}/reviewed_by", leaflet.reviewed_by or ""),
    ]
    for tip in leaflet.tips:
        strings += [Printed(f"{sid}/{tip.id}/{part}", getattr(tip, part)) for part in ("headline", "body")]
    strings += [Printed(*item) for item in leaflet.words.items()]
    strings += [Printed(f"kind/{kind}", words) for kind, words in leaflet.kind_words.items()]
    return strings + [Printed(field_path(key), value, key) for key, value in typed_strings(leaflet.services)]


def typed_strings(services: ServiceDirectory) -> list[tuple[KeyPath, str]]:
    """What a leaflet prints from a services file, with where each is in the file."""
    typed: list[tuple[KeyPath, str]] = [
        (("locality",), services.locality),
        (("organisation", "name"), services.organisation.name),
    ]
    for n, number in enumerate(services.emergency):
        typed += [(("emergency", n, "label"), number.label), (("emergency", n, "phone"), number.phone)]
    for n, service in enumerate(services.services):
        for field in ("name", "address", "phone", "hours", "url", "notes"):
            value = getattr(service, field)
            if value:
                typed.append((("services", n, field), value))
    return typed


def unprintable_typed(path: Path, font_dirs: Sequence[Path] = ()) -> list[Problem]:
    """Characters typed in a services file that no font here has (an emoji): a build would
    refuse them in every language, since every language has the same fonts in another order."""
    from hrleaflet.content.services import read_services

    services, doc = read_services(path)
    families = font_families(tuple(font_dirs))
    problems = []
    for key, value in typed_strings(services):
        missing = missing_characters(value, families)
        if not missing:
            continue
        family = _system_family(missing)
        problems.append(
            Problem(
                path,
                doc.line_of(key),
                field_path(key),
                f"{_no_glyph(missing)}, so no leaflet can print it",
                install_hint(family) if family else "remove it, or add a font that covers it with --font-dir",
            )
        )
    return problems


def missing_characters(text: str, families: Sequence[Family]) -> list[str]:
    missing = []
    for char in dict.fromkeys(text):
        if _needs_no_glyph(char):
            continue
        if covering_family(char, families) is None:
            missing.append(char)
    return missing


def _needs_no_glyph(char: str) -> bool:
    """Spaces and format characters (ZWJ); a control character (a line break, a tab) does
    need one, as the layout draws every character it is given."""
    control = unicodedata.category(char) == "Cc"
    return (char.isspace() and not control) or is_ignorable(char)


def make_fonts_for(
    leaflets: Iterable[LocalisedLeaflet], font_dirs: Sequence[Path] = (), workers: int = 1
) -> None:
    """Make the font files these leaflets' families need that are made once and kept (a
    variable font's bold, a CJK TrueType copy), up to `workers` at a time, before worker
    processes start: then they find them made, instead of each making the same one on a
    first run."""
    make_font_files(
        (
            family
            for leaflet in leaflets
            for family in _families_used(leaflet, families_for(leaflet.locale.code, font_dirs))
        ),
        workers,
    )


def _families_used(leaflet: LocalisedLeaflet, families: Sequence[Family]) -> list[Family]:
    """The families that print a leaflet's characters (its script's, and Latin for an address)."""
    used: dict[int, Family] = {}
    for char in dict.fromkeys("".join(string.text for string in leaflet_strings(leaflet))):
        family = covering_family(char, families)
        if family is not None:
            used.setdefault(id(family), family)
    return list(used.values())


# Control characters have no Unicode name; these are the ones a text editor types.
_CONTROL_NAMES = {"\t": "a tab", "\n": "a line break", "\r": "a carriage return"}


def describe(char: str) -> str:
    if unicodedata.category(char) == "Cc":
        return f"U+{ord(char):04X} ({_CONTROL_NAMES.get(char, 'a control character')})"
    return f"U+{ord(char):04X} {unicodedata.name(char, 'unnamed character')}"


def _no_glyph(missing: Sequence[str]) -> str:
    return "no font has a glyph for " + ", ".join(describe(c) for c in missing)


def _system_family(missing: Sequence[str]) -> SystemFamily | None:
    """The system font family that would print the first of these characters, if one would."""
    return next((f for char in missing if (f := family_for_char(char)) is not None), None)


def check_coverage(
    leaflets: Iterable[tuple[LocalisedLeaflet, Sequence[Family]]], services: SourceDocument | None = None
) -> None:
    """Fail with every uncovered character, its code point and name, and where it is (with
    the file and line of what was typed in the `services` file).

    Where a whole script lacks its font (Georgian on a system without Noto Sans Georgian),
    one line per language says so and names the package, instead of one line per string.
    """
    problems = []
    strings = 0
    for leaflet, families in leaflets:
        language = f"{leaflet.locale.code} ({leaflet.locale.name})"
        by_family: dict[str, tuple[SystemFamily, list[str], dict[str, None]]] = {}
        found = leaflet_strings(leaflet)
        if not missing_characters("".join(string.text for string in found), families):
            continue  # every character is printed (the usual case): no string to name
        for where, value, key in found:
            missing = missing_characters(value, families)
            if not missing:
                continue
            strings += 1
            family = _system_family(missing)
            if family is not None:
                _spec, places, chars = by_family.setdefault(family.name, (family, [], {}))
                places.append(where)
                chars.update(dict.fromkeys(missing))
                continue
            path, line = None, None
            hint = "add a font that covers it with --font-dir"
            if services is not None and key is not None:  # typed in the services file: point there
                path, line = services.path, services.line_of(key)
            elif where in leaflet.translated_lines:  # from the language file: point to its entry
                path, line = leaflet.translation, leaflet.translated_lines[where]
                hint = f"write it otherwise in the translation, or {hint}"
            problems.append(
                Problem(
                    path,
                    line,
                    f"{language}: {where}",
                    _no_glyph(missing),
                    hint,
                )
            )
        for family, places, chars in by_family.values():
            shown = list(chars)[:3]
            more = f" and {len(chars) - len(shown)} more" if len(chars) > len(shown) else ""
            problems.append(
                Problem(
                    None,
                    None,
                    f"{language}: {places[0]}" + (f" and {len(places) - 1} more" if len(places) > 1 else ""),
                    f"no font on this computer has the {family.name} glyphs this language needs ("
                    + ", ".join(describe(c) for c in shown)
                    + more
                    + ")",
                    install_hint(family),
                )
            )
    if problems:
        detail = "\n".join(str(p) for p in problems)
        raise RenderError(f"{strings} string(s) use characters no font can print:\n{detail}")
