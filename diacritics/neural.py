"""Neural context scorer: which accented reading of a stripped syllable fits its context, in numpy.

A small convolutional model (train_neural.py) reads a sentence as ACCENT-STRIPPED, lower-cased
syllables ("the gioi" ...) and gives, for each position, a score for every accented syllable that
strips to the token there (thế, thể, the, thé, ...). The restorer (passes.py) adds those scores,
weighted, to the channel scores of a word's candidates before its trigram beam, so the beam sees a
five-syllable-wide context on both sides that a pruned trigram cannot. Candidates that do not strip
to the context token (OCR edits) are left alone.

Weights: model/neural.npz (float16; the float32 products folded from them at load are kept in
diacritics/.cache/neural). Architecture, per position i:
    x = emb[token]; 3x (dilation 1, 2, 4): x = x + relu(conv_k3(x)); h = x @ proj_w + proj_b
    score(c) = h . out[c] + out_b[c]     for accented syllable c
"""

from __future__ import annotations

import itertools
import threading
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from vnresolve.diacritics import diskcache
from vnresolve.diacritics.vntext import strip_accents

PAD, UNK, BOUND, NUM, COMMA = 0, 1, 2, 3, 4  # the first input ids (train_neural.IN_SPECIALS)
NOT_IN_VOCAB = -1
CAP = 8.0  # no reading is vetoed by the context model alone
OOV_GAP = 4.0
SCORE_BLOCK = 2048
HIDDEN_BLOCK = 8192
_FOLDS = ("taps0", "out2", "out_b2")  # the folded tables, as named in the disk cache
FOLD_SAMPLE = 97  # _folds_fit recomputes every FOLD_SAMPLE-th row of each folded table
# BLAS thread counts are process-wide: one scorer at a time sets, uses and restores them
_BLAS_LOCK = threading.Lock()


def read_vocab(arr: np.ndarray) -> list[str]:
    """A vocabulary as the .npz stores it: one newline-joined string."""
    return str(arr).split("\n")


