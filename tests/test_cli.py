"""The CLI contract (issue 2), exercised through the real `python cli.py` entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from fixtures.paths import ROOT, run_cli
from vnresolve.schemas import load_document

RESOLUTION = """TỈNH ỦY HÀ GIANG
Số 12-NQ/TU
Hà Giang, ngày 03 tháng 01 năm 2026

NGHỊ QUYẾT
về nhiệm vụ phát triển kinh tế - xã hội năm 2026

I- MỤC TIÊU, CHỈ TIÊU CHỦ YẾU
1. Các chỉ tiêu chủ yếu năm 2026
(1) Tốc độ tăng trưởng kinh tế (GRDP) đạt 8,5%. Tổng thu ngân sách trên địa bàn đạt trên 3.150 tỷ đồng.
(2) Tạo việc làm cho 8.800 - 9.000 lao động.
"""


@pytest.fixture
def resolution_txt(tmp_path: Path) -> Path:
    path = tmp_path / "nq12.txt"
    path.write_text(RESOLUTION, encoding="utf-8")
    return path


def test_help_everywhere_with_examples():
    for args in ([], ["ingest"], ["restore"], ["parse"], ["schema"], ["validate"]):
        proc = run_cli(*args, "--help")
        assert proc.returncode == 0, proc.stderr
        assert b"Example" in proc.stdout or b"Examples" in proc.stdout, args


def test_schema_command_matches_published_schema():
    proc = run_cli("schema")
    assert proc.returncode == 0
    schema = json.loads(proc.stdout)
    assert schema["properties"]["schema_version"]["enum"] == ["1.1", "1.2", "1.3", "1.4", "1.5", "1.6"]
    for field in ("source", "metadata", "text", "pages", "sections", "goals", "indicators", "tasks", "agencies", "references", "warnings"):
        assert field in schema["properties"], field
    published = (ROOT / "schemas" / "document.schema.json").read_bytes()
    assert proc.stdout == published, "schemas/document.schema.json is stale: run `make schema`"


def test_parse_file_gives_valid_document(resolution_txt: Path, tmp_path: Path):
    proc = run_cli("parse", str(resolution_txt), "--no-restore")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["schema_version"] == "1.6"
    assert doc["source"]["kind"] == "text"
    assert doc["text"] == RESOLUTION.strip("\n")
    assert doc["metadata"]["number"] == "12-NQ/TU"
    assert doc["metadata"]["date"] == "2026-01-03"
    growth = [i for i in load_document(proc.stdout).indicators if i.number == "1" and i.target and i.target.value == 8.5]
    assert growth and growth[0].target.comparator == "eq" and growth[0].page == 1  # "eq", the default, read back
    out = tmp_path / "doc.json"
    out.write_bytes(proc.stdout)
    assert run_cli("validate", str(out)).returncode == 0


def test_parse_reads_stdin(resolution_txt: Path):
    proc = run_cli("parse", "--no-restore", input=resolution_txt.read_bytes())
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["source"]["path"] == "<stdin>"


def test_restore_keeps_line_structure():
    text = "Nghi quyet so 04-NQ/TU\n\n  GRDP dat 10,5%.\nhttps://example.org\n"
    proc = run_cli("restore", input=text.encode())
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.decode()
    assert out.count("\n") == text.count("\n")
    for untouched in ("04-NQ/TU", "GRDP", "10,5%", "https://example.org"):
        assert untouched in out


def test_restore_json_gives_the_text_and_a_record_per_changed_word():
    """`restore --json`: the same text as plain `restore`, and the Document's restoration record
    (spans into that text, confidences, alternatives) for review tools."""
    from vnresolve.schemas.io import load_restoration

    text = "Nghi quyét Pai hoi Pang bd tinh so 04-NQ/TU; cac dong chi da the hien.\n"
    plain = run_cli("restore", input=text.encode())
    proc = run_cli("restore", "--json", input=text.encode())
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["text"] == plain.stdout.decode()
    restored, record = load_restoration(proc.stdout)
    assert restored == out["text"]
    assert record.changed == len(record.corrections) > 5
    for c in record.corrections:
        assert out["text"][c.start:c.end] == c.restored != c.original
        assert 0.0 <= c.confidence <= 1.0 and c.restored not in c.alternatives
    assert "04-NQ/TU" not in {c.original for c in record.corrections}


def test_restorer_is_chosen_by_name_and_an_unknown_one_is_a_usage_error(resolution_txt: Path, tmp_path: Path):
    proc = run_cli("parse", str(resolution_txt), "--restorer", "adaptive")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["restoration"]["model"] == "ngram-trigram-v1-adaptive"
    for args in (["restore", "--model", "bogus"], ["parse", str(resolution_txt), "--restorer", "bogus"],
                 ["ingest", str(resolution_txt), "-o", str(tmp_path / "out"), "--restorer", "bogus"]):
        proc = run_cli(*args, input=b"x")
        assert proc.returncode == 2, args
        assert b"'bogus' is not one of 'default', 'fast', 'adaptive', 'passthrough'" in proc.stderr
    assert not (tmp_path / "out").exists()


def test_validate_reports_exact_path_of_first_error(resolution_txt: Path, tmp_path: Path):
    doc = json.loads(run_cli("parse", str(resolution_txt), "--no-restore").stdout)
    doc["source"]["sha256"] = "not-a-hash"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    proc = run_cli("validate", str(bad))
    assert proc.returncode == 1
    assert b"source/sha256" in proc.stderr
    garbage = tmp_path / "garbage.json"
    garbage.write_text("{not json", encoding="utf-8")
    assert run_cli("validate", str(garbage)).returncode == 1


def test_validate_refuses_nan_impossible_days_and_ids_that_resolve_nowhere(resolution_txt: Path, tmp_path: Path):
    doc = json.loads(run_cli("parse", str(resolution_txt), "--no-restore").stdout)
    assert doc["indicators"] and doc["sections"] and run_cli("validate", str(_write(tmp_path / "ok.json", doc))).returncode == 0
    cases = {
        "nan": (lambda d: d["indicators"][0]["target"].update(value=float("nan")), b"indicators/0/target/value"),
        "day": (lambda d: d["metadata"].update(date="2026-02-30"), b"metadata/date"),
        "parent": (lambda d: d["sections"][-1].update(parent="s999"), b"'s999' is not the id of an earlier section"),
        "link": (lambda d: d["indicators"][0].update(linked="i999"), b"'i999' is not the id of an indicator"),
    }
    for name, (spoil, where) in cases.items():
        bad = json.loads(json.dumps(doc))
        spoil(bad)
        proc = run_cli("validate", str(_write(tmp_path / f"{name}.json", bad)))
        assert proc.returncode == 1 and where in proc.stderr, (name, proc.stderr)


def _write(path: Path, doc: dict) -> Path:
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")  # NaN written as the bare token NaN
    return path


def _png_page(path: Path, text: str) -> None:
    font_path = Path("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf")
    if not font_path.exists():
        pytest.skip("Liberation Serif not installed (make setup installs fonts-liberation2)")
    img = Image.new("L", (1400, 220), 255)
    ImageDraw.Draw(img).text((60, 70), text, font=ImageFont.truetype(str(font_path), 48), fill=0)
    img.save(path, dpi=(300, 300))


def test_ingest_folder_reports_bad_files_and_finishes_the_rest(resolution_txt: Path, tmp_path: Path):
    src = tmp_path / "in"
    (src / "nested").mkdir(parents=True)
    (src / "nested" / "nq12.txt").write_bytes(resolution_txt.read_bytes())
    _png_page(src / "page.png", "Nghị quyết về phát triển kinh tế")
    (src / "empty.pdf").write_bytes(b"")
    (src / "notapdf.pdf").write_bytes(b"PK\x03\x04 this is a zip, not a PDF" * 10)
    (src / "truncated.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj << /Ty")
    out = tmp_path / "out"
    proc = run_cli("ingest", str(src), "-o", str(out), "--no-restore", "--workers", "2")
    assert proc.returncode == 1, proc.stderr
    stderr = proc.stderr.decode()
    for name in ("empty.pdf", "notapdf.pdf", "truncated.pdf"):
        assert name in stderr, stderr
    assert "empty" in stderr.lower()
    produced = sorted(p.name for p in out.glob("*.json"))
    assert produced == ["nq12.json", "page.json"], produced
    page = json.loads((out / "page.json").read_text(encoding="utf-8"))
    assert page["source"]["kind"] == "image" and page["pages"][0]["source"] == "ocr"
    assert "quyết" in page["text"] and page["pages"][0]["ocr_confidence"] > 50
    assert run_cli("validate", *map(str, out.glob("*.json"))).returncode == 0


def test_ingest_is_deterministic_and_exit_zero_when_all_succeed(resolution_txt: Path, tmp_path: Path):
    outs = []
    for n in (1, 2):
        out = tmp_path / f"out{n}"
        proc = run_cli("ingest", str(resolution_txt), "-o", str(out), "--no-restore")
        assert proc.returncode == 0, proc.stderr
        outs.append((out / "nq12.json").read_bytes())
    assert outs[0] == outs[1]


def test_usage_errors_exit_2(tmp_path: Path):
    assert run_cli("ingest", str(tmp_path / "missing"), "-o", str(tmp_path / "o")).returncode == 2
    assert run_cli("ingest", str(tmp_path)).returncode == 2  # no -o
    assert run_cli("frobnicate").returncode == 2
