"""Split page text into the tokens the restorer may change and the spans it must leave alone.

Mangled OCR puts symbols inside words ('x&' = xã, 'ngu%i' = người, '1¢' = lệ), so a word here is
any run of letters, digits and those symbols. Numbers, dates, document codes (04-NQ/TU), URLs,
e-mail addresses and Roman numerals are protected before any word is considered.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, fields

from vnresolve.diacritics.syllables import is_syllable

# a lone '&', '@' or '¢' may be OCR for 'ở' and a lone '¥' for 'ý'; a run of them is not
LONE_SYMBOLS = "&@¢¥"
# inside a word: symbols English-model OCR puts for marked letters ('nh§n' = nhận, 'du’ong' = đường)
_WORD = re.compile(r"[^\W_]+(?:[&¢€%@?'’‘§¥][^\W_]*)*|[&¢€][^\W_]+|(?<![&@¢¥\w])[&@¢¥](?![&@¢¥\w])")
_PROTECT = re.compile(
    r"(?:https?://|www\.)\S+"  # URLs
    r"|\b[\w.+-]{1,64}@[\w-]{1,64}(?:\.[\w-]{1,64})+"  # e-mail
    r"|\b[\w.-]{0,24}\d[\w.-]{0,24}(?:/[\w.-]{1,24})+"  # codes with a slash and a digit: 04-NQ/TU, 45/2013/QH13
    r"|\b[A-ZĐ]{1,6}(?:/[A-ZĐ]{1,6})+\b"  # NQ/TW, T/M
    r"|\b\d+-[A-ZĐ]{1,6}\b"  # 04-NQ
    r"|\b[A-ZĐ]{2,6}\d+[A-Z0-9]*\b|\b[A-Z]\d+[A-Z]\w*"  # QH13, H5N1 (not B6, which is OCR for Bộ)
    r"|\b[\w+-]{1,64}(?:\.[\w+-]{1,64}){0,4}\.(?:vn|com|org|net|gov|edu)\b"  # bare domains
    # quantifiers are bounded: unbounded ones backtrack quadratically on a megabyte of one letter
)
_ROMAN = re.compile(r"^(?=[MDCLXVI])M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_NUMBER = re.compile(r"^[0-9]+$")
# a number glued to its unit ('89km', '38ha', '16m') is a measurement, whatever digits it uses;
# one digit and a one-letter unit ('4m') is as often a mangled word (âm) and is left to context
_MEASURE = re.compile(r"^(?:[0-9]+(?:km2?|ha|m[23]|cm[23]?|mm|kg|mg|kwh?|mwh?|kv|ml|ms|mb|gb|tb|hz|mhz|ghz)"
                      r"|[0-9]{2,}(?:m|g|t|l))$", re.I)
OCR_DIGITS = "013468"  # digits that stand for letters in mangled words (0/6 = o, 1 = l, 3/4 = a, 8 = ê/ô)
# short lower-case letter-digit tokens that are units or technology names, never mangled words
UNIT_TOKENS = frozenset({"m2", "m3", "km2", "cm2", "cm3", "dm2", "dm3", "mm2", "ha2", "co2", "so2", "no2", "h2o", "pm10",
                         "3g", "4g", "5g", "6g", "2d", "3d", "4d", "mp3", "mp4", "4k", "8k", "h5n1", "h1n1", "u23", "u19"})
MAX_WORD = 12  # no Vietnamese syllable, however mangled, is longer; longer runs are foreign or garbage
# English-model OCR reads the horn of a capital Ư or Ơ as an apostrophe, which can swallow the space
# after it ('CU'DAI' = CỬ ĐẠI, 'SU'DUNG' = SỬ DỤNG): two syllables glued by a horn are two words
_HORN_GLUED = re.compile(r"([A-ZĐ]+[UO]['’‘])([A-ZĐ]{2,})")


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    text: str
    fixed: bool  # protected: must come out exactly as it went in
    bare_number: bool = False  # a short run of digits outside any code or date: maybe OCR for letters ('6' = tổ)


_WORD_FIELDS = ("start", "end", "text", "fixed", "bare_number")
assert tuple(f.name for f in fields(Word)) == _WORD_FIELDS  # _word below writes exactly these
_new = object.__new__


def _word(start: int, end: int, text: str, fixed: bool, bare_number: bool = False) -> Word:
    """Word(start, end, text, fixed, bare_number), the same object, built without the frozen
    dataclass's __init__ (one object.__setattr__ call per field: ~1.5 us of every word of a page)."""
    w = _new(Word)
    d = w.__dict__
    d["start"] = start
    d["end"] = end
    d["text"] = text
    d["fixed"] = fixed
    d["bare_number"] = bare_number
    return w


