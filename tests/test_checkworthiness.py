"""The trained check-worthiness scorer: the shipped head, its guards, the real model, the CLI."""

import hashlib
import importlib.util
import json
import sys

import pytest

from checker.checkworthiness import DEFAULT_HEAD, TrainedScorer, load_head
from checker.claims import FEATURES, analyse_sentences
from checker.cli import main
from checker.config import Settings
from checker.embed import HashingEmbedder
from checker.errors import ModelError
from checker.records import Layout, Sentence, SentenceKind
from tests.conftest import REPO, SHARED, needs_shared

FACTUAL = [("Russland marschierte am 24. Februar 2022 in die Ukraine ein.", "de"),
           ("Unemployment fell to 3.5 percent in May.", "en")]
NOT_FACTUAL = [("Ich finde das schade.", "de"), ("Thank you all for coming tonight.", "en")]


def head_json() -> dict:
    return json.loads(DEFAULT_HEAD.read_text(encoding="utf-8"))


def write_head(path, **changes) -> object:
    """A tiny valid head for the 16-dimensional hashing embedder."""
    head = {"model": "hashing-16", "weights": [0.5] * 8 + [-0.5] * 8, "bias": 0.1,
            "calibration": {"method": "platt", "a": 1.0, "b": 0.0}, "threshold": 0.6, "features": []}
    head.update(changes)
    path.write_text(json.dumps(head), encoding="utf-8")
    return path


# ------------------------------------------------------------------ the shipped head


def test_shipped_head_has_the_documented_fields_and_is_small():
    head = head_json()
    assert DEFAULT_HEAD.stat().st_size < 100_000
    assert head["model"].startswith("multilingual-e5-small@")
    assert len(head["weights"]) == 384 + len(head["features"])
    assert head["features"] in ([], [f.name for f in FEATURES])
    assert head["calibration"]["method"] == "platt" and head["calibration"]["a"] > 0
    assert 0.0 < head["threshold"] < 1.0
    datasets = {d["name"]: d for d in head["training"]["datasets"]}
    assert set(datasets) == {"germeval2021_factclaiming_de", "ct24_checkworthy_en"}
    for record in datasets.values():
        assert record["licence"] and len(record["sha256"]) == 64
        assert record["train"]["rows"] + record["heldout"]["rows"] == record["rows"]
    for split in ("out_of_fold", "heldout"):
        numbers = head["dev"][split]
        assert set(numbers["metrics"]) == set(datasets)
        assert 0.0 <= numbers["ece_calibrated"] <= 1.0 and 0.0 <= numbers["ece_raw"] <= 1.0
    head_object = load_head()
    assert head_object.threshold == head["threshold"] and len(head_object.weights) == len(head["weights"])


def test_recorded_datasets_match_the_shared_data():
    data = needs_shared(SHARED / "data")
    spec = importlib.util.spec_from_file_location("train_checkworthiness", REPO / "bench" / "train_checkworthiness.py")
    training = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = training  # dataclasses look their module up while the file runs
    spec.loader.exec_module(training)
    for record in head_json()["training"]["datasets"]:
        path = needs_shared(data / record["file"])
        assert hashlib.sha256(path.read_bytes()).hexdigest() == record["sha256"], f"{path} changed: retrain the head"
        loader = training.load_germeval if record["language"] == "de" else training.load_checkthat
        examples = loader(path)
        assert len(examples) == record["rows"] and sum(e.label for e in examples) == record["positives"]


# ------------------------------------------------------------------ guards


def test_a_head_for_another_model_is_refused():
    with pytest.raises(ModelError, match="trained for the embedding model multilingual-e5-small@.*hashing-384"):
        TrainedScorer(HashingEmbedder(384))


@pytest.mark.parametrize("content, message", [
    (None, "No check-worthiness head"),
    ("{not json", "cannot be read"),
    ('{"model": "hashing-16"}', "malformed"),
    ('{"model": "hashing-16", "weights": [1, 2], "bias": 0, "calibration": {"a": 1, "b": 0}, "threshold": 1.5}',
     "out of range"),
    ('{"model": "hashing-16", "weights": [1, 2], "bias": 0, "calibration": {"a": 1, "b": 0}, "threshold": 0.5,'
     ' "features": ["number"]}', "other FeatureScorer signals"),
])
def test_missing_or_corrupt_head_is_a_model_error(tmp_path, content, message):
    path = tmp_path / "head.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ModelError, match=message) as error:
        TrainedScorer(HashingEmbedder(16), path)
    assert "bench/train_checkworthiness.py" in str(error.value)


