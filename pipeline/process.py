"""One document through every stage, in one process."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from vnresolve.ingest import open_pages
from vnresolve.pipeline.options import PipelineOptions
from vnresolve.pipeline.result import ErrorItem
from vnresolve.pipeline.stages import PageStage, Parse, Restore, Stage, Validate

if TYPE_CHECKING:
    from vnresolve.schemas import Document

T = TypeVar("T")

# The stages' own modules (parsers, diacritics, schemas/pydantic) are imported where they run: the
# CLI's batch process imports this module, and its start-up delays every document.

# Part of the resume key (pipeline/version.py): raise it with any change that alters the JSON a given
# input gives, so that a resumed batch redoes what an older pipeline wrote (the model's bytes and the
# options are in the key on their own).
PIPELINE_VERSION = "0.4.0.dev23"


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


def stages_for(options: PipelineOptions) -> list[Stage]:
    """The stages after ingest, in order."""
    return ([Restore(options.restorer, options.lexicon)] if options.restore else []) + [Parse(options.lexicon), Validate()]


def finish(doc: Document, stages: list[Stage], errors: list[ErrorItem] | None = None) -> Document:
    """Run the document stages over an assembled Document; a parser that fails leaves its part
    empty and adds an item to `errors` (a partial success)."""
    errors = [] if errors is None else errors
    for stage in stages:
        doc = run_stage(stage.name, stage.document, doc, errors)
    return doc


def process_file(path: Path, options: PipelineOptions | None = None, errors: list[ErrorItem] | None = None,
                 name: str | None = None) -> Document:
    """File -> pages -> restored text -> structure -> validated Document. The stages are prepared
    while the page workers OCR, and each page goes through the page stages as soon as it is read.
    Raises StageError when no document can be made; collects a failed parser's item in `errors`."""
    options = options or PipelineOptions()
    stages = stages_for(options)
    page_stages = [stage for stage in stages if isinstance(stage, PageStage)]
    with run_stage("ingest", open_pages, path, options.ingest, name) as stream:
        for stage in stages:
            run_stage(stage.name, stage.prepare)
        pages = iter(stream)
        while (page := run_stage("ingest", next, pages, None)) is not None:
            for stage in page_stages:
                run_stage(stage.name, stage.page, page)
        doc = run_stage("ingest", stream.document)
    if errors is not None:  # the document came out, but a page of it is not all there
        errors.extend(ErrorItem("ingest", "page-damaged", "the page's image data is damaged; its text may be incomplete",
                                page.number) for page in doc.pages if page.damaged)
    return finish(doc, stages, errors)


def process_text(text: str, name: str, options: PipelineOptions | None = None,
                 errors: list[ErrorItem] | None = None, encoding: str = "utf-8", warnings: list | None = None) -> Document:
    """A Document from text that never touched disk (stdin for `vnresolve parse`, the API's parse).
    `encoding` and `warnings`: what decoding the bytes found, when the text was read from bytes."""
    from vnresolve.ingest.pages import join_pages
    from vnresolve.schemas import Document, Page, Source

    options = options or PipelineOptions()
    stages = stages_for(options)
    for stage in stages:
        run_stage(stage.name, stage.prepare)
    pages = [Page(number=1, text=text, source="input-text")]
    data = text.encode("utf-8")
    doc = Document(
        source=Source(path=name, sha256=hashlib.sha256(data).hexdigest(), kind="text", pages=1, size_bytes=len(data), encoding=encoding),
        text=join_pages(pages),
        pages=pages,
        warnings=list(warnings or ()),
    )
    return finish(doc, stages, errors)
