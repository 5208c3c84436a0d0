"""The signature block read again when the page's reading lost it (ingest/foot.py), through the real
Tesseract on a foot drawn in the test: 'Nơi nhận:' and its items at the left, the authority, the post
and the name at the right."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from fixtures.documents import DPI, FONT_PATH
from vnresolve.ingest import IngestOptions, foot, layout, tesseract
from vnresolve.schemas import Word


def _foot_page() -> np.ndarray:
    try:
        face = ImageFont.truetype(FONT_PATH, 38)
    except OSError:
        pytest.skip("Liberation Serif not installed")
    img = Image.new("L", (1650, 700), 255)
    draw = ImageDraw.Draw(img)
    for text, x, y in (("Nơi nhận:", 150, 100), ("- Như trên;", 150, 150), ("- Lưu: VT, KTTH.", 150, 200),
                       ("KT. CHỦ TỊCH", 1050, 100), ("PHÓ CHỦ TỊCH", 1050, 150), ("Lê Trung Chinh", 1040, 500)):
        draw.text((x, y), text, fill=0, font=face)
    return np.asarray(img)


def _read(grey: np.ndarray):
    lines = layout.group_words(tesseract.image_data(grey, dpi=DPI))
    return layout.tag_roles(lines, grey.shape[1], grey.shape[0])


def test_a_signature_block_the_page_s_reading_lost_is_read_again_as_stamp_lines():
    grey = _foot_page()
    lines = _read(grey)
    # the page's reading as it went on a real scan: the block above the name taken for a picture
    lost = [line for line in lines if not (line.bbox[0] > 800 and line.bbox[1] < 400)]
    page = foot.reread(grey, lost, DPI, IngestOptions())
    assert page[:len(lost)] == lost  # the page's own lines kept
    again = page[len(lost):]
    texts = [line.text for line in again]
    assert "KT. CHỦ TỊCH" in texts and "PHÓ CHỦ TỊCH" in texts, texts
    assert all(line.role == "stamp" for line in again)
    # blocks of their own: the parsers take a stamp block for one stamp (parsers/signatures), ALTO one text block
    assert not {line.block for line in again} & {line.block for line in lost}
    assert foot.reread(grey, lines, DPI, IngestOptions()) == lines  # read the first time: nothing to do


def test_what_the_page_s_reading_tagged_stamp_in_the_zone_gives_way_to_the_re_read():
    """A block the page's reading read with low confidence (layout.tag_roles made its lines stamps)
    is read again; its old lines must go, or the ALTO file and the PDF's text hold them twice."""
    grey = _foot_page()
    lines = _read(grey)
    doubted = [line.model_copy(update={"role": "stamp"}) if line.bbox[0] > 800 and line.bbox[1] < 400 else line
               for line in lines]
    assert any(line.role == "stamp" for line in doubted)
    page = foot.reread(grey, doubted, DPI, IngestOptions())
    texts = [line.text for line in page]
    assert "PHÓ CHỦ TỊCH" in texts, texts
    assert len(texts) == len(set(texts)), texts  # no line twice
    assert "Lê Trung Chinh" in texts and "- Lưu: VT, KTTH." in texts  # the body outside the zone kept


def test_a_label_with_no_height_gives_no_zone_and_no_error():
    """A degenerate box for 'Nơi nhận:' (no height) must not send an empty image to Tesseract, which
    refuses it and would fail the whole page."""
    grey = _foot_page()
    flat = layout.make_line([Word(text="Nơi nhận:", bbox=(150.0, 100.0, 330.0, 100.0), conf=95.0)])
    assert foot.reread(grey, [flat], DPI, IngestOptions()) == [flat]


def test_a_post_the_page_pass_read_unsure_with_its_marks_apart_is_taken_from_the_reading_apart():
    """On a 1-bit page the page pass read the post unsure and one of its marks as a sure line of its own
    (a box a fifth of the row's height over its letters): that piece holds no row, so the post read
    apart is taken, and the piece goes with the unsure reading."""
    grey = _foot_page()
    options = IngestOptions()
    lines = layout.group_words(tesseract.image_data(grey, lang=options.lang, psm=options.psm, dpi=DPI))
    (post,) = [line for line in lines if "PHÓ" in line.text]
    x0, y0, x1, y1 = post.words[0].bbox
    mark = layout.make_line([Word(text="Ó", bbox=(x1 - 0.3 * (x1 - x0), y0, x1, y0 + 0.2 * (y1 - y0)), conf=89.0)])
    unsure = post.model_copy(update={"conf": 60.0})
    page = [line for line in lines if line is not post] + [mark, unsure]
    merged = foot.read_apart(grey, page, [], DPI, options)
    texts = [line.text for line in merged]
    assert "PHÓ CHỦ TỊCH" in texts, texts
    assert mark not in merged and unsure not in merged
    assert sum("CHỦ TỊCH" in text for text in texts) == 2, texts  # the authority and the post, once each
