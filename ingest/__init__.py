"""Ingest: a file on disk becomes a Document skeleton (source, pages, text, warnings).

One backend per input kind (text, PDF, image). `ingest_file` trusts the
file's bytes over its suffix: a PNG named .pdf is read as an image, random
bytes named .pdf are rejected with a reason. Nothing here knows about
restoration or parsing.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from vnresolve.ingest.errors import EmptyFile, IngestError, NotAPdf, UnreadableImage, UnsupportedFile
from vnresolve.ingest.options import IngestOptions

if TYPE_CHECKING:
    from vnresolve.ingest.ocr import OcrWatcher
    from vnresolve.schemas import Document, Warning

# The backends (pdfplumber, OpenCV, pytesseract, pydantic: ~0.35 s) are imported by `ingest_file`,
# not here: the CLI's batch process only needs the options and suffixes, and every document waits
# for that process to start its worker.

PDF_SUFFIXES = frozenset({".pdf"})
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff"})
TEXT_SUFFIXES = frozenset({".txt"})
SUPPORTED_SUFFIXES = PDF_SUFFIXES | IMAGE_SUFFIXES | TEXT_SUFFIXES


def ingest_file(path: Path, options: IngestOptions | None = None, watcher: OcrWatcher | None = None) -> Document:
    """Read one input file into a Document with pages and text, nothing parsed yet.

    `watcher` hears of the page workers and of each OCR'd page, for work to overlap with the OCR
    (ingest.ocr.OcrWatcher). The pages it sees may still change (running headers are tagged once
    every page is in): the Document returned is what counts."""
    from vnresolve.ingest.image import load_image_pages
    from vnresolve.ingest.pages import build_document
    from vnresolve.ingest.pdf import load_pdf_pages
    from vnresolve.ingest.sniff import sniff
    from vnresolve.ingest.text import load_text_pages

    options = options or IngestOptions()
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnsupportedFile(f"unsupported file type {suffix or '(no suffix)'}; accepted: {', '.join(sorted(SUPPORTED_SUFFIXES))}")
    if not path.is_file():
        raise UnsupportedFile("not a regular file")
    if path.stat().st_size == 0:
        raise EmptyFile("file is empty")
    kind, _ = sniff(path)
    if kind == "pdf":  # content wins over the suffix: a PDF saved as .png is still a PDF
        pages, warnings, source_kind = load_pdf_pages(path, options, watcher)
        return build_document(path, source_kind, pages, _mismatch(path, "a PDF", PDF_SUFFIXES) + warnings)
    if kind == "image":
        pages, warnings = load_image_pages(path, options, watcher)
        return build_document(path, "image", pages, _mismatch(path, "an image", IMAGE_SUFFIXES) + warnings)
    if suffix in TEXT_SUFFIXES:
        pages, warnings, encoding = load_text_pages(path)
        return build_document(path, "text", pages, warnings, encoding=encoding)
    if suffix in PDF_SUFFIXES:
        raise NotAPdf("not a PDF (no %PDF- header) and not a known image format")
    raise UnreadableImage(f"not a readable image (content is {'text' if kind == 'text' else 'unrecognised bytes'}, not {suffix[1:].upper()})")


def _mismatch(path: Path, what: str, suffixes: frozenset[str]) -> list[Warning]:
    from vnresolve.schemas import Warning

    if path.suffix.lower() in suffixes:
        return []
    return [Warning(code="content-type-mismatch", stage="ingest", message=f"file named {path.suffix} is {what}; read as {what}")]


__all__ = ["IngestError", "IngestOptions", "SUPPORTED_SUFFIXES", "ingest_file"]
