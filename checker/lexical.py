"""Lexical retrieval: German- and English-aware tokens scored with BM25 (bm25s).

Tokens are lower-cased, folded (ß→ss, accents dropped), stripped of stop words, stemmed
with the Snowball stemmer of the text's language, and names with many spellings across
languages are mapped to one form first, so "Selenskyj" finds "Zelensky".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import bm25s
import numpy as np
import Stemmer

SNOWBALL_LANGUAGES = {"de": "german", "en": "english", "fr": "french", "es": "spanish", "it": "italian", "nl": "dutch"}

STOP_WORDS = frozenset(
    """
    a an and are as at be been but by for from had has have he her his i in is it its of on or she
    that the their them they this to was were will with which who would than then there these those
    der die das den dem des ein eine einer eines einem einen und oder aber in im ist sind war waren
    wird werden wurde wurden hat haben hatte zu zum zur von vom mit auf an am aus bei für fur als auch
    sich es er sie wir ihr ich du dass daß so wie nach über uber um noch nur schon
    """.split()
)

# Spellings of the same name across languages and transliterations, folded to one token.
# Keys are folded (lower case, no accents); extend when a name shows up in many spellings.
NAME_VARIANTS = {
    **dict.fromkeys(
        ["selenskyj", "selensky", "selenskij", "selenskji", "zelensky", "zelenskyy", "zelenskiy",
         "zelenskij", "zelenskyj", "zelenski", "selenski"],
        "zelensky",
    ),
    **dict.fromkeys(["kyjiw", "kiew", "kyiv", "kiev", "kyiiv", "kijiw", "kiyv"], "kyiv"),
    **dict.fromkeys(["charkiw", "charkow", "kharkiv", "kharkov"], "kharkiv"),
    **dict.fromkeys(["odesa", "odessa"], "odesa"),
    **dict.fromkeys(["luhansk", "lugansk"], "luhansk"),
    **dict.fromkeys(["donezk", "donetsk"], "donetsk"),
    **dict.fromkeys(["saporischschja", "zaporizhzhia", "zaporizhia", "saporischja"], "zaporizhzhia"),
    **dict.fromkeys(["putin", "poutine"], "putin"),
    **dict.fromkeys(["lawrow", "lavrov"], "lavrov"),
    **dict.fromkeys(["sybiha", "sybiga"], "sybiha"),
    **dict.fromkeys(["riad", "riyadh"], "riyadh"),
    **dict.fromkeys(["russland", "russia"], "russia"),
    **dict.fromkeys(["ukraine", "ukraina"], "ukraine"),
}

WORD = re.compile(r"\w+", re.UNICODE)


def fold(word: str) -> str:
    """Lower-case and drop accents: 'Kyjiw' -> 'kyjiw', 'Selenskyj' stays, 'Präsident' -> 'prasident'."""
    word = word.lower().replace("ß", "ss")
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=16)
def _stemmer(language: str) -> Stemmer.Stemmer | None:
    name = SNOWBALL_LANGUAGES.get(language)
    return Stemmer.Stemmer(name) if name else None


def tokenize(text: str, language: str | None) -> list[str]:
    """Search tokens of a text: folded, stop words out, names unified, stemmed."""
    words = [fold(word) for word in WORD.findall(text)]
    words = [word for word in words if word not in STOP_WORDS and not (len(word) == 1 and word.isalpha())]
    stemmer = _stemmer(language or "en")
    tokens = []
    for word in words:
        if word in NAME_VARIANTS:
            tokens.append(NAME_VARIANTS[word])
        elif stemmer is not None and not word.isdigit():
            tokens.append(stemmer.stemWord(word))
        else:
            tokens.append(word)
    return tokens


class LexicalIndex:
    """BM25 over tokenised entries; results are (position, score) with score > 0 only."""

    def __init__(self, retriever: bm25s.BM25, size: int):
        self._retriever = retriever
        self._size = size

    @classmethod
    def build(cls, texts: list[str], languages: list[str | None]) -> "LexicalIndex":
        retriever = bm25s.BM25()
        retriever.index([tokenize(t, lang) for t, lang in zip(texts, languages)], show_progress=False)
        return cls(retriever, len(texts))

    def save(self, folder: Path) -> None:
        self._retriever.save(str(folder), show_progress=False)

    @classmethod
    def load(cls, folder: Path, size: int) -> "LexicalIndex":
        return cls(bm25s.BM25.load(str(folder), show_progress=False, verbosity=0), size)

    def search(self, texts: list[str], languages: list[str], k: int) -> list[list[tuple[int, float]]]:
        if not texts:
            return []
        k = min(k, self._size)
        queries = [tokenize(t, lang) or ["\0"] for t, lang in zip(texts, languages)]
        documents, scores = self._retriever.retrieve(queries, k=k, show_progress=False, n_threads=1)
        return [
            [(int(doc), float(score)) for doc, score in zip(doc_row, score_row) if score > 0]
            for doc_row, score_row in zip(np.atleast_2d(documents), np.atleast_2d(scores))
        ]
