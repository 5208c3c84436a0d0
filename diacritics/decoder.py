"""Decoder dispatch: the LM in the kernels' layout, and the calls of the compiled beam (beam_jit.py).

A page's sentences go to the kernels flattened into one set of arrays per batch of about
DECODE_BATCH candidates: per sentence, building the arrays and the call had cost 40-75 us; the
batch bounds the copies a long text makes at once. What comes back is, per sentence, the chosen
option of each item, and per Slot its forward posterior (the left context and the channel) and its
two-sided probabilities (the readings chosen on both sides), where asked for.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import numpy as np

from vnresolve.diacritics import beam_jit, cand_jit, diskcache
from vnresolve.diacritics.beam_jit import BITS, BLOOM_BITS
from vnresolve.diacritics.config import DecoderConfig
from vnresolve.diacritics.lattice import Sentence
from vnresolve.diacritics.lm import TrigramLM

DECODE_BATCH = 1 << 16  # candidates per call of the compiled beam (a page has ~6k-12k)
_ZERO1 = np.zeros(1, np.float32)  # the channel score of a punctuation token (read only: concatenated, never written)

# per sentence: choice per item, forward posterior per Slot (None elsewhere), two-sided probabilities per Slot
Result = tuple[list[int], list[np.ndarray | None], list[np.ndarray | None]]


class LMArrays(NamedTuple):
    """The trigram LM as the kernels read it, in the kernels' argument order. The n-gram tables are
    TrigramLM's; the rest is derived from them once per model (offsets()):"""
    bi_start: np.ndarray  #: first bigram (v, *) of each word v in bi_keys (one more entry: the end)
    tri_start: np.ndarray  #: first trigram (u, *, *) of each word u in tri_keys
    bi_keys: np.ndarray
    bi_lp: np.ndarray
    bi_bow: np.ndarray
    uni_lp: np.ndarray
    uni_bow: np.ndarray
    tri_keys: np.ndarray
    tri_lp: np.ndarray
    bt_lo: np.ndarray  #: per bigram (u, v): where its trigrams (u, v, *) start in tri_keys ...
    bt_hi: np.ndarray  #: ... and end
    complete: bool  #: every trigram's (u, v) is a bigram (a context that is none has no trigrams)
    bi_w: np.ndarray  #: the w of each bigram key (v, w), 32 bits: half the memory to walk
    bi_filt: np.ndarray  #: Bloom filter of the bigram keys (beam_jit._bloom)


_OFFSETS = ("bi_start", "tri_start", "bt_lo", "bt_hi", "complete", "bi_w", "bi_filt")
SAMPLE = 61  # _offsets_fit checks the per-bigram arrays' values at every SAMPLE-th bigram


def compute_offsets(lm: TrigramLM) -> tuple:
    """The derived fields of LMArrays (_OFFSETS, in that order), computed from the n-gram tables."""
    ids = np.arange(len(lm.vocab) + 1, dtype=np.uint64)
    return (np.searchsorted(lm.bi_keys, ids << np.uint64(BITS)).astype(np.int64),
            np.searchsorted(lm.tri_keys, ids << np.uint64(2 * BITS)).astype(np.int64),
            *beam_jit._bigram_tri_ranges(lm.bi_keys, lm.tri_keys),
            (lm.bi_keys & np.uint64((1 << BITS) - 1)).astype(np.uint32), beam_jit.bloom(lm.bi_keys, BLOOM_BITS))


def _starts_fit(start: np.ndarray, keys: np.ndarray, shift: int, words: int) -> bool:
    """Whether start[i] is where the keys of word i (key >> shift == i) begin in the sorted keys,
    for every i up to words (searchsorted's answer, checked at both sides of each entry)."""
    if start.dtype != np.int64 or start.shape != (words + 1,):
        return False
    if start.min(initial=0) < 0 or start.max(initial=0) > len(keys) or np.any(np.diff(start) < 0):
        return False
    first = np.arange(words + 1, dtype=np.uint64) << np.uint64(shift)
    inner, above = start < len(keys), start > 0
    return bool(np.all(keys[start[inner]] >= first[inner]) and np.all(keys[start[above] - 1] < first[above]))


