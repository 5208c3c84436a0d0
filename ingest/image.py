"""Backend for page images (PNG, JPEG, single- and multi-page TIFF).

The main process only counts frames and reads their resolution; each OCR
worker decodes its own frame, so a 200-page TIFF is never decoded at once.
"""

from __future__ import annotations

from pathlib import Path

from vnresolve.ingest.errors import EmptyFile
from vnresolve.ingest.frames import frame_info, read_frame
from vnresolve.ingest.ocr import OcrRun, PageJob
from vnresolve.ingest.options import IngestOptions
from vnresolve.ingest.pages import PageStream


def open_image_pages(path: Path, options: IngestOptions) -> PageStream:
    """Every frame is OCR'd; the work is under way when this returns."""
    dpis = frame_info(path)
    first = read_frame(path, 0)  # fail fast on a truncated first frame, in this process, with a clear error
    blank = first.getextrema()[0] == first.getextrema()[1]
    first.close()
    if blank and len(dpis) == 1:  # one flat colour: OCR would give "ok" with no text at all
        raise EmptyFile("image is blank (one uniform colour): nothing to read")
    jobs = (PageJob(number=i + 1, path=str(path), kind="image", dpi=dpi, frame=i) for i, dpi in enumerate(dpis))
    return PageStream(path, "image", [], [], OcrRun(jobs, options))
