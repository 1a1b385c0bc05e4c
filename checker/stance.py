"""What a retrieved corpus entry says about a checked claim.

Two implementations of one protocol (`StanceModel.assess(claim, hits) -> evidence`):

* `LabelTransferStance`, used by the pipeline: it passes on the entry's label, read
  through honest checks (below);
* `ModelStance`, used by `factcheck verify` and measured by bench/stance.py: the project's
  trained cross-encoder (checker/stance_model.py) reads each entry against the claim. It
  still refutes too many same-topic sentences to decide an article's verdicts (README).

The label-transfer checks:

* how close the claim is to the entry (e5 cosine): only a near-paraphrase counts as
  "the same claim"; anything else is merely on the same topic and says nothing;
* polarity: "Selenskyj hat den Krieg nicht begonnen" is close to the false claim
  "Zelensky started the war" but asserts its opposite, so the entry's label is turned
  round (a false claim's negation is supported) at lower confidence, never applied as is;
* numbers: "3 billion" and "300 billion" are not the same claim, however close otherwise;
* the leading actor: "Russia started the war" sits very close to "Ukraine started the war"
  in embedding space (cosine 0.95 with e5-small), so when both texts name a known actor
  (a country, a leader, an alliance) first and the two differ, they are not the same claim.

Known limits: no reasoning about entailment; antonyms look like the same claim; swapped
roles are caught only for the listed actors; a passive sentence ("Ukraine was attacked by
Russia") names its actors in the other order and is left unverified; negation is found by
cue words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

import numpy as np

from checker.config import Settings
from checker.lexical import NAME_VARIANTS, fold
from checker.records import CorpusLabel, Evidence, Hit, Stance

NEGATION_CUES = re.compile(
    r"\b(?:nicht|kein|keine|keinen|keinem|keiner|keines|nie|niemals|nichts|niemand|weder|"
    r"not|no|never|none|nobody|nothing|neither|nor|cannot)\b|n't\b",
    re.IGNORECASE,
)
# "nicht nur" / "not only" add to a statement instead of denying it.
NOT_NEGATION = re.compile(r"\b(?:nicht nur|not only|no doubt|kein wunder|nicht zuletzt)\b", re.IGNORECASE)
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")

# Actors whose swap turns a claim round, by folded word (after NAME_VARIANTS). "US" is
# matched case-sensitively below, since "us" is also an English pronoun.
ACTORS = {
    **dict.fromkeys(["russia", "moskau", "moscow", "kreml", "kremlin"], "russia"),
    **dict.fromkeys(["ukraine", "kyiv"], "ukraine"),
    **dict.fromkeys(["usa", "amerika", "america", "washington"], "usa"),
    **dict.fromkeys(["zelensky"], "zelensky"),
    **dict.fromkeys(["putin"], "putin"),
    **dict.fromkeys(["trump"], "trump"),
    **dict.fromkeys(["biden"], "biden"),
    **dict.fromkeys(["nato"], "nato"),
    **dict.fromkeys(["eu", "europa", "europe"], "europe"),
    **dict.fromkeys(["china", "peking", "beijing"], "china"),
    **dict.fromkeys(["deutschland", "germany", "berlin"], "germany"),
}
WORD = re.compile(r"\w+")

# How much of the label's confidence survives when we turn it round for a negated claim:
# the cue-word check can be wrong, so a reviewer should look.
FLIPPED_CONFIDENCE = 0.7
# Turning a label round needs a closer match than passing it on: in a long sentence a
# "kein" may deny something other than what the entry states ("keine US-Verpflichtungen"
# vs "nur einseitige Verpflichtungen der Ukraine" agree, at cosine 0.90).
FLIP_MARGIN = 0.03


def is_negated(text: str) -> bool:
    """True if the text denies its proposition (odd number of negation cues)."""
    cleaned = NOT_NEGATION.sub(" ", text)
    return len(NEGATION_CUES.findall(cleaned)) % 2 == 1


def numbers_in(text: str) -> set[str]:
    """The numbers a text mentions, normalised ("1.000" and "1,000" both become "1000")."""
    return {re.sub(r"[.,]", "", number) for number in NUMBER.findall(text)}


def leading_actor(text: str) -> str | None:
    """The first known actor a text names ("Die Ukraine hat …" -> "ukraine"), or None."""
    for word in WORD.findall(text.replace("U.S.", "US")):
        if word == "US":
            return "usa"
        folded = fold(word)
        actor = ACTORS.get(NAME_VARIANTS.get(folded, folded))
        if actor:
            return actor
    return None


class StanceModel(Protocol):
    def assess(self, claim: str, hits: list[Hit]) -> list[Evidence]:
        """Evidence for each hit worth showing (similar enough), best first."""
        ...


class LabelTransferStance:
    """Stance from the matched entry's own label, checked for polarity and numbers."""

    def __init__(self, settings: Settings):
        self._match = settings.match_threshold
        self._related = settings.related_threshold

    def assess(self, claim: str, hits: list[Hit]) -> list[Evidence]:
        evidence = [self._assess_one(claim, hit) for hit in hits if hit.similarity >= self._related]
        return sorted(evidence, key=lambda item: -item.similarity)

    def _assess_one(self, claim: str, hit: Hit) -> Evidence:
        entry = hit.entry
        if hit.similarity < self._match:
            return Evidence(entry, hit.similarity, Stance.NEUTRAL, 0.0, "on the same topic, not the same claim")
        claim_numbers, entry_numbers = numbers_in(claim), numbers_in(entry.text)
        if claim_numbers and entry_numbers and claim_numbers.isdisjoint(entry_numbers):
            return Evidence(entry, hit.similarity, Stance.NEUTRAL, 0.0, "same topic, different numbers")
        claim_actor, entry_actor = leading_actor(claim), leading_actor(entry.text)
        if claim_actor and entry_actor and claim_actor != entry_actor:
            return Evidence(entry, hit.similarity, Stance.NEUTRAL, 0.0,
                            f"same topic, different actor ({claim_actor} vs {entry_actor})")
        strength = (hit.similarity - self._match) / (1.0 - self._match)
        confidence = 0.6 + 0.4 * min(1.0, max(0.0, strength))
        flipped = is_negated(claim) != is_negated(entry.text)
        if flipped and hit.similarity < self._match + FLIP_MARGIN:
            return Evidence(entry, hit.similarity, Stance.NEUTRAL, 0.0,
                            "close, but one of the two is negated: a reviewer should compare them")
        stance = _stance_from_label(entry.label, flipped)
        if stance is Stance.NEUTRAL:
            return Evidence(entry, hit.similarity, stance, confidence, _neutral_note(entry.label, flipped))
        if flipped:
            return Evidence(entry, hit.similarity, stance, confidence * FLIPPED_CONFIDENCE,
                            f"negates a claim rated {entry.label.value}")
        return Evidence(entry, hit.similarity, stance, confidence, f"same claim, rated {entry.label.value}")


