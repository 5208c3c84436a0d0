"""Indicator tables (TT / chỉ tiêu / đơn vị / kế hoạch / chỉ đạo / chủ trì / phối hợp) as indicators.

Columns are recognised from header words, not positions, because tables vary
in column count and order. Rows are realigned when a cell is shifted by one
column (a typist's missing or extra '|'), and blank agency cells take the
value of the row above within the same numbered group: in the printed table
they are one merged cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vnresolve.parsers.gazetteer import split_agencies
from vnresolve.parsers.numbers import parse_cell_value
from vnresolve.parsers.tables import Grid, GridRow, all_grids
from vnresolve.parsers.text import fold
from vnresolve.parsers.units import match_unit
from vnresolve.schemas import Document, Indicator, Target

ROLES = ("directing", "lead", "cooperating")
_HEADER_WORDS = [
    ("directing", r"chi\s+dao"),
    ("lead", r"chu\s+tri|thuc\s+hien"),
    ("cooperating", r"phoi\s+hop"),
    ("number", r"^(?:s?tt|so\s+tt|stt)$"),
    ("target", r"ke\s+hoach|muc\s+tieu|chi\s+tieu\s+nam|nam\s+20\d\d|gia\s+tri"),
    ("name", r"chi\s+tieu|noi\s+dung|\bten\b"),
    ("unit", r"don\s+vi(?:\s+tinh)?$|^dvt$"),
]
_TT = re.compile(r"^(?:\d{1,3}|[IVX]{1,4}|[a-z])\.?$")
_NUMERIC = re.compile(r"^[\d.,\s%–-]+$")


@dataclass
class Columns:
    index: dict[str, int]
    width: int


def _columns(row: GridRow) -> Columns | None:
    index: dict[str, int] = {}
    for i, cell in enumerate(row.cells):
        folded = re.sub(r"[^a-z0-9]+", " ", fold(cell)).strip()  # 'Kế : hoạch năm' as OCR read it
        for role, pattern in _HEADER_WORDS:
            if role not in index and re.search(pattern, folded):
                index[role] = i
                break
    if "number" not in index and index.get("name", 0) > 0 and len(row.cells[index["name"] - 1].strip()) <= 4:
        index["number"] = index["name"] - 1  # 'TT' misread ('TỪ', 'T T'): the short header left of the names
    if "name" in index and ("target" in index or "unit" in index):
        width = max(index.values()) + 1
        return Columns(index, width)
    return None


def _is_column_number_row(cells: list[str]) -> bool:
    filled = [c for c in cells if c]
    return bool(filled) and all(re.fullmatch(r"\(?\d{1,2}\)?", c) for c in filled)


def _looks_unit(cell: str) -> bool:
    return bool(cell) and (cell.strip() == "%" or (len(cell) <= 25 and not _NUMERIC.match(cell)
                                                    and match_unit(fold(cell), 0) is not None))


def _looks_value(cell: str) -> bool:
    return bool(cell) and bool(_NUMERIC.match(cell)) and any(ch.isdigit() for ch in cell)


def _realign(cells: list[str], cols: Columns) -> list[str]:
    """Undo a one-column shift: a row whose TT cell is missing or doubled."""
    cells = list(cells)
    ix = cols.index
    if "number" in ix and "name" in ix and ix["name"] == ix["number"] + 1:
        first = cells[ix["number"]] if ix["number"] < len(cells) else ""
        if first and not _TT.match(first) and len(cells) > ix["name"] + 1:
            nxt = cells[ix["name"]]
            at_unit = cells[ix["unit"]] if "unit" in ix and ix["unit"] < len(cells) else ""
            if _looks_unit(nxt) or _looks_value(nxt) or _looks_value(at_unit) or not nxt:
                cells.insert(ix["number"], "")
    width = cols.width
    extra = [c for c in cells[width:] if c]
    roles = [ix[r] for r in ROLES if r in ix]
    if extra and roles and all(not cells[i] for i in roles if i < len(cells)):
        # agencies pushed past the last column: the first of them is the lead
        for role, text in zip(("lead", "cooperating"), extra):
            if role in ix:
                cells[ix[role]] = text
    return cells[: max(width, 1)] + [""] * max(0, width - len(cells))


def _cell(cells: list[str], cols: Columns, role: str) -> str:
    i = cols.index.get(role)
    text = cells[i] if i is not None and i < len(cells) else ""
    return "" if role in ROLES and _is_debris(text) else text


def _is_debris(text: str) -> bool:
    """OCR specks in an empty cell ('-', '_.', '@)'): at most two letters or digits."""
    return len(re.sub(r"[\W_]", "", text)) <= 2 and not re.fullmatch(r"\s*\d{1,2}\s*%?\s*|\s*%\s*|[A-Za-zĐđ]{1,2}", text.strip())


def _clean_unit(text: str) -> str:
    """'% &', '"%', '%.' are a percent sign with scan noise around it."""
    if "%" in text and len(re.sub(r"[\W_]", "", text)) <= 1:
        return "%"
    return re.sub(r"^[^\w%]+|[^\w%)]+$", "", text)


def _clean_name(text: str) -> str:
    """Scan noise at the ends of a name cell ('` Khu vực …', 'Tỷ lệ … :')."""
    text = re.sub(r"^[\s`'‘’ˆ~_.:;,|\-–—•]+", "", text)
    return re.sub(r"[\s`'‘’ˆ~_.:;,|\-–—•]+$", "", text)


def _sequential(number: str, previous: str | None) -> str:
    """TT numbers run 1, 2, 3…: an OCR'd '155.' after 14 is 15."""
    if previous and previous.isdigit() and number.isdigit():
        expected = str(int(previous) + 1)
        if number != expected and number.startswith(expected) and len(number) <= len(expected) + 1:
            return expected
    return number


