"""OCR of page images into Page records, across worker processes when asked.

A page travels to a worker as a small `PageJob` (file path, page number,
resolution), never as pixels: the worker rasterizes or decodes its own page,
so a 300-page scan is never in memory at once and nothing big is pickled.
At most `2 * workers` pages are in flight.
"""

from __future__ import annotations

import dataclasses
import itertools
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import cv2
import numpy as np
from PIL import Image

from vnresolve.ingest import blanks, colour, columns, dashes, foot, layout, overprint, preprocess, tesseract, unsure
from vnresolve.ingest.embedded import EmbeddedJpeg
from vnresolve.ingest.embedded import decode as decode_jpeg
from vnresolve.ingest.errors import IngestError
from vnresolve.ingest.frames import EXIF_TURN
from vnresolve.ingest.lifetime import die_with_parent
from vnresolve.ingest.options import IngestOptions
from vnresolve.ingest.poppler import RENDER_ERRORS
from vnresolve.ingest.quality import text_quality
from vnresolve.ingest.tables_scan import (erase_rules, erase_stamp_rules, fill_cells, find_grids, may_have_rules, outside_text,
                                          stamp_box)
from vnresolve.schemas import Page, SignatureField, Warning

OSD_MIN_WORDS = 15  # fewer words than this, or ...
OSD_MAX_CONF = 45.0  # ... a lower mean confidence, and the page may be sideways: ask OSD
OSD_MAX_QUALITY = 0.55  # ... or text that does not read as Vietnamese (sideways text OCRs as confident nonsense)
_TURNS = {90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180, 270: Image.Transpose.ROTATE_90}  # clockwise
OSD_MIN_CONF = 2.0  # OSD orientation confidence needed before rotating


@dataclass(frozen=True)
class PageJob:
    number: int
    path: str
    kind: Literal["pdf", "image"]
    dpi: float | None = None  # pdf: render resolution; image: resolution it declares
    frame: int = 0  # frame of a multi-page image
    jpeg: EmbeddedJpeg | None = None  # pdf: the page is this JPEG, decoded directly (ingest/embedded.py)
    text_quality: float | None = None  # pdf: the score of the text layer this OCR replaces
    colour: bool = True  # pdf: render in colour (False: every image on the page is grey or 1-bit)
    signature_fields: tuple[SignatureField, ...] = ()  # pdf: the page's signature fields, in pixels at `dpi`
    notes: tuple[tuple[tuple[float, float, float, float], str], ...] = ()  # pdf: typed notes laid over it (box at `dpi`, text)


def load_page_image(job: PageJob) -> Image.Image | np.ndarray:
    if job.kind == "pdf":
        from vnresolve.ingest.poppler import rasterize_page

        if job.jpeg is not None:
            # The JPEG's own pixels read body text as well as poppler's rendering or better (bench_ocr
            # WER 1.17 -> 1.13 % at 200 dpi, 2.26 -> 2.22 % at 150), but table cells worse (exact
            # text 83.9 -> 83.3 %): poppler resamples the image by half a pixel, a slight smoothing
            # the enlarged cell stack reads better. Pages with any long rule (tables, and the
            # rule under an official header) are therefore still rendered.
            # In colour: seals and ink are dropped by colour before the page goes grey (ingest/colour.py).
            page = decode_jpeg(Path(job.path), job.jpeg, colour=True)
            if page is not None and not may_have_rules(preprocess.to_grey(page)):
                return page

        return rasterize_page(Path(job.path), job.number, int(job.dpi or 300), colour=job.colour)
    from vnresolve.ingest.frames import read_frame

    return read_frame(Path(job.path), job.frame, colour=True)


def _mean_conf(lines) -> float | None:
    confs = [w.conf for line in lines for w in line.words if w.conf is not None]
    return round(sum(confs) / len(confs), 2) if confs else None


