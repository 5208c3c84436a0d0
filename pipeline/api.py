"""The Python API: what `import vnresolve` offers and what the CLI itself calls.

    import vnresolve
    result = vnresolve.convert("scan.pdf")              # ConversionResult: status, errors, document
    text = vnresolve.restore("Nghi quyet Dai hoi").text  # RestoreResult: text and per-word changes
    doc = vnresolve.parse(text)                          # Document from text, no OCR
    vnresolve.write_pdf(result, "scan.pdf", "scan.searchable.pdf")  # PDF/A with the restored text
    vnresolve.dump_document(doc, record="full")          # its JSON; compact by default (options.record)
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from vnresolve.pipeline.options import PipelineOptions
from vnresolve.pipeline.result import ConversionResult

if TYPE_CHECKING:
    from vnresolve.diacritics import RestoreResult
    from vnresolve.pipeline.result import ErrorItem
    from vnresolve.schemas import Document


def convert(path: str | os.PathLike[str], options: PipelineOptions | None = None) -> ConversionResult:
    """Convert one file (PDF, image or text) in this process. Never raises for a bad document: the
    result's `status` is SUCCESS, PARTIAL_SUCCESS (a parser failed; see `errors`) or FAILURE, and
    `document` holds the validated Document unless it failed. For folders, resume and parallel
    workers, use `vnresolve ingest` (pipeline.batch.run_batch)."""
    from vnresolve.pipeline.task import convert_document

    return convert_document(os.fspath(path), options or PipelineOptions(), keep_document=True)


def restore(text: str, restorer: str = "default") -> RestoreResult:
    """Restore Vietnamese diacritics in OCR or accent-stripped text. `restorer`: default, adaptive
    or passthrough (diacritics.restorer); the model loads once per process."""
    return _restorer(restorer).restore(text)


def restore_text(text: str, restorer: str = "default") -> str:
    """`restore(text, restorer).text`, without making the per-word records (confidences,
    alternatives): faster, and far less memory on long input."""
    return _restorer(restorer).restore_text(text)


def _restorer(name: str):
    """The restorer called `name`, loaded once per process; ValueError naming the known ones."""
    from vnresolve.diacritics import load_restorer
    from vnresolve.diacritics.restorer import check_restorer

    check_restorer(name)
    return load_restorer(name)


def parse(text: str, options: PipelineOptions | None = None, name: str = "<text>",
          errors: list[ErrorItem] | None = None) -> Document:
    """A Document from text (no OCR): restored first unless `options.restore` is off, then parsed
    and validated. Raises pipeline.process.StageError when no document can be made; a parser that
    fails leaves its part empty and adds an item to `errors` when a list is given."""
    from vnresolve.pipeline.process import process_text

    return process_text(text, name, options or PipelineOptions(), errors)


def parse_file(path: str | os.PathLike[str], options: PipelineOptions | None = None,
               errors: list[ErrorItem] | None = None, name: str | None = None) -> Document:
    """As `parse`, for a file of any supported kind (OCR'd when it needs it). Raises StageError.
    `name`: what the Document records as its source path (default: `path` as given)."""
    from vnresolve.pipeline.process import process_file

    return process_file(Path(path), options or PipelineOptions(), errors, name)


def write_pdf(document: Document | ConversionResult, source: str | os.PathLike[str], out: str | os.PathLike[str],
              pdfa: str | None = "2b") -> list:
    """Write the searchable PDF of a converted document to `out`: `source`'s pages as they are, the
    restored words as an invisible text layer, the catalogue record as metadata; PDF/A-`pdfa` (1b,
    2b, 3b; None: plain PDF) when the written file passes archive.pdfa's checks. Returns warnings
    (schemas.Warning). `convert(path, PipelineOptions(pdf=True))` makes the same bytes in
    `result.archive_data['.pdf']` without a second call."""
    from vnresolve.archive.pdf import write_pdf as write

    return write(_document_of(document), source, out, pdfa)


def write_alto(document: Document | ConversionResult, out: str | os.PathLike[str]) -> None:
    """Write the ALTO XML v4 of a converted document to `out`."""
    from vnresolve.archive.alto import alto_bytes

    Path(out).write_bytes(alto_bytes(_document_of(document)))


def write_hocr(document: Document | ConversionResult, out: str | os.PathLike[str]) -> None:
    """Write the hOCR of a converted document to `out`."""
    from vnresolve.archive.hocr import hocr_bytes

    Path(out).write_bytes(hocr_bytes(_document_of(document)))


def _document_of(document: Document | ConversionResult) -> Document:
    if isinstance(document, ConversionResult):
        if document.document is None:
            raise ValueError(f"{document.input}: no document to write ({document.status.value}: {document.reason})")
        return document.document
    return document
