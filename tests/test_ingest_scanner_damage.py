"""Scanner damage read through the real Tesseract: a page laid askew on the scanner's black lid
(black borders and wedges round it) and a page scanned sideways or upside down (turned by OSD)."""

from __future__ import annotations

import subprocess

import numpy as np
import pytest
from PIL import Image

from fixtures.documents import DPI, LINES, render_lines, word_recall
from fixtures.paths import REALSCANS, needs_realscans
from vnresolve.ingest import ingest_file

PAGE_LINES = LINES + LINES[:2]


def test_black_scanner_borders_round_a_skewed_page_add_no_words(tmp_path):
    page = render_lines(PAGE_LINES, size=(1400, 480)).rotate(2.5, expand=True, fillcolor=20, resample=Image.BICUBIC)
    lid = np.full((page.height + 160, page.width + 200), 20, np.uint8)  # the black platen round the sheet
    lid[70:70 + page.height, 120:120 + page.width] = np.asarray(page)
    lid[:, -40:] = 60  # a grey edge shadow down one side
    path = tmp_path / "lid.png"
    Image.fromarray(lid).save(path, dpi=(DPI, DPI))
    text = ingest_file(path).pages[0].text
    assert word_recall(" ".join(PAGE_LINES), text) >= 0.95
    assert len(text.split()) <= len(" ".join(PAGE_LINES).split()) + 2, text  # the borders read as nothing


@needs_realscans
def test_a_real_page_on_the_black_lid_is_read_not_taken_for_a_table(tmp_path):
    """The lid's straight inner edges round a whole page, with the short rules under an official
    header's issuer and motto, made a table of a real first page and its text was lost."""
    subprocess.run(["pdftoppm", "-r", str(DPI), "-f", "1", "-l", "1", "-singlefile", "-png",
                    str(REALSCANS / "da-nang" / "3.pdf"), str(tmp_path / "page")], check=True, capture_output=True)
    sheet = Image.open(tmp_path / "page.png").convert("RGB")
    upright = ingest_file(tmp_path / "page.png").pages[0].text
    sheet = sheet.rotate(1.5, expand=True, fillcolor=(15, 15, 15), resample=Image.BICUBIC)
    lid = Image.new("RGB", (sheet.width + 126, sheet.height + 126), (15, 15, 15))  # 8 mm of black round it
    lid.paste(sheet, (63, 63))
    lid.save(tmp_path / "lid.png", dpi=(DPI, DPI))
    page = ingest_file(tmp_path / "lid.png").pages[0]
    assert not page.tables
    assert word_recall(upright, page.text) >= 0.9


@pytest.mark.parametrize("turn", [90, 180, 270])
def test_a_page_scanned_sideways_is_turned_upright(tmp_path, turn):
    path = tmp_path / "sideways.png"
    render_lines(PAGE_LINES, size=(1400, 480)).rotate(turn, expand=True, fillcolor=235).save(path, dpi=(DPI, DPI))
    doc = ingest_file(path)
    # Tesseract reads a page turned a quarter down its lines, confidently: its tall words give it away
    assert doc.pages[0].rotation == turn
    assert any(w.code == "page-rotated" for w in doc.warnings)
    text = doc.pages[0].text
    assert word_recall(" ".join(PAGE_LINES), text) >= 0.9
    starts = [text.find(line[:20]) for line in LINES]
    assert -1 not in starts and starts == sorted(starts), text  # line after line, top to bottom
