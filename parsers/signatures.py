"""E-signatures: the signature fields of a signed PDF, and e-signature blocks printed on a page.

Two kinds of visible block come from Vietnam's e-government signing tools: the signing
organisation's ('Ký bởi: Ủy ban nhân dân tỉnh Quảng Ngãi / Cơ quan: Tỉnh Quảng Ngãi / Thời gian
ký: 07/02/2025 07:56:24') and a publishing centre's (its name, e-mail and '07.02.2025 08:51:04
+07:00'). Both are archive metadata, never the issuer, the subject or the document's date; the
signing time is evidence for the date (a document is dated on or before its signing).
"""

from __future__ import annotations

import datetime
import re

from vnresolve.parsers.text import fold
from vnresolve.schemas import Document, ESignature, Line, Page, SignatureField

_SIGNED_BY = re.compile(r"^ky\s*boi\s*[:.]?\s*", re.I)
_BODY = re.compile(r"^co\s*quan\s*[:.]?\s*", re.I)
_TIME = re.compile(r"^thoi\s*gian\s*ky\s*[:.]?\s*", re.I)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_MAILBOX = re.compile(r"^\S+\.(?:vn|com|net|org)$")  # the e-mail line read without its '@' ('ttcbth()quangngai.gov.vn')
_OFFSET_ONLY = re.compile(r"^[+-]\d{2}:?\d{2}\W?$")  # a speck off a seal's rim read beside it at most
_SPECK = re.compile(r"^(?:[^\w\s]|[\u02b0-\u02ff]){1,2}\s+")  # a mark read off a seal's rim before a line ('ˆ Thời gian ký:')
_COPY_FORM = re.compile(r"^\W*(?:sao\s*y|sao\s*luc|trich\s*sao)\W*$")  # an electronic copy's appearance heads its block so
# a signing time to the second with its UTC offset (a download watermark's time has none), maybe wrapped
_SIGNING_CLOCK = re.compile(r"\d{1,2}:\d{2}:\d{2}\s*[+-]\d{2}:?\d{2}")  # the time's UTC offset wrapped onto a line of its own
# '07/02/2025 07:56:24', '09.01.2025 10:21:11 +07:00'
_STAMP = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?(?:\s*([+-]\d{2}):?(\d{2}))?")


def _when(text: str) -> str | None:
    """'07/02/2025 07:56:24' as '2025-02-07T07:56:24' (with the offset when printed); None when no
    calendar day."""
    m = _STAMP.search(text)
    if not m:
        return None
    d, mo, y, hh, mm, ss, tzh, tzm = m.groups()
    try:
        day = datetime.date(int(y), int(mo), int(d))
    except ValueError:
        return None
    out = day.isoformat()
    if hh is not None:
        out += f"T{int(hh):02d}:{mm}:{ss or '00'}"
        if tzh:
            out += f"{tzh}:{tzm}"
    return out


def _block(lines: list[str]) -> dict:
    """The fields of one visible block's lines."""
    found: dict = {}
    rest: list[str] = []
    joined: list[str] = []
    for line in lines:
        if joined and _OFFSET_ONLY.match(line.strip()):
            joined[-1] += " " + line.strip()
        else:
            joined.append(line)
    for line in joined:
        line = _SPECK.sub("", line)
        folded = fold(line)
        for key, pattern in (("signed_by", _SIGNED_BY), ("organisation", _BODY), ("signed_at", _TIME)):
            if m := pattern.match(folded):
                value = line[m.end():].strip()
                found[key] = _when(value) if key == "signed_at" else value or None
                break
        else:
            if m := _EMAIL.search(line):
                found["email"] = m.group(0)
            elif not found.get("signed_at") and _STAMP.search(line):  # a time wrapped under its label
                found["signed_at"] = _when(line)
            elif not found.get("email") and not _MAILBOX.match(line.strip()) and not _COPY_FORM.match(folded):
                rest.append(line.strip())
    if "signed_by" not in found and rest:
        found["organisation"] = " ".join(rest)  # a centre's block: its name above its e-mail
    return found


