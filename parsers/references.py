"""References to other documents: 'Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị'."""

from __future__ import annotations

import re

from schemas import Document, Reference

_REF = re.compile(
    r"(?P<type>Nghị quyết|Quyết định|Quy định|Chỉ thị|Kết luận|Kế hoạch|Thông báo|Hướng dẫn|Luật|Nghị định|Thông tư)"
    r"\s+(?:số\s+)?(?P<num>\d+[\w.]*/(?:\d{4}/)?[A-ZĐ][\w\-/]*|\d+-[A-ZĐ]+/[A-ZĐ0-9]+)"
    r"(?:,?\s*ngày\s+(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4}))?"
    r"(?:\s+của\s+(?P<issuer>[A-ZĐÀ-Ỹ][^,;.()]{2,60}))?"
)


def parse_references(doc: Document) -> Document:
    seen: set[tuple] = set()
    refs = []
    for m in _REF.finditer(doc.text):
        date = f"{int(m.group('y')):04d}-{int(m.group('m')):02d}-{int(m.group('d')):02d}" if m.group("y") else None
        key = (m.group("type"), m.group("num"))
        if key in seen:
            continue
        seen.add(key)
        refs.append(Reference(
            doc_type=m.group("type"), number=m.group("num"), date=date,
            issuer=(m.group("issuer") or "").strip() or None, page=doc.page_at(m.start()), raw=m.group(0),
        ))
    doc.references = refs
    return doc
