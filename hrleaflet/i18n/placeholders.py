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


def msgstr_problem(english: str, translated: object) -> str | None:
    """Why a translation cannot be printed as it stands, or None."""
    if isinstance(translated, tuple | list):
        return "has plural forms (msgstr[0], msgstr[1], ...) but the English is one string: use one msgstr"
    text = str(translated)
    hidden = invisible_problem(text)
    if hidden:
        return hidden
    want, have = placeholders(english), placeholders(text)
    if want != have:
        return (
            f"placeholders differ: English has {', '.join(want) or 'none'},"
            f" translation has {', '.join(have) or 'none'}; keep each {{name}} exactly as in the English"
        )
    return None
