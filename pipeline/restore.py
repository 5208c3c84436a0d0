"""The restoration stage: run the restorer over each page and re-join the text."""

from __future__ import annotations

from diacritics import Restorer
from ingest.pages import join_pages
from schemas import Correction, Document, Restoration


def restore_document(doc: Document, restorer: Restorer) -> Document:
    """Restore page by page (page texts stay aligned with their page), then rebuild `text`.
    The pages go to the restorer together: it adapts to the whole document's OCR habits."""
    corrections: list[Correction] = []
    tokens = 0
    model = restorer.name
    restored_pages = []
    for page, result in zip(doc.pages, restorer.restore_pages([page.text for page in doc.pages])):
        model, tokens = result.model, tokens + result.tokens
        restored_pages.append((page, result))
        page.text = result.text
    doc.text = join_pages(doc.pages)
    for page, result in restored_pages:
        corrections.extend(
            Correction(
                start=page.start + c.start, end=page.start + c.end, original=c.original, restored=c.restored,
                confidence=round(c.confidence, 4), alternatives=list(c.alternatives),
            )
            for c in result.changes
        )
    doc.restoration = Restoration(model=model, tokens=tokens, changed=len(corrections), corrections=corrections)
    return doc
