"""Targets inside a numbered item: split into clauses, one target per clause.

An item such as "GRDP đạt 10,5%. GRDP bình quân đầu người đạt 60 triệu
đồng/người/năm; ngành dịch vụ chiếm 58,77%" holds several targets. Clauses
are cut at sentence ends and semicolons, then at commas when both sides
carry a number; each clause yields at most one target, the number with the
strongest evidence (comparator word before it, unit after it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vnresolve.parsers.numbers import NUMBER, parse_vn_number
from vnresolve.parsers.text import fold_ocr as fold, squash
from vnresolve.parsers.units import match_unit

# Comparator words, folded, as a chain right before the number. A direction
# (tăng/giảm) decides; otherwise the word nearest the number does ("đạt trên"
# is gt, "còn dưới" is lt, "giảm ít nhất" is decrease_by).
_CMP_WORDS = [
    (r"toi\s+thi[e3]u|[i1l]t\s+nh[a4]t", "gte"),
    (r"toi\s+d[a4]|kh[o6]ng\s+qu[a4]", "lte"),
    (r"tr[e3]n|h[o6]n", "gt"),
    (r"d[uvw][a-z0-9]?[i1l]", "lt"),
    (r"kh[o6][a4]ng", "approx"),
    (r"t[a4i]ng(?:\s+l[e3]n)?", "increase_by"),
    (r"gi[a4]m", "decrease_by"),
    (r"(?:dp|bp|d|p|b)[a4]t|l[a4]|chi[e3]m|c[o6]", "eq"),
    (r"c[o6]n|xu[o6]ng|t(?:u|ir|w|r)|binh\s+qu[a4]n|h[a4]ng\s+n[a-z0-9]m|m[o6][i1]\s+n[a-z0-9]m", None),
]
_CMP_CHAIN = re.compile(
    r"(?:(?<![a-z0-9])(?:" + "|".join(f"(?:{w})" for w, _ in _CMP_WORDS) + r")\s+)+$"
)
_CMP_SINGLE = [(re.compile(rf"^(?:{w})$"), c) for w, c in _CMP_WORDS]
_AT_LEAST_AFTER = re.compile(
    r"\s*(?:/\s*n[a-z0-9]{1,2}m\s*)?(?:m[a-z0-9]{1,2}i\s+)?tr[a-z0-9&]?\s*[l1i\[|!][e3a&]n(?:\s*/\s*n[a-z0-9]{1,2}m)?"
)
_NUM = re.compile(rf"(?<![\d.,/\w])(?P<a>{NUMBER})(?:\s*%?\s*[-–]\s*(?P<b>{NUMBER}))?(?P<frac>/\d+)?(?![\d\w]|[.,]\d|/\d|\s*-\s*[a-z])")
_YEARISH = re.compile(r"^(?:19|20)\d\d$")
_NOT_BEFORE = re.compile(
    r"(?:\bkhoa|lan\s+th[a-z0-9]{1,2}|\bquy|thang|ngay|\bdieu|\bkhoan|\bmuc|nghi\s+quyet|\(|/)\s*$"
)
_SENTENCE = re.compile(r"(?<=[;:])\s+|(?<=[^\d\s][.!?])\s+(?=\S)|(?<=\d[.!?])\s+(?=[A-ZĐÀ-Ỹ\"“(])")
_FILLER = re.compile(r"(?:binh\s+qu[a4]n|h[a4]ng\s+n[a-z0-9]m|m[o6][i1]\s+n[a-z0-9]m)\s+")
_LEADING = re.compile(
    r"^(?:(?:v[a4]|h[a4]ng\s+n[a-z0-9]m|m[o6][i1]\s+n[a-z0-9]m|(?:d[e3]n\s+)?n[a-z0-9]m\s+20\d\d|tr[o6]ng\s+d[o6]|ph[a4]n\s+d[a4a-z]u|c[o6]|d[a4]t|ho[a4]n\s+th[a4]nh|duy\s+tr[i1]|d[a4]m\s+b[a4]o|b[a4]o\s+d[a4]m)(?:[\s,:]+|$))+"
)


@dataclass
class FoundTarget:
    name: str
    unit: str | None
    value: float | None
    low: float | None
    high: float | None
    comparator: str
    text: str
    raw: str
    horizon: str | None
    year: int | None
    lead_in: str | None = None  # a short verb phrase before the value, shared by comma pieces after it


_HORIZON = re.compile(r"(?:(?:den|toi)\s+)?n[a-z0-9]m\s+((?:19|20)\d\d)")


def _paren_spans(text: str) -> list[tuple[int, int]]:
    spans, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "(":
            if depth == 0:
                start = i
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, i + 1))
    if depth:
        spans.append((start, len(text)))
    return spans


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


@dataclass
class _Candidate:
    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    comparator: str
    unit: str | None
    score: float
    cmp_start: int
    text_end: int


def _comparator(prefix: str) -> tuple[str | None, int]:
    """Comparator of the chain ending `prefix` and the chain's length."""
    m = _CMP_CHAIN.search(prefix[-60:])
    if not m:
        return None, 0
    chain = m.group(0)
    while f := _FILLER.match(chain):
        if not _CMP_CHAIN.fullmatch(chain[f.end():]):
            break
        chain = chain[f.end():]
    words = re.findall(r"\S+(?:\s+(?:thieu|nhat|qua|quan|nam|n\w?m|da|len)(?!\S))?", chain)
    while len(words) > 1 and re.fullmatch(r"t(?:u|ir|w|r)", words[0]):
        # 'từ' opens a chain only right before the number ('điện tử đạt 65%' is not 'từ')
        chain = chain[len(words[0]) :].lstrip()
        words = words[1:]
    kinds = []
    for word in reversed(words):
        for pattern, cmp in _CMP_SINGLE:
            if cmp and pattern.match(word):
                kinds.append(cmp)
                break
    # a direction ('giảm ít nhất 5%') says more than the bound on it
    direction = [k for k in kinds if k in ("increase_by", "decrease_by")]
    comparator = direction[0] if direction else (kinds[0] if kinds else None)
    return comparator, len(chain)


