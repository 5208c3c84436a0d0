"""A type name line read whole is that type and never the issuer; one body's name printed on several lines
is one issuer (a 'VÀ …' line, a generic name and its place, a wrapped ministry's name); a symbol's unit
code holds a period only where the Government Office prints its Vụ so ('3722/VPCP-V.I')."""

from __future__ import annotations

import pytest

from vnresolve import parsers
from vnresolve.parsers import formats
from vnresolve.parsers.record_issuer import read_issuer
from vnresolve.parsers.text import fold
from vnresolve.schemas.models import Metadata

from test_parsers import make_doc
from test_parsers_catalogue import _regions_meta, _spaced

STATE, SLOGAN = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"


@pytest.mark.parametrize("line,code", [
    ("THÔNG TƯ", "circular"), ("THÔNG TRI", "circular_party"), ("THÔNG TƯ LIÊN TỊCH", "joint_circular"),
    ("NGHỊ ĐỊNH", "decree"), ("CÔNG ĐIỆN", "official_dispatch"), ("THÔNG TƯ.", "circular"),
    ("KẾ.HOẠCH", "plan"), ("BÁO GÁO", "report"), ("QUYẾT DlNH", "decision"),
])
def test_a_type_line_names_its_type(line, code):
    t = formats.type_of_line(fold(line))
    assert t is not None and t.code == code


@pytest.mark.parametrize("line", ["CHÍNH PHỦ", "QUỐC HỘI", "THANH TRA", "HÒA BÌNH", "GIÁM ĐỐC",
                                  "TRUNG TÂM LƯU TRỮ", "TRƯỜNG THPT LONG THÀNH"])
def test_a_body_s_or_a_post_s_name_is_no_type_line(line):
    assert formats.type_of_line(fold(line)) is None


@pytest.mark.parametrize("line,code", [("THÔNG TU LlÊN TJCH", "joint_circular"), ("BÁO CÁO CHÍNH TRJ", "political_report")])
def test_a_four_word_type_read_a_letter_or_two_off_is_that_type(line, code):
    t = formats.type_of_line(fold(line))
    assert t is not None and t.code == code


def test_a_centre_s_name_under_its_department_is_no_joint_type_on_the_text_path():
    text = (f"{STATE}\n{SLOGAN}\n\nSỞ NỘI VỤ TỈNH LẠNG SƠN\nTRUNG TÂM LƯU TRỮ\n\nSố: 15/QĐ-TTLT\n"
            "Lạng Sơn, ngày 12 tháng 3 năm 2024\n\nQUYẾT ĐỊNH\nVề việc ban hành Quy chế làm việc\n\n"
            "GIÁM ĐỐC TRUNG TÂM LƯU TRỮ\n\nĐiều 1. Ban hành Quy chế.\n")
    meta = parsers.parse(make_doc(text)).metadata
    assert (meta.doc_type, meta.doc_type_label) == ("decision", "QUYẾT ĐỊNH")


def _text_meta(header: str, type_line: str, subject: str):
    text = f"{header}\n\n{type_line}\n{subject}\n\nCăn cứ Luật Tổ chức Chính phủ;\n\nĐiều 1. Phạm vi.\n"
    return parsers.parse(make_doc(text)).metadata


def test_a_circular_s_text_is_a_circular_of_its_ministry():
    meta = _text_meta(f"BỘ NÔNG NGHIỆP {STATE}\nVÀ PHÁT TRIỂN NÔNG THÔN {SLOGAN}\n"
                      "Số: 21/2019/TT-BNNPTNT Hà Nội, ngày 28 tháng 11 năm 2019",
                      "THÔNG TƯ", "Quy định chi tiết một số điều của Luật Chăn nuôi")
    assert (meta.doc_type, meta.issuer, meta.parent_issuer) == (
        "circular", "BỘ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN", None)


def test_a_decree_s_type_line_is_not_its_issuer():
    meta = _text_meta(f"CHÍNH PHỦ {STATE}\n{SLOGAN}\nSố: 30/2020/NĐ-CP Hà Nội, ngày 05 tháng 3 năm 2020",
                      "NGHỊ ĐỊNH", "Về công tác văn thư")
    assert (meta.doc_type, meta.issuer, meta.parent_issuer) == ("decree", "CHÍNH PHỦ", None)


