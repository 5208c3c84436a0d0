"""Backend for page images (PNG, JPEG, single- and multi-page TIFF).

The main process only counts frames and reads their resolution; each OCR
worker decodes its own frame, so a 200-page TIFF is never decoded at once.
"""

from __future__ import annotations

from pathlib import Path

from vnresolve.ingest.frames import frame_info, read_frame
from vnresolve.ingest.ocr import OcrRun, PageJob
from vnresolve.ingest.options import IngestOptions
from vnresolve.ingest.pages import PageStream


def open_image_pages(path: Path, options: IngestOptions) -> PageStream:
    """Every frame is OCR'd; the work is under way when this returns."""
    dpis = frame_info(path)
    read_frame(path, 0).close()  # fail fast on a truncated first frame, in this process, with a clear error
    jobs = (PageJob(number=i + 1, path=str(path), kind="image", dpi=dpi, frame=i) for i, dpi in enumerate(dpis))
    return PageStream(path, "image", [], [], OcrRun(jobs, options))
