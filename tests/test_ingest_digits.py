"""The handwritten-digit classifier (ingest/digits.py, ADR 0009) on digits it never saw: drawn pen
strokes and a calligraphic face, not the MNIST and UCI digits it learned from; touching digits cut
apart; and a blank it reads stays uncertain."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from vnresolve.ingest import digits
from vnresolve.ingest.blanks import reread
from vnresolve.schemas import HANDWRITTEN_CONF
from vnresolve.ingest.layout import make_line
from vnresolve.parsers.record_doubts import LOW_CONF
from vnresolve.schemas import Word

CHANCE = 0.1
DRAWN_FLOOR = 0.8  # over sizes, pens and slants; each digit's strokes are one plain hand (a hooked 1 reads as 7)
FONT_FLOOR = 0.8  # the calligraphic face's digits, at two sizes
CALLIGRAPHIC = "/usr/share/fonts/opentype/urw-base35/Z003-MediumItalic.otf"


def _arc(cx: float, cy: float, rx: float, ry: float, a0: float, a1: float) -> list[tuple[float, float]]:
    t = np.deg2rad(np.linspace(a0, a1, 24))
    return [(cx + rx * np.cos(a), cy + ry * np.sin(a)) for a in t]


# each digit as a pen stroke in a unit box (x right, y down), written the way a school hand writes it
STROKES = {
    "0": _arc(0.5, 0.5, 0.42, 0.5, 0, 360),
    "1": [(0.25, 0.25), (0.6, 0.0), (0.6, 1.0)],
    "2": _arc(0.5, 0.3, 0.4, 0.3, 190, 360) + _arc(0.5, 0.3, 0.4, 0.3, 0, 60) + [(0.05, 1.0), (0.95, 1.0)],
    "3": _arc(0.5, 0.27, 0.38, 0.27, 200, 450) + _arc(0.5, 0.73, 0.42, 0.27, 270, 510),
    "4": [(0.7, 1.0), (0.7, 0.0), (0.05, 0.68), (0.95, 0.68)],
    "5": [(0.9, 0.0), (0.2, 0.0), (0.15, 0.45)] + _arc(0.48, 0.68, 0.42, 0.32, 240, 500),
    "6": _arc(0.85, 0.55, 0.75, 0.55, 240, 180) + _arc(0.5, 0.72, 0.4, 0.28, 180, 540),
    "7": [(0.05, 0.0), (0.95, 0.0), (0.35, 1.0)],
    "8": _arc(0.5, 0.25, 0.33, 0.25, 90, 450) + _arc(0.5, 0.72, 0.42, 0.28, -90, 270),
    "9": _arc(0.5, 0.3, 0.4, 0.3, 0, 360) + [(0.9, 0.3), (0.8, 1.0)],
}


def _drawn(text: str, height: int = 60, pen: int = 3, slant: float = 0.0, gap: float = 0.25) -> np.ndarray:
    """`text` written with a pen of `pen` pixels, digits `gap` heights apart (less than 0 overlaps)."""
    width = int(height * 0.8)
    step = width + int(gap * height)
    img = np.full((height + 40, 40 + step * len(text) + int(abs(slant) * height)), 255, np.uint8)
    for k, d in enumerate(text):
        pts = [(20 + k * step + x * width + slant * (1 - y) * height, 20 + y * height) for x, y in STROKES[d]]
        cv2.polylines(img, [np.array(pts, np.int32)], False, 0, pen, cv2.LINE_AA)
    return img


def _read(glyph: np.ndarray) -> int:
    return int(digits.probabilities(glyph).argmax())


def test_drawn_digits_are_read_well_above_chance() -> None:
    trials = [(d, h, pen, slant) for d in STROKES for h in (40, 70) for pen in (2, 5) for slant in (0.0, 0.25)]
    right = sum(_read(_drawn(d, h, pen, slant)) == int(d) for d, h, pen, slant in trials)
    assert right / len(trials) >= DRAWN_FLOOR > CHANCE


def test_a_calligraphic_face_is_read_well_above_chance() -> None:
    if not Path(CALLIGRAPHIC).exists():
        pytest.skip("URW Z003 not installed (apt-get install fonts-urw-base35)")
    right = total = 0
    for size in (40, 64):
        font = ImageFont.truetype(CALLIGRAPHIC, size)
        for d in "0123456789":
            img = Image.new("L", (2 * size, 2 * size), 255)
            ImageDraw.Draw(img).text((size // 3, size // 4), d, font=font, fill=0)
            right += _read(np.asarray(img)) == int(d)
            total += 1
    assert right / total >= FONT_FLOOR > CHANCE


def test_the_probabilities_are_a_distribution_and_the_model_is_small() -> None:
    p = digits.probabilities(_drawn("7"))
    assert p.shape == (10,) and abs(p.sum() - 1.0) < 1e-9 and (p >= 0).all()
    assert digits.MODEL.stat().st_size < 400_000  # shipped weights only; the data sets stay in their libraries
    blank = digits.probabilities(np.full((40, 30), 255, np.uint8))  # no ink: a distribution still, no crash
    assert abs(blank.sum() - 1.0) < 1e-9


def test_touching_digits_are_cut_where_they_read_best_and_one_digit_stays_whole() -> None:
    for text in ("20", "04", "660"):
        for gap in (-0.05, 0.0):  # overlapping and touching
            reading = digits.reading(_drawn(text, 50, 4, 0.2, gap=gap), most=5)
            assert reading is not None and reading[0] == text
    for d in "02345689":  # no digit is read as two
        reading = digits.reading(_drawn(d, 60, 4), most=5)
        assert reading is not None and len(reading[0]) == 1


def test_touching_digits_are_cut_apart() -> None:
    reading = digits.reading(_drawn("04", gap=-0.05), most=5)
    assert reading is not None and len(reading[0]) == 2


def _number_line() -> tuple[np.ndarray, tuple, tuple]:
    """'Số:' and '/CT-UBND' typed with a blank between: the page, and the label's and symbol's boxes."""
    font_path = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
    if not Path(font_path).exists():
        pytest.skip("Liberation Serif not installed (apt-get install fonts-liberation2)")
    img = Image.new("L", (1400, 400), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(font_path, 38)
    label = tuple(float(v) for v in draw.textbbox((200, 120), "Số:", font=font))
    draw.text((200, 120), "Số:", font=font, fill=0)
    symbol = tuple(float(v) for v in draw.textbbox((420, 120), "/CT-UBND", font=font))
    draw.text((420, 120), "/CT-UBND", font=font, fill=0)
    return np.asarray(img).copy(), label, symbol


def _write_in(grey: np.ndarray, serial: np.ndarray, x: int) -> None:
    """`serial`'s ink written over the page at `x`, 100 px down."""
    grey[100:100 + serial.shape[0], x:x + serial.shape[1]] = np.minimum(grey[100:100 + serial.shape[0], x:x + serial.shape[1]], serial)


