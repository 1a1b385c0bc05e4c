"""ModelCheckedStance (the pipeline's stance stage): label transfer with the stance model's
veto, with a tiny deterministic pair classifier standing in for the trained cross-encoder."""

from __future__ import annotations

import dataclasses

from checker.records import CorpusLabel, Label, Stance, Verdict
from checker.stance import LabelTransferStance, ModelCheckedStance
from checker.verdict import decide
from tests.conftest import make_claim
from tests.test_model_stance import SETTINGS, TableClassifier, hit

E, C, N = (0.9, 0.05, 0.05), (0.05, 0.9, 0.05), (0.05, 0.05, 0.9)
WEAK_C = (0.3, 0.6, 0.1)  # below SETTINGS.stance_verdict_threshold (0.7)
VETO_ONLY = dataclasses.replace(SETTINGS, stance_refutes_from_true=False)


def assess(table, claim, hits, settings=SETTINGS):
    classifier = TableClassifier(table)
    return ModelCheckedStance(settings, classifier).assess(claim, hits), classifier.asked


def both_ways(first, second, probabilities):
    return {(first, second): probabilities, (second, first): probabilities}


def verdict(claim_text, evidence) -> Verdict:
    return decide(make_claim(claim_text), evidence, SETTINGS)


def test_the_label_is_passed_on_as_label_transfer_does_when_the_model_does_not_object():
    claim, entry_text = "Ukraine hat den Krieg begonnen.", "Ukraine started the war."
    hits = [hit(entry_text, CorpusLabel.FALSE, 0.93)]  # a weak match: the model is asked whether it is the same
    for probabilities in (E, (0.45, 0.3, 0.25)):  # entails; entails barely, beside a weak contradiction
        found, asked = assess(both_ways(claim, entry_text, probabilities), claim, hits)
        assert found == LabelTransferStance(SETTINGS).assess(claim, hits)
        assert set(asked) == {(claim, entry_text), (entry_text, claim)}  # read both ways round
    one_way = {(claim, entry_text): (0.45, 0.05, 0.5), (entry_text, claim): N}  # entailment read one way suffices
    assert assess(one_way, claim, hits)[0] == LabelTransferStance(SETTINGS).assess(claim, hits)


def test_with_the_veto_only_an_antonym_of_a_true_entry_is_not_supported_but_left_for_a_reviewer():
    claim = "Das Parlament hat das Abkommen am 8. Mai 2025 abgelehnt."
    entry_text = "Das Parlament hat das Abkommen am 8. Mai 2025 ratifiziert."
    found, _ = assess(both_ways(claim, entry_text, C), claim, [hit(entry_text, CorpusLabel.TRUE, 0.97)], VETO_ONLY)
    assert found[0].stance is Stance.NEUTRAL and "reads the opposite" in found[0].note
    result = verdict(claim, found)
    assert result.label is Label.UNVERIFIED and result.flagged
    assert "closest entry is a near match rated true, but the stance model reads the opposite — a reviewer should " \
           "compare them" in result.explanation


def test_a_contradiction_read_only_one_way_round_is_no_veto():
    # "the war" vs "the war with Russia": the longer text is not entailed by the shorter one
    claim, entry_text = "Selenskyj hat den Ukraine-Krieg begonnen.", "Selenskyj hat den Krieg mit Russland begonnen."
    found, _ = assess({(claim, entry_text): C, (entry_text, claim): E}, claim,
                      [hit(entry_text, CorpusLabel.FALSE, 0.97)])
    assert found[0].stance is Stance.REFUTES
    assert verdict(claim, found).label is Label.REFUTED


def test_a_negation_is_turned_round_unless_the_model_reads_the_same():
    claim, entry_text = "Selenskyj hat den Krieg nicht begonnen.", "Selenskyj hat den Krieg begonnen."
    hits = [hit(entry_text, CorpusLabel.FALSE, 0.96)]
    found, _ = assess(both_ways(claim, entry_text, C), claim, hits)
    assert found[0].stance is Stance.SUPPORTS and found[0].note == "negates a claim rated false"
    found, _ = assess(both_ways(claim, entry_text, E), claim, hits)
    assert found[0].stance is Stance.NEUTRAL and "reads them as saying the same" in found[0].note


