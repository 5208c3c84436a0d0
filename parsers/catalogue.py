"""The catalogue record beyond the text pass: header and signature read by region where the page
has word boxes, the official forms applied (parsers/formats.py), and a confidence per field.

metadata.py reads the record from the text's line order first (text inputs have nothing else);
`refine` then re-reads the header and the foot from the page layout when there is one, and
fills what both modes share: symbol parts, marks, addressees, received stamps, doubts.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import product

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from vnresolve.parsers import bodies, formats
from vnresolve.parsers.bundle import attachments, head_text, main_pages
from vnresolve.parsers.regions import _MOTTO, Run, columns, has_boxes, line_height, motto_run, runs
from vnresolve.parsers.signatures import e_signatures, first_signing_day, latest_date
from vnresolve.parsers.text import caps, fold, iso_date, iter_lines
from vnresolve.schemas import Correction, Document, FieldDoubt, ReceivedStamp, SymbolParts

# behind a margin mark: 'z) Số 415/CV-PA83'; its S read as a look-alike digit ('3õ: 394/TB-UBND')
_SO = re.compile(r"^(?:\S{1,2}\s+)?\W{0,3}(?:s[o6eé0ô]|[53$]o)[:.;]?\s*")
_SYMBOL = re.compile(r"(?P<num>[0-9OoØ©lI|]{0,5}[^\sA-Za-zĐđ/]{0,2})\s*(?P<sym>(?:/\s*(?:(?:19|20)\d\d\s*/\s*)?|-\s*)"
                     r"[A-Za-zĐđ][A-Za-zĐđ0-9&]*(?:\s*[-/]\s*[A-Za-zĐđ0-9&]+)*)")
# 'ngày' read with its g as a look-alike ('nuày', 'nqày'): the month, 'năm' and the year after it say it is the date
_DATE = re.compile(r"n[gqu][a-z0-9]{1,2}y?\s*(?P<d>\S{0,4}?)\s*th[a-z0-9]{1,3}ng\s*(?P<m>\S{0,4}?)\s*n[a-z0-9]{1,2}m\s*(?P<y>\d{4})")
# 'V/v', read 'viv' or 'V/w' too, or restored 'V/và' (the restorer takes its lone 'v' for a word)
_VV = re.compile(r"^\W{0,2}v\s*[/il|]\s*[vw]a?\b\.?\s*")
_KINH_GUI = re.compile(r"^\W{0,2}k[i1]nh\s+g[uvyo][i1]\s*:?\s*")  # 'Kính gửi:', in the South 'Kính gởi:'
# 'Nơi nhận:'; its first letter misread ('với nhận:', 'IVơi nhận:' with the N's strokes apart, 'Mưi nhận:')
# only with the colon that ends the label, and only in the left half, where the label stands ('tới
# nhận:' may begin a line of the body)
_RECIPIENTS = re.compile(r"^\W*n[o6][i1]\s+nh[a-z0-9]{1,2}n\s*:?\s*")
_RECIPIENTS_MISREAD = re.compile(r"^\W*[a-z]{1,2}[o6u][i1]\s+nh[a-z0-9]{1,2}n\s*:\s*")


def _recipients_label(r: Run, width: float) -> re.Match | None:
    """The 'Nơi nhận:' label at the start of the run, if it is one."""
    return _RECIPIENTS.match(r.folded) or (_RECIPIENTS_MISREAD.match(r.folded) if r.x1 < width * 0.5 else None)
_CAN_CU = re.compile(r"^\W{0,2}c[a4]n\s+c[uvw]\b")
_RECEIVED_MARK = re.compile(r"(?<![^\W\d_])[ĐD][ẾÊEÉỂ]N(?![^\W\d_])")  # 'ĐẾN' in capitals, as stamps print it
_RECV_NO = re.compile(r"s[o6]\s*[:.]\s*(?P<n>\d{1,6})")
_RECV_DATE = re.compile(r"ng[a-z]y\s*[:.]\s*(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{2,4})")
_ABOUT = re.compile(r"(?<![a-z])(?:ve\s*viec|v\s*/\s*v)(?![a-z])")
_NAME_WORD = re.compile(r"^[A-ZĐÀ-Ỹ][a-zđà-ỹ]+$")
_GARBLED_POST = re.compile(r"[^\w\s.-]|\d")
LOW_CONF = 70.0  # Tesseract word confidence below which a digit is not trusted


def _caps(text: str) -> bool:
    return caps(text, least=2)



def _doubt(meta, field: str, reason: str, conf: float = 0.3) -> None:
    meta.confidence[field] = min(conf, meta.confidence.get(field, 1.0))
    if not any(d.field == field for d in meta.uncertain):
        meta.uncertain.append(FieldDoubt(field=field, reason=reason))


def _doubt_more(meta, field: str, reason: str, conf: float) -> None:
    """`_doubt`, with the reason added to one the field already has (a value changed for it)."""
    held = next((d for d in meta.uncertain if d.field == field), None)
    if held is not None:
        held.reason = f"{held.reason}; {reason}"
    _doubt(meta, field, reason, conf)


_LETTERS = re.compile(r"[^\W\d_]+")


# the k sound before the glide u/o is spelt 'qu' ('quân', 'quốc'): 'cuậc', 'coa' spell no syllable
_C_BEFORE_GLIDE = re.compile(r"^[ck](?:o[aăe]|u[âêơy])")


_MID_SEMICOLON = re.compile(r"(?<=[a-zđà-ỹ]);\s*(?=[a-zđà-ỹ])")
_VIETNAMESE_LETTERS = re.compile("[a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]+")


def _garbled(text: str) -> str | None:
    """The first word of `text` that spells no Vietnamese syllable and is no code in plain capitals
    (UBND, HĐND, COVID): OCR's misreading ('NGIHÀ'), which a field must not carry as certain."""
    from vnresolve.diacritics.syllables import is_syllable
    from vnresolve.diacritics.vntext import split_tone

    for token in text.split():
        if any(c.isdigit() for c in token):
            continue  # a symbol or a figure, not a word
        for word in _LETTERS.findall(token):
            if not _VIETNAMESE_LETTERS.fullmatch(word.lower()):
                return word  # a letter no Vietnamese word has ('Ñguyên', 'xâÿ'): a mark read onto another
            if _C_BEFORE_GLIDE.match(split_tone(word.lower())[0]):
                return word
            if not (is_syllable(word.lower()) or (len(word) >= 2 and word.isupper() and word.replace("Đ", "D").isascii())):
                return word
    return None


# marks Vietnamese puts on no letter: a diaeresis, and a tilde or an acute on a consonant ('xâÿ', 'Ñguyên')
_FOREIGN_MARK = re.compile(r"(?<=[^aeiouyAEIOUY\W\d_])[\u0303\u0301]|\u0308")


def _foreign_marks_dropped(text: str) -> str:
    """Each word with a mark no Vietnamese letter takes, less that mark, where it then spells a
    syllable ('xâÿ' -> 'xây', 'Ñguyên' -> 'Nguyên'): a speck read as part of the letter."""
    import unicodedata

    from vnresolve.diacritics.syllables import is_syllable

    def mend(m: re.Match) -> str:
        word = m.group()
        if _VIETNAMESE_LETTERS.fullmatch(word.lower()):
            return word
        bare = unicodedata.normalize("NFC", _FOREIGN_MARK.sub("", unicodedata.normalize("NFD", word)))
        return bare if is_syllable(bare.lower()) else word
    return _LETTERS.sub(mend, text)


def _digits(token: str) -> str | None:
    """A serial or day as printed; None when the token holds anything but digits (a handwritten
    '04' read as 'Ø2' or '8$')."""
    token = token.strip(" .,:;")
    return token if token.isdigit() else None


def _low(run: Run, token: str) -> bool:
    """Whether the word of `run` holding `token` was read with low confidence."""
    return any(token and token in t and c is not None and c < LOW_CONF for t, c in run.words)


# --- header -------------------------------------------------------------------------------------

def _number_from(text: str, run: Run | None, meta) -> bool:
    """'Số: 84/QĐ-UBND' (or '04-NQ/TU') into number and symbol; True when the line was a number line."""
    so = _SO.match(fold(text))
    if not so:
        return False
    read, text = text, text[: so.end()] + _plain_code(text[so.end():])
    if lettered := _DIGIT_OPENING_CODE.search(text, so.end()):
        text = text[: lettered.start()] + _AS_LETTER[lettered.group(0)] + text[lettered.end():]
    text, lost = _separator_lost(text, so.end())
    m = _SYMBOL.search(text, so.end())
    if not m:
        return False
    sym = formats.parse_symbol(re.sub(r"\s+", "", m.group("sym")))
    if sym is None:
        return False
    raw = m.group("num").strip()
    serial = _digits(raw)
    mixed = [part for part in (sym.issuer_abbr, sym.unit_abbr) if part and _MIXED.search(part)]
    if mixed:
        # 'BCĐI38': OCR reads a 1 or a 0 among a body code's digits as I or O
        fixed = sym.text
        for part in mixed:
            fixed = fixed.replace(part, _DIGIT_LIKE.sub(lambda c: {"I": "1", "l": "1", "O": "0"}[c.group(0)], part))
        sym = formats.parse_symbol(fixed) or sym
    meta.symbol = SymbolParts(number=serial, year=sym.year, type_abbr=sym.type_abbr, issuer_abbr=sym.issuer_abbr,
                              unit_abbr=sym.unit_abbr, style=sym.style)
    meta.number = (serial + sym.text) if serial else None
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
    elif text[so.end():m.end()] != read[so.end():m.end()]:  # the number and symbol only, not what follows on the line
        _doubt(meta, "number", f"the symbol was read '{read[so.end():m.end()].strip()}': a code's letters are plain "
                               "capitals and Đ, so a mark on one is a speck", 0.45)
    if serial and text[m.end():m.end() + 1].isalpha():
        # codes are plain capitals (NĐ 30/2020, HD 36): a marked letter after one is a letter misread, the code cut short
        _doubt(meta, "number", f"the symbol's code runs on into '{text[m.end()]}', a letter no code has (misread?)", 0.4)
    if sym.style == "state" and sym.type_abbr is None and sym.unit_abbr is None and formats.type_of_abbreviation(sym.issuer_abbr):
        # NĐ 30: a type's abbreviation is followed by the body's code ('84/QĐ-UBND'): one standing alone lost it
        _doubt(meta, "number", f"the symbol '{sym.text}' names a type and no body (its code lost?)", 0.4)
    return True


