"""Behaviour of the shipped diacritic restorer (diacritics/, model committed in diacritics/model/)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fixtures.paths import REALSCANS, needs_realscans
from vnresolve.diacritics import load_restorer, restorer_label
from vnresolve.diacritics.restorer import RESTORERS
from vnresolve.diacritics.vntext import normalize_tone, strip_accents

ROOT = Path(__file__).resolve().parent.parent
SKELETON = r"[\w&¢€]+"  # word characters, plus the symbols mangled OCR puts for letters ('x&' = xã)


@pytest.fixture(scope="module")
def restorer():
    return load_restorer("default")


def words(text: str) -> list[str]:
    return [normalize_tone(w) for w in re.findall(r"[^\W_]+", text)]


def agreement(hyp: str, ref: str) -> float:
    h, r = words(hyp), words(ref)
    assert len(h) == len(r)
    return sum(a == b for a, b in zip(h, r)) / len(r)


# Sentences written for these tests (not taken from the evaluation seeds 000/001).
CLEAN = [
    "Ủy ban nhân dân tỉnh ban hành kế hoạch thực hiện chương trình phát triển kinh tế - xã hội năm 2026.",
    "Hội đồng nhân dân huyện tổ chức kỳ họp thứ hai để thông qua dự toán ngân sách địa phương.",
    "Các cơ quan, đơn vị có trách nhiệm báo cáo kết quả thực hiện trước ngày 15 tháng 12.",
    "Ban Thường vụ Tỉnh ủy chỉ đạo tăng cường công tác kiểm tra, giám sát đối với tổ chức đảng.",
    "Người lao động được bảo đảm quyền lợi theo quy định của pháp luật về bảo hiểm xã hội.",
]


def test_default_is_the_real_model_and_loads_from_the_repository(restorer):
    assert restorer.name != "passthrough"
    for name in ("lm.json", "channel.json", "tri_keys.npy", "bi_keys.npy", "cap_lp.npy", "README.md"):
        assert (ROOT / "diacritics" / "model" / name).is_file(), name
    code = "from vnresolve.diacritics import load_restorer; print(load_restorer().restore('Nghi quyet so 5').text)"
    env = {"PATH": "/usr/bin:/bin", "VNRESOLVE_SHARED": "/nonexistent"}  # the installed package, no checkout on the path
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd="/", env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "Nghị quyết số 5"


@pytest.mark.parametrize("sentence", CLEAN)
def test_accent_stripped_sentences_are_restored(restorer, sentence):
    stripped = strip_accents(sentence)
    assert agreement(restorer.restore(stripped).text, sentence) >= 0.85


@pytest.mark.parametrize("sentence", CLEAN)
def test_clean_text_comes_back_unchanged(restorer, sentence):
    result = restorer.restore(sentence)
    assert result.text == sentence
    assert result.changes == []


@pytest.mark.parametrize("name", ["default", "fast"])
def test_decomposed_accents_are_read_as_the_composed_text(name):
    import unicodedata

    r = load_restorer(name)
    text = CLEAN[3] + " " + strip_accents(CLEAN[0])
    nfd = unicodedata.normalize("NFD", text)
    assert nfd != text
    expected = r.restore(text).text
    assert r.restore(nfd).text == expected and r.restore_text(nfd) == expected
    assert r.restore_pages([nfd, nfd])[1].text == r.restore_pages([text, text])[1].text
    assert CLEAN[3] in expected


@pytest.mark.parametrize(
    ("mangled", "expected"),
    [
        ("Ban Chép hanh Pang bd huyén hop phién thu 5", "Ban Chấp hành Đảng bộ huyện họp phiên thứ 5"),
        ("Nghi quyét Pai hoi Pang bd x4 lan thir nhat", "Nghị quyết Đại hội Đảng bộ xã lần thứ nhất"),
        ("nang cao chét luong doi séng ctia Nhén dan", "nâng cao chất lượng đời sống của Nhân dân"),
        ("t6 chirc thuc hién c6 hiéu qua cac nhiém vu", "tổ chức thực hiện có hiệu quả các nhiệm vụ"),
    ],
)
def test_english_model_ocr_damage_is_repaired(restorer, mangled, expected):
    assert agreement(restorer.restore(mangled).text, expected) >= 0.8


def at(text: str, out: str, original: str) -> str:
    """The restored word where `original` stood: restoration keeps every word in its place, so the
    n-th word of the output is the n-th of the input (a token moved or merged fails here)."""
    words, restored = text.split(), out.split()
    assert len(restored) == len(words)
    return restored[words.index(original)]


def test_protected_tokens_are_left_alone(restorer):
    text = ("Thuc hién Nghi quyét s6 57-NQ/TW va Két luan 04-NQ/TU; GRDP tang 8,5%, von FDI dat 120 triéu USD, "
            "OCOP 3 sao, xem https://dienbien.gov.vn/van-ban?id=12 truéc ngay 31/12/2025, giai doan XIV.")
    out = restorer.restore(text).text
    for token in ("57-NQ/TW", "04-NQ/TU;", "GRDP", "8,5%,", "FDI", "120", "USD,", "OCOP",
                  "https://dienbien.gov.vn/van-ban?id=12", "31/12/2025,", "XIV."):
        assert at(text, out, token) == token


def test_mangled_hdnd_becomes_hdnd_with_d_bar(restorer):
    text = "dai biéu HDND cac cép va UBND tinh"
    out = restorer.restore(text).text
    assert (at(text, out, "HDND"), at(text, out, "UBND")) == ("HĐND", "UBND")


def test_line_breaks_spacing_and_punctuation_are_preserved(restorer):
    text = "  Nghi quyet   so 5,\n\tve  phat trien (kinh te)!\n\n- Muc tieu:  tang truong;\r\nxa hoi…  \n"
    out = restorer.restore(text).text
    assert re.sub(SKELETON, "W", out) == re.sub(SKELETON, "W", text)


def test_context_flows_across_a_line_break(restorer):
    out = restorer.restore("Ban Chap hanh Dang bo\ntinh ban hanh nghi quyet").text
    assert out.splitlines()[1].startswith("tỉnh")


def test_one_tone_placement_style(restorer):
    out = restorer.restore("hoà bình, thuỷ lợi, khoẻ mạnh").text
    assert out == "hòa bình, thủy lợi, khỏe mạnh"


def test_change_offsets_point_at_restored_tokens(restorer):
    text = "Nghi quyét Pai hoi Pang bd tinh, ngay 05/12/2025 ve x& hoi va phat trién kinh té"
    result = restorer.restore(text)
    assert result.changes
    for c in result.changes:
        assert result.text[c.start:c.end] == c.restored
        assert c.original != c.restored
        assert 0.0 <= c.confidence <= 1.0
        assert c.restored not in c.alternatives


def test_restoration_is_deterministic(restorer):
    text = " ".join(strip_accents(s) for s in CLEAN)
    code = f"from vnresolve.diacritics.ngram import NgramRestorer; print(NgramRestorer().restore({text!r}).text)"
    fresh = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert fresh.stdout.rstrip("\n") == restorer.restore(text).text


@pytest.mark.parametrize(
    "garbage",
    ["", "   \n\n", bytes(range(256)).decode("latin-1"), "a" * 200_000, "Привет мир 你好 مرحبا xin chao ☃ \x00\x07",
     "||||| ::: ''' “” ...", "0123456789 " * 500, "&" * 200_000],
)
def test_garbage_in_returns_promptly_with_input_preserved_where_not_improvable(restorer, garbage):
    out = restorer.restore(garbage).text
    assert re.sub(SKELETON, "W", out) == re.sub(SKELETON, "W", garbage)
    if not re.search(r"[a-zA-Z]{1,8}", garbage):
        assert out == garbage


_vocab = st.sampled_from(["nghi", "quyet", "Dang", "bo", "tinh", "2025", "04-NQ/TU", "x&", "t6", "HDND", "XIV",
                          "kinh", "te", "xa", "hoi", "Đảng", "năm", "GRDP", "https://a.vn/x", "chirc", "ctia"])
_sep = st.sampled_from([" ", "  ", "\n", "\n\n", ", ", ". ", "; ", "\t", " - ", " (", ") ", ": "])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(_vocab, _sep), min_size=1, max_size=25))
def test_only_word_letters_ever_change(restorer, parts):
    text = "".join(w + s for w, s in parts)
    result = restorer.restore(text)
    assert re.sub(SKELETON, "W", result.text) == re.sub(SKELETON, "W", text)
    assert result.text.count("\n") == text.count("\n")
    for c in result.changes:
        assert result.text[c.start:c.end] == c.restored
    assert restorer.restore(text).text == result.text


def test_clean_paragraph_inside_a_mangled_file_is_trusted(restorer):
    mangled = ("Nghi quyét Pai hoi Pang bd tinh lan thir XV, nhiém ky 2025 - 2030 da x4c dinh cac muc tiéu, "
               "chi tiéu chu yéu vé phat trién kinh té - x& hoi, bao dam qudc phong, an ninh va xay dung Pang.")
    clean = ("Ông Lò Văn Thanh, Bí thư Đảng ủy xã, phát biểu tại hội nghị tổng kết công tác năm và triển khai "
             "nhiệm vụ năm tới; các đồng chí trong Ban Thường vụ đã thống nhất với báo cáo của Văn phòng.")
    result = restorer.restore(mangled + "\n\n" + clean)
    assert result.text.split("\n\n")[1] == clean
    assert "Đảng" in result.text.split("\n\n")[0]


def test_foreign_words_are_left_alone(restorer):
    text = "Theo báo cáo của Ngân hàng Thế giới, Übersicht über die Wirtschaft và naïve Bayes được dùng."
    out = restorer.restore(text).text
    for word in ("Übersicht", "über", "naïve"):
        assert word in out


@pytest.mark.parametrize("sentence", [
    "Người dân trong vùng dùng ghe để đi lại vào mùa nước nổi.",
    "Bà con chuyển từ trồng lúa sang trồng cây ăn quả.",
    "Tuần sau đoàn đại biểu của tỉnh sẽ sang thăm và làm việc với các địa phương của nước bạn.",
    "Nhà máy làm việc ba ca mỗi ngày, công nhân ca đêm được hưởng phụ cấp theo quy định.",
])
def test_clean_unmarked_syllables_are_not_over_corrected(restorer, sentence):
    """In clean text a valid unmarked syllable (ghe, con, sang, ca) is what the author wrote,
    even where the LM prefers a marked neighbour (ghế, còn, sáng, cả)."""
    result = restorer.restore(sentence)
    assert result.text == sentence and result.changes == []


def test_table_header_abbreviations_are_kept(restorer):
    text = "Bảng 2. Kết quả thực hiện các chỉ tiêu\nTT Nội dung Đơn vị tính Kết quả\n1 Tổng sản phẩm tỷ đồng 120"
    assert restorer.restore(text).text == text
    mangled = "Bang 2. Két qua thuc hién cac chi tiéu\nTT Ndi dung Don vi tinh Két qua\nSTT Chi tiéu"
    out = restorer.restore(mangled).text
    assert "\nTT " in out and "\nSTT " in out


def test_lone_digit_or_ampersand_between_words_of_mangled_ocr_is_read_as_a_word(restorer):
    """English-model OCR reads 'ở' as '6' or '&'; between two words of mangled text it is a word."""
    out = restorer.restore("Hién nay cac hd dan sinh séng 6 khu vuc bién gidi con gap nhiéu khé khan vé "
                           "nha 6 va viéc lam. Ban chi dao da kiém tra tinh hinh & dia ban xa.").text
    assert "6" not in out and "&" not in out
    assert out.count("ở") >= 2


def test_digit_between_words_of_mangled_ocr_is_a_word_beside_capitalised_and_digit_mangled_words(restorer):
    """English-model OCR capitalises a word ('Tir' = Từ) and writes marked letters as digits ('s6ng' =
    sống): such neighbours still make a digit between them a word ('46' = đó, '6' = có); a number
    after an article's or a chapter's name, or before a count, stays a number."""
    out = restorer.restore("Gia dinh ong sinh s6ng 6 Da Nang tir nim 1990. Khi 6 du diéu kién, don vi lap hd so. "
                           "Tir 46 mdi trién khai. Theo quy dinh tai Diéu 6 Luat Dat dai, Chuong 6 Luat nay "
                           "va Phu luc 14 Bao cao, Ban chi dao da kiém tra 14 xa.").text
    assert "sống ở Đà Nẵng" in out and "Khi có đủ" in out and "Từ đó mới" in out
    assert "Điều 6 Luật" in out and "Chương 6 Luật" in out and "Phụ lục 14 Báo cáo" in out and "kiểm tra 14 xã" in out


def test_digit_after_a_title_case_word_before_capitals_is_a_headings_number(restorer):
    """A digit before a word in capitals is a word after a small word ('sống 6 UBND xã' = ở) but a
    heading's or an article's number after a title-case one ('Mục 6 QUY ĐỊNH', 'Chương 6 UBND')."""
    out = restorer.restore("Cac don vi thuc hién theo Muc 6 QUY DINH chung va Chuong 6 UBND xa, phu luc 6 BCĐ tinh, "
                           "tiép tuc thuc hién. Gia dinh ong sinh s6ng 6 UBND xa tir nim 1990.").text
    assert "6 QUY ĐỊNH" in out and "Chương 6 UBND" in out and "sống ở UBND" in out


def test_capital_that_english_ocr_misread_inside_a_sentence_is_written_small(restorer):
    """English-model OCR reads small x, s, v, u, o as capitals ('sap Xép', 'day Ui'): inside a
    sentence of mangled OCR such a word is written small where its reading is rarely capitalised
    (xếp, với, lùi); a document's name, a named campaign and a place keep their capitals, and
    clean text is left as written."""
    out = restorer.restore("Ban chi dao tiép tuc sap Xép t6 chirc bd may, day manh san Xuat nong nghiép va Xét "
                           "duyét hd so Véi cac don vi trong tinh. Cac xa thuc hién nghiém Chi thi s6 05-CT/TW va "
                           "mo Cuoc van dong lén, huyén Xiéng Kho da day Ui tinh trang vi pham.").text
    assert "sắp xếp" in out and "sản xuất" in out and "và xét" in out and "sơ với" in out and "đẩy lùi" in out
    assert "Chỉ thị" in out and "Cuộc vận động" in out and "huyện Xiềng Kho" in out
    clean = "Nhà xuất bản đã in cuốn sách Về nguồn của tác giả và Xuân Quỳnh."
    assert restorer.restore(clean).text == clean


def test_ampersand_in_clean_text_is_kept(restorer):
    text = "Trung tâm Nghiên cứu & Phát triển của trường đã công bố báo cáo năm."
    assert restorer.restore(text).text == text


def test_lone_symbols_that_ocr_reads_for_o_and_y_between_words_of_mangled_ocr_are_words(restorer):
    """English-model OCR reads a lone 'ở' as '@' or '¢' and a lone 'ý' as '¥' too: between two words
    of mangled text they are words; in clean text they stay as written."""
    out = restorer.restore("Ban chi dao da té chitc lay ¥ kién cla can bd, cong chitc lam viéc @ dia phuong "
                           "va cac don vi ¢ co s6 vé ké hoach phat trién kinh té - xa hdi nim 2026.").text
    assert "lấy ý kiến" in out and "việc ở địa phương" in out and "vị ở cơ sở" in out
    clean = "Giá niêm yết là 5 ¢ và 3 ¥, gửi thư về địa chỉ @ của trường."
    assert restorer.restore(clean).text == clean


def test_symbols_ocr_puts_inside_words_for_marked_letters_keep_the_word_whole(restorer):
    """'nh§n' = nhận and 'du’ong' = đường: English-model OCR's symbols for a marked letter or a horn,
    inside a word, do not cut it in two; a curly apostrophe gluing two capital words splits them."""
    text = ("Hdi déng da nh§n xét bao cao va théng nhat du’ong Iéi phat trién kinh té - xa hdi cla tinh nim 2026.\n"
            "QUY DINH VE QUYEN SU’DUNG DAT CUA HO GIA DINH")
    out = restorer.restore(text).text
    assert "nhận xét" in out and "đường lối" in out and "QUYỀN SỬ DỤNG ĐẤT" in out


def test_confidence_reads_the_words_after(restorer):
    """'dong' in 'cac dong chi' is đồng because of the 'chí' after it: the reported confidence
    (the word given the readings chosen on both sides) says so; the beam's forward posterior,
    which sees only the words before ('các đồng' / 'các dòng' / 'các động'), does not. That
    forward value stays available (forward=True) for the training's thresholds."""
    text = "cac dong chi da the hien"
    both = {w.text: (r, c) for w, r, c, _a in restorer.decode(text, all_confidences=True)}
    left = {w.text: (r, c) for w, r, c, _a in restorer.decode(text, all_confidences=True, forward=True)}
    assert both["dong"][0] == left["dong"][0] == "đồng"
    assert both["dong"][1] >= 0.95 > left["dong"][1]
    change = next(c for c in restorer.restore(text).changes if c.original == "dong")
    assert change.confidence == both["dong"][1]