def _offsets_fit(arrays: list[np.ndarray], lm: TrigramLM) -> bool:
    """Whether arrays read back as compute_offsets' (_OFFSETS) fit lm's tables: the compiled beam
    indexes the n-gram tables with them unchecked, so a short or out-of-range array would read out
    of bounds. Lengths, dtypes and every index's range are checked, the word offsets against their
    definition in full, the per-bigram arrays at every SAMPLE-th bigram (in full that took twice
    as long as computing them, ~110 ms)."""
    if len(arrays) != len(_OFFSETS) or any(not x.flags.c_contiguous for x in arrays):
        return False
    bi_start, tri_start, lo, hi, complete, bi_w, bi_filt = arrays
    bi_keys, tri_keys, n, t_n, words = lm.bi_keys, lm.tri_keys, len(lm.bi_keys), len(lm.tri_keys), len(lm.vocab)
    if not (_starts_fit(bi_start, bi_keys, BITS, words) and _starts_fit(tri_start, tri_keys, 2 * BITS, words)):
        return False
    if any(x.dtype != np.int64 or x.shape != (n,) for x in (lo, hi)) or complete.dtype != np.bool_ or complete.shape:
        return False
    if bi_w.dtype != np.uint32 or bi_w.shape != (n,) or bi_filt.dtype != np.uint8 or bi_filt.shape != (1 << (BLOOM_BITS - 3),):
        return False
    if lo.min(initial=0) < 0 or hi.max(initial=0) > t_n or np.any(lo > hi) or bool(complete) != (int((hi - lo).sum()) == t_n):
        return False
    b, keys = np.uint64(BITS), bi_keys[::SAMPLE]
    for at, bound in ((lo[::SAMPLE], keys << b), (hi[::SAMPLE], (keys + np.uint64(1)) << b)):  # _bigram_tri_ranges
        inner, above = at < t_n, at > 0
        if not (np.all(tri_keys[at[inner]] >= bound[inner]) and np.all(tri_keys[at[above] - 1] < bound[above])):
            return False
    if not np.array_equal(bi_w[::SAMPLE], keys & np.uint64((1 << BITS) - 1)):
        return False
    h = (keys * beam_jit._HASH) >> np.uint64(64 - BLOOM_BITS)
    return bool(np.all((bi_filt[(h >> np.uint64(3)).astype(np.intp)] >> (h & np.uint64(7)).astype(np.uint8)) & 1))


def lm_arrays(lm: TrigramLM, key_files: list[Path]) -> LMArrays:
    """The model's LMArrays; the derived tables are kept on disk (diskcache.py) under a key of the
    files the n-gram keys were read from (key_files), the table layout and this code's version:
    computing them was 15-40 ms of the first page a process decodes."""
    key = diskcache.key_of([diskcache.file_id(p) for p in key_files], BITS, BLOOM_BITS, _OFFSETS, 1)
    got = diskcache.load("beam", key, _OFFSETS, lambda arrays: _offsets_fit(arrays, lm))
    if got is None:
        got = compute_offsets(lm)
        diskcache.store("beam", key, _OFFSETS, [np.asarray(x) for x in got])
    bi_start, tri_start, bt_lo, bt_hi, complete, bi_w, bi_filt = got
    return LMArrays(bi_start, tri_start, lm.bi_keys, lm.bi_lp, lm.bi_bow, lm.uni_lp, lm.uni_bow, lm.tri_keys, lm.tri_lp,
                    bt_lo, bt_hi, bool(complete), bi_w, bi_filt)


