"""The official forms of Vietnamese documents as data: document types and their abbreviations,
signing authority, urgency, secrecy, copy and draft marks, and the number-and-symbol grammar.

Sources: Nghị định 30/2020/NĐ-CP, Phụ lục I (state administrative documents: 29 types, the
abbreviations used in the symbol, the place of each element) and Phụ lục III (the authority forms
TM., KT., Q., TL., TUQ.); Luật Ban hành văn bản quy phạm pháp luật for the legal normative types;
Hướng dẫn 36-HD/VPTW (2018) for Party documents ('04-NQ/TU', 'T/M', 'K/T'). Parsers match these
tables on folded text (parsers.text.fold), so each name is given once, in Vietnamese.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from vnresolve.parsers.misreads import CAPITAL_MISREAD_PAIRS, MISREAD_PAIRS, one_letter_misread
from vnresolve.parsers.text import fold


@dataclass(frozen=True)
class DocType:
    code: str  # the schema's doc_type value
    name: str  # as printed in capitals on the page
    state: str | None  # abbreviation in a state symbol (NĐ 30/2020 Phụ lục I), None if the type has none
    party: str | None  # abbreviation in a Party symbol (HD 36-HD/VPTW), None if not a Party type


# Longest names first where one name starts another ('BÁO CÁO CHÍNH TRỊ' before 'BÁO CÁO').
DOC_TYPES: tuple[DocType, ...] = (
    DocType("political_report", "BÁO CÁO CHÍNH TRỊ", "BC", "BC"),
    DocType("review_report", "BÁO CÁO KIỂM ĐIỂM", "BC", "BC"),
    DocType("report", "BÁO CÁO", "BC", "BC"),
    DocType("resolution", "NGHỊ QUYẾT", "NQ", "NQ"),
    DocType("decision", "QUYẾT ĐỊNH", "QĐ", "QĐ"),
    DocType("directive", "CHỈ THỊ", "CT", "CT"),
    DocType("regulation", "QUY CHẾ", "QC", "QC"),
    DocType("rules", "QUY ĐỊNH", "QyĐ", "QĐi"),
    DocType("communique", "THÔNG CÁO", "TC", None),
    DocType("notice", "THÔNG BÁO", "TB", "TB"),
    DocType("circular_party", "THÔNG TRI", None, "TT"),
    DocType("guidance", "HƯỚNG DẪN", "HD", "HD"),
    DocType("programme", "CHƯƠNG TRÌNH", "CTr", "CTr"),
    DocType("plan", "KẾ HOẠCH", "KH", "KH"),
    DocType("scheme", "PHƯƠNG ÁN", "PA", None),
    DocType("project_proposal", "ĐỀ ÁN", "ĐA", "ĐA"),
    DocType("project", "DỰ ÁN", "DA", None),
    DocType("minutes", "BIÊN BẢN", "BB", "BB"),
    DocType("submission", "TỜ TRÌNH", "TTr", "TTr"),
    DocType("contract", "HỢP ĐỒNG", "HĐ", None),
    DocType("official_dispatch", "CÔNG ĐIỆN", "CĐ", None),
    DocType("memorandum", "BẢN GHI NHỚ", "GN", None),
    DocType("agreement", "BẢN THỎA THUẬN", "TTh", None),
    DocType("authorisation", "GIẤY ỦY QUYỀN", "GUQ", None),
    DocType("invitation", "GIẤY MỜI", "GM", "GM"),
    DocType("introduction_letter", "GIẤY GIỚI THIỆU", "GGT", "GGT"),
    DocType("leave_permit", "GIẤY NGHỈ PHÉP", "GNP", None),
    DocType("dispatch_slip", "PHIẾU GỬI", "PG", None),
    DocType("transfer_slip", "PHIẾU CHUYỂN", "PC", None),
    DocType("notification_slip", "PHIẾU BÁO", "PB", None),
    DocType("public_letter", "THƯ CÔNG", None, None),
    DocType("conclusion", "KẾT LUẬN", None, "KL"),
    # legal normative documents: the symbol carries the year ('21/2026/TT-BCT')
    DocType("law", "LUẬT", None, None),
    DocType("ordinance", "PHÁP LỆNH", "PL", None),
    # the President's order publishing a law or an ordinance ('07/2025/L-CTN': the type 'L', the body 'CTN')
    DocType("order", "LỆNH", "L", None),
    DocType("decree", "NGHỊ ĐỊNH", "NĐ", None),
    DocType("joint_circular", "THÔNG TƯ LIÊN TỊCH", "TTLT", None),
    # a resolution bodies issue jointly ('03/2006/NQLT-CP-TLĐLĐVN': the Government and a mass organisation)
    DocType("joint_resolution", "NGHỊ QUYẾT LIÊN TỊCH", "NQLT", None),
    DocType("circular", "THÔNG TƯ", "TT", None),
    # a công văn prints no type name: its symbol names the body and the drafting unit
    DocType("official_letter", "CÔNG VĂN", None, "CV"),
)
DOC_TYPE_CODES: tuple[str, ...] = tuple(dict.fromkeys(t.code for t in DOC_TYPES)) + ("other",)
BY_CODE = {t.code: t for t in DOC_TYPES}

# Signing on behalf of (NĐ 30/2020 Phụ lục I, HD 36): folded prefix -> canonical form.
AUTHORITY = (("tm", "TM."), ("kt", "KT."), ("tl", "TL."), ("tuq", "TUQ."), ("q", "Q."))
URGENCY = ("HỎA TỐC", "THƯỢNG KHẨN", "KHẨN")  # longest first: 'THƯỢNG KHẨN' holds 'KHẨN'
SECRECY = ("TUYỆT MẬT", "TỐI MẬT", "MẬT")
COPY_FORMS = ("SAO Y", "SAO LỤC", "TRÍCH SAO")
CIRCULATION = ("LƯU HÀNH NỘI BỘ", "XEM XONG TRẢ LẠI")
# A printed rule ('-----' under a Party subject, HD 36; a line of underscores): dashes, never words.
RULE = re.compile(r"[-–—_=*~.]{3,}")
# Legislative documents name their type before 'số' on the number line ('Luật số: 59/2020/QH14', 'Bộ luật số:
# 45/2019/QH14', 'Nghị quyết số: 45/2024/UBTVQH15', 'Pháp lệnh số: 06/2013/UBTVQH13'); as a folded pattern, 'số'
# followed by its colon: a sentence citing one opens so without it ('Nghị quyết số 05-NQ/TU, ngày …')
NUMBER_LABEL_TYPES = ("BỘ LUẬT", "LUẬT", "NGHỊ QUYẾT", "PHÁP LỆNH")
NUMBER_LABEL = ("(?:" + "|".join(r"\s*".join(fold(w) for w in n.split()) for n in NUMBER_LABEL_TYPES)
                + r")\s+(?=[a-z0-9$]{1,2}\s*[:;])")
# The legislature's codes carry its term's number ('QH14', 'UBTVQH15'), and a law's or a normative resolution's
# symbol names no type ('59/2020/QH14', '45/2024/UBTVQH15'): each code with the types its untyped symbols are
TERM_CODES = {"QH": ("law", "resolution"), "UBTVQH": ("ordinance", "resolution")}
_TERM_CODE = re.compile(r"^(?P<code>[A-Z]+?)(?P<term>\d{1,2})$")


# a term's digits read as the letters they look like ('UBTVQHII' for 'UBTVQH11', 'QHl5' for 'QH15')
_TERM_MISREAD = re.compile(r"^(?P<code>[A-Z]+?)(?P<term>[0-9IlO|]{1,2})$")


def term_code_misread(code: str | None) -> str | None:
    """The legislature's code with its term as digits where OCR read one of them as a letter ('UBTVQHII' ->
    'UBTVQH11'); None where the code is read right or is no such code."""
    m = _TERM_MISREAD.match(code or "")
    if not m or m["term"].isdigit() or m["code"] not in TERM_CODES:
        return None
    return m["code"] + m["term"].translate(str.maketrans("IlO|", "1101"))


def term_code(code: str | None) -> str | None:
    """'QH' for 'QH14', 'UBTVQH' for 'UBTVQH15': a legislature's code with its term; None for any other."""
    m = _TERM_CODE.match(code or "")
    return m["code"] if m and m["code"] in TERM_CODES else None


