"""Document metadata: header block (issuer, number, place, date, type, title), draft marker, signer, recipients.

The two-column header ('TỈNH ỦY ĐIỆN BIÊN | ĐẢNG CỘNG SẢN VIỆT NAM', 'Số 04-NQ/TU |
Điện Biên, ngày …') reaches us with both columns on one line, so each line
is cut at the national/party motto or at the number token rather than read
as one field.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from vnresolve.parsers import formats
from vnresolve.parsers.bundle import attachments, head_text
from vnresolve.parsers.catalogue import refine
from vnresolve.parsers.formats import MOTTO, SLOGAN
from vnresolve.parsers.record_header import _is_mark
from vnresolve.parsers.record_issuer import _dp, _goes_on, _known_places, _split_issuer
from vnresolve.parsers.record_received import stamp_line
from vnresolve.parsers.record_doubts import _doubt
from vnresolve.parsers.record_labels import _KINH_GUI, _RECIPIENTS, DAY_WORD, MONTH_WORD, YEAR_WORD
from vnresolve.parsers.record_signer_name import body_name, capitals_name
from vnresolve.parsers.record_subject import subject_under_type
from vnresolve.parsers.text import caps as _caps, fold, iso_date, iter_lines
from vnresolve.schemas import Document, Warning

HEADER_LINES = 25

# the types this step reads from a loose type line (formats.DOC_TYPES' names), tried in this order; it reports
# THÔNG BÁO and TỜ TRÌNH as 'other'. The joint types' four words first: a post in the foot ('THỨ TRƯỞNG') fits a
# two-word type's loose letters
_HEADER_TYPES = ("law", "ordinance", "order", "joint_circular", "joint_resolution", "political_report", "review_report", "resolution", "report",
                 "plan", "programme", "decision", "directive", "conclusion", "notice", "submission")
_AS_OTHER = ("notice", "submission")
# the legislative types' names are short ('LUẬT', 'LỆNH') and their loose letters fit many a line ('CHỦ TỊCH' fits
# 'CHỈ THỊ''s, a name's 'LÝ' 'LUẬT''s): only the name as printed is one of them
_EXACT_TYPES = ("law", "ordinance", "order")
# a body's four-word line above the number line fits a joint type's loose letters ('TRUNG TÂM LƯU TRỮ'): there only
# the name as printed is that type
_JOINT_TYPES = ("joint_circular", "joint_resolution")
_LETTER = r"[a-z0-9&@]"
_TYPE_RES = [(re.compile(r"^[\W_]*" + r"\s*".join(
    (rf"(?:dp|bp|d|p|b){_LETTER}{{0,3}}" if w[0] == "d" else w[0] + rf"{_LETTER}{{0,{len(w) + 1}}}")
    for w in fold(formats.BY_CODE[code].name).split()) + r"[\W_]*$"), "other" if code in _AS_OTHER else code)
    for code in _HEADER_TYPES]
_SO = re.compile(rf"^\W{{0,3}}(?:{formats.NUMBER_LABEL})?s[o6eé0][:.]?\s*(?=[\d\s-])")
# the number line's label, its serial left blank too ('Số:      /QĐ-SYT', 'Số ..../QĐ-SYT', 'Số QĐ-SYT'):
# 'Số' then ':' or '.', a digit, '/' or dots, or a symbol as its next word; 'SỞ Y TẾ' folds to the same
# word and has none of them
_SO_LABEL = re.compile(rf"^\W{{0,3}}(?:{formats.NUMBER_LABEL})?s[o6eé0](?![a-z0-9])\s*+(?:[:./\d]|[a-z]{1,8}-[a-z]|[^\s/]{1,12}/\s*+[a-z])")
_NUMBER = re.compile(r"(?P<num>\d{1,5})?\s*-\s*(?P<kind>[A-ZĐ]{1,6})\s*/\s*(?P<body>[A-ZĐa-zđ]{1,6}(?:\s*-\s*[A-ZĐa-z]{1,6})?)")
# the layout's date words ('hgày', 'ngày.', 'năm.2025' too) with the day and month in digits
_DATE = re.compile(rf"{DAY_WORD}\s*(?P<d>\d{{1,2}})\s*{MONTH_WORD}\s*(?P<m>\d{{1,2}})\s*{YEAR_WORD}\s*(?P<y>\d{{4}})")
_PLACE_ONLY = re.compile(r"^(?P<place>[a-z][^,\d]{2,40}),\s*ng[a-z0-9]{1,2}y\b")
_DRAFT = re.compile(r"d[uv]\s+th[a-z0-9]{1,3}o(?:\s+l[a-z0-9]{1,2}n\s+(?:th[a-z]{1,2}\s+)?[\w]+)?")
_ANNEX = re.compile(
    r"k[e3]m\s+th[e3]o\s+(?P<type>[a-z ]{4,20}?)\s+s[o6]\s+(?P<num>\d{1,5}\s*-\s*[a-z]{1,6}/[a-z]{1,6})\s*,?\s*"
    r"ng[a-z]{1,2}y\s+(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})\s+c[uv][a-z]\s+(?P<issuer>[^)\n]{3,60})"
)
_SIGN_ON_BEHALF = re.compile(r"^\W*(?:t\s*/\s*m|tm\.?|k\s*t\s*\.|q\s*\.)\s*\S")


def _header(doc: Document, lines: list) -> int | None:
    """Fill issuer/number/place/date/type/title/draft; returns the type line's index."""
    meta = doc.metadata
    type_at = None
    issuers: list[str] = []
    past_type = issuers_end = past_number = False
    for i, line in enumerate(lines[:HEADER_LINES]):
        folded = line.folded
        if stamp_line(line.text):
            continue  # a received stamp's line, read into the header's flow: neither issuer nor type
        past_number = past_number or bool(_SO_LABEL.match(folded))
        # a type name stands above 'Kính gửi:' and the foot's 'Nơi nhận:' (NĐ 30, HD 36): a capitals line
        # below them is a signer's post ('TRƯỞNG BAN', loosely like 'THÔNG BÁO'), not the type
        past_type = past_type or bool(_KINH_GUI.match(folded) or _RECIPIENTS.match(folded))
        if type_at is None and not past_type:
            for pattern, kind in _TYPE_RES:
                # an urgency or secrecy mark stands alone in capitals too ('KHẨN' fits the loose 'K… H…')
                if pattern.match(folded) and _caps(line.text) and not _is_mark(line.text) and (
                        kind not in _JOINT_TYPES + _EXACT_TYPES or (past_number and kind in _JOINT_TYPES)
                        or getattr(formats.type_of_line(folded, loose=False), "code", None) == kind):
                    meta.doc_type, meta.doc_type_label, type_at = kind, line.text.strip(" *#"), i
                    break
            else:
                if _caps(line.text) and formats.type_with_owner(folded) and (t := formats.type_of_line(folded)):
                    meta.doc_type, meta.doc_type_label, type_at = t.code, line.text.strip(" *#"), i
            if type_at is not None:
                continue
        else:
            continue
        so = _SO.search(folded)
        if meta.number is None and so and (m := _NUMBER.search(line.text, so.end())):
            if m.group("num"):
                meta.number = re.sub(r"\s+", "", m.group(0))
            rest = line.text[m.end() :]
            if dm := _DATE.search(fold(rest)):
                meta.place = rest[: dm.start()].strip(" ,.-") or None
        if meta.date is None and (dm := _DATE.search(folded)):
            meta.date = iso_date(dm.group("y"), dm.group("m"), dm.group("d"))
            if meta.place is None:
                before = line.text[: dm.start()]
                if so:
                    before = before[so.end() :]
                    nm = _NUMBER.search(before)
                    before = before[nm.end() :] if nm else before
                meta.place = before.strip(" ,.-") or None
        if meta.place is None and (pm := _PLACE_ONLY.match(folded)):
            meta.place = line.text[: pm.end("place")].strip(" ,.-") or None  # a draft's 'Phiêng Pằn, ngày  tháng 7'
        if meta.draft is None and (d := _DRAFT.search(folded)):
            meta.draft = line.text[d.start() : d.end()]
        # the issuer's lines stand above the number line and the type name (NĐ 30, HD 36); a body's line
        # that loosely fits a type ('CÔNG ĐOÀN', 'TRUNG TÂM') or goes on with the name above is none
        if _SO_LABEL.match(folded) or (
                _caps(line.text) and formats.type_of_line(folded, loose=False) and not _is_mark(line.text)
                and not (issuers and _goes_on(issuers[-1], line.text))):
            issuers_end = True
        if not issuers_end and _DATE.search(folded) is None:
            head = line.text
            if mm := MOTTO.search(folded) or SLOGAN.search(folded):  # the right column's, on the issuer's line
                head = line.text[: mm.start()]
            head = formats.body_name(head)
            if _caps(head) and len(head) >= 4 and "doc lap" not in fold(head):
                issuers.append(head)
    if issuers:
        meta.issuer, meta.parent_issuer = _split_issuer(issuers)
    if type_at is not None:
        kind = meta.doc_type
        title = subject_under_type(doc.text, lines, type_at, meta.issuer, meta.number)
        meta.title = " ".join(title).strip() or None
        if kind == "report" and meta.title and fold(meta.title).startswith("kiem diem"):
            meta.doc_type = "review_report"
    return type_at


