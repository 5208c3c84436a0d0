"""The restorer's fast paths against the plain computations they replace, kept here as oracles:
the compiled kernels (beam_jit.py, cand_jit.py) against numpy and string versions (the same search,
the same floats, the same order), and the caches, search shortcuts and objects built without
__init__ against what they stand for. The runtime has only the fast paths. Speed itself is
measured by `python -m benchmarks restoration`, not here."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from rapidfuzz.distance import Levenshtein

from vnresolve.diacritics import beam_jit, cand_jit
from vnresolve.diacritics.candidates import BATCH_TOKENS, FAR_BELOW, FAR_FLOOR
from vnresolve.diacritics.charmodel import _ALPHABET, dp_rows, score_many
from vnresolve.diacritics.inventory import fold
from vnresolve.diacritics.lm import BITS
from vnresolve.diacritics.marks import signature
from vnresolve.diacritics.mixture import Mixture
from vnresolve.diacritics.ngram import NgramRestorer
from vnresolve.diacritics.vntext import strip_accents
from fixtures.documents import OCR_SAMPLE as TEXT

# written for these tests: clean, accent-stripped and English-model-OCR-style words
MIXES = [Mixture(0.0, 0.0, 1.0), Mixture(0.0, 0.99, 0.01), Mixture(0.9, 0.05, 0.05), Mixture(0.4, 0.02, 0.58)]


@pytest.fixture(scope="module")
def restorer():
    return NgramRestorer()


@pytest.fixture(scope="module")
def pool_file():
    """The model's candidate pools as stored: {form: row of the table}, the LM-id table."""
    import json

    from vnresolve.diacritics.config import MODEL_DIR

    forms = json.loads((MODEL_DIR / "pool_obs.json").read_text(encoding="utf-8"))
    return {obs: k for k, obs in enumerate(forms)}, np.load(MODEL_DIR / "pool_ids.npy")


def tokens() -> list[str]:
    out = sorted({w.lower() for w in re.findall(r"[^\s.,;:()-]+", TEXT)})
    # and their one-letter edits, for a few hundred varied tokens
    extra = {w[:i] + w[i + 1:] for w in out if len(w) > 2 for i in range(len(w))}
    # and tokens damaged beyond the key radius, which search one edit further (vườn, tố; a foreign word)
    extra |= {"vutdm", "wd", "rnimg", "castor"}
    return out + sorted(extra - set(out))


# ---- the beam ----------------------------------------------------------------------------------
def numpy_decode(r: NgramRestorer, sent: list, sides: bool = True):
    """Chosen option per item (beam search over the LM's context states) and, per Slot, a forward
    posterior over its options (what the left context and the channel say about it) and the
    two-sided probabilities (numpy_two_sided): decoder.Result of one sentence."""
    cfg, lm = r.config, r.lm
    bos, eos = r.decoder.bos, r.decoder.eos
    b = np.uint64(BITS)
    u = np.array([bos], np.uint64)
    v = np.array([bos], np.uint64)
    score = np.zeros(1, np.float64)
    history: list[tuple[np.ndarray, np.ndarray] | None] = []
    posts: list[np.ndarray | None] = []
    for item in sent:
        if isinstance(item, int) or len(item.ids) <= 1:
            if isinstance(item, int) or len(item.ids) == 1:
                wid = np.uint64(item) if isinstance(item, int) else item.ids[0]
                score = score + lm.expand(u, v, np.array([wid], np.uint64))[:, 0]
                u, v = v, np.full_like(v, wid)
                if len(v) > 1:  # states that differ only in the word leaving the context merge
                    best = np.lexsort((-score, u))
                    _, first = np.unique(u[best], return_index=True)
                    if len(first) < len(u):
                        keep = best[first]
                        keep = keep[np.argsort(-score[keep], kind="stable")]
                        history.append((keep, np.zeros(len(keep), np.int64)))
                        posts.append(None)
                        u, v, score = u[keep], v[keep], score[keep]
                        continue
            history.append(None)
            posts.append(None)
            continue
        ids, chan = item.ids, item.chan
        total = score[:, None] + lm.expand(u, v, ids) + chan[None, :]
        col = total.max(axis=0)
        post = np.exp(col - col.max())
        posts.append(post / post.sum())
        flat = total.ravel()
        nc = len(ids)
        state_key = (np.repeat(v, nc) << b) | np.tile(ids, len(v))
        order = np.argsort(-flat, kind="stable")
        _, first = np.unique(state_key[order], return_index=True)
        keep = order[np.sort(first)[:cfg.beam]]
        keep = keep[flat[keep] >= flat[keep[0]] - cfg.beam_margin]
        prev_state, cand = keep // nc, keep % nc
        u, v, score = v[prev_state], ids[cand], flat[keep]
        history.append((prev_state, cand))
    score = score + lm.expand(u, v, np.array([eos], np.uint64))[:, 0]
    state = int(np.argmax(score))
    choice: list[int] = []
    for h in reversed(history):
        if h is None:
            choice.append(0)
            continue
        prev_state, cand = h
        choice.append(int(cand[state]))
        state = int(prev_state[state])
    choice.reverse()
    return choice, posts, numpy_two_sided(r, sent, choice, posts) if sides else posts


