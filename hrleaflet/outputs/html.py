"""`--format html`: a leaflet as one accessible web page, for a network's own site or to share.

One self-contained file: the style is inline, the pictograms are inline SVG, fonts are the
reader's own (system font stacks) and nothing is fetched from the network, so it works from
file://, offline and behind any content policy.  The page says its language and direction,
uses landmarks (header, main, footer), headings (the title, each tip and section, each
service) and lists, fits a 320 px screen without sideways scrolling, prints on plain paper
and follows the reader's dark mode, with WCAG AA contrast in every scheme (`PALETTES`).

What it says is what the PDF says, from the same `LocalisedLeaflet`: the tips numbered in the
language's digits, emergency numbers and phones exactly as typed (as `tel:` links), and the
footer's source, sources, review state and notices.
"""

from __future__ import annotations

import re
from html import escape

from hrleaflet import __version__
from hrleaflet.content.models import Service
from hrleaflet.content.phones import dialable_numbers
from hrleaflet.i18n.leaflet import LocalisedLeaflet, LocalisedTip
from hrleaflet.outputs import Document
from hrleaflet.outputs.pictogram_svg import pictogram_svg
from hrleaflet.render.numerals import local_digits
from hrleaflet.render.text.bidi import has_rtl_letters

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
# A phone number inside what was typed: digits (any script's) with the spaces, dots, dashes
# and brackets people write between them.  "112 or 999" holds two.
_TIMES = re.compile(r"\d[\d:.\-\u2013]*\d")  # "09:30-17:00": a line never breaks inside it

# Colours by scheme; each text/background pair the page uses is WCAG AA (4.5:1) or better,
# checked by tests/test_web_page.py.  Light is the printed colour theme's palette.
PALETTES: dict[str, dict[str, str]] = {
    "light": {
        "ink": "#1b1b1b",
        "paper": "#ffffff",
        "muted": "#4d4d4d",
        "accent": "#005a5e",
        "band": "#005a5e",
        "band-ink": "#ffffff",
        "alarm": "#a4102a",
        "alarm-ink": "#ffffff",
        "card": "#e8f3f2",
        "rule": "#7fb3b1",
    },
    "dark": {
        "ink": "#ececec",
        "paper": "#121616",
        "muted": "#c2c7c7",
        "accent": "#8ad5ce",
        "band": "#0d4245",
        "band-ink": "#ffffff",
        "alarm": "#a4102a",
        "alarm-ink": "#ffffff",
        "card": "#1e2b2b",
        "rule": "#3d6a67",
    },
}
# (text, background) pairs by role, for the contrast check.
TEXT_PAIRS = {
    "body": ("ink", "paper"),
    "muted": ("muted", "paper"),
    "accent": ("accent", "paper"),
    "header": ("band-ink", "band"),
    "emergency": ("alarm-ink", "alarm"),
    "badge": ("paper", "accent"),
    "card": ("ink", "card"),
    "card-accent": ("accent", "card"),
}


def _variables(palette: dict[str, str]) -> str:
    return ";".join(f"--{name}:{value}" for name, value in palette.items())


