"""The per-document task every executor runs: one path in, JSON text or a reason out.

It returns the JSON instead of writing it so that the batch process is the
only writer of OUTDIR (one place for atomic renames and the manifest), and
so that a Dask worker on another machine needs to read the input but never
to write into the output folder.
"""

from __future__ import annotations

import os
import signal
import time
import traceback
from dataclasses import dataclass, replace
from pathlib import Path

from vnresolve.pipeline.process import PipelineOptions

# Which stage a failure belongs to, judged by the deepest frame of our own code.
_STAGE_OF_MODULE = (("ingest", "ingest"), ("diacritics", "restore"), ("pipeline.restore", "restore"),
                    ("parsers", "parse"), ("schemas", "validate"), ("pydantic", "validate"))


@dataclass(frozen=True)
class TaskResult:
    path: str
    ok: bool
    json: str | None = None
    stage: str | None = None
    reason: str | None = None
    pages: int = 0
    seconds: float = 0.0
    doc_type: str | None = None
    number: str | None = None
    issuer: str | None = None
    indicators: int = 0
    tasks: int = 0
    agencies: int = 0
    corrected: int = 0  # words the restorer changed
    to_review: int = 0  # of them, those below REVIEW_BELOW confidence


# A correction below this confidence is counted as one to review (`vnresolve report`): on held-out
# text the changes below 0.5 were right about 40 % of the time, those at 0.9 and above 93-99.8 %.
REVIEW_BELOW = 0.5


def utf8_safe(text: str) -> str:
    """File names in a legacy encoding (TCVN3, Windows-1258 archives) reach Python as lone surrogates,
    which no UTF-8 file can hold; they become U+FFFD so the document still converts, deterministically."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def failure(path: str, stage: str, reason: str, seconds: float = 0.0) -> TaskResult:
    return TaskResult(path=path, ok=False, stage=stage, reason=" ".join(reason.split()) or "unknown error", seconds=seconds)


def _stage_of(err: BaseException) -> str:
    stage = "pipeline"
    for frame, _ in traceback.walk_tb(err.__traceback__):
        module = frame.f_globals.get("__name__", "")
        for prefix, name in _STAGE_OF_MODULE:
            if module == prefix or module.startswith(prefix + "."):
                stage = name
                break
    return stage


def convert_document(path: str, options: PipelineOptions, page_workers: int = 1) -> TaskResult:
    """Never raises for a bad document: every error becomes a failed result naming its stage."""
    from vnresolve.ingest import IngestError
    from vnresolve.pipeline.process import process_file
    from vnresolve.schemas import dump_document

    os.environ["OMP_THREAD_LIMIT"] = "1"
    _test_fault_injection(path)
    started = time.perf_counter()
    if page_workers > 1:
        options = replace(options, ingest=replace(options.ingest, workers=page_workers))
    try:
        doc = process_file(Path(path), options)
        text = utf8_safe(dump_document(doc))
    except IngestError as err:
        return failure(path, "ingest", str(err), time.perf_counter() - started)
    except MemoryError:
        return failure(path, "pipeline", "out of memory", time.perf_counter() - started)
    except Exception as err:  # a bug in a later stage must fail this document, not the batch
        return failure(path, _stage_of(err), f"internal error: {type(err).__name__}: {err}", time.perf_counter() - started)
    meta = doc.metadata
    return TaskResult(
        path=path, ok=True, json=text, pages=len(doc.pages), seconds=time.perf_counter() - started,
        doc_type=meta.doc_type, number=meta.number, issuer=meta.issuer,
        indicators=len(doc.indicators), tasks=len(doc.tasks), agencies=len(doc.agencies),
        corrected=doc.restoration.changed if doc.restoration else 0,
        to_review=sum(c.confidence < REVIEW_BELOW for c in doc.restoration.corrections) if doc.restoration else 0,
    )


FAULT_ENV = "VNRESOLVE_TEST_FAULT"


def _test_fault_injection(path: str) -> None:
    """TEST-ONLY fault injection, inert unless VNRESOLVE_TEST_FAULT is set.

    The batch must survive workers that die or hang, and the only honest
    test is a real SIGKILL / a real hang of the worker process. The variable
    holds ';'-separated rules `ACTION:NAME_SUBSTRING[:SECONDS]`:
    `kill:x` SIGKILLs the worker on documents whose name contains x,
    `hang:x` sleeps forever, `delay:x:0.2` sleeps that long first (`delay::0.2` for all),
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
        elif action == "delay":
            time.sleep(float(seconds or 0.1))


def _test_fault_on_worker_start() -> None:
    """TEST-ONLY: `startfail:` in VNRESOLVE_TEST_FAULT, a worker that cannot start (like a broken install)."""
    if any(rule.startswith("startfail:") for rule in os.environ.get(FAULT_ENV, "").split(";")):
        os._exit(3)