def test_a_reading_the_words_after_chose_keeps_a_real_confidence(restorer):
    """'ket sat' is két sắt (a safe) only because of the 'sat' after it: the left context gives
    két a forward posterior far below the confidence floor. Candidates that low are left out of the
    two-sided probabilities to save time, but never the chosen reading (it had come out at 0)."""
    text = "Bangkok la mot thanh pho noi tieng ve ket sat."
    left = {w.text: c for w, _r, c, _a in restorer.decode(text, all_confidences=True, forward=True)}
    assert left["ket"] < restorer.config.confidence_floor
    change = next(c for c in restorer.restore(text).changes if c.original == "ket")
    assert change.restored == "két"
    assert change.confidence > 0.5


def test_confidences_are_probabilities_over_the_alternatives(restorer):
    for text in ["Nghi quyét Pai hoi Pang bd tinh lan thir XV da x4c dinh cac muc tiéu",
                 "toi di hoc o truong lang, nam 2025 la nam thu ba"]:
        for change in restorer.restore(text).changes:
            assert 0.0 <= change.confidence <= 1.0
            assert change.restored not in change.alternatives


def test_restore_text_is_the_restored_text(restorer):
    """restore_text (what `vnresolve restore` prints) is restore(...).text without the records."""
    from vnresolve.diacritics import load_restorer as load

    texts = CLEAN[:3] + [strip_accents(s) for s in CLEAN[:3]] + [
        "Nghi quyét Pai hoi Pang bd tinh lan thir XV da x4c dinh cac muc tiéu chu yéu, ctia Nhén dan.",
        "", "   \n\n", "57-NQ/TW ngày 12/3/2024"]
    for text in texts:
        assert restorer.restore_text(text) == restorer.restore(text).text
        assert load("passthrough").restore_text(text) == text


