"""The national e-government portal's received-stamp ('CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ' over 'ĐẾN' and
'Giờ: … / Ngày: …'), stamped at the top of page 1 of the documents the portal publishes: recorded as a received
stamp, whether OCR read its ruled box as a table or its words as lines, and kept out of the header's fields.
Every page here is built by the test."""

from __future__ import annotations

from test_parsers import make_doc
from test_parsers_catalogue import _HEAD, _page, _regions_meta, _spaced

import vnresolve
from vnresolve import parsers
from vnresolve.schemas import Cell, Table

PORTAL = "CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ"


def _with_table(lines, cells, bbox=(654.0, 36.0, 1091.0, 173.0)):
    page = _page(lines)
    table = Table(page=1, bbox=bbox, rows=2, cols=2, cells=[
        Cell(row=0, col=0, col_span=2, text=cells[0]), Cell(row=1, col=0, text=cells[1]), Cell(row=1, col=1, text=cells[2])])
    doc = make_doc(page.text)
    doc.pages = [page.model_copy(update={"start": 0, "end": len(doc.text), "tables": [table]})]
    return parsers.parse(doc).metadata


def _header(meta):
    return meta.issuer, meta.number, meta.date, meta.subject


HEADER = ("ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH", "84/QĐ-UBND", "2025-02-03", "Về việc phê duyệt kế hoạch")


def test_a_portal_stamp_read_as_a_ruled_table_is_the_received_stamp():
    # OCR reads the stamp's ruled box as a 2 x 2 table, its 'Ổ' as 'Ô', its 'Ế' lost
    meta = _with_table(_HEAD, ["CÔNG THÔNG TÌN ĐIỆN TỬ CHÍNH PHỦ", "ĐEN", "Giờ: 08h 02 Ngày: 07/02/2025"])
    assert [(r.by, r.number, r.date) for r in meta.received] == [(PORTAL, None, "2025-02-07")]
    assert "Giờ: 08h 02" in meta.received[0].raw  # the hour kept where the record has no field for it
    assert _header(meta) == HEADER


def test_a_portal_stamp_table_whose_den_was_lost_is_known_by_the_portal_s_name():
    meta = _with_table(_HEAD, ["CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ", "", "Giờ: 10 h 17 Ngày: 28/05/2025"])
    assert [(r.by, r.date) for r in meta.received] == [(PORTAL, "2025-05-28")]


def test_a_table_low_on_the_page_or_without_a_stamp_s_words_is_no_received_stamp():
    low = _with_table(_HEAD, ["CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ", "ĐẾN", "Ngày: 28/05/2025"],
                      bbox=(300.0, 1400.0, 1300.0, 1600.0))
    assert low.received == []
    other = _with_table(_HEAD, ["Chỉ tiêu", "Đơn vị", "Ngày: 28/05/2025"])
    assert other.received == []


def test_a_portal_stamp_read_as_lines_without_its_den_is_recorded_and_no_issuer():
    # stamped in the top margin over the issuer's column: its name is a line of capitals above the issuer's
    stamp = [_spaced("CÔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHÙ", 280, 40), _spaced("Giò: 16 H 57", 500, 80),
             _spaced("Ngày: 05/02/2025", 500, 115)]
    meta = _regions_meta([*stamp, *_HEAD])
    assert [(r.by, r.date) for r in meta.received] == [(PORTAL, "2025-02-05")]
    assert _header(meta) == HEADER
    assert meta.parent_issuer is None


_BODY = "\n\nCăn cứ Luật Tổ chức chính quyền địa phương;\nĐiều 1. Phê duyệt kế hoạch.\n"
_TEXT_HEAD = [line.text for line in _HEAD]


