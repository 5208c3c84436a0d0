"""The pipeline's own seams: the stages are readied while pages OCR, each page is restored as it
arrives, and the document is the one a restore after the last page gives."""

from __future__ import annotations

import multiprocessing

import pytest

from fixtures.documents import LINES, image_pdf, mangle, render_lines
from vnresolve.diacritics import load_restorer
from vnresolve.ingest import IngestOptions, ingest_file, ocr
from vnresolve.ingest.errors import OcrError
from vnresolve.pipeline.options import PipelineOptions
from vnresolve.pipeline.process import StageError, finish, process_file, stages_for
from vnresolve.pipeline.stages import Parse, Restore
from vnresolve.schemas import Page, dump_document


def _scan(tmp_path, pages: int = 2):
    return image_pdf(tmp_path / "scan.pdf", [render_lines([mangle(line) for line in LINES[i % 2:i % 2 + 2]], size=(1400, 200))
                                             for i in range(pages)])


def test_pages_restored_as_they_are_ocrd_give_the_document_a_restore_after_the_last_page_gives(tmp_path):
    scan = _scan(tmp_path)
    options = PipelineOptions(ingest=IngestOptions(workers=2), restorer="fast")
    streamed = process_file(scan, options)  # the model loads while the page workers run; pages restored on arrival
    stages = stages_for(options)
    for stage in stages:
        stage.prepare()
    serial = finish(ingest_file(scan, options.ingest.model_copy(update={"workers": 1})), stages)  # all after the last page
    assert streamed.restoration is not None and streamed.restoration.model == "ngram-trigram-v1"
    assert dump_document(streamed) == dump_document(serial)


def test_a_restorer_that_cannot_load_fails_the_restore_stage(tmp_path):
    with pytest.raises(StageError) as failed:
        process_file(_scan(tmp_path, 1), PipelineOptions.model_construct(restorer="no-such-model", restore=True,
                                                                          ingest=IngestOptions()))
    assert (failed.value.item.stage, failed.value.item.code) == ("restore", "internal-error")
    assert "unknown restorer 'no-such-model'" in failed.value.item.message


def test_pages_restored_on_arrival_are_reused_only_while_their_text_is_unchanged():
    first, second = mangle(LINES[0]), mangle(LINES[1])
    stage = Restore("fast")
    stage.prepare()
    stage.page(Page(number=1, text=first, source="ocr"))
    stage.page(Page(number=2, text=second, source="ocr"))
    early = dict(stage._done)
    assert set(early) == {first, second}
    changed = second + "\nTrang 2"  # a page may change after OCR (a running header tagged once all are in)
    doc = ingest_text_document([first, changed])
    restored = stage.document(doc, [])
    late = load_restorer("fast").restore_pages([first, changed])
    assert [p.text for p in restored.pages] == [r.text for r in late]
    assert restored.pages[1].text.endswith("Trang 2")
    assert len(restored.restoration.corrections) == sum(len(r.changes) for r in late)


def ingest_text_document(texts: list[str]):
    from vnresolve.ingest.pages import join_pages
    from vnresolve.schemas import Document, Source

    pages = [Page(number=i + 1, text=t, source="ocr") for i, t in enumerate(texts)]
    return Document(source=Source(path="x.pdf", sha256="0" * 64, kind="pdf-scanned", pages=len(pages), size_bytes=1),
                    text=join_pages(pages), pages=pages)


def test_a_restorer_that_learns_from_the_whole_document_restores_nothing_on_arrival():
    stage = Restore("adaptive")
    stage.prepare()
    stage.page(Page(number=1, text=mangle(LINES[0]), source="ocr"))
    assert stage._done == {}
    assert stage.restorer.name == load_restorer("adaptive").name


def test_preparing_the_parse_stage_builds_the_parsers_patterns():
    from vnresolve.parsers import bodies, gazetteer, places

    for built in (gazetteer._pattern, places._by_key, bodies.vocabulary, bodies._by_key):
        built.cache_clear()
    Parse().prepare()
    assert gazetteer._pattern.cache_info().currsize == 1
    # the place and body lists the header's parsers look names up in: built while the pages OCR, not after
    assert all(built.cache_info().currsize == 1 for built in (places._by_key, bodies.vocabulary, bodies._by_key))


def test_a_batch_worker_freezes_what_its_imports_made_and_collects_again_after():
    """In a fresh process, as a batch worker starts: the modules' objects are out of the collector's
    reach, which runs again for what the documents make."""
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", "import gc; from vnresolve.pipeline.executors import _import_stages; "
                          "_import_stages(); print(gc.isenabled(), gc.get_freeze_count())"],
                         capture_output=True, text=True, check=True).stdout.split()
    assert out[0] == "True" and int(out[1]) > 10_000, out


_REAL_OCR_JOB = ocr.ocr_job


def _fails_on_page_two(job, options):
    """Sent to the forked page workers by reference (a module-level function pickles by name)."""
    if job.number == 2:
        raise OcrError("tesseract crashed on this page")
    return _REAL_OCR_JOB(job, options)


def test_a_document_whose_ocr_fails_mid_stream_fails_in_ingest_and_leaves_no_worker_behind(tmp_path, monkeypatch):
    """A batch worker goes on to its next document: page workers of the failed one must be gone."""
    monkeypatch.setattr(ocr, "ocr_job", _fails_on_page_two)
    before = set(multiprocessing.active_children())
    with pytest.raises(StageError) as failed:
        process_file(_scan(tmp_path, 4), PipelineOptions(restore=False, ingest=IngestOptions(workers=2)))
    assert (failed.value.item.stage, failed.value.item.code) == ("ingest", OcrError.code)
    assert set(multiprocessing.active_children()) <= before
