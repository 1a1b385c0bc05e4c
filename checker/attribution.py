"""Attribution: does a sentence assert a claim or report someone else's, who said it, and
what exactly is claimed.

    >>> from checker.records import Layout, Sentence
    >>> text = "Trump falsely accused Zelensky of starting the war."
    >>> attribution, checked = find_attribution(Sentence(0, text, 0, len(text), Layout.TEXT, "en"))
    >>> attribution.speaker, attribution.marked_false_by_author, checked
    ('Trump', True, 'Zelensky started the war.')

Approach
--------
Rule-based and deterministic, so a journalist can be told why a sentence was judged the way
it was. A sentence is REPORTED when one rule of its language's table matches (verbs of
saying with a dass/wonach/that clause, a Konjunktiv I comma clause or a "zu haben"
infinitive, separable ones only with their particle ("räumte … ein", "gab … zu", "wies …
zurück"), accusations active and passive ("wird vorgeworfen", "steht im Verdacht", "was
accused of", "is said/alleged/believed to", "it is claimed that"), denials and admissions,
"laut", "zufolge", "nach Angaben/Überzeugung", "nach eigenen Angaben", "heißt es",
"according to", direct quotes, claim nouns, hearsay "soll … haben", "angeblich",
"reportedly"); otherwise it is ASSERTED and checked as it stands. The first rule that matches
wins; the tables are ordered from the most specific pattern to the least. A matching rule
gives the speaker, the cue and the reported proposition, which is then rewritten into a
stand-alone main clause: Konjunktiv I becomes indicative, a German verb-final dass clause
becomes verb-second, "beschuldigte X, Y zu haben" becomes "X hat Y", "accused X of starting"
becomes "X started", a leading "er"/"he" (and "sie"/"es"/"it"/"they" where gender or number
fit) becomes the speaker, and a trailing "während …"/"while …" clause (another statement) is
dropped. A denial holds the negation ("bestreitet, X getan zu haben" -> "… hat X nicht
getan", "denied sending" -> "did not send"). English follows the annotation guide's tense
rules ("had done" -> "did", "said it would" -> "will"); verb forms come from
checker/english_verbs.py. "laut" before a document reference ("Punkt Nr. 5 des Entwurfs",
"§ 12 der Satzung") takes the whole reference as the source. The author marks the report as
false when a marker ("fälschlicherweise", "falsely", "without evidence" …) appears in the
attribution around the proposition, not inside it; a claim noun with a verdict after the
proposition ("Die Behauptung, X, ist widerlegt", "the claim that X is false") has its own
rule, since only it knows where the proposition ends. bench/attribution.py measures it on a
dev set the rules were tuned on and a held-out test set written before the issue-5 changes.

Limits
------
* No parser: phrases are found by capitalisation and small word lists. German nouns are all
  capitalised, so two adjacent noun phrases ("beschuldigte Trump Selenskyj") read as one.
* German case is normalised where it is unambiguous (feminine and plural dative, masculine
  accusative, a few weak nouns such as "Präsidenten") and for "dem"/"einem" by the noun's
  ending (neuter "-amt", "-um", "-en", … else masculine), which can guess wrong ("dem Wagen"
  -> "das Wagen"); "des" phrases and other plural datives ("den Aktionären") stay as written.
* Only "zu haben"/"zu sein" infinitives are rebuilt (after accusations, denials, admissions):
  others ("…, den Krieg zu verlängern") are reported, with speaker and flag, but check the
  whole sentence; "was accused of fraud" (a noun, no gerund) likewise.
* Negation for denials is placed by position, not syntax: "nicht" before the final verb
  cluster (or before a prepositional object right after the verb), the first indefinite
  article becomes "kein…"; "hat das Öl ins Meer nicht geleitet" is the kind of order it
  produces. English verb forms outside the table of checker/english_verbs.py may be misspelt.
* A separable verb at the end of a dass clause stays joined ("dass er mitreise" ->
  "er mitreist", not "er reist mit").
* Konjunktiv II that may be hypothetical ("es gäbe", "er würde") is left as written; a verb
  cluster at the end of a dass clause ("hätte beginnen dürfen") is not reordered.
* A sentence that continues someone's reported speech without a cue is caught only through
  Konjunktiv I or quotation marks; English has no such marker, so it stays asserted.
* Reported speech is tense-shifted only as the guide says ("had done" -> "did", "would" ->
  "will"); "said Ukraine was" stays "Ukraine was". German Konjunktiv II of full verbs
  ("verursachten", "bekämen") is kept as written: it cannot be told from the past tense.
* Only German and English have rules; sentences in other languages count as asserted.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from checker.english_verbs import (
    base_from_gerund,
    base_from_past,
    is_participle,
    past_from_gerund,
    past_from_participle,
)
from checker.records import ASSERTED, Attribution, AttributionType, Sentence

# ================================================================ words, quotes, clauses

# German „…“ and »…«, English “…”, and straight quotes in either. "“" opens in English but
# closes in German, so the pairs depend on the language.
_QUOTE_PAIRS = {
    "de": (("„", "“"), ("»", "«"), ('"', '"')),
    "en": (("“", "”"), ('"', '"')),
}
QUOTE_CHARS = "„“”»«\"‚‘"
_PUNCT = ".,;:!?()[]" + QUOTE_CHARS


def _outside_quotes(text: str, language: str) -> list[bool]:
    """For each character: True when it is not inside a quotation."""
    closing_for = dict(_QUOTE_PAIRS.get(language, _QUOTE_PAIRS["en"]))
    waiting_for: str | None = None
    outside = []
    for char in text:
        if waiting_for is None and char in closing_for:
            outside.append(False)
            waiting_for = closing_for[char]
        elif waiting_for is not None and char == waiting_for:
            outside.append(False)
            waiting_for = None
        else:
            outside.append(waiting_for is None)
    return outside


def _top_level(matches: Sequence[re.Match[str]], text: str, language: str) -> list[re.Match[str]]:
    outside = _outside_quotes(text, language)
    return [m for m in matches if outside[m.start()]]


def _search_outside_quotes(regex: re.Pattern[str], text: str, language: str) -> re.Match[str] | None:
    found = _top_level(list(regex.finditer(text)), text, language)
    return found[0] if found else None


def _strip_quote_marks(text: str) -> str:
    return re.sub(r"\s{2,}", " ", re.sub(f"[{QUOTE_CHARS}]", "", text)).strip()


def _bare(token: str) -> str:
    return token.strip(_PUNCT + "–—-")


def _is_capitalised(token: str) -> bool:
    bare = _bare(token)
    return bool(bare) and bare[0].isupper()


def _ends_phrase(token: str) -> bool:
    """A token that closes the phrase it ends (punctuation after it, or an opening quote)."""
    return token.rstrip()[-1:] in ",.;:!?“”\"»«)"


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lower_article(phrase: str) -> str:
    """'Der ukrainische Führer' -> 'der ukrainische Führer'; names stay as written."""
    first, _, rest = phrase.partition(" ")
    if first.lower() in _DE_DETERMINERS | _EN_DETERMINERS and rest:
        return f"{first.lower()} {rest}"
    return phrase


def _as_sentence(text: str) -> str:
    """Capitalised, trimmed of dangling punctuation, ending with one full stop (or ! / ?)."""
    text = re.sub(r"\s+([,.;:!?])", r"\1", " ".join(text.split()))
    text = text.strip(" ,;:–—-")
    if not text:
        return ""
    if text[-1] not in ".!?":
        text += "."
    return _capitalise(text)


# Trailing clauses that add a second, separate statement ("…, während der ukrainische Führer
# konterte"); the proposition ends before them.
_CONTRAST = re.compile(r",\s*(?:während|wohingegen|while|whereas)\b", re.IGNORECASE)


# A comma between clauses; "2,1 Prozent" has none.
_CLAUSE_COMMA = re.compile(r",(?=\s|$)")


def _drop_contrast_clause(text: str, language: str) -> str:
    match = _search_outside_quotes(_CONTRAST, text, language)
    return text[: match.start()].rstrip() + "." if match else text


# ================================================================ German phrases

_DE_DETERMINERS = frozenset(
    """
    der die das den dem des ein eine einer einem eines einen kein keine keiner keinem keinen
    keines dieser diese dieses diesen diesem jeder jede jedes jeden alle mehrere einige viele
    sein seine seiner seinem seinen ihr ihre ihrer ihrem ihren unser unsere unserer unserem
    unseren mein meine meiner meinem meinen beiden
    """.split()
)
_DE_PRONOUNS = frozenset("er sie es man wir ihr ich du dies das".split())
_DE_PREPOSITIONS = frozenset(
    """
    am an im in ins bei beim nach vor seit ab auf aus mit von vom zu zum zur über unter für
    gegen ohne um durch während trotz wegen zwischen
    """.split()
)
# Words that open a clause with something other than its subject ("Am Samstag teilte …").
_DE_ADVERBS = frozenset(
    """
    zuvor später gestern heute morgen damals dann danach dabei außerdem zudem auch jedoch nun
    bereits anschließend inzwischen zuletzt erneut bisher dort hier so
    """.split()
)
_DE_CONJUNCTIONS = frozenset(
    "nachdem als weil da dass wie obwohl bevor und aber doch sondern denn wobei wenn ob".split()
)


def _german_phrase_length(tokens: Sequence[str], genitive: bool = True) -> int:
    """Tokens taken by a noun phrase at the start: article, adjectives, capitalised words,
    and an optional genitive ("ein Beamter der ukrainischen Präsidialverwaltung")."""
    i, n = 0, len(tokens)
    if i < n and _bare(tokens[i]).lower() in _DE_DETERMINERS and not _ends_phrase(tokens[i]):
        i += 1
        while i < n and re.fullmatch(r"[a-zäöüß][\w\-]*(?:e|en|er|es|em)|\d+|zwei|drei|vier|fünf|sechs|sieben"
                                     r"|acht|neun|zehn|elf|zwölf", _bare(tokens[i])) \
                and not _ends_phrase(tokens[i - 1]):
            i += 1
    start_of_nouns = i
    while i < n and _is_capitalised(tokens[i]) and tokens[i][0] not in QUOTE_CHARS:
        i += 1
        if _ends_phrase(tokens[i - 1]):
            return i
    if i == start_of_nouns:
        return 0
    if genitive and i < n and _bare(tokens[i]) in {"des", "der"}:  # the article is the tail's own
        i += _german_phrase_length(tokens[i:], genitive=False)
    elif genitive and i < n and _bare(tokens[i]) == "von":  # "der Besuch von Kellogg"
        tail = _german_phrase_length(tokens[i + 1 :], genitive=False)
        i += 1 + tail if tail else 0
    return i


# Nouns that name a part of a text: in "laut Punkt Nr. 5 des Entwurfs" the source is a
# document, and the numbers and abbreviations after the noun belong to its name.
_DE_REFERENCE_NOUNS = frozenset(
    """
    punkt punkte artikel art. paragraf paragraph paragraphen § §§ absatz abs. abschnitt ziffer
    ziff. kapitel seite s. nummer nr. anlage anhang randnummer rn. zeile tabelle satz
    """.split()
)
_REFERENCE_NUMBER = re.compile(r"(?:Nr\.|Nummer|Abs\.|Absatz|Satz|S\.|[IVX]+\.?|\d+[a-z]?(?:[.,/]\d+)*\.?),?")


def _german_reference_length(tokens: Sequence[str]) -> int:
    """Tokens taken by a document reference at the start ('Punkt Nr. 5 des Entwurfs',
    '§ 12 der Satzung', 'Abschnitt 4.2'); 0 when the tokens do not start with one."""
    if len(tokens) < 2 or tokens[0].lower() not in _DE_REFERENCE_NOUNS:
        return 0
    i = 1
    while i < len(tokens) and _REFERENCE_NUMBER.fullmatch(tokens[i]):
        i += 1
        if tokens[i - 1].endswith(","):
            return i
    if not any(re.search(r"\d|^[IVX]+\.?$", t) for t in tokens[1:i]):
        return 0  # "Punkt für Punkt": no number, no reference
    if i < len(tokens) and _bare(tokens[i]) in {"des", "der"}:
        i += _german_phrase_length(tokens[i:], genitive=False)
    return i


def _german_constituent_length(tokens: Sequence[str]) -> int:
    """Tokens taken by the first constituent: a pronoun, an adverb, a prepositional or a
    noun phrase. 0 when none is recognised."""
    if not tokens:
        return 0
    first = _bare(tokens[0]).lower()
    if first in _DE_PREPOSITIONS:
        rest = _german_phrase_length(tokens[1:], genitive=False)
        return 1 + rest if rest else 0
    if re.fullmatch(r"[\d.,]+", first):  # "300 Soldaten", "62 Prozent der Deutschen"
        return 1 + _german_phrase_length(tokens[1:])
    phrase = _german_phrase_length(tokens)
    if phrase and phrase + 1 < len(tokens) and _bare(tokens[phrase]) in {"und", "oder"} \
            and not _ends_phrase(tokens[phrase - 1]):
        second = _german_phrase_length(tokens[phrase + 1 :])  # "Männer und Frauen"
        return phrase + 1 + second if second else phrase
    if phrase:
        return phrase
    if first in _DE_PRONOUNS or first in _DE_ADVERBS:
        return 1
    return 0


def _german_speaker(text: str, case: str = "nominative") -> str | None:
    """The noun phrase at the start of `text`, in the nominative where that is unambiguous."""
    tokens = text.split()
    length = _german_phrase_length(tokens)
    if not length:
        if tokens and _bare(tokens[0]).lower() in {"er", "sie"}:
            return _bare(tokens[0]).lower()
        return None
    phrase = " ".join(_bare(t) if k == length - 1 else t for k, t in enumerate(tokens[:length]))
    return _lower_article(_to_nominative(phrase, case))


# Weak masculine nouns take -(e)n outside the nominative: "den Präsidenten" -> "der Präsident".
_WEAK_NOUNS = {
    "Präsidenten": "Präsident", "Kandidaten": "Kandidat", "Journalisten": "Journalist",
    "Soldaten": "Soldat", "Diplomaten": "Diplomat", "Beamten": "Beamte", "Experten": "Experte",
    "Kollegen": "Kollege", "Menschen": "Mensch", "Nachbarn": "Nachbar", "Russen": "Russe",
    "Aktivisten": "Aktivist", "Polizisten": "Polizist", "Abgeordneten": "Abgeordnete",
    "Demokraten": "Demokrat", "Terroristen": "Terrorist", "Agenten": "Agent",
    "Kunden": "Kunde", "Zeugen": "Zeuge", "Bauern": "Bauer",
}  # fmt: skip


def _weak_noun_nominative(word: str) -> str | None:
    for inflected, nominative in _WEAK_NOUNS.items():
        if word.endswith(inflected):
            return word[: -len(inflected)] + nominative
    return None


# (case, article) -> (nominative article, ending of "-en" adjectives, weak nouns lose "-en").
# Only forms whose gender and number are certain are listed: "der" after "laut" is feminine
# (or a genitive plural), "den" is a masculine accusative or a dative plural.
_NOMINATIVE = {
    ("dative", "einer"): ("eine", "e", False),
    ("dative", "der"): ("die", "e", False),
    ("dative", "den"): ("die", "en", False),
    ("genitive", "der"): ("die", "e", False),
    ("accusative", "den"): ("der", "e", True),
    ("accusative", "einen"): ("ein", "er", True),
}
# "dem"/"einem" may be masculine or neuter; with a weak noun (a person) it is masculine.
_NOMINATIVE_WITH_WEAK_NOUN = {"dem": ("der", "e", True), "einem": ("ein", "er", True)}
# Without a weak noun, "dem X" is neuter when X ends like most neuter nouns (das Bundesamt,
# das Ministerium, das Unternehmen, das Gutachten) and masculine otherwise (der Konzern).
_NOMINATIVE_NEUTER = {"dem": ("das", "e", False), "einem": ("ein", "es", False)}
_NEUTER_ENDINGS = (
    "amt", "um", "chen", "lein", "ment", "nis", "tum", "institut", "gericht", "büro", "haus",
    "werk", "land", "en", "team", "kabinett", "parlament", "regime", "blatt", "portal",
    "magazin", "komitee", "bündnis", "militär", "gremium", "dokument", "papier", "gesetz",
    "protokoll", "urteil", "ergebnis", "video", "interview", "programm", "buch", "konzept",
    "schreiben", "kommando", "sekretariat", "ministerium", "präsidium", "netzwerk", "zentrum",
)


def _head_noun(tokens: Sequence[str]) -> str | None:
    """The last capitalised word of the first run of them: 'Statistischen Bundesamt' -> 'Bundesamt'."""
    head = None
    for token in tokens:
        if not _is_capitalised(token):
            break
        head = _bare(token)
    return head


def _to_nominative(phrase: str, case: str) -> str:
    """Rewrite the article and adjectives of a dative/accusative/genitive phrase in the
    nominative where that is unambiguous; otherwise return the phrase unchanged.
    'einer informierten Quelle' -> 'eine informierte Quelle'."""
    tokens = phrase.split()
    if not tokens:
        return phrase
    article = tokens[0].lower()
    rule = _NOMINATIVE.get((case, article))
    has_weak_noun = any(_weak_noun_nominative(t) for t in tokens[1:])
    if rule is None and case in ("dative", "accusative") and has_weak_noun:
        rule = _NOMINATIVE_WITH_WEAK_NOUN.get(article)
    elif rule is None and case == "dative" and article in {"dem", "einem"}:
        head = _head_noun(tokens[1:])
        neuter = head is not None and head.lower().endswith(_NEUTER_ENDINGS)
        rule = _NOMINATIVE_NEUTER[article] if neuter else _NOMINATIVE_WITH_WEAK_NOUN[article]
    if rule is None:
        return phrase
    new_article, adjective_ending, singular_masculine = rule
    out = [new_article]
    for k, token in enumerate(tokens[1:], start=1):
        if (case, article) == ("dative", "den") and re.fullmatch(r"[A-ZÄÖÜ]\w*ern", token) \
                and token not in {"Eltern", "Schwestern"}:
            out.append(token[:-1])  # "den Männern" -> "die Männer", "den Bürgern" -> "die Bürger"
            continue
        # an adjective: lower case, or capitalised inside a name ("dem Statistischen Bundesamt")
        named_adjective = k + 1 < len(tokens) and _is_capitalised(tokens[k + 1]) and token[:1].isupper()
        if re.fullmatch(r"[a-zäöüß][\w\-]*en", token) or (named_adjective and re.fullmatch(r"\w+[^e]\w*en", token)):
            token = token[:-2] + adjective_ending
        elif singular_masculine and _weak_noun_nominative(token):
            token = _weak_noun_nominative(token)
        out.append(token)
    return " ".join(out)


# ================================================================ German verbs

# Konjunktiv I (and the Konjunktiv II that stands in for it) -> indicative, third person.
_KONJUNKTIV = {
    "sei": "ist", "seien": "sind", "habe": "hat", "hätte": "hat", "hätten": "haben",
    "werde": "wird", "könne": "kann", "müsse": "muss", "solle": "soll", "wolle": "will",
    "dürfe": "darf", "möge": "mag", "wisse": "weiß", "handle": "handelt", "gebe": "gibt",
    "wäre": "ist", "wären": "sind",
}  # fmt: skip
# The forms that on their own mark reported speech (Konjunktiv II also marks wishes).
_KONJUNKTIV_CUES = frozenset(
    "sei seien habe werde könne müsse solle wolle dürfe gebe wisse handle".split()
)
# Strong verbs change their vowel in the third person ("entspreche" -> "entspricht").
_STRONG_ENDINGS = {
    "spreche": "spricht", "breche": "bricht", "nehme": "nimmt", "helfe": "hilft",
    "sehe": "sieht", "lese": "liest", "treffe": "trifft", "werfe": "wirft", "trage": "trägt",
    "fahre": "fährt", "halte": "hält", "lasse": "lässt", "laufe": "läuft", "falle": "fällt",
    "schlage": "schlägt", "gelte": "gilt", "sterbe": "stirbt", "vergesse": "vergisst",
}  # fmt: skip
# Konjunktiv I of verbs whose stem ends in -t/-d ("arbeite"); other words in -te/-de are past
# tense or Konjunktiv II ("sagte", "wurde", "würde") and stay as they are.
_KONJUNKTIV_DT = frozenset("arbeite bedeute leite biete berichte richte bewerte finde bilde melde".split())
# Konjunktiv II forms that may be hypothetical ("es gäbe keine Einigung"): left as written.
_KONJUNKTIV_II = frozenset(
    "käme kämen gäbe gäben läge lägen täte stünde bliebe ginge hieße wüsste bekäme bekämen".split()
)
_DE_INDICATIVE = frozenset(
    """
    ist sind hat haben wird werden kann können muss müssen soll sollen will wollen war waren
    hatte hatten wurde wurden würde würden
    """.split()
)


def _indicative(word: str) -> str:
    """Konjunktiv I -> indicative for a finite verb: 'lebe' -> 'lebt', 'sei' -> 'ist'."""
    if word in _KONJUNKTIV:
        return _KONJUNKTIV[word]
    for ending, indicative in _STRONG_ENDINGS.items():
        if word.endswith(ending):
            return word[: -len(ending)] + indicative
    if word in _KONJUNKTIV_DT:
        return word + "t"  # arbeite -> arbeitet
    if word in _KONJUNKTIV_II or word in _DE_INDICATIVE or re.search(r"[dt]e$", word):
        return word
    if re.fullmatch(r"[a-zäöüß]{2,}[^aeiouäöü]le", word):
        return word[:-2] + "elt"  # handle -> handelt
    if re.fullmatch(r"[a-zäöüß]{2,}e", word):
        return word[:-1] + "t"  # lebe -> lebt
    return word



def _looks_finite(word: str) -> bool:
    word = _bare(word)
    return word in _DE_INDICATIVE or word in _KONJUNKTIV or word.endswith(tuple(_KONJUNKTIV_II)) or (
        bool(re.fullmatch(r"[a-zäöüß]{2,}e", word)) and _indicative(word) != word
    )


# A listed Konjunktiv form, unless it belongs to "ich" ("ich habe", "habe ich" are indicative).
_KONJUNKTIV_WORD = re.compile(rf"(?<![Ii]ch )\b({'|'.join(_KONJUNKTIV)})\b(?! ich\b)")


def _convert_konjunktiv(text: str) -> str:
    """Replace every listed Konjunktiv form by the indicative: 'Y sei Z' -> 'Y ist Z'."""
    return _KONJUNKTIV_WORD.sub(lambda match: _KONJUNKTIV[match.group(1)], text)


def _verb_first_to_second(clause: str) -> str:
    """'entspricht der Deal nicht …' -> 'der Deal entspricht nicht …' (unchanged if unsure)."""
    tokens = clause.split()
    length = _german_constituent_length(tokens[1:])
    if not tokens or not length or not tokens[0][:1].islower():
        return clause
    verb = _indicative(tokens[0])
    return " ".join(tokens[1 : 1 + length] + [verb] + tokens[1 + length :])


def _verb_final_to_second(clause: str) -> str:
    """A dass clause as a main clause: 'er mit X gesprochen habe, um …' ->
    'er hat mit X gesprochen, um …' (Konjunktiv made indicative; unchanged if unsure)."""
    comma = _CLAUSE_COMMA.search(clause)
    core, tail = (clause[: comma.start()], clause[comma.start() :]) if comma else (clause, "")
    tokens = core.split()
    length = _german_constituent_length(tokens[:-1])
    if len(tokens) < 2 or not _is_final_finite(tokens) or not length or length == len(tokens) - 1:
        return clause
    main = tokens[:length] + [_indicative(_bare(tokens[-1]))] + tokens[length:-1]
    return " ".join(main) + tail


def _is_final_finite(tokens: Sequence[str]) -> bool:
    """Whether the last word of a verb-final clause is its finite verb: a known form, or a
    plain verb not preceded by another verb form ('beginnen dürfen' is a cluster: unsure)."""
    finite = _bare(tokens[-1])
    if not re.fullmatch(r"[a-zäöüß]+", finite):
        return False
    if _looks_finite(finite) or re.search(r"(?:t|te|ten)$", finite):
        return True
    before = _bare(tokens[-2]) if len(tokens) > 1 else ""
    return finite.endswith("en") and not re.fullmatch(r"[a-zäöüß]+(?:en|t)", before)


def _is_english_noun_phrase(speaker: str) -> bool:
    """A name or a phrase with an article: 'Moscow', 'the company' (not 'he', 'sources say')."""
    return speaker[:1].isupper() or speaker.split()[0].lower() in _EN_DETERMINERS


def _resolve_pronoun(proposition: str, speaker: str | None) -> str:
    """A leading 'er'/'he'/'she' is the speaker: 'er hat gesprochen' -> 'Sybiha hat gesprochen'."""
    if speaker is None or speaker.lower() in {"er", "sie", "he", "she", "they", "it"}:
        return proposition
    first, _, rest = proposition.partition(" ")
    if first.lower() in {"er", "he", "she"} and rest:
        return f"{speaker} {rest}"
    # English "it"/"its" is a singular speaker, "they"/"their" a plural one ("officials")
    if first.lower() in {"it", "its", "they", "their"} and rest and _is_english_noun_phrase(speaker):
        plural = bool(re.search(r"[^s'’]s$", speaker.split()[-1]))
        if plural == (first.lower() in {"they", "their"}):
            possessive = first.lower() in {"its", "their"}
            owner = _capitalise(speaker) + ("'" if plural else "'s")  # "the airlines' pilots"
            return f"{owner} {rest}" if possessive else f"{speaker} {rest}"
    # German "sie" is a feminine or plural speaker ("die Partei", "Merkel"), "es" a neuter one
    article = speaker.split()[0].lower()
    if first.lower() == "sie" and rest and article not in {"der", "das", "ein", "den", "dem", "des"}:
        return f"{speaker} {rest}"
    if first.lower() == "es" and rest and article == "das":
        return f"{speaker} {rest}"
    return proposition


# ================================================================ English phrases

_EN_DETERMINERS = frozenset("the a an this that these those his her its their our".split())
# Words after "said" that do not start a reported clause ("said goodbye", "said in …").
_EN_NOT_A_SUBJECT = frozenset(
    """
    goodbye hello nothing something anything so yes no sorry thanks little much more
    otherwise in on at to for with from by about during after before as of if when while
    """.split()
)
_EN_LEADING_ADVERBIALS = re.compile(
    r"^(?:on|in|at|last|earlier|later|meanwhile|however|yesterday|today|separately|also"
    r"|after|before|during|speaking)\b",
    re.IGNORECASE,
)
# Words between a speaker and the verb that are not part of the speaker.
_EN_VERB_ADVERBS = re.compile(r"(?:\s+(?:[a-z]+ly|has|have|had|also|again|then|once|later))+$")
_EN_SPEAKER_END = re.compile(
    r"\s+(?:on|in|at|during|after|before|to|via|when|while|who|which|as|from)\b.*$"
)


def _english_speaker(text: str) -> str | None:
    """The subject in `text` (the words before a verb of saying), or None if it is unclear."""
    segments = [s.strip() for s in text.split(",") if s.strip()]
    if len(segments) > 1 and _EN_LEADING_ADVERBIALS.match(segments[0]):
        segments = segments[1:]  # "On Saturday, Ukraine's foreign minister"
    if not segments:
        return None
    speaker = _EN_VERB_ADVERBS.sub("", segments[0])
    speaker = _EN_SPEAKER_END.sub("", speaker).strip(_PUNCT + " ")
    if not speaker or len(speaker.split()) > 8:
        return None
    return _lower_article(speaker)


# ================================================================ attribution rules


@dataclass(frozen=True, slots=True)
class _Report:
    """What a rule found: who, the cue, the proposition, and the attribution around it."""

    speaker: str | None
    cue: str
    proposition: str  # already a main clause, or the raw span still to be tidied
    frame: str  # the attribution words, where the author's "falsely" would be
    verbatim: bool = False  # check the words as they stand (a direct quote, an unbuilt clause)
    own_subject: bool = True  # a leading "er"/"he" may be the speaker (not in accusations)


_Rule = Callable[[str, str], "_Report | None"]  # (sentence, language) -> report

_DE_SAY_VERBS = (
    "sagte|sagten|sagt|gesagt|erklärte|erklärten|erklärt|behauptete|behaupteten|behauptet"
    "|betonte|betonten|betont|berichtete|berichteten|berichtet|bestätigte|bestätigten|bestätigt"
    "|meinte|meinten|versicherte|versicherten|warnte|warnten|schrieb|schrieben|geschrieben"
    "|mitgeteilt|teilte|teilten|teilt"
    # present plural ("Forschende berichten, dass …") and other verbs of saying
    "|sagen|erklären|behaupten|berichten|betonen|warnen|schreiben|versichert|warnt|schreibt"
    "|kritisierte|kritisierten|kritisiert|kritisieren|argumentierte|argumentierten|argumentiert"
    "|beteuerte|beteuerten|beteuert|bekräftigte|bekräftigten|bekräftigt|unterstrich"
    "|klagte|klagten|klagen|klagt|beklagte|beklagten|beklagt|verriet|verrieten|verrät"
    "|gestand|gestanden|gesteht|verkündete|verkündeten|verkündet|ergänzte|ergänzten"
    # denials: what the speaker holds is the negation of the clause
    "|bestreitet|bestritt|bestritten|bestreiten|dementierte|dementierten|dementiert|dementieren"
    # separable verbs, only with their particle before the clause ("räumte … ein, …")
    "|räumte|räumten|räumt|gab|gaben|gibt|geben|wies|wiesen|weist|weisen|fügte|fügten"
)
# Separable verbs of saying and the particles that make them one: "teilte … mit", "räumte …
# ein", "gab … zu/an", "wies … zurück". Without the particle the verb says something else.
_DE_PARTICLES = {
    "teilte": ("mit",), "teilten": ("mit",), "teilt": ("mit",),
    "räumte": ("ein",), "räumten": ("ein",), "räumt": ("ein",),
    "gab": ("zu", "an", "bekannt"), "gaben": ("zu", "an", "bekannt"), "gibt": ("zu", "an", "bekannt"),
    "geben": ("zu", "an", "bekannt"),
    "wies": ("zurück",), "wiesen": ("zurück",), "weist": ("zurück",), "weisen": ("zurück",),
    "fügte": ("hinzu",), "fügten": ("hinzu",),
}  # fmt: skip
# Cues whose speaker holds the opposite of the clause: "bestreitet, X getan zu haben".
_DE_DENIALS = frozenset(
    "bestreitet bestritt bestritten bestreiten dementierte dementierten dementiert dementieren "
    "wies wiesen weist weisen".split()
)
_EN_SAY_VERBS = (
    "said|says|say|claimed|claims|stated|states|told|tells|alleged|alleges|allege|insisted|insists"
    "|argued|argues|argue|asserted|asserts|added|adds|warned|warns|maintained|maintains"
    "|admitted|admits|conceded|concedes|acknowledged|acknowledges|suggested|suggests"
    "|confirmed|confirms|announced|announces|reported|reports|found|finds|complained|complains"
    "|testified|testifies|wrote|writes|repeated|repeats|explained|explains|revealed|reveals"
    "|believe|believes|denied|denies|deny"
)
# Verbs that may omit "that": "said the plan failed", "insisted the cuts were necessary".
_EN_BARE_SAY_VERBS = {
    "said", "says", "say", "claimed", "claims", "insisted", "insists", "suggested", "suggests",
    "alleged", "alleges", "allege", "argued", "argues", "argue", "admitted", "admits", "believe",
    "believes",
}  # fmt: skip
# Cues whose speaker holds the negation of the clause.
_EN_DENIALS = frozenset("denied denies deny rejected rejects dismissed dismisses".split())
_EN_PAST_CUES = re.compile(r"(?:ed|said|told|wrote|found)$")


# ---------------------------------------------------------------- direct quotes (both)


def _quote_spans(language: str) -> list[tuple[str, str]]:
    return list(_QUOTE_PAIRS.get(language, _QUOTE_PAIRS["en"]))


def _quote_then_speaker(text: str, language: str) -> _Report | None:
    """„…“, sagte X. / "…," X said. / "…" said X. / a sentence that is only a quotation."""
    for opening, closing in _quote_spans(language):
        match = re.fullmatch(
            rf"{re.escape(opening)}([^{re.escape(closing)}]+){re.escape(closing)}\s*(.*)", text
        )
        if not match:
            continue
        quote, tail = match.group(1).strip(), match.group(2).strip()
        if re.fullmatch(r"[.!?]?", tail):
            return _Report(None, "quotation marks", quote, "", verbatim=True)
        if language == "de":
            found = re.fullmatch(rf",?\s*({_DE_SAY_VERBS}|so)\s+(.+?)[.!]?", tail)
            if found:
                speaker = _german_speaker(found.group(2))
                return _Report(speaker, found.group(1), quote, tail, verbatim=True)
        else:
            inverted = re.fullmatch(rf",?\s*({_EN_SAY_VERBS})\s+(.+?)[.!]?", tail)
            normal = re.fullmatch(rf",?\s*(.+?)\s+({_EN_SAY_VERBS})\b.*", tail)
            if inverted:
                speaker = _english_speaker(inverted.group(2))
                return _Report(speaker, inverted.group(1), quote, tail, verbatim=True)
            if normal:
                speaker = _english_speaker(normal.group(1))
                return _Report(speaker, normal.group(2), quote, tail, verbatim=True)
    return None


def _speaker_then_quote(text: str, language: str) -> _Report | None:
    """X sagte: „…“ / X said: "…"."""
    verbs = _DE_SAY_VERBS if language == "de" else _EN_SAY_VERBS
    for opening, closing in _quote_spans(language):
        match = re.fullmatch(
            rf"(.+?)\s+({verbs})\b[^:]*:\s*{re.escape(opening)}([^{re.escape(closing)}]+)"
            rf"{re.escape(closing)}\s*[.!?]?",
            text,
        )
        if match:
            before, cue, quote = match.groups()
            speaker = _german_speaker(before) if language == "de" else _english_speaker(before)
            return _Report(speaker, cue, quote.strip(), before + " " + cue, verbatim=True)
    return None


# ---------------------------------------------------------------- a claim the author judges (both)

# "Die Behauptung, X, ist falsch." / "Trump's claim that X is false." The author's verdict
# comes after the proposition, so it is only found by a rule that knows where the claim ends.
_DE_CLAIM_NOUNS = r"(?:Falsch)?(?:[Bb]ehauptung|Aussage|Gerücht|Theorie|Darstellung|Erzählung)(?:en)?"
_EN_CLAIM_NOUNS = r"(?:claims?|allegations?|assertions?|rumou?rs?|theory|theories|statements?|narratives?)"
_DE_VERDICT = (
    r"(?:ist|sind|war|wurde|wurden)\s+(?:(?:nachweislich|längst|seit \w+|eindeutig|klar|frei|durch [^,]+?)\s+){0,3}"
    r"(?:falsch|widerlegt|unbelegt|haltlos|erfunden|frei erfunden|unwahr)"
)
_EN_VERDICT = (
    r"(?:is|are|was|were|has been|have been)\s+(?:(?:\w+ly|long|also|now)\s+){0,2}"
    r"(?:false|untrue|wrong|baseless|unfounded|debunked|refuted|disproven|contradicted)\b.*"
)
_POSSESSIVE_EN = re.compile(r"^((?:[A-Z][\w\-]*\s+)*[A-Z][\w\-]*)['’]s\s")
_POSSESSIVE_DE = re.compile(r"^((?:[A-Z][\w\-]*\s+)*[A-Z][\w\-]*?)s\s")


def _judged_claim(text: str, language: str) -> _Report | None:
    """'Die Behauptung, X, ist widerlegt.' / 'The claim that X has been debunked.' -> X."""
    if language == "de":
        match = re.match(rf"(.*?\b{_DE_CLAIM_NOUNS}\b[^,]{{0,40}}),\s*(.+?),\s*({_DE_VERDICT}\b.*?)\s*[.!]?$", text)
        possessive = _POSSESSIVE_DE.match(text)
    else:
        match = re.match(rf"(.*?\b{_EN_CLAIM_NOUNS}\s+that)\s+(.+?)\s+({_EN_VERDICT})\s*[.!]?$", text)
        possessive = _POSSESSIVE_EN.match(text)
    if not match:
        return None
    speaker = possessive.group(1) if possessive and possessive.end() <= match.end(1) else None
    noun = re.search(_DE_CLAIM_NOUNS if language == "de" else _EN_CLAIM_NOUNS, match.group(1))
    cue = noun.group(0) if noun else match.group(1).split()[-1]
    return _Report(speaker, cue, match.group(2), match.group(1) + " " + match.group(3))


# ---------------------------------------------------------------- German rules


def _german_subject_of(before: str, middle: str) -> str | None:
    """The speaker of a verb of saying, from the words before the verb and those between the
    verb and its clause. 'Trump sagte' -> before; 'Am Samstag teilte X mit' -> middle."""
    clauses = _CLAUSE_COMMA.split(before)
    clause = clauses[-1].split()
    if clause and _bare(clause[0]).lower() in _DE_CONJUNCTIONS:
        clause = clause[1:]  # "…, nachdem ein Beamter … mitgeteilt hatte"
    if clause and _bare(clause[0]).lower() not in _DE_PREPOSITIONS | _DE_ADVERBS:
        return _german_speaker(" ".join(clause))
    # Inverted order: the subject follows the first constituent (and an auxiliary) or the verb.
    rest = clause[_german_constituent_length(clause) :] if clause else []
    rest = [t for t in rest if _bare(t) not in {"hat", "hatte", "haben", "hatten"}]
    return _german_speaker(" ".join(rest)) if rest else _german_speaker(middle)


def _german_say(text: str, language: str) -> _Report | None:
    """X sagte/erklärte/behauptete/teilte … mit, dass Y / X sagte, Y sei Z."""
    for cue_match in _top_level(list(re.finditer(rf"\b({_DE_SAY_VERBS})\b", text)), text, language):
        verb = cue_match.group(1)
        after = text[cue_match.end() :]
        split = re.search(r"[,:](?=\s|$)", after)
        if not split:
            continue
        middle, clause = after[: split.start()].strip(), after[split.end() :].strip()
        cue = verb
        if verb in _DE_PARTICLES:
            particle = re.search(rf"(?:^|\s)({'|'.join(_DE_PARTICLES[verb])})$", middle)
            if not particle:
                continue
            middle = middle[: particle.start()].strip()
            cue = f"{verb} … {particle.group(1)}" if middle else f"{verb} {particle.group(1)}"
        speaker = _german_subject_of(text[: cue_match.start()].strip(), middle)
        proposition = _german_reported_clause(clause)
        if proposition is None:  # "X räumte ein, Y getan zu haben": X did Y
            plural = verb.endswith("en") and verb not in {"gestanden"}
            proposition = _perfect_infinitive(clause, speaker, plural)
        if proposition is None:
            continue
        if verb in _DE_DENIALS:
            proposition = _negate_german(proposition)
        return _Report(speaker, cue, proposition, text[: cue_match.end() + split.end()])
    return None


def _perfect_infinitive(clause: str, subject: str | None, plural: bool = False) -> str | None:
    """'den Krieg begonnen zu haben' with subject 'Selenskyj' -> 'Selenskyj hat den Krieg
    begonnen'. None for other infinitives ('um … zu fahren', '… zu verlängern'): they have
    no tense to rebuild from."""
    if subject is None:
        return None
    clause = _strip_quote_marks(clause)
    match = re.fullmatch(r"(.+?)\s+zu\s+(haben|sein)\b(.*)", clause)
    if not match or _bare(clause.split()[0]).lower() in {"um", "ohne", "statt", "anstatt"}:
        return None
    finite = {("haben", False): "hat", ("haben", True): "haben",
              ("sein", False): "ist", ("sein", True): "sind"}[(match.group(2), plural)]  # fmt: skip
    return f"{_capitalise(subject)} {finite} {match.group(1)}{match.group(3)}"


# Words that end like a participle or infinitive but are not verbs ("gestern", "zusammen").
_DE_NOT_VERBS = frozenset(
    "gestern morgen zusammen gern gerne oben unten innen außen selten vorn hinten wieder "
    "nicht kein keine allein dann wann wenn denn zuletzt bereits jetzt erst meist".split()
)
_INDEFINITE = frozenset("ein eine einen einem einer eines".split())


def _negate_german(clause: str) -> str:
    """The negation of a German main clause, for what a denial holds: 'Der Konzern hat die
    Werte manipuliert' -> 'Der Konzern hat die Werte nicht manipuliert'; an indefinite
    article becomes 'kein…'; a clause that is already negated loses its 'nicht'."""
    comma = _CLAUSE_COMMA.search(clause)
    core, tail = (clause[: comma.start()], clause[comma.start() :]) if comma else (clause, "")
    tokens = core.split()
    finite_at = _german_constituent_length(tokens)
    if not finite_at or finite_at >= len(tokens):
        return clause
    words = [_bare(t) for t in tokens]
    if "nicht" in words[finite_at + 1 :]:
        del tokens[words.index("nicht", finite_at + 1)]
        return " ".join(tokens) + tail
    for k in range(finite_at + 1, len(tokens)):
        if words[k] in _INDEFINITE and tokens[k] == words[k]:
            tokens[k] = "k" + tokens[k]
            return " ".join(tokens) + tail
    k = len(tokens)
    while k - 1 > finite_at and re.fullmatch(r"[a-zäöüß]+(?:t|en|n)", words[k - 1]) \
            and words[k - 1] not in _DE_NOT_VERBS:
        k -= 1
    at = k if k < len(tokens) else finite_at + 1
    if k < len(tokens) and finite_at + 1 < k and words[finite_at + 1].lower() in _DE_PREPOSITIONS:
        at = finite_at + 1  # "hat nicht von den Plänen gewusst", "wird nicht vom Ausland finanziert"
    return " ".join(tokens[:at] + ["nicht"] + tokens[at:]) + tail


def _german_reported_clause(clause: str) -> str | None:
    """The main clause of 'dass Y …' or of a Konjunktiv comma clause 'Y sei Z', or None when
    the clause is not reported speech (a relative clause, 'bevor …')."""
    clause = _strip_quote_marks(clause)
    first, _, rest = clause.partition(" ")
    if first in {"dass", "wonach"}:
        return _verb_final_to_second(rest)
    if first.lower() in _DE_CONJUNCTIONS or not rest:
        return None
    tokens = clause.split()
    length = _german_constituent_length(tokens)
    # a subject may carry a prepositional attribute: "das Leitungswasser in Berlin sei …"
    while length and length + 1 < len(tokens) and not _looks_finite(tokens[length]) \
            and _bare(tokens[length]).lower() in _DE_PREPOSITIONS:
        attribute = _german_phrase_length(tokens[length + 1 :], genitive=False)
        if not attribute:
            break
        length += 1 + attribute
    if length and length < len(tokens) and (
        _looks_finite(tokens[length]) or re.fullmatch(r"[a-zäöüß]{3,}(?:te|ten)", _bare(tokens[length]))
    ):
        tokens[length] = _indicative(_bare(tokens[length])) + tokens[length][len(_bare(tokens[length])) :]
        return " ".join(tokens)
    return None


def _german_trailing_say(text: str, language: str) -> _Report | None:
    """'Y sei Z, sagte X.' / 'Y, so X.' / 'Y, hieß es aus Regierungskreisen.'"""
    match = re.fullmatch(rf"(.+?),\s*(?:(hieß es)\b.*|(so|{_DE_SAY_VERBS})\s+(.+?))\s*[.!]?", text)
    if not match or not _outside_quotes(text, language)[match.end(1) - 1]:
        return None
    proposition = _german_reported_clause(match.group(1)) or match.group(1)
    if match.group(2):
        return _Report(None, match.group(2), proposition, text[match.end(1) :])
    speaker = _german_speaker(match.group(4))
    if speaker is None:
        return None
    return _Report(speaker, match.group(3), proposition, text[match.end(1) :])


def _german_accusation(text: str, language: str) -> _Report | None:
    """X beschuldigte Y, Z getan zu haben / X warf Y vor, Z getan zu haben (or dass …)."""
    match = re.search(
        r"\b(beschuldigte|beschuldigten|beschuldigt)\s+(.+?),\s*(.+)$"
        r"|\b(warf|warfen|wirft|werfen)\s+(.+?)\s+vor\s*,\s*(.+)$",
        text,
    )
    if not match:
        return None
    if match.group(1):
        cue, accused_text, clause, case = match.group(1), match.group(2), match.group(3), "accusative"
    else:
        cue, accused_text, clause, case = f"{match.group(4)} … vor", match.group(5), match.group(6), "dative"
    accused = _german_speaker(accused_text, case)
    speaker = _german_subject_of(text[: match.start()].strip(), "")
    frame = text[: match.end() - len(clause)]
    clause = _strip_quote_marks(clause)
    plural = accused is not None and case == "dative" and accused_text.split()[0] == "den"
    infinitive = _perfect_infinitive(clause, accused, plural)
    if infinitive:
        proposition = infinitive
    elif clause.startswith("dass "):  # "warf X vor, dass er …": "er" is the accused
        proposition = _resolve_pronoun(_verb_final_to_second(clause[len("dass ") :]), accused)
    else:  # "…, den Krieg zu verlängern": no conjugation table, so check the sentence itself
        return _Report(speaker, cue, text, frame, verbatim=True)
    return _Report(speaker, cue, proposition, frame, own_subject=False)


_DE_DATIVE_PRONOUNS = {"ihm": "er", "ihr": "sie", "ihnen": "sie"}


def _german_passive_accusation(text: str, language: str) -> _Report | None:
    """'Dem Minister wird vorgeworfen, X getan zu haben' / 'Der Minister wird beschuldigt, …'
    / 'Der Minister steht im Verdacht, …' -> 'Der Minister hat X getan', with no speaker."""
    match = re.fullmatch(
        r"(.+?)\s+(?:(wird|werden|wurde|wurden)\s+(vorgeworfen|zur Last gelegt|beschuldigt|verdächtigt)"
        r"|(steht|stehen|stand|standen)\s+(im Verdacht))\s*,\s*(.+)",
        text,
    )
    if not match:
        return None
    before, clause = match.group(1), match.group(6)
    if match.group(2):
        auxiliary, participle = match.group(2), match.group(3)
    else:
        auxiliary, participle = match.group(4), match.group(5)
    dative = participle in {"vorgeworfen", "zur Last gelegt"}
    pronoun = _DE_DATIVE_PRONOUNS.get(before.lower()) if dative else None
    accused = pronoun or _german_speaker(before, "dative" if dative else "nominative")
    if accused is None or _german_phrase_length(before.split()) not in (0, len(before.split())):
        return None  # something else stands before the passive: not the accused alone
    plural = (dative and before.split()[0].lower() in {"den", "ihnen"}) or (
        not dative and auxiliary.endswith("en"))
    proposition = _perfect_infinitive(clause, accused, plural)
    if proposition is None and clause.startswith("dass "):
        proposition = _verb_final_to_second(clause[len("dass ") :])
    if proposition is None:
        return None
    return _Report(None, f"{auxiliary} {participle}", proposition, text[: match.start(6)], own_subject=False)


def _german_claim_noun(text: str, language: str) -> _Report | None:
    """'X verbreitete die (falsche) Behauptung, Y sei Z' -> 'Y ist Z', spoken by X."""
    match = _search_outside_quotes(re.compile(rf"\b({_DE_CLAIM_NOUNS})\s*,\s*"), text, language)
    if not match:
        return None
    proposition = _german_reported_clause(text[match.end() :])
    if proposition is None:
        return None
    before = text[: match.start()].split()
    verb_at = next((k for k, t in enumerate(before) if k and not _is_capitalised(t)
                    and _bare(t).lower() not in _DE_DETERMINERS), None)
    speaker = _german_speaker(" ".join(before[:verb_at])) if verb_at else None
    return _Report(speaker, match.group(1), proposition, text[: match.end()])


def _german_heisst_es(text: str, language: str) -> _Report | None:
    """'Es heißt, Y sei Z.' / 'In einem Video heißt es, Y sei Z.' (the source is the place)."""
    match = re.fullmatch(r"(.*?)\b(heißt es|hieß es|[Ee]s heißt|[Ee]s hieß)\s*,\s*(.+)", text)
    if not match:
        return None
    proposition = _german_reported_clause(match.group(3))
    if proposition is None:
        return None
    place = match.group(1).split()
    speaker = None
    if place and _bare(place[0]).lower() in {"in", "im", "auf", "aus", "bei"}:
        speaker = _speaker_from_case(" ".join(place[1:]), "dative") if len(place) > 1 else None
    cue = match.group(2) if not match.group(2).lower().startswith("es") else match.group(2).split()[1]
    return _Report(speaker, cue, proposition, text[: match.start(3)])


def _german_own_account(text: str, language: str) -> _Report | None:
    """'Moskau hat nach eigenen Angaben zwei Raketen abgefangen': the subject is the source."""
    match = re.search(r",?\s*\b([Nn]ach eigenen (?:Angaben|Worten|Aussagen|Darstellung))\b,?", text)
    if not match:
        return None
    rest = (text[: match.start()] + " " + text[match.end() :]).strip()
    if match.start() == 0:
        rest = _verb_first_to_second(rest)
    tokens = rest.split()
    length = _german_phrase_length(tokens)
    speaker = _speaker_from_case(" ".join(tokens[:length]), "nominative") if length else None
    return _Report(speaker, match.group(1), rest, match.group(0))


def _german_according_to(text: str, language: str) -> _Report | None:
    """laut X … / X zufolge … / nach Angaben von X … — the sentence without that phrase."""
    tokens = text.split()
    for i, token in enumerate(tokens):
        word = _bare(token).lower()
        if word == "laut" and i + 1 < len(tokens):
            return _without_phrase(tokens, i, i + 1, "laut", "dative")
        if word in _DE_ACCOUNT_NOUNS and i > 0 and _bare(tokens[i - 1]).lower() == "nach" and i + 1 < len(tokens):
            after = tokens[i + 1 :]
            cue = f"nach {_bare(token)}"
            if _bare(after[0]) in {"von", "vom"}:
                return _without_phrase(tokens, i - 1, i + 2, cue, "dative")
            return _without_phrase(tokens, i - 1, i + 1, cue, "genitive")
        if word == "zufolge" and i > 0:
            return _zufolge(tokens, i)
    return None


# "nach Angaben des Ministeriums", "nach Überzeugung des Gerichts": the genitive is the source.
_DE_ACCOUNT_NOUNS = frozenset(
    "angaben überzeugung ansicht einschätzung auffassung darstellung informationen erkenntnissen".split()
)


def _without_phrase(tokens: list[str], start: int, phrase_start: int, cue: str, case: str) -> _Report | None:
    """Remove 'laut X' (tokens[start:] up to the end of X) and report the rest."""
    length = _german_reference_length(tokens[phrase_start:]) or _german_phrase_length(
        tokens[phrase_start:], genitive=case != "genitive")
    if not length:
        return None
    end = phrase_start + length
    speaker_phrase = " ".join(tokens[phrase_start:end]).strip(",")
    rest = tokens[:start] + tokens[end:]
    frame = " ".join(tokens[start:end])
    return _Report(_speaker_from_case(speaker_phrase, case), cue, _rejoin(rest, start), frame)


def _zufolge(tokens: list[str], index: int) -> _Report | None:
    """'Der Quelle zufolge handle es sich um …': the phrase before 'zufolge' is the source."""
    for start in range(max(0, index - 6), index):
        if _german_phrase_length(tokens[start:index]) == index - start:
            speaker = _speaker_from_case(" ".join(tokens[start:index]), "dative")
            rest = tokens[:start] + tokens[index + 1 :]
            frame = " ".join(tokens[start : index + 1])
            return _Report(speaker, "zufolge", _rejoin(rest, start), frame)
    return None


def _speaker_from_case(phrase: str, case: str) -> str:
    phrase = phrase.strip(_PUNCT + " ")
    if case == "genitive" and re.fullmatch(r"des (\S+?)s", phrase):
        return phrase[len("des ") : -1]  # "des Ministeriums" -> "Ministerium"
    return _lower_article(_to_nominative(phrase, case))


def _rejoin(tokens: list[str], gap: int) -> str:
    """Join the tokens left after removing a phrase at `gap`; a clause that now starts with
    its verb gets the verb back in second place."""
    text = " ".join(tokens).strip(" ,")
    if gap == 0:
        text = _verb_first_to_second(text)
    return text


def _german_as_reported(text: str, language: str) -> _Report | None:
    """…, wie X mitteilte. / Wie X sagte, …: the sentence without the wie clause."""
    verbs = (
        "mitteilte|mitteilten|sagte|sagten|erklärte|erklärten|berichtete|berichteten|betonte|bestätigte"
        "|schrieb|meldete|meldeten|verriet|berichtet|mitteilt|sagt|erklärt"
    )
    match = _search_outside_quotes(re.compile(rf"(?:^|,\s*)[Ww]ie\s+(.+?)\s+({verbs})\b\s*,?"), text, language)
    if not match:
        return None
    speaker = _german_speaker(match.group(1))
    if speaker is None:
        return None
    rest = (text[: match.start()] + " " + text[match.end() :]).strip()
    if match.start() == 0:
        rest = _verb_first_to_second(rest)
    return _Report(speaker, f"wie … {match.group(2)}", rest, match.group(0))


def _german_hearsay(text: str, language: str) -> _Report | None:
    """'Putin soll den Befehl gegeben haben.' -> 'Putin hat den Befehl gegeben.' Only 'soll'
    with a final 'haben'/'sein' is hearsay; 'soll bereitstellen' is an obligation."""
    match = re.fullmatch(r"(.*?)\b(soll|sollen)\s+(.+?)\s+(haben|sein)\s*([.!]?)", text)
    if not match:
        return None
    before, modal, middle, auxiliary, _ = match.groups()
    finite = {("soll", "haben"): "hat", ("soll", "sein"): "ist",
              ("sollen", "haben"): "haben", ("sollen", "sein"): "sind"}[(modal, auxiliary)]  # fmt: skip
    return _Report(None, modal, f"{before}{finite} {middle}", text)


def _german_adverb(text: str, language: str) -> _Report | None:
    """'… hat angeblich …': hearsay by adverb; the proposition is the sentence without it."""
    match = re.search(r",?\s*\b[Aa]ngeblich\b,?", text)
    if not match:
        return None
    rest = (text[: match.start()] + " " + text[match.end() :]).strip()
    if match.start() == 0:  # "Angeblich kassierte der Star …": the verb goes back to second place
        rest = _verb_first_to_second(rest)
    return _Report(None, "angeblich", rest, text)


def _german_konjunktiv(text: str, language: str) -> _Report | None:
    """Konjunktiv I without another cue: 'Die Lage sei ernst.', '…, dass Y Z habe'."""
    words = list(re.finditer(r"\b(\w+)\b", text))
    for k, word in enumerate(words):
        form = word.group(1)
        neighbours = {w.group(1).lower() for w in words[max(0, k - 1) : k + 2]} - {form}
        if form not in _KONJUNKTIV_CUES or "ich" in neighbours or "denn" in neighbours:
            continue
        if not _outside_quotes(text, language)[word.start()]:
            continue
        commas = [m.end() for m in _CLAUSE_COMMA.finditer(text, 0, word.start())]
        clause_start = commas[-1] if commas else 0
        clause = text[clause_start:].strip()
        # after a comma the clause must read as reported speech; a main clause is one already
        proposition = _german_reported_clause(clause) if clause_start else clause
        if proposition:
            return _Report(None, form, proposition, text[:clause_start])
    return None


_GERMAN_RULES: tuple[_Rule, ...] = (
    _quote_then_speaker,
    _speaker_then_quote,
    _judged_claim,
    _german_accusation,
    _german_passive_accusation,
    _german_as_reported,
    _german_say,
    _german_heisst_es,
    _german_claim_noun,
    _german_trailing_say,
    _german_according_to,
    _german_own_account,
    _german_hearsay,
    _german_adverb,
    _german_konjunktiv,
)

# ---------------------------------------------------------------- English rules


def _english_accusation(text: str, language: str) -> _Report | None:
    """X accused Y of starting Z -> 'Y started Z'."""
    match = re.search(r"\b(accused|accuses|accuse)\s+(.+?)\s+of\s+(not\s+)?(\w+ing)\b(.*)$", text)
    if not match:
        return None
    speaker = _english_speaker(text[: match.start()])
    accused = {"him": "he", "her": "she", "them": "they"}.get(match.group(2), match.group(2))
    verb = f"did not {base_from_gerund(match.group(4))}" if match.group(3) else past_from_gerund(match.group(4))
    proposition = f"{_capitalise(_lower_article(accused))} {verb}{match.group(5)}"
    return _Report(speaker, match.group(1), proposition, text[: match.start(3) if match.group(3) else match.start(4)],
                   own_subject=False)


def _english_gerund_report(text: str, language: str) -> _Report | None:
    """'X denied sending troops' -> 'X did not send troops'; 'X admitted using Y' -> 'X used Y'."""
    match = re.search(
        r"\b(denied|denies|deny|admitted|admits|admit|acknowledged|acknowledges)\s+(having\s+)?(\w+)\b(.*)$", text
    )
    if not match or not (match.group(3).endswith("ing") or match.group(2)):
        return None
    speaker = _english_speaker(text[: match.start()])
    if speaker is None:
        return None
    verb = match.group(3)
    if match.group(2):  # "denied having taken"
        base, past = base_from_past(verb), past_from_participle(verb)
    else:
        base, past = base_from_gerund(verb), past_from_gerund(verb)
    denial = match.group(1) in _EN_DENIALS
    proposition = f"{_capitalise(speaker)} {'did not ' + base if denial else past}{match.group(4)}"
    return _Report(speaker, match.group(1), proposition, text[: match.start(2) if match.group(2) else match.start(3)],
                   own_subject=False)


def _english_denial(text: str, language: str) -> _Report | None:
    """'X denied/rejected (claims) that Y' -> not Y, held by X."""
    match = re.search(
        r"\b(denied|denies|deny|rejected|rejects|dismissed|dismisses)\s+(?:(?:the\s+)?(?:claims?|reports?|allegations?"
        r"|suggestions?|accusations?)\s+)?that\s+(.+)$",
        text,
    )
    if not match:
        return None
    speaker = _english_speaker(text[: match.start()])
    if speaker is None:
        return None
    clause = _resolve_pronoun(_strip_quote_marks(match.group(2)), speaker)
    return _Report(speaker, match.group(1), _negate_english(_past_perfect_to_past(clause)), text[: match.start(2)],
                   own_subject=False)


_EN_AUXILIARIES = frozenset(
    "is are was were has have had will would can could should must may might do does did".split()
)


def _negate_english(clause: str) -> str:
    """'the troops shelled the plant' -> 'the troops did not shell the plant'; 'he was there'
    -> 'he was not there'; an already negated clause loses its 'not'. Unchanged if unsure."""
    tokens = clause.split()
    for k, token in enumerate(tokens[:8]):
        word = token.lower()
        if k and word in _EN_AUXILIARIES:
            if k + 1 < len(tokens) and tokens[k + 1].lower() in {"not", "never"}:
                return " ".join(tokens[: k + 1] + tokens[k + 2 :])
            return " ".join(tokens[: k + 1] + ["not"] + tokens[k + 1 :])
        if k and (word.endswith("ed") or word != base_from_past(word)) and word[:1].islower():
            return " ".join(tokens[:k] + ["did", "not", base_from_past(word)] + tokens[k + 1 :])
    return clause


def _past_perfect_to_past(clause: str) -> str:
    """The annotation guide's tense rule for reported clauses: 'had been X' -> 'was/were X',
    'had not done' -> 'did not do', 'had done' -> 'did' ('had no plans' stays)."""
    def been(match: re.Match[str]) -> str:
        subject = match.group(1)
        plural = re.search(r"[^s'’]s$|\b(?:they|we|you)$", subject, re.IGNORECASE) is not None
        return f"{subject} {'were' if plural else 'was'}"

    clause = re.sub(r"(\S+) had been\b", been, clause)
    clause = re.sub(r"\bhad (not|never) (\w+)\b", lambda m: (
        f"did not {base_from_past(m.group(2))}" if m.group(1) == "not" else f"never {past_from_participle(m.group(2))}"
    ) if is_participle(m.group(2)) else m.group(0), clause)
    return re.sub(r"\bhad (\w+)\b", lambda m: past_from_participle(m.group(1)) if is_participle(m.group(1))
                  else m.group(0), clause)


_EN_PASSIVE_VERBS = r"said|alleged|believed|thought|reported|rumou?red|understood|claimed|suspected|accused|feared"


def _english_passive(text: str, language: str) -> _Report | None:
    """'X is said to have done Y' -> 'X did Y'; 'X is alleged to be Y' -> 'X is Y'; 'X was
    accused of doing Y' -> 'X did Y'; 'It is claimed that Y' -> Y. No speaker is named."""
    impersonal = re.fullmatch(rf"[Ii]t\s+((?:is|was|has been|had been)\s+(?:{_EN_PASSIVE_VERBS}))\s+that\s+(.+)", text)
    if impersonal:
        proposition = _past_perfect_to_past(impersonal.group(2))
        return _Report(None, impersonal.group(1), proposition, text[: impersonal.start(2)])
    match = re.fullmatch(
        rf"(.+?)\s+((is|are|was|were|has been|have been)\s+(?:{_EN_PASSIVE_VERBS}))\s+(to|of)\s+(\w+)\b(.*)", text
    )
    if not match or _outside_quotes(text, language)[match.start(2)] is False:
        return None
    subject, cue, auxiliary, linker, verb, rest = match.groups()
    if len(subject.split()) > 8 or subject.lower() in {"it", "this", "that"}:
        return None
    plural = auxiliary in {"are", "were", "have been"}
    if linker == "of":  # "was accused of stealing", "of having stolen"
        if verb == "having" and rest.split():
            participle, _, rest = rest.strip().partition(" ")
            predicate = f"{past_from_participle(participle)} {rest}".rstrip()
        elif verb.endswith("ing"):
            predicate = f"{past_from_gerund(verb)}{rest}"
        else:
            return _Report(None, cue, text, text, verbatim=True)  # "accused of fraud": a noun, not a clause
    elif verb == "have" and rest.split():
        participle, _, rest = rest.strip().partition(" ")
        predicate = f"{past_from_participle(participle)} {rest}".rstrip()
    elif verb == "be":
        tense = {"is": "is", "are": "are", "was": "was", "were": "were", "has been": "is", "have been": "are"}
        predicate = f"{tense[auxiliary]}{rest}"
    else:
        predicate = f"{verb if plural else _third_person(verb)}{rest}"
    return _Report(None, cue, f"{subject} {predicate}", text[: match.end(4)], own_subject=False)


