"""Batch conversion of a whole archive: resumable, crash-safe, parallel.

Order of durable effects per document: the JSON is written to a temporary
file, fsync'd and renamed into place, *then* its manifest line is appended
and fsync'd. A crash between the two leaves a complete output the manifest
does not know yet (it is redone, never half-read); a crash anywhere else
loses only unfinished work. Resume reads the manifest, never the outputs.
"""

from __future__ import annotations

import os
import signal
import stat
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from vnresolve.ingest.identity import sha256_file
from vnresolve.pipeline.atomic import TMP_PREFIX, write_atomic
from vnresolve.pipeline.discover import Passed, discover
from vnresolve.pipeline.executors import Executor, Job, LocalExecutor
from vnresolve.pipeline.manifest import Manifest, lock_outdir
from vnresolve.pipeline.options import PipelineOptions
from vnresolve.pipeline.result import ConversionResult, ConversionStatus, ErrorItem, quoted
from vnresolve.pipeline.version import version_key

__all__ = ["BatchResult", "Passed", "discover", "run_batch", "write_atomic"]



@dataclass
class BatchResult:
    results: list[ConversionResult] = field(default_factory=list)
    interrupted: bool = False
    seconds: float = 0.0

    @property
    def failed(self) -> list[ConversionResult]:
        return [r for r in self.results if r.status is ConversionStatus.FAILURE]

    def count(self, status: ConversionStatus) -> int:
        return sum(r.status is status for r in self.results)

    @property
    def duplicates(self) -> int:
        return sum(r.status is ConversionStatus.SKIPPED and r.duplicate_of is not None for r in self.results)

    @property
    def not_taken(self) -> int:
        """Paths discovery met and left out on purpose (hidden, symlinked folders, FIFOs, other types)."""
        return sum(r.status is ConversionStatus.SKIPPED and any(e.stage == "discover" for e in r.errors)
                   for r in self.results)


def _remove_stale_temporaries(outdir: Path) -> None:
    """Temp files of a run that was killed mid-write; safe because we hold OUTDIR's lock."""
    for tmp in outdir.glob(f"{TMP_PREFIX}*.tmp"):
        tmp.unlink(missing_ok=True)


@dataclass
class _Pending:
    """A document handed to the executor, plus the same-bytes paths waiting on its result."""

    path: Path
    abspath: str
    sha256: str
    size: int
    mtime_ns: int
    output: str
    duplicates: list[tuple[Path, str, int, int]] = field(default_factory=list)


