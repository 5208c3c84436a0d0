"""The beam search of ngram.py compiled with numba, for trigram models.

Why: profiling showed the numpy beam spending its time on call overhead, not arithmetic (three
`searchsorted` calls, an argsort and a `unique` per word on arrays of a few hundred entries).
One compiled loop over the whole sentence does the same work without the per-call cost. The
search is the same as `NgramRestorer._decode_numpy` (same scores in the same float types, same
tie-breaking), so outputs do not depend on which path ran; numba is optional and the numpy path
is used when it is missing.

Item kinds in the flattened sentence: 0 = word with candidates, 1 = one fixed LM id,
2 = no LM token (a number merged into the previous one).
"""

from __future__ import annotations

import numpy as np

try:
    from numba import njit
except ImportError:  # pragma: no cover - exercised only where numba is absent
    njit = None

BITS = 21


def _ctx_bow(u, v, bi_keys, bi_bow):
    """Backoff weight of the context (u, v): looked up once per beam state, not per candidate."""
    uv = (u << np.uint64(BITS)) | v
    posc = min(np.searchsorted(bi_keys, uv), len(bi_keys) - 1)
    return bi_bow[posc] if bi_keys[posc] == uv else np.float32(0.0)


def _lp(u, v, w, bi_keys, bi_lp, bi_bow, uni_lp, uni_bow, tri_keys, tri_lp):
    """log P(w | u v), exactly as TrigramLM.expand computes it (float32 backoff arithmetic)."""
    return _lp_bow(u, v, w, _ctx_bow(u, v, bi_keys, bi_bow), bi_keys, bi_lp, uni_lp, uni_bow, tri_keys, tri_lp)


def _lp_bow(u, v, w, bow, bi_keys, bi_lp, uni_lp, uni_bow, tri_keys, tri_lp):
    """log P(w | u v) given the context's backoff weight; the trigram table is tried first, so
    the bigram search is only paid for on a miss."""
    b = np.uint64(BITS)
    last = len(bi_keys) - 1
    tri = (((u << b) | v) << b) | w
    pos3 = min(np.searchsorted(tri_keys, tri), len(tri_keys) - 1)
    if tri_keys[pos3] == tri:
        return tri_lp[pos3]
    vw = (v << b) | w
    pos2 = min(np.searchsorted(bi_keys, vw), last)
    if bi_keys[pos2] == vw:
        p2 = bi_lp[pos2]
    else:
        p2 = uni_bow[np.intp(v)] + uni_lp[np.intp(w)]
    return bow + p2


def _lp_ranged(v, w, bow, tlo, thi, blo, bhi, bi_keys, bi_lp, uni_lp, uni_bow, tri_keys, tri_lp, uv):
    """_lp_bow with the searches confined to the state's slices of the sorted tables: every
    trigram (u, v, *) lies in [tlo, thi) and every bigram (v, *) in [blo, bhi), found once per
    state, so each candidate's search touches a few cached entries instead of the whole table."""
    b = np.uint64(BITS)
    if thi > tlo:
        tri = (uv << b) | w
        p = tlo + np.searchsorted(tri_keys[tlo:thi], tri)
        if p < thi and tri_keys[p] == tri:
            return tri_lp[p]
    if bhi > blo:
        vw = (v << b) | w
        p = blo + np.searchsorted(bi_keys[blo:bhi], vw)
        if p < bhi and bi_keys[p] == vw:
            return bow + bi_lp[p]
    return bow + (uni_bow[np.intp(v)] + uni_lp[np.intp(w)])


