"""An archive's own spellings, learnt from its reviewers (OUTDIR/lexicon.json, written by the
review app): local names the restorer's language model has not seen ('Nậm Pồ', 'Sìn Hồ') and
would give other tones. After restoration, a capitalised word whose letters without accents are a
lexicon word's takes the lexicon's spelling, in the word's own case.

Only capitalised words are touched, so a lower-case 'nam' (south, year) never becomes a name;
Vietnamese letters with and without accents are one code point each, so no offset moves.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from vnresolve.diacritics.interface import RestoreResult, TokenChange
from vnresolve.diacritics.vntext import apply_case, case_pattern, strip_accents

_WORD = re.compile(r"\w+")


def read_forms(path: str | Path) -> dict[str, str]:
    """{word without accents, lower case: its spelling}; the most often confirmed spelling wins a tie
    of two with the same letters. A missing file is an empty lexicon."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    counts: dict[str, tuple[int, str]] = {}
    for form, count in sorted((data.get("words") or {}).items()):
        key = strip_accents(form).lower()
        if len(key) == len(form) and (key not in counts or count > counts[key][0]):
            counts[key] = (count, form)
    return {key: form for key, (_, form) in counts.items()}


def prefer(result: RestoreResult, forms: dict[str, str]) -> RestoreResult:
    """The restored text with the lexicon's spellings of capitalised words, its changes updated."""
    if not forms:
        return result
    text = list(result.text)
    changes = {(c.start, c.end): c for c in result.changes}
    touched = False
    for m in _WORD.finditer(result.text):
        token = m.group()
        if not token[0].isupper():
            continue
        form = forms.get(strip_accents(token).lower())
        if form is None:
            continue
        form = apply_case(form.lower(), case_pattern(token)) if case_pattern(token) == "upper" else form
        if form == token:
            continue
        start, end = m.span()
        text[start:end] = form
        touched = True
        old = changes.pop((start, end), None)
        original = old.original if old else token
        if original != form:
            changes[(start, end)] = TokenChange(start, end, original, form, 1.0)
    if not touched:
        return result
    return RestoreResult(text="".join(text), model=result.model, tokens=result.tokens,
                         changes=sorted(changes.values(), key=lambda c: c.start))