class _Batch:
    def __init__(self, outdir: Path, options: PipelineOptions, force: bool,
                 names: Callable[[Path], str] | None = None):
        self.outdir, self.force, self.options = outdir, force, options
        self.names = names
        self.version = version_key(options)
        self.manifest = Manifest.load(outdir)
        self.claimed: dict[str, str] = {}  # output name -> abspath, this run
        self.by_hash: dict[str, _Pending | ConversionResult] = {}  # this run: in flight, or finished
        self.pending: dict[int, _Pending] = {}
        self._move_reserved_outputs()

    # -- recording ---------------------------------------------------------

    def _record(self, result: ConversionResult, path: Path, abspath: str, sha256: str | None, size: int | None,
                mtime_ns: int | None) -> ConversionResult:
        result = result.but(input=path.as_posix(), abspath=abspath, hash=sha256, size=size, mtime_ns=mtime_ns,
                            pipeline=self.version, json=None, archive_data=None, seconds=round(result.seconds, 3),
                            finished_at=datetime.now(timezone.utc).isoformat(timespec="seconds"))
        self.manifest.append(result.record())
        return result

    def _fail(self, path: Path, abspath: str, sha256: str | None, size, mtime_ns, error: ErrorItem,
              seconds: float = 0.0) -> ConversionResult:
        failed = ConversionResult(path.as_posix(), ConversionStatus.FAILURE, errors=(error,), seconds=seconds)
        return self._record(failed, path, abspath, sha256, size, mtime_ns)

    def passed(self, item: Passed) -> ConversionResult:
        """A path discovery did not take: a failure when unreadable, else skipped with the reason why.
        A skip already recorded the same way is not appended again on every re-run."""
        abspath = os.path.abspath(item.path)
        error = ErrorItem("discover", item.code, item.message)
        status = ConversionStatus.FAILURE if item.failed else ConversionStatus.SKIPPED
        result = ConversionResult(item.path.as_posix(), status, errors=(error,))
        known = self.manifest.by_path.get(abspath)
        if not item.failed and known and known["status"] == "skipped" and known.get("hash") is None:
            return result.but(abspath=abspath)
        return self._record(result, item.path, abspath, None, None, None)

    # -- planning ----------------------------------------------------------

    def _move_reserved_outputs(self) -> None:
        """Outputs an earlier version named lexicon.json or <x>.review.json (review's own names) move
        to the name a document gets today, with their review file and archive files, and the manifest
        records the move: resume finds them without converting them again, and review and export no
        longer misread them. One that is no longer our output of its bytes (a review wrote its
        lexicon over it) is left alone and its document is converted again."""
        if not any(r["status"] != "failure" and _reserved(r.get("output")) for r in self.manifest.by_path.values()):
            return
        from vnresolve.pipeline.manifest import latest_by_document, read_records
        from vnresolve.review.log import review_path

        latest = latest_by_document(read_records(self.manifest.path))
        moved: dict[str, tuple[str, list[str]] | None] = {}
        converted = [(k, r) for k, r in latest.items() if r.get("status") in ("success", "partial_success")]
        for key, record in converted + [(k, r) for k, r in latest.items() if r.get("status") == "skipped"]:
            old, sha256 = record.get("output"), record.get("hash")
            if not _reserved(old) or not sha256:
                continue
            if old not in moved:
                new = self._holds_document(old, sha256) and self._output_name(Path(record["input"]), key, sha256)
                if not new:
                    moved[old] = None
                    if (self.manifest.done.get((sha256, record.get("pipeline") or "")) or {}).get("output") == old:
                        del self.manifest.done[(sha256, record.get("pipeline") or "")]
                    continue
                old_stem, new_stem = old.removesuffix(".json"), new.removesuffix(".json")
                archives = []
                for name in _archive_names(record):
                    renamed = new_stem + name[len(old_stem):] if name.startswith(old_stem + ".") else name
                    if renamed != name and (self.outdir / name).is_file() and not (self.outdir / renamed).exists():
                        os.replace(self.outdir / name, self.outdir / renamed)
                    archives.append(renamed if (self.outdir / renamed).is_file() else name)
                review_old, review_new = review_path(self.outdir, old), review_path(self.outdir, new)
                if review_old.is_file() and not review_new.exists():
                    os.replace(review_old, review_new)
                os.replace(self.outdir / old, self.outdir / new)
                moved[old] = (new, archives)
            if moved[old] is not None:
                new, archives = moved[old]  # type: ignore[misc]
                self.manifest.append({**record, "output": new, "archives": archives})

    def _holds_document(self, name: str, sha256: str, absent: bool = False) -> bool:
        """Whether OUTDIR/name is our JSON output of the bytes `sha256`; `absent` when there is none."""
        try:
            return is_document_output(self.outdir / name, sha256)
        except FileNotFoundError:
            return absent
        except OSError:
            return False

    def _output_name(self, path: Path, abspath: str, sha256: str) -> str | None:
        """<stem>.json; a name another document owns (now, in the manifest, or a file the manifest
        does not know) gets the content hash added; None when every candidate is taken.

        Hash-based disambiguation does not depend on discovery order, so a
        folder that grows never renames the outputs of existing documents. The names `review` keeps
        in OUTDIR (lexicon.json, <name>.review.json) are never a document's: a review would
        overwrite it, and x.review.json would be read as x.json's corrections.
        """
        for name in (f"{path.stem}.json", f"{path.stem}-{sha256[:8]}.json", f"{path.stem}-{sha256}.json"):
            if _reserved(name):
                continue
            owner = self.claimed.get(name) or self.manifest.owners.get(name)
            if owner in (None, abspath) and (owner == abspath or self._may_replace(name, sha256)):
                self.claimed[name] = abspath
                return name
        return None

    def _may_replace(self, name: str, sha256: str) -> bool:
        """A file the manifest does not own is replaced only when it is absent or is our own output of
        these bytes (written just before a crash lost its manifest line); a user's file never is."""
        return self._holds_document(name, sha256, absent=True)

    def plan(self, path: Path, key: int) -> ConversionResult | Job | None:
        """A result when the document needs no work now, a Job when it does, None when it waits on a duplicate."""
        abspath = os.path.abspath(path)
        try:
            st = path.stat()
            if not stat.S_ISREG(st.st_mode):  # a FIFO would block the batch while hashing, a device never end
                return self._fail(path, abspath, None, None, None, ErrorItem(
                    "read", "not-a-regular-file", "not a regular file (FIFO, socket, device or folder); not read"))
            if not self.force and (rec := self.manifest.unchanged(abspath, st.st_size, st.st_mtime_ns, self.version)):
                # unchanged since a run that recorded it: nothing is appended to the manifest
                return ConversionResult(path.as_posix(), ConversionStatus.SKIPPED, abspath=abspath, hash=rec["hash"],
                                        output=self.manifest.finished_output(rec["hash"], self.version),
                                        archives=_archive_names(rec))
            sha256 = sha256_file(path)
        except OSError as err:
            return self._fail(path, abspath, None, None, None,
                              ErrorItem("read", "unreadable-file", f"cannot read file: {err.strerror or err}"))
        same = self.by_hash.get(sha256)
        if isinstance(same, _Pending):
            same.duplicates.append((path, abspath, st.st_size, st.st_mtime_ns))
            return None
        if isinstance(same, ConversionResult):
            return self._duplicate(path, abspath, sha256, st.st_size, st.st_mtime_ns, same)
        if not self.force and (finished := self.manifest.finished_output(sha256, self.version)):
            # Same bytes done before, under this name (touched since) or another (moved or copied).
            owner = self.manifest.done[(sha256, self.version)]
            skipped = ConversionResult(path.as_posix(), ConversionStatus.SKIPPED, output=finished,
                                       archives=_archive_names(owner),
                                       duplicate_of=None if owner.get("abspath") == abspath else owner["input"],
                                       pages=owner.get("pages") or 0)
            return self._record(skipped, path, abspath, sha256, st.st_size, st.st_mtime_ns)
        output = self._output_name(path, abspath, sha256)
        if output is None:
            return self._fail(path, abspath, sha256, st.st_size, st.st_mtime_ns, ErrorItem(
                "write", "output-name-taken", f"{quoted(path.stem + '.json')} and its hashed variants already exist in "
                f"{quoted(self.outdir)} and are not vnresolve's outputs; they are left as they are"))
        pending = _Pending(path, abspath, sha256, st.st_size, st.st_mtime_ns, output)
        self.by_hash[sha256] = self.pending[key] = pending
        return Job(key, str(path), name=self.names(path) if self.names else None)

    def _duplicate(self, path, abspath, sha256, size, mtime_ns, original: ConversionResult) -> ConversionResult:
        if original.status is ConversionStatus.FAILURE:
            first = original.errors[0]
            return self._fail(path, abspath, sha256, size, mtime_ns, ErrorItem(
                first.stage, first.code, f"same bytes as {quoted(original.input)}, which failed: {original.reason}"))
        skipped = ConversionResult(path.as_posix(), ConversionStatus.SKIPPED, output=original.output,
                                   archives=original.archives, duplicate_of=original.input, pages=original.pages)
        return self._record(skipped, path, abspath, sha256, size, mtime_ns)

    # -- results -----------------------------------------------------------

    def _write_archives(self, result: ConversionResult, p: _Pending) -> ConversionResult:
        """The PDF/ALTO/hOCR files beside the JSON (<name>.pdf for <name>.json), written before it so
        that a JSON on disk means its archive files are there too. A file of that name that is not
        our output of these bytes (it does not hold their SHA-256) is a user's and is left alone."""
        errors, written = [], []
        stem = p.output.removesuffix(".json")
        for suffix, data in (result.archive_data or {}).items():
            target = self.outdir / f"{stem}{suffix}"
            if target.exists() and not _holds(target, p.sha256):
                errors.append(ErrorItem("write", "output-name-taken", f"{quoted(target)} exists and is not "
                                        "vnresolve's output of this document; it is left as it is"))
                continue
            write_atomic(target, data)
            written.append(f"{stem}{suffix}")
        result = result.but(archives=tuple(written))
        if not errors:
            return result
        return result.but(status=ConversionStatus.PARTIAL_SUCCESS, errors=result.errors + tuple(errors))

    def _reviewed(self, result: ConversionResult, p: _Pending) -> ConversionResult:
        """A document read again that a reviewer corrected (OUTDIR/<name>.review.json): the JSON stays
        the machine reading, its archive files are made from the reviewed revision, and each
        correction whose word or value the new reading no longer has is reported."""
        from vnresolve.review.apply import reviewed_archives
        from vnresolve.review.log import review_path

        review_file = review_path(self.outdir, p.output)
        if not review_file.exists():
            return result
        try:
            archives, unplaced = reviewed_archives(result.json or "", review_file, p.path,
                                                   tuple(result.archive_data or ()), self.options.pdfa)
        except Exception as err:  # noqa: BLE001 - a broken review file must not lose the new reading
            return result.but(errors=result.errors + (ErrorItem("review", "review-unreadable", f"{quoted(review_file)}: "
                                                                f"{type(err).__name__}: {err}"),))
        errors = tuple(ErrorItem("review", "review-unplaced", str(miss), miss.entry.where.get("page"))
                       for miss in unplaced)
        return result.but(archive_data=archives if archives is not None else result.archive_data,
                          errors=result.errors + errors)

    def finish(self, job: Job, result: ConversionResult) -> list[ConversionResult]:
        p = self.pending.pop(job.key)
        if result.converted:
            target = self.outdir / p.output
            if self.manifest.owners.get(p.output) != p.abspath and not self._may_replace(p.output, p.sha256):
                # a file appeared under the name while the document was converting
                result = self._fail(p.path, p.abspath, p.sha256, p.size, p.mtime_ns, ErrorItem(
                    "write", "output-name-taken", f"{quoted(target)} appeared during the run and is not vnresolve's "
                    "output; it is left as it is"), result.seconds)
                self.by_hash[p.sha256] = result
                return [result] + [self._duplicate(*d[:2], p.sha256, *d[2:], result) for d in p.duplicates]
            try:
                result = self._reviewed(result, p)
                result = self._write_archives(result, p)
                write_atomic(target, result.json or "")
            except OSError as err:
                result = self._fail(p.path, p.abspath, p.sha256, p.size, p.mtime_ns, ErrorItem(
                    "write", "unwritable-output", f"cannot write {quoted(target)}: {err.strerror or err}"), result.seconds)
            else:
                result = self._record(result.but(output=p.output), p.path, p.abspath, p.sha256, p.size, p.mtime_ns)
        else:
            result = self._record(result, p.path, p.abspath, p.sha256, p.size, p.mtime_ns)
        self.by_hash[p.sha256] = result
        return [result] + [self._duplicate(*d[:2], p.sha256, *d[2:], result) for d in p.duplicates]


