"""Tagged PDF: a structure tree in reading order, for screen readers and reflow (PDF/UA-1).

ReportLab has no tagging API, so the tree is built here with its low-level PDF objects.
While a leaflet is painted, every block that shows something wraps what it draws:
content that carries meaning goes into a marked-content sequence with an MCID that
belongs to a structure element (`mark`), decoration into an `/Artifact` sequence
(`artifact`).  The two never nest inside each other.  Elements are made while painting,
in the order the blocks are drawn; each placed block's elements are kept apart (`group`)
and `arrange` joins them in the layout's reading order, gathering consecutive tips and
services into lists.  `finish` writes the tree, the parent tree, the XMP packet (with
the PDF/UA identifier) and the catalog entries.

Languages: the document's language is the leaflet's.  An element gets its own `/Lang`
"en" where its text is known to be English: a catalog string that fell back to English
(the leaflet says so in its footer), and free text from the services file (names,
addresses, notes) written wholly in Latin letters in a leaflet in another script.  The
services file does not say its language; a Latin-script entry in an Arabic or Thai
leaflet is in practice English (the example services are), and an English voice reads
it far better than the leaflet's own.  In a Latin-script leaflet such text keeps the
document's language: nothing tells French from English there.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFObject,
    PDFObjectReference,
    PDFStream,
    PDFString,
)

# Parent-tree keys of link annotations: after every page's own key (pages are numbered from 0,
# and a leaflet has far fewer pages than this).
LINK_KEYS = 10_000
_OPEN = "%hrleaflet-mark"  # a comment, in case it were ever left in: where content starts
_CLOSE = "%hrleaflet-end"
_SPAN = re.compile(r"^/Span <<", re.MULTILINE)  # a text line's ActualText spans (`text/draw.py`)
# Operators that paint (text, paths, images, shadings) or build a path to paint; the rest
# only set the state.  A path object (its construction up to the operator that paints it)
# may not hold a marked-content operator (PDF 32000-1, 8.2), so a sequence starts before it.
_CONTENT = re.compile(r"(?:^|\s)(?:Tj|TJ|'|\"|f\*?|F|B\*?|b\*?|S|s|Do|sh|BI|m|re)(?=\s|$)")


def _is_content(entry: str) -> bool:
    return bool(_CONTENT.search(entry))


@dataclass(eq=False)
class Element:
    """A structure element: its type, attributes, and kids (elements, or MCIDs as (page, mcid))."""

    role: str | None  # None: a group, whose kids join its parent's in its place
    alt: str | None = None
    lang: str | None = None
    rank: int = 0  # order among its siblings (a right-to-left table draws its cells from the right)
    series: str | None = None  # an item of the tips or the services (gathered into an L)
    kids: list[Element | tuple[int, int]] = field(default_factory=list)
    annotation: tuple[str, int] | None = None  # a Link's annotation: (its object's name, page)

    def child(self, role: str, **attributes: Any) -> Element:
        element = Element(role, **attributes)
        self.kids.append(element)
        return element


@dataclass(frozen=True)
class DocumentInfo:
    title: str
    lang: str
    rtl: bool
    creator: str
    author: str
    subject: str


class Tagger:
    """Collects the structure while a document is painted; `enabled=False` does nothing."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self.root = Element("Document")
        self.mcids: list[list[Element]] = []  # per page: the element of each MCID
        self._parents: list[Element] = [self.root]
        self._groups: list[tuple[object, Element]] = []
        # The elements whose content is being drawn, each with how many elements it had then:
        # its content reads before any element added to it later (the Link of a number drawn
        # after its label, in one paragraph element).
        self._registry: list[tuple[Element, int]] = []
        self._artifact = 0  # depth of artifact sequences (and of untagged copies)
        self._marking = False
        self.links: list[Element] = []  # Link elements, in the order their annotations were made

    @property
    def active(self) -> bool:
        return self.enabled and not self._artifact

    @property
    def parent(self) -> Element:
        return self._parents[-1]

    def element(self, role: str, parent: Element | None = None, **attributes: Any) -> Element:
        """A new element under `parent` (or the current one); detached when nothing is tagged."""
        if not self.active:
            return Element(role, **attributes)
        return (parent or self.parent).child(role, **attributes)

    @contextmanager
    def within(self, element: Element) -> Iterator[None]:
        self._parents.append(element)
        try:
            yield
        finally:
            self._parents.pop()

    @contextmanager
    def group(self, key: object) -> Iterator[None]:
        """The elements of one placed block, kept apart until `arrange` puts them in order."""
        if not self.active:
            yield
            return
        element = Element(None)
        self._groups.append((key, element))
        with self.within(element):
            yield

    @contextmanager
    def mark(self, canvas: Any, element: Element | None = None) -> Iterator[None]:
        """What is drawn inside is the content of `element` (or of the current element).

        The marked-content sequences are written when the page is complete (`resolve`):
        here only where the content starts and ends is noted."""
        if not self.active or self._marking:
            yield
            return
        target = element or self.parent
        if target.role is None:  # content belongs to an element, never to a group
            target = self.element("Div")
        self._registry.append((target, _elements(target)))
        canvas.addLiteral(f"{_OPEN} {len(self._registry) - 1}")
        self._marking = True
        try:
            yield
        finally:
            self._marking = False
            canvas.addLiteral(_CLOSE)

    def resolve(self, code: list[str], page: int, lines: set[int]) -> None:
        """Write the marked-content sequences of a complete page (`code`: its operators, with
        the held text lines at the indices `lines`).

        poppler ends the innermost sequence that has an MCID at every EMC, also the EMC of a
        span without one; so a text line's ActualText spans are not nested in a sequence:
        each span carries the MCID itself.  Operators that only set the graphics state stay
        outside; anything else between them is one sequence."""
        while len(self.mcids) <= page:
            self.mcids.append([])
        marked = self.mcids[page]
        target: Element | None = None
        elements_before = 0
        open_sequence = False

        # Where an element's next content goes: a paragraph's lines, one after another, each
        # follow the last (found by `_content_index` once, not again for every line).
        next_place: dict[int, tuple[int, int]] = {}  # id(element): (elements_before, index)

        def new_mcid(element: Element) -> int:
            marked.append(element)
            known = next_place.get(id(element))
            if known is not None and known[0] == elements_before:
                index = known[1]
            else:
                index = _content_index(element, elements_before)
            element.kids.insert(index, (page, len(marked) - 1))
            next_place[id(element)] = (elements_before, index + 1)
            return len(marked) - 1

        def tag_spans(entry: str, element: Element) -> str:
            return _SPAN.sub(lambda match: f"{match[0]}/MCID {new_mcid(element)} ", entry)

        for index, entry in enumerate(code):
            if entry.startswith(_OPEN):
                target, elements_before = self._registry[int(entry[len(_OPEN) :])]
                code[index] = ""
                continue
            if entry == _CLOSE:
                code[index] = "EMC" if open_sequence else ""
                target, open_sequence = None, False
                continue
            if target is None:
                continue
            before = "EMC\n" if open_sequence else ""
            if index in lines and _SPAN.search(entry):
                code[index] = before + tag_spans(entry, target)
                open_sequence = False
            elif (index in lines or _is_content(entry)) and not open_sequence:
                code[index] = f"/{target.role} <</MCID {new_mcid(target)}>> BDC\n{entry}"
                open_sequence = True

    def link(
        self, canvas: Any, element: Element | None, target: str, rect: tuple[float, ...], description: str
    ) -> None:
        """A tappable link over `rect` (in the current coordinates) to `target`, described for
        screen readers; in a tagged PDF it is the object of `element`, a Link.  Copies of a page
        on a sheet (artifacts) carry none: one tappable copy is enough."""
        if not self.enabled or self._artifact:
            return
        extra: dict[str, Any] = {"Contents": PDFString(description)}
        if element is not None and self.active:
            extra["StructParent"] = LINK_KEYS + len(self.links)
            name = f"NUMBER{canvas._annotationCount + 1}"  # the name ReportLab gives it next
            element.annotation = (canvas._doc.annotationName(name), canvas.getPageNumber() - 1)
            self.links.append(element)
        canvas.linkURL(target, rect, relative=1, thickness=0, **extra)

    @contextmanager
    def artifact(self, canvas: Any) -> Iterator[None]:
        """What is drawn inside is decoration (or a copy): no reader should read it."""
        if not self.enabled or self._artifact or self._marking:
            # Inside tagged content a decoration stays part of it: the two may not nest.
            yield
            return
        canvas.addLiteral("/Artifact BMC")
        self._artifact += 1
        try:
            yield
        finally:
            self._artifact -= 1
            canvas.addLiteral("EMC")

    def arrange(self, order: Sequence[object]) -> None:
        """Put the placed blocks' elements under the document in reading order (by block)."""
        if not self.enabled:
            return
        place = {id(key): number for number, key in enumerate(order)}
        groups = sorted(
            enumerate(self._groups), key=lambda found: (place.get(id(found[1][0]), len(order)), found[0])
        )
        flat: list[Element | tuple[int, int]] = []
        for _, (_, group) in groups:
            flat += _flatten(group)
        for kid in flat:
            if isinstance(kid, Element):
                kid.rank = 0  # a rank orders siblings within a block; the blocks are in order now
        flat = [kid for kid in self.root.kids if not isinstance(kid, Element) or kid.role] + flat
        kids: list[Element | tuple[int, int]] = []
        for kid in flat:
            if isinstance(kid, Element) and kid.series is not None:
                last = kids[-1] if kids else None
                if not (isinstance(last, Element) and last.role == "L" and last.series == kid.series):
                    last = Element("L", series=kid.series)
                    kids.append(last)
                last.kids.append(kid)
            else:
                kids.append(kid)
        self.root.kids = kids
        self._groups = []

    def finish(self, canvas: Any, info: DocumentInfo, pages: int) -> None:
        """Write the structure tree and the catalog entries a tagged PDF needs."""
        if not self.enabled:
            return
        doc = canvas._doc
        catalog = doc.Catalog
        counter = iter(range(1, 1 << 30))
        page_refs = [PDFObjectReference(f"Page{number + 1}") for number in range(pages)]
        refs: dict[int, PDFObjectReference] = {}

        root_dict = PDFDictionary({"Type": PDFName("StructTreeRoot")})
        root_ref = doc.Reference(root_dict, "StructTreeRoot")

        def write(element: Element, parent: PDFObjectReference) -> PDFObjectReference:
            node = _StructElem(element.role or "", parent)
            ref = doc.Reference(node, f"SE{next(counter)}")
            refs[id(element)] = ref
            first_page = next((kid[0] for kid in _content(element)), None)
            if first_page is not None and first_page < pages:
                node.page = page_refs[first_page]
            for kid in _ordered(element.kids):
                if isinstance(kid, Element):
                    if kid.role is not None:
                        node.kids.append(write(kid, ref))
                elif kid[0] == first_page:
                    node.kids.append(kid[1])
                else:
                    node.kids.append(_MarkedContent(page_refs[kid[0]], kid[1]))
            if element.annotation is not None:
                name, page = element.annotation
                node.kids.append(_Annotation(PDFObjectReference(name), page_refs[page]))
            node.alt, node.lang = element.alt, element.lang
            return ref

        document = write(self.root, root_ref)
        parent_tree = _ParentTree(
            [
                [refs[id(element)] for element in (self.mcids[number] if number < len(self.mcids) else [])]
                for number in range(pages)
            ],
            # An annotation's key names its Link element.
            [refs[id(element)] for element in self.links],
        )
        root_dict.dict.update(
            {
                "K": PDFArray([document]),
                "ParentTree": doc.Reference(parent_tree, "ParentTree"),
                "ParentTreeNextKey": LINK_KEYS + len(self.links) if self.links else pages,
            }
        )
        catalog.StructTreeRoot = root_ref
        catalog.MarkInfo = PDFDictionary({"Marked": b"true"})
        catalog.Lang = PDFString(info.lang)
        canvas.setViewerPreference("DisplayDocTitle", "true")
        if info.rtl:
            canvas.setViewerPreference("Direction", "R2L")
        catalog.Metadata = PDFStream(
            PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}), xmp(info).encode("utf-8")
        )


