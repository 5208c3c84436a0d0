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

from vnresolve.pipeline.options import PipelineOptions
from vnresolve.pipeline.process import PIPELINE_VERSION
from vnresolve.schemas import SCHEMA_VERSION


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
    """e.g. '0.4.0.dev23;restorer=ngram-trigram-v1@3f2a9c1b7d04;lang=vie;ocr=auto;dpi=None;preprocess=None;tables=True;psm=3;record=compact;schema=1.6'.

    Every ingest option is in it but those that only change speed (IngestOptions.RUNTIME_ONLY), so an
    option added later joins the key by itself."""
    ing = options.ingest
    fields = [f"{name}={getattr(ing, name)}" for name in type(ing).model_fields if name not in ing.RUNTIME_ONLY]
    # the archive files asked for: a document done without --pdf is done again when it is asked
    archives = [f"archives={'+'.join(options.archives)}" + (f";pdfa={options.pdfa}" if options.pdf else "")] \
        if options.archives else []
    # a lexicon that learnt more since a document was done redoes it
    lexicon = [f"lexicon={_file_digest(options.lexicon)}"] if options.lexicon else []
    # the written form's schema: an output in an older compact form is written again in today's
    return ";".join([PIPELINE_VERSION, f"restorer={restorer_name(options)}", *fields, f"record={options.record}",
                     f"schema={SCHEMA_VERSION}", *archives, *lexicon])


def _file_digest(path: str) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]
    except FileNotFoundError:
        return "none"
