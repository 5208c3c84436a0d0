"""Scale on the real CLI: time and memory of `vnresolve ingest` on long scans.

- speed: a 30-page scanned PDF with `--workers 2` against raw `tesseract -l vie`
  (default flags, OMP_THREAD_LIMIT=1, 2 processes) over the same page images, in the
  same run; wall time and CPU time of the whole process tree (CPU seconds are far less
  disturbed by other jobs on a shared machine than wall seconds). `--repeat N` alternates
  raw and CLI runs N times and prints the range of the ratios;
- ocrmypdf (when on PATH): its plain command `ocrmypdf -l vie --jobs 2` (PDF/A output) and the
  lighter `--output-type pdf --force-ocr`, alternated with the CLI on the same PDF, `--repeat` rounds;
- memory: peak memory of the whole process tree (CLI + workers) on a 200-page scan: the sum of the
  processes' PSS (a page shared by forked workers counted once), and the sum of their RSS;
- colour-memory (asked for by name): the same on a 200-page 300 dpi colour scan made of real seal
  pages from ../shared/realscans;
- colour-speed (asked for by name): pages per minute of `vnresolve ingest --workers 2` (default command
  and `--no-restore`) against raw `tesseract -l vie` (2 processes) on the same 300 dpi colour page
  images, same run, on a `--colour-pages`-page scan of those seal pages cycled.

Long scans are made by concatenating pages of `samples/resolution-04-NQ-TU-scan.pdf`
with poppler's pdfseparate/pdfunite, so nothing here needs ../shared.

    python -m benchmarks.bench_ingest_scale [--only speed,memory,ocrmypdf,colour-memory,colour-speed] [--pages 30] [--memory-pages 200] [--colour-pages 24] [--repeat N]
"""

from __future__ import annotations

import argparse
import functools
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from benchmarks.shared import SHARED, missing

ROOT = Path(__file__).resolve().parent.parent
SCAN = ROOT / "samples" / "resolution-04-NQ-TU-scan.pdf"
CACHE = ROOT / "benchmarks" / ".cache" / "scale"
ENV = {**os.environ, "OMP_THREAD_LIMIT": "1"}


# Real 300 dpi colour office scans with red seals and blue e-signature text (../shared/realscans)
COLOUR_SCANS = [SHARED / "realscans" / "quang-ngai" / f"{name}.pdf"
                for name in ("23BC_signed", "04_QD_138_signed", "660TBUB_signed", "299_UB_signed")]


def long_scan(pages: int, sources: list[Path] | None = None) -> Path:
    """A scanned PDF of `pages` pages, cycling through the sample scan's pages (or `sources`' pages)."""
    sources = sources or [SCAN]
    out = CACHE / f"scan-{pages}p{'-colour' if sources != [SCAN] else ''}.pdf"
    if out.exists():
        return out
    CACHE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for k, source in enumerate(sources):
            subprocess.run(["pdfseparate", str(source), f"{tmp}/p-{k}-%03d.pdf"], check=True)
        singles = sorted(Path(tmp).glob("p-*.pdf"))
        chosen = [str(singles[i % len(singles)]) for i in range(pages)]
        subprocess.run(["pdfunite", *chosen, str(out)], check=True)
    return out


def page_images(pdf: Path, dpi: int = 200, colour: bool = False) -> list[Path]:
    """The same page images Tesseract sees (the sample scan is 200 dpi), as PGM files, or with
    `colour` as PPM files (a colour scan handed to Tesseract as it is)."""
    folder = CACHE / (f"{pdf.stem}-{dpi}dpi-colour-img" if colour else f"{pdf.stem}-img")
    if not folder.exists():
        folder.mkdir(parents=True)
        subprocess.run(["pdftoppm", *(() if colour else ("-gray",)), "-r", str(dpi), str(pdf), str(folder / "p")], check=True)
    return sorted(folder.glob("p-*.ppm" if colour else "p-*.pgm"))


def _children_cpu() -> float:
    """User + system CPU seconds of every child process waited for so far (and their waited-for children)."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def raw_tesseract(images: list[Path], procs: int = 2) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of plain `tesseract IMG - -l vie`, default flags, `procs` at a time."""
    def one(img: Path) -> None:
        subprocess.run(["tesseract", str(img), "-", "-l", "vie"], env=ENV, capture_output=True, check=True)

    c0, t0 = _children_cpu(), time.perf_counter()
    with ThreadPoolExecutor(procs) as pool:
        list(pool.map(one, images))
    return time.perf_counter() - t0, _children_cpu() - c0


