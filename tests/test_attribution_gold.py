"""The attribution sets (dev: attribution_gold.jsonl, held-out test: attribution_test.jsonl)
are well-formed, and the benchmark's metric helpers behave.

Quality of claims.find_attribution is measured by bench/attribution.py, not asserted here.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import load_bench_script

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "bench" / "data" / "attribution_gold.jsonl"
TEST = REPO / "bench" / "data" / "attribution_test.jsonl"


bench = load_bench_script("attribution")


def _read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module", params=[GOLD, TEST], ids=["dev", "test"])
def records(request) -> list[dict]:
    return _read(request.param)


# ------------------------------------------------------------------ the gold file


def test_every_line_has_exactly_the_fields_with_their_types(records):
    for record in records:
        assert set(record) == set(bench.FIELDS), record.get("id")
        for name, kind in bench.FIELDS.items():
            assert isinstance(record[name], kind), (record["id"], name)
        assert record["type"] in ("asserted", "reported"), record["id"]
        assert record["language"] in ("de", "en"), record["id"]
        assert record["id"].startswith(record["language"] + "-"), record["id"]
        assert record["text"].strip() and record["claim"].strip(), record["id"]


def test_ids_are_unique(records):
    duplicates = [i for i, n in Counter(r["id"] for r in records).items() if n > 1]
    assert not duplicates


def test_texts_are_unique(records):
    duplicates = [t for t, n in Counter(r["text"] for r in records).items() if n > 1]
    assert not duplicates


def test_the_sets_share_no_sentence():
    assert not {r["text"] for r in _read(GOLD)} & {r["text"] for r in _read(TEST)}


def test_the_held_out_set_is_large_and_balanced_enough():
    records = _read(TEST)
    languages = Counter(r["language"] for r in records)
    types = Counter(r["type"] for r in records)
    assert len(records) >= 120
    assert languages["de"] >= 60 and languages["en"] >= 60
    assert types["reported"] >= 60 and types["asserted"] >= 40
    assert sum(r["marked_false_by_author"] for r in records) >= 5


def test_the_dev_set_is_large_and_balanced_enough():
    records = _read(GOLD)
    languages = Counter(r["language"] for r in records)
    types = Counter(r["type"] for r in records)
    assert len(records) >= 160
    assert languages["de"] >= 70 and languages["en"] >= 70
    assert types["reported"] >= 60 and types["asserted"] >= 60
    assert sum(r["marked_false_by_author"] for r in records) >= 15


def test_reported_lines_carry_a_rewritten_claim(records):
    for record in (r for r in records if r["type"] == "reported"):
        assert record["claim"].strip(), record["id"]
        assert record["claim"] != record["text"], record["id"]
        assert record["cue"], record["id"]


def test_asserted_lines_are_their_own_claim_with_no_speaker_or_cue(records):
    for record in (r for r in records if r["type"] == "asserted"):
        assert record["claim"] == record["text"], record["id"]
        assert record["speaker"] is None and record["cue"] is None, record["id"]
        assert record["marked_false_by_author"] is False, record["id"]


@pytest.mark.parametrize(("path", "size"), [(GOLD, 160), (TEST, 120)], ids=["dev", "test"])
def test_the_benchmark_loader_reads_both_sets(path, size):
    rows = bench.load_gold(path)
    assert len(rows) >= size and all(isinstance(row, bench.GoldRow) for row in rows)


def test_the_loader_names_the_line_and_field_it_rejects(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text('{"id": "de-001", "language": "de", "text": "x"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"gold\.jsonl:1: fields"):
        bench.load_gold(path)


# ------------------------------------------------------------------ metric helpers


@pytest.mark.parametrize(
    ("gold", "predicted", "language", "expected"),
    [
        ("die Polizei", "Polizei", "de", True),  # articles ignored
        ("die Polizei", "DER POLIZEI.", "de", True),  # case and punctuation ignored
        ("der ukrainische Außenminister Dmytro Kuleba", "Kuleba", "de", True),  # containment
        ("Kuleba", "der ukrainische Außenminister Dmytro Kuleba", "de", True),  # either direction
        ("Trump", "Trump's", "en", True),  # the possessive's apostrophe splits off a word
        ("warf … vor", "warf vor", "de", True),  # the ellipsis is punctuation
        ("the mayor", "the mayor's office", "en", True),
        ("der Minister", "die Ministerin", "de", False),  # whole words only, no prefixes
        ("Pol", "die Polizei", "de", False),
        ("die Polizei", None, "de", False),
        (None, "Es", "de", False),
        (None, None, "de", True),
        ("the", "a", "en", True),  # both empty once articles go
        ("the", "Trump", "en", False),
    ],
)
def test_same_phrase(gold, predicted, language, expected):
    assert bench.same_phrase(gold, predicted, language) is expected


def test_same_claim_ignores_case_punctuation_and_spacing_but_keeps_words():
    assert bench.same_claim("Die Lage ist ernst.", "die  Lage ist ernst")
    assert bench.same_claim("Die Brücke ist nicht mehr sicher.", "„Die Brücke ist nicht mehr sicher!“")
    assert not bench.same_claim("Die Lage ist ernst.", "Lage ist ernst.")  # articles count in claims
    assert not bench.same_claim("Die Lage ist ernst.", "Die Lage ist nicht ernst.")


def test_token_f1():
    assert bench.token_f1("Die Lage ist ernst.", "die Lage ist ernst") == 1.0
    assert bench.token_f1("Die Lage ist ernst.", "Das Wetter war gut.") == 0.0
    # 2 shared of 3 predicted and 4 gold words: P = 2/3, R = 1/2, F1 = 4/7
    assert bench.token_f1("Selenskyj begann den Krieg.", "Selenskyj begann heute") == pytest.approx(4 / 7)
    # a repeated word counts as often as it occurs on both sides, not more
    assert bench.token_f1("a a b", "a b b") == pytest.approx(2 / 3)
    assert bench.token_f1("", "") == 1.0 and bench.token_f1("x", "") == 0.0


def test_f1_of_the_positive_class():
    assert bench.f1([True, False, True], [True, True, False]) == pytest.approx(0.5)
    assert bench.f1([False, False], [False, False]) == 0.0


def test_score_on_a_tiny_set():
    gold = [
        bench.GoldRow("de-001", "de", "X sagte, es sei so.", "reported", "X", "sagte", False, "Es ist so."),
        bench.GoldRow("de-002", "de", "Es regnet.", "asserted", None, None, False, "Es regnet."),
    ]
    perfect = [bench.Prediction(g.type, g.speaker, g.cue, g.marked_false_by_author, g.claim) for g in gold]
    result = bench.score(gold, perfect)
    assert all(value == 1.0 for name, value in result.items() if "marked_false F1" not in name)
    baseline = bench.score(gold, [bench.predict_asserted(g) for g in gold])
    assert baseline["type accuracy"] == 0.5
    assert baseline["speaker accuracy (gold reported)"] == 0.0
    assert baseline["claim exact (all)"] == 0.5


def test_keyword_baseline_marks_reports_by_cue_words_only():
    row = bench.GoldRow("en-001", "en", "He falsely said it rained.", "reported", "he", "said", True, "It rained.")
    prediction = bench.predict_keywords(row)
    assert (prediction.type, prediction.speaker, prediction.cue, prediction.marked_false_by_author) == (
        "reported", None, "said", True)
    assert bench.predict_keywords(bench.GoldRow("en-002", "en", "It rained.", "asserted", None, None, False,
                                                "It rained.")).type == "asserted"


def test_markdown_table_layout():
    table = bench.markdown_table({"a": {"m": 0.5, "n": 0.25}, "b": {"m": 1.0, "n": 0.0}})
    assert table.splitlines() == [
        "| metric | a | b |",
        "|---|---:|---:|",
        "| m | 0.500 | 1.000 |",
        "| n | 0.250 | 0.000 |",
    ]


def test_side_by_side_has_one_column_per_set_and_system_for_the_chosen_language():
    de = bench.GoldRow("de-001", "de", "X sagte, es sei so.", "reported", "X", "sagte", False, "Es ist so.")
    en = bench.GoldRow("en-001", "en", "It rained.", "asserted", None, None, False, "It rained.")
    sets = {"dev": [de, en], "test": [en]}
    predictions = {name: {"always asserted": [bench.predict_asserted(r) for r in rows]} for name, rows in sets.items()}
    columns = bench.side_by_side(sets, predictions, "en")
    assert list(columns) == ["always asserted (dev)", "always asserted (test)"]
    assert columns["always asserted (dev)"]["type accuracy"] == 1.0  # only the English row counts
    assert bench.side_by_side(sets, predictions, None)["always asserted (dev)"]["type accuracy"] == 0.5
