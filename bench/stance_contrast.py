"""Generated contrast pairs for the stance model: negation, antonyms, swapped roles,
numbers and dates, in German and English (and across the two).

German 3-way NLI data is thin and no NLI set drills the contrasts a fact-checker meets
("Russia attacked Ukraine" / "Ukraine attacked Russia", "rose" / "fell", "3 billion" /
"300 billion", "2022" / "2023"). Here each *fact* is written once per language from a
template with slots (made-up companies and people, real country names, random numbers
and dates), and pairs are made from a fact and a variant of it:

* entails: a paraphrase (passive voice, German verb-second or verb-final word order, the
  other party as subject — "B lost to A" for "A beat B" —, a synonym verb such as "banned" /
  "had blocked" / "prohibited", a surname for a full name, a coarser date, a rounded or
  bounded number, the negation of a negative finding), and the roles swapped in a relation
  said of both at once (a meeting, a treaty);
* contradicts: the negation, the antonym ("raised" / "cut", "joined" / "left", "banned" /
  "allowed"), the roles swapped in a one-way relation (an attack, a final, a takeover, a
  dismissal, a succession; in any of its ways of saying it), another number, another year
  or month of a one-off event;
* neutral: the same kind of statement about another subject, another year, another
  indicator, or a roles swap in a relation either side can have (sanctions, expulsions,
  lawsuits), and another fact about the same subject (same topic, says nothing).

The synonyms matter as much as the contrasts: without them, the pairs would teach that one
changed word means "contradicts". So do details added or dropped ("started a war" /
"started a war with B": entailed one way, neutral the other, never a contradiction), which
keep a model trained on swapped roles from reading every second country name as a swap.

The templates and vocabularies are our own and share no sentence with the probe set
(bench/data/stance_probes.jsonl), which stays a test. Each pair's claim and evidence are
in the same language, or (a fifth of the pairs) one German and one English.
A fixed seed makes the set identical on every run.
"""

from __future__ import annotations

import dataclasses
import random
import re
from collections.abc import Callable
from dataclasses import dataclass

from stance_data import CONTRADICTS, ENTAILS, NEUTRAL, Example

SEED = 31
PER_GENERATOR = 120  # facts per generator; each yields several pairs
CROSS_LINGUAL_SHARE = 0.2
GERMAN_WEIGHT = 1.5
# The generated pairs' share of training draws stays what it was when they were 4,365 pairs
# (about a tenth): more kinds of pair, not more pull on the model. With the larger set at
# full weight (a sixth of the draws), German XNLI accuracy fell from 0.663 to 0.627.
TOTAL_WEIGHT = 5400.0

COUNTRIES = [("Polen", "Poland"), ("Frankreich", "France"), ("Spanien", "Spain"), ("Italien", "Italy"),
             ("Japan", "Japan"), ("Indien", "India"), ("Brasilien", "Brazil"), ("Kanada", "Canada"),
             ("Mexiko", "Mexico"), ("Ägypten", "Egypt"), ("Norwegen", "Norway"), ("Schweden", "Sweden"),
             ("Finnland", "Finland"), ("Chile", "Chile"), ("Kenia", "Kenya"), ("Nigeria", "Nigeria"),
             ("Vietnam", "Vietnam"), ("Indonesien", "Indonesia"), ("Australien", "Australia"),
             ("Argentinien", "Argentina"), ("Portugal", "Portugal"), ("Griechenland", "Greece"),
             ("Dänemark", "Denmark"), ("Ungarn", "Hungary"), ("Rumänien", "Romania"), ("Serbien", "Serbia"),
             ("Kolumbien", "Colombia"), ("Marokko", "Morocco"), ("Russland", "Russia"), ("China", "China"),
             ("Deutschland", "Germany"), ("Georgien", "Georgia"), ("Israel", "Israel"), ("Armenien", "Armenia"),
             ("Aserbaidschan", "Azerbaijan"), ("Belarus", "Belarus"), ("Litauen", "Lithuania"), ("Peru", "Peru")]
PEOPLE = ["Anna Berger", "Jonas Keller", "Maria Lopez", "Peter Novak", "Sofia Rossi", "Tomasz Nowak",
          "Lena Fischer", "David Chen", "Elena Petrova", "Karim Haddad", "Laura Svensson", "Martin Dubois",
          "Ines Moreau", "Oleg Sidorenko", "Amira Saleh", "Jan de Vries", "Clara Hoffmann", "Mateo Silva"]
COMPANIES = ["Veltron", "Kordia", "Maristo", "Brightwell", "Solvera", "Tekna", "Orbis Media", "Lumen Bank",
             "Norvik", "Castell Pharma", "Aldera", "Quintor", "Helvara", "Zentris", "Polaris Grid", "Ardent Foods"]
MONTHS = [("Januar", "January"), ("Februar", "February"), ("März", "March"), ("April", "April"), ("Mai", "May"),
          ("Juni", "June"), ("Juli", "July"), ("August", "August"), ("September", "September"),
          ("Oktober", "October"), ("November", "November"), ("Dezember", "December")]


@dataclass(frozen=True, slots=True)
class Text:
    de: str
    en: str


@dataclass(frozen=True, slots=True)
class Pair:
    evidence: Text
    claim: Text
    target: int
    category: str


# ------------------------------------------------------------------ dates and numbers


@dataclass(frozen=True, slots=True)
class Date:
    day: int
    month: int  # 0-based
    year: int

    def exact(self) -> Text:
        de, en = MONTHS[self.month]
        return Text(f"am {self.day}. {de} {self.year}", f"on {self.day} {en} {self.year}")

    def month_only(self) -> Text:
        de, en = MONTHS[self.month]
        return Text(f"im {de} {self.year}", f"in {en} {self.year}")

    def year_only(self) -> Text:
        return Text(f"im Jahr {self.year}", f"in {self.year}")


