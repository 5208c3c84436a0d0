"""A syllable trigram language model stored as sorted integer keys, loaded by memory-mapping.

Keys pack up to three 21-bit syllable ids into one uint64, so a batch of n-gram queries is a
single `np.searchsorted`; log-probabilities are quantised to one byte. This keeps the committed
model small and start-up in milliseconds, which a Python dict of millions of n-grams cannot do.
"""

from __future__ import annotations

import functools
import hashlib
import json
import time
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

    def bigram(self, a: str, b: str) -> tuple[np.float32, np.float32] | None:
        """(log P(b | a), log P(b)) for two words of the vocabulary whose pair the model holds; None otherwise."""
        ia, ib = self.ids.get(a), self.ids.get(b)
        if ia is None or ib is None:
            return None
        key = np.uint64((ia << BITS) | ib)
        at = min(int(np.searchsorted(self.bi_keys, key)), len(self.bi_keys) - 1)
        return (self.bi_lp[at], self.uni_lp[ib]) if self.bi_keys[at] == key else None

    def logprob(self, u, v, w) -> np.ndarray:
        """log P(w | u v) for uint64 id arrays that broadcast together."""
        b = np.uint64(BITS)
        vw = (v << b) | w
        uv = (u << b) | v
        tri = (uv << b) | w
        vw, uv, tri = np.broadcast_arrays(vw, uv, tri)
        keys = self.bi_keys
        pos2 = np.searchsorted(keys, vw).clip(max=len(keys) - 1)
        hit2 = keys[pos2] == vw
        posc = np.searchsorted(keys, uv).clip(max=len(keys) - 1)
        hitc = keys[posc] == uv
        p2 = np.where(hit2, self.bi_lp[pos2], self.uni_bow[(vw >> b).astype(np.intp)] + self.uni_lp[(vw & np.uint64(MASK)).astype(np.intp)])
        bow = np.where(hitc, self.bi_bow[posc], np.float32(0.0))
        tk = self.tri_keys
        pos3 = np.searchsorted(tk, tri).clip(max=len(tk) - 1)
        return np.where(tk[pos3] == tri, self.tri_lp[pos3], bow + p2)

    def expand(self, u: np.ndarray, v: np.ndarray, w: np.ndarray) -> np.ndarray:
        """log P(w_j | u_i v_i) as an (i, j) matrix: the beam's one query per position.

        Same result as logprob(u[:, None], v[:, None], w[None, :]) but the context backoff weight
        is looked up once per state, not once per state and candidate."""
        b = np.uint64(BITS)
        keys, tk = self.bi_keys, self.tri_keys
        last = len(keys) - 1
        uv = (u << b) | v
        posc = np.searchsorted(keys, uv)
        np.minimum(posc, last, out=posc)
        bow = np.where(keys[posc] == uv, self.bi_bow[posc], np.float32(0.0))
        vw = ((v << b)[:, None] | w[None, :]).ravel()
        pos2 = np.searchsorted(keys, vw)
        np.minimum(pos2, last, out=pos2)
        uni = (self.uni_bow[v.astype(np.intp)][:, None] + self.uni_lp[w.astype(np.intp)][None, :]).ravel()
        p2 = np.where(keys[pos2] == vw, self.bi_lp[pos2], uni)
        tri = ((uv << b)[:, None] | w[None, :]).ravel()
        pos3 = np.searchsorted(tk, tri)
        np.minimum(pos3, len(tk) - 1, out=pos3)
        out = np.where(tk[pos3] == tri, self.tri_lp[pos3], np.repeat(bow, len(w)) + p2)
        return out.reshape(len(u), len(w))


def load(directory: Path) -> TrigramLM:
    """The model in `directory`, read once per process while its files stay as they are: the restorer and the
    parsers share one (training rewrites a model in place, which loads it anew)."""
    return _load(directory.resolve(), tuple(_stamp(directory / n) for n in ("lm.json", *(f"{f}.npy" for f in FILES))))


# a file written this recently may share its times with the copy it replaced (file systems keep them to a clock
# tick on older kernels), so its content is part of the key too
_FRESH_S = 2.0


def _stamp(path: Path) -> tuple[object, ...]:
    st = path.stat()
    if time.time() - st.st_mtime < _FRESH_S:
        return st.st_size, st.st_mtime_ns, st.st_ctime_ns, hashlib.sha1(path.read_bytes()).hexdigest()
    return st.st_size, st.st_mtime_ns, st.st_ctime_ns


@functools.lru_cache(maxsize=1)
def _load(directory: Path, _stamps: tuple) -> TrigramLM:
    return TrigramLM(directory)
