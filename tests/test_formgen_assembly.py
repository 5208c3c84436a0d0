"""The forms generator's assembly plan: the National Assembly's laws and resolutions, its Standing Committee's
resolutions and ordinances, the President's orders, each numbered as its term and year have it (that the other
plans draw and typeset what they did before it: test_formgen_party_central)."""

from __future__ import annotations

import re

from benchmarks.formgen import ASSEMBLY_PLAN, draw_forms, render_form
from test_formgen_plans import fonts_or_skip, pdf_text

TERMS = {10: (1997, 2002), 11: (2002, 2007), 12: (2007, 2011), 13: (2011, 2016), 14: (2016, 2021), 15: (2021, 2026)}


def _assembly(seeds=range(6001, 6007)):
    # the development seeds only (6007 is the plan's unseen seed)
    return [form for seed in seeds for form in draw_forms(seed, plan="assembly")]


def test_the_assembly_plan_draws_every_form_it_plans():
    forms = draw_forms(6001, plan="assembly")
    assert len(forms) == 2 * len(ASSEMBLY_PLAN)
    assert {f.doc_type for f in forms} == {"law", "resolution", "ordinance", "order"}
    issuers = {f.body.issuer for f in _assembly()}
    assert issuers == {"QUỐC HỘI", "ỦY BAN THƯỜNG VỤ QUỐC HỘI", "CHỦ TỊCH NƯỚC"}
    assert all(1999 <= f.date[0] <= 2026 for f in _assembly())


def test_symbols_carry_the_term_of_their_date_and_the_year():
    for f in _assembly():
        if f.doc_type == "order":
            assert re.fullmatch(rf"\d{{2}}/{f.date[0]}/L-CTN", f.number), f.number
            continue
        m = re.search(r"(?:QH|UBTVQH)(\d{2})$", f.number)
        assert m, f.number
        lo, hi = TERMS[int(m[1])]
        assert lo <= f.date[0] <= hi, (f.number, f.date)
        if "/NQ-" not in f.number:
            assert f.number.split("/")[1] == str(f.date[0]), f.number
        if f.doc_type == "ordinance":  # 'PL-' in the symbol up to the twelfth term
            assert ("/PL-UBTVQH" in f.number) == (int(m[1]) <= 12), f.number


def test_each_form_signs_as_its_body_does_and_the_chair_is_one_per_term():
    chairs: dict[int, set[str]] = {}
    for f in _assembly():
        if f.body.level == "assembly":
            assert (f.authority, f.position) == ([], "CHỦ TỊCH QUỐC HỘI")
        elif f.body.level == "standing_committee":
            assert (f.authority, f.position) == (["TM. ỦY BAN THƯỜNG VỤ QUỐC HỘI"], "CHỦ TỊCH")
        else:
            assert f.truth("a", "b")["signer"]["position"] == "CHỦ TỊCH NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        if f.body.level != "president":
            term = int(re.search(r"(\d{2})$", f.number)[1])
            chairs.setdefault(term, set()).add(f.name)
    assert all(len(names) == 1 for names in chairs.values()), chairs


def test_the_date_is_the_day_passed_and_the_place_only_where_printed():
    forms = [f for f in _assembly() if f.doc_type != "order"]
    assert any(f.dated for f in forms) and any(not f.dated for f in forms)
    for f in forms:
        y, m, d = f.date
        assert f.closing and f"thông qua ngày {d:02d} tháng {m if m >= 3 else f'{m:02d}'} năm {y}" in f.closing
        assert f.truth("a", "b")["place"] == ("Hà Nội" if f.dated else None)
    for f in (f for f in _assembly() if f.doc_type == "order"):
        # the order is dated days after the law it publishes was passed (within the Constitution's fifteen)
        passed = re.search(r"thông qua ngày (\d+) tháng (\d+) năm (\d{4})", f.paragraphs[-1][1])
        import datetime

        gap = datetime.date(*f.date) - datetime.date(int(passed[3]), int(passed[2]), int(passed[1]))
        assert 0 < gap.days <= 15 and f.dated


def test_assembly_forms_typeset_their_label_block_and_closing(tmp_path):
    fonts_or_skip()
    forms = draw_forms(6003, plan="assembly")
    for k, f in enumerate(forms[: len(ASSEMBLY_PLAN)]):
        pages, _ = render_form(f, tmp_path / f"{k}.pdf")
        assert pages == 1
        text = pdf_text(tmp_path / f"{k}.pdf")
        assert f"{f.number_label} {f.number}" in text and f.type_name in text and f.name in text
        assert ("Hà Nội, ngày" in text) == f.dated
        assert "Nơi nhận" not in text or f.recipients
        if f.closing:
            assert f.closing in text
        for line in [*f.authority, *f.position.split("|")]:
            assert line in text  # each line of the block whole, not wrapped