def random_date(rng: random.Random) -> Date:
    return Date(rng.randint(1, 28), rng.randrange(12), rng.randint(1995, 2024))


def other_date(rng: random.Random, date: Date) -> Date:
    """A date that disagrees with `date` at the precision of year or month."""
    if rng.random() < 0.6:
        return Date(date.day, date.month, date.year + rng.choice([-3, -2, -1, 1, 2, 3]))
    return Date(date.day, (date.month + rng.randint(2, 10)) % 12, date.year)


def wrong_when(rng: random.Random, date: Date) -> Text:
    """A coarse date that contradicts `date`: another year, or another month said with its
    month (another month of the same year said as the year alone would agree)."""
    wrong = other_date(rng, date)
    if wrong.year == date.year:
        return wrong.month_only()
    return rng.choice([wrong.month_only(), wrong.year_only()])


def de_number(value: float, decimals: int = 0) -> str:
    text = f"{value:,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def en_number(value: float, decimals: int = 0) -> str:
    return f"{value:,.{decimals}f}"


def number(value: float, decimals: int = 0) -> Text:
    return Text(de_number(value, decimals), en_number(value, decimals))


# ------------------------------------------------------------------ relations between two parties


@dataclass(frozen=True, slots=True)
class Relation:
    """{a} does something to {b} at {t}: several ways to say it (active and passive voice,
    German verb-second and verb-final, other verbs, the other party as subject), all meaning
    the same, and several ways to deny it. {T} is {t} at the start of a sentence."""

    parties: list
    swap: int  # what "B did it to A" says about "A did it to B": CONTRADICTS, NEUTRAL or ENTAILS
    said: tuple[Text, ...]
    denied: tuple[Text, ...]
    one_off: bool = False  # happens once: another date contradicts