def test_a_portal_stamp_read_first_in_the_text_is_no_issuer():
    text = "CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ\nĐẾN Giờ: 9 h 05\nNgày: 05/02/2025\n" + "\n".join(_TEXT_HEAD) + _BODY
    meta = vnresolve.parse(text).metadata
    assert _header(meta) == HEADER and meta.parent_issuer is None
    assert [(r.by, r.number, r.date) for r in meta.received] == [(PORTAL, None, "2025-02-05")]


def test_a_portal_stamp_read_between_the_type_name_and_the_subject_is_no_subject():
    # the order a reader of the whole page gives a stamp set beside the type name: its lines before the subject's
    for stamp in ("CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ\nĐẾN Giờ: 9 h 05 Ngày: 05/02/2025",
                  "CÔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ\nĐẾN\nGiờ: 9 h 05\nNgày: 05/02/2025"):
        text = "\n".join(_TEXT_HEAD[:7]) + "\n" + stamp + "\n" + _TEXT_HEAD[7] + _BODY
        meta = vnresolve.parse(text).metadata
        assert _header(meta) == HEADER
        assert [(r.by, r.number, r.date) for r in meta.received] == [(PORTAL, None, "2025-02-05")]


def test_a_portal_stamp_under_the_date_line_reads_no_number_from_the_document_s():
    text = "\n".join(_TEXT_HEAD[:6]) + "\nCỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ\nĐẾN Giờ: 9 h 05\nNgày: 05/02/2025\n" \
        + "\n".join(_TEXT_HEAD[6:]) + _BODY
    meta = vnresolve.parse(text).metadata
    assert _header(meta) == HEADER
    assert [(r.by, r.number, r.date) for r in meta.received] == [(PORTAL, None, "2025-02-05")]


def test_a_portal_stamp_whose_day_was_not_read_is_still_recorded_by_its_name_and_hour():
    meta = _with_table(_HEAD, ["CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ", "", "Giờ: 16 h 09 HUàN&GSEHA1VTE"])
    assert [(r.by, r.number, r.date) for r in meta.received] == [(PORTAL, None, None)]


def test_the_portal_named_in_lower_case_is_no_stamp():
    text = ("\n".join(_TEXT_HEAD) + _BODY + "Nơi nhận:\n- Cổng Thông tin điện tử Chính phủ;\n"
            "- Ngày: 05/02/2025 họp;\n- Lưu: VT.\n")
    assert vnresolve.parse(text).metadata.received == []


def test_a_stamp_s_day_whose_second_slash_was_read_as_a_one_is_still_its_day():
    meta = _with_table(_HEAD, ["CÔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ", "ĐEN", "Giờ: 13 h 37 Ngày: 28/0712024"])
    assert [(r.by, r.date) for r in meta.received] == [(PORTAL, "2024-07-28")]


def test_a_capitals_subject_line_that_says_den_stays_in_the_subject():
    text = "\n".join(_TEXT_HEAD[:6]) + "\nKẾ HOẠCH\nTỪ NAY ĐẾN NĂM 2030" + _BODY
    assert vnresolve.parse(text).metadata.subject == "TỪ NAY ĐẾN NĂM 2030"


def test_a_date_line_touched_by_a_stamp_s_box_is_doubted():
    # the stamp set down on the right column, its lower rule on the place-date line's top: '2014' read '2012'
    near = _with_table(_HEAD, ["CỔNG THÔNG TỊN BIỆ r2 CHU", "Gi", ":14"], bbox=(900.0, 150.0, 1250.0, 268.0))
    assert near.date == "2025-02-03" and near.confidence["date"] < 0.5
    assert any("touches" in d.reason for d in near.uncertain if d.field == "date")
    # in the top margin, clear of the header's lines: nothing read near it is doubted for it
    clear = _with_table(_HEAD, ["CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ", "ĐẾN", "Giờ: 08h 02 Ngày: 07/02/2025"],
                        bbox=(650.0, 10.0, 1090.0, 140.0))
    assert clear.confidence.get("date", 1.0) >= 0.5 and clear.confidence.get("number", 1.0) >= 0.5