_ROMAN_FIRST = frozenset("MDCLXVI")  # _ROMAN's look-ahead: nothing else can start a numeral


# Every _PROTECT match holds a digit, '/', '@' or '.' and no whitespace, so it lies inside a
# whitespace-free run that holds one of those: only such runs are searched (the same matches;
# a scan of the whole page with the seven alternatives would cost a third of tokenising it). The look-behind
# starts a run only at its first character and the possessive part never backtracks, so a long run
# without a trigger costs its length once, not its square.
_TRIGGER_RUN = re.compile(r"(?<!\S)[^\s\d/@.]*+[\d/@.]\S*")


def protected_spans(text: str) -> list[tuple[int, int]]:
    search = _PROTECT.finditer
    return [m.span() for run in _TRIGGER_RUN.finditer(text) for m in search(text, run.start(), run.end())]


def is_roman(token: str) -> bool:
    return len(token) <= 6 and bool(_ROMAN.match(token)) and token not in ("D", "C", "L", "M")


def roman_repair(token: str) -> str | None:
    """'X111' -> 'XIII', 'XVI1' -> 'XVII': English-model OCR reads the I of a Roman numeral as 1
    or l (seeds 002-004). Only X, V and I, so codes such as 'L1', 'C1' are never touched."""
    if not (2 <= len(token) <= 6) or set(token) - set("IVX1l") or not set(token) & set("IVX") \
            or not ("1" in token or "l" in token and set(token) & set("XV")):  # 'Il' may be a word
        return None
    fixed = token.replace("1", "I").replace("l", "I")
    return fixed if is_roman(fixed) else None


def _spells_syllable(letters: str) -> bool:
    """Do some marks make these letters a syllable? A stop ending needs a rising or heavy tone, so
    the acute is tried too ('CAC' = CÁC)."""
    low = letters.lower()
    vowel = re.search(r"[aeiouy]", low)
    if is_syllable(low) or not vowel:
        return is_syllable(low)
    return is_syllable(unicodedata.normalize("NFC", low[:vowel.end()] + "\u0301" + low[vowel.end():]))


def words(text: str) -> list[Word]:
    """Every word token in order, with whether it is protected."""
    spans = protected_spans(text)
    out: list[Word] = []
    k = 0
    for m in _WORD.finditer(text):
        s, e = m.span()
        tok = m.group()
        # a trailing '?' or '%' is punctuation, not a mangled letter (a lone '@' is a word: 'ở')
        while len(tok) > 1 and tok[-1] in "?'’‘%@§¥":
            tok, e = tok[:-1], e - 1
        if not tok:
            continue
        while k < len(spans) and spans[k][1] <= s:
            k += 1
        inside = k < len(spans) and spans[k][0] < e
        if tok.isalpha():  # the common case, decided without the checks below (same result: no
            # digit, so neither a code nor a unit nor a bare number; a letter, so not fixed for lacking one)
            out.append(_word(s, e, tok, inside or len(tok) > MAX_WORD or (tok[0] in _ROMAN_FIRST and is_roman(tok))))
            continue
        glued = _HORN_GLUED.fullmatch(tok) if not inside else None
        if glued and _spells_syllable(glued[1][:-1]) and _spells_syllable(glued[2]):
            cut = s + len(glued[1])  # the first word keeps its apostrophe, which the output turns into a space
            out += [_word(s, cut, glued[1], False), _word(cut, e, glued[2], False)]
            continue
        has_letter = any(c.isalpha() for c in tok) or (any(c in "&¢€" for c in tok) and len(tok) > 1)
        digits = sum(c.isdigit() for c in tok)
        code_like = digits and (sum(c.isupper() for c in tok) >= 2 or digits >= 2)  # QH13, H5N1, A1-B22
        unit = tok.lower() in UNIT_TOKENS or bool(_MEASURE.match(tok))  # 'm3' has one digit, so the code rule alone let it be read as 'mà'
        fixed = inside or unit or not has_letter or is_roman(tok) or bool(code_like) or len(tok) > MAX_WORD
        # a short number or a lone '&', '@', '¢', '¥' may be OCR for a word ('6', '&' = ở)
        bare = not inside and (tok.isdigit() and len(tok) <= 2 or len(tok) == 1 and tok in LONE_SYMBOLS)
        # '16p' = lớp, '16i' = lợi, 'd01' = đối: short lower-case words whose digits are the ones
        # English-model OCR puts for letters; the digit-count rule would protect them as codes.
        bare = bare or (not inside and code_like and len(tok) <= 6 and tok.islower() and not unit
                        and set(c for c in tok if c.isdigit()) <= set(OCR_DIGITS))
        out.append(_word(s, e, tok, fixed, bool(bare)))  # a bool, as annotated (the expression can give 0)
    return out
