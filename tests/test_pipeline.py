"""The pipeline's own seams: the stages readied while pages OCR give the document they gave before."""

from __future__ import annotations

import time

import pytest

from vnresolve.ingest import IngestOptions, ingest_file
from vnresolve.diacritics import load_restorer
from vnresolve.pipeline.preload import Preload
from vnresolve.pipeline.options import PipelineOptions
from vnresolve.pipeline.process import StageError, finish, process_file
from vnresolve.schemas import Page, dump_document
from fixtures.documents import LINES, mangle
from fixtures.documents import image_pdf, render_lines


def test_restorer_loaded_during_ocr_gives_the_same_document(tmp_path):
    scan = image_pdf(tmp_path / "scan.pdf", [render_lines([mangle(line) for line in LINES[:2]], size=(1400, 200)) for _ in range(2)])
    options = PipelineOptions(ingest=IngestOptions(workers=2))
    overlapped = process_file(scan, options)  # the restorer loads on a thread while the page workers run
    serial = finish(ingest_file(scan, options.ingest.model_copy(update={"workers": 1})), options)  # loaded after the last page
    assert overlapped.restoration is not None and overlapped.restoration.model == "ngram-trigram-v1"
    assert dump_document(overlapped) == dump_document(serial)


@pytest.mark.parametrize("started", [True, False])
def test_a_restorer_that_cannot_load_fails_where_the_restorer_is_needed(started):
    preload = Preload("no-such-model")
    if started:
        preload.workers_started()  # the error happens on the thread; it must surface in the caller, not vanish
    with pytest.raises(ValueError, match="unknown restorer 'no-such-model'"):
        preload.restorer()


def _restored_early(preload: Preload, text: str) -> None:
    deadline = time.monotonic() + 60
    while text not in preload._early:  # the thread is at nice 19: give it the time it needs
        assert time.monotonic() < deadline, "the page handed over was never restored"
        time.sleep(0.01)


def test_pages_restored_during_ocr_are_reused_only_while_their_text_is_unchanged():
    first, second = mangle(LINES[0]), mangle(LINES[1])
    preload = Preload("default")
    preload.workers_started()
    preload.page_done(Page(number=1, text=first, source="ocr"))
    preload.page_done(Page(number=2, text=second, source="ocr"))
    _restored_early(preload, second)
    early = dict(preload._early)
    changed = second + "\nTrang 2"  # ingest tagged nothing, but a page may change after OCR (running headers)
    results = preload.restorer().restore_pages([first, changed])
    assert results[0] is early[first]  # handed back, not restored again
    assert results == load_restorer("default").restore_pages([first, changed])  # and what a late restore gives
    assert results[1].text.endswith("Trang 2")


def test_a_restorer_that_learns_from_the_whole_document_restores_nothing_early():
    preload = Preload("adaptive")
    preload.workers_started()
    preload.page_done(Page(number=1, text=mangle(LINES[0]), source="ocr"))
    preload._loaded.result()
    time.sleep(1.0)  # time enough to restore a line, were it restored early
    assert preload._early == {}
    assert preload.restorer().name == load_restorer("adaptive").name


def test_nothing_to_restore_still_readies_the_parsers():
    from vnresolve.parsers import gazetteer

    gazetteer._pattern.cache_clear()
    preload = Preload(None)
    preload.workers_started()
    preload.page_done(Page(number=1, text=LINES[0], source="ocr"))
    assert preload.restorer() is None
    assert gazetteer._pattern.cache_info().currsize == 1


def _no_preload_thread_within(seconds: float) -> None:
    import threading

    deadline = time.monotonic() + seconds
    while any(t.name == "stage-preload" for t in threading.enumerate()):
        assert time.monotonic() < deadline, "the preload thread outlived its document"
        time.sleep(0.05)


def test_a_document_whose_ingest_fails_after_the_workers_started_leaves_no_thread_behind(tmp_path, monkeypatch):
    """A batch worker goes on to its next document: a thread still waiting for pages would live on."""
    import vnresolve.pipeline.process
    from vnresolve.ingest.errors import IngestError

    def ingest_that_fails_mid_document(path, options, watcher):
        watcher.workers_started()
        watcher.page_done(Page(number=1, text=mangle(LINES[0]), source="ocr"))
        raise IngestError("page OCR worker failed")  # as a crashed page worker reports it

    monkeypatch.setattr(vnresolve.pipeline.process, "ingest_file", ingest_that_fails_mid_document)
    with pytest.raises(StageError) as failed:
        process_file(tmp_path / "scan.pdf", PipelineOptions())
    assert (failed.value.item.stage, failed.value.item.code) == ("ingest", IngestError.code)
    _no_preload_thread_within(60)
