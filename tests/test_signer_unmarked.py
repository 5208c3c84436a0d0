"""Signers' names read without marks ('NGUYEN VAN AN', 'Nguyen Van An': a legacy text layer, OCR that lost them, or
the restorer giving them back): read with the likeliest names' marks, always doubted, since a name's letters do not
tell its marks ('AN' is 'An' or 'Ân'); and never a post, a body, a place or a common word read so."""

from __future__ import annotations

import pytest

from benchmarks.post_probe import CAPITALS_NOT_NAMES, parse_block, unmarked
from vnresolve.parsers import formats
from vnresolve.parsers.record_signer_name import _name_of, marked_name

from test_parsers_catalogue import _foot, _spaced
from test_parsers_catalogue_layout import _restored_meta
from test_signer_caps import BLOCK, _capitals_lines, _text_document


@pytest.mark.parametrize("line, name", [
    ("NGUYEN VAN AN", "Nguyễn Văn An"), ("TRAN THI THU HA", "Trần Thị Thu Hà"), ("LE VAN HUNG", "Lê Văn Hùng"),
    ("DO DUC DUNG", "Đỗ Đức Dũng"), ("PHAM MINH TUAN", "Phạm Minh Tuấn"), ("HOANG THI LAN", "Hoàng Thị Lan"),
    ("Nguyen Van An", "Nguyễn Văn An"), ("Vo Van Kiet", "Võ Văn Kiệt"), ("DINH VAN HUNG", "Đinh Văn Hùng"),
    ("NGUYEN PHU TRONG", "Nguyễn Phú Trọng"),  # 'Trong' a rare name word, 'Trọng' a common one
    ("LE TRUONG GIANG", "Lê Trường Giang"), ("NGUYEN THI KIM NGAN", "Nguyễn Thị Kim Ngân"),
])
def test_a_name_without_marks_is_given_the_likeliest_names_marks_and_doubted(line, name):
    rank, got, why = _name_of(line)
    assert got == name and why and "without marks" in why
    meta = parse_block(BLOCK, line)
    assert meta.signer.name == name
    assert meta.confidence["signer.name"] < 0.5
    assert any(d.field == "signer.name" and "without marks" in d.reason for d in meta.uncertain)


def test_the_doubt_names_the_other_spellings_the_letters_allow():
    assert "'An' or 'Ân'" in _name_of("NGUYEN VAN AN")[2]
    assert "'Hùng' or 'Hưng'" in _name_of("LE VAN HUNG")[2]


@pytest.mark.parametrize("post", ["PHÓ CHỦ TỊCH", "CHỦ TỊCH"])
@pytest.mark.parametrize("line", ["NGUYEN VAN AN", "Nguyen Van An"])
def test_a_text_document_signed_without_marks_gives_the_name_marked_and_doubted(line, post):
    meta = _text_document(line, post=post)
    assert meta.signer.name == "Nguyễn Văn An"
    assert meta.confidence["signer.name"] < 0.5
    assert meta.signer.position == post


def test_a_name_the_restorer_gave_its_marks_is_doubted_however_sure():
    lines = _foot([_spaced("CHỦ TỊCH", 1080, 1500), _spaced("Nguyễn Văn An", 1040, 1750)])
    meta = _restored_meta(lines, [("Nguyen", "Nguyễn", 0.999, ["Nguyên"]), ("Van", "Văn", 0.999, ["Vân"])])
    assert meta.signer.name == "Nguyễn Văn An"
    assert meta.confidence["signer.name"] < 0.5
    assert any(d.field == "signer.name" and "'Nguyen'" in d.reason for d in meta.uncertain)
    # a mark the restorer mended on a word read with marks ('Nguyển') is no name read without them
    meta = _restored_meta(lines, [("Nguyển", "Nguyễn", 0.999, [])])
    assert meta.confidence["signer.name"] >= 0.5


def test_a_name_whose_likeliest_spelling_has_no_mark_is_read_as_printed():
    assert marked_name(["Cao", "Minh", "Quang"]) is None
    assert _name_of("CAO MINH QUANG")[1] == "Cao Minh Quang"


@pytest.mark.parametrize("line", [
    "PHO CHU TICH", "CHU TICH", "UY BAN NHAN DAN", "BAN THUONG VU", "TINH UY", "CONG AN", "TRUONG BAN",
    "VI PHAM", "QUAN TRONG", "HA NOI", "THAI BINH", "HO CHI MINH", "NGUYEN VAN XQB",
    # two words without marks: everyday pairs read as a family name and a name word in some marks ('Đỗ Không')
    "LE HUNG", "DO KHONG", "DANG DUOC", "CAO DANG",
    # a rarer family name is an everyday syllable without marks; a place's name ('Bắc Bình', 'Bắc Trà My')
    "BAC TRA MY", "DONG VAN AN", "BAC BINH",
    # a post's or a body's words past a family name's letters ('Trưởng phòng Tài chính', 'Văn phòng tỉnh')
    "TRUONG PHONG TAI CHINH", "TRUONG BAN QUAN LY", "VAN PHONG TINH", "LY LUAN CHINH TRI", "VAN HOA THONG TIN",
])
def test_a_capitals_line_without_marks_that_is_no_name_gives_none(line):
    assert _name_of(line)[1] is None
    assert parse_block(BLOCK, line).signer.name is None


def test_no_post_body_authority_or_rank_line_without_marks_reads_as_a_name_given_marks():
    lines = sorted({unmarked(line) for line in [*_capitals_lines(), *(r.upper() for r in formats.RANKS)]})
    assert len(lines) > 500 and "PHO CHU TICH" in lines and unmarked(CAPITALS_NOT_NAMES[0]) in lines
    # a line left as read ('CAO BANG' was read so before) gives no marks: only one given them is counted
    assert [line for line in lines if (got := _name_of(line)[1]) and got != line.title()] == []
