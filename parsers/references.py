"""References to other documents: 'Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị'.

Matched on folded text so OCR output ('Nghi quyét sé 57-NQ/TW, ngay
22/12/2024 cua Bo Chinh tri') is read too; the printed spans are reported. A reference named in a
'Căn cứ …' clause of the preamble is a legal basis (`role="legal_basis"`), any other one is
'cited'; a law named there without a number ('Căn cứ Luật Tổ chức chính quyền địa phương ngày 19
tháng 6 năm 2015') is a legal basis too.
"""

from __future__ import annotations

import re

from vnresolve.parsers.gazetteer import lookup
from vnresolve.parsers.text import fold, iso_date
from vnresolve.schemas import Document, Reference

_TYPES = [
    ("nghi quyet", "Nghị quyết"), ("quyet dinh", "Quyết định"), ("quy dinh", "Quy định"), ("chi thi", "Chỉ thị"),
    ("ket luan", "Kết luận"), ("ke hoach", "Kế hoạch"), ("thong bao", "Thông báo"), ("huong dan", "Hướng dẫn"),
    ("nghi dinh", "Nghị định"), ("thong tu", "Thông tư"), ("luat", "Luật"), ("cong van", "Công văn"),
    ("chuong trinh", "Chương trình"), ("de an", "Đề án"), ("to trinh", "Tờ trình"), ("cong dien", "Công điện"),
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
    r"(?:\s*,?\s*ng[a-z]{1,2}y\s+(?P<d>\d{1,2})\s*(?:/|\s+th[a-z]{1,2}ng\s+)\s*(?P<m>\d{1,2})"
    r"\s*(?:/|\s+n[a-z]{1,2}m\s+)\s*(?P<y>\d{4}))?"
    r"(?:\s*,?\s*c[uv][a-z]{1,2}\s+(?P<issuer>[^,;.()\n“”\"]{3,80}?))?"
    r"(?=\s+v[e3]\s|\s+v[a4]\s|\s+(?:th[uvwy]c\s+h[i1][e3]n|tr[i1][e3]n\s+kh[a4][i1]|ban\s+h[a4]nh)\s|\s*[,;.()\n“”\"]|$)"
)
_TITLE = re.compile(r"\s+v[e3]\s+(?P<title>[^;.()\n]{3,160})")
# A 'Căn cứ' clause: from the words at the start of a line to the clause's end (';' or '.' before a
# line break, or a blank line).
_BASIS = re.compile(r"(?m)^[ \t]*c[a4]n\s+c[uvwy]\b.*?(?:[;.:][ \t]*(?=\n|$)|\n[ \t]*\n|\Z)", re.S)
# A law or code named by its title in a legal basis, with the date it was passed
_NAMED = re.compile(r"(?<![a-z])(?P<kind>lu[a4]t|b[o06]\s+lu[a4]t|ph[a4]p\s+l[e3]nh|hi[e3]n\s+ph[a4]p)\s+"
                    r"(?P<title>(?:[^;()\n]|\n(?![ \t]*\n)){3,160}?)\s*,?\s*ng[a-z]{1,2}y\s+(?P<d>\d{1,2})\s*(?:/|\s+th[a-z]{1,2}ng\s+)"
                    r"\s*(?P<m>\d{1,2})\s*(?:/|\s+n[a-z]{1,2}m\s+)\s*(?P<y>\d{4})")
_NAMED_KINDS = {"luat": "Luật", "bo luat": "Bộ luật", "phap lenh": "Pháp lệnh", "hien phap": "Hiến pháp"}



def _named_laws(doc: Document, folded: str, clauses: list[tuple[int, int]]) -> list[tuple[int, Reference]]:
    found = []
    for start, end in clauses:
        for m in _NAMED.finditer(folded, start, end):
            kind = _NAMED_KINDS.get(re.sub(r"\s+", " ", m.group("kind")).translate(str.maketrans("4036", "aoeo")))
            found.append((m.start(), Reference(
                doc_type=kind or doc.text[m.start("kind"):m.end("kind")], role="legal_basis",
                date=iso_date(m.group("y"), m.group("m"), m.group("d")),
                title=" ".join(doc.text[m.start("title"):m.end("title")].split()),
                page=doc.page_at(m.start()), raw=doc.text[m.start():m.end()])))
    return found


def parse_references(doc: Document) -> Document:
    folded = fold(doc.text)
    own = fold(doc.metadata.number or "").replace(" ", "")
    clauses = [(m.start(), m.end()) for m in _BASIS.finditer(folded)]
    seen: set[tuple[str, str]] = set()
    refs: list[tuple[int, Reference]] = _named_laws(doc, folded, clauses)
    for m in _REF.finditer(folded):
        kind = next(_TYPES[int(k[1:])][1] for k, v in m.groupdict().items() if k.startswith("t") and k[1:].isdigit() and v)
        number = re.sub(r"\s+", "", doc.text[m.start("num") : m.end("num")])
        if not re.search(r"[A-Za-zĐđ]", number):
            continue
        key = (kind, fold(number))
        if key in seen or (own and fold(number) == own):
            continue
        seen.add(key)
        date = iso_date(m.group("y"), m.group("m"), m.group("d")) if m.group("y") else None
        issuer = doc.text[m.start("issuer") : m.end("issuer")].strip() if m.group("issuer") else None
        if issuer and (entry := lookup(issuer)):
            issuer = entry.name  # 'Bo Chinh tri' and 'Bộ Chính trị' are one issuer
        title = None
        if t := _TITLE.match(folded, m.end()):
            title = doc.text[t.start("title") : t.end("title")].strip(" ,")
        role = "legal_basis" if any(a <= m.start() < b for a, b in clauses) else "cited"
        refs.append((m.start(), Reference(doc_type=kind, role=role, number=number, date=date, issuer=issuer or None,
                                          title=title, page=doc.page_at(m.start()),
                                          raw=doc.text[m.start() : (t.end() if title else m.end())])))
    doc.references = [ref for _, ref in sorted(refs, key=lambda r: r[0])]
    return doc
