"""How the catalogue record says what it is unsure of: a field's confidence lowered and the reason
listed in `uncertain`, and the Tesseract confidences below which what was read is doubted; and
`_caps`, the record's test for a line set in capitals (two letters are enough)."""

from __future__ import annotations

import re
from collections import Counter

from vnresolve.parsers.regions import Run
from vnresolve.parsers.text import caps, fold
from vnresolve.schemas import FieldDoubt


LOW_CONF = 70.0  # Tesseract word confidence below which a digit is not trusted

WEAK_OCR = 50.0  # Tesseract run confidence below which a header or signature line is not trusted
# A person's name has no context to check it by (no dictionary, no language model): each of its words
# must be read more surely than prose ('Tuấn' read 'Tuần' at 81). Development figure: on the 16 real
# documents the names read right had every word at 87 or more.
NAME_CONF = 85.0
# A common name word whose letters with other marks are a commoner name ('Hường' for 'Hương') is doubted read below
# this: the marks are what OCR misreads most. Development figure: on the forms scans such a word read right was at 96
# or more (14 of 14), the one read wrong at 88; a name word read right is at 91 or less one time in twenty.
TWIN_NAME_CONF = 92.0
# A date's day or month of one digit is one glyph, with no second digit or word to bear it out: Tesseract reads a
# printed one at its top confidence, and one below this, and below every other word of its line (so not the scan's
# noise over the whole line), weighed another digit. Development figure: on the generated scans such a digit was read
# at 95 or more 506 times in 517, all right; of the 5 read from 70 to 95, one was wrong, the one below its whole line.
LONE_DIGIT_CONF = 95.0


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


# the date's labels as OCR reads them ('nqày', 'hgày', 'thảng', 'nắm'), folded
_DATE_LABELS = {"ngay": re.compile(r"^[nh][a-z]?ay$"), "thang": re.compile(r"^th[a-z]ng$"), "nam": re.compile(r"^n[a-z]m$")}
# a year read below this, and below every other word of its date line, weighed another digit. Development figure:
# of 1,033 dates given certain on the cached generated scans, 11 had such a year; one was wrong ('2004' read '2001' at 85)
YEAR_CONF = 90.0


def _unsure_below_line(run: Run, token: str, label: str, ceiling: float) -> bool:
    """Whether `token` stands as the word after `label` in `run`, read below `ceiling` and below every other
    word of the run (specks left out)."""
    words = [(t, c) for t, c in run.words if any(ch.isalnum() for ch in t)]
    for k, (t, c) in enumerate(words):
        if k and _DATE_LABELS[label].match(fold(words[k - 1][0]).strip(" .,:;")) \
                and t.strip(" .,:;()") == token and c is not None and c < ceiling:
            others = [c2 for j, (_, c2) in enumerate(words) if j != k and c2 is not None]
            return bool(others) and c < min(others)
    return False


def _year_unsure(run: Run, year: str | None) -> bool:
    """Whether the date line's year was read below YEAR_CONF and below every other word of its line."""
    return bool(year) and _unsure_below_line(run, year, "nam", YEAR_CONF)


def _lone_digit_unsure(run: Run, token: str | None, label: str) -> bool:
    """Whether `token`, one digit, stands as the word after `label` ('ngay', 'thang') in `run`, read below
    LONE_DIGIT_CONF and below every other word of the run ('Quận 3, ngày 05 tháng 3': the month's 3)."""
    return bool(token) and len(token) == 1 and _unsure_below_line(run, token, label, LONE_DIGIT_CONF)


def _weak(meta, field: str, used: list[Run]) -> None:
    """A field read from a line OCR was unsure of is marked uncertain (a seal or a note over it)."""
    confs = [r.conf for r in used if r.conf is not None]
    if confs and min(confs) < WEAK_OCR:
        _doubt(meta, field, f"read from a line of low OCR confidence ({min(confs):.0f})", 0.4)


def _unsure_digits(meta, field: str, used: list[Run], text: str = "") -> None:
    """A field holding a number read below LOW_CONF is doubted ('năm 2922' at 67 for 2022): no word list checks
    digits, and the line's other words may all be read surely. A number whose every run of digits the document's
    `text` prints again, in any form ('2021 - 2025', 'ngày 05/3/2024', '5/CT-TTg' for '05/CT-TTg'), is borne out;
    the field's own lines are in `text` once."""
    seen, own = _digit_runs(text), _digit_runs(" ".join(r.text for r in used))
    for r in used:
        for t, c in r.words:
            groups = [_unpadded(g) for g in _DIGITS.findall(t)]
            if c is not None and c < LOW_CONF and groups and any(seen[g] <= own[g] for g in groups):
                _doubt(meta, field, f"'{t}' was read at OCR confidence {c:.0f}: its digits are not sure", 0.45)
                return


def _unpadded(digits: str) -> str:
    return digits.lstrip("0") or "0"


def _digit_runs(text: str) -> Counter:
    return Counter(_unpadded(g) for g in _DIGITS.findall(text))


_DIGITS = re.compile(r"\d++")
