"""A document's identity: the SHA-256 of its bytes.

Kept free of heavy imports: the batch process hashes every input during
discovery and must not pull in the ingest backends or pydantic to do it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path


def sha256_file(path: Path) -> str:
    """Same bytes under two names are one document; streamed so a 1 GB scan is never in memory."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()
