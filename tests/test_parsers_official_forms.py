"""Right readings of the official forms stay right and certain: the number-and-symbol and signature
block conventions of NĐ 30/2020 and HD 36 (and the older slashed prefixes and 'UỶ'), read cleanly,
come through the catalogue's rules for misread lines unchanged (../shared/notes/official-formats.md)."""

from __future__ import annotations

import re

import pytest

from test_parsers_catalogue import _foot, _regions_meta, _spaced

STATE, PARTY = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "ĐẢNG CỘNG SẢN VIỆT NAM"

SYMBOLS = [  # (number line, type name printed, motto); no type name: a công văn with its V/v line
    ("Số: 12/2024/NĐ-CP", "NGHỊ ĐỊNH", STATE), ("Số: 21/2026/TT-BCT", "THÔNG TƯ", STATE),
    ("Số: 15/QĐ-XP", "QUYẾT ĐỊNH", STATE), ("Số: 157/QĐ-NĐ-UB", "QUYẾT ĐỊNH", STATE),
    ("Số: 1234/QĐ-TTg", "QUYẾT ĐỊNH", STATE), ("Số: 52/2021/QĐ-UBND", "QUYẾT ĐỊNH", STATE),
    ("Số: 12/CTr-UBND", "CHƯƠNG TRÌNH", STATE), ("Số: 05/HDLT-UBND", "HƯỚNG DẪN", STATE),
    ("Số: 12/TTLT-BTC-BNV", "THÔNG TƯ LIÊN TỊCH", STATE), ("Số: 07/KH-BCĐ", "KẾ HOẠCH", STATE),
    ("Số: 08/TTr-UBND", "TỜ TRÌNH", STATE), ("Số: 12/GM-UBND", "GIẤY MỜI", STATE), ("Số: 02/CT-UBND", "CHỈ THỊ", STATE),
    ("Số: 675/UBND-KT", None, STATE), ("Số: 3722/VPCP-CN", None, STATE), ("Số: 2512/STC-QLNS", None, STATE),
    ("Số: 712/SGDĐT-VP", None, STATE),
    ("Số 04-NQ/TU", "NGHỊ QUYẾT", PARTY), ("Số 103-BC/ĐU", "BÁO CÁO", PARTY), ("Số 57-NQ/TW", "NGHỊ QUYẾT", PARTY),
    ("Số 12-QĐi/TW", "QUY ĐỊNH", PARTY), ("Số 20-KL/TU", "KẾT LUẬN", PARTY),
]


@pytest.mark.parametrize("read,type_line,motto", SYMBOLS)
def test_a_symbol_of_the_forms_read_cleanly_is_the_number_certain(read, type_line, motto):
    # dated in the year its symbol carries, as documents are (one year against the other doubts both)
    year = next(iter(re.findall(r"/(\d{4})/", read)), "2025")
    lines = [_spaced("ỦY BAN NHÂN DÂN", 320, 160), _spaced(motto, 800, 160), _spaced("TỈNH HÒA BÌNH", 330, 205),
             _spaced(read, 330, 270), _spaced(f"Hòa Bình, ngày 03 tháng 02 năm {year}", 830, 270)]
    if type_line:
        lines += [_spaced(type_line, 730, 420), _spaced("Kết luận của Chủ tịch tại cuộc họp", 600, 465)]
    else:
        lines += [_spaced("V/v kết luận của Chủ tịch tại cuộc họp", 330, 320), _spaced("Kính gửi: Sở Tài chính", 600, 420)]
    meta = _regions_meta(lines)
    assert meta.number == read.split()[-1] and meta.confidence["number"] >= 0.9


BLOCKS = [  # the block's lines above the name: the authority lines, then the post
    ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], ["TM. UỶ BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
    ["T/M UỶ BAN NHÂN DÂN", "K/T CHỦ TỊCH", "PHÓ CHỦ TỊCH"], ["KT. THỦ TƯỚNG", "PHÓ THỦ TƯỚNG"], ["THỦ TƯỚNG"],
    ["TL. BỘ TRƯỞNG", "VỤ TRƯỞNG VỤ PHÁP CHẾ"], ["TUQ. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"], ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"],
    ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"], ["K/T BÍ THƯ", "PHÓ BÍ THƯ"], ["T/M TỈNH ỦY", "BÍ THƯ"],
    ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"], ["BỘ TRƯỞNG"], ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
    ["TM. HỘI ĐỒNG NHÂN DÂN", "CHỦ TỊCH"], ["KT. CỤC TRƯỞNG", "PHÓ CỤC TRƯỞNG"],
    ["KT. TỔNG CỤC TRƯỞNG", "PHÓ TỔNG CỤC TRƯỞNG"], ["TM. CHÍNH PHỦ", "THỦ TƯỚNG"], ["TM. BAN CHẤP HÀNH", "BÍ THƯ"],
]


@pytest.mark.parametrize("block", BLOCKS, ids=" / ".join)
def test_a_signature_block_of_the_forms_read_cleanly_is_read_as_printed_certain(block):
    lines = [_spaced(text, 1050, 1500 + 40 * i) for i, text in enumerate(block)] + [_spaced("Nguyễn Văn An", 1060, 1750)]
    meta = _regions_meta(_foot(lines))
    assert (meta.signer.authority, meta.signer.position, meta.signer.name) == (block[:-1], block[-1], "Nguyễn Văn An")
    assert min(v for k, v in meta.confidence.items() if k.startswith("signer")) >= 0.9
