"""kill -9 at random moments, then resume: no corrupt or missing output, nothing finished redone.

The batch process and its workers are SIGKILLed together (the whole process
group, as an OOM killer or a power cut would), several times over. Kill
moments are drawn relative to progress (during start-up, or a random number
of documents into the run plus a random fraction of a document), so every
run is really interrupted mid-batch however loaded the machine is. The final
run must leave exactly the outputs an uninterrupted run writes, and the
manifest must show every document finished once.
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

import pytest

from fixtures.paths import ROOT
from vnresolve.pipeline.manifest import MANIFEST_NAME, read_records
from vnresolve.schemas import Document
from fixtures.documents import make_folder


def ingest_cmd(src: Path, out: Path) -> list[str]:
    return [sys.executable, str(ROOT / "cli.py"), "-q", "ingest", str(src), "-o", str(out), "--no-restore", "--workers", "2"]


def _recorded(out: Path) -> int:
    return len(read_records(out / MANIFEST_NAME))


def kill_resume_rounds(src: Path, out: Path, total: int, rounds: int, rng: random.Random, env: dict) -> list[int]:
    """Run the CLI `rounds` times, each SIGKILLed at a random moment; returns documents recorded by each killed run."""
    progress = []
    for _ in range(rounds):
        before = _recorded(out)
        # A quarter of the kills land in start-up; the rest after a random share of what is left.
        target = before if rng.random() < 0.25 else before + rng.randint(1, max(1, (total - before) // 3))
        proc = subprocess.Popen(ingest_cmd(src, out), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)
        if target == before:
            time.sleep(rng.uniform(0.05, 1.0))
        else:
            while _recorded(out) < target and proc.poll() is None:
                time.sleep(0.01)
            time.sleep(rng.uniform(0.0, 0.1))  # somewhere inside the next document(s): processing, renaming, appending
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            progress.append(_recorded(out) - before)
        proc.wait()
    return progress


def check_after_resume(src: Path, out: Path, reference: Path) -> None:
    env = dict(os.environ)
    final = subprocess.run(ingest_cmd(src, out), env=env, capture_output=True, timeout=300)
    assert final.returncode == 0, final.stderr.decode()
    expected = {p.name: p.read_bytes() for p in reference.glob("*.json")}
    produced = {p.name: p.read_bytes() for p in out.glob("*.json")}
    assert produced == expected  # nothing missing, nothing corrupt, nothing extra
    for data in produced.values():
        Document.model_validate_json(data)
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    finished = Counter(r["hash"] for r in read_records(out / MANIFEST_NAME) if r["status"] == "success")
    assert len(finished) == len(expected)
    assert max(finished.values()) == 1, "a document recorded finished was processed again"


@pytest.mark.slow
def test_five_random_sigkills_then_resume_leave_every_output_whole(tmp_path: Path):
    src = tmp_path / "in"
    make_folder(src, 30)
    # 0.1 s a document: slow enough that a kill lands before the batch is through even when the
    # test machine is loaded (at 0.05 s, a loaded run once finished all 30 within the killed runs)
    env = {**os.environ, "VNRESOLVE_TEST_FAULT": "delay::0.1"}
    reference = tmp_path / "reference"
    subprocess.run(ingest_cmd(src, reference), env=env, check=True, capture_output=True, timeout=300)
    out = tmp_path / "out"
    progress = kill_resume_rounds(src, out, 30, rounds=5, rng=random.Random(1234), env=env)
    print("documents recorded per killed run:", progress)
    # The runs must really have been interrupted, some of them mid-batch.
    assert len(progress) >= 4 and any(n > 0 for n in progress) and sum(progress) < 30, progress
    check_after_resume(src, out, reference)
