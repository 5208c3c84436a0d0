"""OUTDIR/manifest.jsonl: the batch's durable memory, one JSON line per finished document.

It is append-only and fsync'd after every line, so after `kill -9` it holds
exactly the documents whose outputs were already renamed into place (the
output is written first, the line second). A line torn by a crash is skipped
on reading and fenced off with a newline before the next append. Timings and
other run-dependent facts live here, never in the Document JSON.
"""

from __future__ import annotations

import fcntl
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from vnresolve.pipeline.result import RECORD_FIELDS

MANIFEST_NAME = "manifest.jsonl"
LOCK_NAME = ".vnresolve.lock"
_RESUME_FIELDS = ("input", "abspath", "hash", "status", "size", "mtime_ns", "pipeline", "output", "archives", "pages")
_CONVERTED = ("success", "partial_success")
# Lines written by vnresolve 0.3 and earlier: their status words, read as today's.
_OLD_STATUS = {"ok": "success", "failed": "failure", "duplicate": "skipped", "verified": "skipped"}


class OutdirBusy(Exception):
    """Another run holds OUTDIR; two writers would race on outputs and the manifest."""


def lock_outdir(outdir: Path):
    """Exclusive lock for the run's lifetime; the kernel drops it if the process is killed."""
    outdir.mkdir(parents=True, exist_ok=True)
    fh = open(outdir / LOCK_NAME, "a")
    try:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError as err:
        fh.close()
        raise OutdirBusy(f"{outdir} is in use by another vnresolve run") from err
    return fh


def read_records(path: Path) -> list[dict]:
    """Every complete, parseable line; a torn last line (crash mid-write) is ignored."""
    if not path.exists():
        return []
    records = []
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(record, dict) and "document" in record and "input" not in record:
                record = _upgrade(record)
            if isinstance(record, dict) and "input" in record and "status" in record:
                records.append(record)
    return records


def _upgrade(record: dict) -> dict:
    """A 0.3 line (document, ok/failed/duplicate/verified, stage + error) in today's fields."""
    record = dict(record)
    record["input"] = record.pop("document")
    record["status"] = _OLD_STATUS.get(record.get("status"), record.get("status"))
    stage, error = record.pop("stage", None), record.pop("error", None)
    record["errors"] = [{"stage": stage or "pipeline", "code": "error", "message": error, "page": None}] if error else []
    return record


def latest_by_document(records: list[dict]) -> dict[str, dict]:
    """The last word on each document path (a later retry supersedes an earlier failure)."""
    latest: dict[str, dict] = {}
    for record in records:
        latest[record.get("abspath") or record["input"]] = record
    return latest


@dataclass
class Manifest:
    outdir: Path
    by_path: dict[str, dict] = field(default_factory=dict)
    done: dict[tuple[str, str], dict] = field(default_factory=dict)  # (hash, pipeline) -> ok record
    owners: dict[str, str] = field(default_factory=dict)  # output (relative) -> abspath that owns it

    @property
    def path(self) -> Path:
        return self.outdir / MANIFEST_NAME

    @classmethod
    def load(cls, outdir: Path) -> Manifest:
        manifest = cls(outdir)
        for record in read_records(manifest.path):
            manifest._index(record)
        return manifest

    def _index(self, record: dict) -> None:
        """Keep only what resume needs, so memory grows by ~0.3 kB per document, not by whole records."""
        key = record.get("abspath") or record["input"]
        record = {k: record.get(k) for k in _RESUME_FIELDS}
        self.by_path[key] = record
        if record["status"] in _CONVERTED and record.get("output") and record.get("hash"):
            self.done[(record["hash"], record.get("pipeline", ""))] = record
            self.owners[record["output"]] = key

    def finished_output(self, sha256: str, version: str) -> str | None:
        """Output (relative) of a finished run of these bytes with this version, if it still exists."""
        record = self.done.get((sha256, version))
        if record and (self.outdir / record["output"]).is_file():
            return record["output"]
        return None

    def unchanged(self, abspath: str, size: int, mtime_ns: int, version: str) -> dict | None:
        """Fast resume: the file looks exactly as when it was last finished, so skip re-hashing it.

        Size plus nanosecond mtime is what rsync and make trust; an edit that
        keeps both identical is vanishingly rare and `--force` covers it.
        """
        record = self.by_path.get(abspath)
        if (record and record["status"] != "failure" and record.get("size") == size
                and record.get("mtime_ns") == mtime_ns and record.get("pipeline") == version
                and self.finished_output(record["hash"], version)):
            return record
        return None

    def append(self, record: dict) -> None:
        record = {k: record.get(k) for k in RECORD_FIELDS}
        try:
            data = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
        except UnicodeEncodeError:  # a file name that is not valid UTF-8: \u-escaped, it still round-trips exactly
            data = (json.dumps(record, ensure_ascii=True) + "\n").encode("ascii")
        self.outdir.mkdir(parents=True, exist_ok=True)
        with open(self.path, "ab") as fh:
            if fh.tell() > 0 and not _ends_with_newline(self.path):
                fh.write(b"\n")  # fence off a line torn by an earlier crash
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        self._index(record)


def _ends_with_newline(path: Path) -> bool:
    with open(path, "rb") as fh:
        fh.seek(-1, os.SEEK_END)
        return fh.read(1) == b"\n"
