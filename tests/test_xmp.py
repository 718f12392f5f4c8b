"""The XMP packet is written as pikepdf re-serialises it, so `compact` may skip that step."""

from __future__ import annotations

import io

import pikepdf
import pytest

from hrleaflet.render.tags import DocumentInfo, xmp

AWKWARD = [
    DocumentInfo("Safer use", "en", False, "hrleaflet 0.1.0", "Testville Peer Network (example)", "Steps"),
    DocumentInfo('Tom & Jerry\'s <"drop-in">', "en", False, "hrleaflet 0.1.0", "A > B & C", "x < y"),
    DocumentInfo("استخدام المخدرات بأمان", "ar", True, "hrleaflet 0.1.0", "شبكة", "خطوات\tعملية"),
    DocumentInfo("ड्रग्स ज़्यादा सुरक्षित", "hi", False, "hrleaflet 0.1.0", "नेटवर्क 🙂", "a\nb  c "),
]


@pytest.mark.parametrize("info", AWKWARD, ids=lambda info: info.lang + info.title[:3])
def test_pikepdf_leaves_the_packet_as_written(info: DocumentInfo) -> None:
    packet = xmp(info).encode("utf-8")
    pdf = pikepdf.new()
    pdf.Root.Metadata = pdf.make_stream(packet, Type=pikepdf.Name.Metadata, Subtype=pikepdf.Name.XML)
    saved = io.BytesIO()
    # As `compact` saved before: object streams make it PDF 1.5, and pikepdf then "fixes" the
    # packet's version, re-serialising it through lxml.
    pdf.save(saved, object_stream_mode=pikepdf.ObjectStreamMode.generate, fix_metadata_version=True)
    with pikepdf.open(io.BytesIO(saved.getvalue())) as reread:
        assert reread.Root.Metadata.read_bytes() == packet
