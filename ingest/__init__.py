"""Ingest: a file on disk becomes a Document skeleton (source, pages, text, warnings).

One backend per input kind (text, PDF, image); `ingest_file` picks it by
suffix and content. Nothing here knows about restoration or parsing.
"""

from __future__ import annotations

from pathlib import Path

from ingest.errors import IngestError, UnsupportedFile
from ingest.image import load_image_pages
from ingest.options import IngestOptions
from ingest.pages import build_document
from ingest.pdf import load_pdf_pages
from ingest.text import load_text_pages
from schemas import Document

PDF_SUFFIXES = frozenset({".pdf"})
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff"})
TEXT_SUFFIXES = frozenset({".txt"})
SUPPORTED_SUFFIXES = PDF_SUFFIXES | IMAGE_SUFFIXES | TEXT_SUFFIXES


def ingest_file(path: Path, options: IngestOptions | None = None) -> Document:
    """Read one input file into a Document with pages and text, nothing parsed yet."""
    options = options or IngestOptions()
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        pages, warnings, encoding = load_text_pages(path)
        return build_document(path, "text", pages, warnings, encoding=encoding)
    if suffix in PDF_SUFFIXES:
        pages, warnings, kind = load_pdf_pages(path, options)
        return build_document(path, kind, pages, warnings)
    if suffix in IMAGE_SUFFIXES:
        pages, warnings = load_image_pages(path, options)
        return build_document(path, "image", pages, warnings)
    raise UnsupportedFile(f"unsupported file type {suffix or '(no suffix)'}; accepted: {', '.join(sorted(SUPPORTED_SUFFIXES))}")


__all__ = ["IngestError", "IngestOptions", "SUPPORTED_SUFFIXES", "ingest_file"]
