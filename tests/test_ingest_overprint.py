"""A page image carries no word of what was drawn over the scan: an e-signature's appearance and a
reader's typed note over the header are recognised by their printed form (ingest/overprint.py) and
kept off the body text, as their own stamp lines, through the real Tesseract on pages drawn here."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.documents import DPI, FONT_PATH, word_recall
from fixtures.paths import REALSCANS, needs_realscans
from PIL import Image, ImageDraw, ImageFont

import vnresolve

SANS_PATH = str(Path(FONT_PATH).with_name("LiberationSans-Regular.ttf"))
BODY = [
    "Thực hiện Công văn số 2114/BGDĐT-GDCTHSSV ngày 16/5/2019 của Bộ Giáo dục",
    "và Đào tạo về việc bảo đảm trật tự, an toàn giao thông cho học sinh, sinh viên",
    "trong dịp nghỉ hè, Ủy ban nhân dân tỉnh yêu cầu các sở, ban, ngành thực hiện",
    "một số nội dung sau đây và báo cáo kết quả về Văn phòng trước ngày 30 tháng 6.",
    "1. Tăng cường công tác tuyên truyền, phổ biến, giáo dục pháp luật về giao thông",
    "đường bộ, đường sắt, đường thủy nội địa cho học sinh, sinh viên trong toàn tỉnh.",
    "2. Quán triệt cán bộ, giáo viên thực hiện nghiêm túc các quy định của pháp luật",
    "về bảo đảm trật tự, an toàn giao thông trong dịp nghỉ hè năm nay.",
]
SUMMARY = ["V/v bảo đảm an toàn giao thông", "cho học sinh, sinh viên"]
CENTRE = ["TRUNG TÂM CÔNG BÁO", "VÀ TIN HỌC", "07.02.2025 08:51:04 +07:00"]  # a publishing centre's appearance
COPY = ["SAO Y", "Ủy ban nhân dân tỉnh Quảng Ngãi"]  # an electronic copy's, its time line lost under the motto
NOTE = ["1. Phòng Kế hoạch tổng hợp báo cáo Giám đốc trước thứ Sáu;",
        "2. Văn phòng gửi văn bản đến các phòng chuyên môn thuộc Sở;",
        "3. Phòng Tổ chức theo dõi việc thực hiện theo quy định."]


def _face(path: str, size: int) -> ImageFont.FreeTypeFont:
    try:
        return ImageFont.truetype(path, size)
    except OSError:
        pytest.skip(f"{Path(path).name} not installed (apt-get install fonts-liberation2)")


def _page(path: Path, centre: bool = False, note: list[str] | None = None, note_size: int = 25,
          copy: bool = False, body: list[str] = BODY) -> Path:
    """A first page of a công văn at 200 dpi: the two-column header (issuer, number and summary at
    the left; motto and date at the right), 'Kính gửi', the body; with an e-signature appearance in
    the top margin and a note typed in `note_size` px type (25: 9 pt) under the date line, beside the
    summary."""
    img = Image.new("L", (1654, 2339), 255)
    draw = ImageDraw.Draw(img)
    serif, bold = _face(FONT_PATH, 39), _face(FONT_PATH.replace("Regular", "Bold"), 35)  # 14 pt, 13 pt
    draw.text((230, 170), "ỦY BAN NHÂN DÂN", fill=0, font=bold)
    draw.text((250, 215), "TỈNH QUẢNG NGÃI", fill=0, font=bold)
    draw.text((250, 300), "Số: 1235/UBND-VX", fill=0, font=serif)
    for i, text in enumerate(SUMMARY):
        draw.text((215 + 40 * i, 352 + 40 * i), text, fill=0, font=_face(FONT_PATH, 33))  # 12 pt
    draw.text((790, 170), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", fill=0, font=bold)
    draw.text((900, 215), "Độc lập - Tự do - Hạnh phúc", fill=0, font=bold)
    draw.text((860, 300), "Quảng Ngãi, ngày 31 tháng 5 năm 2019", fill=0, font=serif)
    draw.text((330, 560), "Kính gửi: Các sở, ban, ngành thuộc tỉnh.", fill=0, font=serif)
    for i, text in enumerate(body):
        draw.text((200, 680 + 56 * i), text, fill=0, font=serif)
    if centre:
        small = _face(FONT_PATH, 26)  # a signing tool's 9-10 pt
        for i, text in enumerate(CENTRE):
            draw.text((1020, 20 + 30 * i), text, fill=0, font=small)
    if copy:
        for i, text in enumerate(COPY):
            draw.text((1100, 30 + 32 * i), text, fill=0, font=_face(FONT_PATH, 28))
    if note:
        sans = _face(SANS_PATH, note_size)
        for i, text in enumerate(note):
            draw.text((740, 352 + int(1.2 * note_size) * i), text, fill=0, font=sans)
    img.save(path, dpi=(DPI, DPI))
    return path


def _convert(path: Path):
    return vnresolve.convert(path, vnresolve.PipelineOptions(restore=False)).document


def test_an_e_signature_appearance_on_a_page_image_is_its_own_block_off_the_body(tmp_path):
    doc = _convert(_page(tmp_path / "signed.png", centre=True))
    page = doc.pages[0]
    assert "08:51:04" not in page.text and "TIN HỌC" not in page.text
    appearance = [line for line in page.lines if line.role == "stamp" and "08:51" in line.text]
    assert appearance, [line.text for line in page.lines]
    block = [line.text for line in page.lines if line.block == appearance[0].block]
    assert any("TRUNG TÂM" in text for text in block) and all(line.role == "stamp" for line in page.lines
                                                                if line.block == appearance[0].block)
    assert word_recall(" ".join(BODY), page.text) >= 0.9
    # the same evidence as a signed PDF's appearance: a signature, not the document's date
    [signature] = doc.metadata.signatures
    assert signature.source == "text" and signature.signed_at == "2025-02-07T08:51:04+07:00"
    assert "TRUNG TÂM CÔNG BÁO" in (signature.organisation or "")
    assert doc.metadata.date == "2019-05-31"


def test_a_note_typed_small_over_the_header_is_kept_off_the_body_and_the_summary_is_not(tmp_path):
    page = _convert(_page(tmp_path / "note.png", note=NOTE)).pages[0]
    stamped = " ".join(line.text for line in page.lines if line.role == "stamp")
    for phrase in ("trước thứ Sáu", "chuyên môn thuộc Sở", "Phòng Tổ chức theo dõi"):  # one of each note line
        assert phrase not in page.text and phrase in stamped
    assert len({line.block for line in page.lines if line.role == "stamp"}) == 1
    # the summary beside it stays in the header's left column, its two lines one after the other
    assert "V/v bảo đảm an toàn giao thông\ncho học sinh, sinh viên" in page.text
    assert word_recall(" ".join(BODY), page.text) >= 0.9


def test_lines_in_the_body_s_type_under_the_date_line_are_no_note(tmp_path):
    lines = ["1. Phòng Kế hoạch tổng hợp báo cáo;", "2. Văn phòng gửi các phòng thuộc Sở."]
    page = _convert(_page(tmp_path / "large.png", note=lines, note_size=36)).pages[0]
    assert not [line for line in page.lines if line.role == "stamp"]
    assert word_recall(" ".join(lines), page.text) >= 0.8


def test_an_electronic_copy_s_appearance_atop_the_page_is_off_the_body_and_still_marks_the_copy(tmp_path):
    doc = vnresolve.convert(_page(tmp_path / "copy.png", copy=True), vnresolve.PipelineOptions(restore=False)).document
    page = doc.pages[0]
    assert "SAO" not in page.text and "tỉnh Quảng Ngãi" not in page.text
    stamps = [line for line in page.lines if line.role == "stamp"]
    assert {line.text.replace(" ", "") for line in stamps} >= {text.replace(" ", "") for text in COPY}  # 'SAOY' as read
    assert len({line.block for line in stamps}) == 1
    assert doc.metadata.copy_form == "SAO Y"
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page.text


def test_a_body_line_opening_with_a_label_of_the_appearance_stays_in_the_body(tmp_path):
    body = BODY[:3] + ["Cơ quan: Sở Giáo dục và Đào tạo tỉnh Quảng Ngãi", "Thời gian: từ ngày 01/6/2019 đến ngày 30/6/2019"]
    page = _convert(_page(tmp_path / "form.png", body=body)).pages[0]
    assert not [line for line in page.lines if line.role == "stamp"]
    assert word_recall(" ".join(body), page.text) >= 0.9


def test_the_appearance_s_time_is_the_signing_evidence_a_pdf_s_field_would_give(tmp_path):
    import numpy as np

    from vnresolve.ingest import blanks, layout, overprint, tesseract

    with Image.open(_page(tmp_path / "signed.png", centre=True)) as img:
        grey = np.asarray(img)
    lines = layout.group_words(tesseract.image_data(grey, dpi=DPI))
    [field] = overprint.fields_of(overprint.esignature_blocks(lines, grey.shape[0]))
    assert "08:51:04" in field.text and field.bbox[1] < 0.05 * grey.shape[0]
    assert blanks.earliest_signing([field]) == "2025-02-07"  # the latest day the blank day can be


def test_a_report_s_body_line_quoting_a_time_with_its_offset_stays_in_the_body(tmp_path):
    # a report quotes a system's log time; the lines set solid above and below it are the paragraph's
    body = BODY[:3] + ["Hệ thống ghi nhận sự cố lúc 14/03/2024 10:22:33 +07:00 tại máy chủ của Sở", BODY[3]]
    doc = _convert(_page(tmp_path / "report.png", body=body))
    page = doc.pages[0]
    assert not [line for line in page.lines if line.role == "stamp"], [line.text for line in page.lines]
    assert word_recall(" ".join(body), page.text) >= 0.9
    assert not doc.metadata.signatures


def test_lines_read_from_the_stamp_layer_never_join_an_appearance_s_block(tmp_path):
    # red ink (received-stamp, routing marks) is read as a layer of its own, its regions numbered from 1
    path = _page(tmp_path / "stamped.png", centre=True)
    with Image.open(path) as grey:
        img = grey.convert("RGB")
    draw = ImageDraw.Draw(img)
    red = ["ĐẾN SỐ", "CHUYỂN PHÒNG", "LƯU HỒ SƠ", "VĂN PHÒNG", "ĐÃ XỬ LÝ", "KẾ HOẠCH", "TỔ CHỨC", "GIÁM ĐỐC"]
    for i, text in enumerate(red):
        draw.text((900 + 60 * (i % 2), 1300 + 110 * i), text, fill=(220, 30, 30), font=_face(FONT_PATH, 40))
    img.save(path, dpi=(DPI, DPI))
    doc = _convert(path)
    appearance = next(line for line in doc.pages[0].lines if "08:51" in line.text)
    block = [line.text for line in doc.pages[0].lines if line.block == appearance.block]
    assert not any(text in line for text in red for line in block), block
    [signature] = doc.metadata.signatures
    assert not any(word in (signature.organisation or "") for word in ("PHÒNG", "HỒ SƠ", "GIÁM"))


def test_a_line_in_the_body_s_type_right_under_a_note_stays_in_the_body(tmp_path):
    # the recipients set at a tab stop where the note's lines start, a line's gap under the note
    path = _page(tmp_path / "recipients.png", note=NOTE)
    with Image.open(path) as img:
        img = img.convert("L")
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 550, img.width, 620), fill=255)  # the 'Kính gửi' line moved up under the note
    draw.text((330, 450), "Kính gửi:", fill=0, font=_face(FONT_PATH, 39))
    draw.text((740, 450), "Các sở, ban, ngành thuộc tỉnh.", fill=0, font=_face(FONT_PATH, 39))
    img.save(path, dpi=(DPI, DPI))
    page = _convert(path).pages[0]
    assert "ngành thuộc tỉnh" in page.text
    assert "Phòng Tổ chức theo dõi" in " ".join(line.text for line in page.lines if line.role == "stamp")


@needs_realscans
def test_a_real_note_s_one_word_tail_goes_with_the_note(tmp_path):
    # a real page image with a routing note typed over the header: its first line wraps onto a word of
    # its own ('CB-GV-NV;'), whose box a speck stretches to the body's height
    from benchmarks.bench_realpages import page_image

    page = _convert(page_image(REALSCANS / "da-nang" / "1.pdf", 1, tmp_path / "page.png")).pages[0]
    stamped = " ".join(line.text for line in page.lines if line.role == "stamp")
    assert "CB-GV-NV" not in page.text.split("Kính gửi")[0] and "CB-GV-NV;" in stamped
    assert "Phòng CTSV theo dõi" in stamped and "Kính gửi" in page.text


def test_appearances_found_before_the_roles_are_taken_out_as_if_found_again(tmp_path):
    # ocr_job finds the appearances once, for the blanks' signing day, and takes the same ones out of
    # the body after the blanks' re-read and the roles: the same lines as looking for them again
    import numpy as np

    from vnresolve.ingest import blanks, layout, overprint, tesseract

    with Image.open(_page(tmp_path / "signed.png", centre=True)) as img:
        grey = np.asarray(img)
    lines = layout.group_words(tesseract.image_data(grey, dpi=DPI))
    found = overprint.esignature_blocks(lines, grey.shape[0])
    assert found
    later = layout.tag_roles(blanks.reread(grey, lines, blanks.earliest_signing(overprint.fields_of(found))),
                             grey.shape[1], grey.shape[0])
    assert overprint.tag(later, grey.shape[0], found) == overprint.tag(later, grey.shape[0])


@needs_realscans
def test_a_real_appearance_s_time_wrapped_under_its_label_beside_a_seal_is_off_the_body(tmp_path):
    # a real page image: the appearance beside the seal prints 'Thời gian ký:', the time and its offset
    # each on a line; the label reads with a speck of the seal's rim before it, the offset with one after
    from benchmarks.bench_realpages import page_image

    doc = _convert(page_image(REALSCANS / "quang-ngai" / "05CT.pdf", 1, tmp_path / "page.png"))
    page = doc.pages[0]
    assert "07:37" not in page.text and "Thời gian" not in page.text
    assert "UỶ BAN NHÂN DÂN" in page.text and "Quảng Ngãi, ngày" in page.text
    [signature] = doc.metadata.signatures
    assert signature.signed_at == "2020-04-16T07:37:07+07:00" and not signature.organisation


@needs_realscans
def test_a_real_appearance_s_line_between_two_of_its_lines_goes_with_it(tmp_path):
    # a real page image: a publishing centre's appearance, its e-mail between its name and its time
    from benchmarks.bench_realpages import page_image

    doc = _convert(page_image(REALSCANS / "quang-ngai" / "660TBUB_signed.pdf", 1, tmp_path / "page.png"))
    page = doc.pages[0]
    assert "quangngai" not in page.text and "09:17:04" not in page.text
    assert page.text.lstrip().startswith("ỦY BAN NHÂN DÂN")
    [signature] = doc.metadata.signatures
    assert signature.signed_at == "2025-01-17T09:17:04+07:00" and "TIN HỌC" in (signature.organisation or "")


@needs_realscans
def test_a_real_appearance_above_the_header_at_72_dpi_is_off_the_body_though_its_time_misreads(tmp_path):
    # a real signed page as a 72 dpi web image that says 96 dpi: the publishing centre's appearance above
    # the header reads '67.02 3035 08:41:04' for its time, its offset lost; above the header a time to
    # the second is drawn over the page
    page = _convert(_web_image(REALSCANS / "quang-ngai" / "04_QD_138_signed.pdf", tmp_path)).pages[0]
    head = page.text.split("CỘNG HÒA")[0]
    assert "TÂM CÔNG" not in head and "HỌC" not in head and "08:" not in head, head
    assert head.lstrip().startswith("UBND TỈNH QUẢNG NGÃI") and "Độc lập" in page.text
    assert any("HỌC" in line.text for line in page.lines if line.role == "stamp")


@needs_realscans
def test_a_real_appearance_s_labels_above_the_header_at_72_dpi_keep_it_off_the_body(tmp_path):
    # the same on another page: its appearance's time reads as nothing like one ('b4 04 X3) 27.3'); its
    # 'Cơ quan:' label above the header says what the block is
    page = _convert(_web_image(REALSCANS / "quang-ngai" / "05CT.pdf", tmp_path)).pages[0]
    head = page.text.split("UỶ BAN")[0]
    assert "Cơ quan" not in head and "Ủy" not in head, head
    assert any("Cơ quan" in line.text for line in page.lines if line.role == "stamp")


def _web_image(pdf: Path, tmp_path: Path) -> Path:
    """The PDF's first page as a 72 dpi colour web image that says 96 dpi."""
    from benchmarks.bench_realpages import page_image

    with Image.open(page_image(pdf, 1, tmp_path / "page.png")) as img:
        scale = 72 / img.info["dpi"][0]
        small = img.convert("RGB").resize((round(img.width * scale), round(img.height * scale)), Image.LANCZOS)
    small.save(tmp_path / "web.png", dpi=(96, 96))
    return tmp_path / "web.png"


