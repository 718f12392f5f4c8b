"""Write PO files the way GNU gettext does (`msgcat`, and so Poedit and Weblate).

Babel wraps long strings its own way; translators' tools rewrite them gettext's way, so a
round trip through Poedit would change lines nobody touched.  This module writes a catalog
as gettext 0.21's `write-po.c` does:

* strings are cut into portions after each `\\n`, and each portion is wrapped at 79 columns,
  counting the keyword and the quotes, at the line-break opportunities of Unicode UAX #14 as
  GNU libunistring 1.0 (Unicode 14) finds them: a pair table, with Thai, Lao, Khmer and
  Burmese letters treated as ordinary letters (libunistring does not split those words),
  East Asian wide characters counting two columns and combining marks none;
* no break is made inside a `{placeholder}` of a `python-brace-format` entry, nor right
  before a closing `\\n`;
* comments, `#:` references, flags, `#|` previous strings and obsolete `#~` entries follow
  gettext's layout (it drops unknown flags and obsolete entries without a translation).

The line-break classes come from Unicode's LineBreak.txt (a compact table at the end of
this module, generated once; see `_LINE_BREAK_TABLE`).
"""

from __future__ import annotations

import bisect
import functools
import unicodedata
from collections.abc import Iterable, Sequence

from babel.messages.catalog import Catalog, Message

PAGE_WIDTH = 79

# Line-break classes, numbered as the rows and columns of the pair table below.
_PAIR_CLASSES = (
    "WJ GL B2 BA BB HY CL CP1 CP2 EX IN NS OP1 OP2 QU IS NU PO PR SY AL H2 H3 ID1 ID2 JL JV JT HL RI "
    "ZWJ EB EM"
)
_CLASS = {name: index for index, name in enumerate(_PAIR_CLASSES.split(" "))}
_CLASS.update(BK=33, CR=34, LF=35, CM=36, ZW=37, SP=38)
BK, CR, LF, CM, ZW, SP = 33, 34, 35, 36, 37, 38
AL, HL, HY, BA, RI, ZWJ = (_CLASS[name] for name in ("AL", "HL", "HY", "BA", "RI", "ZWJ"))
_HL_BA = 100  # a Hebrew letter followed by a hyphen or break-after character

# UAX #14's pair table (version of Unicode 14, as libunistring 1.0 has it): the row is the
# class before the break, the column the class after it.  D: direct break; I: break only
# when spaces come between; P: prohibited.
_PAIRS = (
    "PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII",  # WJ
    "PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII",  # GL
    "PIPIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # B2
    "PDDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # BA
    "PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII",  # BB
    "PDDIDIPPPPIIDDIPIDDPDDDDDDDDDDDDD",  # HY
    "PIDIDIPPPPIPDDIPDIIPDDDDDDDDDDDDD",  # CL
    "PIDIDIPPPPIIDDIPIIIPIDDDDDDDIDIDD",  # CP1
    "PIDIDIPPPPIIDDIPDIIPDDDDDDDDDDDDD",  # CP2
    "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # EX
    "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # IN
    "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # NS
    "PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP",  # OP1
    "PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP",  # OP2
    "PIIIIIPPPPIIPPIPIIIPIIIIIIIIIIIII",  # QU
    "PIDIDIPPPPIIDDIPIDDPDDDDDDDDDDDDD",  # IS
    "PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD",  # NU
    "PIDIDIPPPPIIIIIPIDDPIDDDDDDDIDIDD",  # PO
    "PIDIDIPPPPIIIIIPIDDPIIIIIIIIIDIII",  # PR
    "PIDIDIPPPPIIDDIPIDDPDDDDDDDDIDDDD",  # SY
    "PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD",  # AL
    "PIDIDIPPPPIIDDIPDIDPDDDDDDIIDDDDD",  # H2
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDIDDDDD",  # H3
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDD",  # ID1
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDI",  # ID2
    "PIDIDIPPPPIIDDIPDIDPDIIDDIIDDDDDD",  # JL
    "PIDIDIPPPPIIDDIPDIDPDDDDDDIIDDDDD",  # JV
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDIDDDDD",  # JT
    "PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD",  # HL
    "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # RI
    "PIDIDIPPPPIIIDIPIIIPIDDIIDDDIDIII",  # ZWJ
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDI",  # EB
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDD",  # EM
)

PROHIBITED, POSSIBLE, MANDATORY = 0, 1, 2


@functools.cache
def _table() -> tuple[list[int], list[int], list[int]]:
    starts: list[int] = []
    ends: list[int] = []
    classes: list[int] = []
    position = 0
    for item in _LINE_BREAK_TABLE.split():
        gap, length, name = item.split(".")
        start = position + int(gap, 16)
        end = start + int(length, 16)
        starts.append(start)
        ends.append(end)
        classes.append(_CLASS[name])
        position = end + 1
    return starts, ends, classes


