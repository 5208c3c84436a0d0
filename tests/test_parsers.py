"""Structure parsers on constructed snippets: values, comparators, units, sections, tables, tasks, agencies."""

from __future__ import annotations

import hashlib

import pytest

import vnresolve
from vnresolve import parsers
from vnresolve.parsers.deadlines import find_deadline
from vnresolve.parsers.gazetteer import lookup, split_agencies
from vnresolve.parsers.numbers import parse_cell_value, parse_vn_number
from vnresolve.parsers.targets import extract_targets
from vnresolve.schemas import Cell, Document, Page, Source, Table, dump_document


def make_doc(*page_texts: str, tables: dict[int, list[Table]] | None = None) -> Document:
    """A Document as ingest builds it: pages joined by a blank line, offsets recorded."""
    pages, parts, offset = [], [], 0
    for i, text in enumerate(page_texts):
        if i:
            parts.append("\n\n")
            offset += 2
        page = Page(number=i + 1, text=text, source="input-text", start=offset, end=offset + len(text),
                    tables=(tables or {}).get(i + 1, []))
        pages.append(page)
        parts.append(text)
        offset += len(text)
    text = "".join(parts)
    return Document(source=Source(path="t.txt", sha256=hashlib.sha256(text.encode()).hexdigest(), kind="text",
                                  pages=len(pages)), text=text, pages=pages)


def one(text: str):
    found = extract_targets(text)
    assert len(found) == 1, [f.text for f in found]
    return found[0]


# --- numbers -----------------------------------------------------------------

@pytest.mark.parametrize("text,value", [("2.310", 2310), ("10,5", 10.5), ("01", 1), ("677.628", 677628), ("0,66", 0.66)])
def test_vietnamese_number_format(text, value):
    assert parse_vn_number(text) == pytest.approx(value)


def test_cell_values_and_ranges():
    assert parse_cell_value("8.800-9.000") == (None, 8800, 9000)
    assert parse_cell_value("46 - 50%") == (None, 46, 50)
    assert parse_cell_value("13,80") == (13.8, None, None)
    assert parse_cell_value("") == (None, None, None)


# --- targets -----------------------------------------------------------------

@pytest.mark.parametrize("text,comparator,value", [
    ("Tổng thu ngân sách đạt trên 2.310 tỷ đồng", "gt", 2310),
    ("Tỷ lệ chi cho khoa học đạt tối thiểu 3% tổng chi", "gte", 3),
    ("Kết nạp ít nhất 40 đảng viên", "gte", 40),
    ("Tỷ lệ hộ nghèo còn dưới 14,38%", "lt", 14.38),
    ("Thu nhập bình quân đạt khoảng 2,86 triệu đồng/tháng", "approx", 2.86),
    ("Chỉ số sản xuất công nghiệp tăng 18,52%", "increase_by", 18.52),
    ("Tỷ lệ hộ nghèo giảm 3%", "decrease_by", 3),
    ("Tuổi thọ trung bình đạt 70,5 tuổi", "eq", 70.5),
    ("Đào tạo nghề cho 8.500 lao động trở lên", "gte", 8500),
    ("Thành lập mới từ 30 doanh nghiệp trở lên", "gte", 30),
])
def test_comparator_from_wording(text, comparator, value):
    t = one(text)
    assert (t.comparator, t.value) == (comparator, pytest.approx(value))


def test_units_are_canonical():
    assert one("GRDP bình quân đầu người đạt 60 triệu đồng/người/năm").unit == "triệu đồng/người/năm"
    assert one("có 13,2 bác sĩ/vạn dân").unit == "bác sĩ/vạn dân"
    assert one("đón trên 1,6 triệu lượt khách du lịch").unit == "triệu lượt khách"
    # English-model OCR of the same unit still reports the canonical spelling
    assert one("Thu nhap binh quan dat 36,5 triéu dong/ngudi/nam").unit == "triệu đồng/người/năm"


def test_ranges_fractions_and_leading_zero():
    t = one("tạo việc làm từ 8.800 - 9.000 lao động")
    assert (t.comparator, t.low, t.high, t.value, t.unit) == ("range", 8800, 9000, None, "lao động")
    t = one("Tỷ lệ chất thải rắn được thu gom đạt 46 - 50%")
    assert (t.low, t.high, t.unit) == (46, 50, "%")
    t = one("Đạt 15/19 tiêu chí xã nông thôn mới")
    assert (t.value, t.unit) == (15, "tiêu chí")
    assert one("Phấn đấu có 05 xã đạt chuẩn nông thôn mới").value == 5


def test_one_item_many_targets_each_with_its_name():
    found = extract_targets("Tốc độ tăng trưởng kinh tế (GRDP) đạt 10,5%. GRDP bình quân đầu người đạt 60 triệu "
                            "đồng/người/năm; ngành dịch vụ chiếm 58,77%, tốc độ tăng dân số 1,53%")
    assert [f.value for f in found] == [10.5, 60, 58.77, 1.53]
    assert found[0].name.startswith("Tốc độ tăng trưởng")
    assert found[2].name == "ngành dịch vụ"
    assert found[3].comparator == "eq"  # 'tăng' inside the name is not 'increase_by'


def test_value_first_targets_split_at_commas():
    found = extract_targets("100% cấp ủy, tổ chức đảng, 96% cán bộ, đảng viên, 80% quần chúng tham gia học tập")
    assert [(f.value, f.name) for f in found] == [(100, "cấp ủy, tổ chức đảng"), (96, "cán bộ, đảng viên"),
                                                 (80, "quần chúng tham gia học tập")]