def test_a_department_s_text_under_its_province_is_the_department():
    meta = _text_meta(f"ỦY BAN NHÂN DÂN TỈNH {STATE}\nQUẢNG NGÃI {SLOGAN}\nSỞ GIÁO DỤC\nVÀ ĐÀO TẠO\n"
                      "Số: 712/QĐ-SGDĐT Quảng Ngãi, ngày 03 tháng 02 năm 2025", "QUYẾT ĐỊNH", "Về việc tuyển sinh")
    assert (meta.issuer, meta.parent_issuer) == ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI")


def test_a_four_line_header_s_last_line_below_the_date_is_the_issuer_s():
    lines = [_spaced("ỦY BAN NHÂN DÂN TỈNH", 300, 160), _spaced(STATE, 800, 160),
             _spaced("QUẢNG NGÃI", 350, 205), _spaced(SLOGAN, 900, 205),
             _spaced("SỞ GIÁO DỤC", 340, 250), _spaced("Quảng Ngãi, ngày 03 tháng 02 năm 2025", 830, 270),
             _spaced("VÀ ĐÀO TẠO", 350, 295), _spaced("Số: 712/QĐ-SGDĐT", 330, 340),
             _spaced("QUYẾT ĐỊNH", 730, 460), _spaced("Về việc tuyển sinh năm học 2025", 600, 505)]
    meta = _regions_meta(lines)
    assert meta.read_from == "regions"
    assert (meta.issuer, meta.parent_issuer) == ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI")


@pytest.mark.parametrize("lines,issuer,parent", [
    (["BỘ NÔNG NGHIỆP", "VÀ PHÁT TRIỂN NÔNG THÔN"], "BỘ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN", None),
    (["BỘ NÔNG NGHIỆP VÀ PHÁT", "TRIỂN NÔNG THÔN"], "BỘ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN", None),
    (["ỦY BAN NHÂN DÂN TỈNH", "QUẢNG NGÃI", "SỞ GIÁO DỤC", "VÀ ĐÀO TẠO"], "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
     "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI"),
    (["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI"], "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI", None),
    (["BỘ TÀI CHÍNH", "TỔNG CỤC THUẾ"], "TỔNG CỤC THUẾ", "BỘ TÀI CHÍNH"),
    (["TỈNH ỦY QUẢNG NGÃI", "BAN TUYÊN GIÁO"], "BAN TUYÊN GIÁO", "TỈNH ỦY QUẢNG NGÃI"),
])
def test_one_body_on_several_lines_is_one_issuer(lines, issuer, parent):
    meta = Metadata()
    read_issuer(lines, meta)
    assert (meta.issuer, meta.parent_issuer) == (issuer, parent)


@pytest.mark.parametrize("text,unit", [
    ("7379/VPCP-V.I", "V.I"), ("3722/VPCP-V.I.", "V.I"), ("12/VPCP-V.III", "V.III"), ("5/TB-VPCP-V.II", "V.II"),
    ("3722/VPCP-KTTH", "KTTH"), ("380/TTg-V.I", "V.I"),
])
def test_the_government_office_s_vu_codes_parse(text, unit):
    sym = formats.parse_symbol(text)
    assert sym is not None and sym.issuer_abbr in ("VPCP", "TTg") and sym.unit_abbr == unit


@pytest.mark.parametrize("text", ["574/UBND-KTTH.I", "120/BCĐ-VP.X", "574/UBND-KTTH.V", "12/VPCP-V.IV"])
def test_a_roman_numeral_after_another_code_is_no_unit(text):
    assert formats.parse_symbol(text) is None


@pytest.mark.parametrize("line,number", [
    ("Số: 3722/VPCP-V.I.", "3722/VPCP-V.I"), ("Số: 380/TTg-V.I", "380/TTg-V.I"), ("Số: 574/UBND-KTTH.I", "574/UBND-KTTH"),
    ("Số: 120/BCĐ-VP.X", "120/BCĐ-VP"), ("Số: 574/UBND-KTTH.V/v triển khai", "574/UBND-KTTH"),
    ("Số: 3722/VPCP-V.I.V/v abc", "3722/VPCP-V.I"), ("Số: 12/VPCP-V.III.V/v họp", "12/VPCP-V.III"),
])
def test_a_number_line_s_unit_holds_a_period_only_for_a_vu(line, number):
    from vnresolve.parsers.record_number import _number_from

    meta = Metadata()
    assert _number_from(line, None, meta)
    assert meta.number == number and meta.symbol.unit_abbr == number.rsplit("-", 1)[1]