RELATIONS = {
    "attack": Relation(COUNTRIES, CONTRADICTS, (
        Text("{a} griff {b} {t} an.", "{a} attacked {b} {t}."),
        Text("{a} hat {b} {t} angegriffen.", "{T}, {a} launched an attack on {b}."),
        Text("{b} wurde {t} von {a} angegriffen.", "{b} was attacked by {a} {t}."),
        Text("{T} startete {a} einen Angriff auf {b}.", "{b} came under attack from {a} {t}."),
        Text("{T} hat {a} einen Angriff auf {b} begonnen.", "{a} started an attack on {b} {t}."),
    ), (
        Text("{a} griff {b} {t} nicht an.", "{a} did not attack {b} {t}."),
        Text("{a} hat {b} {t} nicht angegriffen.", "{T}, {a} launched no attack on {b}."),
        Text("{b} wurde {t} nicht von {a} angegriffen.", "{b} was not attacked by {a} {t}."),
    )),
    "invade": Relation(COUNTRIES, CONTRADICTS, (
        Text("{a} marschierte {t} in {b} ein.", "{a} invaded {b} {t}."),
        Text("{a} ist {t} in {b} einmarschiert.", "{T}, {a} invaded {b}."),
        Text("{b} wurde {t} von {a} überfallen.", "{b} was invaded by {a} {t}."),
        Text("{a} hat {b} {t} überfallen.", "{a} launched an invasion of {b} {t}."),
        Text("{T} begann der Einmarsch von {a} in {b}.", "The invasion of {b} by {a} began {t}."),
    ), (
        Text("{a} marschierte {t} nicht in {b} ein.", "{a} did not invade {b} {t}."),
        Text("{a} hat {b} {t} nicht überfallen.", "{b} was not invaded by {a} {t}."),
    )),
    "final": Relation(PEOPLE, CONTRADICTS, (
        Text("{a} besiegte {b} {t} im Finale.", "{a} beat {b} in the final {t}."),
        Text("{b} verlor {t} das Finale gegen {a}.", "{b} lost the final to {a} {t}."),
        Text("{a} hat {t} das Finale gegen {b} gewonnen.", "{a} won the final against {b} {t}."),
        Text("{T} unterlag {b} im Finale {a}.", "{T}, {b} was defeated by {a} in the final."),
        Text("{a} setzte sich {t} im Endspiel gegen {b} durch.", "{a} prevailed over {b} in the final {t}."),
    ), (
        Text("{a} konnte {b} {t} im Finale nicht besiegen.", "{a} failed to beat {b} in the final {t}."),
        Text("{a} hat das Finale {t} nicht gegen {b} gewonnen.", "{a} did not win the final against {b} {t}."),
    ), one_off=True),
    "takeover": Relation(COMPANIES, CONTRADICTS, (
        Text("{a} übernahm {t} das Unternehmen {b}.", "{a} took over {b} {t}."),
        Text("{b} wurde {t} von {a} übernommen.", "{b} was bought by {a} {t}."),
        Text("{a} hat {b} {t} gekauft.", "{a} acquired {b} {t}."),
        Text("{T} kaufte {a} den Konkurrenten {b}.", "{T}, {a} bought its rival {b}."),
        Text("{b} ging {t} an {a}.", "{b} was sold to {a} {t}."),
    ), (
        Text("{a} hat {b} {t} nicht übernommen.", "{a} did not take over {b} {t}."),
        Text("{b} wurde {t} nicht von {a} gekauft.", "{b} was not acquired by {a} {t}."),
    ), one_off=True),
    "dismiss": Relation(PEOPLE, CONTRADICTS, (
        Text("{a} entließ {t} {b}.", "{a} fired {b} {t}."),
        Text("{b} wurde {t} von {a} entlassen.", "{b} was dismissed by {a} {t}."),
        Text("{a} hat {b} {t} entlassen.", "{a} sacked {b} {t}."),
        Text("{T} setzte {a} {b} vor die Tür.", "{T}, {a} removed {b} from the post."),
    ), (
        Text("{a} hat {b} {t} nicht entlassen.", "{a} did not fire {b} {t}."),
        Text("{b} wurde {t} nicht von {a} entlassen.", "{b} was not dismissed by {a} {t}."),
    ), one_off=True),
    "succeed": Relation(PEOPLE, CONTRADICTS, (
        Text("{a} folgte {t} auf {b} als Parteivorsitzende.", "{a} succeeded {b} as party leader {t}."),
        Text("{a} löste {b} {t} als Parteivorsitzende ab.", "{a} replaced {b} as party leader {t}."),
        Text("{b} wurde {t} von {a} als Parteivorsitzende abgelöst.", "{b} was replaced as party leader by {a} {t}."),
        Text("{T} übernahm {a} den Parteivorsitz von {b}.", "{T}, {a} took over the party leadership from {b}."),
    ), (
        Text("{a} folgte {t} nicht auf {b} als Parteivorsitzende.", "{a} did not succeed {b} as party leader {t}."),
    ), one_off=True),
    # Either side can do this to the other: a swap says nothing.
    "sanctions": Relation(COUNTRIES, NEUTRAL, (
        Text("{a} verhängte {t} Sanktionen gegen {b}.", "{a} imposed sanctions on {b} {t}."),
        Text("{b} wurde {t} von {a} mit Sanktionen belegt.", "{b} was hit with sanctions by {a} {t}."),
        Text("{a} hat {t} Sanktionen gegen {b} beschlossen.", "{T}, {a} sanctioned {b}."),
    ), (
        Text("{a} verhängte {t} keine Sanktionen gegen {b}.", "{a} did not impose sanctions on {b} {t}."),
    )),
    "expel": Relation(COUNTRIES, NEUTRAL, (
        Text("{a} wies {t} Diplomaten aus {b} aus.", "{a} expelled diplomats from {b} {t}."),
        Text("Diplomaten aus {b} wurden {t} von {a} ausgewiesen.", "Diplomats from {b} were expelled by {a} {t}."),
    ), (
        Text("{a} wies {t} keine Diplomaten aus {b} aus.", "{a} did not expel any diplomats from {b} {t}."),
    )),
    "accuse": Relation(COUNTRIES, NEUTRAL, (
        Text("{a} warf {b} {t} Wahlbetrug vor.", "{a} accused {b} of election fraud {t}."),
        Text("{b} wurde {t} von {a} des Wahlbetrugs beschuldigt.", "{b} was accused of election fraud by {a} {t}."),
    ), (
        Text("{a} warf {b} {t} keinen Wahlbetrug vor.", "{a} did not accuse {b} of election fraud {t}."),
    )),
    "sue": Relation(COMPANIES, NEUTRAL, (
        Text("{a} verklagte {t} {b}.", "{a} sued {b} {t}."),
        Text("{a} hat {t} Klage gegen {b} eingereicht.", "{T}, {a} filed a lawsuit against {b}."),
    ), (
        Text("{a} hat {b} {t} nicht verklagt.", "{a} did not sue {b} {t}."),
    )),
    # Said of both at once: a swap says the same.
    "meet": Relation(PEOPLE, ENTAILS, (
        Text("{a} traf {t} {b}.", "{a} met {b} {t}."),
        Text("{a} ist {t} mit {b} zusammengekommen.", "{T}, {a} held talks with {b}."),
        Text("{T} kam {a} mit {b} zusammen.", "{a} and {b} met {t}."),
    ), (
        Text("{a} traf {t} nicht mit {b} zusammen.", "{a} did not meet {b} {t}."),
    )),
    "treaty": Relation(COUNTRIES, ENTAILS, (
        Text("{a} und {b} unterzeichneten {t} ein Handelsabkommen.", "{a} and {b} signed a trade agreement {t}."),
        Text("{a} schloss {t} ein Handelsabkommen mit {b}.", "{a} signed a trade deal with {b} {t}."),
        Text("{T} haben {a} und {b} ein Handelsabkommen geschlossen.", "{T}, {a} concluded a trade agreement with {b}."),
    ), (
        Text("{a} und {b} unterzeichneten {t} kein Handelsabkommen.", "{a} and {b} did not sign a trade agreement {t}."),
    )),
}


# An invasion is an attack: "B was invaded by A" entails "A attacked B", not the reverse.
BROADER = {"invade": "attack"}


# A claim that leaves out the time ("Russia attacked Ukraine." for "… on 24 February 2022"):
# a dropped detail, entailed like a coarser date; without such claims a model reads every
# missing date as another one.
UNDATED = Text("", "")
UNDATED_SHARE = 0.3


def undated(template: Text) -> Text | None:
    """The template without its time at the start: "{T}, A did" becomes "A did"; German
    "{T} tat A …" becomes "A tat …". None where the sentence cannot lose it that way."""
    de = re.sub(r"^\{T\} (\S+) (\{[ab]\}(?: und \{b\})?) ", r"\2 \1 ", template.de)
    en = template.en.replace("{T}, ", "")
    return None if "{T}" in de or "{T}" in en else Text(de, en)


def fill(template: Text, a: tuple[str, str] | str, b: tuple[str, str] | str, t: Text) -> Text:
    a_de, a_en = (a, a) if isinstance(a, str) else a
    b_de, b_en = (b, b) if isinstance(b, str) else b
    return Text(_tidy(template.de.format(a=a_de, b=b_de, t=t.de, T=_capital(t.de))),
                _tidy(template.en.format(a=a_en, b=b_en, t=t.en, T=_capital(t.en))))


def _tidy(sentence: str) -> str:
    """No double space or space before the full stop where an empty time was filled in."""
    return re.sub(r" +", " ", sentence).replace(" .", ".").strip()


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def named(party: tuple[str, str] | str, rng: random.Random) -> tuple[str, str] | str:
    """A person by full name or, as often in a second mention, by surname only."""
    if isinstance(party, str) and party in PEOPLE and rng.random() < 0.4:
        return party.split()[-1]
    return party


