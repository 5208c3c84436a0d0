"""'So' is the document number's label 'Số' only before a document code's number (digits, an
optional '/year', then '/' or '-' and a capital: '12/CT-UBND', '45/2021/NĐ-CP'), and 'SO' before a
sector's joined acronym ('GD&DT') is the department 'SỞ'; before a date, a range, a plain number or
in 'so với' it stays the word 'so'. Texts written for these tests."""

from __future__ import annotations

import pytest

from vnresolve.diacritics import load_restorer

HEAD = "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\n"
TAIL = "Quảng Ngãi, ngày 12 tháng 3 năm 2021\nV/v triển khai kế hoạch năm 2021\n- Như trên;\n- Lưu: VT, TH.\n"


@pytest.fixture(scope="module", params=["default", "fast"])
def restorer(request):
    return load_restorer(request.param)


def _restore_line(restorer, line):
    """The line restored inside a marked document; the document's other lines must not change."""
    text = HEAD + line + "\n" + TAIL
    out = restorer.restore_text(text).splitlines()
    lines = text.splitlines()
    k = lines.index(line)
    assert out[:k] + out[k + 1:] == lines[:k] + lines[k + 1:]
    return out[k]


@pytest.mark.parametrize("line", ["So: 45/2021/ND-CP", "So: 123/QD-UBND", "So 12/CT-UBND", "So 12-CT/TU"])
def test_so_before_a_code_number_is_the_label(restorer, line):
    assert _restore_line(restorer, line).split()[0] == "Số" + line.split()[0][2:]


def test_so_before_a_sector_acronym_is_the_department(restorer):
    out = restorer.restore_text("SO GD&DT TINH QUANG NGAI\n").split()
    assert out[0] == "SỞ"
    assert out[1] in ("GD&DT", "GD&ĐT")


@pytest.mark.parametrize("line", [
    "Dư nợ tín dụng tăng 8,5% so 31/12/2022.",
    "Số ca mắc giảm so 2-3 tuần trước.",
    "Doanh thu bằng 1/2 so 2021-2022.",
    "So 2020-2021, tỷ lệ tăng 4%.",
    "Huy động vốn giảm 2% so 30/6/2023",
    "Tỷ lệ so: 1,5 lần.",
    "So với năm trước, sản lượng tăng.",
    "Sản lượng cao hơn so với năm trước.",
], ids=["date", "range", "year-range", "opening-range", "date-fast", "colon-mid-sentence", "so-voi", "hon-so-voi"])
def test_so_before_a_date_range_or_plain_number_stays(restorer, line):
    assert _restore_line(restorer, line) == line
