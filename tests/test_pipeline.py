"""The pipeline's own seams: the restorer loaded while pages OCR gives the document it gave before."""

from __future__ import annotations

from dataclasses import replace

import pytest

from ingest import IngestOptions, ingest_file
from pipeline.preload import RestorerPreload
from pipeline.process import PipelineOptions, finish, process_file
from schemas import dump_document
from tests.test_ingest import LINES, mangle
from tests.test_ingest_ocr import image_pdf, render_lines


def test_restorer_loaded_during_ocr_gives_the_same_document(tmp_path):
    scan = image_pdf(tmp_path / "scan.pdf", [render_lines([mangle(line) for line in LINES[:2]], size=(1400, 200)) for _ in range(2)])
    options = PipelineOptions(ingest=IngestOptions(workers=2))
    overlapped = process_file(scan, options)  # the restorer loads on a thread while the page workers run
    serial = finish(ingest_file(scan, replace(options.ingest, workers=1)), options)  # loaded after the last page
    assert overlapped.restoration is not None and overlapped.restoration.model == "ngram-trigram-v1"
    assert dump_document(overlapped) == dump_document(serial)


@pytest.mark.parametrize("started", [True, False])
def test_a_restorer_that_cannot_load_fails_where_the_restorer_is_needed(started):
    preload = RestorerPreload("no-such-model")
    if started:
        preload.start()  # the error happens on the thread; it must surface in the caller, not vanish
    with pytest.raises(ValueError, match="unknown restorer 'no-such-model'"):
        preload.result()
