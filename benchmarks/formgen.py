"""Official documents of every form, made up and typeset: the truth of the forms benchmark.

Each document is drawn from a seeded generator: its issuer (with the body above it), number and
symbol, place and date, type, subject, body, recipients, signing authority, post and name, and
urgency or secrecy marks. It is typeset in the layout of Nghị định 30/2020/NĐ-CP Phụ lục I (state:
motto top right, 'Số: 84/QĐ-UBND', a công văn's 'V/v' line and 'Kính gửi:', TM./KT./TL./TUQ./Q.) or
of Hướng dẫn 36-HD/VPTW (Party: 'ĐẢNG CỘNG SẢN VIỆT NAM' top right, '*', 'Số 04-NQ/TU', T/M, K/T,
T/L), with the type names and symbol abbreviations the parsers hold (parsers.formats.DOC_TYPES).
The sentences are templates written here; no corpus text enters them.
"""

from __future__ import annotations

import datetime
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate, Paragraph, Spacer, Table, TableStyle,
)
from reportlab.platypus.flowables import HRFlowable

from benchmarks.scangen import FONT, MARGINS, PORTRAIT, _esc, _styles
from vnresolve.parsers.formats import BY_CODE, MOTTO_PARTY, MOTTO_STATE, NAME_WORDS, SURNAMES

# ---------------------------------------------------------------- the bodies that issue

