"""The version key that decides whether a finished output can be reused.

Resume trusts an output only when it came from the same bytes *and* the same
code, model and knobs; anything that can change the JSON belongs in this key,
so a new pipeline release, a retrained restorer model or another OCR
language makes the batch redo the work instead of silently mixing old and
new outputs.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from vnresolve.pipeline.process import PIPELINE_VERSION, PipelineOptions


@functools.cache
def _model_fingerprint() -> str:
    """Content hash of the shipped restorer model files: a retrain keeps the model's name, not its bytes."""
    from vnresolve import diacritics

    folder = Path(diacritics.__file__).parent / "model"
    digest = hashlib.sha256()
    for file in sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []:
        digest.update(file.relative_to(folder).as_posix().encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()[:12]


def restorer_name(options: PipelineOptions) -> str:
    if not options.restore:
        return "none"
    from vnresolve.diacritics import restorer_label

    name = restorer_label(options.restorer)
    return name if name == "passthrough" else f"{name}@{_model_fingerprint()}"


def version_key(options: PipelineOptions) -> str:
    """e.g. '0.2.0;restorer=ngram-trigram-v1@3f2a9c1b7d04;lang=vie;ocr=auto;dpi=native'."""
    ing = options.ingest
    dpi = "native" if ing.dpi is None else str(ing.dpi)
    return f"{PIPELINE_VERSION};restorer={restorer_name(options)};lang={ing.lang};ocr={ing.ocr};dpi={dpi}"
