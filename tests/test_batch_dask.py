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


@pytest.mark.slow
def test_a_scheduler_address_where_no_dask_scheduler_answers_is_a_usage_error(tmp_path: Path):
    import http.server
    import socket
    import threading
    import time

    src = tmp_path / "in"
    make_folder(src, 1)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    silent = socket.socket()  # accepts connections, never writes
    silent.bind(("127.0.0.1", 0))
    silent.listen()
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    closed_port = closed.getsockname()[1]
    closed.close()
    try:
        for address, says in ((f"tcp://127.0.0.1:{server.server_address[1]}", b"did not answer as a Dask scheduler"),
                              (f"tcp://127.0.0.1:{silent.getsockname()[1]}", b"did not answer as a Dask scheduler"),
                              (f"127.0.0.1:{closed_port}", b"cannot reach the Dask scheduler"),
                              ("foo", b"is not a scheduler address")):
            started = time.monotonic()
            proc = run_cli("ingest", str(src), "-o", str(tmp_path / "out"), "--no-restore", "--executor", "dask",
                           "--scheduler", address, timeout=60)
            assert proc.returncode == 2 and says in proc.stderr and b"Traceback" not in proc.stderr, (address, proc.stderr)
            assert time.monotonic() - started < 30
    finally:
        server.shutdown()
        silent.close()
    assert not list((tmp_path / "out").glob("*.json"))


def test_a_banner_that_is_not_a_dask_handshake_is_refused():
    import socket
    import threading

    from vnresolve.pipeline.dask_executor import check_scheduler

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()

    def greet():
        conn, _ = listener.accept()
        conn.sendall(b"SSH-2.0-OpenSSH_9.2\r\n")
        conn.close()

    threading.Thread(target=greet, daemon=True).start()
    with pytest.raises(RuntimeError, match="answered, but not as a Dask scheduler"):
        check_scheduler(f"tcp://127.0.0.1:{listener.getsockname()[1]}")
    listener.close()


@pytest.mark.slow
def test_a_stuck_document_frees_its_dask_worker_and_the_rest_finish(tmp_path: Path):
    import os

    src = tmp_path / "in"
    files = make_folder(src, 10)
    files[0].rename(src / "a-stuck.txt")  # taken up first; every other document takes a second
    env = {**os.environ, "VNRESOLVE_TEST_FAULT": "hang:stuck;delay::1"}
    proc = run_cli("ingest", str(src), "-o", str(tmp_path / "out"), "--no-restore", "--executor", "dask", "--workers", "2",
                   "--timeout", "5", env=env, timeout=240)
    assert proc.returncode == 1, proc.stderr.decode()
    statuses = {Path(r["input"]).name: r["status"] for r in read_records(tmp_path / "out" / MANIFEST_NAME)}
    assert statuses == {"a-stuck.txt": "failure", **{f.name: "success" for f in files[1:]}}
