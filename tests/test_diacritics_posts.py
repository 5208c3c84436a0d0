"""A post's title read without its marks (a signature block's line, a 'Nơi nhận' item) is the post."""

from __future__ import annotations

import pytest

from vnresolve.diacritics import load_restorer

# Sentences written for these tests (not taken from the evaluation seeds 000/001).
HEAD = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nQUYẾT ĐỊNH\n"
        "Về việc phân công nhiệm vụ cho các đơn vị thuộc Bộ trong năm tới\n\n")


@pytest.fixture(scope="module")
def restorer():
    return load_restorer("default")


def tail(restorer, text: str) -> str:
    return restorer.restore_text(HEAD + text)[len(HEAD):]


@pytest.mark.parametrize("line, post", [
    ("Vu trudng", "Vụ trưởng"),  # alone on its line: the LM alone reads Vũ trường
    ("KT. BỘ TRƯỞNG\nVU TRUONG", "KT. BỘ TRƯỞNG\nVỤ TRƯỞNG"),
    ("Q. VU TRUONG", "Q. VỤ TRƯỞNG"),
    ("VU TRUDNG VỤ PHÁP CHẾ", "VỤ TRƯỞNG VỤ PHÁP CHẾ"),  # a mangled capital word no marking makes a syllable
    ("Chanh Van phong", "Chánh Văn phòng"),
    ("Phó Vu trudng Vụ Tổ chức", "Phó Vụ trưởng Vụ Tổ chức"),
])
def test_a_post_in_its_written_case_is_restored_as_the_post(restorer, line, post):
    assert tail(restorer, line) == post


def test_a_post_wrapped_over_two_lines_of_english_model_ocr_is_the_post(restorer):
    text = "giam sat viec giai quyét khiéu nai, t6 cdo cia Chi\n\ntich Uy ban nhén d&n x, phwéng"
    assert "của Chủ\n\ntịch Ủy ban" in restorer.restore_text(text)


def test_a_name_or_a_marked_word_that_spells_a_post_is_left_alone(restorer):
    # two title-case words are a name's case, not a post's ('Vụ trưởng'); marks the text has stay
    assert tail(restorer, "Ông Vu Truong") == "Ông Vu Truong"
    assert tail(restorer, "VŨ TRƯỜNG") == "VŨ TRƯỜNG"


def test_acronyms_beside_a_post_stay_acronyms(restorer):
    text = "SỞ GTVT TP HN\nVU TRUONG\nTP. HCM, HN, VP UBND"
    assert tail(restorer, text) == "SỞ GTVT TP HN\nVỤ TRƯỞNG\nTP. HCM, HN, VP UBND"


def test_other_words_of_a_capitals_line_never_become_a_post(restorer):
    # English-model OCR: 'TRONG' and 'BA' have trưởng and ban among their far readings
    text = "Nghi quyét Pai hoi Pang bd tinh lan thir nhat\nCONG TY CHUYEN TRONG BA LINH VUC SAN XUAT"
    assert "TRƯỞNG BAN" not in restorer.restore_text(text)


def test_a_post_s_letters_inside_a_sentence_are_left_to_the_context(restorer):
    # a post stands first on its line, after an item's dash, an authority mark or 'Phó'; in a
    # sentence the same letters are other words, and the blank line of a wrap ends no name
    text = "Cac co so karaoke va vu truong phai dang ky. Vu truong hoat dong den 24 gio."
    assert "Vũ trường hoạt động" in restorer.restore_text(text)
    assert "tịch cực" not in restorer.restore_text("Giao cho ong Le Van Chu\n\ntich cuc phoi hop voi cac don vi.")
    assert tail(restorer, "- Chanh Van phong;") == "- Chánh Văn phòng;"