class NeuralScorer:
    def __init__(self, path: Path):
        with np.load(path) as z:
            self.in_vocab = read_vocab(z["in_vocab"])
            self.out_vocab = read_vocab(z["out_vocab"])
            self.dilations = [int(d) for d in z["dilations"]]
            f = {k: z[k] for k in z.files if k not in ("in_vocab", "out_vocab", "dilations")}
        # float16 as stored: the big tables are only gathered from (then converted, exactly) or folded
        self.emb = f["emb"]
        self.dim = self.emb.shape[1]
        # conv taps side by side: one (dim, 3*dim) product per layer, then shifted sums
        self.convs = []
        for k in range(len(self.dilations)):
            w = f[f"conv{k}_w"].astype(np.float32)  # (3*dim, dim), tap-major
            self.convs.append((np.ascontiguousarray(np.concatenate([w[t * self.dim:(t + 1) * self.dim] for t in range(3)], axis=1)),
                               f[f"conv{k}_b"].astype(np.float32)))
        self.proj_w, self.proj_b = f["proj_w"], f["proj_b"]
        self.out, self.out_b = f["out"], f["out_b"]
        # The products are small (a paragraph x 128 x 384): OpenBLAS's threads only get in the way
        # (measured 10-30x slower on a busy 2-core machine), so they are limited to one while the
        # scorer runs, where threadpoolctl is installed -- also for the folding below, whose
        # two-thread product left a BLAS thread spinning on the second core after the load.
        try:
            from threadpoolctl import ThreadpoolController

            self._blas = ThreadpoolController().select(user_api="blas").lib_controllers
        except ImportError:  # pragma: no cover
            self._blas = []
        self._set_threads = [_thread_setter(lib) for lib in self._blas]
        self.taps0, self.out2, self.out_b2 = self._folded(path)
        self._keys: dict[str, int] = {}
        self.in_ids = {w: i for i, w in enumerate(self.in_vocab)}
        self.out_ids = {w: j for j, w in enumerate(self.out_vocab)}
        self._opts: dict[int, tuple[object, np.ndarray, np.ndarray]] = {}

    # ---- the folded tables, kept on disk ------------------------------------------------------
    def _folded(self, path: Path) -> list[np.ndarray]:
        """Folded at load, same function, less work per syllable: the first layer's taps of every
        input token (emb @ w0), and the projection into the output rows (score = x . out2 + b2).

        Folding took ~25 ms of the scorer's ~50 ms load (at the first stripped paragraph of every
        process), so the products are kept on disk (diskcache.py), under a key of the weights file
        and of the numpy and BLAS builds that computed them (_fold_key); computed each time where
        that BLAS cannot be named."""
        key = self._fold_key(path)
        folds = diskcache.load("neural", key, _FOLDS, self._folds_fit) if key is not None else None
        if folds is None:
            with self._one_blas_thread():
                folds = [self.emb.astype(np.float32) @ self.convs[0][0],
                         np.ascontiguousarray(self.out.astype(np.float32) @ self.proj_w.astype(np.float32).T),
                         self.out.astype(np.float32) @ self.proj_b.astype(np.float32) + self.out_b.astype(np.float32)]
            if key is not None:
                diskcache.store("neural", key, _FOLDS, folds)
        return folds

    def _folds_fit(self, folds: list[np.ndarray]) -> bool:
        """Whether arrays read back as _folded's fit the weights: shapes, dtypes and layout as the
        products give them, finite, and every FOLD_SAMPLE-th row equal to the product recomputed in
        float64 to within float32 rounding (a row scores one token: a wrong one would change output)."""
        if len(folds) != len(_FOLDS):
            return False
        taps0, out2, out_b2 = folds
        rows, n_out = len(self.emb), len(self.out)
        shapes = ((rows, self.convs[0][0].shape[1]), (n_out, self.proj_w.shape[0]), (n_out,))
        if any(x.dtype != np.float32 or x.shape != want or not x.flags.c_contiguous for x, want in zip(folds, shapes)):
            return False
        if not all(np.isfinite(x).all() for x in folds):
            return False
        f64 = np.float64
        emb, out = self.emb[::FOLD_SAMPLE].astype(f64), self.out[::FOLD_SAMPLE].astype(f64)
        with self._one_blas_thread():  # as the folding: a second BLAS thread would stay spinning
            want = (emb @ self.convs[0][0].astype(f64), out @ self.proj_w.astype(f64).T,
                    out @ self.proj_b.astype(f64) + self.out_b[::FOLD_SAMPLE].astype(f64))
        return all(np.allclose(x[::FOLD_SAMPLE], w, rtol=1e-4, atol=1e-4) for x, w in zip(folds, want))

    def _fold_key(self, path: Path) -> str | None:
        """The weights file and the BLAS that numpy's products ran on: the one a numpy wheel
        bundles (site-packages/numpy.libs), by version and CPU kernel. Not every loaded BLAS: a
        process that had also imported scipy (its own copy) would name another key, and each kind
        of process would then replace the other's files. No key (fold each time) for another BLAS."""
        bundled = [lib.info() for lib in self._blas if Path(lib.filepath).parent.name == "numpy.libs"]
        if len(bundled) != 1:
            return None
        lib = sorted((k, str(v)) for k, v in bundled[0].items() if k != "num_threads")
        return diskcache.key_of(diskcache.file_id(path), np.__version__, lib)

    @contextmanager
    def _one_blas_thread(self):
        """The BLAS libraries at one thread for the block, as they were after, on whichever thread
        runs it: OpenBLAS's float32 products differ in the last bits between one thread and two,
        so the scores (and the restorations) would depend on the thread. Their own calls, not
        threadpoolctl's limit(): that re-reads every library's info each time, ~0.1 ms a
        paragraph, as much as the network's products for a short one."""
        with _BLAS_LOCK:
            before = [lib.num_threads for lib in self._blas]
            for setter in self._set_threads:
                setter(1)
            try:
                yield
            finally:
                for setter, n in zip(self._set_threads, before):
                    setter(n)

    # ---- token ids ----------------------------------------------------------------------------
    def key_id(self, word: str) -> int:
        """Input id of a word (any case, accents or not): its stripped lower-case form."""
        i = self._keys.get(word)
        if i is None:
            if len(self._keys) > 200_000:
                self._keys.clear()
            i = self._keys[word] = self.in_ids.get(strip_accents(word.lower()), UNK)
        return i

    def options(self, opts: list[tuple[str, float]]) -> tuple[np.ndarray, np.ndarray]:
        """(output id or -1, input id of the stripped form) per option; cached per options list
        (the restorer caches its slots, so the same list object comes back for a repeated word)."""
        hit = self._opts.get(id(opts))
        if hit is None or hit[0] is not opts:
            if len(self._opts) > 200_000:
                self._opts.clear()
            out = np.array([self.out_ids.get(s, NOT_IN_VOCAB) for s, _ in opts], np.int64)
            keys = np.array([self.key_id(s) for s, _ in opts], np.int64)
            hit = self._opts[id(opts)] = (opts, out, keys)
        return hit[1], hit[2]

    # ---- the network --------------------------------------------------------------------------
    def hidden(self, ids: np.ndarray) -> np.ndarray:
        """(len(ids), dim) context vectors of one token sequence (zero padding outside it), before
        the output projection (folded into `scores`).

        A long sequence (a whole book restored as one text) goes in blocks of HIDDEN_BLOCK
        positions, each read with the receptive field's width of context either side, so that the
        layers' (n, 3*dim) products stay small (1 MB of stripped text had peaked at 1.6 GB);
        the rows are the ones the whole sequence gives."""
        n = len(ids)
        if n <= HIDDEN_BLOCK:
            return self._hidden(ids)
        halo = sum(self.dilations)
        out = np.empty((n, self.dim), np.float32)
        for a in range(0, n, HIDDEN_BLOCK):
            b = min(n, a + HIDDEN_BLOCK)
            lo, hi = max(0, a - halo), min(n, b + halo)
            out[a:b] = self._hidden(ids[lo:hi])[a - lo:b - lo]
        return out

    def _hidden(self, ids: np.ndarray) -> np.ndarray:
        x = self.emb[ids].astype(np.float32)
        n, d = x.shape
        for k, ((w, b), dil) in enumerate(zip(self.convs, self.dilations)):
            # (n, 3*dim): what each position gives to its left, centre and right neighbour
            taps = self.taps0[ids] if k == 0 else x @ w
            y = taps[:, d:2 * d] + b
            if n > dil:
                y[dil:] += taps[:-dil, :d]
                y[:-dil] += taps[dil:, 2 * d:]
            x = x + np.maximum(y, 0.0)
        return x

    def scores(self, h: np.ndarray, rows: np.ndarray, out_ids: np.ndarray) -> np.ndarray:
        """Score of output syllable out_ids[k] at position rows[k] (h from `hidden`).

        In blocks of SCORE_BLOCK rows: an OCR page scores ~5 candidates a word (55k rows on seed
        000), and gathering all of them at once made two fresh ~28 MB arrays, whose first touch
        cost more than the products (0.09 s of a first page against ~0.01 s). Each row's dot
        product is the same whatever the block."""
        out = np.empty(len(rows), np.float32)
        for a in range(0, len(rows), SCORE_BLOCK):
            r, o = rows[a:a + SCORE_BLOCK], out_ids[a:a + SCORE_BLOCK]
            out[a:a + SCORE_BLOCK] = np.einsum("kd,kd->k", h[r], self.out2[o]) + self.out_b2[o]
        return out

    # ---- what the restorer calls -------------------------------------------------------------
    def relative(self, seq: np.ndarray, pos: np.ndarray, out: np.ndarray, key: np.ndarray,
                 starts: np.ndarray, cap: float = CAP) -> np.ndarray:
        """For candidates (output id `out`, stripped-form id `key`) of items at positions `pos` of
        `seq`, item k's candidates being out[starts[k]:starts[k+1]]: score minus the best score among
        the item's candidates that strip to the token at its position, floored at -cap; 0 for the
        other candidates (and for items with no such candidate)."""
        with self._one_blas_thread():
            h = self.hidden(seq)
        ctx = seq[pos]
        group = (key == ctx) & (ctx > COMMA)
        known = group & (out >= 0)
        sc = np.full(len(out), -np.inf, np.float32)
        sc[known] = self.scores(h, pos[known], out[known])
        best = np.repeat(np.maximum.reduceat(sc, starts), np.diff(np.append(starts, len(out))))
        with np.errstate(invalid="ignore"):
            rel = np.maximum(sc - best, -cap)
        rel[group & ~known] = -OOV_GAP  # a rare syllable the model never learned
        rel[~group | ~np.isfinite(best)] = 0.0
        return rel


