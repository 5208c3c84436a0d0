"""The dev error breakdown (benchmarks/restoration_errors.py) sorts each word error by its cause."""

from __future__ import annotations

import pytest

from benchmarks.restoration_errors import ocr_errors, stripped_errors
from vnresolve.diacritics import load_restorer


@pytest.fixture(scope="module")
def restorer():
    return load_restorer("default")


def test_a_page_restored_right_has_no_errors(restorer):
    page = {"ocr": "Nghi quyet Dai hoi Dang bo tinh", "truth": "Nghị quyết Đại hội Đảng bộ tỉnh"}
    kinds, pairs = ocr_errors(restorer, [page])
    assert not kinds and not pairs


def test_a_reading_among_the_candidates_not_chosen_is_a_choice_error(restorer):
    # the truth says 'hồi', a reading of 'hoi' the context does not favour
    page = {"ocr": "Nghi quyet Dai hoi Dang bo tinh", "truth": "Nghị quyết Đại hồi Đảng bộ tỉnh"}
    kinds, pairs = ocr_errors(restorer, [page])
    assert kinds == {"choice": 1} and pairs == {("hồi", "hội"): 1}


def test_a_word_the_ocr_dropped_is_counted_apart(restorer):
    page = {"ocr": "Nghi quyet Dai hoi tinh", "truth": "Nghị quyết Đại hội Đảng bộ tỉnh"}
    kinds, _ = ocr_errors(restorer, [page])
    assert kinds == {"words inserted, dropped or merged by the OCR": 2}


def test_stripped_errors_name_the_right_and_the_chosen_reading(restorer):
    n, pairs = stripped_errors(restorer, ["Nghị quyết Đại hội Đảng bộ tỉnh",
                                          "Nghị quyết Đại hồi Đảng bộ tỉnh"])
    assert n == 14 and pairs == {("hồi", "hội", True): 1}