def test_a_weak_match_the_model_does_not_read_as_the_same_claim_passes_no_label_and_silences_nothing():
    claim = "Das ukrainische Parlament hat das Rohstoffabkommen mit den USA nicht ratifiziert."
    unrelated = "Die Ukraine war zu den Gesprächen zwischen den USA und Russland nicht eingeladen."
    ratified = "Das ukrainische Parlament hat das Rohstoffabkommen am 8. Mai 2025 ratifiziert."
    table = {**both_ways(claim, unrelated, N), **both_ways(claim, ratified, C)}
    found, _ = assess(table, claim, [hit(unrelated, CorpusLabel.TRUE, 0.93), hit(ratified, CorpusLabel.TRUE, 0.94)])
    assert found[0].stance is Stance.REFUTES and found[0].note == "negates a claim rated true"
    assert found[1].stance is Stance.NEUTRAL
    assert "does not read them as the same claim" in found[1].note
    # the same for a negation: the model must read some contradiction to turn a label round
    found, _ = assess(both_ways(claim, ratified, N), claim, [hit(ratified, CorpusLabel.TRUE, 0.94)])
    assert found[0].stance is Stance.NEUTRAL and "does not read them as the same claim" in found[0].note


def test_a_very_close_or_cross_lingual_match_needs_no_entailment_read_by_the_model():
    # the model misses entailment often; e5 is sure of a match this close, and across
    # languages both the cosine and the model's reading run lower
    claim, entry_text = "Selenskyj hat Truth Social in der Ukraine verboten.", "Zelensky banned Truth Social in Ukraine."
    for close in (hit(entry_text, CorpusLabel.FALSE, 0.96),
                  dataclasses.replace(hit(entry_text, CorpusLabel.FALSE, 0.92), cross_lingual=True)):
        found, _ = assess(both_ways(claim, entry_text, N), claim, [close])
        assert found[0].stance is Stance.REFUTES and found[0].note == "same claim, rated false"


def test_a_veto_silences_less_similar_entries_that_say_the_opposite():
    claim = "Selenskyjs Zustimmungswerte liegen bei vier Prozent."
    closest, farther = "Selenskyjs Zustimmung liegt bei nur vier Prozent.", "Selenskyj nannte die vier Prozent eine Lüge."
    found, _ = assess({**both_ways(claim, closest, C), **both_ways(claim, farther, E)}, claim,
                      [hit(farther, CorpusLabel.TRUE, 0.92), hit(closest, CorpusLabel.FALSE, 0.96)])
    assert [item.entry.text for item in found] == [closest, farther]
    assert all(item.stance is Stance.NEUTRAL for item in found)
    assert "a closer entry that says otherwise is in doubt" in found[1].note
    assert verdict(claim, found).label is Label.UNVERIFIED


def test_a_farther_entry_that_agrees_with_the_vetoed_one_keeps_its_own_stance():
    # the German entry is vetoed (a wrong reading of "verboten" vs "sperren lassen"); the
    # English one, read on its own, is not, and still refutes the claim
    claim = "Selenskyj hat Truth Social in der Ukraine verboten."
    closest, farther = "Selenskyj hat Truth Social in der Ukraine sperren lassen.", "Zelensky banned Truth Social."
    found, _ = assess({**both_ways(claim, closest, C), **both_ways(claim, farther, E)}, claim,
                      [hit(closest, CorpusLabel.FALSE, 0.97), hit(farther, CorpusLabel.FALSE, 0.93)])
    assert found[0].stance is Stance.NEUTRAL and found[1].stance is Stance.REFUTES
    assert verdict(claim, found).label is Label.REFUTED


def test_a_more_similar_entry_keeps_its_verdict_when_a_farther_one_is_vetoed():
    claim, closest, farther = "Russland hat 2022 die Ukraine angegriffen.", "Russland griff 2022 die Ukraine an.", "X"
    found, _ = assess({**both_ways(claim, farther, C), **both_ways(claim, closest, E)}, claim,
                      [hit(closest, CorpusLabel.TRUE, 0.97), hit(farther, CorpusLabel.TRUE, 0.93)], VETO_ONLY)
    assert found[0].stance is Stance.SUPPORTS and found[1].stance is Stance.NEUTRAL


