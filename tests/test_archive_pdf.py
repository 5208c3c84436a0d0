"""The searchable PDF: restored words in an invisible text layer over untouched page images,
PDF/A identification and structure, determinism, and how the batch writes it."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

import vnresolve
from fixtures.documents import LINES, image_pdf, make_pdf, mangle, render_lines
from fixtures.paths import run_cli
from fixtures.pdfcheck import image_streams, pdfa_findings, pdftotext
from vnresolve.archive.pdf import PDFA_PARTS
from vnresolve.archive.words import document_pages
from vnresolve.ingest.options import IngestOptions
from vnresolve.pipeline.manifest import MANIFEST_NAME as MANIFEST
from vnresolve.pipeline.options import PdfaLevel, PipelineOptions
from vnresolve.pipeline.result import ConversionResult

MANGLED = [mangle(line) for line in LINES]  # what an OCR layer without Vietnamese reads


@pytest.fixture(scope="module")
def scan(tmp_path_factory) -> Path:
    """Two scanned pages of accent-stripped Vietnamese: OCR reads them as printed, the restorer fixes them."""
    folder = tmp_path_factory.mktemp("scan")
    return image_pdf(folder / "scan.pdf", [render_lines(MANGLED), render_lines(MANGLED[::-1])])


@pytest.fixture(scope="module")
def converted(scan):
    result = vnresolve.convert(scan, PipelineOptions(pdf=True))
    assert result.status.value == "success", result.reason
    return result


def restored_words(doc) -> list[str]:
    return [w.text for page in document_pages(doc) for w in page.words]


def test_the_text_layer_holds_the_restored_words_exactly(converted, tmp_path):
    doc = converted.document
    assert doc.restoration.changed > 10  # the OCR read accent-stripped words and the restorer changed them
    out = tmp_path / "scan.pdf"
    out.write_bytes(converted.archive_data[".pdf"])
    words = pdftotext(out).split()
    assert words == restored_words(doc) == doc.text.split()
    assert "Nghị" in words and "Đảng" in words and "Nghi" not in words
    assert not [w for w in doc.warnings if w.stage == "archive"]


def test_the_page_images_are_the_input_bytes(converted, scan, tmp_path):
    out = tmp_path / "scan.pdf"
    out.write_bytes(converted.archive_data[".pdf"])
    before, after = image_streams(scan), image_streams(out)
    assert len(before) == 2 and before == after


def test_it_passes_the_pdfa_checks_and_carries_the_record(converted, tmp_path):
    out = tmp_path / "scan.pdf"
    out.write_bytes(converted.archive_data[".pdf"])
    assert pdfa_findings(out, "2b") == []
    with pikepdf.open(out) as pdf:
        meta = pdf.open_metadata()
        assert meta["dc:source"] == f"sha256:{converted.document.source.sha256}"
        assert set(meta["dc:language"]) == {"vi"}


@pytest.mark.parametrize("part", ["1b", "3b"])
def test_each_pdfa_level_is_claimed_after_its_checks(converted, scan, tmp_path, part):
    out = tmp_path / f"{part}.pdf"
    warnings = vnresolve.write_pdf(converted, scan, out, pdfa=part)
    assert warnings == [] and pdfa_findings(out, part) == []


def test_the_levels_offered_are_the_levels_written():
    assert PdfaLevel.__args__ == PDFA_PARTS


def test_the_same_document_gives_the_same_bytes(converted, scan, tmp_path):
    vnresolve.write_pdf(converted, scan, tmp_path / "a.pdf")
    vnresolve.write_pdf(converted.document, scan, tmp_path / "b.pdf")
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes() == converted.archive_data[".pdf"]


def test_a_metadata_record_goes_into_info_and_xmp(converted, scan, tmp_path):
    doc = converted.document.model_copy(deep=True)
    doc.metadata.title = "về nhiệm vụ phát triển kinh tế - xã hội năm 2026"
    doc.metadata.issuer = "ĐẢNG BỘ TỈNH LẠNG SƠN"
    doc.metadata.number = "04-NQ/TU"
    doc.metadata.date = "2025-12-05"
    out = tmp_path / "record.pdf"
    assert vnresolve.write_pdf(doc, scan, out) == []
    with pikepdf.open(out) as pdf:
        assert str(pdf.docinfo.Title) == doc.metadata.title and str(pdf.docinfo.Author) == doc.metadata.issuer
        meta = pdf.open_metadata()
        assert meta["dc:identifier"] == "04-NQ/TU" and list(meta["dc:date"]) == ["2025-12-05"]
    assert pdfa_findings(out, "2b") == []


@pytest.mark.parametrize("mode", [3, 7])
def test_a_rejected_invisible_text_layer_is_replaced(tmp_path, mode):
    """A scan whose old OCR layer is accent-stripped, in render mode 3 or 7 (the glyphs only added to
    the clip, under which nothing is painted after: it draws nothing either): the page is OCR'd again,
    search finds the restored words only, not the old layer's, and the page keeps its image."""
    img = render_lines(LINES)
    src = image_pdf(tmp_path / "legacy.pdf", [img], text_layer=[["Nghi quyet cua Ban Chap hanh Pang bo tinh xzq"]])
    if mode != 3:
        with pikepdf.open(src, allow_overwriting_input=True) as pdf:
            page = pdf.pages[0]
            data = page.obj.Contents.read_bytes()
            assert data.count(b"3 Tr") == 1
            page.obj.Contents = pdf.make_stream(data.replace(b"3 Tr", b"%d Tr" % mode))
            pdf.save(src)
    assert "xzq" in pdftotext(src)
    result = vnresolve.convert(src, PipelineOptions(pdf=True))
    assert result.document.pages[0].source == "ocr"
    assert [w.code for w in result.document.warnings if w.stage == "archive"] == []
    out = tmp_path / "out.pdf"
    out.write_bytes(result.archive_data[".pdf"])
    text = pdftotext(out)
    assert "xzq" not in text and "Pang" not in text
    assert text.split() == restored_words(result.document)
    assert image_streams(src) == image_streams(out)
    assert pdfa_findings(out, "2b") == []


