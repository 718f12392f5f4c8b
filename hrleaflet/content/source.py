"""Read YAML and remember where every value came from.

PyYAML's constructors lose line numbers and silently keep the last of two
duplicate keys.  We compose the node graph ourselves (safe tags only), build
plain Python values from it, and keep a map from each value's key path to its
line so that validation errors can name the file and line.

Every scalar stays the text the person typed.  YAML 1.1 would read `0123456`
as octal 42798, `10:30` as 630, `no` as false and `2026-01-02` as a date; a
leaflet must print the phone number that was typed, so no scalar is typed
here.  The models turn text into numbers and dates only where a field is one
(a tip's priority, a review date), and refuse what does not read as such.
"""

from __future__ import annotations

import functools
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml

from hrleaflet.content.yaml_hints import yaml_hint
from hrleaflet.errors import ContentError, Problem

MAX_FILE_BYTES = 2_000_000
MAX_DEPTH = 40
MAX_NODES = 200_000  # stops alias "bombs" long before memory runs out

KeyPath = tuple[str | int, ...]


@dataclass
class SourceDocument:
    """Plain data read from a file, plus the line of every key path in it."""

    path: Path
    data: Any
    lines: dict[KeyPath, int] = field(default_factory=dict)

    def line_of(self, loc: KeyPath) -> int | None:
        """The line of the deepest known part of a key path."""
        for cut in range(len(loc), -1, -1):
            line = self.lines.get(tuple(loc[:cut]))
            if line is not None:
                return line
        return None


def field_path(loc: KeyPath) -> str:
    """('tips', 2, 'body') -> 'tips[2].body' (positions counted from 1 for people)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else str(part)
    return out


T = TypeVar("T")


def cached_by_file(load: Callable[[Path], T]) -> Callable[[Path], T]:
    """Remember what a file loaded to, until the file changes (a batch reads the same files
    for every job in a worker).  Only for loaders that return immutable models."""
    memory: dict[tuple[Path, int, int], T] = {}

    @functools.wraps(load)
    def cached(path: Path) -> T:
        try:
            stat = path.stat()
        except OSError:
            return load(path)  # let the loader report the missing file
        key = (path.resolve(), stat.st_mtime_ns, stat.st_size)
        if key not in memory:
            if len(memory) > 256:
                memory.clear()
            memory[key] = load(path)
        return memory[key]

    return cached


def read_regular(path: Path, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file, at most `max_bytes`, or a clear error.

    A pipe, a device (`/dev/zero`) or a symlink to one would block or never end: only regular
    files are read, and never more than the limit even if the file grows while it is read.
    """
    try:
        info = path.stat()  # follows symlinks: what would be read
    except FileNotFoundError:
        raise ContentError.single(path, None, None, "file not found") from None
    except OSError as exc:
        raise ContentError.single(path, None, None, f"cannot read file: {exc.strerror}") from None
    if stat.S_ISDIR(info.st_mode):
        raise ContentError.single(path, None, None, "is a folder; expected a file")
    if not stat.S_ISREG(info.st_mode):
        raise ContentError.single(
            path, None, None, "is not a regular file (a device, pipe or socket); expected a file"
        )
    if info.st_size > max_bytes:
        raise ContentError.single(
            path, None, None, f"file is {info.st_size:,} bytes; at most {max_bytes:,} allowed"
        )
    try:
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        raise ContentError.single(path, None, None, f"cannot read file: {exc.strerror}") from None
    if len(raw) > max_bytes:
        raise ContentError.single(path, None, None, f"file is over {max_bytes:,} bytes; at most that allowed")
    return raw


