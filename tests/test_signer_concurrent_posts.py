"""Posts held together and printed joined by a comma ('BỘ TRƯỞNG, CHỦ NHIỆM': the Government Office's
Minister-Chairman) are kept as printed, in the position and in the KT. line, certain only with the comma
as printed ('A, B'); two posts one signer cannot hold (the same post twice, a post and its deputy's, the
KT. head's own) are neither joined nor certain; a known post whose first
letter OCR lost, the body's name after it, is that post, doubted; the foot's 'Nơi nhận:' label with a
sign read for its space still sets the foot's top (text-only pages laid out as a scan's, and the
post readers themselves)."""

from __future__ import annotations

import hashlib

import pytest

from vnresolve import parsers
from vnresolve.parsers import record_signer
from vnresolve.schemas import Document, Line, Page, Source

from test_parsers_signer_posts import NAME, _block, _sure


@pytest.mark.parametrize("block,post", [
    (["BỘ TRƯỞNG, CHỦ NHIỆM"], "BỘ TRƯỞNG, CHỦ NHIỆM"),
    (["PHÓ THỦ TƯỚNG, BỘ TRƯỞNG"], "PHÓ THỦ TƯỚNG, BỘ TRƯỞNG"),
    # the last one with its body's name after it
    (["BỘ TRƯỞNG, CHỦ NHIỆM ỦY BAN DÂN TỘC"], "BỘ TRƯỞNG, CHỦ NHIỆM ỦY BAN DÂN TỘC"),
])
def test_posts_held_together_joined_by_a_comma_stay_as_printed_and_certain(block, post):
    meta = _block(*block)
    assert meta.signer.position == post and _sure(meta, "signer.position")


@pytest.mark.parametrize("read", ["BỘ TRƯỞNG,CHỦ NHIỆM", "BÍ THƯ ,CHỦ TỊCH", "BÍ THƯ , CHỦ TỊCH"])
def test_a_comma_spaced_as_no_printed_one_between_posts_is_doubted(read):
    # printed, the comma follows the first post and a space follows it: any other spacing may be a speck's
    meta = _block(read)
    assert meta.signer.position == ", ".join(p.strip() for p in read.split(","))
    assert meta.confidence["signer.position"] == 0.4
    assert any(d.field == "signer.position" and read in d.reason for d in meta.uncertain)


@pytest.mark.parametrize("block", [
    ["CHỦ TỊCH, CHỦ TỊCH"],  # the same post twice
    ["CHỦ TỊCH, PHÓ CHỦ TỊCH"],  # a post and its deputy's
    ["PHÓ CHỦ TỊCH, PHÓ CHỦ TỊCH"],
    ["BỘ TRƯỞNG, THỨ TRƯỞNG"],
    ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH, CHỦ TỊCH"],  # under KT. the head's own post: a deputy signs for the head
    ["KT. CHỦ TỊCH", "CHỦ TỊCH, BÍ THƯ"],
    ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH, CHỦ TỊCH"],
])
def test_two_posts_one_signer_cannot_hold_are_not_held_together_and_are_doubted(block):
    meta = _block(*block)
    assert "," not in (meta.signer.position or "")
    assert meta.confidence["signer.position"] <= 0.4
    assert any(d.field == "signer.position" for d in meta.uncertain)


@pytest.mark.parametrize("read", ["CHỦ TỊCH  PHÓ CHỦ TỊCH", "THỨ TRƯỞNG THỨ TRƯỞNG", "GIÁM ĐỐC PHÓ GIÁM ĐỐC",
                                  "BỘ TRƯỞNG THỨ TRƯỞNG", "GIÁM ĐỐC: PHÓ GIÁM ĐỐC"])
def test_two_signers_posts_run_together_get_no_comma_and_are_doubted(read):
    # two blocks' posts read as one line: no joint post is made of them, the line as read is doubted
    meta = _block(read)
    assert meta.signer.position == " ".join(read.replace(":", " ").split())
    assert meta.confidence["signer.position"] <= 0.2
    assert any(d.field == "signer.position" and "no two posts one signer holds" in d.reason for d in meta.uncertain)


def test_under_kt_posts_held_together_with_no_deputys_word_are_doubted():
    meta = _block("KT. BỘ TRƯỞNG", "BÍ THƯ, CHỦ NHIỆM")
    assert meta.signer.position == "BÍ THƯ, CHỦ NHIỆM" and meta.confidence["signer.position"] == 0.4
    meta = _block("KT. THỦ TƯỚNG", "PHÓ THỦ TƯỚNG, BỘ TRƯỞNG")
    assert meta.signer.position == "PHÓ THỦ TƯỚNG, BỘ TRƯỞNG" and _sure(meta, "signer.position")


