"""Joint documents (liên tịch): the header's bodies joined as the issuer, every body's signer read from
blocks side by side, the lead body's block as `signer` and the others as `co_signers` (parsers/record_joint.py).
Text files go through the text path (columns told apart by their gap); typeset PDFs of formgen's joint plan
through the word boxes."""

from __future__ import annotations

import pytest

import vnresolve
from benchmarks.formgen import draw_forms, render_form
from test_formgen_plans import fonts_or_skip as _fonts_or_skip

_TWO_COLUMNS = """BỘ Y TẾ - BỘ TÀI CHÍNH                CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
                                      Độc lập - Tự do - Hạnh phúc
Số: 37/2015/TTLT-BYT-BTC
                                      Hà Nội, ngày 29 tháng 10 năm 2015

THÔNG TƯ LIÊN TỊCH
Quy định thống nhất giá dịch vụ khám bệnh, chữa bệnh bảo hiểm y tế giữa các bệnh viện cùng hạng

Căn cứ Luật bảo hiểm y tế ngày 14 tháng 11 năm 2008;
Bộ trưởng Bộ Y tế và Bộ trưởng Bộ Tài chính ban hành Thông tư liên tịch quy định thống nhất giá dịch vụ.

Điều 1. Phạm vi điều chỉnh
Thông tư này quy định thống nhất giá dịch vụ khám bệnh.

Điều 2. Hiệu lực thi hành
Thông tư liên tịch này có hiệu lực từ ngày 01 tháng 3 năm 2016./.

KT. BỘ TRƯỞNG BỘ TÀI CHÍNH             KT. BỘ TRƯỞNG BỘ Y TẾ
THỨ TRƯỞNG                             THỨ TRƯỞNG



Nguyễn Thị Minh                        Phạm Lê Tuấn

Nơi nhận:
- Văn phòng Chính phủ;
- Lưu: VT, BYT, BTC.
"""


def _parse_text(tmp_path, text: str):
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    result = vnresolve.convert(path)
    assert result.document is not None, result.reason
    return result.document.metadata


def test_a_typed_joint_circular_gives_the_lead_body_as_signer_and_the_other_as_co_signer(tmp_path):
    meta = _parse_text(tmp_path, _TWO_COLUMNS)
    assert meta.issuer == "BỘ Y TẾ - BỘ TÀI CHÍNH" and meta.parent_issuer is None
    assert meta.number == "37/2015/TTLT-BYT-BTC" and meta.doc_type == "joint_circular"
    # the header names Bộ Y tế first: its block (at the right) is the signer's, not the left one's
    assert (meta.signer.name, meta.signer.position, meta.signer.authority) == (
        "Phạm Lê Tuấn", "THỨ TRƯỞNG", ["KT. BỘ TRƯỞNG BỘ Y TẾ"])
    assert [(c.name, c.position, c.authority) for c in meta.co_signers] == [
        ("Nguyễn Thị Minh", "THỨ TRƯỞNG", ["KT. BỘ TRƯỞNG BỘ TÀI CHÍNH"])]
    assert meta.confidence["co_signers.0.name"] >= 0.5 and meta.confidence["signer.name"] >= 0.5


def test_the_lead_is_the_body_the_header_names_first_whichever_column_it_signs_in(tmp_path):
    swapped = _TWO_COLUMNS.replace("BỘ Y TẾ - BỘ TÀI CHÍNH  ", "BỘ TÀI CHÍNH - BỘ Y TẾ  ").replace(
        "TTLT-BYT-BTC", "TTLT-BTC-BYT")
    meta = _parse_text(tmp_path, swapped)
    assert meta.issuer == "BỘ TÀI CHÍNH - BỘ Y TẾ"
    assert meta.signer.name == "Nguyễn Thị Minh" and meta.signer.authority == ["KT. BỘ TRƯỞNG BỘ TÀI CHÍNH"]
    assert [c.name for c in meta.co_signers] == ["Phạm Lê Tuấn"]


