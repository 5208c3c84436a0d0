"""The Python API (`vnresolve.convert/restore/parse`), the conversion result's status and errors,
the options and the resume key derived from them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import get_args

import pytest

import vnresolve
from vnresolve import parsers
from vnresolve.ingest.options import IngestOptions
from vnresolve.pipeline.batch import run_batch
from vnresolve.pipeline.manifest import MANIFEST_NAME, read_records
from vnresolve.pipeline.options import PipelineOptions, RestorerName
from vnresolve.pipeline.result import ConversionResult, ConversionStatus, ErrorItem
from vnresolve.pipeline.version import version_key
from vnresolve.schemas import dump_document

RESOLUTION = ("ĐẢNG BỘ TỈNH LẠNG SƠN\nĐẢNG ỦY XÃ HỮU LŨNG\nSố: 07-NQ/ĐU\nNGHỊ QUYẾT\nvề nhiệm vụ năm 2026\n\n"
              "I. MỤC TIÊU VÀ CÁC CHỈ TIÊU CHỦ YẾU\n1. Các chỉ tiêu kinh tế\n"
              "(1) Thu ngân sách nhà nước trên địa bàn đạt 27 tỷ đồng.\n(2) Tỷ lệ hộ nghèo giảm còn dưới 2%.\n")
NO_RESTORE = PipelineOptions(restore=False)


@pytest.fixture
def resolution(tmp_path: Path) -> Path:
    path = tmp_path / "nq07.txt"
    path.write_text(RESOLUTION, encoding="utf-8")
    return path


def test_convert_gives_a_successful_result_with_the_validated_document(resolution: Path):
    result = vnresolve.convert(resolution, NO_RESTORE)
    assert result.status is ConversionStatus.SUCCESS and result.errors == ()
    assert result.document.metadata.number == "07-NQ/ĐU"
    assert [i.target.value for i in result.document.indicators][:1] == [27.0]
    assert result.json == dump_document(result.document)  # the batch writes exactly what the API returns
    assert (result.indicators, result.pages) == (len(result.document.indicators), 1)


def test_convert_of_a_broken_file_is_a_failure_naming_the_stage_and_never_raises(tmp_path: Path):
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"this is not a PDF at all")
    result = vnresolve.convert(bad)
    assert result.status is ConversionStatus.FAILURE and result.document is None and result.json is None
    assert [(e.stage, e.code) for e in result.errors] == [("ingest", "not-a-pdf")]


def test_a_parser_that_fails_gives_a_partial_success_with_its_error(resolution: Path, monkeypatch):
    def confused(doc):
        raise RuntimeError("cannot read this layout")

    monkeypatch.setattr(parsers, "STAGES", [*parsers.STAGES[:2], confused, *parsers.STAGES[2:]])
    result = vnresolve.convert(resolution, NO_RESTORE)
    assert result.status is ConversionStatus.PARTIAL_SUCCESS
    assert result.errors == (ErrorItem("parse", "parser-failed", "confused: RuntimeError: cannot read this layout"),)
    assert result.document.indicators  # the other parsers' parts are there
    assert [w.code for w in result.document.warnings].count("parser-failed") == 1


def test_a_partial_success_is_written_and_recorded_as_such_by_the_batch(resolution: Path, tmp_path: Path, monkeypatch):
    """The batch's own bookkeeping (_Batch) over a real conversion run here: the worker processes
    are spawned, so they would not see the failing stage this test adds."""
    from vnresolve.pipeline.batch import _Batch
    from vnresolve.pipeline.task import convert_document

    def confused(doc):
        raise RuntimeError("boom")

    monkeypatch.setattr(parsers, "STAGES", [*parsers.STAGES, confused])
    out = tmp_path / "out"
    batch = _Batch(out, NO_RESTORE, force=False)
    job = batch.plan(resolution, 0)
    [done] = batch.finish(job, convert_document(job.path, NO_RESTORE))
    assert done.status is ConversionStatus.PARTIAL_SUCCESS and (out / done.output).is_file()
    [record] = read_records(out / MANIFEST_NAME)
    assert record["status"] == "partial_success"
    assert record["errors"] == [{"stage": "parse", "code": "parser-failed", "message": "confused: RuntimeError: boom",
                                 "page": None}]
    assert ConversionResult.from_record(record) == done
    assert batch.manifest.finished_output(done.hash, batch.version) == done.output  # resumable like a success


def test_restore_and_parse_from_python():
    assert vnresolve.restore("Nghi quyet Dai hoi Dang bo tinh").text == "Nghị quyết Đại hội Đảng bộ tỉnh"
    doc = vnresolve.parse(RESOLUTION, NO_RESTORE)
    assert (doc.metadata.doc_type, doc.metadata.number) == ("resolution", "07-NQ/ĐU")
    with pytest.raises(ValueError, match="unknown restorer 'bogus'"):
        vnresolve.restore("x", "bogus")


def test_options_refuse_unknown_choices_and_fields():
    with pytest.raises(ValueError):
        PipelineOptions(restorer="bogus")
    with pytest.raises(ValueError):
        IngestOptions(ocr="sometimes")
    with pytest.raises(ValueError):
        IngestOptions(psm_mode=6)  # a misspelt option is an error, not silently ignored


def test_the_offered_restorers_are_the_ones_diacritics_knows():
    from vnresolve.diacritics.restorer import RESTORERS

    assert set(get_args(RestorerName)) == set(RESTORERS)


CHANGED = {"lang": "vie+eng", "ocr": "always", "dpi": 200, "preprocess": ("deskew",), "tables": False, "psm": 6, "max_page_mpixels": 20.0}


@pytest.mark.parametrize("field", sorted(set(IngestOptions.model_fields) - IngestOptions.RUNTIME_ONLY))
def test_every_option_that_changes_the_output_changes_the_resume_key(field):
    assert field in CHANGED, f"IngestOptions.{field} is new: give it a changed value here"
    changed = PipelineOptions(ingest=IngestOptions(**{field: CHANGED[field]}))
    assert version_key(changed) != version_key(PipelineOptions())


def test_speed_options_keep_the_resume_key():
    assert version_key(PipelineOptions(ingest=IngestOptions(workers=4, timeout_s=30))) == version_key(PipelineOptions())
    assert version_key(PipelineOptions(restore=False)) != version_key(PipelineOptions())


def test_an_option_changed_through_the_api_redoes_finished_outputs(resolution: Path, tmp_path: Path):
    out = tmp_path / "out"
    assert [r.status for r in run_batch([resolution], out, NO_RESTORE).results] == [ConversionStatus.SUCCESS]
    assert [r.status for r in run_batch([resolution], out, NO_RESTORE).results] == [ConversionStatus.SKIPPED]
    psm6 = NO_RESTORE.model_copy(update={"ingest": IngestOptions(psm=6)})
    assert [r.status for r in run_batch([resolution], out, psm6).results] == [ConversionStatus.SUCCESS]


def test_outputs_respect_the_umask(resolution: Path, tmp_path: Path):
    previous = os.umask(0o027)
    try:
        result = run_batch([resolution], tmp_path / "out", NO_RESTORE)
    finally:
        os.umask(previous)
    assert (tmp_path / "out" / result.results[0].output).stat().st_mode & 0o777 == 0o640


def test_a_manifest_written_by_0_3_is_read_with_todays_fields(tmp_path: Path):
    line = {"document": "in/a.pdf", "hash": "ab", "status": "failed", "stage": "ingest", "error": "not a PDF",
            "pages": 0, "seconds": 0.1, "pipeline": "0.3.0;x", "output": None}
    (tmp_path / MANIFEST_NAME).write_text(json.dumps(line) + "\n", encoding="utf-8")
    [record] = read_records(tmp_path / MANIFEST_NAME)
    result = ConversionResult.from_record(record)
    assert (result.input, result.status, result.errors) == (
        "in/a.pdf", ConversionStatus.FAILURE, (ErrorItem("ingest", "error", "not a PDF"),))


def test_importing_vnresolve_loads_no_stage():
    code = ("import sys, vnresolve; print(sorted(m for m in sys.modules if m.startswith('vnresolve.')), "
            "'pydantic' in sys.modules, 'numpy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd="/").stdout
    assert out.strip() == "[] False False"
