"""The forms generator's two plans: the central plan (Government, Prime Minister, Government Office,
ministries' circulars, provinces' normative decisions) draws and typesets the forms it holds, and the
default plan draws and typesets what it drew before the central plan was added."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import formgen
from benchmarks.formgen import CENTRAL_PLAN, PLAN, draw_form, draw_forms, render_form

ROOT = Path(__file__).resolve().parents[1]
# the last commit whose formgen.py held the default plan alone
BEFORE = "57104a0"


def fonts_or_skip():
    """The generator's fonts registered, or the test skipped naming the one missing."""
    try:
        from benchmarks.scangen import register_fonts

        register_fonts()
    except FileNotFoundError as err:
        pytest.skip(str(err))


def _central(seeds=range(3001, 3006)):
    return [form for seed in seeds for form in draw_forms(seed, plan="central")]


def test_the_central_plan_draws_every_form_it_plans():
    forms = draw_forms(3001, plan="central")
    assert len(forms) == 2 * len(CENTRAL_PLAN)
    assert {(f.system, f.doc_type) for f in forms} == {(s, t) for s, t, _ in CENTRAL_PLAN}
    issuers = {f.body.issuer for f in _central()}
    assert {"CHÍNH PHỦ", "THỦ TƯỚNG CHÍNH PHỦ", "VĂN PHÒNG CHÍNH PHỦ"} <= issuers
    assert any(i.startswith("ỦY BAN NHÂN DÂN TỈNH") for i in issuers)
    assert len({i for i in issuers if i.startswith("BỘ ")}) >= 4


def test_normative_numbers_hold_the_year_of_their_date():
    forms = _central()
    normative = [f for f in forms if f.doc_type in ("decree", "circular")
                 or (f.doc_type == "decision" and f.body.level == "province")]
    assert normative
    for f in normative:
        m = re.fullmatch(r"\d{2,3}/(\d{4})/([A-ZĐ]+)-([A-ZĐ]+)", f.number)
        assert m, f.number
        assert int(m[1]) == f.date[0], (f.number, f.date)
        assert m[2] == {"decree": "NĐ", "circular": "TT", "decision": "QĐ"}[f.doc_type]
    decrees = [f for f in forms if f.doc_type == "decree"]
    assert all(f.number.endswith("/NĐ-CP") for f in decrees)
    circulars = [f for f in forms if f.doc_type == "circular"]
    assert all(f.number.endswith("-" + f.body.abbr) and f.body.issuer.startswith("BỘ ") for f in circulars)


def test_central_symbols_and_signing_chains():
    forms = _central()
    numbers = [f.number for f in forms]
    assert any(re.fullmatch(r"\d+/VPCP-[A-ZĐ.]+", n) for n in numbers)
    assert any(re.fullmatch(r"\d+/TTg-[A-ZĐ.]+", n) for n in numbers)
    assert any(re.fullmatch(r"\d+/(QĐ|CT|CĐ)-TTg", n) for n in numbers)
    assert any(re.fullmatch(r"\d+/NQ-CP", n) for n in numbers)
    assert any(re.fullmatch(r"\d+/TB-VPCP", n) for n in numbers)
    chains = {(tuple(f.authority), f.position) for f in forms}
    assert (("TM. CHÍNH PHỦ",), "THỦ TƯỚNG") in chains
    assert (("TM. CHÍNH PHỦ", "KT. THỦ TƯỚNG"), "PHÓ THỦ TƯỚNG") in chains
    assert (("KT. THỦ TƯỚNG",), "PHÓ THỦ TƯỚNG") in chains
    assert (("KT. BỘ TRƯỞNG, CHỦ NHIỆM",), "PHÓ CHỦ NHIỆM") in chains
    assert (("KT. BỘ TRƯỞNG",), "THỨ TRƯỞNG") in chains
    # the Government signs collectively, the Prime Minister in person or through a deputy
    for f in forms:
        tm, kt = ("TM.", "KT.") if f.date[0] >= 2004 else ("T/M", "K/T")
        if f.body.level == "government":
            assert f.authority[0] == f"{tm} CHÍNH PHỦ"
        if f.body.level == "prime_minister":
            assert f.authority in ([], [f"{kt} THỦ TƯỚNG"])
    years = [f.date[0] for f in forms]
    assert min(years) < 2004 and max(years) > 2020 and all(1999 <= y <= 2026 for y in years)


def test_central_forms_print_the_signing_marks_of_their_time():
    # official-formats notes: slashed marks ('T/M', 'K/T') in state documents before 2004
    forms = _central()
    marks = {(f.date[0] >= 2004, line.split()[0]) for f in forms for line in f.authority}
    assert {(True, "TM."), (True, "KT."), (False, "T/M"), (False, "K/T")} <= marks
    assert not {m for new, m in marks if new and "/" in m} and not {m for new, m in marks if not new and "." in m}