def test_a_speck_read_as_a_sign_inside_a_body_s_name_is_dropped_and_doubted(tmp_path):
    speck = _TWO_COLUMNS.replace("BỘ Y TẾ - BỘ TÀI CHÍNH  ", "BỘ Y TẾ - BỘ TÀI-CHÍNH  ")
    meta = _parse_text(tmp_path, speck)
    assert meta.issuer == "BỘ Y TẾ - BỘ TÀI CHÍNH" and meta.confidence["issuer"] < 0.5
    assert _parse_text(tmp_path, _TWO_COLUMNS).confidence.get("issuer", 1.0) >= 0.5


def test_a_body_the_header_names_with_no_block_read_doubts_the_co_signers(tmp_path):
    three = _TWO_COLUMNS.replace("                                      Độc lập",
                                 "BỘ TƯ PHÁP                            Độc lập").replace("TTLT-BYT-BTC", "TTLT-BYT-BTC-BTP")
    meta = _parse_text(tmp_path, three)
    assert meta.issuer == "BỘ Y TẾ - BỘ TÀI CHÍNH - BỘ TƯ PHÁP" and len(meta.co_signers) == 1
    assert meta.confidence["co_signers"] < 0.5
    assert "co_signers" not in _parse_text(tmp_path, _TWO_COLUMNS).confidence


def test_a_header_printing_the_bodies_one_under_another_is_one_joint_issuer(tmp_path):
    stacked = _TWO_COLUMNS.replace("BỘ Y TẾ - BỘ TÀI CHÍNH                CỘNG HÒA",
                                   "BỘ Y TẾ                               CỘNG HÒA").replace(
        "                                      Độc lập", "BỘ TÀI CHÍNH                          Độc lập")
    meta = _parse_text(tmp_path, stacked)
    assert meta.issuer == "BỘ Y TẾ - BỘ TÀI CHÍNH" and meta.parent_issuer is None
    assert meta.signer.name == "Phạm Lê Tuấn" and [c.name for c in meta.co_signers] == ["Nguyễn Thị Minh"]


def test_a_document_one_body_issues_has_no_co_signers(tmp_path):
    # a biên bản's secretary and chair sign side by side too: it is no joint document
    minutes = _TWO_COLUMNS.replace("BỘ Y TẾ - BỘ TÀI CHÍNH  ", "BỘ Y TẾ                ").replace(
        "TTLT-BYT-BTC", "BB-BYT").replace("Số: 37/2015/", "Số: 37/").replace("THÔNG TƯ LIÊN TỊCH", "BIÊN BẢN").replace(
        "KT. BỘ TRƯỞNG BỘ TÀI CHÍNH             KT. BỘ TRƯỞNG BỘ Y TẾ\nTHỨ TRƯỞNG                             THỨ TRƯỞNG",
        "THƯ KÝ                                 CHỦ TỌA")
    meta = _parse_text(tmp_path, minutes)
    assert meta.issuer == "BỘ Y TẾ" and meta.co_signers == []


def test_typeset_joint_circulars_give_every_body_and_signer_from_the_word_boxes(tmp_path):
    _fonts_or_skip()
    forms = draw_forms(5002, plan="joint")
    three = next(f for f in forms if len(f.co_signers) == 2)  # two rows of blocks
    stacked = next(f for f in forms if len(f.co_signers) == 1 and len(f.body.lines) == 2)
    # seed 5003's eighth: short enough that its foot's 'THỨ TRƯỞNG' stands among the header's first lines, where
    # the loose type names ('TỜ TRÌNH') once took it for the type and the name under it for the subject
    short = draw_forms(5003, plan="joint")[7]
    for k, form in enumerate((three, stacked, short)):
        render_form(form, tmp_path / f"{k}.pdf")
        meta = vnresolve.convert(tmp_path / f"{k}.pdf").document.metadata
        truth = form.truth("a", "b")
        assert meta.read_from == "regions"
        assert (meta.issuer, meta.parent_issuer, meta.number) == (truth["issuer"], None, form.number)
        assert (meta.doc_type, meta.subject) == ("joint_circular", form.subject)
        assert (meta.signer.name, meta.signer.position) == (form.name, form.position)
        assert [(c.name, c.position, " ".join(c.authority) or None) for c in meta.co_signers] == [
            (c["name"], c["position"], c["on_behalf_of"]) for c in truth["co_signers"]]


