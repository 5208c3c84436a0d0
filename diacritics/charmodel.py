"""Character-level channel: each intended character emits zero, one or two observed characters.

Costs are negative log-probabilities learned by hard EM on aligned (intended, observed) word
pairs; an emission never seen in training falls back to a cost that depends only on whether the
two characters share a base letter, so unseen damage is possible but expensive.
"""

from __future__ import annotations

import math
import threading

import numpy as np

from vnresolve.diacritics.vntext import strip_accents

UNSEEN_SAME_BASE = 6.0
UNSEEN_OTHER = 11.0
UNSEEN_DELETE = 9.0
UNSEEN_CHUNK_EXTRA = 4.0  # an unseen two-character chunk costs its cheaper letter + this


class CharModel:
    def __init__(self, table: dict[str, dict[str, float]] | None = None, unseen_other: float = UNSEEN_OTHER,
                 chunk_extra: float = UNSEEN_CHUNK_EXTRA):
        self.table = table or {}
        self.unseen_other = unseen_other
        self.chunk_extra = chunk_extra  # an unseen two-character chunk: its cheaper letter + this
        self._cache: dict[tuple[str, str], float] = {}

    def cost(self, t: str, e: str) -> float:
        """-log P(observed chunk e | intended character t)."""
        key = (t, e)
        c = self._cache.get(key)
        if c is None:
            row = self.table.get(t)
            c = row.get(e) if row else None
            if c is None:
                c = self._unseen(t, e)
            self._cache[key] = c
        return c

    def _unseen(self, t: str, e: str) -> float:
        if e == "":
            return UNSEEN_DELETE
        if len(e) == 1:
            if e == t:
                return 0.5
            return UNSEEN_SAME_BASE if strip_accents(e) == strip_accents(t) else self.unseen_other
        return min(self._unseen(t, e[0]), self._unseen(t, e[1])) + self.chunk_extra

    def align(self, t: str, o: str) -> tuple[float, list[tuple[str, str]]]:
        """Cheapest way for intended word t to have produced observed word o, and its emissions."""
        n, m = len(t), len(o)
        inf = math.inf
        dp = [[inf] * (m + 1) for _ in range(n + 1)]
        back = [[0] * (m + 1) for _ in range(n + 1)]
        dp[0][0] = 0.0
        cost = self.cost
        for i in range(1, n + 1):
            ti = t[i - 1]
            row, prev = dp[i], dp[i - 1]
            for j in range(0, m + 1):
                best, arg = prev[j] + cost(ti, ""), 0
                if j >= 1 and prev[j - 1] < inf:
                    c = prev[j - 1] + cost(ti, o[j - 1])
                    if c < best:
                        best, arg = c, 1
                if j >= 2 and prev[j - 2] < inf:
                    c = prev[j - 2] + cost(ti, o[j - 2:j])
                    if c < best:
                        best, arg = c, 2
                row[j], back[i][j] = best, arg
        path, i, j = [], n, m
        while i > 0:
            k = back[i][j]
            path.append((t[i - 1], o[j - k:j]))
            i, j = i - 1, j - k
        path.reverse()
        if j > 0:  # observed characters left over at the start cannot be explained
            return inf, path
        return dp[n][m], path

    def score(self, t: str, o: str) -> float:
        """log P(o | t) under the best alignment (higher is better)."""
        n, m = len(t), len(o)
        if m > 2 * n:
            return -math.inf
        inf = math.inf
        cost = self.cost
        prev = [0.0] + [inf] * m
        for i in range(1, n + 1):
            ti = t[i - 1]
            row = [prev[0] + cost(ti, "")] + [inf] * m
            for j in range(1, m + 1):
                best = prev[j] + cost(ti, "")
                c = prev[j - 1] + cost(ti, o[j - 1])
                if c < best:
                    best = c
                if j >= 2:
                    c = prev[j - 2] + cost(ti, o[j - 2:j])
                    if c < best:
                        best = c
                row[j] = best
            prev = row
        return -prev[m]


_ENCODED: dict[str, tuple[int, ...]] = {}
_ALPHABET: dict[str, int] = {}
_CHARS: list[str] = []  # id -> character, parallel to _ALPHABET


def _encode(t: str) -> tuple[int, ...]:
    enc = _ENCODED.get(t)
    if enc is None:
        for c in t:
            if c not in _ALPHABET:
                _ALPHABET[c] = len(_CHARS)
                _CHARS.append(c)
        enc = _ENCODED[t] = tuple(_ALPHABET[c] for c in t)
    return enc


_BASES: dict[int, np.ndarray] = {}  # size -> strip_accents of the first `size` alphabet characters


