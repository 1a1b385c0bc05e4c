"""Choose `Settings.lexical_weight`, the weight of a BM25 rank in the fusion, on CT2022 dev.

One parameter, one development set: the weight with the best MAP@5 on CheckThat! 2022 2A
dev (ties: the one nearer 1.0, plain RRF). bench/retrieval.py then reports it on dev-test,
CheckThat! 2020 and our German set, which played no part in the choice.

    .venv/bin/python bench/tune_fusion.py     # about a minute with cached embeddings
"""

from __future__ import annotations

import dataclasses

from common import CachedEmbedder
from retrieval import ct2022, evaluate

from checker.config import Settings
from checker.embed import SentenceTransformerEmbedder
from checker.index import BOTH, SearchIndex

WEIGHTS = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.2, 1.5, 2.0)
DEV = "CT2022 2A dev"


def main() -> None:
    settings = Settings()
    embedder = CachedEmbedder(SentenceTransformerEmbedder(settings.model_dir, threads=2))
    corpus, test_sets = ct2022()
    [dev] = [test_set for test_set in test_sets if test_set.name == DEV]
    index = SearchIndex.build(corpus, embedder)
    print(f"### Fusion weight of BM25 ranks on {DEV} ({len(dev.queries)} queries; RRF k {settings.rrf_k})\n")
    print("| lexical weight | MAP@5 | R@1 | R@10 |")
    print("|---:|---:|---:|---:|")
    scores = {}
    for weight in WEIGHTS:
        result = evaluate(index, embedder, dev, BOTH, dataclasses.replace(settings, lexical_weight=weight))
        scores[weight] = result["MAP@5"]
        print(f"| {weight} | {result['MAP@5']:.3f} | {result['R@1']:.3f} | {result['R@10']:.3f} |")
    chosen = max(WEIGHTS, key=lambda weight: (round(scores[weight], 3), -abs(weight - 1.0)))
    print(f"\nchosen: lexical_weight = {chosen} (Settings has {settings.lexical_weight})")


if __name__ == "__main__":
    main()
