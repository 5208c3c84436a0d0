"""An accent-stripped label or line inside well-marked text (a công văn typed partly without marks:
'Kinh gui:', 'Noi nhan:', 'Luu:') is restored, while the marked text around it, its acronyms and
codes, and clean text with unmarked words of its own stay as printed (issue #24). Texts written for
these tests."""

from __future__ import annotations

import pytest

from vnresolve.diacritics import load_restorer

HEADER = "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI\nSố: 12/UBND-KT\nV/v triển khai thực hiện kế hoạch năm 2024\n"
BODY = "Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh về việc tăng cường công tác quản lý.\n"


@pytest.fixture(scope="module", params=["default", "fast"])
def restorer(request):
    return load_restorer(request.param)


def test_a_stripped_label_line_under_a_subject_line_is_restored(restorer):
    """The subject line ends without a stop, so the label was read as that sentence going on
    ('năm 2024 kinh …'), and 'Kinh' as a name inside it."""
    text = HEADER + "Kinh gui: Các sở, ban, ngành tỉnh\n" + BODY + "Noi nhan:\n- Như trên;\n- Luu: VT.\n"
    out = restorer.restore_text(text).splitlines()
    assert out[3] == "Kính gửi: Các sở, ban, ngành tỉnh"
    assert out[5:] == ["Nơi nhận:", "- Như trên;", "- Lưu: VT."]
    assert out[:3] == HEADER.splitlines() and out[4] == BODY.strip()


@pytest.mark.parametrize("before, line, restored", [
    (BODY, "Kinh gui: Các sở, ban, ngành tỉnh", "Kính gửi: Các sở, ban, ngành tỉnh"),
    ("Số: 125/QĐ-UBND\n", "Kinh gui: Ủy ban nhân dân các huyện, thành phố",
     "Kính gửi: Ủy ban nhân dân các huyện, thành phố"),
], ids=["after-a-sentence", "after-a-number-line"])
def test_a_stripped_label_line_after_a_sentence_or_code_is_restored(restorer, before, line, restored):
    """'gui' is written without marks in half a percent of its letters' uses: no word of clean text
    to guard, and 'Kinh' beside it is no more one than 'gui' is."""
    out = restorer.restore_text(before + line + "\n")
    assert out.splitlines() == before.splitlines() + [restored]


def test_a_stripped_date_and_signature_are_restored_and_codes_stay(restorer):
    text = (HEADER + "Quảng Ngãi, ngay 15 thang 3 nam 2024\n" + BODY
            + "Noi nhan:\n- Như trên;\n- Luu: VT, TTHC, UBND.\nKT. CHỦ TỊCH\nPHO CHU TICH\n"
            + "Giam doc Sở Tài chính\nChu tich UBND tỉnh\n")
    out = restorer.restore_text(text).splitlines()
    assert out[3] == "Quảng Ngãi, ngày 15 tháng 3 năm 2024"
    assert out[1] == "Số: 12/UBND-KT"
    assert out[7] == "- Lưu: VT, TTHC, UBND."
    assert out[9:] == ["PHÓ CHỦ TỊCH", "Giám đốc Sở Tài chính", "Chủ tịch UBND tỉnh"]


@pytest.mark.parametrize("text", [
    # unmarked words of clean text that are words as written: con, sang, ban, kinh, khai, Nam
    "Ủy ban nhân dân tỉnh giao Sở Kế hoạch và Đầu tư chủ trì, phối hợp với các sở, ban, ngành triển khai "
    "thực hiện; báo cáo kết quả về Văn phòng trước ngày 30 tháng 6 năm 2024.",
    "Gia đình có hai con nhỏ, sang năm chuyển về sinh sống tại thành phố Hồ Chí Minh để phát triển kinh tế.",
    "Lưu: VT, KTTH, TTHC.\nKinh phí thực hiện do ngân sách tỉnh bảo đảm theo quy định hiện hành.",
    "Thôn Làng Mon, xã Sơn Long, huyện Sơn Tây, tỉnh Quảng Ngãi nằm ở phía nam của tỉnh.",
    # a name opening a line goes on the sentence before it
    "Liên Xô gia nhập phe Đồng Minh sau khi\nAdolf Hitler tấn công vào đất Liên Xô.",
])
def test_clean_marked_text_is_untouched(restorer, text):
    assert restorer.restore_text(text) == text
