"""What can be checked here of PDF/A-1b, 2b and 3b (ISO 19005) in a written file, with pikepdf.

veraPDF, the reference validator, is a Java program from Maven Central, which this project's
machines cannot reach; these are the rules of the B level that a file made from scans most often
breaks, checked on the objects themselves (docs/archive.md lists them). An empty list is not a
full validation; a non-empty one is a sure reason not to claim PDF/A.
"""

from __future__ import annotations

import re

ALLOWED_ANNOTATIONS_1 = {"/Text", "/Link", "/FreeText", "/Line", "/Square", "/Circle", "/Highlight", "/Underline",
                         "/Squiggly", "/StrikeOut", "/Stamp", "/Ink", "/Popup", "/Widget", "/PrinterMark",
                         "/TrapNet"}
ALLOWED_ANNOTATIONS_2 = ALLOWED_ANNOTATIONS_1 | {"/Polygon", "/PolyLine", "/Caret", "/Redact", "/Watermark"}
ALLOWED_ANNOTATIONS_3 = ALLOWED_ANNOTATIONS_2 | {"/FileAttachment"}
PRINT_FLAG, HIDDEN_FLAGS = 4, 1 | 2 | 32  # annotation /F bits: Print; Invisible, Hidden, NoView


def problems(pdf, part: str) -> list[str]:
    """Reasons `pdf` (an open pikepdf.Pdf, as written) is not PDF/A-`part` ('1b', '2b', '3b')."""
    level = int(part[0])
    found: list[str] = []
    if pdf.is_encrypted:
        found.append("the file is encrypted")
    if "/ID" not in pdf.trailer:
        found.append("no file identifier (/ID) in the trailer")
    if level == 1 and pdf.pdf_version > "1.4":
        found.append(f"PDF version {pdf.pdf_version} (PDF/A-1 is PDF 1.4)")
    found += _metadata(pdf, part)
    found += _catalog(pdf, level)
    device = _walk(pdf, level, found)
    intents = [i for i in pdf.Root.get("/OutputIntents", []) if str(i.get("/S")) == "/GTS_PDFA1"]
    profiles = {i.DestOutputProfile.objgen for i in intents if "/DestOutputProfile" in i}
    if len(profiles) > 1:
        found.append("more than one PDF/A output intent profile")
    components = int(intents[0].DestOutputProfile.get("/N", 0)) if profiles else 0
    if "/DeviceRGB" in device and components != 3:
        found.append("device RGB colour without an RGB (sRGB) output intent")
    if "/DeviceCMYK" in device and components != 4:
        found.append("device CMYK colour without a CMYK output intent")
    return found


def _metadata(pdf, part: str) -> list[str]:
    found = []
    if "/Metadata" not in pdf.Root:
        return ["no XMP metadata stream"]
    if "/Filter" in pdf.Root.Metadata and part == "1b":
        found.append("the XMP metadata stream is compressed (PDF/A-1 keeps it plain)")
    meta = pdf.open_metadata()
    if meta.get("pdfaid:part") != part[0] or meta.get("pdfaid:conformance") != part[1].upper():
        found.append(f"XMP does not identify PDF/A-{part} (pdfaid:part {meta.get('pdfaid:part')!r}, "
                     f"conformance {meta.get('pdfaid:conformance')!r})")
    info = pdf.trailer.get("/Info")
    pairs = {"/Title": "dc:title", "/Author": "dc:creator", "/Subject": "dc:description", "/Producer": "pdf:Producer",
             "/Creator": "xmp:CreatorTool", "/Keywords": "pdf:Keywords"}
    for key, prop in pairs.items():
        if info is not None and key in info:
            value = meta.get(prop)
            value = "; ".join(value) if isinstance(value, list) else value
            if value is None or str(info[key]) != str(value):
                found.append(f"document information {key} differs from XMP {prop}")
    return found


