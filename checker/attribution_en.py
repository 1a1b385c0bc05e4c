"""English attribution rules: the English word lists, the speaker, tense and negation helpers
the rules need (verb forms from checker/english_verbs.py) and `RULES`, the English table in
the order it is tried (the first match wins).
"""
from __future__ import annotations

import re

from checker.attribution_text import (
    PUNCT,
    Report,
    Rule,
    capitalise,
    judged_claim,
    lower_article,
    outside_quotes,
    quote_then_speaker,
    resolve_pronoun,
    speaker_then_quote,
    strip_quote_marks,
    top_level,
)
from checker.english_verbs import (
    base_from_gerund,
    base_from_past,
    is_participle,
    past_from_gerund,
    past_from_participle,
)

# ================================================================ English phrases

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
    speaker = _EN_SPEAKER_END.sub("", speaker).strip(PUNCT + " ")
    if not speaker or len(speaker.split()) > 8:
        return None
    return lower_article(speaker)


# ================================================================ English rules

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
EN_PAST_CUES = re.compile(r"(?:ed|said|told|wrote|found)$")


# ---------------------------------------------------------------- direct quotes


def _speaker_after_quote(tail: str) -> tuple[str | None, str] | None:
    """', said X.' / ', X said.' after a quotation: (X, the cue)."""
    inverted = re.fullmatch(rf",?\s*({_EN_SAY_VERBS})\s+(.+?)[.!]?", tail)
    normal = re.fullmatch(rf",?\s*(.+?)\s+({_EN_SAY_VERBS})\b.*", tail)
    if inverted:
        return _english_speaker(inverted.group(2)), inverted.group(1)
    if normal:
        return _english_speaker(normal.group(1)), normal.group(2)
    return None


def _quote_then_speaker(text: str, language: str) -> Report | None:
    """A quotation, then ', X said.' or ', said X.'; or a sentence that is only a quotation."""
    return quote_then_speaker(text, language, _speaker_after_quote)


def _speaker_then_quote(text: str, language: str) -> Report | None:
    """X said: "…"."""
    return speaker_then_quote(text, language, _EN_SAY_VERBS, _english_speaker)


# ---------------------------------------------------------------- a claim the author judges

_EN_CLAIM_NOUNS = r"(?:claims?|allegations?|assertions?|rumou?rs?|theory|theories|statements?|narratives?)"
_EN_VERDICT = (
    r"(?:is|are|was|were|has been|have been)\s+(?:(?:\w+ly|long|also|now)\s+){0,2}"
    r"(?:false|untrue|wrong|baseless|unfounded|debunked|refuted|disproven|contradicted)\b.*"
)
_POSSESSIVE_EN = re.compile(r"^((?:[A-Z][\w\-]*\s+)*[A-Z][\w\-]*)['’]s\s")
_JUDGED_CLAIM_EN = re.compile(rf"(.*?\b{_EN_CLAIM_NOUNS}\s+that)\s+(.+?)\s+({_EN_VERDICT})\s*[.!]?$")


def _judged_claim(text: str, language: str) -> Report | None:
    """'The claim that X has been debunked.' / "Trump's claim that X is false." -> X."""
    return judged_claim(text, _JUDGED_CLAIM_EN, _POSSESSIVE_EN, _EN_CLAIM_NOUNS)


# ---------------------------------------------------------------- reports, accusations, sources


def _english_accusation(text: str, language: str) -> Report | None:
    """X accused Y of starting Z -> 'Y started Z'."""
    match = re.search(r"\b(accused|accuses|accuse)\s+(.+?)\s+of\s+(not\s+)?(\w+ing)\b(.*)$", text)
    if not match:
        return None
    speaker = _english_speaker(text[: match.start()])
    accused = {"him": "he", "her": "she", "them": "they"}.get(match.group(2), match.group(2))
    verb = f"did not {base_from_gerund(match.group(4))}" if match.group(3) else past_from_gerund(match.group(4))
    proposition = f"{capitalise(lower_article(accused))} {verb}{match.group(5)}"
    return Report(speaker, match.group(1), proposition, text[: match.start(3) if match.group(3) else match.start(4)],
                   own_subject=False)


def _english_gerund_report(text: str, language: str) -> Report | None:
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
    proposition = f"{capitalise(speaker)} {'did not ' + base if denial else past}{match.group(4)}"
    return Report(speaker, match.group(1), proposition, text[: match.start(2) if match.group(2) else match.start(3)],
                   own_subject=False)


