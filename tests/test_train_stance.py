"""bench/train_stance.py's comparison of two stance models on the same dev pairs."""

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
