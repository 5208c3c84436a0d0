"""The character-channel DP of charmodel.score_many over candidates given as rows of an encoded
syllable table, and the candidate list's other compiled steps (pool union, mixture, selection,
the inventory's deletion-index search); kernels only, loaded as beam_jit's are.

Why: a first pass over a new page scores ~100-200 pooled syllables for each distinct token; the
numpy DP (one array operation per letter) spent its time on call overhead and on re-encoding the
candidate strings. Here the candidates are ids into a table encoded once (`enc`, padded rows of
charmodel character ids, `lens`), and one compiled loop does the DP. Same arithmetic in the same
order as score_many (float64, the same 1e9 stand-in for 'unreachable', the same padding of short
rows to the longest row of the batch), so the scores are bit-identical (tests/test_diacritics_oracle.py
holds the numpy versions the tests compare with).
"""

from __future__ import annotations

import numpy as np

from vnresolve.diacritics import aot

_AOT = aot.kernels()  # the kernels built ahead of time (aot.py), or None
njit = aot.jit()  # numba's, where that module is not in use (then numba is never imported)

BIG = 1e9


def _relax(prev, row, d, s1, s2, c, m):
    """One row of the channel DP: intended character c (a row of s1/s2) emits nothing (cost d),
    one observed character or two; row[j] = cheapest way to have produced o[:j]."""
    for j in range(m + 1):
        best = prev[j] + d
        if j >= 1:
            x = prev[j - 1] + s1[c, j - 1]
            if x < best:
                best = x
        if j >= 2:
            x = prev[j - 2] + s2[c, j - 1]
            if x < best:
                best = x
        row[j] = best


def _score_rows(enc, lens, rows, dele, s1, s2, m):
    """-(DP cost) for each candidate row; dele[c], s1[c, j], s2[c, j] as built by score_many."""
    k = len(rows)
    out = np.empty(k, np.float64)
    longest = 0
    for r in range(k):
        if lens[rows[r]] > longest:
            longest = lens[rows[r]]
    prev = np.empty(m + 1, np.float64)
    row = np.empty(m + 1, np.float64)
    for r in range(k):
        t = rows[r]
        n = lens[t]
        prev[0] = 0.0
        for j in range(1, m + 1):
            prev[j] = BIG
        for i in range(longest):
            if i < n:
                c = enc[t, i]
                _relax(prev, row, dele[c], s1, s2, c, m)
            else:  # padding: deleting nothing costs 0, emitting anything costs BIG (as in score_many)
                for j in range(m + 1):
                    best = prev[j] + 0.0
                    if j >= 1:
                        x = prev[j - 1] + BIG
                        if x < best:
                            best = x
                    if j >= 2:
                        x = prev[j - 2] + BIG
                        if x < best:
                            best = x
                    row[j] = best
            for j in range(m + 1):
                prev[j] = row[j]
        out[r] = -prev[m]
    return out


if _AOT is not None:
    score_rows = _AOT.score_rows
else:
    _relax = njit(cache=True, nogil=True)(_relax)  # rebound before the callers compile, so they inline it
    score_rows = njit(cache=True, nogil=True)(_score_rows)



def _distance(a, b, nb):
    """Levenshtein distance between code arrays a and b[:nb]."""
    na = len(a)
    prev = np.empty(nb + 1, np.int64)
    row = np.empty(nb + 1, np.int64)
    for j in range(nb + 1):
        prev[j] = j
    for i in range(1, na + 1):
        row[0] = i
        for j in range(1, nb + 1):
            best = prev[j - 1] + (0 if a[i - 1] == b[j - 1] else 1)
            if prev[j] + 1 < best:
                best = prev[j] + 1
            if row[j - 1] + 1 < best:
                best = row[j - 1] + 1
            row[j] = best
        for j in range(nb + 1):
            prev[j] = row[j]
    return prev[nb]


