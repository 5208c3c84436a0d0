"""Clean and `vie` OCR text: names, foreign words and list letters keep what the page printed, and a
document's own confident readings mend a misread mark. Sentences written for these tests."""

from __future__ import annotations

import pytest

from vnresolve.diacritics import load_restorer


@pytest.fixture(scope="module")
def restorer():
    return load_restorer("default")


def test_a_mark_ocr_put_on_a_list_items_letter_is_dropped(restorer):
    text = ("g) Tổng số cử tri đã đi bỏ phiếu;\n\nh) Số phiếu hợp lệ và số phiếu không hợp lệ;\n\n"
            "ï) Số phiếu bầu cho mỗi người ứng cử;")
    out = restorer.restore_text(text)
    assert [line[:2] for line in out.splitlines() if line] == ["g)", "h)", "i)"]


@pytest.mark.parametrize("text, word", [
    ("Đồng tiền giấy kip đầu tiên của Lào được phát hành sau năm 1950, thay cho đồng bạc Đông Dương.", "kip"),
    ("Năm 1950 tỷ giá là 1 đô la đổi được 360 yen theo quy định của Nhật.", "yen"),
    ("Ông từng học tại MIT rồi về nước giảng dạy ở trường đại học.", "MIT"),
])
def test_a_word_without_marks_that_spells_no_syllable_stays_in_clean_text(restorer, text, word):
    assert word in restorer.restore_text(text).split()


@pytest.mark.parametrize("text", [
    "Hòn đảo nằm ở tọa độ 10°20' Bắc, 107°05' Đông (10.33, 107.08).",
    "Ngọn núi cao 2.400 m, ở tọa độ 22°18' Bắc, 103°46' Đông (22.3, 103.7), thuộc tỉnh Lào Cai.",
])
def test_a_marked_title_case_word_after_a_number_keeps_its_capitals_evidence(restorer, text):
    """'Đông' after a coordinate: the LM sees a number and prefers 'đồng' (money); written with a capital
    inside a sentence it is the direction."""
    assert restorer.restore_text(text) == text


def test_a_marked_name_word_after_another_word_keeps_its_mark(restorer):
    text = "Họ Cói là một họ thực vật có hoa, gồm khoảng 98 chi với chừng 5.500 loài."
    assert restorer.restore_text(text) == text


def test_a_name_wrapped_over_a_blank_line_is_one_sentence(restorer):
    text = "Dân số của cả vùng đô thị Viêng\n\nChăn (gồm các huyện nông thôn quanh thủ đô) đã tăng nhanh."
    assert len(restorer.passes.first(text, False).sents) == 1
    assert len(restorer.passes.first(text.replace("Viêng\n", "Viêng.\n"), False).sents) == 2  # a full stop ends it
    assert restorer.restore_text(text) == text


def test_a_documents_confident_readings_mend_a_misread_mark(restorer):
    """'dãy' read confidently four times in the document: the second pass takes it for the one word
    the first pass was unsure of ('một đãy cao nguyên', a stroke the OCR added)."""
    text = ("Phía tây của tỉnh là một dãy núi đá vôi dài. Dãy núi này chắn gió mùa đông bắc. Phía nam có một "
            "dãy đồi thấp chạy theo bờ sông. Giữa hai dãy núi là một thung lũng rộng. Phía bắc còn có một đãy "
            "cao nguyên đá vôi chạy suốt từ biên giới xuống.")
    out = restorer.restore_text(text)
    assert "một dãy cao nguyên" in out
    assert out == text.replace("một đãy", "một dãy")
