"""The searchable PDF (PDF/A by default) of one converted document: the pages as they came in, an
invisible text layer of the restored words over each OCR'd page, and the catalogue record as
document metadata.

- Scanned PDFs keep their page objects and every image stream byte for byte (streams are copied
  undecoded); the text layer is a Form XObject drawn over the page. An OCR'd page's old text
  layer (a rejected, mangled one) is taken out when it is invisible, as OCR layers are.
- Images are wrapped by img2pdf (JPEG bytes unchanged, PNG and TIFF losslessly).
- Pages whose own text layer was good enough to read are left exactly as they are.
- The text layer is drawn by OCRmyPDF's renderer (fpdf2, its NotoSans subset embedded with a
  ToUnicode map, text render mode 3) from archive.words; pikepdf grafts and writes.

PDF/A is claimed only when pikepdf's PDF/A validator approves the written bytes (archive.pdfa);
otherwise the file is written as a plain PDF and the warning says why.
"""

from __future__ import annotations

import io
import os
import tempfile
import warnings as warnings_module
from pathlib import Path

from vnresolve.archive import pdfa
from vnresolve.archive.words import ArchivePage, document_pages
from vnresolve.ingest.scanlayer import OWN_LAYER
from vnresolve.schemas import Document, Warning

PDFA_PARTS = ("1b", "2b", "3b")
TEXT_LAYER = "/" + OWN_LAYER  # the text layer's XObject name: fixed, so output bytes do not vary, and ingest knows it


class NotApplicable(ValueError):
    """The document has no page images to lay text over (a .txt input)."""


def write_pdf(doc: Document, source: str | os.PathLike[str], out: str | os.PathLike[str],
              pdfa_part: str | None = "2b") -> list[Warning]:
    """Write the searchable PDF of `doc` (converted from `source`) to `out`; see `pdf_bytes`."""
    data, warnings = pdf_bytes(doc, source, pdfa_part)
    Path(out).write_bytes(data)
    return warnings


def pdf_bytes(doc: Document, source: str | os.PathLike[str], pdfa_part: str | None = "2b") -> tuple[bytes, list[Warning]]:
    """The searchable PDF of `doc`, converted from `source`, and warnings (a page or a claim that
    could not be made as asked). `pdfa_part`: 1b, 2b, 3b, or None for a plain PDF. Raises
    NotApplicable for a text input, ValueError when `source` is not the document's file."""
    import pikepdf

    if pdfa_part is not None and pdfa_part not in PDFA_PARTS:
        raise ValueError(f"unknown PDF/A level {pdfa_part!r}; known: {', '.join(PDFA_PARTS)}")
    warnings: list[Warning] = []
    pdf = _base_pdf(doc, Path(source), warnings)
    with pdf:
        if len(pdf.pages) != len(doc.pages):
            raise ValueError(f"the source has {len(pdf.pages)} pages, the document {len(doc.pages)}: "
                             "not the file this document was converted from")
        archive_pages = document_pages(doc)
        ocr_numbers = [ap for ap, page in zip(archive_pages, doc.pages) if page.source == "ocr"]
        rejected = {w.page for w in doc.warnings if w.code == "text-layer-rejected"}
        for ap in ocr_numbers:
            page = pdf.pages[ap.number - 1]
            shown = _shown_modes(page)
            if ap.number in rejected and shown:
                _rasterise(pdf, Path(source), ap, _what_text_does(shown), warnings)
            else:
                _remove_old_text(pdf, page, ap.number, warnings)
        ocr_pages = [(ap, pdf.pages[ap.number - 1]) for ap in ocr_numbers]
        _graft_text(pdf, ocr_pages)
        pdf.remove_unreferenced_resources()  # fonts a page lists but never uses (ReportLab's Helvetica)
        for page in pdf.pages:
            # an empty transition dictionary (ReportLab writes one on every page) does nothing, and
            # the PDF/A validator does not vouch for what it does not know
            if "/Trans" in page.obj and not len(page.obj.Trans.keys()):
                del page.obj["/Trans"]
        _set_metadata(pdf, doc, pdfa_part)
        buffer = io.BytesIO()
        _save(pdf, buffer, pdfa_part)
    if pdfa_part is not None:
        problems = list(dict.fromkeys(pdfa.problems(buffer.getvalue(), pdfa_part)))
        if problems:
            more = f"; and {len(problems) - 3} more" if len(problems) > 3 else ""
            warnings.append(Warning(code="pdfa-not-claimed", stage="archive", message=(
                f"written as a plain PDF, not PDF/A-{pdfa_part}, as pikepdf's PDF/A validator does not approve it: "
                + "; ".join(problems[:3]) + more)))
            with pikepdf.open(io.BytesIO(buffer.getvalue())) as plain:
                _set_metadata(plain, doc, None)
                buffer = io.BytesIO()
                _save(plain, buffer, None)
    return buffer.getvalue(), warnings


