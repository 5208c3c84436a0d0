"""A copy form stamped in red ink over a scanned first page ('SAO Y') is the document's copy form:
the colour dropout keeps the stamp off the body text, and the header reads it from the stamp."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

import vnresolve
from fixtures.documents import DPI, FONT_PATH

HEADER = [("ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
          ("THÀNH PHỐ ĐÀ NẴNG", "Độc lập - Tự do - Hạnh phúc"),
          ("Số: 1234/UBND-SGDĐT", "Đà Nẵng, ngày 19 tháng 10 năm 2023")]
BODY = ["Thực hiện Thông báo số 496-TB/TU ngày 17/8/2023 về Kết luận của Thường",
        "trực Thành ủy, Ủy ban nhân dân thành phố yêu cầu các sở, ban, ngành và",
        "các quận, huyện triển khai thực hiện các nhiệm vụ như sau."]


def _stamped_page(path: Path, stamp: bool) -> Path:
    if not Path(FONT_PATH).exists():
        pytest.skip("Liberation Serif not installed (apt-get install fonts-liberation2)")
    face, big = ImageFont.truetype(FONT_PATH, 34), ImageFont.truetype(FONT_PATH, 44)
    img = Image.new("RGB", (1654, 2339), (250, 250, 248))
    draw = ImageDraw.Draw(img)
    for i, (left, right) in enumerate(HEADER):
        draw.text((260, 200 + 60 * i), left, fill=(20, 20, 20), font=face)
        draw.text((860, 200 + 60 * i), right, fill=(20, 20, 20), font=face)
    for i, line in enumerate(BODY * 8):  # a page's worth of print
        draw.text((260, 560 + 56 * i), line, fill=(20, 20, 20), font=face)
    if stamp:  # the copying office's red stamp in the top margin, above the motto
        draw.rectangle((1180, 60, 1420, 140), outline=(200, 30, 40), width=5)
        draw.text((1215, 75), "SAO Y", fill=(200, 30, 40), font=big)
    img.save(path, dpi=(DPI, DPI))
    return path


def test_a_copy_form_stamped_in_red_is_the_documents_copy_form(tmp_path):
    doc = vnresolve.convert(_stamped_page(tmp_path / "copy.png", stamp=True)).document
    assert "SAO" not in doc.pages[0].text  # the stamp is no body text
    assert doc.metadata.copy_form == "SAO Y"


def test_an_unstamped_page_has_no_copy_form(tmp_path):
    assert vnresolve.convert(_stamped_page(tmp_path / "page.png", stamp=False)).document.metadata.copy_form is None
