"""Where per-document tasks run, behind one seam; here the local worker processes.

The batch loop only ever calls `submit`, `collect` and `close`, so resume,
crash safety and reporting are identical whichever executor runs the work
(the Dask one lives in `pipeline.dask_executor`).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from multiprocessing.connection import wait as wait_ready
from typing import Protocol

from vnresolve.ingest.lifetime import die_with_parent
from vnresolve.pipeline.options import PipelineOptions
from vnresolve.pipeline.result import ConversionResult, failure
from vnresolve.pipeline.task import _test_fault_on_worker_start, convert_document


class WorkerStartupError(RuntimeError):
    """Workers exit with an error before any result: a broken install, not bad documents.

    Failing every document of an archive one by one for that would bury the
    real cause under thousands of identical lines, so the batch stops.
    """


@dataclass(frozen=True)
class Job:
    key: int
    path: str
    page_workers: int = 1
    name: str | None = None  # the Document's source path (relative to the input folder given)


class Executor(Protocol):
    slots: int  # documents it wants in flight; the batch never submits more (bounded memory)

    def submit(self, job: Job) -> None: ...
    def collect(self, timeout: float) -> list[tuple[Job, ConversionResult]]: ...
    def close(self) -> None: ...




def _import_stages(options: PipelineOptions | None = None) -> None:
    """Import the ingest stage before taking a job: the batch process does not import it (it only
    needs the options), and the --timeout clock must not count a worker's one-off import. The
    parsers and the restoration stage (≈0.1 s) are left to the stages' `prepare`, which runs while
    a document's first pages OCR (pipeline/stages.py): here they delayed the first page.

    Tesseract's engines (the page language's and the digits') load meanwhile on a thread of their
    own: their model loading runs in the library, outside the GIL, and took ≈0.17 s after the imports
    on the way to the first page. The thread has ended before a job can fork page workers. A worker
    whose documents need no OCR (text files, PDFs with a text layer) holds them too, ≈36 MiB, unless
    the options say OCR never runs.

    The cyclic collector waits while they load, and what they made (modules, classes, the schemas'
    validators: ~70k objects that live as long as the process) is then frozen out of its reach: its full
    passes walked them again during the import and in every later pass of this worker and of the
    page workers forked from it (≈0.08 s of a worker's start, measured over 5 starts)."""
    enabled = gc.isenabled()
    gc.disable()
    loader = None
    try:
        if options is not None and options.ingest.ocr != "never":
            from vnresolve.ingest import tesseract  # noqa: F401 - imported here, not on the loader's thread

            loader = threading.Thread(target=_load_engines, args=(options.ingest.lang,), daemon=True)
            loader.start()
        import vnresolve.ingest.image  # noqa: F401
        import vnresolve.ingest.pdf  # noqa: F401
        import vnresolve.ingest.text  # noqa: F401
        from vnresolve import schemas  # noqa: F401
    finally:
        if loader is not None:
            loader.join()
        gc.freeze()
        if enabled:
            gc.enable()


def _load_engines(lang: str) -> None:
    """What OcrRun loads first (ingest/ocr.py); a missing language or library is left for the job to report."""
    from vnresolve.ingest import tesseract

    try:
        tesseract.check_language(lang)
        tesseract.digits_engine()
    except Exception:  # noqa: BLE001 - the document's own OCR raises it again, as its stage's error
        pass


def _exit_now() -> None:
    """Exit without tearing down the interpreter: every result has been sent, nothing is left to
    flush but the standard streams, and unloading numba, OpenCV and the models took ≈0.4 s that
    the batch spent waiting at close (the last document's whole wall time on one-file runs)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(0)


def _worker_main(conn, parent_pid: int, options: PipelineOptions) -> None:
    """Loop of one worker process: a job in, a result out, until told to stop or orphaned.

    Its own session keeps terminal Ctrl-C away from it (the batch process
    decides what stops), and lets the batch kill it together with the
    tesseract/page processes it started, by process group.
    """
    os.setsid()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a forked worker has the batch's handler, which stops a batch
    die_with_parent(parent_pid)
    _test_fault_on_worker_start()
    os.environ["OMP_THREAD_LIMIT"] = "1"
    _import_stages(options)
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            _exit_now()
        job, folder = message
        _use_temp_folder(folder)
        conn.send(("start", job.key))  # the clock of --timeout starts now, not while this process was importing
        conn.send(("done", convert_document(job.path, options, job.page_workers, name=job.name)))


def _use_temp_folder(folder: str) -> None:
    """Every temp file of this document (page images, Tesseract's files, those of the page workers
    forked from here and of the programs they run) goes into the folder the batch made for it, which
    the batch removes however the document ends: a worker killed at --timeout cleans up nothing."""
    tempfile.tempdir = folder
    os.environ["TMPDIR"] = folder


TEMP_PREFIX = "vnresolve-doc-"  # + the batch's pid: a batch killed with -9 leaves them, the next one removes them


def sweep_orphan_temp_folders() -> None:
    """Remove the document temp folders of batches that died without cleaning up (kill -9)."""
    try:
        entries = list(os.scandir(tempfile.gettempdir()))
    except OSError:
        return
    for entry in entries:
        pid = entry.name[len(TEMP_PREFIX):].partition("-")[0]
        if not entry.name.startswith(TEMP_PREFIX) or not pid.isdigit() or not entry.is_dir(follow_symlinks=False):
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(entry.path, ignore_errors=True)
        except OSError:
            continue


STARTUP_GRACE_S = 120.0  # a fresh worker imports the whole pipeline first; on a loaded machine that takes a while


@dataclass
class _Worker:
    process: multiprocessing.Process
    conn: object
    job: Job | None = None
    folder: str | None = None  # the job's temp folder, removed by the batch when the job ends
    submitted: float = 0.0
    started: float | None = None  # when the worker confirmed it began the job
    finished: int = 0

    def deadline(self, timeout: float) -> float:
        if self.started is not None:
            return self.started + timeout
        return self.submitted + max(timeout, STARTUP_GRACE_S)

    def since(self, now: float) -> float:
        return now - (self.started if self.started is not None else self.submitted)


def _describe_death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        hint = " (killed: out of memory or by a user)" if -exitcode == signal.SIGKILL else " (crashed)"
        return f"worker process died with {name}{hint}"
    return f"worker process exited unexpectedly with status {exitcode}"


# A document worker's peak memory with the restorer's model loaded and a scanned page in hand
# (≈320 MB measured on a 24-page 200 dpi scan, ≈220 MB on a text file), with room for its OCR.
WORKER_MEMORY = 400 * 2**20


def _available_memory() -> int | None:
    """MemAvailable from /proc/meminfo (Linux); None where it cannot be read."""
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def worker_cap() -> tuple[int, str]:
    """The most local workers that this machine runs well, and what limits it: one per core (more
    only queue for the same cores) and as many as the available memory holds."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    memory = _available_memory()
    by_memory = max(1, memory // WORKER_MEMORY) if memory is not None else cores
    if by_memory < cores:
        return by_memory, f"{memory / 2**30:.1f} GiB of memory available, about {WORKER_MEMORY // 2**20} MiB a worker"
    return cores, f"{cores} CPU core{'s' if cores != 1 else ''}"


def worker_start_method() -> str:
    """How a document worker starts: forked where the batch process runs no other thread, so it
    starts with the modules the batch imported (a spawned one first imports the CLI and its
    libraries again, ≈0.3 s before its first page); spawned otherwise (a progress bar's thread, an
    application's own, or a native pool's such as OpenCV's or OpenBLAS's, which Python does not count), as
    a fork copies a lock another thread holds, held for ever. Linux only: other systems' libraries are
    not fork-safe, and there the process's threads cannot be counted."""
    if sys.platform == "linux" and _os_threads() == 1:  # the kernel's count holds Python's threads too
        return "fork"
    return "spawn"


def _os_threads() -> int | None:
    """The process's threads as the kernel counts them, native ones included; None where unreadable."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return None


@dataclass
class LocalExecutor:
    """Long-lived worker processes, one document each at a time.

    Not `ProcessPoolExecutor`: one dead worker breaks its whole pool and every
    document in flight with it, and it cannot stop a single overrunning task.
    Here a crash or a timeout costs exactly one document and one respawn.
    """

    options: PipelineOptions
    workers: int = 1
    timeout: float | None = None
    # A fresh process every N documents: whatever native libraries leak over an overnight run is returned.
    jobs_per_worker: int = 200
    _pool: list[_Worker] = field(default_factory=list)
    _results: int = 0
    _startup_failures: int = 0

    def __post_init__(self) -> None:
        sweep_orphan_temp_folders()

    @property
    def slots(self) -> int:
        return self.workers

    def _spawn(self) -> _Worker:
        ctx = multiprocessing.get_context(worker_start_method())
        parent, child = ctx.Pipe()
        process = ctx.Process(target=_worker_main, args=(child, os.getpid(), self.options), daemon=False)
        process.start()
        child.close()
        worker = _Worker(process, parent)
        self._pool.append(worker)
        return worker

    def submit(self, job: Job) -> None:
        worker = next((w for w in self._pool if w.job is None), None)
        if worker is None:
            if len(self._pool) >= self.workers:
                raise RuntimeError("no idle worker: submit at most `slots` jobs")
            worker = self._spawn()
        worker.job, worker.submitted, worker.started = job, time.monotonic(), None
        worker.folder = tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-")
        try:
            worker.conn.send((job, worker.folder))
        except (BrokenPipeError, ConnectionResetError):
            # The worker died before reading its job (e.g. it cannot start): its exit is
            # reported by `collect` as that document's failure, never as an output error.
            worker.process.join(1)
            if worker.process.is_alive():
                worker.process.kill()

    @staticmethod
    def _clean(worker: _Worker) -> None:
        if worker.folder is not None:
            shutil.rmtree(worker.folder, ignore_errors=True)
            worker.folder = None

    def _retire(self, worker: _Worker, kill: bool) -> None:
        if kill and worker.process.is_alive():
            try:
                os.killpg(worker.process.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                worker.process.kill()
        worker.process.join(5)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join(1)
        worker.conn.close()
        self._clean(worker)  # after the kill and join: nothing of the job writes there any more
        self._pool.remove(worker)

    def _stop(self, worker: _Worker) -> None:
        """Ask an idle worker to exit; the next submit starts a fresh one."""
        try:
            worker.conn.send(None)
        except OSError:
            pass
        self._retire(worker, kill=False)

    def collect(self, timeout: float) -> list[tuple[Job, ConversionResult]]:
        busy = [w for w in self._pool if w.job is not None]
        if not busy:
            return []
        if self.timeout:
            timeout = max(0.0, min(timeout, min(w.deadline(self.timeout) for w in busy) - time.monotonic()))
        ready = set(wait_ready([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout))
        done: list[tuple[Job, ConversionResult]] = []
        now = time.monotonic()
        for worker in busy:
            job = worker.job
            if worker.conn in ready or worker.process.sentinel in ready:
                result = self._drain(worker, now)
                if result is not None:
                    worker.job = None
                    self._clean(worker)
                    worker.finished += 1
                    self._results += 1
                    done.append((job, result))
                    if worker.finished >= self.jobs_per_worker:
                        self._stop(worker)
                    continue
                if worker.process.is_alive() and worker.process.sentinel not in ready:
                    continue  # only the "start" message arrived
                worker.process.join(1)
                self._check_startup(worker.process.exitcode)
                done.append((job, failure(job.path, "worker", "worker-died", _describe_death(worker.process.exitcode), worker.since(now))))
                self._retire(worker, kill=True)
            elif self.timeout and now >= worker.deadline(self.timeout):
                what = f"no result after {self.timeout:g} s (--timeout)" if worker.started is not None else \
                    f"worker did not start within {STARTUP_GRACE_S:g} s"
                done.append((job, failure(job.path, "timeout", "timeout", f"{what}; worker stopped", worker.since(now))))
                self._retire(worker, kill=True)
        return done

    @staticmethod
    def _drain(worker: _Worker, now: float) -> ConversionResult | None:
        """Read the worker's pending messages; the result if it sent one."""
        try:
            while worker.conn.poll():
                kind, payload = worker.conn.recv()
                if kind == "start":
                    worker.started = now
                else:
                    return payload
        except (EOFError, OSError):
            pass
        return None

    def _check_startup(self, code: int | None) -> None:
        if code is not None and code > 0 and self._results == 0:
            self._startup_failures += 1
            if self._startup_failures > self.workers + 1:
                raise WorkerStartupError(f"worker processes exit with status {code} before finishing any document "
                                         "(see the error printed above); check the installation")

    def close(self) -> None:
        """Stop everything now: idle workers are asked to exit, busy ones are killed (their documents stay unrecorded)."""
        for worker in list(self._pool):
            if worker.job is None:
                self._stop(worker)
            else:
                self._retire(worker, kill=True)