@pytest.mark.parametrize("painted_after", [False, True])
def test_text_in_clip_mode_stays_only_where_something_is_painted_under_its_clip(tmp_path, painted_after):
    """Mode 7 text clips what is painted after it until the graphics state is restored: a square
    painted there shows only through the glyphs, so the text stays (named in a warning); a square
    painted before it, or after the state is restored, is whole either way, so the text goes."""
    from vnresolve.archive.pdf import _remove_old_text, _shown_modes, _what_text_does

    square = b"0 0 1 rg 0 0 100 100 re f"
    text = b"BT /F1 40 Tf 7 Tr 10 30 Td (xzq) Tj ET"
    content = b"q " + text + b" " + square + b" Q" if painted_after else square + b" q " + text + b" Q " + square
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(100, 100))
    page = pdf.pages[0]
    page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)))
    page.obj.Contents = pdf.make_stream(content)
    pdf.save(tmp_path / "clip.pdf")
    assert "xzq" in pdftotext(tmp_path / "clip.pdf")
    assert _shown_modes(page) == ({7} if painted_after else set())
    if painted_after:  # the page-rasterised warning names the same kind of text as the kept-text one
        assert "render mode 7" in _what_text_does(_shown_modes(page))
    warnings = []
    _remove_old_text(pdf, page, 1, warnings)
    pdf.save(tmp_path / "out.pdf")
    assert ("xzq" in pdftotext(tmp_path / "out.pdf")) == painted_after
    assert [(w.code, "render mode 7" in w.message) for w in warnings] == ([("pdf-old-text-kept", True)] if painted_after else [])


def test_a_render_mode_that_is_no_number_leaves_the_mode_in_force(tmp_path):
    """A damaged Tr whose operand is no number ('/X Tr') is skipped, as viewers skip it: the text
    after it shows in the mode before it, and the page is read rather than the archive failing."""
    from vnresolve.archive.pdf import _shown_modes

    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(100, 100))
    page = pdf.pages[0]
    page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)))
    page.obj.Contents = pdf.make_stream(b"BT /F1 40 Tf /X Tr 10 30 Td (xzq) Tj ET")
    assert _shown_modes(page) == {0}
    page.obj.Contents = pdf.make_stream(b"BT /F1 40 Tf 3 Tr /X Tr 10 30 Td (xzq) Tj ET")
    assert _shown_modes(page) == set()