def _catalog(pdf, level: int) -> list[str]:
    found = []
    root = pdf.Root
    names = root.get("/Names", {})
    if "/JavaScript" in names or "/AA" in root:
        found.append("JavaScript or additional actions")
    if "/OpenAction" in root and str(root.OpenAction.get("/S", "")) in ("/JavaScript", "/Launch"):
        found.append("an open action that runs JavaScript or launches a file")
    if "/EmbeddedFiles" in names and level < 3:
        found.append("embedded files (allowed from PDF/A-3)")
    if level == 1 and "/OCProperties" in root:
        found.append("optional content (layers; allowed from PDF/A-2)")
    form = root.get("/AcroForm")
    if form is not None and bool(form.get("/NeedAppearances", False)):
        found.append("form fields without appearances (NeedAppearances)")
    return found


def _walk(pdf, level: int, found: list[str]) -> set[str]:
    """Fonts, images, transparency and annotations of every page and the forms they draw; returns
    the device colour spaces used."""
    import pikepdf

    device: set[str] = set()
    seen: set[tuple[int, int]] = set()
    allowed = {1: ALLOWED_ANNOTATIONS_1, 2: ALLOWED_ANNOTATIONS_2}.get(level, ALLOWED_ANNOTATIONS_3)

    def resources(res, where: str, drawn: set[str]) -> None:
        if not isinstance(res, pikepdf.Dictionary):
            return
        for key, font in res.get("/Font", {}).items():
            if key in drawn:
                _font(font, where, found)
        for space in list(res.get("/ColorSpace", {}).values()):
            name = str(space[0]) if isinstance(space, pikepdf.Array) and len(space) else str(space)
            if name in ("/DeviceRGB", "/DeviceCMYK"):
                device.add(name)
        for gs in res.get("/ExtGState", {}).values():
            if level == 1 and str(gs.get("/SMask", "/None")) != "/None":
                found.append(f"{where}: a soft mask (transparency, allowed from PDF/A-2)")
            if level == 1 and float(gs.get("/CA", 1)) != 1 or level == 1 and float(gs.get("/ca", 1)) != 1:
                found.append(f"{where}: constant alpha below 1 (transparency, allowed from PDF/A-2)")
            if str(gs.get("/BM", "/Normal")) not in ("/Normal", "/Compatible") and level == 1:
                found.append(f"{where}: a blend mode (transparency)")
            if "/TR" in gs or str(gs.get("/TR2", "/Default")) != "/Default":
                found.append(f"{where}: a transfer function")
        for xobj in res.get("/XObject", {}).values():
            if xobj.objgen in seen and xobj.objgen != (0, 0):
                continue
            seen.add(xobj.objgen)
            subtype = str(xobj.get("/Subtype"))
            if subtype == "/Image":
                _image(xobj, level, where, found, device)
            elif subtype == "/Form":
                if level == 1 and "/Group" in xobj and str(xobj.Group.get("/S")) == "/Transparency":
                    found.append(f"{where}: a transparency group (allowed from PDF/A-2)")
                if "/PS" in xobj or str(xobj.get("/Subtype2", "")) == "/PS":
                    found.append(f"{where}: a PostScript XObject")
                _filters(xobj, level, where, found)
                resources(xobj.get("/Resources"), where, _rendered_fonts(xobj))

    for number, page in enumerate(pdf.pages, start=1):
        where = f"page {number}"
        if level == 1 and "/Group" in page.obj and str(page.obj.Group.get("/S")) == "/Transparency":
            found.append(f"{where}: a transparency group (allowed from PDF/A-2)")
        resources(page.obj.get("/Resources"), where, _rendered_fonts(page))
        for content in _contents(page):
            _filters(content, level, where, found)
            if re.search(rb"(^|\s)/Device(RGB|CMYK)\s+(cs|CS)\b|(^|\s)(rg|RG|k|K)\s", content.read_bytes()):
                data = content.read_bytes()
                if re.search(rb"\s(rg|RG)\s", b" " + data + b" ") or b"/DeviceRGB" in data:
                    device.add("/DeviceRGB")
                if re.search(rb"\s(k|K)\s", b" " + data + b" ") or b"/DeviceCMYK" in data:
                    device.add("/DeviceCMYK")
        for annot in page.obj.get("/Annots", []):
            subtype = str(annot.get("/Subtype"))
            if subtype not in allowed:
                found.append(f"{where}: a {subtype[1:]} annotation (not allowed in PDF/A-{level})")
            flags = int(annot.get("/F", 0))
            if subtype != "/Popup" and (not flags & PRINT_FLAG or flags & HIDDEN_FLAGS):
                found.append(f"{where}: an annotation not flagged to print, or hidden")
            if subtype not in ("/Popup", "/Link") and level > 1 and "/AP" not in annot:
                found.append(f"{where}: an annotation without an appearance stream")
    return device