def _third_person(verb: str) -> str:
    if verb == "have":
        return "has"
    if re.search(r"(?:s|sh|ch|x|z|o)$", verb):
        return verb + "es"
    if re.search(r"[^aeiou]y$", verb):
        return verb[:-1] + "ies"
    return verb + "s"


# What may follow a trailing "…, X said": "in a statement", "on Monday", "reporters".
_EN_AFTERTHOUGHT = r"(?:in|on|at|during|after|before|via|from|late|earlier|reporters|journalists)\b[\w ]{0,40}"
# A short speaker phrase: "the ministry", "a senior official", "Zelensky", "he".
_EN_NOUN_PHRASE = r"(?:(?:the|a|an|[Hh]e|[Ss]he|[Tt]hey)\b[^,]{0,50}?|[A-Z][^,]{0,50}?)"


def _english_trailing_say(text: str, language: str) -> _Report | None:
    """'Y, X said.' / 'Y, said X.' / 'Y, as X said.' / 'Y, X told reporters.'"""
    patterns = (
        rf"(.+),\s*({_EN_NOUN_PHRASE})\s+({_EN_SAY_VERBS})(?:\s+{_EN_AFTERTHOUGHT})?\s*\.?",
        rf"(.+),\s*({_EN_SAY_VERBS})\s+({_EN_NOUN_PHRASE})\s*\.?",
        r"(.+?),?\s+as\s+(.+?)\s+(said|told \w+|reported|noted)\s*\.?",
    )
    for number, pattern in enumerate(patterns):
        match = re.fullmatch(pattern, text)
        if not match or not _outside_quotes(text, language)[match.end(1) - 1]:
            continue
        if number == 1:
            speaker, cue = match.group(3), match.group(2)
        else:
            speaker, cue = match.group(2), match.group(3)
        cue = cue if number < 2 else f"as … {cue}"
        return _Report(_english_speaker(speaker), cue, match.group(1), text[match.end(1) :])
    return None


