"""The real-pages benchmark's rule for a page read worse than raw Tesseract (benchmarks.bench_realpages.
against_raw, also used by bench_harshscans): missing words over the whole truth, diacritic-only errors
over the truth words both readings aligned a word to."""

from benchmarks.bench_realpages import against_raw, scores

TRUTH = "Ủy ban nhân dân tỉnh Quảng Ngãi thông báo kết luận của Chủ tịch về việc sắp xếp đơn vị"


def test_a_reading_that_skips_most_of_the_page_is_not_credited_with_no_mark_errors_there():
    raw = "Ủy ban nhân dân tinh Quảng"  # a third of the page, one mark lost
    ours = TRUTH.replace("thông báo kết", "thong báo ket")  # all of it, two marks lost where raw read nothing
    assert scores(ours, TRUTH)[2] > scores(raw, TRUTH)[2]  # more in all ...
    versus = against_raw(raw, ours, TRUTH)
    assert (versus.shared, versus.raw_marks, versus.ours_marks) == (6, 1, 0)  # ... none where both read
    assert (versus.raw_unread, versus.ours_unread) == (14, 0)
    assert versus.worse == []
    assert str(versus).startswith("ok (on 6 shared words diacritic-only raw 1 ours 0")


def test_more_mark_errors_where_both_read_is_worse():
    raw = "Ủy ban nhân dân tinh Quảng"
    ours = TRUTH.replace("nhân dân", "nhan dan")
    versus = against_raw(raw, ours, TRUTH)
    assert (versus.raw_marks, versus.ours_marks) == (1, 2)
    assert versus.worse == ["diacritics"]
    assert str(versus).startswith("WORSE diacritics")


def test_missing_words_still_count_over_the_whole_truth():
    ours = TRUTH.replace("của Chủ tịch ", "")
    versus = against_raw(TRUTH, ours, TRUTH)
    assert (versus.raw_missing, versus.ours_missing) == (0, 3)
    assert versus.worse == ["bag"]
    assert str(versus).startswith("WORSE bag (")