def _base_pdf(doc: Document, source: Path, warnings: list[Warning]):
    """The input as a pikepdf.Pdf: a PDF opened as it is, an image wrapped by img2pdf."""
    import pikepdf

    if doc.source.kind == "text":
        raise NotApplicable("a text input has no page images: --pdf does not apply (the JSON and ALTO do)")
    if doc.source.kind == "image":
        pdf = pikepdf.open(io.BytesIO(_image_pdf(source, warnings)))
        # img2pdf's file ID is seeded by the clock; without one the saved ID comes from the content alone
        if "/ID" in pdf.trailer:
            del pdf.trailer["/ID"]
        return pdf
    return pikepdf.open(source)


def _image_pdf(source: Path, warnings: list[Warning]) -> bytes:
    import img2pdf
    from PIL import Image

    try:
        # the pixels as stored, without a /Rotate from EXIF: the words' boxes map onto them through
        # the page's rotation (ingest read an EXIF-turned photo upright and recorded the turn)
        # nodate: img2pdf would stamp the clock as the PDF's creation date; an image source has none
        return img2pdf.convert(str(source), rotation=img2pdf.Rotation.none, nodate=True)
    except img2pdf.AlphaChannelError:
        # PDF/A-1 and img2pdf forbid an alpha channel: the pixels are kept, flattened onto white
        warnings.append(Warning(code="pdf-image-flattened", stage="archive", message=(
            "the image has an alpha channel, which a PDF page image cannot keep here; it was flattened "
            "onto white and stored losslessly (PNG)")))
        frames = []
        with Image.open(source) as image:
            for i in range(getattr(image, "n_frames", 1)):
                image.seek(i)
                rgba = image.convert("RGBA")
                flat = Image.new("RGB", rgba.size, "white")
                flat.paste(rgba, mask=rgba.getchannel("A"))
                out = io.BytesIO()
                flat.save(out, format="PNG", dpi=image.info.get("dpi", (72, 72)))
                frames.append(out.getvalue())
        return img2pdf.convert(frames, nodate=True)


SHOWS = ("Tj", "TJ", "'", '"')
PAINTS = ("S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do", "INLINE IMAGE")  # what draws other than text
RASTER_DPI = 300  # the most a page drawn as vector text is rendered at when it must become an image


def _with_render_modes(ops):
    """(index, operator name, text render mode in force) of each operator of a parsed content
    stream; the mode follows Tr and the graphics state's q/Q saves and restores."""
    mode, modes = 0, []
    for i, (operands, operator) in enumerate(ops):
        op = str(operator)
        if op == "q":
            modes.append(mode)
        elif op == "Q" and modes:
            mode = modes.pop()
        elif op == "Tr" and operands:
            try:
                mode = int(operands[0])
            except (TypeError, ValueError):  # no number: viewers skip the operator, the mode stays
                pass
        yield i, op, mode


def _hidden_shows(ops: list[tuple[int, str, int]]) -> set[int]:
    """Indices of the showing operators of `ops` (_with_render_modes) that taking out leaves the page as
    it looks: render mode 3 (neither filled nor stroked), and mode 7 (the glyphs only added to the clip)
    where nothing is painted after it while that clip holds, until the graphics state is restored."""
    hidden: set[int] = set()
    clipping: list[tuple[int, int]] = []  # (index, q depth) of the mode 7 shows whose clip still holds
    depth = 0
    for i, op, mode in ops:
        if op == "q":
            depth += 1
        elif op == "Q" and depth:
            depth -= 1
            while clipping and clipping[-1][1] > depth:
                hidden.add(clipping.pop()[0])
        elif op in SHOWS and mode == 3:
            hidden.add(i)
        elif op in SHOWS and mode == 7:
            clipping.append((i, depth))
        if op in PAINTS or (op in SHOWS and mode not in (3, 7)):
            clipping.clear()  # painted under their clip: without them more of it would show
    return hidden | {i for i, _ in clipping}


