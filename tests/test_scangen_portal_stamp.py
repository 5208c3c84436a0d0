"""The scan generator's portal received-stamp (`ScanStyle.portal_stamp`): drawn in print ink on the first page's
top band only, readable, deterministic, and absent (no ink, no random numbers drawn) when the style has none."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import unicodedata

import numpy as np
import pytest
from PIL import Image

from benchmarks.scangen import ScanStyle, render_paragraphs, scan_pdf

PARAGRAPH = ("Ủy ban nhân dân tỉnh triển khai kế hoạch phát triển kinh tế - xã hội năm 2025, bảo đảm an sinh "
             "xã hội và nâng cao chất lượng dịch vụ công trực tuyến cho người dân và doanh nghiệp.")
BILEVEL = dict(dpi=200, bilevel=True, blur=0.6, noise=4.0, specks=60)


@pytest.fixture(scope="module")
def scans(tmp_path_factory):
    """A two-page render scanned 1-bit with the stamp (twice) and without it, same seed."""
    tmp = tmp_path_factory.mktemp("portal")
    clean = tmp / "clean.pdf"
    render_paragraphs([PARAGRAPH] * 14, clean)
    out = {}
    for name, day in (("stamp", "12/03/2021"), ("again", "12/03/2021"), ("off", None)):
        pdf = tmp / f"{name}.pdf"
        images = scan_pdf(clean, pdf, ScanStyle(**BILEVEL, portal_stamp=day), seed=11, image_dir=tmp / name)
        out[name] = (pdf, images)
    return out


def _dark(path, band_mm: float = 50) -> int:
    a = np.asarray(Image.open(path).convert("L"))
    return int((a[: int(band_mm * 200 / 25.4)] < 128).sum())


def test_the_stamp_is_drawn_on_the_first_page_only(scans):
    _, stamped = scans["stamp"]
    _, plain = scans["off"]
    assert len(stamped) == len(plain) >= 2
    # the box, its rules and three lines of bold text add thousands of black pixels to the top band
    assert _dark(stamped[0]) > _dark(plain[0]) + 3000
    # each page draws its damage from its own generator: page 2 is the unstamped page 2, byte for byte
    for a, b in zip(stamped[1:], plain[1:]):
        assert a.read_bytes() == b.read_bytes()


def test_the_stamp_is_deterministic_and_off_draws_nothing(scans):
    digest = lambda p: hashlib.sha256(p.read_bytes()).hexdigest()  # noqa: E731
    assert digest(scans["stamp"][0]) == digest(scans["again"][0])
    assert digest(scans["stamp"][0]) != digest(scans["off"][0])
    # the default style is the style without a stamp
    assert ScanStyle(**BILEVEL) == ScanStyle(**BILEVEL, portal_stamp=None)


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")
def test_tesseract_reads_the_stamp(scans):
    page = Image.open(scans["stamp"][1][0])
    band = page.crop((0, 0, page.width, int(50 * 200 / 25.4)))
    import io

    buf = io.BytesIO()
    band.save(buf, "PNG", dpi=(200, 200))
    text = subprocess.run(["tesseract", "-", "-", "-l", "vie", "--psm", "11"], input=buf.getvalue(),
                          capture_output=True, check=True).stdout.decode()
    text = unicodedata.normalize("NFC", text).upper()
    assert "THÔNG TIN" in text or "ĐẾN" in text, text