@needs_realscans
def test_a_real_appearance_s_offset_above_the_header_at_72_dpi_keeps_it_off_the_body(tmp_path):
    # a third: its time reads '13001 3035 Œ:[7:03 +07:00'; the offset on a line of no word is the time's
    page = _convert(_web_image(REALSCANS / "quang-ngai" / "660TBUB_signed.pdf", tmp_path)).pages[0]
    assert page.text.lstrip().startswith("ỦY BAN NHÂN DÂN"), page.text[:200]
    assert any("HỌC" in line.text for line in page.lines if line.role == "stamp")


def _tight_page(path: Path, rows: list[tuple[str, str]]) -> Path:
    """A page after the first cut tight to its print (a scanner's crop, a web image): its lines start in
    the top 8 % where a first page's appearance stands; each row a left cell and a right one."""
    img = Image.new("L", (1654, 2339), 255)
    draw = ImageDraw.Draw(img)
    serif = _face(FONT_PATH, 39)
    for i, (left, right) in enumerate(rows):
        draw.text((200, 40 + 56 * i), left, fill=0, font=serif)
        draw.text((760, 40 + 56 * i), right, fill=0, font=serif)
    img.save(path, dpi=(DPI, DPI))
    return path


def test_a_form_s_label_or_a_time_range_atop_a_page_cut_tight_stays_in_the_body(tmp_path):
    # 'Cơ quan:' opens a form's lines, and an agenda's time cell reads '08:00-08:30' (a dash, not the
    # appearance's '+07:00'): at the page's top left they anchor no appearance, whose lines then went with them
    form = [("Cơ quan: Sở Giáo dục và Đào tạo", "tỉnh Quảng Ngãi"), ("Địa chỉ: 96 Nguyễn Nghiêm", "thành phố Quảng Ngãi"),
            ("Người đại diện: Nguyễn Văn An", "chức vụ Giám đốc"), ("Nội dung đề nghị", "như sau đây")]
    agenda = [("08:00-08:30", "Đón tiếp đại biểu"), ("08:30-09:00", "Khai mạc hội nghị"),
              ("09:00-10:00", "Báo cáo kết quả thực hiện"), ("10:00-10:30", "Thảo luận và kết luận")]
    for name, rows in (("form", form), ("agenda", agenda)):
        page = _convert(_tight_page(tmp_path / f"{name}.png", rows)).pages[0]
        assert not [line for line in page.lines if line.role == "stamp"] and not page.signature_fields, name
        # the rows under the first (which may be taken for a running head) are the body's
        body = " ".join(line.text for line in page.lines if line.role == "body")
        assert word_recall(" ".join(a + " " + b for a, b in rows[1:]), body) >= 0.9, name
