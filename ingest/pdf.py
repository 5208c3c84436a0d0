"""Backend for PDFs: per page, reuse a good text layer or OCR the page image.

The decision and its reason land in `Page.source`, `Page.text_quality` and a
warning, so a reviewer can see why a page was (not) re-OCR'd. Text-layer pages
are read here; OCR pages become `PageJob`s the OCR workers rasterize
themselves, so only one page per worker is ever in memory as pixels.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException

from vnresolve.ingest import colour, columns, embedded, layout, pdfsafe, poppler
from vnresolve.ingest.errors import CorruptFile, EmptyFile, EncryptedFile, IngestError, NoPages, NotAPdf, TruncatedFile
from vnresolve.ingest.ocr import OcrRun, PageJob
from vnresolve.ingest.pages import PageStream
from vnresolve.ingest.options import IngestOptions
from vnresolve.ingest.quality import GOOD_TEXT_LAYER, glyph_soup_share, text_quality
from vnresolve.ingest.scanlayer import invisible_text
from vnresolve.ingest.textlayer import page_lines, page_tables
from vnresolve.ingest.widgets import Widget, page_notes, page_widgets
from vnresolve.schemas import Page, SignatureField, Warning

DEFAULT_DPI = 300
MAX_NATIVE_DPI = 400  # finer scans are rendered at DEFAULT_DPI: more pixels cost time, not accuracy
MIN_NATIVE_DPI = 150  # coarser scans are rendered at twice their resolution (capped at DEFAULT_DPI)
SPARSE_WORDS = 10  # a page this empty of text but covered by an image is a scan with a stray label

logging.getLogger("pdfminer").setLevel(logging.ERROR)
pdfsafe.install()


def _has_eof(path: Path) -> bool:
    size = path.stat().st_size
    with open(path, "rb") as fh:
        fh.seek(max(0, size - 2048))
        return b"%%EOF" in fh.read()


def open_pdf(path: Path):
    try:
        pdf = pdfplumber.open(path)
        _ = pdf.pages  # forces the xref and page tree to be read
        return pdf
    except Exception as err:  # pdfminer raises many kinds on broken files  # noqa: BLE001
        inner = _root_cause(err)
        name = type(inner).__name__
        if isinstance(inner, PDFPasswordIncorrect):
            raise EncryptedFile("PDF is encrypted with a password") from err
        if isinstance(inner, PDFEncryptionError) or "password" in str(inner).lower() or name.startswith("PDFEncrypt"):
            raise EncryptedFile(f"PDF uses an encryption that cannot be opened ({name})") from err
        if not _has_eof(path):
            raise TruncatedFile("PDF is truncated (no %%EOF marker; the file was cut short)") from err
        if isinstance(inner, (PDFSyntaxError, PSException)):
            raise CorruptFile(f"unreadable PDF (damaged structure: {name})") from err
        raise CorruptFile(f"unreadable PDF ({name}: {inner})") from err


def _root_cause(err: BaseException) -> BaseException:
    """pdfplumber wraps pdfminer's errors (PdfminerException(PDFPasswordIncorrect())); unwrap them."""
    seen = 0
    while seen < 10:
        seen += 1
        nxt = err.__cause__ or err.__context__ or next((a for a in err.args if isinstance(a, BaseException)), None)
        if nxt is None:
            return err
        err = nxt
    return err


def native_dpi(page) -> float | None:
    """Resolution of the largest embedded image, so a 200 dpi scan is rendered at 200, not 300."""
    best, best_area = None, 0.0
    for im in page.images:
        width_in = (float(im["x1"]) - float(im["x0"])) / 72
        height_in = (float(im["bottom"]) - float(im["top"])) / 72
        src = im.get("srcsize")
        if width_in <= 0 or height_in <= 0 or not src:
            continue
        area = width_in * height_in
        if area > best_area:
            best_area, best = area, src[0] / width_in
    return best


def image_coverage(page) -> float:
    area = float(page.width) * float(page.height) or 1.0
    covered = sum(max(0.0, float(im["x1"]) - float(im["x0"])) * max(0.0, float(im["bottom"]) - float(im["top"])) for im in page.images)
    return min(1.0, covered / area)


