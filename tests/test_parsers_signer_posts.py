"""The signer's post and authority lines checked against the known posts and signing bodies
(parsers/formats.POSTS, parsers/data/posts.txt): a reading a letter OCR confuses away from one known
name is mended to it and doubted, one as near several is doubted as read, and right posts, listed or
not, stay as printed and certain."""

from __future__ import annotations

import pytest

from test_parsers_catalogue import _foot, _regions_meta, _spaced

NAME = "Nguyễn Văn An"


def _block(*lines: str):
    # each line centred on the block's axis, as the forms set it (_spaced: 18 px a letter, 12 between words)
    def centred(text: str, y: float):
        return _spaced(text, 1200 - (18 * len(text.replace(" ", "")) + 12 * text.count(" ")) / 2, y)

    rows = [centred(text, 1500 + 40 * i) for i, text in enumerate(lines)] + [centred(NAME, 1750)]
    return _regions_meta(_foot(rows))


def _sure(meta, field: str) -> bool:
    return meta.confidence.get(field, 0.9) >= 0.5


@pytest.mark.parametrize("block,post", [
    (["RỘ TRƯỞNG"], "BỘ TRƯỞNG"),  # B read R: every word still a syllable
    (["CHÁNH THANH TBA"], "CHÁNH THANH TRA"),
    (["T/M BAN THƯỜNG VỤ", "PHÓ RÍ THƯ"], "PHÓ BÍ THƯ"),
    (["KT. CHỦ TỊCH", "HÓ CHỦ TỊCH"], "PHÓ CHỦ TỊCH"),  # its first letter under the seal
    (["KT. BỘ TRƯỞNG", "HỨ TRƯỞNG"], "THỨ TRƯỞNG"),
    (["GIÁM ĐÓC SỞ TƯ PHÁP"], "GIÁM ĐỐC SỞ TƯ PHÁP"),  # a known post opening a longer one, its mark misread
])
def test_a_post_a_confused_letter_from_one_known_post_is_that_post_doubted(block, post):
    meta = _block(*block)
    assert meta.signer.position == post and not _sure(meta, "signer.position")
    assert any(d.field == "signer.position" and block[-1] in d.reason for d in meta.uncertain)


def test_a_post_as_near_two_known_posts_is_doubted_as_read():
    # 'BỤ' is a letter from 'BỘ' and from 'VỤ': neither is taken
    meta = _block("BỤ TRƯỞNG")
    assert meta.signer.position == "BỤ TRƯỞNG" and meta.confidence["signer.position"] <= 0.2


@pytest.mark.parametrize("block,authority", [
    (["KT. B0 TRƯỞNG", "THỨ TRƯỞNG"], ["KT. BỘ TRƯỞNG"]),  # a digit read for a letter
    (["TM. ỦY RAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"]),
    (["TL. GIÁM ÐỐC", "CHÁNH VĂN PHÒNG"], ["TL. GIÁM ĐỐC"]),  # Đ read as the eth Ð
])
def test_an_authority_line_misread_is_the_known_post_or_body_doubted_and_the_post_stays_certain(block, authority):
    meta = _block(*block)
    assert meta.signer.authority == authority and meta.signer.on_behalf_of == " ".join(authority)
    assert not _sure(meta, "signer.on_behalf_of")
    assert meta.signer.position == block[-1] and _sure(meta, "signer.position")


def test_a_prefix_with_a_letter_confused_or_lost_is_the_one_prefix_it_fits_doubted():
    for read in ("TUO. CHỦ TỊCH", "UQ. CHỦ TỊCH"):
        meta = _block(read, "CHÁNH VĂN PHÒNG")
        assert meta.signer.authority == ["TUQ. CHỦ TỊCH"] and not _sure(meta, "signer.on_behalf_of")
        assert meta.signer.position == "CHÁNH VĂN PHÒNG" and _sure(meta, "signer.position")


def test_a_dot_left_of_a_heads_post_under_tm_is_doubted_as_a_lost_q():
    meta = _block("TM. ỦY BAN NHÂN DÂN", ". CHỦ TỊCH")
    assert meta.signer.position == "CHỦ TỊCH" and not _sure(meta, "signer.position")


def test_specks_read_as_signs_at_a_lines_end_or_inside_it_are_dropped_and_leave_it_certain():
    meta = _block("TM.ỦY BAN.NHÂN DÂN", "KT. CHỦ TỊCH,", "PHÓ CHỦ TỊCH.")
    assert meta.signer.authority == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"] and _sure(meta, "signer.on_behalf_of")
    assert meta.signer.position == "PHÓ CHỦ TỊCH" and _sure(meta, "signer.position")


@pytest.mark.parametrize("block", [
    ["GIÁM ĐỐC SỞ TƯ PHÁP"], ["TỔ TRƯỞNG"], ["CHÁNH ÁN"], ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"], ["TRƯỞNG BAN"],
    ["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN THƯỜNG TRỰC"], ["TRƯỞNG BAN TUYÊN GIÁO TỈNH ỦY"], ["VIỆN TRƯỞNG"],
    ["TM. BAN CHỈ ĐẠO 138", "TRƯỞNG BAN"], ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH THƯỜNG TRỰC"], ["THỐNG ĐỐC"],
    ["TM. ỦY BAN NHÂN DÂN TỈNH", "CHỦ TỊCH"], ["KT. TỔNG GIÁM ĐỐC", "PHÓ TỔNG GIÁM ĐỐC"],
], ids=" / ".join)
def test_right_posts_listed_or_not_stay_as_printed_and_certain(block):
    meta = _block(*block)
    assert (meta.signer.authority, meta.signer.position) == (block[:-1], block[-1])
    assert _sure(meta, "signer.position") and _sure(meta, "signer.on_behalf_of")