@dataclass(frozen=True)
class _MarkedContent:
    """A marked-content sequence on another page than its element's first."""

    page: PDFObjectReference
    mcid: int


@dataclass(frozen=True)
class _Annotation:
    """A link annotation, as the kid of its Link element."""

    annotation: PDFObjectReference
    page: PDFObjectReference


class _ParentTree(PDFObject):  # type: ignore[misc]
    """The parent tree, written straight in PDF syntax (as `_StructElem`): for each page the
    element of each of its marked-content sequences (an English leaflet has about 700),
    then each link annotation's element under its key (`LINK_KEYS` on)."""

    def __init__(self, pages: list[list[PDFObjectReference]], links: list[PDFObjectReference]) -> None:
        self.pages, self.links = pages, links

    def format(self, document: Any) -> bytes:
        entries: list[bytes] = []
        for number, marked in enumerate(self.pages):
            entries.append(b"%d [%s]" % (number, b" ".join(ref.format(document) for ref in marked)))
        for key, ref in enumerate(self.links, start=LINK_KEYS):
            entries.append(b"%d %s" % (key, ref.format(document)))
        return b"<< /Nums [" + b" ".join(entries) + b"] >>"


class _StructElem(PDFObject):  # type: ignore[misc]
    """A structure element, written straight in PDF syntax.  ReportLab's general dictionary
    writer (a name object and a format call for every key and value) spent more time on a
    leaflet's few hundred elements than on the rest of the file; qpdf writes every object
    again anyway (`compact`), so the file is the same."""

    def __init__(self, role: str, parent: PDFObjectReference) -> None:
        self.role, self.parent = role, parent
        self.page: PDFObjectReference | None = None
        self.kids: list[PDFObjectReference | int | _MarkedContent | _Annotation] = []
        self.alt: str | None = None
        self.lang: str | None = None

    def format(self, document: Any) -> bytes:
        def ref(reference: PDFObjectReference) -> str:
            return str(reference.format(document).decode("ascii"))

        kids = []
        for kid in self.kids:
            if isinstance(kid, int):
                kids.append(str(kid))
            elif isinstance(kid, _MarkedContent):
                kids.append(f"<< /Type /MCR /Pg {ref(kid.page)} /MCID {kid.mcid} >>")
            elif isinstance(kid, _Annotation):
                kids.append(f"<< /Type /OBJR /Obj {ref(kid.annotation)} /Pg {ref(kid.page)} >>")
            else:
                kids.append(ref(kid))
        entries = f"/Type /StructElem /S {PDFName(self.role)} /P {ref(self.parent)} /K [{' '.join(kids)}]"
        if self.page is not None:
            entries += f" /Pg {ref(self.page)}"
        text = [
            b" /" + key + b" " + PDFString(value).format(document)
            for key, value in ((b"Alt", self.alt), (b"Lang", self.lang))
            if value is not None
        ]
        return b"<< " + entries.encode("ascii") + b"".join(text) + b" >>"


