"""A line that is only a unit word and a listed place ('TỈNH QUẢNG NAM') names no body: under a body's name it is
that name's end, never the issuer with the body as its superior; a place left alone as the issuer is doubted. A
type's name printed under a generic head alone ('HƯỚNG DẪN') is the type, not the rest of the body's name."""

from __future__ import annotations

import pytest

from vnresolve import parsers
from vnresolve.parsers.record_issuer import _split_issuer

from test_parsers import make_doc
from test_parsers_catalogue import _regions_meta, _spaced


@pytest.mark.parametrize("lines, issuer", [
    (["HỘI ĐỒNG", "THI ĐUA - KHEN THƯỞNG", "TỈNH QUẢNG NAM"], "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG TỈNH QUẢNG NAM"),
    (["ĐOÀN ĐBQH", "TỈNH QUẢNG NAM"], "ĐOÀN ĐBQH TỈNH QUẢNG NAM"),
    (["ĐOÀN", "ĐẠI BIỂU QUỐC HỘI", "TỈNH QUẢNG NAM"], "ĐOÀN ĐẠI BIỂU QUỐC HỘI TỈNH QUẢNG NAM"),
    (["ĐOÀN ĐẠI BIỂU QUỐC HỘI", "TỈNH QUẢNG NAM"], "ĐOÀN ĐẠI BIỂU QUỐC HỘI TỈNH QUẢNG NAM"),
    (["BAN CHẤP HÀNH", "ĐOÀN TNCS HỒ CHÍ MINH", "TỈNH QUẢNG NAM"], "BAN CHẤP HÀNH ĐOÀN TNCS HỒ CHÍ MINH TỈNH QUẢNG NAM"),
    (["ỦY BAN", "MẶT TRẬN TỔ QUỐC VIỆT NAM", "TỈNH QUẢNG NAM"], "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM TỈNH QUẢNG NAM"),
    (["HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", "TP. ĐÀ NẴNG"], "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG TP. ĐÀ NẴNG"),
    (["BAN CHỈ ĐẠO 138", "HUYỆN ĐẠI LỘC"], "BAN CHỈ ĐẠO 138 HUYỆN ĐẠI LỘC"),
    # the unit word ending the line above, the place's name under it
    (["ĐOÀN ĐBQH TỈNH", "QUẢNG NAM"], "ĐOÀN ĐBQH TỈNH QUẢNG NAM"),
    (["ĐOÀN", "ĐẠI BIỂU QUỐC HỘI TỈNH", "QUẢNG NAM"], "ĐOÀN ĐẠI BIỂU QUỐC HỘI TỈNH QUẢNG NAM"),
    # a line ending on 'VÀ' goes on
    (["BAN CHỈ ĐẠO", "PHÒNG CHỐNG THIÊN TAI VÀ", "TÌM KIẾM CỨU NẠN TỈNH"],
     "BAN CHỈ ĐẠO PHÒNG CHỐNG THIÊN TAI VÀ TÌM KIẾM CỨU NẠN TỈNH"),
])
def test_a_place_line_under_a_body_is_the_end_of_its_name(lines, issuer):
    assert _split_issuer(lines) == (issuer, None)


def test_a_place_line_under_a_body_under_its_superior_ends_the_body():
    assert _split_issuer(["UBND TỈNH QUẢNG NAM", "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", "HUYỆN ĐẠI LỘC"]) == (
        "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG HUYỆN ĐẠI LỘC", "UBND TỈNH QUẢNG NAM")


@pytest.mark.parametrize("lines, issuer, parent", [
    (["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NAM"], "ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM", None),
    (["UBND TỈNH QUẢNG NAM", "SỞ Y TẾ"], "SỞ Y TẾ", "UBND TỈNH QUẢNG NAM"),
    (["ĐẢNG BỘ TỈNH QUẢNG NAM", "ĐẢNG ỦY CÁC CƠ QUAN TỈNH"], "ĐẢNG ỦY CÁC CƠ QUAN TỈNH", "ĐẢNG BỘ TỈNH QUẢNG NAM"),
    (["TỈNH ỦY QUẢNG NAM", "BAN TUYÊN GIÁO"], "BAN TUYÊN GIÁO", "TỈNH ỦY QUẢNG NAM"),
    # a line naming its place already: the place under it is not its end
    (["TỈNH ỦY QUẢNG NAM", "HUYỆN ĐẠI LỘC"], "HUYỆN ĐẠI LỘC", "TỈNH ỦY QUẢNG NAM"),
    (["UBND TỈNH", "QUẢNG NAM", "SỞ Y TẾ"], "SỞ Y TẾ", "UBND TỈNH QUẢNG NAM"),
])
def test_bodies_and_superiors_stay_as_they_are(lines, issuer, parent):
    assert _split_issuer(lines) == (issuer, parent)