def _thread_setter(lib):
    """A function that sets `lib`'s thread count from any thread. threadpoolctl's set_num_threads
    on a pthreads OpenBLAS does nothing unless called from the first thread that used it (while
    that thread lives), so there OpenBLAS's own function is called."""
    if lib.internal_api == "openblas" and getattr(lib, "threading_layer", None) != "openmp":
        for prefix, suffix in itertools.product(("", "scipy_"), ("", "64_", "_64")):
            fn = getattr(lib.dynlib, f"{prefix}openblas_set_num_threads{suffix}", None)
            if fn is not None:
                return fn
    return lib.set_num_threads


def rescore(scorer: NeuralScorer, sents: list, num_id: int, weight: float, choices: list[list[str]] | None = None,
            scale: dict[int, float] | None = None) -> list:
    """The restorer's sentences with the scorer's unaries added to every multi-option slot's
    channel scores. Context: each word's stripped form as observed, or (choices: a first pass)
    of its first-pass reading (lower-case, per item of each sentence). `scale`: a factor on the weight per word (by start offset); 0
    leaves the word alone.

    One pass over the items collects the context and the scored slots; the new channel scores
    are one sum over the paragraph, and each touched slot gets a view of it (not one numpy add
    and one dataclass __init__ per slot)."""
    seq, places, slots, pos, weights = _collect(scorer, sents, num_id, weight, choices, scale)
    out = [list(s) for s in sents]
    if not slots:
        return out
    options = scorer.options
    arrays = [options(slot.options) for slot in slots]
    n = np.array([len(o) for o, _ in arrays])
    ends = np.cumsum(n)
    starts = ends - n
    rel = scorer.relative(np.array(seq, np.int64), np.repeat(np.array(pos), n), np.concatenate([o for o, _ in arrays]),
                          np.concatenate([k for _, k in arrays]), starts)
    rel *= np.repeat(np.array(weights, np.float32), n)
    touched = np.flatnonzero(np.add.reduceat(rel != 0.0, starts) > 0).tolist()
    if touched:
        chan = np.concatenate([slot.chan for slot in slots]) + rel  # each slot's own sum, as one array
        starts, ends = starts.tolist(), ends.tolist()
        for j in touched:
            si, k = places[j]
            out[si][k] = _with_chan(slots[j], chan[starts[j]:ends[j]])
    return out