def _rendered_fonts(holder) -> set[str]:
    """Names of the fonts a content stream shows glyphs with in a visible render mode: the fonts
    "used for rendering" that PDF/A wants embedded (a font only selected, or only drawing invisible
    text, is not)."""
    import pikepdf

    used, font, mode = set(), None, 0
    try:
        ops = pikepdf.parse_content_stream(holder)
    except pikepdf.PdfError:
        return used
    for operands, operator in ops:
        op = str(operator)
        if op == "Tf" and operands:
            font = str(operands[0])
        elif op == "Tr" and operands:
            mode = int(operands[0])
        elif op in ("Tj", "TJ", "'", '"') and mode != 3 and font:
            used.add(font)
    return used


def _contents(page) -> list:
    import pikepdf

    contents = page.obj.get("/Contents")
    if contents is None:
        return []
    return list(contents) if isinstance(contents, pikepdf.Array) else [contents]


def _filters(stream, level: int, where: str, found: list[str]) -> None:
    import pikepdf

    filters = stream.get("/Filter")
    names = [str(f) for f in filters] if isinstance(filters, pikepdf.Array) else [str(filters)] if filters else []
    if "/LZWDecode" in names:
        found.append(f"{where}: an LZW-compressed stream")
    if level == 1 and "/JPXDecode" in names:
        found.append(f"{where}: a JPEG 2000 image (allowed from PDF/A-2)")
    if "/F" in stream:
        found.append(f"{where}: a stream kept in an external file")


def _image(image, level: int, where: str, found: list[str], device: set[str]) -> None:
    import pikepdf

    _filters(image, level, where, found)
    if level == 1 and "/SMask" in image:
        found.append(f"{where}: an image with a soft mask (transparency, allowed from PDF/A-2)")
    if bool(image.get("/Interpolate", False)):
        found.append(f"{where}: an image asks for interpolation")
    if "/Alternates" in image or "/OPI" in image:
        found.append(f"{where}: an image with alternates or OPI")
    space = image.get("/ColorSpace")
    name = str(space[0]) if isinstance(space, pikepdf.Array) and len(space) else str(space)
    if name in ("/DeviceRGB", "/DeviceCMYK"):
        device.add(name)
    if name == "/Indexed" and isinstance(space, pikepdf.Array) and len(space) > 1:
        base = str(space[1][0]) if isinstance(space[1], pikepdf.Array) else str(space[1])
        if base in ("/DeviceRGB", "/DeviceCMYK"):
            device.add(base)


def _font(font, where: str, found: list[str]) -> None:
    subtype = str(font.get("/Subtype"))
    if subtype == "/Type3":
        return
    descendant = font.DescendantFonts[0] if subtype == "/Type0" and "/DescendantFonts" in font else font
    descriptor = descendant.get("/FontDescriptor")
    name = str(font.get("/BaseFont", "?"))[1:]
    if descriptor is None or not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
        found.append(f"{where}: font {name} is not embedded")