# (province, districts, communes) as printed in capitals; places are these in title case.
PROVINCES = (
    ("QUẢNG NGÃI", ("SƠN TỊNH", "MỘ ĐỨC"), ("TỊNH HÀ", "ĐỨC PHONG")),
    ("ĐIỆN BIÊN", ("MƯỜNG ẢNG", "TUẦN GIÁO"), ("ẲNG NƯA", "QUÀI TỞ")),
    ("NGHỆ AN", ("NAM ĐÀN", "QUỲNH LƯU"), ("KIM LIÊN", "QUỲNH THẠCH")),
    ("SƠN LA", ("MỘC CHÂU", "THUẬN CHÂU"), ("TÂN LẬP", "PHỔNG LÁI")),
    ("ĐỒNG THÁP", ("CAO LÃNH", "THÁP MƯỜI"), ("MỸ HIỆP", "TRƯỜNG XUÂN")),
    ("HÀ TĨNH", ("CAN LỘC", "KỲ ANH"), ("THIÊN LỘC", "KỲ TIẾN")),
    ("THÁI BÌNH", ("KIẾN XƯƠNG", "TIỀN HẢI"), ("THANH TÂN", "ĐÔNG TRÀ")),
    ("KHÁNH HÒA", ("DIÊN KHÁNH", "VẠN NINH"), ("DIÊN THẠNH", "VẠN THẮNG")),
)
DEPARTMENTS = (("SỞ NỘI VỤ", "SNV"), ("SỞ TÀI CHÍNH", "STC"), ("SỞ Y TẾ", "SYT"), ("SỞ TƯ PHÁP", "STP"),
               ("SỞ XÂY DỰNG", "SXD"), ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", "SGDĐT"))
MINISTRIES = (("BỘ NỘI VỤ", "BNV"), ("BỘ TÀI CHÍNH", "BTC"), ("BỘ Y TẾ", "BYT"), ("BỘ TƯ PHÁP", "BTP"))
PARTY_BOARDS = (("BAN TUYÊN GIÁO", "BTGTU"), ("BAN TỔ CHỨC", "BTCTU"), ("BAN DÂN VẬN", "BDVTU"))
UNITS = ("KTTH", "KGVX", "NC", "TH", "NNTN", "VP", "TCCB", "KHTC")


@dataclass
class Body:
    """An issuing body as the header prints it and as its signers sign for it."""

    system: str  # 'state' or 'party'
    lines: tuple[str, ...]  # the issuer as printed, one or two lines (joined: the truth)
    parent: str | None  # the body above it, printed over it
    abbr: str  # in the symbol: 'UBND', 'SNV', 'TU', 'ĐU'
    place: str
    head: str  # the head's post: 'CHỦ TỊCH', 'BÍ THƯ'
    deputy: str
    collective: str | None  # what a TM./T/M line names: 'ỦY BAN NHÂN DÂN', 'BAN THƯỜNG VỤ'
    office: str = "CHÁNH VĂN PHÒNG"
    level: str = "province"

    @property
    def issuer(self) -> str:
        return " ".join(self.lines)


def _title(caps: str) -> str:
    return " ".join(w[:1] + w[1:].lower() for w in caps.split())


def state_body(rng: random.Random, kind: str) -> Body:
    province, districts, _ = rng.choice(PROVINCES)
    if kind == "province":
        return Body("state", ("ỦY BAN NHÂN DÂN", f"TỈNH {province}"), None, "UBND", _title(province),
                    "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "ỦY BAN NHÂN DÂN")
    if kind == "district":
        district = rng.choice(districts)
        return Body("state", ("ỦY BAN NHÂN DÂN", f"HUYỆN {district}"), None, "UBND", _title(district),
                    "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "ỦY BAN NHÂN DÂN", level="district")
    if kind == "department":
        name, abbr = rng.choice(DEPARTMENTS)
        return Body("state", (name,), f"UBND TỈNH {province}", abbr, _title(province), "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC",
                    None, level="department")
    name, abbr = rng.choice(MINISTRIES)
    return Body("state", (name,), None, abbr, "Hà Nội", "BỘ TRƯỞNG", "THỨ TRƯỞNG", None, level="ministry")


def party_body(rng: random.Random, kind: str) -> Body:
    province, districts, communes = rng.choice(PROVINCES)
    if kind == "province":
        return Body("party", (f"TỈNH ỦY {province}",), None, "TU", _title(province), "BÍ THƯ", "PHÓ BÍ THƯ",
                    "BAN THƯỜNG VỤ")
    if kind == "district":
        district = rng.choice(districts)
        return Body("party", (f"HUYỆN ỦY {district}",), f"ĐẢNG BỘ TỈNH {province}", "HU", _title(district),
                    "BÍ THƯ", "PHÓ BÍ THƯ", "BAN THƯỜNG VỤ", level="district")
    if kind == "commune":
        k = rng.randrange(len(districts))
        return Body("party", (f"ĐẢNG ỦY XÃ {communes[k]}",), f"ĐẢNG BỘ HUYỆN {districts[k]}", "ĐU",
                    _title(communes[k]), "BÍ THƯ", "PHÓ BÍ THƯ", "ĐẢNG ỦY", level="commune")
    name, abbr = rng.choice(PARTY_BOARDS)
    return Body("party", (name,), f"TỈNH ỦY {province}", abbr, _title(province), "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN",
                None, level="board")


# ---------------------------------------------------------------- the documents of each form

# (system, type code, kinds of body that issue it): the plan of the benchmark, each form drawn in
# every round so that every form is there whatever the seed; the seed draws everything else.
PLAN = (
    ("state", "decision", ("province", "department", "ministry")),
    ("state", "directive", ("province", "ministry")),
    ("state", "official_letter", ("province", "district")),
    ("state", "official_letter", ("department", "ministry")),
    ("state", "notice", ("province", "district")),
    ("state", "report", ("province", "department")),
    ("state", "plan", ("province", "district", "department")),
    ("state", "submission", ("department", "district")),
    ("state", "official_dispatch", ("province", "ministry")),
    ("state", "invitation", ("province", "department")),
    ("state", "minutes", ("province", "department")),
    ("state", "guidance", ("department", "ministry")),
    ("state", "programme", ("province", "district")),
    ("party", "resolution", ("province", "district", "commune")),
    ("party", "directive", ("province", "district")),
    ("party", "conclusion", ("province", "district")),
    ("party", "report", ("province", "commune", "board")),
    ("party", "notice", ("province", "district")),
    ("party", "official_letter", ("province", "district", "board")),
    ("party", "plan", ("district", "commune", "board")),
    ("party", "rules", ("province", "district")),
    ("party", "guidance", ("board", "province")),
    ("party", "circular_party", ("province",)),
    ("party", "decision", ("province", "district", "commune")),
)

TOPICS = (
    "phòng, chống thiên tai và tìm kiếm cứu nạn",
    "chuyển đổi số trong các cơ quan nhà nước",
    "cải cách thủ tục hành chính",
    "bảo đảm trật tự, an toàn giao thông dịp Tết Nguyên đán",
    "xây dựng nông thôn mới",
    "phát triển du lịch cộng đồng",
    "nâng cao chất lượng tiếp công dân",
    "phòng cháy, chữa cháy rừng mùa khô",
    "quản lý, sử dụng tài sản công",
    "chăm sóc sức khỏe ban đầu cho nhân dân",
    "phát triển kinh tế tập thể, hợp tác xã",
    "giảm nghèo bền vững",
    "bảo vệ môi trường tại các khu dân cư",
    "thực hành tiết kiệm, chống lãng phí",
)

# the subject under the type name ({t}: a topic, {y}: the year); a công văn's is its 'V/v' text
SUBJECTS = {
    "decision": ("Về việc phê duyệt Kế hoạch {t} năm {y}", "Về việc thành lập Ban Chỉ đạo {t}"),
    "directive": ("Về tăng cường {t}", "Về đẩy mạnh {t} trên địa bàn"),
    "official_letter": ("triển khai {t}", "góp ý dự thảo kế hoạch {t}", "báo cáo kết quả {t} năm {y}"),
    "notice": ("Kết luận của Chủ tịch tại cuộc họp về {t}", "Về việc tổ chức hội nghị {t}"),
    "report": ("Kết quả thực hiện {t} năm {y}", "Tình hình {t} 6 tháng đầu năm {y}"),
    "plan": ("Triển khai {t} năm {y}", "Thực hiện {t}"),
    "submission": ("Về việc đề nghị phê duyệt đề án {t}",),
    "official_dispatch": ("Về việc tập trung ứng phó với bão số {k}", "Về việc chủ động {t}"),
    "invitation": ("Dự hội nghị sơ kết {t}",),
    "minutes": ("Cuộc họp về {t}",),
    "guidance": ("Thực hiện {t} năm {y}",),
    "programme": ("Công tác {t} năm {y}",),
}
PARTY_SUBJECTS = {
    "resolution": ("về {t}", "về lãnh đạo {t} giai đoạn 2021 - 2025"),
    "directive": ("về tăng cường sự lãnh đạo của Đảng đối với {t}",),
    "conclusion": ("của Ban Thường vụ về {t}",),
    "report": ("kết quả {t} năm {y}", "sơ kết {t}"),
    "notice": ("ý kiến của Thường trực về {t}",),
    "official_letter": ("lãnh đạo {t}", "chuẩn bị hội nghị về {t}"),
    "plan": ("thực hiện {t} năm {y}",),
    "rules": ("về {t}",),
    "guidance": ("thực hiện {t}",),
    "circular_party": ("về lãnh đạo {t}",),
    "decision": ("về việc thành lập Đoàn kiểm tra {t}",),
}

SENTENCES = (
    "Trong thời gian qua, công tác {t} đã đạt được những kết quả quan trọng, góp phần ổn định tình hình trên địa bàn.",
    "Tuy nhiên, việc tổ chức thực hiện ở một số nơi còn chậm, chưa đồng bộ, chất lượng chưa cao.",
    "Các cơ quan, đơn vị cần quán triệt đầy đủ mục tiêu, nhiệm vụ và xây dựng kế hoạch cụ thể để triển khai.",
    "Người đứng đầu chịu trách nhiệm trước cấp trên về kết quả thực hiện tại cơ quan, đơn vị mình.",
    "Định kỳ hằng quý, các đơn vị báo cáo kết quả thực hiện về Văn phòng trước ngày 20 của tháng cuối quý.",
    "Kinh phí thực hiện được bố trí từ dự toán ngân sách năm {y} và các nguồn huy động hợp pháp khác.",
    "Tăng cường kiểm tra, đôn đốc, kịp thời tháo gỡ khó khăn, vướng mắc phát sinh trong quá trình thực hiện.",
    "Đẩy mạnh tuyên truyền để cán bộ và nhân dân hiểu rõ, đồng thuận và tích cực tham gia.",
    "Phấn đấu đến cuối năm {y}, hoàn thành các chỉ tiêu đã đề ra, trong đó ít nhất 90% đơn vị đạt yêu cầu.",
    "Trong quá trình thực hiện, nếu có vướng mắc, các đơn vị phản ánh kịp thời để được hướng dẫn.",
)

STATE_RECIPIENTS = ("Văn phòng Chính phủ", "Bộ Nội vụ", "Thường trực Tỉnh ủy", "Thường trực HĐND tỉnh",
                    "CT, PCT UBND tỉnh", "Các sở, ban, ngành tỉnh", "UBND các huyện, thị xã, thành phố",
                    "Cổng thông tin điện tử tỉnh", "Ủy ban MTTQ Việt Nam tỉnh", "Báo và Đài Phát thanh - Truyền hình tỉnh")
PARTY_RECIPIENTS = ("Ban Bí thư (để báo cáo)", "Thường trực Tỉnh ủy", "Các đồng chí ủy viên Ban Thường vụ",
                    "Các huyện ủy, thị ủy, thành ủy", "Các ban đảng, Văn phòng Tỉnh ủy", "Các đảng ủy trực thuộc",
                    "Các chi bộ trực thuộc", "Mặt trận Tổ quốc và các đoàn thể")
ADDRESSEES = ("Các sở, ban, ngành tỉnh", "Ủy ban nhân dân các huyện, thị xã, thành phố", "Sở Tài chính",
              "Sở Kế hoạch và Đầu tư", "Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh")
MIDDLE = ("Văn", "Thị", "Đức", "Minh", "Hữu", "Quốc", "Ngọc", "Thanh", "Xuân", "Hoàng", "Công", "Đình", "Thị Thu", "Anh")
GIVEN = tuple(n for n in ("An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hiền", "Hùng", "Hương", "Khánh", "Lan",
                          "Long", "Mai", "Minh", "Nam", "Nga", "Phong", "Phúc", "Quang", "Sơn", "Tâm", "Thành", "Thảo",
                          "Trung", "Tuấn", "Việt", "Vinh", "Yến") if n in NAME_WORDS)
URGENCY = ("KHẨN", "THƯỢNG KHẨN", "HỎA TỐC")


@dataclass
class Form:
    """One made-up document: what is printed, and the truth of its record."""

    system: str
    doc_type: str
    body: Body
    number: str  # the symbol as the truth holds it: '84/QĐ-UBND', '04-NQ/TU'
    date: tuple[int, int, int]
    subject: str
    paragraphs: list[tuple[str, str]]  # (style, text): 'body', 'italic', 'heading', 'center'
    addressees: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    authority: list[str] = field(default_factory=list)  # 'TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH'
    position: str | None = None
    name: str = ""
    urgency: str | None = None
    secrecy: str | None = None
    secretary: str | None = None  # a biên bản's secretary, signing at the left
    # a joint document's other bodies' (authority, post, name), in the header's order after the lead's
    co_signers: list[tuple[list[str], str, str]] = field(default_factory=list)
    issuer: str | None = None  # the issuer's truth where it is not the body's lines joined (a joint header)
    title: str | None = None  # the type line as printed where it is more than the type's name (councils plan)
    old_style: bool = False  # printed before 2004: 'CỘNG HOÀ' and the day and month without a leading 0
    organ: str | None = None  # a line between the type and the subject naming whose it is ('CỦA BỘ CHÍNH TRỊ')
    wide: bool = False  # the left columns set wider: a central organ's name and T/M line each on one line
    # the assembly plan's forms: the number line's label ('Luật số:'), no place-date line (the place then none in
    # the truth), lines over the type name, the closing 'thông qua' sentence kept whatever is dropped to fit a page
    number_label: str = "Số:"
    dated: bool = True
    pretitle: list[str] = field(default_factory=list)
    closing: str | None = None
    draft: bool = False  # a draft ('DỰ THẢO' above the header): its serial and day left blank for the signing

    @property
    def type_name(self) -> str:
        return BY_CODE[self.doc_type].name

    def truth(self, file: str, scan: str) -> dict:
        y, m, d = self.date
        out = {"file": file, "scan": scan, "system": self.system, "doc_type": self.doc_type, "number": self.number,
               "issuer": self.issuer or self.body.issuer, "parent_issuer": self.body.parent,
               "date": f"{y:04d}-{m:02d}-{d:02d}", "place": self.body.place if self.dated else None,
               "subject": self.subject,
               "signer": {"on_behalf_of": " ".join(self.authority) or None,
                          "position": self.position and self.position.replace("|", " "), "name": self.name},
               "recipients": self.recipients, "urgency": self.urgency, "secrecy": self.secrecy}
        if self.co_signers:
            out["co_signers"] = [{"on_behalf_of": " ".join(a) or None, "position": p, "name": n}
                                 for a, p, n in self.co_signers]
        return out


def _name(rng: random.Random) -> str:
    family = rng.choice(SURNAMES[:20])
    return f"{family} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _signing(rng: random.Random, body: Body, doc_type: str) -> tuple[list[str], str]:
    """Authority lines and post, as the formats let this body sign this type."""
    party = body.system == "party"
    tm, kt, tl, tuq = ("T/M", "K/T", "T/L", "T/UQ") if party else ("TM.", "KT.", "TL.", "TUQ.")
    letters = doc_type in ("official_letter", "notice", "invitation")
    if body.collective:
        choices = [([f"{tm} {body.collective}"], body.head)]
        # a Party committee's deputy signs for the committee; a state one's for the head (KT.)
        choices.append(([f"{tm} {body.collective}"], body.deputy) if party
                       else ([f"{tm} {body.collective}", f"{kt} {body.head}"], body.deputy))
        if not party:
            choices.append(([f"{tm} {body.collective}"], f"Q. {body.head}"))  # an acting chairman
        if letters and body.level in ("province", "district"):
            choices.append(([f"{tl} {body.collective if party else body.head}"], body.office))
            if not party:
                choices.append(([f"{tl} {body.head}", f"{kt} {body.office}"], "PHÓ CHÁNH VĂN PHÒNG"))
                choices.append(([f"{tuq} {body.head}"], body.office))
        if doc_type in ("directive", "official_dispatch") and not party:
            choices.append(([], body.head))  # the chairman signs in person
    else:
        choices = [([], body.head), ([f"{kt} {body.head}"], body.deputy)]
        if letters:
            choices.append(([f"{tl} {body.head}"], body.office))
            if body.level == "ministry":
                choices.append(([f"{tuq} {body.head}"], body.office))
            if body.level == "department":
                choices.append(([], f"Q. {body.head}"))  # an acting head: 'Q.' is printed before the post
    authority, post = rng.choice(choices)
    return list(authority), post


def _number(rng: random.Random, body: Body, doc_type: str, year: int) -> str:
    serial = rng.randrange(1, 1200 if body.system == "state" else 400)
    if body.system == "party":
        abbr = BY_CODE[doc_type].party
        return f"{serial:02d}-{abbr}/{body.abbr}"
    if doc_type == "official_letter":
        return f"{serial}/{body.abbr}-{rng.choice(UNITS)}"
    return f"{serial}/{BY_CODE[doc_type].state}-{body.abbr}"


def _sentences(rng: random.Random, topic: str, year: int, n: int) -> list[str]:
    return [s.format(t=topic, y=year) for s in rng.sample(SENTENCES, n)]


def _paragraph(rng: random.Random, topic: str, year: int, n: int) -> str:
    return " ".join(_sentences(rng, topic, year, n))


def _body_text(rng: random.Random, form_type: str, system: str, body: Body, topic: str, year: int) -> list[tuple[str, str]]:
    """The body in the divisions of its type: a decision's bases and articles, a directive's points …"""
    out: list[tuple[str, str]] = []
    if form_type == "decision":
        # who decides, under the subject: 'CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …', 'GIÁM ĐỐC SỞ …', the committee
        who = f"{body.head} {body.issuer}" if system == "state" else body.issuer
        out.append(("center", f"<b>{_esc(who)}</b>"))
        out.append(("italic", "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;" if system == "state"
                    else "Căn cứ Điều lệ Đảng và Quy chế làm việc của cấp ủy;"))
        out.append(("italic", f"Xét đề nghị của {'Chánh Văn phòng' if rng.random() < 0.5 else 'Trưởng phòng Tổ chức'}."))
        out.append(("center", "<b>QUYẾT ĐỊNH:</b>"))
        for k, sentence in enumerate(_sentences(rng, topic, year, 3), 1):
            out.append(("body", f"<b>Điều {k}.</b> " + _esc(sentence)))
        return out
    if form_type == "minutes":
        out.append(("body", f"Thời gian: 08 giờ 00 phút, ngày {rng.randrange(1, 28)} tháng {rng.randrange(1, 12)} năm {year}."))
        out.append(("body", "Địa điểm: Phòng họp số 2, trụ sở cơ quan."))
        out.append(("body", "Thành phần: đại diện lãnh đạo các cơ quan, đơn vị có liên quan."))
        out.append(("heading", "Nội dung cuộc họp:"))
        out.append(("body", _paragraph(rng, topic, year, 3)))
        out.append(("body", "Cuộc họp kết thúc vào lúc 11 giờ 00 phút cùng ngày."))
        return out
    if form_type == "invitation":
        out.append(("body", f"{_title(body.issuer)} trân trọng kính mời đại diện lãnh đạo các cơ quan, đơn vị dự hội nghị."))
        out.append(("body", f"Thời gian: 08 giờ 00 phút, ngày {rng.randrange(1, 28)} tháng {rng.randrange(1, 12)} năm {year}."))
        out.append(("body", "Địa điểm: Hội trường trụ sở cơ quan."))
        out.append(("body", "Rất mong các đại biểu tham dự đầy đủ, đúng thành phần."))
        return out
    out.append(("body", _paragraph(rng, topic, year, 2)))
    return out + _points_or_paragraph(rng, topic, year, form_type in (
        "directive", "plan", "guidance", "programme", "circular_party", "rules", "conclusion", "resolution"))


def _points_or_paragraph(rng: random.Random, topic: str, year: int, numbered: bool) -> list[tuple[str, str]]:
    """A body's closing part: two or three numbered points, or a paragraph of as many sentences."""
    if numbered:
        return [("body", f"{k}. {sentence}") for k, sentence in enumerate(_sentences(rng, topic, year, rng.randrange(2, 4)), 1)]
    return [("body", _paragraph(rng, topic, year, rng.randrange(2, 4)))]


def draw_form(rng: random.Random, system: str, doc_type: str, kinds: tuple[str, ...]) -> Form:
    body = (state_body if system == "state" else party_body)(rng, rng.choice(kinds))
    year = rng.randrange(2019, 2026)
    date = (year, rng.randrange(1, 13), rng.randrange(1, 29))
    topic = rng.choice(TOPICS)
    templates = (SUBJECTS if system == "state" else PARTY_SUBJECTS)[doc_type]
    subject = rng.choice(templates).format(t=topic, y=year, k=rng.randrange(1, 10))
    authority, post = _signing(rng, body, doc_type)
    pool = STATE_RECIPIENTS if system == "state" else PARTY_RECIPIENTS
    recipients = rng.sample(pool, rng.randrange(3, 6))
    if doc_type == "decision" and system == "state":
        recipients.insert(0, "Như Điều 3")
    addressees: list[str] = []
    if doc_type in ("official_letter", "official_dispatch") or (doc_type == "submission"):
        addressees = (["Hội đồng nhân dân " + ("tỉnh" if body.level != "district" else "huyện")] if doc_type == "submission"
                      else rng.sample(ADDRESSEES, rng.randrange(1, 4)))
        if doc_type == "official_letter":
            recipients.insert(0, "Như trên")
    unit = rng.choice(UNITS)
    recipients.append(f"Lưu: VT, {unit}" if system == "state" else "Lưu Văn phòng")
    urgency = secrecy = None
    if system == "state" and (doc_type == "official_dispatch" or rng.random() < 0.2):
        urgency = rng.choice(URGENCY)
    if rng.random() < 0.12:
        secrecy = "MẬT"
    name = _name(rng)
    form = Form(system, doc_type, body, _number(rng, body, doc_type, year), date, subject,
                _body_text(rng, doc_type, system, body, topic, year), addressees, recipients, authority, post, name,
                urgency, secrecy)
    if doc_type == "minutes":
        form.authority, form.position, form.secretary = [], "CHỦ TỌA", _name(rng)
    return form


def draw_forms(seed: int, rounds: int = 2, plan: str = "default") -> list[Form]:
    """The benchmark's documents: `rounds` of each form of `plan` (PLANS), drawn from `seed`."""
    rng = random.Random(seed)
    draw = {"central": draw_central_form, "joint": draw_joint_form, "councils": draw_council_form,
            "party_central": draw_party_central_form,
            "assembly": draw_assembly_form}.get(plan, draw_form)
    return [draw(rng, system, doc_type, kinds) for _ in range(rounds) for system, doc_type, kinds in PLANS[plan]]


# ---------------------------------------------------------------- typesetting


class _Anchor(Flowable):
    """Takes note of where it is drawn on the page (points from the bottom left): the signature's place."""

    def __init__(self, store: dict):
        super().__init__()
        self.store = store
        self.width = self.height = 0

    def draw(self):
        self.store["signature"] = self.canv.absolutePosition(0, 0)


def _st() -> dict[str, ParagraphStyle]:
    st = _styles()
    head = ParagraphStyle("head", parent=st["center"], fontSize=12.5, leading=15)
    return {**st, "head": head, "head13": ParagraphStyle("head13", parent=head, fontSize=13, leading=16),
            "italic": ParagraphStyle("italic", parent=st["body"], fontName=FONT + "-Italic"),
            "mark": ParagraphStyle("mark", parent=head, fontSize=13, leading=16)}


def _header(form: Form, st) -> Table:
    body, party = form.body, form.system == "party"
    left: list = []
    if body.parent:
        left.append(Paragraph(_esc(body.parent), st["head"]))
    left += [Paragraph(f"<b>{_esc(line)}</b>", st["head"]) for line in body.lines]
    left.append(Paragraph("*", st["head"]) if party else HRFlowable(width=28 * mm, thickness=0.6, color="black",
                                                                     spaceBefore=1, spaceAfter=3))
    # a joint symbol joins two or three bodies' codes: set a point smaller, in a column as wide as the motto leaves
    number_style = ParagraphStyle("joint", parent=st["head"], fontSize=12, leading=15) if form.co_signers else st["head13"]
    if form.number_label != "Số:":  # 'Nghị quyết số: 110/2025/UBTVQH15' on one line of the column
        number_style = ParagraphStyle("label", parent=st["head"], fontSize=12, leading=15)
    number = _esc(form.number)
    if form.draft:  # 'Số:        /QĐ-UBND': the serial's blank (non-breaking spaces hold it open)
        number = "\u00a0" * 8 + number[number.index("/"):] if "/" in number else number
    left.append(Paragraph(f"Số {number}" if party else f"{form.number_label} {number}", number_style))
    if form.doc_type == "official_letter":
        left.append(Paragraph(f"V/v {_esc(form.subject)}", ParagraphStyle("vv", parent=st["head"], fontSize=12, leading=14)))
    for mark in (form.secrecy, form.urgency):
        if mark:
            left += [Spacer(1, 4), Paragraph(f"<b>{_esc(mark)}</b>", st["mark"])]
    y, m, d = form.date
    day = f"{d:02d}" if d < 10 and not form.old_style else str(d)
    month = f"{m:02d}" if m < 3 and not form.old_style else str(m)  # NĐ 30: days below 10 and months 1 and 2 take a leading 0
    when = f"{form.body.place}, ngày {day} tháng {month} năm {y}"
    if form.draft:
        when = f"{form.body.place}, ngày{chr(0xa0) * 6}tháng{chr(0xa0) * 6}năm {y}"
    if party:
        right = [Paragraph(f"<b><u>{MOTTO_PARTY}</u></b>", st["head13"]), Spacer(1, 8),
                 Paragraph(f"<i>{_esc(when)}</i>", st["head13"])]
    else:
        motto = MOTTO_STATE.replace("HÒA", "HOÀ") if form.old_style else MOTTO_STATE
        right = [Paragraph(f"<b>{motto}</b>", ParagraphStyle("motto", parent=st["head"], fontSize=12, leading=15)),
                 Paragraph("<b>Độc lập - Tự do - Hạnh phúc</b>", st["head13"]),
                 HRFlowable(width=58 * mm, thickness=0.6, color="black", spaceBefore=1, spaceAfter=6)]
        if form.dated:
            right.append(Paragraph(f"<i>{_esc(when)}</i>", st["head13"]))
    t = Table([[left, right]], colWidths=[75 * mm, 90 * mm] if form.co_signers or form.wide else [68 * mm, 97 * mm])
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                           ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return t


def _closing(form: Form, st, anchor: dict) -> list:
    small = ParagraphStyle("nn", parent=st["small"], fontSize=11, leading=13)
    label = "<b><i><u>Nơi nhận</u>:</i></b>" if form.system == "party" else "<b><i>Nơi nhận:</i></b>"
    items = form.recipients
    left = [Paragraph(label, st["small"])] + [
        Paragraph("- " + _esc(r) + ("." if k == len(items) - 1 else ";"), small) for k, r in enumerate(items)]
    sign = ParagraphStyle("sign", parent=st["center"], fontSize=13.5, leading=17)
    right = [Paragraph(f"<b>{_esc(a)}</b>", sign) for a in form.authority]
    if form.position:  # the Politburo's and the Secretariat's blocks print no post under T/M but the General Secretary's
        # a post printed on two lines is held with a '|' between them ('CHỦ TỊCH|NƯỚC CỘNG HÒA …')
        right += [Paragraph(f"<b>{_esc(p)}</b>", sign) for p in form.position.split("|")]
    right += [_Anchor(anchor), Spacer(1, 58), Paragraph(f"<b>{_esc(form.name)}</b>", sign)]
    out = []
    if form.co_signers:
        return _joint_closing(form, right, left, sign)
    if not form.recipients:  # a law, an ordinance, a Lệnh: no 'Nơi nhận'; the block at the right
        left = []
    if form.secretary:  # a biên bản: the secretary signs at the left, the chair at the right, Nơi nhận below
        sec = [Paragraph("<b>THƯ KÝ</b>", sign), Spacer(1, 58), Paragraph(f"<b>{_esc(form.secretary)}</b>", sign)]
        t = Table([[sec, right]], colWidths=[80 * mm, 85 * mm])
        t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        return [t, Spacer(1, 8), *left]
    widths = [72 * mm, 93 * mm] if form.wide else [82 * mm, 83 * mm]
    if form.body.level in ("assembly", "standing_committee", "president"):
        # a legislative document's block ('TM. ỦY BAN THƯỜNG VỤ QUỐC HỘI', 'NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')
        # holds each of its lines on one: set a point smaller, and as wide as the recipients leave
        sign = ParagraphStyle("sign13", parent=sign, fontSize=13, leading=16.5)
        right = [Paragraph(f"<b>{_esc(a)}</b>", sign) for a in form.authority]
        right += [*(Paragraph(f"<b>{_esc(p)}</b>", sign) for p in form.position.split("|")), _Anchor(anchor),
                  Spacer(1, 58), Paragraph(f"<b>{_esc(form.name)}</b>", sign)]
        widths = [70 * mm, 95 * mm] if left else [45 * mm, 120 * mm]
    t = Table([[left, right]], colWidths=widths)
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    out.append(t)
    return out


def _story(form: Form, st, anchor: dict, paragraphs: list[tuple[str, str]]) -> list:
    story: list = [_header(form, st), Spacer(1, 12)]
    if form.draft:
        story.insert(0, Paragraph("<b>DỰ THẢO</b>", ParagraphStyle("draft", parent=st["mark"], alignment=2)))
    for line in form.pretitle:
        story.append(Paragraph(f"<b>{_esc(line)}</b>", st["center"]))
    if form.doc_type != "official_letter":
        story.append(Paragraph(_esc(form.title or form.type_name), st["title"]))
        if form.organ:
            story.append(Paragraph(f"<b>{_esc(form.organ)}</b>", st["center"]))
        story.append(Paragraph(f"<b>{_esc(form.subject)}</b>", st["center"]))
        story.append(HRFlowable(width=30 * mm, thickness=0.6, color="black", spaceBefore=2, spaceAfter=8)
                     if form.system == "state" else Paragraph("-----", st["center"]))
    if form.addressees:
        if form.doc_type == "official_dispatch":
            caller = form.body.issuer if form.body.level == "prime_minister" else f"{form.body.head} {form.body.issuer}"
            story.append(Paragraph(f"<b>{_esc(caller)} điện:</b>", st["center"]))
            story += [Paragraph("- " + _esc(a) + ";", st["center"]) for a in form.addressees]
        else:
            first, *rest = form.addressees
            lines = [f"Kính gửi: {_esc(first)}"] if not rest else ["Kính gửi:"] + [f"- {_esc(a)};" for a in form.addressees]
            story += [Paragraph(line, st["center"]) for line in lines]
        story.append(Spacer(1, 8))
    for style, text in paragraphs:
        if style == "page":  # the body goes on at the top of a new page (a bundle's two-page document)
            story.append(PageBreak())
            continue
        text = text if style == "center" or text.startswith("<b>Điều") else _esc(text)
        story.append(Paragraph(text, st[style]))
    if form.closing:
        story.append(Paragraph(_esc(form.closing), st["italic"]))
    story += [Spacer(1, 8), *_closing(form, st, anchor)]
    return story


def render_form(form: Form, out: Path, pages: int = 1) -> tuple[int, tuple[float, float]]:
    """Typeset `form` to `out` on `pages` pages at most where its body allows (body paragraphs are dropped from
    the end until it fits); returns the page count and where the signature's space is on the last page, as
    fractions of the page from the top left."""
    st = _st()
    pw, ph = PORTRAIT
    paragraphs = list(form.paragraphs)
    while True:
        anchor: dict = {}
        frame = Frame(MARGINS["left"], MARGINS["bottom"], pw - MARGINS["left"] - MARGINS["right"],
                      ph - MARGINS["top"] - MARGINS["bottom"], leftPadding=0, rightPadding=0)
        doc = BaseDocTemplate(str(out), pagesize=PORTRAIT, title=form.type_name, author="vnresolve formgen",
                              creator="vnresolve", invariant=1)
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame], pagesize=PORTRAIT)])
        doc.build(_story(form, st, anchor, paragraphs))
        if doc.page <= pages or len(paragraphs) <= 2:
            break
        paragraphs.pop()
    form.paragraphs = paragraphs
    x, y = anchor.get("signature", (pw * 0.7, ph * 0.3))
    return doc.page, (x / pw, 1 - y / ph)