def _ocr_image(grey: np.ndarray, number: int, dpi: float | None, options: IngestOptions):
    """Tables first (their rules are erased so Tesseract sees plain text), then the page.

    Returns (lines, tables, confidences of every word read: page lines and table cells, whether the
    page is two-tone: None where a table page left that unjudged).
    """
    grids = find_grids(grey) if options.tables else []
    stamps = [g for g in grids if stamp_box(g, grey.shape, dpi)]  # decided once, for every step below
    if len(stamps) == len(grids):  # no table (a stamp's box: the page read whole)
        # A two-tone page is read sized from its print, as raw Tesseract reads it: its marks are strokes
        # of a pixel or two, and told the scan's resolution Tesseract reads some of them otherwise
        # (a 1-bit 300 dpi page: 'chỉnh' read 'chinh', 'dân' read 'dần', where its own sizing reads both).
        bilevel = preprocess.is_bilevel(grey)
        told = None if bilevel else dpi
        page = erase_stamp_rules(grey, grids)
        lines = layout.group_words(tesseract.image_data(page, lang=options.lang, psm=options.psm, timeout=options.timeout_s, dpi=told))
        confs = _word_confs(lines)
        tables, lines = fill_cells(grids, lines, page, number, options, dpi, confs=confs, stamps=stamps) if grids else ([], lines)
        return lines, tables, confs, bilevel
    erased = erase_rules(grey, grids)
    # the page OCR reads only what is outside the tables; a stamp's box is neither blanked nor cuts a band
    # (erase_stamp_rules says why): its words leave in fill_cells
    outside, regions = outside_text(erased, [g for g in grids if not any(g is s for s in stamps)], dpi)
    lines = layout.group_words(tesseract.regions_data(outside, regions, lang=options.lang, psm=options.psm, timeout=options.timeout_s, dpi=dpi))
    del outside
    confs = _word_confs(lines)
    tables, lines = fill_cells(grids, lines, erased, number, options, dpi, confs=confs, stamps=stamps)
    return lines, tables, confs, None


def _word_confs(lines) -> list[float]:
    return [w.conf for line in lines for w in line.words if w.conf is not None]


def _may_be_turned(words: int, confs: list[float], quality: float) -> bool:
    """Cheap signs that the page is sideways or upside down, read off the first OCR pass: few words,
    unsure words (over the page and its table cells alike: a table page's few lines outside the table
    are often just dust, read with low confidence), or text that does not read as Vietnamese."""
    conf = sum(confs) / len(confs) if confs else None
    return words < OSD_MIN_WORDS or (conf is not None and conf < OSD_MAX_CONF) or quality < OSD_MAX_QUALITY


SIDEWAYS_SHARE = 0.5  # fewer of the longer words wider than tall than this: the lines run down the page


def _reads_down(lines) -> bool:
    """Tesseract read the lines down the page: most of its words of three letters or more are taller
    than wide. It reads a sideways page so, confidently and in Vietnamese, in a scrambled order
    that none of the signs above catch."""
    long = [w for line in lines for w in line.words if len(w.text) >= 3]
    if len(long) < OSD_MIN_WORDS:
        return False
    wide = sum(1 for w in long if w.bbox[2] - w.bbox[0] > w.bbox[3] - w.bbox[1])
    return wide < SIDEWAYS_SHARE * len(long)


def _stamp_lines(ink: np.ndarray, stamps: list[tuple[int, int, int, int]], scale: float, dpi: float | None,
                 options: IngestOptions) -> list:
    """The coloured regions (seals, received-stamps, ink signatures and hand-filled numbers) read from
    the stamp layer, as lines with role "stamp": kept for the catalogue, never body text. Boxes are
    scaled to the cleaned page; a deskew of at most a few degrees is not undone on them."""
    data = tesseract.regions_data(ink, stamps, lang=options.lang, psm=options.psm,
                                  timeout=options.timeout_s, dpi=dpi and dpi / scale)
    lines = layout.group_words(data)
    out = []
    for line in lines:
        box = tuple(round(v * scale, 1) for v in line.bbox)
        words = [w.model_copy(update={"bbox": tuple(round(v * scale, 1) for v in w.bbox)}) for w in line.words]
        out.append(line.model_copy(update={"role": "stamp", "bbox": box, "words": words}))
    return out


UNREAD_REACH_MM = 4.0  # how far from a stamp's box print left unread is looked for: about a line's height
UNREAD_MIN_MM2 = 2.0  # print's core unread beside a stamp, in mm²: a few letters' strokes, more than dust
UNREAD_MIN_TALL_MM = 1.0  # a piece of it at least this tall: a letter's, not a rule's (the header's) or a speck's


