"""The attribution rules added for issue 5, one group per rule, on sentences that are in
neither benchmark set: denials, admissions, passives, document references, verb-final
clauses rebuilt as main clauses, and the words that must not trigger them."""

from __future__ import annotations

import pytest

from checker.attribution import find_attribution
from checker.english_verbs import base_from_gerund, base_from_past, past_from_gerund, past_from_participle
from checker.records import AttributionType, Layout, Sentence


def attribute(text: str, language: str) -> tuple[str, str | None, str | None, bool, str]:
    attribution, checked = find_attribution(Sentence(0, text, 0, len(text), Layout.TEXT, language))
    return (attribution.type.value, attribution.speaker, attribution.cue,
            attribution.marked_false_by_author, checked)


def reported(speaker: str | None, cue: str, claim: str, marked: bool = False):
    return ("reported", speaker, cue, marked, claim)


# ------------------------------------------------------------------ German verbs of saying


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # denial with an infinitive: the speaker holds the negation
        ("Die Reederei bestreitet, das Öl abgelassen zu haben.",
         reported("die Reederei", "bestreitet", "Die Reederei hat das Öl nicht abgelassen.")),
        # an indefinite article becomes "kein…"
        ("Der Minister bestritt, einen Fehler gemacht zu haben.",
         reported("der Minister", "bestritt", "Der Minister hat keinen Fehler gemacht.")),
        # "nicht" goes before a prepositional object right after the verb
        ("Die Ärztin bestritt, von dem Fehler gewusst zu haben.",
         reported("die Ärztin", "bestritt", "Die Ärztin hat nicht von dem Fehler gewusst.")),
        # denying a negated clause removes the negation
        ("Der Verein dementierte, dass der Kapitän nicht spiele.",
         reported("der Verein", "dementierte", "Der Kapitän spielt.")),
        # separable verbs need their particle: "wies … zurück", "räumte … ein", "gab … zu/bekannt"
        ("Die Partei wies den Vorwurf zurück, sie werde vom Ausland finanziert.",
         reported("die Partei", "wies … zurück", "Die Partei wird nicht vom Ausland finanziert.")),
        ("Der Politiker räumte ein, die Spende zu spät gemeldet zu haben.",
         reported("der Politiker", "räumte ein", "Der Politiker hat die Spende zu spät gemeldet.")),
        ("Die Spieler räumten ein, zu wenig gelaufen zu sein.",
         reported("die Spieler", "räumten ein", "Die Spieler sind zu wenig gelaufen.")),
        ("Die Firma gab zu, dass sie die Kundendaten verkauft habe.",
         reported("die Firma", "gab zu", "Die Firma hat die Kundendaten verkauft.")),
        ("Der Vorstand gab am Montag bekannt, dass das Werk verkauft werde.",
         reported("der Vorstand", "gab … bekannt", "Das Werk wird verkauft.")),
        # "wonach" opens reported speech like "dass"
        ("Das Amt wies Berichte zurück, wonach die Akten verschwunden seien.",
         reported("das Amt", "wies … zurück", "Die Akten sind nicht verschwunden.")),
        # present plural verbs and a subject with a prepositional attribute
        ("Die Mieter klagen, die Heizung im Keller sei seit Oktober defekt.",
         reported("die Mieter", "klagen", "Die Heizung im Keller ist seit Oktober defekt.")),
    ],
)
def test_german_denials_admissions_and_other_verbs(text, expected):
    assert attribute(text, "de") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dem Bürgermeister wird vorgeworfen, Gelder veruntreut zu haben.",
         reported(None, "wird vorgeworfen", "Der Bürgermeister hat Gelder veruntreut.")),
        ("Den drei Männern wird vorgeworfen, einen Laster gestohlen zu haben.",
         reported(None, "wird vorgeworfen", "Die drei Männer haben einen Laster gestohlen.")),
        ("Ihm wird vorgeworfen, Steuern hinterzogen zu haben.",
         reported(None, "wird vorgeworfen", "Er hat Steuern hinterzogen.")),
        ("Der frühere Kanzler wird beschuldigt, Akten vernichtet zu haben.",
         reported(None, "wird beschuldigt", "Der frühere Kanzler hat Akten vernichtet.")),
        ("Die Managerin steht im Verdacht, Bilanzen gefälscht zu haben.",
         reported(None, "steht im Verdacht", "Die Managerin hat Bilanzen gefälscht.")),
    ],
)
def test_german_passive_accusations(text, expected):
    assert attribute(text, "de") == expected


