"""The parsers on the forms generator's councils plan: people's councils' resolutions and provinces'
documents of 1999-2003, each typeset, ingested from its text layer and parsed whole."""

from __future__ import annotations

import pytest

from benchmarks.formgen import draw_forms, render_form
from vnresolve import parsers
from vnresolve.parsers import formats
from vnresolve.parsers.text import fold
from test_formgen_plans import fonts_or_skip as _fonts_or_skip
from test_formgen_plans import read_typeset as _read


def _first(test):
    # the councils plan's development seeds only
    return next(f for seed in range(4001, 4006) for f in draw_forms(seed, plan="councils") if test(f))


def test_a_type_line_that_names_whose_the_document_is():
    # older documents: 'QUYẾT ĐỊNH CỦA (CHỦ TỊCH) UỶ BAN NHÂN DÂN TỈNH …' on the type's line
    assert formats.type_of_line(fold("QUYẾT ĐỊNH CỦA CHỦ TỊCH UỶ BAN NHÂN DÂN TỈNH SƠN LA")).code == "decision"
    assert formats.type_of_line(fold("CHỈ THỊ CỦA UỶ BAN NHÂN DÂN TỈNH NGHỆ AN")).code == "directive"
    assert formats.type_of_line(fold("BÁO CÁO CHÍNH TRỊ CỦA BAN CHẤP HÀNH ĐẢNG BỘ TỈNH")).code == "political_report"
    # a post's words loosely fit a type's ('CHỦ TỊCH', 'CHỈ THỊ'): before 'của' they must read a type's name
    assert formats.type_of_line(fold("CHỦ TỊCH CỦA UỶ BAN NHÂN DÂN TỈNH")) is None
    assert formats.type_of_line(fold("QUYẾT ĐỊNH CỦA")) is None
    assert formats.type_with_owner(fold("QUYẾT ĐỊNH")) is None


@pytest.mark.parametrize("kind", ["decision", "directive"])
def test_an_old_provinces_type_line_with_its_owner_gives_the_type_and_the_v_v_subject(tmp_path, kind):
    _fonts_or_skip()
    form = _first(lambda f: f.doc_type == kind and f.title and " CỦA " in f.title)
    meta, result = _read(form, tmp_path)
    assert meta.doc_type == kind
    assert all(result["right"][k] for k in ("doc_type", "number", "issuer", "date", "subject")), result["misses"]
    assert not meta.subject.startswith(("Điều", "CHỦ TỊCH", "UỶ BAN"))


def test_a_type_line_wrapped_under_its_owner_leaves_the_rest_of_the_name_out_of_the_subject(tmp_path):
    # a long name wraps the type's line: its end ('VŨNG TÀU') stands in capitals above the subject
    _fonts_or_skip()
    form = _first(lambda f: f.doc_type == "decision" and f.title and "CHỦ TỊCH" in f.title)
    form.body.lines = ("UỶ BAN NHÂN DÂN", "TỈNH BÀ RỊA - VŨNG TÀU")
    form.title = "QUYẾT ĐỊNH CỦA CHỦ TỊCH UỶ BAN NHÂN DÂN TỈNH BÀ RỊA - VŨNG TÀU"
    pdf = tmp_path / "wrapped.pdf"
    render_form(form, pdf)
    from pdfminer.high_level import extract_text

    assert "QUYẾT ĐỊNH CỦA CHỦ TỊCH UỶ BAN NHÂN DÂN TỈNH BÀ RỊA - VŨNG TÀU" not in extract_text(str(pdf))
    meta, result = _read(form, tmp_path, 1)
    assert meta.doc_type == "decision" and result["right"]["subject"], result["misses"]
    assert "TÀU" not in meta.subject


def test_a_council_resolution_is_dated_by_its_header_not_by_the_day_it_was_passed(tmp_path):
    _fonts_or_skip()
    form = _first(lambda f: f.doc_type == "resolution" and f"thông qua ngày {f.date[2]:02d} " not in f.paragraphs[-1][1])
    meta, result = _read(form, tmp_path)
    assert all(result["right"].values()), result["misses"]
    assert meta.issuer == form.body.issuer and meta.doc_type == "resolution"
    assert "KỲ HỌP" not in (meta.subject or "") and meta.signer.position == form.position


def test_a_subjects_v_v_and_a_bracket_closing_nothing_are_no_part_of_it():
    from vnresolve.parsers.record_subject import _clean_subject

    # an older decision's 'V/v' under its type line, as a công văn's: OCR may lose its v
    assert _clean_subject("V/v phê duyệt Kế hoạch cải cách hành chính") == "phê duyệt Kế hoạch cải cách hành chính"
    assert _clean_subject("V/ đẩy mạnh phát triển du lịch") == "đẩy mạnh phát triển du lịch"
    assert _clean_subject("Về việc thành lập Ban Chỉ đạo") == "Về việc thành lập Ban Chỉ đạo"
    assert _clean_subject("Vốn vay ưu đãi") == "Vốn vay ưu đãi"
    # the rule under the subject read as a bracket after its last word; a bracket it opened stays
    assert _clean_subject("Tình hình giảm nghèo năm 2001)") == "Tình hình giảm nghèo năm 2001"
    assert _clean_subject("Quy chế làm việc (sửa đổi)") == "Quy chế làm việc (sửa đổi)"


