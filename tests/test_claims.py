"""The claims stage: attribution (asserted / reported, speaker, the author's flag, the
proposition), check-worthiness and sentence kinds, on hand-built Sentence records."""

from __future__ import annotations

import pytest

from checker.attribution import find_attribution
from checker.claims import FeatureScorer, analyse_sentences
from checker.config import Settings
from checker.records import ASSERTED, AttributionType, Layout, Sentence, SentenceKind


def sentence(text: str, language: str = "de", layout: Layout = Layout.TEXT, id: int = 0) -> Sentence:
    return Sentence(id=id, text=text, start=0, end=len(text), layout=layout, language=language)


class RecordingScorer:
    """A deterministic fake behind the CheckworthinessScorer protocol: scores by a table and
    remembers what it was asked."""

    def __init__(self, scores: dict[str, float], default: float = 0.9) -> None:
        self.scores = scores
        self.default = default
        self.calls: list[tuple[list[str], list[str]]] = []

    def score(self, texts: list[str], languages: list[str]) -> list[float]:
        self.calls.append((list(texts), list(languages)))
        return [self.scores.get(text, self.default) for text in texts]


# ------------------------------------------------------------------ the motivating article

TRUMP_DE = (
    "Trump beschuldigte Selenskyj fälschlicherweise, den Ukraine-Krieg begonnen zu haben, "
    "während der ukrainische Führer konterte und sagte, der US-Präsident lebe in einem "
    "„Desinformationsraum“."
)
SOURCE_DE = (
    "Der Quelle zufolge handle es sich um ein „seltsames Angebot, das aus einem "
    "kriegsgeplagten Land mehr herausholen möchte, als es für dessen Verteidigung kostet.“"
)
NOT_INVITED_DE = (
    "Die Ukraine wurde nicht zu den Gesprächen zwischen den USA und Russland in "
    "Saudi-Arabien eingeladen."
)
SYBIHA_DE = (
    "Am Samstag teilte der ukrainische Außenminister Andrii Sybiha mit, dass er mit dem "
    "US-Außenminister Marco Rubio gesprochen habe, um den ergebnisorientierten "
    "Ukraine-US-Dialog fortzusetzen."
)
URL = "https://www.cnn.com/2025/02/21/politics/trump-ukraine-mineral-deal-analysis/index.html"


def test_trump_accusation_is_reported_false_claim_with_rebuilt_proposition():
    attribution, checked = find_attribution(sentence(TRUMP_DE))
    assert attribution.type is AttributionType.REPORTED
    assert attribution.speaker == "Trump"
    assert attribution.cue == "beschuldigte"
    assert attribution.marked_false_by_author is True
    assert checked == "Selenskyj hat den Ukraine-Krieg begonnen."


def test_source_zufolge_is_reported_with_the_source_as_speaker():
    attribution, checked = find_attribution(sentence(SOURCE_DE))
    assert attribution.type is AttributionType.REPORTED
    assert attribution.speaker == "die Quelle"
    assert attribution.cue == "zufolge"
    assert attribution.marked_false_by_author is False
    assert checked == (
        "Es handelt sich um ein seltsames Angebot, das aus einem kriegsgeplagten Land mehr "
        "herausholen möchte, als es für dessen Verteidigung kostet."
    )


def test_not_invited_is_an_asserted_claim():
    claim, = analyse_sentences([sentence(NOT_INVITED_DE)], Settings())
    assert claim.attribution == ASSERTED
    assert claim.kind is SentenceKind.CLAIM
    assert claim.checked_text == NOT_INVITED_DE


def test_sybiha_is_reported_and_his_pronoun_resolved():
    attribution, checked = find_attribution(sentence(SYBIHA_DE))
    assert attribution.type is AttributionType.REPORTED
    assert attribution.speaker == "der ukrainische Außenminister Andrii Sybiha"
    assert "Andrii Sybiha" in attribution.speaker
    assert attribution.cue == "teilte … mit"
    assert checked == (
        "Der ukrainische Außenminister Andrii Sybiha hat mit dem US-Außenminister Marco Rubio "
        "gesprochen, um den ergebnisorientierten Ukraine-US-Dialog fortzusetzen."
    )