def _unseen_column(model: CharModel, e: str, size: int) -> np.ndarray:
    """CharModel._unseen(c, e) for every alphabet character c, vectorised (same values); a new
    array (callers write into it). The one-character columns are kept per model, since every
    two-character chunk is built from two of them."""
    if e == "":
        return np.full(size, UNSEEN_DELETE)
    if len(e) == 1:
        singles = model.__dict__.setdefault("_unseen_single", {})
        key = (e, size, model.unseen_other)
        v = singles.get(key)
        if v is None:
            bases = _BASES.get(size)
            if bases is None:  # _CHARS only grows, so a prefix of it never changes
                bases = _BASES[size] = np.array([strip_accents(c) for c in _CHARS[:size]], dtype=object)
            v = np.where(bases == strip_accents(e), UNSEEN_SAME_BASE, model.unseen_other)
            k = _ALPHABET.get(e)
            if k is not None and k < size:
                v[k] = 0.5
            singles[key] = v
        return v.copy()
    return np.minimum(_unseen_column(model, e[0], size), _unseen_column(model, e[1], size)) + model.chunk_extra


def _column(model: CharModel, e: str, size: int) -> np.ndarray:
    """cost(c, e) for every alphabet character c, as a vector over character ids.

    Cached per observed chunk (rebuilt when the alphabet grows): filling these entry by entry
    through `cost` for every distinct token was most of the time of a first pass over a new page."""
    cols = model.__dict__.setdefault("_columns", {})
    v = cols.get(e)
    if v is None or len(v) < size:
        rev = model.__dict__.get("_by_observed")
        if rev is None:  # table inverted once: observed chunk -> [(intended char, cost)]
            rev = model.__dict__["_by_observed"] = {}
            for t, row in model.table.items():
                for obs, c in row.items():
                    rev.setdefault(obs, []).append((t, c))
        v = _unseen_column(model, e, size)
        for t, c in rev.get(e, ()):
            k = _ALPHABET.get(t)
            if k is not None and k < size:
                v[k] = c
        cols[e] = v
    return v


_COLMAT_LOCK = threading.Lock()


def column_matrix(model: CharModel, chunks: list[str | None], size: int, big: float = 1e9) -> np.ndarray:
    """(size, len(chunks)) float64, C order: column j is _column(model, chunks[j], size)[:size]
    (`big` everywhere for None). The columns live side by side in one matrix per model, so a
    token's cost table is one gather, not a stack of per-chunk vectors. New columns are added
    under a lock (threads sharing a restorer); a column, once indexed, never changes."""
    st = model.__dict__.get("_colmat")
    if st is None or st[0] != size:
        with _COLMAT_LOCK:
            st = model.__dict__.get("_colmat")
            if st is None or st[0] != size:
                st = model.__dict__["_colmat"] = [size, {}, np.empty((size, 256)), 0]
    index = st[1]
    ids = []
    for e in chunks:
        k = index.get(e)
        if k is None:
            with _COLMAT_LOCK:
                k = index.get(e)
                if k is None:
                    n, mat = st[3], st[2]
                    if n == mat.shape[1]:
                        grown = np.empty((size, 2 * n))
                        grown[:, :n] = mat
                        mat = st[2] = grown
                    mat[:, n] = np.full(size, big) if e is None else _column(model, e, size)[:size]
                    st[3] = n + 1
                    k = index[e] = n
        ids.append(k)
    return np.take(st[2], ids, axis=1)


def score_many(model: CharModel, cands: list[str], o: str) -> np.ndarray:
    """log P(o | t) for many intended words t at once: the same DP as `score`, vectorised over t.

    Scoring a few hundred candidates per distinct token one by one in Python was the restorer's
    bottleneck; here the DP runs over (candidate x observed position) arrays, one row per letter."""
    m = len(o)
    if not cands:
        return np.zeros(0)
    encoded = [_encode(t) for t in cands]
    longest = max(len(e) for e in encoded)
    pad = len(_ALPHABET)
    T = np.array([e + (pad,) * (longest - len(e)) for e in encoded], np.int32)
    big = 1e9
    dele = np.zeros(pad + 1)
    dele[:pad] = _column(model, "", pad)[:pad]
    s1 = np.full((pad + 1, m), big)
    s2 = np.full((pad + 1, m), big)
    for j in range(m):
        s1[:pad, j] = _column(model, o[j], pad)[:pad]
        if j >= 1:
            s2[:pad, j] = _column(model, o[j - 1:j + 1], pad)[:pad]
    return dp_rows(T, dele, s1, s2, m)


def dp_rows(T: np.ndarray, dele: np.ndarray, s1: np.ndarray, s2: np.ndarray, m: int) -> np.ndarray:
    """The channel DP of `score`, vectorised over candidates: T holds one row of character ids per
    candidate, padded with the id of the last entry of dele/s1/s2 (delete for 0, emit for 1e9);
    dele[c], s1[c, j], s2[c, j] are the costs of c emitting nothing, o[j], o[j-1:j+1]."""
    prev = np.full((len(T), m + 1), 1e9)
    prev[:, 0] = 0.0
    for i in range(T.shape[1]):
        col = T[:, i]
        row = prev + dele[col][:, None]
        if m:
            np.minimum(row[:, 1:], prev[:, :-1] + s1[col], out=row[:, 1:])
        if m >= 2:
            np.minimum(row[:, 2:], prev[:, :-2] + s2[col][:, 1:], out=row[:, 2:])
        prev = row
    return -prev[:, m]
