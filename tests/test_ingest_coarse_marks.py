"""A coarse page (a phone photo's ~70 dpi) is enlarged before OCR, which blurs the marks stacked over
a circumflex or breve; the page before enlarging is read too, and its marks are taken where
Tesseract is surer of them. Real Tesseract on a generated page: the marks raw Tesseract reads on the
image are kept."""

from __future__ import annotations

import io
import unicodedata

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from benchmarks.bench_realpages import scores
from fixtures.documents import FONT_PATH, font
from vnresolve.ingest import ingest_file, layout, preprocess, tesseract, unsure
from vnresolve.schemas import Line, Word

# Written for this test: an official letter's sentences, thick with marks stacked on â, ê, ô, ă
TEXT = """Ủy ban nhân dân tỉnh yêu cầu thủ trưởng các sở, ban, ngành tổ chức kiểm tra, tổng hợp
kết quả triển khai kế hoạch và gửi báo cáo về Sở Nội vụ trước ngày mười lăm hằng tháng.
Các tổ công tác phải thẩm định hồ sơ, kiểm tra số liệu, đánh giá những điểm mới và đề xuất
biện pháp tháo gỡ khó khăn, vướng mắc trong quá trình triển khai thực hiện nhiệm vụ.
Trưởng phòng Tổ chức cán bộ chịu trách nhiệm phổ biến, hướng dẫn cán bộ, công chức tuyển
dụng mới về quy chế làm việc, chế độ thông tin báo cáo và những quy định có liên quan.
Giao Văn phòng tổng hợp ý kiến của các đơn vị, đề xuất điều chỉnh, bổ sung kế hoạch cho
phù hợp với tình hình thực tế; báo cáo kết quả thực hiện về Ủy ban nhân dân tỉnh để chỉ đạo.
Đối với những nội dung vượt thẩm quyền, các cơ quan chủ động đề xuất hướng xử lý, chuyển
hồ sơ đến cơ quan có thẩm quyền để giải quyết, bảo đảm đúng thời hạn theo quy định hiện hành.
Người đứng đầu cơ quan, đơn vị chịu trách nhiệm trước Chủ tịch Ủy ban nhân dân tỉnh về kết
quả tổ chức thực hiện; kịp thời biểu dương những tập thể, cá nhân có thành tích xuất sắc.
Sở Tài chính chủ trì, phối hợp với các sở, ngành liên quan thẩm định dự toán kinh phí, tổng
hợp nhu cầu và tham mưu bố trí nguồn vốn để triển khai các nhiệm vụ trọng điểm của tỉnh.
Sở Thông tin và Truyền thông hướng dẫn các cơ quan báo chí tổ chức tuyên truyền, phổ biến
rộng rãi nội dung của kế hoạch đến cán bộ, đảng viên và các tầng lớp nhân dân trên địa bàn.
Trong quá trình tổ chức thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị kịp thời
phản ánh về Sở Nội vụ để tổng hợp, báo cáo Chủ tịch Ủy ban nhân dân tỉnh xem xét, quyết định."""


def _photo(dpi: int) -> bytes:
    """An A4 page of TEXT in 14 pt type, as a JPEG at `dpi` that declares no resolution (a phone's)."""
    font()  # skips without Liberation Serif
    page = Image.new("L", (2480, 3508), 238)  # drawn at 300 dpi
    draw = ImageDraw.Draw(page)
    face = ImageFont.truetype(FONT_PATH, 58)
    for i, line in enumerate(TEXT.splitlines()):
        draw.text((300, 300 + i * 86), line, fill=25, font=face)
    small = cv2.resize(np.asarray(page), None, fx=dpi / 300, fy=dpi / 300, interpolation=cv2.INTER_AREA)
    out = io.BytesIO()
    Image.fromarray(small).save(out, "JPEG", quality=75)
    return out.getvalue()


def test_a_coarse_page_keeps_the_marks_raw_tesseract_reads(tmp_path):
    path = tmp_path / "photo.jpg"
    path.write_bytes(_photo(70))
    with Image.open(path) as img:
        raw = scores(tesseract.plain_text(img, "vie", psm=3), TEXT)
    ours = scores(ingest_file(path).pages[0].text, TEXT)
    # (edits, truth words missing, diacritic-only errors, words): no more marks lost, no more words
    assert ours[2] <= raw[2], (ours, raw)
    assert ours[1] <= raw[1], (ours, raw)


def test_the_page_before_enlarging_maps_onto_the_enlarged_page():
    grey = np.asarray(Image.open(io.BytesIO(_photo(70))))
    cleaned = preprocess.clean(grey, preprocess.DEFAULT_STEPS)
    assert cleaned.coarse is not None and cleaned.image.shape[0] > 3 * grey.shape[0]
    fine = layout.group_words(tesseract.image_data(cleaned.image, dpi=cleaned.dpi))
    coarse = layout.group_words(tesseract.image_data(cleaned.coarse))
    at = {w.text: w.bbox for line in fine for w in line.words if len(w.text) > 3}
    misses = []
    for line in coarse:
        for w in line.words:
            if w.text in at:
                (x0, y0), (x1, y1) = np.array([[w.bbox[0], w.bbox[1], 1], [w.bbox[2], w.bbox[3], 1]]) @ cleaned.coarse_to_image.T
                fx0, fy0, fx1, fy1 = at[w.text]
                misses.append(max(abs(x0 - fx0), abs(y0 - fy0), abs(x1 - fx1), abs(y1 - fy1)))
    assert len(misses) > 10
    assert np.median(misses) < 0.15 * (cleaned.image.shape[0] / 60)  # a fraction of a line's height