def test_article_headings_and_link():
    sentences = [
        sentence("US-Ukraine-Deal für Seltene Erden entspricht nicht Zelenskys Erwartungen", layout=Layout.HEADING, id=0),
        sentence("Ausschluss von Gesprächen und politische Spannungen", layout=Layout.HEADING, id=1),
        sentence(URL, layout=Layout.LINK, id=2),
        sentence(NOT_INVITED_DE, id=3),
    ]
    claims = analyse_sentences(sentences, Settings())
    assert [c.kind for c in claims] == [
        SentenceKind.HEADING, SentenceKind.HEADING, SentenceKind.OTHER, SentenceKind.CLAIM,
    ]
    assert claims[2].checkworthiness == 0.0
    assert claims[2].attribution == ASSERTED
    assert claims[2].checked_text == URL
    assert [c.sentence.id for c in claims] == [0, 1, 2, 3]


# ------------------------------------------------------------------ reported: German

REPORTED_DE = [
    # (sentence, speaker, cue, marked false by the author, checked text)
    (TRUMP_DE, "Trump", "beschuldigte", True, "Selenskyj hat den Ukraine-Krieg begonnen."),
    (
        "Trump beschuldigte den ukrainischen Präsidenten zu Unrecht, in Russland einmarschiert zu sein.",
        "Trump", "beschuldigte", True, "Der ukrainische Präsident ist in Russland einmarschiert.",
    ),
    (
        "Trump beschuldigte Selenskyj, die Wahlen abgesagt zu haben.",
        "Trump", "beschuldigte", False, "Selenskyj hat die Wahlen abgesagt.",
    ),
    (
        "Trump warf dem ukrainischen Präsidenten vor, ein Diktator zu sein.",
        "Trump", "warf … vor", False, "Der ukrainische Präsident ist ein Diktator.",
    ),
    (
        "Trump beschuldigte Selenskyj fälschlicherweise, den Krieg zu verlängern.",  # not rebuilt
        "Trump", "beschuldigte", True, "Trump beschuldigte Selenskyj fälschlicherweise, den Krieg zu verlängern.",
    ),
    (
        "Trump warf Selenskyj vor, dass er die Wahlen abgesagt habe.",
        "Trump", "warf … vor", False, "Selenskyj hat die Wahlen abgesagt.",
    ),
    ("X sagte, Y sei Z.", "X", "sagte", False, "Y ist Z."),
    ("Trump sagte, die Ukraine sei schuld am Krieg.", "Trump", "sagte", False, "Die Ukraine ist schuld am Krieg."),
    (
        "Der Kreml erklärte, die Truppen hätten sich zurückgezogen.",
        "der Kreml", "erklärte", False, "Die Truppen haben sich zurückgezogen.",
    ),
    (
        "Der Minister erklärte, er entspreche nicht den Erwartungen.",
        "der Minister", "erklärte", False, "Der Minister entspricht nicht den Erwartungen.",
    ),
    (
        "Trump behauptete wahrheitswidrig, die Ukraine habe den Krieg begonnen.",
        "Trump", "behauptete", True, "Die Ukraine hat den Krieg begonnen.",
    ),
    (
        "Trump behauptete ohne Belege, dass die Wahl gefälscht worden sei.",
        "Trump", "behauptete", True, "Die Wahl ist gefälscht worden.",
    ),
    (
        "Die Regierung betonte, die Grenzen seien offen.",
        "die Regierung", "betonte", False, "Die Grenzen sind offen.",
    ),
    (
        "Die Regierung teilte mit, dass die Inflation auf 2,1 Prozent gesunken sei.",
        "die Regierung", "teilte mit", False, "Die Inflation ist auf 2,1 Prozent gesunken.",
    ),
    (
        "Der US-Beamte erklärte, dass der Besuch von Kellogg „zu sehr guten Gesprächen geführt "
        "habe, um dies für den Präsidenten der Vereinigten Staaten zu sichern.“",
        "der US-Beamte", "erklärte", False,
        "Der Besuch von Kellogg hat zu sehr guten Gesprächen geführt, um dies für den "
        "Präsidenten der Vereinigten Staaten zu sichern.",
    ),
    (
        "Dies geschah, nachdem ein Beamter der ukrainischen Präsidialverwaltung dem ukrainischen "
        "Staatsfernsehen Suspline mitgeteilt hatte, dass am Samstag keine Unterzeichnung des "
        "Abkommens über seltene Erden stattfinden werde.",
        "ein Beamter der ukrainischen Präsidialverwaltung", "mitgeteilt", False,
        "Am Samstag wird keine Unterzeichnung des Abkommens über seltene Erden stattfinden.",
    ),
    (
        "Ein US-Beamter teilte zuvor CNN-Reporter Nick Paton Walsh mit, dass das Abkommen "
        "„fast fertig“ sei.",
        "ein US-Beamter", "teilte … mit", False, "Das Abkommen ist fast fertig.",
    ),
    (
        "Laut einer Quelle entspricht der Deal nicht den Erwartungen.",
        "eine Quelle", "laut", False, "Der Deal entspricht nicht den Erwartungen.",
    ),
    (
        "Ein Entwurf für ein Abkommen wird laut einer informierten Quelle „nicht die "
        "Zustimmung von Präsident Selenskyj finden“.",
        "eine informierte Quelle", "laut", False,
        "Ein Entwurf für ein Abkommen wird nicht die Zustimmung von Präsident Selenskyj finden.",
    ),
    ("Laut Trump hat die Ukraine den Krieg begonnen.", "Trump", "laut", False, "Die Ukraine hat den Krieg begonnen."),
    (
        "Dem Bericht zufolge stieg die Zahl der Opfer auf 120.",
        "der Bericht", "zufolge", False, "Die Zahl der Opfer stieg auf 120.",
    ),
    (
        "Nach Angaben des Ministeriums wurden 300 Soldaten getötet.",
        "Ministerium", "nach Angaben", False, "300 Soldaten wurden getötet.",
    ),
    (
        "Die Wahl ist nach Angaben von Beobachtern fair verlaufen.",
        "Beobachtern", "nach Angaben", False, "Die Wahl ist fair verlaufen.",
    ),
    (
        "Wie der Sprecher mitteilte, ist die Grenze geschlossen.",
        "der Sprecher", "wie … mitteilte", False, "Die Grenze ist geschlossen.",
    ),
    (
        "Der Entwurf sieht keine amerikanischen Verpflichtungen vor, wie die Quelle mitteilte.",
        "die Quelle", "wie … mitteilte", False, "Der Entwurf sieht keine amerikanischen Verpflichtungen vor.",
    ),
    ("Putin soll den Befehl gegeben haben.", None, "soll", False, "Putin hat den Befehl gegeben."),
    ("Der Minister hat angeblich Geld angenommen.", None, "angeblich", False, "Der Minister hat Geld angenommen."),
    ("Die Lage sei ernst, hieß es aus Regierungskreisen.", None, "hieß es", False, "Die Lage ist ernst."),
    (
        "Die Ukraine habe den Krieg begonnen, sagte Trump am Montag.",
        "Trump", "sagte", False, "Die Ukraine hat den Krieg begonnen.",
    ),
    ("Die Verhandlungen seien gescheitert.", None, "seien", False, "Die Verhandlungen sind gescheitert."),
    ("„Wir werden nicht aufgeben“, sagte Selenskyj am Montag.", "Selenskyj", "sagte", False, "Wir werden nicht aufgeben."),
    ("Selenskyj sagte: „Wir werden nicht aufgeben.“", "Selenskyj", "sagte", False, "Wir werden nicht aufgeben."),
    (
        "Der Sprecher sagte, dass die Ukraine nicht eingeladen wurde.",  # indicative "wurde" kept
        "der Sprecher", "sagte", False, "Die Ukraine wurde nicht eingeladen.",
    ),
    ("Trump sagte, er würde Putin treffen.", "Trump", "sagte", False, "Trump würde Putin treffen."),
    ("Trump sagte, es gäbe keine Einigung.", "Trump", "sagte", False, "Es gäbe keine Einigung."),
    (
        "Die Ukraine arbeite an einem Plan, sagte der Minister.",
        "der Minister", "sagte", False, "Die Ukraine arbeitet an einem Plan.",
    ),
    (
        "„Die Ukraine hat den Krieg begonnen“, behauptete Trump fälschlich.",
        "Trump", "behauptete", True, "Die Ukraine hat den Krieg begonnen.",
    ),
]


