"""Backend for already-OCR'd `.txt` files.

Form feeds (\\f) separate pages when present; otherwise the file is one page.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from ingest.errors import EmptyFile, UnknownEncoding
from schemas import Page, Warning


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode bytes to NFC text; returns (text, encoding name)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return unicodedata.normalize("NFC", data[3:].decode("utf-8")), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return unicodedata.normalize("NFC", data.decode("utf-16")), "utf-16"
    try:
        return unicodedata.normalize("NFC", data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError as err:
        raise UnknownEncoding(f"not UTF-8 or UTF-16 text (invalid byte at offset {err.start}); legacy encoding unknown") from err


def load_text_pages(path: Path) -> tuple[list[Page], list[Warning], str]:
    data = path.read_bytes()
    if not data.strip():
        raise EmptyFile("file is empty")
    text, encoding = decode_text(data)
    if "\x00" in text:
        raise UnknownEncoding("text contains NUL bytes: binary data, not text")
    chunks = text.replace("\r\n", "\n").split("\f")
    pages = [Page(number=i + 1, text=chunk.strip("\n"), source="input-text") for i, chunk in enumerate(chunks)]
    return pages, [], encoding