def _english_say(text: str, language: str) -> _Report | None:
    """X said (that) Y / X claimed that Y / X told reporters that Y."""
    for cue_match in _top_level(list(re.finditer(rf"\b({_EN_SAY_VERBS})\b", text)), text, language):
        if re.search(r"\b(?:is|are|was|were|been|being)\s+$", text[: cue_match.start()]):
            continue  # a passive ("was told to leave", "was admitted to hospital")
        after = text[cue_match.end() :]
        that = re.match(r"((?:[\s,]+[\w’'\-]+){0,8}?)[\s,]+(?:that\b|:)\s*(.+)", after)
        if that and re.search(r"\b(?:claims?|allegations?|assertions?)$", that.group(1)):
            continue  # "repeated the claim that …": the claim noun's rule names the cue
        if that:
            proposition = that.group(2)
        elif cue_match.group(1) in _EN_BARE_SAY_VERBS and re.match(r"\s+\S", after):
            rest = after.strip()
            first = rest.split()[0]
            if first.lower() in _EN_NOT_A_SUBJECT or first.endswith("ly"):
                continue
            proposition = rest
        else:
            continue
        speaker = _english_speaker(text[: cue_match.start()])
        if speaker is None:
            continue
        frame = text[: len(text) - len(proposition)]
        proposition = _strip_quote_marks(proposition)
        if cue_match.group(1) in _EN_DENIALS:
            proposition = _negate_english(_past_perfect_to_past(_resolve_pronoun(proposition, speaker)))
        return _Report(speaker, cue_match.group(1), proposition, frame)
    return None


