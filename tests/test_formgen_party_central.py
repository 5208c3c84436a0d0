"""The forms generator's party_central plan: the Central Committee's, the Politburo's, the Secretariat's and the
central boards' documents, 1999-2026, drawn in the forms of their time; the other plans draw and typeset what they
did before it was added."""

from __future__ import annotations

import re

import pytest

from benchmarks import formgen
from benchmarks.formgen import CENTRAL_PLAN, PARTY_CENTRAL_PLAN, PLAN, draw_forms, render_form
from test_formgen_plans import _generator_before, fonts_or_skip, pdf_text

# the last commit whose formgen.py held neither the party_central plan nor the assembly plan
BEFORE_PARTY_CENTRAL = "6fb85ea"


def _forms(seeds=range(8001, 8007)):
    # the plan's development seeds only
    return [form for seed in seeds for form in draw_forms(seed, plan="party_central")]


def test_the_plan_draws_every_form_it_plans_from_central_organs():
    forms = draw_forms(8001, plan="party_central")
    assert len(forms) == 2 * len(PARTY_CENTRAL_PLAN) and 10 <= len(forms) <= 14
    forms = _forms()
    assert {f.doc_type for f in forms} >= {t for _, t, _ in PARTY_CENTRAL_PLAN} | {"plan"}
    levels = {f.body.level for f in forms}
    assert {"central_committee", "politburo", "secretariat", "central_board"} <= levels
    for f in forms:
        assert f.system == "party" and f.body.place == "Hà Nội" and 1999 <= f.date[0] <= 2026
        if f.body.level == "central_board":
            assert f.body.parent == "BAN CHẤP HÀNH TRUNG ƯƠNG" and f.number.endswith("/" + f.body.abbr)
            assert f.body.abbr.endswith("TW") and f.body.abbr != "TW"
        else:
            assert f.body.issuer == "BAN CHẤP HÀNH TRUNG ƯƠNG" and f.body.parent is None and f.number.endswith("/TW")
        assert re.fullmatch(r"\d{2,4}-(NQ|CT|KL|QĐ|QĐi|TB|HD|KH|CV)/[A-ZĐ]+", f.number), f.number


def test_symbols_and_boards_are_those_of_the_documents_date():
    forms = _forms()
    for f in forms:
        if f.doc_type == "rules":
            # 'QĐi' only in 2018-2019 (07-QĐi/TW of 28/8/2018); 'QĐ/TW' before and after
            assert "-QĐi/" not in f.number or (2018, 8) <= f.date[:2] and f.date[0] <= 2019, (f.number, f.date)
        if f.body.lines[0].startswith("BAN TUYÊN GIÁO VÀ DÂN VẬN"):
            assert f.date[:2] >= (2025, 2)
        if f.body.lines[0] in ("BAN TUYÊN GIÁO", "BAN DÂN VẬN"):
            assert f.date[:2] < (2025, 2)
        if f.body.lines[0] == "BAN TƯ TƯỞNG - VĂN HÓA":
            assert f.date[:2] < (2007, 4)
        if f.organ and f.organ.startswith("HỘI NGHỊ"):
            assert f.organ.endswith("KHÓA " + formgen._term_of(f.date))
        # HD 36 (2018) prints a 0 before a day below 10 and the months 1 and 2; the earlier guidance did not
        assert f.old_style == (f.date[:2] < (2018, 4))
    assert formgen._term_of((2016, 3, 1)) == "XII" and formgen._term_of((2021, 1, 30)) == "XII"
    assert formgen._term_of((2024, 12, 22)) == "XIII"


def test_signing_chains_of_central_organs():
    forms = _forms()
    chains = {(tuple(f.authority), f.position) for f in forms}
    assert (("T/M BỘ CHÍNH TRỊ",), "TỔNG BÍ THƯ") in chains and (("T/M BỘ CHÍNH TRỊ",), None) in chains
    assert (("T/M BAN BÍ THƯ",), None) in chains
    assert (("T/M BAN CHẤP HÀNH TRUNG ƯƠNG",), "TỔNG BÍ THƯ") in chains
    assert (("K/T TRƯỞNG BAN",), "PHÓ TRƯỞNG BAN") in chains
    for f in forms:
        assert all(line.split()[0] in ("T/M", "K/T", "T/L") for line in f.authority)
        if f.body.level == "central_committee":
            assert f.authority == ["T/M BAN CHẤP HÀNH TRUNG ƯƠNG"] and f.position == "TỔNG BÍ THƯ"


def test_party_central_forms_typeset_their_header_organ_line_and_signature(tmp_path):
    fonts_or_skip()
    forms = draw_forms(8003, plan="party_central")
    for k, f in enumerate(forms[: len(PARTY_CENTRAL_PLAN)]):
        pages, _ = render_form(f, tmp_path / f"{k}.pdf")
        assert pages == 1
        text = pdf_text(tmp_path / f"{k}.pdf")
        assert f"Số {f.number}" in text and "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "BAN CHẤP HÀNH TRUNG ƯƠNG" in text
        assert f.name in text and all(a in text for a in f.authority)
        if f.position:
            assert f.position in text
        if f.organ:
            assert f.organ.split()[0] in text


@pytest.mark.slow
def test_the_other_plans_draw_and_typeset_what_they_did_before_the_party_central_and_assembly_plans(tmp_path):
    fonts_or_skip()
    before = _generator_before(tmp_path, BEFORE_PARTY_CENTRAL)
    for plan, seed in (("default", 2040), ("central", 3003), ("councils", 4002), ("joint", 5002)):
        old, new = before.draw_forms(seed, plan=plan), formgen.draw_forms(seed, plan=plan)
        assert [f.truth("a", "b") for f in new] == [f.truth("a", "b") for f in old]
        assert [f.paragraphs for f in new] == [f.paragraphs for f in old]
        for k in range(len(formgen.PLANS[plan])):
            before.render_form(old[k], tmp_path / "old.pdf")
            render_form(new[k], tmp_path / "new.pdf")
            assert (tmp_path / "new.pdf").read_bytes() == (tmp_path / "old.pdf").read_bytes(), (plan, seed, k)
