"""German attribution rules: the German word lists, the grammar the rules need (noun-phrase
lengths, case normalisation, Konjunktiv I to indicative, verb-final to verb-second, negation
for denials) and `RULES`, the German table in the order it is tried (the first match wins).
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from checker.attribution_text import (
    CLAUSE_COMMA,
    DE_DETERMINERS,
    PUNCT,
    QUOTE_CHARS,
    Report,
    Rule,
    bare,
    capitalise,
    ends_phrase,
    is_capitalised,
    judged_claim,
    lower_article,
    outside_quotes,
    quote_then_speaker,
    resolve_pronoun,
    search_outside_quotes,
    speaker_then_quote,
    strip_quote_marks,
    top_level,
)

# ================================================================ German phrases

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
    if i < n and bare(tokens[i]).lower() in DE_DETERMINERS and not ends_phrase(tokens[i]):
        i += 1
        while i < n and re.fullmatch(r"[a-zäöüß][\w\-]*(?:e|en|er|es|em)|\d+|zwei|drei|vier|fünf|sechs|sieben"
                                     r"|acht|neun|zehn|elf|zwölf", bare(tokens[i])) \
                and not ends_phrase(tokens[i - 1]):
            i += 1
    start_of_nouns = i
    while i < n and is_capitalised(tokens[i]) and tokens[i][0] not in QUOTE_CHARS:
        i += 1
        if ends_phrase(tokens[i - 1]):
            return i
    if i == start_of_nouns:
        return 0
    if genitive and i < n and bare(tokens[i]) in {"des", "der"}:  # the article is the tail's own
        i += _german_phrase_length(tokens[i:], genitive=False)
    elif genitive and i < n and bare(tokens[i]) == "von":  # "der Besuch von Kellogg"
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
    if i < len(tokens) and bare(tokens[i]) in {"des", "der"}:
        i += _german_phrase_length(tokens[i:], genitive=False)
    return i


def _german_constituent_length(tokens: Sequence[str]) -> int:
    """Tokens taken by the first constituent: a pronoun, an adverb, a prepositional or a
    noun phrase. 0 when none is recognised."""
    if not tokens:
        return 0
    first = bare(tokens[0]).lower()
    if first in _DE_PREPOSITIONS:
        rest = _german_phrase_length(tokens[1:], genitive=False)
        return 1 + rest if rest else 0
    if re.fullmatch(r"[\d.,]+", first):  # "300 Soldaten", "62 Prozent der Deutschen"
        return 1 + _german_phrase_length(tokens[1:])
    phrase = _german_phrase_length(tokens)
    if phrase and phrase + 1 < len(tokens) and bare(tokens[phrase]) in {"und", "oder"} \
            and not ends_phrase(tokens[phrase - 1]):
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
        if tokens and bare(tokens[0]).lower() in {"er", "sie"}:
            return bare(tokens[0]).lower()
        return None
    phrase = " ".join(bare(t) if k == length - 1 else t for k, t in enumerate(tokens[:length]))
    return lower_article(_to_nominative(phrase, case))


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
        if not is_capitalised(token):
            break
        head = bare(token)
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
        named_adjective = k + 1 < len(tokens) and is_capitalised(tokens[k + 1]) and token[:1].isupper()
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
    word = bare(word)
    return word in _DE_INDICATIVE or word in _KONJUNKTIV or word.endswith(tuple(_KONJUNKTIV_II)) or (
        bool(re.fullmatch(r"[a-zäöüß]{2,}e", word)) and _indicative(word) != word
    )


# A listed Konjunktiv form, unless it belongs to "ich" ("ich habe", "habe ich" are indicative).
_KONJUNKTIV_WORD = re.compile(rf"(?<![Ii]ch )\b({'|'.join(_KONJUNKTIV)})\b(?! ich\b)")


def convert_konjunktiv(text: str) -> str:
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
    comma = CLAUSE_COMMA.search(clause)
    core, tail = (clause[: comma.start()], clause[comma.start() :]) if comma else (clause, "")
    tokens = core.split()
    length = _german_constituent_length(tokens[:-1])
    if len(tokens) < 2 or not _is_final_finite(tokens) or not length or length == len(tokens) - 1:
        return clause
    main = tokens[:length] + [_indicative(bare(tokens[-1]))] + tokens[length:-1]
    return " ".join(main) + tail


def _is_final_finite(tokens: Sequence[str]) -> bool:
    """Whether the last word of a verb-final clause is its finite verb: a known form, or a
    plain verb not preceded by another verb form ('beginnen dürfen' is a cluster: unsure)."""
    finite = bare(tokens[-1])
    if not re.fullmatch(r"[a-zäöüß]+", finite):
        return False
    if _looks_finite(finite) or re.search(r"(?:t|te|ten)$", finite):
        return True
    before = bare(tokens[-2]) if len(tokens) > 1 else ""
    return finite.endswith("en") and not re.fullmatch(r"[a-zäöüß]+(?:en|t)", before)


# ================================================================ German rules

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


# ---------------------------------------------------------------- direct quotes


def _speaker_after_quote(tail: str) -> tuple[str | None, str] | None:
    """', sagte X.' / ', so X.' after a quotation: (X, the cue)."""
    found = re.fullmatch(rf",?\s*({_DE_SAY_VERBS}|so)\s+(.+?)[.!]?", tail)
    if found:
        return _german_speaker(found.group(2)), found.group(1)
    return None


def _quote_then_speaker(text: str, language: str) -> Report | None:
    """„…“, sagte X. / „…“, so X. / a sentence that is only a quotation."""
    return quote_then_speaker(text, language, _speaker_after_quote)


def _speaker_then_quote(text: str, language: str) -> Report | None:
    """X sagte: „…“."""
    return speaker_then_quote(text, language, _DE_SAY_VERBS, _german_speaker)


# ---------------------------------------------------------------- a claim the author judges

_DE_CLAIM_NOUNS = r"(?:Falsch)?(?:[Bb]ehauptung|Aussage|Gerücht|Theorie|Darstellung|Erzählung)(?:en)?"
_DE_VERDICT = (
    r"(?:ist|sind|war|wurde|wurden)\s+(?:(?:nachweislich|längst|seit \w+|eindeutig|klar|frei|durch [^,]+?)\s+){0,3}"
    r"(?:falsch|widerlegt|unbelegt|haltlos|erfunden|frei erfunden|unwahr)"
)
_POSSESSIVE_DE = re.compile(r"^((?:[A-Z][\w\-]*\s+)*[A-Z][\w\-]*?)s\s")
_JUDGED_CLAIM_DE = re.compile(rf"(.*?\b{_DE_CLAIM_NOUNS}\b[^,]{{0,40}}),\s*(.+?),\s*({_DE_VERDICT}\b.*?)\s*[.!]?$")


def _judged_claim(text: str, language: str) -> Report | None:
    """'Die Behauptung, X, ist widerlegt.' / 'Trumps Behauptung, X, ist falsch.' -> X."""
    return judged_claim(text, _JUDGED_CLAIM_DE, _POSSESSIVE_DE, _DE_CLAIM_NOUNS)


# ---------------------------------------------------------------- reports, accusations, sources


def _german_subject_of(before: str, middle: str) -> str | None:
    """The speaker of a verb of saying, from the words before the verb and those between the
    verb and its clause. 'Trump sagte' -> before; 'Am Samstag teilte X mit' -> middle."""
    clauses = CLAUSE_COMMA.split(before)
    clause = clauses[-1].split()
    if clause and bare(clause[0]).lower() in _DE_CONJUNCTIONS:
        clause = clause[1:]  # "…, nachdem ein Beamter … mitgeteilt hatte"
    if clause and bare(clause[0]).lower() not in _DE_PREPOSITIONS | _DE_ADVERBS:
        return _german_speaker(" ".join(clause))
    # Inverted order: the subject follows the first constituent (and an auxiliary) or the verb.
    rest = clause[_german_constituent_length(clause) :] if clause else []
    rest = [t for t in rest if bare(t) not in {"hat", "hatte", "haben", "hatten"}]
    return _german_speaker(" ".join(rest)) if rest else _german_speaker(middle)


def _german_say(text: str, language: str) -> Report | None:
    """X sagte/erklärte/behauptete/teilte … mit, dass Y / X sagte, Y sei Z."""
    for cue_match in top_level(list(re.finditer(rf"\b({_DE_SAY_VERBS})\b", text)), text, language):
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
        return Report(speaker, cue, proposition, text[: cue_match.end() + split.end()])
    return None


def _perfect_infinitive(clause: str, subject: str | None, plural: bool = False) -> str | None:
    """'den Krieg begonnen zu haben' with subject 'Selenskyj' -> 'Selenskyj hat den Krieg
    begonnen'. None for other infinitives ('um … zu fahren', '… zu verlängern'): they have
    no tense to rebuild from."""
    if subject is None:
        return None
    clause = strip_quote_marks(clause)
    match = re.fullmatch(r"(.+?)\s+zu\s+(haben|sein)\b(.*)", clause)
    if not match or bare(clause.split()[0]).lower() in {"um", "ohne", "statt", "anstatt"}:
        return None
    finite = {("haben", False): "hat", ("haben", True): "haben",
              ("sein", False): "ist", ("sein", True): "sind"}[(match.group(2), plural)]  # fmt: skip
    return f"{capitalise(subject)} {finite} {match.group(1)}{match.group(3)}"


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
    comma = CLAUSE_COMMA.search(clause)
    core, tail = (clause[: comma.start()], clause[comma.start() :]) if comma else (clause, "")
    tokens = core.split()
    finite_at = _german_constituent_length(tokens)
    if not finite_at or finite_at >= len(tokens):
        return clause
    words = [bare(t) for t in tokens]
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
    clause = strip_quote_marks(clause)
    first, _, rest = clause.partition(" ")
    if first in {"dass", "wonach"}:
        return _verb_final_to_second(rest)
    if first.lower() in _DE_CONJUNCTIONS or not rest:
        return None
    tokens = clause.split()
    length = _german_constituent_length(tokens)
    # a subject may carry a prepositional attribute: "das Leitungswasser in Berlin sei …"
    while length and length + 1 < len(tokens) and not _looks_finite(tokens[length]) \
            and bare(tokens[length]).lower() in _DE_PREPOSITIONS:
        attribute = _german_phrase_length(tokens[length + 1 :], genitive=False)
        if not attribute:
            break
        length += 1 + attribute
    if length and length < len(tokens) and (
        _looks_finite(tokens[length]) or re.fullmatch(r"[a-zäöüß]{3,}(?:te|ten)", bare(tokens[length]))
    ):
        tokens[length] = _indicative(bare(tokens[length])) + tokens[length][len(bare(tokens[length])) :]
        return " ".join(tokens)
    return None


def _german_trailing_say(text: str, language: str) -> Report | None:
    """'Y sei Z, sagte X.' / 'Y, so X.' / 'Y, hieß es aus Regierungskreisen.'"""
    match = re.fullmatch(rf"(.+?),\s*(?:(hieß es)\b.*|(so|{_DE_SAY_VERBS})\s+(.+?))\s*[.!]?", text)
    if not match or not outside_quotes(text, language)[match.end(1) - 1]:
        return None
    proposition = _german_reported_clause(match.group(1)) or match.group(1)
    if match.group(2):
        return Report(None, match.group(2), proposition, text[match.end(1) :])
    speaker = _german_speaker(match.group(4))
    if speaker is None:
        return None
    return Report(speaker, match.group(3), proposition, text[match.end(1) :])


def _german_accusation(text: str, language: str) -> Report | None:
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
    clause = strip_quote_marks(clause)
    plural = accused is not None and case == "dative" and accused_text.split()[0] == "den"
    infinitive = _perfect_infinitive(clause, accused, plural)
    if infinitive:
        proposition = infinitive
    elif clause.startswith("dass "):  # "warf X vor, dass er …": "er" is the accused
        proposition = resolve_pronoun(_verb_final_to_second(clause[len("dass ") :]), accused)
    else:  # "…, den Krieg zu verlängern": no conjugation table, so check the sentence itself
        return Report(speaker, cue, text, frame, verbatim=True)
    return Report(speaker, cue, proposition, frame, own_subject=False)


_DE_DATIVE_PRONOUNS = {"ihm": "er", "ihr": "sie", "ihnen": "sie"}


def _german_passive_accusation(text: str, language: str) -> Report | None:
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
    return Report(None, f"{auxiliary} {participle}", proposition, text[: match.start(6)], own_subject=False)


def _german_claim_noun(text: str, language: str) -> Report | None:
    """'X verbreitete die (falsche) Behauptung, Y sei Z' -> 'Y ist Z', spoken by X."""
    match = search_outside_quotes(re.compile(rf"\b({_DE_CLAIM_NOUNS})\s*,\s*"), text, language)
    if not match:
        return None
    proposition = _german_reported_clause(text[match.end() :])
    if proposition is None:
        return None
    before = text[: match.start()].split()
    verb_at = next((k for k, t in enumerate(before) if k and not is_capitalised(t)
                    and bare(t).lower() not in DE_DETERMINERS), None)
    speaker = _german_speaker(" ".join(before[:verb_at])) if verb_at else None
    return Report(speaker, match.group(1), proposition, text[: match.end()])


def _german_heisst_es(text: str, language: str) -> Report | None:
    """'Es heißt, Y sei Z.' / 'In einem Video heißt es, Y sei Z.' (the source is the place)."""
    match = re.fullmatch(r"(.*?)\b(heißt es|hieß es|[Ee]s heißt|[Ee]s hieß)\s*,\s*(.+)", text)
    if not match:
        return None
    proposition = _german_reported_clause(match.group(3))
    if proposition is None:
        return None
    place = match.group(1).split()
    speaker = None
    if place and bare(place[0]).lower() in {"in", "im", "auf", "aus", "bei"}:
        speaker = _speaker_from_case(" ".join(place[1:]), "dative") if len(place) > 1 else None
    cue = match.group(2) if not match.group(2).lower().startswith("es") else match.group(2).split()[1]
    return Report(speaker, cue, proposition, text[: match.start(3)])


def _german_own_account(text: str, language: str) -> Report | None:
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
    return Report(speaker, match.group(1), rest, match.group(0))


def _german_according_to(text: str, language: str) -> Report | None:
    """laut X … / X zufolge … / nach Angaben von X … — the sentence without that phrase."""
    tokens = text.split()
    for i, token in enumerate(tokens):
        word = bare(token).lower()
        if word == "laut" and i + 1 < len(tokens):
            return _without_phrase(tokens, i, i + 1, "laut", "dative")
        if word in _DE_ACCOUNT_NOUNS and i > 0 and bare(tokens[i - 1]).lower() == "nach" and i + 1 < len(tokens):
            after = tokens[i + 1 :]
            cue = f"nach {bare(token)}"
            if bare(after[0]) in {"von", "vom"}:
                return _without_phrase(tokens, i - 1, i + 2, cue, "dative")
            return _without_phrase(tokens, i - 1, i + 1, cue, "genitive")
        if word == "zufolge" and i > 0:
            return _zufolge(tokens, i)
    return None


# "nach Angaben des Ministeriums", "nach Überzeugung des Gerichts": the genitive is the source.
_DE_ACCOUNT_NOUNS = frozenset(
    "angaben überzeugung ansicht einschätzung auffassung darstellung informationen erkenntnissen".split()
)


def _without_phrase(tokens: list[str], start: int, phrase_start: int, cue: str, case: str) -> Report | None:
    """Remove 'laut X' (tokens[start:] up to the end of X) and report the rest."""
    length = _german_reference_length(tokens[phrase_start:]) or _german_phrase_length(
        tokens[phrase_start:], genitive=case != "genitive")
    if not length:
        return None
    end = phrase_start + length
    speaker_phrase = " ".join(tokens[phrase_start:end]).strip(",")
    rest = tokens[:start] + tokens[end:]
    frame = " ".join(tokens[start:end])
    return Report(_speaker_from_case(speaker_phrase, case), cue, _rejoin(rest, start), frame)


def _zufolge(tokens: list[str], index: int) -> Report | None:
    """'Der Quelle zufolge handle es sich um …': the phrase before 'zufolge' is the source."""
    for start in range(max(0, index - 6), index):
        if _german_phrase_length(tokens[start:index]) == index - start:
            speaker = _speaker_from_case(" ".join(tokens[start:index]), "dative")
            rest = tokens[:start] + tokens[index + 1 :]
            frame = " ".join(tokens[start : index + 1])
            return Report(speaker, "zufolge", _rejoin(rest, start), frame)
    return None


def _speaker_from_case(phrase: str, case: str) -> str:
    phrase = phrase.strip(PUNCT + " ")
    if case == "genitive" and re.fullmatch(r"des (\S+?)s", phrase):
        return phrase[len("des ") : -1]  # "des Ministeriums" -> "Ministerium"
    return lower_article(_to_nominative(phrase, case))


def _rejoin(tokens: list[str], gap: int) -> str:
    """Join the tokens left after removing a phrase at `gap`; a clause that now starts with
    its verb gets the verb back in second place."""
    text = " ".join(tokens).strip(" ,")
    if gap == 0:
        text = _verb_first_to_second(text)
    return text


def _german_as_reported(text: str, language: str) -> Report | None:
    """…, wie X mitteilte. / Wie X sagte, …: the sentence without the wie clause."""
    verbs = (
        "mitteilte|mitteilten|sagte|sagten|erklärte|erklärten|berichtete|berichteten|betonte|bestätigte"
        "|schrieb|meldete|meldeten|verriet|berichtet|mitteilt|sagt|erklärt"
    )
    match = search_outside_quotes(re.compile(rf"(?:^|,\s*)[Ww]ie\s+(.+?)\s+({verbs})\b\s*,?"), text, language)
    if not match:
        return None
    speaker = _german_speaker(match.group(1))
    if speaker is None:
        return None
    rest = (text[: match.start()] + " " + text[match.end() :]).strip()
    if match.start() == 0:
        rest = _verb_first_to_second(rest)
    return Report(speaker, f"wie … {match.group(2)}", rest, match.group(0))


def german_hearsay(text: str, language: str) -> Report | None:
    """'Putin soll den Befehl gegeben haben.' -> 'Putin hat den Befehl gegeben.' Only 'soll'
    with a final 'haben'/'sein' is hearsay; 'soll bereitstellen' is an obligation."""
    match = re.fullmatch(r"(.*?)\b(soll|sollen)\s+(.+?)\s+(haben|sein)\s*([.!]?)", text)
    if not match:
        return None
    before, modal, middle, auxiliary, _ = match.groups()
    finite = {("soll", "haben"): "hat", ("soll", "sein"): "ist",
              ("sollen", "haben"): "haben", ("sollen", "sein"): "sind"}[(modal, auxiliary)]  # fmt: skip
    return Report(None, modal, f"{before}{finite} {middle}", text)


def _german_adverb(text: str, language: str) -> Report | None:
    """'… hat angeblich …': hearsay by adverb; the proposition is the sentence without it."""
    match = re.search(r",?\s*\b[Aa]ngeblich\b,?", text)
    if not match:
        return None
    rest = (text[: match.start()] + " " + text[match.end() :]).strip()
    if match.start() == 0:  # "Angeblich kassierte der Star …": the verb goes back to second place
        rest = _verb_first_to_second(rest)
    return Report(None, "angeblich", rest, text)


def _german_konjunktiv(text: str, language: str) -> Report | None:
    """Konjunktiv I without another cue: 'Die Lage sei ernst.', '…, dass Y Z habe'."""
    words = list(re.finditer(r"\b(\w+)\b", text))
    for k, word in enumerate(words):
        form = word.group(1)
        neighbours = {w.group(1).lower() for w in words[max(0, k - 1) : k + 2]} - {form}
        if form not in _KONJUNKTIV_CUES or "ich" in neighbours or "denn" in neighbours:
            continue
        if not outside_quotes(text, language)[word.start()]:
            continue
        commas = [m.end() for m in CLAUSE_COMMA.finditer(text, 0, word.start())]
        clause_start = commas[-1] if commas else 0
        clause = text[clause_start:].strip()
        # after a comma the clause must read as reported speech; a main clause is one already
        proposition = _german_reported_clause(clause) if clause_start else clause
        if proposition:
            return Report(None, form, proposition, text[:clause_start])
    return None


# The German table, tried in this order: the first rule that matches wins.
RULES: tuple[Rule, ...] = (
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
    german_hearsay,
    _german_adverb,
    _german_konjunktiv,
)
