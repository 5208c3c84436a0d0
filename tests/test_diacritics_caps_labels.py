"""A document number's label typed without marks ('So: 123/QĐ-UBND') reads Số; labels and headings
typed in capitals without marks inside marked text ('KINH GUI:', 'NOI NHAN:', 'DOC LAP - TU DO -
HANH PHUC') and a run of such capitals ('DE NHAT') are restored whole, while acronyms and codes in
capitals (HN, TP, UBND, CO) and the marked text around stay as printed (issue #24). Texts written for
these tests."""

from __future__ import annotations

import pytest

from vnresolve.diacritics import load_restorer

HEAD = "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ ĐÀ NẴNG\n"
BODY = "Đà Nẵng, ngày 12 tháng 3 năm 2021\nV/v triển khai kế hoạch năm 2021\n"


@pytest.fixture(scope="module", params=["default", "fast"])
def restorer(request):
    return load_restorer(request.param)


@pytest.mark.parametrize("line, restored", [
    ("So: 123/QD-UBND", "Số: 123/QD-UBND"),
    ("So: 45/2021/ND-CP", "Số: 45/2021/ND-CP"),
    ("So 12/CT-UBND", "Số 12/CT-UBND"),
    ("SO: 07/KH-UBND", "SỐ: 07/KH-UBND"),
], ids=["colon", "decree", "no-colon", "capitals"])
def test_a_number_label_without_marks_in_a_marked_document_reads_so(restorer, line, restored):
    """In marked text 'So' is a plain word the guard keeps; before a colon and a number, or a
    code's number, it is the document number's label."""
    out = restorer.restore_text(HEAD + line + "\n" + BODY).splitlines()
    assert out == HEAD.splitlines() + [restored] + BODY.splitlines()


def test_a_number_label_in_a_stripped_document_is_no_department(restorer):
    """Under 'SO TAI CHINH' (Sở) the label is still Số."""
    out = restorer.restore_text("UBND TINH QUANG NGAI\nSO TAI CHINH\nSo: 123/STC-NS\nV/v bao cao quyet toan\n")
    assert out.splitlines() == ["UBND TỈNH QUẢNG NGÃI", "SỞ TÀI CHÍNH", "Số: 123/STC-NS", "V/v báo cáo quyết toán"]


@pytest.mark.parametrize("text, restored", [
    ("So voi nam truoc, so luong tang.", "So với năm trước, số lượng tăng."),
    ("Ty le nay cao hon so voi cung ky.", "Tỷ lệ này cao hơn so với cùng kỳ."),
    ("Can cu Nghi dinh so 45/2021/ND-CP ngay 31 thang 3 nam 2021;",
     "Căn cứ Nghị định số 45/2021/ND-CP ngày 31 tháng 3 năm 2021;"),
    ("Doanh thu tăng 12% so với năm 2020.", "Doanh thu tăng 12% so với năm 2020."),
], ids=["so-voi", "hon-so-voi", "decree-in-text", "clean-so-voi"])
def test_so_in_running_text_is_read_by_its_context(restorer, text, restored):
    assert restorer.restore_text(text) == restored


@pytest.mark.parametrize("line, restored", [
    ("KINH GUI: Các sở, ban, ngành tỉnh", "KÍNH GỬI: Các sở, ban, ngành tỉnh"),
    ("KINH GUI:", "KÍNH GỬI:"),
    ("NOI NHAN:", "NƠI NHẬN:"),
    ("QUYET DINH:", "QUYẾT ĐỊNH:"),
], ids=["kinh-gui-line", "kinh-gui", "noi-nhan", "quyet-dinh"])
def test_a_label_in_capitals_without_marks_under_a_subject_line_is_restored(restorer, line, restored):
    """A label opening its line starts its own sentence (not 'năm 2021 kinh'), and its words are
    no acronyms where they open the line before a colon."""
    text = HEAD + "Số: 12/UBND-KT\n" + BODY + line + "\n- Như trên;\n- Lưu: VT, TH.\n"
    out = restorer.restore_text(text).splitlines()
    lines = text.splitlines()
    k = lines.index(line)
    assert out[k] == restored
    assert out[:k] + out[k + 1:] == lines[:k] + lines[k + 1:]


@pytest.mark.parametrize("text, restored", [
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nDOC LAP - TU DO - HANH PHUC\n",
     "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐỘC LẬP - TỰ DO - HẠNH PHÚC\n"),
    ("UBND TỈNH QUẢNG NGÃI\nCONG HOA XA HOI CHU NGHIA VIET NAM\nDOC LAP - TU DO - HANH PHUC\n",
     "UBND TỈNH QUẢNG NGÃI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐỘC LẬP - TỰ DO - HẠNH PHÚC\n"),
    ("CHỦ TỊCH UBND TP HN\nKINH GUI: CHU TICH UBND TP HN\n", "CHỦ TỊCH UBND TP HN\nKÍNH GỬI: CHỦ TỊCH UBND TP HN\n"),
], ids=["motto", "national-name", "acronyms-in-a-stripped-line"])
def test_a_heading_in_capitals_without_marks_is_restored_and_acronyms_stay(restorer, text, restored):
    """On a line typed in capitals without marks 'TU' between words is tự, not the acronym of
    Trung ương; 'UBND', 'TP', 'HN' stay."""
    assert restorer.restore_text(text) == restored


@pytest.mark.parametrize("text", [
    "UBND TP HN: Phòng Tài chính - Kế hoạch\n",
    "Doanh nghiệp nộp mẫu CO cho cơ quan hải quan.\n",
    "Ban Chấp hành TU họp phiên thường kỳ.\n",
    "Ông từng học tại MIT rồi về nước giảng dạy.\n",
], ids=["acronym-label", "co", "tu", "mit"])
def test_acronyms_in_capitals_stay(restorer, text):
    assert restorer.restore_text(text) == text


@pytest.mark.parametrize("text, restored", [
    ("HUÂN CHƯƠNG LAO ĐỘNG HẠNG DE NHAT", "HUÂN CHƯƠNG LAO ĐỘNG HẠNG ĐỆ NHẤT"),
    ("Tặng thưởng Huân chương Lao động hạng DE NHAT cho tập thể.",
     "Tặng thưởng Huân chương Lao động hạng ĐỆ NHẤT cho tập thể."),
    ("Đơn vị thi công: CÔNG TY TNHH XÂY DỰNG DE NHAT.", "Đơn vị thi công: CÔNG TY TNHH XÂY DỰNG ĐỆ NHẤT."),
    ("Cuộc chiến tranh thế giới lần thứ nhất (DE NHAT THE CHIEN).",
     "Cuộc chiến tranh thế giới lần thứ nhất (ĐỆ NHẤT THẾ CHIẾN)."),
    ("Đây là VAN DE NHAT cần giải quyết.", "Đây là VẤN ĐỀ NHẤT cần giải quyết."),
], ids=["hang-caps", "hang", "company", "the-chien", "van-de"])
def test_a_run_of_capitals_without_marks_is_read_whole_in_its_own_context(restorer, text, restored):
    """'NHAT' is a syllable only with marks: the run was typed without them and is read whole, as
    stripped text, from its own first word: read after the marked words before it, 'dựng để' and
    'hạng dễ' had won, and the plain 'DE', 'THE' kept as written ('DE NHẤT')."""
    assert restorer.restore_text(text) == restored
