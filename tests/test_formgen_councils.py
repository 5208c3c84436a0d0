"""The forms generator's councils plan: people's councils' resolutions (2004-2026) and provinces' and
districts' documents of 1999-2003, drawn as their time printed them, without changing what the default
and central plans draw."""

from __future__ import annotations

import random
import re

import pytest

from benchmarks import formgen
from benchmarks.formgen import CENTRAL_PLAN, COUNCILS_PLAN, PLAN, draw_central_form, draw_form, draw_forms, render_form
from test_formgen_plans import fonts_or_skip as _fonts_or_skip, pdf_text


def _councils(seeds=range(4001, 4006)):
    return [form for seed in seeds for form in draw_forms(seed, plan="councils")]


def test_the_councils_plan_draws_every_form_it_plans():
    forms = draw_forms(4001, plan="councils")
    assert len(forms) == 2 * len(COUNCILS_PLAN)
    assert {(f.system, f.doc_type) for f in forms} == {(s, t) for s, t, _ in COUNCILS_PLAN}
    issuers = {f.body.issuer for f in _councils()}
    assert any(i.startswith("HỘI ĐỒNG NHÂN DÂN TỈNH ") for i in issuers)
    assert any(i.startswith("HỘI ĐỒNG NHÂN DÂN HUYỆN ") or i.startswith("HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ ") for i in issuers)
    assert any(i.startswith("UỶ BAN NHÂN DÂN TỈNH ") for i in issuers)
    assert any(i.startswith("UỶ BAN NHÂN DÂN HUYỆN ") for i in issuers)


def test_the_other_plans_draw_as_before():
    # each plan has its own rng: the councils plan leaves the default and central draws alone
    for plan, drawer, forms, seed in (("default", draw_form, PLAN, 2030), ("central", draw_central_form, CENTRAL_PLAN, 3001)):
        rng = random.Random(seed)
        plain = [drawer(rng, s, t, k) for _ in range(2) for s, t, k in forms]
        drawn = draw_forms(seed, plan=plan)
        assert [f.truth("a", "b") for f in drawn] == [f.truth("a", "b") for f in plain]
        assert all(f.title is None and not f.old_style for f in drawn)


def test_council_resolutions_print_their_symbol_session_and_passing_day():
    resolutions = [f for f in _councils() if f.doc_type == "resolution"]
    assert resolutions
    normative = [f for f in resolutions if "/20" in f.number]
    assert normative and len(normative) < len(resolutions)
    for f in resolutions:
        assert 2004 <= f.date[0] <= 2026
        m = re.fullmatch(r"\d{2,3}/(?:(\d{4})/)?NQ-HĐND", f.number)
        assert m, f.number
        assert m[1] is None or int(m[1]) == f.date[0]
        texts = [t for _, t in f.paragraphs]
        assert texts[0] == f"<b>{f.body.issuer}</b>"
        assert re.fullmatch(r"<b>KH(?:ÓA|OÁ) [IVXL]+, KỲ HỌP THỨ \d+</b>", texts[1]), texts[1]
        assert "<b>QUYẾT NGHỊ:</b>" in texts
        closing = texts[-1]
        assert "thông qua ngày" in closing
        day, month, year = map(int, re.search(r"thông qua ngày (\d+) tháng (\d+) năm (\d{4})", closing).groups())
        assert (year, month, day) <= f.date
        assert f.position in ("CHỦ TỊCH", "PHÓ CHỦ TỊCH")
        assert f.authority in ([], ["TM. HỘI ĐỒNG NHÂN DÂN"], ["TM. HỘI ĐỒNG NHÂN DÂN", "KT. CHỦ TỊCH"], ["KT. CHỦ TỊCH"])
        if f.date[0] < 2016:  # older resolutions sign for the council
            assert f.authority and f.authority[0] == "TM. HỘI ĐỒNG NHÂN DÂN"
        if f.body.lines[1].startswith("HUYỆN"):
            assert f.date[:2] < (2025, 7)
    # most passing days are not the document's date: the record must not take them for it
    assert sum("thông qua " + formgen._written(f.date) not in f.paragraphs[-1][1] for f in resolutions) > len(resolutions) / 2


def test_pre_2004_documents_print_the_old_forms():
    old = [f for f in _councils() if f.old_style]
    assert old and all(1999 <= f.date[0] <= 2003 for f in old)
    for f in old:
        assert f.body.lines[0] == "UỶ BAN NHÂN DÂN" and "ỦY" not in f.body.issuer and "HÒA" not in f.body.issuer
        assert re.fullmatch(r"\d{2,4}/(?:\d{4}/)?(?:QĐ|CT|BC)-UB|\d+/UB-[A-Z]+", f.number), f.number
        assert not [a for a in f.authority if re.match(r"(TM|KT|TL)\.", a)]
        if f.doc_type in ("decision", "directive"):
            assert f.title.startswith(("QUYẾT ĐỊNH CỦA ", "CHỈ THỊ CỦA ")) and f.title.endswith(f.body.issuer)
            assert f.subject.startswith(("V/v ", "Về việc "))
    marks = {a.split()[0] for f in old for a in f.authority}
    assert {"T/M", "K/T"} <= marks and marks & {"T/M.", "K/T.", "T/L."}
    assert any(f.date[0] >= 2000 and re.fullmatch(r"\d+/\d{4}/QĐ-UB", f.number) for f in old)
    assert formgen._old_tones("TỈNH KHÁNH HÒA") == "TỈNH KHÁNH HOÀ" and formgen._old_tones("QUỲNH HOÀN") == "QUỲNH HOÀN"


def test_council_forms_typeset_on_one_page_with_what_the_truth_holds(tmp_path):
    _fonts_or_skip()
    forms = draw_forms(4002, plan="councils")
    for k, f in enumerate(forms[: len(COUNCILS_PLAN)]):
        n = len(f.paragraphs)
        pages, _ = render_form(f, tmp_path / f"{k}.pdf")
        assert pages == 1 and len(f.paragraphs) == n  # nothing dropped: the closing line stays
        text = pdf_text(tmp_path / f"{k}.pdf")
        assert f"Số: {f.number}" in text and f.name in text and f.position in text
        assert " ".join(f.body.lines) in text or all(line in text for line in f.body.lines)
        if f.old_style:
            assert "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
            if f.title:
                assert f.title in text
        else:
            assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "NGHỊ QUYẾT" in text
