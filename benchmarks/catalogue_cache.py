"""Ingested real scans for the catalogue benchmark, cached under benchmarks/.cache/catalogue.

OCR of these scans costs 1-3 s a page; the parsers take milliseconds. The benchmark keeps each
document as ingest and restoration left it (parts the parsers fill emptied) keyed by the file's
bytes and the pipeline's version key (code, model, ingest options), so a parser change re-scores in seconds.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

from vnresolve.schemas import Document, Metadata, dump_document
from vnresolve.schemas.models import SCHEMA_VERSION

SHARED = Path(os.environ.get("VNRESOLVE_SHARED", Path(__file__).resolve().parents[2] / "shared"))
REALSCANS = SHARED / "realscans"
CACHE = Path(__file__).resolve().parent / ".cache" / "catalogue"


def _key(path: Path) -> str:
    from vnresolve.pipeline.options import PipelineOptions
    from vnresolve.pipeline.version import version_key

    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return hashlib.sha256(f"{digest}:{version_key(PipelineOptions())}".encode()).hexdigest()[:24]


def unparsed(doc: Document) -> Document:
    """The document before the parsers: what `parsers.parse` reads."""
    return doc.model_copy(update={"metadata": Metadata(), "sections": [], "goals": [], "indicators": [], "tasks": [],
                                  "agencies": [], "references": [],
                                  "warnings": [w for w in doc.warnings if not (w.stage or "").startswith("parsers")]})


def ingested(path: Path, cache: Path = CACHE) -> Document:
    """`path` ingested and restored, from the cache (folder `cache`) when its bytes were seen before."""
    import vnresolve

    cache.mkdir(parents=True, exist_ok=True)
    cached = cache / f"{path.stem[:40]}-{_key(path)}.json"
    if cached.exists():
        data = json.loads(cached.read_text(encoding="utf-8"))
        data["schema_version"] = SCHEMA_VERSION  # pages and text are the same in every version
        return Document.model_validate(data)
    result = vnresolve.convert(path)
    if result.document is None:
        raise RuntimeError(f"{path}: {result.reason}")
    doc = unparsed(result.document)
    cached.write_text(dump_document(doc), encoding="utf-8")
    return doc


if __name__ == "__main__":  # warm the cache: python -m benchmarks.catalogue_cache FILE...
    for arg in sys.argv[1:]:
        print(arg, len(ingested(Path(arg)).pages), flush=True)