def _english_according_to(text: str, language: str) -> _Report | None:
    """'According to X, Y.' / 'Y, according to X.' / 'Y, according to X, Z.'"""
    match = re.search(r"(?:^|,\s*)[Aa]ccording to\s+([^,.]+)[,.]?\s*", text)
    if not match:
        return None
    rest = f"{text[: match.start()]} {text[match.end() :]}"
    return _Report(_lower_article(match.group(1).strip()), "according to", rest, match.group(0))


def _english_claim_noun(text: str, language: str) -> _Report | None:
    """'X repeated the false claim that Y.' -> Y (the speaker is a leading name, if any)."""
    match = re.search(r"\b(claims?|allegations?|assertions?)\s+that\s+(.+)$", text)
    if not match:
        return None
    name = re.match(r"((?:[A-Z][\w’'\-]*\s+)*[A-Z][\w’'\-]*)\s+[a-z]", text)
    speaker = name.group(1) if name and match.start() > name.end() else None
    return _Report(speaker, match.group(1), match.group(2), text[: match.start(2)])


def _english_adverb(text: str, language: str) -> _Report | None:
    """'X reportedly/allegedly did Y' -> 'X did Y', reported by an unnamed source."""
    match = re.search(r",?\s*\b(reportedly|allegedly)\b,?", text)
    if not match:
        return None
    return _Report(None, match.group(1), (text[: match.start()] + " " + text[match.end() :]).strip(), text)