def relations(rng: random.Random) -> list[Pair]:
    pairs = []
    names = sorted(RELATIONS)
    for _ in range(PER_GENERATOR * 4):
        name = rng.choice(names)
        relation = RELATIONS[name]
        a, b, c = rng.sample(relation.parties, 3)
        date = random_date(rng)
        fine, dated = date.exact(), rng.choice([date.month_only(), date.year_only()])
        coarse = UNDATED if rng.random() < UNDATED_SHARE else dated
        evidence = fill(rng.choice(relation.said), a, b, fine)

        def claim(template: Text, first, second, when: Text = coarse) -> Text:
            if when is UNDATED:
                shorter = undated(template)
                template, when = (shorter, when) if shorter else (template, dated)
            return fill(template, named(first, rng), named(second, rng), when)

        # entails: another way of saying it (voice, verb, word order), a coarser date
        pairs.append(Pair(evidence, claim(rng.choice(relation.said), a, b), ENTAILS, "paraphrase"))
        # the roles swapped, in any of the ways of saying it
        swaps = rng.sample(relation.said, 2 if relation.swap == CONTRADICTS else 1)  # the case that matters most
        pairs += [Pair(evidence, claim(said, b, a), relation.swap, "swapped_roles") for said in swaps]
        # another party entirely: nothing
        other = claim(rng.choice(relation.said), a, c) if rng.random() < 0.5 else claim(rng.choice(relation.said), c, b)
        pairs.append(Pair(evidence, other, NEUTRAL, "swapped_roles"))
        # negation, both ways round; a denial about another party says nothing
        denied = rng.choice(relation.denied)
        if rng.random() < 0.5:
            pairs.append(Pair(evidence, claim(denied, a, b), CONTRADICTS, "negation"))
        else:
            # (with a date: an undated claim may mean another time than the one denied)
            pairs.append(Pair(fill(denied, a, b, fine), claim(rng.choice(relation.said), a, b, dated), CONTRADICTS,
                              "negation"))
        if rng.random() < 0.4:
            pairs.append(Pair(evidence, claim(rng.choice(relation.denied), c, b), NEUTRAL, "negation"))
        # a narrower relation entails the broader one, not the reverse
        if name in BROADER:
            broader = RELATIONS[BROADER[name]]
            pairs.append(Pair(evidence, claim(rng.choice(broader.said), a, b), ENTAILS, "paraphrase"))
            pairs.append(Pair(fill(rng.choice(broader.said), a, b, fine), claim(rng.choice(relation.said), a, b),
                              NEUTRAL, "paraphrase"))
        if relation.one_off:
            # another year or month contradicts; denying the swapped roles agrees
            pairs.append(Pair(evidence, claim(rng.choice(relation.said), a, b, wrong_when(rng, date)),
                              CONTRADICTS, "dates"))
            if relation.swap == CONTRADICTS and rng.random() < 0.5:
                pairs.append(Pair(evidence, claim(rng.choice(relation.denied), b, a, dated), ENTAILS, "negation"))
    return pairs


# ------------------------------------------------------------------ acts said with synonyms, and their opposites

# {x} does something at {t}. A synonym is not a contradiction ("banned" / "had blocked" /
# "prohibited"): the model must not learn that one changed word means "contradicts".
@dataclass(frozen=True, slots=True)
class Act:
    said: tuple[Text, ...]
    opposite: tuple[Text, ...]  # antonyms and negations


BANNABLE = [  # (German accusative, German nominative, English)
    ("TikTok", "TikTok", "TikTok"), ("Glyphosat", "Glyphosat", "glyphosate"),
    ("den Messengerdienst Telegram", "der Messengerdienst Telegram", "the messaging service Telegram"),
    ("das Rauchen in Restaurants", "das Rauchen in Restaurants", "smoking in restaurants"),
    ("den Verkauf von Feuerwerk", "der Verkauf von Feuerwerk", "the sale of fireworks"),
    ("die Partei Neue Mitte", "die Partei Neue Mitte", "the New Centre party"),
    ("Gentechnik-Mais", "Gentechnik-Mais", "genetically modified maize"),
]
TAXES = [("Mehrwertsteuer", "value-added tax"), ("Einkommensteuer", "income tax"), ("Tabaksteuer", "tobacco tax"),
         ("Grundsteuer", "property tax"), ("Kfz-Steuer", "vehicle tax"), ("Erbschaftsteuer", "inheritance tax")]
ALLIANCES = [("der NATO", "die NATO", "NATO"), ("der Europäischen Union", "die Europäische Union", "the European Union"),
             ("der Afrikanischen Union", "die Afrikanische Union", "the African Union"),
             ("der Welthandelsorganisation", "die Welthandelsorganisation", "the World Trade Organization")]


def _ban(thing: tuple[str, str, str]) -> Act:
    acc, nom, en = thing
    return Act((
        Text(f"{{x}} verbot {{t}} {acc}.", f"{{x}} banned {en} {{t}}."),
        Text(f"{{x}} ließ {acc} {{t}} sperren.", f"{{x}} had {en} blocked {{t}}."),
        Text(f"{{x}} untersagte {{t}} {acc}.", f"{{x}} prohibited {en} {{t}}."),
        Text(f"{{T}} wurde {nom} in {{x}} verboten.", f"{{T}}, {en} was outlawed in {{x}}."),
        Text(f"{{x}} hat {acc} {{t}} verboten.", f"{{T}}, {{x}} imposed a ban on {en}."),
    ), (
        Text(f"{{x}} erlaubte {{t}} {acc}.", f"{{x}} allowed {en} {{t}}."),
        Text(f"{{x}} hat {acc} {{t}} nicht verboten.", f"{{x}} did not ban {en} {{t}}."),
        Text(f"{{T}} blieb {nom} in {{x}} erlaubt.", f"{{T}}, {en} remained legal in {{x}}."),
    ))


