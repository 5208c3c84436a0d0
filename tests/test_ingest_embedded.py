"""A scanned page's JPEG decoded directly (ingest/embedded.py) instead of rendered by pdftoppm.

Every direct decode is checked against what `pdftoppm` renders for the same page (same size,
same orientation, pixels within JPEG/resampling noise), and every page that draws more than its
one image must keep the pdftoppm path.
"""

from __future__ import annotations

import base64
from pathlib import Path

import cv2
import numpy as np
import pdfplumber
import pytest
from PIL import Image, ImageDraw
from reportlab import rl_config
from reportlab.pdfgen import canvas

from vnresolve.ingest import IngestOptions, embedded, ingest_file
from vnresolve.ingest.ocr import PageJob, load_page_image
from vnresolve.ingest.poppler import rasterize_page
from fixtures.documents import LINES, font
from fixtures.documents import render_lines, word_recall

DPI = 200


def page_image() -> Image.Image:
    img = render_lines(LINES[:3], size=(900, 300))
    return img  # text at the top left: any wrong flip or turn is far from the rendered page


def jpeg_pdf(path: Path, img: Image.Image, *, rotate: int = 0, flip: str = "", turn: bool = False,
             text_layer: bool = False, rule: bool = False, a85: bool = True, mode: str = "L") -> Path:
    """One page showing `img` (saved as JPEG) over the whole page, drawn in the way asked."""
    jpg = path.with_suffix(".jpg")
    img.convert(mode).save(jpg, quality=92, dpi=(DPI, DPI))
    w, h = img.width * 72 / DPI, img.height * 72 / DPI
    old = rl_config.useA85
    rl_config.useA85 = 1 if a85 else 0
    try:
        page_w, page_h = (h, w) if turn else (w, h)
        # ReportLab writes a quarter-turned page's MediaBox with width and height swapped
        size = (page_h, page_w) if rotate in (90, 270) else (page_w, page_h)
        c = canvas.Canvas(str(path), pagesize=size, invariant=1)
        if rotate:
            c.setPageRotation(rotate)
        c.saveState()
        if turn:  # image turned a quarter clockwise on the page
            c.translate(0, page_h)
            c.rotate(-90)
        if "x" in flip:
            c.translate(w, 0)
            c.scale(-1, 1)
        if "y" in flip:
            c.translate(0, h)
            c.scale(1, -1)
        c.drawImage(str(jpg), 0, 0, w, h)
        c.restoreState()
        if text_layer:
            t = c.beginText(14, page_h - 20)
            t.setTextRenderMode(3)  # invisible, like an OCR layer
            t.setFont(font(), 10)
            t.textLine(LINES[0])
            c.drawText(t)
        if rule:
            c.line(10, 10, page_w - 10, 10)
        c.showPage()
        c.save()
    finally:
        rl_config.useA85 = old
    return path


def found(path: Path, dpi: float = DPI):
    with pdfplumber.open(path) as pdf:
        return embedded.find(pdf.doc, pdf.pages[0], path, dpi)


def rendered(path: Path) -> np.ndarray:
    return np.asarray(rasterize_page(path, 1, DPI))


def _off(a: np.ndarray, b: np.ndarray) -> float:
    """Mean grey-level difference after a 5x5 box blur (poppler resamples sharp text edges slightly)."""
    return float(np.abs(cv2.blur(a, (5, 5)).astype(int) - cv2.blur(b, (5, 5)).astype(int)).mean())


def assert_same_page(direct: np.ndarray, render: np.ndarray) -> None:
    assert direct.shape == render.shape
    diff = _off(direct, render)
    assert diff < 4, diff  # measured 2.5; a wrong flip is 14-23 levels off
    for wrong in (direct[::-1], direct[:, ::-1]):
        assert _off(np.ascontiguousarray(wrong), render) > 2 * diff + 5


@pytest.mark.parametrize("a85", [True, False])
def test_full_page_jpeg_is_decoded_directly_and_equals_the_rendered_page(tmp_path, a85):
    path = jpeg_pdf(tmp_path / "scan.pdf", page_image(), a85=a85)
    emb = found(path)
    assert emb is not None and emb.ascii85 == a85 and (emb.width, emb.height) == (900, 300)
    direct = embedded.decode(path, emb)
    jpg = np.asarray(Image.open(path.with_suffix(".jpg")).convert("L"))
    assert np.array_equal(direct, jpg)  # the file's own JPEG, bit for bit as libjpeg decodes it
    assert_same_page(direct, rendered(path))


def test_rgb_jpeg_is_decoded_to_grey(tmp_path):
    path = jpeg_pdf(tmp_path / "rgb.pdf", page_image(), mode="RGB")
    emb = found(path)
    assert emb is not None
    assert_same_page(embedded.decode(path, emb), rendered(path))