@pytest.mark.parametrize(("text", "speaker", "cue", "marked", "checked"), REPORTED_DE)
def test_reported_german(text, speaker, cue, marked, checked):
    attribution, checked_text = find_attribution(sentence(text, "de"))
    assert attribution.type is AttributionType.REPORTED
    assert attribution.speaker == speaker
    assert attribution.cue == cue
    assert attribution.marked_false_by_author is marked
    assert checked_text == checked


# ------------------------------------------------------------------ reported: English

REPORTED_EN = [
    ("Trump falsely accused Zelensky of starting the war.", "Trump", "accused", True, "Zelensky started the war."),
    (
        "Trump accused the Democrats of rigging the election.",
        "Trump", "accused", False, "The Democrats rigged the election.",
    ),
    ("Trump wrongly accused him of lying about the war.", "Trump", "accused", True, "He lied about the war."),
    (
        "Trump accused Zelensky of not paying the debt.",
        "Trump", "accused", False, "Zelensky did not pay the debt.",
    ),
    ("Trump falsely claimed that Ukraine started the war.", "Trump", "claimed", True, "Ukraine started the war."),
    (
        "Trump claimed that Ukraine did not defend itself.",
        "Trump", "claimed", False, "Ukraine did not defend itself.",
    ),
    (
        "Trump said Ukraine started the war, while Zelensky said Trump lives in a disinformation space.",
        "Trump", "said", False, "Ukraine started the war.",
    ),
    ("Trump said he would visit Kyiv.", "Trump", "said", False, "Trump will visit Kyiv."),
    ("On Monday, Trump said Ukraine started the war.", "Trump", "said", False, "Ukraine started the war."),
    (
        "Prime Minister Kelly said that the deal was signed.",  # a name ending in -ly stays
        "Prime Minister Kelly", "said", False, "The deal was signed.",
    ),
    (
        "Prices rose by 4 percent, the ministry said in a statement.",
        "the ministry", "said", False, "Prices rose by 4 percent.",
    ),
    (
        "The Kremlin said on Monday that troops had withdrawn from the border.",
        "the Kremlin", "said", False, "Troops withdrew from the border.",
    ),
    ("The study says unemployment rose to 5 percent.", "the study", "says", False, "Unemployment rose to 5 percent."),
    (
        "A source told CNN that the deal was almost done.",
        "a source", "told", False, "The deal was almost done.",
    ),
    (
        "On Saturday, Ukraine's foreign minister stated that talks had resumed.",
        "Ukraine's foreign minister", "stated", False, "Talks resumed.",
    ),
    (
        "Trump baselessly alleged that millions of votes were fraudulent.",
        "Trump", "alleged", True, "Millions of votes were fraudulent.",
    ),
    (
        "Trump claimed the election was stolen, without evidence.",
        "Trump", "claimed", True, "The election was stolen.",
    ),
    (
        "According to a source, the deal falls short of expectations.",
        "a source", "according to", False, "The deal falls short of expectations.",
    ),
    (
        "The deal falls short of expectations, according to a source.",
        "a source", "according to", False, "The deal falls short of expectations.",
    ),
    (
        "The report, according to officials, was leaked in March.",
        "officials", "according to", False, "The report was leaked in March.",
    ),
    (
        "The economy grew by 3 percent in 2023, the ministry said.",
        "the ministry", "said", False, "The economy grew by 3 percent in 2023.",
    ),
    ("Russia reportedly moved 10,000 troops to the border.", None, "reportedly", False, "Russia moved 10,000 troops to the border."),
    ("The minister allegedly accepted bribes.", None, "allegedly", False, "The minister accepted bribes."),
    (
        "Trump repeated the debunked claim that Ukraine started the war.",
        "Trump", "claim", True, "Ukraine started the war.",
    ),
    ('"We will not give up," Zelensky said.', "Zelensky", "said", False, "We will not give up."),
    ("“We will not give up,” said Zelensky.", "Zelensky", "said", False, "We will not give up."),
    ("Zelensky said: “We will not give up.”", "Zelensky", "said", False, "We will not give up."),
]