def test_a_speck_stuck_to_the_year_word_leaves_the_date(tmp_path):
    from benchmarks.catalogue_cache import ingested

    _fonts_or_skip()
    form = _first(lambda f: f.old_style and f.doc_type == "report")
    y, m, d = form.date
    pdf = tmp_path / "report.pdf"
    render_form(form, pdf)
    doc = ingested(pdf, tmp_path / "cache")
    page = doc.pages[0]
    line = next(line for line in page.lines if f"năm {y}" in line.text and "ngày" in line.text)
    line.text = line.text.replace(f"năm {y}", f"năm-{y}")
    for w in line.words:
        w.text = w.text.replace("năm", "năm-") if w.text == "năm" else w.text
    page.text = page.text.replace(f"năm {y}", f"năm-{y}", 1)
    doc.text = doc.text.replace(f"năm {y}", f"năm-{y}", 1)
    assert f"năm-{y}" in doc.text
    assert parsers.parse(doc).metadata.date == f"{y:04d}-{m:02d}-{d:02d}"


_PARTY_HEAD = "TỈNH ỦY ĐIỆN BIÊN                    ĐẢNG CỘNG SẢN VIỆT NAM\n*\nSố 05-NQ/TU           Điện Biên, ngày 9 tháng 12 năm 2025\n\n"
_COUNCIL_HEAD = ("HỘI ĐỒNG NHÂN DÂN               CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH THANH HÓA"
                 "                          Độc lập - Tự do - Hạnh phúc\n\nSố: 15/2021/NQ-HĐND"
                 "                Thanh Hóa, ngày 10 tháng 12 năm 2021\n\n")


@pytest.mark.parametrize("head, type_lines, subject", [
    # a Party resolution's owner on its own line, or on the type's, over a subject in capitals
    (_PARTY_HEAD, "NGHỊ QUYẾT\nCỦA BAN CHẤP HÀNH ĐẢNG BỘ TỈNH", "VỀ PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026"),
    (_PARTY_HEAD, "NGHỊ QUYẾT CỦA BAN THƯỜNG VỤ TỈNH ỦY", "VỀ TĂNG CƯỜNG CÔNG TÁC GIẢM NGHÈO"),
    (_COUNCIL_HEAD, "NGHỊ QUYẾT\nCỦA HỘI ĐỒNG NHÂN DÂN TỈNH THANH HÓA", "QUY ĐỊNH MỨC THU PHÍ THAM QUAN DI TÍCH"),
    # the owner's name wrapped: its end, the issuer's, is no part of the subject
    (_COUNCIL_HEAD, "NGHỊ QUYẾT CỦA HỘI ĐỒNG NHÂN DÂN TỈNH\nTHANH HÓA", "QUY ĐỊNH MỨC THU PHÍ THAM QUAN DI TÍCH"),
])
def test_a_subject_in_capitals_under_a_type_line_naming_its_owner_is_the_subject(head, type_lines, subject):
    from vnresolve.pipeline.options import PipelineOptions
    from vnresolve.pipeline.process import process_text

    text = f"{head}{type_lines}\n{subject}\n\nBan Chấp hành xác định các nhiệm vụ sau đây.\n\nT/M TỈNH ỦY\nBÍ THƯ\n\nNguyễn Văn An\n"
    meta = process_text(text, "t.txt", PipelineOptions(restore=False), []).metadata
    assert meta.doc_type == "resolution" and meta.subject == subject


def test_an_owners_wrapped_end_is_the_issuers():
    issuer = "ỦY BAN NHÂN DÂN TỈNH BÀ RỊA - VŨNG TÀU"
    assert formats.owner_goes_on(fold("VŨNG TÀU"), issuer) and formats.owner_goes_on(fold("- VUNG TAU"), issuer)
    assert not formats.owner_goes_on(fold("VỀ PHƯƠNG HƯỚNG NHIỆM VỤ"), issuer)
    assert not formats.owner_goes_on(fold("V/V VŨNG TÀU"), issuer) and not formats.owner_goes_on(fold("LA"), None)


def test_a_subject_in_capitals_under_an_owned_type_line_is_read_by_region(tmp_path):
    # the layout's reading: a capitals subject under 'CHỈ THỊ CỦA UỶ BAN NHÂN DÂN TỈNH …' is no part of the owner
    _fonts_or_skip()
    form = _first(lambda f: f.doc_type == "directive" and f.title and " CỦA " in f.title and len(f.title) < 60)
    form.subject = "TĂNG CƯỜNG CÔNG TÁC PHÒNG CHỐNG LỤT BÃO"
    meta, result = _read(form, tmp_path)
    assert meta.doc_type == "directive" and meta.subject == form.subject, result["misses"]
