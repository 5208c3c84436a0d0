"""Signers' names of ethnic-minority officials, whose one-letter or apostrophe words stand where their
people's naming conventions put them (parsers/data/name_particles.txt): read as printed, certain only where the
name's family name confirms the particle, doubted otherwise; a one-letter speck anywhere else leaves the name
doubted or unread."""

from __future__ import annotations

import unicodedata

import pytest

from benchmarks.post_probe import parse_block
from vnresolve import parsers
from vnresolve.parsers import formats
from vnresolve.parsers.record_signer_name import particle_at, placed_particle

from test_parsers import make_doc

BLOCK = ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]


def _name(line: str):
    meta = parse_block(BLOCK, line)
    return meta.signer.name, meta.confidence.get("signer.name", 1.0), [d.reason for d in meta.uncertain
                                                                         if d.field == "signer.name"]


@pytest.mark.parametrize("name", [
    "Y Thanh Niê", "H' Linh Niê", "H'Linh Niê", "H’Linh Niê",  # Ê Đê: common given names, their family name last
])
def test_a_minority_name_of_common_name_words_its_family_name_confirms_is_read_as_printed_and_certain(name):
    read, conf, _ = _name(name)
    assert read == name
    assert conf >= 0.5


@pytest.mark.parametrize("name, doubt", [
    ("Y Bhin Niê", "'Bhin' is no common name word"), ("Y Moan Ênuôl", "'Moan' is no common name word"),
    ("H'Hen Niê", "'Hen' is no common name word"), ("H’Hen Niê", "'Hen' is no common name word"),
    ("Giàng A Páo", "a letter a speck can make"), ("Sùng A Hồ", "a letter a speck can make"),
    ("Hờ A Di", "a letter a speck can make"),
    ("Vàng A Chứ", "is no common name"), ("Lầu Mí Sính", "is no common name"), ("Vừ A Dính", "is no common name"),
])
def test_a_minority_name_nothing_can_check_is_read_as_printed_but_doubted(name, doubt):
    # a given name no list holds ('Bhin') and a Hmong 'A' a speck can make are read as printed, and doubted
    read, conf, reasons = _name(name)
    assert read == name
    assert conf < 0.5
    assert any(doubt in r for r in reasons), reasons


@pytest.mark.parametrize("name", ["Vàng A Chư", "Hờ A Dị", "Lầu Mí Sĩnh", "H' Lình Niê"])
def test_a_misread_given_name_after_a_confirmed_particle_is_doubted(name):
    # 'Chư' for 'Chứ', 'Lình' for 'Linh': a confirmed particle says nothing of the given name's marks
    read, conf, _ = _name(name)
    assert read is None or conf < 0.5


@pytest.mark.parametrize("name, doubt", [
    ("Y Thanh Hà Niê Kdăm", "'Hà' in the name is a Kinh family name"),
    ("Y Mai Niê", "'Mai' in the name is a Kinh family name"),  # a given name that is a Kinh family name too
    ("H' Mai Niê", "'Mai' in the name is a Kinh family name"),
    ("K' Bình", "K'Ho particle, which no family name confirms"),
    ("K'Mák", "K'Ho particle, which no family name confirms"),
    ("Đinh Y Ngọc", "'Đinh' is a Kinh or Thái family name as well"),  # Ba Na
    ("Hầu A Lềnh", "'Hầu' is a Kinh or Thái family name as well"),  # Hmong, a clan Kinh names share
    ("Lý A Hùng", "'Lý' is a Kinh or Thái family name as well"),  # or a Kinh name with a speck
    ("Lò A Thanh", "'Lò' is a Kinh or Thái family name as well"),
    ("Đinh Y Hùng", "'Đinh' is a Kinh or Thái family name as well"),
    ("Y Giáp Văn Hùng", "ends on no family name"),  # a speck before a family name no list holds
    ("Y Đô Văn An", "ends on no family name"),
    ("H' Bàn Văn Lâm", "'Bàn' is no common name"),  # the name's own words are checked first
    ("Y Ma Thị Hoa", "'Ma' is no common name"),
    ("K' Thạch Văn An", "no family name confirms"),
    ("Y Bhin", "ends on no family name"),  # the family name cut off
    ("Y Tý", "ends on no family name"),  # lines that are no name
    ("Y Học Cổ Truyền", "'Cổ' is no common name"),
])
def test_a_particle_no_family_name_confirms_leaves_the_name_read_but_doubted(name, doubt):
    read, conf, reasons = _name(name)
    assert read == name
    assert conf < 0.5
    assert any(doubt in r for r in reasons), reasons