def capped_dpi(width_pt: float, height_pt: float, dpi: float, max_mpixels: float) -> float:
    """`dpi`, or the highest resolution at which a page this size in points stays within the cap:
    a 10,000 pt square page at 300 dpi would be 1.7 gigapixels, decoded in full before any check."""
    pixels = (width_pt * dpi / 72) * (height_pt * dpi / 72)
    if pixels <= max_mpixels * 1e6:
        return dpi
    return math.floor(dpi * math.sqrt(max_mpixels * 1e6 / pixels) * 100) / 100


def _job_dpi(width_pt: float, height_pt: float, dpi: float, number: int, options: IngestOptions, warnings: list[Warning]) -> float:
    capped = capped_dpi(width_pt, height_pt, dpi, options.max_page_mpixels)
    if capped < dpi:
        warnings.append(Warning(code="page-downscaled", stage="ingest", page=number, message=(
            f"page is {width_pt:g} x {height_pt:g} pt: rendered at {capped:g} dpi, not {dpi:g}, "
            f"to stay within {options.max_page_mpixels:g} megapixels (max_page_mpixels)")))
    return capped


def render_dpi(page, options: IngestOptions) -> float:
    return float(options.dpi) if options.dpi else scan_render_dpi(native_dpi(page))


def scan_render_dpi(native: float | None) -> float:
    """The resolution a scan of `native` dpi is rendered at: its own, within the range OCR reads best."""
    if native is None:
        return float(DEFAULT_DPI)
    native = round(native)
    if native > MAX_NATIVE_DPI:
        return float(DEFAULT_DPI)
    if native < MIN_NATIVE_DPI:
        return float(min(DEFAULT_DPI, 2 * native))
    return float(native)


@dataclass
class Decision:
    reuse: bool
    quality: float | None
    code: str | None = None
    message: str | None = None


def decide(page, text: str, options: IngestOptions) -> Decision:
    """Reuse the text layer, or OCR the page image, and why."""
    words = text.split()
    quality = text_quality(text) if words else None
    if options.ocr == "always":
        return Decision(False, quality, "ocr-forced", "OCR forced by options (ocr=always)")
    if options.ocr == "never":
        return Decision(True, quality)
    if not words:
        return Decision(False, None)
    if len(words) < SPARSE_WORDS and image_coverage(page) > 0.5:
        return Decision(False, quality, "text-layer-sparse", f"text layer has only {len(words)} words over a page image; page OCR'd")
    if quality < GOOD_TEXT_LAYER:
        soup = glyph_soup_share(text)
        why = f"{soup:.0%} unmapped glyphs" if soup > 0.05 else "not valid Vietnamese"
        return Decision(False, quality, "text-layer-rejected", f"text layer scored {quality:.2f} < {GOOD_TEXT_LAYER} ({why}); page re-OCR'd")
    if image_coverage(page) > 0.5 and invisible_text(page.page_obj):  # a scanner's OCR, however good, was never typed
        return Decision(False, quality, "text-layer-invisible",
                        "text layer is invisible text over the page image (a scanner's OCR), not typed text; page re-OCR'd")
    return Decision(True, quality)


def text_layer_page(page, number: int, text: str, quality: float | None, options: IngestOptions,
                    widgets: list[Widget] = ()) -> Page:
    tables, boxes = page_tables(page, number) if options.tables else ([], [])
    filled = [word for w in widgets if w.filled_in for word in w.words]
    lines = layout.tag_roles(page_lines(page, exclude=boxes, extra=filled), float(page.width), float(page.height))
    lines = columns.reading_order(lines)  # the text layer's rows run across both columns, as OCR's do
    return Page(
        number=number, text=layout.body_text(lines), source="text-layer", text_quality=quality,
        width=float(page.width), height=float(page.height), dpi=72, lines=lines, tables=tables,
        signature_fields=signature_fields(widgets, 1.0),
    )


def signature_fields(widgets: list[Widget], scale: float) -> list[SignatureField]:
    """The page's signature widgets as the contract's records, boxes scaled from points to the page's pixels."""
    return [SignatureField(name=w.name, bbox=tuple(round(v * scale, 2) for v in w.bbox), text=w.text, filled_in=w.filled_in,
                           signed_by=w.signed_by, signed_at=w.signed_at, reason=w.reason) for w in widgets]