# ---------------------------------------------------------------- the central plan: Government and normative documents
# A second plan, drawn only when asked for (draw_forms(plan="central")): the Government, the Prime
# Minister and the Government Office, ministries' circulars and provinces' normative decisions, the
# legal normative symbols that hold the year ('15/2020/NĐ-CP', '21/2026/TT-BCT', '12/2020/QĐ-UBND'),
# dated 1999-2026, each as its time printed it: bodies that existed on its date, the laws and decrees in force
# then, 'T/M', 'K/T', 'T/L' before 2004 (official-formats notes). The default plan above draws from its own
# tuples and is left as it is.

# a name too long for the header's column is printed on two lines, broken before its 'VÀ'
CENTRAL_MINISTRIES = (("BỘ CÔNG THƯƠNG", "BCT"), ("BỘ GIÁO DỤC VÀ ĐÀO TẠO", "BGDĐT"),
                      ("BỘ KẾ HOẠCH VÀ ĐẦU TƯ", "BKHĐT"), ("BỘ NÔNG NGHIỆP|VÀ PHÁT TRIỂN NÔNG THÔN", "BNNPTNT"),
                      ("BỘ TÀI NGUYÊN|VÀ MÔI TRƯỜNG", "BTNMT"), ("BỘ GIAO THÔNG VẬN TẢI", "BGTVT"),
                      ("BỘ LAO ĐỘNG - THƯƠNG BINH|VÀ XÃ HỘI", "BLĐTBXH"), ("BỘ XÂY DỰNG", "BXD"),
                      ("BỘ NÔNG NGHIỆP|VÀ MÔI TRƯỜNG", "BNNMT"), *MINISTRIES)
# the months (year, month) a body, or a recipient named in a list, existed between (the end one excluded):
# Bộ Công Thương formed in August 2007, Bộ Tài nguyên và Môi trường in November 2002, Bộ Nội vụ named so
# in August 2002, Điện Biên split from Lai Châu in 2004; the ministries merged in March 2025, Thái Bình
# joined to Hưng Yên in July 2025
IN_FORCE = {"BỘ CÔNG THƯƠNG": ((2007, 8), None), "BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG": ((2002, 11), (2025, 3)),
            "BỘ NỘI VỤ": ((2002, 8), None), "BỘ KẾ HOẠCH VÀ ĐẦU TƯ": (None, (2025, 3)),
            "BỘ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN": (None, (2025, 3)), "BỘ GIAO THÔNG VẬN TẢI": (None, (2025, 3)),
            "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI": (None, (2025, 3)), "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG": ((2025, 3), None),
            "TỈNH ĐIỆN BIÊN": ((2004, 1), None), "TỈNH THÁI BÌNH": (None, (2025, 7)),
            "TẬP ĐOÀN ĐIỆN LỰC VIỆT NAM": ((2006, 6), None), "CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ": ((2005, 1), None),
            "CỤC KIỂM TRA VĂN BẢN QPPL (BỘ TƯ PHÁP)": ((2003, 4), None),
            "BỘ TRƯỞNG CÁC BỘ: QUỐC PHÒNG, CÔNG AN, NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN": (None, (2025, 3)),
            "BAN CHỈ ĐẠO QUỐC GIA VỀ PHÒNG, CHỐNG THIÊN TAI": ((2022, 1), None)}
GOVERNMENT_UNITS = ("CN", "KGVX", "NN", "QHQT", "KTTH", "PL", "V.I", "TCCV", "ĐMDN")
# the Vụ of the Government Office each unit code names; its head signs the unit's letters for the Prime Minister
GOVERNMENT_DEPARTMENTS = {"CN": "VỤ CÔNG NGHIỆP", "KGVX": "VỤ KHOA GIÁO - VĂN XÃ", "NN": "VỤ NÔNG NGHIỆP",
                          "QHQT": "VỤ QUAN HỆ QUỐC TẾ", "KTTH": "VỤ KINH TẾ TỔNG HỢP", "PL": "VỤ PHÁP LUẬT",
                          "V.I": "VỤ I", "TCCV": "VỤ TỔ CHỨC CÔNG VỤ", "ĐMDN": "VỤ ĐỔI MỚI DOANH NGHIỆP"}
MINISTRY_UNITS = ("KH", "PC", "TCCB", "VP", "KHTC", "HTQT", "ĐTĐL", "GDĐH")

CENTRAL_PLAN = (
    ("state", "decree", ("government",)),
    ("state", "resolution", ("government",)),
    ("state", "decision", ("prime_minister",)),
    ("state", "directive", ("prime_minister",)),
    ("state", "official_letter", ("prime_minister",)),
    ("state", "official_dispatch", ("prime_minister",)),
    ("state", "official_letter", ("government_office",)),
    ("state", "notice", ("government_office",)),
    ("state", "circular", ("ministry",)),
    ("state", "official_letter", ("ministry",)),
    ("state", "decision", ("province_normative",)),
    ("state", "report", ("government", "ministry")),
    ("state", "submission", ("government", "ministry")),
)
PLANS = {"default": PLAN, "central": CENTRAL_PLAN}

CENTRAL_SUBJECTS = {
    "decree": ("Quy định về {t}", "Quy định chi tiết một số điều về {t}",
               "Sửa đổi, bổ sung một số điều của Nghị định số {ref}/NĐ-CP quy định về {t}"),
    "resolution": ("Về những nhiệm vụ, giải pháp chủ yếu {t} năm {y}",
                   "Phiên họp Chính phủ thường kỳ tháng {m} năm {y}"),
    "decision": ("Phê duyệt Đề án {t} giai đoạn {y} - {y5}", "Về việc thành lập Ban Chỉ đạo quốc gia về {t}"),
    "decision_normative": ("Ban hành Quy định về {t} trên địa bàn tỉnh {p}", "Quy định {t} trên địa bàn tỉnh {p}"),
    "directive": (SUBJECTS["directive"][0], "Về việc đẩy mạnh {t} trong tình hình mới"),
    "official_letter": ("triển khai {t}", "thực hiện ý kiến chỉ đạo của Thủ tướng Chính phủ về {t}",
                        "báo cáo tình hình {t} năm {y}"),
    "official_dispatch": SUBJECTS["official_dispatch"],
    "notice": ("Kết luận của Phó Thủ tướng Chính phủ tại cuộc họp về {t}",
               "Ý kiến chỉ đạo của Thủ tướng Chính phủ về {t}"),
    "circular": ("Quy định chi tiết {t}", "Hướng dẫn thực hiện {t}",
                 "Sửa đổi, bổ sung một số điều của Thông tư số {ref}/TT-{a} hướng dẫn {t}"),
    "report": ("Tình hình {t} năm {y}", "Kết quả thực hiện {t} năm {y}"),
    "submission": ("Đề nghị xây dựng Nghị định quy định về {t}", "Về dự thảo Nghị quyết về {t}"),
}
CENTRAL_RECIPIENTS = ("Ban Bí thư Trung ương Đảng", "Thủ tướng, các Phó Thủ tướng Chính phủ",
                      "Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ",
                      "HĐND, UBND các tỉnh, thành phố trực thuộc trung ương", "Văn phòng Trung ương và các Ban của Đảng",
                      "Văn phòng Quốc hội", "Tòa án nhân dân tối cao", "Viện kiểm sát nhân dân tối cao",
                      "Kiểm toán nhà nước", "VPCP: BTCN, các PCN, Trợ lý TTg, TGĐ Cổng TTĐT, các Vụ, Cục")