_ENGLISH_RULES: tuple[_Rule, ...] = (
    _quote_then_speaker,
    _speaker_then_quote,
    _judged_claim,
    _english_accusation,
    _english_passive,
    _english_gerund_report,
    _english_denial,
    _english_trailing_say,
    _english_say,
    _english_according_to,
    _english_claim_noun,
    _english_adverb,
)

# ---------------------------------------------------------------- the author's own verdict

_FALSE_MARKERS = {
    "de": r"fälschlich\w*|\bfalsch\w*|zu Unrecht|ohne (?:jeden |jegliche )?(?:Belege?|Beweise?)"
    r"|\bunbelegt\w*|entgegen den Fakten|wahrheitswidrig\w*|\bhaltlos\w*|\bwiderlegt\w*"
    r"|\b(?:frei )?erfunden\b|\bunwahr\w*",
    "en": r"\bfalsely\b|\bwrongly\b|\bbaseless(?:ly)?\b|without (?:any |offering |providing )?evidence"
    r"|contrary to the facts|\b(?:is|are|was|were) (?:\w+ )?(?:false|untrue)\b|\brefuted\b|\bdisproven\b"
    r"|\bcontradicted\b"
    r"|\bdebunked\b|\bfalse claims?\b|\bunfounded\b",
}
_TRAILING_MARKER = re.compile(
    r",\s*(?:ohne (?:jeden |jegliche )?(?:Belege?|Beweise?)(?: zu nennen| vorzulegen)?"
    r"|without (?:any |offering |providing )?evidence)\s*([.!]?)$",
    re.IGNORECASE,
)