def test_entries_that_only_share_a_topic_are_never_read_by_the_model():
    claim = "Die Ukrainer versuchen weiterhin, den Entwurf zu ändern."
    topic = "Trump will weitere US-Hilfen an Seltene Erden knüpfen."
    numbers = "Die Ukraine soll 50 Prozent der Einnahmen abgeben."
    hits = [hit(topic, CorpusLabel.TRUE, 0.88), hit(numbers, CorpusLabel.TRUE, 0.95)]
    found, asked = assess(both_ways(claim, topic, C), claim + " 30 Prozent", hits)
    assert all(topic not in pair for pair in asked) and all(item.stance is Stance.NEUTRAL for item in found)
    # with the veto only, an entry whose numbers differ has no label to hold back: not read either
    found, asked = assess(both_ways(claim, topic, C), claim + " 30 Prozent", hits, VETO_ONLY)
    assert asked == [] and all(item.stance is Stance.NEUTRAL for item in found)


def test_a_changed_date_of_a_true_entry_is_refuted_when_each_contradicts_the_other():
    claim = "Russland hat die Ukraine im Februar 2023 überfallen."
    entry_text = "Russland hat die Ukraine am 24. Februar 2022 überfallen."
    hits = [hit(entry_text, CorpusLabel.TRUE, 0.96)]
    found, _ = assess(both_ways(claim, entry_text, C), claim, hits)
    assert found[0].stance is Stance.REFUTES and found[0].stance_confidence == 0.9
    result = verdict(claim, found)
    assert result.label is Label.REFUTED and result.flagged
    assert "contradicting this entry, rated true" in result.explanation
    # read as a contradiction only one way round: a difference in detail, not a refutation
    found, _ = assess({(claim, entry_text): C, (entry_text, claim): N}, claim, hits)
    assert found[0].stance is Stance.NEUTRAL
    # with the veto only: numbers differ, so the entry says nothing, and the model is not asked
    found, asked = assess(both_ways(claim, entry_text, C), claim, hits, VETO_ONLY)
    assert found[0].stance is Stance.NEUTRAL and asked == []


def test_no_refutation_from_a_true_entry_while_the_model_also_reads_entailment():
    # a passive paraphrase the model reads as contradicting (0.6) beside entailing (0.35)
    claim = "Trumps Forderung wurde von Scholz als egoistisch kritisiert."
    entry_text = "Scholz nannte Trumps Forderung egoistisch."
    settings = dataclasses.replace(SETTINGS, stance_verdict_threshold=0.5, stance_flag_threshold=0.3)
    hits = [hit(entry_text, CorpusLabel.TRUE, 0.97)]
    found, _ = assess(both_ways(claim, entry_text, (0.35, 0.6, 0.05)), claim, hits, settings)
    assert found[0].stance is not Stance.REFUTES
    found, _ = assess(both_ways(claim, entry_text, (0.25, 0.6, 0.15)), claim, hits, settings)
    assert found[0].stance is Stance.REFUTES  # no entailment read at the flag threshold


def test_an_antonym_of_a_true_entry_is_refuted_instead_of_vetoed():
    claim = "Das Parlament hat das Abkommen am 8. Mai 2025 abgelehnt."
    entry_text = "Das Parlament hat das Abkommen am 8. Mai 2025 ratifiziert."
    found, _ = assess(both_ways(claim, entry_text, C), claim, [hit(entry_text, CorpusLabel.TRUE, 0.97)])
    assert found[0].stance is Stance.REFUTES
    assert verdict(claim, found).label is Label.REFUTED


def test_the_model_never_refutes_from_false_entries_or_from_entries_on_the_same_topic():
    claim = "Russland hat die Ukraine im Februar 2023 überfallen."
    false_entry, topic = "Die Ukraine hat Russland 2014 überfallen.", "Russland hat 2023 Sanktionen verhängt."
    found, asked = assess({**both_ways(claim, false_entry, C), **both_ways(claim, topic, C)}, claim,
                                   [hit(false_entry, CorpusLabel.FALSE, 0.95), hit(topic, CorpusLabel.TRUE, 0.88)])
    assert asked == [] and all(item.stance is Stance.NEUTRAL for item in found)
    assert verdict(claim, found).label is Label.UNVERIFIED


def test_the_model_never_refutes_a_negated_claim_about_another_actor():
    # "Ukraine did not start the war" and the true "Russia started the war" agree
    claim, entry_text = "Die Ukraine hat den Krieg mit Russland nicht angefangen.", "Russland hat den Krieg begonnen."
    found, _ = assess(both_ways(claim, entry_text, C), claim, [hit(entry_text, CorpusLabel.TRUE, 0.93)])
    assert found[0].stance is Stance.NEUTRAL
