"""Pair stance (claim vs evidence: entails / contradicts / neutral), measured for issue 4.

Any system is a pair function `(claim, evidence) -> (label, confidence)`. This harness
scores every system in the same run on:

  (a) our negation probe set (bench/data/stance_probes.jsonl): accuracy per category;
  (b) XNLI German and English, 3-way: a fixed held-out split of the row-parallel dev sets
      (see XNLI_HOLDOUT_*: training scripts must leave these rows out, in both languages);
  (c) CLIMATE-FEVER: pairs (evidence_label SUPPORTS / REFUTES / NOT_ENOUGH_INFO) and claims
      (claim + its 5 evidence sentences -> supported / refuted / unverified). DISPUTED claims
      are LEFT OUT at claim level (their pairs are kept). A seeded sample of claims keeps the
      run short on two cores (CLIMATE_FEVER_CLAIMS);
  (d) expected calibration error (ECE) of the confidence, on each set.

Baselines in this run (none of them is a stance model):
  * majority class: the most frequent gold label of the set being scored, at confidence
    equal to its share (calibrated by construction; it knows the test distribution);
  * similarity-only: e5 cosine of claim and evidence >= Settings.match_threshold -> entails,
    else neutral. It can NEVER say "contradicts";
  * cue-word: checker.stance.LabelTransferStance as it runs in the verdict today, with the
    evidence treated as a corpus entry rated true: cosine >= the match threshold, and negation
    parity differs -> contradicts, same parity -> entails; numbers or the leading actor differ,
    or the cosine is lower -> neutral.

Cost: about 4,000 distinct texts are embedded once (about 4.5 minutes on 2 cores) and cached
under .cache/bench; a re-run takes about 15 seconds.

    .venv/bin/python bench/stance.py
    .venv/bin/python bench/stance.py --temperature 1.26   # also read at another temperature
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from common import DATA, REPO, CachedEmbedder, require, stance_settings

from checker.config import Settings
from checker.embed import SentenceTransformerEmbedder
from checker.records import CorpusEntry, CorpusLabel, Hit, Stance
from checker.stance import LabelTransferStance
from checker.stance_model import DEFAULT_WEIGHTS, cross_encoder

LABELS = ("entails", "contradicts", "neutral")
CLAIM_LABELS = ("supported", "refuted", "unverified")
CATEGORIES = ("negation", "antonym", "swapped_roles", "numbers", "dates", "same_topic")
PROBES = REPO / "bench" / "data" / "stance_probes.jsonl"
PROBE_FIELDS = {"id": str, "language": str, "category": str, "claim": str, "evidence": str, "label": str}

# The XNLI held-out rule. xnli_de/dev.jsonl and xnli_en/dev.jsonl are row-parallel, 2,490 rows,
# 830 premises with exactly 3 hypotheses each in consecutive rows, so premise group = row // 3.
# Groups are ordered by sha256(f"{SALT}:{group}") and the first 20 % (166 groups, 498 rows,
# 166 per label) are held out. Holding out whole premises keeps a premise seen in training
# out of the test pairs; the same rows are held out in both languages, since a German row is
# a translation of the English one. A training script MUST exclude xnli_holdout_rows() from
# both files (import it from here, or copy the rule with these constants).
XNLI_HOLDOUT_SALT = "issue4-xnli-holdout-v1"
XNLI_HOLDOUT_FRACTION = 0.2
XNLI_GROUP_SIZE = 3
XNLI_ROWS = 2490

# CLIMATE-FEVER: claims (DISPUTED excluded) in a fixed hash order; the first N are scored, with
# all 5 evidence sentences each, so pair and claim level use the same sample. Only a time limit.
CLIMATE_FEVER_CLAIMS = 400
CLIMATE_FEVER_SALT = "issue4-climate-fever-sample-v1"
CLIMATE_FEVER_PAIR_LABELS = {"SUPPORTS": "entails", "REFUTES": "contradicts", "NOT_ENOUGH_INFO": "neutral"}
CLIMATE_FEVER_CLAIM_LABELS = {"SUPPORTS": "supported", "REFUTES": "refuted", "NOT_ENOUGH_INFO": "unverified"}
XNLI_LABELS = {"entailment": "entails", "contradiction": "contradicts", "neutral": "neutral"}

PairFunction = Callable[[str, str], tuple[str, float]]
MAJORITY = "majority class"


@dataclass(frozen=True, slots=True)
class Pair:
    claim: str
    evidence: str
    label: str  # one of LABELS
    group: str  # a probe category, a language, or a claim id
    language: str  # "de" or "en"


@dataclass(frozen=True, slots=True)
class ClaimCase:
    claim: str
    evidence: tuple[str, ...]
    label: str  # one of CLAIM_LABELS


# ------------------------------------------------------------------ metrics


def accuracy(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """Share of exact matches, in [0, 1]."""
    return sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold) if gold else 0.0


def macro_f1(gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str]) -> float:
    """Mean F1 over `labels`; a label never predicted and never gold is skipped, one with
    gold items but no correct prediction counts 0.

    >>> round(macro_f1(["a", "a", "b"], ["a", "b", "b"], ["a", "b"]), 3)
    0.667
    """
    scores = []
    for label in labels:
        true_positive = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        gold_count, predicted_count = gold.count(label), predicted.count(label)
        if gold_count == 0 and predicted_count == 0:
            continue
        scores.append(2 * true_positive / (gold_count + predicted_count))
    return sum(scores) / len(scores) if scores else 0.0


def expected_calibration_error(correct: Sequence[bool], confidence: Sequence[float], bins: int = 10) -> float:
    """ECE: |accuracy - mean confidence| per equal-width confidence bin, weighted by bin size.

    Confidence 1.0 falls in the top bin, 0.0 in the bottom one.

    >>> expected_calibration_error([True, False], [1.0, 1.0])
    0.5
    """
    if not correct:
        return 0.0
    members: dict[int, list[int]] = {}
    for item, value in enumerate(confidence):
        members.setdefault(min(int(value * bins), bins - 1), []).append(item)
    total = 0.0
    for items in members.values():
        hits = sum(correct[i] for i in items) / len(items)
        mean_confidence = sum(confidence[i] for i in items) / len(items)
        total += len(items) / len(correct) * abs(hits - mean_confidence)
    return total


# ------------------------------------------------------------------ data


def stable_order(keys: Sequence[str], salt: str) -> list[str]:
    """Keys in a fixed pseudo-random order (sha256 of salt:key): the same on every machine."""
    return sorted(keys, key=lambda key: hashlib.sha256(f"{salt}:{key}".encode()).hexdigest())


def xnli_holdout_rows() -> frozenset[int]:
    """Row indices of XNLI dev (de and en alike) held out from training for this benchmark."""
    groups = [str(group) for group in range(XNLI_ROWS // XNLI_GROUP_SIZE)]
    held = stable_order(groups, XNLI_HOLDOUT_SALT)[: round(len(groups) * XNLI_HOLDOUT_FRACTION)]
    return frozenset(int(group) * XNLI_GROUP_SIZE + offset for group in held for offset in range(XNLI_GROUP_SIZE))


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in require(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def probe_pairs() -> list[Pair]:
    """The probe set, grouped by category."""
    return [Pair(r["claim"], r["evidence"], r["label"], r["category"], r["language"]) for r in read_jsonl(PROBES)]


def xnli_pairs(language: str) -> list[Pair]:
    """Held-out XNLI rows of one language; the hypothesis is the claim, the premise the evidence."""
    rows = read_jsonl(DATA / "nli" / f"xnli_{language}" / "dev.jsonl")
    if len(rows) != XNLI_ROWS:
        raise SystemExit(f"error: xnli_{language}/dev.jsonl has {len(rows)} rows; "
                         f"the held-out rule expects {XNLI_ROWS}")
    return [Pair(rows[i]["hypothesis"], rows[i]["premise"], XNLI_LABELS[rows[i]["label"]], language, language)
            for i in sorted(xnli_holdout_rows())]


def climate_fever() -> tuple[list[Pair], list[ClaimCase]]:
    """The sampled CLIMATE-FEVER claims (DISPUTED left out) as pairs and as claim cases."""
    records = [r for r in read_jsonl(DATA / "climate_fever" / "climate-fever-dev.jsonl")
               if r["claim_label"] in CLIMATE_FEVER_CLAIM_LABELS]
    by_id = {r["claim_id"]: r for r in records}
    chosen = [by_id[key] for key in stable_order(list(by_id), CLIMATE_FEVER_SALT)[:CLIMATE_FEVER_CLAIMS]]
    pairs = [Pair(r["claim"], e["evidence"], CLIMATE_FEVER_PAIR_LABELS[e["evidence_label"]], r["claim_id"], "en")
             for r in chosen for e in r["evidences"]]
    cases = [ClaimCase(r["claim"], tuple(e["evidence"] for e in r["evidences"]),
                       CLIMATE_FEVER_CLAIM_LABELS[r["claim_label"]]) for r in chosen]
    return pairs, cases


# ------------------------------------------------------------------ systems


class Cosines:
    """e5 cosine of two texts, from vectors embedded in batches (and cached on disk) beforehand."""

    def __init__(self, embedder: CachedEmbedder):
        self._embedder = embedder
        self._vectors: dict[str, np.ndarray] = {}

    def add(self, texts: Sequence[str]) -> None:
        """Embed the texts not seen yet, in one batch (symmetric "query:" texts, as retrieval does)."""
        fresh = [text for text in dict.fromkeys(texts) if text not in self._vectors]
        self._vectors.update(zip(fresh, self._embedder.embed_queries(fresh)))

    def __call__(self, first: str, second: str) -> float:
        return float(self._vectors[first] @ self._vectors[second])


def distance_confidence(similarity: float, threshold: float) -> float:
    """A heuristic confidence for a threshold decision, in [0.5, 1]: 0.5 at the threshold,
    1.0 a full (1 - threshold) away from it. Not a probability; ECE shows how far off it is."""
    return min(1.0, 0.5 + abs(similarity - threshold) / (2 * (1.0 - threshold)))


def similarity_only(cosines: Cosines, threshold: float) -> PairFunction:
    """cosine >= threshold -> entails, else neutral (never contradicts)."""

    def predict(claim: str, evidence: str) -> tuple[str, float]:
        similarity = cosines(claim, evidence)
        label = "entails" if similarity >= threshold else "neutral"
        return label, distance_confidence(similarity, threshold)

    return predict


def cue_word(cosines: Cosines, settings: Settings) -> PairFunction:
    """checker.stance's label transfer, reading the evidence as an entry rated true.

    Its confidence for supports/refutes is used as is; it gives none for neutral ("no stance",
    0.0), so there the similarity-only heuristic stands in.
    """
    stance = LabelTransferStance(settings)
    to_label = {Stance.SUPPORTS: "entails", Stance.REFUTES: "contradicts"}

    def predict(claim: str, evidence: str) -> tuple[str, float]:
        similarity = cosines(claim, evidence)
        entry = CorpusEntry(id="evidence", text=evidence, label=CorpusLabel.TRUE)
        found = stance.assess(claim, [Hit(entry, similarity, similarity)])
        if found and found[0].stance in to_label:
            return to_label[found[0].stance], found[0].stance_confidence
        return "neutral", distance_confidence(similarity, settings.match_threshold)

    return predict


class TrainedModel:
    """The shipped stance model (checker/stance_model.py), batched: probabilities for every
    pair are computed once up front (`add`), then looked up.

    Pair level: the most probable label, its probability as confidence. Claim level: the
    product's own rules, through checker.verify (ModelStance + verdict.weigh) and the
    thresholds in Settings. `temperature=1.0` undoes the calibration (to show its effect on ECE).
    """

    def __init__(self, model, settings: Settings, name: str, temperature: float | None = None):
        self._model, self._settings, self.name = model, settings, name
        self._rescale = None if temperature is None else model.settings.temperature / temperature
        self._table: dict[tuple[str, str], np.ndarray] = {}

    def at_temperature(self, name: str, temperature: float) -> "TrainedModel":
        """The same model and computed pairs, read at another softmax temperature."""
        other = TrainedModel(self._model, self._settings, name, temperature)
        other._table = self._table
        return other

    def add(self, pairs: Sequence[tuple[str, str]]) -> None:
        """(evidence, claim) pairs to compute, in one batch."""
        fresh = [pair for pair in dict.fromkeys(pairs) if pair not in self._table]
        if fresh:
            rows = self._model.probabilities([p[0] for p in fresh], [p[1] for p in fresh])
            self._table.update(zip(fresh, rows))

    def probabilities(self, evidence: Sequence[str], claims: Sequence[str]) -> np.ndarray:
        rows = np.array([self._table[(e, c)] for e, c in zip(evidence, claims)], dtype=np.float64).reshape(-1, 3)
        if self._rescale is not None:
            logits = np.log(np.clip(rows, 1e-12, 1.0)) * self._rescale
            rows = np.exp(logits - logits.max(axis=1, keepdims=True))
            rows /= rows.sum(axis=1, keepdims=True)
        return rows

    def __call__(self, claim: str, evidence: str) -> tuple[str, float]:
        row = self.probabilities([evidence], [claim])[0]
        return LABELS[int(row.argmax())], float(row.max())

    def claim_level(self, cases: Sequence[ClaimCase]) -> list[tuple[str, float]]:
        from checker.embed import HashingEmbedder
        from checker.stance import ModelStance
        from checker.verify import PairsItem, verify

        items = [PairsItem(str(k), case.claim, case.evidence) for k, case in enumerate(cases)]
        # verify reads every evidence text whatever its similarity; hashing vectors keep this fast
        results = verify(items, HashingEmbedder(), ModelStance(self._settings, self), self._settings)
        return [(result.label.value, result.confidence) for result in results]


def majority(labels: Sequence[str]) -> PairFunction:
    """Always the most frequent of `labels`, at confidence equal to its share."""
    label, count = Counter(labels).most_common(1)[0]
    return lambda claim, evidence: (label, count / len(labels))


def aggregate(stances: Sequence[tuple[str, float]]) -> tuple[str, float]:
    """A claim's label from its evidence stances: the stronger of the most confident
    "entails" and the most confident "contradicts" wins (ties: unverified); with neither,
    unverified at the mean confidence of the neutral stances."""
    best = {label: max((c for l, c in stances if l == label), default=0.0) for label in ("entails", "contradicts")}
    if best["entails"] > best["contradicts"]:
        return "supported", best["entails"]
    if best["contradicts"] > best["entails"]:
        return "refuted", best["contradicts"]
    neutral = [c for l, c in stances if l == "neutral"]
    return "unverified", (sum(neutral) / len(neutral) if neutral else 0.5)


# ------------------------------------------------------------------ scoring


@dataclass(frozen=True, slots=True)
class Score:
    n: int
    accuracy: float
    macro_f1: float
    ece: float


def score(gold: Sequence[str], predicted: Sequence[tuple[str, float]], labels: Sequence[str]) -> Score:
    """Accuracy, macro-F1 over `labels` and ECE of predictions against gold labels."""
    names = [label for label, _ in predicted]
    correct = [g == p for g, p in zip(gold, names, strict=True)]
    return Score(len(gold), accuracy(gold, names), macro_f1(list(gold), names, labels),
                 expected_calibration_error(correct, [c for _, c in predicted]))


def run_pairs(system: PairFunction, pairs: Sequence[Pair]) -> list[tuple[str, float]]:
    return [system(pair.claim, pair.evidence) for pair in pairs]


def run_claims(system: PairFunction, cases: Sequence[ClaimCase]) -> list[tuple[str, float]]:
    if hasattr(system, "claim_level"):  # the trained model goes through the product's verdict rules
        return system.claim_level(cases)
    return [aggregate([system(case.claim, evidence) for evidence in case.evidence]) for case in cases]


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A Markdown table; every column after the first is right-aligned."""
    lines = ["| " + " | ".join(header) + " |", "|---|" + "---:|" * (len(header) - 1)]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])


