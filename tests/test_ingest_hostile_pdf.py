"""Hostile PDFs, written byte by byte here: reference cycles, a damaged xref table, a page tree
too deep for pdfminer, a page too big to render. None may hang the batch or go unread when
poppler can read it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fixtures.paths import run_cli
from fixtures.pdfs import build_pdf, deep_tree_pdf, hello_pdf, image_pdf_bytes, reference_cycle_pdf
from vnresolve.pipeline.manifest import MANIFEST_NAME, read_records

@pytest.mark.slow
def test_pdfs_pdfminer_cannot_read_convert_through_poppler_and_never_hang(tmp_path: Path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "cycle.pdf").write_bytes(reference_cycle_pdf())
    (src / "bad-xref.pdf").write_bytes(build_pdf(hello_pdf(), xref_shift=7))
    (src / "deep-tree.pdf").write_bytes(deep_tree_pdf())
    assert len((src / "cycle.pdf").read_bytes()) < 1024
    out = tmp_path / "out"
    proc = run_cli("ingest", str(src), "-o", str(out), "--no-restore", "--timeout", "60", timeout=170)
    assert proc.returncode == 0, proc.stderr.decode()
    records = {Path(r["input"]).name: r for r in read_records(out / MANIFEST_NAME)}
    assert {name: r["status"] for name, r in records.items()} == dict.fromkeys(["cycle.pdf", "bad-xref.pdf", "deep-tree.pdf"], "success")
    docs = {name: json.loads((out / r["output"]).read_bytes()) for name, r in records.items()}
    for name in ("bad-xref.pdf", "deep-tree.pdf"):  # pdfminer: "PDF has no pages" / RecursionError; poppler reads both
        assert "Hello" in docs[name]["text"], name
        assert "pdf-recovered" in {w["code"] for w in docs[name]["warnings"]}, name
    assert docs["cycle.pdf"]["source"]["pages"] == 1


def test_a_reference_cycle_in_annotations_does_not_recurse(tmp_path: Path):
    """Signed PDFs link fields, widgets and annotations back and forth; pdfplumber's resolve_all
    followed such a loop until RecursionError."""
    import pdfplumber

    import vnresolve.ingest.pdf  # noqa: F401  (installs the guarded resolvers)

    objects = hello_pdf(extra=b" /Annots [6 0 R]") + [
        b"<< /Type /Annot /Subtype /Widget /Rect [0 0 10 10] /V 7 0 R >>",
        b"<< /Type /Sig /Next 8 0 R >>",
        b"<< /Prev 7 0 R >>",
    ]
    path = tmp_path / "signed.pdf"
    path.write_bytes(build_pdf(objects))
    with pdfplumber.open(path) as pdf:
        annots = pdf.pages[0].annots
        assert len(annots) == 1 and "Hello" in pdf.pages[0].extract_text()


def test_a_huge_pdf_page_is_rendered_within_the_pixel_cap(tmp_path: Path):
    """A 424-byte PDF with a 10,000 x 10,000 pt page was rendered at 300 dpi: 1.7 gigapixels before any
    check. Its size is checked first and the resolution lowered to fit --max-page-mpixels."""
    from vnresolve.ingest.pdf import capped_dpi

    assert capped_dpi(595.0, 842.0, 300.0, 120.0) == 300.0  # an A4 page is untouched
    assert (10_000 / 72 * capped_dpi(10_000.0, 10_000.0, 300.0, 120.0)) ** 2 <= 120e6

    src = tmp_path / "in"
    src.mkdir()
    (src / "huge.pdf").write_bytes(build_pdf(hello_pdf(media=b"[0 0 10000 10000]")))
    out = tmp_path / "out"
    proc = run_cli("ingest", str(src), "-o", str(out), "--no-restore", "--ocr", "always", "--max-page-mpixels", "2", timeout=120)
    assert proc.returncode == 0, proc.stderr.decode()
    doc = json.loads((out / "huge.json").read_bytes())
    page = doc["pages"][0]
    assert page["width"] * page["height"] <= 2e6  # not enlarged past the cap by the upscale step either
    assert "page-downscaled" in {w["code"] for w in doc["warnings"]}


def test_a_page_whose_image_stream_is_damaged_is_marked_and_makes_a_partial_success(tmp_path: Path):
    import vnresolve

    good, bad = tmp_path / "good.pdf", tmp_path / "bad.pdf"
    good.write_bytes(image_pdf_bytes(damage=False))
    bad.write_bytes(image_pdf_bytes(damage=True))
    ok = vnresolve.convert(good, vnresolve.PipelineOptions(restore=False))
    assert ok.status is vnresolve.ConversionStatus.SUCCESS and not ok.document.pages[0].damaged
    assert "page-damaged" not in [w.code for w in ok.document.warnings]
    hurt = vnresolve.convert(bad, vnresolve.PipelineOptions(restore=False))
    assert hurt.status is vnresolve.ConversionStatus.PARTIAL_SUCCESS and hurt.document.pages[0].damaged
    assert [(e.stage, e.code, e.page) for e in hurt.errors] == [("ingest", "page-damaged", 1)]
    [warning] = [w for w in hurt.document.warnings if w.code == "page-damaged"]
    assert warning.page == 1 and "flate stream" in warning.message
