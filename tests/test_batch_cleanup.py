"""What a document leaves behind when it ends badly: no temp files, no processes."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from fixtures.documents import make_folder
from fixtures.paths import marked_processes, run_cli
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




def _scanned_tiff(path: Path, pages: int) -> None:
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.load_default(size=28)
    frames = []
    for n in range(pages):
        img = Image.new("L", (1654, 2339), 255)
        draw = ImageDraw.Draw(img)
        for row in range(40):
            draw.text((120, 120 + row * 52), f"Trang {n + 1} dong {row + 1}: Nghi quyet ve phat trien kinh te xa hoi", fill=0, font=font)
        frames.append(img)
    frames[0].save(path, save_all=True, append_images=frames[1:], dpi=(200, 200), compression="tiff_deflate")


@pytest.mark.slow
def test_kill_9_of_a_one_document_batch_leaves_no_page_worker_behind(tmp_path: Path):
    """Its document worker dies with it (PR_SET_PDEATHSIG); the page-OCR workers it forked, and the
    resource tracker they keep alive, must die too instead of running on forever."""
    import signal
    import sys
    import time
    import uuid

    from fixtures.paths import ROOT

    src = tmp_path / "in"
    src.mkdir()
    _scanned_tiff(src / "scan.tif", 8)
    marker = f"VNRESOLVE_TEST_MARKER={uuid.uuid4().hex}"
    key, _, value = marker.partition("=")
    env = {**os.environ, key: value}
    batch = subprocess.Popen([sys.executable, str(ROOT / "cli.py"), "ingest", str(src), "-o", str(tmp_path / "out"),
                              "--no-restore", "--workers", "3"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        deadline = time.monotonic() + 90
        while len(marked_processes(marker, live_only=True)) < 5:  # batch, document worker, 2+ page workers, tracker
            assert batch.poll() is None, "the batch finished before its page workers were seen"
            assert time.monotonic() < deadline, marked_processes(marker, live_only=True)
            time.sleep(0.05)
    finally:
        batch.send_signal(signal.SIGKILL)
        batch.wait()
    deadline = time.monotonic() + 15
    while marked_processes(marker, live_only=True) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = marked_processes(marker, live_only=True)
    for pid in left:  # do not leak them into the rest of the test run
        os.kill(pid, signal.SIGKILL)
    assert left == []
