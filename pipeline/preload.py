"""The stages after OCR, made ready on a thread while the page workers OCR.

The document's process is idle while its page workers OCR, and everything after the last page
was wall time every scanned document paid: loading the restorer (≈0.25 s of one core with its
kernels built ahead of time, diacritics/aot.py; ≈0.7 s with numba's start-up), building the
parsers' gazetteer pattern (≈0.15 s), restoring ≈10 ms a page. `Preload` is the
ingest.ocr.OcrWatcher that does them meanwhile. Its thread runs at the lowest CPU priority: with
both cores busy with Tesseract it takes only the gaps (workers starting up, the wait for the last
page) instead of slowing the OCR down by as much as it saves.
"""

from __future__ import annotations

import os
import sys
import threading
from concurrent.futures import Future
from queue import SimpleQueue
from typing import TYPE_CHECKING

from vnresolve.diacritics import RestoreResult, Restorer, load_restorer, restores_pages_alone

if TYPE_CHECKING:
    from vnresolve.schemas import Page

# load_restorer caches per process but does not lock: a thread left loading by a document whose
# ingest failed must not race the next document's load into a second copy of the model.
_LOAD_LOCK = threading.Lock()


def _load_restorer(name: str) -> Restorer:
    with _LOAD_LOCK:
        return load_restorer(name)


class Preload:
    """Readies the restorer `restorer_name` (None: the document is not restored) and the parsers.

    A restorer that restores each page on its own (diacritics.restores_pages_alone) restores the
    pages as they come back from OCR; `restorer()` hands those results back for every page whose
    text is still the one restored (ingest may still change a page: running headers), so the
    document is the one a restore after the last page gives."""

    def __init__(self, restorer_name: str | None):
        self.name = restorer_name
        self._loaded: Future[Restorer | None] | None = None  # set once the thread has started
        self._thread: threading.Thread | None = None
        self._pages: SimpleQueue[str | None] = SimpleQueue()
        self._stop = threading.Event()
        self._early: dict[str, RestoreResult] = {}  # page text -> its restoration; the thread's until it is joined

    def workers_started(self) -> None:
        """Start the thread; ingest calls this once its page pool exists, so no fork follows."""
        if self._thread is None:
            self._loaded = Future()
            self._thread = threading.Thread(target=self._run, args=(self._loaded,), name="stage-preload", daemon=True)
            self._thread.start()

    def page_done(self, page: Page) -> None:
        if self._thread is not None and self.name is not None:
            self._pages.put(page.text)

    def restorer(self) -> Restorer | None:
        """The restorer for the document (None when not restoring), once the thread has stopped:
        it waits for a load in progress and for the page being restored, never for the queue."""
        if self._thread is not None:
            self.abandon()
            self._thread.join()
        if self.name is None:
            return None
        restorer = self._loaded.result() if self._loaded is not None else _load_restorer(self.name)
        return _Reusing(restorer, self._early) if self._early else restorer

    def abandon(self) -> None:
        """Stop the thread after its current step without waiting for it (ingest failed: a batch
        worker goes on to its next document, and a thread waiting for pages would live on)."""
        self._stop.set()
        self._pages.put(None)

    def _run(self, loaded: Future[Restorer | None]) -> None:
        if sys.platform.startswith("linux"):  # there, a thread id as PRIO_PROCESS target renices just this thread
            try:
                os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
            except OSError:
                pass
        try:
            restorer = _load_restorer(self.name) if self.name is not None else None
        except BaseException as err:  # raised by restorer(), as if the caller had loaded the model itself
            loaded.set_exception(err)
            restorer = None
        else:
            loaded.set_result(restorer)
        try:
            from vnresolve import parsers
            import vnresolve.pipeline.restore  # noqa: F401 - imported here, not before the first page (executors._import_stages)

            parsers.prepare()
        except Exception:  # noqa: BLE001 - the parsers build it again in the document, and report it there
            pass
        if restorer is None or not restores_pages_alone(self.name):
            return
        while not self._stop.is_set():
            text = self._pages.get()
            if text is None:
                return
            if text not in self._early:
                try:
                    self._early[text] = restorer.restore_pages([text])[0]
                except Exception:  # noqa: BLE001 - the caller restores this page again and meets the error there
                    return


class _Reusing:
    """The document's restorer, handing back the pages restored while the others were OCR'd."""

    def __init__(self, restorer: Restorer, early: dict[str, RestoreResult]):
        self.name = restorer.name
        self._restorer = restorer
        self._early = early

    def restore(self, text: str) -> RestoreResult:
        return self.restore_pages([text])[0]

    def restore_text(self, text: str) -> str:
        return self.restore(text).text

    def restore_pages(self, texts: list[str]) -> list[RestoreResult]:
        missing = [t for t in texts if t not in self._early]
        fresh = iter(self._restorer.restore_pages(missing) if missing else ())
        return [self._early[t] if t in self._early else next(fresh) for t in texts]
