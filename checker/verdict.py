"""decide(claim, evidence, settings) -> Verdict: pure, no models, no I/O.

Rules (also in the README):
1. The deciding evidence is the entry whose non-neutral stance is held with the highest
   confidence (ties: the more similar). Its stance gives the label: supports -> supported,
   refutes -> refuted, mixed -> misleading; its confidence is the verdict's confidence.
2. If another deciding entry nearly as confident (within CONFLICT_MARGIN) says the
   opposite, the evidence conflicts: unverified, flagged.
3. Below `settings.stance_verdict_threshold` no verdict is stated: unverified, flagged,
   naming the label the evidence leans to ("possibly refuted") for the reviewer.
4. With no deciding evidence the claim is unverified; it is flagged when a related entry
   was found (a reviewer may know better) or when the article itself calls it false.
5. Refuted and misleading verdicts are always flagged, and so is any stated verdict
   below `settings.review_below_confidence`.
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.config import Settings
from checker.records import AttributionType, Claim, Evidence, Label, Stance, Verdict

CONFLICT_MARGIN = 0.1
NOTHING_RELATED_CONFIDENCE = 0.9
LABEL_FOR_STANCE = {Stance.SUPPORTS: Label.SUPPORTED, Stance.REFUTES: Label.REFUTED, Stance.MIXED: Label.MISLEADING}
OPPOSITE = {Stance.SUPPORTS: Stance.REFUTES, Stance.REFUTES: Stance.SUPPORTS}


@dataclass(frozen=True, slots=True)
class Weighing:
    """What the evidence adds up to, before it is explained in words."""

    label: Label
    confidence: float
    flagged: bool
    best: Evidence | None = None  # the deciding evidence, if any
    rival: Evidence | None = None  # set when the evidence conflicts
    stated: bool = False  # a verdict is stated (not unverified)


def weigh(evidence: list[Evidence], settings: Settings) -> Weighing:
    """Rules 1-3 and 5 (and rule 4 without the article's own judgement)."""
    deciding = sorted((item for item in evidence if item.stance is not Stance.NEUTRAL),
                      key=lambda item: (-item.stance_confidence, -item.similarity))
    if not deciding:
        closest = max(evidence, key=lambda item: item.similarity, default=None)
        if closest is None:
            # Nothing related at all: fairly sure the corpus cannot settle it, never certain.
            return Weighing(Label.UNVERIFIED, NOTHING_RELATED_CONFIDENCE, False)
        # Close to the match threshold means we are unsure that nothing matches.
        gap = (settings.match_threshold - closest.similarity) / (settings.match_threshold - settings.related_threshold)
        confidence = 0.5 + 0.4 * min(1.0, max(0.0, gap))
        return Weighing(Label.UNVERIFIED, round(confidence, 3), closest.similarity >= settings.related_threshold,
                        closest)
    best = deciding[0]
    rival = next((item for item in deciding[1:] if item.stance is OPPOSITE.get(best.stance)), None)
    if rival is not None and best.stance_confidence - rival.stance_confidence < CONFLICT_MARGIN:
        return Weighing(Label.UNVERIFIED, 0.5, True, best, rival)
    label = LABEL_FOR_STANCE[best.stance]
    if best.stance_confidence < settings.stance_verdict_threshold:
        return Weighing(Label.UNVERIFIED, round(1.0 - best.stance_confidence, 3), True, best)
    flagged = label is not Label.SUPPORTED or best.stance_confidence < settings.review_below_confidence
    return Weighing(label, round(best.stance_confidence, 3), flagged, best, stated=True)


def decide(claim: Claim, evidence: list[Evidence], settings: Settings) -> Verdict:
    """The verdict on one checked claim from its evidence (sorted or not), explained."""
    weighing = weigh(evidence, settings)
    subject, best = _subject(claim), weighing.best
    marked_false = claim.attribution.marked_false_by_author
    author_note = " The article itself calls this claim false." if marked_false else ""
    if weighing.stated:
        text = f"{subject}: {weighing.label.value} — {best.note}: {_quote(best)}{_source(best)}."
    elif weighing.rival is not None:
        text = (f"{subject}: the corpus has conflicting entries ({_quote(best)} vs {_quote(weighing.rival)}); "
                f"a reviewer should decide.")
    elif best is not None and best.stance is not Stance.NEUTRAL:
        leaning = LABEL_FOR_STANCE[best.stance].value
        text = (f"{subject}: unverified, possibly {leaning} — {best.note}: {_quote(best)}{_source(best)}; "
                f"a reviewer should decide.{author_note}")
    elif best is not None:
        text = f"{subject}: unverified — closest entry is {best.note}: {_quote(best)}.{author_note}"
    else:
        text = f"{subject}: unverified — no related entry in the reference corpus.{author_note}"
    if marked_false and not weighing.stated:
        return Verdict(weighing.label, min(weighing.confidence, 0.5), True, text)
    return Verdict(weighing.label, weighing.confidence, weighing.flagged, text)


def _subject(claim: Claim) -> str:
    attribution = claim.attribution
    if attribution.type is AttributionType.REPORTED:
        who = attribution.speaker or "someone"
        return f"Claim reported from {who} (“{claim.checked_text}”)"
    return "Claim"


def _quote(item: Evidence) -> str:
    return f"“{item.entry.text}”"


def _source(item: Evidence) -> str:
    entry = item.entry
    parts = [f"rated “{entry.rating}”" if entry.rating else None, f"by {entry.publisher}" if entry.publisher else None]
    text = " ".join(part for part in parts if part)
    return f" ({text})" if text else ""
