"""Backend for page images (PNG, JPEG, single- and multi-page TIFF)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from PIL import Image, ImageSequence, UnidentifiedImageError

from ingest.errors import CorruptFile, EmptyFile
from ingest.ocr import ocr_page_images
from ingest.options import IngestOptions
from schemas import Page, Warning

Image.MAX_IMAGE_PIXELS = 120_000_000  # ~ A0 at 300 dpi; beyond that is a decompression bomb


def iter_frames(path: Path) -> Iterator[tuple[Image.Image, float | None]]:
    """Yield (greyscale frame, dpi) one at a time so a long TIFF stays out of memory."""
    if path.stat().st_size == 0:
        raise EmptyFile("file is empty")
    try:
        with Image.open(path) as img:
            for frame in ImageSequence.Iterator(img):
                dpi = frame.info.get("dpi", (None,))[0]
                yield frame.convert("L"), float(dpi) if dpi else None
    except Image.DecompressionBombError as err:
        raise CorruptFile(f"image too large: {err}") from err
    except (UnidentifiedImageError, OSError) as err:
        raise CorruptFile(f"not a readable image: {err}") from err


def load_image_pages(path: Path, options: IngestOptions) -> tuple[list[Page], list[Warning]]:
    pages = ocr_page_images(((n, img, dpi) for n, (img, dpi) in enumerate(iter_frames(path), start=1)), options)
    return pages, []
