"""Backend for page images (PNG, JPEG, single- and multi-page TIFF).

The main process only counts frames and reads their resolution; each OCR
worker decodes its own frame, so a 200-page TIFF is never decoded at once.
"""

from __future__ import annotations

from pathlib import Path

from vnresolve.ingest.frames import frame_info, read_frame
from vnresolve.ingest.ocr import OcrWatcher, PageJob, run_jobs
from vnresolve.ingest.options import IngestOptions
from vnresolve.schemas import Page, Warning


def load_image_pages(path: Path, options: IngestOptions,
                     watcher: OcrWatcher | None = None) -> tuple[list[Page], list[Warning]]:
    dpis = frame_info(path)
    read_frame(path, 0).close()  # fail fast on a truncated first frame, in this process, with a clear error
    jobs = (PageJob(number=i + 1, path=str(path), kind="image", dpi=dpi, frame=i) for i, dpi in enumerate(dpis))
    pages, warnings = [], []
    for page, w in run_jobs(jobs, options, watcher):
        pages.append(page)
        warnings.extend(w)
    return pages, warnings
