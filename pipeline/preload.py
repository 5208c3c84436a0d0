"""The restorer, loaded on a thread while the page workers OCR.

Loading it costs ≈0.7 s of one core (numba's start-up, the model's arrays). Done after the
last page, that was wall time every scanned document paid; the batch process is idle while its
page workers OCR, so it loads the model then. The thread runs at the lowest CPU priority: with
both cores busy with Tesseract it takes only the gaps (workers starting up, the wait for the last
page) instead of slowing the OCR down by as much as it saves.
"""

from __future__ import annotations

import os
import sys
import threading
from concurrent.futures import Future

from diacritics import Restorer, load_restorer

# load_restorer caches per process but does not lock: a thread left loading by a document whose
# ingest failed must not race the next document's load into a second copy of the model.
_LOAD_LOCK = threading.Lock()


def _load_restorer(name: str) -> Restorer:
    with _LOAD_LOCK:
        return load_restorer(name)


class RestorerPreload:
    def __init__(self, name: str):
        self.name = name
        self._loaded: Future[Restorer] | None = None  # set once start() has handed the load to a thread

    def start(self) -> None:
        """Begin loading; the caller guarantees no fork follows (ingest calls it once its page pool exists)."""
        if self._loaded is None:
            self._loaded = Future()
            threading.Thread(target=self._load, args=(self._loaded,), name="restorer-preload", daemon=True).start()

    def _load(self, loaded: Future[Restorer]) -> None:
        if sys.platform.startswith("linux"):  # there, a thread id as PRIO_PROCESS target renices just this thread
            try:
                os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
            except OSError:
                pass
        try:
            loaded.set_result(_load_restorer(self.name))
        except BaseException as err:  # raised by result(), as if the caller had loaded the model itself
            loaded.set_exception(err)

    def result(self) -> Restorer:
        """The restorer: waits for the thread if it was started, else loads it here."""
        return self._loaded.result() if self._loaded is not None else _load_restorer(self.name)
