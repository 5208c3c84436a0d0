"""Pairing table rows with the running-text indicators they restate.

A resolution states each target twice: in the numbered items and in the
appendix table. Pairs share the item number; within a number the names are
matched by folded token overlap, helped by an equal target value, one to one.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from vnresolve.parsers.text import fold
from vnresolve.schemas import Indicator

MIN_SCORE = 55.0


def _score(text: Indicator, row: Indicator) -> float:
    score = fuzz.token_set_ratio(fold(text.name), fold(row.name)) * 0.7 + fuzz.partial_ratio(fold(text.name), fold(row.name)) * 0.3
    if text.target and row.target:
        a = (text.target.value, text.target.low, text.target.high)
        b = (row.target.value, row.target.low, row.target.high)
        if a == b and any(v is not None for v in a):
            score += 30
    return score


def _digits(value: float | None) -> str:
    return re.sub(r"\D", "", f"{value:g}") if value is not None else ""


def _repair_value(row: Indicator, text: Indicator) -> None:
    """A scanned cell that lost its decimal comma ('999' for '99,9') takes the text's value.

    Only when the digit sequences are identical, so a real disagreement between
    the two statements of a target is left as printed.
    """
    if not (row.target and text.target) or row.target.value is None or text.target.value is None:
        return
    if row.target.value != text.target.value and _digits(row.target.value) == _digits(text.target.value):
        row.target.value = text.target.value


def link(text_inds: list[Indicator], table_inds: list[Indicator]) -> int:
    """Set `linked` both ways and give text indicators the table's agencies; returns pairs made."""
    by_number: dict[str, list[Indicator]] = {}
    for row in table_inds:
        if row.number:
            by_number.setdefault(row.number, []).append(row)
    made = 0
    for number, rows in by_number.items():
        texts = [t for t in text_inds if t.number == number]
        pairs = sorted(((_score(t, r), ti, ri) for ti, t in enumerate(texts) for ri, r in enumerate(rows)),
                       key=lambda p: (-p[0], p[1], p[2]))
        used_t: set[int] = set()
        used_r: set[int] = set()
        for score, ti, ri in pairs:
            if score < MIN_SCORE or ti in used_t or ri in used_r:
                continue
            used_t.add(ti)
            used_r.add(ri)
            t, r = texts[ti], rows[ri]
            t.linked, r.linked = r.id, t.id
            _repair_value(r, t)
            t.lead_agencies = t.lead_agencies or list(r.lead_agencies)
            t.cooperating_agencies = t.cooperating_agencies or list(r.cooperating_agencies)
            t.directing_bodies = t.directing_bodies or list(r.directing_bodies)
            made += 1
    return made
