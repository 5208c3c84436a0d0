"""The stages after ingest, all with one protocol.

A stage is prepared while the document's pages are still being OCR'd (a model loads, the parsers'
patterns build: work that would otherwise sit on every document's critical path); a page stage
then sees each page as soon as it exists; a document stage turns the assembled Document into the
next. The stage runner (pipeline/process.py) runs them in order and names the stage of any error.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

from vnresolve.pipeline.result import ErrorItem

if TYPE_CHECKING:
    from vnresolve.diacritics import RestoreResult, Restorer
    from vnresolve.schemas import Document, Page


class Stage(Protocol):
    name: str  # the stage an ErrorItem names

    def prepare(self) -> None:
        """Ready what the stage needs; runs while the pages are read (workers OCR them meanwhile)."""

    def document(self, doc: Document, errors: list[ErrorItem]) -> Document:
        """The next Document; a failure that leaves the rest usable is added to `errors`."""


@runtime_checkable
class PageStage(Protocol):
    def page(self, page: Page) -> None:
        """See one page as soon as it exists (it may still change before the Document is made)."""


class Restore:
    """Diacritic restoration. A restorer that restores each page on its own restores the pages as
    they arrive from OCR; the document stage then takes those results for every page whose text
    is unchanged and restores the rest (a running header tagged after the last page, or every
    page for a restorer that learns from the whole document)."""

    name = "restore"

    def __init__(self, restorer: str, lexicon: str | None = None):
        self.restorer_name = restorer
        self.lexicon = lexicon
        self.forms: dict[str, str] = {}  # an archive lexicon's spellings (diacritics/lexicon.py)
        self.restorer: Restorer | None = None
        self._alone = False
        self._done: dict[str, RestoreResult] = {}  # page text -> its restoration

    def prepare(self) -> None:
        from vnresolve.diacritics import load_restorer, restores_pages_alone

        self.restorer = load_restorer(self.restorer_name)
        self._alone = restores_pages_alone(self.restorer_name)
        if self.lexicon:
            from vnresolve.diacritics.lexicon import read_forms

            self.forms = read_forms(self.lexicon)

    def page(self, page: Page) -> None:
        if self._alone and page.text not in self._done:
            self._done[page.text] = self.restorer.restore_pages([page.text])[0]

    def document(self, doc: Document, errors: list[ErrorItem]) -> Document:
        from vnresolve.pipeline.restore import restore_document

        texts = [page.text for page in doc.pages]
        missing = [t for t in texts if t not in self._done]
        fresh = iter(self.restorer.restore_pages(missing) if missing else ())
        results = [self._done[t] if t in self._done else next(fresh) for t in texts]
        if self.forms:
            from vnresolve.diacritics.lexicon import prefer

            results = [prefer(result, self.forms) for result in results]
        return restore_document(doc, results, self.restorer.name)


class Parse:
    """The parsers (vnresolve.parsers.STAGES); one that fails leaves its part empty: a partial success."""

    name = "parse"

    def __init__(self, lexicon: str | None = None):
        self.lexicon = lexicon

    def prepare(self) -> None:
        from vnresolve import parsers
        from vnresolve.parsers import gazetteer

        gazetteer.use_lexicon(gazetteer.lexicon_agencies(self.lexicon) if self.lexicon else ())
        parsers.prepare()

    def document(self, doc: Document, errors: list[ErrorItem]) -> Document:
        from vnresolve import parsers

        def failed(stage: str, err: Exception) -> None:
            errors.append(ErrorItem(self.name, "parser-failed", f"{stage}: {type(err).__name__}: {err}"))

        return parsers.parse(doc, on_error=failed)


class Validate:
    """Everything the stages wrote, checked once more against the schema."""

    name = "validate"

    def prepare(self) -> None:
        pass

    def document(self, doc: Document, errors: list[ErrorItem]) -> Document:
        from vnresolve.schemas import Document

        return Document.model_validate(doc.model_dump())
