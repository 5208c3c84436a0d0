"""A scanned, e-signed decision whose serial and day were written by hand into the typed template:
the record reads them as well as the page allows, marks them uncertain, and never gives a day the
signing rules out (a document is dated on or before it is signed)."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from fixtures.documents import FONT_PATH, image_pdf
from PIL import Image, ImageDraw, ImageFont

import vnresolve
from vnresolve.pipeline.options import PipelineOptions

HAND_FONT = "/usr/share/fonts/truetype/freefont/FreeSansBoldOblique.ttf"
BODY = ["Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        "Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 12/TTr-SNV.",
        "Điều 1. Công nhận các xã đạt chuẩn nông thôn mới năm 2024.",
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký."]


def _page(day: str) -> Image.Image:
    """Page 1 of a decision at 200 dpi: the header typed, the serial '04' and `day` written in."""
    if not (Path(FONT_PATH).exists() and Path(HAND_FONT).exists()):
        pytest.skip("Liberation Serif or FreeSans not installed (apt-get install fonts-liberation2 fonts-freefont-ttf)")
    typed, bold, hand = (ImageFont.truetype(FONT_PATH, 34), ImageFont.truetype(FONT_PATH, 38),
                         ImageFont.truetype(HAND_FONT, 40))
    img = Image.new("L", (1654, 2339), 255)
    draw = ImageDraw.Draw(img)
    draw.text((150, 150), "ỦY BAN NHÂN DÂN", font=typed, fill=0)
    draw.text((160, 195), "TỈNH HÀ NAM", font=typed, fill=0)
    draw.text((760, 150), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", font=typed, fill=0)
    draw.text((880, 195), "Độc lập - Tự do - Hạnh phúc", font=typed, fill=0)
    draw.text((150, 290), "Số:", font=typed, fill=0)
    draw.text((215, 284), "04", font=hand, fill=0)
    draw.text((290, 290), "/QĐ-UBND", font=typed, fill=0)
    draw.text((800, 290), "Hà Nam, ngày", font=typed, fill=0)
    draw.text((1000, 284), day, font=hand, fill=0)
    draw.text((1075, 290), "tháng 02 năm 2025", font=typed, fill=0)
    draw.text((640, 420), "QUYẾT ĐỊNH", font=bold, fill=0)
    draw.text((420, 475), "Về việc công nhận xã đạt chuẩn nông thôn mới", font=typed, fill=0)
    for k, line in enumerate(BODY):
        draw.text((180, 600 + 60 * k), line, font=typed, fill=0)
    draw.text((1000, 1000), "CHỦ TỊCH", font=bold, fill=0)
    draw.text((960, 1200), "Nguyễn Văn Bình", font=bold, fill=0)
    return img


def _signed_scan(tmp_path: Path, day: str, signed_at: str) -> Path:
    """The page as a scanned PDF carrying the signing organisation's signature field (its /M time)."""
    plain = image_pdf(tmp_path / "scan.pdf", [_page(day)])
    out = tmp_path / "signed-scan.pdf"
    with pikepdf.open(plain) as pdf:
        page = pdf.pages[0]
        ap = pikepdf.Stream(pdf, b"BT /F1 6 Tf 2 30 Td (Ky boi: Uy ban nhan dan tinh Ha Nam) Tj ET")
        ap.Type, ap.Subtype, ap.BBox = pikepdf.Name.XObject, pikepdf.Name.Form, [0, 0, 150, 40]
        ap.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=pikepdf.Dictionary(
            Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)))
        sig = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Sig, M=pikepdf.String(signed_at),
                                                   Name=pikepdf.String("Uy ban nhan dan tinh Ha Nam")))
        widget = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Widget, FT=pikepdf.Name.Sig, F=132,
            T=pikepdf.String("Signature1"), Rect=[430, 790, 580, 830], V=sig, AP=pikepdf.Dictionary(N=ap), P=page.obj))
        page.obj.Annots = pdf.make_indirect(pikepdf.Array([widget]))
        pdf.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array([widget]), SigFlags=3)
        pdf.save(out)
    return out


def _record(path: Path):
    return vnresolve.convert(path, PipelineOptions(restorer="passthrough")).document.metadata


def test_a_handwritten_day_the_signing_rules_out_is_never_given(tmp_path: Path) -> None:
    # the day reads 15 (February), but the decision was signed on 7 February
    meta = _record(_signed_scan(tmp_path, "15", "D:20250207081500+07'00'"))
    assert [s.signed_at for s in meta.signatures] == ["2025-02-07T08:15:00+07:00"]
    assert meta.date != "2025-02-15"
    assert meta.date is None or meta.date <= "2025-02-07"
    assert meta.confidence["date"] < 0.5  # read by hand or estimated: never certain
    assert meta.confidence["number"] < 0.5  # a handwritten serial, whatever it was read as


def test_a_handwritten_day_before_the_signing_is_read_and_doubted(tmp_path: Path) -> None:
    meta = _record(_signed_scan(tmp_path, "05", "D:20250207081500+07'00'"))
    assert meta.date == "2025-02-05"
    assert meta.confidence["date"] < 0.5
    assert any(d.field == "date" for d in meta.uncertain)
