"""Score what an observed token could have been: P(observed | intended) for a short list.

The channel is a mixture chosen per document: clean text (the token is what was meant), accent
stripping (the token is the intended syllable without its marks) and English-model OCR damage
(learned character emissions blended with whole-form counts from the synthetic pairs).
"""

from __future__ import annotations

import copy
import hashlib
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from vnresolve.diacritics import cand_jit, diskcache
from vnresolve.diacritics.charmodel import _ALPHABET, CharModel, _column, _encode, column_matrix, score_many
from vnresolve.diacritics.config import DecoderConfig
from vnresolve.diacritics.inventory import MIN_LEN_DEPTH2, Inventory, fold
from vnresolve.diacritics.marks import TONE_COUNT, MarkChannel, signature
from vnresolve.diacritics.mixture import Mixture
from vnresolve.diacritics.vntext import strip_accents

_NO_FLOATS = np.zeros(0, np.float64)
# An OCR token none of whose readings within the key radius the channel scores above FAR_BELOW is
# damaged beyond it; a reading one edit further counts where it scores better and above FAR_FLOOR
# (below that no syllable is meant: a foreign word or garbage, which stays as written)
FAR_BELOW = -8.0
FAR_FLOOR = -14.0
# The most tokens prefetch() scores in one batch: a batch holds every token's pool and cost columns
# at once (~1,000 rows a token after a far search), so a huge page of new tokens is made in parts.
BATCH_TOKENS = 512
# the arrays CandidateGenerator.derived() keeps on disk, in its order
_DERIVED = ("table_counts", "table_rows", "table_costs", "table_exp", "tone", "spelling", "shapes", "shaped",
            "spellings")


def _offsets(sizes: list[int] | np.ndarray) -> np.ndarray:
    """Where each of consecutive parts of these sizes starts in their concatenation, and the end."""
    out = np.zeros(len(sizes) + 1, np.int64)
    np.cumsum(sizes, out=out[1:])
    return out


def _fits(arrays: list[np.ndarray], rows: int, forms: int) -> bool:
    """Whether arrays read back as CandidateGenerator.derived()'s (_DERIVED) fit a model of `rows`
    candidate rows and `forms` forms with table entries: the compiled add_marks and the table
    slices index with them unchecked, so a short or garbled file would read out of bounds."""
    if len(arrays) != len(_DERIVED):
        return False
    counts, at, cost, exp, tone, spelling, shapes, shaped, spellings = arrays
    ints = (counts, at, tone, spelling, shapes, shaped)
    if any(x.dtype != np.int64 for x in ints) or any(x.dtype != np.float64 for x in (cost, exp)):
        return False
    if spellings.dtype.kind != "U" or any(x.ndim != 1 or not x.flags.c_contiguous for x in arrays):
        return False
    n = len(at)
    if len(counts) != forms or len(cost) != n or len(exp) != n or any(len(x) != rows for x in ints[2:]):
        return False
    if counts.min(initial=0) < 0 or int(counts.sum()) != n or not np.array_equal(exp, np.exp(cost)):
        return False
    return bool(at.min(initial=0) >= 0 and at.max(initial=0) < rows and tone.min(initial=0) >= 0
                and tone.max(initial=0) < TONE_COUNT and spelling.min(initial=0) >= 0
                and spelling.max(initial=0) < len(spellings) and shapes.min(initial=0) >= 0
                and shaped.min(initial=0) >= 0 and shaped.max(initial=0) <= 1)


@dataclass
class _Arrays:
    """Every string a pool can hold (inventory syllables and whole-form table entries), sorted, so
    a pool is a sorted array of row numbers (in the order `sorted(pool)` gives) and a syllable is
    encoded once, not once per token that pools it."""
    names: list[str]
    row: dict[str, int]
    enc: np.ndarray  # (rows, longest) charmodel character ids
    lens: np.ndarray
    prior: np.ndarray  # unigram log-frequency, -20 where unknown (as in the string path)
    strip: np.ndarray  # id of strip_accents(name) in key_id
    key_id: dict[str, int]


