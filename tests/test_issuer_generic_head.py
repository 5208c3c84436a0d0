"""A body's generic head word printed alone over the rest of its name ('HỘI ĐỒNG' / 'THI ĐUA - KHEN THƯỞNG'): one
issuer, not a body under a superior called 'HỘI ĐỒNG'; a body with its own head word under a superior stays so."""

from __future__ import annotations

import pytest

from vnresolve import parsers
from vnresolve.parsers.record_issuer import _split_issuer

from test_parsers import make_doc
from test_parsers_catalogue import _regions_meta, _spaced


@pytest.mark.parametrize("lines, issuer, parent", [
    (["HỘI ĐỒNG", "THI ĐUA - KHEN THƯỞNG"], "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", None),
    (["UBND TỈNH QUẢNG NAM", "HỘI ĐỒNG", "THI ĐUA - KHEN THƯỞNG"], "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
     "UBND TỈNH QUẢNG NAM"),
    (["BAN CHỈ ĐẠO", "PHÒNG, CHỐNG THIÊN TAI"], "BAN CHỈ ĐẠO PHÒNG, CHỐNG THIÊN TAI", None),
    (["BAN CHỈ ĐẠO", "PHÒNG CHỐNG THIÊN TAI VÀ TÌM KIẾM CỨU NẠN"],
     "BAN CHỈ ĐẠO PHÒNG CHỐNG THIÊN TAI VÀ TÌM KIẾM CỨU NẠN", None),
    (["ỦY BAN", "AN TOÀN GIAO THÔNG"], "ỦY BAN AN TOÀN GIAO THÔNG", None),
    (["TỔ CÔNG TÁC", "CẢI CÁCH HÀNH CHÍNH"], "TỔ CÔNG TÁC CẢI CÁCH HÀNH CHÍNH", None),
    (["ĐOÀN", "ĐẠI BIỂU QUỐC HỘI TỈNH QUẢNG NAM"], "ĐOÀN ĐẠI BIỂU QUỐC HỘI TỈNH QUẢNG NAM", None),
    (["HỘI ĐỒNG", "NHÂN DÂN", "TỈNH QUẢNG NAM"], "HỘI ĐỒNG NHÂN DÂN TỈNH QUẢNG NAM", None),
    # a head word of its own under the head, where the two open a listed name
    (["ỦY BAN", "MẶT TRẬN TỔ QUỐC VIỆT NAM TỈNH QUẢNG NAM"], "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM TỈNH QUẢNG NAM", None),
])
def test_a_generic_head_alone_goes_on_with_the_line_under_it(lines, issuer, parent):
    assert _split_issuer(lines) == (issuer, parent)


@pytest.mark.parametrize("lines, issuer, parent", [
    (["BỘ CÔNG AN", "CỤC CẢNH SÁT GIAO THÔNG"], "CỤC CẢNH SÁT GIAO THÔNG", "BỘ CÔNG AN"),
    (["UBND TỈNH QUẢNG NAM", "SỞ Y TẾ"], "SỞ Y TẾ", "UBND TỈNH QUẢNG NAM"),
    (["ĐẢNG BỘ TỈNH QUẢNG NAM", "ĐẢNG ỦY CÁC CƠ QUAN TỈNH"], "ĐẢNG ỦY CÁC CƠ QUAN TỈNH", "ĐẢNG BỘ TỈNH QUẢNG NAM"),
    (["TỈNH ỦY QUẢNG NAM", "BAN TỔ CHỨC"], "BAN TỔ CHỨC", "TỈNH ỦY QUẢNG NAM"),
    # a line under the head that opens on a body's own head word is a body of its own
    (["BAN CHỈ ĐẠO", "PHÒNG Y TẾ"], "PHÒNG Y TẾ", "BAN CHỈ ĐẠO"),
])
def test_a_body_with_its_own_head_word_under_another_stays_under_its_superior(lines, issuer, parent):
    assert _split_issuer(lines) == (issuer, parent)


def test_a_text_document_headed_by_a_generic_head_alone_gives_the_whole_body():
    text = ("UBND TỈNH QUẢNG NAM                CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "HỘI ĐỒNG                           Độc lập - Tự do - Hạnh phúc\n"
            "THI ĐUA - KHEN THƯỞNG\n\n"
            "Số: 12/HĐTĐKT                      Quảng Nam, ngày 12 tháng 5 năm 2024\n\n"
            "THÔNG BÁO\n"
            "Kết quả bình xét thi đua năm 2023\n\n"
            "Hội đồng thông báo kết quả bình xét thi đua năm 2023 như sau.\n")
    meta = parsers.parse(make_doc(text)).metadata
    assert meta.issuer == "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"
    assert meta.parent_issuer == "UBND TỈNH QUẢNG NAM"


def test_a_page_headed_by_a_generic_head_alone_gives_the_whole_body():
    head = [_spaced("HỘI ĐỒNG", 380, 160), _spaced("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 800, 160),
            _spaced("THI ĐUA - KHEN THƯỞNG", 300, 205), _spaced("Độc lập - Tự do - Hạnh phúc", 900, 205),
            _spaced("Số: 84/QĐ-HĐTĐKT", 330, 270), _spaced("Hòa Bình, ngày 03 tháng 02 năm 2025", 830, 270),
            _spaced("QUYẾT ĐỊNH", 730, 420), _spaced("Về việc khen thưởng", 600, 465)]
    meta = _regions_meta(head)
    assert meta.issuer == "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"
    assert meta.parent_issuer is None

