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


def _fonts_or_skip():
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
        if f.body.level == "government":
            assert f.authority[0] == "TM. CHÍNH PHỦ"
        if f.body.level == "prime_minister":
            assert f.authority in ([], ["KT. THỦ TƯỚNG"])
    years = [f.date[0] for f in forms]
    assert min(years) < 2005 and max(years) > 2020 and all(1999 <= y <= 2026 for y in years)


def _text(pdf: Path) -> str:
    from pdfminer.high_level import extract_text

    return " ".join(extract_text(str(pdf)).split())


def test_central_forms_typeset_their_symbol_type_and_signer(tmp_path):
    _fonts_or_skip()
    forms = draw_forms(3002, plan="central")
    for k, f in enumerate(forms[: len(CENTRAL_PLAN)]):
        pages, _ = render_form(f, tmp_path / f"{k}.pdf")
        assert pages == 1
        text = _text(tmp_path / f"{k}.pdf")
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


def _generator_before(tmp_path: Path):
    """formgen.py as it was before the central plan, loaded as a module of its own."""
    if not shutil.which("git") or not (ROOT / ".git").exists():
        pytest.skip("no git checkout to read the earlier generator from")
    done = subprocess.run(["git", "-C", str(ROOT), "show", f"{BEFORE}:benchmarks/formgen.py"],
                          capture_output=True, text=True)
    if done.returncode:
        pytest.skip(f"commit {BEFORE} not in this checkout's history")
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
    _fonts_or_skip()
    before = _generator_before(tmp_path)
    for seed in (2030, 2046):
        old, new = before.draw_forms(seed), formgen.draw_forms(seed)
        assert [f.truth("a", "b") for f in new] == [f.truth("a", "b") for f in old]
        for k in range(len(PLAN)):  # one round: every form of the plan
            before.render_form(old[k], tmp_path / "old.pdf")
            render_form(new[k], tmp_path / "new.pdf")
            assert (tmp_path / "new.pdf").read_bytes() == (tmp_path / "old.pdf").read_bytes(), (seed, k)


# ---------------------------------------------------------------- the central plan's forms read back


def _read(form, tmp_path: Path, k: int):
    """The typeset form read by the whole pipeline from its text layer, and its truth."""
    from benchmarks.bench_catalogue import check
    from benchmarks.catalogue_cache import ingested
    from vnresolve import parsers

    pdf = tmp_path / f"{k:02d}-{form.doc_type}.pdf"
    render_form(form, pdf)
    meta = parsers.parse(ingested(pdf, tmp_path / "cache")).metadata
    return meta, check(meta, form.truth(pdf.name, pdf.name))


def _first(test):
    return next(f for f in _central(range(3001, 3030)) if test(f))


def test_a_decree_under_chinh_phu_gives_type_number_issuer_and_subject(tmp_path):
    # 'CHÍNH PHỦ' level with the motto is the issuer, not a type name; the bases under the subject are the body
    _fonts_or_skip()
    meta, result = _read(_first(lambda f: f.doc_type == "decree"), tmp_path, 0)
    assert (meta.doc_type, meta.issuer) == ("decree", "CHÍNH PHỦ")
    assert all(result["right"][k] for k in ("doc_type", "number", "issuer", "subject")), result["misses"]
    assert "Căn cứ" not in meta.subject


def test_a_circular_of_a_ministry_named_on_two_lines(tmp_path):
    # THÔNG TƯ read whole is no THÔNG TRI; 'BỘ NÔNG NGHIỆP' / 'VÀ PHÁT TRIỂN NÔNG THÔN' is one body
    _fonts_or_skip()
    form = _first(lambda f: f.doc_type == "circular" and len(f.body.lines) == 2)
    meta, result = _read(form, tmp_path, 0)
    assert meta.doc_type == "circular"
    assert meta.issuer == form.body.issuer and meta.parent_issuer is None
    assert result["right"]["number"], result["misses"]


def test_a_government_office_letter_from_vu_i(tmp_path):
    _fonts_or_skip()
    form = _first(lambda f: f.number.endswith("-V.I"))
    meta, _ = _read(form, tmp_path, 0)
    assert meta.number == form.number and meta.symbol.unit_abbr == "V.I"


def test_a_date_line_with_a_speck_or_a_misread_n():
    from vnresolve.parsers.record_labels import _DATE
    from vnresolve.parsers.text import fold

    for line, want in (("Hà Nội, ngày. 26 tháng 7 năm 2007", ("26", "7", "2007")),
                       ("Hà Nội, hgày 12 tháng 9 năm 2008", ("12", "9", "2008")),
                       ("Hà Nội, ngày 08 tháng 12 năm.2025", ("08", "12", "2025")),
                       ("Quảng Ngãi, ngày 03 tháng 02 năm 2025", ("03", "02", "2025"))):
        m = _DATE.search(fold(line))
        assert m and (m["d"], m["m"], m["y"]) == want, line
    assert _DATE.search(fold("hủy bỏ các nội dung đã nêu")) is None


def test_a_quote_left_alone_at_a_subjects_end_is_a_speck():
    from vnresolve.parsers.record_subject import _clean_subject

    assert _clean_subject("Về việc tập trung ứng phó với bão số 4 '") == "Về việc tập trung ứng phó với bão số 4"
    assert _clean_subject('Về việc tổ chức "Ngày hội đại đoàn kết"') == 'Về việc tổ chức "Ngày hội đại đoàn kết"'


def test_a_subject_rows_end_read_apart_is_not_taken_for_the_body():
    # a skewed scan's subject line read as two runs on one row, a word lost between: the right one is no
    # body line; the subject is kept with its next line and doubted, not cut short and certain
    from vnresolve.parsers.record_subject import _type_and_subject
    from vnresolve.parsers.regions import Run
    from vnresolve.schemas import Metadata

    def run(text, x0, y0, x1, y1, conf=95.0):
        return Run(text, x0, y0, x1, y1, conf, tuple((w, conf) for w in text.split()))

    rs = [run("THÔNG BÁO", 753, 367, 1003, 415),
          run("Ý kiến chỉ đạo của Thủ tướng Chính phủ về thực", 255, 431, 1067, 474),
          run("tiết kiệm, chống lãng", 1172, 437, 1518, 475),
          run("phí", 859, 488, 913, 524),
          run("Tăng cường kiểm tra, đôn đốc, kịp thời tháo gỡ khó khăn, vướng mắc phát", 314, 567, 1534, 604),
          run("sinh trong quá trình thực hiện. Phấn đấu đến cuối năm, hoàn thành các chỉ", 237, 618, 1533, 655),
          run("tiêu đã đề ra, trong đó ít nhất 90% đơn vị đạt yêu cầu.", 237, 668, 1069, 705)]
    meta = Metadata()
    _type_and_subject(meta, rs, 0, 1654.0, 35.0)
    assert meta.doc_type == "notice"
    assert meta.subject.endswith("phí")
    assert meta.confidence.get("subject", 1.0) < 0.5
