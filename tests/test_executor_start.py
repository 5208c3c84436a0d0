"""How a batch's document workers start: forked from a batch process that runs no other thread,
with the batch's SIGTERM handler undone, and with Tesseract's engines loaded before the first job."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from vnresolve.ingest import tessapi

ROOT = Path(__file__).resolve().parent.parent
TEXT = ROOT / "samples" / "002-resolution-ha-tu-ward.txt"


def _python(code: str) -> list[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120).stdout.split()


def test_workers_are_forked_unless_another_thread_runs():
    out = _python(
        "import threading\n"
        "from vnresolve.pipeline.executors import worker_start_method\n"
        "alone = worker_start_method()\n"
        "stop = threading.Event(); t = threading.Thread(target=stop.wait); t.start()\n"
        "beside = worker_start_method(); stop.set(); t.join()\n"
        "import time\n"
        "from vnresolve.pipeline.executors import _os_threads\n"
        "for _ in range(200):  # the kernel ends a joined thread a moment after Python's join returns\n"
        "    if _os_threads() == 1: break\n"
        "    time.sleep(0.01)\n"
        "print(alone, beside, worker_start_method())")
    assert out == ["fork", "spawn", "fork"]


def test_workers_are_spawned_beside_a_native_thread_pool():
    # OpenCV's pool runs threads Python does not count; a child forked beside them hung importing cv2
    out = _python(
        "import cv2, numpy as np\n"
        "from vnresolve.pipeline.executors import worker_start_method\n"
        "cv2.setNumThreads(4); cv2.GaussianBlur(np.zeros((2000, 2000), np.uint8), (15, 15), 0)\n"
        "print(worker_start_method())")
    assert out == ["spawn"]


def test_a_forked_worker_converts_and_dies_of_sigterm_not_of_the_batch_handler():
    """The batch's SIGTERM handler raises KeyboardInterrupt; a forked worker that kept it would exit
    with status 1 from inside its loop instead of being terminated by the signal."""
    out = _python(
        "import os, signal\n"
        "from vnresolve.pipeline.executors import Job, LocalExecutor\n"
        "from vnresolve.pipeline.options import PipelineOptions\n"
        "def stop(*_): raise KeyboardInterrupt\n"
        "signal.signal(signal.SIGTERM, stop)\n"
        "ex = LocalExecutor(PipelineOptions(restore=False), workers=1)\n"
        f"ex.submit(Job(0, {str(TEXT)!r}))\n"
        "done = []\n"
        "while not done: done = ex.collect(1.0)\n"
        "worker = ex._pool[0]\n"
        "os.kill(worker.process.pid, signal.SIGTERM); worker.process.join(20)\n"
        "print(worker.process._start_method, done[0][1].status.value, worker.process.exitcode)\n"
        "ex.close()")
    assert out == ["fork", "success", str(-15)]


@pytest.mark.skipif(not tessapi.available(), reason="libtesseract cannot be loaded here: the program is used, no engine to load")
def test_a_worker_has_the_engines_loaded_before_its_first_job_and_no_thread_left():
    code = ("import threading\n"
            "from vnresolve.pipeline.executors import _import_stages\n"
            "from vnresolve.pipeline.options import PipelineOptions\n"
            "from vnresolve.ingest.options import IngestOptions\n"
            "_import_stages(PipelineOptions(ingest=IngestOptions(ocr={ocr!r})))\n"
            "from vnresolve.ingest import tessapi\n"
            "print(threading.active_count(), *sorted('-'.join(k) for k in tessapi._engines))")
    assert _python(code.format(ocr="auto")) == ["1", "eng-digits", "vie-page"]
    assert _python(code.format(ocr="never")) == ["1"]  # a batch that never OCRs loads no model
