"""The fast paths of the restorer (compiled / array-based) give exactly what the reference paths
give. Speed itself is measured by `python -m benchmarks restoration`, not here."""

from __future__ import annotations

import re

import numpy as np
import pytest

from vnresolve.diacritics import cand_jit
from vnresolve.diacritics.candidates import Mixture
from vnresolve.diacritics.charmodel import score_many
from vnresolve.diacritics.ngram import NgramRestorer
from fixtures.documents import OCR_SAMPLE as TEXT

# written for these tests: clean, accent-stripped and English-model-OCR-style words
MIXES = [Mixture(0.0, 0.0, 1.0), Mixture(0.0, 0.99, 0.01), Mixture(0.9, 0.05, 0.05), Mixture(0.4, 0.02, 0.58)]


@pytest.fixture(scope="module")
def restorer():
    return NgramRestorer()


def tokens() -> list[str]:
    out = sorted({w.lower() for w in re.findall(r"[^\s.,;:()-]+", TEXT)})
    # and their one-letter edits, for a few hundred varied tokens
    extra = {w[:i] + w[i + 1:] for w in out if len(w) > 2 for i in range(len(w))}
    return out + sorted(extra - set(out))


def test_row_candidates_equal_string_candidates(restorer):
    gen = restorer.gen
    toks = tokens()
    assert len(toks) > 300
    for mix in MIXES:
        for tok in toks:
            fast = gen._candidates_rows(tok, mix)
            slow = gen._candidates_strings(tok, mix)
            assert fast is not None and fast == slow, (tok, mix)


def test_compiled_keys_near_equals_deletion_index(restorer):
    gen = restorer.gen
    from vnresolve.diacritics.inventory import fold

    folded = sorted({fold(t) for t in tokens()} | {"", "a", "ng", "x7", "q2z", "nghieng", "abcdefghij"})
    for f in folded:
        assert sorted(gen._keys_near(f)) == [k for k, _d in gen.inventory.keys_near(f)], f


def test_self_score_equals_python_dp(restorer):
    gen = restorer.gen
    gen._prepare()
    for tok in tokens():
        assert gen._self_score(tok) == gen.chars.score(tok, tok), tok


def test_compiled_dp_equals_numpy_dp(restorer):
    gen = restorer.gen
    a = gen._prepare()
    rng = np.random.default_rng(0)
    for tok in tokens()[:200]:
        rows = np.unique(rng.integers(0, len(a.names), 150))
        fast = gen._char_scores(tok, rows)
        old, cand_jit.score_rows = cand_jit.score_rows, cand_jit.score_rows_numpy
        try:
            ref = gen._char_scores(tok, rows)
        finally:
            cand_jit.score_rows = old
        np.testing.assert_array_equal(fast, ref)
        np.testing.assert_array_equal(fast, score_many(gen.chars, [a.names[r] for r in rows], tok))


def test_restore_is_the_same_on_both_paths():
    fast, slow = NgramRestorer(), NgramRestorer()
    slow.gen.fast = False
    a, b = fast.restore(TEXT), slow.restore(TEXT)
    assert a.text == b.text and a.changes == b.changes


def test_warm_up_leaves_scipy_importable():
    """beam_jit.warm keeps numba's BLAS probe from importing scipy.linalg during start-up only."""
    import subprocess
    import sys

    code = ("import sys; from vnresolve.diacritics import beam_jit; beam_jit.warm(); "
            "assert sys.modules.get('scipy.linalg.cython_blas', 1) is not None; "
            "import importlib.util; assert importlib.util.find_spec('scipy') is None or __import__('scipy.linalg'); "
            "print('ok')")
    # the JIT path: with the kernels built ahead of time (diacritics/aot.py) numba is never started
    env = {**__import__("os").environ, "VNRESOLVE_AOT": "0"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, env=env,
                         cwd=str(__import__("pathlib").Path(__file__).resolve().parent.parent))
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_candidate_ids_and_pool_table_equal_lookups(restorer):
    """LM ids from the per-row array (set_lm) equal a look-up per option, B-for-Đ twins and the
    token itself included; pools read from the id table give the rows the pooled strings give."""
    gen = restorer.gen
    ids, unk = restorer.lm.ids, restorer.unk
    for mix in MIXES:
        for tok in tokens() + ["bang", "bdng", "bnnn"]:
            got = gen.candidate_ids(tok, mix)
            want = np.array([ids.get(s, unk) for s, _ in gen.candidates(tok, mix)], np.uint64)
            assert got.dtype == want.dtype and np.array_equal(got, want), (tok, mix)
    forms = list(gen.pools)[:2000]
    assert forms
    for obs in forms:
        gen._pool_cache.pop(obs, None)
        by_table = gen._pool_rows(obs)
        row = gen._arrays.row
        try:
            by_strings = np.array([row[s] for s in gen.pools[obs]], np.int64)
        except KeyError:
            by_strings = False
        if by_strings is False:
            assert by_table is False, obs
        else:
            assert np.array_equal(by_table, by_strings), obs


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
    from vnresolve.diacritics import beam_jit

    lm = restorer.lm
    want = restorer.restore(TEXT)
    got_offsets = beam_jit.offsets(lm)
    lm.__dict__["_beam_offsets"] = (*got_offsets[:4], False, *got_offsets[5:])
    try:
        got = restorer.restore(TEXT)
    finally:
        lm.__dict__["_beam_offsets"] = got_offsets
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


