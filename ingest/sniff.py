"""What a file really is, from its first bytes: suffixes lie (a PNG saved as .pdf, a PDF renamed .jpg)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

Kind = Literal["pdf", "image", "text", "unknown"]

_IMAGE_MAGIC = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",  # JPEG
    b"II*\x00",  # TIFF little-endian
    b"MM\x00*",  # TIFF big-endian
    b"GIF87a",
    b"GIF89a",
    b"BM",  # BMP
)


def sniff(path: Path) -> tuple[Kind, bytes]:
    """(kind, first bytes). PDFs may carry junk before `%PDF-` (allowed within the first 1 KiB)."""
    with open(path, "rb") as fh:
        head = fh.read(2048)
    if b"%PDF-" in head[:1024]:
        return "pdf", head
    if head.startswith(_IMAGE_MAGIC) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return "image", head
    if looks_like_text(head):
        return "text", head
    return "unknown", head


def looks_like_text(head: bytes) -> bool:
    """No NULs except as UTF-16 padding, and mostly printable bytes."""
    if not head:
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return True
    if b"\x00" in head:
        return False
    control = sum(1 for b in head if b < 9 or 13 < b < 32)
    return control / len(head) < 0.02
