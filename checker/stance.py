"""What a retrieved corpus entry says about a checked claim.

Three implementations of one protocol (`StanceModel.assess(claim, hits) -> evidence`):

* `LabelTransferStance`: passes on the entry's label, read through honest checks (below);
  the baseline, and the default of a Checker built without models (fast tests);
* `ModelCheckedStance`, used by the pipeline: label transfer, with the project's trained
  cross-encoder (checker/stance_model.py) as a veto on the entries whose label would count;
* `ModelStance`, used by `factcheck verify`: the cross-encoder reads each entry's claim and
  evidence against the claim and decides. It refutes too many sentences that only share a
  topic to decide an article's verdicts (README, bench/verdicts.py).

The label-transfer checks:

* how close the claim is to the entry (e5 cosine): only a near-paraphrase counts as
  "the same claim"; anything else is merely on the same topic and says nothing;
* polarity: "Selenskyj hat den Krieg nicht begonnen" is close to the false claim
  "Zelensky started the war" but asserts its opposite, so the entry's label is turned
  round (a false claim's negation is supported) at lower confidence, never applied as is;
* numbers: when each text names a number the other does not ("3 billion" vs "300 billion",
  "24 August 1991" vs "24 August 1992"), they are not the same claim, however close otherwise;
* the leading actors: "Russia started the war" sits very close to "Ukraine started the war"
  in embedding space (cosine 0.95 with e5-small), so when both texts name known actors
  (countries, leaders, alliances, or their adjectives: "das ukrainische Parlament") as
  their subject and have none in common, they are not the same claim. The subject is the
  first actor named outside a prepositional phrase ("Drei Tage vor dem Angriff auf die
  Ukraine erkannte Russland …" is about Russia) or the agent of a past passive ("Die
  Ukraine wurde von Russland überfallen"), with the actors named together with it.

Known limits: no reasoning about entailment; antonyms look like the same claim; swapped
roles are caught only for the listed actors; the subject is guessed from word order,
prepositions and passive auxiliaries, not parsed; negation is found by cue words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Protocol

import numpy as np

from checker.config import Settings
from checker.lexical import NAME_VARIANTS, fold
from checker.records import CorpusLabel, Evidence, Hit, Stance

NEGATION_CUES = re.compile(
    r"\b(?:nicht|kein|keine|keinen|keinem|keiner|keines|keineswegs|keinesfalls|mitnichten|nie|niemals|nichts|"
    r"niemand|weder|not|no|never|none|nobody|nothing|neither|nor|cannot)\b|n't\b",
    re.IGNORECASE,
)
# "nicht nur" / "not only" add to a statement instead of denying it. ("Nirgendwo"/"nowhere"
# are no cues: "Nirgendwo ist Strom so teuer wie in Deutschland" says it is dearest there.)
NOT_NEGATION = re.compile(r"\b(?:nicht nur|not only|no doubt|kein wunder|nicht zuletzt)\b", re.IGNORECASE)
# A frame that denies the clause after it: "Es ist nicht wahr, dass er nicht kam" says he came.
DENYING_FRAME = re.compile(r"\b(?:(?:nicht|kein)\w* (?:wahr|richtig)|not (?:true|the case)),? (?:dass|that)\b",
                           re.IGNORECASE)
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")

# Countries, leaders and alliances whose swap turns a claim round ("Russia started the war"
# vs "Ukraine started the war"), by folded word (after NAME_VARIANTS), also in the German
# genitive ("Russlands", "Selenskyjs"). "US" is matched case-sensitively below, since "us"
# is also an English pronoun.
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
# Their adjectives name them too ("das ukrainische Parlament", "the Russian army"), German
# ones declined; a people ("65 Prozent der Ukrainer", "Ukrainians") is no actor.
ACTOR_ADJECTIVES = {"russisch": "russia", "russian": "russia", "ukrainisch": "ukraine", "ukrainian": "ukraine",
                    "amerikanisch": "usa", "american": "usa", "europaisch": "europe", "european": "europe",
                    "chinesisch": "china", "chinese": "china"}
ADJECTIVE_ENDINGS = ("", "e", "en", "em", "er", "es")
# The subject is guessed, not parsed: an actor inside a prepositional phrase is not it
# ("Drei Tage vor dem Angriff auf die Ukraine erkannte Russland …", "Three days before
# invading Ukraine, Russia recognised …"), and a passive sentence names it after "by"/"von"
# ("Die Ukraine wurde von Russland überfallen").
PREPOSITIONS = frozenset(
    "an am ans auf aufs aus bei beim bis durch fur gegen gegenuber hinter in im ins laut mit nach neben ohne "
    "seit statt trotz uber um unter von vom vor wahrend wegen zu zum zur zwischen "
    "about above across after against amid among at before behind between by despite during for from "
    "following into like near of off on over since than through to toward towards under unlike until "
    "upon with within without".split())
# Words that may stand before a phrase's noun without ending it (articles, determiners).
PHRASE_FILLERS = frozenset(
    "der die das den dem des ein eine einen einem einer eines dessen deren sein seine seinem seinen seiner "
    "ihr ihre ihrem ihren ihrer the a an its their his her this that these those".split())
CONJUNCTIONS = frozenset("und oder sowie and or".split())
JOINING_WORDS = CONJUNCTIONS | PHRASE_FILLERS  # may stand between actors named together
# Past passive only in German: "wird"/"werden" also make the future ("Die USA werden von …
# bekommen").
PASSIVE_AUXILIARIES = frozenset("wurde wurden worden was were been is are being".split())
AGENT_MARKERS = frozenset("von vom durch by".split())
# Words and the punctuation that ends a phrase ("Before invading Ukraine, Russia …").
TOKEN = re.compile(r"\w+|[,;:()–—]")

# How much of the label's confidence survives when we turn it round for a negated claim:
# the cue-word check can be wrong, so a reviewer should look.
FLIPPED_CONFIDENCE = 0.7
# Turning a label round needs a closer match than passing it on: in a long sentence a
# "kein" may deny something other than what the entry states ("keine US-Verpflichtungen"
# vs "nur einseitige Verpflichtungen der Ukraine" agree, at cosine 0.90).
FLIP_MARGIN = 0.03
# Matches this far or farther above the match threshold are the same claim without the
# stance model's word: it misses entailment often ("Selenskyj hat den Ukraine-Krieg
# begonnen" / "… den Krieg mit Russland begonnen": cosine 0.975, entailment read at 0.15).
CONFIRMED_MARGIN = 0.05
# How a note ends when the stance model holds a label back (ModelCheckedStance).
VETO_ENDING = " — a reviewer should compare them"


def is_negated(text: str) -> bool:
    """True if the text denies its proposition: a negation cue, or a denying frame ("It is
    not true that …") around a clause that is not itself negated. Several cues deny several
    things, not each other ("never blocked …, where it had never launched"; "keine globale
    Erwärmung und keinen Klimawandel"), so they are not counted off against each other."""
    cleaned = NOT_NEGATION.sub(" ", text)
    frame = DENYING_FRAME.search(cleaned)
    if frame:
        return not is_negated(cleaned[frame.end():])
    return NEGATION_CUES.search(cleaned) is not None


def numbers_in(text: str) -> set[str]:
    """The numbers a text mentions, normalised ("1.000" and "1,000" both become "1000")."""
    return {re.sub(r"[.,]", "", number) for number in NUMBER.findall(text)}


def _actor_of(word: str) -> str | None:
    """The actor a word names ("Russlands" -> "russia", "ukrainischen" -> "ukraine"), or None."""
    if word == "US":
        return "usa"
    folded = fold(word)
    for noun in (folded, folded[:-1] if folded.endswith("s") and len(folded) > 4 else None):
        actor = ACTORS.get(NAME_VARIANTS.get(noun, noun)) if noun else None
        if actor:
            return actor
    stems = (folded[: len(folded) - len(ending)] for ending in ADJECTIVE_ENDINGS if folded.endswith(ending))
    return next((ACTOR_ADJECTIVES[stem] for stem in stems if stem in ACTOR_ADJECTIVES), None)


@dataclass(frozen=True, slots=True)
class _Word:
    """A token of a text read for its leading actors, looked at once."""

    text: str
    folded: str
    actor: str | None


def _phrase_end(words: list[_Word], start: int) -> int:
    """Where the noun phrase starting at words[start] (a preposition's object) ends."""
    position = start
    while position < len(words):
        word = words[position]
        after = words[position + 1] if position + 1 < len(words) else None
        if word.folded in PREPOSITIONS or not word.text[0].isalnum():
            return position  # a new phrase, or punctuation, ends this one
        if (word.folded in PHRASE_FILLERS or word.folded.endswith("ing") or word.actor  # "dem", "invading", "russischen"
                or (word.folded in CONJUNCTIONS and words[position - 1].actor)  # "den USA und Russland"
                or (word.text[0].isupper() and after and after.actor)):  # "Joe Biden", "Präsident Putin"
            position += 1
        elif after and after.folded == "des":  # "Beginn des russischen Angriffs"
            position += 2
        else:
            return position + 1  # the phrase's noun
    return position


def _coordinated_actors(words: list[_Word], start: int) -> frozenset[str]:
    """The actor at words[start] and those joined to it ("die USA, Großbritannien und Russland")."""
    actors = set()
    for word in words[start:]:
        if word.actor:
            actors.add(word.actor)
        elif not (word.text == "," or word.folded in JOINING_WORDS or word.text[0].isupper()):
            break
    return frozenset(actors)


def leading_actors(text: str) -> frozenset[str]:
    """The known actors a text names first, as its subject if it can be told (module docstring):
    "Die Ukraine hat …" -> {"ukraine"}; "Vor dem Angriff auf die Ukraine erkannte Russland …"
    -> {"russia"}; "The US, the UK and Russia guaranteed …" -> all three; none -> empty."""
    tokens = TOKEN.findall(re.sub(r"\b(?:U\.S\.|United States|Vereinigten Staaten)", "US", text))
    words = [_Word(token, fold(token), _actor_of(token)) for token in tokens]
    auxiliary = next((n for n, word in enumerate(words) if word.folded in PASSIVE_AUXILIARIES), None)
    if auxiliary is not None:
        agent = next((n for n in range(auxiliary + 1, len(words)) if words[n].folded in AGENT_MARKERS), None)
        if agent is not None:
            for position in range(agent + 1, _phrase_end(words, agent + 1)):
                if words[position].actor:
                    return _coordinated_actors(words, position)
    position = 0
    while position < len(words):
        if words[position].folded in PREPOSITIONS:
            position = _phrase_end(words, position + 1)
        elif words[position].actor:
            return _coordinated_actors(words, position)
        else:
            position += 1
    return frozenset()


class StanceModel(Protocol):
    def assess(self, claim: str, hits: list[Hit]) -> list[Evidence]:
        """Evidence for each hit worth showing (similar enough), best first."""
        ...


class Relation(Enum):
    """How a retrieved entry relates to the claim, by the label-transfer checks."""

    TOPIC = "on the same topic, not the same claim"
    NUMBERS = "same topic, different numbers"
    ACTOR = "same topic, different actor"
    NEGATED_TOO_FAR = "close, but one of the two is negated: a reviewer should compare them"
    SAME = "same claim"
    NEGATED = "negates the claim"


# The same claim but for a detail: where a true entry may refute a claim that contradicts it.
DETAIL_DIFFERS = (Relation.SAME, Relation.NUMBERS, Relation.ACTOR)


@dataclass(frozen=True, slots=True)
class Reading:
    """One hit read by the label-transfer checks (before any label is applied)."""

    hit: Hit
    relation: Relation
    confidence: float  # how sure the match is, from the similarity (0 unless SAME / NEGATED)
    note: str


def read_hit(claim: str, hit: Hit, settings: Settings) -> Reading:
    """The label-transfer checks (module docstring) for one hit at or above the related threshold."""
    entry, match = hit.entry, settings.match_threshold
    if hit.similarity < match:
        return Reading(hit, Relation.TOPIC, 0.0, Relation.TOPIC.value)
    claim_numbers, entry_numbers = numbers_in(claim), numbers_in(entry.text)
    if claim_numbers - entry_numbers and entry_numbers - claim_numbers:
        return Reading(hit, Relation.NUMBERS, 0.0, Relation.NUMBERS.value)
    claim_actors, entry_actors = leading_actors(claim), leading_actors(entry.text)
    if claim_actors and entry_actors and not claim_actors & entry_actors:
        return Reading(hit, Relation.ACTOR, 0.0,
                       f"{Relation.ACTOR.value} ({'/'.join(sorted(claim_actors))} vs {'/'.join(sorted(entry_actors))})")
    strength = (hit.similarity - match) / (1.0 - match)
    confidence = 0.6 + 0.4 * min(1.0, max(0.0, strength))
    if is_negated(claim) == is_negated(entry.text):
        return Reading(hit, Relation.SAME, confidence, Relation.SAME.value)
    if hit.similarity < match + FLIP_MARGIN:
        return Reading(hit, Relation.NEGATED_TOO_FAR, 0.0, Relation.NEGATED_TOO_FAR.value)
    return Reading(hit, Relation.NEGATED, confidence * FLIPPED_CONFIDENCE, Relation.NEGATED.value)


def transfer_label(reading: Reading) -> Evidence:
    """Evidence from the entry's own label, as the reading allows."""
    hit, entry = reading.hit, reading.hit.entry
    if reading.relation not in (Relation.SAME, Relation.NEGATED):
        return Evidence(entry, hit.similarity, Stance.NEUTRAL, 0.0, reading.note)
    flipped = reading.relation is Relation.NEGATED
    stance = _stance_from_label(entry.label, flipped)
    if stance is Stance.NEUTRAL:
        return Evidence(entry, hit.similarity, stance, reading.confidence, _neutral_note(entry.label, flipped))
    if flipped:
        return Evidence(entry, hit.similarity, stance, reading.confidence, f"negates a claim rated {entry.label.value}")
    return Evidence(entry, hit.similarity, stance, reading.confidence, f"same claim, rated {entry.label.value}")


def _related(hits: list[Hit], settings: Settings) -> list[Hit]:
    return [hit for hit in hits if hit.similarity >= settings.related_threshold]


class LabelTransferStance:
    """Stance from the matched entry's own label, checked for polarity and numbers."""

    def __init__(self, settings: Settings):
        self._settings = settings

    def assess(self, claim: str, hits: list[Hit]) -> list[Evidence]:
        evidence = [transfer_label(read_hit(claim, hit, self._settings)) for hit in _related(hits, self._settings)]
        return sorted(evidence, key=lambda item: -item.similarity)


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


class ModelCheckedStance:
    """Label transfer, checked by the trained cross-encoder: the pipeline's stance stage.

    The label-transfer checks decide which entries are the same claim (`read_hit`), so an
    entry that merely shares a topic never decides a verdict, however the model reads it.
    For an entry whose label would be passed on, the model reads the claim and the entry's
    claim both ways round and may veto. "Opposite" means each contradicts the other, "same"
    that either entails the other, at least `stance_verdict_threshold` likely and likelier
    than the other reading:

    * same claim, as the cue words see it, but the model reads the opposite: antonyms
      ("rejected" vs "ratified") and swapped roles the cue words cannot see. The label is
      not passed on; the entry is shown as close, for a reviewer to compare;
    * one of the two negated, as the cue words see it, but the model reads the same: the
      label is not turned round;
    * a match in the claim's language less than CONFIRMED_MARGIN above the match threshold
      that the model does not read as the same claim: neither text entails the other (for
      the same claim) or contradicts it (for its negation), either way round, even at
      `stance_flag_threshold`. Close embeddings are not the same claim: "Das ukrainische
      Parlament hat das Rohstoffabkommen mit den USA nicht ratifiziert" and "Die Ukraine war
      zu den Gesprächen zwischen den USA und Russland nicht eingeladen" sit at cosine 0.92.
      The label is not passed on; unlike the two vetoes above, this silences nothing.

    A vetoed entry also silences the less similar entries that would say the opposite of
    what it said, so that the doubt about the closest match does not hand the verdict to a
    farther entry; farther entries that agree with it keep their own (checked) stance.

    One reading of the model's own counts (`stance_refutes_from_true`, on by default): an
    entry rated true that is the same claim but for a detail the label-transfer checks saw
    (the same claim read as opposite, other numbers or dates, another leading actor)
    refutes the claim when each contradicts the other, neither entails the other even at
    `stance_flag_threshold` (the model reads passives and reorderings as contradictions
    beside entailment), and both or neither are negated. Only these near matches: a sentence that merely shares a topic with a true entry is never
    refuted, and the model never supports a claim on its own.

    Why no more than that: the model finds contradictions that are not there often enough
    (README "Stance model") that free-standing verdicts of its own would put wrong "refuted"
    verdicts into articles, the costliest error for a journalist; a veto costs at worst an
    "unverified" that a reviewer sees. The entries' evidence texts are read by `factcheck
    verify` (ModelStance), not here, for the same reason.
    """

    def __init__(self, settings: Settings, classifier: PairClassifier):
        self._settings = settings
        self._classifier = classifier

    def assess(self, claim: str, hits: list[Hit]) -> list[Evidence]:
        readings = [read_hit(claim, hit, self._settings) for hit in _related(hits, self._settings)]
        worth_reading = [self._may_change(claim, reading) for reading in readings]
        checked = [reading for reading, worth in zip(readings, worth_reading) if worth]
        # Both directions: contradiction is symmetric, and a model that reads it only one way
        # round is reading a difference in detail ("the war" vs "the war with Russia").
        premises = [text for r in checked for text in (r.hit.entry.text, claim)]
        hypotheses = [text for r in checked for text in (claim, r.hit.entry.text)]
        probabilities = self._classifier.probabilities(premises, hypotheses)
        both_ways = iter(probabilities.reshape(len(checked), 2, probabilities.shape[-1]))  # per entry: (entry, claim), (claim, entry)
        judged = sorted((self._judge(claim, reading, next(both_ways) if worth else None)
                         for reading, worth in zip(readings, worth_reading)), key=lambda pair: -pair[0].similarity)
        # A veto also silences the less similar entries that would say the opposite of what
        # the vetoed one said: the doubt about the closest match must not hand the verdict to
        # a farther entry (a "true" entry that reports a denial). Farther entries that agree
        # with it keep their stance; the model has read each of them on its own.
        evidence, silenced = [], set()
        for item, vetoed_stance in judged:
            if item.stance in silenced:
                item = Evidence(item.entry, item.similarity, Stance.NEUTRAL, 0.0,
                                f"{item.note}, but a closer entry that says otherwise is in doubt{VETO_ENDING}")
            if vetoed_stance is not None:
                silenced |= set(Stance) - {vetoed_stance, Stance.NEUTRAL}
            evidence.append(item)
        return evidence

    def _may_change(self, claim: str, reading: Reading) -> bool:
        """Whether the model's reading can change what the label says (so it is worth a pass)."""
        if reading.relation in (Relation.SAME, Relation.NEGATED):
            return reading.hit.entry.label in (CorpusLabel.TRUE, CorpusLabel.FALSE, CorpusLabel.MISLEADING)
        return self._may_refute_from_true(claim, reading)

    def _may_refute_from_true(self, claim: str, reading: Reading) -> bool:
        """Whether a contradiction read by the model may refute the claim (`stance_refutes_from_true`).
        Same polarity only: "Ukraine did not start the war" and the true "Russia started the
        war" differ in actor and negation, and agree."""
        entry = reading.hit.entry
        return (self._settings.stance_refutes_from_true and entry.label is CorpusLabel.TRUE
                and reading.relation in DETAIL_DIFFERS
                and is_negated(claim) == is_negated(entry.text))

    def _judge(self, claim: str, reading: Reading, both_ways: np.ndarray | None) -> tuple[Evidence, Stance | None]:
        """The entry's evidence, and the stance its label would have given if the model vetoed it."""
        by_label = transfer_label(reading)
        if both_ways is None:
            return by_label, None
        hit, threshold = reading.hit, self._settings.stance_verdict_threshold
        same = float(both_ways[:, ENTAILS].max())  # either text entails the other
        opposite = float(both_ways[:, CONTRADICTS].min())  # each contradicts the other
        if (self._may_refute_from_true(claim, reading) and opposite >= threshold
                and same < self._settings.stance_flag_threshold):
            return Evidence(hit.entry, hit.similarity, Stance.REFUTES, round(opposite, 3),
                            "the stance model reads it as contradicting this entry, rated true"), None
        if by_label.stance is Stance.NEUTRAL:
            return by_label, None
        if reading.relation is Relation.NEGATED and same >= threshold and same > opposite:
            note = (f"a near match rated {hit.entry.label.value} with one of the two negated, but the stance "
                    f"model reads them as saying the same{VETO_ENDING}")
        elif reading.relation is Relation.SAME and opposite >= threshold and opposite > same:
            note = f"a near match rated {hit.entry.label.value}, but the stance model reads the opposite{VETO_ENDING}"
        elif self._not_read_as_same_claim(reading, both_ways):
            # Not a doubt between two readings but no match at all: like an entry that only
            # shares the topic, it silences nothing.
            return Evidence(hit.entry, hit.similarity, Stance.NEUTRAL, 0.0,
                            f"close to an entry rated {hit.entry.label.value}, but the stance model does not "
                            f"read them as the same claim{VETO_ENDING}"), None
        else:
            return by_label, None
        return Evidence(hit.entry, hit.similarity, Stance.NEUTRAL, 0.0, note), by_label.stance

    def _not_read_as_same_claim(self, reading: Reading, both_ways: np.ndarray) -> bool:
        """Whether the model reads neither text as entailing the other (for the same claim) or
        contradicting it (for its negation), either way round, even at the flag threshold.
        Asked only of a match in the same language and less than CONFIRMED_MARGIN above the
        match threshold: across languages the cosine runs lower and the model reads worse
        ("Selenskyj hat Trumps Netzwerk Truth Social in der Ukraine verboten" and "Zelensky
        banned Trump's Truth Social platform in Ukraine": cosine 0.92, entailment 0.12)."""
        hit = reading.hit
        if hit.similarity >= self._settings.match_threshold + CONFIRMED_MARGIN or hit.cross_lingual:
            return False
        column = ENTAILS if reading.relation is Relation.SAME else CONTRADICTS
        return float(both_ways[:, column].max()) < self._settings.stance_flag_threshold
