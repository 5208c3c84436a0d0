"""ALTO XML v4 (the libraries' exchange format for OCR text with its layout) of one Document.

Each page is one ALTO Page in its own image's pixels (MeasurementUnit 'pixel' at Page.dpi: the
rendered or scanned image for OCR'd pages, PDF points for text-layer pages), boxes placed on the
page as it came in. A String's CONTENT is the restored word, WC the OCR confidence (0-1), and the
OCR string, where the restorer changed it, an ALTERNATIVE with PURPOSE 'OCR'. Lines are grouped
into TextBlocks by the block numbers OCR gave them.
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from vnresolve.archive.words import ArchivePage, document_pages
from vnresolve.schemas import Document

NAMESPACE = "http://www.loc.gov/standards/alto/ns-v4#"
SCHEMA_LOCATION = "http://www.loc.gov/standards/alto/ns-v4# http://www.loc.gov/alto/v4/alto-4-4.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"


def alto_bytes(doc: Document) -> bytes:
    """The ALTO XML of `doc`, UTF-8; the same Document gives the same bytes."""
    from vnresolve import __version__

    ET.register_namespace("", NAMESPACE)
    ET.register_namespace("xsi", XSI)
    q = _qualify
    root = ET.Element(q("alto"), {f"{{{XSI}}}schemaLocation": SCHEMA_LOCATION})
    description = ET.SubElement(root, q("Description"))
    ET.SubElement(description, q("MeasurementUnit")).text = "pixel"
    info = ET.SubElement(description, q("sourceImageInformation"))
    ET.SubElement(info, q("fileName")).text = doc.source.path
    # the source's SHA-256, which also tells the batch that a file of this name is its own output
    ET.SubElement(info, q("fileIdentifier"), {"fileIdentifierLocation": "sha256"}).text = doc.source.sha256
    processing = ET.SubElement(description, q("Processing"), {"ID": "vnresolve"})
    ET.SubElement(processing, q("processingStepDescription")).text = (
        "OCR (Tesseract, vie) or the PDF's text layer; Vietnamese diacritics restored"
        + (f" ({doc.restoration.model})" if doc.restoration else ""))
    software = ET.SubElement(processing, q("processingSoftware"))
    ET.SubElement(software, q("softwareName")).text = "vnresolve"
    ET.SubElement(software, q("softwareVersion")).text = __version__
    layout = ET.SubElement(root, q("Layout"))
    for page in document_pages(doc):
        _page(layout, page)
    ET.indent(root, space=" ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _qualify(tag: str) -> str:
    return f"{{{NAMESPACE}}}{tag}"


def _box(bbox) -> dict[str, str]:
    x0, y0, x1, y1 = bbox
    return {"HPOS": _num(x0), "VPOS": _num(y0), "WIDTH": _num(max(x1 - x0, 0)), "HEIGHT": _num(max(y1 - y0, 0))}


def _num(value: float) -> str:
    return f"{round(value, 2):g}"


def _page(layout: ET.Element, page: ArchivePage) -> None:
    q = _qualify
    width, height = page.source_size
    p = f"p{page.number}"
    node = ET.SubElement(layout, q("Page"), {"ID": p, "PHYSICAL_IMG_NR": str(page.number),
                                              "WIDTH": _num(width), "HEIGHT": _num(height)})
    space = ET.SubElement(node, q("PrintSpace"), _box((0, 0, width, height)))
    rotation = {"ROTATION": _num(page.text_angle)} if round(page.text_angle, 2) % 360 else {}
    blocks: dict[int, list] = {}
    for line in page.lines:
        if line.words:
            blocks.setdefault(line.block, []).append(line)
    for b, lines in enumerate(blocks.values(), start=1):
        boxes = [page.source_box(line.bbox) for line in lines]
        block = ET.SubElement(space, q("TextBlock"), {"ID": f"{p}_b{b}", **_box(_union(boxes)), **rotation})
        for n, (line, box) in enumerate(zip(lines, boxes), start=1):
            line_id = f"{p}_b{b}_l{n}"
            text_line = ET.SubElement(block, q("TextLine"), {"ID": line_id, **_box(box)})
            for w, word in enumerate(line.words, start=1):
                if w > 1:
                    ET.SubElement(text_line, q("SP"))
                attrs = {"ID": f"{line_id}_w{w}", "CONTENT": word.text, **_box(page.source_box(word.bbox))}
                if word.conf is not None:
                    attrs["WC"] = _num(min(max(word.conf, 0.0), 100.0) / 100)
                string = ET.SubElement(text_line, q("String"), attrs)
                if word.original != word.text:
                    ET.SubElement(string, q("ALTERNATIVE"), {"PURPOSE": "OCR"}).text = word.original


def _union(boxes):
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