def _candidates(text: str, folded: str) -> list[_Candidate]:
    spans = _paren_spans(text)
    out = []
    for m in _NUM.finditer(folded):
        if _inside(m.start(), spans):
            continue
        a, b, frac = m.group("a"), m.group("b"), m.group("frac")
        if _YEARISH.match(a) and (b is None or _YEARISH.match(b)):
            continue
        if _NOT_BEFORE.search(folded[max(0, m.start() - 14) : m.start()]):
            continue
        try:
            low = parse_vn_number(a)
            high = parse_vn_number(b) if b else None
        except ValueError:
            continue
        end = m.end()
        unit_m = match_unit(folded, end)
        unit = None
        if unit_m:
            unit, end = unit_m
        elif frac is None and folded[end:end + 1] == "%":
            unit, end = "%", end + 1
        prefix = folded[: m.start()]
        comparator, chain_len = _comparator(prefix)
        after = _AT_LEAST_AFTER.match(folded, end)
        score = 0.0
        if comparator:
            score += 2
        if unit:
            score += 1.5 if unit == "%" else 1
        if after:
            comparator = "gte"
            score += 2
            end = after.end()
        if high is not None:
            comparator = "range"
        if comparator is None:
            comparator = "eq"
        if not unit and not chain_len and not after and frac is None:
            score -= 1  # a bare number mid-sentence is more often a name part
        out.append(_Candidate(m.start(), m.end(), None if high is not None else low, low if high is not None else None,
                              high, comparator, unit, score + m.start() / 10000, m.start() - chain_len, end))
    return out


def _sentences(text: str) -> list[str]:
    """Split at ';', ':' and sentence ends that are not inside parentheses."""
    spans = _paren_spans(text)
    out, last = [], 0
    for m in _SENTENCE.finditer(text):
        if _inside(m.start() - 1, spans):
            continue
        out.append(text[last : m.end()])
        last = m.end()
    out.append(text[last:])
    return out


def _split_clauses(text: str) -> list[tuple[str, bool]]:
    """Clauses with a flag: True when a comma split made it (it may share the verb before)."""
    clauses: list[tuple[str, bool]] = []
    label = None  # 'Số hợp tác xã thành lập mới:' names the bare value after it
    for sentence in _sentences(text):
        ends_colon = sentence.rstrip().endswith(":")
        sentence = sentence.strip(" ;:.")
        if not sentence:
            continue
        if label and _value_first(sentence) and not _has_target(label):
            sentence = f"{label}: {sentence}"
        label = sentence if ends_colon else None
        clauses.extend((piece, i > 0) for i, piece in enumerate(_split_commas(sentence)))
    return clauses


def _has_target(piece: str) -> bool:
    return any(c.score > 0 for c in _candidates(piece, fold(piece)))


def _value_first(piece: str) -> bool:
    folded = fold(piece)
    stripped = _LEADING.sub("", folded)
    return bool(re.match(rf"(?:{NUMBER})", stripped))