def test_a_searchable_pdf_converted_again_reads_its_restored_layer(converted, tmp_path):
    """Our own output read again: its invisible layer holds the restored (perhaps reviewed) words, not
    a scanner's OCR, so it is the pages' text, word for word, and the page is left as it is."""
    first = tmp_path / "first.pdf"
    first.write_bytes(converted.archive_data[".pdf"])
    result = vnresolve.convert(first, PipelineOptions(pdf=True))
    assert [p.source for p in result.document.pages] == ["text-layer", "text-layer"]
    assert "text-layer-invisible" not in {w.code for w in result.document.warnings}
    assert [p.text.split() for p in result.document.pages] == [p.text.split() for p in converted.document.pages]
    assert result.document.text.split() == restored_words(converted.document)
    out = tmp_path / "second.pdf"
    out.write_bytes(result.archive_data[".pdf"])
    assert pdftotext(out, "-raw").split() == restored_words(converted.document)  # -raw: overlapping copies too


def test_a_searchable_pdf_ocrd_again_has_one_text_layer(converted, tmp_path):
    """Our own output OCR'd anew (--ocr always): the new PDF holds the new restored words once, not
    beside the old layer's."""
    first = tmp_path / "first.pdf"
    first.write_bytes(converted.archive_data[".pdf"])
    result = vnresolve.convert(first, PipelineOptions(pdf=True, ingest=IngestOptions(ocr="always")))
    assert [p.source for p in result.document.pages] == ["ocr", "ocr"]
    out = tmp_path / "second.pdf"
    out.write_bytes(result.archive_data[".pdf"])
    assert pdftotext(out, "-raw").split() == restored_words(result.document)  # -raw: overlapping copies too
    assert image_streams(out) == image_streams(first)
    assert pdfa_findings(out, "2b") == []


def test_a_rejected_visible_text_layer_is_replaced_by_the_page_image(tmp_path):
    """A born-digital page whose text reads as mangled words (legacy font codes): the visible text
    cannot be taken out unchanged, so the page becomes its rendered image under the restored layer."""
    src = make_pdf(tmp_path / "legacy-font.pdf", [MANGLED * 3], size=(595, 400))
    assert "Pang" in pdftotext(src)
    result = vnresolve.convert(src, PipelineOptions(pdf=True))
    assert result.document.pages[0].source == "ocr"
    assert [(w.code, "draws visible text" in w.message) for w in result.document.warnings
            if w.stage == "archive"] == [("pdf-page-rasterised", True)]
    out = tmp_path / "out.pdf"
    out.write_bytes(result.archive_data[".pdf"])
    assert pdftotext(out).split() == restored_words(result.document)
    old_only = set(pdftotext(src).split()) - set(restored_words(result.document))
    assert old_only and not old_only & set(pdftotext(out).split())
    with pikepdf.open(out) as pdf:
        assert [float(v) for v in pdf.pages[0].mediabox] == [0, 0, 595, 400]
        (image,) = pdf.pages[0].get_images(recursive=False).values()
        assert abs(int(image.Width) - 595 / 72 * result.document.pages[0].dpi) <= 1  # rendered at the OCR dpi
    assert pdfa_findings(out, "2b") == []


def test_a_good_born_digital_page_is_left_as_it_is(tmp_path):
    src = make_pdf(tmp_path / "digital.pdf", [LINES])
    result = vnresolve.convert(src, PipelineOptions(pdf=True))
    assert result.document.pages[0].source == "text-layer"
    out = tmp_path / "out.pdf"
    out.write_bytes(result.archive_data[".pdf"])
    with pikepdf.open(src) as a, pikepdf.open(out) as b:
        assert b.pages[0].obj.Contents.read_bytes() == a.pages[0].obj.Contents.read_bytes()
        assert "/VnrText" not in b.pages[0].obj.Resources.get("/XObject", {})
    assert pdftotext(out).split() == pdftotext(src).split()
    # ReportLab selects Helvetica (never embedded) on every page without drawing with it; the
    # validator will not vouch for that, and the untouched page keeps it: no PDF/A claim, and why
    (warning,) = [w for w in result.document.warnings if w.stage == "archive"]
    assert warning.code == "pdfa-not-claimed" and "not embedded" in warning.message
    with pikepdf.open(out) as pdf:
        assert "pdfaid:part" not in pdf.open_metadata()


