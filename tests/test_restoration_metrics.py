"""The benchmark's measures of restoration: what was repaired or damaged, and how far confidences hold."""

from benchmarks.restoration_metrics import calibration, change_outcomes, fixed_and_broken
from vnresolve.diacritics.interface import RestoreResult, TokenChange


def test_repaired_and_damaged_words_are_told_apart_despite_a_dropped_word():
    ref = "Nghị quyết của Đảng bộ tỉnh về phát triển"
    raw = "Nghi quyết của Đảng bộ tinh về phát triển"  # two words wrong
    hyp = "Nghị quyết cửa Đảng tỉnh về phát triển"  # both repaired, 'của' damaged, 'bộ' dropped
    assert fixed_and_broken(raw, hyp, ref) == (2, 1)
    assert fixed_and_broken(ref, ref, ref) == (0, 0)


def test_change_outcomes_check_each_change_against_its_aligned_reference_word():
    result = RestoreResult(text="Nghị quyết cửa Đảng", model="m", tokens=4, changes=[
        TokenChange(0, 4, "Nghi", "Nghị", 0.9), TokenChange(11, 14, "cua", "cửa", 0.3)])
    assert change_outcomes(result, "Nghị quyết của Đảng") == [(0.9, True), (0.3, False)]


def test_calibration_error_is_zero_when_confidence_matches_the_share_right_and_large_when_not():
    honest = [(0.8, True)] * 8 + [(0.8, False)] * 2 + [(0.995, True)] * 200 + [(0.995, False)]
    gap, caught = calibration(honest)
    assert gap < 0.01
    assert caught == 2 / 3  # the tenth least confident (21 changes) hold the two wrong ones at 0.8, of three
    overconfident = [(0.99, True)] * 50 + [(0.99, False)] * 50
    assert calibration(overconfident)[0] > 0.4
