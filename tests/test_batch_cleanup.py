"""What a document leaves behind when it ends badly: no temp files, no processes."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from fixtures.documents import make_folder
from fixtures.paths import run_cli
from vnresolve.pipeline.manifest import MANIFEST_NAME, read_records


@pytest.mark.slow
def test_no_temp_file_outlives_its_document_however_it_ends(tmp_path: Path):
    """A worker stopped at --timeout or killed cleans up nothing itself: the batch removes the
    document's temp folder. Finished documents leave nothing either."""
    src = tmp_path / "in"
    _, first, second = make_folder(src, 3)
    first.rename(src / "hangs.txt")
    second.rename(src / "killed.txt")
    temp = tmp_path / "tmp"
    temp.mkdir()
    dead = _dead_pid()
    (temp / f"vnresolve-doc-{dead}-x1y2").mkdir()  # left by a batch killed with -9: the next batch removes it
    (temp / f"vnresolve-doc-{os.getpid()}-x1y2").mkdir()  # a live batch's: kept
    env = {**os.environ, "TMPDIR": str(temp),
           "VNRESOLVE_TEST_FAULT": "tmpfile:;hang:hangs;kill:killed"}
    out = tmp_path / "out"
    proc = run_cli("ingest", str(src), "-o", str(out), "--no-restore", "--workers", "2", "--timeout", "4", env=env, timeout=150)
    assert proc.returncode == 1, proc.stderr.decode()
    records = {Path(r["input"]).name: r["status"] for r in read_records(out / MANIFEST_NAME)}
    assert records == {"nq000.txt": "success", "hangs.txt": "failure", "killed.txt": "failure"}
    assert sorted(p.name for p in temp.rglob("*")) == [f"vnresolve-doc-{os.getpid()}-x1y2"]


def _dead_pid() -> int:
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid
