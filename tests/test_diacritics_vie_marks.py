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


CLEAN_BEFORE = ("Ủy ban nhân dân tỉnh đã tổ chức hội nghị tổng kết công tác năm với sự tham gia của các sở, "
                "ngành.")
CLEAN_AFTER = "Các đơn vị có trách nhiệm triển khai thực hiện nghiêm túc các nội dung của kế hoạch này."


def test_a_stripped_run_inside_clean_text_is_restored(restorer):
    """Words without marks beside each other are stripped text, whatever the document around them: the
    rule that reads an unmarked word by the mark channel alone is for one among marked words."""
    out = restorer.restore_text(f"{CLEAN_BEFORE} Noi nhan: So Tai chinh, Kho bac Nha nuoc tinh Dien Bien. {CLEAN_AFTER}")
    assert "Nơi nhận:" in out and "Kho bạc Nhà nước tỉnh Điện Biên." in out
    assert out.startswith(CLEAN_BEFORE) and out.endswith(CLEAN_AFTER)


def test_a_stripped_heading_between_clean_paragraphs_is_restored(restorer):
    text = f"{CLEAN_BEFORE}\n\nCHUONG TRINH HANH DONG\n\n{CLEAN_AFTER}"
    assert restorer.restore_text(text) == text.replace("CHUONG TRINH HANH DONG", "CHƯƠNG TRÌNH HÀNH ĐỘNG")


@pytest.mark.parametrize("text", [
    ("Chợ vẫn họp từ sáng sớm. Người bán vẫn bày hàng ra. Khách vẫn đến đông như mọi ngày. Bà chủ quán vẫn "
     "nấu từ bốn giờ sáng. Chờ lúc vãn khách, bà mới nghỉ tay."),
    ("Cửa hàng mở từ sáng sớm. Quán mở cả ngày lẫn đêm. Chợ mở cửa đến tối. Thịt ba chỉ vừa đủ mỡ đủ nạc, "
     "không thừa không thiếu."),
])
def test_the_documents_cache_leaves_a_printed_rare_homograph_alone(restorer, text):
    """A syllable printed with its marks is no misread of a reading common elsewhere in the document."""
    assert restorer.restore_text(text) == text


def test_a_marked_word_of_a_place_name_keeps_its_mark(restorer):
    """A marked title-case word's capital speaks against readings seldom capitalised ('Họ Cói' is no
    coi), never for a rival over the printed marks: capitals of common words cannot know a name's."""
    text = "Sáng nay đoàn ghé Phố Cáo trước khi lên cao nguyên đá."
    assert restorer.restore_text(text) == text


def test_one_use_in_a_short_document_does_not_outvote_the_lm(restorer):
    """A short document's one confident 'nội' is no habit of its own: a letter's stripped 'Noi nhan:'
    label is read as the LM reads it."""
    text = "Hội nghị bàn về nội dung kế hoạch. Các ý kiến đã được tiếp thu.\nNoi nhan:\n- Như trên;\n- Lưu: VT."
    assert restorer.restore_text(text) == text.replace("Noi nhan:", "Nơi nhận:")


def test_a_names_reading_does_not_feed_the_common_words_cache(restorer):
    """A title-case name's reading ('Dung') vouches only for title-case words, not for 'người tiêu dùng'."""
    text = "Bà Nguyễn Thị Dung là chủ tịch hội bảo vệ quyền lợi người tiêu dung của tỉnh."
    assert restorer.restore_text(text) == text.replace("tiêu dung", "tiêu dùng")


@pytest.mark.parametrize("name, written", [("Thoả", "Thỏa"), ("Hoà", "Hòa"), ("Khoẻ", "Khỏe"), ("Thỏa", "Thỏa")])
def test_a_name_with_its_tone_on_the_older_place_keeps_its_mark(restorer, name, written):
    """'Thoả' is the syllable 'thỏa' with its tone on the older place: its mark stays, written in the
    restorer's one placement style."""
    text = f"Bà Nguyễn Thị {name} là kế toán."
    assert restorer.restore_text(text) == text.replace(name, written)


_SIGN = "\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n"


@pytest.mark.parametrize("body", [
    "Giao ông Nguyễn Văn Thưởng chủ trì thực hiện.",
    "Giao ông Nguyễn Văn Thưởng chủ trì thực hiện. Ông Nguyễn Văn Thưởng báo cáo kết quả."])
def test_a_stripped_signature_takes_the_marks_of_its_name_in_the_body(restorer, body):
    """A name printed with its marks in the body is the name's own spelling, however short the
    document: the signature's stripped copy is read so."""
    out = restorer.restore_text(body + _SIGN + "Nguyen Van Thuong")
    assert out.endswith("\nNguyễn Văn Thưởng")


def test_a_common_words_uses_do_not_vouch_for_a_names_word(restorer):
    """The document's many 'điều chỉnh' say nothing of the signer's name: `vie` OCR's 'Chỉnh' of a
    signature printed 'Lê Trung Chinh' is read as the name's capitals read it."""
    body = ("Ủy ban nhân dân thành phố đề nghị điều chỉnh quy hoạch chung. Sở Xây dựng điều chỉnh hồ sơ "
            "theo ý kiến góp ý.\nCác đơn vị điều chỉnh kế hoạch vốn năm 2024 và báo cáo kết quả điều chỉnh.")
    assert restorer.restore_text(body + _SIGN + "Lê Trung Chỉnh").endswith("\nLê Trung Chinh")