def page_entries(page: Any, number: int) -> None:
    """A page's own entries in a tagged PDF: its key in the parent tree, and (for any
    annotations) a tab order that follows the structure."""
    page.__NoDefault__ = [*type(page).__NoDefault__, "StructParents", "Tabs"]
    page.StructParents = number
    page.Tabs = PDFName("S")


def _flatten(element: Element) -> list[Element | tuple[int, int]]:
    found: list[Element | tuple[int, int]] = []
    for kid in _ordered(element.kids):
        if isinstance(kid, Element) and kid.role is None:
            found += _flatten(kid)
        else:
            found.append(kid)
    return found


def _elements(element: Element) -> int:
    return sum(isinstance(kid, Element) for kid in element.kids)


def _content_index(element: Element, elements_before: int) -> int:
    """Where content goes among the element's kids: after its first `elements_before`
    elements (and the content already after them), before any element added later."""
    seen = 0
    for index, kid in enumerate(element.kids):
        if isinstance(kid, Element):
            if seen == elements_before:
                return index
            seen += 1
    return len(element.kids)


def _ordered(kids: list[Element | tuple[int, int]]) -> list[Element | tuple[int, int]]:
    return sorted(kids, key=lambda kid: kid.rank if isinstance(kid, Element) else 0)


def _content(element: Element) -> Iterator[tuple[int, int]]:
    for kid in element.kids:
        if not isinstance(kid, Element):
            yield kid


