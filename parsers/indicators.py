"""Indicators from running text: numbered items `(1) … (22)`, one indicator per target."""

from __future__ import annotations

import re

from parsers.numbers import NUMBER, parse_vn_number
from parsers.sections import section_at
from schemas import Document, Indicator, Target

_ITEM = re.compile(r"^\((?P<num>\d{1,2})\)\s*(?P<body>.+)$", re.MULTILINE)
_COMPARATORS = [
    ("trên", "gt"), ("tối thiểu", "gte"), ("ít nhất", "gte"), ("dưới", "lt"), ("khoảng", "approx"),
    ("tăng", "increase_by"), ("giảm", "decrease_by"), ("đạt", "eq"),
]
_TARGET = re.compile(
    rf"(?P<cmp>(?:đạt\s+)?(?:trên|tối thiểu|ít nhất|còn dưới|dưới|khoảng|tăng|giảm|đạt|từ)?)\s*"
    rf"(?P<low>{NUMBER})(?:\s*-\s*(?P<high>{NUMBER}))?\s*(?P<unit>%|[^\d\s;,.()][^;,.()\d]{{0,30}}?)?(?=[;.,)]|\s*$|\s+\()"
)
_YEAR = re.compile(r"năm (20\d\d)")


def _comparator(words: str, has_high: bool) -> str:
    if has_high:
        return "range"
    words = words.strip()
    for key, comparator in _COMPARATORS:
        if key in words:
            return comparator
    return "eq"


def parse_indicators(doc: Document) -> Document:
    indicators: list[Indicator] = []
    for item in _ITEM.finditer(doc.text):
        number, body = item.group("num"), item.group("body")
        section = section_at(doc, item.start())
        year = _YEAR.search(section.title if section else "")
        for clause in re.split(r"(?<=[;.])\s+", body):
            m = _TARGET.search(clause)
            if not m or not m.group("cmp"):
                continue
            low = parse_vn_number(m.group("low"))
            high = parse_vn_number(m.group("high")) if m.group("high") else None
            comparator = _comparator(m.group("cmp"), high is not None)
            indicators.append(
                Indicator(
                    id=f"i{len(indicators) + 1}",
                    number=number,
                    name=clause[: m.start()].strip(" ,:;") or clause.strip(),
                    unit=(m.group("unit") or "").strip() or None,
                    target=Target(
                        value=None if high is not None else low,
                        low=low if high is not None else None,
                        high=high,
                        comparator=comparator,
                        text=m.group(0).strip(),
                    ),
                    year=int(year.group(1)) if year else None,
                    section=section.id if section else None,
                    page=doc.page_at(item.start()),
                    raw=clause.strip(),
                )
            )
    doc.indicators = indicators
    return doc
