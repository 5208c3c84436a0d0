"""A blue received stamp ('ĐẾN / Số / Ngày') stamped in the top margin with its box touching the issuer
line. Its clear ink is dropped by colour, but the JPEG's blurred colour and the mottled ink leave a grey
ghost of the box and its text, and Tesseract's page segmentation took the ghost with the issuer line it
touched for a picture: the line was lost and the record had no issuer. Where print beside a stamp went
unread, the page is read again with that stamp's ghost painted paper (colour.without_ghosts, ocr.ocr_job).
Real Tesseract on generated A4 pages at 200 dpi."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

import vnresolve
from fixtures.documents import FONT_PATH, face

DPI = 200
PX_MM = DPI / 25.4
BLUE = (0.16, 0.27, 0.78)  # transmittance of stamp ink, as benchmarks/scangen.py
ISSUER_Y = 200
BODY = ["Trong quá trình thực hiện, nếu có vướng mắc, các đơn vị phản ánh kịp thời để",
        "được hướng dẫn. Phấn đấu đến cuối năm 2024, hoàn thành các chỉ tiêu đã đề ra,",
        "trong đó ít nhất 90% đơn vị đạt yêu cầu về phòng cháy, chữa cháy rừng.",
        "1. Các cơ quan, đơn vị cần quán triệt đầy đủ mục tiêu, nhiệm vụ và xây dựng",
        "kế hoạch cụ thể để triển khai thực hiện nghị quyết này.",
        "2. Tăng cường kiểm tra, đôn đốc, kịp thời tháo gỡ khó khăn, vướng mắc phát",
        "sinh trong quá trình thực hiện."]


def _font(name: str, px: int) -> ImageFont.FreeTypeFont:
    face(px)  # skips the test where Liberation is not installed
    return ImageFont.truetype(str(Path(FONT_PATH).with_name(name)), px)


def _received_stamp(overlap: int, tilt: float) -> tuple[Image.Image, tuple[int, int]]:
    """The stamp (RGBA) and where it goes: its box's bottom edge `overlap` pixels below the issuer line's top."""
    bw, bh = int(45 * PX_MM), int(19 * PX_MM)
    layer = Image.new("RGBA", (bw + 4, bh + 4), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    ink = tuple(int(255 * c) for c in BLUE) + (255,)
    draw.rectangle((1, 1, bw, bh), outline=ink, width=int(0.6 * PX_MM))
    for k, text in enumerate(("ĐẾN", "Số: 3035", "Ngày: 10/3/2021")):
        draw.text((int(3 * PX_MM), int((1.5 + 5.5 * k) * PX_MM)), text, fill=ink,
                  font=_font("LiberationSans-Bold.ttf", int(3.6 * PX_MM)))
    layer = layer.rotate(tilt, resample=Image.BICUBIC, expand=True)
    return layer, (270, ISSUER_Y - layer.height + overlap)


def _page(overlap: int, tilt: float, seed: int) -> bytes:
    """A Party resolution's first page scanned in colour (yellowed paper, blur, noise, JPEG 60, its colour
    stored at half resolution), the received stamp over the issuer line."""
    size = (1654, 2339)
    text = Image.new("L", size, 255)
    draw = ImageDraw.Draw(text)
    bold, regular = _font("LiberationSerif-Bold.ttf", 36), face(36)
    draw.text((520, ISSUER_Y), "TỈNH ỦY KHÁNH HÒA", fill=0, font=bold, anchor="mt")
    draw.text((520, ISSUER_Y + 45), "*", fill=0, font=regular, anchor="mt")
    draw.text((520, ISSUER_Y + 90), "Số 344-NQ/TU", fill=0, font=regular, anchor="mt")
    draw.text((1170, ISSUER_Y + 10), "ĐẢNG CỘNG SẢN VIỆT NAM", fill=0, font=bold, anchor="mt")
    draw.line((930, ISSUER_Y + 55, 1410, ISSUER_Y + 55), fill=0, width=3)
    draw.text((1170, ISSUER_Y + 80), "Khánh Hòa, ngày 06 tháng 8 năm 2024", fill=0, font=regular, anchor="mt")
    draw.text((827, 420), "NGHỊ QUYẾT", fill=0, font=bold, anchor="mt")
    draw.text((827, 470), "về phòng cháy, chữa cháy rừng mùa khô", fill=0, font=bold, anchor="mt")
    for i, line in enumerate(BODY * 3):
        draw.text((160, 600 + 55 * i), line, fill=0, font=regular)
    rgb = (35 + 197 * np.asarray(text, dtype=np.float32)[..., None] / 255) * np.array((1.0, 0.97, 0.86), dtype=np.float32)
    marks = Image.new("RGBA", size, (0, 0, 0, 0))
    marks.alpha_composite(*_received_stamp(overlap, tilt))
    ink = np.asarray(marks, dtype=np.float32) / 255
    rng = np.random.default_rng(seed)
    alpha = ink[..., 3:] * (0.75 + 0.25 * rng.random((size[1], size[0], 1), dtype=np.float32))  # mottled ink
    rgb = rgb * (1 - alpha + alpha * ink[..., :3])
    scanned = Image.fromarray(np.clip(rgb, 0, 255).astype(np.uint8), "RGB").filter(ImageFilter.GaussianBlur(0.9))
    noisy = np.asarray(scanned, dtype=np.float32) + rng.normal(0, 7, (size[1], size[0], 3)).astype(np.float32)
    out = io.BytesIO()
    Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8)).save(out, "JPEG", quality=60, dpi=(DPI, DPI))
    return out.getvalue()


@pytest.mark.slow
@pytest.mark.parametrize("overlap", [20, 40])
def test_the_issuer_line_under_a_received_stamps_ghost_is_read(tmp_path, overlap):
    path = tmp_path / f"stamped-{overlap}.jpg"
    path.write_bytes(_page(overlap, 2.0, seed=1))
    document = vnresolve.convert(path, vnresolve.PipelineOptions(restore=False)).document
    lines = [line.text for line in document.pages[0].lines if line.role != "stamp"]
    issuer = next((i for i, text in enumerate(lines) if "KHÁNH HÒA" in text), None)
    assert issuer is not None and issuer < lines.index("Số 344-NQ/TU")


def test_print_unread_beside_a_stamp_is_found_and_a_header_rule_is_not():
    """What sends a page to be read again cleared: print round a stamp's box that no line read covers,
    in pieces as tall as letters (the rule under a header and a speck are no lost line)."""
    from vnresolve.ingest.ocr import _unread_beside
    from vnresolve.schemas import Line

    page = Image.new("L", (900, 400), 250)
    draw = ImageDraw.Draw(page)
    draw.text((300, 150), "TỈNH ỦY KHÁNH HÒA", fill=20, font=_font("LiberationSerif-Bold.ttf", 36))
    left, top, right, bottom = draw.textbbox((300, 150), "TỈNH ỦY KHÁNH HÒA", font=_font("LiberationSerif-Bold.ttf", 36))
    grey = np.asarray(page).copy()
    box = (200, 20, 500, top + 10)  # the stamp's box, its bottom over the line's top
    issuer = Line(text="TỈNH ỦY KHÁNH HÒA", bbox=(left, top, right, bottom))
    assert _unread_beside(grey, [box], [], [], DPI)[0] > 0
    assert _unread_beside(grey, [box], [issuer], [], DPI) == [0]
    grey[bottom + 6:bottom + 9, left:right] = 20  # the rule under the issuer line, which no line covers
    grey[60, 560] = 20  # a speck
    assert _unread_beside(grey, [box], [issuer], [], DPI) == [0]
