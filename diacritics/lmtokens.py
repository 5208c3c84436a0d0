"""How text becomes language-model tokens: lower-cased tone-normalised syllables, a number class,
a comma class and sentence boundaries. Training and decoding must agree on this exactly."""

from __future__ import annotations

import re
from collections.abc import Iterator

from vnresolve.diacritics.vntext import normalize_tone

BOS, EOS, NUM, COMMA, UNK = "<s>", "</s>", "<num>", ",", "<unk>"
SPECIALS = (UNK, BOS, EOS, NUM, COMMA)
TOKEN_RE = re.compile(r"[A-Za-zÀ-ỹĐđ]+|[0-9]+(?:[.,/:-][0-9]+)*|[.!?;]|[,:]|\n\s*\n")


def lm_word(word: str) -> str:
    if word[0].isdigit():
        return NUM
    return normalize_tone(word.lower())


def sentences(text: str) -> Iterator[list[str]]:
    """Split corpus text into token lists; a corpus line is a paragraph, so newlines end sentences."""
    for line in text.split("\n"):
        sent: list[str] = []
        for m in TOKEN_RE.finditer(line):
            tok = m.group()
            if tok in ".!?;":
                if sent:
                    yield sent
                sent = []
            elif tok in ",:":
                if sent and sent[-1] != COMMA:
                    sent.append(COMMA)
            else:
                sent.append(lm_word(tok))
        if sent:
            yield sent