def open_pdf_pages(path: Path, options: IngestOptions) -> PageStream:
    """Text-layer pages are read now; the others are OCR'd, already under way when this returns.
    A file pdfminer cannot read but poppler can (a damaged xref table, a page tree too deep) has
    every page OCR'd from poppler's rendering, with a warning."""
    warnings: list[Warning] = []
    ready: list[Page] = []
    jobs: list[PageJob] = []
    try:
        _read_pages(path, options, warnings, ready, jobs)
    except (EncryptedFile, TruncatedFile):
        raise
    except (CorruptFile, EmptyFile) as err:
        warnings, ready, jobs = _poppler_pages(path, options, err)
    if not _has_eof(path):
        warnings.append(Warning(code="pdf-truncated", stage="ingest", message="PDF has no %%EOF marker (file may be cut short); readable pages kept"))
    kind = "pdf-text" if not jobs else "pdf-scanned" if not ready else "pdf-mixed"
    if jobs:
        poppler.PDFTOPPM.probe()  # asked once here, before the page workers fork, so they inherit the answer
    return PageStream(path, kind, ready, warnings, OcrRun(jobs, options) if jobs else None)


def _read_pages(path: Path, options: IngestOptions, warnings: list[Warning], ready: list[Page], jobs: list[PageJob]) -> None:
    with open_pdf(path) as pdf:
        if not pdf.pages:
            raise NoPages("PDF has no pages")
        for number, page in enumerate(pdf.pages, start=1):
            try:
                _read_page(pdf, page, number, path, options, warnings, ready, jobs)
            except RecursionError as err:  # objects nested too deep for pdfminer: poppler renders the page
                warnings.append(Warning(code="page-structure-unreadable", stage="ingest", page=number,
                                        message=f"page objects nested too deep to read ({type(err).__name__}); page OCR'd"))
                dpi = _job_dpi(float(page.width), float(page.height), float(options.dpi or DEFAULT_DPI), number, options, warnings)
                jobs.append(PageJob(number=number, path=str(path), kind="pdf", dpi=dpi))
            page.close()  # drop pdfplumber's per-page caches: long PDFs stay small


def _read_page(pdf, page, number: int, path: Path, options: IngestOptions, warnings: list[Warning],
               ready: list[Page], jobs: list[PageJob]) -> None:
    try:
        text = page.extract_text() or ""
    except Exception as err:  # a broken content stream on one page  # noqa: BLE001
        warnings.append(Warning(code="text-layer-unreadable", message=f"{type(err).__name__}: {err}", stage="ingest", page=number))
        text = ""
    d = decide(page, text, options)
    if d.code:
        warnings.append(Warning(code=d.code, message=d.message, stage="ingest", page=number))
    widgets = page_widgets(page)
    if d.reuse:
        ready.append(text_layer_page(page, number, text, d.quality, options, widgets))
    else:
        dpi = _job_dpi(float(page.width), float(page.height), render_dpi(page, options), number, options, warnings)
        jobs.append(PageJob(number=number, path=str(path), kind="pdf", dpi=dpi, colour=colour.images_in_colour(page.images),
                            jpeg=embedded.find(pdf.doc, page, path, dpi), text_quality=d.quality,
                            signature_fields=tuple(signature_fields(widgets, dpi / 72)),
                            notes=tuple((tuple(v * dpi / 72 for v in box), text) for box, text in page_notes(page))))


def _poppler_pages(path: Path, options: IngestOptions, err: IngestError) -> tuple[list[Warning], list[Page], list[PageJob]]:
    """Every page as an OCR job rendered by poppler, when pdfminer failed with `err`; `err` is raised
    again when poppler cannot read the file either, or when OCR is ruled out."""
    if options.ocr == "never":
        raise err
    try:
        sizes = poppler.page_sizes(path)
    except CorruptFile:
        raise err from None
    warnings = [Warning(code="pdf-recovered", stage="ingest",
                        message=f"{err}; its {len(sizes)} page(s) were read by poppler and OCR'd (text layer not used)")]
    dpi = float(options.dpi or DEFAULT_DPI)
    jobs = [PageJob(number=number, path=str(path), kind="pdf", dpi=_job_dpi(w, h, dpi, number, options, warnings))
            for number, (w, h) in enumerate(sizes, start=1)]
    return warnings, [], jobs


def check_pdf_header(head: bytes) -> None:
    if b"%PDF-" not in head[:1024]:
        raise NotAPdf("not a PDF (no %PDF- header) and not a known image format")