def test_a_joint_resolution_whose_header_names_an_unlisted_body_is_read_with_its_issuer_doubted(tmp_path):
    text = _TWO_COLUMNS.replace("BỘ Y TẾ - BỘ TÀI CHÍNH   ", "CHÍNH PHỦ                ").replace(
        "                                      Độc lập", "BAN CHẤP HÀNH TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM   Độc lập").replace(
        "37/2015/TTLT-BYT-BTC", "03/2006/NQLT-CP-TLĐLĐVN").replace("THÔNG TƯ LIÊN TỊCH", "NGHỊ QUYẾT LIÊN TỊCH").replace(
        "KT. BỘ TRƯỞNG BỘ TÀI CHÍNH             KT. BỘ TRƯỞNG BỘ Y TẾ\nTHỨ TRƯỞNG                             THỨ TRƯỞNG",
        "TM. BAN CHẤP HÀNH                      TM. CHÍNH PHỦ\n"
        "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM       THỦ TƯỚNG\nCHỦ TỊCH")
    meta = _parse_text(tmp_path, text)
    assert (meta.doc_type, meta.doc_type_label, meta.symbol.type_abbr) == (
        "joint_resolution", "NGHỊ QUYẾT LIÊN TỊCH", "NQLT")
    # the header's second body is no listed name: the issuer read may be one body only, and says so
    assert meta.confidence["issuer"] < 0.5
    # no block names a body the header was read to hold: the right block of the first row leads
    assert (meta.signer.name, meta.signer.position, meta.signer.authority) == ("Phạm Lê Tuấn", "THỦ TƯỚNG", ["TM. CHÍNH PHỦ"])
    assert [c.name for c in meta.co_signers] == ["Nguyễn Thị Minh"]
    assert meta.co_signers[0].position == "CHỦ TỊCH"


def test_columns_a_tab_sets_apart_are_read_as_blocks_side_by_side(tmp_path):
    rows = ("KT. BỘ TRƯỞNG BỘ TÀI CHÍNH             KT. BỘ TRƯỞNG BỘ Y TẾ", "THỨ TRƯỞNG                             THỨ TRƯỞNG",
            "Nguyễn Thị Minh                        Phạm Lê Tuấn")
    text = _TWO_COLUMNS
    for row in rows:
        text = text.replace(row, "\t".join(part.strip() for part in row.split("   ") if part.strip()))
    assert "Nguyễn Thị Minh\tPhạm Lê Tuấn" in text
    meta = _parse_text(tmp_path, text)
    assert (meta.signer.name, meta.signer.authority) == ("Phạm Lê Tuấn", ["KT. BỘ TRƯỞNG BỘ Y TẾ"])
    assert [(c.name, c.position) for c in meta.co_signers] == [("Nguyễn Thị Minh", "THỨ TRƯỞNG")]


@pytest.mark.slow
def test_a_scanned_joint_circular_gives_both_signers(tmp_path):
    import shutil

    from benchmarks.bench_forms import STYLES, make

    if not shutil.which("tesseract"):
        pytest.skip("tesseract not installed")
    _fonts_or_skip()
    form = next(f for f in draw_forms(5004, plan="joint") if len(f.co_signers) == 1)
    _, scanned = make(form, tmp_path, "doc", dict(STYLES)["clean"], seed=5004)
    meta = vnresolve.convert(scanned).document.metadata
    assert meta.read_from == "regions" and meta.issuer == form.issuer
    assert meta.signer.name == form.name and [c.name for c in meta.co_signers] == [form.co_signers[0][2]]


