"""Parsers on the seed documents (skipped without ../shared)."""

from __future__ import annotations

import pytest

from vnresolve import parsers
from benchmarks.bench_parsers import load
from fixtures.paths import needs_shared, seed

pytestmark = [needs_shared, pytest.mark.shared]


def _parse(prefix: str):
    return parsers.parse(load(seed(prefix)))


def _items(doc) -> list[str]:
    return sorted({i.number for i in doc.indicators if i.source == "text"}, key=int)


@pytest.mark.parametrize("prefix,count", [("002", 18), ("003", 23)])
def test_every_numbered_indicator_of_mangled_ocr(prefix, count):
    doc = _parse(prefix)
    assert _items(doc) == [str(n) for n in range(1, count + 1)]
    with_values = {i.number for i in doc.indicators if i.target is not None}
    assert len(with_values) >= count * 0.6  # the rest are qualitative ('Giữ vững …')


def test_002_groups_come_from_field_headings():
    doc = _parse("002")
    groups = [i.group for i in doc.indicators if i.source == "text"]
    assert len(set(groups)) == 5 and None not in groups


def test_004_header_metadata():
    meta = _parse("004").metadata
    assert (meta.doc_type, meta.number, meta.date) == ("review_report", "103-BC/DU", "2025-08-06")
    assert meta.parent_issuer is not None and meta.issuer is not None


def test_001_items_table_rows_and_links():
    doc = _parse("001")
    assert _items(doc) == [str(n) for n in range(1, 23)]
    rows = [i for i in doc.indicators if i.source == "table"]
    assert len(rows) >= 100
    assert sum(1 for r in rows if r.lead_agencies) >= 0.95 * len(rows)
    by_id = {i.id: i for i in doc.indicators}
    linked = [r for r in rows if r.linked]
    assert len(linked) >= 0.8 * len(rows)
    assert all(by_id[r.linked].linked == r.id and by_id[r.linked].number == r.number for r in linked)
    text = {(i.number, i.target.comparator, i.target.value) for i in doc.indicators if i.source == "text" and i.target}
    assert ("2", "gt", 2310) in text and ("8", "decrease_by", 3) in text and ("6", "gt", 677628) in text


def test_001_tasks_cover_sections_ii_and_iii():
    doc = _parse("001")
    top = [t.section_path[0] for t in doc.tasks]
    assert top.count("II") >= 30 and top.count("III") >= 7
    assert all(t.page and t.raw for t in doc.tasks)


def test_000_mangled_resolution_items_and_metadata():
    doc = _parse("000")
    assert len(_items(doc)) >= 21
    m = doc.metadata
    assert (m.doc_type, m.number, m.date) == ("resolution", "04-NQ/TU", "2025-12-05")
