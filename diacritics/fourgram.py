"""The fourth order on top of the trigram model: 4-gram fingerprints with backoff to it.

A 4-gram key needs four 17-bit ids, more than a uint64 holds, so 4-grams are stored as sorted
64-bit hashes with one-byte log-probabilities; the backoff weight of each trigram context sits
beside that trigram in the trigram table. 32-bit fingerprints were tried and measured worse: the
decoder asks mostly about 4-grams that do not exist (wrong candidates), and 1 false match in
2,500 queries was enough to promote wrong candidates.
"""

from __future__ import annotations

import numpy as np

from vnresolve.diacritics.lm import BITS

_M1 = np.uint64(0x9E3779B97F4A7C15)
_M2 = np.uint64(0xBF58476D1CE4E5B9)


def hash4(ctx3: np.ndarray, w: np.ndarray) -> np.ndarray:
    """64-bit hash of (packed trigram context, next id)."""
    with np.errstate(over="ignore"):
        h = ctx3 * _M1
        h ^= h >> np.uint64(29)
        h = (h ^ w) * _M2
        h ^= h >> np.uint64(32)
    return h


def pack3(t: np.ndarray, u: np.ndarray, v: np.ndarray) -> np.ndarray:
    b = np.uint64(BITS)
    return (((t << b) | u) << b) | v