@pytest.mark.parametrize(
    ("text", "speaker", "claim"),
    [
        # "Nr." and the number belong to the source; the claim starts at the verb
        ("Laut Punkt Nr. 5 des Entwurfs sollen die USA die Hälfte der Einnahmen erhalten.",
         "Punkt Nr. 5 des Entwurfs", "Die USA sollen die Hälfte der Einnahmen erhalten."),
        ("Laut § 12 der Satzung darf der Vorstand keine Kredite aufnehmen.",
         "§ 12 der Satzung", "Der Vorstand darf keine Kredite aufnehmen."),
        ("Laut Artikel 3 Abs. 2 des Gesetzes sind Männer und Frauen gleichberechtigt.",
         "Artikel 3 Abs. 2 des Gesetzes", "Männer und Frauen sind gleichberechtigt."),
        ("Laut Kapitel 4.1 der Studie stieg die Zahl der Fälle um 8 Prozent.",
         "Kapitel 4.1 der Studie", "Die Zahl der Fälle stieg um 8 Prozent."),
    ],
)
def test_german_document_references_after_laut(text, speaker, claim):
    assert attribute(text, "de") == reported(speaker, "laut", claim)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # verb-final dass clauses become main clauses, the verb cluster after the finite verb
        ("Der Sprecher sagte, dass das Abkommen zwischen Kanada und Mexiko geschlossen worden sei.",
         reported("der Sprecher", "sagte", "Das Abkommen ist zwischen Kanada und Mexiko geschlossen worden.")),
        ("Trump beschuldigte Biden, die Grenze geöffnet zu haben.",
         reported("Trump", "beschuldigte", "Biden hat die Grenze geöffnet.")),
        # the accused of "warf dem X vor" is put in the nominative
        ("Die Opposition warf dem früheren Minister vor, Gutachten zurückgehalten zu haben.",
         reported("die Opposition", "warf … vor", "Der frühere Minister hat Gutachten zurückgehalten.")),
        # hearsay inside a "laut"/"zufolge" report: the outer source, the inner proposition
        ("Dem Gutachten zufolge soll die Brücke marode sein.",
         reported("das Gutachten", "zufolge", "Die Brücke ist marode.")),
        ("Moskau hat nach eigenen Angaben drei Drohnen abgefangen.",
         reported("Moskau", "nach eigenen Angaben", "Moskau hat drei Drohnen abgefangen.")),
        ("Nach Überzeugung der Ermittler hat der Mann allein gehandelt.",
         reported("die Ermittler", "nach Überzeugung", "Der Mann hat allein gehandelt.")),
        ("Angeblich verdiente der Trainer zwei Millionen Euro.",
         reported(None, "angeblich", "Der Trainer verdiente zwei Millionen Euro.")),
        ("In einem Telegram-Kanal heißt es, der Strom werde im Winter rationiert.",
         reported("ein Telegram-Kanal", "heißt es", "Der Strom wird im Winter rationiert.")),
        ("Die Partei verbreitete die falsche Behauptung, Rentner bekämen bald kein Geld mehr.",
         reported("die Partei", "Behauptung", "Rentner bekämen bald kein Geld mehr.", marked=True)),
        # "sie" is a feminine or plural speaker; "es" a neuter one
        ("Merkel sagte, sie habe nie mit dem Konzern verhandelt.",
         reported("Merkel", "sagte", "Merkel hat nie mit dem Konzern verhandelt.")),
        ("Das Ministerium teilte mit, es habe keine Hinweise erhalten.",
         reported("das Ministerium", "teilte mit", "Das Ministerium hat keine Hinweise erhalten.")),
    ],
)
def test_german_propositions_are_stand_alone_main_clauses(text, expected):
    assert attribute(text, "de") == expected


@pytest.mark.parametrize(
    "text",
    [
        "Die Firma bestreitet ihren Umsatz vor allem mit Exporten.",  # "bestreiten" = to fund
        "Im Konzert war es so laut, dass viele früher gingen.",  # "laut" the adjective
        "Laut wurde es erst nach Mitternacht.",
        "Der Richter wies die Klage ab.",  # "wies" without "zurück"
        "Der Minister gab zu Beginn eine Erklärung ab.",  # "gab zu Beginn", not "gab zu"
        "Die Mannschaft räumte den Platz.",
        "Punkt für Punkt ging der Ausschuss den Bericht durch.",
        "Die Schüler sollen ihre Handys ausschalten.",  # deontic "sollen"
    ],
)
def test_german_words_in_other_senses_stay_asserted(text):
    assert attribute(text, "de")[0] == "asserted"


