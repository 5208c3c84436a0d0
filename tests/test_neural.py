"""The neural context scorer (diacritics/neural.py, weights in diacritics/model/neural.npz)."""

from __future__ import annotations

import numpy as np
import pytest

from vnresolve.diacritics import ngram
from vnresolve.diacritics.mixture import mixtures
from vnresolve.diacritics.neural import BOUND, COMMA, NeuralScorer, rescore
from vnresolve.diacritics.tokens import words

PATH = ngram.MODEL_DIR / "neural.npz"
pytestmark = pytest.mark.skipif(not PATH.exists(), reason="diacritics/model/neural.npz not built (make neural)")


@pytest.fixture(scope="module")
def scorer():
    return NeuralScorer(PATH)


def seq(scorer: NeuralScorer, text: str) -> np.ndarray:
    return np.array([BOUND] + [scorer.key_id(w) for w in text.split()] + [BOUND], np.int64)


def score(scorer: NeuralScorer, text: str, pos: int, word: str) -> float:
    ids = seq(scorer, text)
    h = scorer.hidden(ids)
    return float(scorer.scores(h, np.array([pos + 1]), np.array([scorer.out_ids[word]]))[0])


def reference_hidden(scorer: NeuralScorer, ids: np.ndarray) -> np.ndarray:
    """The same network written position by position, from the exported (tap-major) weights."""
    d = scorer.dim
    x = scorer.emb[ids].astype(np.float64)
    for (w, b), dil in zip(scorer.convs, scorer.dilations):
        taps = [w[:, t * d:(t + 1) * d].astype(np.float64) for t in range(3)]  # left, centre, right
        y = np.zeros_like(x)
        for i in range(len(x)):
            acc = b.astype(np.float64).copy()
            for t, j in enumerate((i - dil, i, i + dil)):
                if 0 <= j < len(x):
                    acc += x[j] @ taps[t]
            y[i] = np.maximum(acc, 0.0)
        x = x + y
    return x @ scorer.proj_w + scorer.proj_b


def reference_scores(scorer: NeuralScorer, ids: np.ndarray, rows: np.ndarray, out_ids: np.ndarray) -> np.ndarray:
    h = reference_hidden(scorer, ids)
    return np.array([h[r] @ scorer.out[o] + scorer.out_b[o] for r, o in zip(rows, out_ids)])


def test_numpy_inference_matches_a_position_by_position_reference(scorer):
    ids = seq(scorer, "uy ban nhan dan tinh ban hanh ke hoach phat trien kinh te xa hoi nam")
    rows = np.repeat(np.arange(len(ids)), 3)
    outs = np.arange(len(rows)) * 37 % len(scorer.out_vocab)
    fast = scorer.scores(scorer.hidden(ids), rows, outs)
    np.testing.assert_allclose(fast, reference_scores(scorer, ids, rows, outs), rtol=1e-3, atol=1e-3)
    one = np.array([BOUND], np.int64)  # shorter than every dilation
    fast = scorer.scores(scorer.hidden(one), np.zeros(3, np.int64), outs[:3])
    np.testing.assert_allclose(fast, reference_scores(scorer, one, np.zeros(3, np.int64), outs[:3]), rtol=1e-3, atol=1e-3)


def test_a_long_sequence_read_in_blocks_gives_the_rows_of_the_whole(scorer, monkeypatch):
    """hidden() cuts a long text into blocks with the receptive field's context either side; every
    row, at a block's edge too, must be the one the whole sequence gives."""
    from vnresolve.diacritics import neural

    rng = np.random.default_rng(7)
    ids = rng.integers(0, len(scorer.in_vocab), 300).astype(np.int64)
    whole = scorer.hidden(ids)
    monkeypatch.setattr(neural, "HIDDEN_BLOCK", 37)
    blocked = scorer.hidden(ids)
    np.testing.assert_allclose(blocked, whole, rtol=1e-5, atol=1e-5)
    monkeypatch.setattr(neural, "HIDDEN_BLOCK", 1)  # a block narrower than the context it needs
    np.testing.assert_allclose(scorer.hidden(ids), whole, rtol=1e-5, atol=1e-5)


def test_loading_is_deterministic(scorer):
    again = NeuralScorer(PATH)
    ids = seq(scorer, "tren the gioi hien nay")
    assert np.array_equal(scorer.hidden(ids), again.hidden(ids))
    assert scorer.in_vocab == again.in_vocab and scorer.out_vocab == again.out_vocab


def test_context_decides_between_readings_of_one_stripped_syllable(scorer):
    assert score(scorer, "tren the gioi", 1, "thế") > score(scorer, "tren the gioi", 1, "thể")
    assert score(scorer, "hoat dong the thao", 2, "thể") > score(scorer, "hoat dong the thao", 2, "thế")
    assert score(scorer, "nghi quyet cua dang bo", 1, "quyết") > score(scorer, "nghi quyet cua dang bo", 1, "quyệt")


def test_relative_scores_touch_only_readings_of_the_context_token(scorer):
    ids = seq(scorer, "tren the gioi")
    opts = [("thế", -1.0), ("thể", -1.0), ("the", -1.0), ("khế", -3.0)]  # khế: an OCR-style edit
    out, keys = scorer.options(opts)
    u = scorer.relative(ids, np.full(len(opts), 2), out, keys, np.array([0]))
    assert u[3] == 0.0  # does not strip to 'the'
    assert u.max() == 0.0 and u[0] == 0.0  # the best reading loses nothing
    assert (u >= -8.0).all() and u[1] < 0.0


def test_rescore_adds_unaries_to_slots_and_keeps_the_rest():
    r = ngram.NgramRestorer(neural=False)
    assert r.passes.neural_path is None
    text = "tren the gioi, the thao phat trien"
    ws = words(text)
    sents = r.lattice.sentences(text, ws, mixtures(text, ws, r.lattice.syllables, r.config))
    scorer = NeuralScorer(PATH)
    out = rescore(scorer, sents, r.lattice.num, 1.0)
    assert [len(s) for s in out] == [len(s) for s in sents]
    assert any(isinstance(item, (int, np.integer)) and item == r.lattice.comma for item in out[0])  # the comma stays
    changed = [(a, b) for s, t in zip(sents, out) for a, b in zip(s, t) if not isinstance(a, (int, np.integer))]
    assert all(b.options is a.options and b.ids is a.ids for a, b in changed)
    assert any(not np.array_equal(a.chan, b.chan) for a, b in changed)
    assert COMMA == scorer.in_ids[","]


def test_restorer_with_and_without_the_scorer():
    on, off = ngram.NgramRestorer(), ngram.NgramRestorer(neural=False)
    assert off.passes.neural_path is None
    assert on.passes.neural is None  # not loaded until a stripped paragraph or a second pass needs it
    on.restore("Nghi quyét Pai hoi Pang bd tinh")  # mangled OCR in one pass: not used
    assert on.passes.neural is None
    adaptive = ngram.NgramRestorer(second_pass=True)
    adaptive.restore("Nghị quyết của Đảng bộ tỉnh")  # clean text: no second pass either
    assert adaptive.passes.neural is None
    for r in (on, off):
        assert r.restore("Nghi quyet cua Dang bo tinh").text == "Nghị quyết của Đảng bộ tỉnh"
    assert on.passes.neural is not None
    assert off.passes.neural is None