# Both are asked of every character of every string a PO file holds (3 million times when
# `update` writes the shipped files): each character's answer is worked out once.
@functools.cache
def line_break_class(char: str) -> int:
    """The character's UAX #14 class, resolved as libunistring resolves it: AI, SA and XX
    as AL, CB as ID, CJ as NS; opening and closing punctuation split into wide and narrow;
    ideographs split into Extended_Pictographic or not."""
    code = ord(char)
    if 0xAC00 <= code <= 0xD7A3:
        return _CLASS["H2"] if (code - 0xAC00) % 28 == 0 else _CLASS["H3"]
    starts, ends, classes = _table()
    index = bisect.bisect_right(starts, code) - 1
    if index >= 0 and code <= ends[index]:
        return classes[index]
    return AL


@functools.cache
def char_width(char: str) -> int:
    """Columns the character takes, as libunistring's `uc_width` counts them in UTF-8:
    combining marks, format characters and conjoining jamo none, East Asian wide two,
    control characters -1 (not counted)."""
    code = ord(char)
    category = unicodedata.category(char)
    if category == "Cc":
        return -1 if 0 < code < 0xA0 else 0
    if (
        category == "Cf"
        or unicodedata.bidirectional(char) == "NSM"
        or 0x1160 <= code <= 0x11FF
        or 0xD7B0 <= code <= 0xD7C6
        or 0xD7CB <= code <= 0xD7FB
        or 0xE0100 <= code <= 0xE01EF
        or unicodedata.name(char, "").startswith("ZERO WIDTH ")
    ):
        return 0
    if unicodedata.east_asian_width(char) in ("W", "F") or 0x20000 <= code <= 0x3FFFD:
        return 2
    return 1


def possible_linebreaks(text: str) -> list[int]:
    """For each character, whether a line may break before it (libunistring's
    `u8_possible_linebreaks`)."""
    result = [PROHIBITED] * len(text)
    prev_prop = BK
    last_prop = BK
    seen_space = False
    ri_count = 0
    for index, char in enumerate(text):
        prop = line_break_class(char)
        if prop in (BK, LF, CR):
            result[index] = MANDATORY
            prev_prop = prop
            last_prop = BK
            seen_space = False
        else:
            if prop == SP:
                result[index] = PROHIBITED
                seen_space = True
            elif prop == ZW:
                result[index] = PROHIBITED
                last_prop = ZW
                seen_space = False
            elif prop in (CM, ZWJ):
                if last_prop == BK:
                    result[index] = PROHIBITED
                    last_prop = AL
                    seen_space = False
                elif last_prop == ZW or seen_space:
                    result[index] = POSSIBLE
                    last_prop = AL
                    seen_space = False
                else:
                    result[index] = PROHIBITED
            else:
                if last_prop == BK:
                    result[index] = PROHIBITED
                elif last_prop == ZW:
                    result[index] = POSSIBLE
                elif prev_prop == ZWJ:
                    result[index] = PROHIBITED
                elif last_prop == RI and prop == RI:
                    result[index] = POSSIBLE if seen_space or ri_count % 2 == 0 else PROHIBITED
                elif prev_prop == _HL_BA:
                    result[index] = PROHIBITED
                else:
                    rule = _PAIRS[last_prop][prop]
                    if rule == "D" or (rule == "I" and seen_space):
                        result[index] = POSSIBLE
                    else:
                        result[index] = PROHIBITED
                last_prop = prop
                seen_space = False
            prev_prop = _HL_BA if prev_prop == HL and prop in (HY, BA) else prop
        ri_count = ri_count + 1 if prop == RI else 0
    return result


def width_linebreaks(text: str, width: int, start_column: int, overrides: Sequence[int | None]) -> list[bool]:
    """Where to break `text` so that its lines fit in `width` columns, the first line starting
    at `start_column` (libunistring's `u8_width_linebreaks`); `overrides` forces or forbids
    a break before a character (None: as UAX #14 says)."""
    possible = possible_linebreaks(text)
    breaks = [False] * len(text)
    last: int | None = None
    last_column = start_column
    piece_width = 0
    for index, char in enumerate(text):
        kind = possible[index]
        override = overrides[index]
        if override is not None:
            kind = override
        if kind in (POSSIBLE, MANDATORY) and last is not None and last_column + piece_width > width:
            breaks[last] = True
            last_column = 0
        if kind == MANDATORY:
            last = None
            last_column = 0
            piece_width = 0
        else:
            if kind == POSSIBLE:
                last = index
                last_column += piece_width
                piece_width = 0
            char_columns = char_width(char)
            if char_columns >= 0:
                piece_width += char_columns
    if last is not None and last_column + piece_width > width:
        breaks[last] = True
    return breaks


_ESCAPES = {"\a": "a", "\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t", "\v": "v", "\\": "\\", '"': '"'}


