"""What a conversion may be asked to do, as pydantic models: the CLI's options and choices are made
from these fields, and the resume key from every field that changes the output."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from vnresolve.ingest.options import IngestOptions
from vnresolve.schemas.record import RecordForm

# PDF/A levels the searchable PDF can claim (archive.pdf.PDFA_PARTS; a test keeps the two equal).
PdfaLevel = Literal["1b", "2b", "3b"]

# The restorers offered to users (diacritics.restorer.RESTORERS; a test keeps the two equal).
RestorerName = Literal["default", "fast", "adaptive", "passthrough"]


class PipelineOptions(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    ingest: IngestOptions = Field(default_factory=IngestOptions)
    restorer: RestorerName = Field("default", description=(
        "default (two passes over OCR text, the second with the channel adapted to the document; "
        "adaptive is another name for it); fast (the first pass alone: more errors on mangled OCR, about twice "
        "as fast there, for text-only archives); passthrough (no change)."))
    restore: bool = Field(True, description="Restore Vietnamese diacritics before parsing.")
    record: RecordForm = Field("compact", description=(
        "How the JSON is written: compact (corrections as columns, alternatives only for doubtful changes, "
        "page texts left to the document's text: a few times the input's size) or full (every field, "
        "indented: tens of times the input's size), for review tools. Readers accept both."))
    pdf: bool = Field(False, description=(
        "Also write OUTDIR/<name>.pdf: the pages as they came in with an invisible text layer of the restored "
        "words (search and copy give corrected Vietnamese) and the catalogue record as metadata; PDF/A unless "
        "the input rules it out (then a warning says why)."))
    pdfa: PdfaLevel = Field("2b", description="PDF/A level the --pdf output claims (after checking it): 1b, 2b or 3b.")
    alto: bool = Field(False, description=(
        "Also write OUTDIR/<name>.alto.xml: ALTO XML v4 with every word's box, OCR confidence, restored text and "
        "OCR string."))
    hocr: bool = Field(False, description="Also write OUTDIR/<name>.hocr (hOCR 1.2 HTML) of the same words.")
    lexicon: str | None = Field(None, description=(
        "An archive lexicon (the lexicon.json `vnresolve review` writes from reviewers' corrections): the "
        "restorer gives its names their learnt spelling and the agency gazetteer knows its agencies."))

    @property
    def archives(self) -> tuple[str, ...]:
        """The archive files asked for, as their suffixes in OUTDIR."""
        return tuple(s for s, on in ((".pdf", self.pdf), (".alto.xml", self.alto), (".hocr", self.hocr)) if on)
