"""Batch figures: scheduling overhead, memory vs folder size, resume time, kill -9 safety, Dask equality.

    python -m benchmarks batch                 (all, defaults below)
    python -m benchmarks.bench_batch --pages 8 --kills 20 --quick

Every figure comes from running the real CLI as a user would (subprocesses,
real workers, real SIGKILLs). Run it on an otherwise idle machine: the
throughput ratio compares two timed runs.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCAN = ROOT / "samples" / "resolution-04-NQ-TU-scan.pdf"


def resolution(i: int) -> str:
    return (
        "ĐẢNG BỘ TỈNH LẠNG SƠN\nĐẢNG ỦY XÃ HỮU LŨNG\n"
        f"Số: {i:04d}-NQ/ĐU\nNGHỊ QUYẾT\nvề nhiệm vụ năm 2026\n\n"
        "I. MỤC TIÊU VÀ CÁC CHỈ TIÊU CHỦ YẾU\n1. Các chỉ tiêu kinh tế\n"
        f"(1) Thu ngân sách nhà nước trên địa bàn đạt {20 + i} tỷ đồng.\n"
        "(2) Tỷ lệ hộ nghèo giảm còn dưới 2%.\n"
        "II. NHIỆM VỤ\n1. Ủy ban nhân dân xã chủ trì hoàn thành quy hoạch trước ngày 30/6/2026.\n"
    )


def make_txt_folder(root: Path, n: int) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (root / f"nq{i:05d}.txt").write_text(resolution(i), encoding="utf-8")
    return root


def _tree_rss_kb(root_pid: int) -> int:
    """Resident memory of a process and all its descendants, summed (kB)."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as fh:
                    ppid = int(fh.read().rsplit(b")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry.name))
            except (OSError, ValueError, IndexError):
                continue
    total, stack = 0, [root_pid]
    while stack:
        pid = stack.pop()
        stack.extend(children.get(pid, []))
        try:
            with open(f"/proc/{pid}/status") as fh:
                total += next((int(line.split()[1]) for line in fh if line.startswith("VmRSS:")), 0)
        except OSError:
            continue
    return total


def cli(*args: str, measure: bool = False, env: dict | None = None) -> tuple[float, float, int]:
    """Run `vnresolve -q ARGS`; returns (wall seconds, peak RSS of the whole process tree in MiB, exit code)."""
    cmd = [sys.executable, str(ROOT / "cli.py"), "-q", *args]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, **(env or {})})
    peak = 0
    while proc.poll() is None:
        if measure:
            peak = max(peak, _tree_rss_kb(proc.pid))
        time.sleep(0.05)
    wall = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        print(proc.stderr.read().decode()[-2000:], file=sys.stderr)
    return wall, peak / 1024, proc.returncode


