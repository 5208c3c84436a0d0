"""ALTO XML v4 and hOCR of a converted document, and the one alignment of restored words with
their boxes (archive/words.py) that every archive writer reads."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import xmlschema
from lxml import etree

import vnresolve
from fixtures.documents import LINES, image_pdf, mangle, render_lines
from vnresolve.archive.alto import NAMESPACE, alto_bytes
from vnresolve.archive.hocr import hocr_bytes
from vnresolve.archive.words import ArchivePage, document_pages, page_words
from vnresolve.ingest import preprocess
from vnresolve.pipeline.options import PipelineOptions
from vnresolve.schemas import Correction, Document, Line, Page, Restoration, Source, Word

SCHEMA = Path(__file__).parent / "fixtures" / "alto_subset.xsd"
A = {"a": NAMESPACE}


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    folder = tmp_path_factory.mktemp("alto")
    src = image_pdf(folder / "scan.pdf", [render_lines([mangle(line) for line in LINES])])
    result = vnresolve.convert(src, PipelineOptions(alto=True, hocr=True))
    assert result.status.value == "success", result.reason
    return result


def test_the_alto_is_valid_and_holds_the_restored_words(converted):
    data = converted.archive_data[".alto.xml"]
    xmlschema.XMLSchema(SCHEMA).validate(etree.fromstring(data))
    tree = etree.fromstring(data)
    strings = tree.findall(".//a:String", A)
    doc = converted.document
    assert [s.get("CONTENT") for s in strings] == doc.text.split()
    changed = [s for s in strings if s.find("a:ALTERNATIVE", A) is not None]
    assert len(changed) == doc.restoration.changed > 10
    ocr_text = " ".join(w.text for line in doc.pages[0].lines for w in line.words)
    for s in changed:
        alternative = s.find("a:ALTERNATIVE", A)
        assert alternative.get("PURPOSE") == "OCR" and alternative.text in ocr_text.split()
        assert alternative.text != s.get("CONTENT")
    page = tree.find(".//a:Page", A)
    width, height = float(page.get("WIDTH")), float(page.get("HEIGHT"))
    for s in strings:
        assert 0 <= float(s.get("WC")) <= 1
        x, y, w, h = (float(s.get(k)) for k in ("HPOS", "VPOS", "WIDTH", "HEIGHT"))
        assert 0 <= x and x + w <= width and 0 <= y and y + h <= height and w > 0 and h > 0
    assert tree.find(".//a:fileIdentifier", A).text == doc.source.sha256


def test_the_same_document_gives_the_same_bytes(converted):
    assert alto_bytes(converted.document) == alto_bytes(converted.document) == converted.archive_data[".alto.xml"]
    assert hocr_bytes(converted.document) == converted.archive_data[".hocr"]


def test_the_hocr_holds_the_same_words_and_boxes(converted):
    tree = etree.fromstring(converted.archive_data[".hocr"])
    words = tree.findall(".//{*}span[@class='ocrx_word']")
    alto = etree.fromstring(converted.archive_data[".alto.xml"]).findall(".//a:String", A)
    assert [w.text for w in words] == [s.get("CONTENT") for s in alto]
    for w, s in zip(words, alto):
        x0, y0, x1, y1 = (int(v) for v in w.get("title").split(";")[0].split()[1:])
        assert abs(x0 - float(s.get("HPOS"))) <= 1 and abs(y1 - float(s.get("VPOS")) - float(s.get("HEIGHT"))) <= 1
        assert (w.get("data-original") is not None) == (s.find("a:ALTERNATIVE", A) is not None)


def _document(words: list[str], restored_text: str, corrections: list[Correction], roles=None) -> Document:
    lines = []
    for i, line_words in enumerate(words):
        ws = [Word(text=t, bbox=(10.0 * k, 20.0 * i, 10.0 * k + 8, 20.0 * i + 10), conf=90.0)
              for k, t in enumerate(line_words.split())]
        lines.append(Line(text=line_words, bbox=(0, 20.0 * i, 100, 20.0 * i + 10), words=ws,
                          role=(roles or {}).get(i, "body")))
    page = Page(number=1, text=restored_text, source="ocr", width=200, height=100, dpi=200, lines=lines,
                start=0, end=len(restored_text))
    return Document(source=Source(path="x.pdf", sha256="0" * 64, kind="pdf-scanned", pages=1), text=restored_text,
                    pages=[page], restoration=Restoration(model="m", changed=len(corrections), corrections=corrections))


def test_words_follow_corrections_that_change_their_length():
    # 'Pang' -> 'Đảng' keeps the length; 'ngu%i' -> 'người' and 'hoi' -> 'hội' are one letter apart
    text = "Đảng bộ người\nhội nghị"
    corrections = [Correction(start=0, end=4, original="Pang", restored="Đảng", confidence=0.9),
                   Correction(start=5, end=7, original="bo", restored="bộ", confidence=0.8),
                   Correction(start=8, end=13, original="ngu%", restored="người", confidence=0.4),
                   Correction(start=14, end=17, original="hoi", restored="hội", confidence=0.95)]
    doc = _document(["Pang bo ngu%", "hoi nghị"], text, corrections)
    page = page_words(doc, doc.pages[0])
    assert [(w.original, w.text, w.restoration) for w in page.words] == [
        ("Pang", "Đảng", 0.9), ("bo", "bộ", 0.8), ("ngu%", "người", 0.4), ("hoi", "hội", 0.95), ("nghị", "nghị", None)]


def test_lines_outside_the_body_keep_their_ocr_strings():
    doc = _document(["12", "Nghi quyet"], "Nghị quyết", [
        Correction(start=0, end=4, original="Nghi", restored="Nghị", confidence=0.9),
        Correction(start=5, end=10, original="quyet", restored="quyết", confidence=0.9)], roles={0: "page_number"})
    assert [w.text for w in page_words(doc, doc.pages[0]).words] == ["12", "Nghị", "quyết"]


def test_a_page_text_not_made_of_its_words_is_aligned_word_by_word():
    """Text edited after restoration (corrections no longer apply): the tokens are paired where the
    two sequences line up one to one; elsewhere a word keeps its OCR string."""
    doc = _document(["Nghi quyet cua Ban"], "Nghị quyết của Ban", [])
    assert [w.text for w in page_words(doc, doc.pages[0]).words] == ["Nghị", "quyết", "của", "Ban"]


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
@pytest.mark.parametrize("skew", [0.0, 1.7])
def test_boxes_go_back_to_the_page_as_it_came_in(rotation, skew):
    """A mark on the incoming image, turned and deskewed as OCR did (np.rot90, preprocess.rotate):
    where it lands maps back to where it was."""
    source = np.full((300, 500), 255, np.uint8)
    source[40:50, 300:312] = 0
    turned = np.ascontiguousarray(np.rot90(source, k=-rotation // 90))
    ocr = preprocess.rotate(turned, skew) if skew else turned
    ys, xs = np.nonzero(ocr < 128)
    h, w = ocr.shape
    page = ArchivePage(number=1, source="ocr", width=w, height=h, dpi=200, rotation=rotation, skew=skew, lines=())
    x0, y0, x1, y1 = page.source_box((xs.min(), ys.min(), xs.max() + 1, ys.max() + 1))
    assert page.source_size == (500, 300)
    assert abs((x0 + x1) / 2 - 306) < 2 and abs((y0 + y1) / 2 - 45) < 2


def test_every_page_of_a_real_scan_aligns(converted):
    for page, archive_page in zip(converted.document.pages, document_pages(converted.document)):
        assert [w.text for w in archive_page.words] == page.text.split()


def test_a_file_name_in_a_legacy_encoding_goes_into_the_alto_as_the_json_has_it(tmp_path):
    import os

    from fixtures.paths import run_cli

    src = tmp_path / "in"
    src.mkdir()
    name = os.fsdecode(b"ngh\xdb-quy\xd5t.png")  # TCVN3 bytes: not UTF-8, held with surrogates
    render_lines([mangle(LINES[0])]).save(src / name, dpi=(200, 200))
    proc = run_cli("ingest", str(src), "-o", str(tmp_path / "out"), "--alto", "--hocr")
    assert proc.returncode == 0, proc.stderr.decode()
    [alto] = (tmp_path / "out").glob("*.alto.xml")
    assert etree.fromstring(alto.read_bytes()).find(".//a:fileName", A).text == "ngh\ufffd-quy\ufffdt.png"
    [hocr] = (tmp_path / "out").glob("*.hocr")
    assert "ngh\ufffd-quy\ufffdt.png" in hocr.read_text(encoding="utf-8")
