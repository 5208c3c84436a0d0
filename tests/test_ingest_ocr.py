"""Ingest through the real Tesseract: scanned pages, rejected text layers, tables, determinism.

Pages are small (a few short lines at 200 dpi) so each OCR call takes about a second.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont
from reportlab.pdfgen import canvas

from vnresolve.ingest import IngestOptions, ingest_file, open_pages, preprocess
from vnresolve.ingest.tables_scan import fill_cells, find_grids
from vnresolve.schemas import dump_document
from fixtures.documents import FONT_PATH, LINES, font, mangle
from fixtures.documents import DPI, image_pdf, render_lines, word_recall

def test_scanned_pdf_is_ocrd_at_native_resolution_with_boxes(tmp_path):
    path = image_pdf(tmp_path / "scan.pdf", [render_lines(LINES, angle=1.5)])
    doc = ingest_file(path)
    page = doc.pages[0]
    assert doc.source.kind == "pdf-scanned"
    assert page.source == "ocr" and page.text_quality is None
    assert page.dpi == 200  # the native resolution, not re-rasterized at 300
    assert word_recall(" ".join(LINES), page.text) >= 0.9
    words = [w for line in page.lines for w in line.words]
    assert all(w.conf is not None and w.bbox[2] > w.bbox[0] for w in words)
    assert page.skew is not None and abs(page.skew + 1.5) < 0.3  # deskew undid the 1.5 degree rotation


def test_a_slightly_skewed_text_page_is_left_as_it_is_and_a_ruled_one_straightened(tmp_path):
    """Below TEXT_MIN_SKEW a page of text only is not rotated (Tesseract follows the slant; the
    resampling cost accuracy and time), but a page with ruling lines is: its grid needs them straight."""
    assert preprocess.MIN_SKEW < 0.6 < preprocess.TEXT_MIN_SKEW
    text_page = render_lines(LINES, angle=0.6)
    ruled = render_lines(LINES)
    ImageDraw.Draw(ruled).line((100, 400, 1300, 400), fill=20, width=3)  # a rule under the text, skewed with it
    ruled = ruled.rotate(0.6, fillcolor=235, resample=Image.BICUBIC)
    doc = ingest_file(image_pdf(tmp_path / "scan.pdf", [text_page, ruled]))
    text, rules = doc.pages
    assert text.skew is None and word_recall(" ".join(LINES), text.text) >= 0.9
    assert rules.skew is not None and abs(rules.skew + 0.6) < 0.3


def test_garbage_text_layer_is_rejected_and_reocrd(tmp_path):
    path = image_pdf(tmp_path / "garbage.pdf", [render_lines(LINES)], text_layer=[[mangle(x) for x in LINES]])
    doc = ingest_file(path)
    page = doc.pages[0]
    assert page.source == "ocr"
    assert page.text_quality is not None and page.text_quality < 0.55
    (warning,) = [w for w in doc.warnings if w.code == "text-layer-rejected"]
    assert warning.page == 1 and f"{page.text_quality:.2f}" in warning.message
    assert word_recall(" ".join(LINES), page.text) >= 0.9


def test_a_scanners_invisible_ocr_layer_is_never_taken_for_typed_text(tmp_path):
    """A scan whose scanner laid its own OCR under the image in good Vietnamese (invisible text,
    render mode 3): the page is OCR'd from its image and says so; the same words drawn visibly over
    the image (typed onto a background) are the page's text layer."""
    path = image_pdf(tmp_path / "scanner.pdf", [render_lines(LINES)], text_layer=[LINES])
    doc = ingest_file(path)
    page = doc.pages[0]
    assert page.source == "ocr" and page.text_quality is not None and page.text_quality >= 0.55
    (warning,) = [w for w in doc.warnings if w.code == "text-layer-invisible"]
    assert warning.page == 1 and not [w for w in doc.warnings if w.code == "text-layer-rejected"]
    assert word_recall(" ".join(LINES), page.text) >= 0.9
    typed = tmp_path / "typed.pdf"
    c = canvas.Canvas(str(typed), pagesize=(504, 151), invariant=1)
    c.drawImage(str(tmp_path / "scanner-0.png"), 0, 0, 504, 151)
    c.setFont(font(), 12)
    for i, line in enumerate(LINES):
        c.drawString(14, 130 - 16 * i, line)
    c.showPage()
    c.save()
    assert ingest_file(typed).pages[0].source == "text-layer"


