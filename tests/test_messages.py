"""Bad arguments and damaged batch folders give one clear line and the right exit status, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

from PIL import Image

from fixtures.documents import make_folder
from fixtures.paths import run_cli
from vnresolve.pipeline.batch import run_batch
from vnresolve.pipeline.manifest import MANIFEST_NAME
from vnresolve.pipeline.options import PipelineOptions


def _batch(tmp_path: Path, n: int = 2) -> Path:
    out = tmp_path / "out"
    run_batch(make_folder(tmp_path / "in", n), out, PipelineOptions(restore=False))
    return out


def _one_line(proc) -> str:
    text = proc.stderr.decode()
    assert "Traceback" not in text and "│" not in text, text  # rich draws its tracebacks in boxes
    return text


def test_validate_on_a_folder_is_one_line_exit_1(tmp_path: Path):
    out = _batch(tmp_path, 1)
    proc = run_cli("validate", str(out))
    assert proc.returncode == 1
    assert _one_line(proc).strip() == f"{out}: is a folder (give its files, e.g. {out}/*.json)"


def test_export_to_an_existing_folder_is_a_usage_error(tmp_path: Path):
    out = _batch(tmp_path, 1)
    proc = run_cli("export", str(out), "-o", str(tmp_path))
    assert proc.returncode == 2
    assert _one_line(proc).strip() == f"error: {tmp_path} is a folder: give a file name with -o"


def test_export_skips_an_unreadable_output_names_it_exits_1_and_writes_whole(tmp_path: Path):
    out = _batch(tmp_path, 3)
    (out / "nq001.json").chmod(0)
    target = tmp_path / "table.csv"
    target.write_text("old table\n")
    try:
        proc = run_cli("export", str(out), "--what", "documents", "-o", str(target), honour_permissions=True)
    finally:
        (out / "nq001.json").chmod(0o644)
    assert proc.returncode == 1
    text = _one_line(proc)
    assert f"warning: {out / 'nq001.json'}: cannot read it: Permission denied, skipped" in text
    assert "error: 1 document(s) skipped: nq001.json" in text
    rows = target.read_text(encoding="utf-8-sig").splitlines()
    assert len(rows) == 3 and "nq001" not in target.read_text(encoding="utf-8-sig")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_report_on_a_manifest_line_of_the_wrong_type_warns_and_exits_1(tmp_path: Path):
    out = _batch(tmp_path, 2)
    with open(out / MANIFEST_NAME, "a", encoding="utf-8") as fh:
        fh.write(json.dumps({"input": "odd.txt", "status": "success", "pages": "many"}) + "\n")
        fh.write(json.dumps({"input": "odder.txt", "status": 7}) + "\n")
    proc = run_cli("report", str(out))
    assert proc.returncode == 1
    text = _one_line(proc)
    assert "warning: manifest.jsonl: line of odd.txt: field 'pages' is str 'many', not int; left out" in text
    assert "warning: manifest.jsonl: line of odder.txt: status 7 is not one of" in text
    assert "documents converted" in proc.stdout.decode()


def test_an_image_1_px_wide_or_high_fails_with_one_line(tmp_path: Path):
    src = tmp_path / "in"
    src.mkdir()
    for w, h in ((1, 400), (400, 1)):
        Image.effect_noise((w, h), 60).save(src / f"{w}x{h}.png")
    proc = run_cli("ingest", str(src), "-o", str(tmp_path / "out"), "--no-restore")
    assert proc.returncode == 1
    text = _one_line(proc)
    for w, h in ((1, 400), (400, 1)):
        assert f"{src}/{w}x{h}.png: ingest: image too small to be a page ({w}x{h} pixels, at least 16 each way)" in text


def test_a_full_temp_folder_is_reported_as_such_not_as_a_broken_pdf(tmp_path: Path):
    import os
    import subprocess

    import pytest

    from fixtures.documents import LINES, image_pdf, render_lines

    pdf = image_pdf(tmp_path / "scan.pdf", [render_lines(LINES)])
    full = tmp_path / "full-tmp"
    full.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(full)], capture_output=True).returncode:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        proc = run_cli("ingest", str(pdf), "-o", str(tmp_path / "out"), "--no-restore", "--ocr", "always",
                       env={**os.environ, "TMPDIR": str(full)}, timeout=120)
    finally:
        subprocess.run(["umount", str(full)], check=True)
    assert proc.returncode == 1
    text = _one_line(proc)
    assert f"{pdf}: ingest: no space left in the temp folder {full}" in text and "truncated" not in text


def test_a_read_only_manifest_is_named_not_the_writable_folder(tmp_path: Path):
    out = _batch(tmp_path, 1)
    (out / MANIFEST_NAME).chmod(0o444)
    (tmp_path / "in" / "more.txt").write_text((tmp_path / "in" / "nq000.txt").read_text(encoding="utf-8") + "\n2\n",
                                              encoding="utf-8")
    proc = run_cli("ingest", str(tmp_path / "in"), "-o", str(out), "--no-restore", honour_permissions=True)
    assert proc.returncode == 2
    assert f"error: cannot write to {out / MANIFEST_NAME}: Permission denied" in _one_line(proc)


def test_a_read_only_outdir_is_named_not_the_lock_file_it_could_not_make(tmp_path: Path):
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    make_folder(tmp_path / "in", 1)
    proc = run_cli("ingest", str(tmp_path / "in"), "-o", str(out), "--no-restore", honour_permissions=True)
    out.chmod(0o755)
    assert proc.returncode == 2
    assert f"error: cannot write to {out}: Permission denied" in _one_line(proc)
