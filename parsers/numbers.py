"""Vietnamese number format: '.' groups thousands, ',' is the decimal mark."""

from __future__ import annotations

import re

NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"


def parse_vn_number(text: str) -> float:
    """'2.310' -> 2310.0, '10,5' -> 10.5, '01' -> 1.0."""
    cleaned = text.strip()
    if not re.fullmatch(NUMBER, cleaned):
        raise ValueError(f"not a Vietnamese-format number: {text!r}")
    return float(cleaned.replace(".", "").replace(",", "."))