def brace_directives(text: str) -> list[tuple[int, int]]:
    """The `{placeholder}` directives of a python-brace-format string, as (start, end)
    indices of their braces, as gettext's format-python-brace.c finds them; parsing stops
    at the first invalid one."""
    found: list[tuple[int, int]] = []
    index = 0
    while index < len(text):
        if text[index] != "{":
            index += 1
            continue
        end = _parse_brace(text, index, toplevel=True)
        if end is None:
            break
        if end > index + 1:
            found.append((index, end - 1))
        index = end
    return found


def _parse_field(text: str, index: int, numeric: bool = True) -> int | None:
    if index < len(text) and (text[index].isascii() and (text[index].isalpha() or text[index] == "_")):
        index += 1
        while index < len(text) and text[index].isascii() and (text[index].isalnum() or text[index] == "_"):
            index += 1
        return index
    if numeric and index < len(text) and text[index] in "0123456789":
        while index < len(text) and text[index] in "0123456789":
            index += 1
        return index
    return None


def _parse_brace(text: str, start: int, toplevel: bool) -> int | None:
    """Index just after the directive at `start`; for `{{`, just after it (no directive)."""
    index = start + 1
    if text[index : index + 1] == "{":
        return index + 1 if toplevel else None
    after = _parse_field(text, index)
    if after is None:
        return None
    index = after
    while index < len(text) and text[index] in ".[":
        if text[index] == ".":
            after = _parse_field(text, index + 1, numeric=False)
            if after is None:
                return None
            index = after
        else:
            after = _parse_field(text, index + 1)
            if after is None or text[after : after + 1] != "]":
                return None
            index = after + 1
    if text[index : index + 1] == ":":
        if not toplevel:
            return None
        index += 1
        if text[index : index + 1] == "{":
            after = _parse_brace(text, index, toplevel=False)
            if after is None:
                return None
            index = after
        else:
            if text[index + 1 : index + 2] in ("<", ">", "=", "^") and index + 1 < len(text):
                index += 2
            elif text[index : index + 1] in ("<", ">", "=", "^") and index < len(text):
                index += 1
            for optional in ("+- ", "#", "0"):
                if text[index : index + 1] and text[index] in optional:
                    index += 1
            while text[index : index + 1].isdigit() and text[index].isascii():
                index += 1
            if text[index : index + 1] == ".":
                index += 1
                while text[index : index + 1].isdigit() and text[index].isascii():
                    index += 1
            if text[index : index + 1] and text[index] in "bcdoxXneEfFgG%":
                index += 1
    if text[index : index + 1] != "}":
        return None
    return index + 1


def wrap(name: str, value: str, prefix: str = "", directives: Iterable[tuple[int, int]] = ()) -> str:
    """`name "value"` as gettext writes it: lines of at most 79 columns, a line after each
    `\\n`, and an empty first line `name ""` when the string takes more than one line."""
    inside = [False] * len(value)
    for start, end in directives:
        for index in range(start + 1, end + 1):
            inside[index] = True
    out: list[str] = []
    startcol_after_break = len(prefix) + 1
    width = PAGE_WIDTH - 1 - startcol_after_break
    first_line = True
    position = 0
    while True:
        end = value.find("\n", position)
        end = len(value) if end < 0 else end + 1
        portion: list[str] = []
        overrides: list[int | None] = []
        for index in range(position, end):
            char = value[index]
            brk = PROHIBITED if inside[index] else None
            escaped = _ESCAPES.get(char)
            if escaped is not None:
                portion += ["\\", escaped]
                overrides += [brk, PROHIBITED]
            else:
                portion.append(char)
                overrides.append(brk)
        if end > position and value[end - 1] == "\n":
            overrides[-2] = PROHIBITED
        text = "".join(portion)
        while True:
            startcol = len(prefix) + (len(name) + 1 if first_line else 0) + 1 - startcol_after_break
            breaks = width_linebreaks(text, width, startcol, overrides)
            if first_line and text and (end < len(value) or startcol > width or any(breaks)):
                out.append(f'{prefix}{name} ""\n')
                first_line = False
                continue
            break
        line = [prefix, f"{name} " if first_line else "", '"']
        first_line = False
        for char, cut in zip(text, breaks, strict=True):
            if cut:
                line.append(f'"\n{prefix}"')
            line.append(char)
        line.append('"\n')
        out.append("".join(line))
        position = end
        if position >= len(value):
            break
    return "".join(out)


# gettext's format languages, in the order it writes their flags.
_FORMATS = [
    "c",
    "objc",
    "python",
    "python-brace",
    "java",
    "java-printf",
    "csharp",
    "javascript",
    "scheme",
    "lisp",
    "elisp",
    "librep",
    "ruby",
    "sh",
    "awk",
    "lua",
    "object-pascal",
    "smalltalk",
    "qt",
    "qt-plural",
    "kde",
    "kde-kuit",
    "boost",
    "tcl",
    "perl",
    "perl-brace",
    "php",
    "gcc-internal",
    "gfc-internal",
    "ycp",
]


def _format_flags(flags: Iterable[str]) -> list[str]:
    present = set(flags)
    kept = []
    for language in _FORMATS:
        for flag in (f"{language}-format", f"no-{language}-format"):
            if flag in present:
                kept.append(flag)
                break
    return kept