def numpy_two_sided(r: NgramRestorer, sent: list, choice: list[int], forward: list) -> list[np.ndarray | None]:
    """beam_jit._two_sided for one sentence, on the LM's numpy look-ups (the same floats): each
    Slot's probabilities given the readings chosen on both sides."""
    cfg, lm = r.config, r.lm
    bos, eos = r.decoder.bos, r.decoder.eos
    chain = [np.uint64(bos), np.uint64(bos)]
    where: dict[int, int] = {}
    for k, item in enumerate(sent):
        if isinstance(item, int):
            chain.append(np.uint64(item))
        elif len(item.ids) == 1:
            chain.append(item.ids[0])
        elif len(item.ids) > 1:
            where[k] = len(chain)
            chain.append(item.ids[choice[k]])
    chain = np.array(chain + [eos], np.uint64)
    posts: list[np.ndarray | None] = [None] * len(sent)
    for k, j in where.items():
        if forward[k][choice[k]] >= cfg.confidence_sure:
            posts[k] = forward[k]
            continue
        ids, n = sent[k].ids, len(sent[k].ids)
        x = sent[k].chan.astype(np.float64)
        x = x + lm.expand(chain[j - 2:j - 1], chain[j - 1:j], ids)[0].astype(np.float64)
        x += lm.expand(np.full(n, chain[j - 1], np.uint64), ids, chain[j + 1:j + 2])[:, 0].astype(np.float64)
        if j + 2 < len(chain):
            x += lm.expand(ids, np.full(n, chain[j + 1], np.uint64), chain[j + 2:j + 3])[:, 0].astype(np.float64)
        x /= cfg.confidence_temperature
        low = forward[k] < cfg.confidence_floor
        low[choice[k]] = False  # the chosen reading is always scored
        x[low] = -np.inf
        p = np.exp(x - x.max())
        posts[k] = p / p.sum()
    return posts


@pytest.mark.parametrize("name", ["default", "adaptive"])
def test_compiled_and_numpy_beams_agree(name, monkeypatch):
    """The compiled beam is a speed-up only: same restorations, same confidences, in both passes."""
    r = NgramRestorer(second_pass=name == "adaptive")
    texts = [strip_accents("Ủy ban nhân dân tỉnh ban hành kế hoạch thực hiện chương trình phát triển kinh tế."),
             strip_accents("Các cơ quan, đơn vị có trách nhiệm báo cáo kết quả thực hiện trước ngày 15 tháng 12."),
             "Nghi quyét Pai hoi Pang bd tinh lan thir XV da x4c dinh cac muc tiéu chu yéu, ctia Nhén dan.",
             "Ban Chép hanh Pang bd huyén hop phién thu 5; so 57-NQ/TW, 120 triéu USD. HDND va UBND tinh.",
             TEXT]
    compiled = [r.restore(t) for t in texts]
    monkeypatch.setattr(r.decoder, "decode_all", lambda sents, sides=True: [numpy_decode(r, s, sides) for s in sents])
    ref = [r.restore(t) for t in texts]
    for a, b in zip(compiled, ref):
        assert a.text == b.text
        assert [(c.start, c.restored, c.alternatives) for c in a.changes] == \
            [(c.start, c.restored, c.alternatives) for c in b.changes]
        assert all(abs(c.confidence - d.confidence) < 1e-9 for c, d in zip(a.changes, b.changes))


def numpy_bloom(keys, bits):
    """beam_jit._bloom in numpy: bit h(key) set for every key, little-endian packed."""
    with np.errstate(over="ignore"):
        h = (np.asarray(keys, np.uint64) * beam_jit._HASH) >> np.uint64(64 - bits)
    flags = np.zeros(1 << bits, np.uint8)
    flags[h.astype(np.intp)] = 1
    return np.packbits(flags, bitorder="little")


def test_bloom_filter_compiled_equals_numpy_and_holds_every_key(restorer):
    """beam_jit.bloom sets the bits numpy_bloom sets; every bigram key's bit is set (a clear bit
    must mean 'absent', or the beam would miss a bigram)."""
    keys = restorer.lm.bi_keys
    got = beam_jit.bloom(keys, beam_jit.BLOOM_BITS)
    np.testing.assert_array_equal(got, numpy_bloom(keys, beam_jit.BLOOM_BITS))
    with np.errstate(over="ignore"):
        h = (keys * beam_jit._HASH) >> np.uint64(64 - beam_jit.BLOOM_BITS)
    assert np.unpackbits(got, bitorder="little")[h.astype(np.intp)].all()
    small = np.array([1, 5, 1 << 40], np.uint64)
    np.testing.assert_array_equal(beam_jit.bloom(small, 10), numpy_bloom(small, 10))