@pytest.mark.parametrize("rotate", [90, 180, 270])
def test_page_rotate_is_applied(tmp_path, rotate):
    path = jpeg_pdf(tmp_path / f"rot{rotate}.pdf", page_image(), rotate=rotate)
    emb = found(path)
    assert emb is not None
    direct = embedded.decode(path, emb)
    assert direct.shape == ((900, 300) if rotate in (90, 270) else (300, 900))
    assert_same_page(direct, rendered(path))


@pytest.mark.parametrize("flip", ["x", "y", "xy"])
def test_flipped_placement_is_undone(tmp_path, flip):
    path = jpeg_pdf(tmp_path / f"flip{flip}.pdf", page_image(), flip=flip)
    emb = found(path)
    assert emb is not None and (emb.flip_cols, emb.flip_rows) == ("x" in flip, "y" in flip)
    assert_same_page(embedded.decode(path, emb), rendered(path))


def test_image_turned_on_the_page_by_its_matrix(tmp_path):
    path = jpeg_pdf(tmp_path / "turn.pdf", page_image(), turn=True)
    emb = found(path)
    assert emb is not None and emb.transpose
    direct = embedded.decode(path, emb)
    assert direct.shape == (900, 300)
    assert_same_page(direct, rendered(path))


def test_page_with_text_layer_or_vector_content_keeps_pdftoppm(tmp_path):
    assert found(jpeg_pdf(tmp_path / "layer.pdf", page_image(), text_layer=True)) is None
    assert found(jpeg_pdf(tmp_path / "rule.pdf", page_image(), rule=True)) is None


def test_image_not_at_the_render_resolution_keeps_pdftoppm(tmp_path):
    path = jpeg_pdf(tmp_path / "scan.pdf", page_image())
    assert found(path, DPI) is not None
    assert found(path, 300) is None  # pdftoppm would resample; the direct path never does


def test_png_page_keeps_pdftoppm(tmp_path):
    from fixtures.documents import image_pdf

    path = image_pdf(tmp_path / "png.pdf", [page_image()])
    assert found(path) is None  # Flate-coded pixels: rendered as before


def test_damaged_jpeg_falls_back_to_pdftoppm(tmp_path):
    path = jpeg_pdf(tmp_path / "scan.pdf", page_image(), a85=False)
    emb = found(path)
    data = bytearray(path.read_bytes())
    data[emb.offset : emb.offset + 400] = b"\x00" * 400  # SOI and headers gone
    path.write_bytes(bytes(data))
    assert embedded.decode(path, emb) is None
    job = PageJob(number=1, path=str(path), kind="pdf", dpi=DPI, jpeg=emb)
    img = load_page_image(job)  # pdftoppm draws what it can: a page-sized image, no crash
    assert np.asarray(img).shape == (300, 900)


def test_a85decode_matches_the_standard_decoder():
    rng = np.random.default_rng(0)
    for n in (0, 1, 4, 5, 7, 64, 1001):
        raw = rng.integers(0, 256, n, dtype=np.uint8).tobytes() + b"\0" * 8 + b"x"
        enc = base64.a85encode(raw, foldspaces=False, wrapcol=60, adobe=False) + b"~>"
        assert embedded.a85decode(enc) == raw
    with pytest.raises(ValueError):
        embedded.a85decode(b"abc{d~>")


def test_direct_decode_end_to_end(tmp_path):
    img = render_lines(LINES, angle=0.8)
    path = jpeg_pdf(tmp_path / "scan.pdf", img)
    assert found(path) is not None
    doc = ingest_file(path, IngestOptions())
    page = doc.pages[0]
    assert page.source == "ocr" and page.dpi == DPI and (page.width, page.height) == img.size
    assert word_recall(" ".join(LINES), page.text) >= 0.9
    assert doc.model_dump_json() == ingest_file(path, IngestOptions()).model_dump_json()  # deterministic


def test_pages_with_rules_are_still_rendered(tmp_path):
    """Body pages use the JPEG's own pixels; a page with a long rule (a table, an official header's
    rule) is rendered by poppler as before, whose pixels the table cell OCR was measured on."""
    plain = jpeg_pdf(tmp_path / "plain.pdf", page_image())
    ruled_img = page_image()
    ImageDraw.Draw(ruled_img).line((50, 250, 850, 250), fill=20, width=3)
    ruled = jpeg_pdf(tmp_path / "ruled.pdf", ruled_img)
    for path, direct in ((plain, True), (ruled, False)):
        emb = found(path)
        assert emb is not None
        got = np.asarray(load_page_image(PageJob(number=1, path=str(path), kind="pdf", dpi=DPI, jpeg=emb)))
        want = embedded.decode(path, emb) if direct else rendered(path)
        assert np.array_equal(got, want)
