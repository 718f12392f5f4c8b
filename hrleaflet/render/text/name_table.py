"""A font's naming table cut down to what identifies it, for the subsets embedded in a PDF.

PDF readers never read an embedded TrueType font's `name` table (PDF 32000-1, 9.9, lists
the tables they use), and Noto's holds its whole licence text: about 2 KB of each subset,
a twentieth of an English leaflet.  The copyright notice and the font's names stay, so a
person who opens the embedded font still sees what it is and whose it is.
"""

from __future__ import annotations

import struct

# Copyright notice, family, subfamily, full name, PostScript name.
_KEPT = (0, 1, 2, 4, 6)
_WINDOWS = 3  # platform whose strings are UTF-16 (the ones every reader of names uses)


def slim_name_table(data: bytes) -> bytes:
    """The `name` table with only the Windows-platform records of `_KEPT` (format 0)."""
    _format, count, strings_at = struct.unpack_from(">HHH", data, 0)
    kept: list[tuple[int, int, int, int, bytes]] = []
    for index in range(count):
        record = struct.unpack_from(">6H", data, 6 + 12 * index)
        platform, encoding, language, name_id, length, offset = record
        if platform == _WINDOWS and name_id in _KEPT:
            start = strings_at + offset
            kept.append((platform, encoding, language, name_id, data[start : start + length]))
    kept.sort(key=lambda record: record[:4])  # records are sorted by their four ids
    header = struct.pack(">HHH", 0, len(kept), 6 + 12 * len(kept))
    records, strings = b"", b""
    for platform, encoding, language, name_id, text in kept:
        records += struct.pack(">6H", platform, encoding, language, name_id, len(text), len(strings))
        strings += text
    return header + records + strings
