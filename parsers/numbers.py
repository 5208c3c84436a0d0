"""Vietnamese number format: '.' groups thousands, ',' is the decimal mark."""

from __future__ import annotations

import re

NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_NUMBER_RE = re.compile(NUMBER)
_RANGE = re.compile(rf"^\s*(?:từ\s+)?(?P<low>{NUMBER})\s*%?\s*(?:[-–—]|đến)\s*(?P<high>{NUMBER})\s*%?\s*$", re.IGNORECASE)


def parse_vn_number(text: str) -> float:
    """'2.310' -> 2310.0, '10,5' -> 10.5, '01' -> 1.0.

    A lone '.' followed by other than three digits ('10.5', as some typists
    write) is read as a decimal point, since no thousands grouping fits it.
    """
    cleaned = text.strip().replace(" ", "")
    if re.fullmatch(r"\d+\.\d{1,2}", cleaned):
        return float(cleaned)
    if not re.fullmatch(NUMBER, cleaned):
        raise ValueError(f"not a Vietnamese-format number: {text!r}")
    return float(cleaned.replace(".", "").replace(",", "."))


def parse_cell_value(text: str) -> tuple[float | None, float | None, float | None]:
    """A table cell's planned value as (value, low, high): '8.800-9.000' is a range."""
    # a text layer wraps '9.000' in a narrow cell as '9. 000'
    cleaned = re.sub(r"(?<=[\d.,])\s+(?=\d)", "", text.strip()).rstrip("%").strip()
    if not cleaned:
        return None, None, None
    if m := _RANGE.match(cleaned):
        return None, parse_vn_number(m.group("low")), parse_vn_number(m.group("high"))
    m = re.search(rf"(?<![\d.,])(?:{NUMBER}|\d+\.\d{{1,2}})(?![\d])", cleaned)
    if not m:
        return None, None, None
    try:
        return parse_vn_number(m.group(0)), None, None
    except ValueError:
        return None, None, None
