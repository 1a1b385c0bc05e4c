"""The trained check-worthiness scorer: a small logistic head on the e5 sentence vectors.

The claims stage only knows the `CheckworthinessScorer` protocol and never loads a model;
this module brings the embedder and the head together, and the pipeline hands the result
to the claims stage.

The head (`checker/data/checkworthiness_head.json`) is written by
`bench/train_checkworthiness.py` from GermEval 2021 (German comments) and CheckThat! 2024
(English debate sentences): weights on the 384 "query:" vector components (and, if the
training chose them, the FeatureScorer signals), a bias, Platt calibration and the
decision threshold chosen on out-of-fold dev scores. A head belongs to the exact model
it was trained against, so it records that model's fingerprint and refuses any other.

    score = sigmoid(a * (x . weights + bias) + b)    # a calibrated probability in [0, 1]
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from checker.claims import FEATURES
from checker.embed import Embedder
from checker.errors import ModelError

DEFAULT_HEAD = Path(__file__).resolve().parent / "data" / "checkworthiness_head.json"
RETRAIN = "retrain it with `.venv/bin/python bench/train_checkworthiness.py`"


@dataclass(frozen=True, slots=True)
class Head:
    """A trained check-worthiness head, as read from its JSON file."""

    model: str  # fingerprint of the embedding model the head was trained on
    weights: np.ndarray  # one per vector component, then one per FeatureScorer signal
    bias: float
    calibration_a: float  # Platt scaling: sigmoid(a * logit + b)
    calibration_b: float
    threshold: float  # a calibrated score at or above this makes a claim
    features: tuple[str, ...]  # names of the FeatureScorer signals used, in FEATURES order


def load_head(path: Path = DEFAULT_HEAD) -> Head:
    """Read and validate a head file; ModelError says what is wrong and how to fix it."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"No check-worthiness head at {path}; {RETRAIN}.") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ModelError(f"The check-worthiness head {path} cannot be read ({error}); {RETRAIN}.") from None
    try:
        head = Head(
            model=str(data["model"]),
            weights=np.asarray(data["weights"], dtype=np.float64),
            bias=float(data["bias"]),
            calibration_a=float(data["calibration"]["a"]),
            calibration_b=float(data["calibration"]["b"]),
            threshold=float(data["threshold"]),
            features=tuple(str(name) for name in data.get("features", [])),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise ModelError(f"The check-worthiness head {path} is malformed (bad or missing field {error}); "
                         f"{RETRAIN}.") from None
    if head.weights.ndim != 1 or not np.isfinite(head.weights).all() or not 0.0 < head.threshold < 1.0:
        raise ModelError(f"The check-worthiness head {path} is malformed (weights or threshold out of range); "
                         f"{RETRAIN}.")
    known = [feature.name for feature in FEATURES]
    if head.features and list(head.features) != known:
        raise ModelError(f"The check-worthiness head {path} was trained on other FeatureScorer signals "
                         f"than claims.py now has; {RETRAIN}.")
    return head


def feature_signals(texts: list[str], languages: list[str]) -> np.ndarray:
    """The FeatureScorer signals as a (len(texts), len(FEATURES)) 0/1 matrix."""
    return np.array([[float(feature.present(text.strip(), language)) for feature in FEATURES]
                     for text, language in zip(texts, languages)], dtype=np.float64).reshape(len(texts), len(FEATURES))


class TrainedScorer:
    """Check-worthiness from the trained head; implements `CheckworthinessScorer`.

    `threshold` is the head's own, chosen on dev data, unless one is given; the claims
    stage uses it in place of `Settings.checkworthiness_threshold`.

        scorer = TrainedScorer(SentenceTransformerEmbedder(Settings().model_dir))
        scorer.score(["Unemployment fell to 3.5 percent in May."], ["en"])  # [0.9…]
    """

    def __init__(self, embedder: Embedder, head_path: Path = DEFAULT_HEAD, *, threshold: float | None = None):
        head = load_head(head_path)
        if head.model != embedder.fingerprint:
            raise ModelError(
                f"The check-worthiness head {head_path} was trained for the embedding model {head.model}, "
                f"but the model loaded is {embedder.fingerprint}; {RETRAIN} (or rebuild the model with `make setup`)."
            )
        self._embedder = embedder
        self._head = head
        self.threshold = head.threshold if threshold is None else threshold

    def score(self, texts: list[str], languages: list[str]) -> list[float]:
        """One calibrated score in [0, 1] per text (a probability of being check-worthy)."""
        if not texts:
            return []
        inputs = self._embedder.embed_queries(texts).astype(np.float64)
        if self._head.features:
            inputs = np.hstack([inputs, feature_signals(texts, languages)])
        if inputs.shape[1] != len(self._head.weights):
            raise ModelError(f"The check-worthiness head has {len(self._head.weights)} weights for "
                             f"{inputs.shape[1]} inputs; {RETRAIN}.")
        logits = inputs @ self._head.weights + self._head.bias
        calibrated = self._head.calibration_a * logits + self._head.calibration_b
        return [1.0 / (1.0 + math.exp(-min(40.0, max(-40.0, float(z))))) for z in calibrated]