def test_the_kt_line_of_posts_held_together_is_kept_and_its_deputy_is_the_last_posts():
    meta = _block("KT. BỘ TRƯỞNG, CHỦ NHIỆM", "PHÓ CHỦ NHIỆM")
    assert meta.signer.authority == ["KT. BỘ TRƯỞNG, CHỦ NHIỆM"]
    assert meta.signer.position == "PHÓ CHỦ NHIỆM" and _sure(meta, "signer.position")
    # the post under the seal: the deputy of the last post held, not a 'PHÓ BỘ TRƯỞNG, CHỦ NHIỆM'
    meta = _block("KT. BỘ TRƯỞNG, CHỦ NHIỆM")
    assert meta.signer.position == "PHÓ CHỦ NHIỆM" and not _sure(meta, "signer.position")
    assert record_signer._deputy_post("BỘ TRƯỞNG, CHỦ NHIỆM") == "PHÓ CHỦ NHIỆM"
    assert record_signer._deputy_post("BỘ TRƯỞNG") == "THỨ TRƯỞNG"


@pytest.mark.parametrize("read", ["BỘ TRƯỞNG CHỦ NHIỆM", "BỘ TRƯỞNG. CHỦ NHIỆM", "BỘ TRƯỞNG; CHỦ NHIỆM",
                                  "BỘ TRƯỞNG: CHỦ NHIỆM"])
def test_two_known_posts_with_their_comma_lost_or_misread_are_joined_by_it_doubted(read):
    meta = _block(read)
    assert meta.signer.position == "BỘ TRƯỞNG, CHỦ NHIỆM" and not _sure(meta, "signer.position")
    assert any(d.field == "signer.position" and read in d.reason for d in meta.uncertain)


def test_the_concurrent_post_reader_takes_known_posts_only():
    assert record_signer._concurrent_parts("BỘ TRƯỞNG, CHỦ NHIỆM") == ["BỘ TRƯỞNG", "CHỦ NHIỆM"]
    assert record_signer._concurrent_parts("GIÁM ĐỐC, 2") is None
    assert record_signer._concurrent_parts("RỘ TRƯỞNG, CHỦ NHIỆM") is None
    assert record_signer._concurrent_parts("Bộ trưởng, Chủ nhiệm") is None
    assert record_signer._run_together("PHÓ CHỦ TỊCH THƯỜNG TRỰC") is None
    assert record_signer._run_together("PHÓ CHỦ TỊCH") is None
    assert record_signer._concurrent_parts("CHỦ TỊCH, CHỦ TỊCH") is None
    assert record_signer._concurrent_parts("GIÁM ĐỐC, PHÓ GIÁM ĐỐC") is None
    assert record_signer._concurrent_parts("THỨ TRƯỞNG, BỘ TRƯỞNG") is None
    assert record_signer._concurrent_parts("BÍ THƯ, CHỦ TỊCH", "CHỦ TỊCH") is None
    assert record_signer._concurrent_parts("BÍ THƯ, CHỦ TỊCH") == ["BÍ THƯ", "CHỦ TỊCH"]
    assert record_signer._concurrent_parts("BỘ TRƯỞNG, CHỦ NHIỆM ỦY BAN DÂN TỘG") is None  # no syllable: misread
    assert record_signer._run_together("CHỦ TỊCH PHÓ CHỦ TỊCH") is None


