"""Long text: time and peak memory of `vnresolve parse --no-restore` and `vnresolve restore` at
0.1, 1 and 10 MB.

The text is the worst case the parsers met: one numbered list, (1) … (10), repeated to the size
(each repetition a chain of indicator markers). Each size runs the real CLI in a fresh process on a
file; the time is the process's wall time, the memory its peak RSS (start-up included: the 0.1 MB
figure is mostly the interpreter and the parsers' imports). Near-linear means ×10 text ≈ ×10 time.
Restoration reads mangled OCR (accent-stripped sentences with English-model misreads), restored in
pieces of diacritics.ngram.CHUNK_CHARS, so its memory stays flat as the text grows.

    python -m benchmarks.bench_scale_text [--sizes 0.1,1,10]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

UNIT = "".join(f"({k}) Tăng trưởng kinh tế đạt {k}% trở lên; thu ngân sách {k * 10} tỷ đồng.\n" for k in range(1, 11))


def repeated_lists(megabytes: float) -> str:
    size = int(megabytes * 1_000_000)
    unit = len(UNIT.encode("utf-8"))
    return UNIT * max(1, size // unit)


MANGLED = ("Nghi quyet Pai hoi Pang bd tinh lan thir XV da x4c dinh cac muc tiéu chu yéu, nang cao chét luong "
           "doi séng ctia Nhén dan; t6 chirc thuc hién c6 hiéu qua cac nhiém vu.\n")


def mangled_text(megabytes: float) -> str:
    return MANGLED * max(1, int(megabytes * 1_000_000) // len(MANGLED.encode("utf-8")))


def run_cli(*args: str) -> tuple[float, float, int]:
    """(wall seconds, peak RSS in MB, exit status) of one CLI process."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, str(ROOT / "cli.py"), *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss / 1024, proc.returncode


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="0.1,1,10", help="megabytes of text, comma-separated")
    args = ap.parse_args(argv if argv is not None else [])
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-scale-text-") as tmp:
        for mb in (float(s) for s in args.sizes.split(",")):
            path = Path(tmp) / f"lists-{mb:g}MB.txt"
            path.write_text(repeated_lists(mb), encoding="utf-8")
            wall, peak, code = run_cli("parse", "--no-restore", str(path))
            rows.append((mb, wall, peak))
            status = "" if code == 0 else f" (exit {code})"
            print(f"parse --no-restore, {path.stat().st_size / 1e6:.2f} MB of repeated numbered lists: "
                  f"{wall:.2f} s, peak RSS {peak:.0f} MB{status}", flush=True)
        for (mb0, t0, _), (mb1, t1, _) in zip(rows, rows[1:]):
            print(f"  {mb0:g} -> {mb1:g} MB: time x{t1 / t0:.1f} for text x{mb1 / mb0:g}")
        rows = []
        for mb in (float(s) for s in args.sizes.split(",")):
            path = Path(tmp) / f"ocr-{mb:g}MB.txt"
            path.write_text(mangled_text(mb), encoding="utf-8")
            wall, peak, code = run_cli("restore", str(path))
            rows.append((mb, wall, peak))
            status = "" if code == 0 else f" (exit {code})"
            print(f"restore, {path.stat().st_size / 1e6:.2f} MB of mangled OCR: {wall:.2f} s, peak RSS {peak:.0f} MB{status}",
                  flush=True)
        for (mb0, t0, _), (mb1, t1, _) in zip(rows, rows[1:]):
            print(f"  {mb0:g} -> {mb1:g} MB: time x{t1 / t0:.1f} for text x{mb1 / mb0:g}")


if __name__ == "__main__":
    main(sys.argv[1:])