class CandidateGenerator:
    def __init__(self, inventory: Inventory, chars: CharModel, words: dict[str, dict[str, float]],
                 unigram: dict[str, float], cfg: DecoderConfig):
        self.cfg = cfg
        self.inventory = inventory
        self.chars = chars
        self.words = words
        self.unigram = unigram  # log relative frequency, a weak prior when pruning the list
        self.marks: MarkChannel | None = None  # real vie OCR's mark damage (marks.py), weighted by the clean share
        self._cache: dict[tuple[str, Mixture], list[tuple[str, float]]] = {}
        self._ids: dict[tuple[str, Mixture], np.ndarray] = {}  # LM ids of candidates(obs, mix), where known
        self._lm_ids: dict[str, int] | None = None
        self._lm_unk = 0
        self._row_lmid: np.ndarray | None = None
        self._pools: tuple | None = None  # precomputed OCR pools of frequent observed forms (set_pool_table)
        self._arrays: _Arrays | None = None
        self._near_cache: dict[str, np.ndarray] = {}
        self._self_cache: dict[str, float] = {}
        self._dele: tuple | None = None  # (channel, alphabet size, deletion costs) of _obs_costs
        self._near_arrays: tuple | bool | None = None
        self._kid_spans: tuple[np.ndarray, np.ndarray] | None = None
        self._prepare()  # at model load, not in the first document

    def set_lm(self, ids: dict[str, int], unk: int) -> None:
        """The LM's word ids, so that candidate_ids can give each candidate row's id from an array
        instead of a dictionary look-up per option."""
        a = self._arrays
        self._lm_ids, self._lm_unk = ids, unk
        self._row_lmid = np.array([ids.get(n, unk) for n in a.names], np.uint64)
        self._ids.clear()

    def set_pool_table(self, forms: list[str], table: np.ndarray, vocab: list[str]) -> None:
        """The pools, given as the LM-id table they are stored as (row k: pool of forms[k], -1
        padded; vocab: the LM's words), kept as the form's index, where each pool starts and all
        pools' rows one after another (same rows, same order): _pool_rows is then one slice.
        train.py builds the pools from this generator's syllables, so every pooled word has a row;
        a table that names another is from another model."""
        self._cache.clear()
        self._ids.clear()
        get = self._arrays.row.get
        table = np.asarray(table)
        held = table >= 0
        # all pools' rows at once at load (a few ms), not a gather per token in the first document
        rows = np.array([get(name, -1) for name in vocab], np.int64)[table[held]]
        if len(table) and rows.min(initial=0) < 0:
            raise ValueError("the candidate pools name words outside the candidate inventory: pool_ids.npy "
                             "belongs to another model (rebuild with `make model`)")
        self._pools = ({obs: k for k, obs in enumerate(forms)}, _offsets(held.sum(axis=1)).tolist(), rows)

    def with_channel(self, chars: CharModel) -> CandidateGenerator:
        """A generator sharing this one's inventory, arrays, pools and search index but scoring
        with `chars` (adapt.py's per-document channel); score caches start empty."""
        self.build_index()  # built once here and shared, not once per copy and again in the base
        other = copy.copy(self)
        other.chars = chars
        other._cache, other._ids, other._self_cache = {}, {}, {}
        other._dele = None
        return other

    def with_marks(self, marks: MarkChannel) -> CandidateGenerator:
        """The same with `marks` as the mark channel (adapt.py's per-document rates)."""
        other = self.with_channel(self.chars)
        other.marks = marks
        return other

    def ocr_pool(self, obs: str) -> list[str]:
        """Every syllable within the OCR search radius of obs (unpruned)."""
        pool: set[str] = set(self.words.get(obs, ()))
        for k, _d in self.inventory.keys_near(fold(obs)):
            pool.update(self.inventory.by_key[k])
        return sorted(pool)

    def best_ocr_pool(self, obs: str, size: int) -> list[str]:
        """The `size` best of ocr_pool(obs) by OCR channel and prior: what the decoder keeps of it."""
        scored = self.channel_many(obs, self.ocr_pool(obs), Mixture(0.0, 0.0, 1.0))
        scored.sort(key=lambda x: (-(x[1] + self.cfg.prior_weight * self.unigram.get(x[0], -20.0)), x[0]))
        return [s for s, _ in scored[:size]]

    def ocr_logp(self, obs: str, syl: str, char: float | None = None) -> float:
        if char is None:
            char = self.chars.score(syl, obs)
        table = self.words.get(obs, {}).get(syl)
        if table is None:
            return math.log(0.5) + char
        return math.log(0.5 * math.exp(char) + 0.5 * math.exp(table))

    def channel(self, obs: str, syl: str, mix: Mixture, char: float | None = None) -> float:
        p = mix.ocr * math.exp(self.ocr_logp(obs, syl, char))
        if obs == syl:
            p += mix.clean
        if mix.strip and obs == strip_accents(syl):
            p += mix.strip
        return math.log(p) if p > 0 else -1e9

    def channel_many(self, obs: str, syls: list[str], mix: Mixture) -> list[tuple[str, float]]:
        if not syls:
            return []
        char = score_many(self.chars, syls, obs)
        table = self.words.get(obs, {})
        w = self.cfg.table_weight
        p_ocr = (1 - w) * np.exp(char) + w * np.exp(np.array([table.get(s, -np.inf) for s in syls]))
        p = mix.ocr * p_ocr
        p += mix.clean * np.array([s == obs for s in syls])
        if mix.strip:
            p += mix.strip * np.array([strip_accents(s) == obs for s in syls])
        if self.marks is not None and mix.clean:
            p += mix.clean * self.marks.probs_for(obs, syls)
        logp = np.log(np.maximum(p, 1e-300))
        return [(s, float(lp)) for s, lp in zip(syls, logp) if lp > -600]

    # ---- the same on arrays of rows (what a first pass over a new page runs) -------------------
    def _prepare(self) -> _Arrays:
        names = sorted({s for group in self.inventory.by_key.values() for s in group}
                       | {s for row in self.words.values() for s in row})
        enc_rows = [_encode(s) for s in names]  # registers every character in charmodel's alphabet
        longest = max((len(e) for e in enc_rows), default=1)
        enc = np.zeros((len(names), longest), np.int32)
        for i, e in enumerate(enc_rows):
            enc[i, :len(e)] = e
        lens = np.array([len(e) for e in enc_rows], np.int32)
        key_id: dict[str, int] = {}
        strip = np.array([key_id.setdefault(strip_accents(s), len(key_id)) for s in names], np.int64)
        prior = np.array([self.unigram.get(s, -20.0) for s in names], np.float64)
        row = {s: i for i, s in enumerate(names)}
        self._arrays = _Arrays(names, row, enc, lens, prior, strip, key_id)
        # inventory.by_key as sorted row arrays (one slice of one array per key)
        inv = np.array(sorted(row[s] for group in self.inventory.by_key.values() for s in group), np.int64)
        by_key = inv[np.argsort(strip[inv], kind="stable")]
        bounds = np.searchsorted(strip[by_key], np.arange(len(key_id) + 1))
        empty = np.zeros(0, np.int64)
        self._members = {k: by_key[bounds[i]:bounds[i + 1]] for k, i in key_id.items() if bounds[i + 1] > bounds[i]}
        self._by_key, self._key_bounds = by_key, bounds
        self._no_rows = empty
        self._kid_spans = None  # per key id of the deletion index, built at first use
        self._tables = self._signatures = None  # derived(): at model load, or at first use
        return self._arrays

    def derived(self, key_files: list[Path] | None = None) -> None:
        """The tables derived from the inventory and the whole-form table once per model: each
        form's table entries as rows, costs and exp(costs) (sorted by row), and marks.signature of
        every row as arrays. Kept on disk (diskcache.py) under a key of the rows' names and the
        model files they come from (key_files), like the beam's offsets: computing them takes
        ≈45 ms, which would fall on the first document or on every load."""
        if self._tables is not None:
            return
        names = self._arrays.names
        forms = [obs for obs, table in self.words.items() if table]
        key = None
        got = None
        if key_files is not None:
            digest = hashlib.sha1("\n".join(names).encode()).hexdigest()
            key = diskcache.key_of([diskcache.file_id(p) for p in key_files], digest, len(forms), _DERIVED)
            got = diskcache.load("candidates", key, _DERIVED, lambda arrays: _fits(arrays, len(names), len(forms)))
        if got is None:
            got = self._table_arrays(forms) + self._mark_signatures(names)
            if key is not None:
                diskcache.store("candidates", key, _DERIVED, list(got))
        counts, at, cost, exp, tone, base, shapes, shaped, spellings = got
        self._tables = ({obs: k for k, obs in enumerate(forms)}, _offsets(counts).tolist(), at, cost, exp)
        self._signatures = (tone, base, shapes, shaped, {b: k for k, b in enumerate(spellings.tolist())})

    def _table_arrays(self, forms: list[str]) -> tuple[np.ndarray, ...]:
        """(entries per form, rows, costs, exp(costs)): the table entries of `forms`, one form's
        after another's, each form's sorted by row."""
        row = self._arrays.row
        counts, pairs = [], []
        for obs in forms:
            table = self.words[obs]
            counts.append(len(table))
            pairs.extend(sorted((row[s], c) for s, c in table.items()))
        at = np.array([r for r, _ in pairs], np.int64)
        cost = np.array([c for _, c in pairs], np.float64)
        return np.array(counts, np.int64), at, cost, np.exp(cost)

    @staticmethod
    def _mark_signatures(names: list[str]) -> tuple[np.ndarray, ...]:
        """marks.signature of every row as arrays (tone, id of its letters with shape marks, number
        of shape marks, tone on a shaped vowel) and those spellings by id: the mark channel's terms
        for a token's rows are then array look-ups (cand_jit.add_marks)."""
        n = len(names)
        tone, base, shapes, shaped = (np.empty(n, np.int64) for _ in range(4))
        ids: dict[str, int] = {}
        for i, name in enumerate(names):
            t, b, k, si = signature(name)
            tone[i], base[i], shapes[i], shaped[i] = t, ids.setdefault(b, len(ids)), k, si
        return tone, base, shapes, shaped, np.array(list(ids), dtype=str)

    def _key_rows(self, key: str) -> np.ndarray:
        return self._members.get(key, self._no_rows)

    def _table_rows(self, obs: str) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
        """(rows, costs, exp(costs)) of obs's whole-form table entries, sorted by row; None without."""
        if self._tables is None:
            self.derived()
        index, starts, at, cost, exp = self._tables
        k = index.get(obs)
        if k is None:
            return None
        a, b = starts[k], starts[k + 1]
        return at[a:b], cost[a:b], exp[a:b]

    def _pool_rows(self, obs: str) -> np.ndarray | None:
        """Rows of the precomputed pool of obs; None without one."""
        pools = self._pools
        if pools is None:
            return None
        k = pools[0].get(obs)
        if k is None:
            return None
        starts = pools[1]
        return pools[2][starts[k]:starts[k + 1]]

    def _near_index(self) -> tuple | None:
        """The inventory's deletion index as arrays for cand_jit.keys_near (built on first use);
        None if a key has a character other than a-z (then Inventory.keys_near runs)."""
        if self._near_arrays is None:
            keys = self.inventory.keys  # the order Inventory.keys_far indexes
            kid = {k: i for i, k in enumerate(keys)}
            if not all(k.isascii() and k.isalpha() and k.islower() and len(k) <= 12 for k in keys) or not keys:
                self._near_arrays = False
                return None
            width = max(len(k) for k in keys)
            codes = np.zeros((len(keys), width), np.int64)
            for i, k in enumerate(keys):
                codes[i, :len(k)] = [ord(c) - 96 for c in k]
            var, ids = [], []
            for variant, members in self.inventory.index.items():
                packed = 0
                for c in variant:
                    packed = (packed << 5) | (ord(c) - 96)
                for k in members:
                    var.append(packed)
                    ids.append(kid[k])
            var_keys = np.array(var, np.uint64)
            order = np.argsort(var_keys, kind="stable")
            self._near_arrays = (keys, var_keys[order], np.array(ids, np.int64)[order], codes,
                                 np.array([len(k) for k in keys], np.int64), np.zeros(len(keys), np.bool_))
        return self._near_arrays or None

    def build_index(self) -> tuple | None:
        """_near_index, plus where the rows of each of its keys lie in _by_key (built once: at
        model load, or at first use)."""
        index = self._near_index()
        if index is not None and self._kid_spans is None:
            ids = np.array([self._arrays.key_id.get(k, -1) for k in index[0]], np.int64)
            start = np.where(ids >= 0, self._key_bounds[ids], 0)
            self._kid_spans = (start, np.where(ids >= 0, self._key_bounds[ids + 1], 0) - start)
        return index

    def _key_id_rows(self, kids: np.ndarray) -> np.ndarray:
        """The rows of the index's keys `kids`, one key's after another's, as a single gather from
        _by_key (a key's rows are one slice of it): a near or far token names tens to hundreds of keys."""
        start, size = self._kid_spans
        start, size = start[kids], size[kids]
        total = int(size.sum())
        if not total:
            return np.zeros(0, np.int64)
        first = np.cumsum(size) - size  # where each key's rows start in the result
        return self._by_key[np.arange(total) + np.repeat(start - first, size)]

    def _keys_near(self, folded: str) -> list[str]:
        """The keys of Inventory.keys_near(folded) (the same set; tests compare), compiled."""
        index = self._near_index()
        if index is None:
            return [k for k, _d in self.inventory.keys_near(folded)]
        if len(folded) > 9:
            return []
        keys, var_keys, var_ids, codes, lens, seen = index
        depth = 2 if len(folded) >= MIN_LEN_DEPTH2 else 1
        token = np.array([ord(c) - 96 if "a" <= c <= "z" else 31 for c in folded], np.int64)
        return [keys[k] for k in cand_jit.keys_near(token, depth, var_keys, var_ids, codes, lens, seen)]

    def _near_rows(self, folded: str) -> np.ndarray:
        """Rows of the inventory syllables whose keys are near folded (ocr_pool without the table)."""
        hit = self._near_cache.get(folded)
        if hit is None:
            index = self.build_index()
            if index is None or len(folded) > 9:
                parts = [self._key_rows(k) for k in self._keys_near(folded)]
                hit = np.concatenate(parts) if parts else np.zeros(0, np.int64)
            else:  # _keys_near's keys as key ids, their rows gathered at once (not a dict look-up per key)
                keys, var_keys, var_ids, codes, lens, seen = index
                depth = 2 if len(folded) >= MIN_LEN_DEPTH2 else 1
                token = np.array([ord(c) - 96 if "a" <= c <= "z" else 31 for c in folded], np.int64)
                hit = self._key_id_rows(cand_jit.keys_near(token, depth, var_keys, var_ids, codes, lens, seen))
            self._near_cache[folded] = hit
        return hit

    def _far_rows(self, folded: str) -> np.ndarray:
        """Rows of the inventory syllables whose keys are within Inventory.keys_far of folded."""
        ids = self.inventory.keys_far(folded)
        if not len(ids):
            return self._no_rows
        if self.build_index() is not None:
            return self._key_id_rows(ids)
        keys = self.inventory.keys
        return np.concatenate([self._key_rows(keys[i]) for i in ids.tolist()])

    def _self_score(self, obs: str) -> float:
        """self.chars.score(obs, obs) through the compiled DP (the same value; -inf where the
        DP found no alignment). A token of alphabet letters has it from its batch
        (_scored_many); here, the rest: the token's rows of the cost columns (equal to
        CharModel.cost; tests check), those of letters outside the alphabet ('c6ng') from
        CharModel.cost."""
        hit = self._self_cache.get(obs)
        if hit is None:
            n = len(obs)
            if n == 0:
                hit = self.chars.score(obs, obs)
            else:
                ids = [_ALPHABET.get(t, -1) for t in obs]
                dele, s1, s2 = self._obs_costs(obs)
                at = np.array([max(k, 0) for k in ids])
                dele, s1, s2 = dele[at], s1[at], s2[at]
                cost = self.chars.cost
                pairs = [""] + [obs[j - 1:j + 1] for j in range(1, n)]
                for i, t in enumerate(obs):
                    if ids[i] < 0:
                        dele[i] = cost(t, "")
                        s1[i] = [cost(t, e) for e in obs]
                        s2[i] = [cost(t, e) if e else cand_jit.BIG for e in pairs]
                x = float(cand_jit.score_self(dele, s1, s2, np.arange(n, dtype=np.int64)))
                hit = x if x > -cand_jit.BIG / 10 else -math.inf
            self._self_cache[obs] = hit
        return hit

    def _deletions(self, pad: int) -> np.ndarray:
        """Cost of deleting each alphabet character: the same for every token of a channel."""
        held = self._dele
        if held is None or held[0] is not self.chars or held[1] != pad:
            held = self._dele = (self.chars, pad, _column(self.chars, "", pad)[:pad])
        return held[2]

    def _obs_costs(self, obs: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Cost of deleting each alphabet character, and of it emitting obs[j] (s1[:, j]) or
        obs[j-1:j+1] (s2[:, j], BIG at j = 0): score_many's tables for this token."""
        model = self.chars
        pad = len(_ALPHABET)
        m = len(obs)
        dele = self._deletions(pad)
        if m:  # gathered from the model's column matrix (same float64 values as filling a BIG-initialised array)
            s1 = column_matrix(model, list(obs), pad, cand_jit.BIG)
            s2 = column_matrix(model, [None] + [obs[j - 1:j + 1] for j in range(1, m)], pad, cand_jit.BIG)
        else:
            s1 = np.full((pad, m), cand_jit.BIG)
            s2 = np.full((pad, m), cand_jit.BIG)
        return dele, s1, s2

    def _pool_parts(self, obs: str, mix: Mixture) -> tuple[list[np.ndarray], tuple | None, bool]:
        """(the row arrays whose union is obs's pool, its table entries (_table_rows), whether a
        far search may widen the pool)."""
        table = self._table_rows(obs)
        parts = [table[0]] if table is not None else []
        pre = None
        if mix.ocr > 0.5:
            pre = self._pool_rows(obs)
            if pre is not None:
                parts += [pre, self._key_rows(strip_accents(obs))]
            else:
                parts.append(self._near_rows(fold(obs)))
        else:
            parts += [self._key_rows(fold(obs)), self._key_rows(strip_accents(obs))]
        return parts, table, mix.ocr > 0.5 and pre is None

    def _unions(self, parts: list[list[np.ndarray]]) -> list[np.ndarray]:
        """The union of each token's parts (sorted rows), in one compiled call for all the tokens."""
        flat = [p for ps in parts for p in ps]
        if not flat:
            return [self._no_rows] * len(parts)
        rows, ob = cand_jit.union_many(np.concatenate(flat), _offsets([sum(map(len, ps)) for ps in parts]))
        return [rows[ob[i]:ob[i + 1]] for i in range(len(parts))]

    def _candidates_many(self, keys: list[tuple[str, Mixture]]) -> list[tuple[list[tuple[str, float]], np.ndarray]]:
        """For each (obs, mix): the pooled, scored, pruned and sorted list (before the B-for-Đ twins
        and obs itself) and its rows, in order (tests/test_diacritics_oracle.py: the same on strings).

        Why a batch: a first pass over a new page makes ~1,500 such lists, and scoring one token
        alone takes ~8 small compiled or numpy calls whose overhead outweighs their work, so the
        tokens of a page are scored together, each step one call over all of them (cand_jit's *_many)."""
        if self._arrays is None:
            self._prepare()
        got = [self._pool_parts(obs, mix) for obs, mix in keys]
        pooled = list(zip(self._unions([g[0] for g in got]), [g[1] for g in got], [g[2] for g in got]))
        logps = self._scored_many(keys, [r for r, _t, _f in pooled], [t for _r, t, _f in pooled], selves=True)
        # an OCR token whose near readings all score below FAR_BELOW: its pool widened by a far search
        at, more = [], []
        for i, ((obs, _mix), (rows, _table, may)) in enumerate(zip(keys, pooled)):
            if may and (len(rows) == 0 or logps[i].max() < FAR_BELOW):
                extra = self._far_rows(fold(obs))
                if len(extra):
                    at.append(i)
                    more.append([rows, extra])
        if at:
            far = list(zip(at, self._unions(more)))
            wide = self._scored_many([keys[i] for i, _w in far], [w for _i, w in far], [pooled[i][1] for i, _w in far])
            for (i, rows), wide_logp in zip(far, wide):
                top = wide_logp.max()
                if top >= FAR_FLOOR and (len(pooled[i][0]) == 0 or top > logps[i].max()):
                    pooled[i], logps[i] = (rows, None, False), wide_logp
        a, cfg = self._arrays, self.cfg
        rows_all = [p[0] for p in pooled]
        bounds = _offsets([len(r) for r in rows_all])
        cat = np.concatenate(rows_all) if rows_all else self._no_rows
        # keep > -600, prune to prune_margin of the best, order by channel + prior (ties: name)
        order, ob = cand_jit.select_prior_many(np.concatenate(logps) if logps else _NO_FLOATS, cat, bounds, a.prior,
                                               cfg.prior_weight, cfg.max_candidates, cfg.prune_margin)
        names, out = a.names, []
        for i, rows in enumerate(rows_all):
            if len(rows) == 0:
                out.append(([], self._no_rows))
                continue
            at = order[ob[i]:ob[i + 1]]
            kept = rows[at]
            out.append((list(zip([names[r] for r in kept.tolist()], logps[i][at].tolist())), kept))  # Python floats
        return out

    def _scored_many(self, keys: list[tuple[str, Mixture]], rows: list[np.ndarray],
                     tables: list[tuple | None], selves: bool = False) -> list[np.ndarray]:
        """log P(obs | row) of the channel mixture per row of each token's rows: the character DP,
        the mixture and the mark channel's term each in one compiled pass over all the tokens
        (cand_jit's *_many); exp and log stay numpy's, so the floats are those of the numpy
        expression they replaced. selves: each token's _self_score is cached too, from the same
        cost columns."""
        if not keys:
            return []
        a, cfg = self._arrays, self.cfg
        pad = len(_ALPHABET)
        model = self.chars
        # every token's cost columns (_obs_costs' s1 and s2) side by side in one gather each
        chunks1: list[str] = []
        chunks2: list[str | None] = []
        for obs, _mix in keys:
            chunks1.extend(obs)
            chunks2.extend([None] + [obs[j - 1:j + 1] for j in range(1, len(obs))])
        s1 = column_matrix(model, chunks1, pad, cand_jit.BIG)
        s2 = column_matrix(model, chunks2, pad, cand_jit.BIG)
        cb = _offsets([len(obs) for obs, _mix in keys])
        if selves:  # tokens of letters outside the alphabet ('c6ng') are left to _self_score
            ids = np.array([_ALPHABET.get(t, 0) for t in chunks1], np.int64)
            got = cand_jit.score_self_many(self._deletions(pad), s1, s2, ids, cb)
            for (obs, _mix), x in zip(keys, got.tolist()):
                if obs and obs not in self._self_cache and all(t in _ALPHABET for t in obs):
                    self._self_cache[obs] = x if x > -cand_jit.BIG / 10 else -math.inf
        rb = _offsets([len(r) for r in rows])
        cat = np.concatenate(rows)
        e = np.exp(cand_jit.score_rows_many(a.enc, a.lens, cat, rb, self._deletions(pad), s1, s2, cb))
        tab = [t if t is not None else (self._no_rows, None, _NO_FLOATS) for t in tables]
        n = len(keys)
        ocr, clean, strip = (np.array([getattr(mix, f) for _obs, mix in keys], np.float64)
                             for f in ("ocr", "clean", "strip"))
        obs_row = np.array([a.row.get(obs, -1) for obs, _mix in keys], np.int64)
        obs_key = np.array([a.key_id.get(obs, -1) for obs, _mix in keys], np.int64)
        mark_key = np.full(n, -1, np.int64)
        to, bo, no = (np.zeros(n, np.int64) for _ in range(3))
        if self.marks is not None:
            for i, (obs, mix) in enumerate(keys):
                key = a.key_id.get(strip_accents(obs)) if mix.clean else None
                if key is not None:  # (none: letters no syllable has, most OCR damage: no row to add to)
                    if self._signatures is None:
                        self.derived()
                    t, b, k, _ = signature(obs)
                    mark_key[i], to[i], bo[i], no[i] = key, t, self._signatures[4].get(b, -1), k
        if self._signatures is not None:
            tone, spelling, shapes, shaped, _spellings = self._signatures
            probs = self.marks.flat if self.marks is not None else _NO_FLOATS
        else:
            tone = spelling = shapes = shaped = self._no_rows
            probs = _NO_FLOATS
        tab_rows = [t[0] for t in tab]
        p = cand_jit.mix_probs_many(e, cat, rb, np.concatenate(tab_rows), np.concatenate([t[2] for t in tab]),
                                    _offsets([len(r) for r in tab_rows]), 1 - cfg.table_weight, cfg.table_weight, ocr, clean,
                                    obs_row, strip, a.strip, obs_key, mark_key, tone, spelling, shapes, shaped, probs,
                                    to, bo, no)
        logp = np.log(p)
        return [logp[rb[i]:rb[i + 1]] for i in range(n)]

    def _b_for_d(self, obs: str, mix: Mixture, out: list[tuple[str, float]]) -> list[tuple[str, float]]:
        """English-model OCR reads Đ as P or B ('Pang', 'cua bang' = của Đảng in seeds 002-004);
        the synthetic renders and the seed self-training only taught the channel Đ -> P, so a
        b-initial token borrows the Đ-readings of its p-initial twin, at a fixed extra cost.
        A 'bp' start is Đ read as two letters, B and P ('BPANG BO TiNH' = ĐẢNG BỘ TỈNH, seen
        on real scans): no Vietnamese syllable starts so, and its twin is the
        token without the B."""
        twin_of = obs[1:] if obs[1] == "p" else "p" + obs[1:]
        twin = [(s, c + self.cfg.b_for_d_cost) for s, c in self.candidates(twin_of, mix) if s.startswith("đ")]
        better = dict(twin)
        have = {s for s, _ in out}  # a Đ-reading the b-token found itself keeps the better of the two scores
        return [(s, max(c, better.get(s, c))) for s, c in out] + [x for x in twin if x[0] not in have][:self.cfg.b_for_d_max]

    def candidates(self, obs: str, mix: Mixture) -> list[tuple[str, float]]:
        """(intended syllable, log channel probability), best first; obs itself is always included."""
        # A loop, not one lookup: the cache is emptied when full, by another thread's prefetch too.
        while (hit := self._cache.get((obs, mix))) is None:
            self.prefetch([(obs, mix)])
        return hit

    def prefetch(self, keys: list[tuple[str, Mixture]]) -> None:
        """candidates() of each (obs, mix) not cached yet, made together (_candidates_many) and cached."""
        cache = self._cache
        todo = [k for k in dict.fromkeys(keys) if k not in cache]
        if not todo:
            return
        made = (x for at in range(0, len(todo), BATCH_TOKENS) for x in self._candidates_many(todo[at:at + BATCH_TOKENS]))
        for key, (out, rows) in zip(todo, made):
            obs, mix = key
            if mix.ocr > 0.5 and obs.startswith("b") and len(obs) >= 3:  # two letters: too little evidence (Ba = ba)
                out = self._b_for_d(obs, mix, out)
            if all(s != obs for s, _ in out):
                out.append((obs, self.channel(obs, obs, mix, self._self_score(obs))))
            if len(cache) > 200_000:
                cache.clear()
                self._ids.clear()
            cache[key] = out
            if self._row_lmid is not None:  # the B-for-Đ twins and obs itself come after the rows' own
                ids = self._row_lmid[rows]
                if len(out) > len(rows):
                    get, unk = self._lm_ids.get, self._lm_unk
                    ids = np.concatenate([ids, np.array([get(s, unk) for s, _ in out[len(rows):]], np.uint64)])
                self._ids[key] = ids

    def candidate_ids(self, obs: str, mix: Mixture) -> np.ndarray:
        """LM ids (set_lm) of candidates(obs, mix), in its order."""
        out = self.candidates(obs, mix)
        ids = self._ids.get((obs, mix))
        if ids is None:
            get, unk = self._lm_ids.get, self._lm_unk
            ids = self._ids[(obs, mix)] = np.array([get(s, unk) for s, _ in out], np.uint64)
        return ids
