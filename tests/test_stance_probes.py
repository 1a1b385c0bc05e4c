"""The stance probe set is well-formed, and bench/stance.py's metric helpers behave.

How well any system does on the probes is measured by bench/stance.py, not asserted here.
"""

from __future__ import annotations

import doctest
import hashlib
import json
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import load_bench_script, needs_shared

REPO = Path(__file__).resolve().parents[1]
PROBES = REPO / "bench" / "data" / "stance_probes.jsonl"
SHARED_DATA = REPO.parent / "shared" / "data"


bench = load_bench_script("stance")


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return [json.loads(line) for line in PROBES.read_text(encoding="utf-8").splitlines() if line.strip()]


# ------------------------------------------------------------------ the probe file


def test_every_line_has_exactly_the_fields_with_valid_values(records):
    for record in records:
        assert set(record) == set(bench.PROBE_FIELDS), record.get("id")
        for name, kind in bench.PROBE_FIELDS.items():
            assert isinstance(record[name], kind) and record[name].strip(), (record["id"], name)
        assert record["language"] in ("de", "en"), record["id"]
        assert record["id"].startswith(record["language"] + "-"), record["id"]
        assert record["category"] in bench.CATEGORIES, record["id"]
        assert record["label"] in bench.LABELS, record["id"]
        assert record["claim"] != record["evidence"], record["id"]


def test_ids_and_pairs_are_unique(records):
    assert not [i for i, n in Counter(r["id"] for r in records).items() if n > 1]
    assert not [p for p, n in Counter((r["claim"], r["evidence"]) for r in records).items() if n > 1]


def test_the_set_is_large_enough_in_every_category_and_language(records):
    categories = Counter(r["category"] for r in records)
    languages = Counter(r["language"] for r in records)
    assert len(records) >= 120
    assert all(categories[category] >= 20 for category in bench.CATEGORIES), categories
    assert languages["de"] >= 50 and languages["en"] >= 50


def test_labels_are_balanced_where_the_category_allows(records):
    for category in bench.CATEGORIES:
        labels = Counter(r["label"] for r in records if r["category"] == category)
        if category == "same_topic":  # a true neighbour that says nothing either way
            assert set(labels) == {"neutral"}
        else:
            assert min(labels[label] for label in bench.LABELS) >= sum(labels.values()) / 4, (category, labels)


def test_the_benchmark_reads_every_probe(records):
    pairs = bench.probe_pairs()
    assert len(pairs) == len(records)
    assert {pair.group for pair in pairs} == set(bench.CATEGORIES)


# ------------------------------------------------------------------ metric helpers


def test_the_module_doctests_pass():
    assert doctest.testmod(bench).failed == 0


def test_accuracy():
    assert bench.accuracy(["a", "b", "c", "a"], ["a", "b", "a", "b"]) == 0.5
    assert bench.accuracy([], []) == 0.0


def test_macro_f1_on_hand_examples():
    labels = ("entails", "contradicts", "neutral")
    assert bench.macro_f1(["entails", "neutral"], ["entails", "neutral"], labels) == 1.0
    # entails: P 1/2, R 1/2 -> 0.5; contradicts: P 1/2, R 1 -> 2/3; neutral: never predicted -> 0
    gold = ["entails", "entails", "contradicts", "neutral"]
    predicted = ["entails", "contradicts", "contradicts", "entails"]
    assert bench.macro_f1(gold, predicted, labels) == pytest.approx((0.5 + 2 / 3 + 0.0) / 3)
    # a label with neither gold items nor predictions does not drag the mean down
    assert bench.macro_f1(["a", "b"], ["a", "b"], ["a", "b", "c"]) == 1.0
    # the majority class: F1 of its own class only, 0 for the others
    assert bench.macro_f1(["a", "a", "b", "c"], ["a"] * 4, ["a", "b", "c"]) == pytest.approx((2 * 2 / 6) / 3)


def test_expected_calibration_error_on_hand_examples():
    assert bench.expected_calibration_error([], []) == 0.0
    assert bench.expected_calibration_error([True, False], [0.5, 0.5]) == pytest.approx(0.0)
    assert bench.expected_calibration_error([False, False, False], [0.9, 0.9, 0.9]) == pytest.approx(0.9)
    # two bins, each half the items: |1 - 0.95| / 2 + |0.5 - 0.25| / 2
    correct, confidence = [True, True, False, True], [0.95, 0.95, 0.25, 0.25]
    assert bench.expected_calibration_error(correct, confidence) == pytest.approx(0.025 + 0.125)
    # confidence 1.0 lands in the top bin together with 0.9, not in a bin of its own
    assert bench.expected_calibration_error([True, False], [1.0, 0.9]) == pytest.approx(abs(0.5 - 0.95))


def test_aggregate_turns_evidence_stances_into_a_claim_label():
    assert bench.aggregate([("entails", 0.8), ("neutral", 0.9), ("contradicts", 0.6)]) == ("supported", 0.8)
    assert bench.aggregate([("entails", 0.6), ("contradicts", 0.7)]) == ("refuted", 0.7)
    assert bench.aggregate([("neutral", 0.6), ("neutral", 0.8)]) == ("unverified", pytest.approx(0.7))
    assert bench.aggregate([("entails", 0.7), ("contradicts", 0.7)])[0] == "unverified"


def test_majority_class_predicts_the_commonest_label_at_its_share():
    predict = bench.majority(["neutral", "neutral", "entails", "neutral"])
    assert predict("any claim", "any evidence") == ("neutral", 0.75)


# ------------------------------------------------------------------ the XNLI held-out rule


def test_xnli_holdout_is_whole_premise_groups_and_never_changes_silently():
    rows = sorted(bench.xnli_holdout_rows())
    assert len(rows) == 498
    groups = Counter(row // bench.XNLI_GROUP_SIZE for row in rows)
    assert set(groups.values()) == {bench.XNLI_GROUP_SIZE}
    # a training script excludes exactly these rows: changing the rule invalidates every reported number
    assert hashlib.sha256(",".join(map(str, rows)).encode()).hexdigest()[:16] == "ab1f00d8233752a3"


def test_xnli_holdout_is_balanced_and_parallel_in_both_languages():
    needs_shared(SHARED_DATA / "nli" / "xnli_de" / "dev.jsonl")
    german, english = bench.xnli_pairs("de"), bench.xnli_pairs("en")
    assert [p.label for p in german] == [p.label for p in english]
    assert Counter(p.label for p in german) == {"entails": 166, "contradicts": 166, "neutral": 166}
