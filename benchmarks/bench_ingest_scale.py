"""Issue 3's scale targets on the real CLI: time and memory of `vnresolve ingest` on long scans.

- speed: a 30-page scanned PDF with `--workers 2` against raw `tesseract -l vie`
  (OMP_THREAD_LIMIT=1, 2 processes) over the same page images, in the same run;
- memory: peak RSS of the whole process tree (CLI + workers) on a 200-page scan.

Long scans are made by concatenating pages of `samples/resolution-04-NQ-TU-scan.pdf`
with poppler's pdfseparate/pdfunite, so nothing here needs ../shared.

    python -m benchmarks.bench_ingest_scale [--only speed,memory] [--pages 30] [--memory-pages 200]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCAN = ROOT / "samples" / "resolution-04-NQ-TU-scan.pdf"
CACHE = ROOT / "benchmarks" / ".cache" / "scale"
ENV = {**os.environ, "OMP_THREAD_LIMIT": "1"}


def long_scan(pages: int) -> Path:
    """A scanned PDF of `pages` pages, cycling through the sample scan's pages."""
    out = CACHE / f"scan-{pages}p.pdf"
    if out.exists():
        return out
    CACHE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdfseparate", str(SCAN), f"{tmp}/p-%03d.pdf"], check=True)
        singles = sorted(Path(tmp).glob("p-*.pdf"))
        chosen = [str(singles[i % len(singles)]) for i in range(pages)]
        subprocess.run(["pdfunite", *chosen, str(out)], check=True)
    return out


def page_images(pdf: Path, dpi: int = 200) -> list[Path]:
    """The same page images Tesseract sees (the sample scan is 200 dpi), as PGM files."""
    folder = CACHE / f"{pdf.stem}-img"
    if not folder.exists():
        folder.mkdir(parents=True)
        subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), str(pdf), str(folder / "p")], check=True)
    return sorted(folder.glob("p-*.pgm"))


def raw_tesseract(images: list[Path], procs: int = 2) -> float:
    def one(img: Path) -> None:
        subprocess.run(["tesseract", str(img), "-", "-l", "vie"], env=ENV, capture_output=True, check=True)

    t0 = time.perf_counter()
    with ThreadPoolExecutor(procs) as pool:
        list(pool.map(one, images))
    return time.perf_counter() - t0


def _tree_rss_kib(root_pid: int) -> int:
    """Sum of VmRSS over a process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        pid, ppid = int(entry.name), int(fields.get("PPid", "0").strip())
        children.setdefault(ppid, []).append(pid)
        rss[pid] = int(fields.get("VmRSS", "0 kB").split()[0]) if "VmRSS" in fields else 0
    total, stack = 0, [root_pid]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def run_cli(pdf: Path, extra: list[str]) -> tuple[float, int, int]:
    """(seconds, peak tree RSS in KiB, exit code) of `vnresolve ingest pdf` in a fresh outdir."""
    with tempfile.TemporaryDirectory() as out:
        cmd = [sys.executable, str(ROOT / "cli.py"), "-q", "ingest", str(pdf), "-o", out, "--workers", "2", *extra]
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        peak = 0
        done = threading.Event()

        def watch() -> None:
            nonlocal peak
            while not done.is_set():
                peak = max(peak, _tree_rss_kib(proc.pid))
                time.sleep(0.2)

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        _, err = proc.communicate()
        seconds = time.perf_counter() - t0
        done.set()
        watcher.join()
        if proc.returncode:
            print(err.decode(errors="replace")[-500:], file=sys.stderr)
        return seconds, peak, proc.returncode


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", default="speed,memory")
    ap.add_argument("--pages", type=int, default=30)
    ap.add_argument("--memory-pages", type=int, default=200)
    args = ap.parse_args(argv if argv is not None else [])
    if not SCAN.exists():
        print(f"skipped: {SCAN} missing")
        return
    only = set(args.only.split(","))
    if "speed" in only:
        pdf = long_scan(args.pages)
        images = page_images(pdf)
        raw = raw_tesseract(images)
        ocr_only, _, rc1 = run_cli(pdf, ["--no-restore"])
        whole, _, rc2 = run_cli(pdf, [])
        print(f"speed, {len(images)}-page 200 dpi scan, 2 workers/processes, same run:")
        print(f"  raw tesseract -l vie       {raw:6.1f} s  ({raw / len(images):.2f} s/page)")
        print(f"  vnresolve ingest --no-restore {ocr_only:6.1f} s  = {ocr_only / raw:.2f}x raw (rc {rc1})")
        print(f"  vnresolve ingest (restore+parse) {whole:6.1f} s  = {whole / raw:.2f}x raw (rc {rc2})")
    if "memory" in only:
        pdf = long_scan(args.memory_pages)
        seconds, peak, rc = run_cli(pdf, [])
        print(f"memory, {args.memory_pages}-page scan, --workers 2: peak RSS of CLI + workers {peak / 1024:.0f} MiB, "
              f"{seconds:.0f} s (rc {rc})")


if __name__ == "__main__":
    main(sys.argv[1:])
