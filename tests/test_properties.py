"""Property-based tests: whatever people put in their files, the tool ends with a leaflet that
carries their text, or with a clean error; never a traceback, never a hang."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

import pypdf
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hrleaflet.content.services import load_services
from hrleaflet.errors import HrleafletError
from hrleaflet.i18n.catalogs import read_catalog
from hrleaflet.pipeline import BuildRequest, build

from .conftest import YAML_EXAMPLE, squash

FAST = settings(
    max_examples=60, deadline=dt.timedelta(seconds=10), suppress_health_check=[HealthCheck.too_slow]
)
SLOW = settings(
    max_examples=15, deadline=dt.timedelta(seconds=30), suppress_health_check=[HealthCheck.too_slow]
)

FIELDS = [
    "locality",
    "organisation",
    "name",
    "website",
    "emergency",
    "label",
    "phone",
    "services",
    "kinds",
    "address",
    "hours",
    "url",
    "notes",
    "logo",
    "phnoe",
    "<b>",
    "&amp;",
]
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=400)
)
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=6),
        st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=12), inner, max_size=6),
    ),
    max_leaves=40,
)


def _write(text: str | bytes, suffix: str) -> Path:
    handle = tempfile.NamedTemporaryFile(suffix=suffix, delete=False)  # noqa: SIM115
    handle.write(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
    handle.close()
    return Path(handle.name)


def _loads_or_fails_cleanly(path: Path) -> None:
    try:
        load_services(path)
    except HrleafletError:
        pass
    finally:
        path.unlink()


@FAST
@given(documents)
def test_random_structures_load_or_fail_cleanly(document: Any) -> None:
    _loads_or_fails_cleanly(_write(yaml.safe_dump(document, allow_unicode=True), ".yaml"))


@FAST
@given(st.binary(max_size=2000))
def test_random_bytes_as_yaml_or_csv_load_or_fail_cleanly(data: bytes) -> None:
    _loads_or_fails_cleanly(_write(data, ".yaml"))
    _loads_or_fails_cleanly(_write(data, ".csv"))


@FAST
@given(st.text(max_size=3000))
def test_random_text_as_a_language_file_reads_or_fails_cleanly(text: str) -> None:
    path = _write(text, ".po")
    try:
        read_catalog(path)
    except HrleafletError:
        pass
    finally:
        path.unlink()


SCRIPTS = {
    "latin": "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZàéîõüçñøß",
    "cyrillic": "абвгдежзийклмнопрстуфхцчшщъыьэюяАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЫЭЮЯёЁіїєґ",
    "greek": "αβγδεζηθικλμνξοπρστυφχψωΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ",
}
MARKUP = " 0123456789&<>\"'{}%/\\[]()#*_-:;,.!?@+="


@SLOW
@given(
    st.sampled_from(sorted(SCRIPTS)).flatmap(lambda s: st.text(SCRIPTS[s] + MARKUP, min_size=1, max_size=90))
)
def test_any_service_name_is_printed_or_refused_cleanly(name: str) -> None:
    text = YAML_EXAMPLE.read_text(encoding="utf-8")
    services = yaml.safe_load(text)
    services["services"][0]["name"] = name
    folder = Path(tempfile.mkdtemp())
    path = folder / "services.yaml"
    path.write_text(yaml.safe_dump(services, allow_unicode=True), encoding="utf-8")
    try:
        expected = load_services(path).services[0].name  # as the tool reads it: NFC, spaces folded
        (item,) = build(BuildRequest(sets=("buying",), services=path, out=folder / "out", modes=("bw",)))
    except HrleafletError:
        return
    extracted = squash(" ".join(page.extract_text() or "" for page in pypdf.PdfReader(item.path).pages))
    assert squash(expected) in extracted
