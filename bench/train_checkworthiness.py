"""Train the check-worthiness head shipped in checker/data/checkworthiness_head.json.

The head is an L2-regularised logistic regression on multilingual-e5-small "query:" vectors
(optionally with the hand-set FeatureScorer signals beside them), trained on GermEval 2021
subtask 3 (German comments, `Sub3_FactClaiming`) and CheckThat! 2024 check-worthiness
(English debate sentences) together, so one head serves both languages.

Protocol, with one fixed seed:

1. Each data set is split, stratified by label, into 80 % train and 20 % held out. The
   held-out part is never used here except to record the numbers `bench/checkworthiness.py`
   also prints; nothing is chosen on it.
2. On the train part, 5-fold cross-validation chooses the L2 strength and the input variant
   and gives out-of-fold scores. Platt scaling (sigmoid(a*z + b)) is fitted on the
   out-of-fold logits, and the threshold is the one that maximises the mean of GermEval
   macro-F1 and CheckThat! F1 on the calibrated out-of-fold scores.
3. The final head is fitted on the whole train part with the chosen settings.

Embeddings are cached under /tmp (keyed by model fingerprint and texts), so a second run
takes seconds. The output is deterministic: fixed seed, sorted keys, rounded floats.

    .venv/bin/python bench/train_checkworthiness.py [--data ../shared/data] [--out FILE]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
DATA = REPO.parent / "shared" / "data"
OUT = REPO / "checker" / "data" / "checkworthiness_head.json"
CACHE = Path(tempfile.gettempdir()) / "factcheck-checkworthiness-cache"

SEED = 20210
HELDOUT_FRACTION = 0.2
FOLDS = 5
L2_GRID = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0)  # penalty on the summed log-loss; larger means smaller weights
VARIANTS = ("embedding", "embedding+features")

GERMEVAL = "germeval2021_factclaiming_de"
CHECKTHAT = "ct24_checkworthy_en"


@dataclass(frozen=True, slots=True)
class Source:
    """One training data set, as recorded in the head file."""

    name: str
    file: str  # relative to the shared data folder
    language: str
    licence: str
    citation: str


SOURCES = (
    Source(GERMEVAL, f"{GERMEVAL}/GermEval21_TrainData.csv", "de",
           "research use (GermEval 2021 shared task data, germeval2021toxic/SharedTask)", "Risch et al. 2021"),
    Source(CHECKTHAT, f"{CHECKTHAT}/CT24_checkworthy_english_dev.tsv", "en",
           "research use (CLEF CheckThat! lab data, derived from ClaimBuster)", "Hasanain et al. 2024"),
)


@dataclass(frozen=True, slots=True)
class Example:
    dataset: str
    id: str
    text: str
    language: str
    label: int  # 1: contains a check-worthy factual claim


# ---------------------------------------------------------------- data


def load_germeval(path: Path) -> list[Example]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [Example(GERMEVAL, row["comment_id"], row["comment_text"], "de", int(row["Sub3_FactClaiming"]))
                for row in csv.DictReader(handle)]


def load_checkthat(path: Path) -> list[Example]:
    """CT24 is a TSV whose text field is sometimes CSV-quoted; read it with quoting disabled
    (stray quotes elsewhere would swallow lines) and undo the quoting of whole fields."""
    examples = []
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(rows)
        if header != ["Sentence_id", "Text", "class_label"]:
            raise ValueError(f"{path}: unexpected header {header}")
        for sentence_id, text, label in rows:
            if len(text) >= 2 and text[0] == text[-1] == '"':
                text = text[1:-1].replace('""', '"')
            examples.append(Example(CHECKTHAT, sentence_id, text, "en", int(label == "Yes")))
    return examples


def load_all(data: Path) -> list[Example]:
    return load_germeval(data / SOURCES[0].file) + load_checkthat(data / SOURCES[1].file)


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def split(examples: Sequence[Example], seed: int = SEED) -> tuple[list[int], list[int]]:
    """Indices of (train, held out): per data set and label, a seeded shuffle puts the first
    HELDOUT_FRACTION aside, so both parts keep each data set's label balance."""
    rng = np.random.default_rng(seed)
    train, heldout = [], []
    for dataset in sorted({e.dataset for e in examples}):
        for label in (0, 1):
            members = [i for i, e in enumerate(examples) if e.dataset == dataset and e.label == label]
            order = rng.permutation(len(members))
            cut = round(len(members) * HELDOUT_FRACTION)
            heldout += [members[k] for k in order[:cut]]
            train += [members[k] for k in order[cut:]]
    return sorted(train), sorted(heldout)