def _decode(kinds, offs, ids, chan, bos, eos, beam, bi_keys, bi_lp, bi_bow, uni_lp, uni_bow, tri_keys, tri_lp):
    """Returns (choice per item, forward posterior per candidate, laid out like ids)."""
    n = len(kinds)
    cap = max(beam, 1)
    hist_prev = np.zeros((n, cap), np.int64)
    hist_cand = np.zeros((n, cap), np.int64)
    hist_len = np.zeros(n, np.int64)
    posts = np.zeros(len(ids), np.float64)
    u = np.full(1, bos, np.uint64)
    v = np.full(1, bos, np.uint64)
    score = np.zeros(1, np.float64)
    for k in range(n):
        kind = kinds[k]
        ns = len(v)
        if kind == 2:
            for s in range(ns):
                hist_prev[k, s] = s
            hist_len[k] = ns
            continue
        if kind == 1:
            wid = ids[offs[k]]
            for s in range(ns):
                score[s] = score[s] + _lp(u[s], v[s], wid, bi_keys, bi_lp, bi_bow, uni_lp, uni_bow, tri_keys, tri_lp)
            nu = v.copy()
            # states that differ only in the word leaving the context merge (best score; ties: lowest index)
            key_order = np.argsort(nu, kind="mergesort")
            keep = np.empty(ns, np.int64)
            m = 0
            i = 0
            while i < ns:
                j = i
                best = key_order[i]
                while j + 1 < ns and nu[key_order[j + 1]] == nu[key_order[i]]:
                    j += 1
                    c = key_order[j]
                    if score[c] > score[best] or (score[c] == score[best] and c < best):
                        best = c
                keep[m] = best
                m += 1
                i = j + 1
            if m < ns:
                keep = keep[:m]
                neg = np.empty(m, np.float64)
                for i in range(m):
                    neg[i] = -score[keep[i]]
                keep = keep[np.argsort(neg, kind="mergesort")]
            else:
                keep = np.arange(ns)
            for i in range(len(keep)):
                hist_prev[k, i] = keep[i]
            hist_len[k] = len(keep)
            u = nu[keep]
            v = np.full(len(keep), wid, np.uint64)
            score = score[keep]
            continue
        lo, hi = offs[k], offs[k + 1]
        nc = hi - lo
        flat = np.empty(ns * nc, np.float64)
        one = np.uint64(1)
        b = np.uint64(BITS)
        for s in range(ns):
            bow = _ctx_bow(u[s], v[s], bi_keys, bi_bow)
            uv = (u[s] << b) | v[s]
            tlo = np.searchsorted(tri_keys, uv << b)
            thi = np.searchsorted(tri_keys, (uv + one) << b)
            blo = np.searchsorted(bi_keys, v[s] << b)
            bhi = np.searchsorted(bi_keys, (v[s] + one) << b)
            for j in range(nc):
                lm = _lp_ranged(v[s], ids[lo + j], bow, tlo, thi, blo, bhi, bi_keys, bi_lp, uni_lp, uni_bow,
                                tri_keys, tri_lp, uv)
                flat[s * nc + j] = (score[s] + np.float64(lm)) + np.float64(chan[lo + j])
        col_max = -np.inf
        for j in range(nc):
            best = -np.inf
            for s in range(ns):
                if flat[s * nc + j] > best:
                    best = flat[s * nc + j]
            posts[lo + j] = best
            if best > col_max:
                col_max = best
        tot = 0.0
        for j in range(nc):
            posts[lo + j] = np.exp(posts[lo + j] - col_max)
            tot += posts[lo + j]
        for j in range(nc):
            posts[lo + j] /= tot
        order = np.argsort(-flat, kind="mergesort")
        kept = np.empty(beam, np.int64)
        kv = np.empty(beam, np.uint64)
        kw = np.empty(beam, np.uint64)
        m = 0
        for idx in order:
            if m >= beam:
                break
            s = idx // nc
            w = ids[lo + idx % nc]
            dup = False
            for q in range(m):
                if kv[q] == v[s] and kw[q] == w:
                    dup = True
                    break
            if not dup:
                kept[m] = idx
                kv[m] = v[s]
                kw[m] = w
                m += 1
        nu = np.empty(m, np.uint64)
        nv = np.empty(m, np.uint64)
        nscore = np.empty(m, np.float64)
        for q in range(m):
            s = kept[q] // nc
            c = kept[q] % nc
            hist_prev[k, q] = s
            hist_cand[k, q] = c
            nu[q] = v[s]
            nv[q] = ids[lo + c]
            nscore[q] = flat[kept[q]]
        hist_len[k] = m
        u, v, score = nu, nv, nscore
    for s in range(len(v)):
        score[s] = score[s] + _lp(u[s], v[s], eos, bi_keys, bi_lp, bi_bow, uni_lp, uni_bow, tri_keys, tri_lp)
    state = int(np.argmax(score))
    choice = np.zeros(n, np.int64)
    for k in range(n - 1, -1, -1):
        choice[k] = hist_cand[k, state]
        state = hist_prev[k, state]
    return choice, posts


if njit is not None:
    _ctx_bow = njit(cache=True)(_ctx_bow)
    _lp_bow = njit(cache=True)(_lp_bow)
    _lp_ranged = njit(cache=True)(_lp_ranged)
    _lp = njit(cache=True)(_lp)
    _decode = njit(cache=True)(_decode)
    AVAILABLE = True
else:  # pragma: no cover
    AVAILABLE = False


def decode(kinds, offs, ids, chan, bos, eos, beam, lm):
    return _decode(kinds, offs, ids, chan, np.uint64(bos), np.uint64(eos), beam, lm.bi_keys, lm.bi_lp,
                   lm.bi_bow, lm.uni_lp, lm.uni_bow, lm.tri_keys, lm.tri_lp)