def _tax(tax: tuple[str, str]) -> Act:
    de, en = tax
    raised = (Text(f"{{x}} erhöhte {{t}} die {de}.", f"{{x}} raised {en} {{t}}."),
              Text(f"{{x}} hat die {de} {{t}} angehoben.", f"{{x}} increased {en} {{t}}."),
              Text(f"{{T}} wurde die {de} in {{x}} heraufgesetzt.", f"{{T}}, {{x}} put up {en}."))
    cut = (Text(f"{{x}} senkte {{t}} die {de}.", f"{{x}} cut {en} {{t}}."),
           Text(f"{{x}} hat die {de} {{t}} verringert.", f"{{x}} lowered {en} {{t}}."),
           Text(f"{{T}} wurde die {de} in {{x}} herabgesetzt.", f"{{T}}, {{x}} reduced {en}."))
    return Act(raised, cut)


def _membership(alliance: tuple[str, str, str]) -> Act:
    dative, nominative, en = alliance
    return Act((
        Text(f"{{x}} trat {{t}} {dative} bei.", f"{{x}} joined {en} {{t}}."),
        Text(f"{{x}} wurde {{t}} Mitglied {dative}.", f"{{x}} became a member of {en} {{t}}."),
        Text(f"{{T}} ist {{x}} {dative} beigetreten.", f"{{T}}, {{x}} was admitted to {en}."),
    ), (
        Text(f"{{x}} trat {{t}} aus {dative} aus.", f"{{x}} left {en} {{t}}."),
        Text(f"{{x}} verließ {{t}} {nominative}.", f"{{x}} withdrew from {en} {{t}}."),
        Text(f"{{x}} ist {{t}} {dative} nicht beigetreten.", f"{{x}} did not join {en} {{t}}."),
    ))


def _law() -> Act:
    return Act((
        Text("Das Parlament von {x} stimmte {t} dem neuen Mediengesetz zu.", "The parliament of {x} approved the new media law {t}."),
        Text("Das Parlament von {x} verabschiedete {t} das neue Mediengesetz.", "The parliament of {x} passed the new media law {t}."),
        Text("{T} billigte das Parlament von {x} das neue Mediengesetz.", "{T}, lawmakers in {x} voted for the new media law."),
    ), (
        Text("Das Parlament von {x} lehnte {t} das neue Mediengesetz ab.", "The parliament of {x} rejected the new media law {t}."),
        Text("Das Parlament von {x} stimmte {t} gegen das neue Mediengesetz.", "The parliament of {x} voted down the new media law {t}."),
        Text("{T} scheiterte das neue Mediengesetz im Parlament von {x}.", "{T}, the new media law failed in the parliament of {x}."),
    ))


ACTS = [_ban(t) for t in BANNABLE] + [_tax(t) for t in TAXES] + [_membership(a) for a in ALLIANCES] + [_law()]


def acts(rng: random.Random) -> list[Pair]:
    pairs = []
    for _ in range(PER_GENERATOR * 2):
        act = rng.choice(ACTS)
        x, y = rng.sample(COUNTRIES, 2)
        date = random_date(rng)
        coarse = rng.choice([date.month_only(), date.year_only()])
        said = list(act.said)
        rng.shuffle(said)
        evidence = one_off(said[0], x, date.exact())
        # a synonym (another template) is the same claim
        pairs.append(Pair(evidence, one_off(said[1], x, coarse), ENTAILS, "paraphrase"))
        # the opposite act, or the act denied
        pairs.append(Pair(evidence, one_off(rng.choice(act.opposite), x, coarse), CONTRADICTS, "antonym"))
        # the opposite stated, the act claimed
        pairs.append(Pair(one_off(rng.choice(act.opposite), x, date.exact()), one_off(said[1], x, coarse),
                          CONTRADICTS, "antonym"))
        # the same act or its opposite in another country; another act in the same country
        if rng.random() < 0.6:
            neutral = one_off(rng.choice(act.said + act.opposite), y, coarse)
        else:
            neutral = one_off(rng.choice(rng.choice([a for a in ACTS if a is not act]).said), x, coarse)
        pairs.append(Pair(evidence, neutral, NEUTRAL, "same_topic"))
    return pairs


# ------------------------------------------------------------------ details added or dropped

# A claim that drops a detail of the evidence is entailed by it; one that adds a detail the
# evidence lacks is not (neutral). Neither is a contradiction: "started the war" and "started
# the war with B", or "the war in B" and "the B war", say the same of the same parties, even
# where the second names another country first.
DETAILED = [  # (template with {d}, details that may fill it)
    (Text("{a} begann {t} einen Krieg{d}.", "{a} started a war{d} {t}."),
     [Text(" gegen {b}", " against {b}"), Text(" mit {b}", " with {b}")]),
    (Text("{a} griff {b} {t}{d} an.", "{a} attacked {b}{d} {t}."),
     [Text(" mit Drohnen", " with drones"), Text(" aus der Luft", " from the air"),
      Text(" an der gemeinsamen Grenze", " along their shared border")]),
    (Text("{a} eröffnete {t} eine Botschaft{d}.", "{a} opened an embassy{d} {t}."),
     [Text(" in {b}", " in {b}")]),
    (Text("{a} schickte {t} Hilfsgüter{d}.", "{a} sent aid{d} {t}."),
     [Text(" nach {b}", " to {b}"), Text(" per Schiff nach {b}", " to {b} by ship")]),
]
# The war "in B" and the "B war" (German compounds of a country name are common: Irak-Krieg).
WAR_IN = (Text("{a} führte {t} den Krieg in {b} an.", "{a} led the war in {b} {t}."),
          Text("{a} führte {t} den {b}-Krieg an.", "{a} led the {b} war {t}."))


