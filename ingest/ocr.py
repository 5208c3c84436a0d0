"""OCR of page images into Page records, optionally across worker processes."""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor

from PIL import Image

from ingest import tesseract
from ingest.options import IngestOptions
from schemas import Page


def ocr_one(number: int, image: Image.Image, dpi: float | None, lang: str, timeout: int) -> Page:
    lines = tesseract.ocr_lines(image, lang=lang, timeout=timeout)
    confs = [w.conf for line in lines for w in line.words if w.conf is not None]
    return Page(
        number=number,
        text="\n".join(line.text for line in lines),
        source="ocr",
        ocr_confidence=round(sum(confs) / len(confs), 2) if confs else None,
        width=image.width,
        height=image.height,
        dpi=dpi,
        lines=lines,
    )


def ocr_page_images(images: Iterable[tuple[int, Image.Image, float | None]], options: IngestOptions) -> list[Page]:
    """OCR (number, image, dpi) triples; pages come back in input order."""
    tesseract.check_language(options.lang)
    if options.workers <= 1:
        return [ocr_one(n, img, dpi, options.lang, options.timeout_s) for n, img, dpi in images]
    with ProcessPoolExecutor(max_workers=options.workers) as pool:
        futures = [pool.submit(ocr_one, n, img, dpi, options.lang, options.timeout_s) for n, img, dpi in images]
        return [f.result() for f in futures]
