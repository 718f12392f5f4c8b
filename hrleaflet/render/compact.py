"""Write a finished PDF again with its small objects packed into compressed object streams.

A tagged leaflet has a few hundred small dictionaries (its structure tree) that ReportLab
writes one by one, uncompressed; packing them (PDF 1.5 object streams, written by qpdf
through pikepdf) takes back most of what tagging costs.  Page content and fonts, already
compressed, are copied as they are.  The result is byte-identical for the same input.
"""

from __future__ import annotations

import io


def compact(pdf: bytes) -> bytes:
    import pikepdf  # about 30 ms to import: only when a leaflet is written

    with pikepdf.open(io.BytesIO(pdf)) as document:
        out = io.BytesIO()
        document.save(
            out,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
            compress_streams=True,  # the object streams themselves
            recompress_flate=False,
            deterministic_id=True,
        )
    return out.getvalue()
