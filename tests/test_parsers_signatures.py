"""Signed e-government PDFs: the serial and day typed into signature fields at signing, and the
e-signature blocks kept as their own metadata (the signing time is not the document's date)."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from fixtures.paths import REALSCANS, needs_realscans
from fixtures.pdfs import build_pdf

import vnresolve
from vnresolve.ingest.options import IngestOptions
from vnresolve.ingest.widgets import page_widgets, pdf_date
from vnresolve.pipeline.options import PipelineOptions

HEADER = (b"BT /F1 12 Tf 72 740 Td (UY BAN NHAN DAN) Tj 0 -16 Td (TINH QUANG NGAI) Tj ET "
          b"BT /F1 12 Tf 72 700 Td (So:          /TB-UBND) Tj ET "
          b"BT /F1 12 Tf 330 700 Td (Quang Ngai, ngay         thang 01 nam 2025) Tj ET "
          b"BT /F1 14 Tf 260 650 Td (THONG BAO) Tj ET "
          b"BT /F1 12 Tf 72 620 Td (Ket luan cua Chu tich tai cuoc hop ngay 03/01/2025 ve cong tac co phan hoa.) Tj ET")
SERIAL_AP = b"BT /F1 12 Tf 2 5 Td (11) Tj ET"
DAY_AP = b"BT /F1 12 Tf 2 5 Td (08) Tj ET"
BLOCK_AP = (b"BT /F1 6 Tf 2 40 Td (Ky boi: Uy ban nhan dan tinh Quang Ngai) Tj 0 -8 Td (Co quan: Tinh Quang Ngai) Tj "
            b"0 -8 Td (Thoi gian ky: 09/01/2025 10:21:11) Tj ET")


def _stream(data: bytes, head: bytes = b"") -> bytes:
    return b"<< " + head + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def _form(data: bytes, bbox: bytes) -> bytes:
    return _stream(data, b"/Type /XObject /Subtype /Form /BBox " + bbox + b" /Resources << /Font << /F1 5 0 R >> >>")


def signed_template_pdf(signed_at: bytes = b"D:20250109100916+07'00'") -> bytes:
    """One page of a notice whose serial and day were left blank in the template and typed into
    signature fields at signing, with the signing organisation's block in the top margin."""
    widget = (b"<< /Type /Annot /Subtype /Widget /FT /Sig /F 132 /P 3 0 R /T (%s) /Rect [%s] /V %d 0 R /AP << /N %d 0 R >> >>")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [6 0 R 8 0 R 10 0 R] /SigFlags 3 >> >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> /Annots [6 0 R 8 0 R 10 0 R] >>",
        _stream(HEADER),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        widget % (b"Signature2", b"96 694 160 716", 7, 12),
        b"<< /Type /Sig /M (" + signed_at + b") >>",
        widget % (b"Signature3", b"425 694 460 716", 9, 13),
        b"<< /Type /Sig /M (" + signed_at + b") >>",
        widget % (b"Signature1", b"400 742 590 792", 11, 14),
        b"<< /Type /Sig /M (D:20250109102111+07'00') /Name (Uy ban nhan dan tinh Quang Ngai) >>",
        _form(SERIAL_AP, b"[0 0 64 22]"),
        _form(DAY_AP, b"[0 0 35 22]"),
        _form(BLOCK_AP, b"[0 0 190 50]"),
    ]
    return build_pdf(objects)


@pytest.fixture
def signed(tmp_path: Path) -> Path:
    path = tmp_path / "signed.pdf"
    path.write_bytes(signed_template_pdf())
    return path


def test_signature_fields_are_read_with_their_appearance_text_and_time(signed: Path) -> None:
    with pdfplumber.open(signed) as pdf:
        widgets = page_widgets(pdf.pages[0])
    by_name = {w.name: w for w in widgets}
    assert set(by_name) == {"Signature1", "Signature2", "Signature3"}
    assert by_name["Signature2"].text == "11" and by_name["Signature2"].filled_in
    assert by_name["Signature3"].text == "08" and by_name["Signature3"].filled_in
    block = by_name["Signature1"]
    assert not block.filled_in and block.text.splitlines()[0] == "Ky boi: Uy ban nhan dan tinh Quang Ngai"
    assert block.signed_at == "2025-01-09T10:21:11+07:00" and block.signed_by == "Uy ban nhan dan tinh Quang Ngai"
    # the serial's box is the field's rectangle turned to top-left origin: 792 - 716 = 76
    assert by_name["Signature2"].bbox == (96.0, 76.0, 160.0, 98.0)