def _probe(codes, skip1, skip2, depth, var_keys, var_ids, key_codes, key_lens, seen, out, count, touched, nt):
    packed = np.uint64(0)
    for i in range(len(codes)):
        if i != skip1 and i != skip2:
            packed = (packed << np.uint64(5)) | np.uint64(codes[i])
    p = np.searchsorted(var_keys, packed)
    while p < len(var_keys) and var_keys[p] == packed:
        k = var_ids[p]
        p += 1
        if seen[k]:
            continue
        seen[k] = True
        touched[nt] = k
        nt += 1
        if _distance(codes, key_codes[k], key_lens[k]) <= depth:
            out[count] = k
            count += 1
    return count, nt


def _keys_near(codes, depth, var_keys, var_ids, key_codes, key_lens, seen):
    """Inventory keys within Levenshtein distance `depth` of a folded token, found as
    Inventory.keys_near finds them: the token's deletion variants (up to `depth` letters
    dropped) looked up among the keys' variants (var_keys sorted, var_ids the key of each),
    each key met checked by the distance itself. Strings are 5-bit letter codes (1-26 for a-z,
    31 for any other character, which no key holds), packed into a uint64 for the lookup.
    `seen` (a flag per key, all False) is left all False again."""
    n = len(codes)
    out = np.empty(len(seen), np.int64)
    touched = np.empty(len(seen), np.int64)
    count, nt = _probe(codes, -1, -1, depth, var_keys, var_ids, key_codes, key_lens, seen, out, 0, touched, 0)
    for i in range(n):
        count, nt = _probe(codes, i, -1, depth, var_keys, var_ids, key_codes, key_lens, seen, out, count, touched, nt)
        if depth >= 2:
            for j in range(i + 1, n):
                count, nt = _probe(codes, i, j, depth, var_keys, var_ids, key_codes, key_lens, seen, out, count,
                                   touched, nt)
    for t in range(nt):
        seen[touched[t]] = False
    return out[:count]


def _union(rows):
    """np.unique of an int64 array (sorted, duplicates dropped)."""
    r = np.sort(rows)
    n = 0
    for i in range(len(r)):
        if i == 0 or r[i] != r[i - 1]:
            r[n] = r[i]
            n += 1
    return r[:n]


def _select(logp, key, keep_max, margin):
    """Indices of what candidates.py keeps of a scored pool, best first: logp > -600, within
    `margin` of the best of those, then the first keep_max by key descending, ties in index
    order (the stable sort of -key)."""
    n = len(logp)
    idx = np.empty(n, np.int64)
    c = 0
    best = -np.inf
    for i in range(n):
        if logp[i] > -600.0:
            idx[c] = i
            c += 1
            if logp[i] > best:
                best = logp[i]
    thr = best - margin
    sel = np.empty(c, np.int64)
    k = 0
    for t in range(c):
        if logp[idx[t]] >= thr:
            sel[k] = idx[t]
            k += 1
    neg = np.empty(k, np.float64)
    for t in range(k):
        neg[t] = -key[sel[t]]
    order = np.argsort(neg, kind="mergesort")[:keep_max]
    return sel[:k][order]


def _mix_probs(e, rows, tab_rows, tab_exp, w_char, w_tab, ocr, clean, obs_row, strip, strip_ids, obs_key):
    """The channel mixture of candidates.py per pooled row, floored at 1e-300 (log is taken by
    the caller): ocr * (w_char * e + w_tab * exp(table cost), the second term where the row has
    a whole-form table entry) + clean where the row is the token itself + strip where it strips
    to it. e = exp(character-model score); tab_rows (sorted, all among rows) / tab_exp = exp of
    their table costs. The same float64 operations in the same order as the numpy expression
    (terms that are exactly +0.0 are not added: x + 0.0 == x for these x >= 0)."""
    n = len(rows)
    p = np.empty(n, np.float64)
    t = 0
    nt = len(tab_rows)
    for i in range(n):
        x = w_char * e[i]
        if t < nt and tab_rows[t] == rows[i]:
            x = x + w_tab * tab_exp[t]
            t += 1
        x = ocr * x
        if clean != 0.0 and rows[i] == obs_row:
            x = x + clean * 1.0
        if strip != 0.0 and strip_ids[rows[i]] == obs_key:
            x = x + strip * 1.0
        p[i] = x if x > 1e-300 else 1e-300
    return p


