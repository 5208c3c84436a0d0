"""The restorer's second pass: the channel adapted to one document's OCR habits (diacritics/adapt.py)."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from vnresolve.diacritics import adapt, config, load_restorer
from vnresolve.diacritics.charmodel import CharModel
from vnresolve.diacritics.config import MODEL_DIR
from vnresolve.diacritics.marks import MarkChannel, kind
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


# ---- the mark channel of `vie` OCR, adapted per document ---------------------------------------
# Written for this test: a commune's instructions on vote counting and residence books, where a
# hook above a circumflex read as an acute often makes another word ('chuyển' / 'chuyến').
VIE_PROSE = """Ủy ban nhân dân xã giao công chức tư pháp chủ trì, phối hợp với các đơn vị có liên quan tổ chức kiểm tra việc quản lý, sử dụng ngân sách năm nay.
Các đơn vị phải báo cáo kết quả kiểm tra bằng văn bản trước ngày mười lăm của tháng cuối quý để tổng hợp, báo cáo Ủy ban nhân dân huyện.
Thủ trưởng các cơ quan, đơn vị chịu trách nhiệm tổ chức triển khai, phổ biến kế hoạch này đến toàn thể cán bộ, công chức và người lao động.
Các thôn bổ sung nội dung kiểm tra vào chương trình công tác năm, bảo đảm đúng tiến độ; cử cán bộ có đủ năng lực tham gia đoàn kiểm tra.
Đoàn kiểm tra làm việc theo chế độ tập thể, thể hiện rõ trách nhiệm của từng thành viên; kết thúc đợt kiểm tra, trưởng đoàn tổng hợp những tồn tại, hạn chế.
Kế hoạch này được phổ biến đến các cơ quan, đơn vị để thực hiện; nếu cần sửa đổi, bổ sung, các đơn vị báo cáo để xem xét, điều chỉnh cho phù hợp.
Tổ bầu cử tiến hành kiểm phiếu ngay sau khi cuộc bỏ phiếu kết thúc, tại phòng bỏ phiếu, với sự chứng kiến của đại diện cử tri.
Trước khi mở hòm phiếu, Tổ bầu cử phải thống kê, lập biên bản, niêm phong số phiếu không sử dụng đến.
Sau khi kiểm phiếu xong, Tổ bầu cử lập biên bản kết quả kiểm phiếu, gửi đến Ban bầu cử trong thời hạn quy định.
Cán bộ được điều động chuyển công tác phải bàn giao hồ sơ, tài liệu và sổ sách cho người kế nhiệm trước khi chuyển đi.
Công dân chuyển đến cư trú tại xã phải mang theo giấy chuyển hộ khẩu; công chức tư pháp ghi sổ theo quy định."""
VIE_DOCUMENT = "\n\n".join([VIE_PROSE] * 2)
HOOK_AS_ACUTE = {"ể": "ế", "ổ": "ố", "ẩ": "ấ", "ở": "ớ", "ử": "ứ", "Ổ": "Ố", "Ể": "Ế", "Ở": "Ớ", "Ử": "Ứ", "Ẩ": "Ấ"}


def hooks_as_acutes(text: str) -> str:
    return "".join(HOOK_AS_ACUTE.get(c, c) for c in text)


@pytest.fixture(scope="module")
def marks_channel() -> MarkChannel:
    return MarkChannel.load(MODEL_DIR)


def adapted_or_fail(channel: MarkChannel, readings) -> MarkChannel:
    adapted = adapt.adapted_marks(channel, readings, CONFIG)
    assert adapted is not None
    return adapted


def test_a_documents_own_mark_damage_gets_its_rate_raised(marks_channel):
    readings = [("kiếm", "kiểm", 0.99)] * 6 + [("kiểm", "kiểm", 0.99)] * 20 + [("của", "của", 0.99)] * 300
    adapted = adapted_or_fail(marks_channel, readings)
    k = kind("kiểm", "kiếm")
    assert adapted.probs[k] > 5 * marks_channel.probs[k]
    # every other kind keeps its shipped rate, and a kind the shipped channel rules out stays out
    assert (adapted.probs != marks_channel.probs).sum() == 1
    assert adapted.prob("đê", "đế") == marks_channel.prob("đê", "đế")


def test_clean_readings_and_a_damage_seen_once_keep_the_shipped_marks(marks_channel):
    clean = [("kiểm", "kiểm", 0.99)] * 30 + [("của", "của", 0.99)] * 300
    assert adapt.adapted_marks(marks_channel, clean, CONFIG) is None
    once = clean + [("kiếm", "kiểm", 0.99)]
    assert adapt.adapted_marks(marks_channel, once, CONFIG) is None
    unsure = clean + [("kiếm", "kiểm", 0.5)] * 6  # readings the first pass was unsure of teach nothing
    assert adapt.adapted_marks(marks_channel, unsure, CONFIG) is None


def test_a_scan_reading_hooks_as_acutes_throughout_gets_them_repaired(restorer):
    damaged = hooks_as_acutes(VIE_DOCUMENT)
    assert errors(damaged, VIE_DOCUMENT) > 50
    first = load_restorer("fast").restore(damaged).text  # the first pass alone
    both = restorer.restore(damaged).text
    assert errors(both, VIE_DOCUMENT) < errors(first, VIE_DOCUMENT)
    assert errors(both, VIE_DOCUMENT) <= 2


def test_a_clean_vie_document_is_not_adapted_to_and_stays_unchanged(restorer):
    passes = restorer.passes
    first = passes.first(VIE_DOCUMENT)
    assert passes.adapt([first], list(passes.readings(first))) is None
    assert restorer.restore(VIE_DOCUMENT).text == VIE_DOCUMENT