def _cited_years(f) -> list[int]:
    """The years of the laws, decrees and circulars a form's subject and bases cite."""
    text = " ".join([f.subject, *(t for _, t in f.paragraphs if "Căn cứ" in t or "số" in t)])
    return [int(y) for y in re.findall(r"(?:năm |\d/)((?:19|20)\d\d)(?=[/;, ]|$)", text)]


def test_central_forms_cite_only_what_was_in_force_before_their_date():
    forms = _central()
    cited = [(f, y) for f in forms for y in _cited_years(f)]
    normative = [f for f in forms if f.doc_type in ("decree", "circular")]
    assert normative and all(_cited_years(f) for f in normative)
    # the bases name laws of 1992-2025, the subjects and bases decrees and circulars: all before the document
    assert all(y <= f.date[0] for f, y in cited), [(f.number, f.date, y) for f, y in cited if y > f.date[0]]
    bases = [(f, t) for f in forms for _, t in f.paragraphs if t.startswith("Căn cứ")]
    assert any(f.date[0] < 2016 for f, _ in bases)
    assert not [t for f, t in bases if f.date[0] < 2016 and "năm 2015" in t]
    assert any("năm 2001" in t for _, t in bases) and any("năm 2015" in t for _, t in bases)


def test_central_forms_are_issued_by_bodies_that_existed_on_their_date():
    forms = _central(range(3001, 3006))
    for f in forms:
        assert formgen._in_force(f.body.issuer, f.date), (f.body.issuer, f.date)
        assert all(formgen._in_force(a, f.date) for a in [*f.addressees, *f.recipients]), (f.number, f.date)
    assert not formgen._in_force("BỘ CÔNG THƯƠNG", (2006, 5, 1)) and formgen._in_force("BỘ CÔNG THƯƠNG", (2008, 1, 1))
    assert not formgen._in_force("BỘ TÀI NGUYÊN|VÀ MÔI TRƯỜNG", (2001, 5, 1))
    assert not formgen._in_force("BỘ KẾ HOẠCH VÀ ĐẦU TƯ", (2025, 6, 1))
    assert not formgen._in_force("Bộ Nông nghiệp và Phát triển nông thôn", (2026, 1, 1))
    assert formgen._in_force("BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", (2026, 1, 1))


def test_a_government_office_letter_is_signed_by_the_head_of_the_vu_its_number_names():
    letters = [f for f in _central() if f.authority and f.authority[-1].endswith("THỦ TƯỚNG")
               and f.body.level == "government_office"]
    assert letters
    for f in letters:
        assert f.position == f"VỤ TRƯỞNG {formgen.GOVERNMENT_DEPARTMENTS[f.number.split('-', 1)[1]]}", f.number


def read_typeset(form, tmp_path: Path, k: int = 0):
    """The typeset form read by the whole pipeline from its text layer, its record and the forms bench's check of it
    against the form's truth (the parser tests of each plan)."""
    from benchmarks.bench_catalogue import check
    from benchmarks.catalogue_cache import ingested
    from vnresolve import parsers

    pdf = tmp_path / f"{k:02d}-{form.doc_type}.pdf"
    render_form(form, pdf)
    meta = parsers.parse(ingested(pdf, tmp_path / "cache")).metadata
    return meta, check(meta, form.truth(pdf.name, pdf.name))


def pdf_text(pdf: Path) -> str:
    """A typeset PDF's text layer, its runs of white space as one space."""
    from pdfminer.high_level import extract_text

    return " ".join(extract_text(str(pdf)).split())


def test_central_forms_typeset_their_symbol_type_and_signer(tmp_path):
    fonts_or_skip()
    forms = draw_forms(3002, plan="central")
    for k, f in enumerate(forms[: len(CENTRAL_PLAN)]):
        pages, _ = render_form(f, tmp_path / f"{k}.pdf")
        assert pages == 1
        text = pdf_text(tmp_path / f"{k}.pdf")
        assert f"Số: {f.number}" in text
        assert f.body.issuer in text and f.name in text and f.position in text
        if f.doc_type != "official_letter":
            assert f.type_name in text
        if f.doc_type == "official_dispatch":
            assert "THỦ TƯỚNG CHÍNH PHỦ điện:" in text
            assert "THỦ TƯỚNG THỦ TƯỚNG" not in text


def test_the_default_plan_is_the_plain_draw_of_its_forms():
    import random

    for seed in (2030, 2041):
        rng = random.Random(seed)
        plain = [draw_form(rng, s, t, k) for _ in range(2) for s, t, k in PLAN]
        drawn = draw_forms(seed)
        assert [f.truth("a", "b") for f in drawn] == [f.truth("a", "b") for f in plain]
        assert [f.paragraphs for f in drawn] == [f.paragraphs for f in plain]