def _canonical_place(meta) -> None:
    """'Diên Biên, ngày …': a place whose letters are a province's or city's name, but whose
    marks were misread (or restored wrongly), takes the name's spelling; so does an unrestored
    'Pién Bién'. Other places (a commune: 'Phiêng Pằn') are kept as read."""
    if meta.place:
        name = _known_places().get(_dp(meta.place))
        if name is not None and name != meta.place:
            meta.place = name.upper() if _caps(meta.place) else name


def _reconcile_issuer(meta) -> None:
    """'TỈNH ỦY PIEN BIẾN' next to 'Điện Biên, ngày …': the issuer's locality is the place.

    The place line is usually read better (mixed case) than the capitals of the
    issuer, so a near-miss locality at the end of the issuer is replaced by it.
    """
    if not meta.issuer or not meta.place:
        return
    words, place_words = meta.issuer.split(), meta.place.split()
    n = len(place_words)
    if len(words) <= n:
        return
    tail = " ".join(words[-n:])
    if fold(tail) == fold(meta.place):
        return  # same letters: keep the issuer as printed
    if _dp(tail) == _dp(meta.place) or fuzz.ratio(_dp(tail), _dp(meta.place)) >= 75:
        meta.issuer = " ".join([*words[:-n], meta.place.upper() if _caps(tail) else meta.place])