def _select_prior(logp, rows, prior, weight, keep_max, margin):
    """select(logp, logp + weight * prior[rows], keep_max, margin)."""
    key = np.empty(len(rows), np.float64)
    for i in range(len(rows)):
        key[i] = logp[i] + weight * prior[rows[i]]
    return select(logp, key, keep_max, margin)


def _add_marks(p, rows, strip_ids, key, tone, spelling, shapes, shaped, probs, to, bo, no, obs_row, clean):
    """p[i] = max(p[i] + clean * q, 1e-300) for each row with the token's bare letters (strip_ids
    of the row == key), in place, q its mark-channel probability (marks.py): probs[intended tone,
    observed tone, tone on a shaped vowel, shape change], 0 for the token's own row. The row's
    marks.signature comes as arrays (tone, spelling id, shape marks, shaped), the token's as
    (to, bo, no); the same float64 operations as MarkChannel.probs_for and its sum in
    CandidateGenerator.channel_many. Returns how many rows it added to."""
    n = 0
    for i in range(len(rows)):
        r = rows[i]
        if strip_ids[r] != key:
            continue
        n += 1
        q = 0.0
        if r != obs_row:
            ni = shapes[r]
            change = 0 if spelling[r] == bo else 1 if ni > no else 2 if ni < no else 3  # SAME, LOST, GAINED, CHANGED
            q = probs[((tone[r] * 6 + to) * 2 + shaped[r]) * 4 + change]  # probs as marks.SHAPE (6, 6, 2, 4)
        x = p[i] + clean * q
        p[i] = x if x > 1e-300 else 1e-300
    return n


def _union_many(rows, rb):
    """union of each token's rows[rb[t]:rb[t + 1]]: the results one after another, and where each starts."""
    out = np.empty(len(rows), np.int64)
    ob = np.zeros(len(rb), np.int64)
    n = 0
    for t in range(len(rb) - 1):
        u = union(rows[rb[t]:rb[t + 1]])
        out[n:n + len(u)] = u
        n += len(u)
        ob[t + 1] = n
    return out[:n], ob


def _score_rows_many(enc, lens, rows, rb, dele, s1, s2, cb):
    """score_rows of each token of a batch: token t's rows are rows[rb[t]:rb[t + 1]], its cost
    columns s1[:, cb[t]:cb[t + 1]] and s2's (one matrix for the batch); the scores laid out like rows."""
    out = np.empty(len(rows), np.float64)
    for t in range(len(rb) - 1):
        a, b = rb[t], rb[t + 1]
        if b > a:
            out[a:b] = score_rows(enc, lens, rows[a:b], dele, np.ascontiguousarray(s1[:, cb[t]:cb[t + 1]]),
                                  np.ascontiguousarray(s2[:, cb[t]:cb[t + 1]]), cb[t + 1] - cb[t])
    return out


def _mix_probs_many(e, rows, rb, tab_rows, tab_exp, tb, w_char, w_tab, ocr, clean, obs_row, strip, strip_ids, obs_key,
                    mark_key, tone, spelling, shapes, shaped, probs, to, bo, no):
    """mix_probs of each token of a batch (laid out as for score_rows_many; token t's table entries
    are tab_rows/tab_exp[tb[t]:tb[t + 1]], its scalars the t-th of ocr ... obs_key), then add_marks
    where mark_key[t] >= 0 (the key of its bare letters; -1: no mark term)."""
    p = np.empty(len(rows), np.float64)
    for t in range(len(rb) - 1):
        a, b = rb[t], rb[t + 1]
        q = mix_probs(e[a:b], rows[a:b], tab_rows[tb[t]:tb[t + 1]], tab_exp[tb[t]:tb[t + 1]], w_char, w_tab, ocr[t],
                      clean[t], obs_row[t], strip[t], strip_ids, obs_key[t])
        if mark_key[t] >= 0:
            add_marks(q, rows[a:b], strip_ids, mark_key[t], tone, spelling, shapes, shaped, probs, to[t], bo[t], no[t],
                      obs_row[t], clean[t])
        p[a:b] = q
    return p