def test_fi_ligature_for_a_marked_vowel_is_restored(restorer):
    """Tesseract's 'ﬁ' ligature stands for one heavily marked vowel in mangled OCR."""
    text = ("Cac chi bd tap trung chi dao trién khai d\ufb01y du cac nghi quyét c\ufb01a Pang, "
            "bao dam tién d6 g\ufb01n voi chét luong.")
    out = restorer.restore(text).text
    assert "\ufb01" not in out
    assert (at(text, out, "c\ufb01a"), at(text, out, "Pang,")) == ("của", "Đảng,")


def test_d_bar_read_as_bp_becomes_d_bar(restorer):
    """English-model OCR can read Đ as two letters, B and P ('BPANG BO TiNH' in the restoration
    issue): a 'bp' start, which no Vietnamese syllable has, is read as Đ."""
    text = ("Nghi quyét Pai hoi Pang bd tinh lan thir XV da x4c dinh cac muc tiéu chu yéu, nang cao chét luong "
            "doi séng ctia Nhén dan.\n\nBPANG BO TiNH DIEN BIEN\n\nBpang bd tinh lanh dao thuc hién.")
    paragraphs = restorer.restore(text).text.split("\n\n")
    assert paragraphs[1] == "ĐẢNG BỘ TỈNH ĐIỆN BIÊN"
    assert paragraphs[2].startswith("Đảng bộ tỉnh lãnh đạo ")


def test_fi_ligature_in_clean_text_is_kept(restorer):
    text = "Trung tâm tổ chức hội thảo về quy trình \ufb01nance cho doanh nghiệp."
    assert restorer.restore(text).text == text


def test_letter_digits_inside_mangled_words_are_restored(restorer):
    """'16p' = lớp, '16n' = lớn: English-model OCR digits inside a short lower-case word."""
    text = ("Phat huy vai tro cta cac tang 16p nhan dan trong viéc thyc hién cac chu truong "
            "16n cua Pang va Nha nuéc.")
    out = restorer.restore(text).text
    assert (at(text, out, "16p"), at(text, out, "16n")) == ("lớp", "lớn")


def test_a_digit_word_of_mangled_ocr_may_take_any_reading_the_channel_keeps(restorer):
    """'16' = tổ ranks tenth among the readings of '16' (lộ, lồ, lỗ, … first): the context decides."""
    text = ("Hién nay cac co quan, 16 chirc, doan thé cha xa da tich cuc tham gia phong trao thi dua nim 2026.\n"
            "Ban chi dao da phéi hgp vdi cac 16 chirc chinh tri - xa hdi dé kiém tra tinh hinh dia ban.")
    out = restorer.restore(text).text
    assert out.count("tổ chức") == 2 and "16" not in out


def test_a_run_of_capitalised_words_in_mangled_ocr_reads_as_a_name(restorer):
    """Next to another title-case word, a capitalised OCR word is mostly part of a name, so its
    readings' chance of being written so counts: Lâm (not làm), Thanh (not thành), Dạ (not đã)."""
    text = ("Thuc hién nghi quyét, déng chi Lam Thi Hoa va déng chi Lé Van Thanh da dén du hdi nghi tai xa.\n"
            "Tai hdi nghi, ba Lam Thi My Da phat biéu vé cong tac can bd cha dia phuong nim 2026.")
    out = restorer.restore(text).text
    assert "Lâm Thị Hoa" in out and "Lê Văn Thanh" in out and "Lâm Thị Mỹ Dạ" in out


def test_a_lone_capitalised_word_of_mangled_ocr_is_not_read_as_a_name(restorer):
    """A capital alone inside OCR text is as often a mangled letter: its reading is left to the context."""
    text = "Cac dai biéu da thong nhat Igi cac ndi dung cla ké hoach phat trién kinh té - xa hdi nim 2026."
    assert at(text, restorer.restore(text).text, "Igi") in ("lại", "Lại")


