"""Bad inputs and bad workers fail one document each, with a reason; the batch always finishes.

The worker deaths and hangs here are real (a SIGKILL'd process, a sleeping
one), triggered through the clearly-labelled test-only hook in
`pipeline.task._test_fault_injection`.
"""

from __future__ import annotations

import io
import os
import signal
import struct
import subprocess
import sys
import time
import uuid
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from fixtures.paths import ROOT, marked_processes, run_cli
from vnresolve.pipeline.manifest import MANIFEST_NAME, read_records
from vnresolve.schemas import Document
from fixtures.documents import make_folder, resolution
from fixtures.pdfs import image_pdf_bytes, reference_cycle_pdf


def _pdf(text: str, encrypt: str | None = None) -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt=encrypt)
    c.drawString(72, 760, text)
    c.save()
    return buf.getvalue()


ZERO_PAGE_PDF = (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
                 b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")


def _huge_png(path: Path, side: int) -> None:
    """A real, valid side x side white 1-bit PNG, streamed row by row (never 100 MB in memory here)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    packer, row = zlib.compressobj(1), b"\x00" + b"\xff" * ((side + 7) // 8)
    idat = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0))
                     + chunk(b"IDAT", idat) + chunk(b"IEND", b""))


def make_fault_folder(root: Path) -> tuple[list[str], list[str], list[str]]:
    """(good, bad, either): `either` may legitimately convert or fail, but must do one of them cleanly."""
    root.mkdir(parents=True)
    make_folder(root, 2)
    (root / "zero-bytes.pdf").write_bytes(b"")
    whole = _pdf("Nghi quyet so 12-NQ/TU ve phat trien kinh te xa hoi nam 2026 " * 2)
    (root / "truncated.pdf").write_bytes(whole[: len(whole) // 2])
    (root / "encrypted.pdf").write_bytes(_pdf("Nghi quyet", encrypt="secret"))
    (root / "broken-xref.pdf").write_bytes(whole.replace(b"startxref", b"startxref\n999999\n%", 1))
    (root / "random-bytes.pdf").write_bytes(os.urandom(4096))
    (root / "zero-pages.pdf").write_bytes(ZERO_PAGE_PDF)
    img = Image.new("L", (900, 160), 255)
    ImageDraw.Draw(img).text((40, 60), "NGHI QUYET 12-NQ/TU", fill=0)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    (root / "png-named.jpg").write_bytes(buf.getvalue())
    (root / "utf16.txt").write_bytes(resolution(7).encode("utf-16"))
    # TCVN3 (ABC) legacy encoding of "Nghị quyết về nhiệm vụ năm 2026"
    (root / "tcvn3.txt").write_bytes(b"Ngh\xdb quy\xd5t v\xd2 nhi\xd6m v\xf6 n\xa8m 2026\n" * 5)
    _huge_png(root / "huge-30000px.png", 30000)
    # kinds a hostile archive adds: a 16-bit scan, a blank and a one-pixel image, a PDF whose objects
    # loop, one whose page image is damaged (a partial success), text with one bad UTF-8 byte
    deep = Image.fromarray((np.asarray(img, dtype=np.uint16) * 257).astype(np.uint16))
    deep.save(root / "sixteen-bit.png")
    Image.new("L", (900, 160), 255).save(root / "blank.png")
    Image.new("L", (1, 1), 0).save(root / "one-pixel.png")
    (root / "reference-cycle.pdf").write_bytes(reference_cycle_pdf())
    (root / "damaged-stream.pdf").write_bytes(image_pdf_bytes(damage=True))
    (root / "invalid-utf8.txt").write_bytes(resolution(9).encode("utf-8").replace("nhiệm".encode(), b"nhi\xff\xfem", 1))
    good = ["nq000.txt", "nq001.txt", "utf16.txt", "invalid-utf8.txt", "sixteen-bit.png", "reference-cycle.pdf",
            "damaged-stream.pdf"]
    bad = ["zero-bytes.pdf", "truncated.pdf", "encrypted.pdf", "random-bytes.pdf", "zero-pages.pdf", "blank.png",
           "one-pixel.png"]
    either = ["broken-xref.pdf", "png-named.jpg", "tcvn3.txt", "huge-30000px.png"]
    return good, bad, either


def failure_lines(stderr: bytes) -> dict[str, str]:
    """`file: stage: reason` lines, keyed by file name."""
    lines = {}
    for line in stderr.decode("utf-8", "replace").splitlines():
        path, sep, rest = line.partition(": ")
        if sep and "/" in path and not line.startswith("[") and not rest.startswith("converted in part: "):
            lines[Path(path).name] = rest
    return lines


@pytest.mark.slow
def test_fault_folder_every_good_document_converts_every_bad_one_has_a_reason(tmp_path: Path):
    good, bad, either = make_fault_folder(tmp_path / "in")
    out = tmp_path / "out"
    started = time.monotonic()
    proc = run_cli("ingest", str(tmp_path / "in"), "-o", str(out), "--no-restore", "--workers", "2", "--timeout", "60", timeout=180)
    assert time.monotonic() - started < 150
    assert proc.returncode == 1, proc.stderr.decode()
    failures = failure_lines(proc.stderr)
    assert set(bad) <= set(failures), failures
    assert not set(good) & set(failures), failures
    for name, rest in failures.items():
        stage, _, reason = rest.partition(": ")
        assert stage in {"read", "ingest", "restore", "parse", "validate", "pipeline", "worker", "timeout"}, rest
        assert reason and "Traceback" not in reason, rest
    assert "empty" in failures["zero-bytes.pdf"].lower()
    # The wording of PDF reasons (e.g. saying 'encrypted') belongs to the ingest stage's own tests.
    records = {Path(r["input"]).name: r for r in read_records(out / MANIFEST_NAME)}
    assert set(records) == set(good) | set(bad) | set(either)  # every file recorded, none lost
    partial = {"damaged-stream.pdf"}  # converted, with its damaged page marked
    assert b"damaged-stream.pdf: converted in part: ingest: " in proc.stderr
    for name, record in records.items():
        assert record["status"] == ("failure" if name in failures else "partial_success" if name in partial else "success"), record
        if record["status"] != "failure":
            Document.model_validate_json((out / record["output"]).read_bytes())
        else:
            assert record["errors"] and all(e["message"] and e["stage"] and e["code"] for e in record["errors"])




def test_a_worker_killed_by_sigkill_fails_its_document_not_the_batch(tmp_path: Path):
    src = tmp_path / "in"
    make_folder(src, 4)
    (src / "boom.txt").write_text(resolution(50), encoding="utf-8")
    out = tmp_path / "out"
    env = {**os.environ, "VNRESOLVE_TEST_FAULT": "kill:boom"}
    proc = subprocess.run([sys.executable, str(ROOT / "cli.py"), "ingest", str(src), "-o", str(out), "--no-restore", "--workers", "2"],
                          capture_output=True, env=env, timeout=120)
    assert proc.returncode == 1, proc.stderr.decode()
    failures = failure_lines(proc.stderr)
    assert list(failures) == ["boom.txt"], failures
    assert failures["boom.txt"].startswith("worker: worker process died with SIGKILL")
    assert sorted(p.name for p in out.glob("*.json")) == [f"nq{i:03d}.json" for i in range(4)]


@pytest.mark.slow
def test_a_hanging_document_is_stopped_by_the_timeout(tmp_path: Path):
    src = tmp_path / "in"
    make_folder(src, 3)
    (src / "sleepy.txt").write_text(resolution(60), encoding="utf-8")
    out = tmp_path / "out"
    marker = f"vnr-hang-{uuid.uuid4().hex}"
    env = {**os.environ, "VNRESOLVE_TEST_FAULT": "hang:sleepy", "VNR_TEST_MARKER": marker}
    started = time.monotonic()
    proc = subprocess.run([sys.executable, str(ROOT / "cli.py"), "ingest", str(src), "-o", str(out), "--no-restore",
                           "--workers", "2", "--timeout", "3"], capture_output=True, env=env, timeout=120)
    assert time.monotonic() - started < 60
    assert proc.returncode == 1
    assert failure_lines(proc.stderr)["sleepy.txt"].startswith("timeout: no result after 3 s")
    assert len(list(out.glob("*.json"))) == 3
    assert marked_processes(marker) == []  # the hung worker was killed, not orphaned


@pytest.mark.slow
@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_ctrl_c_stops_cleanly_keeps_finished_work_and_resumes(tmp_path: Path, stop: signal.Signals):
    src = tmp_path / "in"
    make_folder(src, 12)
    out = tmp_path / "out"
    marker = f"vnr-int-{uuid.uuid4().hex}"
    # a second a document: the batch is still running when the signal comes, even on a loaded machine
    env = {**os.environ, "VNRESOLVE_TEST_FAULT": "delay::1.0", "VNR_TEST_MARKER": marker}
    cmd = [sys.executable, str(ROOT / "cli.py"), "ingest", str(src), "-o", str(out), "--no-restore", "--workers", "2"]
    # the batch as a terminal starts it: SIGINT at its default, whatever this test process inherited
    # (a child keeps an ignored SIGINT, and Python then never raises KeyboardInterrupt in it)
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 60
    while len(read_records(out / MANIFEST_NAME)) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(stop)
    _, stderr = proc.communicate(timeout=30)
    assert proc.returncode == 130, stderr.decode()
    assert b"interrupted" in stderr
    records = read_records(out / MANIFEST_NAME)
    assert 3 <= len(records) < 12
    for record in records:
        Document.model_validate_json((out / record["output"]).read_bytes())
    time.sleep(0.5)
    assert marked_processes(marker) == []
    done_before = {r["hash"] for r in records}
    proc = subprocess.run(cmd, capture_output=True, env={**env, "VNRESOLVE_TEST_FAULT": ""}, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode()
    records = read_records(out / MANIFEST_NAME)
    assert sum(r["status"] == "success" for r in records) == 12
    assert len({r["hash"] for r in records}) == 12 and done_before <= {r["hash"] for r in records}


def test_workers_that_cannot_start_stop_the_batch_with_one_clear_error(tmp_path: Path):
    files = make_folder(tmp_path / "in", 12)
    out = tmp_path / "out"
    env = {**os.environ, "VNRESOLVE_TEST_FAULT": "startfail:"}
    proc = subprocess.run([sys.executable, str(ROOT / "cli.py"), "ingest", str(tmp_path / "in"), "-o", str(out),
                           "--no-restore", "--workers", "2"], capture_output=True, env=env, timeout=120)
    assert proc.returncode == 2, proc.stderr.decode()
    assert b"worker processes exit with status 3 before finishing any document" in proc.stderr
    failed = [r for r in read_records(out / MANIFEST_NAME) if r["status"] == "failure"]
    assert len(failed) < len(files)  # not one failure line per document of the archive


def test_every_path_met_and_not_converted_is_reported_and_unreadable_ones_fail(tmp_path: Path):
    src = tmp_path / "in"
    make_folder(src, 1)
    (src / "locked").mkdir()
    (src / "locked" / "inside.txt").write_text(resolution(2), encoding="utf-8")
    (src / "locked").chmod(0)
    (src / "loop.txt").symlink_to("loop.txt")  # a link to itself: ELOOP
    (src / "ping.txt").symlink_to("pong.txt")
    (src / "pong.txt").symlink_to("ping.txt")
    (src / "gone.pdf").symlink_to(src / "deleted.pdf")
    os.mkfifo(src / "pipe.txt")
    (src / ".hidden.txt").write_text("x")
    (src / ".git").mkdir()
    (src / "elsewhere").mkdir()
    (src / "elsewhere" / "nq.txt").write_text(resolution(3), encoding="utf-8")
    (src / "linked-folder").symlink_to(src / "elsewhere")
    (src / "notes.docx").write_bytes(b"PK")
    expected = {"locked": ("failure", "unreadable-folder"), "loop.txt": ("failure", "symlink-loop"),
                "ping.txt": ("failure", "symlink-loop"), "pong.txt": ("failure", "symlink-loop"),
                "gone.pdf": ("failure", "dangling-symlink"), "pipe.txt": ("skipped", "not-a-regular-file"),
                ".hidden.txt": ("skipped", "hidden"), ".git": ("skipped", "hidden"),
                "linked-folder": ("skipped", "symlinked-folder"), "notes.docx": ("skipped", "unsupported-type"),
                "nq000.txt": ("success", None), "nq.txt": ("success", None)}
    out = tmp_path / "out"
    try:
        for run in range(2):  # a re-run reports them again (failures are recorded again, skips once)
            proc = run_cli("ingest", str(src), "-o", str(out), "--no-restore", timeout=120, honour_permissions=True)
            assert proc.returncode == 1, proc.stderr.decode()
            stderr = proc.stderr.decode()
            assert "Traceback" not in stderr
            for name, (status, code) in expected.items():
                if status != "success" and run == 0:
                    assert f"{src / name}: " in stderr, name
    finally:
        (src / "locked").chmod(0o755)
    records = read_records(out / MANIFEST_NAME)
    first = {Path(r["input"]).name: r for r in records[:len(expected)]}
    assert {n: (r["status"], (r["errors"] or [{"code": None}])[0]["code"]) for n, r in first.items()} == expected
    assert len(records) == len(expected) + 5  # second run: the five failures again, nothing else


def test_a_fifo_named_on_the_command_line_is_refused_not_waited_on(tmp_path: Path):
    good = make_folder(tmp_path / "in", 1)[0]
    fifo = tmp_path / "in" / "stream.txt"
    os.mkfifo(fifo)
    proc = run_cli("ingest", str(fifo), str(good), "-o", str(tmp_path / "out"), "--no-restore", timeout=60)
    assert proc.returncode == 1, proc.stderr.decode()
    assert failure_lines(proc.stderr)["stream.txt"].startswith("read: not a regular file")
    assert (tmp_path / "out" / "nq000.json").is_file()


def test_a_file_name_with_a_newline_cannot_forge_a_failure_line(tmp_path: Path):
    src = tmp_path / "in"
    make_folder(src, 1)
    forged = "empty.txt\nforged.pdf: ingest: fake reason\n.txt"
    (src / forged).write_bytes(b"")
    proc = run_cli("ingest", str(src), "-o", str(tmp_path / "out"), "--no-restore", timeout=60)
    assert proc.returncode == 1, proc.stderr.decode()
    lines = proc.stderr.decode().splitlines()
    assert not [line for line in lines if line.startswith("forged.pdf")], lines
    [line] = [line for line in lines if "forged" in line]
    assert line.startswith(f'"{src}/empty.txt\\nforged.pdf: ingest: fake reason\\n.txt": ingest: ')
    [record] = [r for r in read_records(tmp_path / "out" / MANIFEST_NAME) if r["status"] == "failure"]
    assert record["input"] == (src / forged).as_posix()  # the manifest keeps the exact name


def test_a_job_sent_to_a_worker_that_already_died_is_that_documents_failure(tmp_path: Path, monkeypatch):
    from vnresolve.pipeline.executors import Job, LocalExecutor
    from vnresolve.pipeline.options import PipelineOptions

    files = make_folder(tmp_path / "in", 1)
    monkeypatch.setenv("VNRESOLVE_TEST_FAULT", "startfail:")
    executor = LocalExecutor(PipelineOptions(restore=False), workers=1)
    try:
        worker = executor._spawn()
        worker.process.join(30)  # dead (status 3) before its job is sent: the send meets a closed pipe
        assert worker.process.exitcode == 3
        executor.submit(Job(0, str(files[0])))
        done = executor.collect(10)
    finally:
        executor.close()
    assert [(job.key, result.status.value, result.errors[0].code) for job, result in done] == [(0, "failure", "worker-died")]
    assert "status 3" in done[0][1].errors[0].message
