"""The beam search and the two-sided confidences over a trigram LM, compiled (numba).

Why compiled: the search is a few hundred small look-ups per word (sorted-table searches, a sort
and a merge of the states); as numpy calls it spent its time on call overhead, not arithmetic. The
functions here are the kernels only: the ahead-of-time module (aot.py) when it is built, numba's
JIT otherwise. decoder.py builds their inputs and calls them; the numpy beam the tests compare
them with is tests/test_diacritics_oracle.py.

Item kinds in the flattened sentence: 0 = word with candidates, 1 = one fixed LM id,
2 = no LM token (a number merged into the previous one).
"""

from __future__ import annotations

import numpy as np

from vnresolve.diacritics import aot

_AOT = aot.kernels()  # the kernels built ahead of time (aot.py), or None
njit = aot.jit()  # numba's, where that module is not in use (then numba is never imported)

BITS = 21
_HASH = np.uint64(0x9E3779B97F4A7C15)
BLOOM_BITS = 22  # a 2^22-bit (512 KiB) filter of the 2.3M bigram keys: ~42 % of absent keys pass; larger ones
# miss the CPU cache more and were no faster


def _bloom(keys, bits):
    """A one-hash Bloom filter of the keys as little-endian packed bits: bit h(key) is set for
    every key, h = the top `bits` bits of key * _HASH (wrapping). A clear bit means the key is
    absent: most of the beam's bigram queries (89 % absent on seeds 002-004) end there."""
    out = np.zeros(1 << (bits - 3), np.uint8)
    shift = np.uint64(64 - bits)
    for i in range(len(keys)):
        h = (keys[i] * _HASH) >> shift
        out[np.intp(h >> np.uint64(3))] |= np.uint8(1) << np.uint8(h & np.uint64(7))
    return out


def _lp_ranged(v, w, bow, tlo, thi, blo, bhi, bi_keys, bi_lp, uni_lp, uni_bow, tri_keys, tri_lp, uv):
    """log P(w | u v) as TrigramLM.expand computes it (float32 backoff arithmetic), given the
    context's backoff weight, with the searches confined to the state's slices of the sorted
    tables: every trigram (u, v, *) lies in [tlo, thi) and every bigram (v, *) in [blo, bhi), found
    once per state, so each candidate's search touches a few cached entries instead of the whole table."""
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


def _bigram_at(v, w, bi_start, bi_w):
    """Position of the bigram (v, w) in the table, or -1: a search of v's slice, where every key
    is (v << BITS) | w, so of its 32-bit w column bi_w."""
    blo, bhi = bi_start[np.intp(v)], bi_start[np.intp(v) + 1]
    if bhi > blo:
        p = blo + np.searchsorted(bi_w[blo:bhi], np.uint32(w))
        if p < bhi and bi_w[p] == np.uint32(w):
            return p
    return -1


def _tri_range(u, v, tri_start, tri_keys):
    """[tlo, thi): the trigrams (u, v, *), searched for within u's slice of the trigram table."""
    b = np.uint64(BITS)
    uv = (u << b) | v
    lo, hi = tri_start[np.intp(u)], tri_start[np.intp(u) + 1]
    if hi == lo:
        return lo, lo
    sl = tri_keys[lo:hi]
    return lo + np.searchsorted(sl, uv << b), lo + np.searchsorted(sl, (uv + np.uint64(1)) << b)


def _gallop(keys, lo, hi, x):
    """First index i in [lo, hi) with keys[i] >= x (hi if none), keys[lo:hi] sorted: an
    exponential search forward from lo, then a binary search of the last step. Cheap when the
    answer is near lo, as when sorted queries walk one slice."""
    if lo >= hi or keys[lo] >= x:
        return lo
    prev = lo  # keys[prev] < x
    step = 1
    nxt = lo + 1
    while nxt < hi and keys[nxt] < x:
        prev = nxt
        step *= 2
        nxt = prev + step
    if nxt > hi:
        nxt = hi
    a, z = prev + 1, nxt  # the answer is in [a, z]
    while a < z:
        mid = (a + z) >> 1
        if keys[mid] < x:
            a = mid + 1
        else:
            z = mid
    return a