def test_an_unembedded_font_rules_pdfa_out_with_the_reason(tmp_path):
    """A born-digital page of good Vietnamese drawn in a font the file does not embed: the page is
    left as it is, so the file cannot be PDF/A: a plain PDF, and a warning that says why."""
    src = make_pdf(tmp_path / "embedded.pdf", [LINES])
    with pikepdf.open(src) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/FontDescriptor" and "/FontFile2" in obj:
                del obj["/FontFile2"]
        pdf.save(tmp_path / "unembedded.pdf")
    result = vnresolve.convert(tmp_path / "unembedded.pdf", PipelineOptions(pdf=True))
    assert result.document.pages[0].source == "text-layer"
    (warning,) = [w for w in result.document.warnings if w.stage == "archive"]
    assert warning.code == "pdfa-not-claimed" and "pikepdf's PDF/A validator" in warning.message
    assert "not embedded" in warning.message or "FontFile" in warning.message
    out = tmp_path / "out.pdf"
    out.write_bytes(result.archive_data[".pdf"])
    with pikepdf.open(out) as pdf:
        assert "pdfaid:part" not in pdf.open_metadata()


def test_images_are_wrapped_without_loss(tmp_path):
    img = render_lines(MANGLED)
    png, jpeg = tmp_path / "page.png", tmp_path / "page.jpg"
    img.save(png, dpi=(200, 200))
    img.save(jpeg, dpi=(200, 200), quality=90)
    for src in (png, jpeg):
        result = vnresolve.convert(src, PipelineOptions(pdf=True))
        out = tmp_path / f"{src.suffix[1:]}.pdf"
        out.write_bytes(result.archive_data[".pdf"])
        vnresolve.write_pdf(result.document, src, tmp_path / "again.pdf")
        assert (tmp_path / "again.pdf").read_bytes() == out.read_bytes(), src  # no random file ID, no clock
        assert pdftotext(out).split() == restored_words(result.document)
        assert pdfa_findings(out, "2b") == []
        with pikepdf.open(out) as pdf:
            (image,) = pdf.pages[0].get_images(recursive=False).values()
            if src is jpeg:
                assert image.read_raw_bytes() == jpeg.read_bytes()  # the JPEG's own bytes
            else:
                pixels = pikepdf.PdfImage(image).as_pil_image()
                assert pixels.tobytes() == Image.open(png).convert("L").tobytes()
            assert float(pdf.pages[0].mediabox[2]) == pytest.approx(img.width * 72 / 200)
            # an image has no creation date of its own; one from the clock would change the bytes each run
            assert not {"/CreationDate", "/ModDate"} & set(pdf.docinfo.keys()), dict(pdf.docinfo)
            with pdf.open_metadata() as meta:
                assert not {"xmp:CreateDate", "xmp:ModifyDate"} & set(meta.keys()), dict(meta)
            # the file ID is derived from the content alone (both halves), not from img2pdf's clock-seeded one
            assert bytes(pdf.trailer.ID[0]) == bytes(pdf.trailer.ID[1])