def _score_self_many(dele, s1, s2, at, cb):
    """score_self of each token of a batch on its own cost columns s1/s2[:, cb[t]:cb[t + 1]], its
    character ids at[cb[t]:cb[t + 1]]."""
    out = np.empty(len(cb) - 1, np.float64)
    for t in range(len(cb) - 1):
        a, b = cb[t], cb[t + 1]
        out[t] = score_self(dele, np.ascontiguousarray(s1[:, a:b]), np.ascontiguousarray(s2[:, a:b]), at[a:b])
    return out


def _select_prior_many(logp, rows, rb, prior, weight, keep_max, margin):
    """select_prior of each token of a batch (laid out as for score_rows_many): the kept indices,
    each token's relative to its first row, one token's after another's, and where each token's start."""
    out = np.empty(len(rows), np.int64)
    ob = np.zeros(len(rb), np.int64)
    n = 0
    for t in range(len(rb) - 1):
        a, b = rb[t], rb[t + 1]
        order = select_prior(logp[a:b], rows[a:b], prior, weight, keep_max, margin)
        out[n:n + len(order)] = order
        n += len(order)
        ob[t + 1] = n
    return out[:n], ob


def _score_self(dele, s1, s2, at):
    """charmodel.CharModel.score of a token as the reading of itself, given the costs per intended
    character c: dele[c], s1[c, j] = cost(c, o[j]), s2[c, j] = cost(c, o[j-1:j+1]) (BIG at j = 0),
    the token's characters being the rows `at` (its character ids: the cost tables read in place;
    or 0..n-1 of tables built for it); the same DP, with BIG for an unreachable cell where score
    has inf."""
    m = s1.shape[1]
    prev = np.empty(m + 1, np.float64)
    row = np.empty(m + 1, np.float64)
    prev[0] = 0.0
    for j in range(1, m + 1):
        prev[j] = BIG
    for i in range(len(at)):
        _relax(prev, row, dele[at[i]], s1, s2, at[i], m)
        for j in range(m + 1):
            prev[j] = row[j]
    return -prev[m]


if _AOT is not None:
    union, select, keys_near = _AOT.union, _AOT.select, _AOT.keys_near
    mix_probs, select_prior = _AOT.mix_probs, _AOT.select_prior
    add_marks, score_self = _AOT.add_marks, _AOT.score_self
    score_rows_many, mix_probs_many = _AOT.score_rows_many, _AOT.mix_probs_many
    select_prior_many, score_self_many = _AOT.select_prior_many, _AOT.score_self_many
    union_many = _AOT.union_many
else:
    union = njit(cache=True, nogil=True)(_union)
    select = njit(cache=True, nogil=True)(_select)
    keys_near = njit(cache=True, nogil=True)(_keys_near)
    _distance = njit(cache=True)(_distance)
    _probe = njit(cache=True)(_probe)
    mix_probs = njit(cache=True, nogil=True)(_mix_probs)
    select_prior = njit(cache=True, nogil=True)(_select_prior)
    add_marks = njit(cache=True, nogil=True)(_add_marks)
    score_self = njit(cache=True, nogil=True)(_score_self)
    score_rows_many = njit(cache=True, nogil=True)(_score_rows_many)
    mix_probs_many = njit(cache=True, nogil=True)(_mix_probs_many)
    select_prior_many = njit(cache=True, nogil=True)(_select_prior_many)
    score_self_many = njit(cache=True, nogil=True)(_score_self_many)
    union_many = njit(cache=True, nogil=True)(_union_many)