def _bigram_tri_ranges(bi_keys, tri_keys):
    """For each bigram (u, v) of the table, where its trigrams (u, v, *) lie in the trigram table
    ([lo, hi), as _tri_range finds them), in one merge of the two sorted tables; and whether every
    trigram's (u, v) is a bigram of the table (then a context that is no bigram has no trigrams)."""
    b = np.uint64(BITS)
    n, t_n = len(bi_keys), len(tri_keys)
    lo = np.empty(n, np.int64)
    hi = np.empty(n, np.int64)
    t = 0
    covered = 0
    for p in range(n):
        start = bi_keys[p] << b
        end = (bi_keys[p] + np.uint64(1)) << b
        while t < t_n and tri_keys[t] < start:
            t += 1
        lo[p] = t
        while t < t_n and tri_keys[t] < end:
            t += 1
        hi[p] = t
        covered += t - lo[p]
    return lo, hi, covered == t_n


def _context(p, u, v, complete, bi_bow, bt_lo, bt_hi, tri_start, tri_keys):
    """The context (u, v)'s backoff weight and trigram range [tlo, thi), from the position p of
    the bigram (u, v) in the table (-1: no such bigram)."""
    if p >= 0:
        return bi_bow[p], bt_lo[p], bt_hi[p]
    if complete:  # no trigram starts with a context that is no bigram
        return np.float32(0.0), 0, 0
    tlo, thi = _tri_range(u, v, tri_start, tri_keys)
    return np.float32(0.0), tlo, thi


def _in_range(tri_keys, tri_lp, lo, hi, key, otherwise):
    """tri_lp of the trigram key if it lies in [lo, hi) of the table, else `otherwise` (the backoff)."""
    if hi > lo:
        p = _gallop(tri_keys, lo, hi, key)
        if p < hi and tri_keys[p] == key:
            return tri_lp[p]
    return otherwise


def _sort_by_id(ids, lo, n, by_id):
    """by_id[:n] = the candidates ids[lo:lo + n] in ascending id order: a stable insertion sort (the
    order of np.argsort(..., kind="mergesort")) of a list of at most a few dozen."""
    for j in range(n):
        x = ids[lo + j]
        q = j
        while q > 0 and ids[lo + by_id[q - 1]] > x:
            by_id[q] = by_id[q - 1]
            q -= 1
        by_id[q] = j


def _normalise(posts, lo, n, top):
    """posts[lo:lo + n] = exp(score - top), scaled to sum to 1 (top: the scores' maximum)."""
    tot = 0.0
    for j in range(n):
        posts[lo + j] = np.exp(posts[lo + j] - top)
        tot += posts[lo + j]
    for j in range(n):
        posts[lo + j] /= tot


def _state_ctx(u, v, bi_start, bi_w, complete, bi_bow, bt_lo, bt_hi, tri_start, tri_keys):
    """A state's context: backoff weight of (u, v) and its trigrams' range [tlo, thi), through the
    bigram (u, v)'s position (a search of u's slice), as for a state made from a candidate."""
    return _context(_bigram_at(u, v, bi_start, bi_w), u, v, complete, bi_bow, bt_lo, bt_hi, tri_start, tri_keys)


def _lp_at(u, v, w, bi_start, bi_w, complete, bt_lo, bt_hi, tri_start, bi_keys, bi_lp, bi_bow, uni_lp, uni_bow, tri_keys,
           tri_lp):
    """log P(w | u v) through the per-word offsets (TrigramLM.expand's value)."""
    bow, tlo, thi = _state_ctx(u, v, bi_start, bi_w, complete, bi_bow, bt_lo, bt_hi, tri_start, tri_keys)
    blo, bhi = bi_start[np.intp(v)], bi_start[np.intp(v) + 1]
    return _lp_ranged(v, w, bow, tlo, thi, blo, bhi, bi_keys, bi_lp, uni_lp, uni_bow, tri_keys, tri_lp,
                      (u << np.uint64(BITS)) | v)


