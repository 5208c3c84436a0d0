"""The dev sets restoration choices are made on stay apart from the benchmark's held-out sets."""

import pytest

from benchmarks import bench_restoration, restoration_dev

pytestmark = pytest.mark.skipif(not (bench_restoration.SHARED / "corpus").is_dir(),
                                reason="needs ../shared/corpus (the held-out corpus documents)")


@pytest.mark.slow
def test_stripped_dev_text_shares_no_document_with_the_benchmark():
    paras = bench_restoration.held_out_paragraphs()
    bench = bench_restoration.stripped_text()
    dev = restoration_dev.stripped_dev()
    assert sum(len(p.split()) for p in dev) >= restoration_dev.STRIPPED_DEV_SYLLABLES
    doc_of = {p: name for name, p in paras}
    assert not {doc_of[p] for p in bench} & {doc_of[p] for p in dev}