# ---- the candidate list ------------------------------------------------------------------------
def string_candidates(r: NgramRestorer, obs: str, mix: Mixture, pools: tuple) -> list[tuple[str, float]]:
    """CandidateGenerator._candidates_many on strings, one token: the pool as a set of syllables, scored by
    channel_many, pruned and sorted by channel + prior (ties: the syllable); pools as pool_file."""
    gen, cfg = r.gen, r.config
    pool: set[str] = set(gen.words.get(obs, ()))
    folded = fold(obs)
    if mix.ocr > 0.5:
        pre = None
        k = pools[0].get(obs)
        if k is not None:
            pre = [r.lm.vocab[i] for i in pools[1][k].tolist() if i >= 0]
        if pre is not None:  # narrowed at train time; identity and same-key syllables added back
            pool.update(pre)
            pool.update(gen.inventory.by_key.get(strip_accents(obs), ()))
        else:
            pool.update(gen.ocr_pool(obs))
    else:
        pool.update(gen.inventory.by_key.get(folded, ()))
        pool.update(gen.inventory.by_key.get(strip_accents(obs), ()))
    scored = gen.channel_many(obs, sorted(pool), mix)
    near_best = max((c for _, c in scored), default=-math.inf)
    if mix.ocr > 0.5 and pre is None and near_best < FAR_BELOW:  # damaged beyond the key radius: one edit further
        depth = 3 if len(folded) >= 3 else 2  # one edit beyond keys_near's radius
        far = [k for k in gen.inventory.by_key if 2 <= len(folded) <= 9 and Levenshtein.distance(folded, k) <= depth]
        wide = gen.channel_many(obs, sorted(pool.union(*(gen.inventory.by_key[k] for k in far))), mix)
        wide_best = max((c for _, c in wide), default=-math.inf)
        if wide_best >= FAR_FLOOR and wide_best > near_best:
            scored = wide
    if scored:
        best = max(c for _, c in scored)
        scored = [x for x in scored if x[1] >= best - cfg.prune_margin]
    scored.sort(key=lambda x: (-(x[1] + cfg.prior_weight * gen.unigram.get(x[0], -20.0)), x[0]))
    return scored[:cfg.max_candidates]


def test_row_candidates_equal_string_candidates(restorer, pool_file):
    gen = restorer.gen
    toks = tokens()
    assert len(toks) > 300
    for mix in MIXES:  # each mixture's tokens as one batch, as a page's new tokens are made
        got = gen._candidates_many([(tok, mix) for tok in toks])
        assert len(got) == len(toks)
        for tok, (out, rows) in zip(toks, got):
            assert out == string_candidates(restorer, tok, mix, pool_file), (tok, mix)
            assert [gen._arrays.names[r] for r in rows.tolist()] == [s for s, _c in out]


def test_a_huge_page_of_new_tokens_is_prefetched_in_bounded_batches(restorer, monkeypatch):
    """prefetch() holds a batch's pools and cost columns at once (~1,000 rows a token once the far
    search has widened it): a page of more new tokens than BATCH_TOKENS (a one-line text dump of
    OCR garbage) is made in batches of at most that many, and each token gets the list it gets alone."""
    rng = np.random.default_rng(4)
    letters = list("abcdeghiklmnopqrstuvxyđ")
    toks = sorted({"".join(rng.choice(letters, rng.integers(3, 8))) for _ in range(BATCH_TOKENS * 2 + 300)})
    assert len(toks) > 2 * BATCH_TOKENS
    mix = Mixture(0.0, 0.01, 0.99)  # OCR: the far search widens the pools
    gen = NgramRestorer().gen
    sizes = []
    many = gen._candidates_many
    monkeypatch.setattr(gen, "_candidates_many", lambda keys: sizes.append(len(keys)) or many(keys))
    gen.prefetch([(tok, mix) for tok in toks])
    # (one-token batches: a b-initial token's p-twin, _b_for_d)
    assert [n for n in sizes if n > 1] == [BATCH_TOKENS, BATCH_TOKENS, len(toks) - 2 * BATCH_TOKENS], sizes
    for tok in toks:
        assert gen.candidates(tok, mix) == restorer.gen.candidates(tok, mix), tok


def test_restore_is_the_same_on_string_candidates(monkeypatch, pool_file):
    """A whole restoration with every candidate list made on strings, the token's own score
    by CharModel.score, reads the same."""
    fast, slow = NgramRestorer(), NgramRestorer()
    gen = slow.gen
    monkeypatch.setattr(gen, "_candidates_many",
                        lambda keys: [(string_candidates(slow, obs, mix, pool_file), None) for obs, mix in keys])
    monkeypatch.setattr(gen, "_self_score", lambda obs: gen.chars.score(obs, obs))
    monkeypatch.setattr(gen, "_row_lmid", None)  # LM ids looked up per string (candidate_ids)
    a, b = fast.restore(TEXT), slow.restore(TEXT)
    assert a.text == b.text and a.changes == b.changes


def numpy_score_rows(enc, lens, rows, dele, s1, s2, m):
    """cand_jit.score_rows vectorised over candidates with numpy (score_many's loop on encoded rows)."""
    if len(rows) == 0:
        return np.zeros(0)
    pad = len(dele)
    longest = int(lens[rows].max())
    T = np.full((len(rows), longest), pad, np.int64)
    sub = enc[rows, :longest]
    mask = np.arange(longest)[None, :] < lens[rows][:, None]
    T[mask] = sub[mask]
    dele_p = np.append(dele, 0.0)
    s1_p = np.vstack([s1, np.full((1, m), cand_jit.BIG)])
    s2_p = np.vstack([s2, np.full((1, m), cand_jit.BIG)])
    return dp_rows(T, dele_p, s1_p, s2_p, m)


