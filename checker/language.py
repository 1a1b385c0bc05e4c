"""The language stage: tag each Segment with its language, deterministically.

langdetect samples n-grams at random; a fixed seed and a fresh detector per call make the
answer depend on the text alone, not on the order of earlier calls. Detection is only
trusted when the text is long enough and the winner clear; otherwise the document language
stands, because a wrong per-sentence language is worse than the article's own.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

from checker.records import Layout, Segment, Sentence

# The languages the later stages handle (cue lists, abbreviations, corpus); detection
# never returns anything else.
SUPPORTED_LANGUAGES = ("de", "en")
# Profiles compared against. Besides the supported languages: their near-confusions
# (short German is often scored Dutch or Danish) and common languages an article quotes,
# so a French quotation is recognised as foreign instead of being forced to "en".
_PROFILE_LANGUAGES = SUPPORTED_LANGUAGES + (
    "nl", "da", "sv", "no", "af", "fr", "es", "it", "pt", "pl", "cs", "ru", "uk", "tr",
)  # fmt: skip
# Scored instead of German or English on short or loanword-heavy sentences.
_NEAR_CONFUSIONS = frozenset({"nl", "da", "sv", "no", "af"})

_MIN_WORDS = 4
_MIN_LETTERS = 25
# Below this top probability the detector is guessing (langdetect reports 0.99+ when sure).
_MIN_PROBABILITY = 0.80
# langdetect reads at most 10,000 characters; cut before it runs its URL regex over more.
_MAX_CHARS = 10_000
_DEFAULT_DOCUMENT_LANGUAGE = "en"

_LETTER = re.compile(r"[^\W\d_]")
_LETTER_WORD = re.compile(r"\w*[^\W\d_]\w*")


@lru_cache(maxsize=1)
def _factory() -> DetectorFactory:
    """Load the language profiles once per process (about 0.3 s)."""
    factory = DetectorFactory()
    profiles = [
        (Path(PROFILES_DIRECTORY) / language).read_text(encoding="utf-8")
        for language in _PROFILE_LANGUAGES
    ]
    factory.load_json_profile(profiles)
    factory.set_seed(0)  # on this instance only; langdetect's global factory is left alone
    return factory


def detect_language(text: str, fallback: str) -> str:
    """Return the ISO 639-1 code of `text` among SUPPORTED_LANGUAGES, or `fallback`.

    `fallback` (usually the document language) is returned for short text (fewer than
    4 words or 25 letters), text without letters, text in an unsupported language, and
    whenever the detector is not sure. A near-confusion (German scored as Dutch, Danish,
    Swedish, Norwegian or Afrikaans) is settled by the probabilities among the supported
    languages alone, so a truly Dutch sentence comes out as "de" too.

    >>> detect_language("Die Ukraine hat den Krieg nicht begonnen, Russland hat angegriffen.", "en")
    'de'
    >>> detect_language("Selenskyj", "de")
    'de'
    """
    sample = text[:_MAX_CHARS]
    if len(_LETTER_WORD.findall(sample)) < _MIN_WORDS or len(_LETTER.findall(sample)) < _MIN_LETTERS:
        return fallback
    ranked = _probabilities(sample, restrict=False)
    if not ranked:
        return fallback
    top, probability = ranked[0]
    confused = any(language in _NEAR_CONFUSIONS for language, _ in ranked)
    if top in _NEAR_CONFUSIONS or (top in SUPPORTED_LANGUAGES and confused):
        # langdetect is overconfident here ("Trump hat Selenskyj einen Diktator genannt."
        # scores 0.99999 Norwegian), so the probability is no guide: decide between the
        # supported languages alone, and trust a clear winner there.
        ranked = _probabilities(sample, restrict=True)
        if not ranked:
            return fallback
        top, probability = ranked[0]
    if top in SUPPORTED_LANGUAGES and probability >= _MIN_PROBABILITY:
        return top
    return fallback


def _probabilities(text: str, restrict: bool) -> list[tuple[str, float]]:
    """(language, probability) best first; only languages above langdetect's 0.1 floor."""
    detector = _factory().create()  # fresh per call: no state carried between texts
    if restrict:
        detector.set_prior_map({language: 1.0 for language in SUPPORTED_LANGUAGES})
    detector.append(text)
    try:
        return [(result.lang, result.prob) for result in detector.get_probabilities()]
    except LangDetectException:  # no usable n-grams (digits, symbols, URLs only)
        return []


def document_language(segments: list[Segment]) -> str:
    """The language of the article's running prose; "en" when nothing can be detected.

    Headings and links are used only when the article has no prose at all.
    """
    prose = [segment.text for segment in segments if segment.layout is Layout.TEXT]
    if not prose:
        prose = [segment.text for segment in segments if segment.layout is Layout.HEADING]
    text = _join_up_to(prose, _MAX_CHARS)
    return detect_language(text, fallback=_DEFAULT_DOCUMENT_LANGUAGE)


def _join_up_to(texts: list[str], limit: int) -> str:
    joined: list[str] = []
    size = 0
    for text in texts:
        if size >= limit:
            break
        joined.append(text)
        size += len(text) + 1
    return " ".join(joined)


def tag_languages(segments: list[Segment], document: str | None = None) -> list[Sentence]:
    """Turn Segments into Sentences (ids from 0) tagged with their language.

    Each sentence gets its own detected language when that is clear, else the document
    language (`document`, detected here when not given); links always get the document
    language (a URL has none).

    >>> from checker.text import split_sentences
    >>> [(s.id, s.language) for s in tag_languages(split_sentences("Der Krieg begann im Februar 2022 mit dem Angriff Russlands."))]
    [(0, 'de')]
    """
    language = document or document_language(segments)
    return [
        Sentence(
            id=index,
            text=segment.text,
            start=segment.start,
            end=segment.end,
            layout=segment.layout,
            language=(
                language
                if segment.layout is Layout.LINK
                else detect_language(segment.text, fallback=language)
            ),
        )
        for index, segment in enumerate(segments)
    ]
