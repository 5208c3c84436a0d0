"""A scanner's OCR layer: text drawn invisible over the page image it was read from.

Scanners (and OCR tools after them) lay their own OCR under the scan as text in render mode 3
(neither filled nor stroked): the page shows the image, a text extractor finds the text. That text
is one OCR engine's guess, often without Vietnamese marks ("CONG HOA xA HQI"), never what was
typed; a page covered by an image whose text is mostly invisible is OCR'd from its image instead
(a portal's visible watermark or a typed note may lie over it as well: da-nang/3.pdf).
vnresolve's own searchable PDF lays its restored words the same way, in a form of its own name: that
text is the restored (perhaps reviewed) text, not a scanner's guess, and is not counted.
"""

from __future__ import annotations

from vnresolve.ingest.contentops import literal_name, operators

INVISIBLE = frozenset({3, 7})  # render modes that paint nothing (7 only adds the glyphs to the clip)
SHOWS = frozenset({"Tj", "TJ", "'", '"'})
MAX_DEPTH = 8  # form XObjects nested deeper than this are not looked into
OWN_LAYER = "VnrText"  # the form archive/pdf.py draws the restored words in: set on every page it lays text over


def invisible_text(page_obj) -> bool:
    """Whether the page shows text and most of it (text-showing operators) in an invisible render
    mode: its content stream and the forms it draws, the mode saved and restored with the graphics
    state. A stream that cannot be read gives no: the page keeps the text layer's usual judgement."""
    from pdfminer.pdftypes import resolve1

    counts = [0, 0]  # visible, invisible
    try:
        _walk([resolve1(c) for c in (page_obj.contents or [])], resolve1(page_obj.resources) or {}, 0, counts, 0, {})
    except Exception:  # noqa: BLE001 - a damaged stream: no verdict from it
        return False
    return counts[1] > counts[0]


def _walk(streams, resources, mode: int, counts: list[int], depth: int, done: dict) -> None:
    from pdfminer.pdftypes import PDFStream, resolve1
    from pdfminer.psparser import PSLiteral

    if not streams:
        return
    xobjects = resolve1(resources.get("XObject")) or {}
    stack = []
    for op, args in operators(streams):
        if op == "q":
            stack.append(mode)
        elif op == "Q":
            mode = stack.pop() if stack else mode
        elif op == "Tr" and args and isinstance(args[-1], int):
            mode = args[-1]
        elif op in SHOWS:
            counts[mode in INVISIBLE] += 1
        elif op == "Do" and args and isinstance(args[-1], PSLiteral) and depth < MAX_DEPTH and args[-1].name != OWN_LAYER:
            form = resolve1(xobjects.get(args[-1].name))
            if isinstance(form, PDFStream) and literal_name(form.get("Subtype")) == "Form":
                # each form is read once a render mode, however often it is drawn: a form drawing itself
                # ten times would otherwise be read 10**MAX_DEPTH times (a damaged or hostile file)
                key = (getattr(form, "objid", None) or id(form), mode)
                if key not in done:
                    done[key] = [0, 0]  # while it is read, a form it draws again counts nothing
                    own = [0, 0]
                    _walk([form], resolve1(form.get("Resources")) or resources, mode, own, depth + 1, done)
                    done[key] = own
                counts[0] += done[key][0]
                counts[1] += done[key][1]
