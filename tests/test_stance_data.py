"""The stance model's training data (bench/stance_data.py): the contradictions read both
ways round must never touch the dev split, and must only come from sets where a
contradiction holds whichever text comes first."""

from __future__ import annotations

from tests.conftest import load_bench_script

data = load_bench_script("stance_data")


def _example(premise, hypothesis, target, source="snli", language="en", dev=False):
    return data.Example(premise, hypothesis, target, source, language, 1.5, dev)


def test_a_training_contradiction_is_turned_round_with_its_weight():
    contradiction = _example("A man is sleeping.", "A man is running.", data.CONTRADICTS)
    assert data.turned_contradictions([contradiction]) == [
        data.Example("A man is running.", "A man is sleeping.", data.CONTRADICTS, "snli-turned", "en", 1.5, False)]


def test_a_cross_lingual_pair_turned_round_names_its_languages_the_other_way():
    pair = _example("Der Mann schläft.", "The man is running.", data.CONTRADICTS, "xnli-x", "de-en")
    (turned,) = data.turned_contradictions([pair])
    assert (turned.premise, turned.hypothesis, turned.language) == ("The man is running.", "Der Mann schläft.", "en-de")


def test_only_training_contradictions_of_the_symmetric_sets_are_turned():
    kept_as_they_are = [
        _example("A man is sleeping.", "A man is asleep.", data.ENTAILS),  # entailment is one-way
        _example("A man is sleeping.", "The man is tired.", data.NEUTRAL),
        _example("A man is sleeping.", "A man is running.", data.CONTRADICTS, dev=True),  # dev stays unseen
        _example("Sea levels rose 20 cm in a century.", "Sea levels are falling.", data.CONTRADICTS,
                 "climate-fever"),  # refuting evidence is often indirect
        _example("A paragraph about a film.", "The film was made in 1990.", data.CONTRADICTS, "anli"),  # passages
    ]
    assert data.turned_contradictions(kept_as_they_are) == []


def test_a_passage_is_not_turned_into_a_claim():
    passage = _example("The committee met. " * 20, "The committee never met.", data.CONTRADICTS, "mnli")
    assert data.turned_contradictions([passage]) == []
