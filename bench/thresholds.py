"""Choose the match threshold on CheckThat! 2022 2A dev (tweet vs its fact-checked claim).

For every dev tweet it takes the cosine to its own verified claim (a positive: "this is
that claim") and to the most similar other claim (a hard negative: "merely on the same
topic"), then reports precision and recall of "cosine >= t means the same claim" for a
range of thresholds, and the threshold with the best F1. Settings.match_threshold records
the choice; this script shows the evidence for it.

    .venv/bin/python bench/thresholds.py [--data ../shared/data/ct2022_task2a_en]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
DATA = REPO.parent / "shared" / "data" / "ct2022_task2a_en"


def read_split(data: Path) -> tuple[list[str], list[str], dict[str, str], dict[str, str]]:
    claims = [json.loads(line) for line in (data / "vclaims.jsonl").read_text(encoding="utf-8").splitlines()]
    queries = {}
    for line in (data / "CT2022-Task2A-EN-Train-Dev_Queries.tsv").read_text(encoding="utf-8").splitlines():
        query_id, _, text = line.partition("\t")
        queries[query_id] = text
    qrels = {}
    for line in (data / "CT2022-Task2A-EN-Dev_QRELs.tsv").read_text(encoding="utf-8").splitlines():
        query_id, _, claim_id, _ = line.split()
        qrels[query_id] = claim_id
    return [c["vclaim_id"] for c in claims], [c["vclaim"] for c in claims], queries, qrels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    if not args.data.exists():
        sys.exit(f"error: {args.data} not found; the CheckThat! data lives in ../shared/data/")

    from checker.config import Settings
    from checker.embed import SentenceTransformerEmbedder

    embedder = SentenceTransformerEmbedder(Settings().model_dir, threads=2)
    claim_ids, claim_texts, queries, qrels = read_split(args.data)
    query_ids = sorted(qrels)
    claim_vectors = embedder.embed_queries(claim_texts)
    query_vectors = embedder.embed_queries([queries[q] for q in query_ids])
    similarities = query_vectors @ claim_vectors.T
    position = {claim_id: i for i, claim_id in enumerate(claim_ids)}
    positives, negatives = [], []
    for row, query_id in enumerate(query_ids):
        gold = position[qrels[query_id]]
        positives.append(similarities[row, gold])
        similarities[row, gold] = -1.0
        negatives.append(similarities[row].max())
    positives, negatives = np.array(positives), np.array(negatives)
    print(f"CT2022 2A dev: {len(query_ids)} tweets, {len(claim_ids)} verified claims")
    print(f"cosine to own claim: median {np.median(positives):.3f}; to best other claim: median {np.median(negatives):.3f}")
    print("| threshold | precision | recall | F1 |")
    print("|---:|---:|---:|---:|")
    best = (0.0, 0.0)
    for threshold in np.arange(0.80, 0.961, 0.01):
        true_pos = (positives >= threshold).sum()
        false_pos = (negatives >= threshold).sum()
        precision = true_pos / max(1, true_pos + false_pos)
        recall = true_pos / len(positives)
        f1 = 2 * precision * recall / max(1e-9, precision + recall)
        best = max(best, (f1, threshold))
        print(f"| {threshold:.2f} | {precision:.3f} | {recall:.3f} | {f1:.3f} |")
    print(f"best F1 {best[0]:.3f} at threshold {best[1]:.2f}")


if __name__ == "__main__":
    main()
