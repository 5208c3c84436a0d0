"""The restorer's second pass: the channel adapted to one document's OCR habits (diacritics/adapt.py)."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from vnresolve.diacritics import adapt, config, load_restorer
from vnresolve.diacritics.charmodel import CharModel
from vnresolve.diacritics.config import MODEL_DIR
from vnresolve.diacritics.vntext import strip_accents

CONFIG = config.load(MODEL_DIR)

# Written for this test: government prose, three times over (a document repeats its habits).
PROSE = """Ban Chấp hành Đảng bộ tỉnh đã lãnh đạo, chỉ đạo các cấp ủy, chính quyền, Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội thực hiện thắng lợi các mục tiêu, nhiệm vụ phát triển kinh tế - xã hội.
Công tác xây dựng Đảng và hệ thống chính trị được quan tâm; năng lực lãnh đạo và sức chiến đấu của tổ chức cơ sở đảng được nâng lên.
Quốc phòng, an ninh được giữ vững; trật tự, an toàn xã hội được bảo đảm; đời sống vật chất và tinh thần của nhân dân được cải thiện.
Ủy ban nhân dân tỉnh chủ trì, phối hợp với các sở, ban, ngành và Ủy ban nhân dân các huyện, thành phố tổ chức thực hiện nghị quyết.
Tiếp tục đẩy mạnh cải cách hành chính, cải thiện môi trường đầu tư kinh doanh, nâng cao năng lực cạnh tranh cấp tỉnh.
Phát triển nông nghiệp theo hướng hàng hóa, ứng dụng công nghệ cao, gắn với xây dựng nông thôn mới và bảo vệ môi trường.
Huy động mọi nguồn lực đầu tư kết cấu hạ tầng kinh tế - xã hội, nhất là hạ tầng giao thông, thủy lợi, đô thị và du lịch.
Chăm lo phát triển nguồn nhân lực, giáo dục và đào tạo, y tế, văn hóa; thực hiện tốt các chính sách an sinh xã hội.
Ban Thường vụ Tỉnh ủy lãnh đạo, chỉ đạo các cấp ủy đảng quán triệt và tổ chức thực hiện nghị quyết này."""
DOCUMENT = "\n\n".join([PROSE] * 3)
# English-model OCR keeps the acute and grave of a circumflex/breve vowel and loses the rest
ENGLISH_OCR = {"ế": "é", "ề": "è", "ố": "ó", "ồ": "ò", "ớ": "ó", "ờ": "ò", "ứ": "ú", "ừ": "ù", "ấ": "á", "ầ": "à", "ắ": "á", "ằ": "à"}


def scan(text: str, habit: dict[str, str]) -> str:
    """`text` as an English-model OCR would mangle it, plus one habit of this particular scan."""
    out = []
    for c in text:
        c = habit.get(c, c)
        out.append(ENGLISH_OCR.get(c, c if c in "éèàòóùúìíýđĐ" else strip_accents(c)))
    return "".join(out).replace("đ", "d").replace("Đ", "P")


def errors(hyp: str, ref: str) -> int:
    h, r = hyp.split(), ref.split()
    assert len(h) == len(r)
    return sum(a != b for a, b in zip(h, r))


@pytest.fixture(scope="module")
def restorer():
    return load_restorer("adaptive")


@pytest.fixture(scope="module")
def base_channel() -> CharModel:
    return CharModel(json.loads((MODEL_DIR / "channel.json").read_text(encoding="utf-8"))["chars"])


def test_a_habit_the_document_repeats_becomes_cheap(base_channel):
    pairs = Counter({("ủy", "gy"): 6, ("của", "cga"): 4, ("ban", "ban"): 40, ("nhân", "nhan"): 40})
    chars, chunks = adapt.adapted_channel(base_channel, pairs, CONFIG)
    assert "g" in chunks
    assert chars.cost("ủ", "g") < base_channel.cost("ủ", "g") - 2.0


def test_adaptation_only_lowers_costs_and_leaves_deletions_alone(base_channel):
    pairs = Counter({("ủy", "gy"): 6, ("nhân", "nhan"): 80, ("đảng", "pang"): 30, ("bộ", "bo"): 25})
    chars, _ = adapt.adapted_channel(base_channel, pairs, CONFIG)
    for t, row in chars.table.items():
        for e, cost in row.items():
            assert cost <= base_channel.cost(t, e)
            if e == "":
                assert cost == base_channel.cost(t, e)


def test_an_emission_seen_once_is_not_learned(base_channel):
    found = adapt.adapted_channel(base_channel, Counter({("ủy", "gy"): 1, ("ban", "ban"): 50}), CONFIG)
    assert found is None or "g" not in found[1]


def test_second_pass_learns_the_scans_own_habit(restorer):
    mangled = scan(DOCUMENT, {"ư": "X", "Ư": "X"})  # this scanner reads ư as X: 'hXớng', 'ThXờng'
    single = load_restorer("fast").restore(mangled).text
    double = restorer.restore(mangled).text
    assert errors(double, DOCUMENT) < errors(single, DOCUMENT)
    assert double.count("ư") + double.count("Ư") > single.count("ư") + single.count("Ư")


def test_pages_share_one_adaptation_and_keep_their_own_text(restorer):
    mangled = scan(DOCUMENT, {"ủ": "G", "Ủ": "G"})
    pages = mangled.split("\n\n")
    results = restorer.restore_pages(pages)
    assert len(results) == len(pages)
    assert "\n\n".join(r.text for r in results) == restorer.restore(mangled).text
    assert restorer.restore_pages(pages)[2].text == results[2].text  # deterministic


def test_clean_text_is_decoded_once_and_a_short_note_is_not_adapted_to(restorer):
    assert restorer.restore(PROSE).text == load_restorer("fast").restore(PROSE).text
    short = scan(PROSE.split("\n")[3], {"ủ": "G", "Ủ": "G"})
    first = restorer.passes.first(short)
    assert restorer.passes.adapt([first], list(restorer.passes.readings(first))) is None  # too few words to learn from


def test_restore_text_is_the_adapted_restoration(restorer):
    """restore_text (what `vnresolve restore` prints) skips the per-token records, not the second pass."""
    mangled = scan(DOCUMENT, {"ủ": "G", "Ủ": "G"})
    assert restorer.restore_text(mangled) == restorer.restore(mangled).text
