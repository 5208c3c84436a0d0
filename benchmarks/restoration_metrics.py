"""Word error rate for restoration benchmarks: word-level edit distance, tone placement ignored."""

from __future__ import annotations

import re

from rapidfuzz.distance import Levenshtein

from diacritics.vntext import normalize_tone

_WORD = re.compile(r"[^\W_]+")


def word_list(text: str, fold_case: bool = False) -> list[str]:
    out = [normalize_tone(w) for w in _WORD.findall(text)]
    return [w.lower() for w in out] if fold_case else out


def wer(hyp: str, ref: str, fold_case: bool = False) -> float:
    h, r = word_list(hyp, fold_case), word_list(ref, fold_case)
    return Levenshtein.distance(h, r) / max(1, len(r))


def body(text: str, start: str = "NGH", end: str = "N") -> str:
    """From the title 'NGHỊ QUYẾT' to 'Nơi nhận', matched loosely so mangled OCR is cut alike."""
    m = re.search(r"^\s*NGH\S*\s+QUY\S*\s*$", text, re.M)
    e = re.search(r"^\s*N\S{1,3}\s+nh\S{1,3}n\s*:", text, re.M | re.I)
    if not m or not e:
        raise ValueError("body markers not found")
    return text[m.start():e.start()]


def vietnamese_syllable_accuracy(hyp: str, ref: str) -> float:
    """syllable_accuracy over the reference words that are Vietnamese syllables only: foreign
    names keep their own accents in the reference (José, Québec, Lukašenka), which no accent-
    stripped input can give back. Aligned word for word; NaN when the word counts differ."""
    from diacritics.syllables import is_syllable

    h, r = word_list(hyp, True), word_list(ref, True)
    if len(h) != len(r):
        return float("nan")
    pairs = [(a, b) for a, b in zip(h, r) if is_syllable(b)]
    return sum(a == b for a, b in pairs) / max(1, len(pairs))


def syllable_accuracy(hyp: str, ref: str) -> float:
    """Share of reference syllables restored exactly (case folded, tone placement ignored)."""
    h, r = word_list(hyp, True), word_list(ref, True)
    if len(h) != len(r):
        return 1.0 - Levenshtein.distance(h, r) / max(1, len(r))
    return sum(a == b for a, b in zip(h, r)) / max(1, len(r))