def test_a_minister_signing_in_person_under_a_header_with_a_speck(tmp_path):
    # 'BỘ TRƯỞNG BỘ Y TẾ' holds a one-letter word, as the listed body's name does: a post as printed, not one
    # misread; a speck's quote before the header's first body is no part of the issuer
    text = _TWO_COLUMNS.replace("BỘ Y TẾ - BỘ TÀI CHÍNH ", '"BỘ Y TẾ - BỘ TÀI CHÍNH').replace(
        "KT. BỘ TRƯỞNG BỘ TÀI CHÍNH             KT. BỘ TRƯỞNG BỘ Y TẾ\nTHỨ TRƯỞNG                             THỨ TRƯỞNG",
        "KT. BỘ TRƯỞNG BỘ TÀI CHÍNH             BỘ TRƯỞNG BỘ Y TẾ\nTHỨ TRƯỞNG")
    meta = _parse_text(tmp_path, text)
    assert meta.issuer == "BỘ Y TẾ - BỘ TÀI CHÍNH"
    assert (meta.signer.name, meta.signer.position, meta.signer.authority) == ("Phạm Lê Tuấn", "BỘ TRƯỞNG BỘ Y TẾ", [])
    assert meta.confidence["signer.position"] >= 0.5
    assert [(c.name, c.position) for c in meta.co_signers] == [("Nguyễn Thị Minh", "THỨ TRƯỞNG")]


def test_two_blocks_first_lines_read_as_one_run_are_cut_apart():
    from vnresolve.parsers.record_joint import _cut_at_middle
    from vnresolve.parsers.regions import Run

    # as Tesseract read a scanned joint circular's foot (seed 5005): the left block's authority line, a speck,
    # and the right block's post, one run across the page's middle (2481 wide)
    words = (("K/T", 91.0), ("BỘ", 96.0), ("TRƯỞNG", 96.0), ("BỘ", 95.0), ("XÂY", 95.0), ("DỰNG", 87.0), ("ˆ", 27.0),
             ("BỘ", 96.0), ("TRƯỞNG", 95.0), ("BỘ", 96.0), ("KẾ", 96.0), ("HOẠCH", 96.0), ("VÀ", 96.0))
    spans = ((390.0, 486.0), (501.0, 579.0), (597.0, 845.0), (862.0, 940.0), (957.0, 1077.0), (1093.0, 1261.0),
             (1314.0, 1351.0), (1373.0, 1450.0), (1467.0, 1716.0), (1733.0, 1810.0), (1828.0, 1906.0),
             (1924.0, 2134.0), (2149.0, 2230.0))
    run = Run(" ".join(w for w, _ in words), 390.0, 1960.0, 2230.0, 2031.0, 27.0, words, spans)
    names = ["BỘ KẾ HOẠCH VÀ ĐẦU TƯ", "BỘ XÂY DỰNG", "BỘ TÀI CHÍNH"]
    left, right = _cut_at_middle(run, 2481 / 2, 53.0, names)
    assert left.text == "K/T BỘ TRƯỞNG BỘ XÂY DỰNG" and right.text.endswith(" BỘ TRƯỞNG BỘ KẾ HOẠCH VÀ")
    assert (left.x1, right.x0) == (1261.0, 1314.0)
    # one block's line across the middle is left whole
    one = Run("KT. BỘ TRƯỞNG BỘ Y TẾ", 1000.0, 0.0, 1500.0, 50.0, 96.0, tuple((w, 96.0) for w in "KT. BỘ TRƯỞNG BỘ Y TẾ".split()),
              ((1000.0, 1080.0), (1100.0, 1160.0), (1180.0, 1330.0), (1350.0, 1410.0), (1425.0, 1440.0), (1455.0, 1500.0)))
    assert _cut_at_middle(one, 1240.0, 53.0, ["BỘ Y TẾ", "BỘ TÀI CHÍNH"]) == (one,)


