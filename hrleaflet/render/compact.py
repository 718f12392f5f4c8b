"""Write a finished PDF again with its small objects packed into compressed object streams.

A tagged leaflet has a few hundred small dictionaries (its structure tree) that ReportLab
writes one by one, uncompressed; packing them (PDF 1.5 object streams, written by qpdf
through pikepdf) takes back most of what tagging costs.  qpdf also compresses the page
content and the fonts, which ReportLab leaves uncompressed, at zlib's best level (3 %
smaller than its default, for about a millisecond a page).  The result is byte-identical
for the same input.
"""

from __future__ import annotations

import io


def compact(pdf: bytes) -> bytes:
    import pikepdf  # about 30 ms to import: only when a leaflet is written

    # A setting of the pikepdf library, for the process: nothing else here compresses with it.
    pikepdf.settings.set_flate_compression_level(9)
    with pikepdf.open(io.BytesIO(pdf)) as document:
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