def _escape(text: str) -> str:
    """Text as XML character data, as lxml writes it (xml.sax.saxutils would import urllib.request,
    http and ssl: about 8 ms at start-up)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def xmp(info: DocumentInfo) -> str:
    """The XMP packet: title, author, subject, language, creator tool and the PDF/UA identifier.

    It is written exactly as pikepdf (through lxml) writes it back when it saves the leaflet
    (`rdf:about` after the namespaces, a blank line before the closing processing
    instruction), so `compact` can save with `fix_metadata_version=False`: with no
    `pdf:PDFVersion` in the packet that step only re-serialises it, and lxml alone takes
    about 30 ms to import.  A test checks that pikepdf leaves the packet unchanged.
    """

    def alt(value: str) -> str:
        return f'<rdf:Alt><rdf:li xml:lang="x-default">{_escape(value)}</rdf:li></rdf:Alt>'

    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"'
        ' rdf:about="">\n'
        f"<dc:title>{alt(info.title)}</dc:title>\n"
        f"<dc:description>{alt(info.subject)}</dc:description>\n"
        f"<dc:creator><rdf:Seq><rdf:li>{_escape(info.author)}</rdf:li></rdf:Seq></dc:creator>\n"
        f"<dc:language><rdf:Bag><rdf:li>{_escape(info.lang)}</rdf:li></rdf:Bag></dc:language>\n"
        "<dc:format>application/pdf</dc:format>\n"
        f"<xmp:CreatorTool>{_escape(info.creator)}</xmp:CreatorTool>\n"
        "<pdfuaid:part>1</pdfuaid:part>\n"
        "</rdf:Description>\n"
        "</rdf:RDF>\n"
        "</x:xmpmeta>\n"
        "\n"
        '<?xpacket end="w"?>\n'
    )


NO_TAGS = Tagger(enabled=False)


def tags_of(canvas: Any) -> Tagger:
    """The canvas's tagger, or one that does nothing (a plain canvas, an icon sheet)."""
    found = getattr(canvas, "tags", None)
    return found if isinstance(found, Tagger) else NO_TAGS


@functools.cache  # asked of every letter of a leaflet, of a few hundred distinct ones
def _latin(character: str) -> bool:
    return unicodedata.name(character, "").startswith("LATIN")


def latin_only(text: str) -> bool:
    """Whether a text has letters, all of them Latin."""
    # Asked of every paragraph of a leaflet in another script: the first letter mostly answers.
    has_letters = False
    for character in text:
        if character.isalpha():
            if not _latin(character):
                return False
            has_letters = True
    return has_letters


def mostly_latin(texts: Sequence[str]) -> bool:
    """Whether most letters of these texts are Latin (the leaflet's own script is)."""
    letters = latin = 0
    # Counted by distinct character: a leaflet's few thousand letters are a few hundred kinds.
    for character, count in Counter(itertools.chain.from_iterable(texts)).items():
        if character.isalpha():
            letters += count
            latin += count if _latin(character) else 0
    return latin * 2 >= letters