WAR_NAMED_BY_PLACE = (Text("{a} hat {t} den {b}-Krieg begonnen.", "{a} started the {b} war {t}."),
                      Text("{a} begann {t} den Krieg in {b}.", "{a} began the war in {b} {t}."))
WAR_NAMED_BY_ENEMY = (Text("{a} hat {t} den Krieg mit {b} begonnen.", "{a} started the war with {b} {t}."),
                      Text("{a} begann {t} den Krieg gegen {b}.", "{a} began the war against {b} {t}."))


def details(rng: random.Random) -> list[Pair]:
    pairs = []
    for _ in range(PER_GENERATOR * 2):
        a, b = rng.sample(COUNTRIES, 2)
        date = random_date(rng)
        coarse = rng.choice([date.month_only(), date.year_only()])
        template, options = rng.choice(DETAILED)
        detail = rng.choice(options)
        detail = Text(detail.de.replace("{b}", b[0]), detail.en.replace("{b}", b[1]))
        with_detail = Text(template.de.replace("{d}", detail.de), template.en.replace("{d}", detail.en))
        without = Text(template.de.replace("{d}", ""), template.en.replace("{d}", ""))
        pairs.append(Pair(fill(with_detail, a, b, date.exact()), fill(without, a, b, coarse), ENTAILS, "paraphrase"))
        pairs.append(Pair(fill(without, a, b, date.exact()), fill(with_detail, a, b, coarse), NEUTRAL, "paraphrase"))
        first, second = WAR_IN if rng.random() < 0.5 else WAR_IN[::-1]
        pairs.append(Pair(fill(first, a, b, date.exact()), fill(second, a, b, coarse), ENTAILS, "paraphrase"))
        # the war named by where it is fought and by whom it is fought against: the same
        # subject, another country named, not a contradiction of who did it
        c = rng.choice([country for country in COUNTRIES if country not in (a, b)])
        named_by_place = fill(rng.choice(WAR_NAMED_BY_PLACE), a, b, date.exact())
        named_by_enemy = fill(rng.choice(WAR_NAMED_BY_ENEMY), a, c, coarse)
        if rng.random() < 0.5:
            pairs.append(Pair(named_by_place, named_by_enemy, NEUTRAL, "paraphrase"))
        else:
            pairs.append(Pair(fill(rng.choice(WAR_NAMED_BY_ENEMY), a, c, date.exact()),
                              fill(rng.choice(WAR_NAMED_BY_PLACE), a, b, coarse), NEUTRAL, "paraphrase"))
    return pairs


# ------------------------------------------------------------------ one-off events and their dates

EVENTS = [  # {x} is a company, person or country; each happens once
    (COMPANIES, Text("{x} wurde {t} gegründet.", "{x} was founded {t}.")),
    (COMPANIES, Text("{x} ging {t} an die Börse.", "{x} went public {t}.")),
    (PEOPLE, Text("{x} wurde {t} geboren.", "{x} was born {t}.")),
    (PEOPLE, Text("{x} trat {t} als Ministerin zurück.", "{x} resigned as minister {t}.")),
    (COUNTRIES, Text("{x} führte {t} den Euro ein.", "{x} adopted the euro {t}.")),
    (COUNTRIES, Text("{x} schaffte {t} die Wehrpflicht ab.", "{x} abolished conscription {t}.")),
]
# "before / after": a bound that is right or wrong
BOUNDS = Text("{x} {verb_de} vor {y}.", "{x} {verb_en} before {y}.")


def one_off(template: Text, x, t: Text) -> Text:
    x_de, x_en = (x, x) if isinstance(x, str) else x
    return Text(template.de.format(x=x_de, t=t.de, T=_capital(t.de)),
                template.en.format(x=x_en, t=t.en, T=_capital(t.en)))


def dates(rng: random.Random) -> list[Pair]:
    pairs = []
    for _ in range(PER_GENERATOR * 2):
        index = rng.randrange(len(EVENTS))
        subjects, template = EVENTS[index]
        x, y = rng.sample(subjects, 2)
        date = random_date(rng)
        evidence = one_off(template, x, date.exact())
        coarse = rng.choice([date.month_only(), date.year_only()])
        pairs.append(Pair(evidence, one_off(template, x, coarse), ENTAILS, "dates"))
        pairs.append(Pair(evidence, one_off(template, x, wrong_when(rng, date)), CONTRADICTS, "dates"))
        # the same date said of someone else, or another event of the same subject: nothing
        same_kind = [i for i, (s, _) in enumerate(EVENTS) if s is subjects and i != index]
        if rng.random() < 0.5 or not same_kind:
            neutral = one_off(template, y, coarse)
        else:
            neutral = one_off(EVENTS[rng.choice(same_kind)][1], x, coarse)
        pairs.append(Pair(evidence, neutral, NEUTRAL, "dates" if rng.random() < 0.7 else "same_topic"))
    return pairs


# ------------------------------------------------------------------ numbers

QUANTITIES = [
    # (subject kind, template with {x} {n}, integer?, low, high)
    (COUNTRIES, Text("{x} lieferte {t} {n} Panzer an die Nachbarstaaten.", "{x} delivered {n} tanks to its neighbours {t}."),
     True, 8, 400),
    (COMPANIES, Text("{x} beschäftigte {t} {n} Mitarbeiter.", "{x} employed {n} people {t}."), True, 300, 90000),
    (COUNTRIES, Text("Die Arbeitslosenquote in {x} lag {t} bei {n} Prozent.",
                     "The unemployment rate in {x} was {n} percent {t}."), False, 2, 25),
    (COUNTRIES, Text("{x} nahm {t} {n} Asylbewerber auf.", "{x} took in {n} asylum seekers {t}."), True, 1000, 300000),
    (COMPANIES, Text("{x} machte {t} einen Umsatz von {n} Millionen Euro.",
                     "{x} had revenue of {n} million euros {t}."), True, 20, 9000),
]
MORE_THAN = Text("mehr als", "more than")
ABOUT = Text("rund", "about")


