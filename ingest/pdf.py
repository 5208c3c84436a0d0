"""Backend for PDFs: reuse a good text layer page by page, OCR the rest."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError

from ingest.errors import CorruptFile, EmptyFile, EncryptedFile, UnsupportedFile
from ingest.ocr import ocr_page_images
from ingest.options import IngestOptions
from ingest.poppler import rasterize_page
from ingest.quality import GOOD_TEXT_LAYER, text_quality
from schemas import Line, Page, Warning, Word

DEFAULT_DPI = 300


def _open(path: Path):
    data_head = path.open("rb").read(1024)
    if not data_head:
        raise EmptyFile("file is empty")
    if b"%PDF-" not in data_head:
        raise UnsupportedFile("not a PDF (no %PDF- header)")
    try:
        pdf = pdfplumber.open(path)
        _ = pdf.pages  # forces the xref/page tree to be read
        return pdf
    except PDFPasswordIncorrect as err:
        raise EncryptedFile("PDF is encrypted with a password") from err
    except (PDFSyntaxError, Exception) as err:  # pdfminer raises many kinds on broken files
        if "password" in str(err).lower() or type(err).__name__.startswith("PDFEncrypt"):
            raise EncryptedFile(f"PDF is encrypted: {err}") from err
        raise CorruptFile(f"unreadable PDF: {type(err).__name__}: {err}".strip()) from err


def _text_layer_lines(page) -> list[Line]:
    words = page.extract_words(keep_blank_chars=False, use_text_flow=True)
    rows: dict[int, list[Word]] = {}
    for w in words:
        key = round(float(w["top"]) / 3)
        rows.setdefault(key, []).append(Word(text=w["text"], bbox=(float(w["x0"]), float(w["top"]), float(w["x1"]), float(w["bottom"]))))
    lines = []
    for key in sorted(rows):
        ws = sorted(rows[key], key=lambda w: w.bbox[0])
        lines.append(
            Line(
                text=" ".join(w.text for w in ws),
                bbox=(ws[0].bbox[0], min(w.bbox[1] for w in ws), ws[-1].bbox[2], max(w.bbox[3] for w in ws)),
                words=ws,
            )
        )
    return lines


def _native_dpi(page) -> int | None:
    """Resolution of the largest embedded image, so a 200 dpi scan is not upsampled."""
    best = None
    for im in page.images:
        width_in = (float(im["x1"]) - float(im["x0"])) / 72
        if width_in <= 0 or not im.get("srcsize"):
            continue
        dpi = im["srcsize"][0] / width_in
        if best is None or dpi > best:
            best = dpi
    return int(round(best)) if best else None


def load_pdf_pages(path: Path, options: IngestOptions) -> tuple[list[Page], list[Warning], str]:
    warnings: list[Warning] = []
    text_pages: dict[int, Page] = {}
    to_ocr: list[tuple[int, int]] = []
    with _open(path) as pdf:
        if not pdf.pages:
            raise EmptyFile("PDF has no pages")
        for number, page in enumerate(pdf.pages, start=1):
            try:
                text = page.extract_text() or ""
            except Exception as err:  # a broken content stream on one page
                warnings.append(Warning(code="text-layer-unreadable", message=str(err), stage="ingest", page=number))
                text = ""
            quality = text_quality(text) if text.strip() else None
            reuse = options.ocr == "never" or (options.ocr == "auto" and quality is not None and quality >= GOOD_TEXT_LAYER)
            if reuse:
                text_pages[number] = Page(
                    number=number, text=text, source="text-layer", text_quality=quality,
                    width=float(page.width), height=float(page.height), dpi=72, lines=_text_layer_lines(page),
                )
            else:
                if quality is not None:
                    warnings.append(Warning(
                        code="text-layer-rejected", stage="ingest", page=number,
                        message=f"text layer scored {quality:.2f} < {GOOD_TEXT_LAYER} as Vietnamese; page re-OCR'd",
                    ))
                to_ocr.append((number, options.dpi or _native_dpi(page) or DEFAULT_DPI))
    images = ((n, rasterize_page(path, n, dpi), float(dpi)) for n, dpi in to_ocr)
    ocr_pages = {p.number: p for p in ocr_page_images(images, options)}
    for n, q in ((n, None) for n, _ in to_ocr):
        ocr_pages[n].text_quality = q
    pages = [text_pages.get(n) or ocr_pages[n] for n in range(1, len(text_pages) + len(ocr_pages) + 1)]
    kind = "pdf-text" if not ocr_pages else "pdf-scanned" if not text_pages else "pdf-mixed"
    return pages, warnings, kind
