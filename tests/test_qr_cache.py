"""QR codes kept in the cache folder come back exactly as encoded, and a damaged one is encoded again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from hrleaflet.render import qr

from .conftest import cache_folder

LINK = "https://example.org/testville/nsp"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    yield from cache_folder(tmp_path, monkeypatch, qr.qr_modules)


def encoded(text: str) -> qr.Modules:
    encoder = qr._qrencoder()
    code = encoder.QRCode(None, encoder.QRErrorCorrectLevel.M)
    code.addData(text)
    code.make()
    return tuple(tuple(bool(cell) for cell in row) for row in code.modules)


def test_a_kept_code_is_the_encoded_code(cache: Path) -> None:
    first = qr.qr_modules(LINK)
    assert first == encoded(LINK)
    [kept] = (cache / "qr").iterdir()
    qr.qr_modules.cache_clear()
    assert qr.qr_modules(LINK) == first
    assert qr.qr_modules("tel:+441234567890") == encoded("tel:+441234567890")  # another text, another file
    assert len(list((cache / "qr").iterdir())) == 2
    assert kept.exists()


@pytest.mark.parametrize("damage", ["", "0101\n", "x" * 25, "bad", "cut"])
def test_a_damaged_file_is_encoded_again(cache: Path, damage: str) -> None:
    qr.qr_modules(LINK)
    [kept] = (cache / "qr").iterdir()
    whole = kept.read_text()
    kept.write_text(whole[: len(whole) // 2] if damage == "cut" else damage)
    qr.qr_modules.cache_clear()
    assert qr.qr_modules(LINK) == encoded(LINK)
    assert kept.read_text() == whole


def test_a_read_only_cache_still_gives_the_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("HRLEAFLET_CACHE_DIR", str(blocked))
    qr.qr_modules.cache_clear()
    assert qr.qr_modules(LINK) == encoded(LINK)
    qr.qr_modules.cache_clear()
