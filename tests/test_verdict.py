from checker.config import Settings
from checker.records import CorpusLabel, Evidence, Label, Stance
from checker.verdict import decide
from tests.conftest import REPORTED_BY_TRUMP, entry, make_claim

SETTINGS = Settings(match_threshold=0.88, related_threshold=0.80, review_below_confidence=0.75,
                    stance_verdict_threshold=0.7)


def evidence(stance, similarity, confidence=0.9, text="Zelensky started the war.", label=CorpusLabel.FALSE, **fields):
    return Evidence(entry(text, label, **fields), similarity, stance, confidence, "same claim, rated false")


def test_refuting_match_gives_a_flagged_refuted_verdict_with_source():
    claim = make_claim("Selenskyj hat den Krieg begonnen.", language="de")
    verdict = decide(claim, [evidence(Stance.REFUTES, 0.94, rating="False", publisher="PolitiFact")], SETTINGS)
    assert verdict.label is Label.REFUTED and verdict.confidence == 0.9 and verdict.flagged
    assert verdict.explanation == ("Claim: refuted — same claim, rated false: “Zelensky started the war.” "
                                   "(rated “False” by PolitiFact).")


def test_confident_support_is_not_flagged_but_weak_support_is_and_too_weak_states_nothing():
    claim = make_claim("Russia invaded Ukraine in 2022.")
    strong = decide(claim, [evidence(Stance.SUPPORTS, 0.95, 0.9, label=CorpusLabel.TRUE)], SETTINGS)
    weak = decide(claim, [evidence(Stance.SUPPORTS, 0.95, 0.72, label=CorpusLabel.TRUE)], SETTINGS)
    too_weak = decide(claim, [evidence(Stance.SUPPORTS, 0.95, 0.6, label=CorpusLabel.TRUE)], SETTINGS)
    assert SETTINGS.stance_verdict_threshold == 0.7 and SETTINGS.review_below_confidence == 0.75
    assert (strong.label, strong.flagged) == (Label.SUPPORTED, False)
    assert (weak.label, weak.flagged) == (Label.SUPPORTED, True)
    assert (too_weak.label, too_weak.flagged) == (Label.UNVERIFIED, True)
    assert "unverified, possibly supported" in too_weak.explanation


def test_misleading_is_flagged():
    verdict = decide(make_claim("x"), [evidence(Stance.MIXED, 0.95, label=CorpusLabel.MISLEADING)], SETTINGS)
    assert verdict.label is Label.MISLEADING and verdict.flagged


def test_the_most_confident_deciding_entry_wins_and_neutral_ones_do_not_decide():
    items = [evidence(Stance.NEUTRAL, 0.97, 0.99), evidence(Stance.SUPPORTS, 0.89, 0.95, label=CorpusLabel.TRUE),
             evidence(Stance.REFUTES, 0.93, 0.8)]
    assert decide(make_claim("x"), items, SETTINGS).label is Label.SUPPORTED


def test_near_tie_between_opposite_stances_is_unverified_and_flagged():
    items = [evidence(Stance.REFUTES, 0.930), evidence(Stance.SUPPORTS, 0.925, label=CorpusLabel.TRUE, text="B")]
    verdict = decide(make_claim("x"), items, SETTINGS)
    assert (verdict.label, verdict.flagged) == (Label.UNVERIFIED, True)
    assert "conflicting" in verdict.explanation


def test_only_topic_neighbours_is_unverified_flagged_with_confidence_from_the_gap():
    close = decide(make_claim("x"), [evidence(Stance.NEUTRAL, 0.87, 0.0)], SETTINGS)
    far = decide(make_claim("x"), [evidence(Stance.NEUTRAL, 0.80, 0.0)], SETTINGS)
    assert close.label is far.label is Label.UNVERIFIED
    assert close.flagged and far.flagged
    assert close.confidence < far.confidence


def test_nothing_related_is_unverified_and_not_flagged_unless_the_author_calls_it_false():
    plain = decide(make_claim("The sky is green."), [], SETTINGS)
    assert (plain.label, plain.flagged) == (Label.UNVERIFIED, False)
    assert plain.explanation == "Claim: unverified — no related entry in the reference corpus."
    reported = make_claim("Trump beschuldigte Selenskyj fälschlicherweise, den Krieg begonnen zu haben.",
                          checked="Selenskyj hat den Krieg begonnen.", attribution=REPORTED_BY_TRUMP)
    verdict = decide(reported, [], SETTINGS)
    assert verdict.flagged and "The article itself calls this claim false." in verdict.explanation
    assert verdict.explanation.startswith("Claim reported from Trump (“Selenskyj hat den Krieg begonnen.”)")


def test_confidence_is_in_range_for_every_label():
    for items in ([], [evidence(Stance.REFUTES, 0.99, 1.0)], [evidence(Stance.NEUTRAL, 0.5, 0.0)]):
        assert 0.0 <= decide(make_claim("x"), items, SETTINGS).confidence <= 1.0