def folds(examples: Sequence[Example], indices: Sequence[int], k: int = FOLDS, seed: int = SEED) -> list[int]:
    """A fold number for each of `indices`, stratified by data set and label."""
    rng = np.random.default_rng(seed + 1)
    fold = [0] * len(indices)
    groups: dict[tuple[str, int], list[int]] = {}
    for position, i in enumerate(indices):
        groups.setdefault((examples[i].dataset, examples[i].label), []).append(position)
    for key in sorted(groups):
        members = groups[key]
        for rank, k_member in enumerate(rng.permutation(len(members))):
            fold[members[k_member]] = rank % k
    return fold


def embed_cached(embedder, texts: list[str]) -> np.ndarray:
    """e5 "query:" vectors, cached by model fingerprint and the texts themselves."""
    key = hashlib.sha256("\x00".join([embedder.fingerprint, *texts]).encode()).hexdigest()[:24]
    path = CACHE / f"{key}.npy"
    if path.is_file():
        return np.load(path)
    vectors = embedder.embed_queries(texts)
    CACHE.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors)
    return vectors


# ---------------------------------------------------------------- model


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -40, 40)))


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float, weights: np.ndarray | None = None,
                 iterations: int = 50) -> tuple[np.ndarray, float]:
    """L2-regularised logistic regression by Newton's method (exact, deterministic).

    Minimises sum_i w_i * logloss_i + l2/2 * |coef|^2; the bias is not penalised.
    Meant for a few hundred columns: it solves a (d+1) x (d+1) system per step.
    """
    n, d = x.shape
    weights = np.ones(n) if weights is None else weights
    design = np.hstack([x.astype(np.float64), np.ones((n, 1))])
    penalty = np.full(d + 1, l2)
    penalty[-1] = 0.0
    theta = np.zeros(d + 1)
    for _ in range(iterations):
        p = sigmoid(design @ theta)
        gradient = design.T @ (weights * (p - y)) + penalty * theta
        hessian = (design * (weights * p * (1 - p))[:, None]).T @ design + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        theta -= step
        if np.abs(step).max() < 1e-8:
            break
    return theta[:-1], float(theta[-1])


