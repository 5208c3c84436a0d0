"""Word error rate for restoration benchmarks: word-level edit distance, tone placement ignored."""

from __future__ import annotations

import re

from rapidfuzz.distance import Levenshtein

from vnresolve.diacritics.vntext import normalize_tone

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
    from vnresolve.diacritics.syllables import is_syllable

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


def _paired(hyp: list[str], ref: list[str]) -> list[tuple[int, int]]:
    """(i, j): word i of hyp stands for word j of ref in a word-level alignment (equal or
    substituted one for one; inserted, dropped and unevenly replaced words are left out)."""
    out = []
    for op in Levenshtein.opcodes(hyp, ref):
        if op.tag in ("equal", "replace") and op.src_end - op.src_start == op.dest_end - op.dest_start:
            out += [(op.src_start + k, op.dest_start + k) for k in range(op.src_end - op.src_start)]
    return out


def fixed_and_broken(raw: str, hyp: str, ref: str) -> tuple[int, int]:
    """(reference words the raw text had wrong and hyp has right, words raw had right and hyp
    wrong): what a restorer repaired and what it damaged, on text that was mostly right already
    (`vie` OCR). Each text is aligned to ref word by word; words an alignment drops count in neither."""
    r = word_list(ref)

    def aligned(text: str) -> dict[int, str]:
        h = word_list(text)
        return {j: h[i] for i, j in _paired(h, r)}

    before, after = aligned(raw), aligned(hyp)
    both = before.keys() & after.keys()
    fixed = sum(before[i] != r[i] and after[i] == r[i] for i in both)
    broken = sum(before[i] == r[i] and after[i] != r[i] for i in both)
    return fixed, broken


def change_outcomes(result, ref: str) -> list[tuple[float, bool]]:
    """(confidence, right) of each change of a RestoreResult whose word aligns to a word of ref
    (case folded, tone placement ignored): what the per-token confidences are checked against."""
    text = result.text
    spans = [m.start() for m in _WORD.finditer(text)]
    hyp = [normalize_tone(m.group()).lower() for m in _WORD.finditer(text)]
    r = word_list(ref, True)
    truth = {i: r[j] for i, j in _paired(hyp, r)}
    index = {start: i for i, start in enumerate(spans)}
    out = []
    for change in result.changes:
        i = index.get(change.start)
        if i is not None and i in truth:
            out.append((change.confidence, hyp[i] == truth[i]))
    return out


CALIBRATION_BINS = (0.0, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 1.01)


def calibration(outcomes: list[tuple[float, bool]]) -> tuple[float, float]:
    """(expected calibration error over CALIBRATION_BINS: the gap between mean confidence and
    share right, weighted by the bin's size; share of the wrong changes found among the tenth of
    the changes with the lowest confidence: what a reviewer checking only those would catch)."""
    if not outcomes:
        return float("nan"), float("nan")
    gap = 0.0
    for lo, hi in zip(CALIBRATION_BINS, CALIBRATION_BINS[1:]):
        inside = [(c, ok) for c, ok in outcomes if lo <= c < hi]
        if inside:
            gap += abs(sum(c for c, _ in inside) / len(inside) - sum(ok for _, ok in inside) / len(inside)) * len(inside)
    wrong = sum(not ok for _, ok in outcomes)
    lowest = sorted(outcomes, key=lambda x: x[0])[:len(outcomes) // 10]
    return gap / len(outcomes), (sum(not ok for _, ok in lowest) / wrong if wrong else float("nan"))


def mark_repairs(raw: str, hyp: str, ref: str) -> tuple[int, int, int, int]:
    """(diacritic-only errors of raw, how many of them hyp has right, words raw had right, how many
    of those hyp has wrong): the real-scan figure, case folded. A diacritic-only error is a raw word
    aligned to a reference word that differs from it in its marks alone."""
    from vnresolve.diacritics.vntext import strip_accents

    r = word_list(ref, True)

    def aligned(text: str) -> dict[int, str]:
        h = word_list(text, True)
        return {j: h[i] for i, j in _paired(h, r)}

    before, after = aligned(raw), aligned(hyp)
    errors = [j for j, w in before.items() if w != r[j] and strip_accents(w) == strip_accents(r[j])]
    right = [j for j, w in before.items() if w == r[j]]
    return (len(errors), sum(after.get(j) == r[j] for j in errors), len(right),
            sum(j in after and after[j] != r[j] for j in right))
