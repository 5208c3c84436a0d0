"""A grey page turned by under a degree (its scanner border passes for a rule) is resampled by the turn,
which blurs tone marks stacked on a circumflex or breve ('đẳng' read 'đằng'). The lines of its unsure
stacked words are read again from the page before the turn, and a word takes the marks that reading and
its reading alone agree on (unsure.unturned_marks). Real Tesseract on generated pages."""

from __future__ import annotations

import random

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

import vnresolve
from fixtures.documents import FONT_PATH, font
from vnresolve.ingest import preprocess

# text written for this test (no corpus text), heavy in stacked marks
PARAS = [
    "Mọi người đều bình đẳng trước pháp luật và có quyền được bảo vệ quyền lợi hợp pháp của mình.",
    "Các cơ quan nhà nước phải tôn trọng quyền tự chủ, quyền bình đẳng và quyền được thông tin của công dân.",
    "Người đứng đầu cơ quan chịu trách nhiệm trước Chủ tịch Ủy ban nhân dân tỉnh về kết quả thực hiện nhiệm vụ.",
    "Các tổ công tác phải thẩm định hồ sơ, kiểm tra số liệu, đánh giá những điểm mới và đề xuất biện pháp tháo gỡ.",
    "Việc kiểm tra, giám sát được thực hiện thường xuyên, bảo đảm công khai, minh bạch, đúng quy định của pháp luật.",
    "Quyền sở hữu, quyền thừa kế và các quyền khác đối với tài sản được pháp luật công nhận và bảo hộ bình đẳng.",
    "Tổ chức, cá nhân có nghĩa vụ chấp hành nghiêm chỉnh các quyết định đã có hiệu lực và chịu trách nhiệm trước pháp luật.",
    "Những tập thể, cá nhân có thành tích xuất sắc được khen thưởng kịp thời; những trường hợp vi phạm bị xử lý nghiêm.",
    "Sở Tư pháp chủ trì, phối hợp với các sở, ngành liên quan hướng dẫn, đôn đốc việc thực hiện quyết định này.",
    "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị kịp thời phản ánh để xem xét, giải quyết.",
    "Công dân có quyền khiếu nại, tố cáo hành vi trái pháp luật; cơ quan có thẩm quyền phải xem xét, giải quyết kịp thời.",
    "Quyết định này có hiệu lực kể từ ngày ký; các quy định trước đây trái với quyết định này đều bị bãi bỏ.",
]


def _page(angle: float, ink: int = 30) -> np.ndarray:
    """An A4 page of 14 pt print at 200 dpi, turned by `angle` degrees."""
    font()  # skips without Liberation Serif
    page = Image.new("L", (1654, 2339), 236 if ink else 255)
    draw = ImageDraw.Draw(page)
    face = ImageFont.truetype(FONT_PATH, 39)
    for i, line in enumerate(PARAS[:6]):
        draw.text((150, 250 + i * 60), line[:70], fill=ink, font=face)
    return np.asarray(page.rotate(angle, resample=Image.NEAREST if not ink else Image.BICUBIC,
                                  fillcolor=236 if ink else 255))


def test_a_slight_turn_keeps_the_page_before_it_and_its_map():
    grey = _page(0.6)
    cleaned = preprocess.clean(grey, preprocess.DEFAULT_STEPS, dpi=200, ruled=True)
    assert 0 < abs(cleaned.skew) < preprocess.TEXT_MIN_SKEW
    assert cleaned.unturned is not None and cleaned.unturned.shape == grey.shape
    # the map takes a point of the page before the turn onto the turned page, as the turn took its ink
    ys, xs = np.nonzero(cleaned.unturned < 128)
    far = np.argmax(xs)  # the rightmost ink pixel moves most
    x, y = np.array([xs[far], ys[far], 1.0]) @ cleaned.unturned_to_image.T
    around = cleaned.image[int(y) - 3:int(y) + 4, int(x) - 3:int(x) + 4]
    assert around.min() < 128


def test_no_page_before_without_a_slight_cubic_turn():
    assert preprocess.clean(_page(0.0), preprocess.DEFAULT_STEPS, dpi=200, ruled=True).unturned is None
    turned = preprocess.clean(_page(1.6), preprocess.DEFAULT_STEPS, dpi=200, ruled=False)
    assert abs(turned.skew) > 1 and turned.unturned is None  # a word's own skew there is too large
    two_tone = preprocess.clean(_page(0.6, ink=0), preprocess.DEFAULT_STEPS, dpi=200, ruled=True)
    assert two_tone.unturned is None  # whole-pixel shears resample nothing


def test_a_turned_photocopy_keeps_the_marks_the_turn_blurs(tmp_path):
    """A photocopy as the harsh benchmark makes them (scanner lid, toner, JPEG 40, 200 dpi) skewed
    0.85 degrees: turned (the lid's rim passes for a rule), its page pass reads 'bình đằng' three times;
    twice the page before the turn reads 'đẳng', in its line and alone."""
    from benchmarks import bench_harshscans
    from benchmarks.scangen import render_paragraphs, scan_image
    from vnresolve.ingest.poppler import rasterize_page

    font()
    clean = tmp_path / "clean.pdf"
    render_paragraphs(PARAS, clean)
    style = bench_harshscans.STYLES["photocopy 200 dpi"]
    path = tmp_path / "photocopy.jpg"
    path.write_bytes(scan_image(rasterize_page(clean, 1, style.dpi), style, random.Random(6)))
    page = vnresolve.convert(path, vnresolve.PipelineOptions(restore=False)).document.pages[0]
    assert page.skew and abs(page.skew) < preprocess.TEXT_MIN_SKEW
    words = page.text.split()
    assert sum(w.strip(".,") == "đẳng" for w in words) >= 2
    assert sum(w.strip(".,") == "đằng" for w in words) <= 1


