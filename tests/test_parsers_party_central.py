"""The parsers on the forms generator's party_central plan: the Party's central organs' documents, typeset,
ingested from their text layer and parsed whole."""

from __future__ import annotations

import pytest

from benchmarks.formgen import draw_forms
from vnresolve import parsers
from vnresolve.parsers import formats
from vnresolve.parsers.text import fold
from test_formgen_plans import fonts_or_skip as _fonts_or_skip
from test_formgen_plans import read_typeset as _read


def _first(test):
    # the plan's development seeds only
    return next(f for seed in range(8001, 8007) for f in draw_forms(seed, plan="party_central") if test(f))


def test_lines_naming_the_organ_between_type_and_subject():
    for line in ("CỦA BỘ CHÍNH TRỊ", "CỦA BAN BÍ THƯ", "HỘI NGHỊ LẦN THỨ SÁU BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG",
                 "KHÓA XII", "ĐẢNG KHÓA XIII", "HỘI NGHỊ LẦN THỨ TÁM", "BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG KHÓA XI",
                 "KHÓA VIH", "KHÓA X1"):  # the term's numeral as OCR reads it (Party central seed 8009: 'VIII')
        assert formats.names_the_organ(fold(line)), line
    # a subject in capitals is none of them
    for line in ("KHOA HỌC VÀ CÔNG NGHỆ", "VỀ PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026", "KHOÁNG SẢN"):
        assert not formats.names_the_organ(fold(line)), line


def test_a_central_committee_resolution_leaves_its_plenum_out_of_the_subject(tmp_path):
    # 'NGHỊ QUYẾT' / 'HỘI NGHỊ LẦN THỨ … BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG' / 'KHÓA …' / 'về …'
    _fonts_or_skip()
    form = _first(lambda f: f.organ and f.organ.startswith("HỘI NGHỊ"))
    meta, result = _read(form, tmp_path)
    assert meta.subject == form.subject, meta.subject
    assert all(result["right"].values()), result["misses"]


def test_a_politburo_document_signed_under_t_m_alone_has_no_post_and_the_organ_on_behalf(tmp_path):
    _fonts_or_skip()
    form = _first(lambda f: f.body.level == "politburo" and f.position is None and f.organ)
    meta, result = _read(form, tmp_path)
    assert meta.signer.position is None and meta.signer.name == form.name
    assert meta.signer.on_behalf_of == "T/M BỘ CHÍNH TRỊ"
    assert meta.issuer == "BAN CHẤP HÀNH TRUNG ƯƠNG" and meta.subject == form.subject
    assert all(result["right"].values()), result["misses"]


def test_a_quy_dinh_numbered_qd_is_a_regulation_by_its_type_line(tmp_path):
    # a Quy định's symbol is 'QĐ/TW' outside 2018-2019, as a Quyết định's: the type line decides
    _fonts_or_skip()
    form = _first(lambda f: f.doc_type == "rules" and "-QĐ/" in f.number)
    meta, result = _read(form, tmp_path)
    assert meta.doc_type == "rules" and meta.number == form.number
    assert all(result["right"].values()), result["misses"]


def test_a_central_boards_document_names_the_board_under_the_central_committee(tmp_path):
    _fonts_or_skip()
    form = _first(lambda f: f.body.level == "central_board" and f.authority and f.authority[0].startswith("K/T"))
    meta, result = _read(form, tmp_path)
    assert meta.issuer == form.body.issuer and meta.parent_issuer == "BAN CHẤP HÀNH TRUNG ƯƠNG"
    assert meta.signer.position == form.position
    assert all(result["right"].values()), result["misses"]


def test_a_plenums_subject_wrapped_from_margin_to_margin_is_the_subject_under_the_plenum(tmp_path):
    # a subject's first line runs margin to margin, its last short and centred: the block under the plenum's lines
    _fonts_or_skip()
    form = _first(lambda f: f.organ and f.organ.startswith("HỘI NGHỊ"))
    form.subject = "về tiếp tục đổi mới chăm sóc sức khỏe ban đầu cho nhân dân trong tình hình mới"
    meta, result = _read(form, tmp_path)
    assert meta.subject == form.subject, meta.subject
    assert all(result["right"].values()), result["misses"]


def test_a_misread_organ_line_and_a_label_lost_its_first_letter():
    # a skewed scan's 'CỦA' read 'GỦA' (C and G alike in capitals); the underlined 'Nơi nhận:' read 'ơi nhận:'
    from vnresolve.parsers.record_labels import _RECIPIENTS_MISREAD

    assert formats.names_the_organ(fold("GỦA BAN BÍ THƯ"))
    assert not formats.names_the_organ(fold("GIAO THÔNG NÔNG THÔN"))
    assert _RECIPIENTS_MISREAD.match(fold("ơi nhận:")) and not _RECIPIENTS_MISREAD.match(fold("ơi nhận được"))


