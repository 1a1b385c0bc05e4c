"""Article verdicts against the shipped corpus: which stance stage decides them best.

Each sentence of bench/data/verdict_probes.jsonl (375 article-style sentences, German and
English, written for this benchmark in four batches, each before a stance stage change) is
checked as a claim (the check-worthiness filter is skipped: this measures the verdict, not
the claim finder) against the shipped corpus, by the pipeline's retrieval and verdict
rules, with each stance stage in the same run:

  * label transfer (checker.stance.LabelTransferStance): the entry's own label, with the
    cue-word, number and actor checks; the baseline;
  * model only (checker.stance.ModelStance, as `factcheck verify` runs it): the trained
    cross-encoder reads each entry's claim and evidence against the sentence;
  * model-checked label transfer, veto only (checker.stance.ModelCheckedStance with
    `stance_refutes_from_true` off): the model may only hold a label back;
  * model-checked label transfer (the pipeline's stage): the same, and the model may refute
    from an entry rated true that is the same claim but for a detail.

Gold labels are what a careful fact-checker concludes from the corpus (supported, refuted,
misleading, unverified). Categories: paraphrase, cross_lingual (the sentence in the other
language than its entry), negation, antonym, swapped_roles, numbers, dates, same_topic
(nothing in the corpus settles it). Reported: accuracy, macro-F1 over the four labels,
accuracy per category, and the errors that cost a journalist most: a wrong stated verdict
(a label other than unverified that is not the gold one), wrong "refuted" among them.

Caveat: four writers wrote the sentences from the corpus (bench/data/README.md), so the set
is small and shares the corpus's topics; it checks the rules, it is no test of unseen prose.

    .venv/bin/python bench/verdicts.py [--weights checker/data/stance_model.safetensors] [--rows 88:183] [--show]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import tempfile
from collections import defaultdict
from pathlib import Path

from common import REPO, stance_settings

import stance as bench_stance
from checker.claims import analyse_sentences
from checker.language import tag_languages
from checker.pipeline import Checker
from checker.records import Label
from checker.stance import LabelTransferStance, ModelCheckedStance, ModelStance
from checker.stance_model import DEFAULT_WEIGHTS, cross_encoder
from checker.text import split_sentences

PROBES = REPO / "bench" / "data" / "verdict_probes.jsonl"
LABELS = ("supported", "refuted", "misleading", "unverified")
CATEGORIES = ("paraphrase", "cross_lingual", "negation", "antonym", "swapped_roles", "numbers", "dates",
              "same_topic")
VETO_ONLY = "model-checked, veto only"
PIPELINE = "model-checked label transfer (the pipeline)"


def read_probes() -> list[dict]:
    rows = [json.loads(line) for line in PROBES.read_text(encoding="utf-8").splitlines() if line.strip()]
    for row in rows:
        assert row["label"] in LABELS and row["category"] in CATEGORIES, row
    return rows


def row_range(text: str) -> range:
    """'88:183' -> rows 88 to 183, both included."""
    first, _, last = text.partition(":")
    try:
        chosen = range(int(first), int(last))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected FIRST:LAST, e.g. 88:183, not {text!r}") from None
    if chosen.start < 1 or chosen.stop < chosen.start:
        raise argparse.ArgumentTypeError(f"expected 1 <= FIRST <= LAST, not {text!r}")
    return chosen


def verdicts(checker: Checker, rows: list[dict]) -> list[Label]:
    claims = []
    for row in rows:
        [sentence] = tag_languages(split_sentences(row["sentence"]), row["language"])
        [claim] = analyse_sentences([sentence], checker.settings, checker.scorer)
        claims.append(claim)
    return [finding.verdict.label for finding in checker.check_claims(claims)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--weights", type=Path, default=DEFAULT_WEIGHTS, help="stance model weights")
    parser.add_argument("--show", action="store_true", help="print every sentence the pipeline's stage gets wrong")
    parser.add_argument("--rows", type=row_range, default=None, metavar="FIRST:LAST",
                        help="only these rows, numbered from 1 (bench/data/README.md numbers the batches: 1:87, "
                             "88:183, 184:279, 280:375)")
    args = parser.parse_args()
    rows = read_probes()
    if args.rows:
        rows = rows[args.rows.start - 1: args.rows.stop]
    with tempfile.TemporaryDirectory() as index_root:
        settings = stance_settings(args.weights, index_root=Path(index_root))
        checker = Checker.from_settings(settings)
        model = cross_encoder(checker.embedder, settings.stance_weights)
        stages = {"label transfer (baseline)": LabelTransferStance(settings),
                  "model only (ModelStance)": ModelStance(settings, model),
                  VETO_ONLY: ModelCheckedStance(dataclasses.replace(settings, stance_refutes_from_true=False),
                                                model),
                  PIPELINE: ModelCheckedStance(settings, model)}  # as shipped (refuting from true entries on)
        results = {}
        for name, stage in stages.items():
            checker.stance = stage
            results[name] = [label.value for label in verdicts(checker, rows)]
    gold = [row["label"] for row in rows]
    print(f"{len(rows)} sentences{f' (rows {args.rows.start}:{args.rows.stop})' if args.rows else ''}; "
          f"weights {args.weights.name}; gold "
          + ", ".join(f"{label} {gold.count(label)}" for label in LABELS) + "\n")
    header = ["stage", "accuracy", "macro-F1", "wrong stated", "wrong refuted", *CATEGORIES]
    lines = []
    for name, predicted in results.items():
        by_category = defaultdict(list)
        for row, label in zip(rows, predicted):
            by_category[row["category"]].append(label == row["label"])
        wrong = [(g, p) for g, p in zip(gold, predicted) if p != "unverified" and p != g]
        lines.append([name, f"{bench_stance.accuracy(gold, predicted):.3f}",
                      f"{bench_stance.macro_f1(gold, predicted, LABELS):.3f}", str(len(wrong)),
                      str(sum(p == "refuted" for _, p in wrong)),
                      *(f"{sum(by_category[c]) / len(by_category[c]):.2f}" for c in CATEGORIES)])
    print(bench_stance.table(header, lines))
    print("\nwrong stated: a verdict other than unverified that differs from the gold label.")
    if args.show:
        final = results[PIPELINE]
        base = results["label transfer (baseline)"]
        for row, label, before in zip(rows, final, base):
            if label != row["label"]:
                print(f"  {row['id']:8} gold {row['label']:10} got {label:10} (label transfer {before}): "
                      f"{row['sentence']}")
        print("\nwhere the pipeline's refutations from true entries change the verdict of the veto only:")
        for row, label, veto_only in zip(rows, final, results[VETO_ONLY]):
            if veto_only != label:
                print(f"  {row['id']:8} gold {row['label']:10} pipeline {label:10} veto only {veto_only:10}: "
                      f"{row['sentence']}")


if __name__ == "__main__":
    main()
