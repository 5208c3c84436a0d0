"""OCR of page images into Page records, across worker processes when asked.

A page travels to a worker as a small `PageJob` (file path, page number,
resolution), never as pixels: the worker rasterizes or decodes its own page,
so a 300-page scan is never in memory at once and nothing big is pickled.
At most `2 * workers` pages are in flight.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol

import numpy as np
from PIL import Image

from vnresolve.ingest import layout, preprocess, tesseract
from vnresolve.ingest.embedded import EmbeddedJpeg
from vnresolve.ingest.embedded import decode as decode_jpeg
from vnresolve.ingest.errors import IngestError
from vnresolve.ingest.options import IngestOptions
from vnresolve.ingest.quality import text_quality
from vnresolve.ingest.tables_scan import erase_rules, fill_cells, find_grids, may_have_rules, outside_text
from vnresolve.schemas import Page, Warning

OSD_MIN_WORDS = 15  # fewer words than this, or ...
OSD_MAX_CONF = 45.0  # ... a lower mean confidence, and the page may be sideways: ask OSD
OSD_MAX_QUALITY = 0.55  # ... or text that does not read as Vietnamese (sideways text OCRs as confident nonsense)
OSD_MIN_CONF = 2.0  # OSD orientation confidence needed before rotating


@dataclass(frozen=True)
class PageJob:
    number: int
    path: str
    kind: Literal["pdf", "image"]
    dpi: float | None = None  # pdf: render resolution; image: resolution it declares
    frame: int = 0  # frame of a multi-page image
    jpeg: EmbeddedJpeg | None = None  # pdf: the page is this JPEG, decoded directly (ingest/embedded.py)


def load_page_image(job: PageJob) -> Image.Image | np.ndarray:
    if job.kind == "pdf":
        from vnresolve.ingest.poppler import rasterize_page

        if job.jpeg is not None:
            # The JPEG's own pixels read body text as well as poppler's rendering or better (bench_ocr
            # WER 1.17 -> 1.13 % at 200 dpi, 2.26 -> 2.22 % at 150), but table cells worse (exact
            # text 83.9 -> 83.3 %): poppler resamples the image by half a pixel, a slight smoothing
            # the enlarged cell stack reads better. Pages with any long rule (tables, and the
            # rule under an official header) are therefore still rendered.
            grey = decode_jpeg(Path(job.path), job.jpeg)
            if grey is not None and not may_have_rules(grey):
                return grey

        return rasterize_page(Path(job.path), job.number, int(job.dpi or 300))
    from vnresolve.ingest.frames import read_frame

    return read_frame(Path(job.path), job.frame)


def _mean_conf(lines) -> float | None:
    confs = [w.conf for line in lines for w in line.words if w.conf is not None]
    return round(sum(confs) / len(confs), 2) if confs else None


def _ocr_image(grey: np.ndarray, number: int, dpi: float | None, options: IngestOptions):
    """Tables first (their rules are erased so Tesseract sees plain text), then the page.

    Returns (lines, tables, confidences of every word read: page lines and table cells).
    """
    grids = find_grids(grey) if options.tables else []
    if not grids:
        lines = layout.group_words(tesseract.image_data(grey, lang=options.lang, psm=options.psm, timeout=options.timeout_s, dpi=dpi))
        return lines, [], _word_confs(lines)
    erased = erase_rules(grey, grids)
    outside, regions = outside_text(erased, grids, dpi)  # the page OCR reads only what is outside the tables
    lines = layout.group_words(tesseract.regions_data(outside, regions, lang=options.lang, psm=options.psm, timeout=options.timeout_s, dpi=dpi))
    del outside
    confs = _word_confs(lines)
    tables, lines = fill_cells(grids, lines, erased, number, options, dpi, confs=confs)
    return lines, tables, confs


def _word_confs(lines) -> list[float]:
    return [w.conf for line in lines for w in line.words if w.conf is not None]


def _may_be_turned(words: int, confs: list[float], quality: float) -> bool:
    """Cheap signs that the page is sideways or upside down, read off the first OCR pass: few words,
    unsure words (over the page and its table cells alike: a table page's few lines outside the table
    are often just dust, read with low confidence), or text that does not read as Vietnamese."""
    conf = sum(confs) / len(confs) if confs else None
    return words < OSD_MIN_WORDS or (conf is not None and conf < OSD_MAX_CONF) or quality < OSD_MAX_QUALITY


def ocr_job(job: PageJob, options: IngestOptions) -> tuple[Page, list[Warning]]:
    """One page, start to finish: load, clean, OCR, orientation retry, tables, roles."""
    warnings: list[Warning] = []
    image = preprocess.to_grey(load_page_image(job))
    steps = options.preprocess if options.preprocess is not None else preprocess.DEFAULT_STEPS
    ruled = options.tables and may_have_rules(image)
    cleaned = preprocess.clean(image, steps, job.dpi, ruled)
    lines, tables, confs = _ocr_image(cleaned.image, job.number, cleaned.dpi, options)
    rotation = 0
    texts = [line.text for line in lines] + [c.text for t in tables for c in t.cells]
    words = sum(len(t.split()) for t in texts)
    quality = text_quality(" ".join(texts))
    if _may_be_turned(words, confs, quality):
        rotate, osd_conf = tesseract.orientation(Image.fromarray(cleaned.image), timeout=min(60, options.timeout_s))
        if rotate and osd_conf >= OSD_MIN_CONF:
            turned = np.ascontiguousarray(np.rot90(image, k=-rotate // 90))
            cleaned2 = preprocess.clean(turned, steps, job.dpi, ruled)
            lines2, tables2, _ = _ocr_image(cleaned2.image, job.number, cleaned2.dpi, options)
            texts2 = [line.text for line in lines2] + [c.text for t in tables2 for c in t.cells]
            if text_quality(" ".join(texts2)) > quality or sum(len(t.split()) for t in texts2) > 2 * words:
                lines, tables, rotation, cleaned = lines2, tables2, rotate, cleaned2
                warnings.append(Warning(code="page-rotated", stage="ingest", page=job.number,
                                        message=f"page was upside down or sideways; rotated {rotate} degrees (OSD confidence {osd_conf:.1f})"))
    del image
    lines = layout.tag_roles(lines, cleaned.image.shape[1], cleaned.image.shape[0])
    if not lines and not tables:
        warnings.append(Warning(code="page-blank", stage="ingest", page=job.number, message="no text found on the page"))
    page = Page(
        number=job.number,
        text=layout.body_text(lines),
        source="ocr",
        ocr_confidence=_mean_conf(lines),
        width=float(cleaned.image.shape[1]),
        height=float(cleaned.image.shape[0]),
        dpi=cleaned.dpi,
        rotation=rotation,
        skew=cleaned.skew or None,
        lines=lines,
        tables=tables,
    )
    return page, warnings


class OcrWatcher(Protocol):
    """Work a caller overlaps with the page workers' OCR (the pipeline readies its later stages).

    Told only when pages are OCR'd in worker processes: with one worker the OCR runs in the
    caller's own process and there is nothing to overlap with; nor when there is nothing to OCR."""

    def workers_started(self) -> None:
        """Called once, in this process, as soon as the page workers exist. Threads may start from
        here on, not before: one started before the fork could hold a lock the workers inherit held."""

    def page_done(self, page: Page) -> None:
        """Called in this process with each OCR'd page, in page order, as soon as it is back."""


