"""Generated contrast pairs for the stance model: negation, antonyms, swapped roles,
numbers and dates, in German and English (and across the two).

German 3-way NLI data is thin and no NLI set drills the contrasts a fact-checker meets
("Russia attacked Ukraine" / "Ukraine attacked Russia", "rose" / "fell", "3 billion" /
"300 billion", "2022" / "2023"). Here each *fact* is written once per language from a
template with slots (made-up companies and people, real country names, random numbers
and dates), and pairs are made from a fact and a variant of it:

* entails: a paraphrase (passive voice, a coarser date, a rounded or bounded number, a
  synonym verb, the negation of a negative finding);
* contradicts: the negation, the antonym verb, the roles swapped in a one-way relation
  (an attack, a final, a takeover), another number, another year or month;
* neutral: the same kind of statement about another subject, another year, another
  indicator, or a roles swap in a relation both sides can have (sanctions, expulsions),
  and another fact about the same subject (same topic, says nothing).

The templates and vocabularies are our own and share no sentence with the probe set
(bench/data/stance_probes.jsonl), which stays a test. Each pair's claim and evidence are
in the same language, or (a fifth of the pairs) one German and one English.
A fixed seed makes the set identical on every run.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from stance_data import CONTRADICTS, ENTAILS, NEUTRAL, Example

SEED = 31
PER_GENERATOR = 120  # facts per generator; each yields several pairs
CROSS_LINGUAL_SHARE = 0.2
GERMAN_WEIGHT = 1.5

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


def de_number(value: float, decimals: int = 0) -> str:
    text = f"{value:,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def en_number(value: float, decimals: int = 0) -> str:
    return f"{value:,.{decimals}f}"


def number(value: float, decimals: int = 0) -> Text:
    return Text(de_number(value, decimals), en_number(value, decimals))


# ------------------------------------------------------------------ relations between two parties

# (active, passive, negated) in both languages; {a} acts on {b} at {t}.
ONE_WAY = {
    "attack": (Text("{a} griff {b} {t} an.", "{a} attacked {b} {t}."),
               Text("{b} wurde {t} von {a} angegriffen.", "{b} was attacked by {a} {t}."),
               Text("{a} griff {b} {t} nicht an.", "{a} did not attack {b} {t}.")),
    "invade": (Text("{a} marschierte {t} in {b} ein.", "{a} invaded {b} {t}."),
               Text("{b} wurde {t} von {a} überfallen.", "{b} was invaded by {a} {t}."),
               Text("{a} marschierte {t} nicht in {b} ein.", "{a} did not invade {b} {t}.")),
}
ONE_WAY_PEOPLE = {
    "final": (Text("{a} besiegte {b} {t} im Finale.", "{a} beat {b} in the final {t}."),
              Text("{b} verlor {t} das Finale gegen {a}.", "{b} lost the final to {a} {t}."),
              Text("{a} konnte {b} {t} im Finale nicht besiegen.", "{a} failed to beat {b} in the final {t}.")),
}
ONE_WAY_COMPANIES = {
    "takeover": (Text("{a} übernahm {t} das Unternehmen {b}.", "{a} took over {b} {t}."),
                 Text("{b} wurde {t} von {a} übernommen.", "{b} was bought by {a} {t}."),
                 Text("{a} hat {b} {t} nicht übernommen.", "{a} did not take over {b} {t}.")),
}
# Both sides can do this to each other: a swap says nothing.
TWO_WAY = {
    "sanctions": (Text("{a} verhängte {t} Sanktionen gegen {b}.", "{a} imposed sanctions on {b} {t}."),
                  Text("{b} wurde {t} von {a} mit Sanktionen belegt.", "{b} was hit with sanctions by {a} {t}."),
                  Text("{a} verhängte {t} keine Sanktionen gegen {b}.", "{a} did not impose sanctions on {b} {t}.")),
    "expel": (Text("{a} wies {t} Diplomaten aus {b} aus.", "{a} expelled diplomats from {b} {t}."),
              Text("Diplomaten aus {b} wurden {t} von {a} ausgewiesen.", "Diplomats from {b} were expelled by {a} {t}."),
              Text("{a} wies {t} keine Diplomaten aus {b} aus.", "{a} did not expel any diplomats from {b} {t}.")),
    "accuse": (Text("{a} warf {b} {t} Wahlbetrug vor.", "{a} accused {b} of election fraud {t}."),
               Text("{b} wurde {t} von {a} des Wahlbetrugs beschuldigt.", "{b} was accused of election fraud by {a} {t}."),
               Text("{a} warf {b} {t} keinen Wahlbetrug vor.", "{a} did not accuse {b} of election fraud {t}.")),
}


def fill(template: Text, a: tuple[str, str] | str, b: tuple[str, str] | str, t: Text) -> Text:
    a_de, a_en = (a, a) if isinstance(a, str) else a
    b_de, b_en = (b, b) if isinstance(b, str) else b
    return Text(template.de.format(a=a_de, b=b_de, t=t.de), template.en.format(a=a_en, b=b_en, t=t.en))


def relations(rng: random.Random) -> list[Pair]:
    pairs = []
    kinds = ([(name, forms, COUNTRIES, True) for name, forms in ONE_WAY.items()]
             + [(name, forms, PEOPLE, True) for name, forms in ONE_WAY_PEOPLE.items()]
             + [(name, forms, COMPANIES, True) for name, forms in ONE_WAY_COMPANIES.items()]
             + [(name, forms, COUNTRIES, False) for name, forms in TWO_WAY.items()])
    for _ in range(PER_GENERATOR * 2):
        name, (active, passive, negated), parties, one_way = rng.choice(kinds)
        a, b, c = rng.sample(parties, 3)
        date = random_date(rng)
        fine, coarse = date.exact(), rng.choice([date.month_only(), date.year_only()])
        evidence = fill(rng.choice([active, passive]), a, b, fine)
        # entails: the other voice, a coarser date
        pairs.append(Pair(evidence, fill(rng.choice([active, passive]), a, b, coarse), ENTAILS, "swapped_roles"))
        # swapped roles: a contradiction for a one-way relation, nothing for a two-way one
        swapped = fill(rng.choice([active, passive]), b, a, coarse)
        pairs.append(Pair(evidence, swapped, CONTRADICTS if one_way else NEUTRAL, "swapped_roles"))
        # another party entirely: nothing
        pairs.append(Pair(evidence, fill(active, a, c, coarse) if rng.random() < 0.5 else fill(active, c, b, coarse),
                          NEUTRAL, "swapped_roles"))
        # negation, both ways round; a negated claim about another party says nothing
        if rng.random() < 0.5:
            pairs.append(Pair(evidence, fill(negated, c, b, coarse), NEUTRAL, "negation"))
        if rng.random() < 0.5:
            pairs.append(Pair(evidence, fill(negated, a, b, coarse), CONTRADICTS, "negation"))
        else:
            pairs.append(Pair(fill(negated, a, b, fine), fill(active, a, b, coarse), CONTRADICTS, "negation"))
        if one_way and name in ("final", "takeover"):
            # one-off events: another year or month contradicts, the negation of a swap is entailed
            wrong = other_date(rng, date)
            pairs.append(Pair(evidence, fill(active, a, b, rng.choice([wrong.month_only(), wrong.year_only()])),
                              CONTRADICTS, "dates"))
            pairs.append(Pair(evidence, fill(negated, b, a, coarse), ENTAILS, "negation"))
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
    return Text(template.de.format(x=x_de, t=t.de), template.en.format(x=x_en, t=t.en))


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
        wrong = other_date(rng, date)
        pairs.append(Pair(evidence, one_off(template, x, rng.choice([wrong.month_only(), wrong.year_only()])),
                          CONTRADICTS, "dates"))
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


GENERATORS: tuple[Callable[[random.Random], list[Pair]], ...] = (relations, dates, numbers, antonyms, findings)


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
    return examples


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
