"""The generated contrast pairs (bench/stance_contrast.py) that train the stance model:
their labels must be right, since a mislabelled kind of pair teaches the model a wrong rule
(the shipped model's first generator called "25 April 1995" / "in 1995" a contradiction)."""

from __future__ import annotations

import json
import random
import re

import pytest

from tests.conftest import REPO, load_bench_script

contrast = load_bench_script("stance_contrast")


@pytest.fixture(scope="module")
def examples():
    return contrast.generate()


def test_a_wrong_date_never_agrees_at_the_precision_it_is_said():
    rng = random.Random(0)
    for _ in range(2000):
        date = contrast.random_date(rng)
        assert contrast.wrong_when(rng, date) not in (date.month_only(), date.year_only())


def test_a_claim_without_a_time_keeps_the_rest_of_the_sentence():
    assert contrast.undated(contrast.Text("{T} griff {a} {b} an.", "{T}, {a} launched an attack on {b}.")) == \
        contrast.Text("{a} griff {b} an.", "{a} launched an attack on {b}.")
    assert contrast.undated(contrast.Text("{a} hat {b} {t} angegriffen.", "{a} attacked {b} {t}.")) == \
        contrast.Text("{a} hat {b} {t} angegriffen.", "{a} attacked {b} {t}.")  # {t} is filled with ""
    filled = contrast.fill(contrast.Text("{a} hat {b} {t} angegriffen.", "{a} attacked {b} {t}."),
                           ("Russland", "Russia"), ("Polen", "Poland"), contrast.UNDATED)
    assert filled == contrast.Text("Russland hat Polen angegriffen.", "Russia attacked Poland.")


def test_every_generated_sentence_is_filled_completely(examples):
    for example in examples:
        for sentence in (example.premise, example.hypothesis):
            assert "{" not in sentence and "  " not in sentence and " ." not in sentence, sentence
            assert sentence[:1].isupper() or sentence[:1].isdigit(), sentence


def test_an_invasion_entails_an_attack_and_not_the_reverse():
    rng = random.Random(3)
    pairs = [pair for _ in range(20) for pair in contrast.relations(rng)]
    # only the broader-relation pairs mix the two relations, and both name the same two countries
    invaded = [p for p in pairs if "invad" in p.evidence.en and "attack" in p.claim.en
               and _parties(p.evidence.en) == _parties(p.claim.en)]
    attacked = [p for p in pairs if "attack" in p.evidence.en and "invad" in p.claim.en
                and _parties(p.evidence.en) == _parties(p.claim.en)]
    assert invaded and attacked
    assert {p.target for p in invaded} == {contrast.ENTAILS}
    assert {p.target for p in attacked} == {contrast.NEUTRAL}


def _parties(sentence: str) -> set[str]:
    return {en for _, en in contrast.COUNTRIES if en in sentence}


def test_the_set_is_the_same_on_every_run_and_keeps_its_share_of_training(examples):
    again = contrast.generate()
    assert [(e.premise, e.hypothesis, e.target) for e in examples] == \
        [(e.premise, e.hypothesis, e.target) for e in again]
    assert {e.target for e in examples} == {contrast.ENTAILS, contrast.CONTRADICTS, contrast.NEUTRAL}
    assert sum(e.weight for e in examples if not e.dev) == pytest.approx(contrast.TOTAL_WEIGHT)
    assert 0 < sum(e.dev for e in examples) < len(examples) / 5


def test_no_generated_sentence_is_a_probe(examples):
    """The probe set measures what the generator teaches; it must not be taught it verbatim."""
    probes = [json.loads(line) for line in (REPO / "bench" / "data" / "stance_probes.jsonl").open(encoding="utf-8")]
    probe_sentences = {_normal(p[key]) for p in probes for key in ("claim", "evidence")}
    generated = {_normal(s) for e in examples for s in (e.premise, e.hypothesis)}
    assert not probe_sentences & generated


def _normal(sentence: str) -> str:
    return re.sub(r"\W+", " ", sentence).strip().lower()
