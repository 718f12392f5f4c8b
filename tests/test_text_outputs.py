"""Plain text and SMS: what a coordinator pastes into a messenger or sends to a phone."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hrleaflet.cli import app
from hrleaflet.content.guidance import available_sets
from hrleaflet.i18n.languages import available_locales
from hrleaflet.i18n.leaflet import LocalisedLeaflet
from hrleaflet.outputs.sms import MAX_SEGMENTS, SEPARATOR, render_sms, segments
from hrleaflet.outputs.text import LRI, PDI, render_text
from hrleaflet.paths import guidance_dir, translations_dir
from hrleaflet.pipeline import BuildRequest, localise_all
from hrleaflet.render.numerals import local_digits

from .conftest import (
    EXAMPLES,
    YAML_EXAMPLE,
    built_names,
    manifest_beside_testville,
    run_manifest,
    run_python,
)

runner = CliRunner()
ISOLATES = re.compile("[\u2066-\u2069]")


def _leaflets(languages: tuple[str, ...], services: Path = YAML_EXAMPLE) -> list[LocalisedLeaflet]:
    request = BuildRequest(
        sets=tuple(available_sets(guidance_dir())),
        services=services,
        out=Path("unused"),
        languages=languages,
        allow_fallback=True,
    )
    return localise_all(request)[0]


def _plain(text: str) -> str:
    """Text without the isolates: the loaders refuse them in input, so none can be content."""
    return ISOLATES.sub("", text)


def _messages(data: bytes) -> list[str]:
    return data.decode("utf-8").removesuffix("\n").split(SEPARATOR)


def test_every_set_in_every_language_builds_as_text_and_sms() -> None:
    leaflets = _leaflets(tuple(available_locales(translations_dir())))
    assert len(leaflets) == len(available_sets(guidance_dir())) * len(available_locales(translations_dir()))
    for leaflet in leaflets:
        where = f"{leaflet.set_id}-{leaflet.locale.code}"
        text = _plain(render_text(leaflet, None).data.decode("utf-8"))
        for tip in leaflet.tips:
            assert f"{tip.headline}\n{tip.body}\n" in text, where
        for service in leaflet.services.services:
            assert service.phone is None or service.phone in text, where

        sms = render_sms(leaflet, None)
        messages = _messages(sms.data)
        assert len(messages) == sms.parts == len(sms.notes), where
        assert all(segments(message).count <= MAX_SEGMENTS for message in messages), where
        sent = _plain("\n".join(messages))
        essential = [tip for tip in leaflet.tips if tip.priority == 1]
        for number, tip in enumerate(essential, start=1):
            assert f"{local_digits(str(number), leaflet.locale.code)}. {tip.headline}\n" in sent, where
        assert {tip.id for tip in sms.left_out_tips} == {t.id for t in leaflet.tips if t.priority != 1}
        for emergency in leaflet.services.emergency:
            assert emergency.phone in _plain(messages[0]), where


def test_text_reads_in_the_leaflets_order_with_everything_as_typed() -> None:
    leaflet = next(item for item in _leaflets(("en",)) if item.set_id == "opioids")
    text = render_text(leaflet, None).data.decode("utf-8")
    services = leaflet.services
    landmarks = [
        leaflet.title,
        leaflet.subtitle,
        "Emergency\nAmbulance, fire and police: 112\nOverdose support line (example): +44 1632 960101\n",
        leaflet.intro,
        *(f"\n\n{tip.number}. {tip.headline}\n{tip.body}\n\n" for tip in leaflet.tips),
        "Local services in Testville",
        "Testville Needle and Syringe Programme (example)\nNeedles and syringes · Naloxone\n"
        "12 Mill Lane, Testville TV1 2AB\nPhone +44 1632 960110\nOpen Mon-Fri 09:30-17:00, Sat 10:00-13:00\n"
        "Web https://example.org/testville/nsp\n",
        'Food & Shelter "Open Door" (example)',
        "Pets & partners welcome.",
        f"Source: {leaflet.attribution} {leaflet.source_url}\n",
        f"Sources: {leaflet.sources_text}\n",
        "Draft: not yet reviewed by a health worker or peer reviewer. Updated November 27, 2026.\n",
        "Produced by Testville Peer Network (example) · https://example.org/testville/\n",
    ]
    positions = [text.find(landmark) for landmark in landmarks]
    assert -1 not in positions, [m for m, p in zip(landmarks, positions, strict=True) if p == -1]
    assert positions == sorted(positions)
    assert all(f"\n{s.hours}\n" in text.replace("\nOpen ", "\n") for s in services.services if s.hours)
    # One line per paragraph, a blank line between blocks: messengers wrap to their own width.
    assert f"\n{leaflet.intro}\n\n" in text and "\n\n\n" not in text and text.endswith("/\n")


def test_english_text_has_no_isolates_or_other_invisible_characters() -> None:
    for leaflet in _leaflets(("en",)):
        text = render_text(leaflet, None).data.decode("utf-8")
        hidden = {ch for ch in text if unicodedata.category(ch) in ("Cf", "Cc") and ch != "\n"}
        assert not hidden, (leaflet.set_id, hidden)
        for message in _messages(render_sms(leaflet, None).data):
            assert segments(message).encoding == "GSM-7", leaflet.set_id


def test_arabic_text_isolates_numbers_links_and_latin_and_stays_in_logical_order() -> None:
    leaflet = next(item for item in _leaflets(("ar",)) if item.set_id == "opioids")
    text = render_text(leaflet, None).data.decode("utf-8")
    assert f"الهاتف {LRI}+44 1632 960110{PDI}\n" in text
    assert f"الموقع {LRI}https://example.org/testville/nsp{PDI}\n" in text
    assert f"{LRI}Overdose support line (example){PDI}: {LRI}+44 1632 960101{PDI}\n" in text
    assert f"{LRI}Mon-Fri 09:30-17:00, Sat 10:00-13:00{PDI}\n" in text
    # An English note keeps its full stop at its end, inside the isolate.
    assert f"\n{LRI}Pets & partners welcome.{PDI}" not in text
    assert f"Pets & partners welcome.{PDI}\n" in text
    # Logical order: without the isolates, every string is exactly as it was written.
    plain = _plain(text)
    assert plain.startswith(f"{leaflet.title}\n{leaflet.subtitle}\n\n{leaflet.words['leaflet/emergency']}\n")
    for tip in leaflet.tips:
        assert f"{tip.headline}\n{tip.body}\n" in plain
    assert text.count(LRI) == text.count(PDI)

    arabic = next(
        item for item in _leaflets(("ar",), EXAMPLES / "wadi-al-amal.ar.yaml") if item.set_id == "opioids"
    )
    text = render_text(arabic, None).data.decode("utf-8")
    # Arabic hours: only the times are a left-to-right run; the digits of a street number are
    # left as they are (a lone number reads right in any direction).
    assert f"ساعات العمل من الأحد إلى الخميس {LRI}9:30-17:00{PDI}\n" in text
    assert "\n12 شارع الطاحونة، وادي الأمل\n" in text
    # "كوفيد-19": the hyphen joins the number to the word and stays outside any isolate.
    assert "كوفيد-19" in _plain(text) and f"{LRI}-19" not in text


def test_hand_picked_tips_are_the_only_ones_and_numbered_from_one() -> None:
    leaflet = next(item for item in _leaflets(("en",)) if item.set_id == "opioids")
    picked = [leaflet.tips[6], leaflet.tips[0]]
    text = render_text(leaflet, picked).data.decode("utf-8")
    assert f"\n1. {picked[0].headline}\n" in text and f"\n2. {picked[1].headline}\n" in text
    assert leaflet.tips[1].headline not in text
    sms = render_sms(leaflet, picked)
    assert sms.left_out_tips == () and "2. Do not use alone\n" in sms.data.decode("utf-8")


@pytest.mark.parametrize(
    ("text", "count", "encoding", "units"),
    [
        ("a" * 160, 1, "GSM-7", 160),
        ("a" * 161, 2, "GSM-7", 161),
        ("a" * 306, 2, "GSM-7", 306),
        ("a" * 307, 3, "GSM-7", 307),
        ("€" * 80, 1, "GSM-7", 160),  # the euro sign is in the extension table: two septets
        ("{x}" * 54, 2, "GSM-7", 270),  # 162 characters, 270 septets
        # The escaped character cannot be split from its escape: 152 + 2 > 153, so it opens part two.
        ("a" * 152 + "€" + "a" * 152, 3, "GSM-7", 306),
        ("ç" * 70, 1, "UCS-2", 70),  # lower-case c-cedilla is not in the GSM alphabet
        ("س" * 134, 2, "UCS-2", 134),
        ("س" * 135, 3, "UCS-2", 135),
        ("😀" * 35, 1, "UCS-2", 70),  # an emoji is two UTF-16 code units
        ("😀" * 36, 2, "UCS-2", 72),
        # A surrogate pair is never split: 66 + 2 > 67 moves the emoji to part two.
        ("a" * 66 + "😀" + "a" * 66, 3, "UCS-2", 134),
    ],
)
def test_sms_segments_are_counted_as_phones_count_them(
    text: str, count: int, encoding: str, units: int
) -> None:
    counted = segments(text)
    assert (counted.count, counted.encoding, counted.units, counted.characters) == (
        count,
        encoding,
        units,
        len(text),
    )


def test_segment_description() -> None:
    assert segments("a" * 290).describe() == "2 SMS segments (GSM-7, 290 characters)"
    assert segments("Hi").describe() == "1 SMS segment (GSM-7, 2 characters)"
    assert segments("€5").describe() == "1 SMS segment (GSM-7, 2 characters, 3 septets)"
    assert segments("ok 😀").describe() == "1 SMS segment (UCS-2, 4 characters, 5 UTF-16 code units)"


def test_cli_writes_text_and_sms_identically_twice_and_prints_each_messages_segments(tmp_path: Path) -> None:
    written: list[dict[str, bytes]] = []
    for attempt in ("one", "two"):
        out = tmp_path / attempt
        args = [
            "build",
            "opioids",
            "-s",
            str(YAML_EXAMPLE),
            "--lang",
            "en",
            "--lang",
            "ar",
            "--format",
            "text",
            "--format",
            "sms",
        ]
        result = runner.invoke(app, [*args, "--out", str(out)], env={"COLUMNS": "300"})
        assert result.exit_code == 0, result.output
        written.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert written[0] == written[1]
    assert sorted(written[0]) == [
        "opioids-ar-sms.txt",
        "opioids-ar.txt",
        "opioids-en-sms.txt",
        "opioids-en.txt",
    ]

    messages = _messages(written[0]["opioids-en-sms.txt"])
    stdout = result.stdout
    assert f"wrote {tmp_path / 'two' / 'opioids-en-sms.txt'}" in stdout
    for number, message in enumerate(messages, start=1):
        assert f"  message {number}: {segments(message).describe()}\n" in stdout
        assert message.startswith(f"{number}/{len(messages)}\n")
    assert (
        "Ambulance, fire and police: 112\nOverdose support line (example): +44 1632 960101\n" in messages[0]
    )
    assert "sms: left out 6 tips of priority 2: overdose-signs" in result.output


def test_batch_writes_text_and_sms_from_a_manifests_formats(tmp_path: Path) -> None:
    manifest = manifest_beside_testville(
        tmp_path,
        """
        defaults:
          sets: [opioids]
          languages: [en, ar]
          modes: [bw]
          formats: [text, sms]
        localities:
          - name: Testville
            services: testville.yaml
        """,
    )
    out = tmp_path / "out"
    assert built_names(run_manifest(manifest, out), out) == [
        "testville/opioids-ar-sms.txt",
        "testville/opioids-ar.txt",
        "testville/opioids-en-sms.txt",
        "testville/opioids-en.txt",
    ]
    assert "1. Do not use alone\n" in (out / "testville" / "opioids-en.txt").read_text(encoding="utf-8")


def test_a_batch_of_text_makes_no_font(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A network's batch of text and SMS only makes none of the font files a first PDF would
    (Arabic's and Latin's bold instances here)."""
    manifest = manifest_beside_testville(
        tmp_path,
        """
        defaults: {sets: [opioids], languages: [en, ar], formats: [text, sms]}
        localities:
          - {name: Testville, services: testville.yaml}
        """,
    )
    monkeypatch.setenv("HRLEAFLET_CACHE_DIR", str(tmp_path / "cache"))
    out = tmp_path / "out"
    assert len(built_names(run_manifest(manifest, out, workers=2), out)) == 4
    assert not (tmp_path / "cache" / "fonts").exists()


