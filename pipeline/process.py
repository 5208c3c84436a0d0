"""One document through every stage, in one process."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from vnresolve.ingest import IngestOptions, ingest_file

if TYPE_CHECKING:
    from vnresolve.pipeline.preload import Preload
    from vnresolve.schemas import Document

# Stages (parsers, diacritics, schemas/pydantic) are imported where they run: the CLI's batch
# process imports this module for `PipelineOptions` only, and its start-up delays every document.

# Part of the resume key (pipeline/version.py): raise it with any change that alters the JSON a given
# input gives, so that a resumed batch redoes outputs an older pipeline wrote (the model's bytes are
# in the key on their own). 0.2.0: text pages are no longer rotated below 1 degree of skew (eighth
# session); the releases before it all said 0.1.0. 0.3.0: a table page's text outside its tables is read
# region by region on flattened paper (ninth session).
PIPELINE_VERSION = "0.3.0"


@dataclass(frozen=True)
class PipelineOptions:
    ingest: IngestOptions = field(default_factory=IngestOptions)
    restorer: str = "default"
    restore: bool = True


def finish(doc: Document, options: PipelineOptions, preload: Preload | None = None) -> Document:
    """Every stage after ingest; shared by files and stdin text. `preload`: what was readied during OCR."""
    from vnresolve import parsers
    from vnresolve.pipeline.restore import restore_document
    from vnresolve.schemas import Document

    restorer = (preload or _preload(options)).restorer()
    if restorer is not None:
        doc = restore_document(doc, restorer)
    doc = parsers.parse(doc)
    return Document.model_validate(doc.model_dump())  # re-check everything the stages wrote


def _preload(options: PipelineOptions) -> Preload:
    from vnresolve.pipeline.preload import Preload

    return Preload(options.restorer if options.restore else None)


def process_file(path: Path, options: PipelineOptions | None = None) -> Document:
    options = options or PipelineOptions()
    preload = _preload(options)
    try:
        doc = ingest_file(path, options.ingest, watcher=preload)
    except BaseException:
        preload.abandon()
        raise
    return finish(doc, options, preload)


def process_text(text: str, name: str, options: PipelineOptions | None = None) -> Document:
    """A Document from text that never touched disk (stdin for `vnresolve parse`)."""
    from vnresolve.ingest.pages import join_pages
    from vnresolve.schemas import Document, Page, Source

    options = options or PipelineOptions()
    pages = [Page(number=1, text=text, source="input-text")]
    data = text.encode("utf-8")
    doc = Document(
        source=Source(path=name, sha256=hashlib.sha256(data).hexdigest(), kind="text", pages=1, size_bytes=len(data), encoding="utf-8"),
        text=join_pages(pages),
        pages=pages,
    )
    return finish(doc, options)
