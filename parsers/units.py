"""Units of measure that follow a target value, matched on folded OCR text.

The canonical spelling is what goes into the JSON, whatever the OCR made of
it ("triéu dong/ngudi/nam" still reports 'triệu đồng/người/năm').
"""

from __future__ import annotations

import re

from vnresolve.parsers.text import fold

# Longest first wins, so compound units precede their heads.
UNITS = [
    "triệu đồng/người/năm", "triệu đồng/người/tháng", "triệu đồng/người", "triệu đồng/tháng", "triệu đồng/năm",
    "nghìn tỷ đồng", "tỷ đồng", "triệu đồng", "triệu USD", "nghìn USD", "USD",
    "bác sĩ/vạn dân", "giường bệnh/vạn dân", "dược sĩ/vạn dân",
    "triệu lượt khách", "nghìn lượt khách", "ngàn lượt khách", "lượt khách", "triệu lượt", "nghìn lượt", "ngàn lượt", "lượt",
    "lượt lao động", "lượt người", "lao động", "người", "hộ gia đình", "hộ", "tuổi", "ha", "km", "tấn", "con", "cây",
    "xã", "phường", "thôn", "bản", "sản phẩm", "doanh nghiệp", "hợp tác xã", "đảng viên", "tổ chức đảng",
    "mô hình", "tiêu chí", "cuộc", "trường", "đề án", "dự án", "công trình", "cơ chế", "chính sách",
    "địa phương", "vụ việc", "vụ", "lần", "căn", "nhà", "học sinh", "chi bộ", "cơ sở", "tác phẩm",
    "km²", "m²", "m3", "MW", "kWh",
]
_VOWEL = "[aeiouyd0-9&@]"


def _loose(word: str) -> str:
    """Word pattern where any vowel may be an OCR misread ('ngudi' for 'người')."""
    out = []
    if len(word) < 4:
        return re.escape(word)
    for i, ch in enumerate(word):
        if ch in "aeiouy" and i:
            out.append(_VOWEL)
        elif ch == "d" and i == 0:
            out.append("(?:dp|bp|d|p|b)")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def _unit_source(unit: str) -> str:
    if unit == "%":
        return "%"
    parts = []
    for seg in fold(unit).split("/"):
        parts.append(r"\s+".join(_loose(w) for w in seg.split()))
    return r"\s*/\s*".join(parts)


_ORDER = sorted(range(len(UNITS)), key=lambda i: (-len(UNITS[i]), i))
_UNIT_RE = re.compile(
    r"(?:" + "|".join(f"(?P<u{i}>{_unit_source(UNITS[i])})" for i in _ORDER) + r")(?![a-z0-9])"
)


def match_unit(folded: str, pos: int) -> tuple[str, int] | None:
    """Canonical unit starting at `pos` of folded text (after spaces), and its end."""
    i = pos
    while i < len(folded) and folded[i] == " ":
        i += 1
    if i < len(folded) and folded[i] == "%":
        return "%", i + 1
    m = _UNIT_RE.match(folded, i)
    if not m:
        return None
    for name, value in m.groupdict().items():
        if value is not None:
            return UNITS[int(name[1:])], m.end()
    return None
