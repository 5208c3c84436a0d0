"""The template's blanks read again: a serial or day filled in by hand is read as digits and given
with a confidence the parsers never trust as certain; running text is left alone."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from fixtures.documents import FONT_PATH
from vnresolve.ingest.blanks import earliest_signing, reread
from vnresolve.schemas import HANDWRITTEN_CONF
from vnresolve.ingest.layout import make_line
from vnresolve.parsers.record_doubts import LOW_CONF
from vnresolve.schemas import SignatureField, Word

HAND_FONT = "/usr/share/fonts/truetype/freefont/FreeSansBoldOblique.ttf"


def _page() -> tuple[np.ndarray, list]:
    """A header drawn in a serif face with the serial and day in a slanted bold one, and the words
    a page pass that misread the ink would give for it."""
    if not (Path(FONT_PATH).exists() and Path(HAND_FONT).exists()):
        pytest.skip("Liberation Serif or FreeSans not installed (apt-get install fonts-liberation2 fonts-freefont-ttf)")
    typed, hand = ImageFont.truetype(FONT_PATH, 38), ImageFont.truetype(HAND_FONT, 44)
    img = Image.new("L", (1654, 900), 255)
    draw = ImageDraw.Draw(img)

    def put(x: int, y: int, text: str, font) -> tuple[float, float, float, float]:
        draw.text((x, y), text, font=font, fill=0)
        return tuple(float(v) for v in draw.textbbox((x, y), text, font=font))

    label = put(200, 120, "Số:", typed)
    serial = put(300, 116, "04", hand)
    symbol = put(400, 120, "/QĐ-UBND", typed)
    place = put(800, 120, "Hà Nội,", typed)
    ngay = put(930, 120, "ngày", typed)
    day = put(1020, 116, "05", hand)
    thang = put(1100, 120, "tháng", typed)
    month = put(1210, 120, "02", typed)
    nam = put(1260, 120, "năm", typed)
    year = put(1345, 120, "2025", typed)
    body = [put(200 + 180 * k, 300, w, typed) for k, w in enumerate(["Căn", "cứ", "số", "17/QĐ-UBND", "ngày", "3"])]
    noisy = [
        make_line([Word(text="Số:", bbox=label, conf=91), Word(text="0†", bbox=serial, conf=31),
                   Word(text="/QĐ-UBND", bbox=symbol, conf=90)]),
        make_line([Word(text="Hà", bbox=place, conf=95), Word(text="Nội,", bbox=place, conf=95),
                   Word(text="ngày0P", bbox=(ngay[0], ngay[1], day[2], day[3]), conf=40),
                   Word(text="tháng", bbox=thang, conf=93), Word(text="02", bbox=month, conf=95),
                   Word(text="năm", bbox=nam, conf=95), Word(text="2025", bbox=year, conf=95)]),
        make_line([Word(text=t, bbox=b, conf=90) for t, b in zip(["Căn", "cứ", "số", "17/QĐ-UBND", "ngày", "3"], body)]),
    ]
    return np.asarray(img), noisy


def test_handwritten_serial_and_day_are_read_and_never_trusted() -> None:
    grey, lines = _page()
    fixed = reread(grey, lines)
    assert fixed[0].text == "Số: 04 /QĐ-UBND"
    assert fixed[1].text == "Hà Nội, ngày 05 tháng 02 năm 2025"
    for line, digits in ((fixed[0], "04"), (fixed[1], "05")):
        word = next(w for w in line.words if w.text == digits)
        assert word.conf <= HANDWRITTEN_CONF < LOW_CONF  # the parsers mark the field uncertain
    assert fixed[2] == lines[2]  # running text with 'số' and 'ngày' in it is not a blank


def test_clean_typed_digits_are_left_as_read() -> None:
    grey, lines = _page()
    typed = make_line([Word(text="Số:", bbox=lines[0].words[0].bbox, conf=91),
                       Word(text="04", bbox=lines[0].words[1].bbox, conf=92), lines[0].words[2]])
    assert reread(grey, [typed]) == [typed]


def test_a_blank_without_ink_stays_blank() -> None:
    grey, lines = _page()
    grey = grey.copy()
    x0, y0, x1, y1 = (int(v) for v in lines[0].words[1].bbox)
    grey[y0 - 10:y1 + 10, x0 - 4:x1 + 4] = 255  # the serial never filled in
    assert reread(grey, lines)[0].text == lines[0].text


def _dated(day: str, month_word: Word | None = None) -> tuple[np.ndarray, list]:
    """The header of `_page` with `day` written by hand into the day's blank, the page pass having
    read the ink as noise."""
    if not (Path(FONT_PATH).exists() and Path(HAND_FONT).exists()):
        pytest.skip("Liberation Serif or FreeSans not installed (apt-get install fonts-liberation2 fonts-freefont-ttf)")
    grey, lines = _page()
    img = Image.fromarray(grey.copy())
    draw = ImageDraw.Draw(img)
    day_box = (1020, 110, 1095, 175)
    draw.rectangle(day_box, fill=255)
    draw.text((1020, 116), day, font=ImageFont.truetype(HAND_FONT, 44), fill=0)
    return np.asarray(img), lines


@pytest.mark.parametrize("day", ["15", "28"])
def test_a_day_after_the_signing_is_never_given(day: str) -> None:
    # signed on 7 February 2025: a handwritten day that would date the document later is no reading
    grey, lines = _dated(day)
    dated = reread(grey, lines, signed="2025-02-07")[1]
    words = dated.text.split()
    at = words.index("ngày") if "ngày" in words else None
    if at is not None and words[at + 1].isdigit():
        assert int(words[at + 1]) <= 7
    assert f"ngày {day} tháng" not in dated.text
    # the same page signed later reads the day, never as certain
    later = reread(grey, lines, signed="2025-03-01")[1]
    assert later.text == f"Hà Nội, ngày {day} tháng 02 năm 2025"
    assert next(w for w in later.words if w.text == day).conf <= HANDWRITTEN_CONF < LOW_CONF


def test_a_day_the_calendar_lacks_is_never_given() -> None:
    grey, lines = _dated("31")  # there is no 31 February
    assert "ngày 31 tháng" not in reread(grey, lines)[1].text


def test_the_earliest_signing_of_the_page_is_its_signatures_own_day() -> None:
    fields = [SignatureField(bbox=(0, 0, 10, 10), text="Ký bởi: Sở Nội vụ\nThời gian ký: 09/01/2025 10:21"),
              SignatureField(bbox=(0, 0, 10, 10), text="TRUNG TÂM\n08.01.2025 17:30:49 +07:00"),
              SignatureField(bbox=(0, 0, 10, 10), text="Ký bởi", signed_at="2025-01-10T08:00:00+07:00"),
              SignatureField(bbox=(0, 0, 10, 10), text="05", filled_in=True)]  # a day typed into a blank
    assert earliest_signing(fields) == "2025-01-08"
    assert earliest_signing(fields[3:]) is None


def test_a_day_written_taller_than_the_typed_year_is_doubted_even_when_read_cleanly() -> None:
    # the page pass read the handwritten day as clean, confident digits; its height gives it away
    grey, lines = _page()
    img = Image.fromarray(grey.copy())
    draw = ImageDraw.Draw(img)
    draw.rectangle((1020, 100, 1095, 180), fill=255)
    day = draw.textbbox((1020, 104), "05", font=ImageFont.truetype(HAND_FONT, 60))
    draw.text((1020, 104), "05", font=ImageFont.truetype(HAND_FONT, 60), fill=0)
    words = lines[1].words
    clean = make_line([*words[:2], Word(text="ngày", bbox=(930, 120, 1010, 160), conf=95),
                       Word(text="05", bbox=tuple(float(v) for v in day), conf=92), *words[3:]])
    fixed = reread(np.asarray(img), [clean])[0]
    assert fixed.text == "Hà Nội, ngày 05 tháng 02 năm 2025"
    assert next(w for w in fixed.words if w.text == "05").conf <= HANDWRITTEN_CONF


def _typed_number(label: str, serial: str, serial_x: int) -> tuple[np.ndarray, list]:
    """A number line typed clean ('Số:' then the serial with its symbol), and its line as read."""
    if not Path(FONT_PATH).exists():
        pytest.skip("Liberation Serif not installed (apt-get install fonts-liberation2)")
    typed = ImageFont.truetype(FONT_PATH, 38)
    img = Image.new("L", (1200, 300), 255)
    draw = ImageDraw.Draw(img)
    draw.text((100, 100), label, font=typed, fill=0)
    draw.text((serial_x, 100), serial, font=typed, fill=0)

    def box(x: int, text: str) -> tuple[float, ...]:
        return tuple(float(v) for v in draw.textbbox((x, 100), text, font=typed))

    line = make_line([Word(text=label, bbox=box(100, label), conf=93), Word(text=serial, bbox=box(serial_x, serial), conf=95)])
    return np.asarray(img), [line]


def test_a_typed_serial_joined_to_its_symbol_is_left_as_read() -> None:
    # 'Số: 30/2020/NĐ-CP': the serial is the head of the symbol's word, clean and confident
    grey, lines = _typed_number("Số:", "30/2020/NĐ-CP", 170)
    assert reread(grey, lines) == lines


def test_a_typed_party_number_keeps_its_type_and_is_left_as_read() -> None:
    # 'Số 29-CT/TU' (HD 36-HD/VPTW): the serial ends at the hyphen before the type, so the type's
    # letters are never read again as digits of the serial
    grey, lines = _typed_number("Số", "29-CT/TU", 160)
    assert reread(grey, lines) == lines


def test_a_typed_month_glued_to_its_year_label_with_a_dot_is_left_as_read() -> None:
    # 'tháng 02.năm 2025': the month is the head of the closing word, its dot no digit
    grey, lines = _page()
    words = lines[1].words
    boxes = {"Hà": (800, 127, 850, 160), "Nội,": (860, 127, 920, 160), "ngày": (930, 127, 1005, 154),
             "05": (1020, 127, 1062, 154), "tháng": words[3].bbox,
             "02.năm": (words[4].bbox[0], words[4].bbox[1], words[5].bbox[2], words[5].bbox[3]), "2025": words[6].bbox}
    typed = make_line([Word(text=t, bbox=b, conf=92) for t, b in boxes.items()])
    assert reread(grey, [typed]) == [typed]


@pytest.mark.parametrize("read", ["1906", "19O6", "I906"])
def test_a_serial_the_page_pass_read_as_clean_digits_is_not_outvoted_by_the_handwriting_reader(read: str) -> None:
    """Type at a phone photo's resolution binarises into bars and arcs, which the handwritten-digit
    classifier reads as confident 1s; the page pass's clean digits stand, its 0 and 1 read as letters
    too. The ink is the serial '1906' of ../shared/realscans/da-nang/4_1.jpg (a 70 dpi photo of a typed
    công văn) as ingest cut it out of the blank, 35x86 px."""
    import cv2

    if not Path(FONT_PATH).exists():
        pytest.skip("Liberation Serif not installed (apt-get install fonts-liberation2)")
    typed = ImageFont.truetype(FONT_PATH, 30)
    img = Image.new("L", (1000, 300), 255)
    draw = ImageDraw.Draw(img)
    draw.text((200, 110), "Số:", font=typed, fill=0)
    label = tuple(float(v) for v in draw.textbbox((200, 110), "Số:", font=typed))
    draw.text((400, 110), "/SGDĐT-CTrTT", font=typed, fill=0)
    symbol = tuple(float(v) for v in draw.textbbox((400, 110), "/SGDĐT-CTrTT", font=typed))
    grey = np.asarray(img).copy()
    ink = cv2.imread(str(Path(__file__).parent / "fixtures" / "typed_serial_70dpi.png"), cv2.IMREAD_GRAYSCALE)
    grey[105:105 + ink.shape[0], 290:290 + ink.shape[1]] = ink
    words = [Word(text="Số:", bbox=label, conf=90), Word(text=read, bbox=(290.0, 105.0, 376.0, 140.0), conf=30),
             Word(text="/SGDĐT-CTrTT", bbox=symbol, conf=85)]
    line = reread(grey, [make_line(words)])[0]
    assert line.text == "Số: 1906 /SGDĐT-CTrTT"


def test_a_serial_read_with_one_letter_counts_as_typed_digits_but_a_short_or_lettered_one_does_not() -> None:
    from vnresolve.ingest.blanks import _page_reading

    def page(read: str):
        words = [Word(text="Số:", bbox=(200.0, 110.0, 260.0, 150.0), conf=90),
                 Word(text=read, bbox=(280.0, 105.0, 370.0, 150.0), conf=30),
                 Word(text="/CT-UBND", bbox=(400.0, 110.0, 560.0, 150.0), conf=90)]
        return _page_reading(make_line(words), 0, 2, "so", "/")

    assert page("19O6")[:2] == ("1906", False)  # one letter for a 0: typed, never sure
    assert page("l7") is None and page("O2") is None and page("l9O6") is None  # a hand's reading: the classifier reads it


@pytest.mark.parametrize("first", ["1506", "Điều", "KT", "-", "V/v"])
def test_a_short_word_before_a_symbol_is_a_lost_label_only_when_it_opens_as_the_label(first: str) -> None:
    # '1506 /CT-UBND': the label lost, the typed serial kept; it must not be re-read from inside its own box
    grey, lines = _typed_number(first, "/CT-UBND", 240)
    assert reread(grey, lines)[0].text == lines[0].text
