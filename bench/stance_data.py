"""The training data of the stance model (bench/train_stance.py), read from ../shared/data.

Every example is (premise = evidence, hypothesis = claim, target). Targets are the three
stance labels, or NOT_ENTAILS for the 2-way sets, whose "neutral" means "not entailment"
and may hide a contradiction: for those the loss only pushes probability away from
"entails" (see train_stance.partial_loss).

What is used, and why (counts are what this module yields; `--list` prints them):

* English 3-way NLI, the bulk: MNLI (all of TaxiNLI's 10k pairs and its negation subset), an
  SNLI sample, ANLI dev rounds 1-3 (adversarial, long premises), SICK train (many explicit
  negations), RTE-3 dev, HealthVer dev (health claims vs evidence), XNLI dev outside the
  held-out fifth;
* negation and lexical contrast sets: Hossain et al. (negated MNLI / SNLI, and the 2-way
  RTE part), Breaking NLI, ScoNe and MoNLI train splits (these two have no contradiction);
* fact-checking: CLIMATE-FEVER pairs of the claims that bench/stance.py does NOT sample,
  COVID-Fact train (entails / contradicts only);
* German: XNLI dev and RTE-3 dev in German, up-weighted, and cross-lingual pairs made from
  the row-parallel XNLI and RTE-3 (German premise with English hypothesis and the reverse:
  the product matches German sentences against English fact-checks);
* generated contrast pairs in both languages (bench/stance_contrast.py);
* optionally (`train_stance.py --turned-contradictions`, off for the shipped model: a
  candidate trained with them scored lower on the real dev pairs, README "Models"), the
  NLI training contradictions with their two texts swapped (`turned_contradictions`).

Left out: German forum TE (94 % "not entailment", long forum posts, little signal for the
cost), PERSPECTRUM (argument support, not entailment), IMPPRES (template pragmatics), NaN-NLI
and the test splits of SICK, COVID-Fact, HealthVer, ScoNe and MoNLI (kept for checking).

Held out, never trained on: bench/stance.py's XNLI rows (xnli_holdout_rows, in both
languages and in the cross-lingual pairs) and its CLIMATE-FEVER claim sample; its probe set.

Dev split for early stopping and temperature scaling: a fixed hash share of each source,
by premise (all hypotheses of one premise go to the same side).
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from common import DATA, require

import stance as bench_stance

ENTAILS, CONTRADICTS, NEUTRAL, NOT_ENTAILS = 0, 1, 2, 3
NLI_TARGET = {"entailment": ENTAILS, "contradiction": CONTRADICTS, "neutral": NEUTRAL}
DEV_SALT = "issue4-stance-dev-v1"
DEV_SHARE = 0.06
# CLIMATE-FEVER claims outside the benchmark sample: a larger share is dev, since the verdict
# thresholds are chosen on these claims at claim level (bench/train_stance.py).
CLIMATE_FEVER_DEV_SHARE = 0.35
SEED = 4


@dataclass(frozen=True, slots=True)
class Example:
    premise: str  # the evidence
    hypothesis: str  # the claim
    target: int  # ENTAILS, CONTRADICTS, NEUTRAL or NOT_ENTAILS
    source: str
    language: str  # "de", "en" or "de-en" / "en-de" (premise language first)
    weight: float
    dev: bool


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in require(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def _is_dev(key: str, share: float = DEV_SHARE) -> bool:
    digest = hashlib.sha256(f"{DEV_SALT}:{key}".encode()).digest()
    return int.from_bytes(digest[:4], "big") / 2**32 < share


def _sample(rows: list[dict], n: int | None, name: str) -> list[dict]:
    if n is None or n >= len(rows):
        return rows
    return random.Random(f"{SEED}:{name}").sample(rows, n)


def _nli(relative: str, source: str, *, n: int | None = None, weight: float = 1.0, two_way: bool = False,
         language: str = "en") -> Iterator[Example]:
    rows = []
    for part in relative.split("+"):
        rows += _rows(DATA / "nli" / part)
    for row in _sample(rows, n, source):
        target = NLI_TARGET[row["label"]]
        if two_way and target == NEUTRAL:
            target = NOT_ENTAILS
        yield Example(row["premise"], row["hypothesis"], target, source, language, weight,
                      _is_dev(f"{source}:{row['premise']}"))


def _xnli(weight_de: float, weight_cross: float) -> Iterator[Example]:
    """XNLI dev outside the benchmark's held-out rows: de, en, and both cross-lingual ways."""
    held = bench_stance.xnli_holdout_rows()
    de, en = (_rows(DATA / "nli" / f"xnli_{lang}" / "dev.jsonl") for lang in ("de", "en"))
    for i, (row_de, row_en) in enumerate(zip(de, en, strict=True)):
        if i in held:
            continue
        dev = _is_dev(f"xnli:{i // bench_stance.XNLI_GROUP_SIZE}")
        target = NLI_TARGET[row_en["label"]]
        yield Example(row_de["premise"], row_de["hypothesis"], target, "xnli-de", "de", weight_de, dev)
        yield Example(row_en["premise"], row_en["hypothesis"], target, "xnli-en", "en", 1.0, dev)
        # one cross-lingual direction per row, alternating, keeps the count down
        if i % 2:
            yield Example(row_de["premise"], row_en["hypothesis"], target, "xnli-x", "de-en", weight_cross, dev)
        else:
            yield Example(row_en["premise"], row_de["hypothesis"], target, "xnli-x", "en-de", weight_cross, dev)