def test_weights_that_do_not_fit_the_vectors_are_a_model_error(tmp_path):
    scorer = TrainedScorer(HashingEmbedder(16), write_head(tmp_path / "head.json", weights=[0.1] * 10))
    with pytest.raises(ModelError, match="10 weights for 16 inputs"):
        scorer.score(["Some text."], ["en"])


def test_scores_are_calibrated_probabilities_and_the_claims_stage_uses_the_head_threshold(tmp_path):
    scorer = TrainedScorer(HashingEmbedder(16), write_head(tmp_path / "head.json"))
    texts = ["Russia invaded Ukraine.", "Hello there, friends!", "x"]
    scores = scorer.score(texts, ["en"] * 3)
    assert scorer.score([], []) == [] and all(0.0 <= s <= 1.0 for s in scores)
    assert scores == scorer.score(texts, ["en"] * 3)
    assert scorer.threshold == 0.6
    assert TrainedScorer(HashingEmbedder(16), tmp_path / "head.json", threshold=0.2).threshold == 0.2
    sentences = [Sentence(i, t, 0, len(t), Layout.TEXT, "en") for i, t in enumerate(texts)]
    kinds = [c.kind for c in analyse_sentences(sentences, Settings(checkworthiness_threshold=0.0), scorer)]
    assert kinds == [SentenceKind.CLAIM if s >= 0.6 else SentenceKind.OTHER for s in scores]


# ------------------------------------------------------------------ CLI


def test_score_claims_rejects_a_malformed_file_before_loading_the_model(tmp_path, capsys):
    path = tmp_path / "texts.tsv"
    path.write_text("a\tUnemployment fell in May.\nno tab on this line\n", encoding="utf-8")
    assert main(["score-claims", str(path)]) == 1
    err = capsys.readouterr().err
    assert err == f"error: {path}:2: expected id<TAB>text.\n"
    assert main(["score-claims", str(tmp_path / "missing.tsv")]) == 1
    assert "no such file" in capsys.readouterr().err


# ------------------------------------------------------------------ the real model


@pytest.fixture(scope="module")
def real_scorer():
    from checker.embed import SentenceTransformerEmbedder

    settings = Settings()
    if not (settings.model_dir / "modules.json").is_file():
        pytest.fail(f"no model in {settings.model_dir}: run `make setup` first")
    return TrainedScorer(SentenceTransformerEmbedder(settings.model_dir))


@pytest.mark.slow
def test_factual_sentences_score_above_the_threshold_and_opinions_below(real_scorer):
    factual = real_scorer.score([t for t, _ in FACTUAL], [lang for _, lang in FACTUAL])
    other = real_scorer.score([t for t, _ in NOT_FACTUAL], [lang for _, lang in NOT_FACTUAL])
    assert all(s >= real_scorer.threshold for s in factual), factual
    assert all(s < real_scorer.threshold for s in other), other


@pytest.mark.slow
def test_trained_scores_are_deterministic(real_scorer):
    texts, languages = [t for t, _ in FACTUAL + NOT_FACTUAL], [lang for _, lang in FACTUAL + NOT_FACTUAL]
    first = real_scorer.score(texts, languages)
    assert real_scorer.score(texts, languages) == first
    assert real_scorer.score(texts[::-1], languages[::-1]) == pytest.approx(first[::-1], abs=1e-6)


@pytest.mark.slow
def test_score_claims_prints_one_json_object_per_line(tmp_path, capsys):
    path = tmp_path / "texts.tsv"
    rows = FACTUAL + NOT_FACTUAL
    path.write_text("".join(f"s{i}\t{text}\n" for i, (text, _) in enumerate(rows)) + "\n", encoding="utf-8")
    assert main(["score-claims", str(path)]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["id"] for r in records] == [f"s{i}" for i in range(len(rows))]
    assert all(set(r) == {"id", "checkworthiness", "is_claim"} and 0.0 <= r["checkworthiness"] <= 1.0
               for r in records)
    assert [r["is_claim"] for r in records] == [True, True, False, False]