def _marks_false(frame: str, language: str) -> bool:
    patterns = [_FALSE_MARKERS[language]] if language in _FALSE_MARKERS else list(_FALSE_MARKERS.values())
    return any(re.search(p, frame, re.IGNORECASE) for p in patterns)


def find_attribution(sentence: Sentence) -> tuple[Attribution, str]:
    """Whether the sentence asserts or reports, and the text to check.

    The text to check is the reported proposition as a stand-alone sentence for a reported
    claim, and the sentence itself otherwise; it is never empty.

    >>> from checker.records import Layout, Sentence
    >>> text = "X sagte, die Lage sei ernst."
    >>> attribution, checked = find_attribution(Sentence(0, text, 0, len(text), Layout.TEXT, "de"))
    >>> attribution.type.value, attribution.speaker, attribution.cue, checked
    ('reported', 'X', 'sagte', 'Die Lage ist ernst.')
    """
    text = " ".join(sentence.text.split())
    language = sentence.language
    head = _drop_contrast_clause(text, language)
    for rule in _rules_for(language):
        report = rule(head, language)
        if report is None:
            continue
        checked, dropped_marker = _tidy_proposition(report, language)
        if len(checked.split()) < 2:
            continue  # too little left to check: not this rule's pattern after all
        marked = _marks_false(report.frame + " " + dropped_marker, language)
        cue = " ".join(report.cue.split())
        return Attribution(AttributionType.REPORTED, report.speaker, cue, marked), checked
    return ASSERTED, text or sentence.text


