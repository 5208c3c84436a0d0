"""How often the catalogue's whole-language subject check flags a right sentence (development figure).

    python -m benchmarks.catalogue_language [--n 3000]

The check (parsers/record_language._marks_against_language) restores a subject without its marks and
flags a word whose marks come back otherwise with near certainty: an OCR misreading into another
word ('cửa' for 'của'), or, on right text, the language overruling a right word; the letter check
(_letter_against_language) flags a word one letter OCR confuses away from a word the sentence needs
('cứu rạn' for 'cứu nạn'). This counts the latter of each on N correctly marked news sentences of subject length (6-25 words, letters only) from
documents the restorer's LM holds out (training.corpus.is_held_out) in baomoi-2017, a source the
restoration benchmark's held-out pages do not draw from. Prints the rate and the words flagged.
"""

from __future__ import annotations

import argparse
import random
import re

from benchmarks.bench_restoration import SHARED
from benchmarks.shared import missing

SOURCE = "baomoi-2017"
SEED = 22
_SENTENCE = re.compile(r"(?<=[.!?;])\s+")
_WORDS_ONLY = re.compile(r"[^\W\d_]+(?:,? [^\W\d_]+)*")


def sentences(n: int) -> list[str]:
    """n right sentences of subject length from held-out news documents, in a fixed shuffle."""
    from training import news

    found = []
    for _name, text in news.documents(SHARED / "corpus" / "news" / f"{SOURCE}.txt.xz", held_out=True):
        for s in _SENTENCE.split(text.replace("\n", " ")):
            s = s.strip(" .!?;")
            if 6 <= len(s.split()) <= 25 and _WORDS_ONLY.fullmatch(s):
                found.append(s[0].lower() + s[1:])  # a subject opens in small letters after its type name
        if len(found) >= 4 * n:
            break
    random.Random(SEED).shuffle(found)
    return found[:n]


def main() -> None:
    from vnresolve.diacritics import load_restorer
    from vnresolve.parsers.record_language import _letter_against_language, _marks_against_language, language_reading

    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=3000)
    args = parser.parse_args()
    if missing("catalogue_language", f"corpus/news/{SOURCE}.txt.xz"):
        return
    restorer = load_restorer("default")
    flagged, letters = [], []
    picked = sentences(args.n)
    for s in picked:
        if (hit := _marks_against_language(s, language_reading(restorer, s))) is not None:
            flagged.append(hit[1:])
        if (hit := _letter_against_language(s, restorer.lm)) is not None:
            letters.append(hit)
    print(f"{len(flagged)} of {len(picked)} right sentences flagged ({100 * len(flagged) / max(len(picked), 1):.2f} %)")
    for word, needed in flagged:
        print(f"  {word} -> {needed}")
    print(f"letter check: {len(letters)} of {len(picked)} right sentences flagged "
          f"({100 * len(letters) / max(len(picked), 1):.2f} %)")
    for word, needed in letters:
        print(f"  {word} -> {needed}")


if __name__ == "__main__":
    main()