# The plain command writes PDF/A (a Ghostscript pass) as an archive would use it; the lighter
# variant skips that pass and OCRs every page whatever text it has.
OCRMYPDF_RUNS = {"ocrmypdf (plain command)": [], "ocrmypdf --output-type pdf --force-ocr": ["--output-type", "pdf", "--force-ocr"]}


def run_ocrmypdf(pdf: Path, extra: list[str], jobs: int = 2) -> tuple[float, float, int] | None:
    """(wall s, CPU s, exit code) of `ocrmypdf -l vie --jobs 2 [extra]`; None if not installed."""
    exe = shutil.which("ocrmypdf")
    if exe is None:
        return None
    with tempfile.TemporaryDirectory() as out:
        cmd = [exe, "-q", "-l", "vie", "--jobs", str(jobs), *extra, str(pdf), f"{out}/o.pdf"]
        c0, t0 = _children_cpu(), time.perf_counter()
        proc = subprocess.run(cmd, env=ENV, capture_output=True, check=False)
        wall, cpu = time.perf_counter() - t0, _children_cpu() - c0
    if proc.returncode:
        print(proc.stderr.decode(errors="replace")[-500:], file=sys.stderr)
    return wall, cpu, proc.returncode


def _pss_kib(pid: int) -> int:
    """A process's proportional set size: its own pages, and each page it shares with other processes
    (the model and libraries a forked worker shares with its parent) divided among them."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            return next((int(line.split()[1]) for line in f if line.startswith("Pss:")), 0)
    except OSError:
        return 0


def _tree_memory_kib(root_pid: int) -> tuple[int, int, dict[int, tuple[str, int]]]:
    """(sum of VmRSS, sum of PSS, {pid: (kind, PSS)}) over a process and all its descendants, from
    /proc. The RSS sum counts a page shared by n processes n times; the PSS sum counts it once: the
    memory the run holds. kind: the CLI, a document process (its child: restorer and parsers), a
    page worker (the document's OCR process) or the program's name (tesseract, pdftoppm)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    names: dict[int, str] = {}
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
        names[pid] = fields.get("Name", "?").strip()
    total, pss, stack, each = 0, 0, [(root_pid, 0)], {}
    while stack:
        pid, depth = stack.pop()
        total += rss.get(pid, 0)
        own = _pss_kib(pid)
        pss += own
        python = names.get(pid, "").startswith("python")
        kind = {0: "CLI", 1: "document process", 2: "page worker"}.get(depth) if python else None
        each[pid] = (kind or names.get(pid, "?"), own)
        stack.extend((kid, depth + 1) for kid in children.get(pid, []))
    return total, pss, each


@functools.lru_cache(maxsize=None)
def checkout_env(checkout: Path) -> dict[str, str]:
    """The environment that makes `cli.py` of `checkout` import that checkout as `vnresolve`: the
    editable install names this one, so another is put first on the path by a `vnresolve` link to it."""
    if checkout.resolve() == ROOT:
        return ENV
    link = CACHE / "baseline-path" / "vnresolve"
    link.parent.mkdir(parents=True, exist_ok=True)
    link.unlink(missing_ok=True)
    link.symlink_to(checkout.resolve())
    return {**ENV, "PYTHONPATH": os.pathsep.join(filter(None, (str(link.parent), ENV.get("PYTHONPATH"))))}


def run_cli(pdf: Path, extra: list[str], cli: Path = ROOT / "cli.py",
            watch_memory: bool = False) -> tuple[float, tuple[int, int, dict[str, int]], int, float]:
    """(seconds, peak tree (RSS sum, PSS sum, {kind: the largest PSS one process of that kind reached})
    in KiB or zeros, exit code, CPU seconds of the tree) of `vnresolve ingest pdf`
    in a fresh outdir, run on the package of the checkout `cli` lies in. The RSS watcher reads every
    /proc entry 5 times a second (≈3.5 ms of CPU each, ≈1 % of the machine), so it runs only when
    memory is measured, never in timed rounds: the raw Tesseract runs they are compared with have no watcher."""
    with tempfile.TemporaryDirectory() as out:
        cmd = [sys.executable, str(cli), "-q", "ingest", str(pdf), "-o", out, "--workers", "2", *extra]
        c0, t0 = _children_cpu(), time.perf_counter()
        proc = subprocess.Popen(cmd, env=checkout_env(cli.parent), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        peak: tuple[int, int, dict[str, int]] = (0, 0, {})
        done = threading.Event()

        def watch() -> None:
            nonlocal peak
            kinds: dict[str, int] = {}
            while not done.is_set():
                rss, pss, each = _tree_memory_kib(proc.pid)
                for kind, own in each.values():
                    kinds[kind] = max(kinds.get(kind, 0), own)
                peak = (max(peak[0], rss), max(peak[1], pss), kinds)
                time.sleep(0.2)

        watcher = threading.Thread(target=watch, daemon=True)
        if watch_memory:
            watcher.start()
        _, err = proc.communicate()
        seconds, cpu = time.perf_counter() - t0, _children_cpu() - c0
        done.set()
        if watch_memory:
            watcher.join()
        if proc.returncode:
            print(err.decode(errors="replace")[-500:], file=sys.stderr)
        return seconds, peak, proc.returncode, cpu


def _by_kind(kinds: dict[str, int]) -> str:
    """The largest PSS one process of each kind reached: the tree's peak is a sum of processes whose
    own peaks rarely coincide (each page worker's rises and falls with the page it holds)."""
    return ", ".join(f"{kind} {kib / 1024:.0f}" for kind, kib in sorted(kinds.items(), key=lambda kv: -kv[1])) + " MiB"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", default="speed,memory,ocrmypdf")
    ap.add_argument("--pages", type=int, default=30)
    ap.add_argument("--memory-pages", type=int, default=200)
    ap.add_argument("--colour-pages", type=int, default=24)
    ap.add_argument("--repeat", type=int, default=1, help="alternate raw and CLI runs this many times")
    ap.add_argument("--whole", action="store_true", help="also time the whole pipeline (restore + parse) each round")
    ap.add_argument("--baseline", type=Path, help="another checkout (e.g. a `git worktree` of an older commit, with this "
                    "one's diacritics/_kernels*.so and ingest/native/*.so copied in) timed in each round too")
    args = ap.parse_args(argv if argv is not None else [])
    if not SCAN.exists():
        print(f"skipped: {SCAN} missing")
        return
    only = set(args.only.split(","))
    if "speed" in only:
        pdf = long_scan(args.pages)
        images = page_images(pdf)
        print(f"speed, {len(images)}-page 200 dpi scan, 2 workers/processes, same run (wall s / CPU s of the process tree):")
        ratios: dict[str, list[tuple[float, float]]] = {}
        for k in range(args.repeat):
            raw, raw_cpu = raw_tesseract(images)
            runs = [("--no-restore", ["--no-restore"], ROOT)] + ([("restore+parse", [], ROOT)] if args.whole or k == 0 and args.repeat == 1 else [])
            if args.baseline:
                runs.append(("baseline", ["--no-restore"], args.baseline))
                if args.whole:
                    runs.append(("baseline whole", [], args.baseline))
            print(f"  [{k + 1}/{args.repeat}] raw tesseract -l vie {raw:6.1f} s / {raw_cpu:6.1f} s  ({raw / len(images):.2f} s/page)")
            for name, extra, checkout in runs:
                wall, _, rc, cpu = run_cli(pdf, extra, checkout / "cli.py")
                ratios.setdefault(name, []).append((wall / raw, cpu / raw_cpu))
                print(f"  [{k + 1}/{args.repeat}] vnresolve ingest {name:14s} {wall:6.1f} s / {cpu:6.1f} s  = {wall / raw:.2f}x raw wall, "
                      f"{cpu / raw_cpu:.2f}x raw CPU (rc {rc})", flush=True)
        for name, rs in ratios.items():
            walls, cpus = sorted(r[0] for r in rs), sorted(r[1] for r in rs)
            print(f"  {name}: wall ratio {walls[0]:.2f}-{walls[-1]:.2f}x (median {walls[len(walls) // 2]:.2f}x), "
                  f"CPU ratio {cpus[0]:.2f}-{cpus[-1]:.2f}x over {len(rs)} run(s); target <= 1.15x")
    if "ocrmypdf" in only:
        pdf = long_scan(args.pages)
        if shutil.which("ocrmypdf") is None:
            print("ocrmypdf: skipped: ocrmypdf not installed")
        else:
            print(f"ocrmypdf -l vie --jobs 2 and vnresolve ingest --workers 2, {args.pages}-page scan, alternated (wall s / CPU s):")
            walls: dict[str, list[float]] = {}
            for k in range(args.repeat):
                for name, extra in OCRMYPDF_RUNS.items():
                    wall, cpu, rc = run_ocrmypdf(pdf, extra)
                    walls.setdefault(name, []).append(wall)
                    print(f"  [{k + 1}/{args.repeat}] {name:40s} {wall:6.1f} s / {cpu:6.1f} s (rc {rc})", flush=True)
                for name, extra in (("vnresolve ingest --no-restore", ["--no-restore"]), ("vnresolve ingest (restore + parse)", [])):
                    wall, _, rc, cpu = run_cli(pdf, extra)
                    walls.setdefault(name, []).append(wall)
                    print(f"  [{k + 1}/{args.repeat}] {name:40s} {wall:6.1f} s / {cpu:6.1f} s (rc {rc})", flush=True)
            for theirs in OCRMYPDF_RUNS:
                for ours in ("vnresolve ingest --no-restore", "vnresolve ingest (restore + parse)"):
                    rs = sorted(t / o for t, o in zip(walls[theirs], walls[ours]))
                    print(f"  {theirs} / {ours}: {rs[0]:.2f}-{rs[-1]:.2f}x faster (median {rs[len(rs) // 2]:.2f}x) "
                          f"over {len(rs)} round(s); target >= 1.6x")
    if "memory" in only:
        pdf = long_scan(args.memory_pages)
        seconds, peak, rc, _ = run_cli(pdf, [], watch_memory=True)
        print(f"memory, {args.memory_pages}-page scan, --workers 2: peak of CLI + workers {peak[1] / 1024:.0f} MiB PSS "
              f"({peak[0] / 1024:.0f} MiB summing each process's RSS), {seconds:.0f} s (rc {rc}); largest process of "
              f"each kind (PSS): {_by_kind(peak[2])}")
    if "colour-memory" in only:
        if not missing("colour-memory", *(str(p.relative_to(SHARED)) for p in COLOUR_SCANS)):
            pdf = long_scan(args.memory_pages, COLOUR_SCANS)
            seconds, peak, rc, _ = run_cli(pdf, [], watch_memory=True)
            print(f"memory, {args.memory_pages}-page 300 dpi colour scan (real seal pages cycled), --workers 2: peak of "
                  f"CLI + workers {peak[1] / 1024:.0f} MiB PSS ({peak[0] / 1024:.0f} MiB summing each process's RSS), "
                  f"{seconds:.0f} s, {args.memory_pages * 60 / seconds:.1f} pages/min (rc {rc}); largest process of "
                  f"each kind (PSS): {_by_kind(peak[2])}")
    if "colour-speed" in only:
        if not missing("colour-speed", *(str(p.relative_to(SHARED)) for p in COLOUR_SCANS)):
            pdf = long_scan(args.colour_pages, COLOUR_SCANS)
            images = page_images(pdf, dpi=300, colour=True)
            n = len(images)
            print(f"colour speed, {n}-page 300 dpi colour scan (real seal pages cycled), 2 workers/processes, same run "
                  f"(wall s / CPU s of the process tree):")
            for k in range(args.repeat):
                raw, raw_cpu = raw_tesseract(images)
                print(f"  [{k + 1}/{args.repeat}] raw tesseract -l vie {'':14s} {raw:6.1f} s / {raw_cpu:6.1f} s  "
                      f"= {n * 60 / raw:5.1f} pages/min", flush=True)
                for name, extra in (("--no-restore", ["--no-restore"]), ("default", [])):
                    wall, _, rc, cpu = run_cli(pdf, extra)
                    print(f"  [{k + 1}/{args.repeat}] vnresolve ingest {name:14s} {wall:6.1f} s / {cpu:6.1f} s  "
                          f"= {n * 60 / wall:5.1f} pages/min, {wall / raw:.2f}x raw wall, {cpu / raw_cpu:.2f}x raw CPU (rc {rc})",
                          flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
