"""Exports an analyst opens in Excel, pandas or DuckDB: one row per item, Vietnamese intact."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from fixtures.paths import run_cli
from vnresolve.pipeline.batch import run_batch
from vnresolve.pipeline.export import COLUMNS
from vnresolve.pipeline.options import PipelineOptions
from vnresolve.schemas import load_document
from fixtures.documents import make_folder


@pytest.fixture(scope="module")
def outdir(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("export")
    files = make_folder(root / "in", 3)
    (root / "in" / "empty.txt").write_bytes(b"")
    out = root / "out"
    run_batch(files + [root / "in" / "empty.txt"], out, PipelineOptions(restore=False), workers=1)
    return out


def _outputs(outdir: Path) -> list[dict]:
    """The Document JSON as its reader expands it (the compact record gives names as spans)."""
    return [load_document(p.read_bytes()).model_dump(mode="json") for p in sorted(outdir.glob("*.json"))]


def _expected_indicators(outdir: Path) -> list[tuple]:
    """What the export must say, read straight from the Document JSON."""
    return [(d["metadata"]["number"], d["metadata"]["issuer"], i["name"], i["page"], i["target"]["value"] if i["target"] else None)
            for d in _outputs(outdir) for i in d["indicators"]]


def test_csv_has_a_bom_one_row_per_indicator_and_intact_vietnamese(outdir: Path):
    proc = run_cli("export", str(outdir), "--format", "csv")
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(proc.stdout.decode("utf-8-sig"))))
    assert list(rows[0]) == list(COLUMNS["indicators"])
    expected = _expected_indicators(outdir)
    assert len(expected) >= 3  # the fixture's resolutions each state targets
    assert [(r["document_number"], r["issuer"], r["name"], int(r["page"]), float(r["value"]) if r["value"] else None)
            for r in rows] == expected
    assert {r["document_number"] for r in rows} == {"00-NQ/ĐU", "01-NQ/ĐU", "02-NQ/ĐU"}
    assert any("ngân sách" in r["name"] for r in rows) and all(r["section"] for r in rows)


def test_xlsx_parquet_and_jsonl_hold_the_same_rows(outdir: Path, tmp_path: Path):
    from openpyxl import load_workbook
    import pyarrow.parquet as pq

    assert run_cli("export", str(outdir), "-f", "xlsx", "-o", str(tmp_path / "t.xlsx")).returncode == 0
    assert run_cli("export", str(outdir), "-f", "parquet", "-o", str(tmp_path / "t.parquet")).returncode == 0
    jsonl = run_cli("export", str(outdir), "-f", "jsonl")
    expected = [json.loads(line) for line in jsonl.stdout.decode("utf-8").splitlines()]
    sheet = list(load_workbook(tmp_path / "t.xlsx", read_only=True)["data"].iter_rows(values_only=True))
    assert list(sheet[0]) == list(COLUMNS["indicators"])
    from_xlsx = [dict(zip(sheet[0], row)) for row in sheet[1:]]
    from_parquet = pq.read_table(tmp_path / "t.parquet").to_pylist()
    assert len(expected) == len(from_xlsx) == len(from_parquet) == len(_expected_indicators(outdir))
    for a, b, c in zip(expected, from_xlsx, from_parquet):
        assert a["name"] == b["name"] == c["name"] and a["document_number"] == b["document_number"] == c["document_number"]
        assert a["value"] == b["value"] == c["value"] and a["page"] == b["page"] == c["page"]
    assert [r["name"] for r in from_parquet] == [e[2] for e in _expected_indicators(outdir)]


def test_binary_exports_carry_no_clock_time_so_the_same_outputs_give_the_same_bytes(outdir: Path, tmp_path: Path):
    import zipfile

    from openpyxl import load_workbook
    from vnresolve.pipeline.export import export

    for fmt in ("xlsx", "parquet"):
        export(outdir, fmt, "indicators", tmp_path / f"a.{fmt}")
        export(outdir, fmt, "indicators", tmp_path / f"b.{fmt}")
        assert (tmp_path / f"a.{fmt}").read_bytes() == (tmp_path / f"b.{fmt}").read_bytes(), fmt
    # runs a second apart would differ if any date came from the clock: none does
    with zipfile.ZipFile(tmp_path / "a.xlsx") as z:
        assert {info.date_time for info in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    props = load_workbook(tmp_path / "a.xlsx").properties
    assert props.created.year == props.modified.year == 1980
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".") or p.suffix in (".z", ".tmp")] == []


def test_an_output_the_manifest_lists_but_that_is_gone_is_named_not_silently_left_out(outdir: Path, tmp_path: Path):
    import shutil

    copy = tmp_path / "out"
    shutil.copytree(outdir, copy)
    (copy / "nq001.json").unlink()
    proc = run_cli("export", str(copy), "--what", "documents", "-f", "jsonl")
    assert proc.returncode == 1, proc.stderr.decode()
    assert f"{copy / 'nq001.json'}: missing: the manifest records it as converted" in proc.stderr.decode()
    assert [json.loads(line)["document_number"] for line in proc.stdout.decode().splitlines()] == ["00-NQ/ĐU", "02-NQ/ĐU"]


def test_documents_table_lists_each_converted_document_once(outdir: Path):
    proc = run_cli("export", str(outdir), "--what", "documents", "-f", "jsonl")
    rows = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert [r["document_number"] for r in rows] == ["00-NQ/ĐU", "01-NQ/ĐU", "02-NQ/ĐU"]
    assert [r["indicators"] for r in rows] == [len(d["indicators"]) for d in _outputs(outdir)]
    assert [r["issuer"] for r in rows] == [d["metadata"]["issuer"] for d in _outputs(outdir)]


def test_export_usage_errors_exit_2(outdir: Path, tmp_path: Path):
    assert run_cli("export", str(outdir), "-f", "xlsx").returncode == 2  # binary needs -o
    assert run_cli("export", str(outdir), "-f", "docx").returncode == 2
    assert run_cli("export", str(outdir), "--what", "people").returncode == 2
    assert run_cli("export", str(tmp_path / "nope")).returncode == 2


def test_report_summarises_types_issuers_failures_and_exits_1_on_failures(outdir: Path, tmp_path: Path):
    proc = run_cli("report", str(outdir))
    text = proc.stdout.decode()
    assert proc.returncode == 1
    issuer = _outputs(outdir)[0]["metadata"]["issuer"]
    for needle in (issuer, "Failures (1)", "empty.txt", "Slowest documents", "indicators"):
        assert needle in text, needle
    assert run_cli("report", str(tmp_path)).returncode == 2


def test_export_follows_the_manifest_through_touched_files_and_duplicates(tmp_path: Path):
    import os

    files = make_folder(tmp_path / "in", 2)
    original = tmp_path / "in" / "copy.txt"  # sorts first, so nq000.txt becomes its duplicate
    original.write_bytes(files[0].read_bytes())
    out = tmp_path / "out"
    options = PipelineOptions(restore=False)
    run_batch(sorted((tmp_path / "in").iterdir()), out, options)
    os.utime(original, ns=(5, 5))  # re-hashed and "verified" on the next run
    run_batch(sorted((tmp_path / "in").iterdir()), out, options)
    (out / "stray.json").write_text("{}")  # not in the manifest: ignored
    proc = run_cli("export", str(out), "--what", "documents", "-f", "jsonl")
    assert proc.returncode == 0
    assert sorted(json.loads(line)["document"] for line in proc.stdout.decode().splitlines()) == sorted([str(original), str(files[1])])


@pytest.mark.slow
def test_report_counts_the_restored_words_to_review(tmp_path: Path):
    """Each document's corrections, and those below the review threshold, are recorded in the
    manifest as the JSON holds them, and the report sums them and lists where to look first."""
    from vnresolve.diacritics.vntext import strip_accents
    from vnresolve.pipeline.manifest import MANIFEST_NAME, read_records
    from vnresolve.pipeline.task import REVIEW_BELOW
    from vnresolve.schemas import load_document

    files = make_folder(tmp_path / "in", 2)
    for path in files:  # archive text that lost its marks: the restorer has work to do
        path.write_text(strip_accents(path.read_text(encoding="utf-8")), encoding="utf-8")
    out = tmp_path / "out"
    run_batch(files, out, PipelineOptions(), workers=1)
    total = 0
    for record in read_records(out / MANIFEST_NAME):
        doc = load_document((out / record["output"]).read_bytes())
        corrections = doc.restoration.corrections
        assert record["corrected"] == len(corrections) > 20
        assert record["to_review"] == sum(c.confidence < REVIEW_BELOW for c in corrections)
        total += record["corrected"]
    text = run_cli("report", str(out)).stdout.decode()
    assert any(line.split()[:2] == ["words", "restored"] and line.split()[-1] == str(total) for line in
               text.replace("│", " ").splitlines()), text
