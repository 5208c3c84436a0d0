"""Thin wrapper around poppler's `pdftoppm`, which rasterizes PDF pages.

pdftoppm is faster than pdfplumber's renderer and streams one page at a time,
so a 300-page scan never sits in memory at once.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

from PIL import Image

from vnresolve.ingest.errors import CorruptFile, TempSpaceFull, temp_space_left
from vnresolve.ingest.tools import Program

PDFTOPPM = Program("pdftoppm", "poppler-utils", "-v")
PDFINFO = Program("pdfinfo", "poppler-utils", "-v")


RENDER_ERRORS = "vnresolve.render_errors"  # Image.info key: the renderer's complaints about the page
_STREAM_DAMAGE = re.compile(r"stream|image|flate|lzw|dct|jpeg|jpx|jbig2|ccitt", re.I)


def rasterize_page(pdf: Path, page_number: int, dpi: int, timeout: int = 120, colour: bool = False) -> Image.Image:
    """Render one page (1-based) as an 8-bit greyscale PIL image, or RGB with `colour` (for the
    colour dropout of seals and ink, ingest/colour.py)."""
    pdftoppm = PDFTOPPM.require().path
    with tempfile.TemporaryDirectory(prefix="vnresolve-") as tmp:
        stem = Path(tmp) / "page"
        # PGM, not PNG: pdftoppm's PNG encoder takes ~4 s for an A4 page at 200 dpi, the raw PGM 0.08 s.
        cmd = [pdftoppm, *(() if colour else ("-gray",)), "-r", str(dpi), "-f", str(page_number), "-l", str(page_number), "-singlefile", str(pdf), str(stem)]
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as err:
            raise CorruptFile(f"pdftoppm timed out on page {page_number}") from err
        out = stem.with_suffix(".ppm" if colour else ".pgm")
        # A full temp folder cuts the page image short: that is not the PDF's fault, so say so.
        if proc.returncode != 0 or not out.exists():
            if not temp_space_left(tmp):
                raise TempSpaceFull()
            reason = proc.stderr.decode("utf-8", "replace").strip().splitlines()
            raise CorruptFile(f"cannot rasterize page {page_number}: {reason[-1] if reason else 'pdftoppm failed'}")
        try:
            with Image.open(out) as img:
                img.load()
                page = img.copy()
        except OSError:
            if not temp_space_left(tmp):
                raise TempSpaceFull() from None
            raise
        # pdftoppm renders what it can of a damaged image stream, says so on stderr and exits 0;
        # its complaints about the file's structure (a repaired xref, a missing font) are not damage
        errors = [line.strip() for line in proc.stderr.decode("utf-8", "replace").splitlines()
                  if "Error" in line and _STREAM_DAMAGE.search(line)]
        if colour and page.mode == "RGB" and _neutral(page):
            page = page.convert("L")  # a grey scan: nothing for the colour dropout to do
        if errors:
            page.info[RENDER_ERRORS] = errors
        return page


def _neutral(page: Image.Image) -> bool:
    """Every pixel grey (R = G = B): how poppler renders a greyscale or 1-bit scan in colour."""
    r, g, b = page.split()
    return r.tobytes() == g.tobytes() == b.tobytes()


def page_count(pdf: Path, timeout: int = 60) -> int:
    """Number of pages according to `pdfinfo` (poppler), for callers that render page by page."""
    pdfinfo = PDFINFO.require().path
    try:
        proc = subprocess.run([pdfinfo, str(pdf)], capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as err:
        raise CorruptFile("pdfinfo timed out") from err
    for line in proc.stdout.decode("utf-8", "replace").splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    reason = proc.stderr.decode("utf-8", "replace").strip().splitlines()
    raise CorruptFile(f"cannot read page count: {reason[-1] if reason else 'pdfinfo failed'}")


def page_sizes(pdf: Path, timeout: int = 60) -> list[tuple[float, float]]:
    """Each page's size in points, as poppler reads it (it rebuilds a damaged xref table, and walks
    page trees deeper than pdfminer can). Raises CorruptFile when poppler cannot read the file."""
    pdfinfo = PDFINFO.require().path
    try:
        proc = subprocess.run([pdfinfo, "-f", "1", "-l", str(2**31 - 1), str(pdf)], capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as err:
        raise CorruptFile("pdfinfo timed out") from err
    sizes = []
    for line in proc.stdout.decode("utf-8", "replace").splitlines():
        words = line.split()
        # "Page    1 size: 595.276 x 841.89 pts (A4)"
        if len(words) >= 6 and words[0] == "Page" and words[2] == "size:" and words[4] == "x":
            try:
                sizes.append((float(words[3]), float(words[5])))
            except ValueError:
                continue
    if proc.returncode != 0 or not sizes:
        reason = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise CorruptFile(f"poppler cannot read the PDF either: {reason[-1] if reason else 'no pages'}")
    return sizes