def _from_field(field: SignatureField, page: int) -> ESignature:
    lines = [line for line in field.text.split("\n") if line.strip()]
    found = _block(lines)
    # the signature dictionary's own time carries the offset; the printed one may not
    found["signed_at"] = field.signed_at or found.get("signed_at")
    if field.signed_by and not found.get("signed_by"):
        found["signed_by"] = field.signed_by
    return ESignature(page=page, source="signature-field", raw=" / ".join(lines), **found)


def _from_text(doc: Document) -> list[ESignature]:
    """'Ký bởi: …' blocks printed on pages that have no signature field (a signed PDF printed and
    scanned, or one whose text layer kept the block), and the other appearances ingest recognises on
    a page image by their printed form (a publishing centre's name over its time and offset)."""
    out = []
    for page in doc.pages:
        if page.signature_fields:
            continue
        found: list[tuple[float, ESignature]] = []
        lines = [line.text for line in page.lines] if page.lines else page.text.split("\n")
        for i, line in enumerate(lines):
            if _SIGNED_BY.match(fold(line).strip()):
                block = [line]
                for nxt in lines[i + 1: i + 3]:
                    if _BODY.match(fold(nxt).strip()) or _TIME.match(fold(nxt).strip()):
                        block.append(nxt)
                found.append((page.lines[i].bbox[1] if page.lines else i,
                              ESignature(page=page.number, source="text", raw=" / ".join(b.strip() for b in block),
                                         **_block([b.strip() for b in block]))))
        for appearance in _appearances(page):
            texts = [line.text.strip() for line in appearance]
            if not any(_SIGNED_BY.match(fold(text)) for text in texts):  # a 'Ký bởi' block is taken above
                found.append((appearance[0].bbox[1], ESignature(page=page.number, source="text", raw=" / ".join(texts),
                                                                **_block(texts))))
        out.extend(sig for _, sig in sorted(found, key=lambda f: f[0]))
    return out


def _appearances(page: Page) -> list[list[Line]]:
    """The e-signature appearances ingest took out of a page image's body (ingest/overprint.py):
    stamp lines in a block of their own, told from a typed note by the signing time or copy form
    they print. Each top to bottom, the blocks in page order."""
    blocks: dict[int, list[Line]] = {}
    for line in page.lines:
        if line.role == "stamp":
            blocks.setdefault(line.block, []).append(line)
    out = []
    for lines in blocks.values():
        lines.sort(key=lambda line: line.bbox[1])
        folded = [fold(line.text).strip() for line in lines]
        if (_COPY_FORM.match(folded[0]) or any(_SIGNED_BY.match(f) or _TIME.match(f) for f in folded)
                or _SIGNING_CLOCK.search(" ".join(line.text for line in lines))):
            out.append(lines)
    return sorted(out, key=lambda b: b[0].bbox[1])


def e_signatures(doc: Document) -> list[ESignature]:
    """Every signature of the document in page order: signature fields (a typed-in serial or day is
    text, not a signature) and printed 'Ký bởi' blocks."""
    out = [_from_field(field, page.number) for page in doc.pages for field in page.signature_fields if not field.filled_in]
    return out + _from_text(doc)


def first_signing_day(signatures: list[ESignature]) -> str | None:
    days = sorted(s.signed_at[:10] for s in signatures if s.signed_at)
    return days[0] if days else None


# the header's date line with its month and year readable and its day not ('ngày ⁄{5 tháng 01 năm 2025')
_UNREAD_DAY = re.compile(r"ng[a-z0-9]{1,2}y?\s*(?P<d>\S{0,4}?)\s*th[a-z0-9]{1,3}ng\s*(?P<m>\d{1,2})\s*"
                         r"n[a-z0-9]{1,2}m\s*(?P<y>\d{4})")


def latest_date(head: list[str], signed: str | None) -> str | None:
    """The first signing day, where the header's date line gives the same month and year and only
    its day is unreadable: the latest day the document can bear (it is dated on or before its
    signing, often the same day). An estimate from evidence, never a reading."""
    if not signed:
        return None
    for line in head:
        m = _UNREAD_DAY.search(fold(line))
        if m and not m.group("d").isdigit():
            return signed if (int(m.group("y")), int(m.group("m"))) == (int(signed[:4]), int(signed[5:7])) else None
    return None
