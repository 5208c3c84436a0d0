"""Signers' names printed in capitals ('NGUYỄN VĂN AN': older documents, some provinces' and Party committees'),
or with the family name alone read so ('NGUYỄN Văn An'): read title-cased where the line is clearly a name, and
never a post, a body, an authority line or a rank printed in capitals where the name stands."""

from __future__ import annotations

import hashlib

import pytest

from benchmarks.post_probe import CAPITALS_NOT_NAMES, blocks, misreadings, parse_block
from vnresolve import parsers
from vnresolve.parsers import bodies, formats
from vnresolve.parsers.record_signer_name import _name_of
from vnresolve.schemas import Document, Page, Source

BLOCK = ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]


@pytest.mark.parametrize("line, name", [
    ("NGUYỄN VĂN AN", "Nguyễn Văn An"), ("TRẦN THỊ THU HÀ", "Trần Thị Thu Hà"), ("ĐINH VĂN HÙNG", "Đinh Văn Hùng"),
    ("ĐỖ ĐỨC DŨNG", "Đỗ Đức Dũng"), ("LÊ HÙNG", "Lê Hùng"), ("TRƯƠNG VĂN AN", "Trương Văn An"),
    ("LÊ TRƯỜNG GIANG", "Lê Trường Giang"), ("ÐINH VĂN AN", "Đinh Văn An"),  # OCR's eth for Đ
    ("BÙI THỊ XUÂN", "Bùi Thị Xuân"),  # a ward named after a person: a place's name of three words is a name
    ("NGUYỄN Văn An", "Nguyễn Văn An"), ("HỒ Xuân Hương", "Hồ Xuân Hương"),  # the family name alone in capitals
])
def test_a_name_in_capitals_reads_title_cased(line, name):
    assert _name_of(line) == (None, name, None)


def test_a_rank_before_a_name_in_capitals_is_the_rank():
    assert _name_of("ĐẠI TÁ NGUYỄN VĂN AN") == ("Đại tá", "Nguyễn Văn An", None)


@pytest.mark.parametrize("line, name", [
    ("NGUYỄN VĂN AN", "Nguyễn Văn An"), ("PHẠM THỊ THU HÀ", "Phạm Thị Thu Hà"), ("NGUYỄN Văn An", "Nguyễn Văn An"),
])
def test_a_name_in_capitals_under_the_post_is_the_signer_and_certain(line, name):
    meta = parse_block(BLOCK, line)
    assert meta.signer.name == name
    assert meta.confidence.get("signer.name", 1.0) >= 0.5
    assert meta.signer.position == "CHỦ TỊCH"
    assert meta.signer.on_behalf_of == "TM. ỦY BAN NHÂN DÂN"


@pytest.mark.parametrize("line, name", [
    ("NGUYỄN VĂN KHOẢN", "Nguyễn Văn Khoản"),  # 'Khoản' no common name word: a misread one looks the same
    ("CAO SƠN", "Cao Sơn"),  # a commune's name too: a seal's text?
    ("NGUYỄN NHƯ Ý", "Nguyễn Như Ý"),  # the one-letter given name, doubted as in small letters
    ("Y BHIN NIÊ", "Y Bhin Niê"),  # a particle its family name confirms, a given name no list holds
])
def test_a_name_in_capitals_nothing_can_check_is_read_but_doubted(line, name):
    meta = parse_block(BLOCK, line)
    assert meta.signer.name == name
    assert meta.confidence.get("signer.name", 1.0) < 0.5


@pytest.mark.parametrize("line", [
    "LÊ XOĂN",  # two words, one no name word
    "NGUYỄN VĂN XQB", "NGUYỄN XOĂN KHOẢN",  # a word no syllable; two words no list holds
    "Y BAN NHÂN DÂN",  # 'ỦY BAN NHÂN DÂN' with its first letter lost: an unconfirmed 'Y' and a body's words
    "ÔNG AN", "CAO BANG", "TRƯƠNG BAN", "PHÓ BÍ THU",  # a body or a post misread by a letter or a mark
    "H0I ĐỒNG NHÂN DÂN", "VĂN HÓA, XÃ HỘI",  # a digit for a letter, a comma: no name holds them
])
def test_a_capitals_line_that_is_no_clear_name_gives_none(line):
    assert _name_of(line)[1] is None


def _capitals_lines() -> list[str]:
    lines = {line for block, _ in blocks() for line in block}
    lines |= {*formats.ALL_POSTS, *formats.SIGNING_BODIES, *bodies.names(), *CAPITALS_NOT_NAMES}
    return sorted(lines)


def test_no_post_body_authority_or_rank_line_in_capitals_reads_as_a_name():
    lines = _capitals_lines() + [r.upper() for r in formats.RANKS]
    assert len(lines) > 500
    assert [line for line in lines if _name_of(line)[1]] == []


