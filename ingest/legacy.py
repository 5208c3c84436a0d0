"""Pre-Unicode Vietnamese encodings still found in archives: TCVN3 (ABC), VNI, VIQR, Windows-1258.

Each decoder turns bytes into NFC Unicode. The byte tables follow the
published charts (TCVN 5712:1993 "VN3" as used by the .VnTime fonts; VNI
for Windows as used by the VNI-Times fonts). TCVN3 has no code points for
accented capitals (they were typed in a separate all-caps font), so its
capitals come out lower-case: the text is right, the case may not be.
"""

from __future__ import annotations

import re
import unicodedata

# ---------------------------------------------------------------- TCVN3 (ABC)

_TCVN3_ROWS = {
    "a": (0xB5, 0xB6, 0xB7, 0xB8, 0xB9), "ă": (0xBB, 0xBC, 0xBD, 0xBE, 0xC6), "â": (0xC7, 0xC8, 0xC9, 0xCA, 0xCB),
    "e": (0xCC, 0xCE, 0xCF, 0xD0, 0xD1), "ê": (0xD2, 0xD3, 0xD4, 0xD5, 0xD6), "i": (0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
    "o": (0xDF, 0xE1, 0xE2, 0xE3, 0xE4), "ô": (0xE5, 0xE6, 0xE7, 0xE8, 0xE9), "ơ": (0xEA, 0xEB, 0xEC, 0xED, 0xEE),
    "u": (0xEF, 0xF1, 0xF2, 0xF3, 0xF4), "ư": (0xF5, 0xF6, 0xF7, 0xF8, 0xF9), "y": (0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
}
_TONE_MARKS = ("\u0300", "\u0309", "\u0303", "\u0301", "\u0323")  # huyền, hỏi, ngã, sắc, nặng (TCVN3 column order)
TCVN3: dict[int, str] = {0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
                         0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ"}
for _base, _codes in _TCVN3_ROWS.items():
    for _mark, _code in zip(_TONE_MARKS, _codes):
        TCVN3[_code] = unicodedata.normalize("NFC", _base + _mark)


def decode_tcvn3(data: bytes) -> str:
    table = [TCVN3.get(b) or (chr(b) if b < 0x80 else bytes([b]).decode("cp1252", "replace")) for b in range(256)]
    return unicodedata.normalize("NFC", "".join(table[b] for b in data))


def encode_tcvn3(text: str) -> bytes:
    reverse = {v: k for k, v in TCVN3.items()}
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if ch in reverse:
            out.append(reverse[ch])
        elif ch.lower() in reverse:  # no accented capitals in TCVN3
            out.append(reverse[ch.lower()])
        else:
            out += ch.encode("ascii")
    return bytes(out)


# ---------------------------------------------------------------- VNI (VNI-Windows)

# VNI writes a base letter followed by one mark byte (cp1252 glyphs); circumflex/breve and tone share one byte.
_VNI_LOWER = {
    "\u00f8": "\u0300", "\u00f9": "\u0301", "\u00fb": "\u0309", "\u00f5": "\u0303", "\u00ef": "\u0323",  # ø ù û õ ï: tones
    "\u00e2": "\u0302", "\u00e1": "\u0302\u0301", "\u00e0": "\u0302\u0300", "\u00e5": "\u0302\u0309", "\u00e3": "\u0302\u0303", "\u00e4": "\u0302\u0323",
    "\u00ea": "\u0306", "\u00e9": "\u0306\u0301", "\u00e8": "\u0306\u0300", "\u00fa": "\u0306\u0309", "\u00fc": "\u0306\u0303", "\u00eb": "\u0306\u0323",
}
_VNI_UPPER = {
    "\u00d8": "\u0300", "\u00d9": "\u0301", "\u00db": "\u0309", "\u00d5": "\u0303", "\u00cf": "\u0323",
    "\u00c2": "\u0302", "\u00c1": "\u0302\u0301", "\u00c0": "\u0302\u0300", "\u00c5": "\u0302\u0309", "\u00c3": "\u0302\u0303", "\u00c4": "\u0302\u0323",
    "\u00ca": "\u0306", "\u00c9": "\u0306\u0301", "\u00c8": "\u0306\u0300", "\u00da": "\u0306\u0309", "\u00dc": "\u0306\u0303", "\u00cb": "\u0306\u0323",
}
# Letters VNI encodes as a single byte.
_VNI_SINGLE = {"\u00f4": "ơ", "\u00d4": "Ơ", "\u00f6": "ư", "\u00d6": "Ư", "\u00f1": "đ", "\u00d1": "Đ",
               "\u00ec": "ì", "\u00cc": "Ì", "\u00ed": "í", "\u00cd": "Í", "\u00e6": "ỉ", "\u00c6": "Ỉ",
               "\u00f3": "ĩ", "\u00d3": "Ĩ", "\u00f2": "ị", "\u00d2": "Ị", "\u00ee": "\u0323", "\u00ce": "\u0323"}
_VNI_MARK = re.compile("([A-Za-z\u00f4\u00d4\u00f6\u00d6])([\u00e0-\u00e5\u00e8-\u00eb\u00ef\u00f5\u00f8\u00f9\u00fa\u00fb\u00fc\u00c0-\u00c5\u00c8-\u00cb\u00cf\u00d5\u00d8\u00d9\u00da\u00db\u00dc\u00ee\u00ce])")


def decode_vni(data: bytes) -> str:
    text = data.decode("cp1252", errors="replace")

    def mark(m: re.Match) -> str:
        base, code = m.group(1), m.group(2)
        base = _VNI_SINGLE.get(base, base)
        marks = _VNI_LOWER.get(code) or _VNI_UPPER.get(code) or _VNI_SINGLE.get(code, "")
        return base + marks

    text = _VNI_MARK.sub(mark, text)
    text = "".join(_VNI_SINGLE.get(ch, ch) if ch not in "\u00ee\u00ce" else ch for ch in text)
    return unicodedata.normalize("NFC", text)


def encode_vni(text: str) -> bytes:
    """Unicode -> VNI bytes; used by tests and tools to make legacy samples."""
    single = {v: k for k, v in _VNI_SINGLE.items() if len(v) == 1 and unicodedata.category(v) != "Mn"}
    lower = {v: k for k, v in _VNI_LOWER.items()}
    upper = {v: k for k, v in _VNI_UPPER.items()}
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in single:
            out.append(single[ch])
            continue
        d = unicodedata.normalize("NFD", ch)
        base, marks = d[0], "".join(sorted(d[1:], key=lambda m: m not in "\u0302\u0306\u031b"))  # shape mark, then tone
        if base in "ouOU" and "\u031b" in marks:  # horn letters ơ/ư are single bytes
            base, marks = single[unicodedata.normalize("NFC", base + "\u031b")], marks.replace("\u031b", "")
        if base in "iI" and marks:
            base, marks = single[unicodedata.normalize("NFC", base + marks)], ""
        if not marks:
            out.append(base)
            continue
        table = upper if base.isupper() else lower
        if marks in table:
            out.append(base + table[marks])
        elif base in "yY" and marks == "\u0323":
            out.append(base + ("\u00ce" if base.isupper() else "\u00ee"))
        else:
            raise ValueError(f"cannot encode {ch!r} in VNI")
    return "".join(out).encode("cp1252")


# ---------------------------------------------------------------- VIQR (RFC 1456)

_VIQR = re.compile(r"(?i)(dd|[aeiouy])(\(|\^|\+)?([`'?~.])?")
_VIQR_SHAPE = {"(": "\u0306", "^": "\u0302", "+": "\u031b"}
_VIQR_TONE = {"`": "\u0300", "'": "\u0301", "?": "\u0309", "~": "\u0303", ".": "\u0323"}
_VIQR_SIGNAL = re.compile(r"(?i)\b\w*[aeiouy](?:[\^(+][`'?~.]?|[`'?~](?=\w|\s))\w*")


def _full_stop(text: str, end: int) -> bool:
    """After a vowel, '.' is the dot-below tone (RFC 1456 escapes a real full stop as '\\.').

    Files that ignore the escape are common, so an unescaped '.' still counts as
    a full stop where a sentence evidently ends: end of text, end of paragraph,
    or before a space and a capital.
    """
    rest = text[end : end + 3]
    if not rest or rest.startswith("\n\n") or rest == "\n":
        return True
    return rest[0] in " \n" and len(rest) > 1 and rest[1].isupper()


def decode_viqr(data: bytes | str) -> str:
    text = data.decode("ascii", errors="replace") if isinstance(data, bytes) else data

    def sub(m: re.Match) -> str:
        base, shape, tone = m.group(1), m.group(2) or "", m.group(3) or ""
        if base.lower() == "dd":
            return ("Đ" if base[0].isupper() else "đ") + (tone if tone else "")
        if shape == "(" and base.lower() != "a" or shape == "+" and base.lower() not in "ou" or shape == "^" and base.lower() not in "aeo":
            return m.group(0)
        if tone == "." and _full_stop(text, m.end()):
            return unicodedata.normalize("NFC", base + _VIQR_SHAPE.get(shape, "")) + "."
        tone_mark = _VIQR_TONE.get(tone, "")
        return unicodedata.normalize("NFC", base + _VIQR_SHAPE.get(shape, "") + tone_mark)

    text = text.replace("\\.", "\x00")  # RFC 1456 escape: a literal full stop
    return unicodedata.normalize("NFC", _VIQR.sub(sub, text)).replace("\x00", ".")


def viqr_signal(text: str) -> float:
    """Share of words carrying VIQR mark sequences (`Vie^.t`, `d9a('t`): near 0 in ordinary ASCII."""
    words = text.split()
    if not words:
        return 0.0
    return len(_VIQR_SIGNAL.findall(text)) / len(words)


def encode_viqr(text: str) -> str:
    shape = {v: k for k, v in _VIQR_SHAPE.items()}
    tone = {v: k for k, v in _VIQR_TONE.items()}
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch == "." and out and out[-1][-1:].lower() in "aeiouy^(+`'?~":
            out.append("\\.")  # RFC 1456: a full stop after a vowel is escaped
            continue
        if ch in "đĐ":
            out.append("dd" if ch == "đ" else "DD")
            continue
        d = unicodedata.normalize("NFD", ch)
        s = "".join(shape.get(m, "") for m in d[1:])
        t = "".join(tone.get(m, "") for m in d[1:])
        out.append(d[0] + s + t)
    return "".join(out)


# ---------------------------------------------------------------- Windows-1258


def encode_cp1258(text: str) -> bytes:
    """Unicode -> cp1258 the way Windows wrote it: precomposed base letters, tones as combining marks."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        d = unicodedata.normalize("NFD", ch)
        tones = "".join(m for m in d[1:] if m in _TONE_MARKS)
        base = unicodedata.normalize("NFC", "".join(m for m in d if m not in _TONE_MARKS))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


def decode_cp1258(data: bytes) -> str:
    """cp1258 stores tones as combining marks after the letter; NFC composes them."""
    return unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))


DECODERS = {"tcvn3": decode_tcvn3, "vni": decode_vni, "cp1258": decode_cp1258}
