"""A translation is data, never code: `{name}` placeholders are a fixed set, filled in literally.

`str.format` would run a translator's `{locality:>2000000}` (a format spec eating gigabytes) or
`{locality.__class__}` (Python internals on a leaflet).  Here a placeholder is exactly `{name}`
with a name the English uses; anything else in braces is refused with its file, line and context.
"""

from __future__ import annotations

import re

from hrleaflet.content.text import invisible_problem

# Anything in braces, so that a misspelt or malformed placeholder is seen, not passed through.
_BRACED = re.compile(r"\{[^{}]*\}?|\}")
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def placeholders(text: str) -> list[str]:
    """Every brace group of a string, as written (sorted), e.g. ['{date}', '{reviewer}']."""
    return sorted(_BRACED.findall(text))


def fill(template: str, **values: str) -> str:
    """`template` with each `{name}` replaced by its value, literally and in one pass."""
    return _PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), template)


def msgstr_problem(english: str, translated: object, one_line: bool = True) -> str | None:
    """Why a translation cannot be printed as it stands, or None (`one_line` False: an entry
    that is not printed as a line, the words kept whole, may hold line breaks)."""
    if isinstance(translated, tuple | list):
        return "has plural forms (msgstr[0], msgstr[1], ...) but the English is one string: use one msgstr"
    text = str(translated)
    hidden = invisible_problem(text) or (_line_control_problem(english, text) if one_line else None)
    if hidden:
        return hidden
    want, have = placeholders(english), placeholders(text)
    if want != have:
        return (
            f"placeholders differ: English has {', '.join(want) or 'none'},"
            f" translation has {', '.join(have) or 'none'}; keep each {{name}} exactly as in the English"
        )
    return None


# Characters that break or space a line in a PO file (`\n`, `\t`), which invisible_problem lets
# through for the files that fold them into spaces; a leaflet's layout cannot print them.
_LINE_CONTROLS = {
    "\n": "a line break (\\n)",
    "\r": "a carriage return (\\r)",
    "\t": "a tab (\\t)",
    "\u2028": "a line separator (U+2028)",
    "\u2029": "a paragraph separator (U+2029)",
}


def _line_control_problem(english: str, text: str) -> str | None:
    """Why a translation holds a line break or tab that its English has not, or None: every
    string is one line, which the leaflet wraps to its width itself."""
    for char, name in _LINE_CONTROLS.items():
        if char in text and char not in english:
            return (
                f"contains {name} where the English has none: a leaflet string is one line, which"
                " the leaflet breaks to fit its width; replace it with a space"
            )
    return None