def fit_platt(logits: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Platt scaling: (a, b) so that sigmoid(a*z + b) is calibrated (Platt 1999 targets)."""
    positives, negatives = y.sum(), len(y) - y.sum()
    # Platt's smoothed targets keep the fit from overconfidence on separable data
    targets = np.where(y == 1, (positives + 1) / (positives + 2), 1 / (negatives + 2))
    a, b = _fit_soft_logistic(logits, targets)
    return a, b


def _fit_soft_logistic(z: np.ndarray, t: np.ndarray, iterations: int = 100) -> tuple[float, float]:
    design = np.stack([z, np.ones_like(z)], axis=1)
    theta = np.array([1.0, 0.0])
    for _ in range(iterations):
        p = sigmoid(design @ theta)
        gradient = design.T @ (p - t)
        hessian = (design * (p * (1 - p))[:, None]).T @ design + 1e-9 * np.eye(2)
        step = np.linalg.solve(hessian, gradient)
        theta -= step
        if np.abs(step).max() < 1e-10:
            break
    return float(theta[0]), float(theta[1])


def feature_matrix(texts: Sequence[str], languages: Sequence[str]) -> np.ndarray:
    """The FeatureScorer signals as 0/1 columns, in FEATURES order (the same at inference)."""
    from checker.checkworthiness import feature_signals

    return feature_signals(list(texts), list(languages))


# ---------------------------------------------------------------- metrics


def macro_f1_official(y: np.ndarray, predicted: np.ndarray) -> float:
    """GermEval 2021: the harmonic mean of macro-precision and macro-recall (not the mean of F1s)."""
    precisions, recalls = [], []
    for label in (0, 1):
        chosen, actual = predicted == label, y == label
        true = (chosen & actual).sum()
        precisions.append(true / chosen.sum() if chosen.sum() else 0.0)
        recalls.append(true / actual.sum() if actual.sum() else 0.0)
    p, r = float(np.mean(precisions)), float(np.mean(recalls))
    return 2 * p * r / (p + r) if p + r else 0.0


def positive_f1(y: np.ndarray, predicted: np.ndarray) -> float:
    """CheckThat!: F1 of the positive ("Yes") class."""
    true = float(((predicted == 1) & (y == 1)).sum())
    chosen, actual = float((predicted == 1).sum()), float((y == 1).sum())
    return 2 * true / (chosen + actual) if chosen + actual else 0.0


METRICS: dict[str, Callable[[np.ndarray, np.ndarray], float]] = {GERMEVAL: macro_f1_official, CHECKTHAT: positive_f1}
METRIC_NAMES = {GERMEVAL: "macro-F1 (official)", CHECKTHAT: "F1 (Yes)"}


def expected_calibration_error(y: np.ndarray, p: np.ndarray, bins: int = 10) -> float:
    """ECE with equal-width bins: sum over bins of |accuracy - mean confidence| x share of items,
    where the 'confidence' of a binary score is the probability it gives the positive class."""
    edges = np.linspace(0, 1, bins + 1)
    which = np.clip(np.digitize(p, edges[1:-1], right=True), 0, bins - 1)
    error = 0.0
    for b in range(bins):
        members = which == b
        if members.any():
            error += members.mean() * abs(y[members].mean() - p[members].mean())
    return float(error)


def scores_by_dataset(datasets: np.ndarray, y: np.ndarray, p: np.ndarray, threshold: float) -> dict[str, float]:
    return {name: metric(y[datasets == name], (p[datasets == name] >= threshold).astype(int))
            for name, metric in METRICS.items()}


def best_threshold(datasets: np.ndarray, y: np.ndarray, p: np.ndarray) -> tuple[float, float]:
    """The threshold (on a 0.01 grid) maximising the mean of the two task metrics; ties go to
    the value closest to 0.5, so the choice does not hinge on one example at the edge."""
    best = (-1.0, 0.0, 0.0)
    for threshold in np.round(np.arange(0.05, 0.951, 0.01), 2):
        value = float(np.mean(list(scores_by_dataset(datasets, y, p, threshold).values())))
        candidate = (round(value, 6), -abs(threshold - 0.5), float(threshold))
        best = max(best, candidate)
    return best[2], best[0]


# ---------------------------------------------------------------- training


@dataclass(frozen=True, slots=True)
class Choice:
    variant: str
    l2: float
    cv_score: float  # mean task metric on out-of-fold scores at their best threshold


def inputs(variant: str, vectors: np.ndarray, signals: np.ndarray) -> np.ndarray:
    return vectors if variant == "embedding" else np.hstack([vectors, signals])


def sample_weights(datasets: np.ndarray) -> np.ndarray:
    """Each data set weighs as much in the loss as the other, whatever its size, so the
    1,000 debate sentences are not drowned by 3,000 comments; weights average 1."""
    weights = np.zeros(len(datasets))
    names = sorted(set(datasets))
    for name in names:
        members = datasets == name
        weights[members] = len(datasets) / (len(names) * members.sum())
    return weights


def out_of_fold_logits(x: np.ndarray, y: np.ndarray, datasets: np.ndarray, fold: np.ndarray, l2: float) -> np.ndarray:
    logits = np.zeros(len(y))
    for k in range(FOLDS):
        held = fold == k
        coef, bias = fit_logistic(x[~held], y[~held], l2, sample_weights(datasets[~held]))
        logits[held] = x[held] @ coef + bias
    return logits


def train(data: Path, out: Path) -> dict:
    from checker.config import Settings
    from checker.embed import SentenceTransformerEmbedder

    started = time.perf_counter()
    examples = load_all(data)
    embedder = SentenceTransformerEmbedder(Settings().model_dir, threads=2)
    vectors = embed_cached(embedder, [e.text for e in examples]).astype(np.float64)
    signals = feature_matrix([e.text for e in examples], [e.language for e in examples])
    y = np.array([e.label for e in examples], dtype=np.float64)
    datasets = np.array([e.dataset for e in examples])
    train_idx, heldout_idx = (np.array(part) for part in split(examples))
    fold = np.array(folds(examples, list(train_idx)))
    y_train, d_train = y[train_idx], datasets[train_idx]
    print(f"{len(examples)} examples: {len(train_idx)} train, {len(heldout_idx)} held out "
          f"(embedded in {time.perf_counter() - started:.0f} s)")

    choices = []
    for variant in VARIANTS:
        x_train = inputs(variant, vectors, signals)[train_idx]
        for l2 in L2_GRID:
            p = sigmoid(out_of_fold_logits(x_train, y_train, d_train, fold, l2))
            _, value = best_threshold(d_train, y_train, p)
            choices.append(Choice(variant, l2, value))
            print(f"  cv {variant:<20} l2={l2:<5} mean task metric {value:.4f}")
    # best score; ties to the simpler variant and the stronger penalty
    chosen = max(choices, key=lambda c: (round(c.cv_score, 4), -VARIANTS.index(c.variant), c.l2))
    x_all = inputs(chosen.variant, vectors, signals)
    x_train = x_all[train_idx]

    oof_logits = out_of_fold_logits(x_train, y_train, d_train, fold, chosen.l2)
    a, b = fit_platt(oof_logits, y_train)
    oof_raw, oof_calibrated = sigmoid(oof_logits), sigmoid(a * oof_logits + b)
    threshold, _ = best_threshold(d_train, y_train, oof_calibrated)
    coef, bias = fit_logistic(x_train, y_train, chosen.l2, sample_weights(d_train))

    # record the held-out numbers (computed here exactly as bench/checkworthiness.py does)
    heldout_logits = x_all[heldout_idx] @ coef + bias
    y_held, d_held = y[heldout_idx], datasets[heldout_idx]
    held_raw, held_calibrated = sigmoid(heldout_logits), sigmoid(a * heldout_logits + b)
    seconds = time.perf_counter() - started

    def rounded(values: dict[str, float]) -> dict[str, float]:
        return {k: round(v, 4) for k, v in values.items()}

    head = {
        "format": 1,
        "description": "Check-worthiness head: logistic regression on multilingual-e5-small 'query:' vectors"
                       + ("" if chosen.variant == "embedding" else " followed by the 0/1 FeatureScorer signals")
                       + "; score = sigmoid(a * (x . weights + bias) + b) with (a, b) from Platt scaling.",
        "model": embedder.fingerprint,
        "prompt": "query",
        "inputs": chosen.variant,
        "features": [] if chosen.variant == "embedding" else feature_names(),
        "weights": [round(float(w), 6) for w in coef],
        "bias": round(bias, 6),
        "calibration": {"method": "platt", "a": round(a, 6), "b": round(b, 6)},
        "threshold": round(threshold, 2),
        "training": {
            "script": "bench/train_checkworthiness.py",
            "seed": SEED,
            "heldout_fraction": HELDOUT_FRACTION,
            "folds": FOLDS,
            "l2": chosen.l2,
            "l2_grid": list(L2_GRID),
            "variants": list(VARIANTS),
            "cv": [{"variant": c.variant, "l2": c.l2, "score": round(c.cv_score, 4)} for c in choices],
            "threshold_rule": "maximises the mean of GermEval macro-F1 and CheckThat! F1 "
                              "on calibrated out-of-fold scores",
            "datasets": [dataset_record(data, source, examples, train_idx, heldout_idx) for source in SOURCES],
        },
        "dev": {
            "out_of_fold": {
                "metrics": rounded(scores_by_dataset(d_train, y_train, oof_calibrated, threshold)),
                "ece_raw": round(expected_calibration_error(y_train, oof_raw), 4),
                "ece_calibrated": round(expected_calibration_error(y_train, oof_calibrated), 4),
            },
            "heldout": {
                "metrics": rounded(scores_by_dataset(d_held, y_held, held_calibrated, threshold)),
                "ece_raw": round(expected_calibration_error(y_held, held_raw), 4),
                "ece_calibrated": round(expected_calibration_error(y_held, held_calibrated), 4),
            },
        },
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(head, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"chose {chosen.variant}, l2={chosen.l2}; Platt a={a:.3f} b={b:.3f}; threshold {threshold:.2f}")
    print(f"held out: {head['dev']['heldout']}")
    print(f"wrote {out} ({out.stat().st_size:,} bytes) in {seconds:.0f} s")
    return head


def feature_names() -> list[str]:
    from checker.claims import FEATURES

    return [f.name for f in FEATURES]


def dataset_record(data: Path, source: Source, examples: list[Example], train_idx: np.ndarray,
                   heldout_idx: np.ndarray) -> dict:
    def count(indices: np.ndarray) -> dict[str, int]:
        labels = [examples[i].label for i in indices if examples[i].dataset == source.name]
        return {"rows": len(labels), "positives": int(sum(labels))}

    everything = count(np.arange(len(examples)))
    return {"name": source.name, "file": source.file, "language": source.language, "licence": source.licence,
            "citation": source.citation, "sha256": sha256_of(data / source.file), **everything,
            "train": count(train_idx), "heldout": count(heldout_idx)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="the shared data folder (default: ../shared/data)")
    parser.add_argument("--out", type=Path, default=OUT, help=f"head file to write (default: {OUT.relative_to(REPO)})")
    args = parser.parse_args()
    missing = [source.file for source in SOURCES if not (args.data / source.file).is_file()]
    if missing:
        sys.exit(f"error: {', '.join(missing)} not found under {args.data}; the data lives in ../shared/data/")
    train(args.data, args.out)


if __name__ == "__main__":
    main()
