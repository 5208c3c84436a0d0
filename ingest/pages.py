"""Assembling pages into the Document skeleton every later stage fills in."""

from __future__ import annotations

from pathlib import Path

from vnresolve.ingest.identity import sha256_file
from vnresolve.ingest.layout import tag_running_lines
from vnresolve.schemas import Document, Page, Source, Warning


PAGE_SEPARATOR = "\n\n"


def join_pages(pages: list[Page]) -> str:
    """Concatenate page texts, recording each page's [start, end) offsets in place."""
    parts, offset = [], 0
    for i, page in enumerate(pages):
        if i:
            parts.append(PAGE_SEPARATOR)
            offset += len(PAGE_SEPARATOR)
        page.start, page.end = offset, offset + len(page.text)
        parts.append(page.text)
        offset = page.end
    return "".join(parts)


def build_document(path: Path, kind: str, pages: list[Page], warnings: list[Warning], encoding: str | None = None) -> Document:
    changed = tag_running_lines(pages)
    if changed:
        warnings = warnings + [Warning(code="running-header", stage="ingest",
                                       message=f"a line repeated in the page margin on {len(changed)} pages was tagged as a running header/footer and kept out of the text")]
    text = join_pages(pages)
    return Document(
        source=Source(
            path=path.as_posix(),
            sha256=sha256_file(path),
            kind=kind,
            pages=len(pages),
            size_bytes=path.stat().st_size,
            encoding=encoding,
        ),
        text=text,
        pages=pages,
        warnings=warnings,
    )