def _shown_modes(page) -> set[int]:
    """The render modes of the page's text that taking out would change how the page looks."""
    import pikepdf

    ops = list(_with_render_modes(pikepdf.parse_content_stream(page)))
    hidden = _hidden_shows(ops)
    return {mode for i, op, mode in ops if op in SHOWS and i not in hidden}


def _what_text_does(modes: set[int]) -> str:
    return "draws visible text" if modes - {7} else "clips what is drawn after it (text in render mode 7)"


def _rasterise(pdf, source: Path, ap: ArchivePage, what: str, warnings: list[Warning]) -> None:
    """A page whose rejected text layer shows (a legacy font whose codes extract as mangled
    Vietnamese, drawn or used as a clip) becomes its rendered image, so that search, copy and select
    find only the restored words laid over it. The text cannot be taken out and the page look the same."""
    import img2pdf
    import pikepdf

    from vnresolve.ingest.poppler import rasterize_page

    page = pdf.pages[ap.number - 1]
    box = [float(v) for v in page.cropbox]
    width, height = box[2] - box[0], box[3] - box[1]
    if int(page.obj.get("/Rotate", 0)) % 180:
        width, height = height, width
    dpi = int(min(ap.dpi or RASTER_DPI, RASTER_DPI))
    png = io.BytesIO()
    rasterize_page(source, ap.number, dpi, colour=True).save(png, format="PNG")
    layout = img2pdf.get_layout_fun((width, height), fit=img2pdf.FitMode.exact)
    with pikepdf.open(io.BytesIO(img2pdf.convert(png.getvalue(), layout_fun=layout))) as image_pdf:
        pdf.pages[ap.number - 1] = image_pdf.pages[0]
    warnings.append(Warning(code="pdf-page-rasterised", stage="archive", page=ap.number, message=(
        f"the page's rejected text layer {what}, whose codes read as mangled words; the page "
        f"is kept as its image rendered at {dpi} dpi (PNG, lossless), under the restored words")))


def _remove_old_text(pdf, page, number: int, warnings: list[Warning]) -> None:
    """Take an OCR'd page's invisible text out of its content stream: an old OCR layer in render
    mode 3, or 7 where its clip hides nothing (search must find the restored words, not the rejected
    ones), and text objects that draw nothing at all (ReportLab's font selection, which would count
    as a font the page uses).
    Text state outlives a text object, so before the page's last visible text only the invisible
    showing operators go and the state they set stays. Visible text is left (taking it out would
    change the page) and named in a warning."""
    import pikepdf

    ops = pikepdf.parse_content_stream(page)
    invisible: set[int] = set()  # showing operators that draw nothing (_hidden_shows)
    last_visible = -1
    blocks: list[tuple[int, int]] = []
    begin = None
    modes = list(_with_render_modes(ops))
    hidden = _hidden_shows(modes)
    for i, op, mode in modes:
        if op == "Do" and _invisible_text_form(page, ops[i][0]):
            invisible.add(i)  # an earlier OCR layer placed as a form (OCRmyPDF's, or this writer's own)
        elif op == "BT":
            begin = i
        elif op == "ET" and begin is not None:
            blocks.append((begin, i))
            begin = None
        elif op in SHOWS:
            if i in hidden:
                invisible.add(i)
            else:
                last_visible = i
    if last_visible >= 0:
        what = _what_text_does({mode for i, op, mode in modes if op in SHOWS and i not in hidden})
        warnings.append(Warning(code="pdf-old-text-kept", stage="archive", page=number, message=(
            f"the page's own text layer {what}, which stays (taking it out would change the "
            "page); search may find its words beside the restored ones")))
    drop = set(invisible)
    for begin, end in blocks:
        if begin > last_visible and not any(str(ops[i][1]) in SHOWS and i not in invisible for i in range(begin, end)):
            drop.update(range(begin, end + 1))  # nothing visible after it: its state matters to no one
    if not drop:
        return
    kept = []
    for i, (operands, operator) in enumerate(ops):
        if i not in drop:
            kept.append((operands, operator))
        elif str(operator) == "'":  # moves to the next line as well as showing
            kept.append(([], pikepdf.Operator("T*")))
        elif str(operator) == '"':  # sets word and character spacing, moves, shows
            kept += [([operands[0]], pikepdf.Operator("Tw")), ([operands[1]], pikepdf.Operator("Tc")),
                     ([], pikepdf.Operator("T*"))]
    page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(kept))