def test_the_typed_in_serial_and_day_complete_the_record_and_the_block_is_metadata(signed: Path) -> None:
    # the page's own text is unaccented, so it is taken as it is rather than OCR'd
    result = vnresolve.convert(signed, PipelineOptions(restorer="passthrough", ingest=IngestOptions(ocr="never")))
    doc = result.document
    meta = doc.metadata
    assert "So: 11 /TB-UBND" in doc.text
    assert meta.number == "11/TB-UBND" and meta.symbol.number == "11"
    assert meta.date == "2025-01-08"
    assert "number" not in {d.field for d in meta.uncertain} and "date" not in {d.field for d in meta.uncertain}
    assert [s.signed_at for s in meta.signatures] == ["2025-01-09T10:21:11+07:00"]
    sig = meta.signatures[0]
    assert (sig.signed_by, sig.organisation, sig.source, sig.page) == (
        "Uy ban nhan dan tinh Quang Ngai", "Tinh Quang Ngai", "signature-field", 1)
    assert "Ky boi" not in doc.text  # the block is not body text
    assert [f.name for f in doc.pages[0].signature_fields if f.filled_in] == ["Signature2", "Signature3"]


def test_a_date_after_the_signing_is_doubted(tmp_path: Path) -> None:
    # the day field says the 8th of January; the signatures were made on the 5th
    path = tmp_path / "early.pdf"
    path.write_bytes(signed_template_pdf(signed_at=b"D:20250105100916+07'00'").replace(
        b"D:20250109102111+07'00'", b"D:20250105102111+07'00'"))
    meta = vnresolve.convert(path, PipelineOptions(restorer="passthrough", ingest=IngestOptions(ocr="never"))).document.metadata
    assert meta.date == "2025-01-08"
    assert any(d.field == "date" and "after the document was signed" in d.reason for d in meta.uncertain)
    assert meta.confidence["date"] < 0.5


def test_a_printed_e_signature_block_is_read_from_the_text() -> None:
    text = ("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\n\nKý bởi: Sở Nội vụ tỉnh Quảng Ngãi\nCơ quan: Tỉnh Quảng Ngãi\n"
            "Thời gian ký: 24/01/2025 14:23:43\n\nBÁO CÁO\nTình hình cải cách hành chính\n")
    meta = vnresolve.parse(text).metadata
    assert len(meta.signatures) == 1
    sig = meta.signatures[0]
    assert (sig.signed_by, sig.organisation, sig.signed_at, sig.source) == (
        "Sở Nội vụ tỉnh Quảng Ngãi", "Tỉnh Quảng Ngãi", "2025-01-24T14:23:43", "text")


def test_pdf_dates_become_iso_times() -> None:
    assert pdf_date(b"D:20250109100916+07'00'") == "2025-01-09T10:09:16+07:00"
    assert pdf_date("D:20241231") == "2024-12-31"
    assert pdf_date(b"D:20250109100916Z") == "2025-01-09T10:09:16Z"
    assert pdf_date(b"yesterday") is None


@needs_realscans
def test_real_signed_notice_has_its_number_date_and_signatures() -> None:
    path = REALSCANS / "quang-ngai-born-digital" / "05_signed.pdf"
    meta = vnresolve.convert(path).document.metadata
    assert (meta.number, meta.date) == ("11/TB-UBND", "2025-01-08")
    centre = meta.signatures[0]
    assert centre.email == "ttcbth@quangngai.gov.vn" and centre.signed_at == "2025-01-09T10:21:11+07:00"
    assert centre.organisation == "TRUNG TÂM CÔNG BÁO VÀ TIN HỌC"
    assert any(s.signed_by == "Nguyễn Phước Bình" for s in meta.signatures)


def _blank_day_pdf(tmp_path: Path, signed_at: bytes) -> Path:
    """The notice with its day left blank (the day's field drew nothing), signed at `signed_at`."""
    path = tmp_path / "blank-day.pdf"
    data = signed_template_pdf(signed_at=signed_at).replace(b"D:20250109102111+07'00'", signed_at)
    path.write_bytes(data.replace(DAY_AP, b"BT /F1 12 Tf 2 5 Td () Tj ET".ljust(len(DAY_AP))))
    return path


def _text_record(path: Path):
    options = PipelineOptions(restorer="passthrough", ingest=IngestOptions(ocr="never"))
    return vnresolve.convert(path, options).document.metadata


def test_an_unreadable_day_is_offered_as_the_signing_day_and_doubted(tmp_path: Path) -> None:
    # month and year typed (January 2025), day blank; signed on 9 January: dated that day at the latest
    meta = _text_record(_blank_day_pdf(tmp_path, b"D:20250109100916+07'00'"))
    assert meta.date == "2025-01-09"
    assert meta.confidence["date"] < 0.5
    assert any(d.field == "date" and "e-signature" in d.reason for d in meta.uncertain)


def test_a_signing_in_another_month_gives_no_date(tmp_path: Path) -> None:
    # signed in February for a notice of January: the day cannot be told, so no date is given
    meta = _text_record(_blank_day_pdf(tmp_path, b"D:20250203100916+07'00'"))
    assert meta.date is None and meta.confidence["date"] == 0.0
