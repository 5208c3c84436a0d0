"""The Dask executor runs the same per-document task and must write byte-identical outputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from fixtures.paths import run_cli
from vnresolve.pipeline.manifest import MANIFEST_NAME, read_records
from fixtures.documents import make_folder

distributed = pytest.importorskip("distributed", reason="dask[distributed] not installed (pip install -e '.[dask]')")


def test_dask_executor_writes_the_same_bytes_as_the_local_one(tmp_path: Path):
    src = tmp_path / "in"
    make_folder(src, 3)
    (src / "empty.txt").write_bytes(b"")
    local, remote = tmp_path / "local", tmp_path / "dask"
    proc = run_cli("ingest", str(src), "-o", str(local), "--no-restore", "--workers", "2")
    assert proc.returncode == 1 and b"empty.txt: ingest:" in proc.stderr
    # In-process workers keep the test fast; the CLI still talks to the scheduler over TCP.
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, protocol="tcp",
                                  dashboard_address=None) as cluster:
        proc = run_cli("ingest", str(src), "-o", str(remote), "--no-restore", "--executor", "dask",
                       "--scheduler", cluster.scheduler_address, timeout=120)
    assert proc.returncode == 1, proc.stderr.decode()
    assert b"empty.txt: ingest:" in proc.stderr
    produced = sorted(p.name for p in remote.glob("*.json"))
    assert produced == sorted(p.name for p in local.glob("*.json")) and len(produced) == 3
    for name in produced:
        assert (remote / name).read_bytes() == (local / name).read_bytes(), name
    statuses = sorted(r["status"] for r in read_records(remote / MANIFEST_NAME))
    assert statuses == ["failure", "success", "success", "success"]
