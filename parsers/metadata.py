"""Document metadata from the header block (type, number, issuer, place, date, title)."""

from __future__ import annotations

import re

from schemas import Document

DOC_TYPES = {
    "NGHỊ QUYẾT": "resolution",
    "BÁO CÁO CHÍNH TRỊ": "political_report",
    "BÁO CÁO KIỂM ĐIỂM": "review_report",
    "BÁO CÁO": "report",
    "KẾ HOẠCH": "plan",
    "CHƯƠNG TRÌNH": "programme",
    "QUYẾT ĐỊNH": "decision",
    "CHỈ THỊ": "directive",
    "KẾT LUẬN": "conclusion",
}

_NUMBER = re.compile(r"\bSố[:\s]+(\d+[\w./-]*-[A-ZĐ]+(?:/[A-ZĐ0-9]+)+)", re.IGNORECASE)
_DATE = re.compile(r"(?P<place>[A-ZĐÀ-Ỹ][\w\s]{1,40}?),\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})", re.UNICODE)

HEADER_LINES = 40


def parse_metadata(doc: Document) -> Document:
    meta = doc.metadata
    head = doc.text.splitlines()[:HEADER_LINES]
    head_text = "\n".join(head)
    if m := _NUMBER.search(head_text):
        meta.number = m.group(1)
    if m := _DATE.search(head_text):
        meta.place = m.group("place").strip()
        meta.date = f"{int(m.group('y')):04d}-{int(m.group('m')):02d}-{int(m.group('d')):02d}"
    for i, line in enumerate(head):
        stripped = line.strip()
        for label, kind in DOC_TYPES.items():
            if stripped.upper().startswith(label) and len(stripped) <= len(label) + 40:
                meta.doc_type, meta.doc_type_label = kind, stripped
                title = [l.strip() for l in head[i + 1 : i + 5] if l.strip()]
                title = [t for t in title if not t.isupper() or t.startswith("CỦA")]
                meta.title = " ".join(t for t in title if not t.startswith("CỦA") and not t.startswith("-")) or None
                break
        if meta.doc_type:
            break
    if head and meta.issuer is None:
        first = head[0].strip()
        if first.isupper() and len(first) > 3:
            meta.issuer = re.split(r"\s{2,}|ĐẢNG CỘNG SẢN", first)[0].strip() or None
    return doc