def _stance_from_label(label: CorpusLabel | None, flipped: bool) -> Stance:
    if label is CorpusLabel.TRUE:
        return Stance.REFUTES if flipped else Stance.SUPPORTS
    if label is CorpusLabel.FALSE:
        return Stance.SUPPORTS if flipped else Stance.REFUTES
    if label is CorpusLabel.MISLEADING and not flipped:
        return Stance.MIXED
    return Stance.NEUTRAL


def _neutral_note(label: CorpusLabel | None, flipped: bool) -> str:
    if label is None:
        return "same claim, but the entry carries no rating"
    if label is CorpusLabel.MISLEADING and flipped:
        return "negates a claim rated misleading, which settles nothing"
    return f"same claim, rated {label.value}"


class PairClassifier(Protocol):
    def probabilities(self, evidence: Sequence[str], claims: Sequence[str]) -> np.ndarray:
        """P(entails), P(contradicts), P(neutral) per (evidence, claim) pair."""
        ...


ENTAILS, CONTRADICTS = 0, 1


class ModelStance:
    """Stance from the trained cross-encoder, combined with the entry's own label.

    For each of the `stance_candidates` most similar entries (cosine at least
    `stance_min_similarity`), the model reads up to two pairs:

    * the entry's claim and the checked claim, in the direction that carries its label:
      a TRUE entry supports the claim if the entry entails it; a FALSE entry refutes the
      claim if the claim entails the entry (the claim says the false thing, or more), and
      a MISLEADING one makes it misleading the same way. A claim that contradicts a FALSE
      entry is supported only if it is that entry's negation (one of the two is negated,
      the other not): "Selenskyj hat den Krieg nicht begonnen" against the false "Zelensky
      started the war". A mere contrary ("Biden started the war") gets nothing from the label;
    * the entry's evidence text and the claim: entails -> supports, contradicts -> refutes.

    The entry's stance is the strongest of these; below `stance_flag_threshold` it is
    neutral. Its confidence is that calibrated probability; decide() states a verdict
    only from `stance_verdict_threshold` up.
    """

    def __init__(self, settings: Settings, classifier: PairClassifier):
        self._settings = settings
        self._classifier = classifier

    def with_settings(self, settings: Settings) -> "ModelStance":
        """The same model under other settings (e.g. `verify`, which reads every text given)."""
        return ModelStance(settings, self._classifier)

    def assess(self, claim: str, hits: list[Hit]) -> list[Evidence]:
        settings = self._settings
        chosen = sorted((hit for hit in hits if hit.similarity >= settings.stance_min_similarity),
                        key=lambda hit: -hit.similarity)[: settings.stance_candidates]
        # (premise, hypothesis, which entry, what the pair is for)
        pairs: list[tuple[str, str, int, str]] = []
        for number, hit in enumerate(chosen):
            entry = hit.entry
            if entry.label is CorpusLabel.TRUE:
                pairs.append((entry.text, claim, number, "label"))
            elif entry.label in (CorpusLabel.FALSE, CorpusLabel.MISLEADING):
                pairs.append((claim, entry.text, number, "label"))
            if entry.evidence:
                pairs.append((entry.evidence, claim, number, "evidence"))
        probabilities = self._classifier.probabilities([p[0] for p in pairs], [p[1] for p in pairs])
        read: dict[tuple[int, str], np.ndarray] = {(p[2], p[3]): row for p, row in zip(pairs, probabilities)}
        evidence = [self._judge(claim, hit, read.get((n, "label")), read.get((n, "evidence")))
                    for n, hit in enumerate(chosen)]
        return sorted(evidence, key=lambda item: (-item.stance_confidence if item.stance is not Stance.NEUTRAL
                                                  else 0.0, -item.similarity))

    def _judge(self, claim: str, hit: Hit, label_pair: np.ndarray | None,
               evidence_pair: np.ndarray | None) -> Evidence:
        entry = hit.entry
        # (strength, stance, note) candidates; the strongest wins
        options: list[tuple[float, Stance, str]] = []
        if label_pair is not None:
            agrees, opposes = float(label_pair[ENTAILS]), float(label_pair[CONTRADICTS])
            if entry.label is CorpusLabel.TRUE:
                options += [(agrees, Stance.SUPPORTS, "the entry, rated true, says the same"),
                            (opposes, Stance.REFUTES, "contradicts an entry rated true")]
            elif entry.label is CorpusLabel.FALSE:
                options.append((agrees, Stance.REFUTES, "says what an entry rated false says"))
                if is_negated(claim) != is_negated(entry.text):
                    options.append((opposes, Stance.SUPPORTS, "negates a claim rated false"))
            elif entry.label is CorpusLabel.MISLEADING:
                options.append((agrees, Stance.MIXED, "says what an entry rated misleading says"))
        if evidence_pair is not None:
            options += [(float(evidence_pair[ENTAILS]), Stance.SUPPORTS, "the entry's evidence supports it"),
                        (float(evidence_pair[CONTRADICTS]), Stance.REFUTES, "the entry's evidence contradicts it")]
        if not options:
            return Evidence(entry, hit.similarity, Stance.NEUTRAL, 0.0, "the entry carries no rating or evidence")
        strength, stance, note = max(options, key=lambda option: option[0])
        if strength < self._settings.stance_flag_threshold:
            return Evidence(entry, hit.similarity, Stance.NEUTRAL, round(1.0 - strength, 3),
                            "on the same topic; says nothing either way")
        return Evidence(entry, hit.similarity, stance, round(strength, 3), note)