def test_no_page_before_when_the_turned_page_is_enlarged_after():
    """Steps in another order: a page turned and then enlarged keeps no map of the page before the turn
    (it would map onto the page as it was before enlarging)."""
    grey = _page(0.6)
    coarse = np.ascontiguousarray(grey[::4, ::4])  # 50 dpi
    cleaned = preprocess.clean(coarse, ("deskew", "upscale", "despeckle"), dpi=50, ruled=True)
    assert cleaned.image.shape[0] > coarse.shape[0] and 0 < abs(cleaned.skew) < preprocess.TEXT_MIN_SKEW
    assert cleaned.unturned is None



def test_a_box_off_the_page_reads_nothing():
    """A box mapped off the page (left of it, above it) is not read from the strip a negative slice
    bound would wrap to."""
    from vnresolve.ingest import unsure
    from vnresolve.schemas import Word

    grey = _page(0.0)
    assert unsure._line_alone(grey, Word(text="", bbox=(0.0, 250.0, 200.0, 290.0)), "vie", 30, None, psm=8)
    for box in [(-60.0, 250.0, -30.0, 290.0), (150.0, -80.0, 600.0, -40.0)]:
        assert unsure._line_alone(grey, Word(text="", bbox=box), "vie", 30, None, psm=8) == []


def test_a_corner_word_off_the_page_before_the_turn_keeps_its_reading():
    """A word at the turned page's corner whose box maps off the page before the turn: nothing there to
    read, and the page keeps its own reading instead of failing (Tesseract refuses an empty crop)."""
    from vnresolve.ingest import layout, unsure
    from vnresolve.schemas import Word

    cleaned = preprocess.clean(_page(0.6), preprocess.DEFAULT_STEPS, dpi=200, ruled=True)
    h, w = cleaned.image.shape
    back = cv2.invertAffineTransform(cleaned.unturned_to_image)
    # the right corner the map back takes farthest off the page
    y = max((0, h - 1), key=lambda y: back[0] @ (w - 1.0, y, 1.0))
    top = min(y, h - 13)
    word = Word(text="đẳng", bbox=(w - 3.0, float(top), w - 1.0, float(top + 12)), conf=50.0)
    assert (back @ (w - 3.0, top, 1.0))[0] > w + 5  # the whole box maps off the page before the turn
    lines = [layout.make_line([word])]
    assert unsure.unturned_marks(lines, cleaned.unturned, cleaned.unturned_to_image, "vie", 30) == lines


def test_the_second_reading_is_of_the_words_around_not_the_whole_line(monkeypatch):
    """A word whose reading alone changes its marks is read again with up to CONTEXT words each side, not
    with its whole line: a line's box on a turned page takes in the edges of the lines above and below, and
    their words cost the read time (and its agreement) for nothing."""
    from vnresolve.ingest import layout, tesseract, unsure
    from vnresolve.schemas import Word

    cleaned = preprocess.clean(_page(0.6), preprocess.DEFAULT_STEPS, dpi=200, ruled=True)
    data = tesseract.image_data(cleaned.image, psm=3)
    first = [k for k, t in enumerate(data["text"]) if t.strip() and data["line_num"][k] == data["line_num"][
        next(j for j, s in enumerate(data["text"]) if s.strip())] and data["block_num"][k] == 1 and data["par_num"][k] == 1]
    words = [Word(text=data["text"][k], bbox=(data["left"][k], data["top"][k], data["left"][k] + data["width"][k],
                                              data["top"][k] + data["height"][k]), conf=97.0) for k in first]
    at = next(k for k, w in enumerate(words) if w.text == "quyền")
    words[at] = words[at].model_copy(update={"text": "quyên", "conf": 60.0})  # the turn's blur, as page passes read it
    assert len(words) > 2 * unsure.CONTEXT + 4  # a line longer than the span read
    reads = []
    real = unsure._line_alone

    def recorded(grey, place, lang, timeout, dpi, psm=7):
        got = real(grey, place, lang, timeout, dpi, psm=psm)
        reads.append((psm, place.bbox))
        return got

    monkeypatch.setattr(unsure, "_line_alone", recorded)
    out = unsure.unturned_marks([layout.make_line(words)], cleaned.unturned, cleaned.unturned_to_image, "vie", 30)
    assert out[0].words[at].text == "quyền"
    spans = [box for psm, box in reads if psm != 8]
    near = words[max(0, at - unsure.CONTEXT):at + unsure.CONTEXT + 1]
    assert spans and all(x1 - x0 <= near[-1].bbox[2] - near[0].bbox[0] + 10 for x0, _, x1, _ in spans)