def _split_commas(sentence: str) -> list[str]:
    """Cut at commas, then glue number-less pieces back to a neighbour."""
    pieces = [p for p in re.split(r",\s+", sentence) if p.strip()]
    if len(pieces) < 2:
        return [sentence]
    flags = [_has_target(p) for p in pieces]
    if sum(flags) < 2:
        return [sentence]
    groups: list[list[str]] = []
    pending: list[str] = []
    for piece, flag in zip(pieces, flags):
        if flag:
            groups.append([*pending, piece])
            pending = []
        elif groups and _value_first(groups[-1][0]) and not pending:
            groups[-1].append(piece)
        else:
            pending.append(piece)
    if pending:
        groups[-1].extend(pending)
    return [", ".join(g) for g in groups]


def _clean_name(name: str) -> str:
    name = name.strip(" ,;:.-–")
    name = re.sub(r"^(?:và|trong đó|trong đó,|đồng thời)\s+", "", name, flags=re.IGNORECASE)
    return name.strip(" ,;:.-–")


# Units that are things counted, so they belong in the name ('05 mô hình chuyển đổi số'
# is about 'mô hình'); measures (%, money, area) never do.
_MEASURES = re.compile(r"^(?:%|.*đồng.*|.*USD|ha|km²?|m²|m3|tấn|MW|kWh|tuổi|.*/vạn dân)$")
_MULTIPLIER = re.compile(r"^(?:triệu|nghìn|ngàn)\s+")
_COUNT_LEAD = re.compile(r"(?:cho|m[o6][i1]|c[o6]|th[e3]m|d[uvw][o6]c|v[o6][i1])$")
SHORT_PREFIX = 5  # words: a longer text before the value is itself the name


def _noun(unit: str | None) -> str | None:
    if not unit or _MEASURES.match(unit):
        return None
    return _MULTIPLIER.sub("", unit)


def _strip_leading(text: str) -> str:
    m = _LEADING.match(fold(text))
    return text[m.end() :] if m else text


def _name(clause: str, best: _Candidate, previous: str | None) -> str:
    prefix = _clean_name(_strip_leading(_clean_name(clause[: best.cmp_start])))
    suffix = _clean_name(clause[best.text_end :])
    if suffix.startswith("(") and suffix.endswith(")"):
        suffix = ""  # '(tăng 70% so với năm 2025)' is a remark, not part of the name
    noun = _noun(best.unit)
    if noun and fold(noun) in fold(prefix):
        noun = None  # 'kết nạp đảng viên mới từ 26 đảng viên': named already
    if not prefix:  # value first: '100% cán bộ …', 'có 05 xã …'; '…, 90 hợp tác xã' shares the verb before
        lead_in = previous if not suffix else None
        return _clean_name(" ".join(p for p in (lead_in, noun, suffix) if p)) or (best.unit or "")
    if not suffix and not _COUNT_LEAD.search(fold(prefix)):
        noun = None  # 'Tạo việc làm từ 8.800 - 9.000 lao động': the prefix already names it
    if len(prefix.split()) <= SHORT_PREFIX and (suffix or noun):
        # a verb before the value: 'thực hiện 05 mô hình chuyển đổi số', 'kết nạp 4% đảng viên mới'
        direction = clause[best.cmp_start : best.start].strip() if best.comparator in ("increase_by", "decrease_by") else ""
        direction = direction.split()[0] if direction else ""
        return _clean_name(" ".join(p for p in (prefix, direction, noun, suffix) if p))
    return prefix


def extract_targets(body: str) -> list[FoundTarget]:
    """Targets of one numbered item, in text order."""
    body = squash(body)
    found: list[FoundTarget] = []
    for clause, from_comma in _split_clauses(body):
        folded = fold(clause)
        cands = [c for c in _candidates(clause, folded) if c.score > 0]
        spans = _paren_spans(clause)
        horizon_m = next((h for h in _HORIZON.finditer(folded) if not _inside(h.start(), spans)), None)
        horizon = clause[horizon_m.start() : horizon_m.end()] if horizon_m else None
        year = int(horizon_m.group(1)) if horizon_m else None
        if not cands:
            continue
        best = max(cands, key=lambda c: c.score)
        previous = found[-1].lead_in if found and from_comma else None
        name = _name(clause, best, previous) or _clean_name(clause)
        prefix = _clean_name(_strip_leading(_clean_name(clause[: best.cmp_start])))
        found.append(FoundTarget(
            lead_in=prefix if len(prefix.split()) <= SHORT_PREFIX else None, name=name, unit=best.unit, value=best.value, low=best.low, high=best.high, comparator=best.comparator,
            text=clause[best.cmp_start : best.text_end].strip(), raw=clause, horizon=horizon, year=year,
        ))
    return found