def test_compiled_dp_equals_numpy_dp(restorer):
    gen = restorer.gen
    a = gen._arrays
    rng = np.random.default_rng(0)
    toks = tokens()[:200]
    pools = [np.unique(rng.integers(0, len(a.names), 150)) for _ in toks]
    pools[3] = pools[3][:0]  # a token with no rows in the batch
    costs = [gen._obs_costs(tok) for tok in toks]
    cols = np.cumsum([0] + [len(tok) for tok in toks])
    # the batch: every token's rows and cost columns side by side
    batch = cand_jit.score_rows_many(a.enc, a.lens, np.concatenate(pools), np.cumsum([0] + [len(r) for r in pools]),
                                     costs[0][0], np.hstack([c[1] for c in costs]), np.hstack([c[2] for c in costs]),
                                     cols)
    at = 0
    for tok, rows, (dele, s1, s2) in zip(toks, pools, costs):
        fast = cand_jit.score_rows(a.enc, a.lens, rows, dele, s1, s2, len(tok))
        np.testing.assert_array_equal(batch[at:at + len(rows)], fast)
        at += len(rows)
        np.testing.assert_array_equal(fast, numpy_score_rows(a.enc, a.lens, rows, dele, s1, s2, len(tok)))
        np.testing.assert_array_equal(fast, score_many(gen.chars, [a.names[r] for r in rows], tok))
    assert at == len(batch)
    # each token's score as its own reading, from the same batch of cost columns
    plain = [tok for tok in toks if all(c in _ALPHABET for c in tok)]
    assert len(plain) > 150
    costs = [gen._obs_costs(tok) for tok in plain]
    ids = [np.array([_ALPHABET[c] for c in tok], np.int64) for tok in plain]
    selves = cand_jit.score_self_many(costs[0][0], np.hstack([c[1] for c in costs]), np.hstack([c[2] for c in costs]),
                                      np.concatenate(ids), np.cumsum([0] + [len(tok) for tok in plain]))
    for tok, x, (dele, s1, s2), at in zip(plain, selves.tolist(), costs, ids):
        assert x == cand_jit.score_self(dele, s1, s2, at), tok
        assert (x if x > -cand_jit.BIG / 10 else -math.inf) == gen.chars.score(tok, tok), tok


def numpy_mix_probs(e, rows, tab_rows, tab_exp, w_char, w_tab, ocr, clean, obs_row, strip, strip_ids, obs_key):
    """cand_jit.mix_probs as numpy expressions."""
    if len(tab_rows):
        tab = np.zeros(len(rows))
        tab[np.searchsorted(rows, tab_rows)] = tab_exp
        p_ocr = w_char * e + w_tab * tab
    else:
        p_ocr = w_char * e
    p = ocr * p_ocr
    if clean:
        p += clean * (rows == obs_row)
    if strip:
        p += strip * (strip_ids[rows] == obs_key)
    return np.maximum(p, 1e-300)


def numpy_select(logp, key, keep_max, margin):
    """cand_jit.select with numpy: > -600, within margin of the best, the first keep_max by key."""
    ok = np.flatnonzero(logp > -600)
    if len(ok):
        ok = ok[logp[ok] >= logp[ok].max() - margin]
    return ok[np.argsort(-key[ok], kind="stable")[:keep_max]]


def test_compiled_mixture_and_selection_equal_numpy(restorer):
    """cand_jit.mix_probs / select / select_prior give the floats and the order of the numpy
    expressions, on the pools of many tokens and mixtures."""
    gen = restorer.gen
    a = gen._arrays
    rng = np.random.default_rng(2)
    checked = 0
    for mix in MIXES:
        for tok in tokens()[:250]:
            table = gen._table_rows(tok)
            rows = np.unique(np.concatenate([rng.integers(0, len(a.names), 120)] + ([table[0]] if table else [])))
            e = np.exp(cand_jit.score_rows(a.enc, a.lens, rows, *gen._obs_costs(tok), len(tok)))
            tr, tc = (table[0], table[1]) if table else (np.zeros(0, np.int64), np.zeros(0))
            args = (e, rows, tr, np.exp(tc), 0.5, 0.5, mix.ocr, mix.clean, a.row.get(tok, -1), mix.strip, a.strip,
                    a.key_id.get(tok, -1))
            got = cand_jit.mix_probs(*args)
            np.testing.assert_array_equal(got, numpy_mix_probs(*args))
            # and the expression with the table column as exp of a -inf-filled array
            tab = np.full(len(rows), -np.inf)
            tab[np.searchsorted(rows, tr)] = tc
            p = mix.ocr * (0.5 * e + 0.5 * np.exp(tab))
            if mix.clean:
                p += mix.clean * (rows == a.row.get(tok, -1))
            if mix.strip:
                p += mix.strip * (a.strip[rows] == a.key_id.get(tok, -1))
            np.testing.assert_array_equal(got, np.maximum(p, 1e-300))
            logp = np.log(got)
            key = logp + 0.3 * a.prior[rows]
            order = cand_jit.select_prior(logp, rows, a.prior, 0.3, 20, 12.0)
            np.testing.assert_array_equal(order, cand_jit.select(logp, key, 20, 12.0))
            np.testing.assert_array_equal(order, numpy_select(logp, key, 20, 12.0))
            np.testing.assert_array_equal(cand_jit.union(np.concatenate([rows, rows[::3]])), np.unique(rows))
            checked += 1
    assert checked == 4 * 250


