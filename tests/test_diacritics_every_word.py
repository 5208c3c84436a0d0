"""The restorer's reading of every word (restore's every_word), which the catalogue's language check
reads: the same text and changes as restore(), and a confidence for each word kept as it stands."""

from __future__ import annotations

from vnresolve.diacritics import load_restorer


def test_every_word_records_each_word_read_with_its_confidence():
    """restore(text, every_word=True): the same text and the same changes, plus a record for each word
    kept as it stands, with how sure the restorer is of it ('du' of 'đi du lịch' has readings with
    marks: 'dự', 'dù'); passthrough reads no word and records none."""
    restorer = load_restorer("default")
    text = "chung toi di du lich o Da Nang"
    plain, every = restorer.restore(text), restorer.restore(text, every_word=True)
    assert every.text == plain.text == "chúng tôi đi du lịch ở Đà Nẵng"
    assert len(every.changes) == every.tokens == len(text.split())
    assert [c for c in every.changes if c.restored != c.original] == plain.changes
    du = next(c for c in every.changes if c.original == "du")
    assert du.restored == "du" and du.alternatives and 0 < du.confidence < 1
    assert load_restorer("passthrough").restore(text, every_word=True).changes == []
