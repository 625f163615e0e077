"""The frame of a Word document (packet, debrief): styles, the page, the footer, saving.

python-docx makes the package: its template's parts, the styles (written once per document
from templates/packet/theme.toml), the page and the footer. The body is XML text from
wml.py, put in place of a marker when the document is saved. Saving pins every date
(core properties and zip entries) to the bank's time, so that with SOURCE_DATE_EPOCH two
builds are byte-identical.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import docx
from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.opc.pkgwriter import PackageWriter
from lxml import etree

from qbank.contrast import printed_over
from qbank.model import Logo
from qbank.reproducible import write_zip_pinned
from qbank.text import one_line, shorten
from qbank.units import logo_size, mm_to_twips, twips_to_points
from qbank.wordml.fit import PageFit
from qbank.wordml.properties import custom_properties_xml
from qbank.wordml.tables import TABLE_STYLES
from qbank.wordml.theme import CHARACTER_STYLES, PARAGRAPH_STYLES, Theme
from qbank.wordml.wml import (
    BAR_EIGHTHS,
    BAR_REACH_MM,
    BAR_SPACE_PT,
    CODE_BLOCK_STYLE,
    CODE_LANGUAGE,
    NAMESPACES,
    Wml,
    lang_attribute,
    primary,
)

VAL, W_ATTR = f"{{{NAMESPACES['w']}}}val", f"{{{NAMESPACES['w']}}}w"
BODY_PART = "word/document.xml"
BODY_MARKER = "qbank:body"  # a comment in the body, replaced by the body's XML on saving
# A document's package before its body is put in: each part's name and bytes, in the order
# python-docx writes them
Frame = tuple[tuple[str, bytes], ...]


def w(tag: str) -> str:
    return f"{{{NAMESPACES['w']}}}{tag}"


# Word knows its built-in styles by these names and ids; the navigation pane lists
# paragraphs by their outline level, which the two heading styles carry.
BUILT_IN = {
    "Normal": ("Normal", "Normal"),
    "Title": ("Title", "Title"),
    "Subtitle": ("Subtitle", "Subtitle"),
    "Heading 1": ("heading 1", "Heading1"),
    "Heading 2": ("heading 2", "Heading2"),
    "Footer": ("footer", "Footer"),
}
OUTLINE_LEVELS = {"Heading 1": 0, "Heading 2": 1}


def new_document(theme: Theme, language: str = "", own_language: str = "") -> tuple[Document, Wml]:
    """An empty document with the theme's page and styles, and a writer for its body; with
    a `language` (the bank's tag), the document's text is in it (Word's proofing, a screen
    reader's voice), else the template's English; the words qbank adds are in
    `own_language` (the look's), where given. A document in another language than English
    whose own words' language is known is hyphenated (`_hyphenate`): where it is not (a
    look's from before packet/rubric.toml's `language`), they would be hyphenated by the
    text's rules ('questi-ons' in German), and nothing is."""
    document = docx.Document()
    declared = document.element.nsmap
    if any(declared.get(prefix) != uri for prefix, uri in NAMESPACES.items()):
        raise RuntimeError("python-docx's template no longer declares the w and w14 prefixes")
    package_rels = document.part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:  # the template's blank page, no preview of a packet
            del package_rels[rid]
    style_ids = _write_styles(document, theme)
    _set_page(document, theme)
    if language:
        defaults = document.styles.element.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
        lang = defaults.find(w("lang")) if defaults is not None else None
        if lang is not None:  # Word reads CJK text by its eastAsia language, and so on
            lang.set(w(lang_attribute(language)), language)
            # the Latin text of a Japanese or Hebrew bank (code, names, the packet's own
            # words) keeps the template's English: as Japanese, LibreOffice broke English
            # words anywhere ("answ|er") and set them in a Japanese typewriter face
    if own_language and language and primary(language) != "en":
        _hyphenate(document)
    bars = {
        style_ids[name]: theme.colors[spec["border_left"]]
        for name, spec in theme.styles.items()
        if "border_left" in spec and name in style_ids
    }
    return document, Wml(
        style_ids,
        theme.colors,
        theme.fonts["checkbox"],
        language,
        bars,
        _code_sizes(theme),
        own_language,
        _code_grounds(theme),
    )


def _hyphenate(document: Document) -> None:
    """Turn on the reader's hyphenation, words in capitals (TCP, ISMS) left whole: a
    German bank's long words ('Informationssicherheitsmanagementsystem') were cut at any
    letter, with no hyphen, in the packet's narrow columns. Each run is hyphenated by its
    language's rules (Wml.own), code not at all (CODE_LANGUAGE, CODE_BLOCK_STYLE)."""
    settings = document.settings.element
    tab_stop = settings.find(w("defaultTabStop"))
    if tab_stop is None:
        raise RuntimeError("python-docx's template no longer sets w:defaultTabStop")
    # after it, as CT_Settings orders them (consecutiveHyphenLimit, hyphenationZone between)
    tab_stop.addnext(etree.Element(w("doNotHyphenateCaps")))
    tab_stop.addnext(etree.Element(w("autoHyphenation")))


def _code_sizes(theme: Theme) -> dict[str, float]:
    """By paragraph style name, the size (points) of a code span in it where that is not
    the Packet Code style's own: its share of Normal's size, of the paragraph's. Word has
    no relative size, so a span in a heading was 9.5 pt in 13 pt letters, in a label 9.5
    pt in 8.5 (a trial's 'Fíjate en PARTITION BY')."""
    styles = theme.styles
    normal = float(styles["Normal"]["size"])
    share = float(styles["Packet Code"].get("size", normal)) / normal
    sizes = {}
    for name in (*PARAGRAPH_STYLES, *(name for name in TABLE_STYLES if name in styles)):
        size = round(float(styles[name].get("size", normal)) * share * 2) / 2
        if size != round(normal * share * 2) / 2:
            sizes[name] = size
    return sizes


def _code_grounds(theme: Theme) -> dict[str, str]:
    """By paragraph style name, the ground (rrggbb) of a code span in a paragraph of that
    style where the style has a ground of its own (a hint's box): the Packet Code style's
    laid over it, as the PDF packet's, where the style's own would barely stand out of the
    box. None without a Packet Code ground (a look of an earlier version)."""
    styles = theme.styles
    code = styles["Packet Code"].get("background")
    if code is None:
        return {}
    shade = _channels(theme.colors[code])
    return {
        name: "".join(
            f"{round(c * 255):02x}"
            for c in printed_over(shade, _channels(theme.colors[spec["background"]]))
        )
        for name, spec in styles.items()
        if name in PARAGRAPH_STYLES and "background" in spec
    }


def _channels(color: str) -> tuple[float, float, float]:
    """A colour of the theme (rrggbb) as red, green and blue from 0 to 1."""
    red, green, blue = (int(color[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return red, green, blue


def inline_picture(
    document: Document, data: bytes, kind: str, size: tuple[int, int], cx: int, cy: int
):
    """A `wp:inline` drawing of the picture `data` (`kind` 'png', 'jpeg' or 'gif', `size`
    in pixels, as qbank.bank.images read and checked it), `cx` by `cy` EMU, its image part
    added to the package once per content. python-docx would read the picture's header again
    and knows a JPEG only by a JFIF or Exif segment first: one saved by Photoshop in CMYK
    (an Adobe segment first), or with its colour profile or a comment first, stopped the
    build with an internal error; nor is a damaged Exif segment, which every reader skips,
    read here."""
    from docx.image.gif import Gif
    from docx.image.image import Image
    from docx.image.jpeg import Jpeg
    from docx.image.png import Png
    from docx.oxml.shape import CT_Inline
    from docx.parts.image import ImagePart

    header = {"png": Png, "jpeg": Jpeg, "gif": Gif}[kind](*size, 72, 72)
    image = Image(data, f"image.{header.default_ext}", header)
    package = document.part.package
    image_part = next((p for p in package.image_parts if p.sha1 == image.sha1), None)
    if image_part is None:
        used = {part.partname.idx for part in package.image_parts}
        number = next(n for n in range(1, len(used) + 2) if n not in used)
        name = PackURI(f"/word/media/image{number}.{header.default_ext}")
        image_part = ImagePart.from_image(image, name)
        package.image_parts.append(image_part)
    part = document.part
    rid = part.relate_to(image_part, RT.IMAGE)
    return CT_Inline.new_pic_inline(part.next_id, rid, image.filename, cx, cy)


EMU_PER_POINT = 12700
# the logo's drawing's id: apart from a Markdown text's pictures, numbered from 1 (ids of one
# document differ, or Word calls the file damaged)
LOGO_SHAPE_ID = 99999


def letterhead(
    document: Document, wml: Wml, theme: Theme, organisation: str, logo: Logo | None
) -> str:
    """The top of a packet's or a debrief's first page: the organisation's name on the left
    and its logo on the right, as the booklet's cover sizes it (units.logo_size), the name
    on the logo's bottom line; the name alone without a logo, nothing without either. The
    logo's picture joins `document`'s package."""
    if logo is None:
        return wml.para("Packet Meta", organisation) if organisation else ""
    width, height = logo_size(logo.width, logo.height, twips_to_points(theme.text_width))
    size = (logo.width, logo.height)
    inline = inline_picture(
        document,
        logo.data,
        logo.kind,
        size,
        round(width * EMU_PER_POINT),
        round(height * EMU_PER_POINT),
    )
    inline.docPr.set("id", str(LOGO_SHAPE_ID))
    inline.docPr.set("name", "Logo")
    inline.docPr.set("descr", organisation or "Logo")
    drawing = etree.tostring(inline, encoding="unicode")
    tab = f'<w:tabs><w:tab w:val="right" w:pos="{theme.text_width}"/></w:tabs>'
    props = f'<w:pStyle w:val="{wml.style_ids["Packet Meta"]}"/>{tab}'
    content = wml.text(organisation) if organisation else ""
    logo_run = f"<w:r><w:tab/><w:drawing>{drawing}</w:drawing></w:r>"
    return f"<w:p><w:pPr>{props}</w:pPr>{content}{logo_run}</w:p>"


def style_id(name: str) -> str:
    return BUILT_IN[name][1] if name in BUILT_IN else name.replace(" ", "")


def _write_styles(document: Document, theme: Theme) -> dict[str, str]:
    root = document.styles.element
    existing = {s.get(w("styleId")): s for s in root.iterchildren(w("style"))}
    defaults = root.find(w("docDefaults"))
    run_defaults = defaults.find(f"{w('rPrDefault')}/{w('rPr')}")
    _replace_fonts(run_defaults, theme.fonts["body"])
    paragraph_defaults = defaults.find(f"{w('pPrDefault')}/{w('pPr')}")
    for child in list(paragraph_defaults):
        paragraph_defaults.remove(child)
    etree.SubElement(paragraph_defaults, w("spacing"), {w("after"): "0", w("line"): "240"})
    ids = {}
    for name in PARAGRAPH_STYLES + CHARACTER_STYLES:
        kind = "character" if name in CHARACTER_STYLES else "paragraph"
        ids[name] = _write_style(root, existing, name, kind, theme)
    return ids


def add_paragraph_style(document: Document, wml: Wml, theme: Theme, name: str) -> None:
    """Add the theme's paragraph style `name` to a document that needs it (a Markdown
    bank's Packet Code Block); documents that do not need it stay as they were."""
    root = document.styles.element
    existing = {s.get(w("styleId")): s for s in root.iterchildren(w("style"))}
    wml.style_ids[name] = _write_style(root, existing, name, "paragraph", theme)


def _write_style(root: Any, existing: dict[str, Any], name: str, kind: str, theme: Theme) -> str:
    sid = style_id(name)
    style = existing.get(sid)
    if style is None:
        style = etree.SubElement(
            root, w("style"), {w("type"): kind, w("customStyle"): "1", w("styleId"): sid}
        )
        etree.SubElement(style, w("name"), {VAL: name})
        if kind == "paragraph":
            etree.SubElement(style, w("basedOn"), {VAL: "Normal"})
        etree.SubElement(style, w("qFormat"))
    for old in style.findall(w("pPr")) + style.findall(w("rPr")):
        style.remove(old)
    spec = theme.styles[name]
    if kind == "paragraph":
        _paragraph_properties(style, name, spec, theme)
    rpr = _run_properties(style, spec, theme)
    if kind == "character" and "background" in spec:  # a code span's ground, as Word's
        # and LibreOffice's own Source Text shade theirs: after its size, as CT_RPr orders
        fill = theme.colors[spec["background"]]
        etree.SubElement(rpr, w("shd"), {VAL: "clear", w("color"): "auto", w("fill"): fill})
    if name == "Packet Code":  # a code span is never hyphenated, nor spell-checked
        etree.SubElement(rpr, w("lang"), {VAL: CODE_LANGUAGE})
    return sid


def text_indent_mm(spec: Mapping[str, Any]) -> float:
    """How far a style's text stands in (its `indent_mm`), and at least as far as its left
    bar reaches: Word draws the bar left of the text, and LibreOffice left none of a hint's
    bar where that fell left of the question's table cell (a visual review)."""
    indent = float(spec.get("indent_mm", 0))
    return max(indent, BAR_REACH_MM) if "border_left" in spec else indent


def _paragraph_properties(style: Any, name: str, spec: dict[str, Any], theme: Theme) -> None:
    ppr = etree.SubElement(style, w("pPr"))
    if spec.get("keep_with_next"):
        etree.SubElement(ppr, w("keepNext"))
    if name in OUTLINE_LEVELS:
        etree.SubElement(ppr, w("keepLines"))
    if "border_left" in spec:
        borders = etree.SubElement(ppr, w("pBdr"))
        color = theme.colors[spec["border_left"]]
        attrs = {
            VAL: "single",
            w("sz"): str(BAR_EIGHTHS),
            w("space"): str(BAR_SPACE_PT),
            w("color"): color,
        }
        etree.SubElement(borders, w("left"), attrs)
    if "background" in spec:
        fill = theme.colors[spec["background"]]
        etree.SubElement(ppr, w("shd"), {VAL: "clear", w("color"): "auto", w("fill"): fill})
    if name == "Footer":  # a right-aligned tab stop at the right margin, for the page number
        tabs = etree.SubElement(ppr, w("tabs"))
        etree.SubElement(tabs, w("tab"), {VAL: "right", w("pos"): str(theme.text_width)})
    if name == CODE_BLOCK_STYLE:  # code keeps its words whole, as typed
        etree.SubElement(ppr, w("suppressAutoHyphens"))
    spacing = {
        w("before"): str(round(float(spec.get("space_before", 0)) * 20)),
        w("after"): str(round(float(spec.get("space_after", 0)) * 20)),
        w("line"): str(round(float(spec.get("line", 1.0)) * 240)),
        w("lineRule"): "auto",
    }
    etree.SubElement(ppr, w("spacing"), spacing)
    if "indent_mm" in spec or "hanging_mm" in spec or "border_left" in spec:
        indent = {w("left"): str(mm_to_twips(text_indent_mm(spec)))}
        if "hanging_mm" in spec:
            indent[w("hanging")] = str(mm_to_twips(float(spec["hanging_mm"])))
        etree.SubElement(ppr, w("ind"), indent)
    if name in OUTLINE_LEVELS:
        etree.SubElement(ppr, w("outlineLvl"), {VAL: str(OUTLINE_LEVELS[name])})


def _run_properties(style: Any, spec: dict[str, Any], theme: Theme) -> Any:
    rpr = etree.SubElement(style, w("rPr"))
    if "font" in spec:
        _replace_fonts(rpr, theme.fonts[spec["font"]])
    for key, tags in (("bold", ("b", "bCs")), ("italic", ("i", "iCs")), ("caps", ("caps",))):
        if key in spec:
            for tag in tags:
                etree.SubElement(rpr, w(tag), {VAL: "1" if spec[key] else "0"})
    if "color" in spec:
        etree.SubElement(rpr, w("color"), {VAL: theme.colors[spec["color"]]})
    if "size" in spec:
        half_points = str(round(float(spec["size"]) * 2))
        etree.SubElement(rpr, w("sz"), {VAL: half_points})
        etree.SubElement(rpr, w("szCs"), {VAL: half_points})
    return rpr


def _replace_fonts(rpr: Any, font: str) -> None:
    """Name the font outright: Word prefers a theme font attribute over a named one."""
    for old in rpr.findall(w("rFonts")):
        rpr.remove(old)
    fonts = etree.Element(w("rFonts"))
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(w(attr), font)
    rpr.insert(0, fonts)


def _set_page(document: Document, theme: Theme) -> None:
    sect = document.sections[0]._sectPr
    for child in list(sect):
        if child.tag in (w("pgSz"), w("pgMar")):
            sect.remove(child)
    size = {W_ATTR: str(theme.page_width), w("h"): str(theme.page_height)}
    sect.insert(0, etree.Element(w("pgSz"), size))
    margin = str(theme.margin)
    margins = {w(side): margin for side in ("top", "right", "bottom", "left")}
    margins.update({w("header"): margin, w("footer"): str(theme.footer_distance), w("gutter"): "0"})
    sect.insert(1, etree.Element(w("pgMar"), margins))


def write_footer(
    document: Document,
    wml: Wml,
    text: str | Sequence[tuple[str, bool]],
    page_of: str,
    fit: PageFit,
    title: str,
) -> None:
    """The footer of every page: `text` on the left, on one line (PageFit.footer_line: the
    bank's `title` in it gives way), and on the right `page_of` (the words' "Page {page} of
    {pages}") with {page} and {pages} as fields the reader fills. `text` in pieces (as
    Wml.said takes them) says the look's words in the look's language, the bank's title in
    the bank's, unless it had to be cut, when it is one run of the bank's."""
    pieces = [(text, False)] if isinstance(text, str) else list(text)
    whole = "".join(piece for piece, _ in pieces)
    text = fit.footer_line(whole, title, page_of.format(page=888, pages=888))
    footer = document.sections[0].footer
    footer.is_linked_to_previous = False
    ftr = footer.part.element
    for child in list(ftr):
        ftr.remove(child)
    fields = {"page": "PAGE", "pages": "NUMPAGES"}
    content, tab = wml.said(pieces) if text == whole else wml.text(text), "\t"
    for literal, name, _, _ in string.Formatter().parse(page_of):
        content += wml.own(tab + literal) if tab + literal else ""
        content += wml.field(fields[name], "1") if name else ""
        tab = ""
    declarations = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in NAMESPACES.items())
    holder = etree.fromstring(f"<w:ftr {declarations}>{wml.paragraph('Footer', content)}</w:ftr>")
    ftr.extend(holder)


CORE_LIMIT = 255  # python-docx refuses longer core properties, as Word does


def core_text(text: str) -> str:
    """`text` for a core property: on one line, at most 255 characters."""
    return shorten(one_line(text), CORE_LIMIT)


def save(
    document: Document,
    body: Iterable[str],
    path: Path,
    title: str,
    subject: str,
    timestamp: int,
    custom: Mapping[str, str] | None = None,
) -> None:
    """Write the document to `path` with `body` (pieces of XML text, consumed as they come)
    as its content, every date pinned to `timestamp`, and `custom` as its custom
    properties."""
    frame = package(document, title, subject, timestamp, custom)
    write_package(frame, body, path, timestamp)


def package(
    document: Document,
    title: str,
    subject: str,
    timestamp: int,
    custom: Mapping[str, str] | None = None,
) -> Frame:
    """The document's package with a marker where the body goes: several documents that
    differ only in their body (the debrief's) are written from one with `write_package`."""
    moment = datetime.fromtimestamp(timestamp, UTC)
    properties = document.core_properties
    properties.title = core_text(title)  # the full title stays in the body
    properties.subject = core_text(subject)
    properties.author = "qbank"
    properties.last_modified_by = "qbank"
    properties.comments = ""
    properties.revision = 1
    properties.created = moment
    properties.modified = moment
    if custom:
        parts = document.part.package
        blob = custom_properties_xml(custom)
        part = Part(PackURI("/docProps/custom.xml"), CT.OFC_CUSTOM_PROPERTIES, blob, parts)
        parts.relate_to(part, RT.CUSTOM_PROPERTIES)
    section_properties = document.element.body[-1]
    section_properties.addprevious(etree.Comment(BODY_MARKER))
    return _parts(document)


class _Kept:
    """python-docx's writer of a package's files (write, close), keeping each file's bytes.
    `Document.save` compresses them into a zip, which `write_package` would only open and
    compress again: a packet's 800 KB of template styles took 15 ms to go through both."""

    def __init__(self) -> None:
        self.entries: list[tuple[str, bytes]] = []

    def write(self, uri: PackURI, blob: bytes) -> None:
        self.entries.append((uri.membername, blob))

    def close(self) -> None:
        pass


def _parts(document: Document) -> Frame:
    """The files of the document's package, as `Document.save` writes them (python-docx's
    OpcPackage.save and PackageWriter.write, with the zip left out)."""
    package = document.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    kept = _Kept()
    PackageWriter._write_content_types_stream(kept, parts)
    PackageWriter._write_pkg_rels(kept, package.rels)
    PackageWriter._write_parts(kept, parts)
    return tuple(
        (name, APP_XML if name == "docProps/app.xml" else blob) for name, blob in kept.entries
    )


# The application properties: python-docx's template said the file was written by Microsoft
# Macintosh Word 14 from Normal.dotm, of one page and no words (a Spanish trial); Word and
# LibreOffice count pages and words themselves
APP_XML = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    b"<Application>qbank</Application><DocSecurity>0</DocSecurity></Properties>"
)


def write_package(frame: Frame, body: Iterable[str], path: Path, timestamp: int) -> None:
    """Write `frame` (made by `package`) to `path` with `body` in place of its marker."""
    marker = f"<!--{BODY_MARKER}-->".encode()

    def put_body(name: str, data: bytes) -> Iterator[bytes]:
        if name != BODY_PART:
            yield data
            return
        before, found, after = data.partition(marker)
        if not found:
            raise RuntimeError(f"{BODY_PART} lost the place of the packet's body")
        yield before
        for piece in body:
            yield piece.encode("utf-8")
        yield after

    with path.open("wb") as target:
        write_zip_pinned(frame, target, timestamp, rewrite=put_body)