@pytest.mark.parametrize("line", [
    "Nguyễn Văn An I",  # a seal's fragment read as a capital I at the line's end
    "I Nguyễn Văn An",
    "Y Nguyễn Văn An",  # a particle's letter before a Kinh family name is a speck
    "K'Nguyễn Văn An",  # joined to one as well
    "H'Hen",  # an Ê Đê name without its family name: one-word names only with K'
    "Nguyễn Y Văn An",  # between a family name and a middle name
    "Lê A Hùng",  # 'A' after a family name no Hmong clan's
    "Vàng A Chứ I",
    "Vàng Y A Chứ",
    "Nguyễn Văn A",  # a template's placeholder
])
def test_a_one_letter_word_where_no_convention_puts_one_leaves_the_name_doubted(line):
    read, conf, _ = _name(line)
    assert conf < 0.5, (line, read)


def test_the_particles_are_known_only_in_their_place():
    assert particle_at(["Y", "Bhin", "Niê"], 0)
    assert not particle_at(["Y", "Nguyễn", "An"], 0)  # a Kinh family name follows, and no Ê Đê one ends it
    assert particle_at(["Y", "Mai", "Niê"], 0)
    assert particle_at(["Vàng", "A", "Chứ"], 1)
    assert not particle_at(["Vàng", "A", "Văn", "Chứ"], 1)  # a middle name follows
    assert not particle_at(["Nguyễn", "Văn", "A"], 2)
    assert particle_at(["K'Mák"], 0)
    assert not particle_at(["I'Mák"], 0)
    assert not particle_at(["Hùng"], 1)  # past a one-word name's end
    assert not particle_at([], 0)
    assert placed_particle(["Y", "Bhin", "Niê"]) == (0, "Y", ["Bhin", "Niê"])
    assert placed_particle(["H'Hen", "Niê"]) == (0, "H'", ["Hen", "Niê"])
    assert placed_particle(["Vàng", "A", "Chứ"]) == (1, "A", ["Chứ"])
    assert placed_particle(["Nguyễn", "Văn", "An"]) is None
    assert placed_particle(["Y", "Nguyễn", "An"]) is None


def test_a_one_word_name_on_a_text_page_keeps_its_doubt():
    """A name line of one word (the rank 'Thiếu Tướng' taken off 'Thiếu Tướng Hùng'): the metadata stage runs
    through and keeps the name's doubt, rather than failing and losing every confidence."""
    text = ("ỦY BAN NHÂN DÂN                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "TỈNH ĐẮK LẮK                              Độc lập - Tự do - Hạnh phúc\n\n"
            "Số: 1234/UBND-NNMT                  Đắk Lắk, ngày 15 tháng 3 năm 2024\n\n"
            "V/v triển khai kế hoạch trồng rừng năm 2024\n\n"
            "Kính gửi: Sở Nông nghiệp và Phát triển nông thôn.\n\n"
            "Ủy ban nhân dân tỉnh yêu cầu các đơn vị triển khai thực hiện kế hoạch trồng rừng năm 2024.\n\n"
            "Nơi nhận:                                   KT. CHỦ TỊCH\n"
            "- Như trên;                                 PHÓ CHỦ TỊCH\n"
            "- Lưu: VT, NNMT.\n\n"
            "                                            Thiếu Tướng Hùng\n")
    doc = parsers.parse(make_doc(text))
    assert not [w for w in doc.warnings if w.code == "parser-failed"], doc.warnings
    meta = doc.metadata
    assert meta.signer.name == "Hùng"
    assert meta.confidence.get("signer.name", 1.0) < 0.5
    assert meta.confidence  # the stage's confidences are all there


def test_the_particles_file_loads_in_shape_and_is_the_one_list_of_its_family_names():
    rows = formats.data_rows(formats.DATA / "name_particles.txt", 4)
    assert {place for _, place, _, _ in rows} == {"first", "second"}
    for words, place, families, _ in rows:
        assert unicodedata.is_normalized("NFC", words + families)
        assert place == "first" or families != "-"  # a second-place particle follows a family name
    # the particles' peoples' family names are no Kinh list's ('Y', 'H' are particles, no family names)
    assert not {"Y", "H", "Sùng", "Vàng", "Giàng", "Ksor"} & {*formats.SURNAMES, *formats.RARER_SURNAMES}