def run_jobs(jobs: Iterable[PageJob], options: IngestOptions,
             watcher: OcrWatcher | None = None) -> Iterator[tuple[Page, list[Warning]]]:
    """Pages in job order; with workers > 1 a bounded window of jobs runs in a process pool,
    and `watcher` hears of the workers and of each page (see OcrWatcher)."""
    tesseract.check_language(options.lang)
    if options.workers <= 1:
        for job in jobs:
            yield ocr_job(job, options)
        return
    window = 2 * options.workers
    # Forked, not spawned: a spawned page worker re-imports the whole CLI and pipeline (its parent's
    # __main__, cv2, pydantic...) before its first page, ~0.45 s on the critical path of every
    # document; a fork starts at once. Inside a batch worker the default would be spawn (inherited
    # from how that worker was started); everywhere else on Linux it already is fork. The parent holds
    # no threads or open PDF here.
    with ProcessPoolExecutor(max_workers=options.workers, mp_context=multiprocessing.get_context("fork")) as pool:
        pending: deque[Future] = deque()
        started = False
        for job in jobs:
            pending.append(pool.submit(ocr_job, job, options))
            if watcher is not None and not started:
                # a fork pool starts all its workers at the first submit and never forks again
                # (CPython's ProcessPoolExecutor, 3.9+), so from here on a thread is safe
                watcher.workers_started()
                started = True
            if len(pending) >= window:
                yield _watched(_result(pending.popleft()), watcher)
        while pending:
            yield _watched(_result(pending.popleft()), watcher)


def _watched(result: tuple[Page, list[Warning]], watcher: OcrWatcher | None) -> tuple[Page, list[Warning]]:
    if watcher is not None:
        watcher.page_done(result[0])
    return result


def _result(future: Future):
    try:
        return future.result()
    except IngestError:
        raise
    except Exception as err:  # a worker that died (killed for memory, crashed tesseract)
        raise IngestError(f"page OCR worker failed: {type(err).__name__}: {err}") from err
