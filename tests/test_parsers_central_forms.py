"""The parsers on the forms generator's central plan (Government, Prime Minister, Government Office,
ministries' circulars) and on what OCR does to their headers: each form typeset, ingested from its text
layer and parsed whole; where OCR's misreads are the point, the ingested lines are given the misread."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.formgen import draw_forms, render_form
from vnresolve import parsers
from vnresolve.schemas import Document

from test_parsers import make_doc
from test_formgen_plans import fonts_or_skip as _fonts_or_skip


def _ingest(form, tmp_path: Path, k: int = 0) -> tuple[Path, Document]:
    from benchmarks.catalogue_cache import ingested

    pdf = tmp_path / f"{k:02d}-{form.doc_type}.pdf"
    render_form(form, pdf)
    return pdf, ingested(pdf, tmp_path / "cache")


def _read(form, tmp_path: Path, k: int = 0):
    """The typeset form read by the whole pipeline from its text layer, and its truth."""
    from benchmarks.bench_catalogue import check

    pdf, doc = _ingest(form, tmp_path, k)
    meta = parsers.parse(doc).metadata
    return meta, check(meta, form.truth(pdf.name, pdf.name))


def _first(test):
    # the central plan's development seeds only
    return next(f for seed in range(3001, 3006) for f in draw_forms(seed, plan="central") if test(f))


def _misread(doc: Document, old: str, new: str) -> None:
    """`old` read as `new` on the first page, in its lines, their words and the text."""
    page = doc.pages[0]
    for line in page.lines:
        if old in line.text:
            line.text = line.text.replace(old, new)
            for w in line.words:
                w.text = w.text.replace(old, new)
    page.text = page.text.replace(old, new)
    doc.text = doc.text.replace(old, new)


def _lost(doc: Document, *texts: str) -> None:
    """The first page's lines that read `texts` lost by OCR (a faint or cut print)."""
    page = doc.pages[0]
    page.lines = [line for line in page.lines if line.text not in texts]
    for t in texts:
        page.text = page.text.replace(t, "")
        doc.text = doc.text.replace(t, "")


def test_a_decree_under_chinh_phu_gives_type_number_issuer_and_subject(tmp_path):
    # 'CHÍNH PHỦ' level with the motto is the issuer, not a type name; the bases under the subject are the body
    _fonts_or_skip()
    meta, result = _read(_first(lambda f: f.doc_type == "decree"), tmp_path)
    assert (meta.doc_type, meta.issuer) == ("decree", "CHÍNH PHỦ")
    assert all(result["right"][k] for k in ("doc_type", "number", "issuer", "subject")), result["misses"]
    assert "Căn cứ" not in meta.subject


def test_a_circular_of_a_ministry_named_on_two_lines(tmp_path):
    # THÔNG TƯ read whole is no THÔNG TRI; 'BỘ NÔNG NGHIỆP' / 'VÀ PHÁT TRIỂN NÔNG THÔN' is one body
    _fonts_or_skip()
    form = _first(lambda f: f.doc_type == "circular" and len(f.body.lines) == 2)
    meta, result = _read(form, tmp_path)
    assert meta.doc_type == "circular"
    assert meta.issuer == form.body.issuer and meta.parent_issuer is None
    assert result["right"]["number"], result["misses"]


def test_a_government_office_letter_from_vu_i(tmp_path):
    _fonts_or_skip()
    form = _first(lambda f: f.number.endswith("-V.I"))
    meta, _ = _read(form, tmp_path)
    assert meta.number == form.number and meta.symbol.unit_abbr == "V.I"


