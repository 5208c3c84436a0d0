"""The line over HD 36's row of dashes read again where the page pass lost it (ingest/dashes.py),
through the real Tesseract on a Party subject drawn in the test: the type name, the subject, the
dashes and the body."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from fixtures.documents import DPI, FONT_PATH
from vnresolve.ingest import IngestOptions, dashes, layout, tesseract

SUBJECT = "về tăng cường sự lãnh đạo của Đảng đối với giảm nghèo bền vững"
BODY = ["Người đứng đầu chịu trách nhiệm trước cấp trên về kết quả thực hiện",
        "tại cơ quan, đơn vị mình trong năm nay và các năm tiếp theo."]


def _page(rule: str = "-----", subject: tuple[str, ...] = (SUBJECT,)) -> np.ndarray:
    try:
        face = ImageFont.truetype(FONT_PATH, 50)
    except OSError:
        pytest.skip("Liberation Serif not installed")
    img = Image.new("L", (2480, 1100 + 70 * len(subject)), 255)
    draw = ImageDraw.Draw(img)
    head = [("CHỈ THỊ", 150), *((line, 240 + 70 * i) for i, line in enumerate(subject))]
    below = 240 + 70 * len(subject)
    for text, y in head + [(rule, below + 10)]:
        draw.text(((2480 - draw.textlength(text, font=face)) / 2, y), text, fill=0, font=face)
    for text, y in ((BODY[0], below + 140), (BODY[1], below + 220)):
        draw.text((300, y), text, fill=0, font=face)
    return np.asarray(img)


def _read(grey: np.ndarray):
    options = IngestOptions()
    return layout.group_words(tesseract.image_data(grey, lang=options.lang, psm=options.psm, dpi=DPI))


def test_the_row_of_dashes_is_found_and_a_solid_rule_or_a_hyphen_is_not():
    (row,) = dashes.dash_rows(_page(), DPI)
    assert 300 < row[1] < 400 and 1100 < (row[0] + row[2]) / 2 < 1380  # centred, under the subject
    assert dashes.dash_rows(_page("______"), DPI) == []  # one stroke: a rule, no dashes
    assert dashes.dash_rows(_page("Lã - Điểu"), DPI) == []


def test_a_subject_the_page_pass_lost_over_the_dashes_is_read_again_in_its_place():
    grey = _page()
    lines = _read(grey)
    assert any(line.text == SUBJECT for line in lines)
    # the page's reading as it went on generated Party scans: the line over the dashes dropped
    lost = [line for line in lines if line.text != SUBJECT]
    again = dashes.reread_above(grey, lost, DPI, IngestOptions())
    texts = [line.text for line in again]
    assert SUBJECT in texts, texts
    assert texts.index(SUBJECT) == texts.index("CHỈ THỊ") + 1  # read where it stands: before the body
    assert len(again) == len(lost) + 1
    (subject,) = [line for line in again if line.text == SUBJECT]
    assert subject.block not in {line.block for line in lost}
    assert dashes.reread_above(grey, lines, DPI, IngestOptions()) == lines  # read the first time: nothing to do


def test_a_lost_subject_of_three_lines_is_read_again_whole():
    subject = ("về tăng cường sự lãnh đạo của Đảng", "đối với công tác giảm nghèo bền vững", "trên địa bàn toàn tỉnh")
    grey = _page(subject=subject)
    lines = _read(grey)
    lost = [line for line in lines if line.text not in subject]
    assert len(lost) == len(lines) - 3, [line.text for line in lines]
    texts = [line.text for line in dashes.reread_above(grey, lost, DPI, IngestOptions())]
    assert [t for t in texts if t in subject] == list(subject), texts
