"""What the German and English attribution rules share: quotation marks, tokens and
clauses, the report a rule returns, a leading pronoun read as the speaker, and the rules for
direct quotes and for a claim the author judges. Those two rules take the words that differ
by language (verbs of saying, the speaker finder, claim nouns and verdicts) from
checker/attribution_de.py and checker/attribution_en.py, which import this module; it
imports neither.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

# ================================================================ words, quotes, clauses

# German „…“ and »…«, English “…”, and straight quotes in either. "“" opens in English but
# closes in German, so the pairs depend on the language.
_QUOTE_PAIRS = {
    "de": (("„", "“"), ("»", "«"), ('"', '"')),
    "en": (("“", "”"), ('"', '"')),
}
QUOTE_CHARS = "„“”»«\"‚‘"
PUNCT = ".,;:!?()[]" + QUOTE_CHARS


def outside_quotes(text: str, language: str) -> list[bool]:
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


def top_level(matches: Sequence[re.Match[str]], text: str, language: str) -> list[re.Match[str]]:
    outside = outside_quotes(text, language)
    return [m for m in matches if outside[m.start()]]


def search_outside_quotes(regex: re.Pattern[str], text: str, language: str) -> re.Match[str] | None:
    found = top_level(list(regex.finditer(text)), text, language)
    return found[0] if found else None


def strip_quote_marks(text: str) -> str:
    return re.sub(r"\s{2,}", " ", re.sub(f"[{QUOTE_CHARS}]", "", text)).strip()


def bare(token: str) -> str:
    return token.strip(PUNCT + "–—-")


def is_capitalised(token: str) -> bool:
    stripped = bare(token)
    return bool(stripped) and stripped[0].isupper()


def ends_phrase(token: str) -> bool:
    """A token that closes the phrase it ends (punctuation after it, or an opening quote)."""
    return token.rstrip()[-1:] in ",.;:!?“”\"»«)"


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


# Articles and possessives of both languages. lower_article lowers either, whatever the
# sentence's language; the German phrase rules also read their own set.
DE_DETERMINERS = frozenset(
    """
    der die das den dem des ein eine einer einem eines einen kein keine keiner keinem keinen
    keines dieser diese dieses diesen diesem jeder jede jedes jeden alle mehrere einige viele
    sein seine seiner seinem seinen ihr ihre ihrer ihrem ihren unser unsere unserer unserem
    unseren mein meine meiner meinem meinen beiden
    """.split()
)
_EN_DETERMINERS = frozenset("the a an this that these those his her its their our".split())


def lower_article(phrase: str) -> str:
    """'Der ukrainische Führer' -> 'der ukrainische Führer'; names stay as written."""
    first, _, rest = phrase.partition(" ")
    if first.lower() in DE_DETERMINERS | _EN_DETERMINERS and rest:
        return f"{first.lower()} {rest}"
    return phrase


def as_sentence(text: str) -> str:
    """Capitalised, trimmed of dangling punctuation, ending with one full stop (or ! / ?)."""
    text = re.sub(r"\s+([,.;:!?])", r"\1", " ".join(text.split()))
    text = text.strip(" ,;:–—-")
    if not text:
        return ""
    if text[-1] not in ".!?":
        text += "."
    return capitalise(text)


# Trailing clauses that add a second, separate statement ("…, während der ukrainische Führer
# konterte"); the proposition ends before them.
_CONTRAST = re.compile(r",\s*(?:während|wohingegen|while|whereas)\b", re.IGNORECASE)


# A comma between clauses; "2,1 Prozent" has none.
CLAUSE_COMMA = re.compile(r",(?=\s|$)")


def drop_contrast_clause(text: str, language: str) -> str:
    match = search_outside_quotes(_CONTRAST, text, language)
    return text[: match.start()].rstrip() + "." if match else text


def _is_english_noun_phrase(speaker: str) -> bool:
    """A name or a phrase with an article: 'Moscow', 'the company' (not 'he', 'sources say')."""
    return speaker[:1].isupper() or speaker.split()[0].lower() in _EN_DETERMINERS


def resolve_pronoun(proposition: str, speaker: str | None) -> str:
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
            owner = capitalise(speaker) + ("'" if plural else "'s")  # "the airlines' pilots"
            return f"{owner} {rest}" if possessive else f"{speaker} {rest}"
    # German "sie" is a feminine or plural speaker ("die Partei", "Merkel"), "es" a neuter one
    article = speaker.split()[0].lower()
    if first.lower() == "sie" and rest and article not in {"der", "das", "ein", "den", "dem", "des"}:
        return f"{speaker} {rest}"
    if first.lower() == "es" and rest and article == "das":
        return f"{speaker} {rest}"
    return proposition


# ================================================================ attribution rules


@dataclass(frozen=True, slots=True)
class Report:
    """What a rule found: who, the cue, the proposition, and the attribution around it."""

    speaker: str | None
    cue: str
    proposition: str  # already a main clause, or the raw span still to be tidied
    frame: str  # the attribution words, where the author's "falsely" would be
    verbatim: bool = False  # check the words as they stand (a direct quote, an unbuilt clause)
    own_subject: bool = True  # a leading "er"/"he" may be the speaker (not in accusations)


Rule = Callable[[str, str], "Report | None"]  # (sentence, language) -> report

# ---------------------------------------------------------------- direct quotes (both)
# Where a quotation starts and ends is shared; the words around it that name the speaker are
# each language's own, so the language modules pass them in.


def _quote_spans(language: str) -> list[tuple[str, str]]:
    return list(_QUOTE_PAIRS.get(language, _QUOTE_PAIRS["en"]))


def quote_then_speaker(
    text: str, language: str, speaker_after: Callable[[str], tuple[str | None, str] | None]
) -> Report | None:
    """„…“, sagte X. / "…," X said. / "…" said X. / a sentence that is only a quotation.
    `speaker_after` reads (speaker, cue) from the words after the quotation, or gives None."""
    for opening, closing in _quote_spans(language):
        match = re.fullmatch(
            rf"{re.escape(opening)}([^{re.escape(closing)}]+){re.escape(closing)}\s*(.*)", text
        )
        if not match:
            continue
        quote, tail = match.group(1).strip(), match.group(2).strip()
        if re.fullmatch(r"[.!?]?", tail):
            return Report(None, "quotation marks", quote, "", verbatim=True)
        found = speaker_after(tail)
        if found:
            speaker, cue = found
            return Report(speaker, cue, quote, tail, verbatim=True)
    return None


def speaker_then_quote(
    text: str, language: str, say_verbs: str, speaker_of: Callable[[str], str | None]
) -> Report | None:
    """X sagte: „…“ / X said: "…". `say_verbs` is an alternation of the language's verbs of
    saying, `speaker_of` finds the speaker in the words before the verb."""
    for opening, closing in _quote_spans(language):
        match = re.fullmatch(
            rf"(.+?)\s+({say_verbs})\b[^:]*:\s*{re.escape(opening)}([^{re.escape(closing)}]+)"
            rf"{re.escape(closing)}\s*[.!?]?",
            text,
        )
        if match:
            before, cue, quote = match.groups()
            speaker = speaker_of(before)
            return Report(speaker, cue, quote.strip(), before + " " + cue, verbatim=True)
    return None


# ---------------------------------------------------------------- a claim the author judges (both)

# "Die Behauptung, X, ist falsch." / "Trump's claim that X is false." The author's verdict
# comes after the proposition, so it is only found by a rule that knows where the claim ends.


def judged_claim(text: str, claim: re.Pattern[str], possessive: re.Pattern[str], claim_nouns: str) -> Report | None:
    """'Die Behauptung, X, ist widerlegt.' / 'The claim that X has been debunked.' -> X.
    `claim` matches the words up to the claim noun, X and the verdict, as its three groups;
    a name that `possessive` finds before the noun is the speaker ("Trumps", "Trump's")."""
    match = claim.match(text)
    owner = possessive.match(text)
    if not match:
        return None
    speaker = owner.group(1) if owner and owner.end() <= match.end(1) else None
    noun = re.search(claim_nouns, match.group(1))
    cue = noun.group(0) if noun else match.group(1).split()[-1]
    return Report(speaker, cue, match.group(2), match.group(1) + " " + match.group(3))
