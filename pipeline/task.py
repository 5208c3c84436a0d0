"""The per-document task every executor runs: one path in, a ConversionResult (with the JSON) out.

It returns the JSON instead of writing it so that the batch process is the
only writer of OUTDIR (one place for atomic renames and the manifest), and
so that a Dask worker on another machine needs to read the input but never
to write into the output folder.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from vnresolve.pipeline.options import PipelineOptions
from vnresolve.pipeline.process import run_stage
from vnresolve.pipeline.result import ConversionResult, ConversionStatus, ErrorItem

# A correction below this confidence is counted as one to review (`vnresolve report`): on held-out
# text the changes below 0.5 were right about 40 % of the time, those at 0.9 and above 93-99.8 %.
REVIEW_BELOW = 0.5


def utf8_safe(text: str) -> str:
    """File names in a legacy encoding (TCVN3, Windows-1258 archives) reach Python as lone surrogates,
    which no UTF-8 file can hold; they become U+FFFD so the document still converts, deterministically."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def convert_document(path: str, options: PipelineOptions, page_workers: int = 1, keep_document: bool = False,
                     name: str | None = None) -> ConversionResult:
    """Never raises for a bad document: a stage that fails gives a FAILURE naming it, a parser that
    fails a PARTIAL_SUCCESS. `keep_document`: also hand back the Document (in-process callers).
    `name`: what the Document records as its source path (the batch's name relative to its input)."""
    from vnresolve.pipeline.process import StageError, process_file
    from vnresolve.schemas import dump_document

    os.environ["OMP_THREAD_LIMIT"] = "1"
    _test_fault_injection(path)
    started = time.perf_counter()
    if page_workers > 1:
        options = options.model_copy(update={"ingest": options.ingest.model_copy(update={"workers": page_workers})})
    errors: list[ErrorItem] = []
    try:
        doc = process_file(Path(path), options, errors, name)
        archives = _archive_files(doc, path, options, errors)
        text = run_stage("write", lambda: utf8_safe(dump_document(doc, options.record)))
    except StageError as err:
        return ConversionResult(input=path, status=ConversionStatus.FAILURE, errors=(err.item,),
                                seconds=time.perf_counter() - started)
    meta = doc.metadata
    return ConversionResult(
        input=path, status=ConversionStatus.PARTIAL_SUCCESS if errors else ConversionStatus.SUCCESS,
        errors=tuple(errors), document=doc if keep_document else None, json=text, archive_data=archives,
        pages=len(doc.pages),
        seconds=time.perf_counter() - started, doc_type=meta.doc_type, number=meta.number, issuer=meta.issuer,
        indicators=len(doc.indicators), tasks=len(doc.tasks), agencies=len(doc.agencies),
        corrected=doc.restoration.changed if doc.restoration else 0,
        to_review=sum(c.confidence < REVIEW_BELOW for c in doc.restoration.corrections) if doc.restoration else 0,
    )


def _archive_files(doc, path: str, options: PipelineOptions, errors: list[ErrorItem]) -> dict[str, bytes] | None:
    """The PDF/ALTO/hOCR bytes asked for, made from the Document just converted (OCR is not run
    again). A writer that fails leaves the JSON standing: the document is a partial success."""
    if not options.archives:
        return None
    from vnresolve.archive.files import archive_files

    # the file's name as the JSON records it (a legacy-encoded name cannot go into UTF-8 XML as it is);
    # the copy shares the Document's warnings list, so the writers' warnings reach the JSON
    named = doc.model_copy(update={"source": doc.source.model_copy(update={"path": utf8_safe(doc.source.path)})})
    try:
        return archive_files(named, path, options.archives, options.pdfa)
    except Exception as err:  # noqa: BLE001 - a broken PDF structure must not lose the JSON
        errors.append(ErrorItem("archive", "archive-failed", f"{type(err).__name__}: {err}"))
        return None


FAULT_ENV = "VNRESOLVE_TEST_FAULT"


def _test_fault_injection(path: str) -> None:
    """TEST-ONLY fault injection, inert unless VNRESOLVE_TEST_FAULT is set.

    The batch must survive workers that die or hang, and the only honest
    test is a real SIGKILL / a real hang of the worker process. The variable
    holds ';'-separated rules `ACTION:NAME_SUBSTRING[:SECONDS]`:
    `kill:x` SIGKILLs the worker on documents whose name contains x,
    `hang:x` sleeps forever, `delay:x:0.2` sleeps that long first (`delay::0.2` for all),
    `tmpfile:x` leaves a file in the temp folder (as a page being rendered does; put it before
    `hang:x` or `kill:x`),
    `startfail:` makes every worker process exit with status 3 as it starts
    (see `_test_fault_on_worker_start`).
    """
    spec = os.environ.get(FAULT_ENV)
    if not spec:
        return
    name = Path(path).name
    for rule in spec.split(";"):
        action, _, rest = rule.partition(":")
        needle, _, seconds = rest.partition(":")
        if needle not in name:
            continue
        if action == "kill":
            os.kill(os.getpid(), signal.SIGKILL)
        elif action == "hang":
            while True:
                time.sleep(3600)
        elif action == "tmpfile":
            import tempfile

            fd, _ = tempfile.mkstemp(prefix="vnresolve-test-")
            os.write(fd, b"x" * 4096)
            os.close(fd)
        elif action == "delay":
            time.sleep(float(seconds or 0.1))


def _test_fault_on_worker_start() -> None:
    """TEST-ONLY: `startfail:` in VNRESOLVE_TEST_FAULT, a worker that cannot start (like a broken install)."""
    if any(rule.startswith("startfail:") for rule in os.environ.get(FAULT_ENV, "").split(";")):
        os._exit(3)
