"""The heading tree: `I-`/`I.`, `1.`, `1.1.`, `a)` headings with parents."""

from __future__ import annotations

import re

from schemas import Document, Section

_PATTERNS = [
    ("roman", re.compile(r"^(?P<num>[IVXL]+)[.\-–]\s*(?P<title>\S.{0,200})$")),
    ("decimal", re.compile(r"^(?P<num>\d+(?:\.\d+)+)\.?\s+(?P<title>[A-ZĐÀ-Ỹ].{0,200})$")),
    ("arabic", re.compile(r"^(?P<num>\d+)\.\s+(?P<title>[A-ZĐÀ-Ỹ].{0,200})$")),
]
MAX_HEADING_LEN = 160


def _level(kind: str, num: str) -> int:
    if kind == "roman":
        return 1
    if kind == "arabic":
        return 2
    return 2 + num.count(".")


def parse_sections(doc: Document) -> Document:
    sections: list[Section] = []
    stack: list[Section] = []
    offset = 0
    for raw in doc.text.splitlines(keepends=True):
        line = raw.strip()
        start, offset = offset, offset + len(raw)
        if not line or len(line) > MAX_HEADING_LEN:
            continue
        for kind, pattern in _PATTERNS:
            m = pattern.match(line)
            if not m:
                continue
            level = _level(kind, m.group("num"))
            while stack and stack[-1].level >= level:
                stack.pop()
            parent = stack[-1] if stack else None
            section = Section(
                id=f"s{len(sections) + 1}",
                number=m.group("num"),
                title=m.group("title").strip(),
                level=level,
                kind=kind,
                parent=parent.id if parent else None,
                path=[*(parent.path if parent else []), m.group("num")],
                page=doc.page_at(start),
                raw=line,
            )
            sections.append(section)
            stack.append(section)
            break
    doc.sections = sections
    return doc


def section_at(doc: Document, offset: int) -> Section | None:
    """Innermost section whose heading precedes `offset` (sections are in text order)."""
    best = None
    for section in doc.sections:
        pos = doc.text.find(section.raw)
        if 0 <= pos <= offset:
            best = section
    return best