@pytest.mark.parametrize("block,post", [
    (["PHÓ CHỦ TỊCH THƯỜNG TRỰC"], "PHÓ CHỦ TỊCH THƯỜNG TRỰC"),
    (["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH THƯỜNG TRỰC"], "PHÓ CHỦ TỊCH THƯỜNG TRỰC"),
    (["TL. THỦ TƯỚNG", "VỤ TRƯỞNG VỤ PHÁP LUẬT"], "VỤ TRƯỞNG VỤ PHÁP LUẬT"),
    (["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "CHỦ TỊCH"),
])
def test_single_posts_stay_as_printed_and_certain(block, post):
    meta = _block(*block)
    assert meta.signer.position == post and _sure(meta, "signer.position")


@pytest.mark.parametrize("block,post,sure_words", [
    (["TL. THỦ TƯỚNG", "Ụ TRƯỞNG VỤ PHÁP LUẬT"], "VỤ TRƯỞNG VỤ PHÁP LUẬT", True),
    # the body's name read without its marks and spaces: the post known, the rest as read, doubted more
    (["TL. THỦ TƯỚNG", "Ụ TRƯƠNG PHAPLUAT"], "VỤ TRƯỞNG PHAPLUAT", False),
])
def test_a_known_post_its_first_letter_lost_before_its_bodys_name_is_that_post_doubted(block, post, sure_words):
    meta = _block(*block)
    assert meta.signer.position == post and not _sure(meta, "signer.position")
    assert (meta.confidence["signer.position"] >= 0.4) == sure_words
    assert record_signer._first_letter_lost(block[-1], False)[0] == "VỤ TRƯỞNG"
    assert record_signer._first_letter_lost(block[-1], True) is None  # no deputy's post


@pytest.mark.parametrize("block,post,sure", [
    (["TL. BỘ TRƯỞNG", "VỤ TRƯỞNG VỤ KHOA HỌC, CÔNG NGHỆ"], "VỤ TRƯỞNG VỤ KHOA HỌC, CÔNG NGHỆ", True),
    (["TL. THỦ TƯỚNG", "Ụ TRƯỞNG VỤ KHOA HỌC, CÔNG NGHỆ"], "VỤ TRƯỞNG VỤ KHOA HỌC, CÔNG NGHỆ", False),
    # spaced as no printed comma, or right after the post: a speck's, dropped and doubted
    (["VỤ TRƯỞNG VỤ KHOA HỌC ,CÔNG NGHỆ"], "VỤ TRƯỞNG VỤ KHOA HỌC CÔNG NGHỆ", False),
    (["PHÓ CHỦ TỊCH, UBND"], "PHÓ CHỦ TỊCH UBND", False),
])
def test_a_bodys_own_comma_after_its_post_is_kept(block, post, sure):
    meta = _block(*block)
    assert meta.signer.position == post and _sure(meta, "signer.position") == sure


def test_too_little_of_a_post_is_still_none():
    meta = _block("TL. THỦ TƯỚNG", "TRƯƠNG")
    assert meta.signer.position is None


def _line(text: str, x0: float, y0: float, x1: float, h: float = 36) -> Line:
    return Line(text=text, bbox=(x0, y0, x1, y0 + h), block=1, role="body", conf=95.0)


def _page(lines: list[Line]) -> Document:
    text = "\n".join(line.text for line in lines)
    page = Page(number=1, text=text, source="ocr", width=1654, height=2339, dpi=200, lines=lines, start=0, end=len(text))
    return Document(source=Source(path="t.pdf", sha256=hashlib.sha256(text.encode()).hexdigest(), kind="pdf-scanned",
                                  pages=1), text=text, pages=[page])


@pytest.mark.parametrize("text,x1,label", [
    ("Nơi-nhận:", 377, True), ("Nơi.nhận: - Như trên;", 640, True),
    ("Nơi-nhận", 377, False),  # no colon: a word of the body as often
    ("Nơi-nhận:", 1400, False),  # the right half: no label stands there
])
def test_the_recipients_label_with_a_sign_for_its_space(text, x1, label):
    from vnresolve.parsers.record_labels import _recipients_label
    from vnresolve.parsers.regions import Run

    assert bool(_recipients_label(Run(text, 236, 920, x1, 956, 95.0, ((text, 95.0),)), 1654)) == label


@pytest.mark.parametrize("label", ["Nơi-nhận:", "Nơi nhận:"])
def test_a_label_with_a_sign_for_its_space_sets_the_foots_top_level_with_the_post(label):
    # a skewed page: the post stands level with the label, above the first item
    lines = [_line("CHÍNH PHỦ", 300, 150, 600), _line("Số: 12/VPCP-PL", 250, 250, 640),
             _line("V/v thực hiện chế độ báo cáo", 240, 300, 700),
             _line("Các bộ, cơ quan ngang bộ thực hiện chế độ báo cáo định kỳ đúng hạn và đầy đủ.", 240, 700, 1530),
             _line(label, 236, 920, 377), _line("BỘ TRƯỞNG, CHỦ NHIỆM", 964, 923, 1435),
             _line("- Các bộ, cơ quan ngang bộ;", 256, 967, 640),
             # an item past the page's middle: the list's left column breaks above it
             _line("- VPCP: BTCN, các PCN, Trợ lý TTg, TGĐ Cổng", 237, 1010, 855),
             _line("TTĐT, các Vụ, Cục;", 236, 1055, 486), _line("- Lưu: VT, PL.", 237, 1100, 430),
             _line(NAME, 1060, 1138, 1340)]
    meta = parsers.parse(_page(lines)).metadata
    assert meta.signer.position == "BỘ TRƯỞNG, CHỦ NHIỆM" and meta.signer.name == NAME
    assert meta.recipients == ["Các bộ, cơ quan ngang bộ", "VPCP: BTCN, các PCN, Trợ lý TTg, TGĐ Cổng TTĐT, các Vụ, Cục",
                               "Lưu: VT, PL"]
