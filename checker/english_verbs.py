"""English verb forms for rewriting reported speech: gerund, simple past and participle to
the base form and back, so that "denied paying" becomes "did not pay", "admitted using"
becomes "used" and "had been cancelled" becomes "were cancelled".

    >>> base_from_gerund("misleading"), base_from_gerund("dumping"), base_from_gerund("using")
    ('mislead', 'dump', 'use')
    >>> past_from_gerund("misleading"), base_from_past("stopped"), past_from_participle("taken")
    ('misled', 'stop', 'took')

Irregular verbs come from a table; regular ones follow spelling rules, helped by a list of
common verbs whose base form ends in a silent "e" (which "-ing" and "-ed" drop). A verb
outside both may come out misspelt ("creating" -> "creat"); the words stay recognisable
for retrieval, which matches on tokens.
"""
from __future__ import annotations

# base, simple past, past participle
_IRREGULAR = """
be was been; have had had; do did done; go went gone; make made made; take took taken;
give gave given; come came come; become became become; see saw seen; know knew known;
get got got; find found found; think thought thought; tell told told; say said said;
pay paid paid; buy bought bought; bring brought brought; send sent sent; spend spent spent;
build built built; leave left left; lose lost lost; win won won; meet met met;
keep kept kept; hold held held; lead led led; mislead misled misled; sell sold sold;
steal stole stolen; hide hid hidden; write wrote written; drive drove driven;
choose chose chosen; break broke broken; speak spoke spoken; begin began begun; run ran run;
fall fell fallen; rise rose risen; grow grew grown; fly flew flown; shoot shot shot;
put put put; let let let; set set set; cut cut cut; hit hit hit; hurt hurt hurt;
spread spread spread; fight fought fought; teach taught taught; throw threw thrown;
strike struck struck; stand stood stood; understand understood understood; seek sought sought;
forget forgot forgotten; eat ate eaten; sink sank sunk; flee fled fled; shut shut shut;
sit sat sat; feel felt felt; hear heard heard; read read read; sleep slept slept;
wear wore worn; withdraw withdrew withdrawn; undertake undertook undertaken; lie lied lied;
die died died; tie tied tied; swear swore sworn; bite bit bitten; forbid forbade forbidden; freeze froze frozen
"""
_TABLE = [line.split() for line in _IRREGULAR.replace("\n", " ").split(";") if line.strip()]
_PAST = {base: past for base, past, _ in _TABLE}
_BASE_OF_PAST = {past: base for base, past, _ in _TABLE} | {participle: base for base, _, participle in _TABLE}
_PAST_OF_PARTICIPLE = {participle: past for _, past, participle in _TABLE}

# Regular verbs whose base form ends in a silent "e" ("using" -> "use", "used" -> "use").
_SILENT_E = frozenset(
    """
    use abuse refuse close expose propose oppose cause create violate manipulate fabricate
    operate donate deceive receive believe move remove prove approve improve save solve
    involve arrive tie shape escape charge change manage damage arrange engage judge pledge
    acknowledge produce reduce introduce place replace force enforce announce practise
    practice sacrifice ignore store declare share prepare compare care scare retire hire fire
    acquire require desire secure ensure assure endure raise praise surprise advise realise
    realize organise organize recognise recognize criticise criticize apologise authorise
    authorize finance tolerate smuggle struggle handle settle tackle double bribe describe
    provide decide divide guide collude include exclude conclude invade persuade trade
    evade execute distribute contribute pollute dispute dispose smoke joke hate like love
    live phone vote promote delete locate relocate negotiate fabricate falsify inflate
    overstate understate misrepresent sabotage target
    """.split()
)


def base_from_gerund(gerund: str) -> str:
    """'starting' -> 'start', 'stopping' -> 'stop', 'making' -> 'make', 'lying' -> 'lie'."""
    word = gerund.lower()
    for base in _PAST:
        forms = {base + "ing", base + base[-1] + "ing"}
        if base.endswith("ie"):
            forms.add(base[:-2] + "ying")  # lie -> lying
        elif base.endswith("e"):
            forms.add(base[:-1] + "ing")  # make -> making
        if word in forms:
            return base
    stem = word[:-3]
    if stem + "e" in _SILENT_E:
        return stem + "e"
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
        return stem[:-1]  # stopping -> stop
    return stem


def past_from_gerund(gerund: str) -> str:
    """'starting' -> 'started', 'misleading' -> 'misled', 'stopping' -> 'stopped'."""
    base = base_from_gerund(gerund)
    if base not in _PAST and base[-2:] != base[-1] * 2 and gerund.lower().endswith(base[-1] * 2 + "ing"):
        return base + base[-1] + "ed"  # the doubled consonant stays: stopping -> stopped
    return past_from_base(base)


def past_from_base(base: str) -> str:
    if base in _PAST:
        return _PAST[base]
    if base.endswith("e"):
        return base + "d"
    if len(base) > 1 and base[-1] == "y" and base[-2] not in "aeiou":
        return base[:-1] + "ied"
    return base + "ed"


def base_from_past(past: str) -> str:
    """'started' -> 'start', 'used' -> 'use', 'tried' -> 'try', 'paid' -> 'pay', 'seen' -> 'see'."""
    word = past.lower()
    if word in _BASE_OF_PAST:
        return _BASE_OF_PAST[word]
    if not word.endswith("ed"):
        return word
    if word[:-1] in _SILENT_E:
        return word[:-1]
    if word.endswith("ied"):
        return word[:-3] + "y"
    stem = word[:-2]
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
        return stem[:-1]
    return stem


def past_from_participle(participle: str) -> str:
    """'taken' -> 'took', 'started' -> 'started' (regular participles are the past)."""
    return _PAST_OF_PARTICIPLE.get(participle.lower(), participle)


def is_participle(word: str) -> bool:
    """Whether a word reads as a past participle ('started', 'taken', 'paid')."""
    word = word.lower()
    return word in _PAST_OF_PARTICIPLE or (word.endswith("ed") and len(word) > 3)
