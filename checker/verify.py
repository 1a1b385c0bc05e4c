"""Verdicts for claims with evidence texts given by the caller (`factcheck verify --pairs`).

Each claim's evidence texts are read by the stance model exactly as corpus evidence is in
the pipeline (ModelStance: entails -> supports, contradicts -> refutes), and weighed by the
same rules (checker.verdict.weigh), so `verify` shows what the verdict stage does with a
given piece of evidence. Every text given is read, however dissimilar to the claim.
Plain evidence texts carry no publisher rating, so "misleading" (which comes from an entry
rated misleading) does not arise here.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from checker.config import Settings
from checker.embed import Embedder
from checker.errors import InputError
from checker.records import CorpusEntry, Evidence, Hit, Label, Stance
from checker.stance import StanceModel
from checker.verdict import weigh

MAX_EVIDENCE = 50  # per claim: each text costs a model pass


@dataclass(frozen=True, slots=True)
class PairsItem:
    id: str | int
    claim: str
    evidence: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Verification:
    id: str | int
    label: Label
    confidence: float
    flagged: bool  # a reviewer should look (the verdict rules' flag)
    evidence: tuple[Evidence, ...]  # in the order given

    def to_json(self) -> dict:
        return {"id": self.id, "label": self.label.value, "confidence": self.confidence, "flagged": self.flagged,
                "evidence": [{"stance": item.stance.value, "confidence": item.stance_confidence}
                             for item in self.evidence]}


def parse_pairs(text: str, source: str) -> list[PairsItem]:
    """JSONL lines {"id", "claim", "evidence": [...]}; InputError names source:line on any fault."""
    items, seen = [], set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(f"{where}: not valid JSON ({error.msg}).") from None
        if not isinstance(record, dict):
            raise InputError(f"{where}: expected an object with id, claim and evidence.")
        item_id, claim, evidence = record.get("id"), record.get("claim"), record.get("evidence")
        if not isinstance(item_id, (str, int)) or isinstance(item_id, bool) or item_id == "":
            raise InputError(f"{where}: \"id\" must be a non-empty string or an integer.")
        if item_id in seen:
            raise InputError(f"{where}: id {item_id!r} appears twice.")
        if not isinstance(claim, str) or not claim.strip():
            raise InputError(f"{where}: \"claim\" must be a non-empty string.")
        if not isinstance(evidence, list) or not all(isinstance(e, str) and e.strip() for e in evidence):
            raise InputError(f"{where}: \"evidence\" must be a list of non-empty strings.")
        if len(evidence) > MAX_EVIDENCE:
            raise InputError(f"{where}: {len(evidence)} evidence texts; at most {MAX_EVIDENCE} per claim.")
        seen.add(item_id)
        items.append(PairsItem(item_id, claim.strip(), tuple(e.strip() for e in evidence)))
    if not items:
        raise InputError(f"{source}: no claims; expected one JSON object per line.")
    return items


def verify(items: Sequence[PairsItem], embedder: Embedder, stance: StanceModel,
           settings: Settings) -> list[Verification]:
    """One verification per item, in order."""
    texts = list(dict.fromkeys([item.claim for item in items] + [e for item in items for e in item.evidence]))
    vectors = dict(zip(texts, embedder.embed_queries(texts))) if texts else {}
    results = []
    for item in items:
        # every given text is read: no similarity floor, no cap
        read_all = dataclasses.replace(settings, stance_min_similarity=-1.0,
                                       stance_candidates=max(1, len(item.evidence)))
        hits = [Hit(CorpusEntry(id=f"{item.id}#{k}", text=text, evidence=text),
                    float(np.dot(vectors[item.claim], vectors[text])), 0.0)
                for k, text in enumerate(item.evidence)]
        assessed = {e.entry.id: e for e in _assess(stance, read_all, item.claim, hits)}
        ordered = tuple(assessed[hit.entry.id] for hit in hits)
        weighing = weigh(list(ordered), settings)
        results.append(Verification(item.id, weighing.label, weighing.confidence, weighing.flagged, ordered))
    return results


def _assess(stance: StanceModel, settings: Settings, claim: str, hits: list[Hit]) -> list[Evidence]:
    with_settings = getattr(stance, "with_settings", None)
    model = with_settings(settings) if with_settings else stance
    found = model.assess(claim, hits)
    missing = {hit.entry.id for hit in hits} - {e.entry.id for e in found}
    # a stance model may leave out what it finds unrelated: that is a neutral reading
    return found + [Evidence(hit.entry, hit.similarity, Stance.NEUTRAL, 0.0, "not related")
                    for hit in hits if hit.entry.id in missing]