def test_a_form_that_draws_itself_over_and_over_does_not_stall_the_invisible_layer_check(tmp_path):
    """A damaged or hostile file: a form drawing itself 30 times is read once (before, 30**8 times:
    the check never returned); the scanner's invisible layer beside it is still found."""
    import pikepdf
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    from vnresolve.ingest.scanlayer import invisible_text

    path = image_pdf(tmp_path / "scanner.pdf", [render_lines(LINES)], text_layer=[LINES])
    with pikepdf.open(path) as pdf:
        form = pdf.make_stream(b"")
        form.Type, form.Subtype, form.BBox = pikepdf.Name.XObject, pikepdf.Name.Form, [0, 0, 10, 10]
        form.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(F9=form))
        form.write(b"q " + b"/F9 Do " * 30 + b"Q")
        pdf.pages[0].obj.Resources.XObject.F9 = form
        pdf.pages[0].contents_add(b"q /F9 Do Q", prepend=False)
        pdf.save(tmp_path / "loop.pdf")
    with open(tmp_path / "loop.pdf", "rb") as f:
        assert invisible_text(next(PDFPage.create_pages(PDFDocument(PDFParser(f)))))


def test_png_with_pdf_suffix_is_sniffed_and_read_as_image(tmp_path):
    path = tmp_path / "scan.pdf"
    render_lines(LINES[:1], size=(1400, 160)).save(path, format="PNG", dpi=(DPI, DPI))
    doc = ingest_file(path)
    assert doc.source.kind == "image"
    assert any(w.code == "content-type-mismatch" for w in doc.warnings)
    assert word_recall(LINES[0], doc.text) >= 0.9


def test_mixed_pdf_is_deterministic_and_workers_do_not_change_output(tmp_path):
    path = tmp_path / "mixed.pdf"
    c = canvas.Canvas(str(path), pagesize=(504, 151), invariant=1)
    c.setFont(font(), 12)
    c.drawString(20, 100, LINES[0])
    c.showPage()
    c.save()
    scan = image_pdf(tmp_path / "scan.pdf", [render_lines(LINES[1:], size=(1400, 200))])
    import subprocess

    both = tmp_path / "both.pdf"
    subprocess.run(["pdfunite", str(path), str(scan), str(both)], check=True)
    one = dump_document(ingest_file(both, IngestOptions(workers=1)))
    two = dump_document(ingest_file(both, IngestOptions(workers=2)))
    assert one == two
    doc = ingest_file(both)
    assert doc.source.kind == "pdf-mixed"
    assert [p.source for p in doc.pages] == ["text-layer", "ocr"]


def draw_table(cells: list[tuple[int, int, int, int, str]], widths: list[int], heights: list[int]) -> Image.Image:
    """A ruled table drawn with PIL; cells are (row, col, row_span, col_span, text)."""
    font = ImageFont.truetype(FONT_PATH, 30)
    xs = np.cumsum([60] + widths).tolist()
    ys = np.cumsum([60] + heights).tolist()
    img = Image.new("L", (xs[-1] + 60, ys[-1] + 60), 240)
    d = ImageDraw.Draw(img)
    for r, c, rs, cs, text in cells:
        box = (xs[c], ys[r], xs[c + cs], ys[r + rs])
        d.rectangle(box, outline=20, width=3)
        d.text((box[0] + 12, box[1] + 10), text, fill=20, font=font)
    return img


def test_scanned_table_grid_with_merged_cells(tmp_path):
    if not Path(FONT_PATH).exists():
        pytest.skip("Liberation Serif not installed")
    spec = [
        (0, 0, 1, 1, "TT"), (0, 1, 1, 1, "Chỉ tiêu"), (0, 2, 1, 1, "Đơn vị"), (0, 3, 1, 1, "Chủ trì"),
        (1, 0, 2, 1, "1"), (1, 1, 1, 1, "Tăng trưởng"), (1, 2, 1, 1, "%"), (1, 3, 3, 1, "Sở Tài chính"),
        (2, 1, 1, 1, "Thu ngân sách"), (2, 2, 1, 1, "tỷ đồng"),
        (3, 0, 1, 1, "2"), (3, 1, 1, 2, "Giữ vững quốc phòng"),
    ]
    img = draw_table(spec, [90, 330, 200, 300], [70, 70, 70, 70])
    grey = np.asarray(img.rotate(0.3, fillcolor=240, resample=Image.BICUBIC))
    (grid,) = find_grids(grey)
    got = sorted(grid.cells)
    assert got == sorted((r, c, rs, cs) for r, c, rs, cs, _ in spec)
    tables, _ = fill_cells([grid], [], grey, 1, IngestOptions())
    text = {(c.row, c.col): c.text for c in tables[0].cells}
    assert text[(1, 3)] == "Sở Tài chính"
    assert text[(3, 1)] == "Giữ vững quốc phòng"
    assert text[(2, 2)] == "tỷ đồng"
    assert tables[0].rows == 4 and tables[0].cols == 4


