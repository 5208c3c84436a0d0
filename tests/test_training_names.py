"""training/names.py: the name words are counted from the documents the corpus split keeps for
training, so that no held-out document a benchmark draws sentences from decides what is a name."""

from __future__ import annotations

import lzma

from training import names
from training.corpus import is_held_out


def test_name_words_are_counted_from_training_documents_only(tmp_path):
    (tmp_path / "vlc").mkdir()
    (tmp_path / "news").mkdir()
    for k in range(50):
        (tmp_path / "vlc" / f"luat{k}.txt").write_text("Hôm nay ông Nguyễn Văn Hùng phát biểu.\n", encoding="utf-8")
    with lzma.open(tmp_path / "news" / "bao-thu.txt.xz", "wt", encoding="utf-8") as fh:
        fh.write("\n\n".join("Hôm qua bà Trần Thị Lan đến dự." for _ in range(75)) + "\n")
    vlc_kept = sum(not is_held_out(f"vlc/luat{k}.txt") for k in range(50))
    news_kept = sum(not is_held_out(f"news/bao-thu/{k}") for k in range(75))
    assert vlc_kept < 50 and news_kept < 75  # the split holds some of each out, or this tests nothing

    found = list(names.training_documents(tmp_path))
    assert len(found) == vlc_kept + news_kept and not any(is_held_out(name) for name, _ in found)
    uses, docs = names.count(tmp_path)
    assert (docs["Văn"], docs["Hùng"]) == (vlc_kept, vlc_kept)
    assert (docs["Thị"], docs["Lan"], uses["Lan"]) == (news_kept, news_kept, news_kept)
