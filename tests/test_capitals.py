"""Capitalisation as evidence (diacritics/capitals.py): counting, the table, and where the decoder uses it."""

import math
from collections import Counter

import numpy as np
import pytest

from vnresolve.diacritics import capitals, config
from vnresolve.diacritics.mixture import mixtures
from vnresolve.diacritics.ngram import NgramRestorer
from vnresolve.diacritics.tokens import words

SMOOTHING = config.load(config.MODEL_DIR).capital_smoothing


def test_count_takes_title_case_only_after_a_word_on_the_same_line():
    title, uses = capitals.count(["Hôm nay Nam về quê, Nam vui.\nNam đi học năm nay 2024 Nam"])
    # 'Hôm' and both line-initial 'Nam' start their run; after ',' and after '2024' too
    assert uses["nam"] == 1 and title["nam"] == 1  # only 'nay Nam'
    assert uses["nay"] == 2 and title["nay"] == 0
    assert uses["năm"] == 1 and title["năm"] == 0
    assert "hôm" not in uses


def test_count_normalises_tone_placement_and_ignores_all_capitals():
    title, uses = capitals.count(["ở Thanh Hoá và THANH HOÁ"])
    assert title["hóa"] == 1 and uses["hóa"] == 2  # 'Hoá' is written hóa in the model's style
    assert title["thanh"] == 1 and uses["thanh"] == 2
    title, uses = capitals.count(["ông A nói"])  # a one-letter capital is title case, as the decoder reads it
    assert title["a"] == 1 and uses["a"] == 1


def test_table_smooths_towards_the_corpus_rate():
    vocab = ["<unk>", "nam", "năm", "lạ", "lopez"]
    title = Counter({"nam": 90, "năm": 1, "lopez": 5})
    uses = Counter({"nam": 100, "năm": 400, "lạ": 2, "lopez": 5})
    lp = capitals.table(vocab, title, uses, SMOOTHING)
    rate = 96 / 507
    assert lp[0] == pytest.approx(math.log(rate))  # <unk>: never seen
    assert lp[4] == pytest.approx(math.log(rate))  # no syllable: a foreign word keeps the corpus rate
    assert lp[1] > math.log(0.8) > lp[0] > lp[2]
    assert lp[3] == pytest.approx(math.log((0 + SMOOTHING * rate) / (2 + SMOOTHING)))


def test_committed_table_knows_names_from_common_words():
    r = NgramRestorer()
    cap = r.lattice.capitals
    assert cap is not None, "diacritics/model/cap_lp.npy is missing: python -m training.train --only-capitals"
    lp = {w: float(cap[r.lm.ids[w]]) for w in ("nam", "năm", "long", "lòng", "hằng", "hàng")}
    assert lp["nam"] > lp["năm"] + 3 and lp["long"] > lp["lòng"] + 3 and lp["hằng"] > lp["hàng"] + 1


def test_a_restorer_reads_the_model_every_other_restorer_and_the_parsers_read():
    from vnresolve.diacritics.lm import load

    assert NgramRestorer().lm is load(config.MODEL_DIR) is NgramRestorer(second_pass=True).lm


@pytest.fixture(scope="module")
def restorer():
    return NgramRestorer()


def _chan(r: NgramRestorer, text: str) -> dict[str, np.ndarray]:
    ws = words(text)
    sents = r.lattice.sentences(text, ws, mixtures(text, ws, r.lattice.syllables, r.config))
    return {it.word.text + f"@{it.word.start}": it.chan.copy() for s in sents for it in s if not isinstance(it, int)}


def _with_and_without(r: NgramRestorer, text: str) -> tuple[dict, dict]:
    lattice = r.lattice
    table = lattice.capitals
    try:
        lattice.slots.clear()
        on = _chan(r, text)
        lattice.capitals = None
        lattice.slots.clear()
        off = _chan(r, text)
    finally:
        lattice.capitals = table
        lattice.slots.clear()
    return on, off