def _rules_for(language: str) -> tuple[_Rule, ...]:
    if language == "de":
        return _GERMAN_RULES
    if language == "en":
        return _ENGLISH_RULES
    return ()  # other languages: no rules yet, so every sentence counts as asserted


def _tidy_proposition(report: _Report, language: str) -> tuple[str, str]:
    """The proposition as a clean sentence, and any trailing 'without evidence' cut off it."""
    proposition = report.proposition.strip()
    if report.verbatim:
        return _as_sentence(proposition), ""
    dropped = ""
    marker = _TRAILING_MARKER.search(proposition)
    if marker:
        dropped, proposition = marker.group(0), proposition[: marker.start()]
    proposition = _strip_quote_marks(proposition)
    if language == "de":
        hearsay = _german_hearsay(proposition, language)  # "laut X soll Y … haben": Y has …
        if hearsay is not None:
            proposition = hearsay.proposition
        proposition = _convert_konjunktiv(proposition)
    if report.own_subject:
        proposition = _resolve_pronoun(proposition, report.speaker)
    if language == "en":
        proposition = _past_perfect_to_past(proposition)
        if _EN_PAST_CUES.search(report.cue):  # "said it would" reports "it will"
            proposition = re.sub(r"\bwould\b", "will", proposition)
    return _as_sentence(proposition), dropped
