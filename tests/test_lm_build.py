"""The language model the training script builds: a proper distribution after pruning."""

import random

import numpy as np
import pytest

from training import train
from vnresolve.diacritics import lm as lm_module
from vnresolve.diacritics.lm import TrigramLM
from vnresolve.diacritics.lmtokens import EOS


@pytest.fixture(scope="module")
def small_lm(tmp_path_factory):
    """A trigram model of 3,000 random sentences over 40 words: many trigrams are seen once and
    pruned, and some contexts keep none of theirs."""
    rng = random.Random(5)
    words = [f"t{i}" for i in range(40)]
    sents = [[rng.choice(words[: rng.choice((8, 40))]) for _ in range(rng.randint(3, 9))] for _ in range(3000)]
    out = tmp_path_factory.mktemp("lm")
    stats = train.build_lm(sents, out)
    assert stats["trigrams"] < stats["trigram_types_unpruned"]  # the pruning this is about happened
    return TrigramLM(out), sents


def _total(lm: TrigramLM, u: str, v: str) -> float:
    """Sum over the vocabulary (and the end of sentence) of P(w | u v)."""
    ids = np.array([i for i, w in enumerate(lm.vocab) if w != "<s>"], np.uint64)
    u_id, v_id = np.uint64(lm.ids[u]), np.uint64(lm.ids[v])
    return float(np.exp(lm.logprob(np.full(len(ids), u_id), np.full(len(ids), v_id), ids).astype(np.float64)).sum())


def test_every_context_is_a_distribution_after_pruning(small_lm):
    lm, sents = small_lm
    contexts = sorted({(s[i], s[i + 1]) for s in sents for i in range(len(s) - 1)})
    rng = random.Random(1)
    for u, v in rng.sample(contexts, 60):
        # one-byte log-probabilities (0.08 nat steps) leave a few per cent either way
        assert 0.9 < _total(lm, u, v) < 1.1, (u, v)


def test_a_context_whose_trigrams_were_all_pruned_backs_off_with_its_whole_mass(small_lm):
    lm, sents = small_lm
    seen: dict[tuple[str, str], set[str]] = {}
    counts: dict[tuple[str, str, str], int] = {}
    for s in sents:
        for i in range(len(s) - 2):
            seen.setdefault((s[i], s[i + 1]), set()).add(s[i + 2])
            counts[(s[i], s[i + 1], s[i + 2])] = counts.get((s[i], s[i + 1], s[i + 2]), 0) + 1
    pruned_only = [c for c, nxt in seen.items() if all(counts[(*c, w)] < train.MIN_TRIGRAM for w in nxt)]
    assert pruned_only
    for u, v in pruned_only[:20]:
        assert 0.9 < _total(lm, u, v) < 1.1, (u, v)


def test_a_bigram_is_the_log_probability_the_model_backs_off_to(small_lm):
    # nothing follows the end of a sentence, so log P(v | </s> u) is the pair's own log P(v | u) where the model
    # holds the pair, and u's backoff weight plus v's log P where it does not
    lm, sents = small_lm
    held = 0
    for u in ("t0", "t7", "t30"):
        for v in [w for w in lm.vocab if w.startswith("t")]:
            pair = lm.bigram(u, v)
            ids = [np.array([lm.ids[w]], np.uint64) for w in (EOS, u, v)]
            got = lm.logprob(*ids)[0]
            if pair is None:
                assert got == lm.uni_bow[lm.ids[u]] + lm.uni_lp[lm.ids[v]], (u, v)
            else:
                held += 1
                assert (got, lm.uni_lp[lm.ids[v]]) == pair, (u, v)
    assert held and lm.bigram("t0", "t99") is None and lm.bigram("t99", "t0") is None


def test_a_model_folder_loads_once_until_training_writes_it_again(tmp_path):
    # the restorer and the parsers share the committed model; a model rewritten in place is read anew
    train.build_lm([["a", "b", "c"]] * 50, tmp_path)
    first = lm_module.load(tmp_path)
    assert lm_module.load(tmp_path) is first and "a" in first.ids
    train.build_lm([["x", "y", "z"]] * 50, tmp_path)
    second = lm_module.load(tmp_path)
    assert second is not first and "x" in second.ids and "a" not in second.ids


def test_the_channel_is_built_from_the_first_pages_only(tmp_path):
    """A cache holding more synthetic pages than the model was built from (a later experiment)
    must not change what `make model` builds: only pages numbered below `pages` are read, and
    the dev pages among them stay out of estimation."""
    import json

    from training.channel_train import DEV_EVERY, load_pairs, page_files

    for n in (0, 1, DEV_EVERY - 1, 5, 700):
        (tmp_path / f"{n:05d}.json").write_text(json.dumps({"truth": f"nghị quyết {n}", "ocr": f"nghi quyét {n}"}))
    assert [int(f.stem) for f in page_files(6, tmp_path)] == [0, 1, 5]
    assert [int(f.stem) for f in page_files(DEV_EVERY, tmp_path)] == [0, 1, 5, DEV_EVERY - 1]
    assert [int(f.stem) for f in page_files(10_000, tmp_path)] == [0, 1, 5, DEV_EVERY - 1, 700]
    assert sum(load_pairs(6, tmp_path).values()) == 3 * 2  # 'nghị' and 'quyết' of pages 0, 1 and 5
    assert sum(load_pairs(10_000, tmp_path, dev=True).values()) == 2  # page DEV_EVERY - 1 only


def test_news_counts_keep_no_ngram_of_a_single_document(tmp_path, monkeypatch):
    """training/news.py: a trigram (and a word) only one news document holds never reaches the
    counts; one that two documents hold does, with the in-genre source counted twice."""
    import lzma

    from training import news
    from vnresolve.diacritics.lmtokens import SPECIALS

    folder = tmp_path / "news"
    folder.mkdir()
    docs = ["Nghị quyết của Tỉnh ủy về phát triển.\nHội nghị ban chấp hành.",
            "Nghị quyết của Tỉnh ủy về kinh tế.",
            "Bài viết riêng có câu chuyện lạ độc nhất."]
    with lzma.open(folder / f"{news.IN_GENRE}.txt.xz", "wt", encoding="utf-8") as fh:
        fh.write("\n\n".join(docs) + "\n")
    monkeypatch.setattr(news, "is_held_out", lambda name: False)
    files = news.news_files(tmp_path)
    uses, ndocs = news.word_counts(files)
    assert ndocs["quyết"] == 2 and ndocs["độc"] == 1 and uses["quyết"] == 2 * news.IN_GENRE_WEIGHT
    vocab = list(SPECIALS) + sorted(uses)
    ids = {w: i for i, w in enumerate(vocab)}
    keys, counts = news.trigram_counts(files, ids, tmp_path / "parts")
    b = np.uint64(21)

    def key(u, v, w):
        return (np.uint64(ids[u]) << (b + b)) | (np.uint64(ids[v]) << b) | np.uint64(ids[w])

    found = dict(zip(keys.tolist(), counts.tolist()))
    assert found[int(key("quyết", "của", "tỉnh"))] == 2 * news.IN_GENRE_WEIGHT
    assert int(key("câu", "chuyện", "lạ")) not in found and int(key("tỉnh", "ủy", "về")) in found
    assert int(key("về", "phát", "triển")) not in found
    assert list(keys) == sorted(keys.tolist()) and not list((tmp_path / "parts").glob("*.npz"))
