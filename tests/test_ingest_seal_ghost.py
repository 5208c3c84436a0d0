"""A seal's faded strokes, too pale in colour to be dropped as coloured ink, over a signature block: after
the seal's clear ink is dropped they stay as a pale grey ghost, and Tesseract's own binarisation of the
block's zone keeps it as ink (on a real scan the post 'CHỦ TỊCH' under a seal was read as noise by the
signature block's re-read, ingest/foot.py). Where a seal was dropped, what is much lighter than print goes
before the zone is read; print under the seal stays. Real Tesseract on a generated page."""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image, ImageDraw

from vnresolve.ingest import IngestOptions, colour, foot
from vnresolve.schemas import Line
from fixtures.documents import face

INK = (20, 20, 20)
FADED = (200, 172, 176)  # a faded seal's pink: LAB chroma ~10, well under colour.CHROMA_MIN
RED = (215, 40, 45)
LABEL = Line(text="Nơi nhận:", bbox=(40, 60, 200, 90))  # the foot's label, as the page pass read it


def _signature_block() -> tuple[Image.Image, np.ndarray, np.ndarray]:
    """(a page's foot at 200 dpi, some of its print under the zone read again, where its print is, where the seal's faded strokes are): the label at the
    left, the signature block at the right with a seal over its post."""
    size = (1200, 900)
    text = Image.new("L", size, 0)
    draw = ImageDraw.Draw(text)
    for i in range(10):  # the page's print below, which sets its ink level
        draw.text((40, 430 + 45 * i), "Ủy ban nhân dân tỉnh chỉ đạo các cơ quan thực hiện nghiêm túc.", fill=255, font=face(30))
    draw.text(LABEL.bbox[:2], LABEL.text, fill=255, font=face(28))
    draw.text((880, 75), "ỦY BAN NHÂN DÂN", fill=255, font=face(34), anchor="mm")
    draw.text((880, 145), "CHỦ TỊCH", fill=255, font=face(40), anchor="mm")
    draw.text((880, 350), "Nguyễn Văn Bình", fill=255, font=face(38), anchor="mm")
    cx, cy, r = 790, 200, 150
    faded, rim = Image.new("L", size, 0), Image.new("L", size, 0)
    draw = ImageDraw.Draw(faded)
    for deg in range(0, 360, 9):  # the emblem's rays and rings, the part of a worn seal that keeps least colour
        a = np.deg2rad(deg)
        draw.line((cx + 0.3 * r * np.cos(a), cy + 0.3 * r * np.sin(a),
                   cx + 0.95 * r * np.cos(a), cy + 0.95 * r * np.sin(a)), fill=255, width=3)
    for k in (0.5, 0.7, 0.85):
        draw.ellipse((cx - k * r, cy - k * r, cx + k * r, cy + k * r), outline=255, width=3)
    ImageDraw.Draw(rim).ellipse((cx - r, cy - r, cx + r, cy + r), outline=255, width=7)
    page = np.full((size[1], size[0], 3), (250, 250, 248), dtype=np.uint8)
    printed, ghost = np.asarray(text) > 128, np.asarray(faded) > 0
    page[printed] = INK
    for mask, ink in ((ghost, FADED), (np.asarray(rim) > 0, RED)):  # ink over print darkens it, as on paper
        page[mask] = (page[mask].astype(int) * np.array(ink) // 255).astype(np.uint8)
    return Image.fromarray(page), printed, ghost


def test_a_seals_faded_strokes_go_with_it_and_the_print_under_them_stays():
    page, printed, ghost = _signature_block()
    sep = colour.separate(page)
    grey = colour.without_ghosts(sep.grey, sep.stamps(200))
    assert np.median(grey[printed]) < 60  # print under the seal keeps its dark core
    away = ghost & ~(cv2.dilate(printed.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0)
    assert np.median(sep.grey[away]) < 200  # the dropout alone leaves the ghost
    assert (grey[away] >= 240).mean() > 0.97  # here it is paper


def test_the_signers_post_under_a_faded_seal_is_read_again_right():
    page, _, _ = _signature_block()
    sep = colour.separate(page)
    lines = foot.reread(sep.grey, [LABEL], 200, IngestOptions(), sep.stamps(200))
    read = [line.text for line in lines if line.role == "stamp"]
    assert "CHỦ TỊCH" in read and "Nguyễn Văn Bình" in read


def test_print_paler_than_the_pages_keeps_the_reading_without_the_clearing():
    """Print in the block paler than the page's own (a photocopy's worn toner) is lighter than the dark
    level the clearing keeps: cleared, the block reads worse, so the reading of the zone as it is stays."""
    page, printed, ghost = _signature_block()
    arr = np.asarray(page).copy()
    block = printed.copy()
    block[:, :600] = False
    block[400:] = False
    arr[block & ~ghost] = 110
    sep = colour.separate(Image.fromarray(arr))
    stamps = sep.stamps(200)
    assert stamps and colour._dark_level(sep.grey) < 110  # the clearing would take this print for ghost
    read = [line.text for line in foot.reread(sep.grey, [LABEL], 200, IngestOptions(), stamps) if line.role == "stamp"]
    alone = [line.text for line in foot.reread(sep.grey, [LABEL], 200, IngestOptions()) if line.role == "stamp"]
    assert read == alone and any("Bình" in text for text in read)
