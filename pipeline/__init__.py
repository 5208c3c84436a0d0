"""Orchestration: file → pages → restored text → structure → validated JSON.

This package is the only one that knows every stage; `ingest`, `diacritics`
and `parsers` never import it (data flows one way).
"""

from vnresolve.pipeline.process import PipelineOptions, process_file, process_text

__all__ = ["PipelineOptions", "process_file", "process_text"]