def test_a_word_in_capitals_among_small_letters_of_mangled_ocr_is_title_case(restorer):
    """English-model OCR reads a marked small vowel as a capital ('NOi' = Nội, 'MGi' = Môi, 'MY' =
    Mỹ), so a word in capitals among words that are not is written in title case; read for an l, a
    capital I or a 1 starts a small word ('1A' = là)."""
    text = ("Cac dai biéu da hop tai Ha NOi dé thao luan ké hoach phat trién kinh té - xa hdi cla tinh nim 2026.\n"
            "Theo két luan cla SO Tai nguyén va MGi truong, cac don vj phai bao cao truéc ngay 15 thang 12.\n"
            "Diéu 5. NOi dung ké hoach giao rimg san xuat 1A rimg tréng cho hd gia dinh, ca nhan sir dung.")
    out = restorer.restore(text).text
    assert "Hà Nội" in out and "Sở Tài nguyên và Môi trường" in out
    assert "Nội dung" in out and "sản xuất là rừng" in out


def test_a_word_set_in_capitals_for_emphasis_in_mangled_ocr_stays_in_capitals(restorer):
    """A whole word of three letters or more in capitals ('KHONG', 'CAM') is set so, for emphasis:
    a misread vowel leaves a small letter beside it ('NOi') or makes a word of two ('MY')."""
    text = ("Cac dai biéu da hop dé thao luan ké hoach phat trién kinh té - xa hdi cla tinh nim 2026.\n"
            "Cac co quan KHONG duoc tu y thay déi ké hoach; nghiém CAM sir dung tai san cong sai muc dich.")
    out = restorer.restore(text).text
    assert "KHÔNG được" in out and "CẤM sử dụng" in out, out


def test_a_line_in_capitals_of_mangled_ocr_stays_in_capitals(restorer):
    """The same mangled capitals inside a line in capitals, or alone on their line, are capitals."""
    text = ("UY BAN NHAN DAN THANH PHO HA NOi\n"
            "Cac dai biéu da hop dé thao luan ké hoach phat trién kinh té - xa hdi cla thanh phé nim 2026.\n"
            "Noi nhan: T/M PANG UY\nNOi\n")
    out = restorer.restore(text).text
    assert "THÀNH PHỐ HÀ NỘI" in out and "T/M ĐẢNG ỦY" in out and out.splitlines()[3].isupper()


def test_two_capital_words_glued_by_a_horn_read_as_an_apostrophe_are_two_words(restorer):
    """English-model OCR reads the horn of Ư as an apostrophe, which can swallow the space after it:
    'SU'DUNG' = SỬ DỤNG. Inside one syllable ('THU'C' = THỰC) or in foreign words it splits nothing."""
    text = ("Cac dai biéu da hop dé thao luan ké hoach phat trién kinh té - xa hdi cla tinh nim 2026.\n"
            "QUYEN SU'DUNG DAT CUA HO GIA DINH VA CA NHAN\n"
            "GIOI THIEU NGUOI UNG CU'DAI BIEU HOI DONG NHAN DAN\n"
            "TO CHUC THU'C HIEN NGHI QUYET, the People's Committee")
    out = restorer.restore(text).text
    assert "QUYỀN SỬ DỤNG ĐẤT" in out and "ỨNG CỬ ĐẠI BIỂU" in out
    assert "TỔ CHỨC THỰC HIỆN" in out and "People's" in out


def test_an_acronym_or_numeral_inside_a_run_of_capitals_is_read_as_a_word(restorer):
    """'VI' and 'TU' spell a Roman numeral and an acronym (Tỉnh ủy), and also vị and từ, whose marks
    OCR lost: between words in capitals they are words; at a line's end or in a code they stay."""
    text = ("Cac dai biéu da hop dé thao luan ké hoach phat trién kinh té - xa hdi cla tinh nim 2026.\n"
            "CAC CO QUAN, DON VI O TRUNG UONG PHAI BAO CAO KET QUA\n"
            "VIEC BO PHIEU BAT DAU TU BAY GIO SANG\n"
            "CHUONG VI\n"
            "Can ct Nghi quyét sé 04-NQ/TU cla Ban Thudng vu Tinh dy.")
    out = restorer.restore(text).text
    assert "ĐƠN VỊ Ở TRUNG ƯƠNG" in out and "BẮT ĐẦU TỪ" in out
    assert "\nCHƯƠNG VI\n" in out and "04-NQ/TU" in out


def test_list_item_letters_are_kept_and_the_second_d_is_d_bar(restorer):
    """Legal texts letter their items a, b, c, d, đ, e: an item's letter is never a word ('a)' is not
    đã), and where OCR or accent stripping wrote đ as d, the second 'd)' in a row is đ)."""
    stripped = ("Dieu 10. Quyen cua chu rung\na) Duoc cap giay chung nhan;\nb) Duoc huong thanh qua lao dong;\n"
                "c) Duoc Nha nuoc bao ho;\nd) Duoc boi thuong khi Nha nuoc thu hoi dat;\n"
                "d) Duoc chuyen doi theo quy dinh;\ne) Cac quyen khac theo quy dinh cua phap luat.")
    out = restorer.restore(stripped).text
    assert [line[:2] for line in out.splitlines()[1:]] == ["a)", "b)", "c)", "d)", "đ)", "e)"]
    clean = "Điều 10.\nd) Được bồi thường;\nd) Được chuyển đổi."  # clean text: as written
    assert restorer.restore(clean).text == clean


def test_the_item_after_c_is_d_where_vie_ocr_read_it_as_d_bar(restorer):
    """Tesseract `vie` reads an item's 'd)' as 'đ)'; items run a, b, c, d, đ, e, so the item after a),
    b), c) is d), and the one after d) stays đ)."""
    ocr = ("a) Thuế, phí, lệ phí;\n\nb) Các khoản vay;\n\nc) Quỹ dự trữ tài chính của địa phương;\n\n"
           "đ) Vàng do cơ quan nhà nước quản lý;\n\nđ) Các tài sản khác theo quy định;\n\ne) Các khoản thu hợp pháp khác.")
    out = restorer.restore(ocr).text
    assert [line[:2] for line in out.splitlines() if line] == ["a)", "b)", "c)", "d)", "đ)", "e)"]


def test_an_item_before_another_d_bar_is_d(restorer):
    """A list has one đ): where `vie` OCR read two in a row, the first is d), also where the page opens
    inside the list, without its a)."""
    ocr = ("b) Tiền gửi tại các tổ chức tín dụng trong nước;\n\nc) Trái phiếu do Chính phủ phát hành;\n\n"
           "đ) Kim loại quý do cơ quan nhà nước quản lý;\n\nđ) Các khoản phải thu khác theo quy định.")
    out = restorer.restore(ocr).text
    assert [line[:2] for line in out.splitlines() if line] == ["b)", "c)", "d)", "đ)"]


def test_a_d_bar_after_d_or_opening_a_quoted_point_stays_before_another(restorer):
    """Two đ) in a row: the first is d) only after c); after d) it is the printed đ), and an
    amendment's quoted point đ) of one clause followed by the same point of the next stays đ)."""
    after_d = ("a) Tiền gửi tại các tổ chức tín dụng;\n\nb) Trái phiếu do Chính phủ phát hành;\n\nc) Cổ phiếu niêm yết;\n\n"
               "d) Kim loại quý do cơ quan nhà nước quản lý;\n\nđ) Các khoản phải thu khác;\n\nđ) Các tài sản khác.")
    out = restorer.restore(after_d).text
    assert [line[:2] for line in out.splitlines() if line] == ["a)", "b)", "c)", "d)", "đ)", "đ)"]
    quoted = ("Sửa đổi điểm đ khoản 1 như sau:\n\nđ) Kim loại quý do cơ quan nhà nước quản lý;\n\n"
              "Khoản 2 được sửa đổi như sau:\n\nđ) Các khoản phải thu khác theo quy định.")
    out = restorer.restore(quoted).text
    assert [line[:2] for line in out.splitlines() if line[1:2] == ")"] == ["đ)", "đ)"]


