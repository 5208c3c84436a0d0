"""An English-model OCR word damaged beyond the candidate key's radius is still read where the
channel knows its damage, and a foreign word none of whose readings the channel believes stays."""

from __future__ import annotations

import pytest

from vnresolve.diacritics import load_restorer

# Sentences written for these tests (not taken from the evaluation seeds 000/001).
LINE = "Nghi quyét Pai hoi Pang bd tinh ve ké hoach cia Ban quan ly {} quéc gia nam 2025"


@pytest.fixture(scope="module")
def restorer():
    return load_restorer("default")


def test_a_word_three_edits_from_its_key_is_restored(restorer):
    # 'vutdm': ờn read as 'tdm', three edits from the key 'vuon'
    assert "vườn quốc gia" in restorer.restore_text(LINE.format("vutdm"))


def test_a_foreign_word_stays_as_written(restorer):
    assert "Castor" in restorer.restore_text(LINE.format("Castor"))
