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
    from vnresolve.ingest.pages import PageStream
    from vnresolve.schemas import Document, Warning

# The backends (pdfplumber, OpenCV, pytesseract, pydantic: ~0.35 s) are imported by `ingest_file`,
# not here: the CLI's batch process only needs the options and suffixes, and every document waits
# for that process to start its worker.

PDF_SUFFIXES = frozenset({".pdf"})
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff"})
TEXT_SUFFIXES = frozenset({".txt"})
SUPPORTED_SUFFIXES = PDF_SUFFIXES | IMAGE_SUFFIXES | TEXT_SUFFIXES


def open_pages(path: Path, options: IngestOptions | None = None, name: str | None = None) -> PageStream:
    """Start reading one input file: the PageStream every backend returns, its OCR (if any)
    already under way. Iterate it for the pages as they come, then take `document()`; use it as a
    context manager so that OCR left running stops with it. Raises IngestError for a bad file.
    `name`: what the Document records as its source path (default: `path` as given)."""
    from vnresolve.ingest.image import open_image_pages
    from vnresolve.ingest.pdf import open_pdf_pages
    from vnresolve.ingest.sniff import sniff
    from vnresolve.ingest.text import open_text_pages

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
        mismatch = _mismatch(path, "a PDF", PDF_SUFFIXES)
        stream = open_pdf_pages(path, options)
    elif kind == "image":
        mismatch = _mismatch(path, "an image", IMAGE_SUFFIXES)
        stream = open_image_pages(path, options)
    elif suffix in TEXT_SUFFIXES:
        stream = open_text_pages(path)
        stream.name = name
        return stream
    elif suffix in PDF_SUFFIXES:
        raise NotAPdf("not a PDF (no %PDF- header) and not a known image format")
    else:
        raise UnreadableImage(f"not a readable image (content is {'text' if kind == 'text' else 'unrecognised bytes'}, not {suffix[1:].upper()})")
    stream.warnings[:0] = mismatch
    stream.name = name
    return stream


def ingest_file(path: Path, options: IngestOptions | None = None) -> Document:
    """Read one input file into a Document with pages and text, nothing parsed yet."""
    with open_pages(path, options) as stream:
        return stream.document()


def _mismatch(path: Path, what: str, suffixes: frozenset[str]) -> list[Warning]:
    from vnresolve.schemas import Warning

    if path.suffix.lower() in suffixes:
        return []
    return [Warning(code="content-type-mismatch", stage="ingest", message=f"file named {path.suffix} is {what}; read as {what}")]


__all__ = ["IngestError", "IngestOptions", "SUPPORTED_SUFFIXES", "ingest_file", "open_pages"]