def test_a_list_that_skips_letters_keeps_its_d_bar(restorer):
    """An amendment repeats only the points it changes ('c) …', 'đ) …'): a list that starts at c) or
    skips a letter is not the run a, b, c, so its đ) is the printed one."""
    skipped = ("Khoản 2 Điều 5 được sửa đổi như sau:\na) Chi đầu tư phát triển;\nc) Chi trả nợ lãi;\n"
               "đ) Chi bổ sung quỹ dự trữ tài chính.")
    from_c = ("1. Sửa đổi, bổ sung điểm c và điểm đ khoản 1 Điều 3 như sau:\nc) Chi trả nợ lãi;\n"
              "đ) Chi bổ sung quỹ dự trữ tài chính.")
    for text in (skipped, from_c):
        assert restorer.restore(text).text == text


def test_a_d_item_in_the_next_clause_is_no_second_d(restorer):
    """An amending text quotes point d of one clause, then point d of another: each is a 'd)', the
    items of two lists, not the item after d."""
    stripped = ("1. Sua doi diem d khoan 2 Dieu 3 nhu sau:\nd) Bao cao ket qua thuc hien hang quy;\n"
                "2. Sua doi diem d khoan 1 Dieu 8 nhu sau:\nd) Lap ke hoach hang nam.\n"
                "Dieu 2. Hieu luc thi hanh\nd) Cac truong hop khac.")
    out = restorer.restore(stripped).text
    assert [line[:2] for line in out.splitlines() if line[1:2] == ")"] == ["d)", "d)", "d)"], out


def test_words_with_ocr_digits_3_and_8_are_candidates_but_units_are_not():
    """'18p' = lập, '13nh' = lãnh (seed 002-004 habits: 3 and 8 for marked vowels), but m3, km2,
    5g are units or technology names and stay protected."""
    from vnresolve.diacritics.tokens import words

    by_text = {w.text: w for w in words("thanh 18p, 13nh dao; 50 m3, 4 km2, mang 5g va co2")}
    assert by_text["18p"].bare_number and by_text["13nh"].bare_number
    for unit in ("m3", "km2", "5g", "co2"):
        assert not by_text[unit].bare_number, unit


def test_measurements_with_units_survive_mangled_ocr(restorer):
    text = "Xay dung hé thdng cap nudc 500 m3 mdi ngay, dién tich 12 km2 cho cac xa ving sau."
    out = restorer.restore(text).text
    assert [at(text, out, t) for t in ("500", "m3", "12", "km2")] == ["500", "m3", "12", "km2"]


def test_measurements_and_codes_with_digits_are_kept(restorer):
    text = "Tuyén dudng dai 89km, dién tich 38ha, ma s6 A12-B34, phién ban 4G va 5G dugc trién khai."
    out = restorer.restore(text).text
    for token in ("89km,", "38ha,", "A12-B34,", "4G", "5G"):
        assert at(text, out, token) == token


def test_roman_numerals_with_ocr_digits_are_repaired(restorer):
    out = restorer.restore("Nghi quyét Pai hoi Pang bd tinh lan thir X111, nhiém ky 2020 - 2025; "
                           "Phan I1 va muc XVI1 cua Pang bd.").text
    for numeral in ("XIII", "II", "XVII"):
        assert re.search(rf"\b{numeral}\b", out), numeral
    for token in ("X111", "I1", "XVI1"):
        assert token not in out


def test_codes_that_look_like_numerals_are_kept():
    from vnresolve.diacritics.tokens import roman_repair

    assert roman_repair("X1V") == "XIV"
    for token in ("L1", "C1", "Il", "11", "X1A", "VIII"):
        assert roman_repair(token) is None, token


def test_d_bar_read_as_b_is_restored_in_mangled_text(restorer):
    """English-model OCR reads Đ as P and also as B ('Ban Thuong vu Bang uy' = Đảng ủy)."""
    text = ("Ban Thuong vu Bang uy chi dao cac chi bd tap trung lanh dao, quén triét "
            "nghi quyét cua Pai hoi Pang bd tinh lan thir XV.")
    out = restorer.restore(text).text
    assert (at(text, out, "Bang"), at(text, out, "uy")) == ("Đảng", "ủy")


def test_two_letter_b_words_are_not_read_as_d_bar(restorer):
    out = restorer.restore("Ké hoach néu “Ba can - Ba khong” trong cong tac can bd, Ba nhiém vu trong tam.").text
    assert "Đ" not in out


@pytest.mark.parametrize("stripped, expected", [
    ("Tinh uy Dien Bien", "Tỉnh ủy Điện Biên"),  # not "diễn biến", the common word it strips to
    ("TINH UY DIEN BIEN", "TỈNH ỦY ĐIỆN BIÊN"),
    ("Hoi dong nhan dan tinh Quang Tri", "Hội đồng nhân dân tỉnh Quảng Trị"),
    ("Thanh uy Da Nang", "Thành ủy Đà Nẵng"),
    ("Dien Bien, ngay 05 thang 12 nam 2025", "Điện Biên, ngày 05 tháng 12 năm 2025"),  # the place-and-date line
    ("Tinh uy Dak Lak", "Tỉnh ủy Đắk Lắk"),  # the Central Highlands' '-ắk'
])
def test_a_body_named_with_its_province_reads_as_the_place(restorer, stripped, expected):
    assert restorer.restore(stripped).text == expected


def test_the_common_word_a_place_name_strips_to_still_reads_as_the_word(restorer):
    assert restorer.restore("tinh hinh dien bien phuc tap").text == "tình hình diễn biến phức tạp"


def test_place_sentences_name_every_body_of_every_place():
    from vnresolve.diacritics.places import data_lines
    from training.train import place_sentences

    places, bodies = data_lines("provinces.txt"), data_lines("place_bodies.txt")
    sents = place_sentences()
    assert len(sents) == len(places) * len(bodies)
    assert ["tỉnh", "ủy", "điện", "biên"] in sents
    assert ["thành", "ủy", "đà", "nẵng"] in sents and ["tỉnh", "ủy", "đà", "nẵng"] not in sents
    assert ["ủy", "ban", "nhân", "dân", "thành", "phố", "hồ", "chí", "minh"] in sents
    assert ["tỉnh", "ủy", "bà", "rịa", "vũng", "tàu"] in sents  # the hyphen is no word


def test_stored_inventory_is_the_filter_over_the_shipped_vocabulary():
    """model/inventory.npy saves load time; it must be exactly what the filter would give."""
    import json

    import numpy as np

    from vnresolve.diacritics import config
    from vnresolve.diacritics.ngram import MODEL_DIR, inventory_syllables

    meta = json.loads((MODEL_DIR / "lm.json").read_text(encoding="utf-8"))
    stored = [meta["vocab"][i] for i in np.load(MODEL_DIR / "inventory.npy").tolist()]
    assert stored == inventory_syllables(meta["vocab"], meta["counts"], config.load(MODEL_DIR).min_inventory_count)
    assert "quyết" in stored and "đảng" in stored


