"""Low-resolution phone photos and web images (70-150 dpi): the page is enlarged by the resolution its
print implies, so its print lands at the size of a 300 dpi scan's, and read by the real Tesseract at
least as well as raw `tesseract -l vie` reads the small image. Pages are drawn small by the test."""

from __future__ import annotations


import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter

from vnresolve.ingest import IngestOptions, ingest_file, preprocess, tesseract
from fixtures.documents import face, word_counts

BODY = [
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
    "Theo đề nghị của Giám đốc Sở Giáo dục và Đào tạo tại Tờ trình số 45,",
    "Ủy ban nhân dân tỉnh yêu cầu các cơ quan, đơn vị khẩn trương thực hiện",
    "các biện pháp phòng, chống dịch bệnh và báo cáo kết quả trước ngày 30.",
]
CAPITALS = "THANH PHO DA NANG"  # no marks: a capital's blob is the letter alone


def _small_page(dpi: int) -> Image.Image:
    """13 pt print on a page photographed at `dpi`, slightly blurred as a phone's lens leaves it."""
    px = round(13 / 72 * dpi)
    img = Image.new("L", (round(6.5 * dpi), round(2.2 * dpi)), 255)
    draw = ImageDraw.Draw(img)
    draw.text((px, px), CAPITALS, fill=0, font=face(px))
    for i, line in enumerate(BODY):
        draw.text((px, round((2.6 + 1.5 * i) * px)), line, fill=0, font=face(px))
    return img.filter(ImageFilter.GaussianBlur(0.5))


def _capital_height(grey: np.ndarray, line_bottom: int) -> float:
    """Median height of the ink blobs above `line_bottom` (the line of capitals)."""
    ink = (grey[:line_bottom] < 128).astype(np.uint8)
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink)
    heights = stats[1:, cv2.CC_STAT_HEIGHT][stats[1:, cv2.CC_STAT_AREA] > 20]
    return float(np.median(heights))


def _enlarged_capitals(dpi: int, declared: int) -> tuple[float, float]:
    """(enlargement factor, capital height in px) of a page drawn at `dpi` and cleaned as `declared`."""
    page = _small_page(dpi)
    cleaned = preprocess.clean(np.asarray(page), dpi=declared, ruled=False)
    factor = cleaned.image.shape[1] / page.width
    return factor, _capital_height(cleaned.image, round(2.3 * round(13 / 72 * dpi) * factor))


@pytest.mark.parametrize("dpi", [72, 96])
def test_a_small_photo_is_enlarged_to_the_target_resolution(dpi):
    factor, capitals = _enlarged_capitals(dpi, dpi)
    assert factor == pytest.approx(preprocess.TARGET_DPI / dpi, rel=0.01)
    assert capitals == pytest.approx(_enlarged_capitals(150, 150)[1], rel=0.1)  # the print's size at the target


def test_a_page_scanned_at_200_dpi_or_more_is_not_resampled():
    page = np.asarray(_small_page(200))
    cleaned = preprocess.clean(page, dpi=200, ruled=False)
    assert cleaned.image.shape == page.shape and cleaned.coarse is None and cleaned.dpi == 200


@pytest.mark.parametrize("dpi", [72, 90])
def test_a_small_photo_reads_at_least_as_well_as_raw_tesseract_reads_it(tmp_path, dpi):
    page = _small_page(dpi).convert("RGB")
    path = tmp_path / f"photo{dpi}.jpg"
    page.save(path, quality=90)  # no declared resolution: sized by its print
    truth = word_counts(" ".join(BODY))
    ours = sum((truth & word_counts(ingest_file(path, IngestOptions()).pages[0].text)).values())
    with Image.open(path) as img:
        raw = sum((truth & word_counts(tesseract.plain_text(img, "vie", psm=3))).values())
    assert ours >= raw and ours >= 0.85 * sum(truth.values())


