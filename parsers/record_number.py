"""The number line ('Số: 84/QĐ-UBND', '04-NQ/TU'): the serial and the symbol read whatever OCR did
to their signs and letters, then the symbol checked against the printed type, the 'Lưu:' item and
the issuer's initials (parsers/formats.py holds the symbol's grammar)."""

from __future__ import annotations

import enum
import re
from itertools import product

from rapidfuzz.distance import Levenshtein

from vnresolve.parsers import bodies, formats
from vnresolve.parsers.misreads import CAPITAL_MISREAD_PAIRS, one_letter_apart, one_letter_misread
from vnresolve.parsers.record_doubts import _doubt, _doubt_more, _low
from vnresolve.parsers.record_labels import _FILED, _SO, _SYMBOL, _VV
from vnresolve.parsers.regions import Run
from vnresolve.parsers.text import fold
from vnresolve.schemas import SymbolParts


def _digits(token: str) -> str | None:
    """A serial or day as printed; None when the token holds anything but digits (a handwritten
    '04' read as 'Ø2' or '8$')."""
    token = token.strip(" .,:;")
    return token if token.isdigit() else None


def bare_label(folded: str) -> bool:
    """Whether a folded line is the 'Số:' label alone: a symbol too long for the header's column set under it."""
    core = folded.rstrip().rstrip(":").rstrip()  # 'số:', 'số :', 'số:   '
    return (so := _SO.match(core)) is not None and so.end() >= len(core) and ":" in folded


_CODE_GOES_ON = re.compile(r"[A-Za-zĐđ][A-Za-zĐđ0-9&.]{0,9}(?:\s*[-/]|\s*$)")  # 'TTLT-BTC-BNV', 'QH14', 'BNV'
_SIGN_GOES_ON = re.compile(r"[/-]\s*" + _CODE_GOES_ON.pattern)  # '/TTLT-BTC-BNV' after a serial alone
# a line that opens with a serial and its symbol ('26/2001/TTLT-BGDĐT-…', '/CT-UBND'), not a sentence that
# cites one further on ('Về việc thực hiện Công văn 1234/BTC-NSNN'): the serial as misread as `_SYMBOL`
# allows, or dots; then a code followed by its sign or ending the line
_NUMBER_OPENING = re.compile(r"^\s*(?:[0-9OoØ©lI|$.…]{1,6}[,]?\s*)?[/-]\s*(?:(?:19|20)\d\d\s*/\s*)?"
                             + _CODE_GOES_ON.pattern)


def continues_number(text: str) -> bool:
    """Whether `text`, under a bare 'Số:' label, is the rest of its number line."""
    return bool(_NUMBER_OPENING.match(text))


_SERIAL_CHARS = "0-9oø©li|$.…"
# the part of a number line after its label where the column's edge cut it: a serial alone ('47'), or a
# serial and codes up to a sign ('47/', '26/2001/', '26/2001/ttlt-')
_CUT_NUMBER = re.compile(rf"[{_SERIAL_CHARS}]{{1,6}}|[{_SERIAL_CHARS}]{{0,6}}\s*[/-](?:[\w.]*[/-])*")


def open_number(folded: str) -> bool:
    """Whether a folded header line is a number line cut by its column's edge, the rest set under it:
    the label alone ('số:'), with its serial alone ('số: 47'), or cut after a sign ('số: 47/')."""
    if bare_label(folded):
        return True
    so = _SO.match(folded)
    return so is not None and ":" in folded[:so.end()] and bool(_CUT_NUMBER.fullmatch(folded[so.end():].strip()))


def joined_number(label: str, following: str) -> str | None:
    """The number line an open line (`open_number`) and the line under it make; None when that line
    does not go on with it (a line citing another document, the subject, a list's dash)."""
    head, rest = label.rstrip(), following.strip()
    if _VV.match(fold(rest).lstrip("- ")):
        return None  # a công văn's subject under its number line
    if bare_label(fold(head)):
        return f"{head} {rest}" if continues_number(rest) else None
    if head.endswith(("/", "-")):
        return head + rest if _CODE_GOES_ON.match(rest) else None
    return head + rest if _SIGN_GOES_ON.match(rest) else None


