"""The mark channel of real `vie` OCR: a syllable read with its letters right and its marks wrong.

On real 1-bit and colour scans Tesseract loses the few pixels of a tone mark above a circumflex
('đề' read 'đê', 'thẩm' read 'thâm'), reads a hook as an acute ('ĐỔI' read 'ĐÓI') or a speck as a
dot below ('thi' read 'thị'). The synthetic renders the character channel was learned from keep
those marks, so it trusts them. This channel gives each kind of mark damage its own probability:
P(observed | intended) for two spellings of the same letters, indexed by the intended and the
observed tone, whether the intended tone sits on a vowel with a circumflex, breve or horn, and how
those shape marks (and đ's stroke) changed. The table is learned without truth from real scans'
OCR (training/marks_train.py) and stored as model/marks.json.
"""

from __future__ import annotations

import functools
import json
import unicodedata
from pathlib import Path

import numpy as np

from vnresolve.diacritics.vntext import MODIFIED, split_tone, strip_accents, tone_position

FILE = "marks.json"
TONE_COUNT = 6  # none, huyền, sắc, hỏi, ngã, nặng
SAME, LOST, GAINED, CHANGED = range(4)  # how the shape marks went from intended to observed
SHAPE_MARKS = frozenset("\u0302\u0306\u031b")  # circumflex, breve, horn
SHAPE = (TONE_COUNT, TONE_COUNT, 2, 4)  # intended tone, observed tone, tone on a shaped vowel, shape change


@functools.lru_cache(maxsize=200_000)
def signature(syl: str) -> tuple[int, str, int, int]:
    """(tone, letters with shape marks but no tone, number of shape marks and strokes, whether the
    tone's vowel carries a shape mark) of a lower-case syllable."""
    base, tone = split_tone(syl)
    shapes = sum(ch in SHAPE_MARKS for ch in unicodedata.normalize("NFD", base)) + base.count("đ")
    pos = tone_position(base)
    return tone, base, shapes, int(pos is not None and base[pos] in MODIFIED)


def kind(intended: str, observed: str) -> tuple[int, int, int, int]:
    """The table index of observed as a mark-damaged reading of intended (same bare letters)."""
    ti, bi, ni, si = signature(intended)
    to, bo, no, _ = signature(observed)
    change = SAME if bi == bo else LOST if no < ni else GAINED if no > ni else CHANGED
    return ti, to, si, change


class MarkChannel:
    """P(observed | intended) for mark damage; 0 for the undamaged reading (the clean channel's)."""

    def __init__(self, probs: np.ndarray):
        self.probs = np.asarray(probs, np.float64).reshape(SHAPE)
        self._flat = self.probs.ravel().tolist()  # probs_for's look-ups: a list index, not a numpy one
        self.flat = self.probs.ravel()  # the table as the compiled candidate step reads it (cand_jit.add_marks)

    @classmethod
    def load(cls, model_dir: Path) -> MarkChannel | None:
        path = model_dir / FILE
        if not path.exists():
            return None
        return cls(np.array(json.loads(path.read_text(encoding="utf-8"))["probs"]))

    def prob(self, intended: str, observed: str) -> float:
        if intended == observed or strip_accents(intended) != strip_accents(observed):
            return 0.0
        return float(self.probs[kind(intended, observed)])

    def probs_for(self, observed: str, intended: list[str]) -> np.ndarray:
        """prob(s, observed) for each s of intended (the same values), observed's signature taken once."""
        bare = strip_accents(observed)
        to, bo, no, _ = signature(observed)
        flat = self._flat
        out = []
        for s in intended:
            if s == observed or strip_accents(s) != bare:
                out.append(0.0)
                continue
            ti, bi, ni, si = signature(s)
            change = SAME if bi == bo else LOST if no < ni else GAINED if no > ni else CHANGED
            out.append(flat[((ti * TONE_COUNT + to) * 2 + si) * 4 + change])
        return np.array(out, np.float64)
