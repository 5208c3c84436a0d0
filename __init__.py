"""vnresolve: scanned Vietnamese government documents to validated, structured JSON.

    import vnresolve
    result = vnresolve.convert("scan.pdf")                        # ConversionResult
    print(result.status, result.document.metadata.number)
    print(vnresolve.restore("Nghi quyet Dai hoi Dang bo tinh").text)
    doc = vnresolve.parse(open("report.txt", encoding="utf-8").read())
    json_text = vnresolve.dump_document(doc)                      # compact record; record="full" for all
    doc = vnresolve.load_document(json_text)                      # either form, schema 1.1 to 1.5

Names load on first use, so `import vnresolve` (and every CLI call) stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

__version__ = "0.4.0.dev23"

_EXPORTS = {
    "convert": "vnresolve.pipeline.api",
    "restore": "vnresolve.pipeline.api",
    "restore_text": "vnresolve.pipeline.api",
    "parse": "vnresolve.pipeline.api",
    "parse_file": "vnresolve.pipeline.api",
    "write_pdf": "vnresolve.pipeline.api",
    "write_alto": "vnresolve.pipeline.api",
    "write_hocr": "vnresolve.pipeline.api",
    "PipelineOptions": "vnresolve.pipeline.options",
    "IngestOptions": "vnresolve.ingest.options",
    "ConversionResult": "vnresolve.pipeline.result",
    "ConversionStatus": "vnresolve.pipeline.result",
    "ErrorItem": "vnresolve.pipeline.result",
    "StageError": "vnresolve.pipeline.process",
    "Document": "vnresolve.schemas",
    "dump_document": "vnresolve.schemas",
    "load_document": "vnresolve.schemas",
}

__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:
    from vnresolve.ingest.options import IngestOptions
    from vnresolve.pipeline.api import (convert, parse, parse_file, restore, restore_text, write_alto, write_hocr,
                                        write_pdf)
    from vnresolve.pipeline.options import PipelineOptions
    from vnresolve.pipeline.process import StageError
    from vnresolve.pipeline.result import ConversionResult, ConversionStatus, ErrorItem
    from vnresolve.schemas import Document, dump_document, load_document


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'vnresolve' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