def test_parenthetical_numbers_and_years_are_not_targets():
    t = one("Tỷ lệ phòng học được kiên cố hoá đạt 82,32% (tăng 4,32%) đến năm 2030")
    assert t.value == 82.32 and t.year == 2030 and "2030" in t.horizon


def test_ocr_mangled_comparators():
    assert (one("Ty 1¢ chi bg hoan thanh t6t nhiém vu dat\n90%/nam trd 1én.").comparator) == "gte"
    t = one("Ty 18 ho nghéo con dudi 20% theo chuan nghéo")
    assert (t.value, t.comparator) == (20, "lt")


# --- indicators from running text -----------------------------------------------

ITEMS = """NGHỊ QUYẾT
về nhiệm vụ năm 2026

I- MỤC TIÊU VÀ CHỈ TIÊU

2. Các chỉ tiêu chủ yếu năm 2026

2.1. Về xây dựng Đảng: (1) Kết nạp đảng viên mới từ 26 đảng viên trở lên. (2) Tỷ lệ chi bộ hoàn thành
tốt nhiệm vụ đạt 90%.

2.2. Về kinh tế: (3) Thu ngân sách đạt trên 2.310 tỷ đồng (xem mục (5) phụ lục). (4) Giữ vững an ninh.

II- NHIỆM VỤ, GIẢI PHÁP

- Tổ chức quán triệt nghị quyết.
"""


def test_numbered_items_grouped_by_field_heading():
    doc = parsers.parse(make_doc(ITEMS))
    text = [i for i in doc.indicators if i.source == "text"]
    assert [i.number for i in text] == ["1", "2", "3", "4"]
    assert [i.group for i in text] == ["Về xây dựng Đảng"] * 2 + ["Về kinh tế"] * 2
    assert text[2].target.value == 2310 and text[2].target.comparator == "gt"
    assert text[3].target is None  # a qualitative item is still an indicator
    assert all(i.year == 2026 for i in text)
    assert all(i.page == 1 and i.raw for i in text)


def test_indicator_page_comes_from_offset():
    doc = parsers.parse(make_doc("2. Các chỉ tiêu chủ yếu\n\n(1) Tỷ lệ A đạt 10%.", "(2) Tỷ lệ B đạt 20%."))
    assert [(i.number, i.page) for i in doc.indicators] == [("1", 1), ("2", 2)]


# --- metadata ------------------------------------------------------------------

HEADER = """TỈNH ỦY ĐIỆN BIÊN ĐẢNG CỘNG SẢN VIỆT NAM
*
Số 04-NQ/TU Điện Biên, ngày 05 tháng 12 năm 2025

NGHỊ QUYẾT
CỦA BAN CHẤP HÀNH ĐẢNG BỘ TỈNH
về mục tiêu, nhiệm vụ năm 2026

Nội dung.

Nơi nhận:
- Ban Bí thư Trung ương Đảng,
- Lưu Văn phòng Tỉnh ủy.

T/M TỈNH ỦY
BÍ THƯ

Trần Văn An
"""


def test_interleaved_two_column_header():
    meta = parsers.parse(make_doc(HEADER)).metadata
    assert (meta.doc_type, meta.number, meta.issuer, meta.place, meta.date) == (
        "resolution", "04-NQ/TU", "TỈNH ỦY ĐIỆN BIÊN", "Điện Biên", "2025-12-05")
    assert meta.title == "về mục tiêu, nhiệm vụ năm 2026"
    assert meta.recipients == ["Ban Bí thư Trung ương Đảng", "Lưu Văn phòng Tỉnh ủy"]
    assert (meta.signer.on_behalf_of, meta.signer.position, meta.signer.name) == ("T/M TỈNH ỦY", "BÍ THƯ", "Trần Văn An")


def test_mangled_header_with_parent_issuer_and_draft():
    text = ("DANG BO TINH SON LA PANG CONG SAN VIET NAM\nDPANG UY XA PHIENG PAN\nS6 12-BC/DU\n(Du thdo lan 3)\n\n"
            "Phiéng Pan, ngdy 15 thang 7 nam 2025\n\nBAO CAO CHINH TRI\ntrinh Dai hoi\n")
    meta = parsers.parse(make_doc(text)).metadata
    assert meta.doc_type == "political_report"
    assert (meta.parent_issuer, meta.issuer) == ("DANG BO TINH SON LA", "DPANG UY XA PHIENG PAN")
    assert (meta.number, meta.date, meta.draft) == ("12-BC/DU", "2025-07-15", "Du thdo lan 3")


# --- sections ------------------------------------------------------------------

SECTIONS = """Phần thứ nhất
KẾT QUẢ

I. TÌNH HÌNH

1. Về kinh tế

1.1. Nông nghiệp

1.1.1. Trồng trọt

a) Lúa

* Về xã hội

Một là, bám sát sự lãnh đạo.

II- NHIỆM VỤ

1. Phát triển kinh tế
"""