def _number_from(text: str, run: Run | None, meta) -> bool:
    """'Số: 84/QĐ-UBND' (or '04-NQ/TU') into number and symbol; True when the line was a number line."""
    so = _SO.match(fold(text))
    if not so:
        return False
    read, text = text, text[: so.end()] + _plain_code(text[so.end():])
    if lettered := _DIGIT_OPENING_CODE.search(text, so.end()):
        text = text[: lettered.start()] + _AS_LETTER[lettered.group(0)] + text[lettered.end():]
    text, lost = _separator_lost(text, so.end())
    text, quoted = _quote_for_sign(text, so.end())
    m = _SYMBOL.search(text, so.end())
    if not m:
        return False
    sym = formats.parse_symbol(re.sub(r"\s+", "", m.group("sym")))
    if sym is None:
        return False
    end = m.end()
    if dotted := _DOTTED_TAIL.match(text, end):
        # a code the grammar holds with a period in it ('3722/VPCP-V.I', the Government Office's Vụ I), the
        # longest that parses: the subject's 'V/v' may run on ('3722/VPCP-V.I.V/v')
        tail = dotted.group(0)
        for cut in [len(tail)] + [p.start() for p in reversed(list(_DOT_PART.finditer(tail)))][:-1]:
            if longer := formats.parse_symbol(m.group("sym") + tail[:cut]):
                sym, end = longer, end + cut
                break
    raw = m.group("num").strip()
    serial = _digits(raw)
    # the legislature's codes carry the term's digits by form ('QH14', 'UBTVQH15': formats.TERM_CODES)
    mixed = [part for part in (sym.issuer_abbr, sym.unit_abbr) if part and _MIXED.search(part)
             and not formats.term_code(part)]
    if mixed:
        # 'BCĐI38': OCR reads a 1 or a 0 among a body code's digits as I or O
        fixed = sym.text
        for part in mixed:
            fixed = fixed.replace(part, _DIGIT_LIKE.sub(lambda c: {"I": "1", "l": "1", "O": "0"}[c.group(0)], part))
        sym = formats.parse_symbol(fixed) or sym
    term_read = formats.term_code_misread(sym.issuer_abbr) if sym.text.endswith(sym.issuer_abbr or "\0") else None
    if term_read:
        sym = formats.parse_symbol(sym.text[: -len(sym.issuer_abbr)] + term_read) or sym
    meta.symbol = SymbolParts(number=serial, year=sym.year, type_abbr=sym.type_abbr, issuer_abbr=sym.issuer_abbr,
                              unit_abbr=sym.unit_abbr, style=sym.style)
    meta.number = (serial + sym.text) if serial else None
    if term_read:
        _doubt(meta, "number", f"the term in the symbol's '{term_read}' was read with letters for its digits", 0.45)
    if mixed:
        _doubt(meta, "number", f"the symbol mixes letters and digits ('{mixed[0]}'): S/8, B/8, O/0 and I/1 may be "
                               "misread", 0.45)
    if raw and not serial:
        _doubt(meta, "number", f"the serial '{raw}' is not all digits (handwritten or stamped?)", 0.1)
    elif serial and run is not None and _low(run, serial):
        _doubt(meta, "number", "the serial was read with low OCR confidence (handwritten?)", 0.4)
    elif not raw:
        _doubt(meta, "number", "the serial is blank in the template (filled in at signing?)", 0.0)
    if lettered:
        _doubt(meta, "number", f"the symbol's code opened on '{lettered.group(0)}' (no code opens on a digit): the "
                               "letter it looks like taken", 0.45)
    elif lost:
        _doubt(meta, "number", f"the symbol was read '{read[so.end():].strip()}': a slash or hyphen lost, put back", 0.45)
    elif quoted:
        _doubt(meta, "number", f"the symbol was read '{read[so.end():end].strip()}': a quote between two codes taken "
                               "for the sign that joins them", 0.45)
    elif text[so.end():end] != read[so.end():end]:  # the number and symbol only, not what follows on the line
        _doubt(meta, "number", f"the symbol was read '{read[so.end():end].strip()}': a code's letters are plain "
                               "capitals and Đ, so a mark on one is a speck", 0.45)
    if serial and text[end:end + 1].isalpha():
        # codes are plain capitals (NĐ 30/2020, HD 36): a marked letter after one is a letter misread, the code cut short
        _doubt(meta, "number", f"the symbol's code runs on into '{text[end]}', a letter no code has (misread?)", 0.4)
    if sym.style == "state" and sym.type_abbr is None and sym.unit_abbr is None and formats.type_of_abbreviation(sym.issuer_abbr):
        # NĐ 30: a type's abbreviation is followed by the body's code ('84/QĐ-UBND'): one standing alone lost it
        _doubt(meta, "number", f"the symbol '{sym.text}' names a type and no body (its code lost?)", 0.4)
    return True