MINISTRY_RECIPIENTS = ("Văn phòng Chính phủ", "Các bộ, cơ quan ngang bộ", "UBND các tỉnh, thành phố trực thuộc trung ương",
                       "Cục Kiểm tra văn bản QPPL (Bộ Tư pháp)", "Công báo", "Cổng thông tin điện tử Chính phủ",
                       "Bộ trưởng, các Thứ trưởng", "Các đơn vị thuộc Bộ")
CENTRAL_ADDRESSEES = ("Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ",
                      "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương", "Bộ Công Thương", "Bộ Tài chính",
                      "Bộ Kế hoạch và Đầu tư", "Tập đoàn Điện lực Việt Nam", "Bộ Nông nghiệp và Phát triển nông thôn")
DISPATCH_ADDRESSEES = ("Bộ trưởng các Bộ: Quốc phòng, Công an, Nông nghiệp và Phát triển nông thôn",
                       "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương",
                       "Ban Chỉ đạo quốc gia về phòng, chống thiên tai")


def _ministry(caps: str) -> str:
    """A ministry's name as a sentence writes it: 'Bộ Giáo dục và Đào tạo'."""
    proper = {"ĐÀO", "ĐẦU", "THƯƠNG", "MÔI", "PHÁT", "XÃ"}  # words that open a second name
    words = caps.split()
    out = [words[0].title(), words[1][:1] + words[1][1:].lower()]
    for w in words[2:]:
        out.append(w[:1] + w[1:].lower() if w in proper else w.lower())
    return " ".join(out)


def _in_force(name: str, date: tuple[int, int, int]) -> bool:
    """Whether the body or recipient `name` (capitals or not, a two-line name's '|' aside) existed on `date`."""
    start, end = IN_FORCE.get(name.replace("|", " ").upper(), (None, None))
    return (start is None or date[:2] >= start) and (end is None or date[:2] < end)


def _law(date: tuple[int, int, int], laws: tuple[tuple[tuple[int, int], str], ...]) -> str:
    """The last of `laws` ((in force from (year, month), its name and date)) in force on `date`."""
    return [name for start, name in laws if date[:2] >= start][-1]


# the laws a basis cites, each from the month it took effect
GOVERNMENT_LAWS = (((1992, 10), "Luật Tổ chức Chính phủ ngày 30 tháng 9 năm 1992"),
                   ((2002, 1), "Luật Tổ chức Chính phủ ngày 25 tháng 12 năm 2001"),
                   ((2016, 1), "Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015"),
                   ((2025, 3), "Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025"))
NORMATIVE_LAWS = (((1997, 1), "Luật Ban hành văn bản quy phạm pháp luật ngày 12 tháng 11 năm 1996"),
                  ((2009, 1), "Luật Ban hành văn bản quy phạm pháp luật ngày 03 tháng 6 năm 2008"),
                  ((2016, 7), "Luật Ban hành văn bản quy phạm pháp luật ngày 22 tháng 6 năm 2015"),
                  ((2025, 4), "Luật Ban hành văn bản quy phạm pháp luật ngày 19 tháng 02 năm 2025"))
LOCAL_NORMATIVE_LAWS = NORMATIVE_LAWS[:1] + (
    ((2005, 4), "Luật Ban hành văn bản quy phạm pháp luật của Hội đồng nhân dân, Ủy ban nhân dân ngày 03 tháng 12 năm 2004"),
    ) + NORMATIVE_LAWS[2:]
LOCAL_GOVERNMENT_LAWS = (((1994, 7), "Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân ngày 21 tháng 6 năm 1994"),
                         ((2004, 1), "Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân ngày 26 tháng 11 năm 2003"),
                         ((2016, 1), "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015"),
                         ((2025, 3), "Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025"),
                         ((2025, 7), "Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025"))
# the signing marks before the forms of 2004 (official-formats notes: 'T/M', 'K/T' in state documents too)
SLASHED = {"TM.": "T/M", "KT.": "K/T", "TL.": "T/L", "TUQ.": "T/UQ"}


def _era_marks(authority: list[str], date: tuple[int, int, int]) -> list[str]:
    if date[0] >= 2004:
        return authority
    return [" ".join([SLASHED.get(line.split()[0], line.split()[0]), *line.split()[1:]]) for line in authority]


def _cited_year(rng: random.Random, date: tuple[int, int, int]) -> int:
    """The year of an earlier decree or circular a document cites: one of the few years before its own."""
    return rng.randrange(max(1997, date[0] - 6), date[0])


def central_body(rng: random.Random, kind: str, date: tuple[int, int, int]) -> Body:
    if kind == "government":
        return Body("state", ("CHÍNH PHỦ",), None, "CP", "Hà Nội", "THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "CHÍNH PHỦ",
                    level="government")
    if kind == "prime_minister":
        return Body("state", ("THỦ TƯỚNG CHÍNH PHỦ",), None, "TTg", "Hà Nội", "THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", None,
                    level="prime_minister")
    if kind == "government_office":
        return Body("state", ("VĂN PHÒNG CHÍNH PHỦ",), None, "VPCP", "Hà Nội", "BỘ TRƯỞNG, CHỦ NHIỆM",
                    "PHÓ CHỦ NHIỆM", None, level="government_office")
    if kind == "province_normative":
        while not _in_force((body := state_body(rng, "province")).lines[1], date):
            pass
        return body
    name, abbr = rng.choice([m for m in CENTRAL_MINISTRIES if _in_force(m[0], date)])
    return Body("state", tuple(name.split("|")), None, abbr, "Hà Nội", "BỘ TRƯỞNG", "THỨ TRƯỞNG", None,
                level="ministry")


def _central_signing(rng: random.Random, body: Body, doc_type: str, number: str) -> tuple[list[str], str]:
    """The signing chains of the Government's, the Prime Minister's, the Office's and a ministry's documents;
    `number`: the document's, whose unit code names the Vụ whose head signs an Office letter."""
    if body.level == "government":
        choices = [(["TM. CHÍNH PHỦ"], "THỦ TƯỚNG"), (["TM. CHÍNH PHỦ", "KT. THỦ TƯỚNG"], "PHÓ THỦ TƯỚNG")]
    elif body.level == "prime_minister":
        choices = [([], "THỦ TƯỚNG"), (["KT. THỦ TƯỚNG"], "PHÓ THỦ TƯỚNG")]
    elif body.level == "government_office":
        choices = [([], body.head), ([f"KT. {body.head}"], body.deputy)]
        if doc_type == "official_letter":
            choices.append((["TL. THỦ TƯỚNG"], f"VỤ TRƯỞNG {GOVERNMENT_DEPARTMENTS[number.split('-', 1)[1]]}"))
    elif body.level == "ministry":
        choices = [([], body.head), ([f"KT. {body.head}"], body.deputy)]
        if doc_type == "official_letter":
            choices.append(([f"TL. {body.head}"], body.office))
    else:
        return _signing(rng, body, doc_type)
    authority, post = rng.choice(choices)
    return list(authority), post


def _central_number(rng: random.Random, body: Body, doc_type: str, year: int) -> str:
    if doc_type == "official_letter":
        units = GOVERNMENT_UNITS if body.level in ("prime_minister", "government_office") else MINISTRY_UNITS
        return f"{rng.randrange(1, 9000 if body.level == 'government_office' else 2500)}/{body.abbr}-{rng.choice(units)}"
    code = BY_CODE[doc_type].state
    if doc_type in ("decree", "circular") or body.level == "province" or (doc_type == "decision" and rng.random() < 0.3):
        return f"{rng.randrange(1, 180 if doc_type == 'decree' else 80):02d}/{year}/{code}-{body.abbr}"
    top = {"decision": 2200, "resolution": 260, "directive": 40, "official_dispatch": 160, "notice": 520}.get(doc_type, 900)
    return f"{rng.randrange(1, top):02d}/{code}-{body.abbr}"


def _central_text(rng: random.Random, doc_type: str, body: Body, topic: str,
                  date: tuple[int, int, int]) -> list[tuple[str, str]]:
    """A normative document's bases (the laws in force on its `date`), enacting line and articles; the others'
    paragraphs and points."""
    out: list[tuple[str, str]] = []
    year = date[0]
    law = f"Căn cứ {_law(date, GOVERNMENT_LAWS)};"
    if doc_type in ("decree", "resolution", "decision", "circular"):
        if body.level == "province":
            out.append(("center", f"<b>{_esc(body.collective + ' ' + body.lines[1])}</b>"))
            out.append(("italic", f"Căn cứ {_law(date, LOCAL_GOVERNMENT_LAWS)};"))
            out.append(("italic", f"Căn cứ {_law(date, LOCAL_NORMATIVE_LAWS)};"))
            out.append(("italic", f"Theo đề nghị của Giám đốc Sở {rng.choice(('Tư pháp', 'Tài chính', 'Nội vụ'))}."))
        elif body.level == "ministry":
            out.append(("italic", f"Căn cứ {_law(date, NORMATIVE_LAWS)};"))
            out.append(("italic", f"Căn cứ Nghị định số {rng.randrange(10, 130)}/{_cited_year(rng, date)}/NĐ-CP quy định chức "
                                  f"năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của {_ministry(body.issuer)};"))
            out.append(("italic", "Theo đề nghị của Vụ trưởng Vụ Pháp chế;"))
            out.append(("italic", f"Bộ trưởng {_ministry(body.issuer)} ban hành Thông tư hướng dẫn {_esc(topic)}."))
        else:
            if doc_type == "decision":
                out.append(("center", "<b>THỦ TƯỚNG CHÍNH PHỦ</b>"))
            elif doc_type == "resolution":
                out.append(("center", "<b>CHÍNH PHỦ</b>"))
            out.append(("italic", law))
            proposer = rng.choice([m for m in CENTRAL_MINISTRIES if _in_force(m[0], date)])[0].replace("|", " ")
            out.append(("italic", f"Theo đề nghị của Bộ trưởng {_ministry(proposer)};"))
            if doc_type == "decree":
                out.append(("italic", f"Chính phủ ban hành Nghị định quy định về {_esc(topic)}."))
        if doc_type in ("decision", "resolution"):
            out.append(("center", "<b>QUYẾT ĐỊNH:</b>" if doc_type == "decision" else "<b>QUYẾT NGHỊ:</b>"))
        for k, sentence in enumerate(_sentences(rng, topic, year, 3), 1):
            out.append(("body", f"<b>Điều {k}.</b> " + _esc(sentence)))
        return out
    out.append(("body", _paragraph(rng, topic, year, 2)))
    if doc_type == "directive":
        out.append(("body", "Để khắc phục tình trạng trên, Thủ tướng Chính phủ chỉ thị:"))
    return out + _points_or_paragraph(rng, topic, year, doc_type == "directive")


def draw_central_form(rng: random.Random, system: str, doc_type: str, kinds: tuple[str, ...]) -> Form:
    kind = rng.choice(kinds)
    year = rng.randrange(1999, 2027)
    date = (year, rng.randrange(1, 13), rng.randrange(1, 29))
    body = central_body(rng, kind, date)
    topic = rng.choice(TOPICS)
    number = _central_number(rng, body, doc_type, year)
    key = "decision_normative" if body.level == "province" else doc_type
    subject = rng.choice(CENTRAL_SUBJECTS[key]).format(
        t=topic, y=year, y5=year + 5, m=date[1], k=rng.randrange(1, 10), p=body.place, a=body.abbr,
        ref=f"{rng.randrange(1, 150):02d}/{_cited_year(rng, date)}")
    authority, post = _central_signing(rng, body, doc_type, number)
    authority = _era_marks(authority, date)
    pool = [r for r in (MINISTRY_RECIPIENTS if body.level == "ministry" else (
        STATE_RECIPIENTS if body.level == "province" else CENTRAL_RECIPIENTS)) if _in_force(r, date)]
    recipients = rng.sample(pool, rng.randrange(3, 6))
    if doc_type == "decision":
        recipients.insert(0, "Như Điều 3")
    addressees: list[str] = []
    if doc_type == "official_dispatch":
        pool = [a for a in DISPATCH_ADDRESSEES if _in_force(a, date)]
        addressees = rng.sample(pool, rng.randrange(1, len(pool) + 1))
    elif doc_type == "official_letter":
        addressees = rng.sample([a for a in CENTRAL_ADDRESSEES if _in_force(a, date)], rng.randrange(1, 4))
        recipients.insert(0, "Như trên")
    elif doc_type == "submission":
        addressees = ["Quốc hội" if body.level == "government" else "Chính phủ"]
    units = MINISTRY_UNITS if body.level == "ministry" else GOVERNMENT_UNITS
    recipients.append(f"Lưu: VT, {rng.choice(units)}")
    urgent = doc_type == "official_dispatch" or (doc_type in ("official_letter", "notice", "report", "submission")
                                                  and rng.random() < 0.2)
    urgency = rng.choice(URGENCY) if urgent else None
    secrecy = "MẬT" if rng.random() < 0.08 else None
    return Form(system, doc_type, body, number, date, subject, _central_text(rng, doc_type, body, topic, date),
                addressees, recipients, authority, post, _name(rng), urgency, secrecy)


