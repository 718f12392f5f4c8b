"""Read and write gettext catalogs with Babel: one flat `<locale>.po` per language.

Entries are matched by context (`general/wash-hands/body`), never by similar
English text: when the English of a tip changes, that tip's translation becomes
fuzzy and keeps its old text for the translator, and no other tip's words can
drift into its place.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.localedata import locale_identifiers
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, PoFileParser, unescape

from hrleaflet import __version__
from hrleaflet.content.source import read_text
from hrleaflet.errors import ContentError, Problem, TranslationError, UsageError
from hrleaflet.i18n.escapes import QUOTED, BadEscape, bad_escapes
from hrleaflet.output import write_atomically

TEMPLATE_NAME = "hrleaflet.pot"
REVIEW_HEADER = "X-Review-Status"
REVIEW_STATES = ("draft", "reviewed")
PROJECT = "hrleaflet"


class HeaderCatalog(Catalog):
    """Babel's Catalog, keeping the project's own `X-` headers (review status), and keeping the
    header fields in the order the file had them (Poedit and Weblate order them their way)."""

    extra_headers: dict[str, str]
    header_order: tuple[str, ...] = ()
    generated_by: str | None = None
    bad_escapes: tuple[BadEscape, ...] = ()  # as the file has them: Babel reads them as text

    def _set_mime_headers(self, headers: Iterable[tuple[str, str]]) -> None:
        headers = list(headers)
        self.extra_headers = {name: value for name, value in headers if name.lower().startswith("x-")}
        self.header_order = tuple(name.lower() for name, _ in headers)
        # Keep the file's "Generated-By" rather than the installed Babel's version: a newer Babel
        # must not change every file.
        self.generated_by = next((value for name, value in headers if name.lower() == "generated-by"), None)
        super()._set_mime_headers(headers)

    def _get_mime_headers(self) -> list[tuple[str, str]]:
        extra = getattr(self, "extra_headers", {})
        standard = super()._get_mime_headers()
        if self.generated_by is not None and standard[-1][0] == "Generated-By":
            standard[-1] = ("Generated-By", self.generated_by)
        # Babel ends the header with its own "Generated-By" line: keep ours before it.
        headers = [*standard[:-1], *extra.items(), standard[-1]]
        if not self.header_order:
            return headers
        rank = {name: index for index, name in enumerate(self.header_order)}
        # Fields the file had, in its order; any new field after them, in Babel's order.
        return sorted(headers, key=lambda item: rank.get(item[0].lower(), len(rank)))

    mime_headers = property(_get_mime_headers, _set_mime_headers)

    @property
    def review_status(self) -> str:
        return str(getattr(self, "extra_headers", {}).get(REVIEW_HEADER, "unknown"))


def known_locale(code: str) -> Locale | None:
    """The language a code names (`fr`, `pt-BR`, `sr_Latn`), or None when it names none."""
    try:
        return Locale.parse(code.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return None


def parse_locale(code: str, among: Sequence[str] | None = None) -> Locale:
    """The language a code names; otherwise an error that names the code it may have meant and
    lists `among` (the languages there are), or, without it, the nearest of every language code."""
    locale = known_locale(code)
    if locale is None:
        raise UsageError(f"'{code}' is not a language code — {_code_hint(code, among)}")
    return locale


def _code_hint(code: str, among: Sequence[str] | None) -> str:
    if among is None:
        named = Locale("en").languages
        every = sorted(  # 'fr' before 'fr_FR'; and only codes with a name to show
            (c for c in locale_identifiers() if c.split("_")[0] in named), key=lambda c: (c.count("_"), c)
        )
        nearest = _meant(code, every) or difflib.get_close_matches(code.replace("-", "_"), every, n=3)
        found = "a language code looks like 'fr', or 'pt_BR' and 'sr_Latn' with a region or script"
    else:
        # Not the closest spellings: the list shows them, and a manifest adds its own guess.
        nearest = _meant(code, among)
        found = f"languages available: {', '.join(among)}"
    if not nearest:
        return found
    guesses = " or ".join(f"'{near}' ({_english_name(near)})" for near in nearest)
    return f"did you mean {guesses}? {found[0].upper()}{found[1:]}"


def _meant(code: str, options: Sequence[str]) -> list[str]:
    """The option `code` stands for: its language, when Babel knows the language but not the
    region ('fr_XX'), or the language it is the English name of ('French')."""
    parts = code.replace("-", "_").split("_")
    language = known_locale(parts[0]) if len(parts) > 1 else None
    typed = code.strip().lower()
    for wanted in (
        lambda option: language is not None and option == language.language,
        lambda option: _english_name(option, language_only=True).lower() == typed,
    ):
        found = [option for option in options if wanted(option)]
        if found:
            return found[:1]
    return []


def _english_name(code: str, language_only: bool = False) -> str:
    """'French', or with `language_only` False the full name ('Portuguese (Brazil)')."""
    locale = Locale.parse(code)
    if language_only:
        return str(Locale("en").languages.get(locale.language, ""))
    return str(locale.get_display_name("en") or code)


MAX_MSGSTR = 2_000

_PO_LINE = re.compile(
    r'^(?:#~\s*)?(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"\s*$'
)


def _check_quoting(path: Path, text: str) -> None:
    """Babel quietly accepts an unterminated string (dropping its last letter): refuse it."""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or (stripped.startswith("#") and not stripped.startswith("#~")):
            continue
        if stripped.startswith("#~|") or (stripped.startswith("#~") and '"' not in stripped):
            continue
        if not _PO_LINE.match(stripped):
            raise TranslationError(
                f"{path}:{number}: not a valid PO file: expected a keyword and a quoted string,"
                f" found {stripped[:60]!r}"
            )


def read_catalog(path: Path) -> HeaderCatalog:
    """Read one PO file; a malformed file is an error naming its line."""
    text = read_text(path)
    _check_quoting(path, text)
    catalog = HeaderCatalog()
    parser = PoFileParser(catalog, ignore_obsolete=False, abort_invalid=True)
    try:
        # Babel reads neither `#|` (previous msgid) nor `#~|`: let it keep both as comments,
        # and turn them back into previous msgids below.
        parser.parse(io.StringIO(re.sub(r"(?m)^#~\|", "#|", text)))
    except PoFileError as exc:
        raise TranslationError(
            f"{path}:{exc.lineno + 1}: not a valid PO file: {exc.args[0].rsplit(' on ', 1)[0]}"
        ) from None
    except (ValueError, UnknownLocaleError, LookupError) as exc:
        raise TranslationError(f"{path}: invalid header: {exc}") from None
    for message in [*catalog, *catalog.obsolete.values()]:
        _take_previous(message)
    catalog.bad_escapes = tuple(bad_escapes(text))
    for message in catalog:
        forms = message.string if isinstance(message.string, tuple | list) else (message.string,)
        longest = max((len(form or "") for form in forms), default=0)
        if message.id and longest > MAX_MSGSTR:
            # The longest English string is 400 characters; far longer is a mistake, and Babel's
            # line wrapping takes quadratic time over a long unbroken string.
            raise TranslationError(
                f"{path}:{message.lineno}: {message.context}: the translation is {longest:,} characters"
                f" long; at most {MAX_MSGSTR:,} allowed"
            )
    return catalog


def _take_previous(message: Message) -> None:
    """Babel reads `#| msgid` lines as translator comments: turn them back into the message's
    previous msgid (and previous plural)."""
    previous = [comment for comment in message.user_comments if comment.startswith("|")]
    if not previous:
        return
    message.user_comments = [comment for comment in message.user_comments if not comment.startswith("|")]
    text = " ".join(comment[1:].strip() for comment in previous)
    found: dict[str, str] = {}
    for match in re.finditer(rf"(msgctxt|msgid_plural|msgid)\s*((?:{QUOTED.pattern}\s*)+)", text):
        found[match.group(1)] = "".join(unescape(chunk) for chunk in QUOTED.findall(match.group(2)))
    if "msgid" in found:
        message.previous_id = (
            [found["msgid"], found["msgid_plural"]] if "msgid_plural" in found else [found["msgid"]]
        )


def write_catalog(path: Path, catalog: Catalog) -> None:
    """Write the catalog as GNU gettext writes it (`msgcat`, Poedit, Weblate): line wrapping,
    comments, flags, `#|` previous msgids and obsolete entries laid out the same, so that a
    translator's round trip through those tools changes only what the translator changed."""
    from hrleaflet.i18n.po_wrap import format_catalog  # gettext's line-break tables: on use

    write_atomically(path, format_catalog(catalog).encode("utf-8"))


