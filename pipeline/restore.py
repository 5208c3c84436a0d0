"""The restoration stage: run the restorer over each page and re-join the text."""

from __future__ import annotations

from vnresolve.diacritics import RestoreResult
from vnresolve.ingest.pages import join_pages
from vnresolve.schemas import Correction, Document, Restoration


def corrections_of(result: RestoreResult, offset: int = 0) -> list[Correction]:
    """The restorer's per-token records as the JSON contract's corrections, their spans moved by
    `offset` (where the restored text starts in the document's text)."""
    return [Correction(start=offset + c.start, end=offset + c.end, original=c.original, restored=c.restored,
                       confidence=round(c.confidence, 4), alternatives=list(c.alternatives)) for c in result.changes]


def restoration_of(result: RestoreResult) -> Restoration:
    """The Restoration record of one restored text (`vnresolve restore --json`)."""
    corrections = corrections_of(result)
    return Restoration(model=result.model, tokens=result.tokens, changed=len(corrections), corrections=corrections)


def restore_document(doc: Document, results: list[RestoreResult], model: str) -> Document:
    """Each page's text replaced by its restoration (page texts stay aligned with their page), the
    document's text rebuilt and the corrections recorded at their offsets in it."""
    corrections: list[Correction] = []
    tokens = 0
    for page, result in zip(doc.pages, results, strict=True):
        model, tokens = result.model, tokens + result.tokens
        page.text = result.text
    doc.text = join_pages(doc.pages)
    for page, result in zip(doc.pages, results):
        corrections.extend(corrections_of(result, page.start))
    doc.restoration = Restoration(model=model, tokens=tokens, changed=len(corrections), corrections=corrections)
    return doc