def decode_many(bounds, kinds, offs, ids, chan, bos, eos, beam, margin, lm: LMArrays, temp, sure, floor):
    """(choice per item, forward posterior per candidate, two-sided probability per candidate:
    beam_jit._two_sided at temperature temp; temp None: the forward posterior again, nothing computed).

    The one place LMArrays is unpacked: the kernels take it as positional arrays, since numba.pycc
    exports only signatures of scalars and arrays (aot.SIGNATURES), not a structured type."""
    choice, forward = beam_jit._decode_many(bounds, kinds, offs, ids, chan, np.uint64(bos), np.uint64(eos), beam,
                                            float(margin), *lm)
    if temp is None:
        return choice, forward, forward
    posts = beam_jit._two_sided_many(bounds, kinds, offs, ids, chan, choice, forward, float(sure), float(floor),
                                     np.uint64(bos), np.uint64(eos), float(temp), *lm)
    return choice, forward, posts


class Decoder:
    """Runs the compiled beam over the sentences of a lattice."""

    def __init__(self, lm: LMArrays, bos: int, eos: int, cfg: DecoderConfig):
        self.lm = lm
        self.bos, self.eos = bos, eos
        self.cfg = cfg
        self._fixed_ids: dict[int, np.ndarray] = {}  # one-id arrays of punctuation tokens

    def decode_all(self, sents: list[Sentence], sides: bool = True) -> list[Result]:
        """The Result of each sentence (sides=False: the forward posteriors again as the two-sided
        ones, where no confidence will be reported)."""
        out: list[Result] = []
        kinds: list[int] = []  # built as lists, one array each per batch
        offs: list[int] = []
        bounds: list[int] = [0]
        ids_parts: list[np.ndarray] = []
        chan_parts: list[np.ndarray] = []
        fixed = self._fixed_ids
        pos = 0
        for number, sent in enumerate(sents):
            for item in sent:
                offs.append(pos)
                if isinstance(item, int):
                    kinds.append(1)
                    one = fixed.get(item)
                    if one is None:
                        one = fixed[item] = np.array([item], np.uint64)
                    ids_parts.append(one)
                    chan_parts.append(_ZERO1)
                    pos += 1
                    continue
                n = len(item.ids)
                if n == 0:
                    kinds.append(2)
                else:
                    kinds.append(1 if n == 1 else 0)
                    ids_parts.append(item.ids)
                    chan_parts.append(item.chan)
                    pos += n
            bounds.append(len(kinds))
            if pos >= DECODE_BATCH or number == len(sents) - 1:
                offs.append(pos)
                out.extend(self._batch(bounds, kinds, offs, ids_parts, chan_parts, sides))
                kinds, offs, bounds, ids_parts, chan_parts, pos = [], [], [0], [], [], 0
        return out

    def _batch(self, bounds: list[int], kinds: list[int], offs: list[int], ids_parts: list[np.ndarray],
               chan_parts: list[np.ndarray], sides: bool) -> list[Result]:
        cfg = self.cfg
        ids = np.concatenate(ids_parts) if ids_parts else np.zeros(0, np.uint64)
        chan = np.concatenate(chan_parts).astype(np.float32) if chan_parts else np.zeros(0, np.float32)
        choice, flat_fwd, flat_posts = decode_many(np.array(bounds, np.int64), np.array(kinds, np.int64),
                                                   np.array(offs, np.int64), ids, chan, self.bos, self.eos, cfg.beam,
                                                   cfg.beam_margin, self.lm, cfg.confidence_temperature if sides else None,
                                                   cfg.confidence_sure, cfg.confidence_floor)
        choices = choice.tolist()
        out = []
        same = flat_posts is flat_fwd  # no two-sided pass: the forward posteriors serve as both
        for a, b in zip(bounds, bounds[1:]):
            fwd = [flat_fwd[offs[k]:offs[k + 1]] if kinds[k] == 0 else None for k in range(a, b)]
            posts = fwd if same else [flat_posts[offs[k]:offs[k + 1]] if kinds[k] == 0 else None for k in range(a, b)]
            out.append((choices[a:b], fwd, posts))
        return out


_WARM = False


