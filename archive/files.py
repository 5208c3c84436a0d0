"""The archive files of one converted document, as bytes: what the worker hands the batch's writer
beside the JSON, and what the Python API writes. One call per document; OCR never runs again."""

from __future__ import annotations

import os

from vnresolve.schemas import Document, Warning


def archive_files(doc: Document, source: str | os.PathLike[str], suffixes: tuple[str, ...],
                  pdfa: str | None = "2b") -> dict[str, bytes]:
    """{suffix: bytes} for each of '.pdf', '.alto.xml', '.hocr' in `suffixes`. Warnings (a PDF/A
    claim that could not be made, a text input that has no pages for a PDF) are added to
    `doc.warnings`; a writer's failure raises."""
    from vnresolve.archive.alto import alto_bytes
    from vnresolve.archive.hocr import hocr_bytes
    from vnresolve.archive.pdf import NotApplicable, pdf_bytes

    out: dict[str, bytes] = {}
    for suffix in suffixes:
        if suffix == ".pdf":
            try:
                data, warnings = pdf_bytes(doc, source, pdfa)
            except NotApplicable as why:
                doc.warnings.append(Warning(code="pdf-not-applicable", stage="archive", message=str(why)))
                continue
            doc.warnings.extend(warnings)
            out[suffix] = data
        elif suffix == ".alto.xml":
            out[suffix] = alto_bytes(doc)
        elif suffix == ".hocr":
            out[suffix] = hocr_bytes(doc)
        else:
            raise ValueError(f"unknown archive file {suffix!r}: .pdf, .alto.xml or .hocr")
    return out