# Systems for one scored set, built from its gold labels (the majority class needs them).
# A trained model joins here, beside the baselines, so every number comes from the same run.
SystemsFor = Callable[[Sequence[str]], dict[str, PairFunction]]


def probe_section(systems: SystemsFor, probes: Sequence[Pair]) -> tuple[str, dict[str, float]]:
    """Table (a): probe accuracy per category, per language and overall; ECE over all probes."""
    groups = [(category, [p for p in probes if p.group == category]) for category in CATEGORIES]
    groups += [(f"all, {language}", [p for p in probes if p.language == language]) for language in ("de", "en")]
    rows, names = [], list(systems([p.label for p in probes]))
    for group, subset in groups + [("**overall**", list(probes))]:
        gold, labels = [p.label for p in subset], Counter(p.label for p in subset)
        scores = {name: score(gold, run_pairs(fn, subset), LABELS) for name, fn in systems(gold).items()}
        rows.append([group, str(len(subset)), "/".join(str(labels[label]) for label in LABELS)]
                    + [f"{scores[name].accuracy:.3f}" for name in names])
    return table(["category", "n", "E/C/N", *names], rows), {name: scores[name].ece for name in names}


def xnli_section(systems: SystemsFor, xnli: dict[str, list[Pair]]) -> tuple[str, dict[str, list[float]]]:
    """Table (b): accuracy and macro-F1 per language; ECE per language."""
    results = {language: {name: score([p.label for p in pairs], run_pairs(fn, pairs), LABELS)
                          for name, fn in systems([p.label for p in pairs]).items()}
               for language, pairs in xnli.items()}
    names = list(results["de"])
    rows = [[name] + [f"{getattr(results[language][name], metric):.3f}"
                      for language in ("de", "en") for metric in ("accuracy", "macro_f1")] for name in names]
    ece = {name: [results[language][name].ece for language in ("de", "en")] for name in names}
    return table(["system", "de accuracy", "de macro-F1", "en accuracy", "en macro-F1"], rows), ece


