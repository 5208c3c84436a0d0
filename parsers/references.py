"""References to other documents: 'Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị'.

Matched on folded text so OCR output ('Nghi quyét sé 57-NQ/TW, ngay
22/12/2024 cua Bo Chinh tri') is read too; the printed spans are reported.
"""

from __future__ import annotations

import re

from vnresolve.parsers.gazetteer import lookup
from vnresolve.parsers.text import fold
from vnresolve.schemas import Document, Reference

_TYPES = [
    ("nghi quyet", "Nghị quyết"), ("quyet dinh", "Quyết định"), ("quy dinh", "Quy định"), ("chi thi", "Chỉ thị"),
    ("ket luan", "Kết luận"), ("ke hoach", "Kế hoạch"), ("thong bao", "Thông báo"), ("huong dan", "Hướng dẫn"),
    ("nghi dinh", "Nghị định"), ("thong tu", "Thông tư"), ("luat", "Luật"), ("cong van", "Công văn"),
    ("chuong trinh", "Chương trình"), ("de an", "Đề án"),
]


def _loose(label: str) -> str:
    out = []
    for word in label.split():
        first = "(?:dp|bp|d|p|b)" if word[0] == "d" else word[0]
        out.append(first + "[a-z0-9&@]{%d,%d}" % (max(0, len(word) - 2), len(word)))
    return r"\s+".join(out)


_TYPE_ALT = "|".join(f"(?P<t{i}>{_loose(k)})" for i, (k, _) in enumerate(_TYPES))
_REF = re.compile(
    rf"(?<![a-z])(?:{_TYPE_ALT})\s+(?:s[o6e0][:.]?\s*)?"
    r"(?P<num>\d{1,5}(?:\s*/\s*\d{4})?\s*[-/]\s*[a-z]{1,6}(?:\s*[-/]\s*[a-z0-9]{1,6}){0,2})"
    r"(?:\s*,?\s*ng[a-z]{1,2}y\s+(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4}))?"
    r"(?:\s*,?\s*c[uv][a-z]{1,2}\s+(?P<issuer>[^,;.()\n“”\"]{3,80}?))?"
    r"(?=\s+v[e3]\s|\s+v[a4]\s|\s+(?:th[uvwy]c\s+h[i1][e3]n|tr[i1][e3]n\s+kh[a4][i1]|ban\s+h[a4]nh)\s|\s*[,;.()\n“”\"]|$)"
)
_TITLE = re.compile(r"\s+v[e3]\s+(?P<title>[^;.()\n]{3,160})")


def parse_references(doc: Document) -> Document:
    folded = fold(doc.text)
    own = fold(doc.metadata.number or "").replace(" ", "")
    seen: set[tuple[str, str]] = set()
    refs: list[Reference] = []
    for m in _REF.finditer(folded):
        kind = next(_TYPES[int(k[1:])][1] for k, v in m.groupdict().items() if k.startswith("t") and k[1:].isdigit() and v)
        number = re.sub(r"\s+", "", doc.text[m.start("num") : m.end("num")])
        if not re.search(r"[A-Za-zĐđ]", number):
            continue
        key = (kind, fold(number))
        if key in seen or (own and fold(number) == own):
            continue
        seen.add(key)
        date = None
        if m.group("y"):
            d, mo, y = int(m.group("d")), int(m.group("m")), int(m.group("y"))
            date = f"{y:04d}-{mo:02d}-{d:02d}" if 1 <= mo <= 12 and 1 <= d <= 31 else None
        issuer = doc.text[m.start("issuer") : m.end("issuer")].strip() if m.group("issuer") else None
        if issuer and (entry := lookup(issuer)):
            issuer = entry.name  # 'Bo Chinh tri' and 'Bộ Chính trị' are one issuer
        title = None
        if t := _TITLE.match(folded, m.end()):
            title = doc.text[t.start("title") : t.end("title")].strip(" ,")
        refs.append(Reference(doc_type=kind, number=number, date=date, issuer=issuer or None, title=title,
                              page=doc.page_at(m.start()), raw=doc.text[m.start() : (t.end() if title else m.end())]))
    doc.references = refs
    return doc
