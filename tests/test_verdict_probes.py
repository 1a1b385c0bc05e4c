"""The article verdict probe set (bench/data/verdict_probes.jsonl) is well-formed for
bench/verdicts.py. How well any stance stage does on it is measured there, not asserted here."""

from __future__ import annotations

import argparse
from collections import Counter

import pytest

from checker.config import Settings
from checker.corpus import load_corpus
from checker.text import split_sentences
from tests.conftest import load_bench_script

bench = load_bench_script("verdicts")


def test_every_row_is_one_sentence_with_a_known_label_and_category():
    rows = bench.read_probes()
    assert len({row["id"] for row in rows}) == len(rows) >= 80
    for row in rows:
        assert row["language"] in ("de", "en")
        assert len(split_sentences(row["sentence"])) == 1, row["id"]  # verdicts() checks it as one claim


def test_each_category_has_german_and_english_sentences_and_the_labels_are_not_one_sided():
    rows = bench.read_probes()
    languages = Counter((row["category"], row["language"]) for row in rows)
    assert all(languages[(category, language)] >= 2 for category in bench.CATEGORIES for language in ("de", "en"))
    labels = Counter(row["label"] for row in rows)
    assert labels["supported"] >= 15 and labels["refuted"] >= 15 and labels["unverified"] >= 15


def test_the_entries_named_as_basis_exist_and_only_unverified_rows_have_none():
    entries = {entry.id: entry for entry in load_corpus(Settings().corpus_path).entries}
    for row in bench.read_probes():
        if "basis" not in row:  # the first batch names none
            continue
        assert all(entry_id in entries for entry_id in row["basis"]), row["id"]
        assert (row["basis"] == []) == (row["label"] == "unverified"), row["id"]


def test_rows_are_chosen_by_their_numbers_from_one_both_ends_included():
    chosen = bench.row_range("88:183")
    assert (chosen.start, chosen.stop) == (88, 183)
    for wrong in ("88", "a:b", "0:5", "9:3"):
        with pytest.raises(argparse.ArgumentTypeError, match="expected"):
            bench.row_range(wrong)
