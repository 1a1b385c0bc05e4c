"""Attribution: does a sentence assert a claim or report someone else's, who said it, and
what exactly is claimed.

    >>> from checker.records import Layout, Sentence
    >>> text = "Trump falsely accused Zelensky of starting the war."
    >>> attribution, checked = find_attribution(Sentence(0, text, 0, len(text), Layout.TEXT, "en"))
    >>> attribution.speaker, attribution.marked_false_by_author, checked
    ('Trump', True, 'Zelensky started the war.')

Modules: this one is the entry point (it picks the language's table, tidies the proposition
and reads the author's verdict); the rules are in checker/attribution_de.py and
checker/attribution_en.py, each ending with its table `RULES`; what both languages share
(quotation marks, token helpers, the `Report` a rule returns, the rules for direct quotes
and for judged claims) is in checker/attribution_text.py.

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

from checker.attribution_de import RULES as GERMAN_RULES
from checker.attribution_de import convert_konjunktiv, german_hearsay
from checker.attribution_en import RULES as ENGLISH_RULES
from checker.attribution_en import EN_PAST_CUES, past_perfect_to_past
from checker.attribution_text import (
    QUOTE_CHARS,
    Report,
    Rule,
    as_sentence,
    drop_contrast_clause,
    resolve_pronoun,
    strip_quote_marks,
)
from checker.records import ASSERTED, Attribution, AttributionType, Sentence

__all__ = ["QUOTE_CHARS", "find_attribution"]

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
    head = drop_contrast_clause(text, language)
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


def _rules_for(language: str) -> tuple[Rule, ...]:
    if language == "de":
        return GERMAN_RULES
    if language == "en":
        return ENGLISH_RULES
    return ()  # other languages: no rules yet, so every sentence counts as asserted


def _tidy_proposition(report: Report, language: str) -> tuple[str, str]:
    """The proposition as a clean sentence, and any trailing 'without evidence' cut off it."""
    proposition = report.proposition.strip()
    if report.verbatim:
        return as_sentence(proposition), ""
    dropped = ""
    marker = _TRAILING_MARKER.search(proposition)
    if marker:
        dropped, proposition = marker.group(0), proposition[: marker.start()]
    proposition = strip_quote_marks(proposition)
    if language == "de":
        hearsay = german_hearsay(proposition, language)  # "laut X soll Y … haben": Y has …
        if hearsay is not None:
            proposition = hearsay.proposition
        proposition = convert_konjunktiv(proposition)
    if report.own_subject:
        proposition = resolve_pronoun(proposition, report.speaker)
    if language == "en":
        proposition = past_perfect_to_past(proposition)
        if EN_PAST_CUES.search(report.cue):  # "said it would" reports "it will"
            proposition = re.sub(r"\bwould\b", "will", proposition)
    return as_sentence(proposition), dropped