# A law, an ordinance and the legislature's resolution close on the day it was passed ('Luật này được Quốc hội nước
# Cộng hòa xã hội chủ nghĩa Việt Nam khóa XIV, kỳ họp thứ 9 thông qua ngày 17 tháng 6 năm 2020'; 'Nghị quyết này
# được Ủy ban Thường vụ Quốc hội … phiên họp thứ 32 thông qua ngày …'): their date where no place-date line is printed
PASSED_TYPES = ("law", "ordinance", "resolution")
PASSING_BODIES = ("QUỐC HỘI", "ỦY BAN THƯỜNG VỤ QUỐC HỘI")
# They, and the President's order publishing one ('Đã được Quốc hội … thông qua ngày …' ends it), print no 'Nơi nhận'
# where nobody is sent a copy: the signature block stands under that sentence
CLOSED_BY_PASSING = PASSED_TYPES + ("order",)
# The legislature and the President: the bodies whose documents' subjects wrap in capitals under the type's name,
# and whose laws and resolutions close on the day passed
LEGISLATURE = PASSING_BODIES + ("CHỦ TỊCH NƯỚC",)
# the body a legislature's term code names ('NQ-UBTVQH15' is the Standing Committee's, '59/2020/QH14' the Assembly's)
TERM_BODIES = {"QH": "QUỐC HỘI", "UBTVQH": "ỦY BAN THƯỜNG VỤ QUỐC HỘI"}


def of_the_legislature(issuer: str | None, number: str | None) -> bool:
    """A document of the Assembly, its Standing Committee or the President: its symbol's code carries the term
    ('59/2020/QH14', '1654/NQ-UBTVQH15') or its issuer is one of LEGISLATURE. Another body's document may quote
    their sentences and print its subject in capitals above its own enacting body's line."""
    sym = parse_symbol(number) if number else None
    if sym is not None and term_code(sym.issuer_abbr):
        return True
    return " ".join(fold(issuer or "").split()) in {" ".join(fold(b).split()) for b in LEGISLATURE}


MOTTO_STATE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_PARTY = "ĐẢNG CỘNG SẢN VIỆT NAM"
# either motto on a folded line as OCR reads it: the state's by its first words, the Party's with its 'Đ' read as
# d/p/b/dp/bp and a mark read as a second vowel ('ĐẢẲNG'); words may run together
MOTTO = re.compile(r"c[o6]ng\s*h[o6]a\s*x|(?:dp|bp|d|p|b)(?:[a-z]|a[a-z])ng\s*c[o6]ng\s*s[a-z]n")
SLOGAN = re.compile(r"(?<![a-z])d[o6]c\s*+l[a-z]p\s*+-")  # 'Độc lập - Tự do - Hạnh phúc' under the motto
# ranks printed before a signer's name in the police and the army ('Trung tá Ngô Văn Công')
RANKS = ("Đại tướng", "Thượng tướng", "Trung tướng", "Thiếu tướng", "Đại tá", "Thượng tá", "Trung tá",
         "Thiếu tá", "Đại úy", "Thượng úy", "Trung úy", "Thiếu úy")


# A body's name opens on a letter or digit and ends on one or on ')' ('BỘ Y TẾ', 'SỞ GD&ĐT', 'BAN CHỈ ĐẠO 138'):
# a quote, dot or stroke at either end is a speck or the rule's edge read as a sign.
# (each run of signs tried from its first sign only, so a long one costs its length, not its square)
_NAME_EDGES = re.compile(r"^[\W_]++|(?<![^\w)]|_)(?:[^\w)]|_)++$")


def body_name(text: str) -> str:
    """An issuer line without the signs at its ends that no body's name has: '“TỈNH ỦY KHÁNH HÒA' -> 'TỈNH ỦY KHÁNH HÒA'."""
    return _NAME_EDGES.sub("", text)