def _collect(scorer: NeuralScorer, sents: list, num_id: int, weight: float, choices: list[list[str]] | None,
             scale: dict[int, float] | None) -> tuple[list[int], list[tuple[int, int]], list, list[int], list[float]]:
    """rescore's context ids (sentences between BOUNDs, commas and numbers as their own ids) and,
    per slot to score, its (sentence, item) place, the slot, its position in the context and its weight."""
    seq = [BOUND]
    places: list[tuple[int, int]] = []
    slots: list = []
    pos: list[int] = []
    weights: list[float] = []
    key_id = scorer.key_id
    for si, sent in enumerate(sents):
        choice = choices[si] if choices is not None else None
        for k, item in enumerate(sent):
            if isinstance(item, (int, np.integer)):
                seq.append(COMMA)
                continue
            if len(item.ids) == 0:  # a number's continuation ('1.000' after '2')
                continue
            if item.pattern == "keep":
                seq.append(NUM if int(item.ids[0]) == num_id else key_id(item.options[0][0]))
                continue
            seq.append(key_id(choice[k] if choice is not None else item.word.text))
            w = weight * scale[item.word.start] if scale is not None else weight
            if w > 0.0 and len(item.options) > 1:
                places.append((si, k))
                slots.append(item)
                pos.append(len(seq) - 1)
                weights.append(w)
        seq.append(BOUND)
    return seq, places, slots, pos, weights


def _with_chan(slot, chan: np.ndarray):
    """A copy of `slot` (the restorer's Slot) with other channel scores, built without its
    dataclass __init__ (one per scored word of a stripped paragraph)."""
    new = object.__new__(type(slot))
    new.__dict__.update(slot.__dict__)
    new.chan = chan
    return new
