"""The shipped stance model (checker/data/stance_model.safetensors) with the real e5 model."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import numpy as np
import pytest

from checker.config import Settings
from checker.errors import ModelError
from checker.stance_model import DEFAULT_WEIGHTS, LABELS, CrossEncoderStance
from tests.conftest import REPO

pytestmark = pytest.mark.slow
RECORD = DEFAULT_WEIGHTS.with_suffix(".json")


@pytest.fixture(scope="module")
def embedder():
    from checker.embed import SentenceTransformerEmbedder

    settings = Settings()
    if not (settings.model_dir / "modules.json").is_file():
        pytest.fail(f"no model in {settings.model_dir}: run `make setup` first")
    return SentenceTransformerEmbedder(settings.model_dir)


@pytest.fixture(scope="module")
def model(embedder):
    transformer, tokenizer = embedder.transformer()
    return CrossEncoderStance(transformer, tokenizer, embedder.fingerprint)


def test_the_shipped_weights_match_their_record_and_the_settings_use_its_thresholds():
    record = json.loads(RECORD.read_text(encoding="utf-8"))
    assert hashlib.sha256(DEFAULT_WEIGHTS.read_bytes()).hexdigest() == record["sha256"]
    settings = Settings()
    assert settings.stance_verdict_threshold == record["thresholds"]["verdict_threshold"]
    assert settings.stance_flag_threshold == record["thresholds"]["flag_threshold"]


def test_probabilities_are_distributions_independent_of_batching(model):
    evidence = ["Russia invaded Ukraine on 24 February 2022.", "Berlin ist die Hauptstadt Deutschlands.",
                "A very long evidence text. " * 200]
    claims = ["Ukraine started the war.", "Berlin ist die Hauptstadt von Deutschland.", "Something else."]
    together = model.probabilities(evidence, claims)
    one_by_one = np.vstack([model.probabilities([e], [c]) for e, c in zip(evidence, claims)])
    assert together.shape == (3, len(LABELS))
    np.testing.assert_allclose(together.sum(axis=1), 1.0, atol=1e-5)
    np.testing.assert_allclose(together, one_by_one, atol=1e-4)
    assert model.probabilities([], []).shape == (0, 3)


@pytest.mark.parametrize("evidence, claim, label", [
    ("Selenskyj hat den Krieg begonnen.", "Selenskyj hat den Krieg nicht begonnen.", "contradicts"),
    ("Zelensky started the war.", "Zelensky did not start the war.", "contradicts"),
    ("Russland hat die Ukraine am 24. Februar 2022 überfallen.", "Russland hat die Ukraine angegriffen.", "entails"),
])
def test_clear_cases_in_german_and_english(model, evidence, claim, label):
    row = model.probabilities([evidence], [claim])[0]
    assert LABELS[int(row.argmax())] == label


def test_a_negation_across_languages_is_never_read_as_the_same_claim(model):
    # What the pipeline relies on: its veto keeps a negated label unturned only when the model
    # reads "the same". (The shipped model reads this pair as neutral, not contradicts.)
    row = model.probabilities(["Zelensky started the war.", "Selenskyj hat den Krieg nicht begonnen."],
                              ["Selenskyj hat den Krieg nicht begonnen.", "Zelensky started the war."])
    assert all(LABELS[int(r.argmax())] != "entails" for r in row)


def test_weights_for_another_model_are_refused(embedder):
    transformer, tokenizer = embedder.transformer()
    with pytest.raises(ModelError, match="was trained on"):
        CrossEncoderStance(transformer, tokenizer, "some-other-model@0000")


def test_a_missing_or_corrupt_weights_file_is_a_clear_error(embedder, tmp_path):
    transformer, tokenizer = embedder.transformer()
    with pytest.raises(ModelError, match="No stance model"):
        CrossEncoderStance(transformer, tokenizer, embedder.fingerprint, tmp_path / "none.safetensors")
    broken = tmp_path / "broken.safetensors"
    broken.write_bytes(DEFAULT_WEIGHTS.read_bytes()[:1000])
    with pytest.raises(ModelError, match="cannot be read"):
        CrossEncoderStance(transformer, tokenizer, embedder.fingerprint, broken)


def test_an_ensemble_of_a_model_with_itself_reads_as_that_model(embedder, model, tmp_path):
    from tests.conftest import load_bench_script

    train = load_bench_script("train_stance")
    ensemble = tmp_path / "ensemble.safetensors"
    train.join_ensemble([DEFAULT_WEIGHTS, DEFAULT_WEIGHTS], ensemble)
    train.write_temperature(ensemble, {"temperature": model.settings.temperature})
    transformer, tokenizer = embedder.transformer()
    joined = CrossEncoderStance(transformer, tokenizer, embedder.fingerprint, ensemble)
    evidence = ["Russia invaded Ukraine on 24 February 2022.", "Selenskyj hat den Krieg begonnen."]
    claims = ["Ukraine started the war.", "Selenskyj hat den Krieg nicht begonnen."]
    assert joined.settings.members == 2
    np.testing.assert_allclose(joined.probabilities(evidence, claims), model.probabilities(evidence, claims),
                               atol=1e-5)


def test_the_embedders_own_layers_are_untouched_by_the_stance_model(embedder, model):
    before = embedder.embed_queries(["Russland hat die Ukraine angegriffen."])
    embedder.clear_cache()
    model.probabilities(["a"], ["b"])
    after = embedder.embed_queries(["Russland hat die Ukraine angegriffen."])
    np.testing.assert_allclose(before, after, atol=1e-6)


def test_cli_verify_prints_one_json_object_per_claim(tmp_path):
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text("\n".join(json.dumps(row, ensure_ascii=False) for row in [
        {"id": "neg", "claim": "Selenskyj hat den Krieg nicht begonnen.", "evidence": ["Selenskyj hat den Krieg begonnen."]},
        {"id": 2, "claim": "Russland hat die Ukraine angegriffen.",
         "evidence": ["Russland hat die Ukraine am 24. Februar 2022 überfallen.", "Kyjiw ist die Hauptstadt."]},
    ]) + "\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "checker", "verify", "--pairs", str(pairs)],
                            capture_output=True, text=True, cwd=REPO, timeout=300)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["neg", 2]
    assert lines[0]["label"] == "refuted" and lines[1]["label"] == "supported"
    assert all(0.0 <= line["confidence"] <= 1.0 for line in lines)
    assert [len(line["evidence"]) for line in lines] == [1, 2]


def test_cli_verify_reports_bad_input_before_loading_any_model(tmp_path):
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text('{"id": 1, "claim": "c", "evidence": "not a list"}\n', encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "checker", "verify", "--pairs", str(pairs)],
                            capture_output=True, text=True, cwd=REPO, timeout=60)
    assert result.returncode == 1
    assert result.stderr.strip() == f'error: {pairs}:1: "evidence" must be a list of non-empty strings.'