# ---------------------------------------------------------------- the joint plan: documents two or three bodies issue
# A third plan (draw_forms(plan="joint")): ministries' joint circulars (Thông tư liên tịch, 2000-2015, before the
# 2015 law ended the form): the bodies named in the header joined by ' - ' or one under another, the lead
# first; the symbol joins their codes ('37/2015/TTLT-BYT-BTC'); each body's head or deputy signs in a block
# of its own, side by side, the lead's at the right (NĐ 30/2020 Phụ lục I as official-formats notes read
# it), a third body's in a second row. The record's `signer` is the lead's, `co_signers` the others'.

# the ministries whose name fits one header line
JOINT_MINISTRIES = tuple(m for m in CENTRAL_MINISTRIES if "|" not in m[0])
# kinds: 'two' bodies joined by ' - ' where they fit one line, 'stacked' one under another, 'three' (a second row)
JOINT_PLAN = (("state", "joint_circular", ("two", "two", "stacked")),) * 6 + (("state", "joint_circular", ("three",)),) * 2
PLANS["joint"] = JOINT_PLAN


def _joint_block(rng: random.Random, ministry: str, date: tuple[int, int, int]) -> tuple[list[str], str, str]:
    """A ministry's block in a joint document: the minister in person or a deputy for the minister."""
    authority, post = rng.choice([([], f"BỘ TRƯỞNG {ministry}"), ([f"KT. BỘ TRƯỞNG {ministry}"], "THỨ TRƯỞNG")])
    return _era_marks(authority, date), post, _name(rng)


def _joint_closing(form: Form, lead: list, recipients: list, sign: ParagraphStyle) -> list:
    """The blocks side by side, the lead's at the right of the first row, the others right to left, row by row;
    the recipients under them."""
    blocks = [lead]
    for authority, post, name in form.co_signers:
        blocks.append([Paragraph(f"<b>{_esc(a)}</b>", sign) for a in authority]
                      + [Paragraph(f"<b>{_esc(post)}</b>", sign), Spacer(1, 58), Paragraph(f"<b>{_esc(name)}</b>", sign)])
    rows = [[blocks[k + 1] if k + 1 < len(blocks) else "", blocks[k]] for k in range(0, len(blocks), 2)]
    t = Table(rows, colWidths=[82 * mm, 83 * mm])
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                           ("BOTTOMPADDING", (0, 0), (-1, -1), 10)]))
    return [t, Spacer(1, 8), *recipients]


def draw_joint_form(rng: random.Random, system: str, doc_type: str, kinds: tuple[str, ...]) -> Form:
    kind = rng.choice(kinds)
    year = rng.randrange(2000, 2016)
    date = (year, rng.randrange(1, 13), rng.randrange(1, 29))
    ministries = rng.sample([m for m in JOINT_MINISTRIES if _in_force(m[0], date)], 3 if kind == "three" else 2)
    names = [name for name, _ in ministries]
    # joined by ' - ' where the names fit one line of the header's column, else one under another
    lines = (" - ".join(names),) if kind == "two" and len(" - ".join(names)) <= 32 else tuple(names)
    body = Body("state", lines, None, "-".join(abbr for _, abbr in ministries), "Hà Nội", "BỘ TRƯỞNG", "THỨ TRƯỞNG",
                None, level="ministry")
    topic = rng.choice(TOPICS)
    number = f"{rng.randrange(1, 80):02d}/{year}/TTLT-{body.abbr}"
    subject = rng.choice(CENTRAL_SUBJECTS["circular"][:2]).format(t=topic)
    lead, *others = [_joint_block(rng, name, date) for name in names]
    text = [("italic", f"Căn cứ {_law(date, NORMATIVE_LAWS)};")]
    for name in names:
        text.append(("italic", f"Căn cứ Nghị định số {rng.randrange(10, 130)}/{_cited_year(rng, date)}/NĐ-CP quy định "
                               f"chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của {_ministry(name)};"))
    ministers = [f"Bộ trưởng {_ministry(name)}" for name in names]
    enacting = f"{', '.join(ministers[:-1])} và {ministers[-1]}"
    text.append(("italic", f"{enacting} ban hành Thông tư liên tịch hướng dẫn {_esc(topic)}."))
    for k, sentence in enumerate(_sentences(rng, topic, year, 2), 1):
        text.append(("body", f"<b>Điều {k}.</b> " + _esc(sentence)))
    pool = [r for r in MINISTRY_RECIPIENTS if _in_force(r, date)]
    recipients = rng.sample(pool, rng.randrange(3, 5)) + [f"Lưu: VT, {', '.join(abbr for _, abbr in ministries)}"]
    return Form(system, doc_type, body, number, date, subject, text, [], recipients, lead[0], lead[1], lead[2],
                co_signers=others, issuer=" - ".join(names))


# ---------------------------------------------------------------- the councils plan: people's councils and pre-2004 provinces
# A third plan, drawn only when asked for (draw_forms(plan="councils")), with a rng of its own:
# - resolutions of a people's council (2004-2026): 'HỘI ĐỒNG NHÂN DÂN' over 'TỈNH X' (or HUYỆN, THÀNH PHỐ,
#   before the districts ended in July 2025), 'Số: 15/2023/NQ-HĐND' for a province's normative resolution
#   (the year in the symbol since the 2004 law), 'Số: 88/NQ-HĐND' for the others; under the subject the
#   council and its term and session ('KHÓA XIII, KỲ HỌP THỨ 15', 'KHOÁ' before 2010), the bases, the
#   'Xét Tờ trình số …' line (a date before the document's), 'QUYẾT NGHỊ:', articles, the last one closing
#   'Nghị quyết này đã được Hội đồng nhân dân … thông qua ngày …' (the session's day, mostly days before the
#   document's date, and the day it takes effect after); signed 'TM. HỘI ĐỒNG NHÂN DÂN' / 'CHỦ TỊCH' (or
#   'KT. CHỦ TỊCH' / 'PHÓ CHỦ TỊCH'), since 2016 often 'CHỦ TỊCH' alone. The terms' numbers are plausible,
#   counted back one a term from a 2021 term per province, not checked against each province's records.
# - a province's or district's documents of 1999-2003, as the notes on older documents have them: 'UỶ BAN
#   NHÂN DÂN' (the old tone placement, printed and kept in the truth: the scoring folds the two placements),
#   'CỘNG HOÀ', dates without the leading 0, symbols 'QĐ-UB', '2002/QĐ-UB', 'CT-UB', 'BC-UB' and a công văn's
#   'UB-VX'; the type line 'QUYẾT ĐỊNH CỦA (CHỦ TỊCH) UỶ BAN NHÂN DÂN TỈNH X' or 'CHỈ THỊ CỦA …' over a 'V/v' or
#   'Về việc' subject, the authority line, 'QUYẾT ĐỊNH:' or 'QUYẾT ĐỊNH'; signed 'T/M UỶ BAN NHÂN DÂN [TỈNH X]',
#   'K/T CHỦ TỊCH', 'T/L CHỦ TỊCH', a period after the slashed mark or none.
COUNCILS_PLAN = (
    ("state", "resolution", ("council_normative",)),
    ("state", "resolution", ("council_province", "council_district", "council_city")),
    ("state", "decision", ("old_province",)),
    ("state", "decision", ("old_chairman",)),
    ("state", "directive", ("old_province",)),
    ("state", "official_letter", ("old_province", "old_district")),
    ("state", "report", ("old_province", "old_district")),
)
PLANS["councils"] = COUNCILS_PLAN

# each province's city (capitals, as its council's header prints it)
CITIES = {"QUẢNG NGÃI": "QUẢNG NGÃI", "ĐIỆN BIÊN": "ĐIỆN BIÊN PHỦ", "NGHỆ AN": "VINH", "SƠN LA": "SƠN LA",
          "ĐỒNG THÁP": "CAO LÃNH", "HÀ TĨNH": "HÀ TĨNH", "THÁI BÌNH": "THÁI BÌNH", "KHÁNH HÒA": "NHA TRANG"}
# a province council's term from May 2021; each earlier term one less
TERM_2021 = {"QUẢNG NGÃI": 13, "ĐIỆN BIÊN": 15, "NGHỆ AN": 18, "SƠN LA": 15, "ĐỒNG THÁP": 10, "HÀ TĨNH": 18,
             "THÁI BÌNH": 19, "KHÁNH HÒA": 7}
# the councils' elections (year, month): a term runs from one to the next
ELECTIONS = ((1999, 11), (2004, 5), (2011, 5), (2016, 5), (2021, 5))
COUNCIL_SUBJECTS = {
    "normative": ("Quy định mức chi hỗ trợ {t} trên địa bàn tỉnh {p}", "Ban hành Quy định về {t} trên địa bàn tỉnh {p}",
                  "Quy định chính sách hỗ trợ {t} giai đoạn {y1} - {y5}"),
    "other": ("Về kế hoạch phát triển kinh tế - xã hội năm {y1}", "Về việc thông qua Đề án {t}",
              "Về chương trình giám sát của Hội đồng nhân dân {lvl} năm {y1}", "Về kết quả giám sát {t}"),
}
OLD_SUBJECTS = {
    "decision": ("{vv} phê duyệt Kế hoạch {t} năm {y}", "{vv} thành lập Ban Chỉ đạo {t}",
                 "{vv} ban hành Quy định về {t}"),
    "directive": ("{vv} tăng cường {t}", "{vv} đẩy mạnh {t} trên địa bàn"),
    "official_letter": ("triển khai {t}", "báo cáo kết quả {t} năm {y}"),
    "report": ("Tình hình {t} năm {y}", "Kết quả thực hiện {t} 6 tháng đầu năm {y}"),
}
COUNCIL_RECIPIENTS = ("Ủy ban Thường vụ Quốc hội", "Chính phủ", "Văn phòng Quốc hội", "Văn phòng Chính phủ",
                      "Cục Kiểm tra văn bản QPPL (Bộ Tư pháp)", "Thường trực Tỉnh ủy", "Đoàn ĐBQH tỉnh",
                      "Đại biểu HĐND tỉnh", "UBND tỉnh", "Các sở, ban, ngành tỉnh", "TT HĐND, UBND các huyện, thành phố")
OLD_RECIPIENTS = ("TT Tỉnh uỷ", "TT HĐND tỉnh", "CT, các PCT UBND tỉnh", "Các sở, ban, ngành tỉnh",
                  "UBND các huyện, thị xã", "Báo, Đài PTTH tỉnh")
OLD_UNITS = ("VX", "NN", "KT", "CN", "XD", "TH", "NC", "TM")


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def _days_before(date: tuple[int, int, int], days: int) -> tuple[int, int, int]:
    d = datetime.date(*date) - datetime.timedelta(days=days)
    return d.year, d.month, d.day


def _written(date: tuple[int, int, int]) -> str:
    """A date in a sentence, as the header prints it (NĐ 30: a 0 before days below 10 and the months 1 and 2)."""
    y, m, d = date
    return f"ngày {d:02d} tháng {m:02d} năm {y}" if m < 3 else f"ngày {d:02d} tháng {m} năm {y}"


_NEW_TONES = {"òa": "oà", "óa": "oá", "ỏa": "oả", "õa": "oã", "ọa": "oạ", "ủy": "uỷ", "úy": "uý", "ùy": "uỳ", "ũy": "uỹ",
              "ụy": "uỵ"}
_NEW_TONES.update({k.upper(): v.upper() for k, v in _NEW_TONES.items()})


def _old_tones(text: str) -> str:
    """The tone placed as before the 2000s' habit ('HÒA' printed 'HOÀ', 'ỦY' 'UỶ'): on a word's last vowel."""
    return re.sub("(" + "|".join(_NEW_TONES) + r")(?!\w)", lambda m: _NEW_TONES[m[1]], text)


def council_body(rng: random.Random, kind: str, date: tuple[int, int, int]) -> tuple[Body, str]:
    """A people's council or, before 2004, a people's committee that existed on `date`, and its province."""
    while True:
        province, districts, _ = rng.choice(PROVINCES)
        if _in_force(f"TỈNH {province}", date):
            break
    if kind in ("council_normative", "council_province"):
        return Body("state", ("HỘI ĐỒNG NHÂN DÂN", f"TỈNH {province}"), None, "HĐND", _title(province), "CHỦ TỊCH",
                    "PHÓ CHỦ TỊCH", "HỘI ĐỒNG NHÂN DÂN"), province
    if kind in ("council_district", "council_city"):
        unit, name = ("HUYỆN", rng.choice(districts)) if kind == "council_district" else ("THÀNH PHỐ", CITIES[province])
        return Body("state", ("HỘI ĐỒNG NHÂN DÂN", f"{unit} {name}"), None, "HĐND", _title(name), "CHỦ TỊCH",
                    "PHÓ CHỦ TỊCH", "HỘI ĐỒNG NHÂN DÂN", level="district"), province
    if kind == "old_district":
        district = rng.choice(districts)
        return Body("state", ("UỶ BAN NHÂN DÂN", _old_tones(f"HUYỆN {district}")), None, "UB", _old_tones(_title(district)), "CHỦ TỊCH",
                    "PHÓ CHỦ TỊCH", "UỶ BAN NHÂN DÂN", level="district"), province
    return Body("state", ("UỶ BAN NHÂN DÂN", _old_tones(f"TỈNH {province}")), None, "UB", _old_tones(_title(province)), "CHỦ TỊCH",
                "PHÓ CHỦ TỊCH", "UỶ BAN NHÂN DÂN"), province


