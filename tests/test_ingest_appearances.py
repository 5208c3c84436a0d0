"""A scanned page of a digitally signed PDF: the signature field's appearance ('Ký bởi: …') and a
typed note are drawn over the scan and OCR'd with it; they are tagged stamp, not body text."""

from __future__ import annotations

import zlib
from pathlib import Path

import numpy as np
from fixtures.documents import FONT_PATH, LINES, render_lines, word_recall
from PIL import Image, ImageDraw, ImageFont
from fixtures.pdfs import build_pdf

from vnresolve.ingest import ingest_file

BLOCK_AP = (b"BT /F1 9 Tf 4 44 Td (Ky boi: Uy ban nhan dan tinh Quang Ngai) Tj 0 -14 Td (Co quan: Tinh Quang Ngai) Tj "
            b"0 -14 Td (Thoi gian ky: 09/01/2025 10:21:11) Tj ET")


def _stream(data: bytes, head: bytes = b"") -> bytes:
    return b"<< " + head + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


SUMMARY = "V/v an toàn giao thông"  # printed at the left of the row the note is typed on
NOTE_AP = b"BT /F1 10 Tf 2 6 Td (1. Phong CTSV theo doi tong hop bao cao So.) Tj ET"


def _turned(rect: bytes) -> bytes:
    """A /Rect on the US-letter page turned half a turn."""
    x0, y0, x1, y1 = (float(v) for v in rect.split())
    return b"%g %g %g %g" % (612 - x1, 792 - y1, 612 - x0, 792 - y0)


def signed_scan_pdf(path: Path, upside_down: bool = False) -> Path:
    """One US-letter page at 200 dpi: a scanned image of body text, a signature field with the
    signing organisation's block in the top right margin, and a reader's typed note (FreeText)
    beside the printed summary line. `upside_down`: the whole page, scan and what is drawn over
    it, stands on its head (a sheet fed upside down and signed as it shows)."""
    scan = np.full((2200, 1700), 245, np.uint8)
    scan[500:500 + 420, 150:150 + 1400] = np.asarray(render_lines(LINES))
    img = Image.fromarray(scan)
    ImageDraw.Draw(img).text((150, 300), SUMMARY, fill=30, font=ImageFont.truetype(FONT_PATH, 38))
    scan = np.asarray(img)
    sig_rect, note_rect, sig_turn, note_turn = b"380 720 600 780", b"186 665 486 685", b"", b""
    if upside_down:
        scan = np.ascontiguousarray(scan[::-1, ::-1])
        sig_rect, note_rect = _turned(sig_rect), _turned(note_rect)
        sig_turn, note_turn = b"/Matrix [-1 0 0 -1 220 60] ", b"/Matrix [-1 0 0 -1 300 20] "
    image = _stream(zlib.compress(scan.tobytes()), b"/Type /XObject /Subtype /Image /Width 1700 /Height 2200 "
                    b"/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [6 0 R] /SigFlags 3 >> >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /XObject << /Im1 9 0 R >> >> /Annots [6 0 R 10 0 R] >>",
        _stream(b"q 612 0 0 792 0 0 cm /Im1 Do Q"),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Annot /Subtype /Widget /FT /Sig /F 132 /P 3 0 R /T (Signature1) /Rect [" + sig_rect + b"] "
        b"/V 7 0 R /AP << /N 8 0 R >> >>",
        b"<< /Type /Sig /M (D:20250109102111+07'00') /Name (Uy ban nhan dan tinh Quang Ngai) >>",
        _stream(BLOCK_AP, b"/Type /XObject /Subtype /Form /BBox [0 0 220 60] " + sig_turn + b"/Resources << /Font << /F1 5 0 R >> >>"),
        image,
        b"<< /Type /Annot /Subtype /FreeText /F 4 /P 3 0 R /Rect [" + note_rect + b"] /DA (/Helvetica 10 Tf) "
        b"/Contents (1. Phong CTSV theo doi tong hop bao cao So.) /AP << /N 11 0 R >> >>",
        _stream(NOTE_AP, b"/Type /XObject /Subtype /Form /BBox [0 0 300 20] " + note_turn + b"/Resources << /Font << /F1 5 0 R >> >>"),
    ]
    path.write_bytes(build_pdf(objects))
    return path


def test_a_signature_appearance_over_a_scan_is_a_stamp_not_body_text(tmp_path):
    page = ingest_file(signed_scan_pdf(tmp_path / "signed.pdf")).pages[0]
    assert page.source == "ocr"
    assert [f.name for f in page.signature_fields] == ["Signature1"]
    stamps = " ".join(line.text for line in page.lines if line.role == "stamp")
    assert "Co quan" in stamps and "Thoi gian" in stamps  # read, and kept as what it is
    assert "Ky boi" not in page.text and "Quang Ngai" not in page.text
    assert word_recall(" ".join(LINES), page.text) >= 0.9


def test_a_typed_note_over_a_scan_is_a_stamp_and_the_print_beside_it_stays_text(tmp_path):
    page = ingest_file(signed_scan_pdf(tmp_path / "signed.pdf")).pages[0]
    stamps = " ".join(line.text for line in page.lines if line.role == "stamp")
    assert "CTSV" in stamps and "CTSV" not in page.text
    assert word_recall(SUMMARY, page.text) == 1.0


def test_what_is_drawn_over_a_page_osd_turned_is_turned_with_it(tmp_path):
    """The sheet was scanned upside down and signed as it shows: OSD turns the page, and the
    signature's block and the note, known in the unturned page's pixels, are found where the
    turn put them: stamps, not body text."""
    doc = ingest_file(signed_scan_pdf(tmp_path / "signed.pdf", upside_down=True))
    page = doc.pages[0]
    assert page.rotation == 180 and any(w.code == "page-rotated" for w in doc.warnings)
    stamps = " ".join(line.text for line in page.lines if line.role == "stamp")
    assert "CTSV" in stamps and "CTSV" not in page.text
    assert "Co quan" in stamps and "Ky boi" not in page.text
    assert word_recall(SUMMARY, page.text) == 1.0
    assert word_recall(" ".join(LINES), page.text) >= 0.9


def test_a_box_turned_with_its_page_maps_back_where_the_archive_puts_the_turned_page_s_words():
    """turn_box and the archive's mapping of a turned page's words back onto the page as it came
    in (archive.words) are one turn and its inverse, for every quarter turn."""
    from vnresolve.archive.words import ArchivePage
    from vnresolve.ingest.layout import turn_box

    width, height, box = 1700.0, 2200.0, (380.0, 120.0, 600.0, 180.0)
    for rotation in (0, 90, 180, 270):
        turned_w, turned_h = (height, width) if rotation % 180 else (width, height)
        page = ArchivePage(number=1, source="ocr", width=turned_w, height=turned_h, dpi=200, rotation=rotation,
                           skew=0.0, lines=())
        assert page.source_box(turn_box(box, rotation, width, height)) == box, rotation