def test_text_and_web_pages_keep_a_character_no_font_of_ours_draws(tmp_path: Path) -> None:
    """An emoji in a service's name: the reader's phone or browser shows it, so text, SMS and
    web pages are made; a PDF, which we draw with our fonts, is refused with the file and line."""
    services = tmp_path / "emoji.yaml"
    services.write_text(
        YAML_EXAMPLE.read_text(encoding="utf-8").replace(
            "Talk It Through (example)", "Talk It Through 💬 (example)"
        ),
        encoding="utf-8",
    )
    args = ["build", "general", "-s", str(services), "-o", str(tmp_path)]
    result = runner.invoke(app, [*args, "-f", "text,html"])
    assert result.exit_code == 0, result.output
    assert "Talk It Through 💬 (example)" in (tmp_path / "general-en.txt").read_text(encoding="utf-8")
    assert "Talk It Through 💬 (example)" in (tmp_path / "general-en.html").read_text(encoding="utf-8")
    drawn = runner.invoke(app, [*args, "-f", "a4", "-m", "bw"])
    assert drawn.exit_code == 1
    assert (
        f"{services.name}:" in drawn.stderr
        and "no font has a glyph for U+1F4AC SPEECH BALLOON" in drawn.stderr
    )


def test_a_text_build_draws_nothing_and_makes_no_font(tmp_path: Path) -> None:
    """Text and SMS need no PDF: a build of only those imports no PDF library and makes no font
    file (a first Thai PDF makes a bold instance; a first Chinese one, two minutes of copies)."""
    import os

    out, cache = tmp_path / "out", tmp_path / "cache"
    code = (
        "from pathlib import Path\n"
        "from hrleaflet.pipeline import BuildRequest, build\n"
        f"request = BuildRequest(sets=('opioids',), services=Path({str(YAML_EXAMPLE)!r}),"
        f" out=Path({str(out)!r}), languages=('th',), formats=('text', 'sms'))\n"
        "build(request, workers=2)\n"
    )
    env = {**os.environ, "HRLEAFLET_CACHE_DIR": str(cache)}
    imported, _ = run_python(code, ("reportlab", "fontTools", "pikepdf"), env)
    assert imported == []
    assert sorted(path.name for path in out.iterdir()) == ["opioids-th-sms.txt", "opioids-th.txt"]
    assert not (cache / "fonts").exists()
