"""What the benchmark scripts share: data paths, a disk cache for embeddings, metrics."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
DATA = REPO.parent / "shared" / "data"
CACHE = REPO / ".cache" / "bench"


class CachedEmbedder:
    """Wraps an Embedder; vectors of a text list are stored under .cache/bench and reused.

    Benchmarks embed the same 10,000+ claims in every run: caching by (model, texts) keeps
    re-runs fast without changing a single number.
    """

    def __init__(self, embedder):
        self._embedder = embedder

    @property
    def fingerprint(self) -> str:
        return self._embedder.fingerprint

    def transformer(self):
        return self._embedder.transformer()

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._cached("query", texts, self._embedder.embed_queries)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._cached("passage", texts, self._embedder.embed_passages)

    def _cached(self, kind: str, texts: list[str], encode) -> np.ndarray:
        digest = hashlib.sha256("\0".join([self.fingerprint, kind, *texts]).encode()).hexdigest()[:20]
        path = CACHE / f"{kind}-{digest}.npy"
        if path.is_file():
            return np.load(path)
        vectors = encode(texts)
        CACHE.mkdir(parents=True, exist_ok=True)
        np.save(path, vectors)
        return vectors


def stance_settings(weights: Path, **fields):
    """Settings with the verdict thresholds that these stance weights chose (their JSON
    record), so a candidate model is measured as it would ship; for the shipped weights they
    are config.py's defaults (tests/test_stance_model.py checks that)."""
    import json

    from checker.config import Settings

    chosen = json.loads(weights.with_suffix(".json").read_text(encoding="utf-8"))["thresholds"]
    return Settings(stance_weights=weights, stance_verdict_threshold=chosen["verdict_threshold"],
                    stance_flag_threshold=chosen["flag_threshold"], **fields)


def require(path: Path) -> Path:
    if not path.exists():
        sys.exit(f"error: {path} not found; the evaluation data lives in ../shared/data/ beside the checkout")
    return path


def average_precision_at(ranked: list[str], relevant: set[str], k: int) -> float:
    """AP@k as CheckThat! computes MAP@k: precision at each relevant hit, over min(|relevant|, k)."""
    hits, total = 0, 0.0
    for rank, item in enumerate(ranked[:k], start=1):
        if item in relevant:
            hits += 1
            total += hits / rank
    return total / min(len(relevant), k) if relevant else 0.0


def reciprocal_rank(ranked: list[str], relevant: set[str]) -> float:
    return next((1.0 / rank for rank, item in enumerate(ranked, start=1) if item in relevant), 0.0)


def recall_at(ranked: list[str], relevant: set[str], k: int) -> float:
    return len(set(ranked[:k]) & relevant) / len(relevant) if relevant else 0.0
