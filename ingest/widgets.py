"""Signature fields of signed e-government PDFs.

Vietnam's e-government signing tools stamp two kinds of signature-field appearance on a page:
the organisation's signing overlay ("Ký bởi: … Cơ quan: … Thời gian ký: …", or the publishing
centre's name, address and time) and, on born-digital documents signed before numbering, the
serial and the day typed into the template's blanks ("Số:   /TB-UBND", "ngày   tháng 01").
pdfplumber reads only the page's own content; the appearances are annotation streams, read here
with pdfminer's interpreter, and the signature dictionary (/M signing time, /Name) with them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A filled-in blank holds a serial or a day: digits only, one or two groups
_FILLED_IN = re.compile(r"^\d{1,5}([./-]\d{1,5})?$")
_PDF_DATE = re.compile(r"^D:(\d{4})(\d{2})(\d{2})(\d{2})?(\d{2})?(\d{2})?([Zz]|[+-]\d{2}'?\d{2}'?)?")


@dataclass(frozen=True)
class Widget:
    """One signature field's appearance on a page, in PDF points, origin top-left."""

    name: str | None
    bbox: tuple[float, float, float, float]
    words: tuple[tuple[str, tuple[float, float, float, float]], ...]  # the appearance's lines of text
    signed_by: str | None = None
    signed_at: str | None = None
    reason: str | None = None
    location: str | None = None

    @property
    def text(self) -> str:
        return "\n".join(text for text, _ in self.words)

    @property
    def filled_in(self) -> bool:
        """A serial or day typed into the template at signing: part of the page's text."""
        return len(self.words) == 1 and bool(_FILLED_IN.match(self.words[0][0]))


def _decode(value) -> str | None:
    """A PDF text string (UTF-16 with BOM, or PDFDocEncoding read as Latin-1) as str."""
    if value is None:
        return None
    if isinstance(value, bytes):
        text = value[2:].decode("utf-16-be", "replace") if value.startswith(b"\xfe\xff") else value.decode("latin-1")
    else:
        text = str(value)
    return text.strip() or None


def pdf_date(value) -> str | None:
    """A PDF date ('D:20250109100916+07'00'') as ISO 8601 ('2025-01-09T10:09:16+07:00')."""
    text = _decode(value)
    m = _PDF_DATE.match(text or "")
    if not m:
        return None
    year, month, day, hh, mm, ss, tz = m.groups()
    out = f"{year}-{month}-{day}"
    if hh:
        out += f"T{hh}:{mm or '00'}:{ss or '00'}"
        if tz:
            digits = re.sub(r"\D", "", tz)
            out += "Z" if tz in "Zz" else f"{tz[0]}{digits[:2]}:{digits[2:4] or '00'}"
    return out


def _resolve(obj):
    from pdfminer.pdftypes import resolve1

    return resolve1(obj)


class _Appearance:
    """An appearance stream dressed as a page, for pdfminer's interpreter: its BBox as the media box."""

    def __init__(self, stream):
        self.mediabox = [float(v) for v in _resolve(stream.attrs.get("BBox")) or (0, 0, 0, 0)]
        self.cropbox = self.mediabox
        self.rotate, self.pageid, self.annots, self.beads, self.attrs = 0, id(stream), None, None, {}
        self.resources = _resolve(stream.attrs.get("Resources")) or {}
        self.contents = [stream]


def appearance_lines(annot) -> list[tuple[str, tuple[float, float, float, float]]]:
    """The text lines an annotation's normal appearance draws, with boxes in the page's points,
    origin top-left (the appearance's BBox mapped onto the annotation's rectangle)."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams, LTTextLine
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdftypes import PDFStream

    stream = _resolve((_resolve(annot["data"].get("AP")) or {}).get("N"))
    if not isinstance(stream, PDFStream):
        return []  # an appearance per state (/N << /On … >>) belongs to check boxes, not signatures
    page = _Appearance(stream)
    bx0, by0, bx1, by1 = page.mediabox
    if bx1 <= bx0 or by1 <= by0:
        return []
    rm = PDFResourceManager()
    device = PDFPageAggregator(rm, laparams=LAParams(all_texts=True))
    PDFPageInterpreter(rm, device).process_page(page)
    x0, top, x1, bottom = (float(annot[k]) for k in ("x0", "top", "x1", "bottom"))
    sx, sy = (x1 - x0) / (bx1 - bx0), (bottom - top) / (by1 - by0)
    lines: list[tuple[str, tuple[float, float, float, float]]] = []

    def walk(obj) -> None:
        if isinstance(obj, LTTextLine):
            text = " ".join(obj.get_text().split())
            if text:
                lx0, ly0, lx1, ly1 = obj.bbox
                lines.append((text, (round(x0 + (lx0 - bx0) * sx, 2), round(top + (by1 - ly1) * sy, 2),
                                     round(x0 + (lx1 - bx0) * sx, 2), round(top + (by1 - ly0) * sy, 2))))
            return
        for child in getattr(obj, "_objs", None) or ():
            walk(child)

    walk(device.get_result())
    lines.sort(key=lambda line: (line[1][1], line[1][0]))
    return lines


def signature_annotations(page) -> list[dict]:
    """A pdfplumber page's signature-field widgets that carry an appearance."""
    out = []
    try:
        annots = page.annots
    except Exception:  # a malformed annotation array reads as none  # noqa: BLE001
        return []
    for annot in annots:
        data = annot.get("data") or {}
        subtype = _resolve(data.get("Subtype"))
        field_type = _resolve(data.get("FT"))
        if getattr(subtype, "name", None) == "Widget" and getattr(field_type, "name", None) == "Sig" and data.get("AP") is not None:
            out.append(annot)
    return out


def page_widgets(page) -> list[Widget]:
    """The signature fields of one pdfplumber page with the text their appearances draw; [] for a
    page without any. A field whose appearance cannot be read keeps its signature data."""
    widgets = []
    for annot in signature_annotations(page):
        data = annot["data"]
        try:
            words = tuple(appearance_lines(annot))
        except Exception:  # a damaged appearance stream: the field is still a signature  # noqa: BLE001
            words = ()
        value = _resolve(data.get("V"))
        value = value if isinstance(value, dict) else {}
        box = tuple(round(float(annot[k]), 2) for k in ("x0", "top", "x1", "bottom"))
        widgets.append(Widget(name=_decode(_resolve(data.get("T"))), bbox=box, words=words,
                              signed_by=_decode(_resolve(value.get("Name"))), signed_at=pdf_date(_resolve(value.get("M"))),
                              reason=_decode(_resolve(value.get("Reason"))), location=_decode(_resolve(value.get("Location")))))
    widgets.sort(key=lambda w: (w.bbox[1], w.bbox[0]))
    return widgets


def page_notes(page) -> list[tuple[tuple[float, float, float, float], str]]:
    """The typed notes laid over a pdfplumber page (FreeText annotations: a routing instruction, a
    reader's remark), as (box in points, origin top-left; text). Not the document's text, but drawn
    on the page with it."""
    try:
        annots = page.annots
    except Exception:  # a malformed annotation array reads as none  # noqa: BLE001
        return []
    out = []
    for annot in annots:
        data = annot.get("data") or {}
        if getattr(_resolve(data.get("Subtype")), "name", None) != "FreeText":
            continue
        text = annot.get("contents") or _decode(_resolve(data.get("Contents")))
        if text and text.strip():
            out.append((tuple(round(float(annot[k]), 2) for k in ("x0", "top", "x1", "bottom")), text.strip()))
    return out