def _term(body: Body, province: str, date: tuple[int, int, int], rng: random.Random) -> tuple[int, int]:
    """The council's term (khóa) and a session (kỳ họp) of it on `date`."""
    k = max(i for i, start in enumerate(ELECTIONS) if date[:2] >= start)
    base = TERM_2021.get(province, 12) + (6 if body.level == "district" else 0)
    years_in = date[0] - ELECTIONS[k][0]
    return base - (len(ELECTIONS) - 1 - k), rng.randrange(1 + 2 * years_in, 3 + 3 * years_in)


def _council_signing(rng: random.Random, body: Body, date: tuple[int, int, int]) -> tuple[list[str], str]:
    chains = [(["TM. HỘI ĐỒNG NHÂN DÂN"], "CHỦ TỊCH"), (["TM. HỘI ĐỒNG NHÂN DÂN", "KT. CHỦ TỊCH"], "PHÓ CHỦ TỊCH")]
    if date[0] >= 2016:  # recent resolutions are often signed by the chairman without the TM. line
        chains += [([], "CHỦ TỊCH"), ([], "CHỦ TỊCH"), (["KT. CHỦ TỊCH"], "PHÓ CHỦ TỊCH")]
    authority, post = rng.choice(chains)
    return list(authority), post


def _level_word(body: Body) -> str:
    """How a sentence names the body's unit: 'tỉnh', 'huyện', 'thành phố'."""
    return {"HUYỆN": "huyện", "THÀNH": "thành phố", "TỈNH": "tỉnh"}[body.lines[1].split()[0]]


def _council_text(rng: random.Random, body: Body, province: str, normative: bool, topic: str,
                  date: tuple[int, int, int], subject: str) -> list[tuple[str, str]]:
    term, session = _term(body, province, date, rng)
    khoa = "KHÓA" if date[0] >= 2010 else "KHOÁ"
    lvl = _level_word(body)
    about = subject.split(" ", 1)[1] if subject.startswith("Về ") else subject[:1].lower() + subject[1:]
    out = [("center", f"<b>{_esc(body.issuer)}</b>"), ("center", f"<b>{khoa} {_roman(term)}, KỲ HỌP THỨ {session}</b>"),
           ("italic", f"Căn cứ {_law(date, LOCAL_GOVERNMENT_LAWS)};")]
    if normative:
        out.append(("italic", f"Căn cứ {_law(date, LOCAL_NORMATIVE_LAWS)};"))
    submitted = _days_before(date, rng.randrange(12, 40))
    out.append(("italic", f"Xét Tờ trình số {rng.randrange(10, 300)}/TTr-UBND {_written(submitted)} của Ủy ban nhân "
                          f"dân {lvl} về {about}; Báo cáo thẩm tra của Ban Kinh tế - Ngân "
                          f"sách Hội đồng nhân dân {lvl}; ý kiến thảo luận của đại biểu Hội đồng nhân dân {lvl} tại kỳ họp."))
    out.append(("center", "<b>QUYẾT NGHỊ:</b>"))
    out.append(("body", f"<b>Điều 1.</b> " + _esc(_sentences(rng, topic, date[0], 1)[0])))
    out.append(("body", f"<b>Điều 2.</b> Giao Ủy ban nhân dân {lvl} tổ chức thực hiện Nghị quyết này. Thường trực Hội "
                        f"đồng nhân dân, các Ban và đại biểu Hội đồng nhân dân {lvl} giám sát việc thực hiện."))
    passed = _days_before(date, rng.choice((0, 2, 3, 5, 7, 10)))
    closing = (f"Nghị quyết này đã được Hội đồng nhân dân {lvl} {_title(body.lines[1].split(' ', 1)[1]) if lvl != 'tỉnh' else ''}"
               f" {khoa.title()} {_roman(term)}, Kỳ họp thứ {session} thông qua {_written(passed)}")
    if normative:
        closing += f" và có hiệu lực từ {_written(_days_before(date, -rng.randrange(10, 25)))}"
    out.append(("body", "<b>Điều 3.</b> " + _esc(" ".join(closing.replace(f"{lvl}  ", f"{lvl} ").split()) + ".")))
    return out


def _old_signing(rng: random.Random, body: Body, doc_type: str) -> tuple[list[str], str]:
    """The slashed marks of before 2004, a period after them or none; a collective's TM. line naming the
    locality or not."""
    dot = "." if rng.random() < 0.3 else ""
    tm, kt, tl = f"T/M{dot}", f"K/T{dot}", f"T/L{dot}"
    collective = body.collective + (f" {body.lines[1]}" if rng.random() < 0.5 else "")
    chains = [([f"{tm} {collective}"], "CHỦ TỊCH"), ([f"{tm} {collective}", f"{kt} CHỦ TỊCH"], "PHÓ CHỦ TỊCH")]
    if doc_type in ("decision", "directive", "report"):
        chains.append(([f"{kt} CHỦ TỊCH"], "PHÓ CHỦ TỊCH"))
    if doc_type in ("directive",):
        chains.append(([], "CHỦ TỊCH"))
    if doc_type == "official_letter":
        chains += [([f"{kt} CHỦ TỊCH"], "PHÓ CHỦ TỊCH"), ([f"{tl} CHỦ TỊCH"], "CHÁNH VĂN PHÒNG")]
    authority, post = rng.choice(chains)
    return list(authority), post


def _old_text(rng: random.Random, doc_type: str, body: Body, chairman: bool, topic: str,
              date: tuple[int, int, int]) -> list[tuple[str, str]]:
    year = date[0]
    who = f"CHỦ TỊCH {body.issuer}" if chairman else body.issuer
    if doc_type == "decision":
        out = [("center", f"<b>{_esc(who)}</b>"), ("italic", f"Căn cứ {_law(date, LOCAL_GOVERNMENT_LAWS)};")]
        if not chairman:
            out.append(("italic", f"Căn cứ {_law(date, LOCAL_NORMATIVE_LAWS)};"))
        out.append(("italic", f"Xét đề nghị của Giám đốc Sở {rng.choice(('Tư pháp', 'Tài chính', 'Kế hoạch và Đầu tư'))},"))
        out.append(("center", "<b>QUYẾT ĐỊNH:</b>" if rng.random() < 0.6 else "<b>QUYẾT ĐỊNH</b>"))
        for k, sentence in enumerate(_sentences(rng, topic, year, 2), 1):
            out.append(("body", f"<b>Điều {k}.</b> " + _esc(sentence)))
        out.append(("body", f"<b>Điều 3.</b> Chánh Văn phòng HĐND và UBND {'tỉnh' if body.level == 'province' else 'huyện'}, "
                            "Thủ trưởng các sở, ban, ngành và đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này."))
        return out
    out = [("body", _paragraph(rng, topic, year, 2))]
    if doc_type == "directive":
        out.append(("body", f"Để khắc phục tình trạng trên, {'Chủ tịch ' if chairman else ''}Uỷ ban nhân dân tỉnh chỉ thị:"))
    return out + _points_or_paragraph(rng, topic, year, doc_type == "directive")


def draw_council_form(rng: random.Random, system: str, doc_type: str, kinds: tuple[str, ...]) -> Form:
    kind = rng.choice(kinds)
    old = kind.startswith("old_")
    while True:
        year = rng.randrange(1999, 2004) if old else rng.randrange(2005 if kind == "council_normative" else 2004, 2027)
        date = (year, rng.randrange(1, 13), rng.randrange(1, 29))
        # district councils ended with the districts in July 2025
        if old or kind in ("council_normative", "council_province") or date[:2] < (2025, 7):
            break
    body, province = council_body(rng, kind, date)
    topic = rng.choice(TOPICS)
    recipients: list[str]
    if not old:
        normative = kind == "council_normative"
        code = f"{year}/NQ-HĐND" if normative else "NQ-HĐND"
        number = f"{rng.randrange(1, 60 if normative else 200):02d}/{code}"
        subject = rng.choice(COUNCIL_SUBJECTS["normative" if normative else "other"]).format(
            t=topic, p=body.place, y1=year + 1, y5=year + 5, lvl=_level_word(body))
        authority, post = _council_signing(rng, body, date)
        paragraphs = _council_text(rng, body, province, normative, topic, date, subject)
        pool = [r for r in COUNCIL_RECIPIENTS if _in_force(r, date)]
        recipients = rng.sample(pool, rng.randrange(3, 6)) + ["Lưu: VT"]
        return Form(system, doc_type, body, number, date, subject, paragraphs, [], recipients, authority, post,
                    _name(rng))
    chairman = kind == "old_chairman"
    vv = rng.choice(("V/v", "Về việc"))
    subject = rng.choice(OLD_SUBJECTS[doc_type]).format(vv=vv, t=topic, y=year)
    serial = rng.randrange(1, 3000)
    if doc_type == "official_letter":
        number = f"{serial}/UB-{rng.choice(OLD_UNITS)}"
    elif doc_type in ("decision", "directive") and not chairman and year >= 2000 and rng.random() < 0.5:
        number = f"{rng.randrange(1, 200):02d}/{year}/{BY_CODE[doc_type].state}-UB"
    else:
        number = f"{serial if doc_type == 'decision' else rng.randrange(1, 90):02d}/{BY_CODE[doc_type].state}-UB"
    title = None
    if doc_type in ("decision", "directive"):
        title = f"{BY_CODE[doc_type].name} CỦA {'CHỦ TỊCH ' if chairman or rng.random() < 0.3 and doc_type == 'directive' else ''}{body.issuer}"
    authority, post = _old_signing(rng, body, doc_type)
    recipients = rng.sample(OLD_RECIPIENTS, rng.randrange(3, 6))
    addressees: list[str] = []
    if doc_type == "decision":
        recipients.insert(0, "Như điều 3")
    if doc_type == "official_letter":
        addressees = rng.sample(ADDRESSEES, rng.randrange(1, 3))
        recipients.insert(0, "Như trên")
    recipients.append(f"Lưu VP, {rng.choice(OLD_UNITS)}")
    urgency = rng.choice(("KHẨN", "HOẢ TỐC")) if doc_type == "official_letter" and rng.random() < 0.2 else None
    return Form(system, doc_type, body, number, date, subject, _old_text(rng, doc_type, body, chairman, topic, date),
                addressees, recipients, authority, post, _name(rng), urgency, None, title=title, old_style=True)


# ---------------------------------------------------------------- the party_central plan: the Party's central organs
# A plan drawn only when asked for (draw_forms(plan="party_central")), from its own tuples: documents of the
# Central Committee, the Politburo, the Secretariat and the central boards, 1999-2026. What was verified, and
# where (docs/benchmarks.md, forms section, has the sources):
# - the header: 'BAN CHẤP HÀNH TRUNG ƯƠNG' alone, top left, for the Committee's, the Politburo's and the
#   Secretariat's documents (Quy định 97-QĐ/TW of the Politburo, 2023; Quy định 66-QĐ/TW of the Secretariat, 2017);
#   a central board under it, 'BAN CHẤP HÀNH TRUNG ƯƠNG' / 'VĂN PHÒNG' (01-HD/VPTW 1998, 11-HD/VPTW 2004,
#   36-HD/VPTW 2018), / 'ỦY BAN KIỂM TRA' (06-HD/UBKTTW 2018), the board's name in bold; then '*' and
#   'Số 36-HD/VPTW' (no colon in the printed guidance); 'ĐẢNG CỘNG SẢN VIỆT NAM' top right, 'Hà Nội, ngày …' under it.
# - symbols: 'NQ/TW', 'CT/TW', 'KL/TW' (121-KL/TW of the Committee, 126- and 127-KL/TW of the Politburo and the
#   Secretariat, 2025), a Quy định 'QĐi/TW' in 2018-2019 (07-QĐi/TW, 28/8/2018; 11-QĐi/TW, 18/02/2019) but
#   'QĐ/TW' before and after (66-QĐ/TW 2017, 213-QĐ/TW 2020, 97-QĐ/TW 2023), a board's 'CV/BTCTW' (8011-CV/BTCTW,
#   2025), 'CV/BTGTW' (86-CV/BTGTW, 2016), 'HD/UBKTTW'; dates with a leading 0 (HD 36 2018: 'ngày 20 tháng 02'),
#   without one in the 2004 guidance's own print ('ngày 28 tháng 5 năm 2004').
# - the Secretariat's directives signed on its behalf by its standing member ('Thay mặt Ban Bí thư, Thường trực
#   Ban Bí thư … đã ký', Chỉ thị 26-CT/TW, 2023).
# Not verified (from memory of real documents, drawn so): the type line over 'CỦA BỘ CHÍNH TRỊ' / 'CỦA BAN BÍ THƯ'
# (the seeds' ward resolution prints 'CỦA BAN CHẤP HÀNH ĐẢNG BỘ PHƯỜNG' so) and a Committee resolution's 'HỘI NGHỊ
# LẦN THỨ … BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG KHÓA …' line; 'T/M BỘ CHÍNH TRỊ' / 'TỔNG BÍ THƯ' where the General
# Secretary signs and no post where another member does; the boards' 'K/T TRƯỞNG BAN' / 'PHÓ TRƯỞNG BAN'; a
# notice's 'T/L BAN BÍ THƯ' / 'CHÁNH VĂN PHÒNG'; the boards' names and codes by era (Ban Tư tưởng - Văn hóa until
# 2007, Ban Tuyên giáo until 2025, then Ban Tuyên giáo và Dân vận).

