"""How the catalogue record says what it is unsure of: a field's confidence lowered and the reason
listed in `uncertain`, and the Tesseract confidences below which what was read is doubted; and
`_caps`, the record's test for a line set in capitals (two letters are enough)."""

from __future__ import annotations

import re
from collections import Counter

from vnresolve.parsers.regions import Run
from vnresolve.parsers.text import caps
from vnresolve.schemas import FieldDoubt


LOW_CONF = 70.0  # Tesseract word confidence below which a digit is not trusted

WEAK_OCR = 50.0  # Tesseract run confidence below which a header or signature line is not trusted
# A person's name has no context to check it by (no dictionary, no language model): each of its words
# must be read more surely than prose ('Tuấn' read 'Tuần' at 81). Development figure: on the 16 real
# documents the names read right had every word at 87 or more.
NAME_CONF = 85.0


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


def _low(run: Run, token: str) -> bool:
    """Whether the word of `run` holding `token` was read with low confidence."""
    return any(token and token in t and c is not None and c < LOW_CONF for t, c in run.words)


def _weak(meta, field: str, used: list[Run]) -> None:
    """A field read from a line OCR was unsure of is marked uncertain (a seal or a note over it)."""
    confs = [r.conf for r in used if r.conf is not None]
    if confs and min(confs) < WEAK_OCR:
        _doubt(meta, field, f"read from a line of low OCR confidence ({min(confs):.0f})", 0.4)


def _unsure_digits(meta, field: str, used: list[Run], text: str = "") -> None:
    """A field holding a number read below LOW_CONF is doubted ('năm 2922' at 67 for 2022): no word list checks
    digits, and the line's other words may all be read surely. A number the document's `text` prints again is
    borne out: a run of three digits or more in any form ('2021 - 2025', 'ngày 05/3/2024'); a shorter one only
    as the same word ('5/CT-TTg' for '05/CT-TTg') or after the same word ('bão số 4'), since dates hold every
    short number. The field's own lines are in `text` once."""
    seen, own = _number_keys(text), _number_keys(" ".join(r.text for r in used))
    for r in used:
        for k, (t, c) in enumerate(r.words):
            groups = [_unpadded(g) for g in _DIGITS.findall(t)]
            if c is None or c >= LOW_CONF or not groups:
                continue
            word = _number_word(t)
            key = f"{_number_word(r.words[k - 1][0])} {word}" if word.isdigit() and k else word
            if any(seen[g] <= own[g] for g in groups if len(g) >= 3) or \
                    any(len(g) < 3 for g in groups) and seen[key] <= own[key]:
                _doubt(meta, field, f"'{t}' was read at OCR confidence {c:.0f}: its digits are not sure", 0.45)
                return


def _unpadded(digits: str) -> str:
    return digits.lstrip("0") or "0"


def _number_word(word: str) -> str:
    """`word` as a number's occurrences are compared: folded case, no sign at its ends, no leading zeros."""
    return _DIGITS.sub(lambda m: _unpadded(m.group()), word.strip(".,;:()").casefold())


def _number_keys(text: str) -> Counter:
    """How often `text` holds each run of digits, each word as `_number_word` writes it, and each number word
    after the word before it ('số 4')."""
    words = [_number_word(w) for w in text.split()]
    keys = Counter(_unpadded(g) for g in _DIGITS.findall(text))
    keys.update(words)
    keys.update(f"{a} {b}" for a, b in zip(words, words[1:]) if b.isdigit())
    return keys


_DIGITS = re.compile(r"\d++")
