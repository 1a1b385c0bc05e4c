"""decide(claim, evidence, settings) -> Verdict: pure, no models, no I/O.

Rules (also in the README):
1. The deciding evidence is the most similar entry whose stance is not neutral.
   Its stance gives the label: supports -> supported, refutes -> refuted,
   mixed -> misleading; its confidence is the verdict's confidence.
2. If another deciding entry nearly as similar (within CONFLICT_MARGIN) says the
   opposite, the evidence conflicts: unverified, flagged.
3. With no deciding evidence the claim is unverified; it is flagged when a related entry
   was found (a reviewer may know better) or when the article itself calls it false.
4. Refuted and misleading verdicts are always flagged, and so is any stated verdict
   below `settings.review_below_confidence`.
"""

from __future__ import annotations

from checker.config import Settings
from checker.records import AttributionType, Claim, Evidence, Label, Stance, Verdict

CONFLICT_MARGIN = 0.02
NOTHING_RELATED_CONFIDENCE = 0.9
LABEL_FOR_STANCE = {Stance.SUPPORTS: Label.SUPPORTED, Stance.REFUTES: Label.REFUTED, Stance.MIXED: Label.MISLEADING}
OPPOSITE = {Stance.SUPPORTS: Stance.REFUTES, Stance.REFUTES: Stance.SUPPORTS}


def decide(claim: Claim, evidence: list[Evidence], settings: Settings) -> Verdict:
    """The verdict on one checked claim from its evidence (sorted or not)."""
    ranked = sorted(evidence, key=lambda item: -item.similarity)
    deciding = [item for item in ranked if item.stance is not Stance.NEUTRAL]
    subject = _subject(claim)
    if not deciding:
        return _unverified(claim, ranked, settings, subject)
    best = deciding[0]
    rival = next((item for item in deciding[1:] if item.stance is OPPOSITE.get(best.stance)), None)
    if rival is not None and best.similarity - rival.similarity < CONFLICT_MARGIN:
        return Verdict(Label.UNVERIFIED, 0.5, True,
                       f"{subject}: the corpus has conflicting entries "
                       f"({_quote(best)} vs {_quote(rival)}); a reviewer should decide.")
    label = LABEL_FOR_STANCE[best.stance]
    flagged = label is not Label.SUPPORTED or best.stance_confidence < settings.review_below_confidence
    return Verdict(label, round(best.stance_confidence, 3), flagged,
                   f"{subject}: {label.value} — {best.note}: {_quote(best)}{_source(best)}.")


def _unverified(claim: Claim, ranked: list[Evidence], settings: Settings, subject: str) -> Verdict:
    """No deciding evidence: say how close the nearest entry came, and flag what needs a human."""
    author_note = " The article itself calls this claim false." if claim.attribution.marked_false_by_author else ""
    if ranked:
        closest = ranked[0]
        # Close to the match threshold means we are unsure that nothing matches.
        gap = (settings.match_threshold - closest.similarity) / (settings.match_threshold - settings.related_threshold)
        confidence = 0.5 + 0.4 * min(1.0, max(0.0, gap))
        return Verdict(Label.UNVERIFIED, round(confidence, 3), True,
                       f"{subject}: unverified — closest entry is {closest.note}: {_quote(closest)}.{author_note}")
    # Nothing related at all: we are fairly sure the corpus cannot settle it, never certain.
    return Verdict(Label.UNVERIFIED, 0.5 if author_note else NOTHING_RELATED_CONFIDENCE, bool(author_note),
                   f"{subject}: unverified — no related entry in the reference corpus.{author_note}")


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