def climate_fever_section(systems: SystemsFor, pairs: Sequence[Pair],
                          cases: Sequence[ClaimCase]) -> tuple[str, dict[str, list[float]]]:
    """Table (c): pair and claim level accuracy and macro-F1; ECE at both levels."""
    pair_gold, claim_gold = [p.label for p in pairs], [c.label for c in cases]
    rows, ece = [], {}
    for name, fn in systems(pair_gold).items():
        pair_score = score(pair_gold, run_pairs(fn, pairs), LABELS)
        # the claim-level majority is the claim labels' own, not an aggregate of pair labels
        claim_predictions = ([majority(claim_gold)("", "")] * len(cases) if name == MAJORITY
                             else run_claims(fn, cases))
        claim_score = score(claim_gold, claim_predictions, CLAIM_LABELS)
        rows.append([name] + [f"{value:.3f}" for value in (pair_score.accuracy, pair_score.macro_f1,
                                                            claim_score.accuracy, claim_score.macro_f1)])
        ece[name] = [pair_score.ece, claim_score.ece]
    return table(["system", "pair accuracy", "pair macro-F1", "claim accuracy", "claim macro-F1"], rows), ece


def counts(labels: Sequence[str], order: Sequence[str]) -> str:
    tally = Counter(labels)
    return "/".join(str(tally[label]) for label in order)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--weights", type=Path, default=DEFAULT_WEIGHTS, help="stance model weights to measure")
    parser.add_argument("--temperature", type=float, action="append", default=[],
                        help="also read the model at this softmax temperature (a row of its own; repeatable)")
    args = parser.parse_args()
    settings = stance_settings(args.weights)
    print(f"weights {args.weights} (verdict threshold {settings.stance_verdict_threshold}, "
          f"flag threshold {settings.stance_flag_threshold})")
    embedder = CachedEmbedder(SentenceTransformerEmbedder(settings.model_dir, threads=2))
    cosines = Cosines(embedder)
    probes = probe_pairs()
    xnli = {language: xnli_pairs(language) for language in ("de", "en")}
    cf_pairs, cf_claims = climate_fever()
    for pairs in (probes, xnli["de"], xnli["en"], cf_pairs):
        cosines.add([text for pair in pairs for text in (pair.claim, pair.evidence)])
    threshold = settings.match_threshold
    model = cross_encoder(embedder, args.weights)
    trained = TrainedModel(model, settings, "trained stance model")
    uncalibrated = trained.at_temperature("trained, uncalibrated (T = 1)", 1.0)
    others = [trained.at_temperature(f"trained, at T = {t}", t) for t in args.temperature]
    trained.add([(pair.evidence, pair.claim) for pair in [*probes, *xnli["de"], *xnli["en"], *cf_pairs]])

    def systems(gold: Sequence[str]) -> dict[str, PairFunction]:
        return {MAJORITY: majority(gold),
                f"similarity-only (cos ≥ {threshold})": similarity_only(cosines, threshold),
                "cue-word (checker.stance)": cue_word(cosines, settings),
                trained.name: trained, uncalibrated.name: uncalibrated, **{other.name: other for other in others}}

    print(f"model: {embedder.fingerprint}; stance weights {args.weights.name} (T = {model.settings.temperature}); "
          f"match threshold {threshold}, "
          f"related threshold {settings.related_threshold}\n")
    probe_table, probe_ece = probe_section(systems, probes)
    print(f"### (a) Negation probes (ours, {len(probes)} pairs; accuracy)\n\n{probe_table}\n")
    print("The majority class of each row is that row's own (same_topic is all neutral).\n")
    xnli_table, xnli_ece = xnli_section(systems, xnli)
    print(f"### (b) XNLI dev, held-out rows ({len(xnli['de'])} pairs per language, 3-way)\n\n{xnli_table}\n")
    cf_table, cf_ece = climate_fever_section(systems, cf_pairs, cf_claims)
    print(f"### (c) CLIMATE-FEVER ({len(cf_claims)} sampled claims, DISPUTED left out; {len(cf_pairs)} pairs)\n")
    print(f"{cf_table}\n\npairs E/C/N {counts([p.label for p in cf_pairs], LABELS)}; claims supported/refuted/"
          f"unverified {counts([c.label for c in cf_claims], CLAIM_LABELS)}. At claim level the baselines' most "
          "confident entailing vs contradicting evidence decides (aggregate); the trained model goes through the "
          "product's verdict rules and thresholds (checker.verify). Published on the full set: FEVER-trained "
          "model 38.78 % claim accuracy, majority class 42.6 %.\n")
    print("### (d) Expected calibration error (10 equal-width bins; lower is better)\n")
    rows = [[name] + [f"{value:.3f}" for value in (probe_ece[name], *xnli_ece[name], *cf_ece[name])]
            for name in probe_ece]
    print(table(["system", "probes", "XNLI de", "XNLI en", "CF pairs", "CF claims"], rows))
    print("\nBaseline confidences are heuristics (distance_confidence), not probabilities; "
          "the majority class is calibrated by construction.")


if __name__ == "__main__":
    main()
