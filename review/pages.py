"""Page images for the review app, rendered on demand from the recorded source file (pdftoppm for
PDFs, Pillow for images) and kept in a small in-memory cache: OUTDIR never gets page copies."""

from __future__ import annotations

import io
import threading
from collections import OrderedDict
from pathlib import Path

from PIL import Image

# Wide enough to read a word on a laptop screen, small enough to render and send in a fraction of a second.
DISPLAY_WIDTH = 1200
CACHED = 12


class PageImages:
    def __init__(self, cached: int = CACHED):
        self._cache: OrderedDict[tuple[str, int], bytes] = OrderedDict()
        self._lock = threading.Lock()
        self.cached = cached

    def jpeg(self, source: Path, kind: str, number: int, width_pts: float | None = None) -> bytes:
        """Page `number` (1-based) of `source` as a JPEG about DISPLAY_WIDTH wide."""
        key = (str(source), number)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        data = _render(source, kind, number, width_pts)
        with self._lock:
            self._cache[key] = data
            while len(self._cache) > self.cached:
                self._cache.popitem(last=False)
        return data


def _render(source: Path, kind: str, number: int, width_pts: float | None) -> bytes:
    if kind.startswith("pdf"):
        from vnresolve.ingest.poppler import rasterize_page

        # the page's width in points at its first reading decides the dpi that gives DISPLAY_WIDTH pixels
        dpi = max(36, min(200, round(DISPLAY_WIDTH * 72 / width_pts))) if width_pts else 100
        image = rasterize_page(source, number, dpi, colour=True)
    else:
        with Image.open(source) as img:
            img.seek(number - 1)  # a multi-page TIFF's frames are its pages
            image = img.copy()  # as ingest read it (no EXIF turn), so the boxes fit
    if image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    if image.width > DISPLAY_WIDTH:
        image = image.resize((DISPLAY_WIDTH, round(image.height * DISPLAY_WIDTH / image.width)), Image.BILINEAR)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()