PARTY_CENTRAL_PLAN = (
    ("party", "resolution", ("central_committee", "politburo")),
    ("party", "directive", ("politburo", "secretariat")),
    ("party", "conclusion", ("central_committee", "politburo", "secretariat")),
    ("party", "rules", ("central_committee", "politburo", "secretariat")),
    ("party", "notice", ("politburo", "secretariat")),
    ("party", "guidance", ("organisation", "inspection", "office", "propaganda")),  # or a board's plan (KH)
    ("party", "official_letter", ("organisation", "propaganda", "mass_mobilisation", "office", "inspection")),
)
PLANS["party_central"] = PARTY_CENTRAL_PLAN

CENTRAL_COMMITTEE = "BAN CHẤP HÀNH TRUNG ƯƠNG"
# the collective each organ's T/M line names, and the line under the type naming whose the document is
PARTY_ORGANS = {"central_committee": ("BAN CHẤP HÀNH TRUNG ƯƠNG", None), "politburo": ("BỘ CHÍNH TRỊ", "CỦA BỘ CHÍNH TRỊ"),
                "secretariat": ("BAN BÍ THƯ", "CỦA BAN BÍ THƯ")}
# a board's kind -> its names by era ((from, until) months, the until one excluded), code, head and deputy posts,
# and the collective a T/M line names where the board works as one (the inspection commission)
PARTY_BOARDS_TW = {
    "organisation": ((("BAN TỔ CHỨC", "BTCTW", None, None),), "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", None),
    "propaganda": ((("BAN TƯ TƯỞNG - VĂN HÓA", "BTTVHTW", None, (2007, 4)), ("BAN TUYÊN GIÁO", "BTGTW", (2007, 4), (2025, 2)),
                    ("BAN TUYÊN GIÁO VÀ DÂN VẬN", "BTGDVTW", (2025, 2), None)), "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", None),
    "mass_mobilisation": ((("BAN DÂN VẬN", "BDVTW", None, (2025, 2)), ("BAN TUYÊN GIÁO VÀ DÂN VẬN", "BTGDVTW", (2025, 2), None)),
                          "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", None),
    "office": ((("VĂN PHÒNG", "VPTW", None, None),), "CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", None),
    "inspection": ((("ỦY BAN KIỂM TRA", "UBKTTW", None, None),), "CHỦ NHIỆM", "PHÓ CHỦ NHIỆM", "ỦY BAN KIỂM TRA"),
}
# the Party's congress terms (khóa) by the month each began: a resolution names its plenum's term
PARTY_TERMS = (((1996, 7), "VIII"), ((2001, 4), "IX"), ((2006, 4), "X"), ((2011, 1), "XI"), ((2016, 1), "XII"),
               ((2021, 2), "XIII"), ((2026, 1), "XIV"))
ORGANS_IN_TEXT = {"central_committee": "Ban Chấp hành Trung ương", "politburo": "Bộ Chính trị", "secretariat": "Ban Bí thư"}
PLENUMS = ("HAI", "BA", "TƯ", "NĂM", "SÁU", "BẢY", "TÁM", "CHÍN", "MƯỜI")
PARTY_CENTRAL_SUBJECTS = {
    "resolution": ("về {t}", "về tiếp tục đổi mới {t} trong tình hình mới"),
    "directive": ("về tăng cường sự lãnh đạo của Đảng đối với {t}", "về đẩy mạnh {t}"),
    "conclusion": ("về tiếp tục thực hiện Nghị quyết số {ref}-NQ/TW về {t}", "về {t} đến năm {y5}"),
    "rules": ("về {t}", "về trách nhiệm của người đứng đầu trong {t}"),
    "notice": ("kết luận của {organ} về {t}", "ý kiến của {organ} về {t}"),
    "guidance": ("thực hiện {t}", "một số vấn đề cụ thể về {t}"),
    "plan": ("triển khai {t} năm {y}",),
    "official_letter": ("triển khai {t}", "báo cáo kết quả {t} năm {y}"),
}
PARTY_CENTRAL_RECIPIENTS = ("Các tỉnh ủy, thành ủy", "Các ban đảng, ban cán sự đảng, đảng đoàn, đảng ủy trực thuộc Trung ương",
                            "Các đồng chí Ủy viên Ban Chấp hành Trung ương Đảng", "Các đảng ủy đơn vị sự nghiệp Trung ương",
                            "Văn phòng Chủ tịch nước", "Văn phòng Quốc hội", "Văn phòng Chính phủ")
PARTY_CENTRAL_ADDRESSEES = ("Các tỉnh ủy, thành ủy trực thuộc Trung ương", "Các ban đảng Trung ương",
                            "Các đảng ủy trực thuộc Trung ương", "Ban cán sự đảng các bộ, ngành Trung ương")


def _in_months(date: tuple[int, int, int], start, end) -> bool:
    return (start is None or date[:2] >= start) and (end is None or date[:2] < end)


def party_central_body(rng: random.Random, kind: str, date: tuple[int, int, int]) -> Body:
    if kind in PARTY_ORGANS:
        collective, _ = PARTY_ORGANS[kind]
        return Body("party", (CENTRAL_COMMITTEE,), None, "TW", "Hà Nội", "TỔNG BÍ THƯ", "TỔNG BÍ THƯ", collective,
                    level=kind)
    names, head, deputy, collective = PARTY_BOARDS_TW[kind]
    name, abbr = next((n, a) for n, a, start, end in names if _in_months(date, start, end))
    return Body("party", (name,), CENTRAL_COMMITTEE, abbr, "Hà Nội", head, deputy, collective, office="CHÁNH VĂN PHÒNG",
                level="central_board")


def _party_central_signing(rng: random.Random, body: Body, doc_type: str) -> tuple[list[str], str | None]:
    if body.level == "central_committee":
        return [f"T/M {body.collective}"], "TỔNG BÍ THƯ"
    if body.level in ("politburo", "secretariat"):
        # the General Secretary signs under his post; the standing member of the Secretariat (or another) under none
        choices = [([f"T/M {body.collective}"], "TỔNG BÍ THƯ"), ([f"T/M {body.collective}"], None)]
        if body.level == "secretariat":
            choices.append(([f"T/M {body.collective}"], None))
        if doc_type == "notice":
            choices.append(([f"T/L {body.collective}"], "CHÁNH VĂN PHÒNG"))
        authority, post = rng.choice(choices)
        return list(authority), post
    if body.collective:  # the inspection commission: its chairman or a deputy for it (HD 36: a Party deputy under T/M)
        choices = [([f"T/M {body.collective}"], body.head), ([f"T/M {body.collective}"], body.deputy)]
    else:
        choices = [([], body.head), ([f"K/T {body.head}"], body.deputy)]
    authority, post = rng.choice(choices)
    return list(authority), post


def _party_central_number(rng: random.Random, body: Body, doc_type: str, date: tuple[int, int, int]) -> str:
    code = BY_CODE[doc_type].party
    if doc_type == "rules" and not (date[:2] >= (2018, 8) and date[0] <= 2019 and rng.random() < 0.8):
        code = "QĐ"  # 'QĐi' only in 2018-2019; a Quy định is 'QĐ/TW' before and after
    top = 9000 if doc_type == "official_letter" else (300 if body.abbr == "TW" else 120)
    return f"{rng.randrange(1, top):02d}-{code}/{body.abbr}"


def _term_of(date: tuple[int, int, int]) -> str:
    return [term for start, term in PARTY_TERMS if date[:2] >= start][-1]


def _party_central_text(rng: random.Random, doc_type: str, body: Body, topic: str,
                        date: tuple[int, int, int]) -> list[tuple[str, str]]:
    year = date[0]
    if doc_type == "rules":
        out = [("italic", "- Căn cứ Điều lệ Đảng;"),
               ("italic", f"- Căn cứ Quy chế làm việc của Ban Chấp hành Trung ương, Bộ Chính trị và Ban Bí thư khóa {_term_of(date)};"),
               ("body", f"{ORGANS_IN_TEXT[body.level]} quy định như sau:")]
        for k, sentence in enumerate(_sentences(rng, topic, year, 3), 1):
            out.append(("body", f"<b>Điều {k}.</b> " + _esc(sentence)))
        return out
    out = [("body", _paragraph(rng, topic, year, 2))]
    if doc_type in ("resolution", "conclusion", "directive"):
        out.append(("heading", "I- TÌNH HÌNH VÀ NGUYÊN NHÂN" if doc_type == "resolution" else "Yêu cầu các cấp ủy, tổ chức đảng:"))
    return out + _points_or_paragraph(rng, topic, year, doc_type != "official_letter")


def draw_party_central_form(rng: random.Random, system: str, doc_type: str, kinds: tuple[str, ...]) -> Form:
    kind = rng.choice(kinds)
    year = rng.randrange(2001 if doc_type == "conclusion" else 1999, 2027)
    date = (year, rng.randrange(1, 13), rng.randrange(1, 29))
    body = party_central_body(rng, kind, date)
    if doc_type == "guidance" and rng.random() < 0.4:
        doc_type = "plan"
    topic = rng.choice(TOPICS)
    organ_name = {"politburo": "Bộ Chính trị", "secretariat": "Ban Bí thư"}.get(body.level, "Bộ Chính trị")
    subject = rng.choice(PARTY_CENTRAL_SUBJECTS[doc_type]).format(
        t=topic, y=year, y5=year + 5, organ=organ_name, ref=f"{rng.randrange(1, 60):02d}")
    organ = None
    if body.level == "central_committee" and doc_type == "resolution":
        organ = f"HỘI NGHỊ LẦN THỨ {rng.choice(PLENUMS)} BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG KHÓA {_term_of(date)}"
    elif body.level in PARTY_ORGANS and doc_type in ("resolution", "directive", "conclusion"):
        # a regulation prints its subject straight under QUY ĐỊNH (97-QĐ/TW, 09-QC/TW as transcribed)
        organ = PARTY_ORGANS[body.level][1] or "CỦA BAN CHẤP HÀNH TRUNG ƯƠNG"
    authority, post = _party_central_signing(rng, body, doc_type)
    recipients = rng.sample(PARTY_CENTRAL_RECIPIENTS, rng.randrange(2, 5))
    addressees: list[str] = []
    if doc_type == "official_letter":
        addressees = rng.sample(PARTY_CENTRAL_ADDRESSEES, rng.randrange(1, 3))
        recipients.insert(0, "Như trên")
    recipients.append("Lưu Văn phòng Trung ương Đảng" if body.abbr in ("TW", "VPTW") else "Lưu Văn phòng Ban")
    secrecy = "MẬT" if rng.random() < 0.1 else None
    return Form(system, doc_type, body, _party_central_number(rng, body, doc_type, date), date, subject,
                _party_central_text(rng, doc_type, body, topic, date), addressees, recipients, authority, post,
                _name(rng), None, secrecy, old_style=date[:2] < (2018, 4), organ=organ, wide=True)


# ---------------------------------------------------------------- the assembly plan: the National Assembly and the President
# A fifth plan (draw_forms(plan="assembly")), drawn from its own seed's rng like the others: the National Assembly's
# laws and resolutions, its Standing Committee's resolutions and ordinances, the President's orders publishing a law,
# 1999-2026. As checked against real texts (the laws of ../shared/corpus/vlc, one a file, 1989-2020; public texts of a
# Standing Committee resolution of 2024, a National Assembly resolution of 2025 and a President's order of 2025):
# - a law: 'QUỐC HỘI' top left, 'Luật số: 59/2020/QH14' ('Số: 16/1999/QH10' before 2006, and now and then after;
#   the term's number after QH), the motto at the right; 'LUẬT' over its name in capitals; 'Căn cứ Hiến pháp …;'
#   and 'Quốc hội ban hành Luật …' (before 2014 the 1992 Constitution as amended in 2001, and 'Luật này quy định …');
#   chapters and articles; closing 'Luật này (đã) được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XIV,
#   kỳ họp thứ 9 thông qua ngày 17 tháng 6 năm 2020.'; signed 'CHỦ TỊCH QUỐC HỘI' and the name, no TM. line, no
#   'Nơi nhận'. Laws of 2005-2007 print 'QUỐC HỘI NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM' and 'Khóa XI, kỳ họp
#   thứ 9' over 'LUẬT'. The texts read print 'Hà Nội, ngày …' (the day it was passed) under the motto; whether the
#   signed originals do could not be checked (Nghị định 34/2016's forms were not found), so half the documents
#   print it and half do not; the record's date is the day it was passed either way, its place 'Hà Nội' only where printed.
# - a National Assembly resolution: 'Nghị quyết số: 198/2025/QH15', 'NGHỊ QUYẾT' over its subject in capitals,
#   'QUỐC HỘI' centred, bases, 'QUYẾT NGHỊ:', articles, 'Nghị quyết này được Quốc hội … thông qua ngày …'.
# - the Standing Committee's: 'ỦY BAN THƯỜNG VỤ' over 'QUỐC HỘI' (one line is too wide for the column), a
#   normative resolution 'Nghị quyết số: 45/2024/UBTVQH15', another 'Số: 1654/NQ-UBTVQH15' (the symbol
#   seen in citations; its label assumed); 'ỦY BAN THƯỜNG VỤ QUỐC HỘI' centred, 'QUYẾT NGHỊ:', closing '… được Ủy
#   ban Thường vụ Quốc hội … khóa XV, phiên họp thứ 32 thông qua ngày …', signed 'TM. ỦY BAN THƯỜNG VỤ QUỐC HỘI' /
#   'CHỦ TỊCH'. An ordinance: 'Pháp lệnh số: 06/2013/UBTVQH13' (a re-read original); symbols of QH10-QH12 hold
#   'PL-' ('26/2005/PL-UBTVQH11', as cited; printed then after 'Số:', assumed).
# - the President's order publishing a law (2014-2026, the 2013 Constitution's articles): 'CHỦ TỊCH NƯỚC', 'Số:
#   07/2025/L-CTN', 'Hà Nội, ngày …' (its own day, days after the law's), 'LỆNH' / 'Về việc công bố Luật', 'CHỦ TỊCH'
#   / 'NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM' centred, 'Căn cứ Điều 88 và Điều 91 của Hiến pháp …;' (recalled: the order
#   read publishes an amendment of the Constitution and cites its Điều 120), 'NAY CÔNG BỐ:', the law's name and 'Đã được Quốc hội … thông qua ngày …'; signed 'CHỦ TỊCH' / 'NƯỚC CỘNG HÒA XÃ HỘI CHỦ
#   NGHĨA VIỆT NAM' (the post in the truth, its two lines joined) and the name.
# Not checked, so not drawn: a Standing Committee resolution signed by a deputy (KT. CHỦ TỊCH), the label of older
# individual resolutions, the older orders' symbols ('18-L/CTN', 1993). The chairs' names are drawn, one per term.
ASSEMBLY_PLAN = (
    ("state", "law", ("assembly",)),
    ("state", "resolution", ("assembly",)),
    ("state", "resolution", ("standing_committee",)),
    ("state", "ordinance", ("standing_committee",)),
    ("state", "order", ("president",)),
    ("state", "law", ("assembly",)),
)
PLANS["assembly"] = ASSEMBLY_PLAN