def test_upside_down_page_is_turned_by_osd(tmp_path):
    lines = LINES + LINES[:2]
    img = render_lines(lines, size=(1400, 480)).rotate(180)
    path = tmp_path / "upside.png"
    img.save(path, dpi=(DPI, DPI))
    doc = ingest_file(path)
    page = doc.pages[0]
    assert page.rotation == 180
    assert any(w.code == "page-rotated" for w in doc.warnings)
    assert word_recall(" ".join(lines), page.text) >= 0.9


@pytest.mark.parametrize("orientation, turned_by", [(6, 90), (8, -90), (3, 180)])
def test_a_photo_stored_sideways_is_read_as_its_exif_orientation_shows_it(tmp_path, orientation, turned_by):
    """The photo's pixels are stored turned and its EXIF tag tells the viewer how to show them: the page is
    read upright, its rotation says so, and each word's box maps back onto its ink in the stored pixels."""
    from vnresolve.archive.words import document_pages

    upright = render_lines(LINES[:3], size=(1400, 400))
    stored = upright.rotate(turned_by, expand=True)  # PIL turns counter-clockwise; the viewer turns it back
    exif = Image.Exif()
    exif[0x0112] = orientation
    path = tmp_path / "photo.jpg"
    stored.convert("RGB").save(path, "JPEG", quality=95, dpi=(DPI, DPI), exif=exif)
    doc = ingest_file(path)
    page = doc.pages[0]
    assert page.rotation == turned_by % 360  # degrees clockwise, as OSD reports a turned page
    assert word_recall(" ".join(LINES[:3]), page.text) >= 0.9
    (placed,) = document_pages(doc)
    ink = np.asarray(stored.convert("L")) < 128
    for word in placed.words[:6]:
        x0, y0, x1, y1 = (round(v) for v in placed.source_box(word.bbox))
        assert ink[min(y0, y1):max(y0, y1), min(x0, x1):max(x0, x1)].mean() > 0.05, word.text


def test_multi_page_tiff_gives_one_page_per_frame(tmp_path):
    frames = [render_lines(LINES[:1], size=(1400, 160)), render_lines(LINES[1:2], size=(1400, 160))]
    path = tmp_path / "scan.tiff"
    frames[0].save(path, save_all=True, append_images=frames[1:], dpi=(DPI, DPI), compression="tiff_deflate")
    doc = ingest_file(path, IngestOptions(workers=2))
    assert doc.source.kind == "image" and [p.number for p in doc.pages] == [1, 2]
    assert word_recall(LINES[0], doc.pages[0].text) >= 0.9
    assert word_recall(LINES[1], doc.pages[1].text) >= 0.9
    assert doc.pages[1].start == len(doc.pages[0].text) + 2  # page offsets into Document.text


def test_orientation_check_is_asked_only_on_signs_of_a_turned_page():
    from vnresolve.ingest.ocr import _may_be_turned

    # an upright landscape table page: the few lines outside the table are dust read at low confidence,
    # the cells are read with high confidence; no OSD for it
    assert not _may_be_turned(words=250, confs=[22.0] * 4 + [93.0] * 240, quality=0.97)
    assert _may_be_turned(words=250, confs=[30.0] * 250, quality=0.97)  # unsure everywhere
    assert _may_be_turned(words=250, confs=[90.0] * 250, quality=0.2)  # confident nonsense: sideways text
    assert _may_be_turned(words=5, confs=[90.0] * 5, quality=0.97)  # too little text to judge