def _comment_lines(marker: str, comments: Iterable[str]) -> str:
    out = []
    for comment in comments:
        for line in str(comment).split("\n"):
            out.append(f"{marker} {line}\n" if line else f"{marker}\n")
    return "".join(out)


def _references(locations: Iterable[tuple[str, int | None]]) -> str:
    if not locations:
        return ""
    out = ["#:"]
    column = 2
    for filename, lineno in locations:
        name = str(filename)
        while name.startswith("./"):
            name = name[2:]
        reference = f"{name}:{lineno}" if lineno is not None else name
        if column > 2 and column + len(reference) + 1 > PAGE_WIDTH:
            out.append("\n#:")
            column = 2
        out.append(f" {reference}")
        column += len(reference) + 1
    out.append("\n")
    return "".join(out)


def _forms(value: object) -> list[str]:
    if isinstance(value, tuple | list):
        return [str(form or "") for form in value]
    return [str(value or "")]


def _message(message: Message, obsolete: bool) -> str:
    ids = _forms(message.id)
    strings = _forms(message.string)
    translated = strings[0] != ""
    brace = "python-brace-format" in message.flags

    def directives(text: str) -> list[tuple[int, int]]:
        return brace_directives(text) if brace else []

    out = [
        _comment_lines("#", message.user_comments),
        _comment_lines("#.", message.auto_comments),
        _references(message.locations),
    ]
    flags = ["fuzzy"] if message.fuzzy and translated else []
    flags += _format_flags(message.flags)
    if not obsolete:
        ranges = sorted(flag for flag in message.flags if flag.startswith("range:"))
        flags += ranges[:1]
    if "no-wrap" in message.flags:
        flags.append("no-wrap")
    elif "wrap" in message.flags and not obsolete:
        flags.append("wrap")
    if flags:
        out.append("#, " + ", ".join(flags) + "\n")
    previous_prefix = "#~| " if obsolete else "#| "
    previous = _forms(message.previous_id) if message.previous_id else []
    for keyword, text in zip(("msgid", "msgid_plural"), previous, strict=False):
        out.append(wrap(keyword, text, previous_prefix, directives(text)))
    prefix = "#~ " if obsolete else ""
    if message.context is not None:
        out.append(wrap("msgctxt", message.context, prefix, directives(message.context)))
    out.append(wrap("msgid", ids[0], prefix, directives(ids[0])))
    if len(ids) > 1:
        out.append(wrap("msgid_plural", ids[1], prefix, directives(ids[1])))
        for number, text in enumerate(strings):
            out.append(wrap(f"msgstr[{number}]", text, prefix, directives(text)))
    else:
        out.append(wrap("msgstr", strings[0], prefix, directives(strings[0])))
    return "".join(out)


def format_catalog(catalog: Catalog) -> str:
    """The whole catalog as a PO file, byte for byte as `msgcat` writes it."""
    parts: list[str] = []
    for message in catalog:
        if not message.id:
            header = []
            for line in catalog.header_comment.splitlines():
                text = line[1:] if line.startswith("#") else line
                text = text[1:] if text.startswith(" ") else text
                header.append(f"# {text}\n" if text else "#\n")
            if catalog.fuzzy:
                header.append("#, fuzzy\n")
            header.append(wrap("msgid", ""))
            fields = "".join(f"{name}: {value.rstrip(chr(10))}\n" for name, value in catalog.mime_headers)
            header.append(wrap("msgstr", fields))
            parts.append("".join(header))
        else:
            parts.append(_message(message, obsolete=False))
    for message in catalog.obsolete.values():
        if _forms(message.string)[0]:
            parts.append(_message(message, obsolete=True))
    return "\n".join(parts)


