"""Told a scan's resolution, Tesseract drops some tone marks stacked over a circumflex, breve or horn
that it keeps sizing the page from its print; a line holding an unsure toneless word with such a
vowel is read again by itself, unaided, and the word takes a surer reading that adds a tone mark to
the same letters. Real Tesseract on a real 100 dpi scan (rendered at 200 dpi, as ingest renders
it) scored against its proofread truth, and the choice rule on words."""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from benchmarks.bench_realpages import SCANS, TRUTH, page_image, scores, source_of, truth_body
from vnresolve.ingest import layout, preprocess, tesseract, unsure
from vnresolve.schemas import Line, Word

PAGE = TRUTH / "quang-ngai_01CT_p1.txt"  # a native 100 dpi Kodak scan, rendered at 200 dpi


@pytest.mark.skipif(not SCANS.is_dir(), reason=f"needs the real scans in {SCANS}")
def test_a_real_coarse_scan_gets_back_stacked_tone_marks():
    pdf, number = source_of(PAGE)
    with tempfile.TemporaryDirectory() as tmp:
        with Image.open(page_image(pdf, number, Path(tmp) / "page.png")) as img:
            grey, dpi = np.asarray(img.convert("L")), img.info["dpi"][0]
    lines = layout.group_words(tesseract.image_data(grey, dpi=dpi))
    mended = unsure.stacked_marks(grey, lines, "vie", 180)
    before = [w.text for line in lines for w in line.words]
    after = [w.text for line in mended for w in line.words]
    truth = truth_body(PAGE)
    changed = [(a, b) for a, b in zip(before, after) if a != b]
    assert len(before) == len(after) and changed  # marks changed, no word added or lost
    truth_words = set(truth.lower().split())
    assert all(b.lower().strip(".,;:") in truth_words for _, b in changed), changed
    text = lambda ls: "\n".join(line.text for line in ls)  # noqa: E731
    assert scores(text(mended), truth)[2] < scores(text(lines), truth)[2]
    # words read sure with the tone mark dropped, whose stacked mark the page shows, are mended too, by
    # second readings Tesseract is unsure of as well
    sure = [(a.text, b.text, b.conf) for line, fixed in zip(lines, mended) for a, b in zip(line.words, fixed.words)
            if a.text != b.text and a.conf >= unsure.STACKED_UNSURE]
    assert sure and all(b.lower().strip(".,;:") in truth_words for _, b, _ in sure), sure
    assert any(conf < unsure.STACKED_UNSURE for _, _, conf in sure), sure


def _two_tone_page() -> tuple[np.ndarray, list]:
    """The real 1-bit page made pure black and white, and its lines as Tesseract reads them."""
    pdf, number = source_of(PAGE)
    with tempfile.TemporaryDirectory() as tmp:
        with Image.open(page_image(pdf, number, Path(tmp) / "page.png")) as img:
            grey, dpi = np.asarray(img.convert("L")), img.info["dpi"][0]
    two_tone = np.where(grey < 160, 0, 255).astype(np.uint8)
    lines = layout.group_words(tesseract.image_data(two_tone, dpi=dpi))
    return two_tone, lines


@pytest.mark.skipif(not SCANS.is_dir(), reason=f"needs the real scans in {SCANS}")
def test_a_two_tone_page_keeps_its_reading():
    """A 1-bit page's marks are ink or not: on the same page made two-tone an unsure word is not read
    again for a tone mark the page does not show stacked on its marks."""
    two_tone, lines = _two_tone_page()
    doubted = [w for line in lines for w in line.words
               if unsure._toneless_stacked(w) and not unsure._mark_on_mark(two_tone, w, 128)]
    assert doubted  # words that would ask on a page with grey
    mended = unsure.stacked_marks(two_tone, lines, "vie", 180)
    kept = {id(a) for line, again in zip(lines, mended) for a, b in zip(line.words, again.words) if a.text == b.text}
    assert all(id(w) in kept for w in doubted)


