"""Capitalisation as evidence. A word written title-case inside a sentence is far likelier to be
part of a name (Nam, Long, Hằng, Đảng, Sơn) than the common word its bare letters also spell (năm,
lòng, hàng, đang, son). The language model is lower-cased and cannot see that, so the model holds,
per LM word, log P(title case inside a sentence | the word), counted over the held-in corpus
documents, and the decoder adds it to the readings of a title-case word that follows another word
(weighted by the model's capital_weight, config.py). In the corpus: 'nam' 0.84 of the time, 'năm' 0.007; 'hằng' 0.28, 'hàng' 0.036.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from vnresolve.diacritics.lm import dequantize, quantize
from vnresolve.diacritics.lmtokens import TOKEN_RE
from vnresolve.diacritics.syllables import is_syllable
from vnresolve.diacritics.vntext import case_pattern, normalize_tone

FILE = "cap_lp.npy"


def count(texts: Iterable[str]) -> tuple[Counter, Counter]:
    """(title-case uses, all uses) of each lower-case syllable right after another word on one line
    (not after punctuation or a number: a sentence, clause or list item starts there)."""
    title: Counter = Counter()
    uses: Counter = Counter()
    for text in texts:
        for line in text.split("\n"):
            after_word = False
            for m in TOKEN_RE.finditer(line):
                tok = m.group()
                if not tok[0].isalpha():
                    after_word = False
                    continue
                if after_word:
                    low = normalize_tone(tok.lower())
                    uses[low] += 1
                    if case_pattern(tok) == "title":  # as the decoder reads the word's case
                        title[low] += 1
                after_word = True
    return title, uses


def table(vocab: list[str], title: Counter, uses: Counter, smoothing: float) -> np.ndarray:
    """log P(title case | word) per vocabulary entry, smoothed towards the corpus-wide rate with
    `smoothing` pseudo-counts; words that are no syllable (foreign words, <unk>) get that rate."""
    rate = sum(title.values()) / max(1, sum(uses.values()))
    out = np.full(len(vocab), math.log(rate), np.float64)
    for i, w in enumerate(vocab):
        n = uses.get(w)
        if n and is_syllable(w):
            out[i] = math.log((title.get(w, 0) + smoothing * rate) / (n + smoothing))
    return out


def build(texts: Iterable[str], out: Path, smoothing: float) -> int:
    """Write the table for the vocabulary of out/lm.json (quantised like the LM); returns its size."""
    vocab = json.loads((out / "lm.json").read_text(encoding="utf-8"))["vocab"]
    title, uses = count(texts)
    np.save(out / FILE, quantize(table(vocab, title, uses, smoothing)))
    return len(vocab)


def load(model_dir: Path, vocab_size: int) -> np.ndarray | None:
    """The table as float32 log-probabilities by LM id; None for a model built without it.
    train.build_lm removes the table whenever it replaces the vocabulary, so a table of another
    length can only come from mixing files of two models."""
    path = model_dir / FILE
    if not path.exists():
        return None
    table = dequantize(np.load(path))
    if len(table) != vocab_size:
        raise ValueError(f"{path} has {len(table)} entries for a vocabulary of {vocab_size}: it belongs to another "
                         "model; rebuild it with `python -m training.train --only-capitals`")
    return table
