"""Page furniture tagged from the OCR lines: a lone letter beside a seal is not body text."""

from __future__ import annotations

from vnresolve.ingest.layout import make_line, tag_roles
from vnresolve.schemas import Word


def _line(text: str, conf: float, y: int = 1500) -> object:
    return make_line([Word(text=t, bbox=(600 + 80 * i, y, 660 + 80 * i, y + 40), conf=conf) for i, t in enumerate(text.split())])


def test_a_lone_letter_from_a_seal_or_signature_is_a_stamp_not_body_text():
    lines = [_line("Ầ", 0.0), _line("À", 69.0), _line("=Ä,——", 0.0), _line("a)", 93.0), _line("5 và 6;", 96.0),
             _line("Trần Hoàng Tuấn", 90.0)]
    roles = [line.role for line in tag_roles(lines, 2480, 3508)]
    assert roles == ["stamp", "stamp", "stamp", "body", "body", "body"]


def test_a_plain_capital_read_surely_alone_on_a_line_stays_body_text():
    # an annex's or a list's heading letter; read unsure it is a mark like the seal's
    roles = [line.role for line in tag_roles([_line("B", 95.0), _line("I", 91.0), _line("A", 12.0)], 2480, 3508)]
    assert roles == ["body", "body", "stamp"]