@pytest.mark.parametrize("name", ["Thò Văn An", "Tráng Văn Bình", "Cứ Thị Lan", "Niê Văn Hùng",
                                  "Nguyễn Hữu Sình", "Nguyễn Minh Cứ", "Trần Văn Thò"])
def test_a_family_name_only_a_particle_confirms_leaves_a_kinh_looking_name_doubted(name):
    # 'Thò', 'Sình', 'Cứ' open or end Hmong names after a particle; elsewhere they are likelier a Kinh name misread
    read, conf, _ = _name(name)
    assert read is None or conf < 0.5


def test_a_data_file_is_read_whatever_its_bom_and_normal_form_and_a_bad_row_named(tmp_path):
    good = tmp_path / "good.txt"
    good.write_bytes(b"\xef\xbb\xbf# comment\n\n  # indented comment\n" + unicodedata.normalize(
        "NFD", "Vàng\tsecond\r\n").encode())
    assert formats.data_rows(good, 2) == [("Vàng", "second")]
    bad = tmp_path / "bad.txt"
    bad.write_text("A\tsecond\tVàng\tHmong\n# comment\nMí second Vàng Hmong\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.txt:3: 4 tab-separated fields expected, 1 read"):
        formats.data_rows(bad, 4)


# a dot on Hmong's 'A' ('Sùng Ạ Hồ') dropped the word and gave 'Sùng Hồ' as certain
_STRAY_MARK = [("Sùng Ạ Hồ", "Sùng A Hồ"), ("Sùng Ả Hồ", "Sùng A Hồ"), ("Giàng Ạ Páo", "Giàng A Páo"),
               ("Sùng À Hồ", "Sùng A Hồ"), ("Sùng a Hồ", "Sùng A Hồ"),  # the particle read small
               ("Lầu Mì Sính", "Lầu Mí Sính"), ("Lầu Mỉ Hùng", "Lầu Mí Hùng"), ("Đinh Ỳ Ngọc", "Đinh Y Ngọc"),
               ("Đinh Ý Ngọc", "Đinh Y Ngọc"), ("Ỳ Bhin Niê", "Y Bhin Niê"), ("Ý Thanh Niê", "Y Thanh Niê")]
# a seal's or stroke's fragment read as one capital lost the whole name; it may be a hidden word's first letter
_LONE_CAPITAL = [("Ngô Hồng Ân Ơ", "Ngô Hồng Ân"), ("Ơ Phạm Công Lượng", "Phạm Công Lượng"),
                 ("Lê Văn Ỳ Hùng", "Lê Văn Hùng"), ("Nguyễn Văn An I", "Nguyễn Văn An"),
                 ("Đặng Văn Minh Ạ", "Đặng Văn Minh"), ("Vàng Y A Chứ", "Vàng A Chứ")]


@pytest.mark.parametrize("line, name, why", [(line, name, "stray mark") for line, name in _STRAY_MARK]
                         + [(line, name, "left out of the name") for line, name in _LONE_CAPITAL])
def test_a_particle_with_a_stray_mark_or_a_capital_alone_gives_the_name_doubted_with_the_reason(line, name, why):
    # a particle read with a stray mark is read as the particle; a capital alone where no particle stands is left out
    read, conf, reasons = _name(line)
    assert read == name
    assert conf < 0.5
    assert any(why in r for r in reasons), reasons


@pytest.mark.parametrize("line, dropped", [
    ("Nguyễn Ạ An", "Nguyễn An"), ("Lê Văn Ỳ Hùng", "Lê Văn Hùng"), ("Đặng Văn Minh Ạ", "Đặng Văn Minh"),
    ("Sùng Ạ Văn Hồ", "Sùng Văn Hồ"),
])
def test_a_marked_capital_where_no_particle_stands_is_no_word_left_out_of_a_certain_name(line, dropped):
    # a capital is a word's, not a stroke's: as an unmarked 'A' there, the name is not given as certain without it
    read, conf, _ = _name(line)
    assert read is None or conf < 0.5, (read, conf)
    assert not (read == dropped and conf >= 0.5)


