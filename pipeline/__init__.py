"""Orchestration: file → pages → restored text → structure → validated JSON, one document
(process.py, task.py) or a resumable batch (batch.py, executors, manifest).

This package is the only one that knows every stage; `ingest`, `diacritics` and `parsers` never
import it (data flows one way). The public API is `vnresolve.convert/restore/parse` (api.py).
"""
