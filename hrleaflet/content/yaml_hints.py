"""What to do about a YAML syntax error, in the terms of the line a person typed.

The parser names what it expected ("mapping values are not allowed in this context", "did
not find expected key"); the person needs to know which of the usual slips it was: a ': '
inside a value, a quote inside a quoted value, an indent out of line, a '-' or ':' without
its space, a tab, a second document.
"""

from __future__ import annotations

import re

# `  - name: value` or `    hours: value`: the indent, an optional list dash, the key, the value.
_FIELD = re.compile(r"^(?P<indent> *)(?P<dash>- +)?(?P<key>[^\s:#'\"\-][^:#]*?):(?: +(?P<value>.*?))?\s*$")
_DASH_WITHOUT_SPACE = re.compile(r"^ *-[^\s-]")


def yaml_hint(text: str, line: int | None, problem: str) -> str | None:
    """A hint for the parser's `problem` at `line` (counted from 1), or None."""
    if "another document" in problem:
        return (
            "a file holds one document: remove the '---' line (and put what follows it in a file of its own)"
        )
    lines = text.split("\n")
    if line is None or not 0 < line <= len(lines):
        return None
    here = lines[line - 1]
    if "\t" in here:
        return "the line has a tab: YAML indents with spaces; replace each tab with two spaces"
    above_line, above = _content_above(lines, line - 1)
    if above is not None and _DASH_WITHOUT_SPACE.match(above):
        return f"line {above_line} needs a space after its '-': {above.replace('-', '- ', 1).strip()}"
    field = _FIELD.match(here)
    value = field.group("value") if field else None
    if field and value:
        key = field.group("key")
        if value[0] in "'\"" and value.count(value[0]) > 2:
            return _quote_hint(key, value)
        if ": " in value and value[0] not in "[{":
            quoted = value.replace('"', '\\"')
            return (
                "the value has ': ' in it, which YAML reads as another field; put it in quotes:"
                f' {key}: "{quoted}"'
            )
    if "mapping values" in problem and above is not None and ":" not in above:
        return f"line {above_line} has no ':' after its field name; write it as 'name: value'"
    if above is not None and any(
        words in problem for words in ("mapping values", "expected key", "'-' indicator")
    ):
        return _indent_hint(here, above, above_line)
    return None


def _content_above(lines: list[str], index: int) -> tuple[int, str | None]:
    """The nearest line above `index` (0-based) with something on it other than a comment,
    and its number counted from 1."""
    for n in range(index - 1, -1, -1):
        stripped = lines[n].strip()
        if stripped and not stripped.startswith("#"):
            return n + 1, lines[n]
    return 0, None


def _quote_hint(key: str, value: str) -> str:
    """`notes: 'It's free'`: a quote inside a value quoted with the same mark ends it early."""
    mark = value[0]
    inner = value[1:-1] if value.endswith(mark) else value[1:]
    other = '"' if mark == "'" else "'"
    if other not in inner:
        return (
            f"a {_NAMES[mark]} inside a value in {_NAMES[mark]}s ends it; quote it with"
            f" {_NAMES[other]}s: {key}: {other}{inner}{other}"
        )
    doubled = inner.replace("'", "''")
    return f"inside single quotes, write each ' as two: {key}: '{doubled}'"


_NAMES = {"'": "single quote", '"': "double quote"}


def _indent_hint(here: str, above: str, above_line: int) -> str:
    """Fields of one entry start in the same column; an entry's first field is after `- `."""
    indent = len(here) - len(here.lstrip(" "))
    field = _FIELD.match(above)
    column = len(above) - len(above.lstrip(" "))
    if field and field.group("dash"):
        column += len(field.group("dash"))
    if indent == column:
        return (
            "check the indent of this line and the ones above: fields of one entry start in the same column"
        )
    return (
        f"this line starts after {indent} spaces and the field on line {above_line} after {column}:"
        " fields of one entry start in the same column"
    )