def _text_doc(*head: str, tail: str | None = None):
    rights = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", ""]
    lines = [f"{a:<35}{b}".rstrip() for a, b in zip(list(head) + [""] * (3 - len(head)), rights)]
    tail = tail or ("\nSố: 12/TB-HĐTĐKT                      Quảng Nam, ngày 12 tháng 5 năm 2024\n\nTHÔNG BÁO\n")
    text = "\n".join(lines) + "\n" + tail + ("Kết quả bình xét thi đua năm 2023\n\n"
                                           "Hội đồng thông báo kết quả bình xét thi đua năm 2023 như sau.\n")
    return parsers.parse(make_doc(text)).metadata


@pytest.mark.parametrize("head, issuer", [
    (("HỘI ĐỒNG", "THI ĐUA - KHEN THƯỞNG", "TỈNH QUẢNG NAM"), "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG TỈNH QUẢNG NAM"),
    (("ĐOÀN ĐBQH", "TỈNH QUẢNG NAM"), "ĐOÀN ĐBQH TỈNH QUẢNG NAM"),
    (("ĐOÀN", "ĐẠI BIỂU QUỐC HỘI", "TỈNH QUẢNG NAM"), "ĐOÀN ĐẠI BIỂU QUỐC HỘI TỈNH QUẢNG NAM"),
])
def test_a_text_document_gives_the_body_with_its_place(head, issuer):
    meta = _text_doc(*head)
    assert meta.issuer == issuer
    assert meta.parent_issuer is None


@pytest.mark.parametrize("head", [
    ("TỈNH ỦY QUẢNG NAM", "HUYỆN ĐẠI LỘC"),  # the place under a body naming its own: which body is meant?
    ("HỘI ĐỒNG", "THI ĐUA - KHEN THƯỞNG", "TỈNH QUẢNG NGÃl"),  # no listed place: not joined
])
def test_a_place_left_alone_as_the_issuer_is_doubted(head):
    meta = _text_doc(*head)
    assert meta.confidence["issuer"] < 0.5
    assert any(d.field == "issuer" for d in meta.uncertain)


def test_a_page_gives_the_body_with_its_place():
    head = [_spaced("HỘI ĐỒNG", 380, 160), _spaced("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 800, 160),
            _spaced("THI ĐUA - KHEN THƯỞNG", 300, 205), _spaced("Độc lập - Tự do - Hạnh phúc", 900, 205),
            _spaced("TỈNH QUẢNG NAM", 330, 250),
            _spaced("Số: 84/QĐ-HĐTĐKT", 330, 310), _spaced("Quảng Nam, ngày 03 tháng 02 năm 2025", 830, 310),
            _spaced("QUYẾT ĐỊNH", 730, 420), _spaced("Về việc khen thưởng", 600, 465)]
    meta = _regions_meta(head)
    assert meta.issuer == "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG TỈNH QUẢNG NAM"
    assert meta.parent_issuer is None


@pytest.mark.parametrize("type_name, code", [("HƯỚNG DẪN", "guidance"), ("QUY CHẾ", "regulation"),
                                             ("BIÊN BẢN", "minutes"), ("GIẤY MỜI", "invitation")])
def test_a_type_name_above_the_number_line_is_not_the_rest_of_a_generic_head(type_name, code):
    meta = _text_doc("UBND TỈNH QUẢNG NAM", "BAN CHỈ ĐẠO", tail=(
        f"{type_name}\nSố: 12/HD-BCĐ                      Quảng Nam, ngày 12 tháng 5 năm 2024\n"))
    assert meta.issuer == "BAN CHỈ ĐẠO"
    assert meta.parent_issuer == "UBND TỈNH QUẢNG NAM"
    assert meta.doc_type == code