@pytest.mark.parametrize(("text", "speaker", "cue", "marked", "checked"), REPORTED_EN)
def test_reported_english(text, speaker, cue, marked, checked):
    attribution, checked_text = find_attribution(sentence(text, "en"))
    assert attribution.type is AttributionType.REPORTED
    assert attribution.speaker == speaker
    assert attribution.cue == cue
    assert attribution.marked_false_by_author is marked
    assert checked_text == checked


def test_a_bare_quotation_is_reported_without_speaker():
    text = "„Anlässlich des dritten Jahrestages habe ich den starken Willen der Ukraine unterstrichen.“"
    attribution, checked = find_attribution(sentence(text))
    assert (attribution.type, attribution.speaker, attribution.cue) == (
        AttributionType.REPORTED, None, "quotation marks",
    )
    assert checked == "Anlässlich des dritten Jahrestages habe ich den starken Willen der Ukraine unterstrichen."


# ------------------------------------------------------------------ asserted

ASSERTED_SENTENCES = [
    ("de", NOT_INVITED_DE),
    ("de", "Russland marschierte am 24. Februar 2022 in die Ukraine ein."),
    ("de", "Der Bericht des Ministeriums wurde am Montag veröffentlicht."),  # mentions a source
    ("de", "Die Experten betonten die Bedeutung der Verhandlungen."),  # cue verb, no clause
    ("de", "Die Regierung bestätigte den Bericht."),
    ("de", "Er sagte etwas, das er nicht meinte."),  # relative clause, not reported speech
    ("de", "Trump sagte am Montag in Washington, bevor er abreiste, nichts zu den Verhandlungen."),
    ("de", "Die Ukraine soll alles bereitstellen."),  # obligation, not hearsay
    ("de", "Es sei denn, die USA ändern ihre Position."),  # idiom, not Konjunktiv of report
    ("de", "Ich habe das Dokument gelesen."),  # indicative "habe"
    ("de", "Die USA versuchen, Zugang zu den Mineralien der Ukraine zu erhalten."),
    ("en", "The Kremlin has not commented on the report."),
    ("en", "The Kremlin has said nothing about the talks."),
    ("en", "The minister told reporters to leave."),
    ("en", "Biden said goodbye to his staff."),
    ("en", "NATO was founded in 1949."),
    ("en", "The report by the ministry was published on Monday."),
    ("fr", "Le président a dit que la guerre était finie."),  # no rules for French yet
]