# Line-break classes other than AL (and Hangul syllables, computed), from Unicode 15.0's
# LineBreak.txt and emoji-data.txt for the characters of Unicode 14, resolved as libunistring 1.0
# resolves them; each item is "gap.length.class" in hex: the range starts `gap` after the end
# of the previous one and covers `length` + 1 characters.
_LINE_BREAK_TABLE = (
    "0.8.CM 0.0.BA 0.0.LF 0.1.BK 0.0.CR 0.11.CM 0.0.SP 0.0.EX 0.0.QU 1.0.PR 0.0.PO 1.0.QU "
    "0.0.OP1 0.0.CP1 1.0.PR 0.0.IS 0.0.HY 0.0.IS 0.0.SY 0.9.NU 0.1.IS 3.0.EX 1b.0.OP1 "
    "0.0.PR 0.0.CP1 1d.0.OP1 0.0.BA 0.0.CL 1.5.CM 0.0.BK 0.19.CM 0.0.GL 0.0.OP1 0.0.PO "
    "0.2.PR 5.0.QU 1.0.BA 2.0.PO 0.0.PR 2.0.BB 6.0.QU 3.0.OP1 208.0.BB 3.0.BB 12.0.BB "
    "20.4e.CM 0.0.GL 0.b.CM 0.6.GL 0.c.CM e.0.IS 104.6.CM ff.0.IS 0.0.BA 4.0.PR 1.2c.CM "
    "0.0.BA 0.0.CM 1.1.CM 1.1.CM 0.0.EX 0.0.CM 8.1a.HL 4.3.HL 16.2.PO 0.1.IS 2.a.CM "
    "0.0.EX 0.0.CM 0.2.EX 2b.14.CM 0.9.NU 0.0.PO 0.1.NU 3.0.CM 63.0.EX 1.6.CM 2.5.CM "
    "2.1.CM 1.3.CM 2.9.NU 17.0.CM 1e.1a.CM 5b.a.CM f.9.NU 21.8.CM 4.0.IS 0.0.EX 3.0.CM "
    "0.1.PR 16.3.CM 1.8.CM 1.2.CM 1.4.CM 2b.2.CM 3c.7.CM 2a.17.CM 1.20.CM 36.2.CM 1.11.CM "
    "1.6.CM a.1.CM 0.1.BA 0.9.NU 11.2.CM 38.0.CM 1.6.CM 2.1.CM 2.2.CM 9.0.CM a.1.CM "
    "2.9.NU 2.1.PO 5.0.PO 1.0.PR 2.0.CM 2.2.CM 38.0.CM 1.4.CM 4.1.CM 2.2.CM 3.0.CM "
    "14.9.NU 0.1.CM 3.0.CM b.2.CM 38.0.CM 1.7.CM 1.2.CM 1.2.CM 14.1.CM 2.9.NU 1.0.PR "
    "8.5.CM 1.2.CM 38.0.CM 1.6.CM 2.1.CM 2.2.CM 7.2.CM a.1.CM 2.9.NU 12.0.CM 3b.4.CM "
    "3.2.CM 1.3.CM 9.0.CM e.9.NU 9.0.PR 6.4.CM 37.0.CM 1.6.CM 1.2.CM 1.3.CM 7.1.CM b.1.CM "
    "2.9.NU 7.0.BB 9.2.CM 0.0.BB 37.0.CM 1.6.CM 1.2.CM 1.3.CM 7.1.CM b.1.CM 2.9.NU "
    "10.3.CM 37.1.CM 1.6.CM 1.2.CM 1.3.CM 9.0.CM a.1.CM 2.9.NU 9.0.PO 7.2.CM 46.0.CM "
    "4.5.CM 1.0.CM 1.7.CM 6.9.NU 2.1.CM 4b.0.PR 10.9.NU 0.1.BA 74.9.NU 27.3.BB 1.1.BB "
    "0.0.GL 0.1.BB 0.0.BA 0.0.GL 0.4.EX 0.0.GL 1.0.EX 3.1.CM 6.9.NU a.0.BA 0.0.CM 1.0.CM "
    "1.0.CM 0.0.OP1 0.0.CL 0.0.OP1 0.0.CL 0.1.CM 31.d.CM 0.0.BA 0.4.CM 0.0.BA 0.1.CM "
    "5.a.CM 1.23.CM 1.1.BA 6.0.CM 9.1.BB 0.0.BA 0.0.BB 5.1.GL 65.9.NU 0.1.BA 44.9.NU "
    "66.5f.JL 0.47.JV 0.57.JT 15d.2.CM 1.0.BA 9e.0.BA 27f.0.BA 1a.0.OP1 0.0.CL 4e.2.BA "
    "24.3.CM 1c.2.CM 0.1.BA 1b.1.CM 1e.1.CM 60.1.BA 0.0.NS 1.0.BA 1.0.BA 0.0.PR 4.9.NU "
    "18.1.EX 0.1.BA 0.0.BB 1.1.EX 1.2.CM 0.0.GL 0.0.CM 0.9.NU 6b.1.CM 22.0.CM 76.b.CM "
    "4.b.CM 8.1.EX 0.9.NU 80.9.NU 3d.4.CM 63.0.CM 0.9.NU 6.9.NU 16.1e.CM 31.4.CM 2f.10.CM "
    "b.9.NU 0.1.BA 1.3.BA a.8.CM 9.1.BA 1.2.CM 1e.c.CM 2.9.NU 2c.d.CM 30.13.CM 3.4.BA "
    "0.9.NU 6.9.NU 24.1.BA 50.2.CM 1.14.CM 4.0.CM 6.0.CM 2.2.CM c6.c.CM 0.0.GL 0.2d.CM "
    "0.0.GL 0.2.CM 1fd.0.BB 2.6.BA 0.0.GL 0.2.BA 0.0.ZW 0.0.CM 0.0.ZWJ 0.1.CM 0.0.BA "
    "0.0.GL 0.1.BA 0.0.B2 3.1.QU 0.0.OP1 0.2.QU 0.0.OP1 0.0.QU 4.2.IN 0.0.BA 0.1.BK "
    "0.4.CM 0.0.GL 0.7.PO 1.1.QU 1.1.NS 6.0.IS 0.0.OP1 0.0.CL 0.2.NS c.0.BA 0.0.PO 0.3.BA "
    "1.2.BA 0.0.WJ 5.9.CM d.0.OP1 0.0.CL e.0.OP1 0.0.CL 11.6.PR 0.0.PO 0.d.PR 0.0.PO "
    "0.3.PR 0.0.PO 0.1.PR 0.0.PO 0.0.PR 0.0.PO 0.e.PR 0.20.CM 12.0.PO 5.0.PO c.0.PR "
    "fb.1.PR db.0.IN 18.0.OP1 0.0.CL 0.0.OP1 0.0.CL e.1.ID2 d.0.OP2 0.0.CL c5.3.ID2 "
    "20c.3.ID2 10.1.ID2 2.0.ID2 1.2.ID2 0.0.EB 0.1.ID2 19.2.ID2 2c.0.ID2 16.0.ID2 "
    "3d.b.ID2 4.0.ID2 1.2.ID2 1.1.ID2 3.1.ID2 2.0.ID2 2.2.ID2 8.0.ID2 6.4.ID2 1.1.ID2 "
    "0.0.EB 0.0.ID2 2.7.ID2 3.1.ID2 0.3.EB 4d.5.QU 1.1.EX 0.0.ID2 3.0.OP1 0.0.CL 0.0.OP1 "
    "0.0.CL 0.0.OP1 0.0.CL 0.0.OP1 0.0.CL 0.0.OP1 0.0.CL 0.0.OP1 0.0.CL 0.0.OP1 0.0.CL "
    "4f.0.OP1 0.0.CL 1f.0.OP1 0.0.CL 0.0.OP1 0.0.CL 0.0.OP1 0.0.CL 0.0.OP1 0.0.CL 0.0.OP1 "
    "0.0.CL 193.0.OP1 0.0.CL 0.0.OP1 0.0.CL 0.0.OP1 0.0.CL 0.0.OP1 0.0.CL 0.0.OP1 0.0.CL "
    "0.0.OP1 0.0.CL 0.0.OP1 0.0.CL 0.0.OP1 0.0.CL 0.0.OP1 0.0.CL 0.0.OP1 0.0.CL 0.0.OP1 "
    "0.0.CL 3f.0.OP1 0.0.CL 0.0.OP1 0.0.CL 20.0.OP1 0.0.CL 2f1.2.CM 7.0.EX 0.2.BA 1.0.EX "
    "0.0.BA 70.0.BA e.0.CM 60.1f.CM 0.d.QU 0.7.BA 1.0.BA 0.0.OP1 0.0.BA 2.1.QU 2.1.QU "
    "0.0.OP1 0.0.CL 0.0.OP1 0.0.CL 0.0.OP1 0.0.CL 0.0.OP1 0.0.CL 0.3.BA 0.0.EX 1.1.BA "
    "1.1.BA 5.1.B2 0.2.BA 1.1.BA 0.0.OP1 0.7.BA 1.0.BA 1.1.BA 3.1.EX 0.0.OP1 0.0.CL "
    "0.0.OP1 0.0.CL 0.0.OP1 0.0.CL 0.0.OP1 0.0.CL 0.0.BA 22.19.ID1 1.58.ID1 c.d5.ID1 "
    "1a.b.ID1 4.0.BA 0.1.CL 0.1.ID1 0.0.NS 0.1.ID1 0.0.OP2 0.0.CL 0.0.OP2 0.0.CL 0.0.OP2 "
    "0.0.CL 0.0.OP2 0.0.CL 0.0.OP2 0.0.CL 0.1.ID1 0.0.OP2 0.0.CL 0.0.OP2 0.0.CL 0.0.OP2 "
    "0.0.CL 0.0.OP2 0.0.CL 0.0.NS 0.0.OP2 0.1.CL 0.9.ID1 0.5.CM 0.0.ID2 0.3.ID1 0.0.CM "
    "0.4.ID1 0.1.NS 0.0.ID2 0.1.ID1 1.0.NS 0.0.ID1 0.0.NS 0.0.ID1 0.0.NS 0.0.ID1 0.0.NS "
    "0.0.ID1 0.0.NS 0.18.ID1 0.0.NS 0.1e.ID1 0.0.NS 0.0.ID1 0.0.NS 0.0.ID1 0.0.NS 0.5.ID1 "
    "0.0.NS 0.5.ID1 0.1.NS 2.1.CM 0.3.NS 0.0.ID1 0.1.NS 0.0.ID1 0.0.NS 0.0.ID1 0.0.NS "
    "0.0.ID1 0.0.NS 0.0.ID1 0.0.NS 0.18.ID1 0.0.NS 0.1e.ID1 0.0.NS 0.0.ID1 0.0.NS 0.0.ID1 "
    "0.0.NS 0.5.ID1 0.0.NS 0.5.ID1 0.1.NS 0.3.ID1 0.3.NS 0.0.ID1 5.2a.ID1 1.5d.ID1 "
    "1.53.ID1 c.f.NS 0.1e.ID1 1.27.ID1 8.46.ID1 0.0.ID2 0.0.ID1 0.0.ID2 0.1b25.ID1 "
    "40.5214.ID1 0.0.NS 0.476.ID1 3.36.ID1 37.1.BA 10d.0.BA 0.0.EX 0.0.BA 10.9.NU 45.3.CM "
    "1.9.CM 20.1.CM 50.1.CM 1.4.BA 10a.0.CM 3.0.CM 4.0.CM 17.4.CM 4.0.CM b.0.PO 3b.1.BB "
    "0.1.EX 8.1.CM 32.11.CM 8.1.BA 0.9.NU 6.11.CM a.0.BB 2.0.CM 0.9.NU 1c.7.CM 0.1.BA "
    "17.c.CM c.1c.JL 3.3.CM 2f.d.CM 6.2.BA 6.9.NU 16.9.NU 2f.d.CM c.0.CM 8.1.CM 2.9.NU "
    "3.2.BA 8b.4.CM 0.1.BA 3.1.CM ec.7.CM 0.0.BA 0.1.CM 2.9.NU 2bb6.16.JV 4.30.JT "
    "2104.1ff.ID1 1d.0.HL 0.0.CM 0.9.HL 1.c.HL 1.4.HL 1.0.HL 1.1.HL 1.1.HL 1.9.HL "
    "1ee.0.CL 0.0.OP1 bc.0.PO 3.f.CM 0.0.IS 0.1.CL 0.1.IS 0.1.EX 0.0.OP2 0.0.CL 0.0.IN "
    "6.f.CM 0.4.ID1 0.0.OP2 0.0.CL 0.0.OP2 0.0.CL 0.0.OP2 0.0.CL 0.0.OP2 0.0.CL 0.0.OP2 "
    "0.0.CL 0.0.OP2 0.0.CL 0.0.OP2 0.0.CL 0.0.OP2 0.0.CL 0.1.ID1 0.0.OP2 0.0.CL 0.6.ID1 "
    "0.0.CL 0.0.ID1 0.0.CL 1.1.NS 0.1.EX 0.0.ID1 0.0.OP2 0.0.CL 0.0.OP2 0.0.CL 0.0.OP2 "
    "0.0.CL 0.7.ID1 1.0.ID1 0.0.PR 0.0.PO 0.0.ID1 93.0.WJ 1.0.EX 0.1.ID1 0.0.PR 0.0.PO "
    "0.1.ID1 0.0.OP2 0.0.CL 0.1.ID1 0.0.CL 0.0.ID1 0.0.CL 0.a.ID1 0.1.NS 0.2.ID1 0.0.EX "
    "0.1a.ID1 0.0.OP2 0.0.ID1 0.0.CL 0.1c.ID1 0.0.OP2 0.0.ID1 0.0.CL 0.0.ID1 0.0.OP2 "
    "0.1.CL 0.0.OP2 0.1.CL 0.0.NS 0.0.ID1 0.9.NS 0.2c.ID1 0.1.NS 0.1e.ID1 3.5.ID1 2.5.ID1 "
    "2.5.ID1 2.2.ID1 3.0.PO 0.0.PR 0.2.ID1 0.1.PR 12.2.CM 0.0.ID1 103.2.BA fa.0.CM "
    "e2.0.CM 95.4.CM 24.0.BA 30.0.BA cf.9.NU 3ad.0.BA c7.0.BA e1.2.CM 1.1.CM 5.3.CM "
    "28.2.CM 4.0.CM 10.7.BA 8d.1.CM 9.5.BA 0.0.IN 42.6.BA 1e4.3.CM 8.9.NU 171.1.CM 0.0.BA "
    "98.a.CM 31.3.CM 7a.2.CM 35.e.CM 0.1.BA 1d.9.NU 0.0.CM 2.1.CM a.3.CM 2d.a.CM 3.3.BA "
    "0.0.CM 2d.9.NU 6.2.CM 24.d.CM 1.9.NU 0.3.BA 1.1.CM 2c.0.CM 1.0.BB a.2.CM 30.d.CM "
    "4.1.BA 1.0.BA 0.3.CM 1.1.CM 0.9.NU 1.0.BB 1.2.BA 4c.b.CM 0.1.BA 1.1.BA 1.0.CM "
    "6a.0.BA 35.b.CM 5.9.NU 6.3.CM 37.1.CM 1.6.CM 2.1.CM 2.2.CM 9.0.CM a.1.CM 2.6.CM "
    "3.4.CM c0.11.CM 4.3.BA 1.9.NU 0.1.BA 2.0.CM 51.13.CM c.9.NU d5.6.CM 2.8.CM 0.0.BB "
    "0.1.BA 0.1.EX 3.e.BA 4.1.CM 52.10.CM 0.1.BA d.9.NU 6.c.BB 3e.c.CM 8.9.NU 66.9.NU "
    "2.2.BA ed.e.CM a5.9.NU 46.5.CM 1.1.CM 2.3.CM 1.0.CM 1.1.CM 0.2.BA 9.9.NU 77.6.CM "
    "2.6.CM 1.0.BB 1.0.CM 1c.9.CM 28.6.CM 1.3.CM 0.0.BB 1.3.BA 0.0.BB 1.0.CM 9.a.CM "
    "2e.f.CM 0.2.BA 1.2.BB 0.1.BA 18c.7.CM 1.7.CM 1.4.BA a.9.NU 16.0.BB 0.0.EX 20.15.CM "
    "1.d.CM 7a.5.CM 3.0.CM 1.1.CM 1.6.CM 1.0.CM 8.9.NU 30.4.CM 1.1.CM 1.4.CM 8.9.NU "
    "149.3.CM 4e.a.ID1 8d.3.PO 1e.0.BA 470.4.BA de3.2.OP1 0.2.CL 24.0.CL 3.0.OP1 0.0.CL "
    "0.0.OP1 0.0.CL ef.0.OP1 0.1.CL b4.6.GL 0.0.OP1 0.0.CL 1195.0.OP1 0.0.CL 2490.9.NU "
    "4.1.BA 50.9.NU 26.4.CM 0.0.BA 3a.6.CM 0.2.BA a.0.BA b.9.NU 33d.1.BA b6.0.CM 1.36.CM "
    "7.3.CM 4d.3.NS 0.0.GL b.1.CM e.17f7.ID1 8.2ff.ID1 200.8.ID1 22f7.122.ID1 2d.2.NS "
    "11.3.NS 8.18b.ID1 9a1.1.CM 0.0.BA 0.3.CM 125c.2d.CM 2.16.CM 21e.4.CM 3.15.CM 2.6.CM "
    "1e.3.CM 94.2.CM 589.31.NU 200.36.CM 4.31.CM 8.0.CM e.0.CM 2.3.BA 10.4.CM 1.e.CM "
    "550.6.CM 1.10.CM 2.6.CM 1.1.CM 1.4.CM 105.6.CM 9.9.NU 164.0.CM 3d.3.CM 0.9.NU 5.0.PR "
    "5d0.6.CM 6d.6.CM 5.9.NU 4.1.OP1 34c.0.PO 3.0.PO 34f.ff.ID2 d.2.ID2 5d.2.ID2 "
    "3d.38.ID2 0.19.RI 0.0.ID1 0.e.ID2 0.9.ID1 0.0.ID2 0.13.ID1 0.0.ID2 0.1.ID1 0.8.ID2 "
    "0.0.ID1 0.3.ID2 0.8.ID1 0.13b.ID2 0.0.EB 0.15.ID2 2.16.ID2 2.4.ID2 1.4.ID2 0.2.EB "
    "0.1.ID2 0.0.EB 0.1.ID2 0.2.EB 0.2d.ID2 0.4.EM 0.41.ID2 0.1.EB 0.1.ID2 0.a.EB "
    "0.14.ID2 0.12.EB 0.2.ID2 0.0.EB 0.3.ID2 0.2.EB 0.0.ID2 0.2.EB 0.6.ID2 0.0.EB 0.0.ID2 "
    "0.0.EB 0.d.ID2 1.0.ID2 1.0.ID2 1.4.ID2 0.0.EB 0.3.ID2 1.0.ID2 2.4c.ID2 7.f.ID2 "
    "e.c.ID2 18.29.ID2 0.1.EB 0.3.ID2 0.0.EB 0.14.ID2 0.0.EB 0.3.ID2 0.1.EB 0.3c.ID2 "
    "8.17.ID2 6.4a.ID2 0.2.EB 0.2.ID2 0.4.EB 26.2.QU 0.2.NS 4.22.ID2 0.0.EB 0.f.ID2 "
    "0.2.EB 0.8.ID2 0.0.EB 0.a.ID2 0.0.EB 0.32.ID2 74.b.ID2 55.2a.ID2 c.3.ID2 38.7.ID2 "
    "a.5.ID2 28.7.ID2 1e.51.ID2 c.0.EB 0.1.ID2 0.0.EB 0.7.ID2 0.7.EB 0.5.ID2 0.0.EB "
    "0.8.ID2 0.9.EB 0.0.ID2 0.0.ID1 0.2.EB 0.6.ID2 0.0.ID1 0.2f.ID2 0.0.EB 0.3c.ID2 "
    "0.1.EB 0.0.ID2 0.1.EB 0.0.ID2 0.0.EB 0.10.ID2 0.2.EB 0.0.ID2 0.c.EB 0.21.ID2 "
    "54.6e.ID2 0.2.EB 0.29.ID2 0.6.EB 2.6.ID2 f0.9.NU 6.3fd.ID2 2.fffd.ID1 2.fffd.ID1 "
    "a0003.0.CM 1e.5f.CM 80.ef.CM "
)
