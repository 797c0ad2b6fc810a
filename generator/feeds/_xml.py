"""ElementTree helpers shared by the XML formats: every XML byte comes from the library."""

from __future__ import annotations

import xml.etree.ElementTree as ET

ATOM_NS = "http://www.w3.org/2005/Atom"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# ElementTree's prefix map is process-wide; registering the conventional prefixes makes
# output read as readers expect (atom:, content:) instead of ns0:, ns1:.
ET.register_namespace("atom", ATOM_NS)
ET.register_namespace("content", CONTENT_NS)
ET.register_namespace("dc", DC_NS)


def sub(parent: ET.Element, tag: str, text: str | None = None, /, **attrs: str) -> ET.Element:
    """A child element; attributes keep the order given, so output bytes are stable."""
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def to_bytes(root: ET.Element) -> bytes:
    """UTF-8 with an XML declaration, indented for people reading the file."""
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