@pytest.mark.parametrize(("language", "text"), ASSERTED_SENTENCES)
def test_asserted(language, text):
    assert find_attribution(sentence(text, language)) == (ASSERTED, text)


@pytest.mark.parametrize(
    "text",
    ["Er sagte, dass.", "sagte", "„“", "Laut", "zufolge", "According to", "said that", "soll haben",
     "angeblich", "allegedly", "Trump accused", "X sagte: „", "?", "…"],
)
@pytest.mark.parametrize("language", ["de", "en"])
def test_fragments_never_give_an_empty_checked_text(text, language):
    attribution, checked = find_attribution(sentence(text, language))
    assert checked.strip()
    if attribution.type is AttributionType.ASSERTED:
        assert checked == text


def test_whitespace_inside_a_sentence_is_normalised():
    attribution, checked = find_attribution(sentence("Trump  sagte,\ndie Ukraine sei schuld."))
    assert (attribution.speaker, checked) == ("Trump", "Die Ukraine ist schuld.")


# ------------------------------------------------------------------ check-worthiness


def scores(texts: list[str], language: str) -> list[float]:
    return FeatureScorer().score(texts, [language] * len(texts))


def test_factual_sentence_scores_well_above_opinion_and_greeting():
    invasion, opinion, greeting = scores(
        ["Russland marschierte am 24. Februar 2022 in die Ukraine ein.", "Ich finde das schade.", "Guten Morgen!"],
        "de",
    )
    assert invasion > 0.9
    assert opinion < 0.1 and greeting < 0.1
    assert invasion - max(opinion, greeting) > 0.8


