"""A benchmark run where the shared data is absent (a worktree outside /work, VNRESOLVE_SHARED
pointing elsewhere) says in one line what is missing and how to point at it, instead of nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("call", ["bench_restoration import fast; fast()", "bench_restoration import main; main()",
                                  "restoration_dev import main; main([])", "bench_parsers import main; main()",
                                  "bench_realpages import main; main()", "bench_catalogue import main; main()"])
def test_a_benchmark_without_its_shared_data_says_so(tmp_path, call):
    env = {**os.environ, "VNRESOLVE_SHARED": str(tmp_path / "nowhere")}
    out = subprocess.run([sys.executable, "-c", f"from benchmarks.{call}"], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=120, check=True).stdout
    lines = out.splitlines()
    assert len(lines) == 1, out
    assert "skipped" in lines[0] and str(tmp_path / "nowhere") in lines[0] and "VNRESOLVE_SHARED" in lines[0]
