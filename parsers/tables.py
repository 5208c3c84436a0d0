"""Tables as row grids, whatever they came from.

Three sources share one shape (`Grid`: rows of cell strings plus the offset or
page each row came from): ingest's `Table` model with row/col spans, Markdown
pipe tables inside the text, and plain-text tables whose columns are runs of
two or more spaces or tabs. A cell spanning several rows is repeated in each
row it covers, which is what a merged cell means.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from vnresolve.schemas import Document, Table

_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_MD_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-*:?\s*)*\|?\s*$")


@dataclass
class GridRow:
    cells: list[str]
    offset: int | None = None  # in Document.text, for text tables
    page: int | None = None
    spanned: set[int] = field(default_factory=set)  # columns filled from a row-spanning cell above


@dataclass
class Grid:
    rows: list[GridRow]
    source: str  # "table" model source, "markdown" or "plain-text"
    page: int | None = None
    offset: int | None = None


def clean_cell(text: str) -> str:
    return re.sub(r"\s+", " ", _TAG.sub("", text)).strip().strip("*").strip()


def grid_from_table(table: Table) -> Grid:
    """Expand a Table's spanning cells into a full rows x cols grid."""
    rows = [GridRow([""] * table.cols, page=table.page) for _ in range(table.rows)]
    for cell in sorted(table.cells, key=lambda c: (c.row, c.col)):
        text = clean_cell(cell.text)
        for r in range(cell.row, min(cell.row + cell.row_span, table.rows)):
            row = rows[r]
            if cell.col < len(row.cells):
                row.cells[cell.col] = text
                if r > cell.row:
                    row.spanned.add(cell.col)
    return Grid(rows, table.source, page=table.page)


def _split_md(line: str) -> list[str]:
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|"):
        body = body[:-1]
    return [clean_cell(c) for c in body.split("|")]


def markdown_grids(text: str) -> list[Grid]:
    """Pipe tables: runs of lines starting with '|' (blank lines end a table)."""
    grids: list[Grid] = []
    current: list[GridRow] = []
    offset = 0
    for raw in text.splitlines(keepends=True):
        start, offset = offset, offset + len(raw)
        line = raw.strip()
        if line.startswith("|") and line.count("|") >= 3:
            if not _MD_SEPARATOR.match(line):
                current.append(GridRow(_split_md(line), offset=start))
            continue
        if current:
            grids.append(Grid(current, "markdown", offset=current[0].offset))
            current = []
    if current:
        grids.append(Grid(current, "markdown", offset=current[0].offset))
    return grids


_COLUMN_GAP = re.compile(r"\t+|\s{3,}")


def plain_text_grids(text: str, min_cols: int = 4, min_rows: int = 3) -> list[Grid]:
    """Space-aligned tables: consecutive lines that split into `min_cols`+ cells."""
    grids: list[Grid] = []
    current: list[GridRow] = []
    offset = 0
    for raw in text.splitlines(keepends=True):
        start, offset = offset, offset + len(raw)
        line = raw.rstrip("\n")
        if not line.lstrip().startswith("|"):
            cells = [clean_cell(c) for c in _COLUMN_GAP.split(line.strip())]
            if len(cells) >= min_cols:
                current.append(GridRow(cells, offset=start))
                continue
        if len(current) >= min_rows:
            grids.append(Grid(current, "plain-text", offset=current[0].offset))
        current = []
    if len(current) >= min_rows:
        grids.append(Grid(current, "plain-text", offset=current[0].offset))
    return grids


def all_grids(doc: Document) -> list[Grid]:
    """Layout tables first (they carry real spans), then tables found in the text."""
    grids = [grid_from_table(t) for page in doc.pages for t in page.tables]
    grids += markdown_grids(doc.text)
    grids += plain_text_grids(doc.text)
    return grids