def _annex_fallback(doc: Document) -> None:
    """An appendix line 'Kèm theo Nghị quyết số …, ngày … của …' names the document itself."""
    meta = doc.metadata
    if meta.number and meta.date:
        return
    folded = fold(doc.text)
    m = _ANNEX.search(folded)
    if not m:
        return
    if meta.number is None:
        meta.number = re.sub(r"\s+", "", doc.text[m.start("num") : m.end("num")])
    if meta.date is None:
        meta.date = iso_date(m.group("y"), m.group("m"), m.group("d"))
    if meta.issuer is None:
        meta.issuer = doc.text[m.start("issuer") : m.end("issuer")].strip(" .")


_PREFIX_MARKED = re.compile(r"^\W*[a-z]{1,3}\s*[./]")
_ON_BEHALF_ANY = re.compile(r"(?<![a-z])(?:t\s*/\s*m|tm\.|k\s*t\s*\.)\s*(?=\S)")
_DASH_TAIL = re.compile(r"\s[-–]\s+([^-–]+)$")


def _caps_tail(text: str) -> str | None:
    """'- Ban Thường vụ Tỉnh ủy (B/c), - BÍ THƯ': the signature column's words at a line's end."""
    m = _DASH_TAIL.search(text)
    tail = m.group(1).strip(" *,.") if m else ""
    return tail if tail and _caps(tail) and len(tail.split()) <= 4 else None


# a heading opening what follows a signature block with no name (an annex's, a list's, a document type's): the
# block's foot has passed
_HEADING = re.compile(r"^\W*(?:ph[uv]\s*l[uv]c|danh\s+sach|bieu\s+mau|mau\s+so)\b")
# a signing remark under the post ('(Đã ký)', '(Ký, đóng dấu)', '(ký tên, ghi rõ họ tên)'): the name still follows
_SIGN_REMARK = re.compile(r"^\(\s{0,3}(?:da\s{1,3})?ky\b[^()]{0,40}\)?$")