def test_compiled_mixture_and_selection_equal_numpy(restorer):
    """cand_jit.mix_probs / select_prior (compiled) give the floats and the order of the numpy
    expressions they replaced in candidates.py, on the pools of many tokens and mixtures."""
    gen = restorer.gen
    a = gen._prepare()
    rng = np.random.default_rng(2)
    checked = 0
    for mix in MIXES:
        for tok in tokens()[:250]:
            table = gen._table_rows(tok)
            rows = np.unique(np.concatenate([rng.integers(0, len(a.names), 120)] + ([table[0]] if table else [])))
            e = np.exp(gen._char_scores(tok, rows))
            tr, tc = (table[0], table[1]) if table else (np.zeros(0, np.int64), np.zeros(0))
            args = (e, rows, tr, np.exp(tc), 0.5, 0.5, mix.ocr, mix.clean, a.row.get(tok, -1), mix.strip, a.strip,
                    a.key_id.get(tok, -1))
            got = cand_jit.mix_probs(*args)
            np.testing.assert_array_equal(got, cand_jit.mix_probs_numpy(*args))
            if cand_jit.AVAILABLE:
                np.testing.assert_array_equal(got, cand_jit._mix_probs.py_func(*args) if hasattr(
                    cand_jit._mix_probs, "py_func") else cand_jit._mix_probs(*args))
            # the expression candidates.py had: exp of a -inf-filled table column
            tab = np.full(len(rows), -np.inf)
            tab[np.searchsorted(rows, tr)] = tc
            p = mix.ocr * (0.5 * e + 0.5 * np.exp(tab))
            if mix.clean:
                p += mix.clean * (rows == a.row.get(tok, -1))
            if mix.strip:
                p += mix.strip * (a.strip[rows] == a.key_id.get(tok, -1))
            np.testing.assert_array_equal(got, np.maximum(p, 1e-300))
            logp = np.log(got)
            order = cand_jit.select_prior(logp, rows, a.prior, 0.3, 20, 12.0)
            np.testing.assert_array_equal(order, cand_jit.select(logp, logp + 0.3 * a.prior[rows], 20, 12.0))
            checked += 1
    assert checked == 4 * 250


def test_fast_built_words_and_changes_equal_dataclass_ones(restorer):
    """tokens._word and ngram._change build the same frozen dataclass objects as their __init__."""
    from vnresolve.diacritics.ngram import _change
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


def test_bloom_filter_compiled_equals_numpy_and_holds_every_key(restorer):
    """beam_jit.bloom (compiled) sets the bits bloom_numpy sets; every bigram key's bit is set
    (a clear bit must mean 'absent', or the beam would miss a bigram)."""
    from vnresolve.diacritics import beam_jit

    keys = restorer.lm.bi_keys
    got = beam_jit.bloom(keys, beam_jit.BLOOM_BITS)
    np.testing.assert_array_equal(got, beam_jit.bloom_numpy(keys, beam_jit.BLOOM_BITS))
    with np.errstate(over="ignore"):
        h = (keys * beam_jit._HASH) >> np.uint64(64 - beam_jit.BLOOM_BITS)
    assert np.unpackbits(got, bitorder="little")[h.astype(np.intp)].all()
    small = np.array([1, 5, 1 << 40], np.uint64)
    np.testing.assert_array_equal(beam_jit.bloom(small, 10), beam_jit.bloom_numpy(small, 10))


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