def _unread_beside(grey: np.ndarray, boxes: list[tuple[int, int, int, int]], lines, tables,
                   dpi: float | None) -> list[int]:
    """For each of the stamps' `boxes`, the pixels of print's dark core (colour._dark_level) round it, outside
    it, that no line or table the page pass read covers: a line touching a stamp the page pass lost. Counted
    in pieces as tall as letters, and 0 where fewer than UNREAD_MIN_MM2."""
    px_mm = (dpi or 300) / 25.4
    reach, least, tall = int(UNREAD_REACH_MM * px_mm), UNREAD_MIN_MM2 * px_mm * px_mm, UNREAD_MIN_TALL_MM * px_mm
    core = grey <= colour._dark_level(grey)
    read = np.zeros(grey.shape, dtype=bool)
    for box in [line.bbox for line in lines] + [t.bbox for t in tables if t.bbox]:
        x0, y0, x1, y1 = (int(v) for v in box)
        read[max(0, y0 - 2):y1 + 3, max(0, x0 - 2):x1 + 3] = True
    counts = []
    for x0, y0, x1, y1 in boxes:
        ys, xs = slice(max(0, y0 - reach), y1 + reach), slice(max(0, x0 - reach), x1 + reach)
        unread = core[ys, xs] & ~read[ys, xs]
        unread[y0 - ys.start:y1 - ys.start, x0 - xs.start:x1 - xs.start] = False  # the stamp's own leftovers
        _, _, stats, _ = cv2.connectedComponentsWithStats(unread.astype(np.uint8), connectivity=8)
        n = int(stats[1:, cv2.CC_STAT_AREA][stats[1:, cv2.CC_STAT_HEIGHT] >= tall].sum())
        counts.append(n if n >= least else 0)
    return counts


def _sure_letters(lines) -> int:
    """Letters in the words of two letters or more read with confidence unsure.UNSURE_CONF or more."""
    counts = (sum(c.isalpha() for c in w.text) for line in lines for w in line.words if (w.conf or 0) >= unsure.UNSURE_CONF)
    return sum(n for n in counts if n >= 2)


def _holds_table(grey: np.ndarray) -> bool:
    return bool(find_grids(grey))