def test_a_sideways_scan_gets_its_text_where_the_words_are(tmp_path):
    """A page scanned sideways is OCR'd turned upright; the text layer is laid on the page as it is
    (rotated with it), so each word sits over its own ink."""
    img = render_lines(LINES, size=(1400, 1000)).rotate(90, expand=True)
    src = image_pdf(tmp_path / "sideways.pdf", [img])
    result = vnresolve.convert(src, PipelineOptions(pdf=True))
    (page,) = document_pages(result.document)
    assert page.rotation in (90, 270)
    out = tmp_path / "out.pdf"
    out.write_bytes(result.archive_data[".pdf"])
    assert "Nghị quyết của Ban Chấp hành" in " ".join(pdftotext(out).split())
    # each word's box in the PDF (pdftotext -bbox, points from the top left) holds the centre of its
    # box in the page image as it came in
    from lxml import etree

    tree = etree.fromstring(pdftotext(out, "-bbox").encode())
    found = {w.text: (float(w.get("xMin")), float(w.get("yMin")), float(w.get("xMax")), float(w.get("yMax")))
             for w in tree.iter("{*}word")}
    scale = 72 / 200
    for word in page.words[:8]:
        x0, y0, x1, y1 = page.source_box(word.bbox)
        cx, cy = (x0 + x1) / 2 * scale, (y0 + y1) / 2 * scale
        bx0, by0, bx1, by1 = found[word.text]
        assert bx0 - 2 <= cx <= bx1 + 2 and by0 - 2 <= cy <= by1 + 2, (word.text, (cx, cy), found[word.text])


def test_a_text_input_has_no_pdf_and_says_why(tmp_path):
    src = tmp_path / "nq.txt"
    src.write_text("NGHỊ QUYẾT\nvề nhiệm vụ năm 2026\n", encoding="utf-8")
    result = vnresolve.convert(src, PipelineOptions(pdf=True, alto=True))
    assert result.status.value == "success"
    assert ".pdf" not in result.archive_data and ".alto.xml" in result.archive_data
    assert any(w.code == "pdf-not-applicable" for w in result.document.warnings)


def test_ingest_writes_the_pdf_beside_the_json_and_resume_adds_it(scan, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "scan.pdf").write_bytes(scan.read_bytes())
    out = tmp_path / "out"
    proc = run_cli("ingest", str(src), "-o", str(out))
    assert proc.returncode == 0, proc.stderr.decode()
    assert not (out / "scan.pdf").exists()
    # asked for the PDF afterwards: the document is done again, with it
    proc = run_cli("ingest", str(src), "-o", str(out), "--pdf", "--alto")
    assert proc.returncode == 0, proc.stderr.decode()
    # the libraries' INFO chatter (fontTools' font subsetting, pikepdf) would bury the failure lines
    assert b"fontTools" not in proc.stderr and b"pikepdf" not in proc.stderr, proc.stderr.decode()
    first = (out / "scan.pdf").read_bytes()
    assert (out / "scan.alto.xml").exists() and pdftotext(out / "scan.pdf").split()[0] == "Nghị"
    # the same command again: nothing to do, nothing rewritten
    proc = run_cli("ingest", str(src), "-o", str(out), "--pdf", "--alto")
    assert proc.returncode == 0 and b"1 already done" in proc.stdout
    assert (out / "scan.pdf").read_bytes() == first
    # the manifest names the archive files of each document, also on the line of a resumed one
    lines = [json.loads(line) for line in (out / MANIFEST).read_text(encoding="utf-8").splitlines()]
    assert [line["archives"] for line in lines] == [[], ["scan.pdf", "scan.alto.xml"]]
    assert ConversionResult.from_record(lines[-1]).archives == ("scan.pdf", "scan.alto.xml")
    # touched (the same bytes found done again) and copied (a duplicate): their lines name the files too
    os.utime(src / "scan.pdf", ns=(1, 1))
    (src / "twin.pdf").write_bytes(scan.read_bytes())
    proc = run_cli("ingest", str(src), "-o", str(out), "--pdf", "--alto")
    assert proc.returncode == 0, proc.stderr.decode()
    lines = [json.loads(line) for line in (out / MANIFEST).read_text(encoding="utf-8").splitlines()][2:]
    assert sorted((line["input"].rsplit("/", 1)[-1], line["archives"]) for line in lines) == [
        ("scan.pdf", ["scan.pdf", "scan.alto.xml"]), ("twin.pdf", ["scan.pdf", "scan.alto.xml"])]
    (src / "twin.pdf").unlink()
    # two workers over two documents write the same bytes
    (src / "copy.pdf").write_bytes(scan.read_bytes() + b"\n")
    proc = run_cli("ingest", str(src), "-o", str(tmp_path / "two"), "--pdf", "--alto", "--workers", "2")
    assert proc.returncode == 0, proc.stderr.decode()
    assert (tmp_path / "two" / "scan.pdf").read_bytes() == first
    assert (tmp_path / "two" / "scan.alto.xml").read_bytes() == (out / "scan.alto.xml").read_bytes()