def _english_denial(text: str, language: str) -> Report | None:
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
    clause = resolve_pronoun(strip_quote_marks(match.group(2)), speaker)
    return Report(speaker, match.group(1), _negate_english(past_perfect_to_past(clause)), text[: match.start(2)],
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


def past_perfect_to_past(clause: str) -> str:
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


def _english_passive(text: str, language: str) -> Report | None:
    """'X is said to have done Y' -> 'X did Y'; 'X is alleged to be Y' -> 'X is Y'; 'X was
    accused of doing Y' -> 'X did Y'; 'It is claimed that Y' -> Y. No speaker is named."""
    impersonal = re.fullmatch(rf"[Ii]t\s+((?:is|was|has been|had been)\s+(?:{_EN_PASSIVE_VERBS}))\s+that\s+(.+)", text)
    if impersonal:
        proposition = past_perfect_to_past(impersonal.group(2))
        return Report(None, impersonal.group(1), proposition, text[: impersonal.start(2)])
    match = re.fullmatch(
        rf"(.+?)\s+((is|are|was|were|has been|have been)\s+(?:{_EN_PASSIVE_VERBS}))\s+(to|of)\s+(\w+)\b(.*)", text
    )
    if not match or outside_quotes(text, language)[match.start(2)] is False:
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
            return Report(None, cue, text, text, verbatim=True)  # "accused of fraud": a noun, not a clause
    elif verb == "have" and rest.split():
        participle, _, rest = rest.strip().partition(" ")
        predicate = f"{past_from_participle(participle)} {rest}".rstrip()
    elif verb == "be":
        tense = {"is": "is", "are": "are", "was": "was", "were": "were", "has been": "is", "have been": "are"}
        predicate = f"{tense[auxiliary]}{rest}"
    else:
        predicate = f"{verb if plural else _third_person(verb)}{rest}"
    return Report(None, cue, f"{subject} {predicate}", text[: match.end(4)], own_subject=False)


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


def _english_trailing_say(text: str, language: str) -> Report | None:
    """'Y, X said.' / 'Y, said X.' / 'Y, as X said.' / 'Y, X told reporters.'"""
    patterns = (
        rf"(.+),\s*({_EN_NOUN_PHRASE})\s+({_EN_SAY_VERBS})(?:\s+{_EN_AFTERTHOUGHT})?\s*\.?",
        rf"(.+),\s*({_EN_SAY_VERBS})\s+({_EN_NOUN_PHRASE})\s*\.?",
        r"(.+?),?\s+as\s+(.+?)\s+(said|told \w+|reported|noted)\s*\.?",
    )
    for number, pattern in enumerate(patterns):
        match = re.fullmatch(pattern, text)
        if not match or not outside_quotes(text, language)[match.end(1) - 1]:
            continue
        if number == 1:
            speaker, cue = match.group(3), match.group(2)
        else:
            speaker, cue = match.group(2), match.group(3)
        cue = cue if number < 2 else f"as … {cue}"
        return Report(_english_speaker(speaker), cue, match.group(1), text[match.end(1) :])
    return None


def _english_say(text: str, language: str) -> Report | None:
    """X said (that) Y / X claimed that Y / X told reporters that Y."""
    for cue_match in top_level(list(re.finditer(rf"\b({_EN_SAY_VERBS})\b", text)), text, language):
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
        proposition = strip_quote_marks(proposition)
        if cue_match.group(1) in _EN_DENIALS:
            proposition = _negate_english(past_perfect_to_past(resolve_pronoun(proposition, speaker)))
        return Report(speaker, cue_match.group(1), proposition, frame)
    return None


def _english_according_to(text: str, language: str) -> Report | None:
    """'According to X, Y.' / 'Y, according to X.' / 'Y, according to X, Z.'"""
    match = re.search(r"(?:^|,\s*)[Aa]ccording to\s+([^,.]+)[,.]?\s*", text)
    if not match:
        return None
    rest = f"{text[: match.start()]} {text[match.end() :]}"
    return Report(lower_article(match.group(1).strip()), "according to", rest, match.group(0))


def _english_claim_noun(text: str, language: str) -> Report | None:
    """'X repeated the false claim that Y.' -> Y (the speaker is a leading name, if any)."""
    match = re.search(r"\b(claims?|allegations?|assertions?)\s+that\s+(.+)$", text)
    if not match:
        return None
    name = re.match(r"((?:[A-Z][\w’'\-]*\s+)*[A-Z][\w’'\-]*)\s+[a-z]", text)
    speaker = name.group(1) if name and match.start() > name.end() else None
    return Report(speaker, match.group(1), match.group(2), text[: match.start(2)])


def _english_adverb(text: str, language: str) -> Report | None:
    """'X reportedly/allegedly did Y' -> 'X did Y', reported by an unnamed source."""
    match = re.search(r",?\s*\b(reportedly|allegedly)\b,?", text)
    if not match:
        return None
    return Report(None, match.group(1), (text[: match.start()] + " " + text[match.end() :]).strip(), text)


# The English table, tried in this order: the first rule that matches wins.
RULES: tuple[Rule, ...] = (
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
