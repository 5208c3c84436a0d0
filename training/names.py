"""The common given and middle names (parsers/data/name_words.txt), counted from ../shared/corpus.

    python -m training.names --corpus ../shared/corpus   # writes parsers/data/name_words.txt

A person's name in running text is a family name (parsers.formats' SURNAMES, RARER_SURNAMES and MINORITY_SURNAMES)
that starts a run of title-case words, followed by MIN_GIVEN to MAX_GIVEN title-case syllables
and nothing more ('… ông Nguyễn Văn Hùng, …'). Every syllable after the family name is counted,
with its tone mark re-placed (vntext.normalize_tone: sources differ), once per use and once per
document, in the documents training.corpus.is_held_out keeps for training only. Only the words,
each with its count of documents, leave this module: statistics, not corpus text.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from training.corpus import split_documents
from training.news import documents as news_documents
from training.news import news_files
from vnresolve.diacritics.vntext import VIETNAMESE_LETTERS, normalize_tone, split_tone
from vnresolve.parsers.formats import MINORITY_SURNAMES, RARER_SURNAMES, SURNAMES

OUT = Path(__file__).resolve().parent.parent / "parsers" / "data" / "name_words.txt"
# a Vietnamese name has a middle and a given name; a family name with one title-case word after it
# is as often a place ('Hà Nội', 'Thái Bình', 'Cao Bằng'), so two to three words are asked for
MIN_GIVEN, MAX_GIVEN = 2, 3
# 'Văn' is the commonest middle name and rarely a family name, and starts 'Văn Phòng …' in headings;
# 'Kim' in the news starts Korean names far more often than Vietnamese ones
FAMILY = frozenset(SURNAMES + RARER_SURNAMES + MINORITY_SURNAMES)
STARTS = FAMILY - {"Văn", "Kim"}
# A name word must be in names of MIN_DOCS documents, MIN_USES times: the common names, each borne by
# many people across many articles, come in, while one article's subject or a rare spelling stays
# out; at 30 and 60 the list is some 750 words, and what noise is left is mostly the syllables of
# places ('Nội' of 'Hà Nội'), which a misread given name is rarely one mark away from.
MIN_DOCS = 30
MIN_USES = 60
# a Vietnamese syllable: an initial, one to three vowels and a final ('David', 'Trump', an initial
# 'Ng.' are none); tested on the letters without the tone mark
_SYLLABLE = re.compile(r"^(ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdđghklmnprstvx])?[aăâeêioôơuưy]{1,3}(ng|nh|ch|[cmnpt])?$")
_NON_VIETNAMESE = set("fjwzFJWZ")
_TOKEN = re.compile(r"\S+")
_EDGE = re.compile(r"^[\"'“‘(\[]+|[\"'”’)\].,;:!?…]+$")


def _title(word: str) -> bool:
    return (word[:1].isupper() and word[1:].islower() or len(word) == 1 and word.isupper()) and all(
        c in VIETNAMESE_LETTERS and c not in _NON_VIETNAMESE for c in word)


def _syllable(word: str) -> bool:
    return bool(_SYLLABLE.match(split_tone(word)[0].lower()))


def name_words(text: str) -> Iterator[str]:
    """The given and middle name words of every person's name in `text`."""
    for line in text.splitlines():
        tokens = line.split()
        # a heading or a table row in title case ('Văn Phòng Tổng Cục') is no sentence naming people
        if len(tokens) >= 4 and sum(_title(_EDGE.sub("", t)) for t in tokens) > 0.6 * len(tokens):
            continue
        run: list[str] = []
        for m in _TOKEN.finditer(line + " ."):
            raw = m.group()
            word = _EDGE.sub("", raw)
            if word and _title(word):
                run.append(word)
                if word == raw:
                    continue
            if run and run[0] in STARTS and MIN_GIVEN <= len(run) - 1 <= MAX_GIVEN:
                yield from run[1:]
            run = []


def training_documents(corpus: Path) -> Iterator[tuple[str, str]]:
    """The documents not held out: the benchmarks draw test sentences from the held-out ones, and a
    list counted from those would tell them which words are names."""
    yield from split_documents(corpus, held_out=False)
    # all of news/'s training documents (about 4 minutes on one core): people's names over some twenty years
    for path in news_files(corpus):
        yield from news_documents(path, held_out=False)


def count(corpus: Path) -> tuple[Counter, Counter]:
    uses, docs = Counter(), Counter()
    for _, text in training_documents(corpus):
        words = [normalize_tone(w) for w in name_words(text)]
        uses.update(words)
        docs.update(set(words))
    return uses, docs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    uses, docs = count(args.corpus)
    print(f"{write(uses, docs, args.out)} name words -> {args.out}")


def write(uses: Counter, docs: Counter, out: Path) -> int:
    """The list, each word with the number of documents whose names hold it (how common a name it is)."""
    keep = sorted(w for w in uses if uses[w] >= MIN_USES and docs[w] >= MIN_DOCS
                  and w not in FAMILY and len(w) > 1 and _syllable(w))
    header = ("# Common Vietnamese given and middle names: the title-case words that follow a family name\n"
              f"# in a person's name, in at least {MIN_DOCS} documents and {MIN_USES} uses of ../shared/corpus\n"
              "# (vlc, viwiki, news; its held-out documents left out), each with the number of documents\n"
              "# naming someone by it (tab-separated).\n"
              "# A word list counted from the corpus (statistics), not corpus text.\n"
              "# Built by `python -m training.names`; do not edit by hand.\n")
    out.write_text(header + "".join(f"{w}\t{docs[w]}\n" for w in keep), encoding="utf-8")
    return len(keep)


if __name__ == "__main__":
    main()