def _invisible_text_form(page, operands) -> bool:
    """Whether `Do` draws a form of the page's that shows text, all of it in render mode 3 or 7 (a
    clip that nothing in the form is painted under), and paints nothing else: a text layer laid over
    the page image, which search would find twice."""
    import pikepdf

    xobjects = page.obj.get("/Resources", {}).get("/XObject", {})
    form = xobjects.get(operands[0]) if operands and isinstance(operands[0], pikepdf.Name) else None
    if not isinstance(form, pikepdf.Stream) or form.get("/Subtype") != pikepdf.Name.Form:
        return False
    ops = list(_with_render_modes(pikepdf.parse_content_stream(form)))
    shown = [mode for _, op, mode in ops if op in SHOWS]
    return bool(shown) and all(mode in (3, 7) for mode in shown) and not any(op in PAINTS for _, op, _ in ops)


def _renderer():
    """OCRmyPDF's text-layer renderer, font manager and font folder. Importing any part of OCRmyPDF
    replaces pdfminer's PDFSimpleFont.__init__ for the whole process (ocrmypdf.pdfinfo.layout);
    ingest reads text layers with pdfminer, and a worker converts documents after writing PDFs,
    so pdfminer's own method is put back: a document reads the same whatever came before it."""
    from pdfminer.pdffont import PDFSimpleFont

    pdfminer_init = PDFSimpleFont.__init__
    try:
        import ocrmypdf
        from ocrmypdf.font import MultiFontManager
        from ocrmypdf.fpdf_renderer import Fpdf2MultiPageRenderer
    finally:
        PDFSimpleFont.__init__ = pdfminer_init
    return Fpdf2MultiPageRenderer, MultiFontManager, Path(ocrmypdf.__file__).parent / "data"


def _graft_text(pdf, ocr_pages: list[tuple[ArchivePage, object]]) -> None:
    """Render every OCR'd page's restored words as one invisible-text PDF (fonts shared) and draw
    each of its pages over the matching page as a Form XObject."""
    import pikepdf

    Fpdf2MultiPageRenderer, MultiFontManager, font_dir = _renderer()

    pages_data = [(ap.number - 1, _ocr_tree(ap, page), 72.0) for ap, page in ocr_pages if ap.words]
    if not pages_data:
        return
    fonts = MultiFontManager(font_dir)
    with tempfile.TemporaryDirectory(prefix="vnresolve-pdf-") as tmp:
        layer_path = Path(tmp) / "text.pdf"
        Fpdf2MultiPageRenderer(pages_data=pages_data, multi_font_manager=fonts, invisible_text=True).render(layer_path)
        with pikepdf.open(layer_path) as layer:
            pages = {ap.number: page for ap, page in ocr_pages}
            for (index, _, _), text_page in zip(pages_data, layer.pages):
                page = pages[index + 1]
                form = pdf.copy_foreign(text_page.as_form_xobject())
                name = page.add_resource(form, pikepdf.Name.XObject, name=pikepdf.Name(TEXT_LAYER))
                placement = page.calc_form_xobject_placement(form, name, pikepdf.Rectangle(page.cropbox))
                # the page's own content in q/Q, so a graphics state it leaves set cannot move the text
                page.contents_add(b"q\n", prepend=True)
                page.contents_add(b"Q\n" + placement, prepend=False)


def _ocr_tree(ap: ArchivePage, page):
    """The page's restored words as an OCRmyPDF OcrElement tree, in points on the page as shown."""
    from ocrmypdf.models.ocr_element import BoundingBox, OcrClass, OcrElement  # imported by _renderer first

    box = [float(v) for v in page.cropbox]
    width, height = box[2] - box[0], box[3] - box[1]
    if int(page.obj.get("/Rotate", 0)) % 180:
        width, height = height, width
    source_w, source_h = ap.source_size
    sx, sy = width / (source_w or 1), height / (source_h or 1)

    def points(bbox) -> BoundingBox:
        x0, y0, x1, y1 = ap.source_box(bbox)
        return BoundingBox(max(x0 * sx, 0), max(y0 * sy, 0), min(x1 * sx, width), min(y1 * sy, height))

    angle = round(ap.text_angle, 3) % 360
    lines = []
    for line in ap.lines:
        boxes = _spaced([w.bbox for w in line.words], line.bbox[3] - line.bbox[1])
        words = [OcrElement(ocr_class=OcrClass.WORD, bbox=points(box), text=w.text)
                 for w, box in zip(line.words, boxes) if w.text]
        if words:
            lines.append(OcrElement(ocr_class=OcrClass.LINE, bbox=points(line.bbox), textangle=angle or None,
                                    children=words))
    whole = BoundingBox(0, 0, width, height)
    return OcrElement(ocr_class=OcrClass.PAGE, bbox=whole, dpi=72.0, page_number=ap.number - 1,
                      children=[OcrElement(ocr_class=OcrClass.PARAGRAPH, bbox=whole, children=lines)])


