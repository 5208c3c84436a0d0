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


@pytest.mark.parametrize("text", [
    "Doanh nghiệp nộp mẫu CO cho cơ quan hải quan.",
    "Kiểm tra tính hợp lệ của CO và hóa đơn.",
    "Thiết bị được gắn nhãn MY và bảo hành hai năm.",
    "Đơn vị đo VA là vôn ampe.",
    "Trình bày kết quả theo mô hình SE-VA của dự án.",
    "Địa chỉ: 25 Lê Duẩn, BEN NGHE WARD, DISTRICT 1.",
], ids=["co-cho", "co-va", "my", "va", "se-va", "ben-nghe"])
def test_an_acronym_in_capitals_in_marked_text_stays(restorer, text):
    """'co', 'my', 'va' are seldom written bare as words of text, but in capitals among marked words
    they are an acronym or a code (C/O, a unit, an English address), never expanded."""
    assert restorer.restore_text(text) == text


def test_a_run_of_bare_capitals_in_a_marked_capitals_line_is_read_as_one(restorer):
    """'DE NHAT' is kept as written or restored whole, never half ('DE NHẤT')."""
    out = restorer.restore_text("Đơn vị thi công: CÔNG TY TNHH XÂY DỰNG DE NHAT.")
    run = out.rsplit("DỰNG ", 1)[1].rstrip(".").split()
    assert out.startswith("Đơn vị thi công: CÔNG TY TNHH XÂY DỰNG ") and len(run) == 2
    assert run == ["DE", "NHAT"] or all(not w.isascii() for w in run), out


@pytest.mark.parametrize("line, restored", [
    ("BÁO CÁO TÌNH HÌNH KINH TẾ-XA HỘI NĂM 2024", "BÁO CÁO TÌNH HÌNH KINH TẾ-XÃ HỘI NĂM 2024"),
    ("ỦY BAN NHÂN DÂN TỈNH BÀ RIA-VŨNG TÀU", "ỦY BAN NHÂN DÂN TỈNH BÀ RỊA-VŨNG TÀU"),
    ("THỪA THIEN-HUẾ", "THỪA THIÊN-HUẾ"),
    ("Kính gửi: Ủy ban nhân dân tỉnh BA RIA-VUNG TAU.", "Kính gửi: Ủy ban nhân dân tỉnh BÀ RỊA-VŨNG TÀU."),
], ids=["xa-hoi", "ba-ria", "thien-hue", "ba-ria-unmarked"])
def test_capitals_hyphen_joined_to_marked_capitals_are_words(restorer, line, restored):
    """A word hyphen-joined to a marked word is a word of a compound or a place, not a code; so is
    an unmarked pair that are a province's neighbouring words ('RIA-VUNG')."""
    assert restorer.restore_text(line + "\n").splitlines() == [restored]


@pytest.mark.parametrize("text, restored", [
    ("Hội nghị thống nhất thành lập Tổ công tác do đồng chí Lê Văn\nTuan làm tổ trưởng.", "Tuấn làm tổ trưởng."),
    ("Cử bà Trần Thị\nNhan, chuyên viên phòng Tổng hợp, làm thư ký.",
     "Nhàn, chuyên viên phòng Tổng hợp, làm thư ký."),
    ("Khen thưởng em Nguyễn Văn\nHung, học sinh lớp 9A, đạt giải nhất.", "Hùng, học sinh lớp 9A, đạt giải nhất."),
], ids=["tuan", "nhan", "hung"])
def test_a_name_wrapped_across_a_line_keeps_its_context(restorer, text, restored):
    """A line opening on an unmarked title-case word after a line ending on a name's word goes on
    that name: its given name is read with the name before it, not as a sentence's first word."""
    out = restorer.restore_text(text).splitlines()
    assert out == [text.splitlines()[0], restored]


@pytest.mark.parametrize("text, restored", [
    ("Kính gửi: Ủy ban nhân dân tỉnh Quảng\nNgai và Sở Tài chính.", "Ngãi và Sở Tài chính."),
    ("Hội nghị được tổ chức tại thành phố Hải\nPhong trong hai ngày.", "Phòng trong hai ngày."),
], ids=["quang-ngai", "hai-phong"])
def test_a_place_name_wrapped_across_a_line_keeps_its_context(restorer, text, restored):
    """A place's name the line broke ('tỉnh Quảng' / 'Ngai') goes on as a name does: its next word is
    read with the word before it."""
    out = restorer.restore_text(text).splitlines()
    assert out == [text.splitlines()[0], restored]


def test_a_hyphenated_code_in_capitals_stays_among_other_acronyms(restorer):
    """In a document of acronyms among marked words, 'SE-VA' is a code like 'QĐ-UBND', not 'và'."""
    text = ("Doanh nghiệp nộp mẫu CO cho cơ quan hải quan.\nKiểm tra tính hợp lệ của CO và hóa đơn.\n"
            "Thiết bị được gắn nhãn MY và bảo hành hai năm.\nĐơn vị đo VA là vôn ampe.\n"
            "Trình bày kết quả theo mô hình SE-VA của dự án.\nĐịa chỉ: 25 Lê Duẩn, BEN NGHE WARD, DISTRICT 1.\n")
    assert restorer.restore_text(text) == text