# a 'Số' label, a serial and the slash or hyphen after it: the number line, whatever its symbol was read
# as (an address in a letterhead, 'Số 5 Lê Lợi', has none)
_NUMBER_LABEL = re.compile(r"^\W{0,3}s[o6]\s*[:.;]?\s*\d+\s*[/-]")
# a state code is letters (NĐ 30: the body's and the unit's initials), so a digit opening one after the
# slash is the letter it looks like, where only one does ('/5TC-KGVX' for '/STC-KGVX')
_AS_LETTER = {"5": "S", "2": "Z", "6": "G", "7": "T"}
_DIGIT_OPENING_CODE = re.compile(r"(?<=/)[5267](?=[A-ZĐ]{2})")


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


def _date_from(text: str, run: Run | None, meta) -> bool:
    folded = fold(text)
    m = _DATE.search(folded)
    if not m:
        return False
    place = text[: m.start()].strip(" ,.-")
    if place and len(place) < 40:
        meta.place = place
    d, mo, y = (_digits(text[m.start(g): m.end(g)]) for g in ("d", "m", "y"))
    iso = iso_date(int(y), int(mo), int(d)) if d and mo and y else None
    meta.date = iso
    if iso is None:
        _doubt(meta, "date", f"the day or month '{text[m.start():m.end()]}' is not readable (handwritten?)", 0.0)
    elif run is not None and (_low(run, d) or _low(run, mo)):
        _doubt(meta, "date", "the day or month was read with low OCR confidence (handwritten?)", 0.4)
    return True


_MARK_FIELDS = {formats.URGENCY: "urgency", formats.SECRECY: "secrecy", formats.COPY_FORMS: "copy_form"}


def _marks(meta, texts: list[str], tables: tuple = tuple(_MARK_FIELDS)) -> None:
    for text in texts:
        key = fold(text).strip(" .,;:*-")  # a speck after the mark read as a sign ('KHẨN,')
        for table, field in ((t, _MARK_FIELDS[t]) for t in tables):
            for mark in table:
                # a mark is a word or two stamped whole: a line more than a letter (per 8) away is another word
                # ('KIEM' of a seal's ring fits the loose 'K...' of 'KHẨN')
                near = Levenshtein.distance(key.replace(" ", ""), fold(mark).replace(" ", "")) <= 1 + len(mark) // 8
                if getattr(meta, field) is None and near and re.fullmatch(rf"{formats._loose(mark)}\.?", key):
                    setattr(meta, field, mark)


def _header_regions(doc: Document) -> bool:
    page = doc.pages[0]
    meta = doc.metadata
    rs = runs(page)
    if not rs:
        return False
    width, h = page.width or max(r.x1 for r in rs), line_height(rs)
    motto = motto_run(rs[:12])
    # a motto run starting in the left third is the issuer's first line joined to it by OCR
    split = motto.x0 - h if motto and motto.x0 > width * 0.3 else width * 0.45
    rs = _cut_at_axis(rs, split, h)
    type_at = next((i for i, r in enumerate(rs) if formats.type_of_line(r.folded) and _caps(r.text)
                    and abs(r.cx - width / 2) < width * 0.2), None)
    stop = next((i for i, r in enumerate(rs) if _KINH_GUI.match(r.folded) or
                 (r.x1 - r.x0 > width * 0.55 and not _MOTTO_OR_DATE(r))), len(rs))
    head = rs[: min(stop, type_at) if type_at is not None else stop]
    if len(head) < 2:
        return False
    # a run a third of a line high is a stroke or a seal's edge read as letters, not a line of text
    left, right = columns([r for r in head if r.y1 - r.y0 >= 0.4 * h], split)
    meta.read_from = "regions"
    # the regions replace what the text pass read from interleaved lines
    meta.number = meta.date = meta.place = None
    # left: [superior body,] issuer lines, Số line, then a công văn's V/v lines
    # the issuer's lines stand level with the motto: a note written in below them is not the issuer
    date_run = next((r for r in head if _DATE.search(r.folded)), None)
    issuers: list[Run] = []
    vv: list[Run] = []
    number_seen = vv_closed = False
    prev_y = None
    for r in left:
        if not number_seen and (_number_from(r.text, r, meta) or _symbol_only(r.text, meta)):
            number_seen = True
        elif not number_seen and _NUMBER_LABEL.match(r.folded):
            number_seen = True  # 'Số: 519/…' whose symbol does not parse: the number line still, never an issuer
            _doubt(meta, "number", f"the number line was read '{r.text.strip()}', no symbol of the forms", 0.0)
        elif (not number_seen and _caps(r.text) and len(r.text) >= 3 and not _SYMBOL_ANY.search(r.text)
              and (date_run is None or r.y0 < date_run.y0)):
            issuers.append(r)
        elif vv and _is_mark(r.text):
            vv_closed = True  # an urgency or secrecy mark printed under the V/v lines ends the subject
        elif not vv_closed and (vv or _VV.match(r.folded)) and (prev_y is None or r.y0 - prev_y < 2.2 * h):
            vv.append(r)  # 'V/v' opens a công văn's subject even where the number line above it was lost
        prev_y = r.y1 if (vv or _VV.match(r.folded)) else prev_y
    issuers = [r for r in issuers if not _is_mark(r.text)][-3:]
    recovered = _body_above(page, issuers[0], h) if issuers and _LOCALITY.match(issuers[0].folded) else None
    if recovered is not None:
        issuers.insert(0, recovered)
    if issuers:
        lines, doubts = [], []
        for r in issuers:
            line, why = _respelt(_mark_read_as_vowel(formats.body_name(r.text)), meta)
            lines.append(line)
            doubts += [(line, why)] if why else []
        meta.issuer, meta.parent_issuer = _split_issuer(lines)
        for line, why in doubts:
            if line in meta.issuer:
                _doubt(meta, "issuer", why, 0.45)
        _snap_issuer(meta)
        _snap_unit(meta)
        _unhyphenated_place(meta)
        _weak(meta, "issuer", issuers)
    if vv:
        joined = " ".join(r.text for r in vv)
        meta.subject = joined[_VV.match(fold(joined)).end():].strip() or None
        _weak(meta, "subject", vv)
    # right: motto, then place and date; what follows the date (routing notes) is not the header
    for r in right:
        if _MOTTO.search(r.folded):
            meta.system = "party" if "san" in r.folded else "state"
        elif _date_from(r.text, r, meta):
            break
    # a copy form, urgency or secrecy mark is often stamped (a rubber stamp, a signing's appearance)
    # urgency and secrecy marks stand under the number, above the type name (NĐ 30, HD 36): a stamp's text
    # lower down (a seal's ring in the foot read 'mạc') is none; a copy form is stamped at the foot too
    top = rs[type_at].y0 if type_at is not None else head[-1].y1 + 2 * h
    stamped = [line.text for line in page.lines if line.role == "stamp"]
    high = [line.text for line in page.lines if line.role == "stamp" and line.bbox[1] < top]
    signed = [t for f in page.signature_fields for t in f.text.splitlines()]
    _marks(meta, [r.text for r in head] + high + signed)
    _marks(meta, stamped, (formats.COPY_FORMS,))
    if type_at is not None:
        _type_and_subject(meta, rs, type_at, width, h)
    return True


def _cut_at_axis(rs: list[Run], split: float, h: float) -> list[Run]:
    """A line of the header's left block that OCR ran across into the right column (the issuer's
    line and the motto; 'V/v bảo đảm … SV' and a note typed beside it) cut where the block ends: its
    lines are centred under the number and symbol (NĐ 30/2020 Phụ lục I), so a line ends about as
    far right of the number's centre as it starts left of it; the cut falls after the word ending
    nearest that point. The block: the rows above the number, and the V/v lines right under it."""
    at_number = next((i for i, r in enumerate(rs[:15]) if r.x1 <= split and _SO.match(r.folded)
                      and _SYMBOL.search(r.text)), None)
    if at_number is None:
        return rs
    number = rs[at_number]
    block = {id(r) for r in rs if r.y1 <= number.y0 + 0.5 * h}
    prev = number
    for r in rs[at_number + 1:]:
        if r.y0 < number.y1 - 0.5 * h or r.x0 >= number.cx:
            continue  # the date line level with the number; a note or the right column
        if r.y0 - prev.y1 > 0.8 * h or (prev is number and not _VV.match(r.folded)):
            break
        block.add(id(r))
        prev = r
    out: list[Run] = []
    for r in rs:
        if id(r) in block and r.spans and len(r.spans) == len(r.words) and r.x0 < number.cx < split < r.x1:
            end = 2 * number.cx - r.x0
            at = min(range(len(r.spans)), key=lambda i: abs(r.spans[i][1] - end))
            if at < len(r.spans) - 1 and (r.x0 + r.spans[at][1]) / 2 < split:  # the whole line centred: no cut
                out.extend(r.cut(at))
                continue
        out.append(r)
    return out


_MIXED = re.compile(r"[^\W\d_]\d|\d[^\W\d_]")  # a letter beside a digit in a body code ('PA83', 'BCĐ138')
_DIGIT_LIKE = re.compile(r"[IlO](?=\d)|(?<=\d)[IlO]")
_SYMBOL_ANY = re.compile(r"\d\s*/\s*[A-ZĐ]{2,}")
# An issuer line that is a locality alone ('THÀNH PHỐ ĐÀ NẴNG') has lost the body's name above it
_LOCALITY = re.compile(r"^\W*(?:tinh|thanh\s+pho|huyen|quan|thi\s+xa|thi\s+tran|xa|phuong)\s")
GENERIC_BODIES = ("ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN")


def _body_above(page, first: Run, h: float) -> Run | None:
    """The generic body name ('ỦY BAN NHÂN DÂN') right above an issuer's locality line, where the
    page's layout took it for margin text (a scan cropped close to the header): spelt as the name."""
    for line in page.lines:
        if line.role == "body" or not _caps(line.text):
            continue
        x0, y0, x1, y1 = line.bbox
        if not (-0.5 * h <= first.y0 - y1 <= 1.5 * h and y0 < first.y0 and x0 < first.x1 and x1 > first.x0):
            continue
        folded = fold(line.text).strip(" .:-")
        name = next((b for b in GENERIC_BODIES if fuzz.ratio(fold(b), folded) >= 85), None)
        if name is not None:
            return Run(name, x0, y0, x1, y1, line.conf, ((name, line.conf),))
    return None


