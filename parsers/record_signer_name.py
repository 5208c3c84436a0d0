"""The signer's name line: a rank and the words of a person's name, a family name's letter the
signature covered or a misread L restored from the common names (parsers/formats.py)."""

from __future__ import annotations

import re

from vnresolve.parsers import formats
from vnresolve.parsers.record_doubts import WEAK_OCR
from vnresolve.parsers.regions import Run
from vnresolve.parsers.text import fold


_NAME_WORD = re.compile(r"^[A-ZĐÀ-Ỹ][a-zđà-ỹ]+$")

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