@pytest.mark.skipif(not SCANS.is_dir(), reason=f"needs the real scans in {SCANS}")
def test_a_page_of_two_grey_levels_shows_its_stacked_marks():
    """A page of pure black and white (a 1-bit image): Otsu's threshold is its black level itself,
    and the ink at that level is what shows a mark stacked on a mark; the words it shows take their
    tone marks from their lines read alone, each one a word of the truth."""
    two_tone, lines = _two_tone_page()
    mended = unsure.stacked_marks(two_tone, lines, "vie", 180)
    changed = [(a.text, b.text) for line, again in zip(lines, mended) for a, b in zip(line.words, again.words) if a.text != b.text]
    truth_words = set(truth_body(PAGE).lower().split())
    assert changed and all(b.lower().strip(".,;:") in truth_words for _, b in changed), changed


def _line(*words: tuple[str, float, float]) -> Line:
    return layout.make_line([Word(text=t, bbox=(x, 100, x + 60, 130), conf=c) for t, x, c in words], 1)


def test_only_an_unsure_toneless_word_takes_a_surer_tone_mark_on_the_same_letters():
    line = _line(("tô", 0, 80.0), ("kêt", 80, 83.0), ("đầy", 160, 84.0), ("thông", 240, 95.0), ("phô", 320, 74.0))
    second = [Word(text="tổ", bbox=(2, 98, 58, 131), conf=91.0),  # surer, adds a tone mark: taken
              Word(text="kết", bbox=(82, 98, 138, 131), conf=80.0),  # less sure: not taken
              Word(text="đây", bbox=(162, 98, 218, 131), conf=96.0),  # the word had a tone mark: kept
              Word(text="thống", bbox=(242, 98, 298, 131), conf=97.0),  # the word was sure: kept
              Word(text="phỏ", bbox=(322, 98, 378, 131), conf=92.0)]  # another vowel mark: not taken
    assert [w.text for w in unsure._take_tones(line, second).words] == ["tổ", "kêt", "đầy", "thông", "phô"]
    assert unsure._take_tones(line, [Word(text="tô", bbox=(2, 98, 58, 131), conf=99.0)]) is line
    # the text taken is the second reading's: one in another case is no reading of this word
    # a sure word whose stacked mark the page shows takes the reading with the tone mark, however sure
    # Tesseract is of it: the ink and the second reading both say the mark is there
    sure = _line(("tô", 0, 96.0), ("kêt", 80, 96.0), ("sô", 160, 96.0))
    shown = {id(sure.words[0]), id(sure.words[1])}
    again = [Word(text="tổ", bbox=(2, 98, 58, 131), conf=95.0), Word(text="kết", bbox=(82, 98, 138, 131), conf=54.0),
             Word(text="số", bbox=(162, 98, 218, 131), conf=97.0)]  # sô: sure, its mark not shown
    assert [w.text for w in unsure._take_tones(sure, again, shown).words] == ["tổ", "kết", "sô"]
    assert unsure._take_tones(sure, again[:2]) is sure
    capital = _line(("Tô", 0, 80.0))
    assert unsure._take_tones(capital, [Word(text="tổ", bbox=(2, 98, 58, 131), conf=91.0)]) is capital
    assert unsure._take_tones(capital, [Word(text="Tổ", bbox=(2, 98, 58, 131), conf=91.0)]).words[0].text == "Tổ"