@pytest.mark.parametrize("line, plain", [
    ("Y-Bhin Niê", "Y Bhin Niê"), ("Y-Thanh Niê", "Y Thanh Niê"),  # read apart, as official records print them
    ("H”Hen Niê", "H’Hen Niê"), ("H‘Hen Niê", "H’Hen Niê"), ("H“Hen Niê", "H’Hen Niê"),  # quotes for the apostrophe
    ("H” Linh Niê", "H’ Linh Niê"), ("H‘Linh Niê", "H’Linh Niê"), ("K”Mák", "K’Mák"),
])
def test_a_hyphened_or_quoted_particle_is_read_as_printed_normalised_and_doubted_as_its_plain_form(line, plain):
    read, conf, reasons = _name(line)
    assert read == plain
    assert (conf, reasons) == _name(plain)[1:]


def test_a_particles_file_place_neither_first_nor_second_is_named_with_its_file_and_line(tmp_path):
    bad = tmp_path / "particles.txt"
    bad.write_text("# header\nY\tfirst\tNiê\tÊ Đê\n\nA\tmiddle\tVàng\tHmong\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"particles\.txt:4: place 'middle' of 'A' is neither 'first' nor 'second'"):
        formats.particles(bad)
    assert formats.particles(formats.DATA / "name_particles.txt") == formats.PARTICLES


@pytest.mark.parametrize("line, name", [("Nguyễn Văn x", "Nguyễn Văn"), ("Lò Thị a", "Lò Thị"),
                                        ("Trần Văn 4k", "Trần Văn"), ("Nguyễn Văn", "Nguyễn Văn"),
                                        ("Đại tá Trần Thị", "Trần Thị"), ("Nguyễn Thị ’", "Nguyễn Thị")])
def test_a_name_ending_on_its_middle_name_leaves_the_name_doubted(line, name):
    # a middle name ends the name only where its given name was lost: unread, or read as a stroke and left out
    read, conf, reasons = _name(line)
    assert read == name
    assert conf < 0.5
    assert any("ends on the middle name" in r for r in reasons), reasons


def test_a_stroke_after_a_whole_name_is_left_out_and_the_name_stays_certain():
    read, conf, _ = _name("Đặng Văn Minh x")
    assert (read, conf >= 0.5) == ("Đặng Văn Minh", True)


@pytest.mark.parametrize("line", ["Nguyễn Như Ý", "Lê Thị Ý", "Trần Văn Ý", "Đại tá Nguyễn Như Ý"])
def test_a_one_letter_given_name_with_its_mark_is_kept_last_but_doubted(line):
    # 'Ý' is a given name: left out as a speck, 'Nguyễn Như Ý' read 'Nguyễn Như'; a speck after a two-word name
    # reads the same, so the name is doubted
    read, conf, reasons = _name(line)
    assert read == line.removeprefix("Đại tá ")
    assert conf < 0.5
    assert any("one-letter given name" in r for r in reasons), reasons


@pytest.mark.parametrize("line, name", [("Nguyễn Như ý", "Nguyễn Như"), ("Thân Khiêm ý", "Thân Khiêm")])
def test_a_small_y_after_a_two_word_name_is_left_out_but_doubted(line, name):
    # a speck's reading as often as an 'Ý' read small: kept, a speck would make the name wrong; left out, an 'Ý'
    read, conf, reasons = _name(line)
    assert (read, conf < 0.5) == (name, True)
    assert any("'Ý' read small" in r for r in reasons), reasons


@pytest.mark.parametrize("line, name", [
    ("Hà Thị Ẩ", "Hà Thị"),  # 'Â' stands alone in no syllable
    ("Khúc Khuê Ơ", "Khúc Khuê"), ("Bùi Nga Á", "Bùi Nga"),  # syllables alone, but no given names
    ("Nguyễn Văn A", "Nguyễn Văn"),  # an unmarked capital: a template's placeholder or a speck
    ("Nguyễn Văn An Ý", "Nguyễn Văn An"),  # after a whole name of three words
    # 'Y' with another tone is no given name: kept, the name would be wrong were it a speck or a misread 'Ý'
    ("Lữ Lợi Ỳ", "Lữ Lợi"), ("Nguyễn Như Ỷ", "Nguyễn Như"), ("Trần Thị Ỹ", "Trần Thị"), ("Lê Văn Ỵ", "Lê Văn"),
])
def test_a_lone_capital_that_is_no_one_letter_given_name_is_still_left_out(line, name):
    read, conf, _ = _name(line)
    assert (read, conf < 0.5) == (name, True)