def _decode(kinds, offs, ids, chan, bos, eos, beam, margin, bi_start, tri_start, bi_keys, bi_lp, bi_bow, uni_lp, uni_bow,
            tri_keys, tri_lp, bt_lo, bt_hi, complete, bi_w, bi_filt):
    """Returns (choice per item, forward posterior per candidate, laid out like ids).

    The numpy beam's search (tests/test_diacritics_oracle.py) with three shortcuts that change no
    number: n-gram slices found through per-word offsets (bi_start[v], tri_start[u]) instead of
    searches of the whole tables; the bigram part of P(w | u v) computed once per distinct v among
    the states, not once per state; and the states kept chosen without sorting all entries (same
    choice, same order). Each state carries its context's backoff weight and trigram range
    (sbow, stlo, sthi): for a state made from a candidate they come from that candidate's
    bigram position, found anyway for its bigram probability (bt_lo/bt_hi: _bigram_tri_ranges),
    so a state's context is not searched for again at the next word. Within v's slice of the
    bigram table every key is (v << BITS) | w, so the candidates are looked up in bi_w (the w
    of each key, 32 bits: half the memory to walk), which finds the same positions."""
    n = len(kinds)
    cap = max(beam, 1)
    hist_prev = np.zeros((n, cap), np.int64)
    hist_cand = np.zeros((n, cap), np.int64)
    posts = np.zeros(len(ids), np.float64)
    u = np.full(1, bos, np.uint64)
    v = np.full(1, bos, np.uint64)
    score = np.zeros(1, np.float64)
    b = np.uint64(BITS)
    fshift = np.uint64(64 - BLOOM_BITS)
    sbow = np.empty(1, np.float32)
    stlo = np.empty(1, np.int64)
    sthi = np.empty(1, np.int64)
    sbow[0], stlo[0], sthi[0] = _state_ctx(u[0], v[0], bi_start, bi_w, complete, bi_bow, bt_lo, bt_hi, tri_start, tri_keys)
    # work arrays of a word with candidates, allocated once for the sentence (sized for its
    # longest candidate list) instead of once per word
    maxnc = 1
    for k in range(n):
        if kinds[k] == 0 and offs[k + 1] - offs[k] > maxnc:
            maxnc = offs[k + 1] - offs[k]
    group = np.empty(cap, np.int64)
    rep = np.empty(cap, np.int64)
    by_id = np.empty(maxnc, np.int64)
    p2 = np.empty((cap, maxnc), np.float32)
    bpos = np.empty((cap, maxnc), np.int64)  # position of the bigram (v, w) in bi_keys, -1 if absent
    flat = np.empty(cap * maxnc, np.float64)
    canon = np.empty(maxnc, np.int64)
    kbest = np.empty(cap * maxnc, np.int64)
    kept = np.empty(beam, np.int64)
    for k in range(n):
        kind = kinds[k]
        ns = len(v)
        if kind == 2:
            for s in range(ns):
                hist_prev[k, s] = s
            continue
        if kind == 1:
            wid = ids[offs[k]]
            for s in range(ns):
                score[s] = score[s] + _lp_at(u[s], v[s], wid, bi_start, bi_w, complete, bt_lo, bt_hi, tri_start,
                                             bi_keys, bi_lp, bi_bow, uni_lp, uni_bow, tri_keys, tri_lp)
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
            u = nu[keep]
            v = np.full(len(keep), wid, np.uint64)
            score = score[keep]
            m = len(keep)
            sbow = np.empty(m, np.float32)
            stlo = np.empty(m, np.int64)
            sthi = np.empty(m, np.int64)
            for q in range(m):
                sbow[q], stlo[q], sthi[q] = _state_ctx(u[q], v[q], bi_start, bi_w, complete, bi_bow, bt_lo, bt_hi,
                                                       tri_start, tri_keys)
            continue
        lo, hi = offs[k], offs[k + 1]
        nc = hi - lo
        # bigram part of log P(w | u v) (or the unigram backoff), once per distinct v
        ng = 0
        for s in range(ns):
            group[s] = -1
            for q in range(s):
                if v[q] == v[s]:
                    group[s] = group[q]
                    break
            if group[s] < 0:
                group[s] = ng
                rep[ng] = s
                ng += 1
        # candidates in ascending id order: each state's (and each v's) slice of the sorted
        # tables is then walked forward once, a galloping search from the last hit, instead of
        # one binary search of the whole slice per candidate (same entries found)
        _sort_by_id(ids, lo, nc, by_id)
        for g in range(ng):
            vs = v[rep[g]]
            blo, bhi = bi_start[np.intp(vs)], bi_start[np.intp(vs) + 1]
            back = uni_bow[np.intp(vs)]
            p = blo
            for t in range(nc):
                j = by_id[t]
                w = ids[lo + j]
                h = (((vs << b) | w) * _HASH) >> fshift
                if (bi_filt[np.intp(h >> np.uint64(3))] >> np.uint8(h & np.uint64(7))) & np.uint8(1) == 0:
                    p2[g, j] = back + uni_lp[np.intp(w)]
                    bpos[g, j] = -1
                    continue
                w32 = np.uint32(w)
                p = _gallop(bi_w, p, bhi, w32)
                if p < bhi and bi_w[p] == w32:
                    p2[g, j] = bi_lp[p]
                    bpos[g, j] = p
                else:
                    p2[g, j] = back + uni_lp[np.intp(w)]
                    bpos[g, j] = -1
        for s in range(ns):
            bow = sbow[s]
            tlo, thi = stlo[s], sthi[s]
            g = group[s]
            uv = (u[s] << b) | v[s]
            sc = score[s]
            for j in range(nc):  # the backoff estimate, then the trigrams found overwrite theirs
                lm = bow + p2[g, j]
                flat[s * nc + j] = (sc + np.float64(lm)) + np.float64(chan[lo + j])
            if thi - tlo > 4 * nc:  # a long range: a galloping search per candidate
                p = tlo
                for t in range(nc):
                    j = by_id[t]
                    tri = (uv << b) | ids[lo + j]
                    p = _gallop(tri_keys, p, thi, tri)
                    if p < thi and tri_keys[p] == tri:
                        flat[s * nc + j] = (sc + np.float64(tri_lp[p])) + np.float64(chan[lo + j])
            elif thi > tlo:  # a short one (the usual case): one merge of it with the sorted candidates
                p = tlo
                t = 0
                tri = (uv << b) | ids[lo + by_id[0]]
                while p < thi:
                    at = tri_keys[p]
                    if at < tri:
                        p += 1
                        continue
                    if at == tri:  # (p stays: the next candidate may be the same id)
                        j = by_id[t]
                        flat[s * nc + j] = (sc + np.float64(tri_lp[p])) + np.float64(chan[lo + j])
                    t += 1
                    if t == nc:
                        break
                    tri = (uv << b) | ids[lo + by_id[t]]
        col_max = -np.inf
        for j in range(nc):
            best = -np.inf
            for s in range(ns):
                if flat[s * nc + j] > best:
                    best = flat[s * nc + j]
            posts[lo + j] = best
            if best > col_max:
                col_max = best
        _normalise(posts, lo, nc, col_max)
        # The stable sort of -flat walked best first, keeping the first entry of each new state
        # (v, w) up to `beam`, is the same as: each state's best entry (ties: lowest index), the
        # `beam` best of those by (score desc, index asc). That is found here without sorting.
        # canon: one candidate per LM id (a list can hold an id twice)
        for j in range(nc):
            canon[j] = j
            for q in range(j):
                if ids[lo + q] == ids[lo + j]:
                    canon[j] = q
                    break
        for key in range(ng * nc):
            kbest[key] = -1
        for s in range(ns):
            base = group[s] * nc
            for j in range(nc):
                idx = s * nc + j
                key = base + canon[j]
                cur = kbest[key]
                if cur < 0 or flat[idx] > flat[cur]:
                    kbest[key] = idx
        m = 0
        for key in range(ng * nc):
            idx = kbest[key]
            if idx < 0:
                continue
            x = flat[idx]
            if m == beam:
                last = kept[m - 1]
                if not (x > flat[last] or (x == flat[last] and idx < last)):
                    continue
                m -= 1
            q = m
            while q > 0 and (x > flat[kept[q - 1]] or (x == flat[kept[q - 1]] and idx < kept[q - 1])):
                kept[q] = kept[q - 1]
                q -= 1
            kept[q] = idx
            m += 1
        floor = flat[kept[0]] - margin  # states this far below the best are dropped (the config's beam_margin)
        while m > 1 and flat[kept[m - 1]] < floor:
            m -= 1
        nu = np.empty(m, np.uint64)
        nv = np.empty(m, np.uint64)
        nscore = np.empty(m, np.float64)
        nbow = np.empty(m, np.float32)
        ntlo = np.empty(m, np.int64)
        nthi = np.empty(m, np.int64)
        for q in range(m):
            s = kept[q] // nc
            c = kept[q] % nc
            hist_prev[k, q] = s
            hist_cand[k, q] = c
            nu[q] = v[s]
            nv[q] = ids[lo + c]
            nscore[q] = flat[kept[q]]
            # the new context (v, w), from the position of the bigram (v, w) found for its probability
            nbow[q], ntlo[q], nthi[q] = _context(bpos[group[s], c], nu[q], nv[q], complete, bi_bow, bt_lo, bt_hi,
                                                 tri_start, tri_keys)
        u, v, score = nu, nv, nscore
        sbow, stlo, sthi = nbow, ntlo, nthi
    for s in range(len(v)):
        score[s] = score[s] + _lp_at(u[s], v[s], eos, bi_start, bi_w, complete, bt_lo, bt_hi, tri_start, bi_keys,
                                     bi_lp, bi_bow, uni_lp, uni_bow, tri_keys, tri_lp)
    state = int(np.argmax(score))
    choice = np.zeros(n, np.int64)
    for k in range(n - 1, -1, -1):
        choice[k] = hist_cand[k, state]
        state = hist_prev[k, state]
    return choice, posts