def test_batched_union_equals_np_unique_per_token():
    rng = np.random.default_rng(4)
    parts = [rng.integers(0, 60, n).astype(np.int64) for n in (0, 5, 1, 40, 0, 12, 3)]
    rows, starts = cand_jit.union_many(np.concatenate(parts), np.cumsum([0] + [len(p) for p in parts]))
    assert len(starts) == len(parts) + 1 and starts[-1] == len(rows)
    for i, part in enumerate(parts):
        np.testing.assert_array_equal(rows[starts[i]:starts[i + 1]], np.unique(part))


# ---- caches and shortcuts ---------------------------------------------------------------------
def test_compiled_keys_near_equals_deletion_index(restorer):
    gen = restorer.gen
    from vnresolve.diacritics.inventory import fold

    folded = sorted({fold(t) for t in tokens()} | {"", "a", "ng", "x7", "q2z", "nghieng", "abcdefghij"})
    for f in folded:
        assert sorted(gen._keys_near(f)) == [k for k, _d in gen.inventory.keys_near(f)], f


def test_compiled_marks_equal_probs_for(restorer):
    """cand_jit.add_marks (the mark channel's term on a token's rows, from the rows' signatures as
    arrays) adds the floats that MarkChannel.probs_for gives on the rows' strings, the token's own
    row and rows of other letters included."""
    gen = restorer.gen
    a = gen._arrays
    assert gen.marks is not None
    rng = np.random.default_rng(3)
    added = 0
    for tok in tokens() + ["đê", "thâm", "quyến", "đói", "sô"]:
        key = a.key_id.get(strip_accents(tok))
        if key is None:
            continue
        rows = np.unique(np.concatenate([gen._key_rows(strip_accents(tok)), rng.integers(0, len(a.names), 40)]))
        p = rng.uniform(0.0, 1e-3, len(rows))
        want = p.copy()
        same = np.flatnonzero(a.strip[rows] == key)
        q = gen.marks.probs_for(tok, [a.names[r] for r in rows[same].tolist()])
        want[same] = np.maximum(want[same] + 0.4 * q, 1e-300)
        if gen._signatures is None:
            gen.derived()
        tone, spelling, shapes, shaped, spellings = gen._signatures
        to, bo, no, _ = signature(tok)
        cand_jit.add_marks(p, rows, a.strip, key, tone, spelling, shapes, shaped, gen.marks.flat, to,
                           spellings.get(bo, -1), no, a.row.get(tok, -1), 0.4)
        np.testing.assert_array_equal(p, want)
        added += int((q > 0).sum())
    assert added > 50  # the tokens' rows of other marks got the channel's terms


def _underived(gen):
    """A generator sharing gen's model, its derived() tables not yet made."""
    import copy

    fresh = copy.copy(gen)
    fresh._tables = fresh._signatures = None
    return fresh


def _assert_same_derived(got, want) -> None:
    for x, y in zip(got._tables[1:], want._tables[1:]):
        np.testing.assert_array_equal(np.asarray(x), np.asarray(y))
    assert got._tables[0] == want._tables[0]
    for x, y in zip(got._signatures[:4], want._signatures[:4]):
        assert x.dtype == y.dtype
        np.testing.assert_array_equal(x, y)
    assert got._signatures[4] == want._signatures[4]


def _channel_file():
    from vnresolve.diacritics.config import MODEL_DIR

    return [MODEL_DIR / "channel.json"]


def test_derived_tables_from_disk_equal_computed(restorer, tmp_path, monkeypatch):
    """The table rows and mark signatures stored in a cache, then read back from it by another
    generator (the files untouched: a read, not a new computation), equal those computed."""
    from vnresolve.diacritics import diskcache
    from vnresolve.diacritics.marks import signature

    monkeypatch.setattr(diskcache, "CACHE", tmp_path)
    computed = _underived(restorer.gen)
    computed.derived()  # no key files: computed, not stored
    assert not (tmp_path / "candidates").exists()
    _underived(restorer.gen).derived(_channel_file())  # nothing cached yet: computed and stored
    files = sorted((tmp_path / "candidates").glob("*.npy"))
    assert len(files) == 9
    stamps = [(f.stat().st_ino, f.stat().st_mtime_ns) for f in files]
    read = _underived(restorer.gen)
    read.derived(_channel_file())
    assert [(f.stat().st_ino, f.stat().st_mtime_ns) for f in files] == stamps
    _assert_same_derived(read, computed)
    _assert_same_derived(restorer.gen, computed)
    gen = read
    tone, spelling, shapes, shaped, spellings = gen._signatures
    by_id = {k: b for b, k in spellings.items()}
    for r in range(0, len(gen._arrays.names), 7):
        assert signature(gen._arrays.names[r]) == (tone[r], by_id[spelling[r]], shapes[r], shaped[r])
    for obs in list(gen.words)[:300]:
        table = gen.words[obs]
        got = gen._table_rows(obs)
        if not table:
            assert got is None
            continue
        pairs = sorted((gen._arrays.row[s], c) for s, c in table.items())
        assert got[0].tolist() == [r for r, _ in pairs] and got[1].tolist() == [c for _, c in pairs]
        np.testing.assert_array_equal(got[2], np.exp(np.array([c for _, c in pairs])))