def test_a_subject_line_justified_under_the_organ_line_with_its_rule_lost_is_the_subject():
    # a 1-bit scan: the subject's one line runs margin to margin, the '-----' under it lost; the body's indented
    # first line follows
    from vnresolve.parsers.record_subject import _type_and_subject
    from vnresolve.parsers.regions import Run
    from vnresolve.schemas import Metadata

    def run(text, x0, y0, x1, y1, conf=95.0):
        return Run(text, x0, y0, x1, y1, conf, tuple((w, conf) for w in text.split()))

    subject = "về tiếp tục thực hiện Nghị quyết số 20-NQ/TW về phát triển du lịch cộng đồng"
    rs = [run("KẾT LUẬN", 787, 355, 987, 398),
          run("CỦA BAN CHẤP HÀNH TRUNG ƯƠNG", 538, 406, 1237, 442),
          run(subject, 241, 461, 1533, 501),
          run("Người đứng đầu chịu trách nhiệm trước cấp trên về kết quả thực hiện tại cơ", 317, 564, 1536, 602),
          run("quan, đơn vị mình. Kinh phí thực hiện được bố trí từ dự toán ngân sách năm 2006", 239, 615, 1534, 652),
          run("và các nguồn huy động hợp pháp khác.", 238, 665, 842, 702)]
    meta = Metadata()
    _type_and_subject(meta, rs, 0, 1654.0, 37.0)
    assert meta.doc_type == "conclusion" and meta.subject == subject


def test_a_post_with_a_speck_for_the_space_between_its_words_is_that_post():
    # a skewed scan's 'TỔNG BÍ THƯ' read 'TỔNG.BÍ THƯ': a sign where a known post has a space
    from vnresolve.parsers.record_signer import _speck_between_words

    assert _speck_between_words("TỔNG.BÍ THƯ") == "TỔNG BÍ THƯ"
    assert _speck_between_words("PHÓ,TRƯỞNG BAN") == "PHÓ TRƯỞNG BAN"
    assert _speck_between_words("TỔNG BÍ THƯ") is None and _speck_between_words("TỔNG.BÍ THỬ.X") is None


def test_a_plenums_term_line_with_its_tail_is_no_part_of_the_subject():
    # a committee's plenum prints its term with the term's years or '(mở rộng)' (an enlarged plenum) after it, on the
    # term's line or alone under it: the organ's lines still, not the subject's first
    for line in ("KHÓA XV (MỞ RỘNG)", "KHÓA XX, NHIỆM KỲ 2020 - 2025", "NHIỆM KỲ 2020 - 2025", "(MỞ RỘNG)"):
        assert formats.names_the_organ(fold(line)), line
    for line in ("MỞ RỘNG MẠNG LƯỚI Y TẾ CƠ SỞ", "NHIỆM VỤ NĂM 2026", "KHÓA HỌC BỒI DƯỠNG"):
        assert not formats.names_the_organ(fold(line)), line
    from vnresolve.parsers.record_subject import _type_and_subject
    from vnresolve.parsers.regions import Run
    from vnresolve.schemas import Metadata

    def centred(text, y, half):
        return Run(text, 887 - half, y, 887 + half, y + 37, 95.0, tuple((w, 95.0) for w in text.split()))

    subject = "về phát triển du lịch cộng đồng"
    rs = [centred("NGHỊ QUYẾT", 355, 100), centred("HỘI NGHỊ LẦN THỨ MƯỜI BA BAN CHẤP HÀNH ĐẢNG BỘ TỈNH", 406, 500),
          centred("KHÓA XV (MỞ RỘNG)", 456, 180), centred(subject, 506, 300), centred("-----", 556, 50)]
    meta = Metadata()
    _type_and_subject(meta, rs, 0, 1654.0, 37.0)
    assert meta.subject == subject


def test_a_subject_in_capitals_opening_with_gia_is_no_misread_organ_line():
    # 'CIA' is OCR's reading of 'CỦA', and 'GIA' is no misreading of that reading: 'GIA HẠN …', 'GIÁ ĐẤT …' are subjects
    from vnresolve.parsers.record_subject import _type_and_subject
    from vnresolve.parsers.regions import Run
    from vnresolve.schemas import Metadata

    for line in ("GIA HẠN THỜI GIAN NỘP HỒ SƠ", "GIÁ ĐẤT NĂM 2026", "GIA ĐÌNH VĂN HÓA"):
        assert not formats.names_the_organ(fold(line)), line

    def run(text, x0, y0, x1, y1):
        return Run(text, x0, y0, x1, y1, 95.0, tuple((w, 95.0) for w in text.split()))

    subject = "GIA HẠN THỜI GIAN NỘP HỒ SƠ DỰ TUYỂN"
    rs = [run("THÔNG BÁO", 787, 355, 987, 398), run(subject, 537, 406, 1237, 443),
          run("Ủy ban nhân dân tỉnh thông báo gia hạn thời gian nộp hồ sơ dự tuyển viên chức năm 2026 đến", 241, 466,
              1533, 503)]
    meta = Metadata()
    _type_and_subject(meta, rs, 0, 1654.0, 37.0)
    assert meta.subject == subject


