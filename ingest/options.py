"""Knobs of the ingest stage, passed explicitly rather than read from globals."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class IngestOptions:
    lang: str = "vie"
    ocr: Literal["auto", "always", "never"] = "auto"
    dpi: int | None = None  # None: the scan's native resolution, else 300
    workers: int = 1  # processes for page-level OCR inside one document
    timeout_s: int = 180  # per page
    preprocess: tuple[str, ...] | None = None  # None: ingest.preprocess.DEFAULT_STEPS (the measured winners)
    tables: bool = True  # find ruled tables on OCR'd pages and in text layers
    psm: int = 3  # Tesseract page segmentation mode for whole pages