def test_a_serial_the_classifier_reads_stays_uncertain() -> None:
    grey, label, symbol = _number_line()
    _write_in(grey, _drawn("07", height=44, pen=4, slant=0.2), 290)
    noise = Word(text="Ø†", bbox=(295.0, 118.0, 400.0, 170.0), conf=20)  # the page pass's reading of the ink
    noisy = [make_line([Word(text="Số:", bbox=label, conf=92), noise, Word(text="/CT-UBND", bbox=symbol, conf=91)])]
    line = reread(grey, noisy)[0]
    assert "Ø†" not in line.text
    read = [w for w in line.words if w.text.isdigit()]
    assert read and all(w.conf <= HANDWRITTEN_CONF < LOW_CONF for w in read)


def test_a_serial_written_against_its_label_is_read_when_ocr_made_one_word_of_both() -> None:
    """'Số:11 /CT-UBND' with the 11 written touching the label: the page pass read 'ST /CT-UBND'. The
    line is still the number line, known by its symbol; the label is put back and the ink read."""
    grey, label, symbol = _number_line()
    serial = _drawn("07", height=44, pen=4, slant=0.2, gap=0.1)
    x = int(label[2]) - 30  # the hand starts over the label's colon
    _write_in(grey, serial, x)
    merged = Word(text="ST", bbox=(label[0], 110.0, float(x + serial.shape[1] - 20), 170.0), conf=40)
    line = reread(grey, [make_line([merged, Word(text="/CT-UBND", bbox=symbol, conf=91)])])[0]
    assert line.text == "Số: 07 /CT-UBND"
    assert next(w for w in line.words if w.text == "07").conf <= HANDWRITTEN_CONF
    plain = [make_line([Word(text="ST", bbox=(200.0, 110.0, 260.0, 170.0), conf=40),
                        Word(text="/CT-UBND", bbox=symbol, conf=91), Word(text="x", bbox=(700.0, 120.0, 720.0, 160.0), conf=90)])]
    assert reread(grey, plain)[0].text == plain[0].text  # more words than the number line holds: no label lost