def test_read_in_line_order_a_plenums_lines_are_no_part_of_the_subject():
    # a text with no layout (a .txt): the lines naming the organ are left out of the title as on a page
    import hashlib

    from vnresolve.schemas import Document, Source

    text = ("BAN CHẤP HÀNH TRUNG ƯƠNG\n*\nSố 45-NQ/TW\n\nĐẢNG CỘNG SẢN VIỆT NAM\nHà Nội, ngày 24 tháng 11 năm 2023\n\n"
            "NGHỊ QUYẾT\nHỘI NGHỊ LẦN THỨ TÁM BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG\nKHÓA XIII\n"
            "về tiếp tục xây dựng và phát huy vai trò của đội ngũ trí thức\n-----\n\n"
            "Đội ngũ trí thức có vai trò đặc biệt quan trọng.\n")
    doc = Document(source=Source(path="t.txt", sha256=hashlib.sha256(text.encode()).hexdigest(), kind="text", pages=1),
                   text=text)
    meta = parsers.parse(doc).metadata
    assert meta.doc_type == "resolution"
    assert meta.subject == "về tiếp tục xây dựng và phát huy vai trò của đội ngũ trí thức"


def test_a_body_line_right_under_the_organ_line_is_no_certain_subject():
    # no subject under 'CỦA …' (lost, or none printed): the body's first line, set solid and not indented, runs on at
    # the line spacing into the next; taken for the subject only doubted
    from vnresolve.parsers.record_subject import _type_and_subject
    from vnresolve.parsers.regions import Run
    from vnresolve.schemas import Metadata

    def run(text, x0, y0, x1, y1):
        return Run(text, x0, y0, x1, y1, 95.0, tuple((w, 95.0) for w in text.split()))

    rs = [run("QUYẾT ĐỊNH", 787, 355, 987, 398), run("CỦA ỦY BAN NHÂN DÂN TỈNH", 587, 406, 1187, 443),
          run("Ủy ban nhân dân tỉnh thông báo tạm dừng hoạt động xuất nhập khẩu hàng hóa qua cửa khẩu từ", 241, 476,
              1533, 513),
          run("ngày 15 tháng 3 năm 2026 cho đến khi có thông báo mới của cơ quan có thẩm quyền về việc này", 241, 526,
              1533, 563)]
    meta = Metadata()
    _type_and_subject(meta, rs, 0, 1654.0, 37.0)
    assert meta.subject is None or meta.confidence.get("subject", 1.0) < 0.5, meta.subject


def test_a_header_line_read_in_two_pieces_above_the_number_is_no_type_name():
    # 'BAN TỔ CHỨC' read as 'BAN' and 'TỔ CHỨC' (Party central seed 8010, colour): 'TỔ CHỨC' loosely fits THƯ CÔNG,
    # but the type name stands under the number line
    from test_parsers_catalogue import _regions_meta, _spaced

    lines = [_spaced("BAN CHẤP HÀNH TRUNG ƯƠNG", 272, 178), _spaced("BAN", 409, 225), _spaced("TỔ CHỨC", 492, 227),
             _spaced("Số 20-HD/BTCTW", 389, 317), _spaced("ĐẢNG CỘNG SẢN VIỆT NAM", 933, 186),
             _spaced("Hà Nội, ngày 18 tháng 2 năm 2013", 926, 260), _spaced("HƯỚNG DẪN", 764, 391),
             _spaced("một số vấn đề cụ thể về thực hành tiết kiệm", 395, 454)]
    meta = _regions_meta(lines)
    assert (meta.doc_type, meta.number, meta.date) == ("guidance", "20-HD/BTCTW", "2013-02-18")
    assert meta.subject == "một số vấn đề cụ thể về thực hành tiết kiệm"


@pytest.mark.parametrize("number", ["Số: 84/QĐ-UBND", "Số:      /QĐ-UBND", "3ố: 84/QĐ-UBND"])
def test_a_blank_or_misread_number_line_leaves_the_type_to_the_line_under_it(number):
    # the number line looked for is the header's (its serial may be blank), not a wrapped bases line that opens
    # 'số 30/2020/NĐ-CP …' lower down: then the closing 'QUYẾT ĐỊNH:' would be taken for the type
    from test_parsers_catalogue import _regions_meta, _spaced

    lines = [_spaced("ỦY BAN NHÂN DÂN", 320, 160), _spaced("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 800, 160),
             _spaced("TỈNH HÒA BÌNH", 330, 205), _spaced("Độc lập - Tự do - Hạnh phúc", 900, 205),
             _spaced(number, 330, 270), _spaced("Hòa Bình, ngày 03 tháng 02 năm 2025", 830, 270),
             _spaced("QUYẾT ĐỊNH", 730, 420), _spaced("Về việc phê duyệt kế hoạch", 600, 465),
             _spaced("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH", 560, 540),
             _spaced("Căn cứ Luật Tổ chức chính quyền địa phương và Nghị định", 200, 600),
             _spaced("số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ;", 150, 640),
             _spaced("QUYẾT ĐỊNH:", 700, 740), _spaced("Điều 1. Phê duyệt kế hoạch của các sở ngành trong tỉnh.", 200, 790)]
    meta = _regions_meta(lines)
    assert (meta.doc_type_label, meta.subject) == ("QUYẾT ĐỊNH", "Về việc phê duyệt kế hoạch")

