"""A sentence the OCR broke across lines it set apart with a blank line is still one sentence to the LM."""

from __future__ import annotations

import pytest

from vnresolve.diacritics import load_restorer

# Sentences written for these tests (not taken from the evaluation seeds 000/001), as English-model OCR
# leaves Vietnamese: marks lost or misread.
WRAPPED = [
    ("cac co quan chiu trach nhiém bao", "vé moi truong sinh thai ciia dia phuong"),
    ("ngan sdch nha nude duge phan", "bo cho cac xa theo so dan"),
    ("hang hoa duge ban tai thi truong quéc", "té va thi truong trong nuéc"),
]


@pytest.fixture(scope="module")
def restorer():
    return load_restorer("default")


def sentence_count(restorer, text: str) -> int:
    return len(restorer.passes.first(text, False).sents)


def test_a_blank_line_before_a_small_letter_does_not_end_the_sentence(restorer):
    head, rest = WRAPPED[0]
    assert sentence_count(restorer, f"{head}\n\n{rest}") == 1
    assert sentence_count(restorer, f"{head}.\n\n{rest}") == 2  # a full stop ends it
    assert sentence_count(restorer, f"{head}\n\n{rest.capitalize()}") == 2  # a capital starts another


@pytest.mark.parametrize("head, rest", WRAPPED)
def test_words_wrapped_over_a_blank_line_read_as_over_a_line_break(restorer, head, rest):
    apart = restorer.restore_text(f"{head}\n\n{rest}").split()
    together = restorer.restore_text(f"{head}\n{rest}").split()
    assert apart == together