def manifest(out: Path) -> list[dict]:
    lines = (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines() if (out / "manifest.jsonl").exists() else []
    return [json.loads(line) for line in lines if line.endswith("}")]


def bench_memory_and_resume(tmp: Path, workers: int) -> None:
    print("-- memory vs folder size, resume (small .txt documents, --no-restore)")
    for n in (10, 1000):
        src = make_txt_folder(tmp / f"txt{n}", n)
        out = tmp / f"out{n}"
        wall, peak, rc = cli("ingest", str(src), "-o", str(out), "--no-restore", "--workers", str(workers), measure=True)
        print(f"{n:5d} documents: {wall:6.1f} s, peak RSS of the whole run {peak:6.0f} MiB (exit {rc})")
    src, out = tmp / "txt1000", tmp / "out1000"
    wall, _, rc = cli("ingest", str(src), "-o", str(out), "--no-restore", "--workers", str(workers))
    ok = sum(r["status"] == "success" for r in manifest(out))
    print(f"resume over 1000 finished documents (size+mtime trusted): {wall:.2f} s, exit {rc}, ok records still {ok}")
    for p in src.iterdir():
        os.utime(p)
    wall, _, rc = cli("ingest", str(src), "-o", str(out), "--no-restore", "--workers", str(workers))
    print(f"resume over 1000 finished documents after `touch` (every file re-hashed): {wall:.2f} s, exit {rc}")


def bench_kills(tmp: Path, rounds: int, workers: int, rng: random.Random) -> None:
    """Kill moments are drawn relative to progress (start-up, or k documents in plus a fraction of one)
    so that every run is interrupted mid-batch whatever the machine's load."""
    print(f"-- kill -9 (whole process group) at random moments: {rounds} runs, then resume")
    total = 1000
    src = make_txt_folder(tmp / "kill-src", total)
    reference, out = tmp / "kill-ref", tmp / "kill-out"
    full_run, _, _ = cli("ingest", str(src), "-o", str(reference), "--no-restore", "--workers", str(workers))
    cmd = [sys.executable, str(ROOT / "cli.py"), "-q", "ingest", str(src), "-o", str(out), "--no-restore", "--workers", str(workers)]
    progress = []
    for _ in range(rounds):
        before = len(manifest(out))
        target = before if rng.random() < 0.25 else before + rng.randint(1, max(1, (total - before) // (rounds // 2 or 1)))
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
                                env={**os.environ})
        if target == before:
            time.sleep(rng.uniform(0.05, 2.0))
        else:
            while len(manifest(out)) < target and proc.poll() is None:
                time.sleep(0.01)
            time.sleep(rng.uniform(0.0, 0.05))
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            progress.append(len(manifest(out)) - before)
        proc.wait()
    _, _, rc = cli("ingest", str(src), "-o", str(out), "--no-restore", "--workers", str(workers))
    expected = {p.name: p.read_bytes() for p in reference.glob("*.json")}
    produced = {p.name: p.read_bytes() for p in out.glob("*.json")}
    missing = len(set(expected) - set(produced))
    corrupt = sum(produced[n] != expected[n] for n in set(expected) & set(produced))
    temps = len(list(out.glob("*.tmp")))
    finished = Counter(r["hash"] for r in manifest(out) if r["status"] == "success")
    twice = sum(c > 1 for c in finished.values())
    print(f"uninterrupted run: {full_run:.1f} s; {len(progress)}/{rounds} runs killed, "
          f"{sum(n > 0 for n in progress)} of them mid-batch (documents recorded per killed run: {progress}); final run exit {rc}")
    print(f"outputs: {len(produced)}/{len(expected)}, missing {missing}, corrupt or different {corrupt}, temp files left {temps}; "
          f"documents recorded finished more than once: {twice}")


def _marked(marker: str) -> list[int]:
    """Live processes whose environment carries `marker`."""
    pids = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                if marker.encode() in (proc / "environ").read_bytes():
                    pids.append(int(proc.name))
            except OSError:
                continue
    return pids


def bench_scan_kills(tmp: Path, rounds: int, workers: int, rng: random.Random) -> None:
    """One scanned document (its pages OCR'd by a forked page pool) with only the batch process
    killed, not its group: every worker must die with it, and the resume must give the output an
    uninterrupted run gives."""
    print(f"-- kill -9 of the batch process alone, one {SCAN.name} (24 pages, page workers): {rounds} runs, then resume")
    src = tmp / "scan-kill-src"
    src.mkdir()
    (src / SCAN.name).write_bytes(SCAN.read_bytes())
    reference, out = tmp / "scan-kill-ref", tmp / "scan-kill-out"
    full_run, _, _ = cli("ingest", str(src), "-o", str(reference), "--workers", str(workers))
    left, killed = [], 0
    for k in range(rounds):
        marker = f"VNR_BENCH_KILL_{k}_{os.getpid()}"
        # --force: every round converts the document again, so every kill lands mid-document
        proc = subprocess.Popen([sys.executable, str(ROOT / "cli.py"), "-q", "ingest", str(src), "-o", str(out), "--force",
                                 "--workers", str(workers)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                env={**os.environ, marker: "1"})
        time.sleep(rng.uniform(0.3, max(0.5, full_run * 0.8)))
        if proc.poll() is None:
            proc.kill()
            killed += 1
        proc.wait()
        deadline = time.monotonic() + 5
        while _marked(marker) and time.monotonic() < deadline:
            time.sleep(0.1)
        left.append(len(_marked(marker)))
        for pid in _marked(marker):  # leave the machine clean for the next round whatever happened
            os.kill(pid, signal.SIGKILL)
    _, _, rc = cli("ingest", str(src), "-o", str(out), "--workers", str(workers))
    same = [p.read_bytes() for p in out.glob("*.json")] == [p.read_bytes() for p in reference.glob("*.json")]
    print(f"uninterrupted run {full_run:.1f} s; {killed}/{rounds} runs killed; processes left 5 s after each kill: "
          f"{sum(left)} (per run: {left}); final run exit {rc}, output identical to the uninterrupted run: {same}")


def _split_scan(tmp: Path, pages: int) -> tuple[Path, Path]:
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(SCAN))
    pages = min(pages, len(src))
    one = tmp / "scan-one"
    many = tmp / "scan-many"
    one.mkdir()
    many.mkdir()
    whole = pdfium.PdfDocument.new()
    whole.import_pages(src, list(range(pages)))
    whole.save(str(one / f"scan-{pages}p.pdf"))
    for i in range(pages):
        page = pdfium.PdfDocument.new()
        page.import_pages(src, [i])
        page.save(str(many / f"page-{i + 1:03d}.pdf"))
    return one, many


def bench_throughput(tmp: Path, pages: int, workers: int) -> None:
    print(f"-- scheduling overhead: one {pages}-page scanned PDF vs {pages} one-page PDFs, --workers {workers}, --no-restore")
    if not SCAN.exists():
        print(f"skipped: {SCAN} not found")
        return
    one, many = _split_scan(tmp, pages)
    figures = {}
    for label, folder in (("single document (pages get the workers)", one), ("many small documents", many)):
        out = tmp / f"out-{folder.name}"
        wall, peak, rc = cli("ingest", str(folder), "-o", str(out), "--no-restore", "--workers", str(workers), measure=True)
        done = sum(r.get("pages") or 0 for r in manifest(out) if r["status"] == "success")
        figures[label] = done / wall * 60
        print(f"{label}: {done} pages in {wall:.1f} s = {figures[label]:.1f} pages/min (peak RSS {peak:.0f} MiB, exit {rc})")
    a, b = figures.values()
    print(f"many-small / single-document throughput: {b / a * 100:.0f}%")


def bench_dask(tmp: Path, workers: int, quick: bool) -> None:
    print("-- Dask executor (LocalCluster) vs local executor on samples/" + (" (without the scanned PDF: --quick)" if quick else ""))
    try:
        import distributed  # noqa: F401
    except ImportError:
        print("skipped: dask[distributed] not installed")
        return
    src = tmp / "samples"
    shutil.copytree(ROOT / "samples", src, ignore=shutil.ignore_patterns("*-scan.pdf") if quick else None)
    local, dask = tmp / "dask-local", tmp / "dask-dask"
    t_local, _, rc1 = cli("ingest", str(src), "-o", str(local), "--workers", str(workers))
    t_dask, _, rc2 = cli("ingest", str(src), "-o", str(dask), "--workers", str(workers), "--executor", "dask")
    names = sorted(p.name for p in local.glob("*.json"))
    same = [n for n in names if (dask / n).is_file() and (dask / n).read_bytes() == (local / n).read_bytes()]
    print(f"local {t_local:.1f} s (exit {rc1}), dask {t_dask:.1f} s (exit {rc2}); byte-identical JSON: {len(same)}/{len(names)}")
    if len(same) < len(names):  # a pipeline edited between the two runs also shows up here
        print("different:", ", ".join(n for n in names if n not in same))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="bench_batch")
    parser.add_argument("--pages", type=int, default=8, help="pages of the scanned sample for the throughput comparison")
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--quick", action="store_true", help="Dask comparison without the 24-page scanned sample")
    parser.add_argument("--only", choices=("memory", "kills", "scan-kills", "throughput", "dask"))
    args = parser.parse_args(argv or [])
    rng = random.Random(20261122)
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        tmp = Path(tmp)
        steps = {
            "memory": lambda: bench_memory_and_resume(tmp, args.workers),
            "kills": lambda: bench_kills(tmp, args.kills, args.workers, rng),
            "scan-kills": lambda: bench_scan_kills(tmp, args.kills, args.workers, rng),
            "throughput": lambda: bench_throughput(tmp, args.pages, args.workers),
            "dask": lambda: bench_dask(tmp, args.workers, args.quick),
        }
        for name, step in steps.items():
            if args.only in (None, name):
                step()
                sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1:])