WORD_GAP = 0.3  # of the line's height: the least gap between two words' boxes in the text layer


def _spaced(boxes: list, height: float) -> list[tuple[float, float, float, float]]:
    """Word boxes (in the OCR image, where lines run level) with each word's right edge pulled in
    so that WORD_GAP separates it from the next: text extractors (poppler, pdf.js) find word
    breaks from the gaps between glyphs, and OCR boxes of '13 ,8%' or 'hiểm y' almost touch."""
    out = [list(b) for b in boxes]
    gap = WORD_GAP * height
    for box, following in zip(out, out[1:]):
        if following[0] - box[2] < gap:
            box[2] = max(box[0] + (box[2] - box[0]) / 2, following[0] - gap)
    return [tuple(b) for b in out]


def _set_metadata(pdf, doc: Document, pdfa_part: str | None) -> None:
    """Document information and XMP from the catalogue record (both, kept equal by pikepdf), and
    the PDF/A preparation when PDF/A is asked for. Dates come from the source and the record,
    never the clock, so the same input gives the same bytes."""
    meta_record = doc.metadata
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        with warnings_module.catch_warnings():  # /Trapped has no XMP twin; it is dropped, as PDF/A wants
            warnings_module.simplefilter("ignore", UserWarning)
            meta.load_from_docinfo(pdf.docinfo, raise_failure=False)
        title = meta_record.title or " ".join(filter(None, [meta_record.doc_type_label, meta_record.number])) or None
        if title:
            meta["dc:title"] = title
        if meta_record.issuer:
            meta["dc:creator"] = [meta_record.issuer]
        if meta_record.subject:
            meta["dc:description"] = meta_record.subject
        if meta_record.number:
            meta["dc:identifier"] = meta_record.number
        if meta_record.date:
            meta["dc:date"] = [meta_record.date]
        meta["dc:language"] = ["vi"]
        meta["dc:source"] = f"sha256:{doc.source.sha256}"  # the batch knows its own output by it
        meta["xmp:CreatorTool"] = "vnresolve"
        meta["pdf:Producer"] = _producer()
        for key in ("pdfaid:part", "pdfaid:conformance"):
            if key in meta:
                del meta[key]
    if pdfa_part is not None:
        _prepare_pdfa(pdf, pdfa_part)


def _prepare_pdfa(pdf, part: str) -> None:
    """pikepdf's PDF/A preparation: the sRGB output intent, a /CIDSet for subset CIDFonts under
    PDF/A-1, print flags on annotations, the XMP cut to what the level permits with its pdfaid
    declaration and the document information made to agree. It stamps xmp:MetadataDate with the
    clock; that stamp is taken out again, so the same input gives the same bytes."""
    import pikepdf.pdfa

    pikepdf.pdfa.prepare(pdf, part)
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        if "xmp:MetadataDate" in meta:
            del meta["xmp:MetadataDate"]
        meta["pdf:Producer"] = _producer()  # prepare names itself


def _save(pdf, out, pdfa_part: str | None) -> None:
    import pikepdf

    version = {"1b": "1.4", "2b": "1.7", "3b": "1.7"}.get(pdfa_part or "", pdf.pdf_version)
    # every stream is written as it was read, filters and bytes (compress_streams would strip an
    # image's ASCII85 layer); the text layer comes compressed from its renderer
    pdf.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.disable,
             stream_decode_level=pikepdf.StreamDecodeLevel.none, compress_streams=False, recompress_flate=False,
             force_version=version if pdfa_part == "1b" else None, min_version=version)


def _producer() -> str:
    import pikepdf

    from vnresolve import __version__

    return f"vnresolve {__version__} (pikepdf {pikepdf.__version__}, OCRmyPDF's text-layer renderer)"