@pytest.mark.parametrize("name", RESTORERS)
def test_a_restorers_label_is_known_without_loading_it(name):
    # the batch's version key needs the name; loading the model for it cost every run ~1 s
    assert restorer_label(name) == load_restorer(name).name
    code = ("import sys; from vnresolve.pipeline.version import version_key; from vnresolve.pipeline.options import PipelineOptions; "
            f"key = version_key(PipelineOptions(restorer={name!r})); "
            "print(key, 'vnresolve.diacritics.ngram' in sys.modules, 'numba' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    key, ngram_loaded, numba_loaded = out.stdout.split()
    assert f"restorer={restorer_label(name)}" in key
    assert (ngram_loaded, numba_loaded) == ("False", "False")


def test_sentences_decoded_in_small_batches_read_the_same(restorer, monkeypatch):
    """The compiled beam takes a page's sentences in batches (decoder.DECODE_BATCH candidates): where
    the batches are cut must not change a reading or a confidence."""
    from vnresolve.diacritics import decoder

    text = ("Nghi quyét Pai hoi Pang bd tinh lan thir XV. Ban Chép hanh Pang bd huyén hop phién thu 5; "
            "so 57-NQ/TW, 120 triéu USD. HDND va UBND tinh.\n\nTinh hinh kinh te xa hoi tiep tuc phat trien.")
    whole = restorer.restore(text)
    monkeypatch.setattr(decoder, "DECODE_BATCH", 24)
    cut = restorer.restore(text)
    assert cut.text == whole.text
    assert [(c.start, c.restored, c.confidence, c.alternatives) for c in cut.changes] == \
        [(c.start, c.restored, c.confidence, c.alternatives) for c in whole.changes]


def test_the_highlands_rime_ak_is_a_syllable_and_no_other_rime_ends_in_k():
    from vnresolve.diacritics.syllables import is_syllable

    assert is_syllable("đắk") and is_syllable("lắk")
    assert not any(is_syllable(w) for w in ("dak", "đăk", "ek", "back", "book", "ok", "đấk"))


def test_a_restoration_does_not_depend_on_the_thread_or_on_what_ran_before(restorer):
    # OpenBLAS's float32 products differ in their last bits between one thread and two, and
    # threadpoolctl lets only the first thread that limited OpenBLAS limit it again: the neural
    # scorer's one-thread block must hold on any thread, whatever other threads did first
    import threading

    text = ("Nghi quyet cua Ban Chap hanh Dang bo tinh ve muc tieu, nhiem vu phat trien kinh te xa hoi "
            "nam nam toi va cac giai phap chu yeu de thuc hien thang loi nghi quyet dai hoi")
    on_main = restorer.restore(text)
    scorer = restorer.passes.scorer()
    seen = {}

    def on_a_thread():
        seen["result"] = restorer.restore(text)
        with scorer._one_blas_thread():
            seen["threads"] = [lib.num_threads for lib in scorer._blas]

    worker = threading.Thread(target=on_a_thread)
    worker.start()
    worker.join()
    assert all(n == 1 for n in seen["threads"])
    assert seen["result"] == on_main


def test_the_decoders_numbers_come_from_the_model_folder(tmp_path):
    """model/decoder.json holds every tuned number (config.DecoderConfig, no defaults in code); a
    model folder being built gets the committed file unless it has its own."""
    import json

    from vnresolve.diacritics import config

    cfg = config.load(config.MODEL_DIR)
    assert isinstance(cfg.beam, int) and isinstance(cfg.beam_margin, float) and len(cfg.strip_mix) == 3
    config.provide(tmp_path, config.MODEL_DIR)
    assert config.load(tmp_path) == cfg
    data = json.loads((tmp_path / config.FILE).read_text(encoding="utf-8"))
    (tmp_path / config.FILE).write_text(json.dumps({**data, "beam": 4}), encoding="utf-8")
    config.provide(tmp_path, config.MODEL_DIR)  # kept, not overwritten
    assert config.load(tmp_path).beam == 4
    del data["beam_margin"]
    (tmp_path / config.FILE).write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match="beam_margin"):
        config.load(tmp_path)


def test_a_long_text_is_restored_piece_by_piece_with_every_change_in_its_place(restorer, monkeypatch):
    from vnresolve.diacritics import ngram

    text = ("Nghi quyet Dai hoi Dang bo tinh lan thu XV. " * 20 + "\n") * 30 + "\n\n" + "cac chi bo " * 2000
    monkeypatch.setattr(ngram, "CHUNK_CHARS", 3000)
    pieces = ngram.chunks(text)
    assert "".join(pieces) == text and len(pieces) > 10 and max(map(len, pieces)) <= 3000
    assert all(p.endswith(("\n", " ")) for p in pieces[:-1])  # cut at a break, never inside a word
    result = restorer.restore(text)
    assert result.text.startswith("Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XV.") and result.text.endswith("các chi bộ ")
    assert all(result.text[c.start:c.end] == c.restored for c in result.changes) and len(result.changes) > 5000
    assert restorer.restore_text(text) == result.text


def test_a_tone_lost_above_a_circumflex_by_vie_ocr_is_restored(restorer):
    """Real 1-bit scans lose the tone mark above â, ê, ô where the bare form is itself a word
    ('đê', 'thâm', 'vân'); the mark channel (marks.py) lets the context restore it."""
    ocr = ("Ủy ban nhân dân tỉnh xem xét, giải quyết đối với đê xuất của các sở, ngành theo đúng thâm quyền; "
           "các vân đê vượt thâm quyền báo cáo Chủ tịch.")
    assert restorer.restore(ocr).text == ("Ủy ban nhân dân tỉnh xem xét, giải quyết đối với đề xuất của các sở, ngành "
                                          "theo đúng thẩm quyền; các vấn đề vượt thẩm quyền báo cáo Chủ tịch.")


@pytest.mark.parametrize("ocr, right", [
    ("Sô: 15/QĐ-UBND\nQuảng Ngãi, ngày 3 tháng 5 năm 2024", "Số: 15/QĐ-UBND\nQuảng Ngãi, ngày 3 tháng 5 năm 2024"),
    ("Ủy ban nhân dân thành phô Đà Nẵng yêu cầu các sở, ngành chuyên hồ sơ về Văn phòng trước ngày 15.",
     "Ủy ban nhân dân thành phố Đà Nẵng yêu cầu các sở, ngành chuyển hồ sơ về Văn phòng trước ngày 15."),
    ("Về việc ĐÓI MỚI căn bản, toàn diện giáo dục và đào tạo", "Về việc ĐỔI MỚI căn bản, toàn diện giáo dục và đào tạo"),
    ("Căn cứ Nghị quyết sô 29-NQ/TW của Ban Chấp hành Trung ương về đôi mới căn bản, toàn diện giáo dục.",
     "Căn cứ Nghị quyết số 29-NQ/TW của Ban Chấp hành Trung ương về đổi mới căn bản, toàn diện giáo dục."),
    ("Giao Sở Tài chính tham mưu UBND tỉnh xem xét, quyết định theo thâm quyến.",
     "Giao Sở Tài chính tham mưu UBND tỉnh xem xét, quyết định theo thẩm quyền."),
])
def test_the_marks_real_vie_ocr_loses_on_circumflex_vowels_are_restored_in_running_text(restorer, ocr, right):
    """The class of the commonest real `vie` Tesseract errors: a tone lost (Sô, phô, chuyên, đôi) or
    swapped (thâm quyến) above â/ê/ô where the damaged form is itself a word, and a hook read as
    an acute with the circumflex lost in capitals (ĐÓI); the context decides, in running text."""
    assert restorer.restore(ocr).text == right


