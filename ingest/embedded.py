"""A scanned page's own JPEG, decoded directly instead of rasterizing the page with `pdftoppm`.

Most scanned PDFs are one full-page JPEG per page. Rendering such a page at the image's own
resolution gives back the image's pixels (up to poppler's resampling, mean 1.5-2.5 grey levels
apart), at the cost of a `pdftoppm` process per page (~0.1 s CPU for an A4 page at 200 dpi);
decoding the JPEG bytes straight from the file costs ~0.015 s.

The direct path is taken only when it provably shows what `pdftoppm` would show:

- the page draws exactly one image and nothing else: its content stream may set up state
  (`q`, `Q`, `cm`, text-state operators and an empty `BT … ET`, as ReportLab writes) but shows no
  text (so no OCR text layer), paints no path, no inline image, no form XObject, no annotation;
- the image covers the crop box (= media box) exactly, placed by an axis-aligned matrix (any flip
  or quarter turn, undone here, as is the page's /Rotate);
- the image is 8-bit grey or RGB (DeviceGray, DeviceRGB, ICCBased with 1 or 3 components), with
  no /Decode, mask or soft mask, encoded `DCTDecode` alone or under `ASCII85Decode` (ReportLab);
- its size in pixels is what `pdftoppm` would produce at the page's render resolution (±1 px):
  never resampled here, so the resolution rule (native, never upsampled) is unchanged;
- the file is not encrypted, and the stream's bytes are found at a verified offset in the file.

Anything else (and any JPEG that fails to decode) goes through `pdftoppm` as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from vnresolve.ingest.contentops import literal_name, operators

PDF_UNITS = 72.0
PLACEMENT_TOL = 0.5  # points: the image must cover the crop box to within this
SIZE_TOL = 1.0  # pixels: image size vs the size pdftoppm renders at the job's dpi
STATE_OPS = frozenset({"q", "Q", "cm", "BT", "ET", "Tf", "TL", "Tc", "Tw", "Tz", "Ts", "Tr", "Td", "TD", "Tm", "T*"})


@dataclass(frozen=True)
class EmbeddedJpeg:
    """Where a page's JPEG lies in the file and how to turn it upright (applied in this order)."""

    offset: int
    length: int
    ascii85: bool
    width: int  # of the stored image
    height: int
    transpose: bool  # swap rows and columns (quarter turns)
    flip_rows: bool  # then reverse the row order
    flip_cols: bool  # then reverse the column order


def _mul(m, n):
    """PDF matrix product m x n ([a b c d e f] row-vector convention): apply m, then n."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2, e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def _single_image_ctm(page_obj):
    """(XObject name, CTM at its `Do`) when the content stream draws one XObject and paints nothing else."""
    from pdfminer.pdftypes import resolve1

    contents = [resolve1(c) for c in (page_obj.contents or [])]
    if not contents:
        return None
    ctm, stack, found = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), [], None
    try:
        for op, args in operators(contents):
            if op == "Do":
                if found is not None or len(args) != 1 or literal_name(args[0]) is None:
                    return None
                found = (literal_name(args[0]), ctm)
            elif op not in STATE_OPS:
                return None
            elif op == "q":
                stack.append(ctm)
            elif op == "Q":
                if stack:
                    ctm = stack.pop()
            elif op == "cm":
                if len(args) != 6 or not all(isinstance(v, (int, float)) for v in args):
                    return None
                ctm = _mul(tuple(float(v) for v in args), ctm)
    except Exception:  # a damaged content stream: let pdftoppm deal with it  # noqa: BLE001
        return None
    return found


def _stream_offset(doc, path: Path, stream) -> int | None:
    """File offset of a stream's raw bytes, checked against the bytes pdfminer read."""
    objid = getattr(stream, "objid", None)
    raw = stream.get_rawdata()
    if objid is None or not raw:
        return None
    pos = None
    for xref in doc.xrefs:
        try:
            strmid, index, _ = xref.get_pos(objid)
        except KeyError:
            continue
        if strmid is None:
            pos = index
        break
    if pos is None:
        return None
    with open(path, "rb") as fh:
        fh.seek(pos)
        head = fh.read(4096)
        at = head.find(b"stream")  # the first one after "N G obj <<...>>"; the comparison below checks it
        if at < 0:
            return None
        start = pos + at + len(b"stream")
        start += 2 if head[at + 6:at + 8] == b"\r\n" else 1 if head[at + 6:at + 7] in (b"\n", b"\r") else 0
        fh.seek(start)
        if fh.read(len(raw)) != raw:
            return None
    return start


