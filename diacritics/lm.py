"""A syllable trigram language model stored as sorted integer keys, loaded by memory-mapping.

Keys pack up to three 21-bit syllable ids into one uint64, so a batch of n-gram queries is a
single `np.searchsorted`; log-probabilities are quantised to one byte. This keeps the committed
model small and start-up in milliseconds, which a Python dict of millions of n-grams cannot do.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

BITS = 21
MASK = (1 << BITS) - 1
QSTEP = 0.08  # natural-log units per quantisation step
FILES = ("uni_lp", "uni_bow", "bi_keys", "bi_lp", "bi_bow", "tri_keys", "tri_lp")


def quantize(logp: np.ndarray) -> np.ndarray:
    return np.clip(np.round(-logp / QSTEP), 0, 255).astype(np.uint8)


def dequantize(q: np.ndarray) -> np.ndarray:
    return -q.astype(np.float32) * QSTEP


class TrigramLM:
    """Backoff trigram model (interpolated Kneser-Ney estimates, ARPA-style backoff at lookup)."""

    def __init__(self, directory: Path):
        meta = json.loads((directory / "lm.json").read_text(encoding="utf-8"))
        self.vocab: list[str] = meta["vocab"]
        self.ids = {w: i for i, w in enumerate(self.vocab)}
        arr = {name: np.load(directory / f"{name}.npy", mmap_mode="r") for name in FILES}
        self.uni_lp = dequantize(arr["uni_lp"])
        self.uni_bow = dequantize(arr["uni_bow"])
        self.bi_keys = np.asarray(arr["bi_keys"])
        self.bi_lp = dequantize(arr["bi_lp"])
        self.bi_bow = dequantize(arr["bi_bow"])
        self.tri_keys = np.asarray(arr["tri_keys"])
        self.tri_lp = dequantize(arr["tri_lp"])

    def _find(self, keys: np.ndarray, query: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        pos = np.searchsorted(keys, query)
        pos = np.minimum(pos, len(keys) - 1)
        return pos, keys[pos] == query

    def logprob(self, u: np.ndarray, v: np.ndarray, w: np.ndarray) -> np.ndarray:
        """log P(w | u v) for arrays of ids (broadcast together)."""
        u, v, w = np.broadcast_arrays(np.asarray(u, np.uint64), np.asarray(v, np.uint64), np.asarray(w, np.uint64))
        b = np.uint64(BITS)
        vw = (v << b) | w
        pos2, hit2 = self._find(self.bi_keys, vw)
        p2 = np.where(hit2, self.bi_lp[pos2], self.uni_bow[v.astype(np.int64)] + self.uni_lp[w.astype(np.int64)])
        uv = (u << b) | v
        posc, hitc = self._find(self.bi_keys, uv)
        bow = np.where(hitc, self.bi_bow[posc], 0.0)
        pos3, hit3 = self._find(self.tri_keys, (uv << b) | w)
        return np.where(hit3, self.tri_lp[pos3], bow + p2).astype(np.float32)