def test_a_post_run_into_another_block_s_authority_line_is_cut_before_its_prefix():
    from vnresolve.parsers.record_joint import _cut_at_middle
    from vnresolve.parsers.regions import Run

    # a skewed scan of a three-body joint circular's foot: the left block's post (wrapped in its column) and the
    # right block's authority line one run across the page's middle (1700 wide), a gap narrower than a line between
    words = (("BỘ", 96.0), ("TRƯỞNG", 95.0), ("BỘ", 96.0), ("KẾ", 96.0), ("HOẠCH", 96.0), ("VÀ", 73.0), ("K/T", 88.0),
             ("BỘ", 96.0), ("TRƯỞNG", 96.0), ("BỘ", 96.0), ("GIÁO", 96.0), ("DỤC", 96.0), ("VÀ", 96.0))
    spans = ((265.0, 317.0), (327.0, 494.0), (505.0, 557.0), (569.0, 620.0), (632.0, 772.0), (783.0, 836.0),
             (885.0, 948.0), (959.0, 1011.0), (1021.0, 1188.0), (1199.0, 1251.0), (1263.0, 1360.0), (1372.0, 1450.0),
             (1462.0, 1515.0))
    run = Run(" ".join(w for w, _ in words), 265.0, 1236.0, 1515.0, 1277.0, 73.0, words, spans)
    names = ["BỘ GIÁO DỤC VÀ ĐÀO TẠO", "BỘ KẾ HOẠCH VÀ ĐẦU TƯ", "BỘ GIAO THÔNG VẬN TẢI"]
    left, right = _cut_at_middle(run, 850.0, 41.0, names)
    assert left.text == "BỘ TRƯỞNG BỘ KẾ HOẠCH VÀ" and right.text == "K/T BỘ TRƯỞNG BỘ GIÁO DỤC VÀ"


_THREE_BODIES = """BỘ GIÁO DỤC VÀ ĐÀO TẠO - BỘ KẾ HOẠCH VÀ ĐẦU TƯ - BỘ TÀI CHÍNH      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Số: 26/2001/TTLT-BGDĐT-BKHĐT-BTC
                                      Hà Nội, ngày 03 tháng 9 năm 2001

THÔNG TƯ LIÊN TỊCH
Quy định chi tiết chuyển đổi số trong các cơ quan nhà nước

Điều 1. Thông tư này quy định chuyển đổi số.
"""


@pytest.mark.parametrize("read, number", [
    ("37/2015/TTLT-BYT'BTC", "37/2015/TTLT-BYT-BTC"), ("37/2015/TTLT-BYT’BTC", "37/2015/TTLT-BYT-BTC"),
])
def test_a_quote_read_between_a_joint_symbol_s_codes_is_its_hyphen_and_doubted(tmp_path, read, number):
    meta = _parse_text(tmp_path, _TWO_COLUMNS.replace("37/2015/TTLT-BYT-BTC", read))
    assert meta.number == number and meta.symbol.unit_abbr == "BTC"
    assert meta.confidence["number"] < 0.5


@pytest.mark.parametrize("code, sure", [("BTC", True), ("BTG", False), ("BIC", False)])
def test_a_joint_symbols_code_a_letter_from_the_unnamed_bodys_initials_is_doubted(tmp_path, code, sure):
    # 'BỘ TÀI CHÍNH' is coded 'BTC': a code naming no body of the header, a letter from it, was misread
    meta = _parse_text(tmp_path, _THREE_BODIES.replace("BKHĐT-BTC", f"BKHĐT-{code}"))
    assert meta.number == f"26/2001/TTLT-BGDĐT-BKHĐT-{code}"
    assert (meta.confidence.get("number", 0.9) >= 0.5) == sure


def test_a_central_bodys_tw_code_is_not_taken_for_a_misread_of_its_initials():
    from vnresolve.parsers.record_joint import _codes_of_bodies
    from vnresolve.schemas import SymbolParts
    from vnresolve.schemas.models import Metadata

    meta = Metadata(number="12/2010/TTLT-BTC-UBKTTW", symbol=SymbolParts(style="state", type_abbr="TTLT", issuer_abbr="BTC",
                                                                         unit_abbr="UBKTTW"))
    _codes_of_bodies(meta, ["BỘ TÀI CHÍNH", "ỦY BAN KIỂM TRA TRUNG ƯƠNG"])
    assert "number" not in meta.confidence