def ocr_job(job: PageJob, options: IngestOptions) -> tuple[Page, list[Warning]]:
    """One page, start to finish: load, clean, OCR, orientation retry, tables, roles."""
    warnings: list[Warning] = []
    loaded = load_page_image(job)
    damage = getattr(loaded, "info", {}).get(RENDER_ERRORS)
    if damage:
        warnings.append(Warning(code="page-damaged", stage="ingest", page=job.number,
                                message=f"the page's image data is damaged ({damage[0]}); its text may be incomplete"))
    # A phone photo stored sideways with an EXIF orientation is read the way its viewer shows it; the
    # turn is the page's rotation, as if OSD had found it, so the boxes map back to the stored pixels.
    exif_turn = getattr(loaded, "info", {}).get(EXIF_TURN, 0)
    if exif_turn:
        loaded = loaded.transpose(_TURNS[exif_turn])
    separated = colour.separate(loaded, preprocess.text_dpi)
    del loaded
    image = preprocess.paint_lid(separated.grey)
    # one resolution for every step, judged on the print alone (seals and the scanner's lid taken off)
    resolution = preprocess.page_resolution(image, job.dpi, exact=job.kind == "pdf")
    image = preprocess.even_light(image, resolution.dpi)
    stamps = separated.stamps(resolution.dpi)
    cleared_ghosts = [False] * len(stamps)  # whether the page pass read the page with each stamp's ghost painted paper
    steps = options.preprocess if options.preprocess is not None else preprocess.DEFAULT_STEPS
    ruled = options.tables and may_have_rules(image)
    # A blank back page is not read: Tesseract makes words of the front's text showing through it.
    blank = preprocess.is_blank(image, resolution.dpi)
    if blank:
        cleaned = preprocess.Cleaned(image=image, skew=0.0, dpi=None if resolution.estimated else resolution.dpi)
        lines, tables, confs, bilevel = [], [], [], None
    else:
        cleaned = preprocess.clean(image, steps, job.dpi, ruled, options.max_page_mpixels * 1e6, _holds_table,
                                   resolution=resolution)
        lines, tables, confs, bilevel = _ocr_image(cleaned.image, job.number, cleaned.dpi, options)
        if stamps:
            # A stamp's faded ink, too pale in colour to drop, stays a grey ghost, and Tesseract's page
            # segmentation may take it with a line it touches for a picture (a received stamp over the issuer
            # line): where print beside a stamp went unread, the page is read again with that stamp's ghost
            # painted paper, kept where that reads the print and no fewer letters surely. Not on every page:
            # cleared, a ghost's dark leftovers read as words and its marks over print change.
            scale = cleaned.image.shape[1] / separated.grey.shape[1]
            boxes = [tuple(int(round(v * scale)) for v in box) for box in stamps]
            unread = _unread_beside(cleaned.image, boxes, lines, tables, cleaned.dpi)
            lost = [box for box, n in zip(boxes, unread) if n]
            if lost:  # only those stamps' ghosts: cleared, a seal's over body text changes its marks
                cleared = colour.without_ghosts(cleaned.image, lost)
                again = _ocr_image(cleared, job.number, cleaned.dpi, options)
                if (sum(_unread_beside(cleared, lost, again[0], again[1], cleaned.dpi)) < sum(unread)
                        and _sure_letters(again[0]) >= _sure_letters(lines)):
                    lines, tables, confs, bilevel = again
                    cleaned = dataclasses.replace(cleaned, image=cleared)
                    cleared_ghosts = [bool(n) for n in unread]
    rotation = exif_turn
    texts = [line.text for line in lines] + [c.text for t in tables for c in t.cells]
    words = sum(len(t.split()) for t in texts)
    quality = text_quality(" ".join(texts))
    down = _reads_down(lines)
    if not blank and (down or _may_be_turned(words, confs, quality)):
        rotate, osd_conf = tesseract.orientation(Image.fromarray(cleaned.image), timeout=min(60, options.timeout_s))
        if rotate and osd_conf >= OSD_MIN_CONF:
            turned = np.ascontiguousarray(np.rot90(image, k=-rotate // 90))
            cleaned2 = preprocess.clean(turned, steps, job.dpi, ruled, options.max_page_mpixels * 1e6, _holds_table,
                                        dpi_exact=job.kind == "pdf")  # judged again, upright
            lines2, tables2, _, bilevel2 = _ocr_image(cleaned2.image, job.number, cleaned2.dpi, options)
            texts2 = [line.text for line in lines2] + [c.text for t in tables2 for c in t.cells]
            if (text_quality(" ".join(texts2)) > quality or sum(len(t.split()) for t in texts2) > 2 * words
                    or (down and not _reads_down(lines2))):
                lines, tables, rotation, cleaned, bilevel = lines2, tables2, (exif_turn + rotate) % 360, cleaned2, bilevel2
                warnings.append(Warning(code="page-rotated", stage="ingest", page=job.number,
                                        message=f"page was upside down or sideways; rotated {rotate} degrees (OSD confidence {osd_conf:.1f})"))
    del image
    if lines:  # the line over HD 36's dashes under a Party subject, which the page pass may drop with them
        lines = dashes.reread_above(cleaned.image, lines, cleaned.dpi, options)
    if lines:  # the foot's recipients and signature block, which the page pass took for one block
        lines = foot.read_apart(cleaned.image, lines, [t.bbox for t in tables if t.bbox], cleaned.dpi, options)
    if lines and cleaned.coarse is not None:  # enlarging blurs stacked marks: the page before it read too
        lines = unsure.coarse_marks(lines, cleaned.coarse, cleaned.coarse_to_image, options.lang, options.timeout_s,
                                    cleaned.dpi)
    if lines and cleaned.unturned is not None:  # a slight turn's resampling blurs stacked marks: unsure words read unturned
        lines = unsure.unturned_marks(lines, cleaned.unturned, cleaned.unturned_to_image, options.lang, options.timeout_s)
    if lines:  # a line read joined with the column beside it loses tone marks: its unsure words read again
        lines = unsure.reread_unsure(cleaned.image, lines, options.lang, options.timeout_s, cleaned.dpi)
    # run on every page kind: on proofread real pages its changes mend words and none has unmade a right one
    if lines:  # a tone mark stacked on a circumflex, breve or horn that Tesseract, told the resolution, dropped
        lines = unsure.stacked_marks(cleaned.image, lines, options.lang, options.timeout_s, bilevel)
    # a handwritten serial or day in the header's template; the page's signing dates it at the latest
    # (where no PDF gave its signature fields, the appearances printed on the page image say it as well)
    appearances = None if job.signature_fields else overprint.esignature_blocks(lines, cleaned.image.shape[0])
    fields = list(job.signature_fields) or overprint.fields_of(appearances)
    lines = blanks.reread(cleaned.image, lines, blanks.earliest_signing(fields))
    lines = layout.tag_roles(lines, cleaned.image.shape[1], cleaned.image.shape[0])
    # the fields' and notes' boxes are in the page's pixels as rendered: turned as the page was, then scaled
    width, height = separated.grey.shape[::-1] if exif_turn % 180 == 0 else separated.grey.shape
    drawn = [(layout.turn_box(box, rotation, width, height), text)
             for box, text in [(f.bbox, f.text) for f in job.signature_fields if not f.filled_in] + list(job.notes)]
    lines = layout.tag_overlays(lines, drawn, cleaned.image.shape[1] / (height if rotation % 180 else width))
    # what no PDF says was drawn over the scan (a page image): an e-signature's appearance, a note over the header
    # the appearances found above: the blanks' digits and the roles given since leave their words as they were
    lines = overprint.tag(lines, cleaned.image.shape[0], appearances)
    lines = columns.reading_order(lines)  # the header's and signature block's columns one after the other
    stamps = stamps if rotation == exif_turn else []  # separated in the EXIF-turned frame
    scale = cleaned.image.shape[1] / separated.grey.shape[1]
    if not blank:  # before the seals are added: the zone's re-read replaces only the page pass's reading of it
        lines = foot.reread(cleaned.image, lines, cleaned.dpi, options,  # a ghost already painted paper is not cleared again
                            [tuple(int(round(v * scale)) for v in box) for box, done in zip(stamps, cleared_ghosts) if not done])
    if stamps:  # numbered after the page's blocks: a seal's line must not join an appearance's block (parsers/signatures)
        lines = lines + layout.number_after(_stamp_lines(separated.ink, stamps, scale, cleaned.dpi, options), lines)
    if blank:
        warnings.append(Warning(code="page-blank", stage="ingest", page=job.number,
                                message="blank page: no print on it (ink showing through from the back is not read)"))
    elif not [line for line in lines if line.role != "stamp"] and not tables:
        warnings.append(Warning(code="page-blank", stage="ingest", page=job.number, message="no text found on the page"))
    page = Page(
        number=job.number,
        text=layout.body_text(lines),
        source="ocr",
        text_quality=job.text_quality,
        ocr_confidence=_mean_conf(lines),
        width=float(cleaned.image.shape[1]),
        height=float(cleaned.image.shape[0]),
        dpi=cleaned.dpi,
        rotation=rotation,
        skew=cleaned.skew or None,
        lines=lines,
        tables=tables,
        damaged=bool(damage),
        signature_fields=list(job.signature_fields),
    )
    return page, warnings


class OcrRun:
    """The OCR of one document's pages, under way from the moment it is made: with workers > 1 a
    bounded window of jobs is already running in a forked process pool when the constructor
    returns, so the caller can ready its later stages (load a model) while the first pages are
    read, with no thread of its own. Iterate for (page, warnings) in job order; `close()` stops
    what is left (the pool's workers go with it)."""

    def __init__(self, jobs: Iterable[PageJob], options: IngestOptions):
        tesseract.check_language(options.lang)
        tesseract.digits_engine()  # the handwritten blanks' reader, loaded once before the workers fork
        self._run = _run_jobs(jobs, options)
        next(self._run)  # up to the first page: the pool is started and its window submitted

    def __iter__(self) -> Iterator[tuple[Page, list[Warning]]]:
        return self._run

    def close(self) -> None:
        self._run.close()


def _run_jobs(jobs: Iterable[PageJob], options: IngestOptions) -> Iterator[tuple[Page, list[Warning]] | None]:
    """None once the work is under way, then the pages in job order."""
    if options.workers <= 1:
        yield None
        for job in jobs:
            yield ocr_job(job, options)
        return
    window = 2 * options.workers
    jobs = iter(jobs)
    # Forked, not spawned: a spawned page worker re-imports the whole CLI and pipeline (its parent's
    # __main__, cv2, pydantic...) before its first page, ~0.45 s on the critical path of every
    # document; a fork starts at once. Inside a batch worker the default is whatever start method that
    # worker inherited, so it is named here. The parent holds no threads or open PDF here.
    with ProcessPoolExecutor(max_workers=options.workers, mp_context=multiprocessing.get_context("fork"),
                             initializer=die_with_parent, initargs=(os.getpid(),)) as pool:
        pending: deque[Future] = deque()
        try:
            pending.extend(pool.submit(ocr_job, job, options) for job in itertools.islice(jobs, window))
            yield None
            while pending:
                page = _result(pending.popleft())
                for job in itertools.islice(jobs, 1):
                    pending.append(pool.submit(ocr_job, job, options))
                yield page
        finally:
            for future in pending:
                future.cancel()




def _result(future: Future):
    try:
        return future.result()
    except IngestError:
        raise
    except Exception as err:  # a worker that died (killed for memory, crashed tesseract)
        raise IngestError(f"page OCR worker failed: {type(err).__name__}: {err}") from err