def _decode_many(bounds, kinds, offs, ids, chan, bos, eos, beam, margin, bi_start, tri_start, bi_keys, bi_lp, bi_bow,
                 uni_lp, uni_bow, tri_keys, tri_lp, bt_lo, bt_hi, complete, bi_w, bi_filt):
    """_decode of each sentence of a page in one call: sentence s is items bounds[s]:bounds[s+1]
    of the flattened arrays (offs holds every item's start, and one end). One call per page
    instead of one per sentence: the Python side builds one set of arrays."""
    choice = np.zeros(len(kinds), np.int64)
    posts = np.zeros(len(ids), np.float64)
    for s in range(len(bounds) - 1):
        a, b = bounds[s], bounds[s + 1]
        lo, hi = offs[a], offs[b]
        c, p = _decode(kinds[a:b], offs[a:b + 1] - lo, ids[lo:hi], chan[lo:hi], bos, eos, beam, margin, bi_start,
                       tri_start, bi_keys, bi_lp, bi_bow, uni_lp, uni_bow, tri_keys, tri_lp, bt_lo, bt_hi, complete, bi_w,
                       bi_filt)
        choice[a:b] = c
        posts[lo:hi] = p
    return choice, posts


def _two_sided(kinds, offs, ids, chan, choice, forward, sure, floor, bos, eos, temp, bi_start, tri_start, bi_keys, bi_lp,
               bi_bow, uni_lp, uni_bow, tri_keys, tri_lp, bt_lo, bt_hi, complete, bi_w, bi_filt):
    """Per candidate of each word with candidates: its probability given the words chosen on both
    sides, P(c) ∝ exp((chan(c) + log P(c | u2 u1) + log P(n1 | u1 c) + log P(n2 | c n1)) / temp),
    laid out like ids. Each log P is TrigramLM.expand's value.

    Why not the beam's own posterior: the beam only knows the left context when it scores a word,
    so where the words after it decide (stripped 'nam' before a number), the right reading had
    come out at a confidence of 0.01-0.2 and the confidences said little (dev sets: of the changes
    with a forward posterior below 0.7, 76-79 % were right whatever the value). The chosen
    neighbours stand in for the sum over every path; `temp` (the config's confidence_temperature, > 1)
    spreads the probabilities to make up for the neighbours' own uncertainty.

    The look-ups share their searches as the beam's do (a first version calling _lp_at three times
    per candidate cost twice the beam): with the candidates in id order, (u1, c) is walked forward
    through u1's bigram slice, giving term 1's backoff and term 2's context weight, and (u2, u1, c)
    through the one trigram range of (u2, u1); the bigram (c, n1), behind the Bloom filter, gives
    term 2's backoff, term 3's context weight and its trigram range (bt_lo/bt_hi); the bigrams of
    the chosen words ((u2, u1): term 1's context; (n1, n2): term 3's backoff) are looked up once
    per position of the sentence."""
    n = len(kinds)
    b = np.uint64(BITS)
    fshift = np.uint64(64 - BLOOM_BITS)
    posts = np.zeros(len(ids), np.float64)
    chain = np.empty(n + 3, np.uint64)  # bos, bos, the chosen LM token of each item that has one, eos
    where = np.full(n, -1, np.int64)
    chain[0] = bos
    chain[1] = bos
    m = 2
    for k in range(n):
        if kinds[k] == 2:
            continue
        chain[m] = ids[offs[k] + choice[k]] if kinds[k] == 0 else ids[offs[k]]
        where[k] = m
        m += 1
    chain[m] = eos
    m += 1
    # bigram (chain[i-1], chain[i])'s position in the table, or -1 (-2: not looked up yet): a
    # word's left context and its (n1, n2) backoff come from these, one search per position
    cpos = np.full(m, -2, np.int64)
    by_id = np.empty(0, np.int64)
    for k in range(n):
        if kinds[k] != 0:
            continue
        lo, hi = offs[k], offs[k + 1]
        nc = hi - lo
        if forward[lo + choice[k]] >= sure:
            for q in range(nc):
                posts[lo + q] = forward[lo + q]
            continue
        j = where[k]
        u2, u1, n1 = chain[j - 2], chain[j - 1], chain[j + 1]
        third = j + 2 < m
        n2 = chain[j + 2] if third else eos
        for i in (j - 1, j + 2):
            if i < m and cpos[i] == -2:
                cpos[i] = _bigram_at(chain[i - 1], chain[i], bi_start, bi_w)
        if len(by_id) < nc:
            by_id = np.empty(2 * nc, np.int64)
        _sort_by_id(ids, lo, nc, by_id)
        bow1, tlo1, thi1 = _context(cpos[j - 1], u2, u1, complete, bi_bow, bt_lo, bt_hi, tri_start, tri_keys)
        uu = (((u2 << b) | u1) << b)
        blo1, bhi1 = bi_start[np.intp(u1)], bi_start[np.intp(u1) + 1]
        back1 = uni_bow[np.intp(u1)]
        p1 = tlo1
        pb = blo1
        # term 3's backoff bigram (n1, n2), the same for every candidate
        back3 = np.float32(0.0)
        if third:
            back3 = bi_lp[cpos[j + 2]] if cpos[j + 2] >= 0 else uni_bow[np.intp(n1)] + uni_lp[np.intp(n2)]
        top = -np.inf
        for q in range(nc):
            c = by_id[q]
            if forward[lo + c] < floor and c != choice[k]:  # (the chosen reading is always scored)
                posts[lo + c] = -np.inf
                continue
            w = ids[lo + c]
            # (u1, w): in u1's bigram slice, walked forward
            pb = _gallop(bi_w, pb, bhi1, np.uint32(w))
            uw = pb if pb < bhi1 and bi_w[pb] == np.uint32(w) else -1
            # term 1: log P(w | u2 u1)
            l1 = np.float32(0.0)
            hit = False
            if thi1 > tlo1:
                tri = uu | w
                p1 = _gallop(tri_keys, p1, thi1, tri)
                if p1 < thi1 and tri_keys[p1] == tri:
                    l1 = tri_lp[p1]
                    hit = True
            if not hit:
                l1 = bow1 + bi_lp[uw] if uw >= 0 else bow1 + (back1 + uni_lp[np.intp(w)])
            # term 2: log P(n1 | u1 w); the bigram (w, n1) is its backoff and term 3's context
            wn = -1
            h = (((w << b) | n1) * _HASH) >> fshift
            if (bi_filt[np.intp(h >> np.uint64(3))] >> np.uint8(h & np.uint64(7))) & np.uint8(1) != 0:
                wn = _bigram_at(w, n1, bi_start, bi_w)
            bow2, tlo2, thi2 = _context(uw, u1, w, complete, bi_bow, bt_lo, bt_hi, tri_start, tri_keys)
            back2 = bi_lp[wn] if wn >= 0 else uni_bow[np.intp(w)] + uni_lp[np.intp(n1)]
            l2 = _in_range(tri_keys, tri_lp, tlo2, thi2, (((u1 << b) | w) << b) | n1, bow2 + back2)
            x = np.float64(chan[lo + c]) + np.float64(l1)
            x += np.float64(l2)
            if third:  # term 3: log P(n2 | w n1)
                bow3, tlo3, thi3 = _context(wn, w, n1, complete, bi_bow, bt_lo, bt_hi, tri_start, tri_keys)
                x += np.float64(_in_range(tri_keys, tri_lp, tlo3, thi3, (((w << b) | n1) << b) | n2, bow3 + back3))
            x /= temp
            posts[lo + c] = x
            if x > top:
                top = x
        _normalise(posts, lo, nc, top)
    return posts


