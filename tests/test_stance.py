import pytest

from checker.config import Settings
from checker.records import CorpusLabel, Hit, Stance
from checker.stance import LabelTransferStance, is_negated, leading_actors, numbers_in
from tests.conftest import entry

SETTINGS = Settings(match_threshold=0.88, related_threshold=0.80)


def assess(claim, text, label, similarity):
    return LabelTransferStance(SETTINGS).assess(claim, [Hit(entry(text, label), similarity, 1.0)])


@pytest.mark.parametrize("text, negated", [
    ("Selenskyj hat den Krieg begonnen.", False),
    ("Selenskyj hat den Krieg nicht begonnen.", True),
    ("Die Ukraine hat keinen Krieg begonnen.", True),
    ("Ukraine didn't start the war.", True),
    ("Ukraine never started the war.", True),
    ("Es ist nicht wahr, dass er nicht kam.", False),
    ("Nicht nur die USA verhandeln.", False),
    ("Not only the US is negotiating.", False),
    ("Nothing was signed.", True),
    ("Das Video belegt keineswegs Missbrauchsvorwürfe.", True),
    ("Nirgendwo ist Strom so teuer wie in Deutschland.", False),  # a superlative, not a denial
    # several cues deny several things
    ("Zelensky never blocked Truth Social, which had never launched in Ukraine.", True),
    ("Es gibt keine globale Erwärmung und keinen Klimawandel.", True),
    ("Neither of the yachts had been sold, nor had either been bought.", True),
    # a denying frame turns the clause after it round
    ("It is not true that Ukraine started the war.", True),
    ("Es ist nicht richtig, dass die Ukraine keine Wahlen abhält.", False),
])
def test_negation_cues(text, negated):
    assert is_negated(text) is negated


def test_numbers_are_normalised():
    assert numbers_in("500 Milliarden, 1.000 Dollar, 1,000 dollars, 24. Februar 2022") == {"500", "1000", "24", "2022"}


def test_same_claim_takes_the_entry_label():
    [evidence] = assess("Selenskyj hat den Krieg begonnen.", "Zelensky started the war.", CorpusLabel.FALSE, 0.95)
    assert evidence.stance is Stance.REFUTES and evidence.stance_confidence > 0.8


def test_negated_claim_turns_a_false_label_round_at_lower_confidence():
    [same] = assess("Selenskyj hat den Krieg begonnen.", "Zelensky started the war.", CorpusLabel.FALSE, 0.93)
    [negated] = assess("Selenskyj hat den Krieg nicht begonnen.", "Zelensky started the war.", CorpusLabel.FALSE, 0.93)
    assert negated.stance is Stance.SUPPORTS
    assert negated.stance_confidence < same.stance_confidence
    assert "negates" in negated.note


def test_negated_true_entry_refutes_and_misleading_negation_settles_nothing():
    [refutes] = assess("Russia did not invade Ukraine.", "Russia invaded Ukraine.", CorpusLabel.TRUE, 0.95)
    assert refutes.stance is Stance.REFUTES
    [neutral] = assess("The deal is not worth much.", "The deal is worth much.", CorpusLabel.MISLEADING, 0.95)
    assert neutral.stance is Stance.NEUTRAL
    [mixed] = assess("The deal is worth much.", "The deal is worth much.", CorpusLabel.MISLEADING, 0.95)
    assert mixed.stance is Stance.MIXED


def test_topic_neighbours_are_neutral_and_distant_entries_dropped():
    [near] = assess("The deal was signed.", "The deal is almost done.", CorpusLabel.FALSE, 0.85)
    assert near.stance is Stance.NEUTRAL and near.stance_confidence == 0.0
    assert assess("The deal was signed.", "Vaccines cause autism.", CorpusLabel.FALSE, 0.75) == []


def test_different_numbers_are_not_the_same_claim():
    [evidence] = assess("The US gave 350 billion dollars.", "The US gave 120 billion dollars.", CorpusLabel.TRUE, 0.97)
    assert evidence.stance is Stance.NEUTRAL and "numbers" in evidence.note


def test_unrated_entry_is_neutral():
    [evidence] = assess("X happened.", "X happened.", None, 0.99)
    assert evidence.stance is Stance.NEUTRAL and "no rating" in evidence.note


@pytest.mark.parametrize("text, actors", [
    ("Die Ukraine hat den Krieg begonnen.", {"ukraine"}),
    ("Selenskyj hat den Ukraine-Krieg begonnen.", {"zelensky"}),
    ("The US gave Ukraine 174 billion dollars.", {"usa"}),
    ("U.S. Treasury Secretary Scott Bessent went to Kyiv.", {"usa"}),
    ("Let us see what Russia does.", {"russia"}),
    ("Der Kreml bestreitet das.", {"russia"}),
    ("Es regnet.", set()),
    # adjectives and genitives name their country; a people does not
    ("Das ukrainische Parlament hat das Abkommen ratifiziert.", {"ukraine"}),
    ("The Russian army withdrew.", {"russia"}),
    ("Selenskyjs Zustimmungswerte sinken.", {"zelensky"}),
    ("65 Prozent der Ukrainer bekommen Bürgergeld, sagt Deutschland.", {"germany"}),
    ("Was euer Problem ist, weiß ich nicht.", set()),
    # an actor inside a prepositional phrase is not the subject
    ("Drei Tage vor dem Angriff auf die Ukraine erkannte Russland die Volksrepubliken an.", {"russia"}),
    ("Three days before invading Ukraine, Russia recognised the people's republics.", {"russia"}),
    ("Zu den Gesprächen zwischen den USA und Russland war die Ukraine nicht eingeladen.", {"ukraine"}),
    ("Nach dem Telefonat mit US-Präsident Trump kündigte Putin Gespräche an.", {"putin"}),
    ("After a meeting with Joe Biden in Washington, Zelensky flew on to Ottawa.", {"zelensky"}),
    ("In der Ukraine gilt seit Beginn des russischen Angriffs das Kriegsrecht.", set()),
    ("Let us talk about Russia.", set()),
    # the agent of a passive sentence
    ("Die Ukraine wurde am 24. Februar 2022 von Russland überfallen.", {"russia"}),
    ("Ukraine was invaded by Russia.", {"russia"}),
    ("Die USA werden von der Ukraine die Hälfte der Einnahmen bekommen.", {"usa"}),  # future, not passive
    # actors named together
    ("Against the wishes of Kyiv, Washington and Moscow met in Riyadh.", {"usa", "russia"}),
    ("Ukraine's independence was guaranteed by Russia, the US and the UK.", {"usa", "russia"}),
])
def test_leading_actors(text, actors):
    assert leading_actors(text) == actors


def test_swapped_actor_is_not_the_same_claim():
    [evidence] = assess("Russia started the war.", "Ukraine started the war with Russia.", CorpusLabel.FALSE, 0.95)
    assert evidence.stance is Stance.NEUTRAL and evidence.note == "same topic, different actor (russia vs ukraine)"
    [same] = assess("Kiew hat den Krieg begonnen.", "Ukraine started the war with Russia.", CorpusLabel.FALSE, 0.95)
    assert same.stance is Stance.REFUTES


def test_a_negated_near_match_is_not_turned_round_but_left_to_a_reviewer():
    [evidence] = assess("Der Entwurf sieht keine Verpflichtungen für Amerikaner vor.",
                        "Der Entwurf enthielt nur Verpflichtungen der Ukraine.", CorpusLabel.TRUE, 0.90)
    assert evidence.stance is Stance.NEUTRAL and "negated" in evidence.note