@pytest.mark.parametrize("line,number", [
    ("Số: 61/2008/TTLT-BXD'BGTVT", "61/2008/TTLT-BXD-BGTVT"), ("Số: 84/QĐ`UBND", "84/QĐ-UBND"),
    ("Số: 04-NQ'TU", "04-NQ/TU"),  # the Party's style: the slash before the committee's code
])
def test_a_quote_read_between_two_codes_is_the_sign_that_joins_them_and_doubted(line, number):
    from vnresolve.parsers.record_number import _number_from

    meta = Metadata()
    assert _number_from(line, None, meta)
    assert meta.number == number and meta.confidence["number"] < 0.5


_DATE_BLANK = "Quảng Ngãi, ngày    tháng    năm 2025"


@pytest.mark.parametrize("number_line", [
    "Số:      /QĐ-SYT", "Số: /QĐ-SYT", "Số: ..../QĐ-SYT", "SỐ:      /QĐ-SYT", "Số:     /2025/QĐ-UBND", "Số: QĐ-SYT",
    "Số: 84/QĐ-SYT",
])
def test_a_number_line_with_its_serial_left_blank_is_no_issuer(number_line):
    meta = _text_meta(f"UBND TỈNH QUẢNG NGÃI\nSỞ Y TẾ\n{number_line}\n{_DATE_BLANK}", "QUYẾT ĐỊNH", "Về việc khen thưởng")
    assert (meta.issuer, meta.parent_issuer) == ("SỞ Y TẾ", "UBND TỈNH QUẢNG NGÃI")


@pytest.mark.parametrize("lines", [
    ["UBND TỈNH QUẢNG NGÃI", "HỘI ĐỒNG", "THI ĐUA - KHEN THƯỞNG"], ["SỞ Y TẾ QUẢNG NGÃI", "TRUNG TÂM", "Y TẾ HUYỆN SƠN TỊNH"],
    ["LIÊN ĐOÀN LAO ĐỘNG TỈNH", "CÔNG ĐOÀN", "NGÀNH GIÁO DỤC"],
])
def test_a_body_s_line_that_loosely_fits_a_type_does_not_end_the_issuer_s_lines(lines):
    meta = _text_meta("\n".join(lines) + f"\nSố: 84/QĐ-HĐTĐKT\n{_DATE_BLANK}", "QUYẾT ĐỊNH", "Về việc khen thưởng")
    assert meta.issuer is not None and meta.issuer.endswith(lines[-1]) and meta.issuer != lines[0]


def test_a_generic_name_s_place_that_loosely_fits_a_type_goes_on_with_it():
    meta = _text_meta(f"ỦY BAN NHÂN DÂN TỈNH\nNINH BlNH\nSố: 84/QĐ-UBND\n{_DATE_BLANK}", "QUYẾT ĐỊNH", "Về việc khen thưởng")
    assert (meta.issuer, meta.parent_issuer) == ("ỦY BAN NHÂN DÂN TỈNH NINH BlNH", None)


@pytest.mark.parametrize("line", ["CÔNG ĐOÀN", "TRUNG TÂM", "HỘI ĐỒNG", "NINH BlNH"])
def test_only_the_loose_tier_takes_a_body_s_line_for_a_type(line):
    assert formats.type_of_line(fold(line), loose=False) is None


@pytest.mark.parametrize("line", ["THÔNG TƯ", "NGHỊ ĐỊNH", "BÁO GÁO", "QUYẾT ĐỊNH"])
def test_a_type_line_read_whole_or_with_one_capital_misread_is_an_exact_type(line):
    assert formats.type_of_line(fold(line), loose=False) is not None


def test_a_symbol_cut_short_under_a_printed_type_is_doubted():
    text = (f"BỘ CÔNG THƯƠNG\nSố: 606/T\n{STATE}\n{SLOGAN}\nHà Nội, ngày 12 tháng 3 năm 2024\n\nTỜ TRÌNH\n"
            "Về việc ban hành Nghị định quy định chi tiết Luật Điện lực\n\nKính gửi: Chính phủ\n\nBộ Công Thương kính trình.\n")
    meta = parsers.parse(make_doc(text)).metadata
    assert meta.number == "606/T" and meta.confidence["number"] < 0.5
    whole = parsers.parse(make_doc(text.replace("606/T", "606/TTr-BCT"))).metadata
    assert whole.number == "606/TTr-BCT" and whole.confidence["number"] >= 0.5