def _rte3(weight_de: float, weight_cross: float) -> Iterator[Example]:
    de, en = (_rows(DATA / "nli" / "rte3_eop" / f"dev_{lang}.jsonl") for lang in ("de", "en"))
    for i, (row_de, row_en) in enumerate(zip(de, en, strict=True)):
        dev = _is_dev(f"rte3:{i}")
        target = NLI_TARGET[row_en["label"]]
        yield Example(row_de["premise"], row_de["hypothesis"], target, "rte3-de", "de", weight_de, dev)
        yield Example(row_en["premise"], row_en["hypothesis"], target, "rte3-en", "en", 1.0, dev)
        pair = (row_de["premise"], row_en["hypothesis"], "de-en") if i % 2 else (row_en["premise"],
                                                                                  row_de["hypothesis"], "en-de")
        yield Example(pair[0], pair[1], target, "rte3-x", pair[2], weight_cross, dev)


def _climate_fever(weight: float) -> Iterator[Example]:
    """Pairs of the CLIMATE-FEVER claims the benchmark does not score (DISPUTED ones included:
    their single evidence sentences still carry a pair label)."""
    for record in _unsampled_climate_fever():
        dev = _is_dev(f"climate-fever:{record['claim_id']}", CLIMATE_FEVER_DEV_SHARE)
        for evidence in record["evidences"]:
            label = bench_stance.CLIMATE_FEVER_PAIR_LABELS[evidence["evidence_label"]]
            target = {"entails": ENTAILS, "contradicts": CONTRADICTS, "neutral": NEUTRAL}[label]
            yield Example(evidence["evidence"], record["claim"], target, "climate-fever", "en", weight, dev)


def climate_fever_dev_claims() -> list[dict]:
    """The CLIMATE-FEVER records (not DISPUTED) whose pairs are all in the dev split."""
    return [r for r in _unsampled_climate_fever() if r["claim_label"] in bench_stance.CLIMATE_FEVER_CLAIM_LABELS
            and _is_dev(f"climate-fever:{r['claim_id']}", CLIMATE_FEVER_DEV_SHARE)]