def numbers(rng: random.Random) -> list[Pair]:
    pairs = []
    for _ in range(PER_GENERATOR * 2):
        subjects, template, integer, low, high = rng.choice(QUANTITIES)
        x, y = rng.sample(subjects, 2)
        year = Date(1, 0, rng.randint(2000, 2024)).year_only()
        value = rng.randint(low, high) if integer else round(rng.uniform(low, high), 1)
        decimals = 0 if integer else 1

        def say(subject, amount: Text, when: Text = year) -> Text:
            return Text(template.de.format(x=subject[0] if isinstance(subject, tuple) else subject, n=amount.de, t=when.de),
                        template.en.format(x=subject[1] if isinstance(subject, tuple) else subject, n=amount.en, t=when.en))

        evidence = say(x, number(value, decimals))
        # entails: the same number, "more than" a lower round number, "about" a close one
        kind = rng.random()
        if kind < 0.34:
            claim = say(x, number(value, decimals))
        elif kind < 0.67:
            bound = value * rng.uniform(0.6, 0.95)
            bound = round(bound, 0 if integer else 0)
            claim = say(x, Text(f"{MORE_THAN.de} {de_number(bound)}", f"{MORE_THAN.en} {en_number(bound)}"))
        else:
            close = value * rng.uniform(0.97, 1.03)
            claim = say(x, Text(f"{ABOUT.de} {de_number(close, decimals)}", f"{ABOUT.en} {en_number(close, decimals)}"))
        pairs.append(Pair(evidence, claim, ENTAILS, "numbers"))
        # contradicts: a number far off (a different order, a doubled or halved figure)
        factor = rng.choice([0.1, 0.3, 0.5, 2.0, 3.0, 10.0])
        wrong = value * factor
        pairs.append(Pair(evidence, say(x, number(wrong if not integer else round(wrong), decimals)),
                          CONTRADICTS, "numbers"))
        # neutral: another subject, or another year
        if rng.random() < 0.5:
            neutral = say(y, number(value * rng.uniform(0.5, 1.5), decimals))
        else:
            other_year = Date(1, 0, int(year.en[-4:]) + rng.choice([-2, -1, 1, 2])).year_only()
            neutral = say(x, number(value * rng.uniform(0.5, 1.5), decimals), other_year)
        pairs.append(Pair(evidence, neutral, NEUTRAL, "numbers"))
    return pairs


# ------------------------------------------------------------------ antonyms

INDICATORS = [("Die Inflationsrate", "The inflation rate"), ("Die Arbeitslosenquote", "The unemployment rate"),
              ("Die Wahlbeteiligung", "Voter turnout"), ("Die Armutsquote", "The poverty rate"),
              ("Der Anteil erneuerbarer Energien", "The share of renewable energy"),
              ("Die Sparquote", "The savings rate"), ("Der Leitzins", "The key interest rate"),
              ("Die Jugendarbeitslosigkeit", "Youth unemployment")]
# German verbs as (finite, separable particle); the particle goes to the end of the clause.
UP = ([("stieg", ""), ("nahm", "zu"), ("erhöhte sich", ""), ("wuchs", "")], ["rose", "increased", "went up", "grew"])
DOWN = ([("sank", ""), ("fiel", ""), ("ging", "zurück"), ("nahm", "ab")], ["fell", "decreased", "went down", "declined"])
WON_LOST = (Text("{x} gewann {t} die Präsidentschaftswahl.", "{x} won the presidential election {t}."),
            Text("{x} verlor {t} die Präsidentschaftswahl.", "{x} lost the presidential election {t}."))
APPROVED_REJECTED = (Text("Das Parlament von {x} stimmte {t} dem neuen Mediengesetz zu.",
                          "The parliament of {x} approved the new media law {t}."),
                     Text("Das Parlament von {x} lehnte {t} das neue Mediengesetz ab.",
                          "The parliament of {x} rejected the new media law {t}."))


def trend(indicator: tuple[str, str], country: tuple[str, str], direction, year: Text, rng: random.Random) -> Text:
    (finite, particle), verb_en = rng.choice(direction[0]), rng.choice(direction[1])
    de = f"{indicator[0]} in {country[0]} {finite} {year.de}" + (f" {particle}" if particle else "") + "."
    return Text(de, f"{indicator[1]} in {country[1]} {verb_en} {year.en}.")


def antonyms(rng: random.Random) -> list[Pair]:
    pairs = []
    for _ in range(PER_GENERATOR):
        indicator, other_indicator = rng.sample(INDICATORS, 2)
        country, other_country = rng.sample(COUNTRIES, 2)
        year = Date(1, 0, rng.randint(2000, 2024)).year_only()
        up = rng.random() < 0.5
        start = round(rng.uniform(2, 20), 1)
        end = round(start * (rng.uniform(1.1, 1.6) if up else rng.uniform(0.5, 0.9)), 1)
        evidence = Text(f"{indicator[0]} in {country[0]} veränderte sich {year.de} von {de_number(start, 1)} auf "
                        f"{de_number(end, 1)} Prozent.",
                        f"{indicator[1]} in {country[1]} went from {en_number(start, 1)} to {en_number(end, 1)} "
                        f"percent {year.en}.")
        same, opposite = (UP, DOWN) if up else (DOWN, UP)
        pairs.append(Pair(evidence, trend(indicator, country, same, year, rng), ENTAILS, "antonym"))
        pairs.append(Pair(evidence, trend(indicator, country, opposite, year, rng), CONTRADICTS, "antonym"))
        pairs.append(Pair(evidence, trend(rng.choice([indicator, other_indicator]), other_country,
                                          rng.choice([UP, DOWN]), year, rng) if rng.random() < 0.5
                          else trend(other_indicator, country, rng.choice([UP, DOWN]), year, rng),
                          NEUTRAL, "antonym"))
        # won / lost, approved / rejected
        for first, second, subjects in ((*WON_LOST, PEOPLE), (*APPROVED_REJECTED, COUNTRIES)):
            x, y = rng.sample(subjects, 2)
            date = random_date(rng)
            flip = rng.random() < 0.5
            said, denied = (second, first) if flip else (first, second)
            evidence = one_off(said, x, date.exact())
            coarse = rng.choice([date.month_only(), date.year_only()])
            pairs.append(Pair(evidence, one_off(said, x, coarse), ENTAILS, "antonym"))
            pairs.append(Pair(evidence, one_off(denied, x, coarse), CONTRADICTS, "antonym"))
            pairs.append(Pair(evidence, one_off(rng.choice([said, denied]), y, coarse), NEUTRAL, "antonym"))
    return pairs