# ------------------------------------------------------------------ English


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The mayor denied taking bribes.", reported("the mayor", "denied", "The mayor did not take bribes.")),
        ("The senator denied having met the lobbyist.",
         reported("the senator", "denied", "The senator did not meet the lobbyist.")),
        ("The firm denied that it had paid the fine.", reported("the firm", "denied", "The firm did not pay the fine.")),
        ("The ministry rejected reports that its soldiers had crossed the border.",
         reported("the ministry", "rejected", "The ministry's soldiers did not cross the border.")),
        ("The club denied that the coach was leaving.",
         reported("the club", "denied", "The coach was not leaving.")),
        ("The player admitted cheating in the final.", reported("the player", "admitted", "The player cheated in the final.")),
        ("The coach admitted that the team had played badly.",
         reported("the coach", "admitted", "The team played badly.")),
        ("The agency conceded that the forecast was wrong.",
         reported("the agency", "conceded", "The forecast was wrong.")),
        ("The referee insisted he had not seen the foul.",
         reported("the referee", "insisted", "The referee did not see the foul.")),
        ("Scientists warned that the glacier would vanish by 2050.",
         reported("Scientists", "warned", "The glacier will vanish by 2050.")),
        ("The mayor suggested the budget was too small.",
         reported("the mayor", "suggested", "The budget was too small.")),
        ("The union accused the company of not paying overtime.",
         reported("the union", "accused", "The company did not pay overtime.")),
        ("The opposition accused the minister of misleading voters.",
         reported("the opposition", "accused", "The minister misled voters.")),
    ],
)
def test_english_denials_admissions_and_other_verbs(text, expected):
    assert attribute(text, "en") == expected


@pytest.mark.parametrize(
    ("text", "cue", "claim"),
    [
        ("The actor is said to have bought a castle in Scotland.", "is said", "The actor bought a castle in Scotland."),
        ("The bank is alleged to have laundered money for cartels.", "is alleged", "The bank laundered money for cartels."),
        ("The singer is rumoured to be engaged.", "is rumoured", "The singer is engaged."),
        ("Two officers are believed to own shares in the firm.", "are believed", "Two officers own shares in the firm."),
        ("The treasurer was accused of stealing club funds.", "was accused", "The treasurer stole club funds."),
        ("It was claimed that the vote had been rigged.", "was claimed", "The vote was rigged."),
    ],
)
def test_english_passives_have_no_speaker(text, cue, claim):
    assert attribute(text, "en") == reported(None, cue, claim)


def test_english_pronouns_resolve_only_to_a_speaker_of_matching_number():
    assert attribute("Moscow says it shot down two drones.", "en")[4] == "Moscow shot down two drones."
    assert attribute("The airlines said their pilots would strike.", "en")[4] == "The airlines' pilots will strike."
    # "it" is not the plural speaker: it stays as written
    assert attribute("Officials say it offers no guarantees.", "en")[4] == "It offers no guarantees."


@pytest.mark.parametrize(
    "text",
    [
        "The patient was admitted to hospital with burns.",
        "The children were told to stay indoors.",
        "Officials denied the journalists access to the site.",
        "The singer insisted on a private ceremony.",
        "The insurer warned customers about phishing emails.",
    ],
)
def test_english_words_in_other_senses_stay_asserted(text):
    assert attribute(text, "en")[0] == "asserted"


def test_the_motivating_sentence_stays_a_flagged_report_about_selenskyj():
    text = ("Trump beschuldigte Selenskyj fälschlicherweise, den Ukraine-Krieg begonnen zu haben, "
            "während der ukrainische Führer konterte.")
    assert attribute(text, "de") == reported("Trump", "beschuldigte", "Selenskyj hat den Ukraine-Krieg begonnen.",
                                             marked=True)


# ------------------------------------------------------------------ English verb forms


@pytest.mark.parametrize(
    ("gerund", "base", "past"),
    [("starting", "start", "started"), ("stopping", "stop", "stopped"), ("using", "use", "used"),
     ("misleading", "mislead", "misled"), ("lying", "lie", "lied"), ("shelling", "shell", "shelled"),
     ("taking", "take", "took"), ("bullying", "bully", "bullied")],
)
def test_gerunds_to_base_and_past(gerund, base, past):
    assert (base_from_gerund(gerund), past_from_gerund(gerund)) == (base, past)


def test_past_and_participle_forms():
    assert [base_from_past(w) for w in ("stopped", "used", "tried", "paid", "seen", "left")] == [
        "stop", "use", "try", "pay", "see", "leave"]
    assert [past_from_participle(w) for w in ("taken", "started", "hidden")] == ["took", "started", "hid"]