@pytest.mark.parametrize(
    ("higher", "lower", "language"),
    [
        ("Die Inflation stieg 2022 auf 7,9 Prozent.", "Die Lage ist ernst.", "de"),
        ("Die NATO wurde 1949 gegründet.", "Vielleicht wird alles gut.", "de"),
        ("Der Vertrag wurde in Berlin unterzeichnet.", "Lesen Sie auch unseren Kommentar.", "de"),
        ("Unemployment rose to 5 percent in March.", "I think this is a shame.", "en"),
        ("Russia invaded Ukraine in February 2022.", "Russia might invade Ukraine.", "en"),
        ("More than 300 soldiers were killed.", "Thank you for reading!", "en"),
        ("Zelensky signed the decree on Monday.", "Did Zelensky sign the decree?", "en"),
    ],
)
def test_score_ordering(higher, lower, language):
    high, low = scores([higher, lower], language)
    assert high > low


def test_german_nouns_do_not_count_as_names_but_listed_names_and_acronyms_do():
    scorer = FeatureScorer()
    assert "name" not in scorer.explain("Die Regierung prüft den Antrag.", "de")
    assert "name" in scorer.explain("Die Regierung in Berlin prüft den Antrag.", "de")
    assert "name" in scorer.explain("Die EU prüft den Antrag.", "de")
    assert "name" in scorer.explain("The government in Ottawa reviews the request.", "en")


def test_scores_are_probabilities_for_any_text():
    texts = ["", "!", "1", "Guten Morgen!", "Russland marschierte am 24. Februar 2022 in die Ukraine ein." * 5]
    assert all(0.0 <= s <= 1.0 for s in scores(texts, "de"))


# ------------------------------------------------------------------ kinds and the scorer protocol


def test_kind_follows_the_threshold():
    sentences = [sentence("A.", id=0), sentence("B.", id=1), sentence("C.", id=2)]
    scorer = RecordingScorer({"A.": 0.5, "B.": 0.49, "C.": 0.9})
    kinds = [c.kind for c in analyse_sentences(sentences, Settings(checkworthiness_threshold=0.5), scorer)]
    assert kinds == [SentenceKind.CLAIM, SentenceKind.OTHER, SentenceKind.CLAIM]
    kinds = [c.kind for c in analyse_sentences(sentences, Settings(checkworthiness_threshold=0.95), scorer)]
    assert kinds == [SentenceKind.OTHER, SentenceKind.OTHER, SentenceKind.OTHER]


def test_questions_headings_and_links():
    sentences = [
        sentence("Hat die Ukraine den Krieg begonnen?", id=0),
        sentence("Who started the war?”", "en", id=1),
        sentence("Verhandlungen und Widerstand gegen das Abkommen", layout=Layout.HEADING, id=2),
        sentence(URL, "en", layout=Layout.LINK, id=3),
    ]
    claims = analyse_sentences(sentences, Settings(), RecordingScorer({}, default=1.0))
    assert [c.kind for c in claims] == [
        SentenceKind.QUESTION, SentenceKind.QUESTION, SentenceKind.HEADING, SentenceKind.OTHER,
    ]
    assert [c.checkworthiness for c in claims] == [1.0, 1.0, 1.0, 0.0]
    assert not any(c.needs_check for c in claims)


