"""kill -9 at random moments, then resume: no corrupt or missing output, nothing finished redone.

The batch process and its workers are SIGKILLed together (the whole process
group, as an OOM killer or a power cut would), at a random moment, several
times over; the final run must leave exactly the outputs an uninterrupted
run writes, and the manifest must show every document finished once.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from conftest import ROOT
from pipeline.manifest import MANIFEST_NAME, read_records
from pipeline.batch import run_batch
from pipeline.process import PipelineOptions
from schemas import Document
from test_batch import make_folder


def kill_resume_rounds(src: Path, out: Path, rounds: int, rng: random.Random, delay: float = 0.05,
                       max_wait: float = 3.0) -> int:
    """Run the CLI `rounds` times, each SIGKILLed after a random time; returns how many were actually killed."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "VNRESOLVE_TEST_FAULT": f"delay::{delay}"}
    cmd = [sys.executable, str(ROOT / "cli.py"), "-q", "ingest", str(src), "-o", str(out), "--no-restore", "--workers", "2"]
    killed = 0
    for _ in range(rounds):
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(rng.uniform(0.3, max_wait))
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            killed += 1
        proc.wait()
    return killed


def check_after_resume(src: Path, out: Path, reference: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    final = subprocess.run([sys.executable, str(ROOT / "cli.py"), "-q", "ingest", str(src), "-o", str(out), "--no-restore"],
                           env=env, capture_output=True, timeout=300)
    assert final.returncode == 0, final.stderr.decode()
    expected = {p.name: p.read_bytes() for p in reference.glob("*.json")}
    produced = {p.name: p.read_bytes() for p in out.glob("*.json")}
    assert produced == expected  # nothing missing, nothing corrupt, nothing extra
    for data in produced.values():
        Document.model_validate_json(data)
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    finished = Counter(r["hash"] for r in read_records(out / MANIFEST_NAME) if r["status"] == "ok")
    assert len(finished) == len(expected)
    assert max(finished.values()) == 1, "a document recorded finished was processed again"


def test_five_random_sigkills_then_resume_leave_every_output_whole(tmp_path: Path):
    src = tmp_path / "in"
    make_folder(src, 40)
    reference = tmp_path / "reference"
    run_batch(sorted(src.iterdir()), reference, PipelineOptions(restore=False), workers=1)
    out = tmp_path / "out"
    killed = kill_resume_rounds(src, out, rounds=5, rng=random.Random(1234))
    assert killed >= 3  # the test must really interrupt runs, not watch them finish
    check_after_resume(src, out, reference)
