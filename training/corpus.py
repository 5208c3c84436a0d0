"""Read ../shared/corpus as documents and split them deterministically into train and held-out.

The split is by a hash of the document name, so training, synthetic-pair generation and the
benchmarks agree on which documents were never seen by the model, without storing any list.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Iterator
from pathlib import Path

HELD_OUT_MODULUS = 25  # 1 document in 25 is held out for benchmarks


def is_held_out(name: str) -> bool:
    digest = hashlib.md5(name.encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "little") % HELD_OUT_MODULUS == 0


def iter_documents(corpus: Path) -> Iterator[tuple[str, str]]:
    """Yield (name, text) for every vlc law and every viwiki article, in a fixed order."""
    for path in sorted((corpus / "vlc").glob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        if text.strip():
            yield f"vlc/{path.name}", text
    for shard in sorted((corpus / "viwiki").glob("*.txt.gz")):
        with gzip.open(shard, "rt", encoding="utf-8", errors="replace") as fh:
            title, lines = None, []
            for line in fh:
                if line.startswith("### "):
                    if title is not None:
                        yield f"viwiki/{title}", "".join(lines)
                    title, lines = line[4:].strip(), []
                else:
                    lines.append(line)
            if title is not None:
                yield f"viwiki/{title}", "".join(lines)


def split_documents(corpus: Path, held_out: bool) -> Iterator[tuple[str, str]]:
    for name, text in iter_documents(corpus):
        if is_held_out(name) == held_out:
            yield name, text


def paragraphs(text: str, min_words: int = 8) -> list[str]:
    """Prose paragraphs only: wiki markup, headings and formula debris make poor training pages."""
    out = []
    for para in text.split("\n"):
        para = para.strip()
        if len(para.split()) < min_words or para.startswith(("==", "{", "|", "!")) or "\\" in para:
            continue
        out.append(para)
    return out
