"""The operators of a PDF content stream, read with pdfminer, and the names in them: the one parser
loop of the modules that look at what a page draws (embedded.py, scanlayer.py)."""

from __future__ import annotations

from collections.abc import Iterator


def operators(streams: list) -> Iterator[tuple[str, list]]:
    """(operator name, its operands) of each operator in `streams` (resolved content streams), in
    order, to their end. A damaged stream raises what pdfminer raises: the caller knows what a
    page it cannot read means for it."""
    from pdfminer.pdfinterp import PDFContentParser
    from pdfminer.psparser import PSEOF, PSKeyword

    parser = PDFContentParser(streams)
    operands: list = []
    while True:
        try:
            _, obj = parser.nextobject()
        except PSEOF:
            return
        if not isinstance(obj, PSKeyword):
            operands.append(obj)
            continue
        yield obj.name.decode("latin-1") if isinstance(obj.name, bytes) else obj.name, operands
        operands = []


def literal_name(obj) -> str | None:
    """The name of a PDF name object (`/Image` -> 'Image'), a str as it is, else None."""
    from pdfminer.psparser import PSLiteral

    return obj.name if isinstance(obj, PSLiteral) else obj if isinstance(obj, str) else None
