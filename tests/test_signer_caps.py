"""Signers' names printed in capitals ('NGUYỄN VĂN AN': older documents, some provinces' and Party committees'),
or with the family name alone read so ('NGUYỄN Văn An'): read title-cased where the line is clearly a name, and
never a post, a body, an authority line or a rank printed in capitals where the name stands."""

from __future__ import annotations

import pytest

from benchmarks.post_probe import CAPITALS_NOT_NAMES, blocks, misreadings, parse_block, parse_lines
from vnresolve import parsers
from vnresolve.parsers import bodies, formats
from vnresolve.parsers.record_signer_name import _name_of

from test_parsers import make_doc

BLOCK = ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]


@pytest.mark.parametrize("line, name", [
    ("NGUYỄN VĂN AN", "Nguyễn Văn An"), ("TRẦN THỊ THU HÀ", "Trần Thị Thu Hà"), ("ĐINH VĂN HÙNG", "Đinh Văn Hùng"),
    ("ĐỖ ĐỨC DŨNG", "Đỗ Đức Dũng"), ("TRƯƠNG VĂN AN", "Trương Văn An"),
    ("LÊ TRƯỜNG GIANG", "Lê Trường Giang"), ("ÐINH VĂN AN", "Đinh Văn An"),  # OCR's eth for Đ
    ("NGUYỄN VĂN BÌNH", "Nguyễn Văn Bình"),  # its given names a commune's name ('Văn Bình'), as many are
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
    ("LÊ HÙNG", "Lê Hùng"),  # two words: a seal's or a heading's text reads the same
    ("BÙI THỊ XUÂN", "Bùi Thị Xuân"), ("LÊ HỒNG PHONG", "Lê Hồng Phong"),  # places named after a person
    ("DƯƠNG MINH CHÂU", "Dương Minh Châu"), ("CÙ LAO DUNG", "Cù Lao Dung"),  # a district's name
    ("ĐOÀN THANH NIÊN", "Đoàn Thanh Niên"),  # 'THANH NIÊN' one common word
    ("LÝ DO", "Lý Do"), ("LÂM NGHIỆP", "Lâm Nghiệp"),  # two words
    ("ĐỒNG VĂN AN", "Đồng Văn An"), ("QUAN VĂN AN", "Quan Văn An"),  # a rarer family name, an everyday syllable
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
    "VI PHẠM", "QUAN TRỌNG", "CHẾ ĐỘ", "HỒ SƠ",  # two words that are one common word
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


def _text_document(name_line: str, post: str = "PHÓ CHỦ TỊCH"):
    text = ("ỦY BAN NHÂN DÂN                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "TỈNH NGHỆ AN                              Độc lập - Tự do - Hạnh phúc\n\n"
            "Số: 412/UBND-VX                     Nghệ An, ngày 12 tháng 5 năm 1998\n\n"
            "V/v tổ chức kỳ thi tốt nghiệp năm học 1997-1998\n\n"
            "Kính gửi: Sở Giáo dục và Đào tạo.\n\n"
            "Ủy ban nhân dân tỉnh yêu cầu Sở Giáo dục và Đào tạo tổ chức kỳ thi theo đúng quy chế.\n\n"
            "Nơi nhận:                                   KT. CHỦ TỊCH\n"
            "- Như trên;\n"
            "- Lưu: VT, VX.\n\n"
            f"                                            {post}\n\n\n"
            f"                                            {name_line}\n")
    doc = parsers.parse(make_doc(text))
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


def _page_record(block: list[str], foot: list[tuple[str, float | list[float]]]):
    """The record of post_probe's page whose signature column holds `block` and, from the name's place down, the
    `foot` lines, each (text, its words' OCR confidence, one for all or one a word)."""
    from benchmarks.post_probe import _HEAD, _centred, _line

    lines = [_line(t, x, y) for t, x, y in _HEAD] + [_centred(t, 1500 + 40 * k) for k, t in enumerate(block)]
    for k, (t, conf) in enumerate(foot):
        line = _centred(t, 1750 + 60 * k)
        confs = conf if isinstance(conf, list) else [conf] * len(line.words)
        line.conf = sum(confs) / len(confs)
        for w, c in zip(line.words, confs):
            w.conf = c
        lines.append(line)
    return parse_lines(lines)


def test_a_capitals_line_under_the_name_is_never_the_name():
    # the seal's or a stroke's letters read under the name ('Ỷ SÀ SỞ'): the name above stands
    meta = _page_record(BLOCK, [("Ngô Ngọc Tâm", 95.0), ("NGUYỄN VĂN AN", 95.0), ("Ỷ SÀ SỞ", 0.0)])
    assert meta.signer.name == "Ngô Ngọc Tâm"


def test_a_capitals_name_read_unsurely_is_left_and_one_read_surely_is_taken():
    assert _page_record(BLOCK, [("NGUYỄN VĂN AN", 20.0)]).signer.name is None
    assert _page_record(BLOCK, [("NGUYỄN VĂN AN", 95.0)]).signer.name == "Nguyễn Văn An"


@pytest.mark.parametrize("foot", [
    "QUY ĐỊNH\nVI PHẠM HÀNH CHÍNH", "DANH SÁCH\nĐOÀN VIÊN", "PHỤ LỤC\nTIÊU CHUẨN VIÊN CHỨC",
    # a capitals line past a blank gap under the first lines there: no longer where the name stands
    "PHÒNG TỔ CHỨC\n\nNGUYỄN VĂN AN",
])
def test_a_text_document_with_capitals_under_a_block_with_no_name_gives_no_name(foot):
    # a heading and its capitals under a signature block with no name line (an annex, a list): no name
    meta = _text_document(foot, post="CHỦ TỊCH")
    assert meta.signer.name is None
    assert meta.signer.position == "CHỦ TỊCH"


def test_a_text_document_with_a_place_in_capitals_under_the_post_gives_it_doubted_at_most():
    meta = _text_document("ĐÃ KÝ\nLÊ HỒNG PHONG", post="CHỦ TỊCH")
    assert meta.signer.name is None or meta.confidence.get("signer.name", 1.0) < 0.5


def test_a_text_document_under_no_post_gives_no_name_from_capitals():
    meta = _text_document("NGUYỄN VĂN AN", post="VĂN PHÒNG")
    assert meta.signer.name is None


def test_a_text_document_with_the_family_name_alone_in_capitals_reads_it_as_the_layout_does():
    meta = _text_document("TRẦN Thị Thu Hà")
    assert meta.signer.name == "Trần Thị Thu Hà"
    assert meta.confidence.get("signer.name", 1.0) >= 0.5
    assert parse_block(BLOCK, "TRẦN Thị Thu Hà").signer.name == "Trần Thị Thu Hà"


@pytest.mark.parametrize("line, rest", [("HÀ Lý Minh Hiền", "Lý Minh Hiền"), ("CAO Trần Văn Nam", "Trần Văn Nam"),
                                        ("LÊ Hoàng Công Nga", "Hoàng Công Nga")])
def test_a_weak_capitals_word_before_a_name_is_a_speck_not_its_family_name(line, rest):
    # the first word read at OCR confidence 30, the name's at 90: the seal's or a speck's letters
    meta = _page_record(BLOCK, [(line, [30.0] + [90.0] * (len(line.split()) - 1))])
    assert meta.signer.name == rest


_COL = " " * 44


@pytest.mark.parametrize("remark", ["(Đã ký)", "(Ký, đóng dấu)", "(ký, ghi rõ họ tên)", "(ký tên, đóng dấu)"])
@pytest.mark.parametrize("gap_before, gap_after", [("\n\n", "\n\n"), ("\n", "\n\n"), ("\n", "\n"), ("\n\n", "\n\n\n")])
def test_a_signing_remark_under_the_post_leaves_the_name_in_capitals_below_it_read(remark, gap_before, gap_after):
    # '(Đã ký)' and a blank gap between the post and the name: the remark is no line of the foot
    meta = _text_document("", post=f"PHÓ CHỦ TỊCH{gap_before}{_COL}{remark}{gap_after}{_COL}NGUYỄN VĂN AN")
    assert meta.signer.name == "Nguyễn Văn An"
    assert meta.confidence.get("signer.name", 1.0) >= 0.5


def test_a_capitals_line_past_a_seals_capitals_and_a_gap_is_no_name():
    # a gap closes the foot after a capitals line (a seal's text): what follows is no name
    meta = _text_document(f"TRƯỜNG THCS BÌNH MINH\n\n{_COL}NGUYỄN VĂN AN", post="HIỆU TRƯỞNG")
    assert meta.signer.name is None


@pytest.mark.parametrize("line, name", [
    ("NGUYỄN VĂN MINH", "Nguyễn Văn Minh"), ("LÊ VĂN MINH", "Lê Văn Minh"), ("TRẦN TUẤN ANH", "Trần Tuấn Anh"),
    ("TRẦN VĂN HÓA", "Trần Văn Hóa"), ("LÊ VĂN HỌC", "Lê Văn Học"), ("LÊ THÀNH CÔNG", "Lê Thành Công"),
    ("NGUYỄN HÒA BÌNH", "Nguyễn Hòa Bình"), ("TRẦN CẨM TÚ", "Trần Cẩm Tú"), ("NGUYỄN TIẾN BỘ", "Nguyễn Tiến Bộ"),
])
def test_a_common_name_whose_given_names_spell_a_word_is_certain(line, name):
    # a common family name, a common middle name and a common given name: a name, whatever 'Văn Hóa' spells
    meta = parse_block(BLOCK, line)
    assert meta.signer.name == name
    assert meta.confidence.get("signer.name", 1.0) >= 0.5
    text = _text_document(line)
    assert text.signer.name == name
    assert text.confidence.get("signer.name", 1.0) >= 0.5


@pytest.mark.parametrize("line, name", [("NGUYỄN KHOA HỌC", "Nguyễn Khoa Học"),  # 'KHOA HỌC' in a body's name
                                        ("ĐOÀN THANH NIÊN", "Đoàn Thanh Niên"),  # 'Niên' a rare given name
                                        ("TRẦN THANH TOÁN", "Trần Thanh Toán")])
def test_a_name_shaped_line_whose_words_read_as_text_is_doubted_not_dropped(line, name):
    meta = parse_block(BLOCK, line)
    assert meta.signer.name == name
    assert meta.confidence["signer.name"] < 0.5


@pytest.mark.parametrize("post", ["TỔNG BIÊN TẬP", "NGƯỜI KÝ", "NGƯỜI LẬP BIỂU"])
def test_a_name_in_capitals_under_a_post_no_list_holds_is_read_doubted(post):
    assert not formats.is_post(post)
    meta = _text_document("NGUYỄN VĂN AN", post=post)
    assert meta.signer.name == "Nguyễn Văn An"
    assert meta.confidence["signer.name"] < 0.5
    assert meta.signer.position == post


def test_without_the_language_model_a_name_in_capitals_is_doubted(tmp_path):
    # an empty folder for the model: the given names cannot be checked as one common word
    from vnresolve.parsers.record_signer_name import _capitals_doubt

    assert _capitals_doubt(["Đoàn", "Thanh", "Niên"], tmp_path)[0]
    assert _capitals_doubt(["Đoàn", "Thanh", "Niên"], tmp_path)[1]
    assert _capitals_doubt(["Đoàn", "Thanh", "Niên"])[1]  # with the model: 'Thanh Niên' one word
    assert _capitals_doubt(["Nguyễn", "Văn", "An"])[1] is None


def test_the_name_check_reads_the_restorer_s_model_not_a_second_one():
    from vnresolve.diacritics.config import MODEL_DIR
    from vnresolve.diacritics.lm import load
    from vnresolve.parsers.record_signer_name import _language

    assert _language() is load(MODEL_DIR) and _language(MODEL_DIR) is load(MODEL_DIR)