def _unsampled_climate_fever() -> list[dict]:
    """CLIMATE-FEVER records outside bench/stance.py's claim sample (DISPUTED ones included)."""
    records = _rows(DATA / "climate_fever" / "climate-fever-dev.jsonl")
    scored = {r["claim_id"] for r in records if r["claim_label"] in bench_stance.CLIMATE_FEVER_CLAIM_LABELS}
    held = set(bench_stance.stable_order(sorted(scored), bench_stance.CLIMATE_FEVER_SALT)
               [:bench_stance.CLIMATE_FEVER_CLAIMS])
    return [r for r in records if r["claim_id"] not in held]


def training_examples(generated: list[Example] | None = None) -> list[Example]:
    """All examples, in a fixed order."""
    parts = [
        _nli("taxinli_mnli/mnli_dev.jsonl+taxinli_mnli/mnli_train.jsonl", "mnli"),
        _nli("taxinli_mnli/negation_subset.jsonl", "mnli-negation"),
        _nli("snli/dev.jsonl+snli/test.jsonl", "snli", n=6000),
        _nli("anli/dev_r1.jsonl+anli/dev_r2.jsonl+anli/dev_r3.jsonl", "anli", n=2400),
        _nli("sick/train.jsonl+sick/dev.jsonl", "sick", n=3000),
        _nli("healthver/dev.jsonl", "healthver", weight=1.5),
        _nli("covidfact/train.jsonl", "covidfact", n=1500),
        _nli("negation_nli_hossain/test_mnli.jsonl+negation_nli_hossain/test_snli.jsonl", "hossain", n=1500),
        _nli("negation_nli_hossain/test_rte.jsonl", "hossain-rte", n=600, two_way=True),
        _nli("breaking_nli/test.jsonl", "breaking-nli", n=1200),
        _nli("scone/train.jsonl", "scone", n=800),
        _nli("monli/nmonli_train.jsonl", "monli", n=600),
        _nli("rte_glue/train.jsonl", "rte-glue", n=1200, two_way=True),
        _xnli(weight_de=2.0, weight_cross=1.5),
        _rte3(weight_de=2.0, weight_cross=1.5),
        _climate_fever(weight=2.0),
    ]
    examples = [example for part in parts for example in part]
    return examples + list(generated or [])


# Sources whose contradictions are read both ways round: NLI sets where a contradiction
# is a claim about the same situation that cannot also be true, which holds whichever text
# comes first. Left out: ANLI and RTE-3 (paragraph premises), the fact-checking sets (a
# "refuting" evidence sentence is often indirect: the claim does not contradict it in turn)
# and the 2-way sets (they carry no contradiction label).
SYMMETRIC_CONTRADICTIONS = frozenset({"mnli", "mnli-negation", "snli", "sick", "hossain", "breaking-nli",
                                      "xnli-de", "xnli-en", "xnli-x"})
# A premise that becomes the claim must be a sentence, not a passage: the model never cuts
# the claim, and a long one would not leave room for the evidence.
MAX_TURNED_CHARS = 300
TURNED_LANGUAGE = {"de-en": "en-de", "en-de": "de-en"}


def turned_contradictions(examples: list[Example]) -> list[Example]:
    """Each training contradiction of SYMMETRIC_CONTRADICTIONS with its two texts swapped.

    "If A contradicts B, B contradicts A": the pipeline asks for exactly that (a claim
    refuted from a true entry must contradict it both ways round), and the sets hold their
    contradictions in one direction only. Dev examples are not turned, so the dev split is
    the same with or without them (and nothing of a dev pair leaks into training).
    """
    return [Example(e.hypothesis, e.premise, CONTRADICTS, f"{e.source}-turned",
                    TURNED_LANGUAGE.get(e.language, e.language), e.weight, False)
            for e in examples if e.target == CONTRADICTS and not e.dev and e.source in SYMMETRIC_CONTRADICTIONS
            and len(e.premise) <= MAX_TURNED_CHARS]


if __name__ == "__main__":
    from collections import Counter

    examples = training_examples()
    print(len(examples), "examples;", sum(e.dev for e in examples), "dev")
    for source, count in sorted(Counter(e.source for e in examples).items()):
        print(f"  {source:16} {count}")