def _generator_before(tmp_path: Path, commit: str = BEFORE):
    """formgen.py as it was at `commit` (before the central plan), loaded as a module of its own."""
    if not shutil.which("git") or not (ROOT / ".git").exists():
        pytest.skip("no git checkout to read the earlier generator from")
    done = subprocess.run(["git", "-C", str(ROOT), "show", f"{commit}:benchmarks/formgen.py"],
                          capture_output=True, text=True)
    if done.returncode:
        pytest.skip(f"commit {commit} not in this checkout's history")
    path = tmp_path / "formgen_before.py"
    path.write_text(done.stdout, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("formgen_before", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    return module


@pytest.mark.slow
def test_the_default_plan_draws_and_typesets_what_it_did_before_the_central_plan(tmp_path):
    fonts_or_skip()
    before = _generator_before(tmp_path)
    for seed in (2030, 2046):
        old, new = before.draw_forms(seed), formgen.draw_forms(seed)
        assert [f.truth("a", "b") for f in new] == [f.truth("a", "b") for f in old]
        for k in range(len(PLAN)):  # one round: every form of the plan
            before.render_form(old[k], tmp_path / "old.pdf")
            render_form(new[k], tmp_path / "new.pdf")
            assert (tmp_path / "new.pdf").read_bytes() == (tmp_path / "old.pdf").read_bytes(), (seed, k)


# ---------------------------------------------------------------- the joint plan
# the last commit whose formgen.py held no joint plan
BEFORE_JOINT = "3812491"


def _joint(seeds=range(5001, 5006)):
    return [form for seed in seeds for form in draw_forms(seed, plan="joint")]


def test_the_joint_plan_draws_joint_circulars_of_two_or_three_ministries():
    forms = _joint()
    assert len(draw_forms(5001, plan="joint")) == 2 * len(formgen.JOINT_PLAN)
    assert {f.doc_type for f in forms} == {"joint_circular"}
    assert {len(f.co_signers) for f in forms} == {1, 2}
    # the header prints the bodies joined by ' - ' or one under another; the truth joins them by ' - ' either way
    assert any(len(f.body.lines) == 1 for f in forms) and any(len(f.body.lines) > 1 for f in forms)
    for f in forms:
        names = f.issuer.split(" - ")
        assert len(names) == len(f.co_signers) + 1 and all(n.startswith("BỘ ") for n in names)
        assert " - ".join(f.body.lines) == f.issuer or " ".join(f.body.lines) == f.issuer
        assert all(formgen._in_force(n, f.date) for n in names), (f.issuer, f.date)
        assert 2000 <= f.date[0] <= 2015
        m = re.fullmatch(r"\d{2}/(\d{4})/TTLT-([A-ZĐ-]+)", f.number)
        assert m and int(m[1]) == f.date[0], f.number
        codes = dict((name, abbr) for name, abbr in formgen.JOINT_MINISTRIES)
        assert m[2].split("-") == [codes[n] for n in names]
        # each body's block names it: the lead's first (the truth's signer), the others in the header's order
        blocks = [(f.authority, f.position), *((a, p) for a, p, _ in f.co_signers)]
        for name, (authority, post) in zip(names, blocks):
            assert (authority == [] and post == f"BỘ TRƯỞNG {name}") or (
                post == "THỨ TRƯỞNG" and authority == [f"{'KT.' if f.date[0] >= 2004 else 'K/T'} BỘ TRƯỞNG {name}"])
        assert f.recipients[-1] == "Lưu: VT, " + ", ".join(codes[n] for n in names)


def test_joint_circulars_typeset_every_block_and_the_symbol_on_one_line(tmp_path):
    fonts_or_skip()
    forms = draw_forms(5003, plan="joint")
    for k, f in enumerate(forms[:: len(formgen.JOINT_PLAN) - 1][:3]):
        pages, _ = render_form(f, tmp_path / f"{k}.pdf")
        assert pages == 1
        text = pdf_text(tmp_path / f"{k}.pdf")
        assert f"Số: {f.number}" in text and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
        assert f.name in text and all(name in text for _, _, name in f.co_signers)


@pytest.mark.slow
def test_the_default_and_central_plans_draw_and_typeset_what_they_did_before_the_joint_plan(tmp_path):
    fonts_or_skip()
    before = _generator_before(tmp_path, BEFORE_JOINT)
    for plan, seed, n in (("default", 2040, len(PLAN)), ("central", 3003, len(CENTRAL_PLAN))):
        old, new = before.draw_forms(seed, plan=plan), formgen.draw_forms(seed, plan=plan)
        assert [f.truth("a", "b") for f in new] == [f.truth("a", "b") for f in old]
        for k in range(n):
            before.render_form(old[k], tmp_path / "old.pdf")
            render_form(new[k], tmp_path / "new.pdf")
            assert (tmp_path / "new.pdf").read_bytes() == (tmp_path / "old.pdf").read_bytes(), (plan, seed, k)