def test_a_web_image_saying_96_dpi_over_finer_print_is_sized_by_its_print(tmp_path):
    """A 150 dpi scan saved as a web image that says 96 dpi (a screen default): enlarged by its print
    as a 150 dpi page is, not by TARGET_DPI/96 to letters half as tall again."""
    factor, capitals = _enlarged_capitals(150, 96)
    assert factor == pytest.approx(preprocess.TARGET_DPI / 150, rel=0.15)
    assert capitals == pytest.approx(_enlarged_capitals(150, 150)[1], rel=0.15)
    page = _small_page(150)
    path = tmp_path / "web96.png"
    page.save(path, dpi=(96, 96))
    truth = word_counts(" ".join(BODY))
    ours = sum((truth & word_counts(ingest_file(path, IngestOptions()).pages[0].text)).values())
    with Image.open(path) as img:
        raw = sum((truth & word_counts(tesseract.plain_text(img, "vie", psm=3))).values())
    assert ours >= raw and ours >= 0.85 * sum(truth.values())


def test_a_pdf_pages_render_resolution_is_never_overruled_by_its_print():
    """A PDF page rendered at 96 dpi: its boxes map back to the page by that resolution, so it is
    enlarged by it, whatever size the print suggests."""
    page = _small_page(150)
    cleaned = preprocess.clean(np.asarray(page), dpi=96, ruled=False, dpi_exact=True)
    assert cleaned.dpi == preprocess.TARGET_DPI
    assert cleaned.image.shape[1] == round(page.width * preprocess.TARGET_DPI / 96)


def test_a_declared_resolution_near_the_prints_is_kept():
    """A 90 dpi photo saying 96 dpi: the print's estimate is no better than the declared figure."""
    page = _small_page(90)
    cleaned = preprocess.clean(np.asarray(page), dpi=96, ruled=False)
    assert cleaned.image.shape[1] == round(page.width * preprocess.TARGET_DPI / 96)


@pytest.mark.parametrize("declared", [0, 20])  # none, or an absurd one (enlarging by it: 15 times)
def test_a_missing_or_absurd_declared_resolution_gives_way_to_the_print(declared):
    factor, capitals = _enlarged_capitals(96, declared)
    assert factor == pytest.approx(preprocess.TARGET_DPI / 96, rel=0.15)
    assert capitals == pytest.approx(_enlarged_capitals(150, 150)[1], rel=0.15)


def test_a_page_without_print_keeps_its_declared_resolution():
    """Nothing to size the page by: a blank page (a few specks) saying 96 dpi is enlarged as declared."""
    page = np.full((200, 600), 255, np.uint8)
    page[50:52, 100:102] = page[120:123, 400:402] = 0
    cleaned = preprocess.clean(page, dpi=96, ruled=False)
    assert preprocess.text_dpi(page) is None
    assert cleaned.dpi == preprocess.TARGET_DPI and cleaned.image.shape[1] == round(600 * preprocess.TARGET_DPI / 96)



def _with_received_stamp(page: Image.Image, dpi: int) -> Image.Image:
    """The page in colour with a blue received-stamp in its top right corner: a frame 45 x 20 mm
    round two lines of 4 mm type (the coloured ink read apart from the print, as `stamp` lines)."""
    out = page.convert("RGB")
    draw, mm, blue = ImageDraw.Draw(out), dpi / 25.4, (30, 60, 200)
    x, y = round(4.3 * dpi), round(0.05 * dpi)
    draw.rectangle((x, y, x + 45 * mm, y + 20 * mm), outline=blue, width=round(0.5 * mm))
    for k, text in enumerate(("ĐẾN", "Số: 2352")):
        draw.text((x + 4 * mm, y + (3 + 8 * k) * mm), text, fill=blue, font=face(round(4 * mm)))
    return out


def test_every_step_of_an_image_is_sized_by_the_one_resolution_it_is_judged_to_have(tmp_path):
    """A 300 dpi scan saved saying 96 dpi (a screen default, which its print overrules) reads its
    stamp as the same scan saying 300: the colour dropout sizes its stamp regions by the judged
    resolution, as the clean-up does, not by the declared one (whose 3 mm was 1 mm of this page)."""
    page = _with_received_stamp(_small_page(300), 300)
    stamps = {}
    for said in (96, 300):
        page.save(tmp_path / f"said{said}.png", dpi=(said, said))
        lines = ingest_file(tmp_path / f"said{said}.png", IngestOptions()).pages[0].lines
        stamps[said] = sorted(line.text for line in lines if line.role == "stamp")
    assert stamps[96] == stamps[300] and "Số: 2352" in stamps[300]