def test_a_basis_naming_the_republic_is_no_motto_where_ocr_lost_the_motto(tmp_path):
    # the motto's words in a basis under the subject ('… nước Cộng hòa xã hội chủ nghĩa …') do not stand
    # level with the header: the type name above them is still the type, the subject under it still sure
    _fonts_or_skip()
    form = next(f for f in draw_forms(2031) if f.number == "82/QĐ-BYT")
    at = next(k for k, (_, text) in enumerate(form.paragraphs) if text.startswith("Căn cứ"))
    form.paragraphs.insert(at, ("italic", "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 2013;"))
    _, doc = _ingest(form, tmp_path)
    _lost(doc, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
    meta = parsers.parse(doc).metadata
    assert meta.doc_type == "decision"
    assert meta.subject == form.subject
    assert meta.confidence.get("subject", 1.0) >= 0.5, meta.confidence


@pytest.mark.parametrize(("old", "new"), [("ngày", "ngày."), ("ngày", "hgày"), ("năm 2", "năm.2")])
def test_a_date_line_with_a_speck_or_a_misread_n_in_the_layout(tmp_path, old, new):
    _fonts_or_skip()
    form = _first(lambda f: f.doc_type == "decree")
    _, doc = _ingest(form, tmp_path)
    line = next(line for line in doc.pages[0].lines if ", ngày " in line.text)
    _misread(doc, line.text, line.text.replace(old, new, 1))
    y, m, d = form.date
    assert parsers.parse(doc).metadata.date == f"{y:04d}-{m:02d}-{d:02d}"


@pytest.mark.parametrize(("line", "want"), [("Nghệ An, hgày 12 tháng 5 năm 2008", "2008-05-12"),
                                            ("Hà Nội, ngày. 26 tháng 7 năm 2007", "2007-07-26"),
                                            ("Hà Nội, ngày 08 tháng 12 năm.2025", "2025-12-08"),
                                            ("Quảng Ngãi, ngày 03 tháng 02 năm 2025", "2025-02-03")])
def test_a_date_line_with_a_speck_or_a_misread_n_in_text_alone(line, want):
    text = f"ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN\nSố: 12/QĐ-UBND\n{line}\nQUYẾT ĐỊNH\nVề việc thành lập Ban Chỉ đạo\n"
    assert parsers.parse(make_doc(text)).metadata.date == want


def test_a_body_line_with_the_date_words_but_no_date_is_none():
    text = "ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN\nSố: 12/QĐ-UBND\nQUYẾT ĐỊNH\nVề việc hủy bỏ các nội dung đã nêu\n"
    assert parsers.parse(make_doc(text)).metadata.date is None


def test_a_quote_left_alone_at_a_subjects_end_is_a_speck(tmp_path):
    _fonts_or_skip()
    form = _first(lambda f: f.doc_type == "official_dispatch" and "bão số" in f.subject)
    _, doc = _ingest(form, tmp_path)
    line = next(line for line in doc.pages[0].lines if line.text.startswith(form.subject[:20]))
    _misread(doc, line.text, line.text + " '")
    assert parsers.parse(doc).metadata.subject == form.subject


def test_a_quoted_name_in_a_subject_keeps_its_quotes():
    from vnresolve.parsers.record_subject import _clean_subject

    assert _clean_subject('Về việc tổ chức "Ngày hội đại đoàn kết"') == 'Về việc tổ chức "Ngày hội đại đoàn kết"'


def test_a_subject_rows_end_read_apart_is_not_taken_for_the_body():
    # a skewed scan's subject line read as two runs on one row, a word lost between: the right one is no
    # body line; the subject is kept with its next line and doubted, not cut short and certain
    from vnresolve.parsers.record_subject import _type_and_subject
    from vnresolve.parsers.regions import Run
    from vnresolve.schemas import Metadata

    def run(text, x0, y0, x1, y1, conf=95.0):
        return Run(text, x0, y0, x1, y1, conf, tuple((w, conf) for w in text.split()))

    rs = [run("THÔNG BÁO", 753, 367, 1003, 415),
          run("Ý kiến chỉ đạo của Thủ tướng Chính phủ về thực", 255, 431, 1067, 474),
          run("tiết kiệm, chống lãng", 1172, 437, 1518, 475),
          run("phí", 859, 488, 913, 524),
          run("Tăng cường kiểm tra, đôn đốc, kịp thời tháo gỡ khó khăn, vướng mắc phát", 314, 567, 1534, 604),
          run("sinh trong quá trình thực hiện. Phấn đấu đến cuối năm, hoàn thành các chỉ", 237, 618, 1533, 655),
          run("tiêu đã đề ra, trong đó ít nhất 90% đơn vị đạt yêu cầu.", 237, 668, 1069, 705)]
    meta = Metadata()
    _type_and_subject(meta, rs, 0, 1654.0, 35.0)
    assert meta.doc_type == "notice"
    assert meta.subject.endswith("phí")
    assert meta.confidence.get("subject", 1.0) < 0.5
