"""The version key that decides whether a finished output can be reused.

Resume trusts an output only when it came from the same bytes *and* the same
code and knobs; anything that can change the JSON belongs in this key, so a
new pipeline release, another restorer model or another OCR language makes
the batch redo the work instead of silently mixing old and new outputs.
"""

from __future__ import annotations

from pipeline.process import PIPELINE_VERSION, PipelineOptions


def restorer_name(options: PipelineOptions) -> str:
    if not options.restore:
        return "none"
    from diacritics import load_restorer

    return load_restorer(options.restorer).name


def version_key(options: PipelineOptions) -> str:
    """e.g. '0.1.0;restorer=ngram-2;lang=vie;ocr=auto;dpi=native'."""
    ing = options.ingest
    dpi = "native" if ing.dpi is None else str(ing.dpi)
    return f"{PIPELINE_VERSION};restorer={restorer_name(options)};lang={ing.lang};ocr={ing.ocr};dpi={dpi}"