def test_section_nesting():
    doc = parsers.parse(make_doc(SECTIONS))
    got = [(s.kind, s.number, s.level) for s in doc.sections]
    assert got == [("part", "Phần thứ nhất", 1), ("roman", "I", 2), ("arabic", "1", 3), ("decimal", "1.1", 4),
                   ("decimal", "1.1.1", 5), ("letter", "a", 6), ("star", None, 6), ("ordinal", "Một là", 7),
                   ("roman", "II", 2), ("arabic", "1", 3)]
    assert doc.sections[0].title == "KẾT QUẢ"
    assert doc.sections[5].path == ["Phần thứ nhất", "I", "1", "1.1", "1.1.1", "a"]
    assert doc.sections[-1].parent == doc.sections[-2].id


def test_page_numbers_are_not_headings():
    doc = parsers.parse(make_doc("I. MỤC TIÊU\n\n12\n\n- 3 -\n\n1. Mục tiêu tổng quát\n\nPhát triển nhanh.\n"))
    assert [s.number for s in doc.sections] == ["I", "1"]
    assert doc.goals[0].kind == "general" and doc.goals[0].text == "Phát triển nhanh."


# --- gazetteer -------------------------------------------------------------------

@pytest.mark.parametrize("printed,canonical,kind", [
    ("UBND tỉnh", "Ủy ban nhân dân tỉnh", "state"),
    ("Uy ban nhan dan tinh", "Ủy ban nhân dân tỉnh", "state"),
    ("HĐND tỉnh", "Hội đồng nhân dân tỉnh", "state"),
    ("Ủy ban MTTQ VN tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "mass-organisation"),
    ("Sở Nông nghiệp và môi trường", "Sở Nông nghiệp và Môi trường", "state"),
    ("Sở Nông nghiệp và Mội truòng", "Sở Nông nghiệp và Môi trường", "state"),  # OCR variant, fuzzy
    ("Ban Tuyen giao va Dan van Tinh uy", "Ban Tuyên giáo và Dân vận Tỉnh ủy", "party"),
    ("Bộ CHQS tỉnh", "Bộ Chỉ huy Quân sự tỉnh", "state"),
])
def test_gazetteer_normalises_names(printed, canonical, kind):
    entry = lookup(printed)
    assert entry is not None and (entry.name, entry.kind) == (canonical, kind)


def test_gazetteer_rejects_unrelated_names():
    assert lookup("Hợp tác xã Nông nghiệp Bản Phủ") is None


def test_cell_splitting_keeps_names_with_commas():
    names = [f.name for f in split_agencies("Sở Văn hóa, Thể thao và Du lịch; UBND các xã, phường; Sở Tài chính")]
    assert names == ["Sở Văn hóa, Thể thao và Du lịch", "Ủy ban nhân dân các xã, phường", "Sở Tài chính"]


# --- tables ----------------------------------------------------------------------

HEAD = ["TT", "Chỉ tiêu", "Đơn vị", "Kế hoạch năm", "Cơ quan chỉ đạo", "Cơ quan chủ trì", "Cơ quan phối hợp"]


def _table(rows: list[list[str]], spans: dict[tuple[int, int], int] | None = None) -> Table:
    cells = []
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text is None:
                continue  # covered by a span from above
            cells.append(Cell(row=r, col=c, text=text, row_span=(spans or {}).get((r, c), 1)))
    return Table(page=1, rows=len(rows), cols=len(rows[0]), cells=cells)


def test_table_model_row_spans_are_merged_cells():
    table = _table([
        HEAD,
        ["1", "Tốc độ tăng trưởng kinh tế", "%", "10,5", "Đảng ủy UBND tỉnh", "Sở Tài chính", "Các sở, ngành, địa phương"],
        ["", "GRDP bình quân đầu người", "triệu đồng/người", "60", None, "Sở Tài chính", None],
        ["2", "Trồng mới cây Mắc ca", "ha", "2.500", "Đảng ủy UBND tỉnh", "Sở NN&MT", ""],
    ], spans={(1, 4): 2, (1, 6): 2})
    doc = parsers.parse(make_doc("Phụ lục", tables={1: [table]}))
    rows = [i for i in doc.indicators if i.source == "table"]
    assert [(r.number, r.name, r.unit, r.target.value) for r in rows] == [
        ("1", "Tốc độ tăng trưởng kinh tế", "%", 10.5), ("1", "GRDP bình quân đầu người", "triệu đồng/người", 60),
        ("2", "Trồng mới cây Mắc ca", "ha", 2500)]
    assert rows[1].directing_bodies == ["Đảng ủy Ủy ban nhân dân tỉnh"]
    assert rows[1].cooperating_agencies == ["Các sở, ban, ngành, địa phương"]
    assert rows[2].lead_agencies == ["Sở Nông nghiệp và Môi trường"]
    assert rows[2].cooperating_agencies == []  # a new group inherits nothing


MARKDOWN = """2. Các chỉ tiêu chủ yếu năm 2026

(1) Tốc độ tăng trưởng kinh tế đạt 10,5%. Tổng thu ngân sách đạt trên 2.310 tỷ đồng.

(2) Tạo việc làm từ 8.800 - 9.000 lao động.

CÁC CHỈ TIÊU CHỦ YẾU NĂM 2026

| TT | Một số chỉ tiêu | Đơn vị | Kế hoạch năm | Cơ quan chỉ đạo | Cơ quan chủ trì/thực hiện | Cơ quan phối hợp |
|---|---|---|---|---|---|---|
| (1) | (2) | (3) | (4) | (5) | (6) | (7) |
| 1 | Tốc độ tăng trưởng kinh tế | % | 10,5 | Đảng ủy UBND tỉnh | Sở Tài chính | Thống kê tỉnh |
| | <i>Cơ cấu kinh tế</i> | | | | | |
| | Tổng thu ngân sách trên địa bàn | tỷ đồng | 2.310 | | | |
| 2 | Tạo việc làm mới | lao động | 8.800-9.000 | Đảng ủy UBND tỉnh | Sở Nội vụ | |
| Thành lập mới doanh nghiệp | DN | 250 | | Sở Tài chính | | |
"""


def test_markdown_table_inheritance_shift_and_linking():
    doc = parsers.parse(make_doc(MARKDOWN))
    rows = [i for i in doc.indicators if i.source == "table"]
    text = {i.id: i for i in doc.indicators if i.source == "text"}
    assert [r.name for r in rows] == ["Tốc độ tăng trưởng kinh tế", "Tổng thu ngân sách trên địa bàn",
                                      "Tạo việc làm mới", "Thành lập mới doanh nghiệp"]
    assert rows[1].lead_agencies == ["Sở Tài chính"] and rows[1].cooperating_agencies == ["Thống kê tỉnh"]
    assert (rows[2].target.low, rows[2].target.high) == (8800, 9000)
    # the row missing its TT cell is realigned: unit and value land in their columns
    assert (rows[3].unit, rows[3].target.value, rows[3].number) == ("DN", 250, "2")
    assert all(r.year == 2026 for r in rows)
    linked = {r.name: text[r.linked].name for r in rows if r.linked}
    assert linked == {"Tốc độ tăng trưởng kinh tế": "Tốc độ tăng trưởng kinh tế",
                      "Tổng thu ngân sách trên địa bàn": "Tổng thu ngân sách",
                      "Tạo việc làm mới": "Tạo việc làm"}
    first = text[rows[0].linked]
    assert first.linked == rows[0].id and first.lead_agencies == ["Sở Tài chính"]


# --- tasks, deadlines, roles --------------------------------------------------------

TASKS = """II- NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU

1. Xây dựng Đảng

- Tổ chức quán triệt nghị quyết, hoàn thành trước ngày 31/01/2026.
- Đánh giá cán bộ theo quý; kịp thời thay thế cán bộ không hoàn thành nhiệm vụ được
giao.

III- TỔ CHỨC THỰC HIỆN

1. Ban Tổ chức Tỉnh ủy chủ trì, phối hợp với Đảng ủy UBND tỉnh triển khai từ Quý I/2026.

2. Giao Văn phòng Tỉnh ủy theo dõi, định kỳ báo cáo hằng tháng gửi Thường trực Tỉnh ủy.

Nơi nhận:
- Lưu.
"""


def test_tasks_with_section_paths_deadlines_and_roles():
    doc = parsers.parse(make_doc(TASKS))
    paths = [t.section_path for t in doc.tasks]
    assert paths == [["II", "1"], ["II", "1"], ["III", "1"], ["III", "2"]]
    assert doc.tasks[1].text.endswith("được giao.")  # a wrapped line stays in its task
    assert doc.tasks[0].deadline.date == "2026-01-31"
    assert doc.tasks[1].deadline.period == "quarterly"
    assert doc.tasks[2].deadline.period == "2026-Q1"
    assert doc.tasks[3].deadline.period == "monthly"
    roles = {a.name: a.role for t in doc.tasks for a in t.agencies}
    assert roles == {"Ban Tổ chức Tỉnh ủy": "lead", "Đảng ủy Ủy ban nhân dân tỉnh": "cooperating",
                     "Văn phòng Tỉnh ủy": "monitoring", "Thường trực Tỉnh ủy": "reporting_to"}
    names = [a.name for a in doc.agencies]
    assert len(names) == len(set(names)) == 4
    assert all(m.item and m.item.startswith("k") for a in doc.agencies for m in a.mentions)


def test_deadline_needs_a_cue():
    assert find_deadline("theo Nghị quyết ngày 09/9/2025 của Bộ Chính trị") is None
    assert find_deadline("thực hiện theo quy định") is None


# --- references, robustness, determinism ---------------------------------------------

def test_references_with_type_number_date_issuer():
    doc = parsers.parse(make_doc("Thực hiện Nghị quyết số 72-NQ/TW, ngày 09/9/2025 của Bộ Chính trị về y tế; "
                                 "Quy định số 366-QĐ/TW của Trung ương và Nghi quyét sé 57-NQ/TW."))
    got = [(r.doc_type, r.number, r.date, r.issuer) for r in doc.references]
    assert got == [("Nghị quyết", "72-NQ/TW", "2025-09-09", "Bộ Chính trị"), ("Quy định", "366-QĐ/TW", None, "Trung ương"),
                   ("Nghị quyết", "57-NQ/TW", None, None)]
    assert doc.references[0].title == "y tế"


def test_chapters_sections_and_articles_of_a_regulation_nest_with_their_clauses_and_points():
    text = ("QUY CHẾ\nChương I\nQUY ĐỊNH CHUNG\nĐiều 1. Phạm vi điều chỉnh\n1. Quy chế này quy định về nguyên tắc.\n"
            "2. Các cơ quan thực hiện theo Quy chế này.\nĐiều 2. Đối tượng áp dụng\n"
            "Mục tiêu chung của Quy chế là bảo đảm hiệu quả.\nChương II\nTRÁCH NHIỆM\n"
            "Mục 1. TRÁCH NHIỆM CỦA CHỦ TỊCH\nĐiều 3. Trách nhiệm chung\na) Lãnh đạo toàn diện;\nb) Chỉ đạo điều hành.\n")
    got = [(s.kind, s.number, s.title, s.path) for s in parsers.parse(make_doc(text)).sections]
    assert got == [
        ("chapter", "I", "QUY ĐỊNH CHUNG", ["Chương I"]),
        ("article", "1", "Phạm vi điều chỉnh", ["Chương I", "Điều 1"]),
        ("arabic", "1", "Quy chế này quy định về nguyên tắc", ["Chương I", "Điều 1", "1"]),
        ("arabic", "2", "Các cơ quan thực hiện theo Quy chế này", ["Chương I", "Điều 1", "2"]),
        ("article", "2", "Đối tượng áp dụng", ["Chương I", "Điều 2"]),
        ("chapter", "II", "TRÁCH NHIỆM", ["Chương II"]),
        ("muc", "1", "TRÁCH NHIỆM CỦA CHỦ TỊCH", ["Chương II", "Mục 1"]),
        ("article", "3", "Trách nhiệm chung", ["Chương II", "Mục 1", "Điều 3"]),
        ("letter", "a", "Lãnh đạo toàn diện;", ["Chương II", "Mục 1", "Điều 3", "a"]),
        ("letter", "b", "Chỉ đạo điều hành", ["Chương II", "Mục 1", "Điều 3", "b"]),
    ]


def test_legal_bases_in_the_preamble_are_told_from_documents_cited_elsewhere():
    text = ("QUYẾT ĐỊNH\nVề việc ban hành Kế hoạch năm 2025\n\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\n\n"
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một\n"
            "số điều của Luật Tổ chức Chính phủ ngày 22 tháng 11 năm 2019;\n"
            "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư;\n"
            "Căn cứ Quyết định số 1291/QĐ-TTg ngày 07 tháng 10 năm 2019 của Thủ tướng Chính phủ;\n"
            "Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 12/TTr-SNV ngày 20/01/2025.\n\nQUYẾT ĐỊNH:\n"
            "Điều 1. Ban hành Kế hoạch thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị.\n")
    got = [(r.role, r.doc_type, r.number, r.date) for r in parsers.parse(make_doc(text)).references]
    assert got == [("legal_basis", "Luật", None, "2015-06-19"), ("legal_basis", "Luật", None, "2019-11-22"),
                   ("legal_basis", "Nghị định", "30/2020/NĐ-CP", "2020-03-05"),
                   ("legal_basis", "Quyết định", "1291/QĐ-TTg", "2019-10-07"),
                   ("cited", "Tờ trình", "12/TTr-SNV", "2025-01-20"), ("cited", "Nghị quyết", "57-NQ/TW", "2024-12-22")]
    laws = [r.title for r in parsers.parse(make_doc(text)).references if r.doc_type == "Luật"]
    assert laws == ["Tổ chức chính quyền địa phương", "sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ"]


def test_a_day_no_calendar_has_is_no_date():
    doc = parsers.parse(make_doc("Thực hiện Nghị quyết số 72-NQ/TW, ngày 30/02/2025 của Bộ Chính trị; "
                                 "Kế hoạch số 05-KH/TU ngày 29 tháng 2 năm 2024 của Tỉnh ủy."))
    assert [(r.number, r.date) for r in doc.references] == [("72-NQ/TW", None), ("05-KH/TU", "2024-02-29")]


def test_unknown_text_returns_warnings_not_errors():
    doc = parsers.parse(make_doc("lorem ipsum\n\n|||\n(1)(2)(3)\n\x0c"))
    assert doc.indicators == [] or all(i.raw for i in doc.indicators)
    assert any(w.code == "metadata-incomplete" for w in doc.warnings)


def test_parsing_is_deterministic():
    a = dump_document(parsers.parse(make_doc(MARKDOWN + TASKS)))
    b = dump_document(parsers.parse(make_doc(MARKDOWN + TASKS)))
    assert a == b


def test_label_before_colon_names_a_bare_value():
    found = extract_targets("Số hợp tác xã được thành lập mới: 08 hợp tác xã.")
    assert [(f.name, f.value, f.unit) for f in found] == [("Số hợp tác xã được thành lập mới", 8, "hợp tác xã")]


def test_issuer_locality_misread_is_taken_from_place_line():
    text = "TỈNH ỦY PIEN BIẾN ĐẢNG CỘNG SẢN VIỆT NAM\nSố 04-NQ/TU Điện Biên, ngày 05 tháng 12 năm 2025\n\nNGHỊ QUYẾT\nvề x\n"
    assert parsers.parse(make_doc(text)).metadata.issuer == "TỈNH ỦY ĐIỆN BIÊN"


@pytest.mark.parametrize("place_line, place", [
    ("Diên Biên", "Điện Biên"),  # a wrong mark on a province's name: its spelling
    ("Pién Bién", "Điện Biên"),  # unrestored, the Đ read as P
    ("LẠNG SON", "LẠNG SƠN"),  # capitals stay capitals
    ("Phiêng Pằn", "Phiêng Pằn"),  # a commune: no list to spell it from, kept as read
])
def test_a_province_named_in_the_place_line_takes_its_spelling(place_line, place):
    text = f"TỈNH ỦY X\nSố 04-NQ/TU {place_line}, ngày 05 tháng 12 năm 2025\n\nNGHỊ QUYẾT\nvề x\n"
    assert parsers.parse(make_doc(text)).metadata.place == place


def test_signature_column_interleaved_with_recipients():
    text = ("NGHỊ QUYẾT\nvề x\n\nNội dung.\n\nNơi nhận:\nT/M TỈNH ỦY\n- Ban Bí thư Trung ương Đảng,\nBÍ THƯ\n"
            "- Văn phòng Trung ương Đảng,\nTrần Tiến Dũng\n- Lưu Văn phòng Tỉnh ủy.\n\nPHỤ LỤC\n")
    meta = parsers.parse(make_doc(text)).metadata
    assert meta.recipients == ["Ban Bí thư Trung ương Đảng", "Văn phòng Trung ương Đảng", "Lưu Văn phòng Tỉnh ủy"]
    assert (meta.signer.on_behalf_of, meta.signer.position, meta.signer.name) == ("T/M TỈNH ỦY", "BÍ THƯ", "Trần Tiến Dũng")


def test_spanning_tt_cell_keeps_one_group_and_skips_subheadings():
    table = _table([
        HEAD,
        ["1", "Tốc độ tăng trưởng kinh tế", "%", "10,5", "Đảng ủy UBND tỉnh", "Sở Tài chính", "Thống kê tỉnh"],
        [None, "Cơ cấu kinh tế", "", "", None, "", None],
        [None, "Tạo việc làm mới", "lao động", "8.800-9. 000", None, "", None],
    ], spans={(1, 0): 3, (1, 4): 3, (1, 6): 3})
    rows = [i for i in parsers.parse(make_doc("x", tables={1: [table]})).indicators if i.source == "table"]
    assert [r.name for r in rows] == ["Tốc độ tăng trưởng kinh tế", "Tạo việc làm mới"]
    assert rows[1].number == "1" and rows[1].lead_agencies == ["Sở Tài chính"]  # blank cell inherits in the group
    assert (rows[1].target.low, rows[1].target.high) == (8800, 9000)  # '9. 000' is a wrapped '9.000'


def test_ocr_roman_numerals_and_bracketed_part():
    doc = parsers.parse(make_doc("’ ] Phan thir nhat ]\nKET QUA\n\nI. BOI CANH\n\nI1. KHAI QUAT\n\nI11- HAN CHE\n"))
    assert [(s.kind, s.number, s.title) for s in doc.sections] == [
        ("part", "Phan thir nhat", "KET QUA"), ("roman", "I", "BOI CANH"), ("roman", "II", "KHAI QUAT"),
        ("roman", "III", "HAN CHE")]


def test_scan_noise_in_table_cells():
    table = _table([
        ["TT", "Chỉ tiêu", "Đơn vị _", "Kế : hoạch năm", "Cơ quan chỉ đạo", "Cơ quan chủ trì", "Cơ quan phối hợp"],
        ["q)", "@) _", "@G)_", "~ 4)", "' @®) ï", "(6)", "Œ) :"],  # the column-number row as OCR read it
        ["14", "` Giữ vững an ninh :", "", "", "Đảng ủy Quân sự tỉnh", "Bộ Chỉ huy Quân sự tỉnh", "Các sở, ngành"],
        ["155.", "Không để xảy ra bạo loạn", "Vụ việc", "0", "Đảng ủy Công an tỉnh", "Công an tỉnh", ""],
        ["", "Tỷ lệ vụ việc được xử lý", "% &", "100", "_.", "-", ""],
    ])
    rows = [i for i in parsers.parse(make_doc("x", tables={1: [table]})).indicators if i.source == "table"]
    assert [(r.number, r.name, r.unit) for r in rows] == [
        ("14", "Giữ vững an ninh", None), ("15", "Không để xảy ra bạo loạn", "Vụ việc"), ("15", "Tỷ lệ vụ việc được xử lý", "%")]
    assert rows[2].lead_agencies == ["Công an tỉnh"]  # specks in a merged cell do not break inheritance


def test_linked_table_value_that_lost_its_decimal_comma_is_repaired():
    text = MARKDOWN.replace("| 10,5 |", "| 105 |")
    rows = [i for i in parsers.parse(make_doc(text)).indicators if i.source == "table"]
    assert rows[0].target.value == 10.5 and rows[0].linked


def test_number_column_found_when_its_header_is_misread():
    rows = [i for i in parsers.parse(make_doc(MARKDOWN.replace("| TT |", "| TỪ |"))).indicators if i.source == "table"]
    assert [r.number for r in rows] == ["1", "1", "2", "2"] and rows[0].linked


def test_numbered_row_without_value_titles_its_group():
    table = _table([
        HEAD,
        ["17", "Cán bộ, đảng viên tham gia học tập nghị quyết", "", "", "Ban Tuyên giáo và Dân vận Tỉnh ủy", "", ""],
        ["", "Cán bộ, đảng viên", "%", "96", "", "", ""],
        ["18", "Giữ vững ổn định chính trị", "", "", "Đảng ủy Quân sự tỉnh", "Bộ CHQS tỉnh", ""],
    ])
    rows = [i for i in parsers.parse(make_doc("x", tables={1: [table]})).indicators if i.source == "table"]
    assert [(r.id, r.name, r.group) for r in rows] == [
        ("t1", "Cán bộ, đảng viên", "Cán bộ, đảng viên tham gia học tập nghị quyết"), ("t2", "Giữ vững ổn định chính trị", None)]
    assert rows[0].directing_bodies == ["Ban Tuyên giáo và Dân vận Tỉnh ủy"]


def test_names_keep_the_counted_noun_and_shared_verb():
    found = extract_targets("Thành lập mới 250 doanh nghiệp, 90 hợp tác xã; có 70 sản phẩm mới trở lên được công nhận "
                            "sản phẩm OCOP; kết nạp 4% đảng viên mới trên tổng số đảng viên; có 13,2 bác sĩ/vạn dân")
    assert [f.name for f in found] == ["Thành lập mới doanh nghiệp", "Thành lập mới hợp tác xã",
                                       "sản phẩm được công nhận sản phẩm OCOP", "kết nạp đảng viên mới trên tổng số đảng viên",
                                       "bác sĩ/vạn dân"]
    assert found[2].comparator == "gte"


def test_direction_beats_bound_and_tu_inside_a_word_is_not_from():
    t = one("Kiềm chế, kéo giảm ít nhất 5% số vụ phạm tội")
    assert (t.comparator, t.value) == ("decrease_by", 5) and t.name.startswith("Kiềm chế, kéo giảm")
    t = one("Tỷ lệ dân số được quản lý bằng hồ sơ sức khỏe điện tử đạt 65%")
    assert t.name.endswith("điện tử") and t.text == "đạt 65%"


def test_reference_issuer_stops_before_the_verb_and_is_normalised():
    doc = parsers.parse(make_doc("Kế hoạch số 34-KH/ĐU, ngày 06/11/2025 của Ban Thudng vy Pang uy thyc hién Nghị quyết "
                                 "số 72-NQ/TW, ngày 09/9/2025 của Bo Chinh tri."))
    assert [(r.number, r.issuer) for r in doc.references] == [("34-KH/ĐU", "Ban Thường vụ Đảng ủy"),
                                                             ("72-NQ/TW", "Bộ Chính trị")]


def test_role_verb_after_the_remit_phrase():
    from vnresolve.parsers.roles import agencies_in

    refs = agencies_in("1. Căn cứ Nghị quyết này, các đảng ủy trực thuộc Tỉnh ủy theo chức năng, nhiệm vụ, quyền hạn "
                       "tổ chức nghiên cứu, quán triệt nghị quyết.")
    assert [(r.name, r.role) for r in refs] == [("Các đảng ủy trực thuộc Tỉnh ủy", "lead")]


def test_signature_on_the_recipients_lines_of_an_ocr_page():
    from vnresolve.parsers.text import fold

    text = ("BAO CAO\nKiem diem\n\nNoi dung.\n\nNoi nhan: T/M PANG UY\n- Ban Thuong vu Tinh uy (B/c), - BI THU\n\n"
            "- Luu VP Dang uy.\n\nHoang Van Thieu\n")
    meta = parsers.parse(make_doc(text)).metadata
    # the name, written without marks, is given the likeliest names' marks, doubted
    assert (meta.signer.on_behalf_of, meta.signer.position) == ("T/M PANG UY", "BI THU")
    assert fold(meta.signer.name) == "hoang van thieu" and meta.confidence["signer.name"] < 0.5
    assert meta.recipients == ["Ban Thuong vu Tinh uy (B/c)", "Luu VP Dang uy"]


def test_bulleted_targets_under_an_indicator_heading():
    text = ("KẾ HOẠCH\nthực hiện năm 2026\n\n1. Mục tiêu cụ thể\n\n- Hoàn thiện hồ sơ số hóa.\n- Cải thiện chỉ số PCI.\n\n"
            "2. Chỉ tiêu\n\n- Tỷ lệ hồ sơ trực tuyến đạt 80%.\n- Giảm 20% thời gian xử lý hồ sơ.\n\n3. Nhiệm vụ\n\n- Rà soát.\n")
    doc = parsers.parse(make_doc(text))
    got = [(i.number, i.target.comparator, i.target.value) for i in doc.indicators]
    assert got == [(None, "eq", 80), (None, "decrease_by", 20)]
    assert [(g.kind, g.text) for g in doc.goals] == [("specific", "Hoàn thiện hồ sơ số hóa."), ("specific", "Cải thiện chỉ số PCI.")]


def test_ocr_part_heading_with_two_line_title_roots_tasks():
    text = (", ] Phén thir hai ) ’\nPHUONG HUONG, GIAI PHAP KHAC PHUC NHUNG HAN CHE,\nKHUYET DIEM TRONG CONG TAC\n\n"
            "1. Tap the Ban Chap hanh nghiem tuc kiem diem.\n\n2. Xay dung Chuong trinh hanh dong.\n")
    doc = parsers.parse(make_doc(text))
    assert doc.sections[0].kind == "part" and doc.sections[0].title.endswith("KHUYET DIEM TRONG CONG TAC")
    assert [t.section_path for t in doc.tasks] == [["Phén thir hai", "1"], ["Phén thir hai", "2"]]


def test_kind_of_agencies_outside_the_gazetteer_from_their_head_word():
    from vnresolve.parsers.agencies import guess_kind

    assert guess_kind("Chi cục Hải quan khu vực VII") == "state"
    assert guess_kind("đảng ủy các xã") == "party"
    assert guess_kind("Hội Doanh nhân trẻ tỉnh") == "mass-organisation"
    assert guess_kind("giúp việc") is None


def test_space_aligned_plain_text_table():
    text = ("PHỤ LỤC CHỈ TIÊU NĂM 2026\n\n"
            "TT    Chỉ tiêu                     Đơn vị     Kế hoạch    Cơ quan chủ trì\n"
            "1     Tỷ lệ che phủ rừng           %          46          Sở Nông nghiệp và Môi trường\n"
            "2     Trồng mới rừng               ha         1.200       Sở Nông nghiệp và Môi trường\n")
    rows = [i for i in parsers.parse(make_doc(text)).indicators if i.source == "table"]
    assert [(r.number, r.name, r.unit, r.target.value, r.year) for r in rows] == [
        ("1", "Tỷ lệ che phủ rừng", "%", 46, 2026), ("2", "Trồng mới rừng", "ha", 1200, 2026)]
    assert rows[1].lead_agencies == ["Sở Nông nghiệp và Môi trường"] and rows[1].page == 1


def test_one_misread_marker_does_not_end_the_numbered_list():
    text = ("2. Các chỉ tiêu chủ yếu\n\n(1) Tỷ lệ A đạt 10%.\n(2) Tỷ lệ B đạt 20%.\n3) Tỷ lệ C đạt 30%.\n"
            "(4) Tỷ lệ D đạt 40%.\n[S) Tỷ lệ E đạt 50%.\n(6) Tỷ lệ F đạt 60%.\n")
    inds = parsers.parse(make_doc(text)).indicators
    # '3)' is recovered; the unreadable '[S)' leaves its target inside item 4, and (6) still follows
    assert [(i.number, i.target.value) for i in inds] == [("1", 10), ("2", 20), ("3", 30), ("4", 40), ("4", 50), ("6", 60)]


def test_scan_lost_spaces_inside_an_agency_name():
    assert [f.name for f in split_agencies("Sở Văn hóa, Thế thao và Dulịch; SởNộivụ")] == [
        "Sở Văn hóa, Thể thao và Du lịch", "Sở Nội vụ"]


def test_draft_without_a_day_still_gives_the_place():
    meta = parsers.parse(make_doc("DANG UY XA PHIENG PAN\nS6:  -BC/DU\n(Du thdo lan 3)\n\nPhiéng Pan, ngdy  thang 7 nam 2025\n\n"
                                  "BAO CAO CHINH TRI\ntrinh Dai hoi\n")).metadata
    # the place read with a wrong mark has the letters of one commune only (GSO list): its spelling, doubted
    assert (meta.place, meta.date, meta.number, meta.draft) == ("Phiêng Pằn", None, None, "Du thdo lan 3")
    assert meta.confidence["place"] < 0.8


DIRECTIVE = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG NGÃI

Số: 01/CT-UBND

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Quảng Ngãi, ngày 04 tháng 01 năm 2021

CHỈ THỊ
Về việc triển khai hóa đơn điện tử trên địa bàn tỉnh

Để thực hiện tốt quy định về hóa đơn điện tử, Chủ tịch Ủy ban nhân dân tỉnh yêu cầu
Thủ trưởng các sở, ngành thực hiện một số nhiệm vụ trọng tâm sau:

1. Sở Tài chính:

- Chủ trì, phối hợp với các cơ quan, đơn vị có liên quan triển khai áp dụng hóa đơn điện tử.

- Tổ chức tập huấn, hướng dẫn các tổ chức, cá nhân kinh doanh về hóa đơn điện tử.

2. Sở Thông tin và Truyền thông: Theo chức năng, nhiệm vụ của mình có trách nhiệm phối hợp
với Sở Tài chính trong việc tuyên truyền chính sách.

Nơi nhận:
- Như trên;
- Lưu: VT.
"""


def test_a_directives_instructions_are_tasks_with_their_agency_as_lead() -> None:
    doc = vnresolve.parse(DIRECTIVE)
    assert doc.metadata.doc_type == "directive"
    texts = [t.text for t in doc.tasks]
    assert texts == [
        "Chủ trì, phối hợp với các cơ quan, đơn vị có liên quan triển khai áp dụng hóa đơn điện tử.",
        "Tổ chức tập huấn, hướng dẫn các tổ chức, cá nhân kinh doanh về hóa đơn điện tử.",
        "2. Sở Thông tin và Truyền thông: Theo chức năng, nhiệm vụ của mình có trách nhiệm phối hợp với Sở Tài chính "
        "trong việc tuyên truyền chính sách.",
    ]
    leads = [[a.name for a in t.agencies if a.role == "lead"] for t in doc.tasks]
    assert leads == [["Sở Tài chính"], ["Sở Tài chính"], ["Sở Thông tin và Truyền thông"]]
    assert not any("Như trên" in t for t in texts)  # the Nơi nhận list ends the instructions


def test_a_garbled_post_is_completed_and_an_unknown_family_name_doubted() -> None:
    text = DIRECTIVE.replace("Nơi nhận:", "KT. CHỦ TỊCH\n1Ó CHỦ TỊCH\n\n\nTrật Hoàng Tuấn\n\nNơi nhận:")
    meta = vnresolve.parse(text).metadata
    assert meta.signer.position == "PHÓ CHỦ TỊCH"
    assert meta.signer.name == "Trật Hoàng Tuấn"
    doubts = {d.field: d.reason for d in meta.uncertain}
    assert "'1Ó CHỦ TỊCH'" in doubts["signer.position"] and "Trật" in doubts["signer.name"]
    assert meta.confidence["signer.name"] < 0.5 and meta.confidence["signer.position"] < 0.5
    clean = vnresolve.parse(text.replace("1Ó", "PHÓ").replace("Trật", "Trần")).metadata
    assert {"signer.name", "signer.position"}.isdisjoint(d.field for d in clean.uncertain)