def test_a_stripped_label_after_a_line_ending_on_a_name_is_restored(restorer):
    """A line ending on a place's name is no name wrapped where the next line opens on a run typed
    without marks: 'Kinh gui:' starts its own sentence there too."""
    text = "Thực hiện chỉ đạo của Ủy ban nhân dân thành phố Hà Nội\nKinh gui: Các sở, ban, ngành\n"
    out = restorer.restore_text(text).splitlines()
    assert out == [text.splitlines()[0], "Kính gửi: Các sở, ban, ngành"]


@pytest.mark.parametrize("text, restored", [
    ("Ủy ban nhân dân tỉnh đề nghị các sở, ngành phối hợp thực hiện tốt các nội dung trên.\n"
     "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn Hùng\nNoi nhận:\n- Như trên;\n- Lưu: VT.\n",
     "Nơi nhận:"),
    ("Địa chỉ: số 52 đường Hùng Vương, phường Trần Phú, thành phố Quảng Ngãi\nDien thoại: 0255 3822 123.\n",
     "Điện thoại: 0255 3822 123."),
], ids=["noi-nhan-after-signer", "dien-thoai-after-address"])
def test_a_label_line_after_a_signer_or_an_address_is_restored(restorer, text, restored):
    """A line reading like a label (a colon within its first words) after a line ending on a name or
    a place starts its own sentence: no name wraps into it."""
    lines = text.splitlines()
    out = restorer.restore_text(text).splitlines()
    k = next(k for k, line in enumerate(lines) if line.startswith(("Noi", "Dien")))
    assert out[k] == restored
    assert out[:k] + out[k + 1:] == lines[:k] + lines[k + 1:]


def test_a_line_is_unmarked_capitals_whatever_its_length_and_its_neighbours():
    """Each word learns whether its own line is typed in unmarked capitals ('PHO CHU TICH'), in one
    pass: a marked capital, a lower-case word or a marked line beside it does not leak across lines."""
    from vnresolve.diacritics.lattice import capitals_lines
    from vnresolve.diacritics.tokens import words

    text = "KT. CHU TICH\nPHO CHU TICH 12/UBND\nỦY BAN NHÂN DÂN UBND\nNguyen Van A\n\nQD-UBND HĐND\n" + "CO " * 3000
    ws = words(text)
    flags = capitals_lines(text, ws)
    by_line: dict[int, set[bool]] = {}
    for w, flag in zip(ws, flags):
        by_line.setdefault(text.count("\n", 0, w.start), set()).add(flag)
    assert by_line == {0: {True}, 1: {True}, 2: {False}, 3: {False}, 5: {False}, 6: {True}}



@pytest.mark.parametrize("text, restored", [
    ("I. DU BAO TiNH HINH", "I. DỰ BÁO TÌNH HÌNH"),
    ("DU THAO\nQUYET DINH", "DỰ THẢO\nQUYẾT ĐỊNH"),
    ("DU THẢO\nQUYẾT ĐỊNH\nPhê duyệt đề án", "DỰ THẢO\nQUYẾT ĐỊNH\nPhê duyệt đề án"),
    ("QUYẾT ĐỊNH\nVỀ VIỆC PHÁT TRIỂN DU\nLỊCH CỘNG ĐỒNG", "QUYẾT ĐỊNH\nVỀ VIỆC PHÁT TRIỂN DU\nLỊCH CỘNG ĐỒNG"),
], ids=["heading", "stripped-draft-mark", "draft-mark", "line-end"])
def test_a_mangled_acronym_that_spells_a_word_is_the_word_where_the_language_says_so(restorer, text, restored):
    """'DU' is English-model OCR's ĐU (Đảng ủy) and also dự and du: beside one word in capitals (a line's
    first or last word) the acronym is one reading among the word's, and 'DỰ THẢO', 'DU LỊCH' win."""
    assert restorer.restore_text(text) == restored
    # in a symbol it stays as written, for the parsers to mend
    assert restorer.restore_text("Số: 12-NQ/DU") == "Số: 12-NQ/DU"


@pytest.mark.parametrize("text, restored", [
    ("cac dong chi DU vien", "các đồng chí ĐU viện"), ("Chi bo DU", "Chi bộ ĐU"), ("UBND DU", "UBND ĐU"),
    ("DANG UY XA AN PHU\nDU", "ĐẢNG ỦY XÃ AN PHÚ\nĐU"), ("T/M BTV DU", "T/M BTV ĐU"),
], ids=["among-small-letters", "after-a-word", "after-an-acronym", "alone-on-its-line", "after-btv"])
def test_a_mangled_acronym_among_small_letters_alone_or_beside_an_acronym_stays_the_acronym(restorer, text, restored):
    """Only a word in capitals beside it that spells a syllable makes the word's reading one to weigh: the LM
    would otherwise take a word ('DỰ', 'ĐỦ') for the Party committee's acronym wherever it stands."""
    assert restorer.restore_text(text) == restored