HEADER_COMMENT = """\
# {title} for hrleaflet: harm-reduction leaflets.
# Each entry's context (msgctxt) names the tip set, tip and field it prints.
# Keep {{placeholders}} as they are. See translations/README.md."""


def build_template(guidance: Path) -> HeaderCatalog:
    from hrleaflet.i18n.template import template_strings  # only `translations extract` and `update`

    template = template_strings(guidance)
    catalog = HeaderCatalog(
        project=PROJECT,
        version=__version__,
        copyright_holder="hrleaflet contributors",
        msgid_bugs_address="see translations/README.md",
        creation_date=dt.datetime.combine(template.reviewed, dt.time(), tzinfo=dt.UTC),
        header_comment=HEADER_COMMENT.format(title="Translation template"),
        fuzzy=False,
    )
    for item in template.strings:
        catalog.add(
            item.english,
            context=item.context,
            locations=[item.location] if item.location else (),
            auto_comments=comment_lines(item.note),
        )
    return catalog


# A translator's note is written as `#.` lines of at most 79 columns (gettext's page width)
# with their marker, as xgettext copies a source comment's lines: tools keep comment lines
# as they are, so a note is wrapped here, once, and every `extract` and `update` writes it
# the same way.
COMMENT_WIDTH = 79 - len("#. ")