_STYLE = (
    f":root{{color-scheme:light dark;{_variables(PALETTES['light'])}}}"
    f"@media (prefers-color-scheme:dark){{:root{{{_variables(PALETTES['dark'])}}}}}"
    "*{box-sizing:border-box}"
    "html{-webkit-text-size-adjust:100%;text-size-adjust:100%}"
    "body{margin:0;background:var(--paper);color:var(--ink);overflow-wrap:break-word;"
    'font:1.0625rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif}'
    # Urdu reads in Nastaliq where the reader has it; its tall letters need room between lines.
    ':lang(ur){font-family:"Noto Nastaliq Urdu","Noto Naskh Arabic",system-ui,sans-serif;line-height:2.1}'
    "body>header,main,body>footer{padding-inline:max(1rem,calc((100% - 42rem) / 2))}"
    "body>header{background:var(--band);color:var(--band-ink);padding-block:1.25rem 1.1rem}"
    "h1{font-size:1.75rem;line-height:1.2;margin:0}"
    ".subtitle{margin:.4rem 0 0;font-size:1.05rem}"
    "main{padding-block:1rem}"
    "a{color:var(--accent);text-underline-offset:.15em}"
    "a:focus-visible{outline:3px solid currentColor;outline-offset:2px}"
    ".emergency{background:var(--alarm);color:var(--alarm-ink);border-radius:.5rem;padding:.75rem 1rem;"
    "margin-block-end:1.25rem}"
    ".emergency h2{font-size:1.1rem;margin:0 0 .25rem}"
    ".emergency ul,.tips,.services{list-style:none;margin:0;padding:0}"
    ".emergency li{margin-block:.2rem}"
    ".emergency a{color:inherit;font-weight:700;font-size:1.3em}"
    ".phone,.nowrap{white-space:nowrap}"
    ".intro{font-size:1.1rem;margin:0 0 1rem}"
    ".tips>li{display:grid;grid-template-columns:3.25rem minmax(0,1fr);column-gap:.85rem;"
    "padding-block:1rem;border-top:1px solid var(--rule)}"
    ".marker{display:flex;flex-direction:column;align-items:center;gap:.5rem}"
    ".number{display:flex;align-items:center;justify-content:center;min-width:2.4rem;height:2.4rem;"
    "padding-inline:.3rem;border-radius:1.2rem;background:var(--accent);color:var(--paper);"
    "font-weight:700;font-size:1.15rem;line-height:1}"
    ".icon{display:block;width:3.25rem;height:3.25rem;color:var(--accent);overflow:visible}"
    ".icon .k{fill:var(--paper)}.icon .ks{stroke:var(--paper)}"
    ".tips h2{font-size:1.2rem;line-height:1.3;color:var(--accent);margin:.3rem 0 .3rem}"
    ".tips p{margin:0}"
    ".services-heading{font-size:1.35rem;margin:1.75rem 0 .75rem}"
    ".services>li{background:var(--card);border-radius:.5rem;padding:.75rem 1rem;margin-block-end:.75rem}"
    ".services h3{font-size:1.1rem;margin:0}"
    ".services p{margin:.2rem 0 0}"
    ".kinds{color:var(--accent);font-weight:700;font-size:.95rem}"
    "body>footer{border-top:2px solid var(--rule);color:var(--muted);font-size:.9rem;padding-block:1rem 2rem}"
    "body>footer p{margin:.35rem 0}"
    # Paper: black on white, no backgrounds (browsers leave them out), a tip never split.
    "@media print{:root{--ink:#000;--paper:#fff;--muted:#000;--accent:#000;--band:#fff;--band-ink:#000;"
    "--alarm:#fff;--alarm-ink:#000;--card:#fff;--rule:#000}"
    "html{font-size:10.5pt}body>header,main,body>footer{padding-inline:0}"
    "body>header{border-bottom:2pt solid #000}.emergency{border:2pt solid #000}"
    # A number in a ring, not white on a black disc that a printer without backgrounds drops.
    ".number{background:none;color:#000;border:1.5pt solid #000}.services>li{border:1pt solid #000}"
    ".tips>li,.services>li,.emergency{break-inside:avoid}a{color:inherit}}"
)


def render_html(leaflet: LocalisedLeaflet, tips: list[LocalisedTip] | None = None) -> Document:
    """The web page of a leaflet; `tips` chosen by hand (numbered 1 to n, as printed), or None for all."""
    page = _Page(leaflet)
    chosen = list(leaflet.tips) if tips is None else tips
    locale = leaflet.locale
    direction = "rtl" if locale.rtl else "ltr"
    title = f"{leaflet.title} · {leaflet.services.locality}"
    html = (
        f'<!doctype html>\n<html lang="{escape(locale.bcp47)}" dir="{direction}">\n<head>\n'
        '<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light dark">\n'
        f'<meta name="generator" content="hrleaflet {escape(__version__)}">\n'
        f"<title>{escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        f"{page.header()}\n<main>\n{page.emergency()}\n{page.intro()}\n{page.tips(chosen)}\n"
        f"{page.services()}\n</main>\n{page.footer()}\n</body>\n</html>\n"
    )
    return Document(html.encode("utf-8"))