def test_a_foreign_word_whose_d_vie_ocr_read_as_d_bar_gets_its_d_back(restorer):
    """Tesseract `vie` reads the D of a foreign word as Đ; Vietnamese writes đ only in its own
    syllables, so a word with no other mark that no run of syllables spells gets its D back, while
    acronyms (ĐBSCL) and words OCR glued together (đangtheo) stay."""
    ocr = ("Nhà cổ sinh vật học Đouglas Wolfe đã mô tả một loài đinosaur mới trong cuốn sách ĐINOSAURS OF "
           "NEW MEXICO được xuất bản năm 2006. Các tỉnh vùng ĐBSCL đangtheo dõi chặt chẽ diễn biến của mực "
           "nước trên các sông, kênh rạch và chủ động triển khai các phương án phòng chống thiên tai.")
    out = restorer.restore(ocr).text
    assert "Douglas Wolfe" in out and "loài dinosaur" in out and "DINOSAURS OF NEW MEXICO" in out
    assert "vùng ĐBSCL đangtheo dõi" in out


def test_an_unmarked_capitalised_word_beside_a_foreign_word_keeps_its_letters(restorer):
    """In clean or `vie` text, an unmarked capitalised word next to a word that no marking makes a
    syllable is part of a foreign name (a Lao village's), which the LM cannot mark: it stays as written."""
    text = ("Đoàn công tác đã đến thăm bản Muong Phouvong của tỉnh Bolikhamxay vào mùa khô năm ngoái. "
            "Già làng là ông Thanh Phouvong, năm nay đã ngoài sáu mươi tuổi.")
    assert restorer.restore(text).text == text


def test_a_marked_word_ocr_mangled_is_no_foreign_neighbour(restorer):
    """A word with Vietnamese marks that spells no syllable is OCR damage ('Tlài' for Tài), not a
    foreign word: the unmarked capitalised word beside it is restored as usual."""
    out = restorer.restore("Ủy ban nhân dân tỉnh đề nghị Bo Tlài chính xem xét.").text
    assert "Bộ Tlài" in out


def test_a_title_case_word_opening_an_item_is_no_name(restorer):
    """After an item's number or letter ('6-', 'b)') a capital opens the item's sentence: 'Tống kết'
    (vie OCR's acute for a hook) is read Tổng kết, while a name after it keeps its own (Tống Văn Minh)."""
    ocr = ("5- Xử lý vi phạm trong công tác giải quyết khiếu nại;\n6- Tống kết kinh nghiệm về công tác giải quyết "
           "khiếu nại, tố cáo.\nb) Tống kết công tác thi đua năm 2025.\n2- Tống Văn Minh làm trưởng ban.")
    out = restorer.restore(ocr).text.splitlines()
    assert out[1].startswith("6- Tổng kết") and out[2].startswith("b) Tổng kết") and out[3].startswith("2- Tống Văn Minh")


def test_a_bare_circumflex_word_that_is_right_stays(restorer):
    text = "Nhân dân tham gia đắp đê phòng chống lụt bão; thâm canh lúa trên cánh đồng ven sông."
    assert restorer.restore(text).text == text


def test_acronyms_and_codes_in_capitals_lines_are_never_expanded(restorer):
    """Capitals that no marking makes a syllable (HN, TP, VT, TTHC) are kept in `vie` and clean text."""
    text = "SỞ GIAO THÔNG VẬN TẢI TP HN\nVT - PHÒNG TTHC - CVP\nQUYÉT ĐỊNH"
    out = restorer.restore(text).text
    assert out.splitlines()[:2] == text.splitlines()[:2]
    assert out.splitlines()[2] == "QUYẾT ĐỊNH"


def test_acronyms_with_d_bar_stay_even_in_mangled_text(restorer):
    """English-model OCR never writes Đ, so capitals with Đ that no marking makes a syllable (ĐVT,
    ĐT, ĐBSCL) are acronyms wherever they stand, also among mostly mangled words."""
    text = ("Bang 2. Két qua thu chi ngén sach nam 2025 (ĐVT: triéu déng)\n"
            "Cac x& vung ĐBSCL va Ban QLDA ĐT XD huyén da hoan thanh ké hoach.\nĐT ĐVT ĐBSCL")
    out = restorer.restore(text).text
    assert "(ĐVT: triệu đồng)" in out and "vùng ĐBSCL" in out and "QLDA ĐT XD" in out
    assert out.endswith("\nĐT ĐVT ĐBSCL")


# a Party document's head and opening, written for these tests; the issuer's lines name real places
HEAD_BODY = ("\n*\nSố 12-NQ/HU\n\nNGHỊ QUYẾT\nvề phát triển kinh tế - xã hội năm 2026\n"
             "Ban Chấp hành Đảng bộ huyện thống nhất giao các chi bộ triển khai kế hoạch trước ngày 15 tháng 12.")


@pytest.mark.parametrize("issuer", ["ĐẢNG BỘ TỈNH LONG AN\nHUYỆN ỦY THẠNH HÓA",
                                    "ĐẢNG BỘ TỈNH THÁI BÌNH\nHUYỆN ỦY TIỀN HẢI",
                                    "ĐẢNG BỘ TỈNH KHÁNH HÒA\nĐẢNG ỦY XÃ DIÊN THẠNH"])
def test_a_place_name_in_a_clean_capitals_issuer_line_is_kept(restorer, issuer):
    """After a place's unit (XÃ, HUYỆN) or a committee (HUYỆN ỦY) in a clean line of capitals comes a
    place's name, which the LM cannot know: spelt with its marks, it stays (not THANH HÓA, TIÊN HẢI,
    DIỄN THÀNH)."""
    text = issuer + HEAD_BODY
    result = restorer.restore(text)
    assert result.text == text and not result.changes


def test_a_place_name_after_a_town_committee_is_kept(restorer):
    """Thị ủy is a committee's level as Huyện ủy is: the town's name after it stays as written."""
    lines = restorer.restore("ĐẢNG BỘ TỈNH LONG AN\nTHỊ ỦY THẠNH HÓA" + HEAD_BODY).text.splitlines()
    assert lines[1].endswith(" THẠNH HÓA"), lines


class _CountedWords(list):
    """A page's words that count how many times one is read."""

    reads = 0

    def __getitem__(self, key):
        got = super().__getitem__(key)
        self.reads += len(got) if isinstance(key, slice) else 1
        return got


def test_a_long_line_in_capitals_is_read_once_for_its_place_names():
    """Whether a word follows a place's unit on a line in capitals is decided once per line, not by
    a walk along the line per word: a one-line text dump in capitals (here 6,000 words) made that
    quadratic, ~n² word reads. Words after the first unit (TỈNH) are in a place's name, those
    before it are not, and a line with a word not in capitals has none."""
    from vnresolve.diacritics.lattice import _in_place_name
    from vnresolve.diacritics.tokens import words as page_words

    text = "ỦY BAN NHÂN DÂN TỈNH ĐIỆN BIÊN " + "HUYỆN MƯỜNG NHÉ XÃ SÍN THẦU " * 1000 + "\nthị trấn TỈNH LAI CHÂU"
    ws = _CountedWords(page_words(text))
    lines: dict[int, int] = {}
    got = [_in_place_name(text, ws, i, lines) for i in range(len(ws))]
    first_line = text.index("\n")
    assert got == [w.start > text.index("TỈNH") and w.end <= first_line for w in ws]
    assert ws.reads < 10 * len(ws), ws.reads


@pytest.mark.parametrize("line, expected", [("PHÓ TRƯỞNG PHÒNG TỔ CHỨC CẢN BỘ", "PHÓ TRƯỞNG PHÒNG TỔ CHỨC CÁN BỘ"),
                                            ("BỘ CHỈ HUY QUÂN SỰ TÍNH", "BỘ CHỈ HUY QUÂN SỰ TỈNH")])
def test_words_that_only_look_like_a_unit_guard_no_name(restorer, line, expected):
    """PHÓ and QUÂN are no place's unit (phố, quận): a slip after them in a clean capitals line is repaired."""
    assert restorer.restore(line + HEAD_BODY).text.split("\n")[0] == expected


