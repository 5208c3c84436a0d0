"""Output: the decoded readings as words with case, confidence and alternatives, and the restored
text with its TokenChange records. Only changed words move; every other character is copied, so
offsets outside changed words never move.
"""

from __future__ import annotations

import math
from dataclasses import fields

import numpy as np

from vnresolve.diacritics.interface import RestoreResult, TokenChange
from vnresolve.diacritics.lattice import MIDTITLE
from vnresolve.diacritics.passes import Pass
from vnresolve.diacritics.tokens import Word
from vnresolve.diacritics.vntext import apply_case

Decoded = tuple[Word, str, float, tuple[str, ...]]  # (word, restoration with case applied, confidence, alternatives)

# a reading capitalised inside a sentence less than once in a hundred uses in the corpus (capitals.py:
# 'với' 0.0004, 'xếp' 0.005; 'cuộc' of Cuộc hành quân 0.013, 'chỉ' of Chỉ thị 0.03) is written in small
# letters where its capital may be OCR's
MISREAD_CAPITAL_BELOW = math.log(0.01)

_CHANGE_FIELDS = ("start", "end", "original", "restored", "confidence", "alternatives")
assert tuple(f.name for f in fields(TokenChange)) == _CHANGE_FIELDS  # _change below writes exactly these


def _change(start: int, end: int, original: str, restored: str, confidence: float, alternatives: tuple) -> TokenChange:
    """TokenChange(...), the same object, without the frozen dataclass's __init__ (one
    object.__setattr__ per field; on mangled OCR nearly every word is a change)."""
    c = object.__new__(TokenChange)
    d = c.__dict__
    d["start"] = start
    d["end"] = end
    d["original"] = original
    d["restored"] = restored
    d["confidence"] = confidence
    d["alternatives"] = alternatives
    return c


def emit(p: Pass, all_confidences: bool, forward: bool = False, records: bool = True,
         capitals: np.ndarray | None = None) -> list[Decoded]:
    """Every word token of the page with its reading. Confidence and alternatives are computed for
    changed words, or for all when asked (records=False: for none); `forward`: the beam's
    left-context posterior instead of the two-sided probability. `capitals` (capitals.py) decides
    the case of a word whose capital may be OCR's (lattice.MIDTITLE)."""
    out = []
    append = out.append
    for sent, (choice, fwd, sides) in zip(p.sents, p.results):
        for item, c, post in zip(sent, choice, fwd if forward else sides):
            if isinstance(item, int):
                continue
            w = item.word
            pattern = item.pattern
            if pattern == "keep" or pattern == "merged":
                append((w, item.options[0][0], 1.0, ()))
                continue
            options = item.options
            tok = w.text
            if pattern == MIDTITLE:
                small = capitals is not None and capitals[int(item.ids[c])] < MISREAD_CAPITAL_BELOW
                pattern = "lower" if small else "title"
            else:
                small = False
            restored = apply_case(options[c][0], pattern)
            if pattern == "title" and tok[0] in "I|!1" and restored[0] == "L":
                restored = restored.lower()  # 'Iy', 'Ién', '1A': a capital I or a 1 is how OCR reads a small l
            if restored != tok and restored.lower() == tok.lower() and not small:
                restored = tok  # unchanged letters keep their original case exactly
            conf, alts = 1.0, ()
            if post is not None and records and (all_confidences or restored != tok):
                # on a list: a stable descending sort is the stable argsort of -post, without
                # numpy's per-call cost on ~20 options
                probs = post.tolist()
                conf = probs[c]
                top = sorted(range(len(probs)), key=probs.__getitem__, reverse=True)[:4]
                if pattern == "lower":  # apply_case would return each as it is
                    alts = tuple([options[i][0] for i in top if i != c][:3])
                else:
                    alts = tuple([apply_case(options[i][0], pattern) for i in top if i != c][:3])
            append((w, restored, conf, alts))
    return out


def joined(parts: list[RestoreResult], model: str) -> RestoreResult:
    """The restorations of consecutive pieces of one text as one: texts joined, changes moved by
    the restored length before them."""
    changes, offset = [], 0
    for part in parts:
        changes.extend(_change(c.start + offset, c.end + offset, c.original, c.restored, c.confidence, c.alternatives)
                       for c in part.changes)
        offset += len(part.text)
    return RestoreResult(text="".join(p.text for p in parts), model=model, tokens=sum(p.tokens for p in parts),
                         changes=changes)


def result(text: str, decoded: list[Decoded], model: str, records: bool = True,
           every_word: bool = False) -> RestoreResult:
    """The restored text and, with records, a TokenChange per changed word; `every_word`: per word,
    changed or not (with decode's all_confidences: how sure the reading of each word is)."""
    out: list[str] = []
    changes: list[TokenChange] = []
    pos = shift = 0
    for w, restored, conf, alts in decoded:
        if w.text[-1] in "'’‘":  # a word glued to the next by a horn read as an apostrophe (tokens._HORN_GLUED)
            restored += " "
        out.append(text[pos:w.start])
        out.append(restored)
        start = w.start + shift
        pos = w.end
        shift += len(restored) - len(w.text)
        if records and (every_word or restored != w.text):
            changes.append(_change(start, start + len(restored), w.text, restored, conf, alts))
    out.append(text[pos:])
    return RestoreResult(text="".join(out), model=model, tokens=len(decoded), changes=changes)
