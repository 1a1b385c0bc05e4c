"""ModelStance's rules and `verify`, with a tiny deterministic pair classifier standing in
for the trained cross-encoder (the real model is tested in tests/test_stance_model.py)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from checker.config import Settings
from checker.embed import HashingEmbedder
from checker.errors import InputError
from checker.records import CorpusLabel, Hit, Label, Stance
from checker.stance import ModelStance
from checker.verify import PairsItem, parse_pairs, verify
from tests.conftest import entry

SETTINGS = Settings(stance_verdict_threshold=0.7, stance_flag_threshold=0.4, stance_min_similarity=0.8,
                    stance_candidates=3)
E, C, N = (0.9, 0.05, 0.05), (0.05, 0.9, 0.05), (0.05, 0.05, 0.9)


class TableClassifier:
    """Answers from a (premise, hypothesis) -> probabilities table; anything else is neutral.
    Records what it was asked, so tests can check which pairs are read in which direction."""

    def __init__(self, table: dict[tuple[str, str], tuple[float, float, float]]):
        self.table, self.asked = table, []

    def probabilities(self, evidence, claims):
        self.asked += list(zip(evidence, claims))
        return np.array([self.table.get((e, c), N) for e, c in zip(evidence, claims)], dtype=np.float32).reshape(-1, 3)


def hit(text, label, similarity=0.9, **fields):
    return Hit(entry(text, label, **fields), similarity, 0.0)


def assess(table, claim, hits, settings=SETTINGS):
    classifier = TableClassifier(table)
    return ModelStance(settings, classifier).assess(claim, hits), classifier.asked


def test_a_claim_that_says_what_a_false_entry_says_is_refuted_reading_claim_to_entry():
    claim = "Selenskyj hat den Krieg begonnen."
    found, asked = assess({(claim, "Zelensky started the war."): E}, claim,
                          [hit("Zelensky started the war.", CorpusLabel.FALSE)])
    assert (found[0].stance, found[0].stance_confidence) == (Stance.REFUTES, 0.9)
    assert asked == [(claim, "Zelensky started the war.")]  # the claim must entail the false entry


def test_a_true_entry_supports_a_claim_it_entails_reading_entry_to_claim():
    claim = "Russland hat die Ukraine 2022 angegriffen."
    found, asked = assess({("Russia invaded Ukraine on 24 February 2022.", claim): E}, claim,
                          [hit("Russia invaded Ukraine on 24 February 2022.", CorpusLabel.TRUE)])
    assert found[0].stance is Stance.SUPPORTS
    assert asked == [("Russia invaded Ukraine on 24 February 2022.", claim)]


def test_the_negation_of_a_false_claim_is_supported_but_a_mere_contrary_is_not():
    false_entry = hit("Zelensky started the war.", CorpusLabel.FALSE)
    negation = "Selenskyj hat den Krieg nicht begonnen."
    contrary = "Biden started the war."
    found, _ = assess({(negation, "Zelensky started the war."): C}, negation, [false_entry])
    assert found[0].stance is Stance.SUPPORTS and found[0].note == "negates a claim rated false"
    found, _ = assess({(contrary, "Zelensky started the war."): C}, contrary, [false_entry])
    assert found[0].stance is Stance.NEUTRAL


def test_an_entry_rated_misleading_makes_the_same_claim_mixed():
    claim = "The deal is worth 500 billion dollars."
    found, _ = assess({(claim, "The minerals deal is worth 500 billion dollars."): E}, claim,
                      [hit("The minerals deal is worth 500 billion dollars.", CorpusLabel.MISLEADING)])
    assert found[0].stance is Stance.MIXED


def test_the_entrys_evidence_text_can_refute_a_claim_the_label_says_nothing_about():
    claim = "Ukraine started the war."
    found, _ = assess({("Russia invaded Ukraine on 24 February 2022.", claim): C}, claim,
                      [hit("Who started the war?", None, evidence="Russia invaded Ukraine on 24 February 2022.")])
    assert found[0].stance is Stance.REFUTES and "evidence" in found[0].note


def test_weak_readings_are_neutral_and_dissimilar_or_surplus_entries_are_not_read():
    claim = "x happened."
    weak = (0.35, 0.3, 0.35)
    hits = [hit("a", CorpusLabel.TRUE, 0.95), hit("b", CorpusLabel.TRUE, 0.93), hit("c", CorpusLabel.TRUE, 0.92),
            hit("d", CorpusLabel.TRUE, 0.91), hit("far", CorpusLabel.TRUE, 0.5)]
    found, asked = assess({("a", claim): weak}, claim, hits)
    assert [item.entry.text for item in found] == ["a", "b", "c"]  # stance_candidates, most similar first
    assert all(item.stance is Stance.NEUTRAL for item in found)
    assert ("far", claim) not in asked and ("d", claim) not in asked


def test_deciding_evidence_comes_first_then_the_rest_by_similarity():
    claim = "y happened."
    found, _ = assess({("b", claim): E}, claim, [hit("a", CorpusLabel.TRUE, 0.95), hit("b", CorpusLabel.TRUE, 0.85)])
    assert [item.entry.text for item in found] == ["b", "a"]


# ------------------------------------------------------------------ verify


def test_verify_reads_every_evidence_text_and_weighs_them_by_the_verdict_rules():
    items = [PairsItem("1", "Ukraine started the war.", ("Russia invaded Ukraine in 2022.", "Kyiv is a city.")),
             PairsItem(2, "Russia invaded Ukraine.", ("Russia invaded Ukraine in 2022.",)),
             PairsItem("3", "Paris is in France.", ("Kyiv is a city.",))]
    classifier = TableClassifier({("Russia invaded Ukraine in 2022.", "Ukraine started the war."): C,
                                  ("Russia invaded Ukraine in 2022.", "Russia invaded Ukraine."): E})
    results = verify(items, HashingEmbedder(), ModelStance(SETTINGS, classifier), SETTINGS)
    assert [(r.id, r.label) for r in results] == [("1", Label.REFUTED), (2, Label.SUPPORTED), ("3", Label.UNVERIFIED)]
    first = results[0].to_json()
    assert first["evidence"] == [{"stance": "refutes", "confidence": 0.9}, {"stance": "neutral", "confidence": 0.95}]
    assert first["flagged"] is True and first["confidence"] == 0.9
    # dissimilar texts are read too: verify has no similarity floor
    assert ("Kyiv is a city.", "Paris is in France.") in classifier.asked


def test_verify_states_no_verdict_below_the_verdict_threshold():
    leaning = (0.1, 0.6, 0.3)
    item = PairsItem("1", "Ukraine started the war.", ("Russia invaded Ukraine in 2022.",))
    classifier = TableClassifier({("Russia invaded Ukraine in 2022.", "Ukraine started the war."): leaning})
    result = verify([item], HashingEmbedder(), ModelStance(SETTINGS, classifier), SETTINGS)[0]
    assert (result.label, result.flagged) == (Label.UNVERIFIED, True)
    lower = dataclasses.replace(SETTINGS, stance_verdict_threshold=0.55)
    assert verify([item], HashingEmbedder(), ModelStance(lower, classifier), lower)[0].label is Label.REFUTED


def test_parse_pairs_accepts_string_and_integer_ids_and_skips_blank_lines():
    text = '{"id": "a", "claim": " C ", "evidence": ["e1", "e2"]}\n\n{"id": 7, "claim": "D", "evidence": []}\n'
    assert parse_pairs(text, "f.jsonl") == [PairsItem("a", "C", ("e1", "e2")), PairsItem(7, "D", ())]


@pytest.mark.parametrize("line, message", [
    ("not json", "f.jsonl:2: not valid JSON"),
    ('["a"]', "f.jsonl:2: expected an object"),
    ('{"claim": "c", "evidence": []}', '"id" must be'),
    ('{"id": true, "claim": "c", "evidence": []}', '"id" must be'),
    ('{"id": "b", "claim": "  ", "evidence": []}', '"claim" must be'),
    ('{"id": "b", "claim": "c", "evidence": "e"}', '"evidence" must be a list'),
    ('{"id": "b", "claim": "c", "evidence": ["", "e"]}', '"evidence" must be a list'),
    ('{"id": "a", "claim": "c", "evidence": []}', "id 'a' appears twice"),
])
def test_parse_pairs_names_file_and_line_of_each_fault(line, message):
    good = '{"id": "a", "claim": "c", "evidence": ["e"]}'
    with pytest.raises(InputError, match=message.replace("(", r"\(")):
        parse_pairs(f"{good}\n{line}\n", "f.jsonl")


def test_parse_pairs_refuses_an_empty_file():
    with pytest.raises(InputError, match="no claims"):
        parse_pairs("\n\n", "empty.jsonl")