def _orientation(ctm, rotate: int) -> tuple[bool, bool, bool] | None:
    """(transpose, flip_rows, flip_cols) that turn the stored image into the page as displayed."""
    a, b, c, d, _, _ = ctm
    # Display (raster, y down) direction of one step along the image's columns and rows: image
    # space is the unit square with row 0 at the top (v = 1), so a column step is +u, a row step -v.
    col = (a, -b)
    row = (-c, d)
    for _ in range((rotate // 90) % 4):  # the viewer turns the page clockwise
        col, row = (-col[1], col[0]), (-row[1], row[0])
    if abs(col[1]) < 1e-9 and abs(row[0]) < 1e-9 and col[0] and row[1]:
        return False, row[1] < 0, col[0] < 0
    if abs(col[0]) < 1e-9 and abs(row[1]) < 1e-9 and col[1] and row[0]:
        # transposed: the stored columns run down the page, the stored rows across it
        return True, col[1] < 0, row[0] < 0
    return None


def _filters(attrs) -> list[str] | None:
    from pdfminer.pdftypes import resolve1

    f = resolve1(attrs.get("Filter"))
    names = [literal_name(resolve1(x)) for x in (f if isinstance(f, list) else [f] if f is not None else [])]
    return None if any(n is None for n in names) else names


def _colour_ok(attrs) -> bool:
    from pdfminer.pdftypes import resolve1

    cs = resolve1(attrs.get("ColorSpace"))
    if literal_name(cs) in ("DeviceGray", "DeviceRGB"):
        return True
    if isinstance(cs, list) and len(cs) == 2 and literal_name(cs[0]) == "ICCBased":
        icc = resolve1(cs[1])
        return resolve1(getattr(icc, "attrs", {}).get("N")) in (1, 3)
    return False


def find(doc, page, path: Path, dpi: float) -> EmbeddedJpeg | None:
    """The page's JPEG when decoding it equals rendering the page at `dpi` (see the module doc), else None."""
    from pdfminer.pdftypes import PDFStream, resolve1

    try:
        if getattr(doc, "encryption", None) or getattr(doc, "decipher", None):
            return None
        po = page.page_obj
        if resolve1(po.attrs.get("Annots")):
            return None
        box = [float(v) for v in po.mediabox]
        crop = [float(v) for v in po.cropbox]
        if any(abs(x - y) > 1e-3 for x, y in zip(box, crop)):
            return None
        rotate = int(po.rotate or 0) % 360
        if rotate % 90:
            return None
        found = _single_image_ctm(po)
        if found is None:
            return None
        name, ctm = found
        xobjects = resolve1(resolve1(po.resources or {}).get("XObject") or {})
        stream = resolve1(xobjects.get(name)) if isinstance(xobjects, dict) else None
        if not isinstance(stream, PDFStream):
            return None
        attrs = stream.attrs
        if literal_name(resolve1(attrs.get("Subtype"))) != "Image" or resolve1(attrs.get("BitsPerComponent")) != 8:
            return None
        if any(resolve1(attrs.get(k)) for k in ("ImageMask", "Decode", "SMask", "Mask", "DecodeParms", "DP")):
            return None
        filters = _filters(attrs)
        if filters not in (["DCTDecode"], ["ASCII85Decode", "DCTDecode"]) or not _colour_ok(attrs):
            return None
        width, height = int(resolve1(attrs.get("Width"))), int(resolve1(attrs.get("Height")))
        orient = _orientation(ctm, rotate)
        if orient is None:
            return None
        # the unit square's corners in user space must be the page box
        a, b, c, d, e, f = ctm
        xs = [e, a + e, c + e, a + c + e]
        ys = [f, b + f, d + f, b + d + f]
        if (abs(min(xs) - box[0]) > PLACEMENT_TOL or abs(max(xs) - box[2]) > PLACEMENT_TOL
                or abs(min(ys) - box[1]) > PLACEMENT_TOL or abs(max(ys) - box[3]) > PLACEMENT_TOL):
            return None
        transpose = orient[0]
        out_w, out_h = (height, width) if transpose else (width, height)
        page_w, page_h = box[2] - box[0], box[3] - box[1]
        if rotate in (90, 270):
            page_w, page_h = page_h, page_w
        if abs(out_w - page_w * dpi / PDF_UNITS) > SIZE_TOL or abs(out_h - page_h * dpi / PDF_UNITS) > SIZE_TOL:
            return None
        offset = _stream_offset(doc, path, stream)
        if offset is None:
            return None
        return EmbeddedJpeg(offset, len(stream.get_rawdata()), filters[0] == "ASCII85Decode", width, height, *orient)
    except Exception:  # anything unexpected in an odd file: the renderer handles it  # noqa: BLE001
        return None


_A85_POW = np.array([85**4, 85**3, 85**2, 85, 1], dtype=np.uint64)


def a85decode(data: bytes) -> bytes:
    """PDF ASCII85 (whitespace ignored, `z` = four zero bytes, optional `~>` end), vectorised."""
    data = data.translate(None, b" \t\r\n\x0c\x00")
    end = data.find(b"~>")
    if end >= 0:
        data = data[:end]
    if data.startswith(b"<~"):
        data = data[2:]
    if b"z" in data:
        data = data.replace(b"z", b"!!!!!")
    pad = -len(data) % 5
    digits = np.frombuffer(data + b"u" * pad, dtype=np.uint8).reshape(-1, 5)
    if digits.size and (digits.min() < 33 or digits.max() > 117):
        raise ValueError("invalid ASCII85 data")
    values = (digits.astype(np.uint64) - 33) @ _A85_POW
    if values.size and values.max() > 0xFFFFFFFF:
        raise ValueError("invalid ASCII85 group")
    out = values.astype(">u4").tobytes()
    return out[: len(out) - pad] if pad else out


def decode(path: Path, emb: EmbeddedJpeg, colour: bool = False) -> np.ndarray | None:
    """The page as 8-bit grey (with `colour`, RGB when the JPEG is in colour), upright; None when the
    bytes do not decode to the expected image."""
    import cv2

    with open(path, "rb") as fh:
        fh.seek(emb.offset)
        data = fh.read(emb.length)
    try:
        if emb.ascii85:
            data = a85decode(data)
        img = cv2.imdecode(np.frombuffer(data, dtype=np.uint8), cv2.IMREAD_UNCHANGED if colour else cv2.IMREAD_GRAYSCALE)
    except (ValueError, cv2.error):
        return None
    if img is None or img.shape[:2] != (emb.height, emb.width) or (img.ndim == 3 and img.shape[2] != 3):
        return None  # not the image the PDF declares (a 4-component JPEG in an RGB colour space): pdftoppm renders it
    if img.ndim == 3:
        img = cv2.cvtColor(img, cv2.COLOR_BGR2RGB)
    if emb.transpose:
        img = img.swapaxes(0, 1)
    if emb.flip_rows:
        img = img[::-1]
    if emb.flip_cols:
        img = img[:, ::-1]
    return np.ascontiguousarray(img)
