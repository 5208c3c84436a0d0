"""Tesseract's line images kept uncompressed (ingest/pixmem.py, ingest/native/pixmem.c).

The replacement must be in use where it is built (CI builds it: `make setup`), and Tesseract's
output must be the same with it and without it, at psm 3 (pages) and psm 6 (the cell stack's).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from vnresolve.ingest import pixmem, tessapi, tesseract
from fixtures.documents import LINES
from fixtures.documents import render_lines

ROOT = Path(__file__).resolve().parent.parent

if not pixmem.LIBRARY.exists() and not os.environ.get("CI"):
    pytest.skip(f"{pixmem.LIBRARY.name} not built (`make setup` compiles it where a C compiler is installed)",
                allow_module_level=True)
pytestmark = pytest.mark.skipif(not tessapi.available(), reason="libtesseract not loadable")


@pytest.fixture
def engine():
    eng = tessapi.engine("vie")
    yield eng
    pixmem.enable(True)


def test_built_and_in_use(engine):
    assert pixmem.LIBRARY.exists(), "make setup did not build the library (is a C compiler installed?)"
    before = pixmem.replaced()
    engine.tsv(np.asarray(render_lines(LINES[:2])), 3, 200, tesseract.NO_INVERT_VARS, 60)
    if pixmem.replaced() == before and not os.environ.get("CI"):
        # CI's Debian libtesseract encodes every line image, so there this fails instead
        pytest.skip("no line image went through it (VNRESOLVE_PIXMEM=0, or a libtesseract built with TESSERACT_IMAGEDATA_AS_PIX)")
    assert pixmem.replaced() > before  # one image per text line went through it


@pytest.mark.parametrize(("psm", "dpi", "angle"), [(3, 200, 0.0), (3, 150, 1.2), (6, 300, 0.4)])
def test_output_same_with_and_without(engine, psm, dpi, angle):
    page = np.asarray(render_lines(LINES, angle=angle))
    pixmem.enable(False)
    before = pixmem.replaced()
    plain = engine.tsv(page, psm, dpi, tesseract.NO_INVERT_VARS, 60)
    assert pixmem.replaced() == before  # off means off
    pixmem.enable(True)
    assert engine.tsv(page, psm, dpi, tesseract.NO_INVERT_VARS, 60) == plain  # (in use: test_built_and_in_use)
    assert len(plain.splitlines()) > 10


def test_switched_off_by_the_environment():
    code = ("from vnresolve.ingest import pixmem, tessapi; import numpy as np; "
            "tessapi.engine('vie').tsv(np.full((200, 600), 255, np.uint8), 3, 200, {}, 30); "
            "print(pixmem.install(), pixmem.replaced())")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                         env={**os.environ, "VNRESOLVE_PIXMEM": "0"}).stdout.split()
    assert out == ["False", "0"]
