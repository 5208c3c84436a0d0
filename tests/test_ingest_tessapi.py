"""Tesseract through its C API (ingest/tessapi.py) against the `tesseract` program it replaces.

The engine must give the program's TSV byte for byte (same pixels, same variables), keep no state
from one image to the next (pages land on whichever worker is free), honour the timeout, and keep
stderr clean (the program's notes went to pytesseract's pipe).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from vnresolve.ingest import tessapi, tesseract
from vnresolve.ingest.errors import OcrTimeout
from fixtures.documents import LINES
from fixtures.documents import render_lines

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(not tessapi.available(), reason="libtesseract not loadable")


def program_tsv(img: Image.Image, tmp_path: Path, psm: int, dpi: int) -> str:
    f = tmp_path / "page.tif"
    img.save(f)
    cmd = ["tesseract", str(f), "stdout", "-l", "vie", "--psm", str(psm), "--dpi", str(dpi),
           "-c", "tessedit_create_tsv=1", "-c", "tessedit_do_invert=0", "tsv"]
    out = subprocess.run(cmd, capture_output=True, check=True, env={**os.environ, "OMP_THREAD_LIMIT": "1"}).stdout.decode()
    return out


@pytest.mark.parametrize(("psm", "dpi"), [(3, 200), (6, 300)])
def test_engine_tsv_equals_the_program(tmp_path, psm, dpi):
    img = render_lines(LINES, angle=0.5)
    api = tessapi.engine("vie").tsv(np.asarray(img), psm, dpi, tesseract.NO_INVERT_VARS, 60)
    assert api.strip() == program_tsv(img, tmp_path, psm, dpi).strip()
    assert len(api.splitlines()) > 10


def test_engine_keeps_no_state_between_images():
    a = np.asarray(render_lines(LINES[:2]))
    b = np.asarray(render_lines(LINES[2:], size=(1000, 300)))
    eng = tessapi.engine("vie")
    first = eng.tsv(a, 3, 200, tesseract.NO_INVERT_VARS, 60)
    eng.tsv(b, 6, 300, tesseract.NO_INVERT_VARS, 60)
    assert eng.tsv(a, 3, 200, tesseract.NO_INVERT_VARS, 60) == first


def test_image_data_same_through_engine_and_program(monkeypatch):
    img = render_lines(LINES[:3])
    via_api = tesseract.image_data(img, dpi=200)
    monkeypatch.setenv("VNRESOLVE_TESSERACT_CLI", "1")
    assert not tessapi.available()
    assert tesseract.image_data(img, dpi=200) == via_api
    assert any(t.strip() for t in via_api["text"])


def test_timeout_cancels_the_call():
    img = np.asarray(render_lines(LINES * 3, size=(1400, 1400)))
    with pytest.raises(OcrTimeout):
        tessapi.engine("vie").tsv(img, 3, 200, tesseract.NO_INVERT_VARS, 0.001)
    after = tessapi.engine("vie").tsv(img, 3, 200, tesseract.NO_INVERT_VARS, 60)  # the engine still works
    assert len(after.splitlines()) > 10


SCAN = ROOT / "samples" / "resolution-04-NQ-TU-scan.pdf"


def test_stderr_stays_clean(tmp_path):
    """Tesseract's notes ("Detected 440 diacritics") and Leptonica's errors (page 16's cell stack:
    "Error in pixScanForForeground: invalid box") went to the program's captured stderr: keep them off ours."""
    if not SCAN.exists():
        pytest.skip("sample scan missing")
    page = tmp_path / "p16.pdf"
    subprocess.run(["pdfseparate", "-f", "16", "-l", "16", str(SCAN), str(page)], check=True)
    code = (f"from vnresolve.ingest import ingest_file; d = ingest_file({str(page)!r}); "
            "print(len(d.pages[0].tables[0].cells), sum(len(c.text.split()) for c in d.pages[0].tables[0].cells))")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    cells, words = map(int, proc.stdout.split())
    assert cells > 20 and words > 10
    assert proc.stderr == ""


@pytest.mark.parametrize("lang", ["xyz", "vie+xyz"])
def test_missing_language_is_named_without_noise(lang):
    code = ("from vnresolve.ingest import tesseract\n"
            f"try:\n    tesseract.check_language({lang!r})\nexcept Exception as e:\n    print(type(e).__name__, e)")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert proc.stdout.startswith("MissingDependency tesseract language data missing: xyz")
    assert proc.stderr == ""


def test_page_workers_share_the_checked_engine(tmp_path):
    """The language check loads the engine before the pool forks; the workers' pages come out the
    same as with one process (and as through the program)."""
    from vnresolve.ingest import IngestOptions, ingest_file
    from fixtures.documents import image_pdf

    path = image_pdf(tmp_path / "two.pdf", [render_lines(LINES[:3]), render_lines(LINES[3:])])
    one = ingest_file(path, IngestOptions(workers=1)).model_dump_json()
    assert ingest_file(path, IngestOptions(workers=2)).model_dump_json() == one
    env = {**os.environ, "VNRESOLVE_TESSERACT_CLI": "1"}
    code = f"from vnresolve.ingest import IngestOptions, ingest_file; print(ingest_file({str(path)!r}, IngestOptions(workers=2)).model_dump_json())"
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True, env=env)
    assert proc.stdout.strip() == one


def _digits_line(text: str) -> np.ndarray:
    from PIL import ImageDraw, ImageFont

    from fixtures.documents import FONT_PATH

    img = Image.new("L", (60 + 34 * len(text), 90), 255)
    ImageDraw.Draw(img).text((30, 18), text, fill=0, font=ImageFont.truetype(str(FONT_PATH), 48))
    return np.asarray(img)


def test_digit_readings_through_their_engine_equal_the_program_and_leave_no_whitelist(monkeypatch):
    # the handwritten blanks' readings: a whitelist set for one stays off the next free reading and the pages
    digits, letters = _digits_line("1507"), _digits_line("ABC")
    via_api = [tesseract.digits_data(digits), tesseract.digits_data(letters, digits_only=False),
               tesseract.digits_data(digits, psm=8, digits_only=False)]
    assert "".join(via_api[0]["text"]).strip() == "1507"
    assert "".join(via_api[1]["text"]).strip() == "ABC"
    page = tesseract.image_data(render_lines(LINES[:1]), dpi=200)
    assert any(c.isalpha() for c in "".join(page["text"]))
    monkeypatch.setenv("VNRESOLVE_TESSERACT_CLI", "1")
    assert not tessapi.available()
    assert [tesseract.digits_data(digits), tesseract.digits_data(letters, digits_only=False),
            tesseract.digits_data(digits, psm=8, digits_only=False)] == via_api
