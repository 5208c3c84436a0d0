"""The pages of one input as every backend hands them over, and the Document skeleton they make."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from vnresolve.ingest.identity import sha256_file
from vnresolve.ingest.layout import tag_running_lines
from vnresolve.schemas import Document, Page, Source, Warning

if TYPE_CHECKING:
    from vnresolve.ingest.ocr import OcrRun


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


def build_document(path: Path, kind: str, pages: list[Page], warnings: list[Warning], encoding: str | None = None,
                   name: str | None = None) -> Document:
    """`name`: what Source.path records (default: the path as given)."""
    changed = tag_running_lines(pages)
    if changed:
        warnings = warnings + [Warning(code="running-header", stage="ingest",
                                       message=f"a line repeated in the page margin on {len(changed)} pages was tagged as a running header/footer and kept out of the text")]
    text = join_pages(pages)
    return Document(
        source=Source(
            path=name or path.as_posix(),
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


@dataclass
class PageStream:
    """What every backend returns: one input's pages, those being OCR'd arriving as they are read.

    Iterating yields each page once, as soon as it exists (pages read directly first, then the
    OCR'd ones in page order); `document()` takes what is left and assembles the Document. A page
    may still change before the Document is made: running headers are tagged once every page is in.
    `close()` stops OCR still running (ingest_file and the pipeline use it as a context manager)."""

    path: Path
    kind: str  # Source.kind: text, image, pdf-text, pdf-scanned, pdf-mixed
    ready: list[Page]
    warnings: list[Warning]
    ocr: OcrRun | None = None
    encoding: str | None = None
    name: str | None = None  # what the Document's Source.path records (default: `path` as given)
    _seen: list[Page] = field(default_factory=list, init=False)
    _pages: Iterator[Page] | None = field(default=None, init=False)

    def __iter__(self) -> Iterator[Page]:
        if self._pages is None:
            self._pages = self._flow()
        return self._pages

    def _flow(self) -> Iterator[Page]:
        for page in self.ready:
            self._seen.append(page)
            yield page
        for page, warnings in self.ocr or ():
            self.warnings.extend(warnings)
            self._seen.append(page)
            yield page

    def document(self) -> Document:
        for _ in self:
            pass
        return build_document(self.path, self.kind, sorted(self._seen, key=lambda p: p.number), self.warnings,
                              encoding=self.encoding, name=self.name)

    def close(self) -> None:
        if self.ocr is not None:
            self.ocr.close()

    def __enter__(self) -> PageStream:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