_DOTTED_TAIL = re.compile(r"(?:\.[A-Za-z]++)++\.?+")
_DOT_PART = re.compile(r"\.[A-Za-z]++")


# a state code is letters (NĐ 30: the body's and the unit's initials), so a digit opening one after the
# slash is the letter it looks like, where only one does ('/5TC-KGVX' for '/STC-KGVX')
_AS_LETTER = {"5": "S", "6": "G", "7": "T"}  # no body code opens on Z, the letter a 2 looks like
_DIGIT_OPENING_CODE = re.compile(r"(?<=/)[567](?=[A-ZĐ]{2})")

# NĐ 30: serial/TYPE-BODY; HD 36: serial-TYPE/BODY. A serial run into its code ('195UBND-VP'), or a
# type's abbreviation and the body's code with a space between them ('20-BC TU'), lost the sign between
_RUN_ON = re.compile(r"(?<=\d)(?=[A-ZĐ]{2,}[A-Za-zĐđ]*\s*([-/]))")
_SPACED = re.compile(r"\d\s*([/-])\s*([A-ZĐ][A-Za-zĐđ]*)(\s+)(?=[A-ZĐ]{2,}[a-z]?(?:\s|$))")  # [a-z]: the PM's TTg


def _separator_lost(text: str, start: int) -> tuple[str, bool]:
    """`text` with the sign a symbol lost after `start` put back (the other style's sign of the two
    around it), and whether one was."""
    if m := _RUN_ON.search(text, start):
        if text[start:m.start()].strip().isdigit():
            return text[: m.start()] + ("/" if m.group(1) == "-" else "-") + text[m.start():], True
    if (m := _SPACED.search(text, start)) and formats.type_of_abbreviation(m.group(2)):
        return text[: m.start(3)] + ("/" if m.group(1) == "-" else "-") + text[m.end(3):], True
    return text, False


# a quote or an accent between two codes ('61/2008/TTLT-BXD'BGTVT'): no code holds one, so it is the hyphen or
# slash that joins them, cut short by a seal or a speck
# not before a Đ: its bar read apart as a quote inside one code ('BGD'ĐT', 'Q'Đ')
_QUOTED_SIGN = re.compile(r"(?<=[A-ZĐ])['‘’`´](?=[A-Z][A-ZĐ])")


def _quote_for_sign(text: str, start: int) -> tuple[str, bool]:
    """`text` with a quote between a symbol's codes after `start` read as the sign joining them: a hyphen
    after the state style's slash before the type code (NĐ 30: 'serial/TYPE-BODY-BODY'), else the Party
    style's slash ('04-NQ/TU', HD 36); and whether one was."""
    m = _QUOTED_SIGN.search(text, start)
    if m is None or not re.fullmatch(r"\s*[0-9OoØ©lI|]{0,5}\s*[-/](?:\s*[-/]\s*|[A-ZĐa-z0-9&])*", text[start:m.start()]):
        return text, False
    sign = "-" if re.search(r"/\s*[A-ZĐ]", text[start:m.start()]) else "/"
    return text[: m.start()] + sign + text[m.end():], True