def is_document_output(path: Path, sha256: str | None = None) -> bool:
    """Whether the file at `path` is vnresolve's JSON output (of the bytes `sha256`, where given), by
    its first 64 KiB; OSError where it cannot be read."""
    with open(path, "rb") as fh:
        head = fh.read(1 << 16)
    return b'"schema_version"' in head and (sha256 is None or f'"sha256": "{sha256}"'.encode() in head)


def _reserved(name: str | None) -> bool:
    """A name `review` keeps in OUTDIR for itself (lexicon.json, <x>.review.json), never a document's."""
    from vnresolve.review.lexicon import NAME as LEXICON
    from vnresolve.review.log import SUFFIX as REVIEW_SUFFIX

    return bool(name) and (name == LEXICON or name.endswith(REVIEW_SUFFIX))  # type: ignore[union-attr]


def _archive_names(record: dict) -> tuple[str, ...]:
    """The archive files a manifest line names; a hand-edited line's other value names none."""
    names = record.get("archives")
    return tuple(names) if isinstance(names, list) and all(isinstance(n, str) for n in names) else ()


def _holds(path: Path, sha256: str) -> bool:
    """Whether the file names the source's SHA-256 (our PDF's XMP, ALTO's fileIdentifier, hOCR's meta)."""
    import mmap

    try:
        with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
            return data.find(sha256.encode()) >= 0
    except (OSError, ValueError):  # unreadable, or empty (mmap refuses a zero-length file)
        return False


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def _stop_on_sigterm():
    """`kill`, systemd and batch schedulers send SIGTERM: stop as cleanly as for Ctrl-C."""
    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, _interrupt)