def test_no_misread_post_or_body_line_reads_as_a_certain_name():
    # each line misread as print OCR does (a letter, a mark, a digit, the first letter lost): given as a name
    # only doubted (a word no list holds), never certain
    read = sorted({r for line in _capitals_lines() for _, r in misreadings(line)})
    assert len(read) > 15000
    assert [r for r in read if (got := _name_of(r))[1] and not got[2]] == []


@pytest.mark.parametrize("line", ["PHÓ CHỦ TỊCH", "ỦY BAN NHÂN DÂN", "BAN THƯỜNG VỤ", "TỈNH ỦY", "HÀ NỘI",
                                  "THÁI BÌNH", "KT. CHỦ TỊCH", "THIẾU TƯỚNG", "VĂN PHÒNG", "CÔNG AN"])
def test_a_capitals_line_where_the_name_stands_that_is_no_name_gives_no_name(line):
    assert parse_block(BLOCK, line).signer.name is None


def _text_document(name_line: str):
    text = ("ỦY BAN NHÂN DÂN                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "TỈNH NGHỆ AN                              Độc lập - Tự do - Hạnh phúc\n\n"
            "Số: 412/UBND-VX                     Nghệ An, ngày 12 tháng 5 năm 1998\n\n"
            "V/v tổ chức kỳ thi tốt nghiệp năm học 1997-1998\n\n"
            "Kính gửi: Sở Giáo dục và Đào tạo.\n\n"
            "Ủy ban nhân dân tỉnh yêu cầu Sở Giáo dục và Đào tạo tổ chức kỳ thi theo đúng quy chế.\n\n"
            "Nơi nhận:                                   KT. CHỦ TỊCH\n"
            "- Như trên;\n"
            "- Lưu: VT, VX.\n\n"
            "                                            PHÓ CHỦ TỊCH\n\n\n"
            f"                                            {name_line}\n")
    page = Page(number=1, text=text, source="input-text", start=0, end=len(text))
    doc = Document(source=Source(path="t.txt", sha256=hashlib.sha256(text.encode()).hexdigest(), kind="text", pages=1),
                   text=text, pages=[page])
    doc = parsers.parse(doc)
    assert not [w for w in doc.warnings if w.code == "parser-failed"], doc.warnings
    return doc.metadata


def test_a_text_document_signed_in_capitals_gives_the_name_title_cased_through_the_whole_parse():
    meta = _text_document("NGUYỄN VĂN AN")
    assert meta.signer.name == "Nguyễn Văn An"
    assert meta.confidence.get("signer.name", 1.0) >= 0.5
    assert meta.signer.position == "PHÓ CHỦ TỊCH"
    assert meta.signer.on_behalf_of == "KT. CHỦ TỊCH"


def test_a_text_document_with_a_body_in_capitals_where_the_name_stands_gives_no_name():
    meta = _text_document("ỦY BAN NHÂN DÂN TỈNH")
    assert meta.signer.name is None
    assert meta.signer.position == "PHÓ CHỦ TỊCH"


def _page_record(block: list[str], foot: list[tuple[str, float]]):
    """The record of post_probe's page whose signature column holds `block` and, from the name's place down, the
    `foot` lines, each (text, its words' OCR confidence)."""
    from benchmarks.post_probe import _HEAD, _centred, _line

    lines = [_line(t, x, y) for t, x, y in _HEAD] + [_centred(t, 1500 + 40 * k) for k, t in enumerate(block)]
    for k, (t, conf) in enumerate(foot):
        line = _centred(t, 1750 + 60 * k)
        line.conf = conf
        for w in line.words:
            w.conf = conf
        lines.append(line)
    text = "\n".join(line.text for line in lines)
    page = Page(number=1, text=text, source="ocr", width=1650, height=2340, dpi=200, lines=lines, start=0, end=len(text))
    doc = Document(source=Source(path="p.pdf", sha256=hashlib.sha256(text.encode()).hexdigest(), kind="pdf-scanned",
                                 pages=1), text=text, pages=[page])
    return parsers.parse(doc).metadata


def test_a_capitals_line_under_the_name_is_never_the_name():
    # the seal's or a stroke's letters read under the name ('Ỷ SÀ SỞ'): the name above stands
    meta = _page_record(BLOCK, [("Ngô Ngọc Tâm", 95.0), ("NGUYỄN VĂN AN", 95.0), ("Ỷ SÀ SỞ", 0.0)])
    assert meta.signer.name == "Ngô Ngọc Tâm"


def test_a_capitals_name_read_unsurely_is_left_and_one_read_surely_is_taken():
    assert _page_record(BLOCK, [("NGUYỄN VĂN AN", 20.0)]).signer.name is None
    assert _page_record(BLOCK, [("NGUYỄN VĂN AN", 95.0)]).signer.name == "Nguyễn Văn An"
