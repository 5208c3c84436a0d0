"""Batch conversion of many files: discovery, parallel workers, atomic outputs.

A bad file becomes a `Failure` with a one-line reason; it never stops the
others. Outputs are written to a temporary file and renamed, so a crash never
leaves a half-written JSON behind.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path

from ingest import SUPPORTED_SUFFIXES, IngestError
from pipeline.process import PipelineOptions, process_file
from schemas import dump_document


@dataclass(frozen=True)
class Outcome:
    path: Path
    output: Path | None
    ok: bool
    seconds: float
    reason: str | None = None
    doc_type: str | None = None
    pages: int = 0
    indicators: int = 0
    tasks: int = 0
    agencies: int = 0


def discover(paths: Iterable[Path]) -> list[Path]:
    """Supported files under `paths` (recursive), in a stable sorted order, each once."""
    found: dict[Path, None] = {}
    for path in paths:
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.suffix.lower() in SUPPORTED_SUFFIXES:
                    found.setdefault(child, None)
        else:
            found.setdefault(path, None)
    return list(found)


def output_path(outdir: Path, path: Path, taken: set[Path]) -> Path:
    """OUTDIR/<stem>.json, disambiguated with the suffix when two inputs share a stem."""
    candidate = outdir / f"{path.stem}.json"
    if candidate in taken:
        candidate = outdir / f"{path.stem}.{path.suffix.lstrip('.').lower()}.json"
    n = 2
    while candidate in taken:
        candidate = outdir / f"{path.stem}-{n}.json"
        n += 1
    taken.add(candidate)
    return candidate


def write_atomic(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def convert_one(path: Path, output: Path, options: PipelineOptions) -> Outcome:
    """Worker entry point: never raises for a bad input, returns a failed Outcome instead."""
    os.environ["OMP_THREAD_LIMIT"] = "1"
    started = time.perf_counter()
    try:
        doc = process_file(path, options)
        write_atomic(output, dump_document(doc))
    except IngestError as err:
        return Outcome(path, None, False, time.perf_counter() - started, reason=str(err))
    except Exception as err:  # a bug in a later stage must not take the batch down either
        return Outcome(path, None, False, time.perf_counter() - started, reason=f"internal error: {type(err).__name__}: {err}")
    return Outcome(
        path, output, True, time.perf_counter() - started, doc_type=doc.metadata.doc_type, pages=len(doc.pages),
        indicators=len(doc.indicators), tasks=len(doc.tasks), agencies=len(doc.agencies),
    )


def run_batch(
    files: list[Path], outdir: Path, options: PipelineOptions, workers: int = 1,
    skip_existing: bool = False, on_done: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Convert `files` into `outdir`; outcomes come back in input order."""
    taken: set[Path] = set()
    jobs = [(path, output_path(outdir, path, taken)) for path in files]
    outcomes: dict[int, Outcome] = {}
    todo = []
    for i, (path, out) in enumerate(jobs):
        if skip_existing and out.exists():
            outcomes[i] = Outcome(path, out, True, 0.0, reason="skipped: output exists")
        else:
            todo.append(i)
    if len(todo) == 1 or workers <= 1:
        # One document: parallelism goes to its pages instead of across documents.
        page_options = replace(options, ingest=replace(options.ingest, workers=max(workers, 1)))
        for i in todo:
            outcomes[i] = convert_one(*jobs[i], page_options if len(todo) == 1 else options)
            if on_done:
                on_done(outcomes[i])
    else:
        for i, outcome in _parallel(jobs, todo, options, workers):
            outcomes[i] = outcome
            if on_done:
                on_done(outcome)
    return [outcomes[i] for i in range(len(jobs))]


def _parallel(jobs, todo, options, workers) -> Iterator[tuple[int, Outcome]]:
    """Bounded submission (2 per worker in flight), so a huge folder never floods memory."""
    pending: dict[Future, int] = {}
    queue = list(reversed(todo))
    pool = ProcessPoolExecutor(max_workers=workers)
    try:
        while queue or pending:
            while queue and len(pending) < workers * 2:
                i = queue.pop()
                pending[pool.submit(convert_one, *jobs[i], options)] = i
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                i = pending.pop(fut)
                try:
                    yield i, fut.result()
                except BrokenProcessPool:
                    path = jobs[i][0]
                    yield i, Outcome(path, None, False, 0.0, reason="worker process died (crash or out of memory)")
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool = ProcessPoolExecutor(max_workers=workers)
                    for other, j in list(pending.items()):
                        queue.append(j)
                        pending.pop(other)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
