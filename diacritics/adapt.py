"""Per-document channel adaptation: learn this scan's own OCR habits from the first pass.

Every scanner, font and Tesseract model mangles Vietnamese in its own way, and a long document
repeats its habits hundreds of times. The first decoding pass is confident about most words; the
(intended, observed) pairs it is sure of are aligned with the shipped channel, and their
character emissions are added to that channel as counts against a prior of adapt_alpha
pseudo-counts per intended character (config.py; the numbers are the model's decoder.json) (a MAP estimate: a habit the document shows often becomes cheap, one it
shows once or twice barely moves). The second pass decodes with the adapted channel.

The mark channel of `vie` OCR (marks.py) is adapted the same way: a scan that reads hooks above a
circumflex as acutes ('kiểm' read 'kiếm') shows it in the words the first pass repaired surely, and
that kind of damage gets a higher rate for this document (adapted_marks).

This is the training-time self-adaptation on seeds 002-004 (channel_train.seed_pairs), run on
the input itself at restore time; it needs no labels and never writes the model.
Measured on synthetic 6-page documents in fonts the channel never saw (sans, italic; 9.7k words):
WER 0.0517 -> 0.0497; in the training fonts (13.3k words) 0.0557 -> 0.0558 (diacritics/README.md).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict

import numpy as np

from vnresolve.diacritics import marks
from vnresolve.diacritics.charmodel import CharModel
from vnresolve.diacritics.config import DecoderConfig
from vnresolve.diacritics.syllables import is_syllable
from vnresolve.diacritics.vntext import normalize_tone, strip_accents


def confident_pairs(readings, cfg: DecoderConfig) -> Counter:
    """(intended syllable, observed lower-case word) counts from a first pass's readings
    (observed token, chosen lower-case reading, its confidence) that it was sure of."""
    pairs: Counter = Counter()
    valid: dict[str, str | None] = {}
    for observed, chosen, conf in readings:
        if conf >= cfg.adapt_confidence and observed.isalpha():
            t = valid.get(chosen, "")
            if t == "":
                t = valid[chosen] = normalize_tone(chosen) if is_syllable(normalize_tone(chosen)) else None
            if t is not None:
                pairs[(t, observed.lower())] += 1
    return pairs


def adapted_channel(base: CharModel, pairs: Counter, cfg: DecoderConfig) -> tuple[CharModel, set[str]] | None:
    """The base channel with the document's emission counts added, and the observed chunks whose
    costs changed (None: no change). Only emissions the document makes *cheaper* are taken: a
    habit it shows is learned, but the rare errors of a letter it happens to read well are not
    made rarer still (that sharpening cost more than it gave on dev documents). Deletions are left
    alone, so a word none of whose characters (or pairs) changed scores exactly as before; the
    second pass reuses its first-pass candidates."""
    counts: dict[str, Counter] = defaultdict(Counter)
    alpha = cfg.adapt_alpha
    align = CharModel(base.table, unseen_other=base.unseen_other, chunk_extra=cfg.adapt_align_chunk_extra).align
    for (t, o), n in sorted(pairs.items()):
        if t == o:  # the identity path: every character emits itself
            for c in t:
                counts[c][c] += n
            continue
        cost, path = align(t, o)
        if math.isinf(cost):
            continue
        for tc, e in path:
            counts[tc][e] += n
    table = {t: dict(row) for t, row in base.table.items()}
    changed: set[str] = set()
    for tc in sorted(counts):
        row = counts[tc]
        total = sum(row.values())
        out = table.setdefault(tc, {})
        for e in sorted(e for e, c in row.items() if c >= cfg.adapt_min_count and e):
            old = base.cost(tc, e)
            cost = round(-math.log((row[e] + alpha * math.exp(-old)) / (total + alpha)), 3)
            if cost < old - cfg.adapt_min_gain:
                out[e] = cost
                changed.add(e)
    return (CharModel(table, unseen_other=base.unseen_other), changed) if changed else None


def mark_counts(readings, cfg: DecoderConfig) -> tuple[np.ndarray, np.ndarray, int]:
    """From a first pass's readings of words read as clean or `vie` OCR (observed token, chosen
    lower-case reading, confidence): how often each kind of mark damage (marks.kind) happened among
    the readings it was sure of, how often it could have (per intended tone and shaped vowel), and
    how many sure readings there were. A word whose letters OCR changed is no mark-channel evidence."""
    seen = np.zeros(marks.SHAPE, np.float64)
    chances = np.zeros(marks.SHAPE[::2], np.float64)  # (intended tone, tone on a shaped vowel)
    sure = 0
    for observed, chosen, conf in readings:
        if conf < cfg.adapt_confidence or not observed.isalpha():
            continue
        t = normalize_tone(chosen)
        o = normalize_tone(observed.lower())
        if not is_syllable(t) or strip_accents(t) != strip_accents(o):
            continue
        sure += 1
        k = marks.kind(t, o)
        chances[k[0], k[2]] += 1
        if t != o:
            seen[k] += 1
    return seen, chances, sure


def adapted_marks(base: marks.MarkChannel, readings, cfg: DecoderConfig) -> marks.MarkChannel | None:
    """The mark channel with the document's damage counts added against a prior of adapt_alpha
    pseudo-counts at the shipped rate (None: no change). As with the character emissions, only a
    kind the document shows at least adapt_min_count times, and makes likelier, is taken: a clean
    document keeps the shipped rates, so it is not corrected more. A kind the shipped channel rules
    out (added marks) stays out: a document's few invented marks are more likely its first pass's
    over-corrections."""
    seen, chances, sure = mark_counts(readings, cfg)
    if sure < cfg.adapt_min_pairs:
        return None
    alpha = cfg.adapt_alpha
    probs = base.probs.copy()
    changed = False
    for k in zip(*np.nonzero((seen >= cfg.adapt_min_count) & (base.probs > 0))):
        n = chances[k[0], k[2]]
        rate = (seen[k] + alpha * base.probs[k]) / (n + alpha)
        if math.log(rate) > math.log(base.probs[k]) + cfg.adapt_min_gain:
            probs[k] = rate
            changed = True
    return marks.MarkChannel(probs) if changed else None
