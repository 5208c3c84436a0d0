"""Knobs of the ingest stage, passed explicitly rather than read from globals."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

OcrMode = Literal["auto", "always", "never"]


class IngestOptions(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    # Fields that decide how fast a document converts, never what it converts to: left out of the
    # resume key (pipeline/version.py). Every other field is in it.
    RUNTIME_ONLY: ClassVar[frozenset[str]] = frozenset({"workers", "timeout_s"})

    lang: str = Field("vie", description="Tesseract language(s), e.g. vie or vie+eng.")
    ocr: OcrMode = Field("auto", description="auto: reuse good text layers; always: OCR every page; never: text layer only.")
    dpi: int | None = Field(None, ge=50, le=1200, description="Rasterise PDF pages at this resolution (None: the scan's own).")
    workers: int = Field(1, ge=1, description="Processes for page-level OCR inside one document.")
    timeout_s: int = Field(180, ge=1, description="Seconds one page's OCR may take.")
    preprocess: tuple[str, ...] | None = Field(None, description="Clean-up steps (None: ingest.preprocess.DEFAULT_STEPS).")
    tables: bool = Field(True, description="Find ruled tables on OCR'd pages and in text layers.")
    psm: int = Field(3, ge=0, le=13, description="Tesseract page segmentation mode for whole pages.")
    max_page_mpixels: float = Field(120.0, gt=0, le=1000, description=(
        "Largest page image in megapixels (like OCRmyPDF's --max-ocr-image-mpixels): a PDF page that would render "
        "bigger is rendered at the resolution that fits, and no page is enlarged past it."))