def test_a_quote_before_a_codes_d_is_its_bar_not_a_sign(tmp_path):
    meta = _parse_text(tmp_path, _THREE_BODIES.replace("26/2001/TTLT-BGDĐT-", "26/2001/TTLT-BGD'ĐT-"))
    assert meta.number != "26/2001/TTLT-BGD-ĐT-BKHĐT-BTC"


@pytest.mark.parametrize("text, read, sure", [
    (_TWO_COLUMNS, "37/2015/TTLT-BYT-BTC", True), (_TWO_COLUMNS, "37/2015/TTLT-BYT", False),
    (_THREE_BODIES, "26/2001/TTLT-BGDĐT-BKHĐT-BTC", True), (_THREE_BODIES, "26/2001/TTLT-BGDĐT-BKHĐT", False),
])
def test_a_joint_symbol_naming_fewer_bodies_than_the_header_is_doubted(tmp_path, text, read, sure):
    # a seal over the symbol's tail, or OCR losing it: the symbol reads, but one body's code is gone
    meta = _parse_text(tmp_path, text.replace(text.split("Số: ")[1].split()[0], read))
    assert meta.number == read
    assert (meta.confidence.get("number", 0.9) >= 0.5) == sure


@pytest.mark.parametrize("wrapped", ["Số: 26/2001/\nTTLT-", "Số: 26/2001/TTLT-\n"])
def test_a_joint_number_cut_after_a_sign_goes_on_on_the_next_line_of_a_text(tmp_path, wrapped):
    meta = _parse_text(tmp_path, _THREE_BODIES.replace("Số: 26/2001/TTLT-", wrapped))
    assert meta.number == "26/2001/TTLT-BGDĐT-BKHĐT-BTC"


def test_a_number_label_alone_above_a_long_joint_symbol_reads_the_serial(tmp_path):
    # a symbol naming three bodies is too long for the header's column: 'Số:' set alone on the line above it
    meta = _parse_text(tmp_path, _THREE_BODIES.replace("Số: 26/2001/", "Số:\n26/2001/"))
    assert meta.number == "26/2001/TTLT-BGDĐT-BKHĐT-BTC" and meta.confidence.get("number", 0.9) >= 0.5


_ARCHIVE_DECISION = """CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

SỞ NỘI VỤ TỈNH LẠNG SƠN
TRUNG TÂM LƯU TRỮ

Số: 15/QĐ-TTLT
Lạng Sơn, ngày 12 tháng 3 năm 2024

QUYẾT ĐỊNH
Về việc ban hành Quy chế làm việc của Trung tâm

Căn cứ Quyết định số 12/QĐ-SNV ngày 1 tháng 2 năm 2020 của Sở Nội vụ;

Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc của Trung tâm.

Điều 2. Quyết định này có hiệu lực kể từ ngày ký.

Nơi nhận:                              GIÁM ĐỐC
- Như Điều 2;
- Lưu: VT.
                                       Nguyễn Văn An
"""


def test_a_body_line_above_the_number_that_fits_a_joint_type_s_loose_letters_stays_the_issuer(tmp_path):
    # 'TRUNG TÂM LƯU TRỮ' has the four words' first letters of THÔNG TƯ LIÊN TỊCH: above the number line it is
    # the issuer's line, not the type
    meta = _parse_text(tmp_path, _ARCHIVE_DECISION)
    assert (meta.issuer, meta.parent_issuer) == ("TRUNG TÂM LƯU TRỮ", "SỞ NỘI VỤ TỈNH LẠNG SƠN")
    assert (meta.date, meta.place) == ("2024-03-12", "Lạng Sơn")


@pytest.mark.parametrize("number", ["15/QĐ-TTLT-HCTH", "125/TTLT-VP"])
def test_a_body_code_ending_in_lt_does_not_make_a_document_joint(tmp_path, number):
    # the archive centre's code (TTLT) after the type code, or as a công văn's first code with one unit's after it
    meta = _parse_text(tmp_path, _ARCHIVE_DECISION.replace("15/QĐ-TTLT", number))
    assert meta.number == number
    assert not any(d.field == "issuer" for d in meta.uncertain), meta.uncertain
