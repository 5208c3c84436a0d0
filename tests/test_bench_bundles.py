"""The bundles benchmark's files read back from their typeset text layer (no OCR): each kind of
second document (a draft, an annex, a report, an application, a cover memo then an application, a blank back
page) is told apart from the main one, and the main record stays the main document's; and its scoring counts
what it should."""

from __future__ import annotations

import pytest

import vnresolve
from benchmarks.bench_bundles import check_attachments
from benchmarks.bench_catalogue import check
from benchmarks.bundlegen import BUNDLE_PLAN, COVER_PLAN, draw_bundles, joined, render_bundle
from vnresolve.schemas.models import Attachment, Metadata


@pytest.fixture(scope="module")
def fonts():
    try:
        from benchmarks.scangen import register_fonts

        register_fonts()
    except FileNotFoundError as err:
        pytest.skip(str(err))


def test_the_same_seed_draws_the_same_bundles_and_every_tail_is_drawn():
    first, again = draw_bundles(7), draw_bundles(7)

    def drawn(bundles):
        return [(b.tail, b.main.number, [p.title or (p.form and p.form.number) for p in b.parts]) for b in bundles]

    assert drawn(first) == drawn(again)
    assert {b.tail for b in first} == {row[3] for row in BUNDLE_PLAN + COVER_PLAN}
    assert [b.main.number for b in draw_bundles(8)] != [b.main.number for b in first]


def test_a_cover_file_binds_a_decision_its_cover_memo_and_an_application_after_the_other_kinds():
    bundles = draw_bundles(7)
    # drawn from an RNG of their own after the other kinds' rounds, which stay as they were drawn without them
    assert [b.tail for b in bundles[-2:]] == ["cover", "cover"] and len(bundles) == 2 * len(BUNDLE_PLAN) + 2
    for bundle in bundles[-2:]:
        memo = bundle.parts[0].form
        assert bundle.main.doc_type == "decision" and memo.body.place == bundle.main.body.place
        assert f"Quyết định số {bundle.main.number}" in memo.subject
        truth = bundle.truth("c.pdf", "c.scan.pdf")
        assert truth["pages"] == 3 and truth["attachments"] == [
            {"relation": "enclosed", "first_page": 2, "last_page": 2, "doc_type": "official_letter",
             "number": memo.number},
            {"relation": "enclosed", "first_page": 3, "last_page": 3, "doc_type": None, "number": None}]


@pytest.mark.parametrize("tail", sorted({row[3] for row in BUNDLE_PLAN + COVER_PLAN}))
def test_each_kind_of_bundle_reads_back_with_its_attachment_and_the_main_record(tmp_path, fonts, tail):
    bundle = next(b for b in draw_bundles(11) if b.tail == tail and b.main.system == "state")
    pages = render_bundle(bundle, tmp_path, "b")
    joined([pdf for pdf, _ in pages], tmp_path / "b.pdf")
    meta = vnresolve.parse_file(tmp_path / "b.pdf").metadata
    truth = bundle.truth("b.pdf", "b.scan.pdf")
    result = check(meta, truth)
    assert all(result["right"].values()), result["misses"]
    att = check_attachments(meta, truth)
    assert att["misses"] == [] and att["found"] == [len(truth["attachments"])] * 2, att


def test_an_attachment_missed_mistyped_or_extra_is_counted():
    truth = {"attachments": [{"relation": "enclosed", "first_page": 2, "last_page": 2, "doc_type": "report",
                              "number": "451/BC-UBND"}]}
    right = Attachment(relation="enclosed", first_page=2, last_page=2, doc_type="report", number="451/BC-UBND")
    got = check_attachments(Metadata(attachments=[right]), truth)
    assert (got["found"], got["typed"], got["numbered"], got["extra"]) == ([1, 1], [1, 1], [1, 1], 0)
    wrong = right.model_copy(update={"doc_type": "decision", "number": None})
    got = check_attachments(Metadata(attachments=[wrong]), truth)
    assert (got["found"], got["typed"], got["numbered"]) == ([1, 1], [0, 1], [0, 1])
    blank = {"attachments": []}
    got = check_attachments(Metadata(attachments=[right]), blank)
    assert got["extra"] == 1 and got["found"] == [0, 0]
    assert check_attachments(Metadata(), truth)["found"] == [0, 1]