def make_executor(kind: str, options: PipelineOptions, workers: int, timeout: float | None, scheduler: str | None) -> Executor:
    if kind == "dask":
        from vnresolve.pipeline.dask_executor import DaskExecutor  # optional dependency, imported only when asked for

        return DaskExecutor(options, scheduler, workers=workers, timeout=timeout)
    if kind == "local":
        return LocalExecutor(options, workers=workers, timeout=timeout)
    raise ValueError(f"unknown executor {kind!r} (local, dask)")


def run_batch(
    files: list[Path], outdir: Path, options: PipelineOptions, workers: int = 1, force: bool = False,
    timeout: float | None = None, executor: str = "local", scheduler: str | None = None,
    on_done: Callable[[ConversionResult], None] | None = None, passed: list[Passed] = (),
    names: Callable[[Path], str] | None = None,
) -> BatchResult:
    """Convert `files` into `outdir`, skipping what a previous run finished; never raises for a bad document.

    At most `executor.slots` documents are in flight and files are hashed
    just before they are submitted, so memory does not grow with the folder.
    Ctrl-C (KeyboardInterrupt) stops the workers and returns what finished,
    with `interrupted` set. `passed`: the paths discovery met and did not take,
    recorded first.
    """
    os.environ["OMP_THREAD_LIMIT"] = "1"  # inherited by workers and their tesseract processes
    started = time.monotonic()
    previous_term = _stop_on_sigterm()
    result = BatchResult()
    outdir.mkdir(parents=True, exist_ok=True)
    lock = lock_outdir(outdir)
    try:
        _remove_stale_temporaries(outdir)

        def emit(done: ConversionResult) -> None:
            result.results.append(done)
            if on_done:
                on_done(done)

        batch = _Batch(outdir, options, force, names)
        for item in passed:
            emit(batch.passed(item))
        if not files:
            return result
        # Fewer documents than workers (one big PDF, say): the spare workers go to their pages
        # (a page-level OCR pool inside each document's worker), never more processes than --workers.
        doc_workers, page_workers = workers, 1
        if executor == "local" and 0 < len(files) < workers:
            doc_workers, page_workers = len(files), workers // len(files)
        pool = make_executor(executor, options, doc_workers, timeout, scheduler)
        todo: Iterator[tuple[int, Path]] = iter(enumerate(files))
        in_flight = 0
        try:
            exhausted = False
            while True:
                while not exhausted and in_flight < pool.slots:
                    item = next(todo, None)
                    if item is None:
                        exhausted = True
                        break
                    planned = batch.plan(item[1], item[0])
                    if isinstance(planned, Job):
                        if page_workers > 1:
                            planned = Job(planned.key, planned.path, page_workers=page_workers, name=planned.name)
                        pool.submit(planned)
                        in_flight += 1
                    elif planned is not None:
                        emit(planned)
                if exhausted and in_flight == 0:
                    break
                for job, task_result in pool.collect(timeout=0.5):
                    in_flight -= 1
                    for done in batch.finish(job, task_result):
                        emit(done)
        except KeyboardInterrupt:
            result.interrupted = True
        finally:
            pool.close()
    finally:
        lock.close()
        if previous_term is not None:
            signal.signal(signal.SIGTERM, previous_term)
    result.seconds = time.monotonic() - started
    return result