def _respelt(line: str, meta) -> tuple[str, str | None]:
    """An issuer line spaced as the known bodies' names are (parsers/bodies.py); a line with a word
    no cut makes a word, the one known body whose initials are the symbol's body code, doubted."""
    text, why = bodies.respace(line)
    # a word no known body's name holds ('BỘ TÀI GHÍNH') may be a letter misread into another syllable
    odd = why or _garbled(text) or not all(map(bodies.known_word, text.split()))
    if odd and (name := bodies.by_code(line, meta.symbol.issuer_abbr if meta.symbol else None)):
        return name, f"read '{line}'; the known body a letter or two from it whose initials are the symbol's code"
    return text, why


def _weak(meta, field: str, used: list[Run]) -> None:
    """A field read from a line OCR was unsure of is marked uncertain (a seal or a note over it)."""
    confs = [r.conf for r in used if r.conf is not None]
    if confs and min(confs) < WEAK_OCR:
        _doubt(meta, field, f"read from a line of low OCR confidence ({min(confs):.0f})", 0.4)


def _snap_issuer(meta) -> None:
    """'ỦY BAN NHÂN DÂN TỈNH QUẢNG NGAÀI': a province's or city's name at the end of the issuer,
    misread by a mark or a letter, takes the name's spelling; the confidence says it was snapped."""
    words = meta.issuer.split()
    for n in (3, 2):
        if len(words) <= n:
            continue
        tail = " ".join(words[-n:])
        key = _dp(tail)
        name = _known_places().get(key)
        close = None
        if name is None:
            best = max(_known_places(), key=lambda k: fuzz.ratio(k, key))
            if fuzz.ratio(best, key) >= 88:
                name, close = _known_places()[best], fuzz.ratio(best, key)
        if name is None or fold(name) == fold(tail) and name.upper() == tail:
            continue
        fixed = name.upper() if _caps(tail) else name
        if fixed == tail:
            return
        meta.issuer = " ".join([*words[:-n], fixed])
        why = (f"the place was read '{tail}'; snapped to the province '{name}'"
               + (f" ({close:.0f}% alike)" if close else " (same letters)"))
        meta.confidence["issuer"] = min(0.6 if close else 0.7, meta.confidence.get("issuer", 1.0))
        meta.uncertain.append(FieldDoubt(field="issuer", reason=why))
        return


def _mark_read_as_vowel(text: str) -> str:
    """'SỞ GIÁAO DỤC': no Vietnamese syllable holds two a, e or i in a row, so a plain vowel beside
    the same vowel with a mark is the mark read as a letter of its own; 'XIII' (no mark) stays."""
    def plain(c: str) -> bool:
        return c in (fold(c), fold(c).upper())

    out = list(text)
    for i in range(len(out) - 1, 0, -1):
        a, b = out[i - 1], out[i]
        if fold(a) == fold(b) and fold(a) in "aei" and plain(a) != plain(b):
            del out[i if plain(b) else i - 1]
    return "".join(out)


def _snap_unit(meta) -> None:
    """'… TĨNH QUẢNG NGÃI': the unit word before a province's name ('TỈNH', 'THÀNH PHỐ') with the
    right letters but a misread tone takes the unit's spelling."""
    words = meta.issuer.split()
    for unit, name in _province_units():
        n, k = len(name.split()), len(unit.split())
        if len(words) <= n + k or fold(" ".join(words[-n:])) != fold(name):
            continue
        read = " ".join(words[-n - k: -n])
        fixed = unit.upper() if _caps(read) else unit
        if fold(read) == fold(unit) and read != fixed and read.lower() != unit:
            meta.issuer = " ".join([*words[: -n - k], fixed, *words[-n:]])
            _doubt(meta, "issuer", f"the unit was read '{read}'; spelt '{fixed}' (same letters)", 0.7)
        return


def _unhyphenated_place(meta) -> None:
    """'TỈNH QUẢNG-NGÃI', 'HÀ.TĨNH': no province's name joins its words with a sign, so one read between
    them is a speck; the words are spaced, doubted."""
    for word in meta.issuer.split():
        spaced = re.sub(r"(?<=\w)[^\w\s]+(?=\w)", " ", word)
        if spaced != word and _dp(spaced) in _known_places():
            meta.issuer = meta.issuer.replace(word, spaced)
            _doubt(meta, "issuer", f"'{word}' read with a sign no place's name has", 0.45)


@lru_cache(maxsize=1)
def _province_units() -> tuple[tuple[str, str], ...]:
    from vnresolve.diacritics.places import provinces

    return tuple((unit, name) for unit, name in provinces())


def _dp(text: str) -> str:
    """Folded with 'Đ' misreads (p, dp, bp) collapsed to d, for comparing OCR'd names."""
    return re.sub(r"(?<![a-z])(?:dp|bp|p)(?=[^h])", "d", fold(text))


@lru_cache(maxsize=1)
def _known_places() -> dict[str, str]:
    """Folded name (by _dp: a Đ misread as P folds like D) -> name, for each province and
    centrally-run city: the list the restoration model is built from (diacritics/places.py, which
    reads data files only; no call into the restoration stage)."""
    from vnresolve.diacritics.places import provinces

    return {_dp(name): name for _unit, name in provinces()}


def _MOTTO_OR_DATE(r: Run) -> bool:
    return bool(motto_run([r]) or _DATE.search(r.folded))


def _is_mark(text: str) -> bool:
    key = fold(text).strip(" .:*-")
    return any(fold(m) == key for m in (*formats.URGENCY, *formats.SECRECY, *formats.COPY_FORMS))


def _split_issuer(lines: list[str]) -> tuple[str, str | None]:
    """'ỦY BAN NHÂN DÂN' / 'TỈNH QUẢNG NGÃI' is one body on two lines; 'UBND TỈNH QUẢNG NGÃI' /
    'BAN CHỈ ĐẠO 138' is a body under its superior. A first line that is a body's generic name
    alone (ỦY BAN NHÂN DÂN, HỘI ĐỒNG NHÂN DÂN) continues on the next line."""
    if len(lines) == 1:
        return lines[0], None
    generic = fold(lines[-2]).strip() in {"uy ban nhan dan", "hoi dong nhan dan", "ban chap hanh"}
    if generic:
        parent = lines[-3] if len(lines) >= 3 else None
        return f"{lines[-2]} {lines[-1]}", parent
    return lines[-1], lines[-2]