def comment_lines(note: str) -> list[str]:
    """A note as the lines of its `#.` comment."""
    import textwrap

    return textwrap.wrap(note, COMMENT_WIDTH, break_long_words=False, break_on_hyphens=False) or [""]


def extract(guidance: Path, translations: Path) -> Path:
    path = translations / TEMPLATE_NAME
    write_catalog(path, build_template(guidance))
    return path


def language_files(translations: Path) -> dict[str, Path]:
    """Locale code -> PO file, for every language file in the folder."""
    if not translations.is_dir():
        raise ContentError.single(translations, None, None, "translations folder not found")
    files = {p.stem: p for p in sorted(translations.glob("*.po"))}
    for code, path in files.items():
        try:
            Locale.parse(code)
        except (ValueError, UnknownLocaleError):
            raise TranslationError(
                f"{path}: '{code}' is not a language code, so this file cannot be a language:"
                " name language files by their code (fr.po, pt_BR.po, sr_Latn.po) or move it out of"
                f" {translations}"
            ) from None
    return files


def start_translations_folder(target: Path, shipped: Path) -> int:
    """A new language folder holding copies of the shipped files, so that adding one
    language there does not hide the others.  Returns how many language files it copied."""
    copied = 0
    for source in sorted([*shipped.glob("*.po"), *shipped.glob(TEMPLATE_NAME)]):
        write_atomically(target / source.name, source.read_bytes())
        copied += source.suffix == ".po"
    target.mkdir(parents=True, exist_ok=True)
    return copied


