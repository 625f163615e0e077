"""A Word document's custom properties (docProps/custom.xml): written and read back.

Word keeps a text property to 255 characters; the writer takes text properties only, the
reader (of a document from anyone, through qbank.untrusted) gives every property whose
value is one of the document property types as text.
"""

from __future__ import annotations

from collections.abc import Mapping

from qbank.untrusted import Archive
from qbank.wordml.wml import attribute, escape

CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
# the format id every user-defined property carries (ECMA-376 part 1, 22.3.2.2)
USER_DEFINED = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"


def custom_properties_xml(properties: Mapping[str, str]) -> bytes:
    """docProps/custom.xml holding `properties` as text properties."""
    items = "".join(
        f'<property fmtid="{USER_DEFINED}" pid="{pid}" name="{attribute(name)}">'
        f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(properties.items(), start=2)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Properties xmlns="{CUSTOM_NS}" xmlns:vt="{VT_NS}">{items}</Properties>'
    ).encode()


def read_custom_properties(archive: Archive) -> dict[str, str]:
    """The text properties of docProps/custom.xml (or where the package's relationships
    put them) by name; none when the document has none."""
    name = "docProps/custom.xml"
    try:
        rels = archive.xml("_rels/.rels")
        for rel in rels.iter(f"{{{PACKAGE_RELS}}}Relationship"):
            if rel.get("Type") == CUSTOM_REL:
                name = rel.get("Target", name).lstrip("/")
    except KeyError:
        pass
    if name not in archive.names():
        return {}
    root = archive.xml(name)
    values = {}
    for prop in root.iter(f"{{{CUSTOM_NS}}}property"):
        value = next(iter(prop), None)
        if value is not None and value.tag.startswith(f"{{{VT_NS}}}"):
            values[prop.get("name", "")] = value.text or ""
    return values