# ------------------------------------------------------------------ negative findings

CAUSES = [("Handystrahlung", "mobile phone radiation"), ("Kaffee", "coffee"), ("Süßstoff", "artificial sweetener"),
          ("Fluorid im Trinkwasser", "fluoride in drinking water"), ("WLAN-Strahlung", "Wi-Fi radiation"),
          ("Palmöl", "palm oil"), ("Glyphosat", "glyphosate"), ("Aluminium in Deos", "aluminium in deodorants"),
          ("Mikroplastik", "microplastics"), ("Windkraft", "wind power"), ("Nachtarbeit", "night work")]
EFFECTS = [("Krebs", "keinen Krebs", "cancer"), ("Diabetes", "keinen Diabetes", "diabetes"),
           ("Unfruchtbarkeit", "keine Unfruchtbarkeit", "infertility"),
           ("Herzkrankheiten", "keine Herzkrankheiten", "heart disease"),
           ("Kopfschmerzen", "keine Kopfschmerzen", "headaches"), ("Demenz", "keine Demenz", "dementia")]


def findings(rng: random.Random) -> list[Pair]:
    pairs = []
    for _ in range(PER_GENERATOR):
        (cause_de, cause_en), (other_de, other_en) = rng.sample(CAUSES, 2)
        effect_de, no_effect_de, effect_en = rng.choice(EFFECTS)
        people = rng.choice([1200, 5400, 23000, 110000, 650000])
        none = Text(f"Eine Studie mit {de_number(people)} Teilnehmern fand keinen Zusammenhang zwischen "
                    f"{cause_de} und {effect_de}.",
                    f"A study of {en_number(people)} people found no link between {cause_en} and {effect_en}.")
        some = Text(f"Eine Studie mit {de_number(people)} Teilnehmern zeigte, dass {cause_de} "
                    f"das Risiko für {effect_de} deutlich erhöht.",
                    f"A study of {en_number(people)} people showed that {cause_en} clearly raises the risk of {effect_en}.")
        causes = Text(f"{cause_de} verursacht {effect_de}.", f"{cause_en[0].upper() + cause_en[1:]} causes {effect_en}.")
        no_cause = Text(f"{cause_de} verursacht {no_effect_de}.",
                        f"{cause_en[0].upper() + cause_en[1:]} does not cause {effect_en}.")
        other = Text(f"{other_de} verursacht {effect_de}.", f"{other_en[0].upper() + other_en[1:]} causes {effect_en}.")
        pairs.append(Pair(none, causes, CONTRADICTS, "negation"))
        pairs.append(Pair(none, no_cause, ENTAILS, "negation"))
        pairs.append(Pair(some, no_cause, CONTRADICTS, "negation"))
        pairs.append(Pair(some, causes, ENTAILS, "negation"))
        pairs.append(Pair(rng.choice([none, some]), other, NEUTRAL, "negation"))
    return pairs


GENERATORS: tuple[Callable[[random.Random], list[Pair]], ...] = (relations, acts, dates, numbers, antonyms, findings, details)


def generate() -> list[Example]:
    """The generated pairs as training examples (a fixed hash share of them is dev)."""
    rng = random.Random(SEED)
    examples = []
    for generator in GENERATORS:
        for pair in generator(rng):
            draw = rng.random()
            if draw < CROSS_LINGUAL_SHARE:  # German claim against English evidence, or the reverse
                evidence_language = rng.choice(["de", "en"])
                claim_language = "en" if evidence_language == "de" else "de"
            else:
                evidence_language = claim_language = "de" if draw < (1 + CROSS_LINGUAL_SHARE) / 2 else "en"
            evidence, claim = getattr(pair.evidence, evidence_language), getattr(pair.claim, claim_language)
            language = evidence_language if evidence_language == claim_language else f"{evidence_language}-{claim_language}"
            weight = GERMAN_WEIGHT if "de" in language else 1.0
            key = f"{generator.__name__}:{len(examples)}"
            examples.append(Example(evidence, claim, pair.target, f"contrast-{pair.category}", language, weight,
                                    _dev(key)))
    scale = TOTAL_WEIGHT / sum(e.weight for e in examples if not e.dev)
    return [dataclasses.replace(e, weight=e.weight * scale) for e in examples]


def _dev(key: str) -> bool:
    import hashlib

    from stance_data import DEV_SALT, DEV_SHARE

    digest = hashlib.sha256(f"{DEV_SALT}:{key}".encode()).digest()
    return int.from_bytes(digest[:4], "big") / 2**32 < DEV_SHARE


if __name__ == "__main__":
    from collections import Counter

    examples = generate()
    print(len(examples), "pairs;", Counter((e.source, e.target) for e in examples))
    for example in random.Random(1).sample(examples, 25):
        print(f"[{example.source} {example.language} {('E', 'C', 'N')[example.target]}] "
              f"{example.premise}  =>  {example.hypothesis}")