def _empty(path):
    path.write_bytes(b"")


def _truncated(path):
    path.write_bytes(path.read_bytes()[:-37])


def _short(path):
    np.save(path, np.load(path)[:100])


def _other_dtype(path):
    np.save(path, np.load(path).astype(np.int32))


@pytest.mark.parametrize("spoil", [_empty, _truncated, _short, _other_dtype])
def test_a_spoilt_cache_file_is_computed_again(restorer, tmp_path, monkeypatch, spoil):
    """An empty, truncated, short (which the compiled add_marks would read past) or retyped
    cached array is removed and computed again: a restorer loaded over it restores the same, and
    the file holds the computed array again."""
    from vnresolve.diacritics import diskcache

    monkeypatch.setattr(diskcache, "CACHE", tmp_path)
    _underived(restorer.gen).derived(_channel_file())
    (tone,) = (tmp_path / "candidates").glob("*.tone.npy")
    spoil(tone)
    fresh = NgramRestorer()
    assert fresh.restore_text(TEXT) == restorer.restore_text(TEXT)
    _assert_same_derived(fresh.gen, restorer.gen)
    np.testing.assert_array_equal(np.load(tone), restorer.gen._signatures[0])


def _out_of_range(path):
    arr = np.load(path)
    arr[len(arr) // 2] = np.iinfo(arr.dtype).max // 2
    np.save(path, arr)


def _zeroed(path):
    np.save(path, np.zeros_like(np.load(path)))


def _not_finite(path):
    arr = np.load(path)
    arr[-1] = np.nan
    np.save(path, arr)


def _lm_tables(r: NgramRestorer) -> list[np.ndarray]:
    return [np.asarray(x) for x in r.decoder.lm]


@pytest.mark.parametrize("name, spoil", [("bt_hi", _short), ("bi_filt", _other_dtype), ("bi_start", _out_of_range),
                                         ("bt_lo", _out_of_range), ("bi_w", _zeroed), ("complete", _empty)])
def test_a_spoilt_beam_cache_file_is_computed_again(restorer, tmp_path, monkeypatch, name, spoil):
    """A short (the compiled beam would read past the n-gram tables), retyped, out-of-range, zeroed
    (well-formed, in range, wrong) or empty cached beam table is removed and computed again: a
    restorer loaded over it restores the same, with the same tables, and the file holds the
    computed array again."""
    from vnresolve.diacritics import diskcache

    monkeypatch.setattr(diskcache, "CACHE", tmp_path)
    NgramRestorer(neural=False)
    (path,) = (tmp_path / "beam").glob(f"*.{name}.npy")
    want = np.load(path)
    spoil(path)
    fresh = NgramRestorer()
    assert fresh.restore_text(TEXT) == restorer.restore_text(TEXT)
    for got, computed in zip(_lm_tables(fresh), _lm_tables(restorer)):
        assert got.dtype == computed.dtype
        np.testing.assert_array_equal(got, computed)
    stored = np.load(path)
    assert stored.dtype == want.dtype
    np.testing.assert_array_equal(stored, want)


@pytest.mark.parametrize("name, spoil", [("taps0", _short), ("out2", _other_dtype), ("out_b2", _not_finite),
                                         ("out_b2", _zeroed), ("taps0", _truncated)])
def test_a_spoilt_neural_cache_file_is_computed_again(restorer, tmp_path, monkeypatch, name, spoil):
    """A short, retyped, non-finite, zeroed or truncated cached neural table is removed and folded
    again: a restorer loaded over it restores stripped text the same, with the same tables."""
    from vnresolve.diacritics import diskcache

    monkeypatch.setattr(diskcache, "CACHE", tmp_path)
    stripped = strip_accents(TEXT)
    want_text = restorer.restore_text(stripped)
    want = restorer.passes.scorer()
    if want._fold_key(restorer.passes.neural_path) is None:
        pytest.skip("numpy's BLAS is not its bundled one: the neural tables are folded each time, not kept")
    NgramRestorer().passes.scorer()
    (path,) = (tmp_path / "neural").glob(f"*.{name}.npy")
    stored = np.load(path)
    spoil(path)
    fresh = NgramRestorer()
    assert fresh.restore_text(stripped) == want_text
    assert fresh.passes.neural is not None
    for got, computed in zip((fresh.passes.neural.taps0, fresh.passes.neural.out2, fresh.passes.neural.out_b2),
                             (want.taps0, want.out2, want.out_b2)):
        assert got.dtype == computed.dtype
        np.testing.assert_array_equal(got, computed)
    np.testing.assert_array_equal(np.load(path), stored)


def test_a_code_change_is_a_new_key_and_keys_are_kept(restorer, tmp_path, monkeypatch):
    """The key covers the code that computes the tables: with other sources, tables a planted file
    would have given are computed again; the older key's files stay (another process may use them),
    and a temporary file left by a process that died while writing is removed."""
    from vnresolve.diacritics import diskcache

    monkeypatch.setattr(diskcache, "CACHE", tmp_path)
    _underived(restorer.gen).derived(_channel_file())
    folder = tmp_path / "candidates"
    (shapes,) = folder.glob("*.shapes.npy")
    planted = np.load(shapes)
    planted[:] = 0  # well-formed, in range, wrong
    np.save(shapes, planted)
    read = _underived(restorer.gen)
    read.derived(_channel_file())
    np.testing.assert_array_equal(read._signatures[2], planted)  # the same key reads the file
    (folder / "x.tone.999999999.tmp").write_bytes(b"")
    monkeypatch.setitem(diskcache.SOURCES, "candidates", diskcache.SOURCES["candidates"] + ("cand_jit.py",))
    again = _underived(restorer.gen)
    again.derived(_channel_file())
    _assert_same_derived(again, restorer.gen)
    assert len(list(folder.glob("*.npy"))) == 18 and not list(folder.glob("*.tmp"))
    np.testing.assert_array_equal(np.load(shapes), planted)


def test_self_score_equals_python_dp(restorer):
    """_self_score on its own (the batch's score_self_many is checked in test_compiled_dp_equals_numpy_dp),
    with letters outside the alphabet too."""
    gen = restorer.gen
    gen._prepare()
    gen._self_cache.clear()
    toks = tokens() + ["c6ng", "vi6c", "n6m", "k&", "tr@n"]
    assert any(c not in _ALPHABET for c in "c6ng")
    for tok in toks:
        assert gen._self_score(tok) == gen.chars.score(tok, tok), tok


def test_warm_up_leaves_scipy_importable():
    """decoder.warm keeps numba's BLAS probe from importing scipy.linalg during start-up only."""
    import subprocess
    import sys

    code = ("import sys; from vnresolve.diacritics import decoder; decoder.warm(); "
            "assert sys.modules.get('scipy.linalg.cython_blas', 1) is not None; "
            "import importlib.util; assert importlib.util.find_spec('scipy') is None or __import__('scipy.linalg'); "
            "print('ok')")
    # the JIT path: with the kernels built ahead of time (diacritics/aot.py) numba is never started
    env = {**__import__("os").environ, "VNRESOLVE_AOT": "0"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, env=env,
                         cwd=str(__import__("pathlib").Path(__file__).resolve().parent.parent))
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_candidate_ids_and_pool_table_equal_lookups(restorer, pool_file):
    """LM ids from the per-row array (set_lm) equal a look-up per option, B-for-Đ twins and the
    token itself included; pools read from the id table give the rows the pooled strings give."""
    gen = restorer.gen
    ids, unk = restorer.lm.ids, restorer.lattice.unk
    for mix in MIXES:
        for tok in tokens() + ["bang", "bdng", "bnnn"]:
            got = gen.candidate_ids(tok, mix)
            want = np.array([ids.get(s, unk) for s, _ in gen.candidates(tok, mix)], np.uint64)
            assert got.dtype == want.dtype and np.array_equal(got, want), (tok, mix)
    forms, table = pool_file
    assert forms and gen._pools is not None
    vocab, row = restorer.lm.vocab, gen._arrays.row
    for obs, k in forms.items():
        by_strings = np.array([row[vocab[i]] for i in table[k].tolist() if i >= 0], np.int64)
        assert np.array_equal(gen._pool_rows(obs), by_strings), obs


def test_a_pool_table_of_another_model_is_refused(restorer):
    """A pool naming a word outside the candidate inventory can only come from another model's files."""
    import copy

    gen = copy.copy(restorer.gen)
    outside = next(i for i, w in enumerate(restorer.lm.vocab) if w not in gen._arrays.row)
    with pytest.raises(ValueError, match="another model"):
        gen.set_pool_table(["xyz"], np.array([[outside, -1]], np.int32), restorer.lm.vocab)


def test_gallop_equals_searchsorted():
    """beam_jit._gallop (compiled) is np.searchsorted confined to [lo, hi), from any start."""
    from vnresolve.diacritics import beam_jit

    rng = np.random.default_rng(1)
    keys = np.sort(rng.integers(0, 5000, 3000).astype(np.uint64))
    for _ in range(3000):
        lo, hi = sorted(rng.integers(0, len(keys) + 1, 2).tolist())
        x = np.uint64(rng.integers(0, 5100))
        want = lo + int(np.searchsorted(keys[lo:hi], x))
        assert beam_jit._gallop(keys, lo, hi, x) == want
        if hasattr(beam_jit._gallop, "py_func"):  # numba's JIT (built ahead of time it is inlined, not exported)
            assert beam_jit._gallop.py_func(keys, lo, hi, x) == want


def test_bigram_trigram_ranges_equal_searches(restorer):
    """beam_jit._bigram_tri_ranges (one merge, compiled) gives each bigram's trigram range as
    _tri_range's searches do; the model's trigram contexts are all bigrams."""
    from vnresolve.diacritics import beam_jit

    lm = restorer.lm
    b = np.uint64(beam_jit.BITS)
    lo, hi, complete = beam_jit._bigram_tri_ranges(lm.bi_keys, lm.tri_keys)
    np.testing.assert_array_equal(lo, np.searchsorted(lm.tri_keys, lm.bi_keys << b))
    np.testing.assert_array_equal(hi, np.searchsorted(lm.tri_keys, (lm.bi_keys + np.uint64(1)) << b))
    assert complete
    keys = np.array([3, 5, 9], np.uint64)  # bigrams (0, 3), (0, 5), (0, 9)
    tri = np.array([3 << 21 | 1, 4 << 21 | 7, 5 << 21 | 2, 5 << 21 | 3], np.uint64)  # (0, 4, 7): context no bigram
    for f in (beam_jit._bigram_tri_ranges, getattr(beam_jit._bigram_tri_ranges, "py_func", None)):
        if f is not None:
            lo, hi, complete = f(keys, tri)
            assert lo.tolist() == [0, 2, 4] and hi.tolist() == [1, 4, 4] and not complete


def test_beam_without_complete_bigram_contexts_is_the_same(restorer):
    """The beam's searching fallback for a context that is no bigram (used where a model's
    trigram contexts are not all bigrams) restores as the shortcut does."""
    arrays = restorer.decoder.lm
    want = restorer.restore(TEXT)
    restorer.decoder.lm = arrays._replace(complete=False)
    try:
        got = restorer.restore(TEXT)
    finally:
        restorer.decoder.lm = arrays
    assert got.text == want.text and got.changes == want.changes


def test_column_matrix_equals_columns(restorer):
    """charmodel.column_matrix gathers the cached per-chunk cost columns unchanged."""
    from vnresolve.diacritics.charmodel import _ALPHABET, _column, column_matrix

    model = restorer.gen.chars
    size = len(_ALPHABET)
    chunks = sorted({t[i:i + k] for t in tokens() for k in (1, 2) for i in range(len(t) - k + 1)})
    for part in (chunks[:5], chunks, [None] + chunks[::-1]):
        got = column_matrix(model, part, size, 1e9)
        assert got.flags["C_CONTIGUOUS"] and got.dtype == np.float64 and got.shape == (size, len(part))
        for j, e in enumerate(part):
            want = np.full(size, 1e9) if e is None else _column(model, e, size)[:size]
            np.testing.assert_array_equal(got[:, j], want)


def test_fast_built_words_and_changes_equal_dataclass_ones(restorer):
    """tokens._word and output._change build the same frozen dataclass objects as their __init__."""
    from vnresolve.diacritics.output import _change
    from vnresolve.diacritics.interface import TokenChange
    from vnresolve.diacritics.tokens import Word, words

    ws = words(TEXT + " XIV Mục II, 04-NQ/TU, 16p d01 89km & x&")
    assert len(ws) > 100
    for w in ws:
        ref = Word(w.start, w.end, w.text, w.fixed, bare_number=w.bare_number)
        assert w == ref and hash(w) == hash(ref) and repr(w) == repr(ref)
    res = restorer.restore(TEXT)
    assert res.changes
    for c in res.changes:
        ref = TokenChange(c.start, c.end, c.original, c.restored, c.confidence, c.alternatives)
        assert c == ref and hash(c) == hash(ref) and repr(c) == repr(ref)
    made = _change(1, 2, "a", "b", 0.5, ("c",))
    assert made == TokenChange(1, 2, "a", "b", 0.5, ("c",))


def test_column_matrix_from_threads(restorer):
    """Threads adding columns to one model's matrix at once get the columns _column gives."""
    import threading

    from vnresolve.diacritics.charmodel import _ALPHABET, CharModel, _column, column_matrix

    model = CharModel(restorer.gen.chars.table)
    size = len(_ALPHABET)
    chunks = sorted({t[i:i + k] for t in tokens() for k in (1, 2) for i in range(len(t) - k + 1)})
    got: dict[int, np.ndarray] = {}

    def work(t: int) -> None:
        got[t] = column_matrix(model, chunks[t::3] + chunks[::-1], size)

    threads = [threading.Thread(target=work, args=(t,)) for t in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    ref = CharModel(restorer.gen.chars.table)
    for t in range(4):
        part = chunks[t::3] + chunks[::-1]
        want = np.stack([_column(ref, e, size)[:size] for e in part], axis=1)
        np.testing.assert_array_equal(got[t], want)


def test_protected_spans_searched_in_trigger_runs_equal_a_whole_text_search():
    from vnresolve.diacritics import tokens

    texts = [TEXT, "xem https://vbpl.vn/a?b=1, thu ai@so.gov.vn; 04-NQ/TU, NQ/TW, QH13 H5N1 B6 " * 3,
             "Số 45/2013/QH13\tngày 1.1.2020 (www.chinhphu.vn) 2-CP\u00a0x.y.vn ư@ơ.com 7/8 ./. //",
             "a" * 20_000, "a" * 20_000 + "1", "1" * 5_000, "x1 " * 3_000]
    for text in texts:
        assert tokens.protected_spans(text) == [m.span() for m in tokens._PROTECT.finditer(text)]