def read_text(path: Path, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Read a UTF-8 text file with a size limit and a clear error for each failure."""
    raw = read_regular(path, max_bytes)
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # spreadsheet programs and Notepad add a byte-order mark
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ContentError.single(
            path,
            None,
            None,
            "is saved as UTF-16 (what some programs call 'Unicode'), not UTF-8",
            _save_as_utf8(path),
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ContentError.single(
            path,
            line,
            None,
            f"is not valid UTF-8 (byte 0x{raw[exc.start]:02x}: the file was saved in another encoding)",
            _save_as_utf8(path),
        ) from None


def _save_as_utf8(path: Path) -> str:
    if path.suffix.lower() == ".csv":
        return "save it again as UTF-8 (in Excel: Save As, 'CSV UTF-8 (Comma delimited)')"
    return "save it again as UTF-8 (in your editor's Save As, the encoding UTF-8)"


# libyaml's parser when PyYAML was built with it (every wheel is): composing is several times faster.
_SafeBase: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _NodeLoader(_SafeBase):  # type: ignore[misc]
    """Safe composition only: no Python objects can be constructed."""


def load_yaml(path: Path) -> SourceDocument:
    text = read_text(path)
    try:
        loader = _NodeLoader(text)  # the reader refuses raw control characters right away
        node = loader.get_single_node()
    except yaml.reader.ReaderError as exc:
        at = text[: exc.position].count("\n") + 1
        raise ContentError.single(
            path, at, None, f"contains the control character U+{exc.character:04X}; remove it"
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "syntax error"
        raise ContentError.single(
            path, line, None, f"not valid YAML: {problem}", yaml_hint(text, line, problem)
        ) from None
    except yaml.YAMLError as exc:
        raise ContentError.single(path, None, None, f"not valid YAML: {exc}") from None
    doc = SourceDocument(path=path, data=None)
    if node is None:
        return doc
    loader.dispose()
    builder = _Builder(doc, text.split("\n"))
    doc.data = builder.build(node, ())
    if builder.cut:
        raise ContentError(builder.cut)
    return doc


_YAML_TAG_PREFIX = "tag:yaml.org,2002:"
_NULL_TAG = _YAML_TAG_PREFIX + "null"
# The tags YAML gives plain values by itself; any other (`!!binary`, `!python/...`, `!custom`) is refused.
_PLAIN_TAGS = frozenset(
    _YAML_TAG_PREFIX + name for name in ("str", "int", "float", "bool", "null", "timestamp")
)


# After an unquoted value, " #" starts a comment that YAML drops: `name: Clinic #1` reads as
# "Clinic".  A comment written as a comment has a space after the '#'; '#' against a word or
# number ("#1", "#3b") is almost always part of the text the person meant to print.
_CUT_BY_COMMENT = re.compile(r"[ \t]+#(?=[^\s#])")


class _Builder:
    def __init__(self, doc: SourceDocument, lines: list[str]) -> None:
        self.doc = doc
        self.lines = lines
        self.count = 0
        self.cut: list[Problem] = []  # values a comment cut short, all reported at once

    def _fail(self, node: yaml.Node, message: str, hint: str | None = None) -> ContentError:
        return ContentError.single(self.doc.path, node.start_mark.line + 1, None, message, hint)

    def build(self, node: yaml.Node, loc: KeyPath) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise self._fail(node, f"too many values (over {MAX_NODES:,}); are aliases repeating?")
        if len(loc) > MAX_DEPTH:
            raise self._fail(node, f"nested more than {MAX_DEPTH} levels deep")
        self.doc.lines.setdefault(loc, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)  # the composer makes no other kind
        return self._scalar(node, loc)

    def _scalar(self, node: yaml.ScalarNode, loc: KeyPath) -> str | None:
        if node.tag not in _PLAIN_TAGS:
            raise self._fail(
                node,
                f"the YAML tag '{node.tag.replace(_YAML_TAG_PREFIX, '!!')}' is not supported",
                "write the value as plain text",
            )
        if node.tag == _NULL_TAG:  # an empty value, `~` or `null` (unquoted) means "not given"
            return None
        if not node.style:  # plain: libyaml says '', PyYAML's own parser None
            self._refuse_cut_text(node, loc)
        return str(node.value)

    def _refuse_cut_text(self, node: yaml.ScalarNode, loc: KeyPath) -> None:
        """An unquoted value followed on its line by '#' against a word: the text after ' #'
        would be silently dropped from the leaflet, so ask for quotes instead."""
        end = node.end_mark
        if end.line >= len(self.lines):
            return
        rest = self.lines[end.line][end.column :]
        cut = _CUT_BY_COMMENT.match(rest)
        if not cut:
            return
        dropped = rest[cut.end() - 1 :].rstrip()
        whole = f"{node.value}{rest[: cut.end() - 1]}{dropped}".replace('"', '\\"')
        self.cut.append(
            Problem(
                self.doc.path,
                end.line + 1,
                field_path(loc) or None,
                f"'{dropped}' after '{node.value}' would be left out: in YAML, ' #' starts a comment",
                f'put the value in quotes to print it whole: "{whole}"',
            )
        )

    def _mapping(self, node: yaml.MappingNode, loc: KeyPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise self._fail(
                    key_node,
                    "'<<' (a YAML merge key) is not read",
                    "write the fields out in full where they are used",
                )
            if not isinstance(key_node, yaml.ScalarNode):
                raise self._fail(key_node, "keys must be plain names")
            key = str(key_node.value)
            if key in result:
                first = self.doc.lines.get((*loc, key))
                raise self._fail(
                    key_node,
                    f"duplicate key '{key}' (first given on line {first})",
                    "keep one; a second value would silently replace the first",
                )
            self.doc.lines[(*loc, key)] = key_node.start_mark.line + 1
            result[key] = self.build(value_node, (*loc, key))
        return result