def _type_and_subject(meta, rs: list[Run], type_at: int, width: float, h: float) -> None:
    t = formats.type_of_line(rs[type_at].folded)
    # a speck read as a sign between its words ('KẾ.HOẠCH') is no part of the name as printed
    meta.doc_type, meta.doc_type_label = t.code, re.sub(r"(?<=\w)[.,_-]+(?=\w)", " ", rs[type_at].text.strip(" *#"))
    out: list[Run] = []
    prev = rs[type_at]
    margin, indent = sorted(r.x1 for r in rs)[int(len(rs) * 0.9)], sorted(r.x0 for r in rs)[len(rs) // 10]
    # runs a third of a line high are strokes or a stamp's specks read as letters, not subject lines
    below = [r for r in rs[type_at + 1:] if r.y1 - r.y0 >= 0.4 * h]
    block = _centred_block(below, rs[type_at], h, indent, margin)
    beside = False
    for r in below[:7]:
        # the subject's first line is centred under the type name (NĐ 30, HD 36) however wide; a body
        # line set solid from margin to margin is centred too, so such a line stays a body line unless
        # it opens a block of centred lines set apart from the body
        first = (not out and abs(r.cx - rs[type_at].cx) < 0.5 * h
                 and (r.x0 - indent > 0.5 * h or margin - r.x1 > 0.5 * h)) or id(r) in block
        if not first and (r.x1 - r.x0 > width * 0.72 or (r.x1 > margin - 0.5 * h and r.x0 - indent > 1.5 * h)):
            break  # a body paragraph's line: full width, or indented and out to the right margin
        if formats.RULE.fullmatch(r.text.strip()) or _KINH_GUI.match(r.folded):
            break  # the dashes HD 36 prints under a Party subject; a tờ trình's 'Kính gửi:' after its subject
        if out and _LABEL.match(r.text) and abs(r.cx - out[0].cx) > 2 * h:
            break  # a biên bản's 'Thời gian: …', 'Địa điểm: …' under its subject: body lines set left, not centred
        if r.y0 - prev.y1 > 1.6 * h or abs(r.cx - width / 2) > width * 0.15:
            if abs(r.cx - width / 2) > width * 0.15 and r.y0 - prev.y1 <= 0.6 * h:
                # a stamp beside the subject (received-stamp, seal text); words read surely on a subject line's
                # own row may be its end, cut off by a word lost between
                beside = beside or (out and r.conf is not None and r.conf >= NAME_CONF
                                    and min(r.y1, out[-1].y1) - max(r.y0, out[-1].y0) > 0.5 * (r.y1 - r.y0))
                continue
            break
        if _caps(r.text) and out:
            break
        if fold(r.text).startswith(("cua ", "ciia", "cia ", "ctia")) and _caps(r.text):
            prev = r
            continue
        out.append(r)
        prev = r
    if out:
        meta.subject = _clean_subject(" ".join(r.text for r in out))
        _weak(meta, "subject", out)
        if beside:
            _doubt(meta, "subject", "words read surely on the subject's row, apart from it, were left out", 0.45)
    elif meta.subject or meta.title:
        _doubt(meta, "subject", "no subject line under the type in the layout; kept from the line order", 0.4)


def _centred_block(below: list[Run], type_run: Run, h: float, indent: float, margin: float) -> set[int]:
    """The lines right under the type name that are each centred under it and are set apart from the
    body that follows by more than a line's space or by its indented first line: the subject, however
    wide its lines. A body paragraph's lines follow at the line spacing, its first indented and its
    last set left; a line justified alone runs flush to both margins, so a one-line block must stand
    clear of them and a longer one must end on a short centred line."""
    block: list[Run] = []
    for k, r in enumerate(below[:4]):
        if abs(r.cx - type_run.cx) >= 0.5 * h or (block and r.y0 - block[-1].y1 > 0.8 * h):
            break
        block.append(r)
        after = below[k + 1] if k + 1 < len(below) else None
        if after is None:
            break
        # NĐ 30 indents a body paragraph's first line: a justified line indented past the block's own
        # start ends the block as a wider space would
        opens = after.x0 - indent > h and after.x1 > margin - 0.5 * h and block[0].x0 < after.x0 - 0.5 * h
        if after.y0 - r.y1 > 1.2 * h or opens:
            last = block[-1]
            clear = last.x0 - indent > 0.2 * h and margin - last.x1 > 0.2 * h
            short = len(block) > 1 and last.x1 - last.x0 < 0.5 * (block[0].x1 - block[0].x0)
            return {id(b) for b in block} if (clear or short) else set()
    return set()


# 'Thời gian:', 'Địa điểm:', 'Thành phần:': a label of a word or three and its colon opening a line
_LABEL = re.compile(r"^\W{0,2}[^\W\d_]+(?:\s+[^\W\d_]+){0,2}\s*:")


def _clean_subject(text: str) -> str:
    """Marks before 'Về việc' (a stamp's text, a stray comma) are not the subject; 'Vềviệc' is two words."""
    m = _ABOUT.search(fold(text))
    if m and m.start() < 40 and not re.search(r"[a-zà-ỹđ]{3,}", text[: m.start()]):
        text = text[m.start():]
        m = _ABOUT.search(fold(text))
    if m and fold(text[m.start(): m.end()]) == "veviec":
        text = f"{text[:m.start() + 2]} {text[m.start() + 2:]}"
    text = _DIGITS_READ_AS_LETTERS.sub(lambda g: g.group(0).translate(_AS_DIGIT), text)
    text = _SPECK_DOT.sub(lambda g: " " if g.group(1) or g.group(2).islower() else g.group(0), text)
    text = _SPECK_DASH.sub(" ", text)
    text = _LONE_ACCENT.sub("", text)
    if len(_QUOTE.findall(text)) == 1:  # a quote inside it closing nothing (alone or stuck to a word): a speck
        text = _LONE_QUOTE.sub(lambda q: " " if q.group(0) != q.group(0).strip() else "", text)
    # a subject opens on a word (or a quote): a dash or '_' before it is a speck or the rule under the type read
    # as a sign; nor does it end on a dash
    text = _BEFORE_WORD.sub("", text.strip(" ,.;:")).rstrip(" -–")
    # and a quote opening it is closed later in it ('“Ngày hội …”'): one never closed is a speck
    closing = {"'": "'", '"': '"', "“": "”\"", "‘": "’'"}.get(text[:1])
    return text[1:].lstrip() if closing and not any(c in text[1:] for c in closing) else text


_BEFORE_WORD = re.compile(r"^(?:[^\w\"“'(]|_)+")
# a lone spacing accent standing as a word ('… năm 2019 ˆ'): a speck, no Vietnamese word is one
_LONE_ACCENT = re.compile(r"\s*(?<!\S)[\u02b0-\u02ff\u00b4\u00a8`^~]+(?!\S)")
_QUOTE = re.compile(r"[\"“”'‘’„‚]")
# one standing between words, or stuck to one's start or end; an apostrophe inside a word ('H'Mông') is none
_LONE_QUOTE = re.compile(r"(?<=\w)\s+[\"“”'‘’„‚]\s+(?=\w)|(?<=\s)[\"“”'‘’„‚](?=\w)|(?<=\w)[\"“”'‘’„‚](?=\s|$)")


# Vietnamese joins no two syllables with a hyphen: a dash stuck to a small letter on one side and before another
# is a speck ('giao thông-dịp', 'tháo- gỡ'); one spaced on both sides ('kinh tế - xã hội') is the writer's
_SPECK_DASH = re.compile(r"(?<=[a-zà-ỹđ])-\s?(?=[a-zà-ỹđ])|(?<=[a-zà-ỹđ])\s-(?=[a-zà-ỹđ])")

# a subject is one phrase, no sentences: a '.' after a word in small letters and before a letter ('của.Ban',
# 'xây. dựng') is a speck; an abbreviation's ('TP.HCM', 'v.v.') stands after capitals or one letter
_SPECK_DOT = re.compile(r"(?<=[^\W\d_][^\W\d_A-ZĐ])(?<![A-ZĐ][^\W\d_])\.(?:(?=([^\W\d_]))|\s+(?=([^\W\d_])))")


# a number in a code ('COVID-I9', 'Khóa XIV-2O21'): a part of digits with I, l or O among them, which
# OCR reads for 1 and 0; a part with no digit ('XIII') stays
_DIGITS_READ_AS_LETTERS = re.compile(r"(?<=-)(?=[IlO]*\d)[\dIlO]{2,}(?![^\W_])")
_AS_DIGIT = str.maketrans("IlO", "110")


# --- signature ------------------------------------------------------------------------------------

def _signature_regions(doc: Document) -> bool:
    meta = doc.metadata
    for page in reversed(main_pages(doc)):
        if not has_boxes(page):
            continue
        rs = runs(page)
        width, h = page.width or max(r.x1 for r in rs), line_height(rs)
        at = next((i for i, r in enumerate(rs) if _recipients_label(r, width)), None)
        top = rs[at].y0 - 1.5 * h if at is not None else _unlabelled_foot(rs, width, h)
        if top is None:
            continue
        zone = [r for r in rs if r.y0 >= top]
        left, right = columns(zone, width * 0.5)
        items: list[str] = []
        closed = True  # the last item ended with ';' or '.': the next line is a new item
        filed: Run | None = None  # the 'Lưu:' item, the list's last by the format
        for r in left:
            text = _item_edges(r.text.strip())
            if not text:
                continue  # a speck's line
            if not text.startswith(("-", "+", "•")) and _LABEL_END.search(fold(text)):
                items, closed = [], True  # the label misread ('ơi nhận:'): the list starts under it, the body ends above
                continue
            if filed and not text.startswith(("-", "+", "•")) and (closed or abs(r.x0 - filed.x0) > 1.5 * h):
                continue  # a note or mark written under the list, not the Lưu line wrapped
            if label := _recipients_label(r, width):
                text = text[label.end():].strip()
                if not text:
                    continue
            if text.startswith(("-", "+", "•")) or closed or not items:
                items.append(text.lstrip("-+•_ ").rstrip(" ,;.:"))
            else:
                items[-1] = f"{items[-1]} {text.rstrip(' ,;.')}"  # a wrapped item ('- Các Sở: …, Xã' / 'hội, …')
            if text.lstrip("-+•_ ").startswith(("Lưu", "Luu")):
                filed = r
            # ';' is often read ':', and an item that does end with ':' has its sub-items under it, each with its dash
            closed = text.endswith((";", ".", "./.")) or (text.endswith(":") and not _FILED.match(text.lstrip("-+•_ ")))
        if items:
            meta.recipients = [i for i in items if i]
        block = [r for r in right if r.y0 >= top]
        # a seal's edge read as letters ('N / N' under WEAK_OCR) is no post: the block may still stand above the label
        if at is not None and not any((_caps(r.text) or _name_of(r.text.strip(" *"))[1]) and (r.conf is None or r.conf >= WEAK_OCR)
                                      for r in block):
            block = _signatures_above(rs, rs[at], width, h) or block
        _signature_block(meta, block, h, _reread_block(page, top, width))
        return True
    return False


def _signatures_above(rs: list[Run], label: Run, width: float, h: float) -> list[Run]:
    """A biên bản's signatures, side by side above its 'Nơi nhận:' (NĐ 30's form: THƯ KÝ at the left,
    CHỦ TỌA at the right): the right one, the chair's, who presides and signs for the meeting. The
    rows between the body's last line (one across the page's middle) and the label; [] when no post
    stands at the right."""
    above = [r for r in rs if r.y1 <= label.y0 and label.y0 - r.y0 < 12 * h]
    # a run across the middle read under WEAK_OCR is the seal or a signature between the names, not the body
    body_end = max((r.y1 for r in above if r.x0 < width * 0.5 < r.x1 and (r.conf is None or r.conf >= WEAK_OCR)),
                   default=None)
    right = columns([r for r in above if body_end is None or r.y0 >= body_end], width * 0.5)[1]
    return right if any(_caps(r.text) and formats.is_post(r.text) for r in right) else []


# specks read at an item's ends ("' UBND …", 'Bộ Nội vụ; ˆ', 'z Các ban …': a lone small letter before
# the capital an item starts with); an item starts with a letter or digit and ends with one, ')' or its ';'
_ITEM_EDGE = re.compile(r"^(?:[^\w\-+•(]+|[a-zđ]\s+(?=[A-ZĐÂĂÊÔƠƯ]))|(?<=[\w).;:,])[^\w).;:,]+$")


_LABEL_END = re.compile(r"nh[a-z0-9]{1,2}n\s*:$")


def _item_edges(text: str) -> str:
    text = _ITEM_EDGE.sub("", text)
    head, sep, tail = text.rpartition(";")
    return head + sep if sep and len(tail.strip()) <= 2 else text  # a mark or two after the item's ';'


def _as_above(item: str, meta) -> str:
    """'Như' alone, its 'trên' lost: a letter's addressees go 'Như trên' (NĐ 30: those named under
    'Kính gửi:' above), doubted."""
    if fold(item) != "nhu" or not meta.addressees:
        return item
    _doubt(meta, "recipients", "the item 'Như' read alone; taken as 'Như trên' (the letter's addressees)", 0.5)
    return "Như trên"


# '- Lưu: VT, …', 'Lưu PA83': the office copy, the recipients list's last item (not 'Lưu ý' in a paragraph)
_FILED = re.compile(r"^\W*L(?:[ưu]u|[ƯU]U)\s*(?::|[A-ZĐ]{2})")


def _unlabelled_foot(rs: list[Run], width: float, h: float) -> float | None:
    """The top of the foot when OCR lost the 'Nơi nhận:' label: the recipients list ends with its
    '- Lưu:' item, and its items above it stay in the left half, line under line; nothing on the
    page below it runs the page's width (the foot closes the document)."""
    left = [r for r in rs if r.x1 < width * 0.5]
    end = next((i for i in range(len(left) - 1, -1, -1) if _FILED.match(left[i].text)), None)
    if end is None or any(r.y0 > left[end].y1 and r.x0 < width * 0.3 and r.x1 > width * 0.7 for r in rs):
        return None
    first = left[end]
    for r in reversed(left[:end]):
        if first.y0 - r.y1 > 1.2 * h:
            break
        first = r
    # the signing authority stands level with the lost label, a row above the first item
    level = [r.y0 for r in rs if r.x0 > width * 0.5 and first.y0 - 3 * h <= r.y0 < first.y0
             and formats.authority_prefix(r.text)]
    return min([first.y0 - 1.5 * h, *level])


_BROKEN_PREFIX = re.compile(r"^\W*[tklm]\s*\.\s*(?=\w)")  # 'T. CHỦ TỊCH': KT., TL. or TM. with a letter lost
_POSTS_UNSPACED = frozenset(fold(p).replace(" ", "") for p in formats.POSTS)
_LONE_LETTER = re.compile(r"^\W*(?![tklm])[a-z]\s*\.\s*(?=\w)")  # 'Á. CHỦ TỊCH', not one of those
# the prefix of an authority line, whole or broken ('TM.', 'T/M', 'K/T', 'TM', '/M', '1/M'): what follows is the body or post
_PREFIX_TOKEN = re.compile(r"^[\W_]*(?:[a-z1|]{1,3}\s*/\s*[a-z]{1,2}|[a-z]{1,3})\s*[.:,]?\s*")


# each prefix as the forms print it: NĐ 30 with a dot ('TM.'), HD 36 with a slash ('T/M')
_SLASHED = {"TM.": "T/M", "KT.": "K/T", "TL.": "T/L", "TUQ.": "T/UQ", "Q.": "Q."}
_SPELT = {p: "|".join(r"\s*".join(map(re.escape, fold(form))) for form in (p, s)) for p, s in _SLASHED.items()}


# a slashed prefix with a stroke read beside its slash ('T/1L.BAN THƯỜNG VỤ') or the space after its dot lost
_STROKED_PREFIX = re.compile(r"^[\W_]*([TK])\s*/\s*[1|!]?\s*(M|L|T|UQ)\s*[.:]?\s*(?=[A-ZĐÀ-Ỹ]{2})")


def _mended_prefix(text: str, system: str | None) -> str:
    """`text` with a slashed prefix OCR broke so ('T/1L.BAN', 'T/M.BAN') spelt as the form has it."""
    m = _STROKED_PREFIX.match(text)
    if not m or formats.authority_prefix(text):
        return text
    prefix = dict(formats.AUTHORITY).get(fold(m.group(1) + m.group(2)))
    if prefix is None:
        return text
    return f"{_SLASHED[prefix] if system == 'party' else prefix} {text[m.end():]}"


def _after_prefix(text: str) -> str:
    """'KT. CHỦ TỊCH', 'K/T CHỦ TỊCH', 'KT CHỦ TỊCH' -> 'CHỦ TỊCH'."""
    m = _PREFIX_TOKEN.match(fold(text))
    return re.sub(r"^[\W_]+", "", text[m.end() if m else 0:]).strip()  # a stray sign after it too


WEAK_OCR = 50.0  # Tesseract run confidence below which a header or signature line is not trusted
# A person's name has no context to check it by (no dictionary, no language model): each of its words
# must be read more surely than prose ('Tuấn' read 'Tuần' at 81). Development figure: on the 16 real
# documents the names read right had every word at 87 or more.
NAME_CONF = 85.0


# a pen stroke or seal edge over the name, read as marks, one small letter or digits ('Đặng Văn Minh x',
# 'Lê Thị 4k: Bích Thuận'): no word of a name holds a digit
_STROKE = re.compile(r"[^\w]+|[a-zđà-ỹ]|\S*\d\S*")


_MARKS = ".,:;'\"`~_-*|!?()[]“”‘’…"
_L_MISREAD = re.compile(r"^(?:I\.|l)(?=[a-zđà-ỹ])")  # an L whose foot was read apart (I.) or as a small l


def _unglued(word: str) -> list[str]:
    """'ĐoànThị' -> ['Đoàn', 'Thị'], 'Lý-Đình' -> ['Lý', 'Đình']: a word cut before each capital that
    follows a small letter, and at a hyphen (no Vietnamese name joins its words with one)."""
    out = []
    for part in word.split("-"):
        cuts = [i for i in range(1, len(part)) if part[i].isupper() and part[i - 1].islower()]
        out += [part[a:b] for a, b in zip([0, *cuts], [*cuts, len(part)])]
    return [w for w in out if w]


def _name_of(text: str) -> tuple[str | None, str | None, str | None]:
    """(rank, name, why it was restored) of a name line; a family name whose first letter the
    signature covered ('rần Phước Hiền') is restored when only one family name fits, and a given name
    whose L was read 'I.' or 'l' ('I.ong') when the L gives a common name ('Long')."""
    # a speck or a stroke's end read as a mark stuck to a word ('..Hoàng', 'Hiền:'): no name word holds one
    # (a small letter opening the line is kept where it is a family name's last letter: 'ũ Ngọc Nam' for 'Vũ';
    # not before a family name, where it is a speck: 'à Nguyễn Văn An')
    tokens = text.split()
    words = [w.strip(_MARKS) for k, w in enumerate(tokens)
             if not _STROKE.fullmatch(w) or (k == 0 and w.islower() and formats.complete_surname(w)
                                              and not (len(tokens) > 1 and formats.known_surname(tokens[1].strip(_MARKS))))]
    why = None
    # a space lost between two name words ('ĐoànThị'): each word of a name opens with its capital
    glued = [w for w in words if len(_unglued(w)) > 1 and all(formats.name_word_known(p) for p in _unglued(w))]
    if glued:
        words = [p for w in words for p in (_unglued(w) if w in glued else [w])]
        why = f"'{glued[0]}' read with no space between two name words"
    for k, w in enumerate(words):
        if k and not _NAME_WORD.match(w) and (as_l := _L_MISREAD.sub("L", w)) in formats.NAME_WORDS:
            words[k], why = as_l, f"'{w}' read for '{as_l}' (an L read as 'I.' or 'l')"
    rank = None
    for rk in formats.RANKS:
        if fold(text).startswith(fold(rk) + " "):
            rank, words = rk, words[len(rk.split()):]
            break
    if not 2 <= len(words) <= 5 or not all(_NAME_WORD.match(w) for w in words[1:]):
        return rank, None, None
    if _NAME_WORD.match(words[0]):
        return rank, " ".join(words), why
    if words[0][:1].islower() and (surname := formats.complete_surname(words[0])):
        return rank, " ".join([surname, *words[1:]]), "the family name's first letter was hidden; restored from the common family names"
    return rank, None, None


def _from_surname(r: Run, text: str) -> str:
    """A name line less the words before its family name read under WEAK_OCR ('đa ảo Lý Minh Hiền':
    a seal's text; 'ảnh Hoàng Công Nga': the signature's stroke): a name starts with its family name."""
    at = next((k for k, (t, _) in enumerate(r.words) if formats.known_surname(t.strip(_MARKS))), None)
    if at and all(c is not None and c < WEAK_OCR for _, c in r.words[:at]):
        return " ".join(t for t, _ in r.words[at:]).strip(" *")
    return text


def _reread_block(page, top: float, width: float) -> list[Run]:
    """The signature block as ingest read it again where the page's reading lost it (ingest/foot.py:
    stamp lines in the foot's right half), row by row, each an authority line or a post of a known
    form ('KT. GIÁM ĐỐC', 'PHÓ CHỦ TỊCH'; a post a letter or two from a known one is that one);
    what else the seal and the signature read as is left."""
    rows = columns([Run(line.text, *line.bbox, line.conf, ((line.text, line.conf),)) for line in page.lines
                    if line.role == "stamp" and line.bbox[0] >= width * 0.5 and line.bbox[1] >= top], width * 0.5)[1]
    out = []
    for r in rows:
        text = r.text.strip(" *")
        prefix = formats.authority_prefix(text)
        rest = text[re.match(r"^\W*\S+\s*(?:\.\s*)?", text).end():] if prefix else text
        post = next((p for p in formats.POSTS if fold(p) == fold(rest).strip(" .")), None) or formats.misread_post(rest)
        if post is not None and _caps(rest):
            out.append(Run(f"{prefix} {post}" if prefix else post, r.x0, r.y0, r.x1, r.y1, r.conf, r.words))
    return out


def _deputy_of_line_above(posts: list[Run]) -> str | None:
    """The head's post when the first post line is the 'KT. <head's post>' line over 'PHÓ <head's
    post>' with its prefix misread or hidden by the seal ('II, CHƯ TỊCH' or 'TỊCH' over 'PHÓ CHỦ
    TỊCH'): a deputy signs for the head under KT. (NĐ 30/2020 Phụ lục I; HD 36: K/T), and no post
    printed over a deputy's is the head's own post."""
    if len(posts) < 2:
        return None
    deputy = next((p for p in formats.POSTS if fold(p) == fold(posts[1].text.strip(" *")) and formats.is_deputy(p)), None)
    # the head a deputy signs for: 'PHÓ CHỦ TỊCH' for CHỦ TỊCH, a THỨ TRƯỞNG for the BỘ TRƯỞNG
    head = next((p for p in formats.POSTS if deputy and formats.deputy_post(p) == deputy), None)
    if head is None:
        return None
    words = fold(posts[0].text.strip(" *")).split()
    while words and words[0] not in fold(head).split():
        words = words[1:]  # the prefix misread ('II,', 'K1.')
    rest = " ".join(words)
    return head if rest and (fold(head) == rest or fold(head).endswith(" " + rest)) else None


def _signature_block(meta, right: list[Run], h: float, reread: list[Run] = ()) -> None:
    """[authority lines] / post / (signature, seal) / name. A post printed right above the name is a
    post held concurrently ('CHỦ TỊCH UBND TỈNH' under 'TRƯỞNG BAN'), not the one signed in. Where
    nothing was read above the name, the block as ingest read it again (`reread`) stands in, doubted."""
    authority: list[str] = []
    broken = False
    posts: list[Run] = []
    name = rank = None
    name_run: Run | None = None
    first_authority: Run | None = None
    restored = None
    if reread and not any(_caps(r.text.strip(" *")) for r in right if not _name_of(r.text.strip(" *"))[1]):
        right = sorted([*reread, *right], key=lambda r: r.y0)
    else:
        reread = ()
    for r in right:
        text = r.text.strip(" *")
        if not text:
            continue
        if (mended := _mended_prefix(text, meta.system)) != text:
            _doubt(meta, "signer.on_behalf_of", f"the authority line was read '{text}'", 0.45)
            text = mended
        # authority lines stand above the post (NĐ 30, HD 36); a line over them naming no post is seal text or a
        # line misread, which does not end them
        above_post = not any(formats.is_post(p.text) for p in posts)
        if above_post and name is None and _caps(text) and (formats.authority_prefix(text) or _BROKEN_PREFIX.match(fold(text))):
            prefix = formats.authority_prefix(text)
            broken = broken or prefix is None
            line = text if broken else re.sub(r"^[\W_]+", "", text)  # noise before the prefix dropped
            if prefix and not re.match(rf"(?:{_SPELT.get(prefix, '')})\s*(?=[^\W_])", fold(line)):
                # its dot, slash or first letter lost ('TM BAN THƯỜNG VỤ', '/M BAN THƯỜNG VỤ'), or a sign read between
                # it and the post ('Q.-GIÁM ĐỐC'): spelt as the form has it
                line = f"{_SLASHED[prefix] if meta.system == 'party' else prefix} {_after_prefix(text)}"
                _doubt(meta, "signer.on_behalf_of", f"the authority line was read '{text}'", 0.45)
            authority.append(line)
            first_authority = first_authority or r
            continue
        if name is None and _caps(text) and len(text) < 60:
            posts.append(r)
            continue
        rk, nm, rest = _name_of(_from_surname(r, text))
        if nm:
            name, rank, name_run, restored = nm, rk, r, rest  # the last such run wins: the name is at the block's foot
    if not (authority or posts or name):
        return
    kt_post = _deputy_of_line_above(posts) if not (authority and formats.authority_prefix(authority[-1]) == "KT.") else None
    if kt_post is not None:
        authority.append(f"{_SLASHED['KT.'] if meta.system == 'party' else 'KT.'} {kt_post}")
        _doubt(meta, "signer.on_behalf_of", f"'{posts[0].text.strip(' *')}' stands over the deputy's post: the KT. "
                                            "line, its prefix misread or under the seal", 0.45)
        posts = posts[1:]
    # a line in capitals over the post that names none is the authority line misread ('mà AN NHÂN DÂN' for
    # 'TM. ỦY BAN NHÂN DÂN', which NĐ 30 and HD 36 set above the post) or a seal's text: the post is the line
    # under it that names one
    while len(posts) > 1 and not formats.is_post(posts[0].text) and any(formats.is_post(p.text) for p in posts[1:]):
        _doubt(meta, "signer.on_behalf_of", f"'{posts[0].text.strip(' *')}' over the post names none: the authority "
                                            "line misread?", 0.4)
        posts = posts[1:]
    if posts and meta.system != "party" and (m := _LONE_LETTER.match(fold(posts[0].text))) \
            and formats.is_post(rest := posts[0].text[m.end():].strip(" *")) \
            and not (authority and formats.authority_prefix(authority[-1]) == "KT."):
        # NĐ 30's one prefix of one letter is Q. (an acting head): a lone letter and a dot before the head's post
        # ('Á. CHỦ TỊCH') is that Q misread; not under KT., where a deputy signs (there the letter is a PHÓ
        # misread or abbreviated, 'P. GIÁM ĐỐC'), and the post it makes is as doubtful as the prefix
        authority.append(f"Q. {rest}")
        _doubt(meta, "signer.on_behalf_of", f"the authority line was read '{posts[0].text.strip(' *')}'", 0.4)
        _doubt(meta, "signer.position", f"the post was read '{posts[0].text.strip(' *')}': its 'Q.' taken as misread", 0.4)
        posts = posts[1:]
    concurrent = [p for p in posts[1:]]
    if posts and name_run is not None and name_run.y0 - posts[0].y1 < 0.8 * h and formats.is_post(posts[0].text):
        concurrent = posts  # only the post under the seal-free foot was read: the one signed in is lost
        posts = []
    last = formats.authority_prefix(authority[-1]) if authority else None
    deputy_of = _after_prefix(authority[-1]) if authority and (last == "KT." or broken) else None
    position = posts[0].text.strip(" *") if posts else None
    if position and (words := position.split()) and not any(ch.isupper() for ch in words[0]) \
            and formats.is_post(rest := " ".join(words[1:])):
        position = rest  # a post is printed in capitals (NĐ 30, HD 36): a small-letter word before it is a speck
    conf, why = None, None
    # no post's word is one letter, with a dot or not: a post holding one ('PHÓ G ĐỐC', 'P. GIÁM ĐỐC') is misread or
    # abbreviated, whatever post words it holds, and
    # so is one whose letters spell a known post spaced otherwise ('PHÓ GI ÁM ĐỐC') or that opens one ('PHÔ BÍ')
    if position and (not formats.is_post(position) or re.search(r"(?<!\S)[^\W\d_]\.?(?!\S)", position)
                     or position not in formats.POSTS and (fold(position).replace(" ", "") in _POSTS_UNSPACED
                                                           or any(fold(p).startswith(fold(position) + " ")
                                                                  for p in formats.POSTS))):
        implied = formats.deputy_post(deputy_of) if deputy_of else None
        # a seal's or a stroke's speck read as a sign beside the fragment ('+ TỊCH') is no part of it
        kept = " ".join(_GARBLED_POST.sub(" ", position).split())
        full = implied if implied and formats.post_fits(kept, implied) else formats.complete_post(
            kept, True if last == "KT." else False if last in ("TL.", "TUQ.") or (last == "TM." and meta.system != "party")
            else None)  # a Party deputy signs under T/M itself (HD 36: 'T/M BAN THƯỜNG VỤ / PHÓ BÍ THƯ')
        conf, why = 0.4, f"the post was read as '{position}' (part hidden by the seal?); completed from the known posts"
        if full is None and (full := formats.misread_post(kept, True if last == "KT." else None)):
            why = f"the post was read as '{position}'; the known post it is a letter or two from"
        position = full
        if full is None and last == "Q.":
            # NĐ 30: an acting head signs under 'Q.' before the head's post, which is the post; what was read
            # under it is the seal or the signature
            position, conf = authority[-1], 0.4
            why = why.split(";")[0] + "; no known post fits: the acting head's 'Q.' line above is the post"
        elif full is None:
            conf, why = 0.0, why.split(";")[0] + "; no known post fits"
    elif position and last == "KT." and fold(position) == fold(deputy_of):
        # KT. (ký thay): a deputy signs for the head, so the head's own post lost its 'PHÓ'
        position = formats.deputy_post(deputy_of)
        conf, why = 0.4, "the post was read as the head's own under KT. (its 'PHÓ' lost?); a KT. block is signed by the deputy"
    elif position is None and last == "Q.":
        position = authority[-1]  # NĐ 30: an acting head signs under 'Q.' printed before the head's post
        if not formats.is_post(read := _after_prefix(position)):
            # the head's post misread ('Q. CHỦ TIC'): the known head's post a letter or two from it, doubted
            known = formats.misread_post(read, False)
            position = authority[-1] = f"Q. {known}" if known else position
            conf, why = (0.4 if known else 0.2), f"the acting head's post was read as '{read}'" + (
                "; the known post it is a letter or two from" if known else "")
    elif position is None and deputy_of:
        position = formats.deputy_post(deputy_of)
        conf, why = 0.4, "the post was not read (under the seal?); a KT. block is signed by the deputy"
    elif position is None:
        conf, why = 0.0, "the post was not read (under the seal?)"
    elif posts[0].conf is not None and posts[0].conf < WEAK_OCR:
        conf, why = 0.4, "the post was read with low OCR confidence"
    elif name_run is not None and first_authority is not None and abs(first_authority.cx - name_run.cx) < 0.3 * h \
            and posts[0].cx - name_run.cx > 0.6 * h:
        # the block's lines are centred on one axis (the authority's and the name's agree): a post right of it
        # lost a word before it ('Q.', 'PHÓ')
        conf, why = 0.4, "the post stands right of the block's axis: a word before it lost?"
        if last == "TM." and meta.system != "party" and not fold(position).startswith(("pho ", "q.")):
            # for a collective body (TM.) the head signs, or an acting head as 'Q. <head's post>' (NĐ 30):
            # a deputy signs under KT., so the word lost before the head's post is 'Q.' (a Party deputy
            # signs under T/M itself, HD 36: 'T/M BAN THƯỜNG VỤ / PHÓ BÍ THƯ', so there it may be 'PHÓ')
            position, why = f"Q. {position}", why + " Under TM. only 'Q.' goes before the head's post: taken as lost"
    if broken:
        if position and deputy_of and fold(position) == fold(formats.deputy_post(deputy_of)):
            authority[-1] = f"KT. {deputy_of}"  # a deputy signs for the head: the prefix is KT.
        _doubt(meta, "signer.on_behalf_of", "the signing-authority prefix was read broken", 0.4)
    meta.signer.authority = authority
    meta.signer.on_behalf_of = " ".join(authority) or None
    meta.signer.position = position
    meta.signer.concurrent_positions = [p.text.strip(" *") for p in concurrent if formats.is_post(p.text)]
    if why:
        _doubt(meta, "signer.position", why, conf)
    if reread:
        why = "read again from the image of the signature block, which the page's reading lost"
        _doubt_more(meta, "signer.position", why, 0.45)
        if authority:
            _doubt_more(meta, "signer.on_behalf_of", why, 0.45)
    meta.signer.name = name
    meta.signer.rank = rank
    if name is None:
        _doubt(meta, "signer.name", "the name was not read (under the signature?)", 0.0)
    elif restored:
        _doubt(meta, "signer.name", restored, 0.4)
    elif name_run.conf is not None and name_run.conf < WEAK_OCR:
        _doubt(meta, "signer.name", "the name was read with low OCR confidence", 0.4)
    elif min((c for _, c in name_run.words if c is not None), default=100.0) < NAME_CONF:
        _doubt(meta, "signer.name", "a word of the name was read with less than the confidence a name needs", 0.45)
    words = (meta.signer.name or "").split()
    fits = [formats.name_word_fits(w) if k else [] for k, w in enumerate(words)]
    unsure = {t for t, c in name_run.words if c is not None and c < NAME_CONF} if name_run else set()
    if any(fits):  # a word misread by a mark or a letter: the one common name it fits, doubted
        # a word read surely is kept: the list is not every name ('Tấn' is no misread 'Tân', 'Lin' no 'Linh')
        meta.signer.name = " ".join(f[0] if len(f) == 1 and w in unsure else w
                                    for f, w in zip(fits, words))
        _doubt_more(meta, "signer.name", "; ".join(f"'{w}' is no common name, '{' or '.join(f)}' is"
                                                   for f, w in zip(fits, words) if f), 0.45)


# --- shared by both modes --------------------------------------------------------------------------

# the restorer's confidence below which its change to a field's word leaves the field doubted: on the
# forms' scans its changes to field words under 0.9 were wrong 3 times in 5, those above right
RESTORED_SURE = 0.9
_TOKEN = re.compile(r"\S+")


def _bare(token: str) -> str:
    return token.strip(" .,;:()\"'").casefold()


def _unsure_restoring(doc: Document, value: str | None) -> Correction | None:
    """The least sure change the restorer made to a word of `value` where the text reads `value`
    whole round it: a mark or letter it chose among close readings ('PHỐNG' read, 'PHONG' chosen
    over 'PHỔNG'), which a field must not carry as certain. None when every word of `value` was
    read as printed or restored surely."""
    if not value or doc.restoration is None:
        return None
    words = [b for w in value.split() if (b := _bare(w))]
    reach = 2 * len(value) + 16  # the value's words with room for the line breaks and spaces between them
    found = None
    for c in doc.restoration.corrections:
        if c.confidence >= RESTORED_SURE or doc.text[c.start:c.end] != c.restored or (found and found.confidence <= c.confidence):
            continue  # a sure change, a record not of this text, or no less sure than one found
        if (here := _bare(c.restored)) not in words:
            continue
        # the same word elsewhere ('du lịch cộng đồng' in the body under the subject) is not the field's
        before = [b for m in _TOKEN.finditer(doc.text, max(0, c.start - reach), c.start) if (b := _bare(m.group()))]
        after = [b for m in _TOKEN.finditer(doc.text, c.end, c.end + reach) if (b := _bare(m.group()))]
        if any(w == here and before[len(before) - i:] == words[:i] and after[:len(words) - i - 1] == words[i + 1:]
               for i, w in enumerate(words)):
            found = c
    return found


def _typed_name_word(doc: Document, c: Correction) -> bool:
    """Whether the restorer's change `c` unmade a common name word typed with its marks on a text layer
    or a text file ('Hương' restored 'Hưởng'): the marks they hold are the document's own."""
    # the page the word stands on: a typed first page may come with a scanned signed last page
    page = next((p for p in doc.pages if p.start <= c.start < p.end), None)
    typed = page is not None and page.source in ("text-layer", "input-text") and fold(c.original) != c.original.lower()
    return typed and formats.name_word_known(c.original)


# the restorer's confidence, marks taken away, above which the language overrules a subject's printed
# marks: on the forms' and the real scans' subjects no right word was overruled at 0.99
LANGUAGE_SURE = 0.99


def _language_reading(doc: Document, text: str | None):
    """`text` without its marks, restored from the language alone by the restorer the document was
    restored with; None without such a restorer (no record, passthrough) or text."""
    from vnresolve.diacritics import load_restorer, restorer_label

    label = doc.restoration.model if doc.restoration is not None else None
    name = next((n for n in ("default", "fast") if restorer_label(n) == label), None)
    return load_restorer(name).restore(fold(text)) if name is not None and text else None


def _marks_against_language(text: str, result) -> tuple[int, str, str] | None:
    """(offset, word, word the sentence needs) where `text`'s marks come back otherwise with near
    certainty in `result` (_language_reading): a word OCR misread into another real word ('ý kiến cửa
    Thường trực', 'đề ân'), which the restorer kept as read because OCR was sure of it."""
    from vnresolve.diacritics.vntext import normalize_tone

    sure = {c.start for c in result.changes if c.confidence >= LANGUAGE_SURE}
    ours, theirs = list(_LETTERS.finditer(text)), list(_LETTERS.finditer(result.text))
    if len(ours) != len(theirs):
        return None
    for a, b in zip(ours, theirs):
        if a.start() and a.group()[:1].isupper() and not caps(text) and formats.name_word_known(a.group()):
            continue  # a person's or a place's name inside a subject in small letters ('Cửa Tùng'): the language has no say
        # 'hoá' and 'hóa' are one word, its mark placed by the old rule or the new: no misreading
        if normalize_tone(a.group().lower()) != normalize_tone(b.group().lower()) and any(b.start() <= at < b.end() for at in sure):
            return a.start(), a.group(), b.group()
    return None


def _unsure_against_language(doc: Document, text: str, result) -> tuple[str, str] | None:
    """(word, word the language prefers) for a word of `text` OCR read less surely than a word read
    without context must be (NAME_CONF) and which `result` (_language_reading) spells otherwise: a
    letter misread into another real word ('Cuộc hạp' for 'Cuộc họp'), which the marks alone cannot
    show. Each sign alone is common on right words; both together are not."""
    from vnresolve.diacritics.vntext import normalize_tone

    if not doc.pages:
        return None
    ours = [b for w in text.split() if (b := _bare(w))]
    words = [(_bare(w.text), w.conf) for line in doc.pages[0].lines for w in line.words]
    # the page's words where the most of `text`'s stand in order: the field's own line, not the same word elsewhere
    best, at = 0, None
    for i in range(len(words) - len(ours) + 1):
        hits = sum(a == b for (a, _), b in zip(words[i:i + len(ours)], ours))
        best, at = (hits, i) if hits > best else (best, at)
    if at is None or best < len(ours) / 2:
        return None
    theirs = [_bare(w) for w in result.text.split()]
    if len(theirs) != len(ours):
        return None
    for (read, conf), mine, lang in zip(words[at:at + len(ours)], ours, theirs):
        if read == mine and conf is not None and conf < NAME_CONF and normalize_tone(mine) != normalize_tone(lang):
            return mine, lang
    return None


def _addressees(doc: Document) -> None:
    lines = list(iter_lines(doc.text[: doc.pages[0].end if doc.pages else len(doc.text)]))
    for i, line in enumerate(lines):
        if m := _KINH_GUI.match(line.folded):
            rest = line.text[m.end():].strip()
            out = [rest.lstrip("-+• ").rstrip(" ,;.")] if rest else []
            for nxt in lines[i + 1: i + 15]:
                # one addressee under a 'Kính gửi:' alone takes no dash (NĐ 30)
                if nxt.text.startswith(("-", "+", "•")) or (not out and len(nxt.text) < 90 and not (_MOTTO.search(nxt.folded) or _DATE.search(nxt.folded))):
                    out.append(nxt.text.lstrip("-+• ").rstrip(" ,;."))
                elif out and len(nxt.text) < 60 and not nxt.text.endswith((".", ":")) and not out[-1].endswith(";"):
                    out[-1] = f"{out[-1]} {nxt.text.rstrip(' ,;.')}"
                else:
                    break
            doc.metadata.addressees = [o for o in out if o]
            return


def _received(doc: Document) -> None:
    """'CV ĐẾN  Số: 2352  Ngày: 21/3/18': the stamp of the body that received this copy, read from the
    lines around its 'ĐẾN' mark (where the page has boxes: the lines inside the stamp's box, the
    stamp layer's included), never from running text that says 'đến'."""
    if not doc.pages:
        return
    page = doc.pages[0]
    if has_boxes(page):
        groups = _stamp_groups(page)
    else:
        lines = list(iter_lines(doc.text[page.start: page.end]))
        groups = [lines[max(0, i - 2): i + 4] for i, line in enumerate(lines) if _is_received_mark(line.text)]
    for group in groups:
        texts = [x.text for x in group]
        joined = " ".join(fold(t) for t in texts)
        no, dt = _RECV_NO.search(joined), _RECV_DATE.search(joined)
        if not (no or dt):
            continue
        date = None
        if dt:
            y = int(dt.group("y"))
            date = iso_date(y + 2000 if y < 100 else y, int(dt.group("m")), int(dt.group("d")))
        by = next((t for t in texts if _caps(t) and len(t) > 12 and not _is_received_mark(t)), None)
        doc.metadata.received.append(ReceivedStamp(by=by, number=no.group("n") if no else None, date=date,
                                                   page=page.number, raw=" / ".join(texts)))
        return


def _is_received_mark(text: str) -> bool:
    """A stamp's 'ĐẾN' ('CV ĐẾN', 'CÔNG VĂN ĐẾN'), printed in capitals, on a short line or one that
    also holds the stamp's 'Số:' field; not a sentence that says 'đến'."""
    folded = fold(text)
    return (_RECEIVED_MARK.search(text) is not None
            and (len(folded.strip()) <= 24 or _RECV_NO.search(folded) is not None))


def _stamp_groups(page) -> list[list]:
    """For each 'ĐẾN' mark on the page, the lines inside the stamp around it, top to bottom: a box
    reaching a few line heights right of and below the mark."""
    groups = []
    for mark in page.lines:
        if not _is_received_mark(mark.text):
            continue
        h = max(1.0, mark.bbox[3] - mark.bbox[1])
        x0, y0, x1, y1 = mark.bbox[0] - 3 * h, mark.bbox[1] - 2.5 * h, mark.bbox[2] + 14 * h, mark.bbox[3] + 4 * h
        # parsers read the Document alone (never ingest), so the centre-in-box test is written here
        inside = [line for line in page.lines
                  if x0 <= (line.bbox[0] + line.bbox[2]) / 2 <= x1 and y0 <= (line.bbox[1] + line.bbox[3]) / 2 <= y1
                  and (line.role == "stamp" or line is mark or len(line.text) <= 48)]
        groups.append(sorted(inside, key=lambda line: (line.bbox[1], line.bbox[0])))
    return groups


def _symbol_and_type(meta) -> None:
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
            named = formats.type_of_abbreviation(meta.symbol.type_abbr) if meta.symbol.type_abbr else []
            if not named or named[0].code == "official_letter":
                meta.doc_type, meta.doc_type_label = "official_letter", None
                printed = formats.BY_CODE["official_letter"]
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
    misread = (not formats.type_of_abbreviation(got) and fold(got[0]) == fold(want[0])
               and Levenshtein.distance(fold(got), fold(want)) <= min(2, len(want) - 1))
    if not (added or misread):
        return
    at = meta.number.find(got, len(meta.symbol.number or ""))
    sym = formats.parse_symbol(meta.number[:at] + want + meta.number[at + len(got):]) if at >= 0 else None
    if sym is None or not formats.type_agrees(sym, printed):
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
            diff = [(x, y) for x, y in zip(part, code) if x != y] if len(code) == len(part) else []
            if len(diff) == 1 and diff[0] in _LOOKALIKE:
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


def _check_signer(meta) -> None:
    """Doubts that hold whichever pass read the block: a post with digits or stray marks in it ('1Ó CHỦ
    TỊCH': a seal or a stroke over it), completed from the known posts where one fits, and a name
    whose first word is no family name ('Trật Hoàng Tuấn')."""
    signer = meta.signer
    if signer.position and _GARBLED_POST.search(signer.position):
        read = signer.position
        cleaned = " ".join(_GARBLED_POST.sub(" ", read).split())
        full = cleaned if formats.is_post(cleaned) and cleaned in formats.POSTS else formats.complete_post(cleaned, None)
        signer.position = full or cleaned or None
        _doubt(meta, "signer.position", f"the post was read as '{read}'" + ("; completed from the known posts" if full else ""),
               0.4 if full else 0.2)
    if signer.name and len(words := signer.name.split()) == 2 and words[0] in ("Văn", "Thị"):
        # the middle name of most men's and women's names: a name of two words opening on one lost its family
        # name to the seal or the signature ('Văn Phúc' for 'Bùi Văn Phúc')
        _doubt(meta, "signer.name", f"'{signer.name}' opens on the middle name '{words[0]}': its family name lost?", 0.4)
    if signer.name and not formats.known_surname(first := signer.name.split()[0]):
        from vnresolve.diacritics.vntext import split_tone

        # a tone mark misread ('Đô' for 'Đỗ'): the one family name with the same letters, doubted; a name
        # in text without marks ('Hoang Van Thieu') is left as it is written
        fits = sorted({n for n in (*formats.SURNAMES, *formats.RARER_SURNAMES)
                       if split_tone(n)[0] == split_tone(first)[0]}) if not first.isascii() else []
        if len(fits) == 1:
            signer.name = " ".join([fits[0], *signer.name.split()[1:]])
            _doubt(meta, "signer.name", f"'{first}' is no known family name; '{fits[0]}' is, with another tone mark", 0.4)
        else:
            _doubt(meta, "signer.name", f"'{first}' is no known family name: misread?", 0.4)


def refine(doc: Document) -> Document:
    meta = doc.metadata
    meta.attachments = attachments(doc)
    if doc.pages and has_boxes(doc.pages[0]):
        _header_regions(doc)
        _signature_regions(doc)
    else:
        meta.read_from = "text"
        head = list(iter_lines(head_text(doc)))[:25]
        _marks(meta, [line.text for line in head])
        for line in head:
            t = formats.type_of_line(line.folded) if _caps(line.text) else None
            if t is not None:
                label = line.text.strip(" *#")
                if meta.doc_type not in ("political_report", "review_report"):
                    if meta.doc_type_label != label:
                        # the text pass took another line for the type ('KHẨN' read as 'KẾ HOẠCH'): re-read the subject
                        block = doc.text[line.end:].lstrip("\n").split("\n\n", 1)[0]
                        meta.title = meta.subject = " ".join(block.split()) or None
                    # the OCR-tolerant first pass may name the right line with the wrong type ('CHỈ THỊ' as 'CHƯƠNG TRÌNH')
                    meta.doc_type, meta.doc_type_label = t.code, label
                break
        if meta.number is None:
            for line in head:
                if _number_from(line.text, None, meta):
                    break
    if meta.subject is None:
        meta.subject = meta.title
        if meta.subject is None:  # a công văn's 'V/v …' under its number
            lines = list(iter_lines(head_text(doc)))[:25]
            for i, line in enumerate(lines):
                if m := _VV.match(line.folded):
                    meta.subject = line.text[m.end():].strip() or None
                    if meta.read_from == "regions":  # its line lay across the header's columns, not in the left one
                        _doubt(meta, "subject", "the V/v line runs across into the right column (a note written "
                                                "across it?)", 0.4)
                    break
    if meta.subject:
        cleaned = _clean_subject(meta.subject)
        meta.title = cleaned if meta.title == meta.subject else meta.title
        meta.subject = cleaned
    if meta.title is None and meta.subject and meta.doc_type not in (None, "official_letter"):
        meta.title = meta.subject
    _addressees(doc)
    meta.recipients = [_as_above(item, meta) for item in meta.recipients]
    _received(doc)
    _symbol_and_type(meta)
    if meta.doc_type == "other":
        # only the loose first pass gives it: a capitals line like a type name that no official type's name matched
        _doubt(meta, "doc_type", f"'{meta.doc_type_label}' names no type of the official list", 0.4)
    _symbol_from_filed(meta)
    _symbol_from_issuer(meta)
    if meta.doc_type is None and meta.addressees:
        # no type name and no symbol read, but addressed 'Kính gửi:' under the header: a công văn's form
        # (NĐ 30/2020: the other types that address someone print their name); OCR may have lost one
        meta.doc_type = "official_letter"
        _doubt(meta, "doc_type", "no type name was read; addressed 'Kính gửi:' as a công văn is", 0.4)
    meta.signatures = e_signatures(doc)
    signed = first_signing_day(meta.signatures)
    if meta.date and signed and meta.date > signed:
        _doubt(meta, "date", f"the date read is after the document was signed ({signed}): misread?", 0.2)
    if meta.date is None and (latest := latest_date([line.text for line in iter_lines(head_text(doc))][:25], signed)):
        meta.date = latest  # the day is unreadable: the signing day, the latest it can be, offered as a guess
        meta.uncertain = [d for d in meta.uncertain if d.field != "date"]
        meta.confidence.pop("date", None)
        _doubt(meta, "date", f"the day is unreadable: given as the day of the first e-signature ({signed}), the "
                             "latest the document can be dated", 0.1)
    if meta.signer.name and meta.signer.rank is None:
        for rk in formats.RANKS:
            if fold(meta.signer.name).startswith(fold(rk) + " "):
                meta.signer.rank, meta.signer.name = rk, meta.signer.name[len(rk) + 1:]
    _check_signer(meta)
    if meta.subject and (mended := _foreign_marks_dropped(meta.subject)) != meta.subject:
        _doubt(meta, "subject", f"read '{meta.subject}': a mark no Vietnamese letter takes ('ÿ', 'Ñ') is a speck; "
                                "dropped", 0.45)
        meta.title = mended if meta.title == meta.subject else meta.title
        meta.subject = mended
    for field in ("issuer", "subject"):
        if (word := _garbled(getattr(meta, field) or "")) is not None:
            _doubt(meta, field, f"'{word}' is no Vietnamese word: OCR misread part of it", 0.4)
    for field, value in (("issuer", meta.issuer), ("subject", meta.subject), ("signer.name", meta.signer.name),
                         ("signer.position", meta.signer.position)):
        c = _unsure_restoring(doc, value)
        if c is not None and field == "signer.name" and _typed_name_word(doc, c):
            # a text layer holds the marks as typed, and a name has no sentence to overrule them by
            meta.signer.name = " ".join(c.original if w == c.restored else w for w in value.split())
        elif c is not None:
            others = " or ".join(f"'{a}'" for a in c.alternatives[:3])
            _doubt(meta, field, f"'{c.original}' was read; the restorer chose '{c.restored}' with confidence "
                                f"{c.confidence:.2f}" + (f" over {others}" if others else ""), 0.45)
    reading = _language_reading(doc, meta.subject)
    if reading is not None and (against := _marks_against_language(meta.subject, reading)) is not None:
        at, word, needed = against
        why = f"'{word}' is a word, but the sentence needs '{needed}': misread?"
        # a capitalised word inside a subject in small letters is a name ('Cửa Tùng', 'Điện Biên'), on which the
        # restorer, given the subject without case, has no say: it is only doubted
        a_name = at > 0 and word[:1].isupper() and not caps(meta.subject)
        # only a page Tesseract read has its marks misread; a text layer or a text file holds the marks as
        # typed, and the language alone overrules a right word in about one sentence in forty
        ocr_read = bool(doc.pages) and doc.pages[0].source == "ocr"
        if fold(word) == fold(needed) and not a_name and ocr_read:  # its marks alone misread: the needed word is taken, doubted
            needed = "".join(n.upper() if w.isupper() else n for w, n in zip(word, needed))  # in the word's case
            mended = meta.subject[:at] + needed + meta.subject[at + len(word):]
            meta.title = mended if meta.title == meta.subject else meta.title
            meta.subject, why = mended, f"'{word}' was read, but the sentence needs '{needed}' (the same letters): taken"
        _doubt(meta, "subject", why, 0.45)
    elif reading is not None and (unsure := _unsure_against_language(doc, meta.subject, reading)) is not None:
        _doubt(meta, "subject", f"'{unsure[0]}' was read unsurely, and the sentence would have '{unsure[1]}'", 0.45)
    if meta.subject and meta.read_from == "regions" and _MID_SEMICOLON.search(meta.subject):
        # a subject is one phrase, its parts set off by commas; ',' and ';' differ by a dot a speck adds
        # (a real one stands between two named programmes: 'MTQG: Phát triển …; giảm nghèo …', so it is kept)
        _doubt(meta, "subject", "a ';' inside the subject: a ',' read with a speck above it?", 0.45)
    for field in ("doc_type", "number", "issuer", "date", "subject", "signer.name", "signer.position"):
        value = meta
        for part in field.split("."):
            value = getattr(value, part)
        if value is not None:
            meta.confidence.setdefault(field, 0.9 if meta.read_from == "regions" else 0.8)
        elif field not in meta.confidence:
            # nothing read is no evidence: a reader must not take the blank for 'there is none'
            _doubt(meta, field, "not found", 0.0)
    meta.confidence = dict(sorted(meta.confidence.items()))
    return doc