def init_locale(code: str, guidance: Path, translations: Path) -> Path:
    locale = parse_locale(code)
    identifier = str(locale)
    path = translations / f"{identifier}.po"
    if path.exists():
        raise UsageError(
            f"{path} already exists: translate or review it there; 'hrleaflet translations update'"
            " merges new English into it"
        )
    template = build_template(guidance)
    catalog = HeaderCatalog(
        locale=locale,
        project=PROJECT,
        version=__version__,
        copyright_holder="hrleaflet contributors",
        creation_date=template.creation_date,
        revision_date=dt.datetime.now(dt.UTC),
        language_team=f"{locale.get_display_name('en')}",
        msgid_bugs_address=template.msgid_bugs_address,
        header_comment=HEADER_COMMENT.format(title=f"{locale.get_display_name('en')} translation"),
        fuzzy=False,
    )
    catalog.extra_headers = {REVIEW_HEADER: "draft"}
    for message in template:
        if message.id:
            catalog[message.id] = _clone(message, string="")
    write_catalog(path, catalog)
    return path


@dataclass(frozen=True)
class UpdateSummary:
    locale: str
    path: Path
    new: int
    changed: int
    obsolete: int


def update(guidance: Path, translations: Path) -> list[UpdateSummary]:
    """Merge the template into every language file, matching entries by context."""
    template = build_template(guidance)
    catalogs = {code: (path, read_catalog(path)) for code, path in language_files(translations).items()}
    _refuse_bad_escapes(catalogs.values())
    write_catalog(translations / TEMPLATE_NAME, template)
    summaries = []
    for code, (path, old) in catalogs.items():
        by_context = {m.context: m for m in old if m.id}
        merged = HeaderCatalog(fuzzy=False)
        merged.mime_headers = old.mime_headers
        merged.header_comment = old.header_comment
        merged.creation_date = template.creation_date
        new = changed = 0
        for message in template:
            if not message.id:
                continue
            previous = by_context.pop(message.context, None)
            if previous is None:
                merged[message.id] = _clone(message, string="")
                new += 1
            elif previous.id == message.id:
                merged[message.id] = _clone(
                    message,
                    string=previous.string,
                    flags=previous.flags,
                    previous_id=previous.previous_id if previous.fuzzy else (),
                )
            else:
                changed += 1
                merged[message.id] = _clone(
                    message,
                    string=previous.string,
                    flags=set(previous.flags) | {"fuzzy"},
                    previous_id=_english_translated(previous),
                )
        for message in by_context.values():
            merged.obsolete[(str(message.id), str(message.context))] = message
        for key, message in old.obsolete.items():
            merged.obsolete.setdefault(key, message)
        write_catalog(path, merged)
        summaries.append(UpdateSummary(code, path, new, changed, len(by_context)))
    return summaries


def _refuse_bad_escapes(files: Iterable[tuple[Path, HeaderCatalog]]) -> None:
    """Writing a file back would turn `\\q` into an escaped backslash and a `q` (Babel reads it
    so) without a word, hiding the typo that gettext refuses: stop, as gettext's msgmerge does."""
    problems = [
        Problem(path, bad.line, bad.context, bad.reason)
        for path, catalog in files
        for bad in catalog.bad_escapes
    ]
    if problems:
        raise TranslationError(
            "Nothing was updated: mend these escape sequences first, then run"
            " 'hrleaflet translations update' again:",
            problems,
        )


def _english_translated(message: Message) -> Any:
    """The English a translation was written for: a fuzzy entry's previous msgid (the first
    English that changed under it, however often it changed since), else its msgid."""
    return message.previous_id if message.fuzzy and message.previous_id else message.id


def _clone(message: Message, **changes: Any) -> Message:
    values: dict[str, Any] = {
        "id": message.id,
        "string": message.string,
        "locations": message.locations,
        "flags": set(message.flags) - {"fuzzy"},
        "auto_comments": message.auto_comments,
        "user_comments": message.user_comments,
        "context": message.context,
        "previous_id": (),
    }
    values.update(changes)
    return Message(**values)