def _plain_code(text: str) -> str:
    """A symbol's capitals as the codes print them (NĐ 30/2020, HD 36: plain letters and Đ): 'HÙ' is
    'HU' with a speck read as a mark, the look-alike 'Ð' (eth) is 'Đ' and a look-alike slash '/'."""
    def plain(c: str) -> str:
        if c in "Ðð":
            return "Đđ"["Ðð".index(c)]
        if c in "⁄∕／":
            return "/"  # a fraction or full-width slash, read for the slash
        return fold(c).upper() if c.isupper() and c != "Đ" and not c.isascii() else c
    return "".join(plain(c) for c in text)


# the symbol part of a number line, state ('/CT-UBND', '/2020/TT-BCT') or Party ('-NQ/TU')
_SYMBOL_FORM = re.compile(r"(?:/\s*(?:(?:19|20)\d\d\s*/\s*)?[A-ZĐ][A-Za-zĐđ]*\s*-\s*[A-ZĐ]|-\s*[A-ZĐ]{2,}\s*/\s*[A-ZĐ])")


def _symbol_only(text: str, meta) -> bool:
    """A number line whose 'Số:' and serial are unreadable ('ST /CT-UBND': a handwritten serial read
    into the label): the symbol's form alone says it is the number line, never an issuer line."""
    if _VV.match(fold(text)) or len(text) > 40:
        return False  # a V/v line citing a document ('… Thông báo số 496-TB/TU'), not a number line
    m = _SYMBOL_FORM.search(text)
    sym = formats.parse_symbol("0" + re.sub(r"\s+", "", text[m.start():])) if m else None
    if sym is None:
        return False
    meta.symbol = SymbolParts(number=None, year=sym.year, type_abbr=sym.type_abbr, issuer_abbr=sym.issuer_abbr,
                              unit_abbr=sym.unit_abbr, style=sym.style)
    meta.number = None
    _doubt(meta, "number", f"the number line '{text}' has no readable 'Số' and serial (handwritten?)", 0.0)
    return True


_MIXED = re.compile(r"[^\W\d_]\d|\d[^\W\d_]")  # a letter beside a digit in a body code ('PA83', 'BCĐ138')
_DIGIT_LIKE = re.compile(r"[IlO](?=\d)|(?<=\d)[IlO]")


class NumberSource(enum.Enum):
    """The OCR pass that read the number line (parsers/record_header): what rests on its symbol alone
    is as sure as that reading."""
    PRINT = "print"
    STAMP_PASS = "stamp_pass"  # only the pass for coloured ink read it, as a stamp line


def _symbol_and_type(meta, number_source: NumberSource | None = None) -> None:
    if meta.symbol is None and meta.number:
        sym = formats.parse_symbol(meta.number)
        if sym:
            meta.symbol = SymbolParts(number=sym.number, year=sym.year, type_abbr=sym.type_abbr,
                                      issuer_abbr=sym.issuer_abbr, unit_abbr=sym.unit_abbr, style=sym.style)
    printed = formats.BY_CODE.get(meta.doc_type) if meta.doc_type else None
    if meta.symbol:
        if meta.system is None:
            meta.system = meta.symbol.style
        if printed is None and meta.doc_type is None:
            # no type name printed: a công văn when the symbol names no type ('3722/VPCP-CN', '123-CV/TU')
            if formats.names_a_letter(meta.symbol.type_abbr):
                meta.doc_type, meta.doc_type_label = "official_letter", None
                printed = formats.BY_CODE["official_letter"]
                if number_source is NumberSource.STAMP_PASS:
                    # the type rests on a symbol only the stamp pass read: as sure as that reading
                    _doubt(meta, "doc_type", "no type name was read; the symbol, read only as a stamp's ink, names a "
                                             "công văn", meta.confidence.get("number", 0.4))
        sym = formats.Symbol(meta.symbol.number, meta.symbol.year, meta.symbol.type_abbr, meta.symbol.issuer_abbr,
                             meta.symbol.unit_abbr, meta.symbol.style, meta.number or "")
        meta.symbol.type_agrees = formats.type_agrees(sym, printed)
        if meta.symbol.type_agrees is False:
            _type_letter_added(meta, printed)
        if meta.symbol.type_agrees is False:
            _doubt(meta, "doc_type", f"the symbol's type '{meta.symbol.type_abbr}' does not name the printed type", 0.5)
    if printed is not None:
        meta.doc_type_abbr = (printed.party if meta.system == "party" else printed.state) or None


