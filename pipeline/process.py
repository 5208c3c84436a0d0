"""One document through every stage, in one process."""

from __future__ import annotations

import hashlib
from pathlib import Path
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from vnresolve.ingest import ingest_file
from vnresolve.pipeline.options import PipelineOptions
from vnresolve.pipeline.result import ErrorItem

if TYPE_CHECKING:
    from vnresolve.pipeline.preload import Preload
    from vnresolve.schemas import Document

T = TypeVar("T")

# Stages (parsers, diacritics, schemas/pydantic) are imported where they run: the CLI's batch
# process imports this module for `PipelineOptions` only, and its start-up delays every document.

# Part of the resume key (pipeline/version.py): raise it with any change that alters the JSON a given
# input gives, so that a resumed batch redoes what an older pipeline wrote (the model's bytes and the
# options are in the key on their own).
PIPELINE_VERSION = "0.3.0"


class StageError(Exception):
    """A stage could not produce its part and the document cannot go on: it fails, naming the stage."""

    def __init__(self, item: ErrorItem):
        super().__init__(str(item))
        self.item = item


def run_stage(stage: str, fn: Callable[..., T], *args, **kwargs) -> T:
    """Run one stage; any error leaves as a StageError that names it (an input's own fault keeps
    its ingest code, anything else is an internal error of that stage)."""
    from vnresolve.ingest.errors import IngestError

    try:
        return fn(*args, **kwargs)
    except StageError:
        raise
    except IngestError as err:
        raise StageError(ErrorItem(stage, err.code, str(err))) from err
    except MemoryError as err:
        raise StageError(ErrorItem(stage, "out-of-memory", "out of memory")) from err
    except Exception as err:  # noqa: BLE001 - a bug in one stage fails this document, never the batch
        raise StageError(ErrorItem(stage, "internal-error", f"internal error: {type(err).__name__}: {err}")) from err


def finish(doc: Document, options: PipelineOptions, preload: Preload | None = None,
           errors: list[ErrorItem] | None = None) -> Document:
    """Every stage after ingest; shared by files and text. `preload`: what was readied during OCR.
    A parser that fails leaves its part empty and adds an item to `errors` (a partial success)."""
    from vnresolve import parsers
    from vnresolve.pipeline.restore import restore_document
    from vnresolve.schemas import Document

    def parser_failed(name: str, err: Exception) -> None:
        if errors is not None:
            errors.append(ErrorItem("parse", "parser-failed", f"{name}: {type(err).__name__}: {err}"))

    restorer = run_stage("restore", (preload or _preload(options)).restorer)
    if restorer is not None:
        doc = run_stage("restore", restore_document, doc, restorer)
    doc = run_stage("parse", parsers.parse, doc, on_error=parser_failed)
    # re-check everything the stages wrote
    return run_stage("validate", Document.model_validate, doc.model_dump())


def _preload(options: PipelineOptions) -> Preload:
    from vnresolve.pipeline.preload import Preload

    return Preload(options.restorer if options.restore else None)


def process_file(path: Path, options: PipelineOptions | None = None, errors: list[ErrorItem] | None = None) -> Document:
    """Raises StageError when no document can be made; collects a failed parser's item in `errors`."""
    options = options or PipelineOptions()
    preload = _preload(options)
    try:
        doc = run_stage("ingest", ingest_file, path, options.ingest, watcher=preload)
    except BaseException:
        preload.abandon()
        raise
    return finish(doc, options, preload, errors)


def process_text(text: str, name: str, options: PipelineOptions | None = None,
                 errors: list[ErrorItem] | None = None) -> Document:
    """A Document from text that never touched disk (stdin for `vnresolve parse`, the API's parse)."""
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
    return finish(doc, options, errors=errors)
