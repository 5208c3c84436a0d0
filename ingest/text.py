"""Backend for already-OCR'd or typed `.txt` files, in any encoding Vietnamese archives use.

Unicode (UTF-8, UTF-16 with or without BOM) is taken as is. Bytes that are
not UTF-8 are decoded with each legacy Vietnamese encoding (TCVN3, VNI,
Windows-1258) and the one whose result reads as Vietnamese wins, unless they are
UTF-8 with a few damaged bytes: those are replaced with U+FFFD and a warning names
their offsets. ASCII text
dense with VIQR mark sequences is converted from VIQR. When no candidate
reads as Vietnamese the file is refused rather than guessed.
Form feeds (\\f) separate pages when present; otherwise the file is one page.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from vnresolve.ingest.errors import EmptyFile, UnknownEncoding
from vnresolve.ingest.legacy import DECODERS, decode_viqr, viqr_signal
from vnresolve.ingest.pages import PageStream
from vnresolve.ingest.quality import text_quality
from vnresolve.schemas import Page, Warning

SAMPLE = 20_000  # characters scored per candidate: enough to decide, bounded cost
MIN_LEGACY_SCORE = 0.5
VIQR_SIGNAL = 0.15


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 shows as NULs in every other byte for Latin text; pick the byte order by where they sit."""
    sample = data[:4000]
    if len(sample) < 4 or sample.count(0) < len(sample) // 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    codec = "utf-16-le" if odd > even else "utf-16-be"
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


MAX_OFFSETS_SHOWN = 10
# Damaged UTF-8 rather than a legacy encoding: at least this many valid multi-byte characters per
# invalid sequence. Legacy Vietnamese read as UTF-8 is the other way round (its high bytes rarely pair).
UTF8_VALID_PER_INVALID = 20


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode bytes to NFC text; returns (text, encoding name)."""
    text, encoding, _ = decode_text_checked(data)
    return text, encoding


def decode_text_checked(data: bytes) -> tuple[str, str, list[Warning]]:
    """As decode_text, with the warnings the document carries: a legacy encoding converted, or
    invalid UTF-8 bytes replaced with U+FFFD (at which byte offsets)."""
    text, encoding = _decode(data)
    warnings = []
    if encoding not in ("utf-8", "utf-8-sig", "utf-16"):
        warnings.append(Warning(code="legacy-encoding", stage="ingest", message=f"converted from legacy encoding {encoding} to Unicode NFC"))
    if encoding in ("utf-8", "utf-8-sig") and (offsets := _invalid_utf8(data)):
        count, shown = offsets
        listed = ", ".join(map(str, shown)) + (", …" if count > len(shown) else "")
        warnings.append(Warning(code="invalid-utf8", stage="ingest", message=(
            f"{count} invalid UTF-8 byte sequence{'s' if count > 1 else ''} replaced with U+FFFD, at byte offset{'s' if count > 1 else ''} {listed}")))
    return text, encoding, warnings


def _invalid_utf8(data: bytes) -> tuple[int, list[int]] | None:
    """(number of invalid sequences, the first byte offsets of them), None when the bytes are valid."""
    try:
        data.decode("utf-8")
        return None
    except UnicodeDecodeError:
        pass
    count = data.decode("utf-8", errors="replace").count("\ufffd") - data.count(b"\xef\xbf\xbd")
    shown, pos = [], 0
    while len(shown) < MAX_OFFSETS_SHOWN:
        try:
            data[pos:].decode("utf-8")
            break
        except UnicodeDecodeError as err:
            shown.append(pos + err.start)
            pos += err.end
    return max(count, len(shown)), shown


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return unicodedata.normalize("NFC", data[3:].decode("utf-8", errors="replace")), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return unicodedata.normalize("NFC", data.decode("utf-16")), "utf-16"
        except UnicodeDecodeError as err:
            raise UnknownEncoding(f"UTF-16 byte-order mark but invalid UTF-16 at byte {err.start}") from err
    if b"\x00" in data[:4000]:
        text = _utf16_without_bom(data)
        if text is not None:
            return unicodedata.normalize("NFC", text), "utf-16"
        raise UnknownEncoding("binary data, not text (NUL bytes)")
    try:
        text = unicodedata.normalize("NFC", data.decode("utf-8"))
    except UnicodeDecodeError as err:
        replaced = data.decode("utf-8", errors="replace")
        invalid = replaced.count("\ufffd") - data.count(b"\xef\xbf\xbd")
        multibyte = len(replaced) - len(replaced.encode("ascii", "ignore")) - invalid
        if multibyte >= UTF8_VALID_PER_INVALID * invalid:  # UTF-8 with a few damaged bytes, not a legacy encoding
            return unicodedata.normalize("NFC", replaced), "utf-8"
        return _legacy(data, err.start)
    if text.isascii() and viqr_signal(text[:SAMPLE]) >= VIQR_SIGNAL:
        converted = decode_viqr(text)
        if text_quality(converted[:SAMPLE]) > text_quality(text[:SAMPLE]) + 0.2:
            return converted, "viqr"
    return text, "utf-8"


def _legacy(data: bytes, bad_at: int) -> tuple[str, str]:
    scored = []
    for name, decode in DECODERS.items():
        text = decode(data)
        scored.append((text_quality(text[:SAMPLE]), name, text))
    score, name, text = max(scored, key=lambda s: s[0])
    if score < MIN_LEGACY_SCORE:
        tried = ", ".join(f"{n} {s:.2f}" for s, n, _ in sorted(scored, reverse=True))
        raise UnknownEncoding(f"unknown text encoding: not UTF-8 (invalid byte at offset {bad_at}) and no legacy Vietnamese encoding fits (scores: {tried})")
    return text, name


def open_text_pages(path: Path) -> PageStream:
    data = path.read_bytes()
    if not data.strip():
        raise EmptyFile("file is empty")
    text, encoding, warnings = decode_text_checked(data)
    if "\x00" in text:
        raise UnknownEncoding("text contains NUL bytes: binary data, not text")
    chunks = text.replace("\r\n", "\n").split("\f")
    pages = [Page(number=i + 1, text=chunk.strip("\n"), source="input-text") for i, chunk in enumerate(chunks)]
    return PageStream(path, "text", pages, warnings, encoding=encoding)
