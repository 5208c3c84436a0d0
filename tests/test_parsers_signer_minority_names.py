"""Signers' names of ethnic-minority officials, whose one-letter or apostrophe words stand where their
people's naming conventions put them (parsers/data/name_particles.txt): read as printed and certain, while
a one-letter speck anywhere else leaves the name doubted."""

from __future__ import annotations

import pytest

from benchmarks.post_probe import parse_block
from vnresolve.parsers.record_signer_name import particle_at

BLOCK = ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]


def _name(line: str):
    meta = parse_block(BLOCK, line)
    return meta.signer.name, meta.confidence.get("signer.name", 1.0)


@pytest.mark.parametrize("name", [
    "Y Bhin Niê", "Y Thanh Hà Niê Kdăm",  # Ê Đê / Jrai men
    "H'Hen Niê", "H' Linh Niê", "H’Hen Niê",  # Ê Đê women, the apostrophe as printed
    "Vàng A Chứ", "Giàng A Páo", "Sùng A Hồ", "Hờ A Di", "Lầu Mí Sính",  # Hmong
    "K' Bình", "K'Mák",  # K'Ho
    "Đinh Y Ngọc",  # Ba Na
])
def test_a_minority_name_with_its_particle_is_read_as_printed_and_certain(name):
    read, conf = _name(name)
    assert read == name
    assert conf >= 0.5


@pytest.mark.parametrize("line", [
    "Nguyễn Văn An I",  # a seal's fragment read as a capital I at the line's end
    "I Nguyễn Văn An",
    "Y Nguyễn Văn An",  # a particle's letter before a Kinh family name is a speck
    "Nguyễn Y Văn An",  # between a family name and a middle name
    "Lê A Hùng",  # 'A' after a family name no Hmong clan's
    "Vàng A Chứ I",
    "Vàng Y A Chứ",
    "Nguyễn Văn A",  # a template's placeholder
])
def test_a_one_letter_word_where_no_convention_puts_one_leaves_the_name_doubted(line):
    read, conf = _name(line)
    assert conf < 0.5, (line, read)


def test_the_particles_are_known_only_in_their_place():
    assert particle_at(["Y", "Bhin", "Niê"], 0)
    assert not particle_at(["Y", "Nguyễn", "An"], 0)  # a Kinh family name follows: a speck
    assert particle_at(["Vàng", "A", "Chứ"], 1)
    assert not particle_at(["Vàng", "A", "Văn", "Chứ"], 1)  # a middle name follows
    assert not particle_at(["Nguyễn", "Văn", "A"], 2)
    assert particle_at(["K'Mák"], 0)
    assert not particle_at(["I'Mák"], 0)