def _signer(doc: Document, lines: list) -> None:
    """'T/M TỈNH ỦY' / 'BÍ THƯ' / name, also when OCR interleaves them with the recipients column."""
    meta = doc.metadata
    for i, line in enumerate(lines):
        m = _SIGN_ON_BEHALF.match(line.folded) or _ON_BEHALF_ANY.search(line.folded)
        # every authority's prefix of the formats with its dot or slash ('T/L BAN THƯỜNG VỤ', 'TUQ. CHỦ TỊCH') opening
        # the line too; one that lost it ('KT - XH …' reads as one) is the layout's to judge
        at = m.start() if m else 0 if _PREFIX_MARKED.match(line.folded) and formats.authority_prefix(line.text) else None
        if at is None or not _caps(line.text[at:]):
            continue
        meta.signer.on_behalf_of = line.text[at:].strip(" *")
        # a name in capitals stands only in the first lines under the post (past the signature's gap and any
        # signing remark), before a heading or a blank gap after a capitals line (a seal's text): True while
        # there, False past them, None before
        foot, before, after_caps = None, line, False
        for nxt in lines[i + 1 : i + 30]:
            text = nxt.text.strip(" *")
            gap = doc.text.count("\n", before.end, nxt.start) > 1
            before = nxt
            if text.startswith(("-", "+", "•")):
                if meta.signer.position is None and (tail := _caps_tail(text)):
                    meta.signer.position = tail
                continue  # a recipient line of the other column
            if meta.signer.position is None and _caps(text) and len(text) < 40:
                meta.signer.position = text
                continue
            if meta.signer.position is not None:
                if _SIGN_REMARK.match(nxt.folded.strip()):
                    continue
                foot = foot is None or foot and not (gap and after_caps)
                foot = foot and not (formats.type_of_line(nxt.folded) or _HEADING.match(nxt.folded))
                after_caps = _caps(text)
            # under a body's name (no post) no name is read from capitals; under a post no list holds, doubted
            read = capitals_name(text, bool(foot) and not body_name(meta.signer.position or ""),
                                 formats.is_post(meta.signer.position or ""))
            if read is not None and read[1]:
                # a name printed in capitals under the post ('NGUYỄN VĂN AN'), read title-cased where it is clearly one
                meta.signer.rank, meta.signer.name = read[0], read[1]
                if read[3] < 1.0:
                    _doubt(meta, "signer.name", read[2], read[3])
                break
            words = text.split()
            if 2 <= len(words) <= 5 and all(w[:1].isupper() for w in words) and not _caps(text):
                meta.signer.name = text
                break
        return


def _recipients(doc: Document, lines: list) -> None:
    position = doc.metadata.signer.position
    for i, line in enumerate(lines):
        if _RECIPIENTS.match(line.folded):
            out = []
            for nxt in lines[i + 1 : i + 40]:
                if nxt.text.startswith(("-", "+", "•")):
                    item = nxt.text
                    if (tail := _caps_tail(item)) and tail == position:
                        item = item[: _DASH_TAIL.search(item).start()]
                    out.append(item.lstrip("-+• ").rstrip(" ,;."))
                elif out and not _caps(nxt.text) and len(nxt.text.split()) > 5:
                    break  # body text again
                elif not out and not _ON_BEHALF_ANY.search(nxt.folded) and not _caps(nxt.text):
                    break
            doc.metadata.recipients = out
            return


def parse_metadata(doc: Document) -> Document:
    # the documents bound after the main one: the main one's signer and recipients are read before the first that
    # is a document of its own (an annex follows the signature, and a page taken for one wrongly must not cut it)
    doc.metadata.attachments = attachments(doc)
    enclosed = next((a for a in doc.metadata.attachments if a.relation == "enclosed"), None)
    end = doc.pages[enclosed.first_page - 1].start if enclosed is not None else len(doc.text)
    lines = [line for line in iter_lines(doc.text) if line.start < end]
    _header(doc, list(iter_lines(head_text(doc))))
    _annex_fallback(doc)
    _canonical_place(doc.metadata)
    _reconcile_issuer(doc.metadata)
    _signer(doc, lines)
    _recipients(doc, lines)
    refine(doc)
    missing = [f for f in ("doc_type", "number", "issuer", "date") if getattr(doc.metadata, f) is None]
    if missing:
        doc.warnings.append(Warning(code="metadata-incomplete", stage="parsers.metadata",
                                    message=f"header fields not found: {', '.join(missing)}"))
    return doc