def test_a_users_own_pdf_in_outdir_is_never_overwritten(scan, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    mine = out / "scan.pdf"
    mine.write_bytes(b"%PDF-1.4 my own notes\n")
    src = tmp_path / "in"
    src.mkdir()
    (src / "scan.pdf").write_bytes(scan.read_bytes())
    proc = run_cli("ingest", str(src), "-o", str(out), "--pdf")
    assert mine.read_bytes() == b"%PDF-1.4 my own notes\n"
    assert proc.returncode == 0 and b"is not vnresolve's output of this document" in proc.stderr
    assert (out / "scan.json").exists()


def test_dask_writes_the_same_pdf_and_alto_bytes(scan, tmp_path):
    distributed = pytest.importorskip("distributed", reason="dask[distributed] not installed (pip install -e '.[dask]')")
    src = tmp_path / "in"
    src.mkdir()
    (src / "scan.pdf").write_bytes(scan.read_bytes())
    proc = run_cli("ingest", str(src), "-o", str(tmp_path / "local"), "--pdf", "--alto")
    assert proc.returncode == 0, proc.stderr.decode()
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, protocol="tcp",
                                  dashboard_address=None) as cluster:
        proc = run_cli("ingest", str(src), "-o", str(tmp_path / "dask"), "--pdf", "--alto", "--executor", "dask",
                       "--scheduler", cluster.scheduler_address, timeout=300)
    assert proc.returncode == 0, proc.stderr.decode()
    for name in ("scan.pdf", "scan.alto.xml", "scan.json"):
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "local" / name).read_bytes(), name


def test_a_pdf_that_is_not_the_documents_source_is_refused(converted, tmp_path):
    other = image_pdf(tmp_path / "one.pdf", [render_lines(LINES)])
    with pytest.raises(ValueError, match="not the file this document was converted from"):
        vnresolve.write_pdf(converted, other, tmp_path / "x.pdf")
    with pytest.raises(ValueError, match="unknown PDF/A level"):
        vnresolve.write_pdf(converted, io.BytesIO(), tmp_path / "x.pdf", pdfa="4u")


def test_words_whose_boxes_almost_touch_stay_apart():
    from vnresolve.archive.pdf import WORD_GAP, _spaced

    boxes = _spaced([(0, 0, 40, 20), (41, 0, 90, 20), (200, 0, 240, 20)], 20)
    assert boxes[1][0] - boxes[0][2] >= WORD_GAP * 20 and boxes[0][2] > boxes[0][0]
    assert boxes[1][2] == 90 and boxes[2] == (200, 0, 240, 20)  # a wide gap is left as it is


@pytest.mark.slow
def test_the_sample_scan_text_layer_is_the_json_word_for_word(tmp_path):
    """The project's own 24-page scan: pdftotext (content order) gives every restored word of the
    JSON, furniture lines included, and the page images are the scan's bytes."""
    from fixtures.paths import ROOT

    scan = ROOT / "samples" / "resolution-04-NQ-TU-scan.pdf"
    result = vnresolve.convert(scan, PipelineOptions(pdf=True))
    out = tmp_path / "scan.pdf"
    out.write_bytes(result.archive_data[".pdf"])
    assert pdftotext(out, "-raw").split() == restored_words(result.document)
    assert image_streams(out) == image_streams(scan)
    assert pdfa_findings(out, "2b") == []


def test_writing_a_pdf_leaves_text_layer_reading_as_it_was(converted, scan, tmp_path):
    """OCRmyPDF's import patches pdfminer for the whole process; the next document a worker reads
    must read as it would in a fresh process (a Helvetica 'Hello' without an encoding map)."""
    import pdfplumber

    from fixtures.pdfs import build_pdf, hello_pdf

    vnresolve.write_pdf(converted, scan, tmp_path / "first.pdf")
    hello = tmp_path / "hello.pdf"
    hello.write_bytes(build_pdf(hello_pdf()))
    with pdfplumber.open(hello) as pdf:
        assert pdf.pages[0].extract_text() == "Hello"
