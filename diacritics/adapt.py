"""Per-document channel adaptation: learn this scan's own OCR habits from the first pass.

Every scanner, font and Tesseract model mangles Vietnamese in its own way, and a long document
repeats its habits hundreds of times. The first decoding pass is confident about most words; the
(intended, observed) pairs it is sure of are aligned with the shipped channel, and their
character emissions are added to that channel as counts against a prior of ALPHA pseudo-counts
per intended character (a MAP estimate: a habit the document shows often becomes cheap, one it
shows once or twice barely moves). The second pass decodes with the adapted channel.

This is the training-time self-adaptation on seeds 002-004 (channel_train.seed_pairs), run on
the input itself at restore time; it needs no labels and never writes the model.
Measured on synthetic 6-page documents in fonts the channel never saw (sans, italic; 9.7k words):
WER 0.0517 -> 0.0497; in the training fonts (13.3k words) 0.0557 -> 0.0558 (diacritics/README.md).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict

from vnresolve.diacritics.charmodel import CharModel
from vnresolve.diacritics.syllables import is_syllable
from vnresolve.diacritics.vntext import normalize_tone

CONFIDENCE = 0.9  # the training-time adaptation's threshold (channel_train.ADAPT_CONFIDENCE)
ALPHA = 30.0  # prior pseudo-counts per intended character (results flat over a wide range)
MIN_COUNT = 2  # an emission seen once in the document is not a habit
MIN_PAIRS = 200  # fewer confident words than this (a short note) say too little to adapt on
MIN_GAIN = 0.5  # a cost drop (nats) smaller than this is no habit
# Aligning the document's pairs, an unseen two-character chunk costs more than in the decoder: a
# habit is a substitution far more often than a drop plus an invented letter ('ủ' read as 'g').
ALIGN_CHUNK_EXTRA = 6.0


def confident_pairs(readings) -> Counter:
    """(intended syllable, observed lower-case word) counts from a first pass's readings
    (observed token, chosen lower-case reading, its confidence) that it was sure of."""
    pairs: Counter = Counter()
    valid: dict[str, str | None] = {}
    for observed, chosen, conf in readings:
        if conf >= CONFIDENCE and observed.isalpha():
            t = valid.get(chosen, "")
            if t == "":
                t = valid[chosen] = normalize_tone(chosen) if is_syllable(normalize_tone(chosen)) else None
            if t is not None:
                pairs[(t, observed.lower())] += 1
    return pairs


def adapted_channel(base: CharModel, pairs: Counter, alpha: float = ALPHA) -> tuple[CharModel, set[str]] | None:
    """The base channel with the document's emission counts added, and the observed chunks whose
    costs changed (None: no change). Only emissions the document makes *cheaper* are taken: a
    habit it shows is learned, but the rare errors of a letter it happens to read well are not
    made rarer still (that sharpening cost more than it gave on dev documents). Deletions are left
    alone, so a word none of whose characters (or pairs) changed scores exactly as before; the
    second pass reuses its first-pass candidates."""
    counts: dict[str, Counter] = defaultdict(Counter)
    align = CharModel(base.table, unseen_other=base.unseen_other, chunk_extra=ALIGN_CHUNK_EXTRA).align
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
        for e in sorted(e for e, c in row.items() if c >= MIN_COUNT and e):
            old = base.cost(tc, e)
            cost = round(-math.log((row[e] + alpha * math.exp(-old)) / (total + alpha)), 3)
            if cost < old - MIN_GAIN:
                out[e] = cost
                changed.add(e)
    return (CharModel(table, unseen_other=base.unseen_other), changed) if changed else None