def _two_sided_many(bounds, kinds, offs, ids, chan, choice, forward, sure, floor, bos, eos, temp, bi_start, tri_start,
                    bi_keys, bi_lp, bi_bow, uni_lp, uni_bow, tri_keys, tri_lp, bt_lo, bt_hi, complete, bi_w, bi_filt):
    """_two_sided of each sentence of a page (laid out as for _decode_many; choice: its result)."""
    posts = np.zeros(len(ids), np.float64)
    for s in range(len(bounds) - 1):
        a, b = bounds[s], bounds[s + 1]
        lo, hi = offs[a], offs[b]
        posts[lo:hi] = _two_sided(kinds[a:b], offs[a:b + 1] - lo, ids[lo:hi], chan[lo:hi], choice[a:b], forward[lo:hi],
                                  sure, floor, bos, eos, temp, bi_start, tri_start, bi_keys, bi_lp, bi_bow, uni_lp, uni_bow,
                                  tri_keys, tri_lp, bt_lo, bt_hi, complete, bi_w, bi_filt)
    return posts


if _AOT is not None:
    _decode_many, _bigram_tri_ranges, bloom = _AOT.decode_many, _AOT.bigram_tri_ranges, _AOT.bloom
    _two_sided_many = _AOT.two_sided
else:
    _lp_ranged = njit(cache=True)(_lp_ranged)
    _bigram_at = njit(cache=True)(_bigram_at)
    _tri_range = njit(cache=True)(_tri_range)
    _lp_at = njit(cache=True)(_lp_at)
    _gallop = njit(cache=True)(_gallop)
    bloom = njit(cache=True, nogil=True)(_bloom)
    _state_ctx = njit(cache=True)(_state_ctx)
    _normalise = njit(cache=True)(_normalise)
    _sort_by_id = njit(cache=True)(_sort_by_id)
    # called per candidate: inlined, not called
    _context = njit(cache=True, inline="always")(_context)
    _in_range = njit(cache=True, inline="always")(_in_range)
    _bigram_tri_ranges = njit(cache=True, nogil=True)(_bigram_tri_ranges)
    _decode = njit(cache=True)(_decode)
    _decode_many = njit(cache=True)(_decode_many)
    _two_sided = njit(cache=True)(_two_sided)
    _two_sided_many = njit(cache=True)(_two_sided_many)
