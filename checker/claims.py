"""Claims stage: what kind each sentence is, how check-worthy, and who asserts it.

    >>> from checker.config import Settings
    >>> from checker.records import Layout, Sentence
    >>> text = "Trump falsely accused Zelensky of starting the war."
    >>> claim, = analyse_sentences([Sentence(0, text, 0, len(text), Layout.TEXT, "en")], Settings())
    >>> claim.attribution.speaker, claim.attribution.marked_false_by_author, claim.checked_text
    ('Trump', True, 'Zelensky started the war.')

* Attribution: `checker/attribution.py` (asserted or reported, speaker, cue, the reported
  proposition that gets checked).
* Check-worthiness: behind the `CheckworthinessScorer` protocol. The pipeline uses the
  trained head (`checker/checkworthiness.py`); `FeatureScorer` here adds documented weights
  for factual signals (numbers, dates, names, event verbs, percentages, quantity comparisons)
  and non-factual ones (first person opinion, speculation, imperatives, greetings, questions,
  very short sentences), squashed by a logistic function: a transparent fallback and
  baseline. A reported sentence scores the higher of the whole sentence and its proposition.
* Kind: HEADING and LINK come from the layout, QUESTION from a final "?", CLAIM from the score
  reaching the scorer's own `threshold` if it has one (the trained scorer's, chosen on dev
  data), else `Settings.checkworthiness_threshold`; everything else is OTHER.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from checker.attribution import QUOTE_CHARS, find_attribution
from checker.config import Settings
from checker.records import Claim, Layout, Sentence, SentenceKind

# ================================================================ check-worthiness


class CheckworthinessScorer(Protocol):
    """Anything that rates how worth checking a text is.

    A scorer may also carry a `threshold` attribute (the score that makes a claim); the
    claims stage then uses it instead of `Settings.checkworthiness_threshold`.
    """

    def score(self, texts: list[str], languages: list[str]) -> list[float]:
        """One score in [0, 1] per text; `languages` are ISO 639-1 codes ("de", "en")."""
        ...


@dataclass(frozen=True, slots=True)
class Feature:
    """One named signal with its weight in the logistic sum."""

    name: str
    weight: float  # added to the logit when the signal is present
    present: Callable[[str, str], bool]  # (text, language) -> bool


def _pattern(regex: str) -> Callable[[str, str], bool]:
    compiled = re.compile(regex, re.IGNORECASE)
    return lambda text, language: compiled.search(text) is not None


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_][\w'’\-]*", text)


_MONTHS = (
    "januar|jänner|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember"
    "|january|february|march|june|july|october|december"
)
_WEEKDAYS = (
    "montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag"
    "|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
)

# Words that state an event or a measurable change: the stuff fact-checks are about.
_EVENT_VERBS = frozenset(
    """
    begonnen begann begannen unterzeichnet unterzeichnete unterzeichneten eingeladen
    einmarschiert marschierte marschierten angegriffen griff getötet tötete verletzt verhaftet
    festgenommen gewählt gewann gewonnen verloren verlor gestiegen stieg gesunken sank
    beschlossen beschloss verabschiedet verabschiedete gegründet veröffentlicht eröffnet erhöht
    erhöhte gesenkt senkte zerstört besetzt annektiert gestorben starb verurteilt ernannt
    zurückgetreten stattgefunden zurückgezogen verdoppelt halbiert abgeschossen
    invaded signed increased decreased rose fell killed won lost started began launched
    approved passed arrested elected attacked founded published died sentenced appointed
    resigned declined grew doubled tripled halved annexed occupied destroyed banned raised
    ratified shot withdrew withdrawn
    """.split()
)

# Well-known names; German capitalises every noun, so names need a list there. A word that
# starts with one of these counts ("Selenskyjs", "Russlands", "Ukraine-Krieg").
_NAMES = tuple(
    """
    Deutschland Österreich Schweiz Frankreich Italien Spanien Polen Russland Ukraine Belarus
    USA China Japan Indien Iran Irak Israel Gaza Syrien Türkei Saudi-Arabien Großbritannien
    Europa Afrika Amerika Kiew Kyjiw Kyiv Kiev Moskau Berlin Washington Brüssel Paris London
    Peking Krim Donbass Charkiw Odessa Russia Ukraine Germany France Britain Europe Moscow
    Trump Biden Obama Putin Selenskyj Selensky Zelensky Zelenskyy Scholz Merz Merkel Macron
    Netanjahu Netanyahu Rubio Vance Musk Lawrow Lavrov Sybiha Kellogg Waltz
    Bundestag Bundesregierung Bundeswehr Kreml Kremlin Pentagon Kongress Senat Vereinten
    Vereinigten
    """.split()
)

_ACRONYM = re.compile(r"\b[A-ZÄÖÜ]{2,}\b")  # USA, NATO, EU, CNN, the "US" of "US-Präsident"


def _named_entities(text: str, language: str) -> int:
    """How many words look like names: listed names, acronyms, and for English any
    capitalised word after the first (in German that would count every noun)."""
    words = _words(text)
    count = len(_ACRONYM.findall(text))
    for position, word in enumerate(words):
        if word.isupper():
            continue  # already counted as an acronym
        if word.startswith(_NAMES):
            count += 1
        elif language != "de" and position > 0 and word[0].isupper() and word != "I":
            count += 1
    return count


def _speaks_in_first_person(text: str) -> bool:
    # English "I" is matched case-sensitively: "i" is no word, but "me"/"my" can start a sentence.
    return bool(
        re.search(r"\b(?:ich|mir|mich|mein\w*|me|my)\b", text, re.IGNORECASE)
        or re.search(r"\bI\b", text)
    )


def _is_short(limit: int) -> Callable[[str, str], bool]:
    return lambda text, language: len(_words(text)) < limit


# Weights are hand-set, in logit units: +1 moves a middling 0.5 to 0.73. They were chosen so
# that one strong factual signal (a number, a date, an event verb with a name) lifts a plain
# sentence over the default threshold of 0.5, and one opinion marker pulls it back under.
_BIAS = -0.5
FEATURES: tuple[Feature, ...] = (
    # factual signals
    Feature("number", 1.5, _pattern(r"\d")),
    Feature("date", 1.0, _pattern(rf"\b(?:{_MONTHS}|{_WEEKDAYS})\b|\b(?:1[89]|20)\d\d\b")),
    Feature("percent", 1.0, _pattern(r"%|\bprozent|\bpercent\b|\bper cent\b")),
    Feature("name", 0.8, lambda text, language: _named_entities(text, language) >= 1),
    Feature("several names", 0.4, lambda text, language: _named_entities(text, language) >= 2),
    Feature(
        "event verb",
        1.0,
        lambda text, language: any(word.lower() in _EVENT_VERBS for word in _words(text)),
    ),
    Feature(
        "quantity comparison",
        0.7,
        _pattern(
            r"\b(?:mehr|weniger) als\b|\b(?:more|less|fewer) than\b|\bdoppelt|\bhälfte\b"
            r"|\btwice\b|\bhalf\b|\brekord|\brecord\b|\b(?:höchst|größt|niedrigst|meist)\w*"
            r"|\b(?:highest|largest|biggest|lowest|most)\b"
        ),
    ),
    # non-factual signals
    Feature(
        "first person opinion",
        -2.0,
        _pattern(
            r"\bich (?:finde|glaube|denke|meine|hoffe|fürchte)\b|\bmeiner meinung\b"
            r"|\bmeines erachtens\b|\bi (?:think|believe|feel|hope|guess)\b|\bin my (?:view|opinion)\b"
        ),
    ),
    Feature("first person", -0.7, lambda text, language: _speaks_in_first_person(text)),
    Feature(
        "evaluation",
        -0.8,
        _pattern(
            r"\b(?:schade|schön|toll|schrecklich|furchtbar|großartig|wunderbar|traurig"
            r"|great|terrible|awful|sad|wonderful|amazing|shame)\b"
        ),
    ),
    Feature(
        "speculation",
        -0.8,
        _pattern(
            r"\b(?:könnte|könnten|würde|würden|dürfte|dürften|vielleicht|möglicherweise"
            r"|wahrscheinlich|vermutlich|eventuell|wohl|might|could|may|would|perhaps|maybe"
            r"|probably|possibly|will)\b"
        ),
    ),
    Feature(
        "imperative",
        -1.5,
        _pattern(
            r"^(?:bitte|lass uns|let's|let us|please|click|read|subscribe|sign up|follow|share"
            r"|imagine|remember|don't)\b|^\w+en sie\b"
        ),
    ),
    Feature(
        "greeting",
        -2.5,
        _pattern(
            r"\b(?:guten (?:morgen|tag|abend)|hallo|liebe leserinnen|vielen dank|danke"
            r"|hello|good (?:morning|evening|afternoon)|thank you|thanks)\b"
        ),
    ),
    Feature("exclamation", -0.5, _pattern(r"!\W*$")),
    Feature("question", -2.0, _pattern(r"\?\W*$")),
    Feature("very short", -1.5, _is_short(4)),
    Feature("short", -0.5, _is_short(7)),
)


class FeatureScorer:
    """Check-worthiness from hand-weighted surface features, combined by a logistic function.

    >>> scorer = FeatureScorer()
    >>> texts = ["Guten Morgen!", "Die Inflation stieg 2022 auf 7,9 Prozent."]
    >>> [round(s, 2) for s in scorer.score(texts, ["de", "de"])]
    [0.0, 0.98]
    >>> scorer.explain("Ich finde das schade.", "de")
    {'first person opinion': -2.0, 'first person': -0.7, 'evaluation': -0.8, 'short': -0.5}
    """

    def __init__(self, features: Sequence[Feature] = FEATURES, bias: float = _BIAS) -> None:
        self.features = tuple(features)
        self.bias = bias

    def score(self, texts: list[str], languages: list[str]) -> list[float]:
        """One score in [0, 1] per text."""
        return [self._score_one(text, language) for text, language in zip(texts, languages)]

    def explain(self, text: str, language: str) -> dict[str, float]:
        """The features that fired for `text`, with their weights (for showing users why)."""
        return {f.name: f.weight for f in self.features if f.present(text.strip(), language)}

    def _score_one(self, text: str, language: str) -> float:
        logit = self.bias + sum(self.explain(text, language).values())
        return 1.0 / (1.0 + math.exp(-logit))


# ================================================================ public entry points


def analyse_sentences(
    sentences: list[Sentence], settings: Settings, scorer: CheckworthinessScorer | None = None
) -> list[Claim]:
    """One Claim per sentence, in order: kind, check-worthiness, attribution, checked text.

    A reported sentence scores the higher of the whole sentence and its proposition: "Trump
    falsely claimed that Ukraine started the war" is worth checking even where the bare
    proposition, short and generic, would not be. Links score 0 and are never claims.

    >>> from checker.config import Settings
    >>> from checker.records import Layout, Sentence
    >>> text = "Russland marschierte am 24. Februar 2022 in die Ukraine ein."
    >>> [c.kind.value for c in analyse_sentences([Sentence(0, text, 0, 60, Layout.TEXT, "de")], Settings())]
    ['claim']
    """
    scorer = scorer or FeatureScorer()
    # a trained scorer carries the threshold chosen on its dev data; rule-based ones use the setting
    threshold = getattr(scorer, "threshold", None)
    threshold = settings.checkworthiness_threshold if threshold is None else threshold
    attributions = [find_attribution(s) for s in sentences]
    scores = _scores(scorer, sentences, [checked for _, checked in attributions])
    return [
        Claim(
            sentence=sentence,
            kind=_kind(sentence, score, threshold),
            checkworthiness=score,
            attribution=attribution,
            checked_text=checked,
        )
        for sentence, (attribution, checked), score in zip(sentences, attributions, scores)
    ]


def _scores(scorer: CheckworthinessScorer, sentences: list[Sentence], checked: list[str]) -> list[float]:
    """Scores for every sentence, asking the scorer once (links are never asked about).

    Where the checked text differs from the sentence (a reported proposition), both are
    scored and the higher counts.
    """
    wanted = [i for i, s in enumerate(sentences) if s.layout is not Layout.LINK]
    texts = [checked[i] for i in wanted]
    languages = [sentences[i].language for i in wanted]
    extra = [i for i in wanted if checked[i] != sentences[i].text]
    texts += [sentences[i].text for i in extra]
    languages += [sentences[i].language for i in extra]
    scored = scorer.score(texts, languages)
    if len(scored) != len(texts):
        raise ValueError(
            f"the check-worthiness scorer returned {len(scored)} scores for {len(texts)} texts"
            " (it must return one score per text)"
        )
    scores = [0.0] * len(sentences)
    for i, score in zip(wanted, scored):
        scores[i] = float(score)
    for i, score in zip(extra, scored[len(wanted):]):
        scores[i] = max(scores[i], float(score))
    return [min(1.0, max(0.0, score)) for score in scores]


def _kind(sentence: Sentence, checkworthiness: float, threshold: float) -> SentenceKind:
    if sentence.layout is Layout.HEADING:
        return SentenceKind.HEADING
    if sentence.layout is Layout.LINK:
        return SentenceKind.OTHER
    if sentence.text.rstrip(" " + QUOTE_CHARS).endswith("?"):
        return SentenceKind.QUESTION
    if checkworthiness >= threshold:
        return SentenceKind.CLAIM
    return SentenceKind.OTHER
