"""What a conversion may be asked to do, as pydantic models: the CLI's options and choices are made
from these fields, and the resume key from every field that changes the output."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from vnresolve.ingest.options import IngestOptions
from vnresolve.schemas.record import RecordForm

# The restorers offered to users (diacritics.restorer.RESTORERS; a test keeps the two equal).
RestorerName = Literal["default", "adaptive", "passthrough"]


class PipelineOptions(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    ingest: IngestOptions = Field(default_factory=IngestOptions)
    restorer: RestorerName = Field("default", description=(
        "default; adaptive (a second pass over OCR text with the channel adapted to the document: fewer "
        "errors on mangled OCR, less than half as fast there); passthrough (no change)."))
    restore: bool = Field(True, description="Restore Vietnamese diacritics before parsing.")
    record: RecordForm = Field("compact", description=(
        "How the JSON is written: compact (corrections as columns, alternatives only for doubtful changes, "
        "page texts left to the document's text: a few times the input's size) or full (every field, "
        "indented: tens of times the input's size), for review tools. Readers accept both."))