def test_title_case_word_inside_a_sentence_gets_the_evidence(restorer):
    on, off = _with_and_without(restorer, "Sang nay dong chi Nam da den lam viec voi xa Dong Hai")
    changed = {k for k in on if not np.array_equal(on[k], off[k])}
    assert {"Nam@18", "Dong@45", "Hai@50"} == changed
    assert "Sang@0" not in changed  # a sentence's first word is capitalised anyway
    assert not any(k[0].islower() for k in changed)
    # the evidence only lowers the readings less often written so, never the likeliest one
    for k in changed:
        assert np.all(on[k] <= off[k]) and np.any(on[k] == off[k])


def test_never_for_a_rival_of_a_word_the_author_marked(restorer):
    text = "Sang nay dong chi Năm da den lam viec voi xa Dong Hai"
    on, off = _with_and_without(restorer, text)
    assert {k for k in on if not np.array_equal(on[k], off[k])} - {"Năm@18"} == {"Dong@45", "Hai@50"}
    # the printed marks may be a name's own: the capital only lowers readings written so less often
    # than the printed one ('nam' is no likelier a name here than 'năm'), never raises one over it
    ws = words(text)
    sents = restorer.lattice.sentences(text, ws, mixtures(text, ws, restorer.lattice.syllables, restorer.config))
    slot = next(it for s in sents for it in s if not isinstance(it, int) and it.word.text == "Năm")
    printed = [o for o, _c in slot.options].index("năm")
    gain = on["Năm@18"] - off["Năm@18"]
    assert gain[printed] == 0 and np.all(gain <= 0)


def test_not_after_punctuation_and_on_ocr_words_only_in_a_name(restorer):
    on, off = _with_and_without(restorer, "Ket qua dat duoc: Nam nay tang truong kha, Hai quy dau tot")
    assert all(np.array_equal(on[k], off[k]) for k in on)
    # in OCR text a lone capital may be a mangled letter (Pai, Pang, Tinh): only a run of
    # title-case words, a name (Long Hai), gets the evidence
    mangled = ("Nghi quyét Pai hoi Pang bd tinh lin thir XV cta Pang bd Tinh dé ra muc tiéu Long "
               "Hai nim tdi vé phat trién kinh té x4 hoi cta tinh")
    on, off = _with_and_without(restorer, mangled)
    assert {k for k in on if not np.array_equal(on[k], off[k])} == {f"Long@{mangled.index('Long')}", f"Hai@{mangled.index('Hai')}"}
    # a name's words are title-case wherever it stands: the first word of a sentence too
    mangled = ("Nghi quyét Pai hoi Pang bd tinh lin thir XV cta Pang bd Tinh dé ra muc tiéu. Long "
               "Hai nim tdi vé phat trién kinh té x4 hoi cta tinh")
    on, off = _with_and_without(restorer, mangled)
    assert {k for k in on if not np.array_equal(on[k], off[k])} == {f"Long@{mangled.index('Long')}", f"Hai@{mangled.index('Hai')}"}


def test_capital_evidence_decides_a_place_name(restorer):
    # 'hai' (two) is the common word; written 'Hai' after a place word it is the name's Hải
    out = restorer.restore_text("Cong ty Dong Hai vua khanh thanh nha may moi")
    assert "Đông Hải" in out
    assert "hai" in restorer.restore_text("Cong ty co hai nha may moi")


def test_the_table_follows_the_vocabulary_it_was_built_for(tmp_path):
    import random

    from training import train

    rng = random.Random(3)
    words = ["nam", "năm", "nay", "về", "hôm", "qua", "quê", "mới", "học", "đi"]
    sents = [[rng.choice(words) for _ in range(rng.randint(3, 8))] for _ in range(400)]
    train.build_lm(sents, tmp_path)
    n = capitals.build(["Hôm nay Nam về, năm nay Nam về"], tmp_path, SMOOTHING)
    table = capitals.load(tmp_path, n)
    assert table is not None and len(table) == n == 5 + len(words)
    with pytest.raises(ValueError, match="another model"):
        capitals.load(tmp_path, n + 1)
    train.build_lm(sents + [["một", "từ", "mới"], ["từ", "nay", "về"]] * 2, tmp_path)
    # a new vocabulary: the old table goes
    assert capitals.load(tmp_path, n + 2) is None and not (tmp_path / capitals.FILE).exists()
