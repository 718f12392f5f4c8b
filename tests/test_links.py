"""Links print as people read and type them, and break only where a reader expects a break."""

from __future__ import annotations

from pathlib import Path

import pytest

from hrleaflet.content.services import load_services
from hrleaflet.pipeline import BuildRequest, build
from hrleaflet.render.blocks import link_span
from hrleaflet.render.text.fonts import families_for
from hrleaflet.render.text.layout import layout_paragraph
from hrleaflet.render.text.style import Span, TextStyle

from .conftest import YAML_EXAMPLE, pdf_text, poppler_text, squash

LINK = "https://example.org/testville/needle-and-syringe-programme/opening-hours?day=monday"


def test_a_link_is_printed_without_https_and_otherwise_as_written() -> None:
    assert link_span(LINK).text == LINK.removeprefix("https://")
    for kept in ("http://example.org/x", "mailto:help@example.org", "tel:+441632960000"):
        assert link_span(kept).text == kept
    assert link_span(LINK).ltr and link_span(LINK).link


@pytest.mark.parametrize("width", [160, 200, 260])
def test_a_link_breaks_only_after_a_slash(width: float) -> None:
    """Where each part of the path fits a line, lines end only after a '/': never inside the
    host name, after a hyphen or before '?' (a part wider than the line is the only exception)."""
    style = TextStyle(size=9, colour=(0, 0, 0), families=families_for("en"), locale="en")
    laid = layout_paragraph([Span("Web "), link_span(LINK)], style, width)
    lines = [line.text.strip() for line in laid.lines]
    assert "".join(lines).replace(" ", "") == ("Web" + LINK.removeprefix("https://"))
    assert len(lines) > 1
    assert all(line.endswith("/") for line in lines[:-1]), lines


def test_leaflets_print_links_without_the_scheme(tmp_path: Path) -> None:
    (item,) = build(BuildRequest(sets=("general",), services=YAML_EXAMPLE, out=tmp_path, modes=("bw",)))
    text = pdf_text(item.path)
    assert "https://" not in text
    for service in load_services(YAML_EXAMPLE).services:
        if service.url:
            assert service.url.removeprefix("https://") in text


def test_latin_sources_keep_their_brackets_in_a_right_to_left_footer(tmp_path: Path) -> None:
    (item,) = build(
        BuildRequest(sets=("opioids",), services=YAML_EXAMPLE, out=tmp_path, languages=("ar",), modes=("bw",))
    )
    for text in (pdf_text(item.path), poppler_text(item.path)):
        if text is not None:
            assert squash("Zana (2016)") in squash(text) or squash("Zana (2016") not in squash(text)
            assert squash("(2016") in squash(text) and squash("((2023)") not in squash(text)


def test_a_link_does_not_break_after_a_question_mark_when_its_part_fits() -> None:
    style = TextStyle(size=9, colour=(0, 0, 0), families=families_for("en"), locale="en")
    link = "https://example.org/testville/opening-hours?day=monday&time=evening"
    laid = layout_paragraph([Span("Web "), link_span(link)], style, 200)
    assert [line.text.strip() for line in laid.lines] == [
        "Web example.org/testville/",
        "opening-hours?day=monday&time=evening",
    ]


def test_services_and_emergency_numbers_are_tappable_on_a_phone(tmp_path: Path) -> None:
    """On a phone leaflet, each service's phone and link, and each emergency number, is a link
    annotation a finger can tap (tel: dials the number as typed), described for screen readers
    and tagged as the object of a Link element."""
    import pypdf

    request = BuildRequest(
        sets=("general",), services=YAML_EXAMPLE, out=tmp_path, formats=("phone",), modes=("colour",)
    )
    (item,) = build(request)
    reader = pypdf.PdfReader(item.path)
    links = {}
    for page in reader.pages:
        for ref in page.get("/Annots") or []:
            annotation = ref.get_object()
            assert annotation["/Subtype"] == "/Link"
            assert str(annotation["/Contents"]).strip()
            links[str(annotation["/A"]["/URI"])] = annotation
    services = load_services(YAML_EXAMPLE)
    expected = {"tel:" + n.phone.replace(" ", "") for n in services.emergency}
    expected |= {"tel:" + s.phone.replace(" ", "") for s in services.services if s.phone}
    expected |= {s.url for s in services.services if s.url}
    assert expected <= set(links), expected - set(links)
    parent_tree = reader.trailer["/Root"]["/StructTreeRoot"]["/ParentTree"]["/Nums"]
    keyed = {int(parent_tree[i]): parent_tree[i + 1].get_object() for i in range(0, len(parent_tree), 2)}
    for annotation in links.values():
        element = keyed[int(annotation["/StructParent"])]
        assert element["/S"] == "/Link"