def _type_letter_added(meta, printed) -> None:
    """'374-KIL/HU' under KẾT LUẬN, '693/CTIr-UBND' under CHƯƠNG TRÌNH, '324/CĐĐ-BYT' under CÔNG ĐIỆN:
    the symbol's type is the printed type's abbreviation with one letter more (a stroke or a speck
    read as a letter, a letter read twice), or one no type has that opens on the printed one's letter
    and is a letter or two from it ('675/CU-UBND' under CHƯƠNG TRÌNH: 'Tr' read as one letter). The
    printed name, set large, is the surer reading: the symbol takes its abbreviation, and the number
    is doubted."""
    want = (printed.party if meta.symbol.style == "party" else printed.state) if printed else None
    got = meta.symbol.type_abbr or (meta.symbol.issuer_abbr if meta.symbol.style == "state" else None)
    if not (want and got and meta.number):
        return
    added = len(got) == len(want) + 1 and any(fold(got[:i] + got[i + 1:]) == fold(want) for i in range(len(got)))
    unknown = not formats.type_of_abbreviation(got)
    # a code no type has, a letter or two from the printed type's on its first letter, or one capital read as
    # one of like outline ('225-GT/TU' under CHỈ THỊ: C read as G)
    misread = unknown and ((fold(got[0]) == fold(want[0]) and Levenshtein.distance(fold(got), fold(want))
                            <= min(2, len(want) - 1)) or one_letter_misread(fold(got), fold(want), CAPITAL_MISREAD_PAIRS))
    if not (added or misread):
        if unknown and meta.symbol.type_abbr:  # a type code no type has, far from the printed type's: misread
            _doubt_more(meta, "number", f"the symbol's type was read '{got}', which names no type; the printed "
                                        f"type's is '{want}'", 0.45)
        return
    at = meta.number.find(got, len(meta.symbol.number or ""))
    sym = formats.parse_symbol(meta.number[:at] + want + meta.number[at + len(got):]) if at >= 0 else None
    if sym is None or not formats.type_agrees(sym, printed):
        # a symbol cut short ('606/T' under TỜ TRÌNH): not mended, and not sure
        _doubt_more(meta, "number", f"the symbol's type was read '{got}', the printed type's is '{want}'", 0.45)
        return
    meta.number = sym.text
    meta.symbol = SymbolParts(number=sym.number, year=sym.year, type_abbr=sym.type_abbr, issuer_abbr=sym.issuer_abbr,
                              unit_abbr=sym.unit_abbr, style=sym.style, type_agrees=True)
    _doubt_more(meta, "number", f"the symbol's type was read '{got}', the printed type's '{want}' with "
                                + ("a letter more" if added else "a letter or two misread") + ": taken as it", 0.45)


# a letter and the digit it looks like, which OCR reads one for the other in a body code ('PAS3' for 'PA83', '7U' for 'TU')
_LOOKALIKE = {("S", "8"), ("S", "5"), ("B", "8"), ("O", "0"), ("D", "0"), ("I", "1"), ("l", "1"), ("Z", "2"), ("G", "6"),
              ("T", "7")}


def _symbol_from_filed(meta) -> None:
    """The symbol's body or unit code that mixes letters and digits checked against the 'Lưu:' item,
    which files a copy with the drafting unit under the same code (NĐ 30/2020: 'Lưu: VT, PA83' for
    '115/CV-PA83'). Where the two readings differ in one character, a letter in the symbol where
    the item has the digit it looks like, the digit is taken; the number stays doubted."""
    filed = next((r for r in reversed(meta.recipients) if _FILED.match(r)), None)
    if not (meta.number and meta.symbol and filed):
        return
    codes = set(re.findall(r"[A-Za-zĐđ0-9&]{2,}", filed))
    for part in (meta.symbol.unit_abbr, meta.symbol.issuer_abbr):
        if not part or part in codes or not _MIXED.search(part) or not meta.number.endswith(part):
            continue
        for code in sorted(codes):
            if one_letter_apart(part, code) in _LOOKALIKE:
                meta.number = meta.number[: -len(part)] + code
                setattr(meta.symbol, "unit_abbr" if part == meta.symbol.unit_abbr else "issuer_abbr", code)
                _doubt_more(meta, "number", f"the symbol's '{part}' is filed as '{code}' in the Lưu line: the digit "
                                            "taken", 0.45)
                return


