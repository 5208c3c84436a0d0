"""The neural scorer's training data (training/train_neural.py): which documents it reads and how
(torch is not needed for this part)."""

from __future__ import annotations

import lzma

import numpy as np

from training import train_neural as tn
from training.corpus import is_held_out


def write_news(path, docs: list[str]) -> None:
    with lzma.open(path, "wt", encoding="utf-8") as fh:
        fh.write("\n\n".join(docs) + "\n")


def mark(k: int) -> str:
    """A word of letters that only document k holds."""
    return "tin" + chr(ord("a") + k // 26) + chr(ord("a") + k % 26)


def test_news_documents_held_out_are_never_read_and_tone_placement_is_normalised(tmp_path, monkeypatch):
    monkeypatch.setattr(tn, "CACHE", tmp_path / "cache")
    (tmp_path / "vlc").mkdir()
    (tmp_path / "viwiki").mkdir()
    (tmp_path / "vlc" / "luat.txt").write_text("Luật này có hiệu lực thi hành.\n", encoding="utf-8")
    (tmp_path / "news").mkdir()
    # one word of its own per document, so the stream shows which documents were read
    docs = [f"Tin số {k}: văn hoá {mark(k)}.\nDòng hai." for k in range(60)]
    write_news(tmp_path / "news" / "vntc-chinh-tri-xa-hoi.txt.xz", docs)
    write_news(tmp_path / "news" / "baomoi-2017.txt.xz", docs[:10])
    held = [k for k in range(60) if is_held_out(f"news/vntc-chinh-tri-xa-hoi/{k}")]
    assert held, "the test's documents hold none the corpus rule keeps out"

    sources = tn.read_sources(tmp_path, with_news=True)
    by_name = {s.name: s for s in sources}
    genre = by_name["vntc-chinh-tri-xa-hoi"]
    read = {w for s in (genre.train, genre.dev) for w in np.asarray(genre.types)[s]}
    for k in range(60):
        assert (mark(k) in read) != (k in held)
    assert "hóa" in read and "hoá" not in read  # the LM's tone placement
    # the in-genre source is drawn twice as often as the other news, vlc + viwiki OWN_WEIGHT times
    assert genre.weight == 2 * by_name["baomoi-2017"].weight
    assert by_name["vlc-viwiki"].weight == tn.OWN_WEIGHT
    assert tn.read_sources(tmp_path, with_news=False)[0].weight == 1

    # read from the cache the second time: the same streams
    again = {s.name: s for s in tn.read_sources(tmp_path, with_news=True)}
    assert again["baomoi-2017"].types == by_name["baomoi-2017"].types
    np.testing.assert_array_equal(again["baomoi-2017"].train, by_name["baomoi-2017"].train)


def test_encoding_marks_what_there_is_to_learn():
    src = tn.Source("t", [tn.BOUND, "thế", "giới", "xyz"], np.array([0, 1, 2, 3, 0], np.uint32),
                    np.array([0], np.uint32), 1)
    in_vocab = list(tn.IN_SPECIALS) + ["gioi", "the"]
    out_vocab = ["giới", "thế", "thể"]
    table = tn.groups(in_vocab, out_vocab)
    inp, tgt = tn.encode(src, in_vocab, out_vocab, table)
    assert [in_vocab[i] for i in inp] == [tn.BOUND, "the", "gioi", tn.UNK_IN, tn.BOUND]
    # thế: its place in the group of 'the' (thế, thể); giới has no other reading, xyz none
    assert tgt.tolist() == [-1, 0, -1, -1, -1]


def test_average_is_the_mean_of_the_weights_and_refuses_other_vocabularies_or_shapes(tmp_path):
    def weights(path, words: str, value: float, dim: int = 3) -> None:
        np.savez(path, in_vocab=np.array(words), out_vocab=np.array("a\nà"), dilations=np.array([1], np.int32),
                 emb=np.full((2, dim), value, np.float16))

    weights(tmp_path / "a.npz", "<pad>\nthe", 1.0)
    weights(tmp_path / "b.npz", "<pad>\nthe", 2.0)
    weights(tmp_path / "c.npz", "<pad>\nthi", 2.0)
    weights(tmp_path / "d.npz", "<pad>\nthe", 2.0, dim=1)  # same vocabularies, another width: broadcasts
    tn.average([tmp_path / "a.npz", tmp_path / "b.npz"], tmp_path / "mean.npz")
    with np.load(tmp_path / "mean.npz") as z:
        assert z["emb"].dtype == np.float16 and np.all(z["emb"] == 1.5)
        assert str(z["in_vocab"]) == "<pad>\nthe" and z["dilations"].tolist() == [1]
    for other in ("c.npz", "d.npz"):
        try:
            tn.average([tmp_path / "a.npz", tmp_path / other], tmp_path / "bad.npz")
        except ValueError as err:
            assert "differ" in str(err)
        else:
            raise AssertionError(f"{other}: weights of other vocabularies or shapes were averaged")
        assert not (tmp_path / "bad.npz").exists()
