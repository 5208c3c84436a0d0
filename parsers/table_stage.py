"""Stage: indicator tables become indicators, linked to the running-text ones."""

from __future__ import annotations

from vnresolve.parsers.linking import link
from vnresolve.parsers.table_indicators import table_indicators
from vnresolve.schemas import Document


def parse_tables(doc: Document) -> Document:
    text_inds = [i for i in doc.indicators if i.source == "text"]
    rows = table_indicators(doc)
    link(text_inds, rows)
    doc.indicators = text_inds + rows
    return doc
