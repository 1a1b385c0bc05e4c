"""Check-worthiness on the held-out split: the shipped head beside simple baselines.

Prints a Markdown table: GermEval 2021 subtask 3 macro-F1 (official definition: the
harmonic mean of macro-precision and macro-recall) and CheckThat! 2024 F1 of the "Yes"
class, each on the 20 % of its data that bench/train_checkworthiness.py holds out (same
seed, same split; the head never saw it, and neither its threshold nor its calibration
was chosen on it). Systems:

* majority class (of the train part);
* bag-of-words logistic regression (tf-idf of word uni- and bigrams), trained here on each
  data set's train part, its threshold chosen by 5-fold cross-validation there;
* the old hand-weighted FeatureScorer at its threshold 0.5;
* the trained head as shipped (checker/data/checkworthiness_head.json), through
  TrainedScorer, at the threshold recorded in the head.

Then the expected calibration error of the head's score before and after Platt scaling.

    .venv/bin/python bench/checkworthiness.py [--data ../shared/data] [--head checker/data/checkworthiness_head.json]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from train_checkworthiness import (  # noqa: E402  (the split and metrics must be the training script's own)
    CHECKTHAT, DATA, FOLDS, GERMEVAL, METRICS, SOURCES, Example, embed_cached, expected_calibration_error, folds,
    load_all, sigmoid, split,
)

BOW_VOCABULARY = 5000  # most frequent uni/bigrams seen in at least 2 train texts
PUBLISHED = ("published, on the test sets: GermEval 2021 best 0.7626, median 0.7255; "
             "CheckThat! 2023 1B winners about 0.88-0.90")


class CachedEmbedder:
    """The real embedder, answering from vectors computed once for the whole data set."""

    def __init__(self, embedder, texts: list[str]):
        self._embedder = embedder
        self._rows = {text: row for row, text in enumerate(texts)}
        self._vectors = embed_cached(embedder, texts)

    @property
    def fingerprint(self) -> str:
        return self._embedder.fingerprint

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        if all(text in self._rows for text in texts):
            return self._vectors[[self._rows[text] for text in texts]]
        return self._embedder.embed_queries(texts)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._embedder.embed_passages(texts)


# ---------------------------------------------------------------- bag-of-words baseline


def _terms(text: str) -> list[str]:
    words = re.findall(r"\w+", text.lower())
    return words + [f"{a} {b}" for a, b in zip(words, words[1:])]


class BagOfWords:
    """tf-idf (sublinear tf, L2-normalised rows) + logistic regression by Nesterov gradient descent."""

    def __init__(self, texts: list[str], y: np.ndarray, iterations: int = 300):
        document_frequency = Counter(term for text in texts for term in set(_terms(text)))
        frequent = sorted((t for t, df in document_frequency.items() if df >= 2),
                          key=lambda t: (-document_frequency[t], t))[:BOW_VOCABULARY]
        self.vocabulary = {term: column for column, term in enumerate(frequent)}
        self.idf = np.array([np.log((1 + len(texts)) / (1 + document_frequency[t])) + 1 for t in frequent],
                            dtype=np.float32)
        x = self.matrix(texts)
        n = len(texts)
        l2 = 1.0 / n  # the same strength as scikit-learn's default C=1
        # step 1/L, L = Lipschitz constant of the mean log-loss gradient (largest singular value)
        largest = _largest_singular_value(x)
        # the bias is the weight of a constant column; scaled to the rows' size, that column
        # adds at most largest**2 to the squared norm, which keeps the safe step 1/L large
        unit = np.float32(largest / np.sqrt(n))
        step = 1.0 / (0.25 * 2 * largest**2 / n + l2)
        y = y.astype(np.float32)  # float32 throughout: a float64 vector would copy x up every step
        theta = velocity = np.zeros(x.shape[1] + 1, dtype=np.float32)
        step, l2 = np.float32(step), np.float32(l2)
        for k in range(iterations):
            look = theta + np.float32(k / (k + 3)) * (theta - velocity)
            p = sigmoid(x @ look[:-1] + unit * look[-1])
            gradient = np.append(x.T @ (p - y) / n + l2 * look[:-1], unit * (p - y).mean())
            velocity, theta = theta, look - step * gradient
        self.coef, self.bias = theta[:-1], unit * theta[-1]

    def matrix(self, texts: list[str]) -> np.ndarray:
        x = np.zeros((len(texts), len(self.vocabulary)), dtype=np.float32)
        for row, text in enumerate(texts):
            for term, count in Counter(_terms(text)).items():
                column = self.vocabulary.get(term)
                if column is not None:
                    x[row, column] = 1 + np.log(count)
        x *= self.idf
        return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)

    def score(self, texts: list[str]) -> np.ndarray:
        return sigmoid(self.matrix(texts) @ self.coef + self.bias)


def _largest_singular_value(x: np.ndarray, iterations: int = 30) -> float:
    """By power iteration (a full SVD of a 2,600 x 5,000 matrix takes minutes on 2 cores);
    1.05 x the estimate, since power iteration approaches the true value from below."""
    v = np.ones(x.shape[1], dtype=np.float32) / np.sqrt(x.shape[1])
    for _ in range(iterations):
        v = x.T @ (x @ v)
        v /= np.linalg.norm(v)
    return 1.05 * float(np.linalg.norm(x @ v))


def bag_of_words(train: list[Example], heldout: list[Example], metric) -> tuple[np.ndarray, float]:
    """Held-out scores of a model trained on `train`, and the threshold chosen by CV on `train`."""
    y = np.array([e.label for e in train], dtype=np.float64)
    fold = np.array(folds(train, list(range(len(train)))))
    out_of_fold = np.zeros(len(train))
    for k in range(FOLDS):
        inside = [e.text for e, f in zip(train, fold) if f != k]
        model = BagOfWords(inside, y[fold != k])
        out_of_fold[fold == k] = model.score([e.text for e, f in zip(train, fold) if f == k])
    grid = np.round(np.arange(0.05, 0.951, 0.01), 2)
    values = [metric(y, (out_of_fold >= t).astype(int)) for t in grid]
    threshold = float(grid[int(np.argmax(values))])
    return BagOfWords([e.text for e in train], y).score([e.text for e in heldout]), threshold


# ---------------------------------------------------------------- the run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="the shared data folder (default: ../shared/data)")
    parser.add_argument("--head", type=Path, default=None, help="head file (default: the shipped one)")
    args = parser.parse_args()
    missing = [source.file for source in SOURCES if not (args.data / source.file).is_file()]
    if missing:
        sys.exit(f"error: {', '.join(missing)} not found under {args.data}; the data lives in ../shared/data/")

    from checker.checkworthiness import DEFAULT_HEAD, TrainedScorer, load_head
    from checker.claims import FeatureScorer
    from checker.config import Settings
    from checker.embed import SentenceTransformerEmbedder

    started = time.perf_counter()
    head_path = args.head or DEFAULT_HEAD
    examples = load_all(args.data)
    train_idx, heldout_idx = split(examples)
    embedder = CachedEmbedder(SentenceTransformerEmbedder(Settings().model_dir, threads=2), [e.text for e in examples])
    scorer = TrainedScorer(embedder, head_path)
    head = load_head(head_path)

    rows: dict[str, dict[str, tuple[float, str]]] = {}
    calibration: dict[str, tuple[float, float, int]] = {}
    pooled_y, pooled_raw, pooled_calibrated = [], [], []
    for name, metric in METRICS.items():
        train = [examples[i] for i in train_idx if examples[i].dataset == name]
        heldout = [examples[i] for i in heldout_idx if examples[i].dataset == name]
        y = np.array([e.label for e in heldout])
        texts, languages = [e.text for e in heldout], [e.language for e in heldout]

        majority = Counter(e.label for e in train).most_common(1)[0][0]
        rows.setdefault("majority class", {})[name] = (metric(y, np.full(len(y), majority)), "–")
        bow_scores, bow_threshold = bag_of_words(train, heldout, metric)
        rows.setdefault("bag-of-words logistic regression", {})[name] = (
            metric(y, (bow_scores >= bow_threshold).astype(int)), f"{bow_threshold:.2f}")
        old = np.array(FeatureScorer().score(texts, languages))
        rows.setdefault("FeatureScorer (hand-set weights)", {})[name] = (metric(y, (old >= 0.5).astype(int)), "0.50")
        calibrated = np.array(scorer.score(texts, languages))
        rows.setdefault("trained head (e5 + logistic regression)", {})[name] = (
            metric(y, (calibrated >= scorer.threshold).astype(int)), f"{scorer.threshold:.2f}")

        # the score before Platt scaling: undo sigmoid(a * z + b)
        logits = (np.log(np.clip(calibrated, 1e-12, 1)) - np.log(np.clip(1 - calibrated, 1e-12, 1))
                  - head.calibration_b) / head.calibration_a
        raw = sigmoid(logits)
        calibration[name] = (expected_calibration_error(y, raw), expected_calibration_error(y, calibrated), len(y))
        pooled_y.append(y), pooled_raw.append(raw), pooled_calibrated.append(calibrated)

    counts = {name: sum(1 for i in heldout_idx if examples[i].dataset == name) for name in METRICS}
    print(f"Held-out split: GermEval {counts[GERMEVAL]} comments, CheckThat! {counts[CHECKTHAT]} sentences "
          f"(seed and split of bench/train_checkworthiness.py; model {embedder.fingerprint})\n")
    print(render_table(rows))
    y, raw, calibrated = (np.concatenate(parts) for parts in (pooled_y, pooled_raw, pooled_calibrated))
    calibration["both"] = (expected_calibration_error(y, raw), expected_calibration_error(y, calibrated), len(y))
    print()
    print("| expected calibration error (10 bins), trained head | GermEval | CheckThat! | both |")
    print("|---|---:|---:|---:|")
    for column, label in ((0, "before calibration (logistic output)"), (1, "after Platt scaling (shipped score)")):
        cells = " | ".join(f"{calibration[name][column]:.3f}" for name in (GERMEVAL, CHECKTHAT, "both"))
        print(f"| {label} | {cells} |")
    print(f"\nThreshold of the trained head: {scorer.threshold:.2f} (chosen on out-of-fold scores of the train part).")
    print(f"For reference, {PUBLISHED}.")
    print(f"({time.perf_counter() - started:.0f} s)")


def render_table(rows: dict[str, dict[str, tuple[float, str]]]) -> str:
    """Markdown: one row per system, the two task metrics and the thresholds used."""
    lines = ["| system | GermEval macro-F1 | CheckThat! F1 (Yes) | threshold (de / en) |", "|---|---:|---:|---:|"]
    for system, cells in rows.items():
        (germeval, t_de), (checkthat, t_en) = cells[GERMEVAL], cells[CHECKTHAT]
        threshold = t_de if t_de == t_en else f"{t_de} / {t_en}"
        lines.append(f"| {system} | {germeval:.4f} | {checkthat:.4f} | {threshold} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
