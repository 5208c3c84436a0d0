"""The letters OCR reads for one another, folded, in one place: print's (a post, a name in small letters),
a name's in capitals, a place's in a header, a body's in a header's capitals. Each table is the pairs a
rule mends through; a pair left out is one that real names differ by there. The rules find the one letter
two readings differ by with one_letter_apart."""

from __future__ import annotations

# letters print OCR reads for one another, folded: a stroke or a gap apart ('n' whose right stem broke read
# 'r'; 'n' and 'u' turned; 'c' and 'e'; 'i', 'l' and 't'; 'h' and 'b'; 'o' and 'a'; 'm' and 'n')
CONFUSED = (("r", "n"), ("n", "u"), ("c", "e"), ("i", "l"), ("l", "t"), ("h", "b"), ("o", "a"), ("m", "n"))
# and in a name printed in capitals, one letter for one: a Q read O, its tail lost; a B read R, its lower bowl
# open; an O under its marks read U ('ĐỐC' read 'ĐỤC': the hat and the tone mark run into a seal's red)
MISREAD_PAIRS = frozenset(frozenset(pair) for pair in (*CONFUSED, ("o", "q"), ("b", "r"), ("o", "u")))
# a place's name in a header is mended through CONFUSED and a Q read O only: O and U, B and R are real
# names' letters there ('ĐỨC LẬP' beside 'ĐỘC LẬP', 'LỤC YÊN' beside 'LỘC YÊN')
PLACE_MISREAD_PAIRS = frozenset(frozenset(pair) for pair in (*CONFUSED, ("o", "q")))
# a letter of a body's or a place's name in a header's capitals read as one of like outline ('GHÍNH' for
# 'CHÍNH'), the pairs bodies.near_name mends through; a mark misread keeps the folded letter
CAPITAL_MISREAD_PAIRS = frozenset(frozenset(pair) for pair in (("c", "g"), ("o", "q"), ("o", "d"), ("i", "l"),
                                                              ("u", "v"), ("e", "f"), ("h", "n")))


def one_letter_apart(read: str, name: str) -> tuple[str, str] | None:
    """(the letter read, the letter meant) where `read` is `name` with one letter alone another (keys of a
    length); None otherwise."""
    diff = [(a, b) for a, b in zip(read, name) if a != b]
    return diff[0] if len(read) == len(name) and len(diff) == 1 else None


def one_letter_misread(read: str, name: str, pairs: frozenset[frozenset[str]]) -> bool:
    """Whether `read` is `name` with one letter read as another, the two a pair of `pairs` (folded keys)."""
    diff = one_letter_apart(read, name)
    return diff is not None and frozenset(diff) in pairs