def _loose(name: str) -> str:
    """Folded name as a pattern that survives OCR: 'Đ' read as p/b/dp, one letter lost or added."""
    out = []
    for word in fold(name).split():
        first = "(?:dp|bp|d|p|b)" if word[0] == "d" else re.escape(word[0])
        out.append(first + "[a-z0-9&@]{%d,%d}" % (max(0, len(word) - 2), len(word)))
    return r"[\s.,_-]*".join(out)  # words glued, or a speck read as a sign between them ('KẾ.HOẠCH')


@lru_cache(maxsize=1)
def _type_line_patterns() -> tuple[tuple[re.Pattern, DocType], ...]:
    return tuple((re.compile(_SPECKS + _loose(t.name) + _SPECKS + "$"), t) for t in DOC_TYPES
                 if t.code != "official_letter")


# what may stand around a type name: signs, and a lone accent (a speck read as 'ˆ', which Unicode counts a letter)
_SPECKS = r"[\W_\u02b0-\u02ff]*"


# an annex's heading ('PHỤ LỤC', 'Phụ lục II', 'PHỤ LỤC SỐ 02'): no type's name, though its letters loosely fit
# PHÁP LỆNH's
ANNEX_HEADING = re.compile(r"^[\W_]*+ph[uv]\s*+l[uv]c\b")
DRAFT_MARK = "DỰ THẢO"  # printed above a draft's header (NĐ 30 Phụ lục I): a mark, no title