def warm() -> None:
    """Load the compiled functions (beam and candidate DP) now, at model load, rather than
    inside the first document: numba's first dispatch in a process initialises its compiler
    (~0.3-0.5 s) even when the machine code comes from the on-disk cache.

    That initialisation also imports scipy (~0.2-0.4 s) only to learn whether numba may call
    BLAS; nothing compiled here uses BLAS, so the import is refused for that moment and the
    module table left as it was (scipy imports normally afterwards, numba's np.dot would not)."""
    global _WARM
    if _WARM or beam_jit.njit is None:  # None: the ahead-of-time kernels, which need no start-up
        return
    _WARM = True
    import sys

    blas = "scipy.linalg.cython_blas"
    blocked = blas not in sys.modules
    if blocked:
        sys.modules[blas] = None  # an import of it raises ImportError, without importing scipy
    try:
        ro = np.zeros(2, np.uint64)
        ro.setflags(write=False)  # the model's key tables are read-only memory maps
        f32 = np.zeros(2, np.float32)
        starts = np.zeros(2, np.int64)
        lm = LMArrays(starts, starts, ro, f32, f32, f32, f32, ro, f32, starts, starts, True, np.zeros(2, np.uint32),
                      np.zeros(1 << (BLOOM_BITS - 3), np.uint8))
        # one word of one candidate: a forward posterior of 1, so the two-sided pass copies it and
        # neither looks anything up in the dummy tables
        decode_many(np.array([0, 1], np.int64), np.zeros(1, np.int64), np.array([0, 1], np.int64), np.ones(1, np.uint64),
                    np.zeros(1, np.float32), 0, 0, 16, 12.0, lm, 1.5, 0.999, 0.001)
        beam_jit._bigram_tri_ranges(ro, ro)
        beam_jit.bloom(ro, BLOOM_BITS)
        enc = np.zeros((1, 1), np.int32)
        cand_jit.score_rows(enc, np.ones(1, np.int32), np.zeros(1, np.int64), np.zeros(1), np.zeros((1, 1)),
                            np.zeros((1, 1)), 1)
        i64 = np.ones(1, np.int64)
        cand_jit.union(i64)
        cand_jit.select(np.zeros(1), np.zeros(1), 20, 12.0)
        cand_jit.select_prior(np.zeros(1), i64, np.zeros(2), 0.3, 20, 12.0)
        cand_jit.mix_probs(np.zeros(1), i64, i64, np.zeros(1), 0.5, 0.5, 1.0, 0.0, -1, 0.0, i64, -1)
        cand_jit.keys_near(i64, 1, np.ones(1, np.uint64), np.zeros(1, np.int64), np.ones((1, 1), np.int64), i64,
                           np.zeros(1, np.bool_))
        z64 = np.zeros(1, np.int64)
        cand_jit.add_marks(np.ones(1), z64, z64, 1, z64, z64, z64, z64, np.zeros(1), 0, 0, 0, -1, 0.5)  # key 1: no row
        cand_jit.score_self(np.zeros(1), np.zeros((1, 1)), np.zeros((1, 1)), z64)
        two = np.array([0, 1], np.int64)
        cand_jit.score_rows_many(enc, np.ones(1, np.int32), z64, two, np.zeros(1), np.zeros((1, 1)), np.zeros((1, 1)),
                                 two)
        f1 = np.zeros(1)
        cand_jit.mix_probs_many(f1, z64, two, z64, f1, two, 0.5, 0.5, f1, f1, z64, f1, z64, z64, z64, z64, z64, z64,
                                z64, f1, z64, z64, z64)
        cand_jit.select_prior_many(f1, z64, two, np.zeros(2), 0.3, 20, 12.0)
        cand_jit.score_self_many(f1, np.zeros((1, 1)), np.zeros((1, 1)), z64, two)
        cand_jit.union_many(i64, two)
    finally:
        if blocked and sys.modules.get(blas, 0) is None:
            del sys.modules[blas]
