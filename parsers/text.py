"""Accent-folded views of the text and OCR-tolerant keyword patterns.

Parsers run on clean text, on restored OCR text and on raw English-model OCR
("Nghi quyét Pai hoi Pang bd tinh"). Matching keywords on a folded copy that
keeps every offset (one output char per input char) lets one regex serve all
three and still point back into `Document.text`.
"""

from __future__ import annotations

import datetime

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

# OCR glyphs that stand for accented vowels in the seeds' English-model output.
_OCR_VOWELS = {"€": "e", "¢": "e", "@": "e", "©": "c"}


class _FoldTable(dict):
    """str.translate table built lazily: each char maps to exactly one char."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char in _OCR_VOWELS:
            out = _OCR_VOWELS[char]
        elif char in "đĐ":
            out = "d"
        else:
            base = unicodedata.normalize("NFD", char)[0]
            out = base.lower() if len(base.lower()) == 1 else char
            if unicodedata.combining(out):
                out = " "
        self[code] = out
        return out


_TABLE = _FoldTable()


def caps(text: str, least: int = 3, share: float = 0.7, strictly: bool = False) -> bool:
    """Whether `text` is written in capitals: at least `least` letters, and capitals `share` of them
    or more (more than `share` when `strictly`)."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < least:
        return False
    upper = sum(c.isupper() for c in letters) / len(letters)
    return upper > share if strictly else upper >= share


def fold(text: str) -> str:
    """Lowercase, accents stripped, same length as `text` (offsets carry over)."""
    return text.translate(_TABLE)


# Letters as the English OCR model renders them: 'đ' comes out as d/p/b/dp/bp,
# 'l' as 1/I/[, 'o' as 6/0, 'e' as 3/&, and so on.
_TOLERANT = {
    "a": "[a4@&]",
    "e": "[e3&]",
    "o": "[o06]",
    "l": "[l1i|\\[!]",
    "i": "[i1l|!j]",
    "u": "[uvwy]",
    "y": "[yv]",
    "s": "[s5]",
    "g": "[gq]",
    "n": "[n]",
}


@lru_cache(maxsize=512)
def tolerant(phrase: str) -> str:
    """Regex source matching folded `phrase` and its common OCR manglings.

    A word-initial 'd' also matches p/b/dp/bp (how 'Đ' is misread); spaces
    match any run of whitespace, including a line break.
    """
    out = []
    for word_i, word in enumerate(phrase.split()):
        if word_i:
            out.append(r"\s+")
        for i, ch in enumerate(word):
            if i == 0 and ch == "d":
                out.append("(?:dp|bp|d|p|b)")
            elif ch in _TOLERANT:
                out.append(_TOLERANT[ch])
            else:
                out.append(re.escape(ch))
    return "".join(out)


@dataclass(frozen=True)
class TextLine:
    start: int
    end: int
    text: str  # stripped
    folded: str


def iter_lines(text: str, folded: str | None = None) -> Iterator[TextLine]:
    """Non-empty lines with their offsets (start of the stripped text)."""
    folded = fold(text) if folded is None else folded
    offset = 0
    for raw in text.splitlines(keepends=True):
        start, offset = offset, offset + len(raw)
        stripped = raw.strip()
        if not stripped:
            continue
        lead = len(raw) - len(raw.lstrip())
        s = start + lead
        yield TextLine(s, s + len(stripped), stripped, folded[s : s + len(stripped)])


_PAGE_NUMBER = re.compile(r"^[\W_]{0,3}(?:t(?:rang)?\.?\s*)?\d{1,3}[\W_]{0,3}$|^-\s*\d{1,3}\s*-$", re.IGNORECASE)
_STAMP = re.compile(r"^[\W_]{1,4}$")


def is_noise_line(line: str) -> bool:
    """Page numbers ('12', '- 3 -', 'T.12') and stamp debris ('*', '} ]')."""
    s = line.strip()
    return bool(s) and (bool(_PAGE_NUMBER.match(s)) or (len(s) <= 4 and bool(_STAMP.match(s))))


def squash(text: str) -> str:
    """Hard-wrapped OCR lines joined into one spaced string."""
    return re.sub(r"\s+", " ", text).strip()


_TY_LE = re.compile(r"(?<![a-z0-9])(t[yv])(\s+)[1il|!][8e3&](?![a-z0-9])")


def fold_ocr(text: str) -> str:
    """`fold()` plus fixes for misreads that look like numbers ('Ty 18' is 'Tỷ lệ')."""
    return _TY_LE.sub(r"\1\2le", fold(text))


def iso_date(year: int | str, month: int | str, day: int | str) -> str | None:
    """'YYYY-MM-DD' for a real calendar day between 1900 and 2100, else None: a day the page cannot
    have (30 February, a misread year) is no date, rather than an invalid one in the JSON."""
    try:
        date = datetime.date(int(year), int(month), int(day))
    except (TypeError, ValueError):
        return None
    return date.isoformat() if 1900 <= date.year <= 2100 else None