def type_of_line(folded_line: str, *, loose: bool = True) -> DocType | None:
    """The type whose name is the whole (folded) line: 'QUYẾT ĐỊNH', 'CHI THI', 'BAO CAO CHINH TRI'.
    A line that reads a type's name letter for letter is that type ('THÔNG TƯ', not THÔNG TRI with a
    letter lost); one that reads a body's name is none ('CHÍNH PHỦ' fits CÔNG ĐIỆN's loose letters);
    else one capital misread ('BÁO GÁO'); else, with `loose`, the nearest of the names the line loosely
    fits (a body's line fits some too: 'CÔNG ĐOÀN', 'TRUNG TÂM'); a name of four words only within a
    quarter of its letters, as four first letters fit many bodies' names ('TRUNG TÂM LƯU TRỮ'). A type's name with whose the document
    is after it ('QUYẾT ĐỊNH CỦA UỶ BAN NHÂN DÂN TỈNH …') is that type too."""
    from vnresolve.parsers import bodies

    if owned := type_with_owner(folded_line):
        return type_of_line(owned, loose=False)  # a post's words before 'của' loosely fit a type's ('CHỦ TỊCH')
    key = " ".join(re.sub(r"[\W_]+", " ", folded_line).split())
    if exact := _types_by_name().get(key):
        return exact
    if key in bodies.folded_names() or ANNEX_HEADING.match(key) or key in _folded_posts():
        return None  # a signer's post ('CHỦ TỊCH') loosely fits a type's letters (CHỈ THỊ) too
    # a capital read as one of like outline ('BÁO GÁO'): the loose letters hold a word's first letter as printed
    confused = [t for name, t in _types_by_name().items() if one_letter_misread(key, name, CAPITAL_MISREAD_PAIRS)]
    if len(confused) == 1:
        return confused[0]
    if not loose:
        return None
    fits = [t for pattern, t in _type_line_patterns() if pattern.match(folded_line)
            and (len(t.name.split()) < 4 or Levenshtein.distance(key, fold(t.name)) <= len(t.name) // 4)]
    return min(fits, key=lambda t: Levenshtein.distance(key, fold(t.name)), default=None)


# older documents print whose the document is on the type's line ('QUYẾT ĐỊNH CỦA CHỦ TỊCH UỶ BAN NHÂN DÂN
# TỈNH …', 'CHỈ THỊ CỦA UỶ BAN …'): the type's two to four words, 'của' as OCR reads it, two words or more
_OWNED = re.compile(r"^[\W_]*+((?:[a-z]++[\W_]++){1,3}[a-z]++)\s++(?:cua|ciia|cia|ctia)\s++[a-z0-9]++(?:[\W_]++[a-z0-9]++)++[\W_]*+$")


# a subject's opening words ('V/v …', 'Về việc …'): a capitals line so opened is the subject, not a name
SUBJECT_OPENING = re.compile(r"^[\W_]*+(?:v\s*+/\s*+v|ve\s++viec)\b")


# the capitals lines a Party document prints between its type and its subject naming whose it is (HD 36 practice:
# 'CỦA BỘ CHÍNH TRỊ', 'CỦA BAN CHẤP HÀNH ĐẢNG BỘ PHƯỜNG', a Central Committee resolution's plenum 'HỘI NGHỊ LẦN THỨ
# SÁU BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG' / 'KHÓA XII'), folded openings as printed, then 'của' as OCR reads it
ORGAN_LINE_OPENINGS = ("cua", "hoi nghi lan thu", "hoi nghi trung uong", "hoi nghi ban chap hanh",
                       "ban chap hanh trung uong")
_ORGAN_LINE_READINGS = ("ciia", "cia", "ctia")
# a plenum's line broken before its term: 'KHÓA XII' or 'ĐẢNG KHÓA XII' alone (not a subject's 'KHOA HỌC …'); a
# committee's plenum adds the term's years or marks an enlarged plenum ('KHÓA XX, NHIỆM KỲ 2020 - 2025', '(MỞ RỘNG)')
_TERM_TAIL = r"(?:\(?\s*+mo\s++rong\s*+\)?|nhiem\s++ky\s++\d{4}\s*+[-–]\s*+\d{4})"
# the term's numeral as OCR reads it: 'VIII' read 'VIH' (two I's joined into an H), an I read '1' or 'l'
_TERM_LINE = (r"(?:(?:dang\s++)?khoa\s++[ivxlh1]++|" + _TERM_TAIL + r")(?:[\s,;]*+" + _TERM_TAIL + r")*+[\W_]*+$")
_ORGAN_LINE = re.compile(r"^[\W_]*+(?:(?:" + "|".join(o.replace(" ", r"\s++") for o in
                                                     ORGAN_LINE_OPENINGS + _ORGAN_LINE_READINGS) + r")\b|" + _TERM_LINE + ")")


def names_the_organ(folded_line: str) -> bool:
    """Whether a (folded) capitals line under a type name names whose the document is, not its subject; an
    opening's first word read with a capital misread ('GỦA BAN BÍ THƯ') too, a printed opening's only: a misread of
    OCR's own reading is a word of its own ('GIA HẠN …' is no 'CIA' for 'CỦA')."""
    if _ORGAN_LINE.match(folded_line):
        return True
    first, _, rest = re.sub(r"^[\W_]+", "", folded_line).partition(" ")
    return any(one_letter_misread(first, o.split()[0], CAPITAL_MISREAD_PAIRS) and bool(_ORGAN_LINE.match(
        " ".join([o.split()[0], rest]))) for o in ORGAN_LINE_OPENINGS)


def type_with_owner(folded_line: str) -> str | None:
    """The (folded) type's name of a line that names whose the document is after it, 'của …'; else None."""
    m = _OWNED.match(folded_line)
    return m[1] if m else None


def owner_goes_on(folded_line: str, issuer: str | None) -> bool:
    """Whether a capitals line under a type line naming whose the document is ends that name ('… TỈNH SƠN' /
    'LA'): its words end the header's issuer, as the owner's name does, a letter or so misread; a subject in
    capitals ('VỀ PHƯƠNG HƯỚNG …', 'QUY ĐỊNH MỨC THU …') does not."""
    words = re.sub(r"[\W_]+", " ", folded_line).split()
    named = re.sub(r"[\W_]+", " ", fold(issuer or "")).split()
    if not words or len(words) > len(named) or SUBJECT_OPENING.match(folded_line):
        return False
    key = " ".join(words)
    return Levenshtein.distance(key, " ".join(named[-len(words):])) <= len(key) // 6


@lru_cache(maxsize=1)
@lru_cache(maxsize=1)
def _folded_posts() -> frozenset[str]:
    return frozenset(" ".join(fold(p).split()) for p in ALL_POSTS)


def _types_by_name() -> dict[str, DocType]:
    return {fold(t.name): t for t in DOC_TYPES if t.code != "official_letter"}


def type_of_abbreviation(abbr: str) -> list[DocType]:
    """Types whose state or Party abbreviation is `abbr` (case- and Đ/D-insensitive)."""
    key = fold(abbr)
    return [t for t in DOC_TYPES if key in (fold(t.state or "\0"), fold(t.party or "\0"))]


def names_a_letter(type_abbr: str | None) -> bool:
    """Whether a symbol's type part names no type but a công văn's ('3722/VPCP-CN', '123-CV/TU'): a document
    printing no type name under such a symbol is a công văn."""
    named = type_of_abbreviation(type_abbr) if type_abbr else []
    return not named or named[0].code == "official_letter"


@dataclass(frozen=True)
class Symbol:
    """A number and symbol taken apart: '84/QĐ-UBND', '21/2026/TT-BCT', '3722/VPCP-CN', '04-NQ/TU'."""

    number: str | None  # the serial as printed ('84'); None where the template was left blank
    year: int | None
    type_abbr: str | None  # 'QĐ', 'NQ'; None for a công văn
    issuer_abbr: str | None  # 'UBND', 'TU', 'BCT', 'VPCP'
    unit_abbr: str | None  # a công văn's drafting unit ('CN' in '3722/VPCP-CN')
    style: str  # 'state' or 'party'
    text: str  # the symbol as normalised: spaces removed


# Units whose code holds a period: the Government Office's Vụ numbered in Roman letters, after the Office's
# code or the Prime Minister's whose letters it drafts ('3722/VPCP-V.I', '380/TTg-V.I'); no other body's
# code does, so '.I' after another code is none of it
_VU = ("V.I", "V.II", "V.III")
DOTTED_UNITS = {"VPCP": _VU, "TTg": _VU}
_DOTTED = "|".join(rf"(?<=[/-]{re.escape(body)})-(?:{'|'.join(map(re.escape, units))})"
                   for body, units in DOTTED_UNITS.items())
# State: [number]/[year/]TYPE-BODY[-...] or [number]/BODY-UNIT; Party: [number]-TYPE/BODY[-...].
_STATE = re.compile(r"^(?P<num>[0-9]{1,5})?/(?:(?P<year>(?:19|20)\d\d)/)?(?P<rest>[A-Za-zĐđ][A-Za-zĐđ0-9&]*"
                    rf"(?:-[A-Za-zĐđ0-9&]+)*(?:{_DOTTED})?)$")
_PARTY = re.compile(r"^(?P<num>[0-9]{1,5})?-(?P<type>[A-Za-zĐđ]{1,5})/(?P<rest>[A-Za-zĐđ0-9&]+(?:-[A-Za-zĐđ0-9&]+)*)$")


def parse_symbol(text: str) -> Symbol | None:
    s = re.sub(r"\s+", "", text).strip(".,;:")
    if m := _PARTY.match(s):
        parts = m.group("rest").split("-")
        return Symbol(m.group("num"), None, m.group("type"), parts[0], "-".join(parts[1:]) or None, "party", s)
    if m := _STATE.match(s):
        parts = m.group("rest").split("-")
        year = int(m.group("year")) if m.group("year") else None
        if len(parts) >= 2 and type_of_abbreviation(parts[0]):
            return Symbol(m.group("num"), year, parts[0], parts[1], "-".join(parts[2:]) or None, "state", s)
        # a công văn: BODY-UNIT, no type abbreviation
        return Symbol(m.group("num"), year, None, parts[0], "-".join(parts[1:]) or None, "state", s)
    return None


def type_agrees(symbol: Symbol, doc_type: DocType | None) -> bool | None:
    """Whether the symbol's type abbreviation names the printed type (None when either is missing).
    A công văn has no abbreviation in a state symbol, and 'CV' in a Party or police one."""
    if doc_type is None:
        return None
    if symbol.type_abbr is None:
        if (code := term_code(symbol.issuer_abbr)) and symbol.year and not symbol.unit_abbr:
            return doc_type.code in TERM_CODES[code]
        return doc_type.code == "official_letter"
    return doc_type in type_of_abbreviation(symbol.type_abbr)


def authority_prefix(text: str) -> str | None:
    """'TM.', 'KT.', … when `text` starts with a signing-authority prefix ('T/M', 'K/T', 'KT .')."""
    # '_' is noise too: OCR reads a stroke or an underline before the block as underscores
    # a speck read as a letter stuck before a prefix of two or three ('FTM.') is none of it: no post opens so
    m = re.match(r"^[\W_]*(?:(t\s*/\s*m|t\s*/\s*l|t\s*/\s*uq|k\s*/\s*t)\s*[.:]?\s|[a-z]?(tuq|tm|kt|tl)\s*\.|(q)\s*\.)",
                 fold(text))
    if not m:
        # its dot or slash lost or read as a comma ('TM BAN THƯỜNG VỤ') or the letter before the slash ('/M BAN …'): each still
        # names one prefix, and no post or body's name opens so; the words after it are in capitals
        # ('Q CHỦ TỊCH', 'Q- CHỦ TỊCH': no post opens on a lone Q either); a T read as '1' before the slash ('1/M')
        m = re.match(r"^[\W_]*?(?:(tuq|tm|kt|tl|q)\s*[,:;-]?|[1l|]?/\s*(m|t|l|uq))\s+(?=\w)", fold(text))
        if not m or not re.match(r"[A-ZĐÀ-Ỹ]{2}", text[m.end():]):
            return None
        return dict(AUTHORITY)[m.group(1) or {"m": "tm", "t": "kt", "l": "tl", "uq": "tuq"}[m.group(2)]]
    key = re.sub(r"[\s/]", "", m.group(1) or m.group(2) or m.group(3))
    return dict(AUTHORITY).get(key)


# Posts printed in a signature block (NĐ 30/2020 Phụ lục I mẫu 1.1-1.6; HD 36): a line in the
# block is a post only when it holds one of these head words, so a fragment left by a seal
# ('VĂN PHÒNG', 'HÓ') is not taken for one.
POST_WORDS = ("CHỦ TỊCH", "GIÁM ĐỐC", "TRƯỞNG", "CHÁNH", "PHÓ", "BÍ THƯ", "CHỦ NHIỆM", "TỔNG THƯ KÝ",
              "ỦY VIÊN", "THANH TRA", "KẾ TOÁN", "THỦ TƯỚNG", "CHỦ TỌA")
# The common posts, to complete one whose first words a seal or a signature hid.
POSTS = ("CHỦ TỊCH", "PHÓ CHỦ TỊCH", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG",
         "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG", "BÍ THƯ", "PHÓ BÍ THƯ",
         "BỘ TRƯỞNG", "THỨ TRƯỞNG", "CỤC TRƯỞNG", "PHÓ CỤC TRƯỞNG", "VỤ TRƯỞNG", "PHÓ VỤ TRƯỞNG",
         "CHÁNH THANH TRA", "PHÓ CHÁNH THANH TRA", "HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG", "TỔNG GIÁM ĐỐC",
         "PHÓ TỔNG GIÁM ĐỐC", "CHỦ NHIỆM", "PHÓ CHỦ NHIỆM", "THỦ TƯỚNG", "PHÓ THỦ TƯỚNG",
         "CHỦ TỌA")  # a biên bản's chair (NĐ 30's biên bản form: THƯ KÝ left, CHỦ TỌA right)
# The most common family names, to restore one whose first letter the signature covered ('rần' for 'Trần').
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ",
            "Ngô", "Dương", "Lý", "Đào", "Đoàn", "Vương", "Trịnh", "Trương", "Lâm", "Phùng", "Mai", "Tô", "Hà",
            "Tạ", "Lương", "Đinh", "Cao", "Lưu", "Châu", "Thái", "Quách", "Tăng", "Văn", "Lại", "Kiều")
# Family names beyond the common ones, so that a name whose first word is none of these is doubted
# as misread ('Trật' for 'Trần'): Kinh names and those of peoples who name as the Kinh do (Tày, Thái, Mường …).
# The family names of the peoples whose names hold a particle (Ê Đê, Jrai, Hmong …) are in
# data/name_particles.txt (PARTICLES); a clan name listed here too (Lý, Lò, Hầu) is a Kinh or Thái one as well.
RARER_SURNAMES = ("Từ", "Triệu", "Khổng", "Âu", "Mạc", "Thân", "La", "Doãn", "Kim", "Nghiêm", "Chu", "Giang",
                  "Bạch", "Tiêu", "Lục", "Hứa", "Diệp", "Ông", "Chế", "Lò", "Quan", "Hầu", "Lữ", "Phó", "Tống",
                  "Khúc", "Đồng", "Nông", "Bế", "Hoàng", "Đàm", "Khuất", "Cù", "Ninh", "Ứng", "Kha", "Viên",
                  "Lường", "Cầm", "Quàng", "Điêu", "Bạc", "Đinh", "Lăng", "Vi", "Hà", "Tòng", "Lù", "Lã", "Điểu")


DATA = Path(__file__).resolve().parent / "data"


def numbered_rows(path: Path, fields: int) -> list[tuple[int, tuple[str, ...]]]:
    """data_rows' rows, each with its line number in the file, for an error about a row's contents."""
    rows = []
    text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8-sig"))
    for number, line in enumerate(text.splitlines(), 1):
        if not (kept := line.split("#", 1)[0].strip()):
            continue
        row = tuple(re.split(r"\t+", kept))
        if len(row) != fields:
            raise ValueError(f"{path}:{number}: {fields} tab-separated fields expected, {len(row)} read: {line!r}")
        rows.append((number, row))
    return rows


def data_rows(path: Path, fields: int) -> list[tuple[str, ...]]:
    """The rows of a data file (data/*.txt), each of `fields` tab-separated fields: the file read as UTF-8 (a
    BOM dropped) and NFC-normalised, '#' comments and blank lines left out; a row of another shape is an
    error naming the file and its line."""
    return [row for _, row in numbered_rows(path, fields)]


def particles(path: Path = DATA / "name_particles.txt") -> dict[tuple[str, str], frozenset[str]]:
    """A particles file's (particle, place) -> the family names that confirm it there; a row whose place is
    neither 'first' nor 'second' is an error naming the file and its line."""
    out: dict[tuple[str, str], frozenset[str]] = {}
    for number, (words, place, families, _) in numbered_rows(path, 4):
        if place not in ("first", "second"):
            raise ValueError(f"{path}:{number}: place '{place}' of '{words}' is neither 'first' nor 'second'")
        names = frozenset() if families == "-" else frozenset(" ".join(f.split()) for f in families.split(","))
        for word in words.split():
            out[(word, place)] = out.get((word, place), frozenset()) | names
    return out


# (particle, place in a name: 'first' or 'second') -> the family names that confirm it there (each of one word
# or two, 'Rơ Châm'): the short words ethnic minorities' names hold by their conventions (data/name_particles.txt)
PARTICLES = particles()
# The family names of those peoples that open a name on their own as a known family name ('Ksor Phước',
# 'Vàng A Chứ'; 'Y' and 'H' open Ê Đê names). The file's other family names ('Niê', 'Thò') count only
# where a particle confirms them: as a name's first word they are likelier a misread Kinh name ('Thò' for 'Thơ').
MINORITY_SURNAMES = ("Y", "H", "Sùng", "Lầu", "Vàng", "Giàng", "Thào", "Mùa", "Ksor", "Rơ", "Nay", "Siu", "Rah", "Kpă")

# Common given and middle names, to catch a tone mark or a last letter OCR misread in a name ('Tuần'
# for 'Tuấn', 'Lin' for 'Linh'): a name has no sentence round it to check it by. Counted from the
# corpus by `python -m training.names` (the words after a family name in people's names).
NAME_DOCUMENTS = {word: int(docs) for word, docs in data_rows(DATA / "name_words.txt", 2)}
NAME_WORDS = frozenset(NAME_DOCUMENTS)
# A misread name word that fits several common ones is taken as the one borne in this many times the
# documents of every other: the reading, one mark or letter from each, does not tell them apart, and
# a tenfold prior outweighs what makes one OCR confusion likelier than another
COMMONER = 10


def name_word_known(word: str) -> bool:
    """Whether `word` is a common name word or a family name (in either tone placement)."""
    from vnresolve.diacritics.vntext import normalize_tone

    return normalize_tone(word) in NAME_WORDS or known_surname(word)


@lru_cache(maxsize=1)
def _name_words_by_letters() -> dict[str, tuple[str, ...]]:
    """The common name words by their letters without the tone mark: 'Đinh' -> ('Đình', 'Đỉnh', 'Định', …)."""
    from vnresolve.diacritics.vntext import split_tone

    out: dict[str, list[str]] = {}
    for n in sorted(NAME_WORDS):
        out.setdefault(split_tone(n)[0], []).append(n)
    return {letters: tuple(names) for letters, names in out.items()}


def name_word_fits(word: str) -> list[str]:
    """The common name words a word of a name that is none of them (nor a family name, which is also
    a middle name: 'Trần Nguyễn Minh Thành') may be misread from: the same letters with another tone
    mark ('Hũng' for 'Hùng'), or with its last letter lost ('Lin' for 'Linh'). A name spelt with
    the old tone placement ('Thuỷ', 'Hoà') is the one the list spells in the new."""
    from vnresolve.diacritics.vntext import split_tone

    if name_word_known(word):
        return []
    return sorted({*_name_words_by_letters().get(split_tone(word)[0], ()), *(n for n in NAME_WORDS if n[:-1] == word)})


def commonest_name_word(fits: list[str]) -> str | None:
    """Of the name words a misread word fits, the one far commoner than each other one (COMMONER);
    None when none is ('Tuấn', in thirty times the names 'Tuân' is in; not 'Hòa' over 'Hoa')."""
    ranked = sorted(fits, key=lambda w: -NAME_DOCUMENTS[w])
    if len(ranked) == 1 or len(ranked) > 1 and NAME_DOCUMENTS[ranked[0]] >= COMMONER * NAME_DOCUMENTS[ranked[1]]:
        return ranked[0]
    return None


def far_commoner_tone(word: str) -> str | None:
    """The name word with `word`'s letters and another tone mark borne in COMMONER times the names
    `word` is ('Đình' for 'Đỉnh'), or None: a tone mark is what OCR misreads most, and a name read as
    the rare one of the two is likelier the common one misread."""
    from vnresolve.diacritics.vntext import split_tone

    if word not in NAME_DOCUMENTS:
        return None
    fits = [n for n in _name_words_by_letters()[split_tone(word)[0]] if n != word]
    top = max(fits, key=NAME_DOCUMENTS.__getitem__, default=None)
    return top if top and NAME_DOCUMENTS[top] >= COMMONER * NAME_DOCUMENTS[word] else None


@lru_cache(maxsize=1)
def _name_words_by_bare_letters() -> dict[str, tuple[str, ...]]:
    """The common name words by their letters without any mark: 'huong' -> ('Hương', 'Hường', 'Hưởng', …)."""
    out: dict[str, list[str]] = {}
    for n in sorted(NAME_WORDS):
        out.setdefault(fold(n), []).append(n)
    return {letters: tuple(names) for letters, names in out.items()}


def commoner_marking(word: str) -> str | None:
    """The commonest name word with `word`'s letters and other marks, where it is borne in more names than
    `word`, a common name word, is ('Hương' for 'Hường'); None otherwise."""
    from vnresolve.diacritics.vntext import normalize_tone

    own = normalize_tone(word)
    if own not in NAME_DOCUMENTS:
        return None
    top = max((n for n in _name_words_by_bare_letters().get(fold(own), ()) if n != own),
              key=NAME_DOCUMENTS.__getitem__, default=None)
    return top if top and NAME_DOCUMENTS[top] > NAME_DOCUMENTS[own] else None


def is_post(text: str) -> bool:
    """Whether `text` names a post ('PHÓ CHÁNH VĂN PHÒNG', 'CHỦ TỊCH UBND TỈNH'), not a body or a fragment."""
    folded = f" {fold(text)} "
    # or opens with a post beyond the common ones whose words hold no head word ('THỐNG ĐỐC', 'TƯ LỆNH')
    return any(f" {fold(w)} " in folded for w in POST_WORDS) or any(folded.startswith(f" {fold(p)} ") for p in MORE_POSTS)


# A minister's deputy is a THỨ TRƯỞNG (NĐ 30 mẫu 1.x: 'KT. BỘ TRƯỞNG / THỨ TRƯỞNG'); other heads' deputies are PHÓ …
_DEPUTIES = {"BỘ TRƯỞNG": "THỨ TRƯỞNG"}


def deputy_post(head: str) -> str:
    """The post of the deputy who signs for `head` under KT."""
    return _DEPUTIES.get(head, f"PHÓ {head}")


def is_deputy(post: str) -> bool:
    return post.startswith("PHÓ ") or post in _DEPUTIES.values()


def complete_post(fragment: str, deputy: bool | None) -> str | None:
    """The one known post a fragment is the end of ('VĂN PHÒNG' -> 'CHÁNH VĂN PHÒNG') or the start of
    with its first letter lost ('HÓ' -> 'PHÓ …'). `deputy`: the block says the signer is a deputy
    (KT.: True) or not (TL., TM.: False); None when it does not say. None when not one post fits."""
    if deputy is None and any(fold(p) == fold(fragment).strip() for p in ALL_POSTS):
        return None  # a known post read whole is no fragment: a deputy's 'PHÓ' before it is the block's to say
    fits = [p for p in POSTS if post_fits(fragment, p)]
    if deputy is not None:
        fits = [p for p in fits if is_deputy(p) == deputy]
    return fits[0] if len(fits) == 1 else None


def misread_post(text: str, deputy: bool | None = None) -> str | None:
    """The one known post `text` is within a letter or two of ('GLÁM ĐỌC' for 'GIÁM ĐỐC': OCR reads
    i as l, a seal's red over a mark): the closest at 85 % alike or more, when no other is as close.
    `deputy` as in complete_post."""
    from rapidfuzz import fuzz

    key = fold(text).strip()
    posts = [p for p in POSTS if deputy is None or is_deputy(p) == deputy]
    # spaces aside too: two words read as one ('BÍ THƯ' as 'EITHU') or one split are a letter or two apart, where
    # none of the post's letters is lost (spaces aside, a fragment clears the bar against longer posts: 'PHÓ THỦ')
    bare = key.replace(" ", "")
    scored = sorted(((max(fuzz.ratio(key, fold(p)), fuzz.ratio(bare, fold(p).replace(" ", ""))
                          if len(bare) >= len(fold(p).replace(" ", "")) else 0), p)
                     for p in posts), reverse=True)
    if scored[0][0] >= 85 and (len(scored) == 1 or scored[1][0] < scored[0][0]):
        return scored[0][1]
    return None


def post_from_pieces(text: str, deputy: bool | None = None) -> str | None:
    """The one known post whose letters hold the words read, in order, each whole ('HÁNH VĂ ONG' for
    'CHÁNH VĂN PHÒNG': OCR lost letters at its start and inside), where they are most of its letters.
    `deputy` as in complete_post; None where no post or several hold them."""
    words = fold(text).split()
    if len(words) < 2 or any(len(w) < 2 for w in words):
        return None
    fits = []
    for post in ALL_POSTS:
        full, at, held = fold(post), 0, set()
        for w in words:
            at = full.find(w, at)
            if at < 0:
                break
            held.update(range(at, at + len(w)))
            at += len(w)
        else:
            fits.append((post, all(held & set(range(m.start(), m.end())) for m in re.finditer(r"\S+", full))))
    fits = [(p, whole) for p, whole in fits if deputy is None or is_deputy(p) == deputy]
    # each word of it must hold a piece: a word none touches ('PHÓ' before 'CHU TICH') was never read
    if len(fits) != 1 or not fits[0][1] or sum(map(len, words)) < 0.6 * len(fold(fits[0][0]).replace(" ", "")):
        return None
    return fits[0][0]


def _signing_names(kind: str) -> tuple[str, ...]:
    lines = (Path(__file__).resolve().parent / "data" / "posts.txt").read_text(encoding="utf-8").splitlines()
    return tuple(name for k, name in (line.split("\t") for line in lines if line.strip() and not line.startswith("#"))
                 if k == kind)


# Posts beyond the common ones, and the bodies a TM. line signs for (data/posts.txt): what a block may
# print right besides POSTS
MORE_POSTS = _signing_names("post")
SIGNING_BODIES = _signing_names("body")
ALL_POSTS = POSTS + MORE_POSTS

# digits and signs OCR reads for the letters they look like, folded ('B0 TRƯỞNG', '8Ộ TRƯỞNG', 'ÐỐC' with an eth)
LOOKALIKES = str.maketrans({"0": "o", "1": "i", "8": "b", "5": "s", "ð": "d", "|": "i"})
# the cost within which a reading is taken for a name: two letters OCR confuses, or one and the first letter lost
NEAR_COST = 1.0
# 'TT.' (thường trực: 'TT. HĐND TỈNH') opens a block's line too, though it is no authority form's prefix
OTHER_PREFIXES = ("tt",)


def misread_cost(read: str, name: str) -> float:
    """Cost from folded `name` to folded `read` through the misreadings print OCR makes, 0.5 each: a letter
    read as one OCR confuses it with (MISREAD_PAIRS), the name's first letter lost (a seal or a stroke over
    the line's start); infinite where any other letter differs, is lost or is added."""
    if len(read) == len(name) - 1:
        name, cost = name[1:], 0.5
    elif len(read) == len(name):
        cost = 0.0
    else:
        return float("inf")
    for a, b in zip(read, name):
        if a != b:
            if frozenset((a, b)) not in MISREAD_PAIRS:
                return float("inf")
            cost += 0.5
    return cost


def ocr_key(text: str) -> str:
    """Folded `text` with the digits and signs OCR reads for letters taken as those letters."""
    return " ".join(fold(text).translate(LOOKALIKES).split())


def tone_placed(text: str, keep_case: bool = False) -> str:
    """Each word's tone mark where the new rule puts it, in lower case ('HOÀ' and 'hòa' alike) or, with
    `keep_case`, as printed ('HOÀ' and 'HÒA' alike, 'Hòa' another)."""
    from vnresolve.diacritics.vntext import normalize_tone

    return " ".join(normalize_tone(w) for w in (text if keep_case else text.lower()).split())


@lru_cache(maxsize=1)
def _title_words() -> tuple[frozenset[str], frozenset[str]]:
    from vnresolve.parsers import bodies

    words = {w for name in (*ALL_POSTS, *POST_WORDS, *SIGNING_BODIES, *bodies.listed())
             for w in re.findall(r"[^\W\d_]+", name)}
    return frozenset(tone_placed(w) for w in words), frozenset(fold(w) for w in words)


def is_title_word(word: str) -> bool:
    """Whether `word` as printed is a word of a known post's or body's name ('HỘI', 'THỦ', 'QUÂN'): a word
    OCR may have misread from another is one of these only by chance, and is taken as read."""
    return tone_placed(word) in _title_words()[0]


def reads_as_title_word(word: str) -> bool:
    """Whether `word`, holding a digit, is a known post's or body's word with the letters OCR reads as
    digits ('B0', 'T1CH'); a unit's number or code ('3A', 'KT01') is none, nor is a number ('80')."""
    return not word.isdigit() and fold(word).translate(LOOKALIKES) in _title_words()[1]


@lru_cache(maxsize=1)
def listed_names() -> frozenset[str]:
    """The listed posts' and bodies' names, tone_placed."""
    from vnresolve.parsers import bodies

    return frozenset(tone_placed(name) for name in (*ALL_POSTS, *SIGNING_BODIES, *bodies.listed()))


def title_word_differs(read: list[str], name: list[str]) -> bool:
    """Whether `read` is no misreading of `name`: a word of it that differs from the name's in its letters
    is a post's or body's word itself ('HỘI TRƯỞNG' of 'ĐỘI TRƯỞNG'), or one that differs in its marks only
    is, and the read is a listed name of its own ('THỦ TRƯỞNG' of 'THỨ TRƯỞNG'). Common words are title
    words ('TRƯỜNG', 'PHỐ', 'THỦ'): a tone misread on them ('HIỆU TRƯỜNG') is a misreading."""
    differ = [(r, w) for r, w in zip(read, name) if r != w and tone_placed(r) != tone_placed(w) and is_title_word(r)]
    if any(fold(r) != fold(w) for r, w in differ):
        return True
    return bool(differ) and tone_placed(" ".join(read)) in listed_names()


def is_named(text: str, names: tuple[str, ...]) -> bool:
    """Whether `text` is one of `names` whole, its tone marks placed by the old rule or the new."""
    placed = tone_placed(text)
    return any(text == name or placed == tone_placed(name) for name in names)


def reading_of(text: str, names: tuple[str, ...]) -> tuple[str, list[tuple[float, str]]]:
    """How a read post or body stands to the known `names`, each compared whole and with the read's
    first words ('GIÁM ĐỐC SỞ …' opens with 'GIÁM ĐỐC'): ('known', []) when the read is one or opens
    with one as printed; else the (cost, read with those words as the name prints them) of each name it
    is, or opens with, once its marks and the digits read for letters are set aside (cost 0) and within
    NEAR_COST of letters OCR confuses, closest first. A name is no reading where a word of the read
    that differs from it is a word of a known post or body itself ('HỘI TRƯỞNG' is no misread 'ĐỘI
    TRƯỞNG', 'QUÂN ỦY' no 'QUẬN ỦY'): such a line is as printed."""
    words = text.split()
    near: dict[str, float] = {}
    for name in names:
        parts = name.split()
        n = len(parts)
        if n > len(words):
            continue
        lead = words[:n]
        if lead == parts or tone_placed(" ".join(lead)) == tone_placed(name):  # 'UỶ BAN' is 'ỦY BAN' in the old placement
            return "known", []
        if title_word_differs(lead, parts):
            continue
        cost = misread_cost(ocr_key(" ".join(lead)), fold(name))
        if cost <= NEAR_COST:
            mended = " ".join([name, *words[n:]])
            near[mended] = min(cost, near.get(mended, cost))
    return "near", sorted(((c, m) for m, c in near.items()), key=lambda x: x[0])


def post_fits(fragment: str, post: str) -> bool:
    """Whether `fragment` is what is left of `post` when its first words or its first letter are lost."""
    key, full = fold(fragment).strip(), fold(post)
    if len(key) < 2 or key == full:
        return False
    if full.endswith(" " + key) or full[1:].startswith(key):
        return True
    # the first word's first letters lost ('Ó CHỦ TỊCH' for 'PHÓ CHỦ TỊCH'), or the last word's last ones,
    # the first words with them or not ('THỨ TRƯỞ' for 'THỨ TRƯỞNG', 'GIÁM ĐỐ' for 'PHÓ GIÁM ĐỐC': the seal over the line)
    kw, fw = key.split(), full.split()
    tail = fw[-len(kw):]
    return (len(kw) == len(fw) > 1 and kw[1:] == fw[1:] and fw[0].endswith(kw[0])
            or len(fw) >= len(kw) > 1 and kw[:-1] == tail[:-1] and len(kw[-1]) >= 2 and tail[-1].startswith(kw[-1])
            or len(kw) > 1 and full.startswith(key + " "))  # its last words lost ('PHÓ BÍ' for 'PHÓ BÍ THƯ')


def known_surname(word: str) -> bool:
    return kinh_surname(word) or word in MINORITY_SURNAMES


def kinh_surname(word: str) -> bool:
    """Whether `word` is a family name of the Kinh or of a people naming as they do (SURNAMES, RARER_SURNAMES)."""
    return word in SURNAMES or word in RARER_SURNAMES


def complete_surname(word: str) -> str | None:
    """'rần' -> 'Trần': the one family name that is `word` with its first letter restored."""
    fits = [s for s in SURNAMES if s[1:] == word]
    return fits[0] if len(fits) == 1 else None