def test_capitals_issuer_lines_with_lost_or_damaged_marks_are_still_restored(restorer):
    """The guard is for marks as written in clean text: a province's name with a mark slip of `vie`
    OCR, and issuer lines that accent stripping or English-model OCR left without marks, are restored."""
    assert restorer.restore("ỦY BAN NHÂN DÂN TỈNH ĐÔNG THÁP" + HEAD_BODY).text.startswith("ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP\n")
    stripped = ("DANG BO TINH LONG AN\nHUYEN UY THANH HOA\n*\nSo 12-NQ/HU\n\nNGHI QUYET\nve phat trien kinh te - xa hoi "
                "nam 2026\nBan Chap hanh Dang bo huyen thong nhat giao cac chi bo trien khai ke hoach truoc ngay 15 thang 12.")
    mangled = ("PANG BO TiNH LONG AN\nHUYEN UY THANH HOA\nNGHi QUYET\nve phat trién kinh té - xa hdi nim 2026\n"
               "Ban Chap hanh Pang bd huyén théng nhat giao cac chi bd trién khai ké hoach trudc ngay 15 thang 12.")
    for text in (stripped, mangled):
        lines = restorer.restore(text).text.splitlines()
        assert lines[0] == "ĐẢNG BỘ TỈNH LONG AN" and lines[1].startswith("HUYỆN ỦY "), lines


def test_mark_damage_kinds():
    from vnresolve.diacritics.marks import CHANGED, GAINED, LOST, SAME, MarkChannel, kind

    assert kind("đề", "đê") == (1, 0, 1, SAME)  # huyền lost above a circumflex
    assert kind("thi", "thị") == (0, 5, 0, SAME)  # a speck read as a dot below
    assert kind("đổi", "đói") == (3, 2, 1, LOST)  # circumflex lost, hook read as acute
    assert kind("ta", "tâ")[3] == GAINED and kind("tơ", "tư")[3] == CHANGED
    import numpy as np

    channel = MarkChannel(np.full((6, 6, 2, 4), 0.01))
    assert channel.prob("đề", "đề") == 0.0  # the undamaged reading is the clean channel's
    assert channel.prob("đề", "để") == 0.01
    assert channel.prob("đề", "đèn") == 0.0  # other letters: not this channel's


def test_the_mark_channel_learns_from_what_the_restorer_reads(restorer):
    """training/marks_train.count: a tone the context restores above a circumflex counts as one
    reading of that kind of damage."""
    from training.marks_train import count
    from vnresolve.diacritics.marks import SAME

    kinds, totals = count(restorer, ["Ủy ban nhân dân tỉnh xem xét, giải quyết đối với đê xuất của các sở."])
    assert kinds[1, 0, 1, SAME] > 0.5 and kinds.sum() == kinds[1, 0, 1, SAME]
    assert totals.sum() >= 14


LEGACY_INSIDE_MARKED = (
    "Cô Hương gửi văn bản đến các đơn vị thuộc trường để phổ biến trong toàn trường.\n"
    "Kinh gui: Truong phong Giao duc va Dao tao cac quan, huyen;\n"
    "Hieu truong cac truong trung hoc pho thong tren dia ban thanh pho.\n"
    "Thuc hien cong van cua Bo ve viec bao dam trat tu an toan giao thong cho hoc sinh trong dip nghi he.\n")


def test_mark_less_lines_inside_marked_text_are_restored(restorer):
    """A scanner's legacy text layer without diacritics beside typed, marked notes: the mark-less
    lines are restored as stripped text, the marked line stays as typed."""
    out = restorer.restore(LEGACY_INSIDE_MARKED).text.splitlines()
    assert out == ["Cô Hương gửi văn bản đến các đơn vị thuộc trường để phổ biến trong toàn trường.",
                   "Kính gửi: Trưởng phòng Giáo dục và Đào tạo các quận, huyện;",
                   "Hiệu trưởng các trường trung học phổ thông trên địa bàn thành phố.",
                   "Thực hiện công văn của Bộ về việc bảo đảm trật tự an toàn giao thông cho học sinh trong dịp nghỉ hè."]


def test_a_foreign_passage_inside_marked_text_stays(restorer):
    """Mark-less lines whose words are mostly no Vietnamese syllable are foreign text, not a
    stripped layer: left as written."""
    english = ("The Ministry of Education and Training published a report on road safety for students "
               "in the summer holidays and on the training of teachers.")
    text = f"Báo cáo gửi Bộ Giáo dục và Đào tạo, kèm bản tóm tắt tiếng Anh sau đây.\n{english}\nCác đơn vị góp ý trước ngày 15.\n"
    assert restorer.restore(text).text == text


@needs_realscans
def test_the_legacy_text_layer_of_a_real_scan_is_read_as_stripped_and_ocr(restorer):
    """da-nang/1.pdf page 1 carries the scanner's own OCR without diacritics and typed marked notes
    (the notes make the page mostly clean): its mark-less lines get a mixture with no clean share."""
    from vnresolve.diacritics.mixture import mixtures
    from vnresolve.diacritics.tokens import words as tokens

    # poppler's reading holds the typed notes (a form layer) beside the scanner's OCR
    layer = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(REALSCANS / "da-nang" / "1.pdf"), "-"],
                           capture_output=True, text=True, check=True).stdout
    ws = tokens(layer)
    lattice = restorer.lattice
    plain = mixtures(layer, ws, lattice.syllables, restorer.config)
    runs = mixtures(layer, ws, lattice.syllables, restorer.config, lattice.bare)
    legacy = [i for i, w in enumerate(ws) if w.text in ("Throng", "tracing", "tnrong")]
    assert legacy and all(plain[i].clean >= 0.5 and runs[i].clean == 0.0 and runs[i].strip > 0.5 for i in legacy)
    typed = [i for i, w in enumerate(ws) if w.text in ("Hương", "phối")]
    assert typed and all(runs[i] == plain[i] for i in typed)


def test_document_cache_favours_a_documents_own_terms_over_its_common_words(restorer):
    """The second pass's cache mixes the document's readings into the LM: a few uses of a word the
    corpus rarely has ('thiếc', tin) count for more than many uses of a common one ('chỉ' of 'chỉ
    đạo'), so a frequent common reading cannot outvote every context ('đồng chí'); an unknown word
    gets no more than its count's share."""
    import numpy as np

    from vnresolve.diacritics.lattice import Slot
    from vnresolve.diacritics.tokens import Word

    ids = restorer.lattice.lm_ids
    options = [("chỉ", 0.0), ("thiếc", 0.0), ("qxz", 0.0)]
    slot = Slot(Word(0, 3, "chi", False), options,
                np.array([ids["chỉ"], ids["thiếc"], restorer.lattice.unk], np.uint64), np.zeros(3, np.float32), "lower")
    bonus = restorer.passes._cache_bonus(slot, {"chỉ": 30, "thiếc": 3, "qxz": 3}, 300).chan
    assert bonus[1] > bonus[0] > 0.0
    assert bonus[2] < bonus[1]
    # one use of a reading the corpus nearly never has, in a long document, is worth a bounded bonus
    rare = min(ids, key=lambda w: restorer.decoder.lm.uni_lp[ids[w]])
    slot = Slot(Word(0, 3, "x", False), [(rare, 0.0)], np.array([ids[rare]], np.uint64), np.zeros(1, np.float32), "lower")
    bonus = restorer.passes._cache_bonus(slot, {rare: 1}, 1000).chan
    cfg = restorer.passes.cfg
    assert bonus[0] <= cfg.cache_bonus * np.log(2) + cfg.cache_mix_cap + 1e-4
