"""Run every benchmark: each `benchmarks/bench_*.py` module's `main()`, in name order.

Discovery keeps this file out of the way of whoever adds a benchmark. Pass
names to run a subset: `python -m benchmarks ocr parse`.
"""

from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    here = Path(__file__).resolve().parent
    names = sorted(p.stem for p in here.glob("bench_*.py"))
    if argv:
        names = [n for n in names if n.removeprefix("bench_") in argv or n in argv]
    failed = 0
    for name in names:
        print(f"== {name}", flush=True)
        t0 = time.perf_counter()
        try:
            importlib.import_module(f"benchmarks.{name}").main()
        except SystemExit as err:
            if err.code not in (None, 0):
                failed += 1
                print(f"{name}: exited with {err.code}", file=sys.stderr)
        except Exception as err:  # one broken bench must not hide the others' figures
            failed += 1
            print(f"{name}: {type(err).__name__}: {err}", file=sys.stderr)
        print(f"== {name} done in {time.perf_counter() - t0:.1f}s", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