# the National Assembly's terms (khóa) and when each began (year, month): X from 1997 to XV from 2021
ASSEMBLY_TERMS = ((10, (1997, 9)), (11, (2002, 7)), (12, (2007, 7)), (13, (2011, 7)), (14, (2016, 7)), (15, (2021, 7)))
ASSEMBLY_LAWS = ("PHÒNG, CHỐNG THIÊN TAI", "TÀI NGUYÊN NƯỚC", "THƯ VIỆN", "LƯU TRỮ", "ĐO LƯỜNG", "DÂN SỐ",
                 "THANH NIÊN", "HỢP TÁC XÃ", "QUY HOẠCH", "KIẾN TRÚC", "TRỒNG TRỌT", "CHĂN NUÔI", "LÂM NGHIỆP",
                 "GIÁO DỤC NGHỀ NGHIỆP", "AN TOÀN THỰC PHẨM", "PHÒNG, CHỐNG TÁC HẠI CỦA RƯỢU, BIA")
ASSEMBLY_SUBJECTS = {
    "assembly": ("VỀ KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM {y1}", "VỀ DỰ TOÁN NGÂN SÁCH NHÀ NƯỚC NĂM {y1}",
                 "VỀ CHƯƠNG TRÌNH GIÁM SÁT CỦA QUỐC HỘI NĂM {y1}", "VỀ KỲ HỌP THỨ {k}, QUỐC HỘI KHÓA {term}",
                 "VỀ MỘT SỐ CƠ CHẾ, CHÍNH SÁCH ĐẶC THÙ VỀ {T}"),
    "normative": ("QUY ĐỊNH CHI TIẾT MỘT SỐ ĐIỀU CỦA LUẬT {law}", "HƯỚNG DẪN VIỆC {T}",
                  "ĐIỀU CHỈNH CHƯƠNG TRÌNH XÂY DỰNG LUẬT, PHÁP LỆNH NĂM {y}"),
    "individual": ("VỀ VIỆC THÀNH LẬP ĐOÀN GIÁM SÁT {T}", "VỀ KẾT QUẢ GIÁM SÁT {T}",
                   "VỀ CHƯƠNG TRÌNH CÔNG TÁC NĂM {y1} CỦA ỦY BAN THƯỜNG VỤ QUỐC HỘI"),
    "ordinance": ("{law}", "SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA PHÁP LỆNH {law}"),
}
ASSEMBLY_RECIPIENTS = ("Chính phủ", "Hội đồng Dân tộc, các Ủy ban của Quốc hội", "Văn phòng Quốc hội",
                       "Tòa án nhân dân tối cao", "Viện kiểm sát nhân dân tối cao", "Các Đoàn ĐBQH")
CONSTITUTIONS = (((1992, 4), "Căn cứ vào Hiến pháp nước Cộng hoà xã hội chủ nghĩa Việt Nam năm 1992;"),
                 ((2002, 1), "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 1992 đã được sửa đổi, bổ "
                             "sung một số điều theo Nghị quyết số 51/2001/QH10;"),
                 ((2014, 1), "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;"))


def _assembly_term(date: tuple[int, int, int]) -> int:
    return [term for term, start in ASSEMBLY_TERMS if date[:2] >= start][-1]


def _chair(term: int) -> str:
    """The Assembly's chair of a term, who chairs its Standing Committee too, drawn once for it (not the real one)."""
    return _name(random.Random(term * 7919))


def _session_day(rng: random.Random, lo: int, hi: int) -> tuple[int, int, int]:
    """A day the Assembly sits: its mid-year session (May-June) or its year-end one (October-December)."""
    while True:
        year = rng.randrange(lo, hi)
        date = (year, rng.choice((5, 6, 6, 10, 11, 11, 12)), rng.randrange(1, 29))
        if (1999, 1) <= date[:2] <= (2026, 6):
            return date


def _years_in(term: int, date: tuple[int, int, int]) -> int:
    start = dict(ASSEMBLY_TERMS)[term]
    return max(0, date[0] - start[0] - (date[1] < start[1]))


def _passed(who: str, term: int, sitting: str, date: tuple[int, int, int]) -> str:
    """'… được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XIV, kỳ họp thứ 9 thông qua ngày …'."""
    khoa = "khóa" if date[0] >= 2010 else "khoá"
    motto = "Cộng hòa" if date[0] >= 2010 else "Cộng hoà"
    return (f"{who} nước {motto} xã hội chủ nghĩa Việt Nam {khoa} {_roman(term)}, {sitting} thông qua "
            f"{_written(date)}")


def _law_name(rng: random.Random) -> str:
    name = rng.choice(ASSEMBLY_LAWS)
    return name if rng.random() < 0.7 else f"SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA LUẬT {name}"


def _articles(rng: random.Random, topic: str, year: int, n: int) -> list[tuple[str, str]]:
    return [("body", f"<b>Điều {k}.</b> " + _esc(sentence)) for k, sentence in enumerate(_sentences(rng, topic, year, n), 1)]


def draw_assembly_form(rng: random.Random, system: str, doc_type: str, kinds: tuple[str, ...]) -> Form:
    kind = rng.choice(kinds)
    topic = rng.choice(TOPICS)
    if kind == "president":
        passed = _session_day(rng, 2014, 2027)
        date = _days_before(passed, -rng.randrange(4, 15))
        term = _assembly_term(passed)
        body = Body("state", ("CHỦ TỊCH NƯỚC",), None, "CTN", "Hà Nội", "CHỦ TỊCH NƯỚC", "PHÓ CHỦ TỊCH NƯỚC", None,
                    level="president")
        ordinance = rng.random() < 0.25
        what = "Pháp lệnh" if ordinance else "Luật"
        law = _law_name(rng)
        who = "Ủy ban Thường vụ Quốc hội" if ordinance else "Quốc hội"
        sitting = f"phiên họp thứ {rng.randrange(2, 60)}" if ordinance else f"kỳ họp thứ {2 * _years_in(term, passed) + rng.randrange(1, 3)}"
        paragraphs = [("center", "<b>CHỦ TỊCH</b>"), ("center", "<b>NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b>"),
                      ("italic", "Căn cứ Điều 88 và Điều 91 của Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;"),
                      ("italic", "Căn cứ Điều 80 của Luật Ban hành văn bản quy phạm pháp luật;"),
                      ("center", "<b>NAY CÔNG BỐ:</b>"),
                      ("center", f"<b>{_esc(what)} {_esc(law[:1] + law[1:].lower())}</b>"),
                      ("body", _esc(_passed(f"Đã được {who}", term, sitting, passed)) + ".")]
        number = f"{rng.randrange(1, 40):02d}/{date[0]}/L-CTN"
        return Form(system, doc_type, body, number, date, f"Về việc công bố {what}", paragraphs, [], [], [],
                    "CHỦ TỊCH|NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", _name(rng))
    date = _session_day(rng, 1999, 2027)
    term = _assembly_term(date)
    years = _years_in(term, date)
    dated = rng.random() < 0.5
    if kind == "assembly":
        body = Body("state", ("QUỐC HỘI",), None, "QH", "Hà Nội", "CHỦ TỊCH QUỐC HỘI", "PHÓ CHỦ TỊCH QUỐC HỘI", None,
                    level="assembly")
        session = 2 * years + (1 if date[1] < 9 else 2)
        number = f"{rng.randrange(1, 25 + 25 * years):02d}/{date[0]}/QH{term}"
        basis = _law(date, CONSTITUTIONS)
        sitting = f"kỳ họp thứ {session}"
        if doc_type == "law":
            name = _law_name(rng)
            label = "Số:" if date[0] < 2006 or rng.random() < 0.15 else "Luật số:"
            pretitle = []
            if term == 11 and date[0] >= 2005:
                khoa = "Khóa" if rng.random() < 0.5 else "Khoá"
                pretitle = ["QUỐC HỘI NƯỚC CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", f"{khoa} {_roman(term)}, kỳ họp thứ {session}"]
            enact = ("Quốc hội ban hành Luật " + name[:1] + name[1:].lower() + "." if date[0] >= 2014
                     else "Luật này quy định về " + _esc(topic) + ".")
            paragraphs = [("italic", basis), ("italic", enact), ("center", "<b>Chương I</b>"),
                          ("center", "<b>NHỮNG QUY ĐỊNH CHUNG</b>"), *_articles(rng, topic, date[0], 3)]
            closing = _passed("Luật này " + ("được" if date[0] >= 2016 else "đã được") + " Quốc hội", term, sitting, date) + "."
            return Form(system, doc_type, body, number, date, name, paragraphs, [], [], [], body.head, _chair(term),
                        number_label=label, dated=dated, pretitle=pretitle, closing=closing)
        subject = rng.choice(ASSEMBLY_SUBJECTS["assembly"]).format(
            y1=date[0] + 1, k=session, term=_roman(term), T=topic.upper())
        paragraphs = [("center", "<b>QUỐC HỘI</b>"), ("italic", basis), ("center", "<b>QUYẾT NGHỊ:</b>"),
                      *_articles(rng, topic, date[0], 2)]
        closing = _passed("Nghị quyết này " + ("được" if date[0] >= 2016 else "đã được") + " Quốc hội", term, sitting, date) + "."
        return Form(system, doc_type, body, number, date, subject, paragraphs, [], [], [], body.head, _chair(term),
                    number_label="Nghị quyết số:" if date[0] >= 2006 else "Số:", dated=dated, closing=closing)
    # the Standing Committee
    body = Body("state", ("ỦY BAN THƯỜNG VỤ", "QUỐC HỘI"), None, f"UBTVQH{term}", "Hà Nội", "CHỦ TỊCH", "PHÓ CHỦ TỊCH",
                "ỦY BAN THƯỜNG VỤ QUỐC HỘI", level="standing_committee")
    sitting = f"phiên họp thứ {1 + 12 * years + rng.randrange(0, 12)}"
    law = rng.choice(ASSEMBLY_LAWS)
    basis = _law(date, CONSTITUTIONS)
    if doc_type == "ordinance":
        code = f"PL-UBTVQH{term}" if term <= 12 else f"UBTVQH{term}"
        number = f"{rng.randrange(1, 20):02d}/{date[0]}/{code}"
        subject = rng.choice(ASSEMBLY_SUBJECTS["ordinance"]).format(law=law)
        paragraphs = [("italic", basis), ("italic", "Ủy ban Thường vụ Quốc hội ban hành Pháp lệnh " + subject[:1] + subject[1:].lower() + "."),
                      ("center", "<b>Chương I</b>"), ("center", "<b>NHỮNG QUY ĐỊNH CHUNG</b>"),
                      *_articles(rng, topic, date[0], 2)]
        closing = _passed("Pháp lệnh này đã được Ủy ban Thường vụ Quốc hội", term, sitting, date) + "."
        return Form(system, doc_type, body, number, date, subject, paragraphs, [], [], ["TM. ỦY BAN THƯỜNG VỤ QUỐC HỘI"],
                    "CHỦ TỊCH", _chair(term), number_label="Số:" if term <= 11 else "Pháp lệnh số:", dated=dated,
                    closing=closing)
    normative = rng.random() < 0.5
    if normative:
        number = f"{rng.randrange(1, 150):02d}/{date[0]}/UBTVQH{term}"
        label = "Nghị quyết số:"
        subject = rng.choice(ASSEMBLY_SUBJECTS["normative"]).format(law=law, T=topic.upper(), y=date[0])
        recipients: list[str] = []
    else:
        number = f"{rng.randrange(1, 300 + 400 * years)}/NQ-UBTVQH{term}"
        label = "Số:"
        subject = rng.choice(ASSEMBLY_SUBJECTS["individual"]).format(T=topic.upper(), y1=date[0] + 1)
        recipients = rng.sample(ASSEMBLY_RECIPIENTS, rng.randrange(2, 5)) + ["Lưu: HC, TH"]
    paragraphs = [("center", "<b>ỦY BAN THƯỜNG VỤ QUỐC HỘI</b>"), ("italic", basis),
                  ("italic", f"Căn cứ {_law(date, NORMATIVE_LAWS)};"), ("center", "<b>QUYẾT NGHỊ:</b>"),
                  *_articles(rng, topic, date[0], 2)]
    closing = _passed("Nghị quyết này " + ("được" if date[0] >= 2016 else "đã được") + " Ủy ban Thường vụ Quốc hội",
                      term, sitting, date) + "."
    return Form(system, doc_type, body, number, date, subject, paragraphs, [], recipients,
                ["TM. ỦY BAN THƯỜNG VỤ QUỐC HỘI"], "CHỦ TỊCH", _chair(term), number_label=label,
                dated=dated or not normative, closing=closing)
