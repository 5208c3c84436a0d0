"""Parsers: restored text (+ page layout and tables) becomes document structure.

Each stage has the one signature `stage(doc) -> doc` and fills one part of the
Document; `STAGES` is their order (later stages read what earlier ones wrote,
e.g. indicators read the section tree).
"""

from __future__ import annotations

from collections.abc import Callable

from parsers.indicators import parse_indicators
from parsers.metadata import parse_metadata
from parsers.references import parse_references
from parsers.sections import parse_sections
from schemas import Document

Stage = Callable[[Document], Document]

STAGES: list[Stage] = [parse_metadata, parse_sections, parse_indicators, parse_references]


def parse(doc: Document) -> Document:
    for stage in STAGES:
        doc = stage(doc)
    return doc


__all__ = ["STAGES", "Stage", "parse"]
