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
from schemas import Document
from test_batch import make_folder


def ingest_cmd(src: Path, out: Path) -> list[str]:
    return [sys.executable, str(ROOT / "cli.py"), "-q", "ingest", str(src), "-o", str(out), "--no-restore", "--workers", "2"]


def kill_resume_rounds(src: Path, out: Path, rounds: int, rng: random.Random, env: dict, window: float) -> list[int]:
    """Run the CLI `rounds` times, each SIGKILLed (whole process group) at a random moment within `window` s.

    Returns, per killed run, how many documents it recorded before dying.
    """
    progress = []
    for _ in range(rounds):
        before = len(read_records(out / MANIFEST_NAME))
        proc = subprocess.Popen(ingest_cmd(src, out), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)
        time.sleep(rng.uniform(0.2, window))
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            progress.append(len(read_records(out / MANIFEST_NAME)) - before)
        proc.wait()
    return progress


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
    env = {**os.environ, "PYTHONPATH": str(ROOT), "VNRESOLVE_TEST_FAULT": "delay::0.08"}
    started = time.monotonic()
    subprocess.run(ingest_cmd(src, reference), env=env, check=True, capture_output=True, timeout=300)
    full_run = time.monotonic() - started  # kill moments are spread over a whole run, start-up included
    out = tmp_path / "out"
    progress = kill_resume_rounds(src, out, rounds=5, rng=random.Random(1234), env=env, window=full_run * 0.8)
    # The test must really interrupt runs mid-batch, not only before the first or after the last document.
    print("documents recorded per killed run:", progress)
    assert len(progress) >= 3 and any(n > 0 for n in progress), progress
    check_after_resume(src, out, reference)