def test_the_ocr_is_under_way_when_the_page_stream_opens_and_pages_arrive_in_order(tmp_path):
    """open_pages returns with the page workers already reading, so the pipeline can ready its
    later stages meanwhile; the pages then come in page order, the same as with one worker."""
    import multiprocessing

    scan = image_pdf(tmp_path / "scan.pdf", [render_lines(LINES[i:i + 2], size=(1400, 200)) for i in range(3)])
    before = set(multiprocessing.active_children())
    with open_pages(scan, IngestOptions(workers=2)) as stream:
        assert len(set(multiprocessing.active_children()) - before) == 2
        arrived = [page.number for page in stream]
        two = stream.document()
    assert set(multiprocessing.active_children()) <= before  # the workers stop with the stream
    assert arrived == [1, 2, 3] and [p.number for p in two.pages] == [1, 2, 3]
    one = ingest_file(scan, IngestOptions(workers=1))
    assert dump_document(one) == dump_document(two)


def _table_page(side_word: bool = True) -> np.ndarray:
    """A 200 dpi page: a title above a ruled table, maybe a word beside it, a page number below,
    grainy paper and a few specks in the blank left margin."""
    if not Path(FONT_PATH).exists():
        pytest.skip("Liberation Serif not installed")
    spec = [(0, 0, 1, 1, "TT"), (0, 1, 1, 1, "Chỉ tiêu"), (1, 0, 1, 1, "1"), (1, 1, 1, 1, "Tăng trưởng")]
    table = draw_table(spec, [120, 480], [70, 70])
    page = Image.new("L", (1300, 900), 240)
    page.paste(table, (250, 200))
    d = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT_PATH, 38)
    d.text((250, 120), "CÁC CHỈ TIÊU CHỦ YẾU", fill=20, font=font)
    if side_word:
        d.text((1000, 330), "Ghi chú", fill=20, font=font)
    d.text((640, 780), "12", fill=20, font=font)
    grey = np.asarray(page, dtype=np.int16)
    rng = np.random.default_rng(5)
    grey = np.clip(grey + rng.normal(0, 10, grey.shape), 0, 255).astype(np.uint8)
    for y, x in ((400, 60), (520, 120), (610, 90)):
        grey[y : y + 3, x : x + 3] = 20  # specks: smaller than any letter
    return grey


def test_text_around_a_table_is_read_region_by_region_and_blank_paper_is_skipped():
    from vnresolve.ingest.ocr import _ocr_image
    from vnresolve.ingest.tables_scan import outside_text

    grey = _table_page()
    (grid,) = find_grids(grey)
    x0, y0, x1, y1 = grid.bbox
    _, regions = outside_text(grey, [grid], DPI)
    # the title band, the strip right of the table (it holds "Ghi chú"), the band with the page number;
    # not the strip left of the table: only specks there
    assert [r for r in regions if r[1] < y0 and r[3] <= y0] and [r for r in regions if r[1] >= y1]
    beside = [r for r in regions if r[1] >= y0 - 3 and r[3] <= y1 + 4]
    assert len(beside) == 1 and beside[0][0] >= x1
    lines, tables, _, _ = _ocr_image(grey, 1, DPI, IngestOptions())
    text = " ".join(line.text for line in lines)
    assert "CÁC CHỈ TIÊU CHỦ YẾU" in text and "Ghi chú" in text and "12" in text
    for line in lines:  # boxes in page coordinates: the page number sits near the bottom
        if line.text == "12":
            assert line.bbox[1] > 700
    assert len({line.block for line in lines}) == 3  # each region's blocks numbered on, not restarted
    cells = {(c.row, c.col): c.text for c in tables[0].cells}
    assert cells[(1, 1)] == "Tăng trưởng"

    no_side = _table_page(side_word=False)
    _, regions = outside_text(no_side, find_grids(no_side), DPI)
    assert all(r[0] == 0 and r[2] == no_side.shape[1] for r in regions)  # only the two full-width bands
    blank = np.full_like(no_side, 240)
    blank[250:410, 300:920] = no_side[250:410, 300:920]  # the table only, on clean paper
    assert outside_text(blank, find_grids(blank), DPI)[1] == []


def test_tables_side_by_side_leave_the_whole_page_to_read():
    from vnresolve.ingest.tables_scan import outside_text

    grey = _table_page(side_word=False)
    twin = np.concatenate([grey, grey], axis=1)
    grids = find_grids(twin)
    assert len(grids) == 2
    assert outside_text(twin, grids, DPI)[1] == [(0, 0, twin.shape[1], twin.shape[0])]