def _symbol_from_issuer(meta) -> None:
    """The symbol's body code read with a digit for the letter it looks like ('55-TT/7U'), where the
    letter makes it the initials the code stands for: the issuer's (a Party committee's 'TU' for
    'TỈNH ỦY …', HD 36), after them its superior's ('BTGTU': Ban Tuyên giáo, Tỉnh ủy), as NĐ 30
    forms a state body's ('UBND'). The letter is taken; the number stays doubted."""
    part = meta.symbol.issuer_abbr if meta.symbol else None
    if not (part and meta.number and meta.number.endswith(part) and meta.issuer) or part.isalpha():
        return
    initials = fold(bodies.initials(meta.issuer) + bodies.initials(meta.parent_issuer or ""))
    letters = [[c] if not c.isdigit() else [a for a, b in _LOOKALIKE if b == c and a.isupper()] for c in part]
    fits = {"".join(w) for w in product(*letters) if initials.startswith(fold("".join(w)))}
    if len(fits) == 1:
        code = fits.pop()
        meta.number, meta.symbol.issuer_abbr = meta.number[: -len(part)] + code, code
        _doubt_more(meta, "number", f"the symbol's '{part}' read with a digit; '{code}' is the issuer's initials", 0.45)


# letters no word of a body's or a unit's name opens with: a code's initials never hold them ('TW' is Trung ương's)
_NO_INITIAL = re.compile(r"[EFJZ]")
# a unit's code of two or three letters is its words' initials, where one letter misread shows; a longer one,
# or one with digits, may be a name of its own ('BNG-ASEAN', 'BQP-Z119'); codes from English stand as codes too
_ENGLISH_CODES = frozenset(code for (code,) in formats.data_rows(formats.DATA / "english_codes.txt", 1))


def _code_letter_no_initial(meta) -> None:
    """The symbol's unit code, two or three letters, holding a letter no Vietnamese name's word opens with
    ('1182/UBND-VE' for 'VP', P read as E): a letter misread; the number is doubted as read, no letter can be
    chosen for it. A state body's own code may be a brand's or a company's ('15/QĐ-EVN', '…/EVNCPC-KD'), so it
    is not judged; a Party committee's is its words' initials by HD 36 ('338-TT/TU', read 'TT/FU'), so it is."""
    if not meta.symbol:
        return
    unit = meta.symbol.unit_abbr
    party = meta.symbol.issuer_abbr if meta.symbol.style == "party" else None
    for part in (unit if unit and 2 <= len(unit) <= 3 else None, party):
        if part and part.isalpha() and part not in _ENGLISH_CODES and _NO_INITIAL.search(part):
            _doubt_more(meta, "number", f"the symbol's code '{part}' holds a letter no name's word opens with: "
                                        "a letter misread?", 0.45)
            return
    # codes are capitals, a small letter or a syllable's marking a word of its own ('TTg', 'CTr', 'QĐi'; 'Cty' for
    # công ty, 'TTra' for thanh tra): small letters in a row that spell no syllable, with the capital before them
    # or without it, are a capital misread ('191/BC-UBNnh', its D read 'nh')
    for part in (unit, meta.symbol.issuer_abbr):
        if part and part not in _ENGLISH_CODES and any(
                not (bodies._syllable(m[2]) or bodies._syllable(m[1] + m[2]))
                for m in re.finditer(r"([^\W\d_]?)([a-zđ]{2,})", part)):
            _doubt_more(meta, "number", f"the symbol's code '{part}' holds small letters in a row, which no body's "
                                        "code has: a capital misread?", 0.45)
            return