def tel_link(phone: str) -> str:
    """A phone number exactly as typed, each number in it a `tel:` link (read left to right)."""
    pieces: list[str] = []
    end = 0
    for number in dialable_numbers(phone):
        pieces.append(escape(phone[end : number.start]))
        shown = escape(phone[number.start : number.end])
        pieces.append(f'<a class="phone" href="{number.href}" dir="ltr">{shown}</a>')
        end = number.end
    pieces.append(escape(phone[end:]))
    return f'<span dir="ltr">{"".join(pieces)}</span>' if end == 0 else "".join(pieces)


def _unbroken_times(hours: str) -> str:
    """Opening hours as typed, each time or range of times kept on one line and read left to
    right (as in the PDF, `text/bidi._isolates`): in a right-to-left line the plain bidi
    algorithm would show "9:30–17:00", with its en dash, as "17:00–9:30"."""
    pieces, end = [], 0
    for match in _TIMES.finditer(hours):
        pieces += [
            escape(hours[end : match.start()]),
            f'<span class="nowrap" dir="ltr">{escape(match.group(0))}</span>',
        ]
        end = match.end()
    return "".join(pieces) + escape(hours[end:])


def web_link(url: str) -> str:
    """A link as the printed leaflet shows it (without 'https://'), read left to right."""
    shown = url[len("https://") :] if url.lower().startswith("https://") else url
    return f'<a href="{escape(url)}" dir="ltr">{escape(shown)}</a>'