def test_scorer_is_asked_once_about_propositions_and_reported_sentences_never_about_links():
    sentences = [sentence(TRUMP_DE, id=0), sentence(URL, layout=Layout.LINK, id=1), sentence("Guten Morgen!", id=2)]
    scorer = RecordingScorer({})
    analyse_sentences(sentences, Settings(), scorer)
    assert scorer.calls == [(["Selenskyj hat den Ukraine-Krieg begonnen.", "Guten Morgen!", TRUMP_DE],
                             ["de", "de", "de"])]


def test_reported_claim_scores_the_higher_of_sentence_and_proposition():
    proposition = "Selenskyj hat den Ukraine-Krieg begonnen."
    for proposition_score, sentence_score in ((0.9, 0.2), (0.2, 0.9)):
        claim, = analyse_sentences([sentence(TRUMP_DE)], Settings(),
                                   RecordingScorer({proposition: proposition_score, TRUMP_DE: sentence_score}))
        assert claim.checked_text == proposition
        assert claim.checkworthiness == 0.9 and claim.kind is SentenceKind.CLAIM


def test_scores_are_clipped_to_the_unit_interval():
    sentences = [sentence("A.", id=0), sentence("B.", id=1)]
    claims = analyse_sentences(sentences, Settings(), RecordingScorer({"A.": 1.7, "B.": -0.2}))
    assert [c.checkworthiness for c in claims] == [1.0, 0.0]


def test_a_scorer_returning_the_wrong_number_of_scores_is_an_error():
    class ShortScorer:
        def score(self, texts: list[str], languages: list[str]) -> list[float]:
            return []

    with pytest.raises(ValueError, match="returned 0 scores for 1 texts"):
        analyse_sentences([sentence("A.")], Settings(), ShortScorer())


def test_no_sentences_no_claims():
    assert analyse_sentences([], Settings()) == []


def test_english_article_end_to_end():
    texts = [
        ("Trump falsely accused Zelensky of starting the war.", SentenceKind.CLAIM, True),
        ("Russia invaded Ukraine on 24 February 2022.", SentenceKind.CLAIM, False),
        ("I think this is a shame.", SentenceKind.OTHER, False),
    ]
    claims = analyse_sentences([sentence(t, "en", id=i) for i, (t, _, _) in enumerate(texts)], Settings())
    assert [c.kind for c in claims] == [kind for _, kind, _ in texts]
    assert [c.attribution.marked_false_by_author for c in claims] == [flag for _, _, flag in texts]
    assert claims[0].checked_text == "Zelensky started the war."


@pytest.mark.parametrize("text, language, speaker, checked", [
    ("Die Behauptung, der Klimawandel sei erfunden, ist nachweislich falsch.", "de", None,
     "Der Klimawandel ist erfunden."),
    ("Putins Darstellung, die NATO habe Russland angegriffen, ist frei erfunden.", "de", "Putin",
     "Die NATO hat Russland angegriffen."),
    ("The claim that the vaccine contains microchips has been debunked by several labs.", "en", None,
     "The vaccine contains microchips."),
    ("Musk's assertion that the election was rigged is false.", "en", "Musk", "The election was rigged."),
])
def test_a_claim_the_author_judges_false_after_stating_it(text, language, speaker, checked):
    attribution, proposition = find_attribution(sentence(text, language=language))
    assert attribution.type is AttributionType.REPORTED and attribution.marked_false_by_author
    assert attribution.speaker == speaker and proposition == checked


def test_a_claim_noun_without_a_verdict_is_not_marked_false():
    attribution, _ = find_attribution(sentence("Die Behauptung, die Steuern würden sinken, sorgte für Streit."))
    assert not attribution.marked_false_by_author