def _agency_names(text: str) -> list[str]:
    names: list[str] = []
    for found in split_agencies(text):
        if found.name not in names:
            names.append(found.name)
    return names


@dataclass
class _Group:
    """The numbered group a row belongs to; a table split across pages continues it."""

    number: str | None = None
    title: str | None = None
    inherited: dict[str, str] | None = None
    year: int | None = None


_YEAR = re.compile(r"n[a-z0-9]m\s+((?:19|20)\d\d)")


def _table_year(doc: Document, grid: Grid) -> int | None:
    if grid.offset is not None:
        if m := list(_YEAR.finditer(fold(doc.text[max(0, grid.offset - 400) : grid.offset]))):
            return int(m[-1].group(1))
    if m := _YEAR.search(fold(doc.metadata.title or "")):
        return int(m.group(1))
    return None


def grid_indicators(doc: Document, grid: Grid, start_id: int, group: _Group | None = None) -> list[Indicator]:
    cols: Columns | None = None
    out: list[Indicator] = []
    group = group or _Group()
    group_number, group_title, inherited = group.number, group.title, group.inherited or {}
    year = _table_year(doc, grid) or group.year
    group.year = year
    for row in grid.rows:
        header = _columns(row)
        if header:
            cols = header
            continue
        if cols is None or _is_column_number_row(row.cells):
            continue
        cells = _realign(row.cells, cols)
        number = _cell(cells, cols, "number").strip(" .,:;-_")
        name = _clean_name(_cell(cells, cols, "name"))
        if len(re.sub(r"[\W\d_]", "", name)) < 2:
            continue  # a column-number row '(1) (2) …' as OCR read it, or an empty line
        unit = _clean_unit(_cell(cells, cols, "unit"))
        value_text = _cell(cells, cols, "target")
        number_spanned = cols.index.get("number") in row.spanned
        if number and _TT.match(number) and not number_spanned:
            number = _sequential(number, group_number)
            group_number, group_title, inherited = number, name, {}
        agencies = {}
        for role in ROLES:
            text = _cell(cells, cols, role)
            if text:
                inherited[role] = text
            agencies[role] = text or inherited.get(role, "")
        if not name or (not unit and not value_text and (not number or number_spanned)):
            continue  # a sub-heading row ('Cơ cấu kinh tế') or an empty line
        value, low, high = parse_cell_value(value_text)
        target = None
        if value is not None or low is not None:
            target = Target(value=value, low=low, high=high, comparator="range" if high is not None else "eq",
                            text=value_text)
        offset = row.offset if row.offset is not None else grid.offset
        page = doc.page_at(offset) if offset is not None else (row.page or grid.page)
        out.append(Indicator(
            id=f"t{start_id + len(out)}", number=group_number, name=name, unit=unit or None, target=target,
            group=group_title if group_title != name else None,
            lead_agencies=_agency_names(agencies["lead"]),
            cooperating_agencies=_agency_names(agencies["cooperating"]),
            directing_bodies=_agency_names(agencies["directing"]),
            source="table", page=page, raw=" | ".join(row.cells), year=year,
        ))
    group.number, group.title, group.inherited = group_number, group_title, inherited
    return out


def table_indicators(doc: Document) -> list[Indicator]:
    out: list[Indicator] = []
    group = _Group()
    for grid in all_grids(doc):
        out.extend(grid_indicators(doc, grid, len(out) + 1, group))
    return _drop_group_labels(out)


def _drop_group_labels(rows: list[Indicator]) -> list[Indicator]:
    """A numbered row with neither unit nor value, followed by rows of its group, only titles them.

    ('17 | Cấp ủy, tổ chức đảng, cán bộ … tham gia học tập' above its 100 % / 96 % / 80 %
    rows.) Standing alone, such a row is a qualitative indicator and stays.
    """
    kept = []
    for i, row in enumerate(rows):
        nxt = rows[i + 1] if i + 1 < len(rows) else None
        label = row.target is None and row.unit is None and nxt is not None and nxt.number == row.number \
            and nxt.group == row.name
        if not label:
            kept.append(row)
    for i, row in enumerate(kept):
        row.id = f"t{i + 1}"
    return kept
