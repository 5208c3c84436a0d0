"""Candidate syllables for an observed token, found through an accent-free, confusion-folded key.

Every syllable the model knows is indexed by its accent-free spelling; an observed token is folded
the same way (digits and symbols OCR puts for letters become those letters) and matched within a
small edit distance through a deletion index, so lookup cost does not grow with the inventory.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from vnresolve.diacritics.vntext import strip_accents

MIN_LEN_DEPTH2 = 3  # tokens this long search two edits deep (shorter ones gain nothing and cost time)
FOLD = str.maketrans({"0": "o", "1": "l", "3": "a", "4": "a", "5": "s", "6": "o", "8": "o", "9": "g", "&": "a",
                      "¢": "e", "€": "e", "%": "o", "@": "a", "?": "a", "'": "", "|": "l", "!": "l",
                      "’": "", "‘": "", "¥": "y", "§": "a"})  # English-model OCR reads ý as '¥', ậ as '§'


def fold(token: str) -> str:
    return strip_accents(token.lower()).translate(FOLD)


def _deletes(key: str, depth: int) -> set[str]:
    out, frontier = {key}, {key}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1:] for w in frontier for i in range(len(w))}
        out |= frontier
    return out


class Inventory:
    def __init__(self, syllables: list[str]):
        self.by_key: dict[str, list[str]] = defaultdict(list)
        for s in syllables:
            self.by_key[strip_accents(s)].append(s)
        self.index: dict[str, list[str]] = defaultdict(list)
        for key in self.by_key:
            for d in _deletes(key, 2):
                self.index[d].append(key)
        self.keys = list(self.by_key)

    def keys_near(self, folded: str) -> list[tuple[str, int]]:
        """Inventory keys within edit distance 1 (short tokens) or 2, with the distance."""
        depth = 2 if len(folded) >= MIN_LEN_DEPTH2 else 1
        if len(folded) > 9:
            return []
        seen: dict[str, int] = {}
        for d in _deletes(folded, depth):
            for key in self.index.get(d, ()):
                if key not in seen:
                    dist = Levenshtein.distance(folded, key, score_cutoff=depth)
                    if dist <= depth:
                        seen[key] = dist
        return sorted(seen.items())

    def keys_far(self, folded: str) -> np.ndarray:
        """Indices into self.keys of the keys within one edit more than keys_near's radius, for a
        token of two to nine letters (sorted): where OCR read a letter as two or three ('vutdm' =
        vườn) or lost most of a short word ('wd' = tố). The keys are few (~1,700), so one compiled
        pass over them all, for the rare token that needs it."""
        if not 2 <= len(folded) <= 9:
            return np.zeros(0, np.int64)
        depth = 3 if len(folded) >= MIN_LEN_DEPTH2 else 2
        dist = process.cdist([folded], self.keys, scorer=Levenshtein.distance, score_cutoff=depth, dtype=np.int32)[0]
        return np.flatnonzero(dist <= depth)