@pytest.mark.skipif(not SCANS.is_dir(), reason=f"needs the real scans in {SCANS}")
def test_a_real_two_tone_scan_takes_the_tone_marks_its_ink_shows_stacked():
    """On a real 1-bit scan a word whose tone mark the page shows stacked on its circumflex, read
    without it, takes the mark from its line read alone; no other word changes."""
    page = TRUTH / "da-nang_1_p1.txt"
    pdf, number = source_of(page)
    with tempfile.TemporaryDirectory() as tmp:
        with Image.open(page_image(pdf, number, Path(tmp) / "page.png")) as img:
            grey, dpi = np.asarray(img.convert("L")), img.info["dpi"][0]
    assert preprocess.is_bilevel(grey)
    lines = layout.group_words(tesseract.image_data(grey, dpi=dpi))
    mended = unsure.stacked_marks(grey, lines, "vie", 180)
    changed = [(a, b) for line, again in zip(lines, mended) for a, b in zip(line.words, again.words) if a.text != b.text]
    truth_words = set(truth_body(page).lower().split())
    assert changed and all(unsure._mark_on_mark(grey, a, 128) for a, _ in changed), changed
    assert all(b.text.lower().strip(".,;:") in truth_words for _, b in changed), changed


def test_a_mark_beside_the_circumflex_it_stands_on_is_shown_and_an_i_dot_is_not():
    """On a 1-bit 200 dpi scan a hook or grave over a circumflex stands up beside it, a column off,
    not over its columns (Liberation Serif 14 pt, the scanner's blur, a fixed threshold); the i-dot
    before the circumflex of 'iê' stands farther off and lower, and shows no stacked mark."""
    from PIL import ImageDraw, ImageFilter, ImageFont

    from fixtures.documents import FONT_PATH

    line = Image.new("L", (500, 120), 255)
    ImageDraw.Draw(line).text((20, 40), "thể tiên", font=ImageFont.truetype(FONT_PATH, 39), fill=0)  # 14 pt at 200 dpi
    paper = Image.fromarray((35 + 195 / 255 * np.asarray(line, np.float32)).astype(np.uint8))
    page = np.where(np.asarray(paper.filter(ImageFilter.GaussianBlur(0.8))) <= 128, 0, 255).astype(np.uint8)
    data = tesseract.image_data(page, lang="vie", psm=7, dpi=200)
    words = [Word(text=t, bbox=(data["left"][k], data["top"][k], data["left"][k] + data["width"][k],
                                data["top"][k] + data["height"][k]), conf=float(data["conf"][k]))
             for k, t in enumerate(data["text"]) if (t or "").strip()]
    assert len(words) == 2
    assert unsure._mark_on_mark(page, words[0], 128)  # the hook beside the circumflex of 'ể'
    assert not unsure._mark_on_mark(page, words[1], 128)  # the i-dot beside the circumflex of 'iê'


def test_a_dot_below_of_the_line_above_shows_no_mark_on_a_circumflex_of_a_line_set_solid():
    """Lines of 14 pt set solid at 200 dpi (38 px apart): the dot below 'ộ' of the line above stands
    over the circumflex of 'lên', inside the room left above its box for a lost tone mark; hanging under
    its letter, just under that line's baseline, it is no mark of 'lên', and the hook over 'ể' beside it
    still shows."""
    from PIL import ImageDraw, ImageFilter, ImageFont

    from fixtures.documents import FONT_PATH

    font = ImageFont.truetype(FONT_PATH, 39)
    lines_img = Image.new("L", (700, 160), 255)
    draw = ImageDraw.Draw(lines_img)
    draw.text((40, 68), "lên thể", font=font, fill=0)
    draw.text((40 + font.getlength("l") - font.getlength("B"), 30), "Bộ sách", font=font, fill=0)  # ộ over ê
    paper = Image.fromarray((35 + 195 / 255 * np.asarray(lines_img, np.float32)).astype(np.uint8))
    page = np.where(np.asarray(paper.filter(ImageFilter.GaussianBlur(0.8))) <= 128, 0, 255).astype(np.uint8)
    lines = layout.group_words(tesseract.image_data(page, lang="vie", psm=6, dpi=200))
    assert [[w.text for w in line.words] for line in lines] == [["Bộ", "sách"], ["lên", "thể"]]
    below = lines[1]
    shows = [unsure._mark_on_mark(page, w, 128, unsure._baseline_above(w, below, lines)) for w in below.words]
    assert shows == [False, True]
    assert unsure._mark_on_mark(page, below.words[0], 128)  # unbounded, the dot above had counted