class _Page:
    """The parts of one leaflet's page, each a piece of HTML."""

    def __init__(self, leaflet: LocalisedLeaflet) -> None:
        from hrleaflet.render.tags import mostly_latin

        self.leaflet = leaflet
        self.code = leaflet.locale.code
        english = leaflet.locale.code.split("_")[0] == "en"
        self.fallbacks = frozenset() if english else frozenset(context for context, _ in leaflet.gaps)
        self.latin_leaflet = mostly_latin(
            [leaflet.title, leaflet.intro, *(t.headline + t.body for t in leaflet.tips)]
        )

    def attrs(self, value: str, context: str | None = None, free_text: bool = False) -> str:
        """`lang="en"` where a text is known to be English although the page is not (as in the
        tagged PDF: a string printed in English for want of a translation, or Latin-script
        text from the services file in a leaflet in another script); free text from the
        services file takes its direction from its own letters."""
        from hrleaflet.render.tags import latin_only

        english = (context is not None and context in self.fallbacks) or (
            not self.latin_leaflet and latin_only(value)
        )
        parts = [' lang="en"'] if english else []
        if free_text or (english and self.leaflet.locale.rtl):
            parts.append(' dir="auto"')
        return "".join(parts)

    def words(self, context: str, **values: str) -> str:
        """A translated line, its `{placeholders}` filled with free text isolated for bidi
        (a Latin name keeps its brackets the right way round in a right-to-left line)."""
        template = self.leaflet.words[context]
        out = []
        for index, piece in enumerate(_PLACEHOLDER.split(template)):
            if index % 2 == 0:
                out.append(escape(piece))
            elif piece in values:
                out.append(f"<bdi>{escape(values[piece])}</bdi>")
            else:
                out.append(escape(f"{{{piece}}}"))
        return "".join(out)

    def header(self) -> str:
        leaflet = self.leaflet
        title = self.attrs(leaflet.title, f"{leaflet.set_id}/title")
        subtitle = self.attrs(leaflet.subtitle, f"{leaflet.set_id}/subtitle")
        return (
            f"<header>\n<h1{title}>{escape(leaflet.title)}</h1>\n"
            f'<p class="subtitle"{subtitle}>{escape(leaflet.subtitle)}</p>\n</header>'
        )

    def emergency(self) -> str:
        words = self.leaflet.words["leaflet/emergency"]
        items = "".join(
            f"<li><span{self.attrs(n.label, free_text=True)}>{escape(n.label)}:</span>"
            f" {tel_link(n.phone)}</li>"
            for n in self.leaflet.services.emergency
        )
        return (
            '<section class="emergency" aria-labelledby="emergency">\n'
            f'<h2 id="emergency"{self.attrs(words, "leaflet/emergency")}>{escape(words)}</h2>\n'
            f"<ul>{items}</ul>\n</section>"
        )

    def intro(self) -> str:
        leaflet = self.leaflet
        attrs = self.attrs(leaflet.intro, f"{leaflet.set_id}/intro")
        return f'<p class="intro"{attrs}>{escape(leaflet.intro)}</p>'

    def tips(self, tips: list[LocalisedTip]) -> str:
        base = self.leaflet.set_id
        items = []
        for number, tip in enumerate(tips, start=1):
            icon = pictogram_svg(tip.icon) if tip.icon else ""
            headline = self.attrs(tip.headline, f"{base}/{tip.id}/headline")
            body = self.attrs(tip.body, f"{base}/{tip.id}/body")
            items.append(
                f'<li id="tip-{escape(tip.id)}"><div class="marker">'
                f'<span class="number">{local_digits(str(number), self.code)}</span>{icon}</div>'
                f"<div><h2{headline}>{escape(tip.headline)}</h2><p{body}>{escape(tip.body)}</p></div></li>"
            )
        return '<ol class="tips">\n' + "\n".join(items) + "\n</ol>"

    def services(self) -> str:
        services = self.leaflet.services
        heading = self.words("leaflet/services-heading", locality=services.locality)
        attrs = self.attrs(self.leaflet.word("leaflet/services-heading", locality=services.locality))
        items = "\n".join(self.service(s) for s in services.services)
        return (
            '<section aria-labelledby="services">\n'
            f'<h2 id="services" class="services-heading"{attrs}>{heading}</h2>\n'
            f'<ul class="services">\n{items}\n</ul>\n</section>'
        )

    def service(self, service: Service) -> str:
        leaflet = self.leaflet
        kinds = " · ".join(leaflet.kind_words[k] for k in service.kinds)
        lines = [
            f"<h3{self.attrs(service.name, free_text=True)}>{escape(service.name)}</h3>",
            f'<p class="kinds">{escape(kinds)}</p>',
        ]
        if service.address:
            lines.append(f"<p{self.attrs(service.address, free_text=True)}>{escape(service.address)}</p>")
        if service.phone:
            lines.append(f"<p>{self.label('leaflet/phone')} {tel_link(service.phone)}</p>")
        if service.hours:
            # Hours without right-to-left letters read left to right as a whole, as in the PDF.
            attrs = self.attrs(service.hours).replace(' dir="auto"', "")
            direction = "" if has_rtl_letters(service.hours) else ' dir="ltr"'
            hours = f"<bdi{attrs}{direction}>{_unbroken_times(service.hours)}</bdi>"
            lines.append(f"<p>{self.label('leaflet/open')} {hours}</p>")
        if service.url:
            lines.append(f"<p>{self.label('leaflet/web')} {web_link(service.url)}</p>")
        if service.notes:
            lines.append(f"<p{self.attrs(service.notes, free_text=True)}>{escape(service.notes)}</p>")
        return "<li>" + "".join(lines) + "</li>"

    def label(self, context: str) -> str:
        words = self.leaflet.words[context]
        return f"<strong{self.attrs(words, context)}>{escape(words)}</strong>"

    def footer(self) -> str:
        """As the printed footer: source and its link, the sources, the review state (a draft
        says so), who produced it, and a note when parts are in English."""
        leaflet = self.leaflet
        organisation = leaflet.services.organisation
        date = local_digits(leaflet.date_text, self.code)
        if leaflet.status == "reviewed" and leaflet.reviewed_by:
            review = self.words("leaflet/reviewed", date=date, reviewer=leaflet.reviewed_by)
        else:
            review = self.words("leaflet/draft-set", date=date)
        produced = self.words("leaflet/produced-by", organisation=organisation.name)
        website = f" · {web_link(organisation.website)}" if organisation.website else ""
        lines = [
            f"{self.words('leaflet/source', attribution=leaflet.attribution)} {web_link(leaflet.source_url)}",
            self.words("leaflet/sources", sources=leaflet.sources_text),
            f"{review} · {produced}{website}",
        ]
        if leaflet.partly_english:
            lines.append(escape(leaflet.words["leaflet/partly-english"]))
        return "<footer>\n" + "\n".join(f"<p>{line}</p>" for line in lines) + "\n</footer>"
