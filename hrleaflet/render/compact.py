"""Write a finished PDF again, its streams deflated with libdeflate and its small objects
packed into compressed object streams.

A tagged leaflet has a few hundred small dictionaries (its structure tree) that ReportLab
writes one by one, uncompressed; packing them (PDF 1.5 object streams, written by qpdf
through pikepdf) takes back most of what tagging costs.  ReportLab is asked to compress
nothing (`flow.new_canvas`): the page content, fonts, ToUnicode maps and forms are deflated
here by libdeflate, whose levels find shorter matches than zlib's (a leaflet is 1-3 %
smaller) in the same format every reader inflates.  qpdf deflates the object streams it
writes itself, with zlib at its best level.  The result is byte-identical for the same
input and the same libraries.
"""

from __future__ import annotations

import io
from typing import Any

# libdeflate's levels 10-12 search for the shortest matches, at about 0.1 ms a KB of stream:
# level 10 makes an English A4 leaflet 0.5 KB smaller than level 8 for 5 ms more, an Arabic
# one 1.9 KB smaller for 33 ms more (measured on the four original tip sets).  A leaflet whose
# streams hold up to BEST_LEVEL_BUDGET bytes gets level 10 (Latin and Cyrillic scripts in
# every format, the cards of most others): at most about 8 ms.  A larger one gets level 8:
# about as fast as zlib's default level, which ReportLab used, and 1-5 % smaller (level 9
# adds 0.2 % for 30 % more time).
BEST_LEVEL, FAST_LEVEL = 10, 8
BEST_LEVEL_BUDGET = 96 * 1024


def compact(pdf: bytes) -> bytes:
    import deflate
    import pikepdf  # about 30 ms to import: only when a leaflet is written

    # A setting of the pikepdf library, for the process: only the object streams qpdf writes
    # below are deflated with it (nothing else in hrleaflet compresses through pikepdf).
    pikepdf.settings.set_flate_compression_level(9)
    flate = pikepdf.Name.FlateDecode
    with pikepdf.open(io.BytesIO(pdf)) as document:
        streams = [
            (found, found.read_raw_bytes())
            for found in document.objects
            if isinstance(found, pikepdf.Stream) and _to_deflate(found)
        ]
        total = sum(len(data) for _, data in streams)
        level = BEST_LEVEL if total <= BEST_LEVEL_BUDGET else FAST_LEVEL
        for found, data in streams:
            found.write(_deflated(deflate, data, level), filter=flate)
        out = io.BytesIO()
        document.save(
            out,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
            compress_streams=True,  # the object streams themselves
            recompress_flate=False,
            deterministic_id=True,
            # The XMP packet is already written as pikepdf would re-serialise it (see tags.xmp),
            # and names no PDF version to fix: skipping the step spares importing lxml.
            fix_metadata_version=False,
        )
    return out.getvalue()


# Streams deflated in this process, by their bytes and level: a batch's localities share most
# of them (page 1, and the fonts where the services add no letter), and libdeflate's best
# level costs about 0.1 ms a KB. The same bytes deflate to the same bytes, so a kept result
# is the one deflating again would give.
_DEFLATED: dict[tuple[bytes, int], bytes] = {}
_DEFLATED_LIMIT = 16 * 1024 * 1024  # bytes kept at most (a Chinese leaflet's fonts: 100 KB)
_kept_bytes = 0  # in _DEFLATED now


def _deflated(deflate: Any, data: bytes, level: int) -> bytes:
    import hashlib

    global _kept_bytes

    key = (hashlib.sha1(data, usedforsecurity=False).digest(), level)
    found = _DEFLATED.get(key)
    if found is None:
        found = bytes(deflate.zlib_compress(data, level))
        if _kept_bytes + len(found) > _DEFLATED_LIMIT:
            forget_deflated()
        _DEFLATED[key] = found
        _kept_bytes += len(found)
    return found


def forget_deflated() -> None:
    """Forget every stream deflated so far: for measuring a fresh leaflet."""
    global _kept_bytes
    _DEFLATED.clear()
    _kept_bytes = 0


def _to_deflate(stream: Any) -> bool:
    """Whether this step deflates `stream`: not one filtered already (an image is kept as it
    is), nor the XMP packet, which stays readable, as qpdf leaves it, for tools that scan
    files for it."""
    return "/Filter" not in stream and bool(stream.get("/Type") != "/Metadata")
