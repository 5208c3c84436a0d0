"""Parsers: restored text (+ page layout and tables) becomes document structure.

Each stage has the one signature `stage(doc) -> doc` and fills one part of the
Document; `STAGES` is their order (later stages read what earlier ones wrote:
indicators read the section tree, agencies read indicators and tasks). A stage
that fails on a document it does not understand leaves its part empty and
adds a warning instead of stopping the others.
"""

from __future__ import annotations

from collections.abc import Callable

from vnresolve.parsers import bodies, gazetteer, places
from vnresolve.parsers.agencies import parse_agencies
from vnresolve.parsers.goals import parse_goals
from vnresolve.parsers.indicators import parse_indicators
from vnresolve.parsers.metadata import parse_metadata
from vnresolve.parsers.references import parse_references
from vnresolve.parsers.sections import parse_sections
from vnresolve.parsers.table_stage import parse_tables
from vnresolve.parsers.tasks import parse_tasks
from vnresolve.schemas import Document, Warning

Stage = Callable[[Document], Document]

STAGES: list[Stage] = [
    parse_metadata, parse_sections, parse_goals, parse_indicators, parse_tables, parse_tasks, parse_agencies,
    parse_references,
]


def parse(doc: Document, on_error: Callable[[str, Exception], None] | None = None) -> Document:
    """Every stage in order. A stage that raises leaves its part empty, adds a `parser-failed`
    warning to the document and tells `on_error` (the pipeline counts it as a partial success)."""
    for stage in STAGES:
        try:
            doc = stage(doc)
        except Exception as err:  # noqa: BLE001 - one confused stage must not lose the others' output
            doc.warnings.append(Warning(code="parser-failed", stage=f"parsers.{stage.__name__}",
                                        message=f"{type(err).__name__}: {err}"))
            if on_error is not None:
                on_error(stage.__name__, err)
    return doc


def prepare() -> None:
    """Build what the parsers otherwise build in their first document (see gazetteer.prepare)."""
    gazetteer.prepare()
    places.prepare()
    bodies.prepare()


__all__ = ["STAGES", "Stage", "parse", "prepare"]
