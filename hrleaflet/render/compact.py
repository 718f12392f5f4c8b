"""Write a finished PDF again, its streams deflated with libdeflate and its small objects
packed into compressed object streams.

A tagged leaflet has a few hundred small dictionaries (its structure tree) that ReportLab
writes one by one, uncompressed; packing them (PDF 1.5 object streams, written by qpdf
through pikepdf) takes back most of what tagging costs.  ReportLab is asked to compress
nothing (`flow.new_canvas`): the page content, fonts, ToUnicode maps and forms are deflated
here by libdeflate, whose best levels find shorter matches than zlib's best (a leaflet is
2-3 % smaller: 0.7 KB in English) in the same format every reader inflates.  qpdf deflates
the object streams it writes itself, with zlib at its best level.  The result is
byte-identical for the same input and the same libraries.
"""

from __future__ import annotations

import io

# libdeflate's levels 10-12 search for the shortest matches.  Measured on the four English
# tip sets: level 10 deflates a leaflet's streams in about 5 ms, 0.5 KB smaller than level 9
# (about 2 ms); 11 is 60 bytes smaller again for 6 ms more.
DEFLATE_LEVEL = 10


def compact(pdf: bytes) -> bytes:
    import deflate
    import pikepdf  # about 30 ms to import: only when a leaflet is written

    # A setting of the pikepdf library, for the process: nothing else here compresses with it.
    pikepdf.settings.set_flate_compression_level(9)
    flate = pikepdf.Name.FlateDecode
    with pikepdf.open(io.BytesIO(pdf)) as document:
        for found in document.objects:
            if not isinstance(found, pikepdf.Stream) or "/Filter" in found:
                continue  # not a stream, or one filtered already (an image): kept as it is
            if found.get("/Type") == "/Metadata":
                continue  # the XMP packet stays readable, as qpdf leaves it, for tools that scan for it
            found.write(bytes(deflate.zlib_compress(found.read_raw_bytes(), DEFLATE_LEVEL)), filter=flate)
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