def test_an_unenlarged_page_has_no_coarse_page():
    grey = np.full((600, 400), 235, np.uint8)
    assert preprocess.clean(grey, preprocess.DEFAULT_STEPS, dpi=300).coarse is None


def _line(*words: tuple[str, float, float]) -> Line:
    return layout.make_line([Word(text=t, bbox=(x, 100, x + 60, 130), conf=c) for t, x, c in words], 1)


def test_a_word_takes_only_surer_marks_on_the_same_letters():
    line = _line(("tô", 0, 80.0), ("chức", 80, 90.0), ("kiêm", 160, 95.0), ("tra", 240, 96.0))
    second = [Word(text="tổ", bbox=(2, 98, 58, 131), conf=91.0),  # surer, marks only: taken
              Word(text="chúc", bbox=(82, 98, 138, 131), conf=88.0),  # less sure: not taken
              Word(text="kiểm", bbox=(160, 98, 220, 131), conf=96.0),  # surer: taken, however sure the first
              Word(text="trả", bbox=(240, 200, 300, 230), conf=99.0)]  # another line's: not taken
    out = unsure._better_marks(line, second, every_word=True)
    assert [w.text for w in out.words] == ["tổ", "chức", "kiểm", "tra"]
    assert out.text == "tổ chức kiểm tra"
    assert unsure._better_marks(line, [Word(text="to", bbox=(0, 100, 60, 130), conf=99.0)], every_word=True).words[0].text == "to"
    assert unsure._better_marks(line, [Word(text="tố", bbox=(0, 100, 60, 130), conf=70.0)], every_word=True) is line


def test_a_skewed_coarse_page_maps_onto_the_page_straightened_while_enlarged():
    grey = np.asarray(Image.open(io.BytesIO(_photo(70))))
    h, w = grey.shape
    grey = cv2.warpAffine(grey, cv2.getRotationMatrix2D((w / 2, h / 2), 2.5, 1.0), (w, h), borderValue=238)
    cleaned = preprocess.clean(grey, preprocess.DEFAULT_STEPS)
    assert cleaned.coarse is not None and abs(cleaned.skew) > 1  # turned in the enlarging's resampling

    def once(lines: list[Line]) -> dict[str, tuple[float, float]]:
        seen = [w for line in lines for w in line.words if len(w.text) > 3]
        texts = [w.text for w in seen]
        return {w.text: ((w.bbox[0] + w.bbox[2]) / 2, (w.bbox[1] + w.bbox[3]) / 2) for w in seen if texts.count(w.text) == 1}

    fine = once(layout.group_words(tesseract.image_data(cleaned.image, dpi=cleaned.dpi)))
    coarse = once(layout.group_words(tesseract.image_data(cleaned.coarse)))
    misses = [np.abs(np.array([*coarse[t], 1]) @ cleaned.coarse_to_image.T - fine[t]).max() for t in coarse if t in fine]
    assert len(misses) > 10
    assert np.median(misses) < 0.15 * (cleaned.image.shape[0] / 60)  # word centres a fraction of a line's height apart


def _toneless(text: str) -> str:
    return unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", text) if c not in unsure._TONES))


def test_a_coarse_page_read_enlarged_gives_its_marks_back_to_the_right_words():
    # an 85 dpi photo: its coarse page is read enlarged to COARSE_READ_DPI, whose word boxes must map back
    grey = np.asarray(Image.open(io.BytesIO(_photo(85))))
    cleaned = preprocess.clean(grey, preprocess.DEFAULT_STEPS)
    assert cleaned.coarse is not None
    assert cleaned.dpi * cleaned.coarse.shape[0] / cleaned.image.shape[0] < unsure.COARSE_READ_DPI
    fine = layout.group_words(tesseract.image_data(cleaned.image, dpi=cleaned.dpi))
    # every word of the enlarged page's reading stripped of its tone mark and made unsure
    bare = [layout.make_line([Word(text=_toneless(w.text), bbox=w.bbox, conf=0.0) for w in line.words], 1) for line in fine]
    out = unsure.coarse_marks(bare, cleaned.coarse, cleaned.coarse_to_image, "vie", 60, cleaned.dpi)
    text = "\n".join(line.text for line in out)
    with Image.open(io.BytesIO(_photo(85))) as img:
        raw = scores(tesseract.plain_text(img, "vie", psm=3), TEXT)
    ours, stripped = scores(text, TEXT), scores("\n".join(line.text for line in bare), TEXT)
    assert stripped[2] > 40  # the stripping took many marks away
    assert ours[2] <= raw[2], (ours, raw)  # and the coarse reading gave them back to their own words
