"""bench/train_stance.py: comparing stance models on the same dev pairs, calibrating one, joining several."""

from __future__ import annotations

import numpy as np

from tests.conftest import load_bench_script

train = load_bench_script("train_stance")


def test_a_margin_within_the_noise_gets_an_interval_across_zero():
    # 400 pairs; the two models disagree on 20: 12 go to the first, 8 to the second
    first = np.r_[np.ones(12), np.zeros(8), np.ones(250), np.zeros(130)]
    second = np.r_[np.zeros(12), np.ones(8), np.ones(250), np.zeros(130)]
    difference, low, high = train.paired_bootstrap(first, second)
    assert difference == 0.01
    assert low < 0 < high


def test_a_clear_margin_gets_an_interval_above_zero():
    first = np.ones(400)
    second = np.r_[np.ones(300), np.zeros(100)]
    difference, low, high = train.paired_bootstrap(first, second)
    assert difference == 0.25
    assert 0 < low < 0.25 < high


def test_calibration_finds_the_temperature_that_undoes_overconfidence():
    import torch

    generator = torch.Generator().manual_seed(0)
    calibrated = torch.randn(4000, 3, generator=generator) * 1.5
    targets = torch.multinomial(torch.softmax(calibrated, 1), 1, generator=generator).squeeze(1)
    result = train.calibrate(torch, calibrated * 2.0, targets)  # logits twice as sure as the truth
    assert 1.8 <= result["temperature"] <= 2.2
    assert result["ece_after"] < result["ece_before"] and result["ece_after"] < 0.03
    assert result["nll_after"] < result["nll_before"]
    assert result["pairs"] == 4000


def test_a_new_temperature_is_written_with_the_tensors_and_record_intact(tmp_path):
    import hashlib
    import json

    import torch
    from safetensors import safe_open
    from safetensors.torch import save_file

    weights = tmp_path / "stance_model.safetensors"
    tensors = {"head.weight": torch.arange(6, dtype=torch.float16).reshape(3, 2),
               "head.bias": torch.ones(3, dtype=torch.float16)}
    save_file(tensors, str(weights), metadata={"model": "e5@abc", "temperature": "1.26", "frozen_layers": "6"})
    weights.with_suffix(".json").write_text(json.dumps({
        "sha256": "old", "temperature": 1.26, "thresholds": {"verdict_threshold": 0.36},
        "dev": {"accuracy": 0.67, "ece_before": 0.06, "ece_after": 0.02, "nll": 0.75, "nll_calibrated": 0.74}}))
    calibration = {"temperature": 1.34, "pairs": 10, "ece_before": 0.07, "ece_after": 0.01,
                   "nll_before": 0.81, "nll_after": 0.79}

    train.write_temperature(weights, calibration)

    with safe_open(str(weights), framework="pt") as handle:
        assert handle.metadata() == {"model": "e5@abc", "temperature": "1.34", "frozen_layers": "6"}
        for key, value in tensors.items():
            assert torch.equal(handle.get_tensor(key), value)
    record = json.loads(weights.with_suffix(".json").read_text())
    assert record["sha256"] == hashlib.sha256(weights.read_bytes()).hexdigest()
    assert record["temperature"] == 1.34 and record["calibration"] == calibration
    assert record["dev"] == {"accuracy": 0.67}  # the numbers fitted at the old temperature are gone
    assert record["thresholds"] == {"verdict_threshold": 0.36}  # chosen again by the caller
    assert sorted(p.name for p in tmp_path.iterdir()) == ["stance_model.json", "stance_model.safetensors"]


def _tiny_weights(path, frozen_layers="6", seed=0, temperature="1.3"):
    import json

    import torch
    from safetensors.torch import save_file

    generator = torch.Generator().manual_seed(seed)
    tensors = {"top.0.weight": torch.randn(2, 2, generator=generator).half(),
               "head.weight": torch.randn(3, 2, generator=generator).half(), "head.bias": torch.zeros(3).half()}
    save_file(tensors, str(path), metadata={"model": "e5@abc", "frozen_layers": frozen_layers,
                                            "temperature": temperature, "labels": "[]", "max_tokens": "192"})
    path.with_suffix(".json").write_text(json.dumps({"sha256": f"sha-{seed}", "seed": seed, "steps": 10,
                                                     "thresholds": {"verdict_threshold": 0.4}}))
    return tensors


def test_members_are_joined_under_their_own_names_into_one_file(tmp_path):
    import json

    import torch
    from safetensors import safe_open

    first = _tiny_weights(tmp_path / "a.safetensors", seed=1)
    second = _tiny_weights(tmp_path / "b.safetensors", seed=2)
    out = tmp_path / "ensemble.safetensors"

    train.join_ensemble([tmp_path / "a.safetensors", tmp_path / "b.safetensors"], out)

    with safe_open(str(out), framework="pt") as handle:
        assert handle.metadata()["members"] == "2" and handle.metadata()["frozen_layers"] == "6"
        for prefix, tensors in (("member0.", first), ("member1.", second)):
            for key, value in tensors.items():
                assert torch.equal(handle.get_tensor(prefix + key), value)
        assert len(list(handle.keys())) == 6
    record = json.loads(out.with_suffix(".json").read_text())
    assert [member["seed"] for member in record["members"]] == [1, 2]
    assert "thresholds" not in record  # chosen for the ensemble afterwards, not taken from a member
    assert not list(tmp_path.glob("*.partial"))


def test_members_over_different_frozen_layers_are_refused(tmp_path):
    import pytest

    _tiny_weights(tmp_path / "a.safetensors", frozen_layers="6")
    _tiny_weights(tmp_path / "b.safetensors", frozen_layers="4")
    with pytest.raises(SystemExit, match="differ in frozen_layers"):
        train.join_ensemble([tmp_path / "a.safetensors", tmp_path / "b.safetensors"], tmp_path / "e.safetensors")
    assert not (tmp_path / "e.safetensors").exists()
