"""The forms benchmark's documents read back: a state công văn and a Party resolution, typeset by
benchmarks/formgen.py in their official layouts and scanned clean, go through the whole pipeline
(real Tesseract) and their record gives back the type and the number and symbol they were made with."""

from __future__ import annotations

import random
import shutil

import pytest

import vnresolve
from benchmarks.bench_catalogue import check
from benchmarks.bench_forms import STYLES, make
from benchmarks.formgen import draw_form


@pytest.mark.slow
# seed 3 draws a provincial committee's resolution whose number ('78-NQ/TU') the serial's re-read once
# took the type of, as digits ('74541/TU')
@pytest.mark.parametrize("system, doc_type, kinds, seed", [("state", "official_letter", ("province",), 7),
                                                           ("party", "resolution", ("province", "district"), 3)])
def test_a_generated_clean_scan_gives_back_its_type_and_number(tmp_path, system, doc_type, kinds, seed):
    if not shutil.which("tesseract"):
        pytest.skip("tesseract not installed")
    try:
        from benchmarks.scangen import register_fonts

        register_fonts()
    except FileNotFoundError as err:
        pytest.skip(str(err))
    form = draw_form(random.Random(seed), system, doc_type, kinds)
    clean_style = dict(STYLES)["clean"]
    _, scanned = make(form, tmp_path, "doc", clean_style, seed=seed)
    result = vnresolve.convert(scanned)
    assert result.document is not None, result.reason
    truth = form.truth("doc.pdf", scanned.name)
    right = check(result.document.metadata, truth)["right"]
    assert right["doc_type"], (result.document.metadata.doc_type, truth["doc_type"])
    assert right["number"], (result.document.metadata.number, truth["number"])


def test_a_co_signer_read_where_none_is_printed_is_a_miss():
    """The joint plan's scoring counts the co-signers the truth has and also those it has not: a block read
    twice is wrong, and wrong but certain unless the record doubts it."""
    from benchmarks.bench_forms import check_co_signers
    from vnresolve.schemas.models import Metadata, Signer

    truth = {"co_signers": [{"name": "Trần Văn Bình", "position": "BỘ TRƯỞNG BỘ TÀI CHÍNH"}]}
    one = Signer(name="Trần Văn Bình", position="BỘ TRƯỞNG BỘ TÀI CHÍNH")
    meta = Metadata(co_signers=[one, Signer(name="Lê Thị Hoa", position="THỨ TRƯỞNG")])
    got = check_co_signers(meta, truth)
    assert got["right"] == [("co_signers.name", True), ("co_signers.position", True)]
    assert got["certain_wrong"] == 1 and got["misses"] == ["co_signers.1='Lê Thị Hoa' (none printed) [marked certain]"]
    doubted = meta.model_copy(update={"confidence": {"co_signers": 0.4}})
    assert check_co_signers(doubted, truth)["certain_wrong"] == 0
    assert check_co_signers(Metadata(co_signers=[one]), truth) == {"right": got["right"], "misses": [], "certain_wrong": 0}
