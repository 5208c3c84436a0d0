"""Lines and tables from a PDF page's own text layer (pdfplumber), in PDF points, origin top-left.

Words are grouped into visual lines by their vertical centre; a wide gap on
one line (the two-column header block, a signature beside the recipients)
splits it into separate lines, as OCR would; the official two-column zones are then put in
reading order by columns.reading_order, as on OCR'd pages.
"""

from __future__ import annotations

from vnresolve.ingest.layout import make_line
from vnresolve.schemas import Cell, Line, Table, Word

COLUMN_GAP = 36.0  # points (half an inch): wider than any justified word space at 13-14 pt


def _inside(word, boxes) -> bool:
    cx, cy = (float(word["x0"]) + float(word["x1"])) / 2, (float(word["top"]) + float(word["bottom"])) / 2
    return any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes)


def page_lines(page, exclude: list[tuple[float, float, float, float]] = (),
               extra: list[tuple[str, tuple[float, float, float, float]]] = ()) -> list[Line]:
    """`extra`: words drawn outside the page's content that belong to its text (a serial typed into a
    signature field at signing), each (text, (x0, top, x1, bottom))."""
    words = [w for w in page.extract_words(keep_blank_chars=False, x_tolerance=1.5, y_tolerance=3) if not _inside(w, exclude)]
    words += [{"text": text, "x0": box[0], "top": box[1], "x1": box[2], "bottom": box[3]} for text, box in extra]
    words.sort(key=lambda w: ((float(w["top"]) + float(w["bottom"])) / 2, float(w["x0"])))
    rows: list[list[dict]] = []
    for w in words:
        cy = (float(w["top"]) + float(w["bottom"])) / 2
        h = float(w["bottom"]) - float(w["top"])
        if rows:
            last = rows[-1]
            ly = sum((float(x["top"]) + float(x["bottom"])) / 2 for x in last) / len(last)
            if abs(cy - ly) <= max(2.0, 0.4 * h):
                last.append(w)
                continue
        rows.append([w])
    lines: list[Line] = []
    block, prev_bottom = 0, None
    for row in rows:
        top = min(float(w["top"]) for w in row)
        height = max(float(w["bottom"]) - float(w["top"]) for w in row)
        if prev_bottom is not None and top - prev_bottom > 0.8 * height:
            block += 1  # vertical white space: a new paragraph or block
        prev_bottom = max(float(w["bottom"]) for w in row)
        row.sort(key=lambda w: float(w["x0"]))
        parts: list[list[dict]] = [[row[0]]]
        for w in row[1:]:
            if float(w["x0"]) - float(parts[-1][-1]["x1"]) > COLUMN_GAP:
                parts.append([w])
            else:
                parts[-1].append(w)
        for part in parts:
            ws = [Word(text=w["text"], bbox=(round(float(w["x0"]), 2), round(float(w["top"]), 2), round(float(w["x1"]), 2), round(float(w["bottom"]), 2))) for w in part]
            lines.append(make_line(ws, block=block))
    return lines


def _snap(values: list[float], tol: float = 2.0) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


def _index(bounds: list[float], v: float) -> int:
    return min(range(len(bounds)), key=lambda i: abs(bounds[i] - v))


def page_tables(page, number: int) -> tuple[list[Table], list[tuple[float, float, float, float]]]:
    """Ruled tables via pdfplumber's table finder, with spans rebuilt from cell boxes."""
    tables, boxes = [], []
    try:
        found = page.find_tables()
    except Exception:  # noqa: BLE001 - a table finder crash must not lose the page's text
        return [], []
    for t in found:
        bboxes = [c for c in t.cells if c]
        if len(bboxes) < 4:
            continue
        xs = _snap([c[0] for c in bboxes] + [c[2] for c in bboxes])
        ys = _snap([c[1] for c in bboxes] + [c[3] for c in bboxes])
        if len(xs) < 3 or len(ys) < 3:
            continue
        cells = []
        for x0, top, x1, bottom in sorted(bboxes, key=lambda c: (round(c[1]), round(c[0]))):
            r0, r1 = _index(ys, top), _index(ys, bottom)
            c0, c1 = _index(xs, x0), _index(xs, x1)
            text = page.within_bbox((x0, top, x1, bottom), strict=False).extract_text() or ""
            cells.append(Cell(row=r0, col=c0, row_span=max(1, r1 - r0), col_span=max(1, c1 - c0),
                              text=" ".join(text.split()), bbox=tuple(round(float(v), 2) for v in (x0, top, x1, bottom))))
        cells.sort(key=lambda c: (c.row, c.col))
        bbox = tuple(round(float(v), 2) for v in t.bbox)
        tables.append(Table(page=number, bbox=bbox, rows=len(ys) - 1, cols=len(xs) - 1, cells=cells, source="text-layer"))
        boxes.append(bbox)
    return tables, boxes