def test_each_number_of_several_on_one_line_is_its_own_link_over_that_number(tmp_path: Path) -> None:
    """On A4 the emergency numbers share a line, and a service may give two numbers ("0300 ...
    or 0800 ..."): each number gets a tel: link whose tap area holds that number's digits (read
    back by pdfium from the area), and the link is the object of a Link element."""
    import pypdf
    import pypdfium2

    services = tmp_path / "services.yaml"
    services.write_text(
        "locality: Testville\n"
        "organisation: {name: Testville Peer Network (example)}\n"
        "emergency:\n"
        "  - {label: 'Ambulance (example)', phone: '112 or 999'}\n"
        "  - {label: 'Overdose line (example)', phone: '+44 1632 960101'}\n"
        "services:\n"
        "  - name: Two Numbers Clinic (example)\n"
        "    kinds: [needle-syringe]\n"
        "    phone: '+44 1632 960110 or +44 1632 960111'\n"
        "  - name: Same Number Twice (example)\n"
        "    kinds: [helpline]\n"
        "    phone: '+44 1632 960120 or +44 1632 960120'\n",
        encoding="utf-8",
    )
    (item,) = build(
        BuildRequest(sets=("general",), services=services, out=tmp_path, formats=("a4",), modes=("bw",))
    )
    reader = pypdf.PdfReader(item.path)
    document = pypdfium2.PdfDocument(item.path)
    shown: dict[str, str] = {}
    count: dict[str, int] = {}
    for number, page in enumerate(reader.pages):
        text = document[number].get_textpage()
        for ref in page.get("/Annots") or []:
            annotation = ref.get_object()
            left, bottom, right, top = (float(v) for v in annotation["/Rect"])
            inside = text.get_text_bounded(left, bottom, right, top)
            target = str(annotation["/A"]["/URI"])
            shown[target] = "".join(c for c in inside if c.isdigit() or c == "+")
            count[target] = count.get(target, 0) + 1
    for target, digits in {
        "tel:112": "112",
        "tel:999": "999",
        "tel:+441632960101": "+441632960101",
        "tel:+441632960110": "+441632960110",
        "tel:+441632960111": "+441632960111",
    }.items():
        assert shown.get(target) == digits, (target, shown)
    assert count["tel:+441632960120"] == 2  # one link over each place the number is printed


@pytest.mark.parametrize(
    ("typed", "dialled"),
    [
        # A zero-width space pasted from a web page cut one number into two links ("+441632" and
        # "960110"), and "1<ZWSP>1<ZWSP>2" got none.
        ("+44\u00a01632\u200b960110", ["tel:+441632960110"]),
        ("1\u200b1\u200b2", ["tel:112"]),
        # The trunk (0) is dialled from inside the country only, after 00 as after +.
        ("0044 (0)20 7946 0000", ["tel:00442079460000"]),
        # An extension is not a number of its own: "x112" must not call emergency services.
        ("+44 20 7946 0000 ext. 123", ["tel:+442079460000"]),
        ("+1-555-0100 x112", ["tel:+15550100"]),
        ("112 or 999", ["tel:112", "tel:999"]),
        # A "+" set apart from the digits is still the international prefix.
        ("+ 44 1632 960110", ["tel:+441632960110"]),
        # A number spelt in part ("1-800-NALOXONE") or another ending after a slash ("960110 /
        # 960111") would dial a wrong number: no link for it (`check` warns).
        ("1-800-NALOXONE", []),
        ("+44 1632 960110 / 960111", ["tel:+441632960110"]),
        ("0800 123 4567 / 0800 765 4321", ["tel:08001234567", "tel:08007654321"]),
        ("112/999", ["tel:112", "tel:999"]),
        # A service code's digits dialled as a number call someone else (it was tel:123).
        ("*123#", []),
        ("#31# 0800 123 4567", ["tel:08001234567"]),
        # A number to text is a message, not a call.
        ("0800 123 4567 or text 85258", ["tel:08001234567", "sms:85258"]),
        ("SMS: 60000", ["sms:60000"]),
        # ... also where "SMS" is written in the leaflet's script.
        ("СМС 60000", ["sms:60000"]),
        ("112 или смс: 60000", ["tel:112", "sms:60000"]),
        ("پیامک ۶۰۰۰۰", ["sms:60000"]),
        ("एसएमएस 60000", ["sms:60000"]),
        ("এসএমএস ৬০০০০", ["sms:60000"]),
        ("Смсовый 60000", ["tel:60000"]),  # a longer word is not "SMS"
    ],
)
def test_a_tap_dials_the_number_printed(typed: str, dialled: list[str]) -> None:
    from hrleaflet.content.phones import dialable_numbers

    assert [number.href for number in dialable_numbers(typed)] == dialled


@pytest.mark.parametrize(
    ("typed", "doubt"),
    [
        ("+44 1632\u200b960110", "contains an invisible character, U+200B ZERO WIDTH SPACE"),
        ("112 or 999", None),
        ("+44 1632 960110 / +44 1632 960111", None),
        ("\u0660\u0664\u0664 \u0661\u0662\u0663\u0664 \u0665\u0666\u0667\u0668", None),
        ("116 123 (free)", "contains letters"),
        ("1234567890123456", "has a number of 16 digits"),
        ("1-800-NALOXONE", "spells part of its number in letters: a tap could dial only '1-800'"),
        ("+44 1632 960110 / 960111", "'960111' after '/' in '+44 1632 960110 / 960111' looks like another"),
        ("*123#", "'*123#' has * or #, as a network's service code does: a phone does not dial a code"),
        ("0800 123 4567 or text 85258", None),
        ("SMS: 60000", None),
        ("СМС: 60000", None),
    ],
)
def test_phone_doubts_name_what_is_wrong_and_spare_what_is_fine(typed: str, doubt: str | None) -> None:
    from hrleaflet.content.text import phone_doubt

    found = phone_doubt(typed)
    assert (found is None) if doubt is None else (found is not None and doubt in found)
