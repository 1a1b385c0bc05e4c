"""Attribution on the team's two annotated sets: `claims.find_attribution` beside two simple baselines.

Two sets, scored side by side in one run:

* dev, bench/data/attribution_gold.jsonl: the rules were tuned on it (at least one rule was
  written after reading its misses), so its numbers are optimistic;
* test, bench/data/attribution_test.jsonl: 166 sentences written and committed before the
  rule changes of issue 5 that followed; its misses are counted by kind but not listed,
  so that no rule is fitted to them (see bench/data/README.md).

The dev set, bench/data/attribution_gold.jsonl, has 204 news sentences (102 German, 102
English) written and annotated by hand for this benchmark, never produced by running
attribution.py. Styles: agency wire, broadsheet, tabloid, local, science and health, sports,
economy, court reporting, social-media posts and interviews. One JSON object a line:

    {"id": "de-001", "language": "de", "text": "...", "type": "asserted" | "reported",
     "speaker": str | null, "cue": str | null, "marked_false_by_author": bool, "claim": str}

How it was annotated:

* reported: the sentence passes on what someone else says (verb of saying, "laut",
  "zufolge", "according to", Konjunktiv I on its own, hearsay "soll"/"angeblich"/
  "reportedly", a claim noun such as "Trumps Behauptung, …" / "the claim that …").
  Asserted: the author's own voice, even when a source is the grammatical subject of an
  event ("Die Polizei nahm … fest"), "sagte … ab", deontic "soll"/"should", "es sei denn",
  "Gott sei Dank", a first-person "ich habe …", or a speech act with no proposition
  ("sagte nichts zu den Vorwürfen").
* speaker: as written, in the nominative ("laut dem Statistischen Bundesamt" → "das
  Statistische Bundesamt"); null for hearsay and passives ("soll", "It was reported").
  Nested reports take the outermost speaker, the source the article quotes.
* cue: the reporting word(s) as in the text, discontinuous parts joined ("warf vor").
* marked_false_by_author: the article itself calls the claim false or unsupported
  ("fälschlicherweise", "ohne Belege", "entgegen den Fakten", "widerlegt", "falsely",
  "without evidence", "baseless", "debunked", "… is false", "a figure the data do not
  support"); a rebuttal by another speaker in the same sentence does not count.
* claim: for reported sentences the proposition as a stand-alone main clause: Konjunktiv
  I/II becomes indicative, "beschuldigte X, Y zu haben" becomes "X hat Y", quote marks go,
  a pronoun that stands for the speaker becomes the speaker, English "had done" becomes
  "did" and "would" becomes "will" (other tenses stay), a denial states what the speaker
  holds ("denied sending" → "did not send"). For asserted sentences: the sentence itself.

Metrics, per language and overall, for each system:

* type accuracy over all sentences, and F1 of the "reported" class;
* speaker and cue accuracy over the gold-reported sentences. Comparison rule: both sides
  are lower-cased, punctuation (quotes, "…", apostrophes, hyphens) becomes a space and
  articles are dropped (de: der die das den dem des ein eine einer eines einem einen;
  en: the a an); the two match when one token sequence contains the other as a contiguous
  run of whole words ("Polizei" matches "die Polizei", "Kuleba" matches "der ukrainische
  Außenminister Dmytro Kuleba", "Pol" matches nothing), or when both are null;
* marked_false accuracy over all sentences, and F1 of the "marked false" class;
* claim: normalised exact match (lower-cased, punctuation removed, whitespace collapsed;
  articles kept, they change meaning) over all sentences and over the gold-reported ones,
  and the average token F1 (bag of normalised tokens, as in SQuAD) over the gold-reported.

Baselines measured in the same run:

* always asserted: no speaker, no cue, never marked false, the sentence as its claim;
* keywords: reported when any cue word from the issue's list appears as a whole word,
  cue = the first one found, no speaker, marked false when a false-marker word appears
  too, the sentence as its claim. The word lists come from issue 5, not from the gold set.

The gold set only measures: never tune rules or thresholds on it, or it stops being a test.

    .venv/bin/python bench/attribution.py [--dev FILE] [--test FILE] [--show 15]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from checker.attribution import find_attribution  # noqa: E402
from checker.records import Layout, Sentence  # noqa: E402

GOLD = REPO / "bench" / "data" / "attribution_gold.jsonl"
TEST = REPO / "bench" / "data" / "attribution_test.jsonl"
SET_LABELS = {"dev": "dev (rules were tuned on it)", "test": "test (written before the rule changes)"}
TYPES = ("asserted", "reported")
FIELDS = {
    "id": str,
    "language": str,
    "text": str,
    "type": str,
    "speaker": (str, type(None)),
    "cue": (str, type(None)),
    "marked_false_by_author": bool,
    "claim": str,
}

ARTICLES = {
    "de": frozenset("der die das den dem des ein eine einer eines einem einen".split()),
    "en": frozenset("the a an".split()),
}
# Any character that is not a letter, digit or whitespace separates words: quotes of every
# kind, the ellipsis of "warf … vor", the apostrophe of "Trump's", hyphens.
_NON_WORD = re.compile(r"[^\w\s]|_")


@dataclass(frozen=True, slots=True)
class GoldRow:
    id: str
    language: str
    text: str
    type: str
    speaker: str | None
    cue: str | None
    marked_false_by_author: bool
    claim: str


@dataclass(frozen=True, slots=True)
class Prediction:
    type: str  # "asserted" or "reported"
    speaker: str | None
    cue: str | None
    marked_false_by_author: bool
    claim: str


# ------------------------------------------------------------------ loading


def load_gold(path: Path = GOLD) -> list[GoldRow]:
    """Read and validate the gold set; a malformed line raises ValueError naming it."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise ValueError(f"{where}: not JSON ({error})") from None
        if set(record) != set(FIELDS):
            raise ValueError(f"{where}: fields {sorted(record)}; each line needs exactly {sorted(FIELDS)}")
        for name, kind in FIELDS.items():
            if not isinstance(record[name], kind):
                raise ValueError(f"{where}: {name!r} is {type(record[name]).__name__}, expected {kind}")
        if record["type"] not in TYPES:
            raise ValueError(f"{where}: type {record['type']!r}; valid: {', '.join(TYPES)}")
        if record["language"] not in ARTICLES:
            raise ValueError(f"{where}: language {record['language']!r}; valid: {', '.join(ARTICLES)}")
        rows.append(GoldRow(**record))
    return rows


# ------------------------------------------------------------------ normalisation and metrics


def words(text: str) -> list[str]:
    """Lower-cased word tokens with all punctuation removed.

    >>> words("„Die Brücke ist nicht mehr sicher“, sagte er.")
    ['die', 'brücke', 'ist', 'nicht', 'mehr', 'sicher', 'sagte', 'er']
    """
    return _NON_WORD.sub(" ", text.lower()).split()


def phrase_words(phrase: str, language: str) -> list[str]:
    """The words of a speaker or cue phrase, articles dropped.

    >>> phrase_words("das Statistische Bundesamt", "de"), phrase_words("warf … vor", "de")
    (['statistische', 'bundesamt'], ['warf', 'vor'])
    """
    articles = ARTICLES.get(language, frozenset())
    return [word for word in words(phrase) if word not in articles]


def _contains(longer: Sequence[str], shorter: Sequence[str]) -> bool:
    size = len(shorter)
    return any(list(longer[start:start + size]) == list(shorter) for start in range(len(longer) - size + 1))


def same_phrase(gold: str | None, predicted: str | None, language: str) -> bool:
    """Whether two speakers (or cues) match under the benchmark's rule (see the module docstring).

    >>> same_phrase("die Polizei", "Polizei", "de"), same_phrase("the mayor", "Mayor's", "en")
    (True, True)
    >>> same_phrase("die Polizei", None, "de"), same_phrase("der Minister", "die Ministerin", "de")
    (False, False)
    """
    if gold is None or predicted is None:
        return gold is None and predicted is None
    a, b = phrase_words(gold, language), phrase_words(predicted, language)
    if not a or not b:
        return a == b
    return _contains(a, b) if len(a) >= len(b) else _contains(b, a)


def same_claim(gold: str, predicted: str) -> bool:
    """Normalised exact match: case, punctuation and spacing ignored, every word kept.

    >>> same_claim("Die Lage ist ernst.", "die Lage  ist ernst"), same_claim("Die Lage ist ernst.", "Lage ist ernst.")
    (True, False)
    """
    return words(gold) == words(predicted)


def token_f1(gold: str, predicted: str) -> float:
    """F1 of the two bags of normalised words, in [0, 1] (1.0 when both are empty).

    >>> round(token_f1("Selenskyj hat den Krieg begonnen.", "Selenskyj begann den Krieg."), 3)
    0.667
    """
    a, b = Counter(words(gold)), Counter(words(predicted))
    if not a or not b:
        return float(a == b)
    overlap = sum((a & b).values())
    if overlap == 0:
        return 0.0
    precision, recall = overlap / sum(b.values()), overlap / sum(a.values())
    return 2 * precision * recall / (precision + recall)


def f1(gold: Sequence[bool], predicted: Sequence[bool]) -> float:
    """F1 of the positive class; 0.0 when there is nothing to find and nothing found."""
    tp = sum(g and p for g, p in zip(gold, predicted))
    fp = sum(p and not g for g, p in zip(gold, predicted))
    fn = sum(g and not p for g, p in zip(gold, predicted))
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else float("nan")


def score(gold: Sequence[GoldRow], predicted: Sequence[Prediction]) -> dict[str, float]:
    """Every metric of the module docstring for one system on a list of gold rows."""
    pairs = list(zip(gold, predicted, strict=True))
    reported = [(g, p) for g, p in pairs if g.type == "reported"]
    marked = [g.marked_false_by_author for g, _ in pairs], [p.marked_false_by_author for _, p in pairs]
    return {
        "type accuracy": _mean([g.type == p.type for g, p in pairs]),
        "reported F1": f1([g.type == "reported" for g, _ in pairs], [p.type == "reported" for _, p in pairs]),
        "speaker accuracy (gold reported)": _mean([same_phrase(g.speaker, p.speaker, g.language) for g, p in reported]),
        "cue accuracy (gold reported)": _mean([same_phrase(g.cue, p.cue, g.language) for g, p in reported]),
        "marked_false accuracy": _mean([g.marked_false_by_author == p.marked_false_by_author for g, p in pairs]),
        "marked_false F1": f1(*marked),
        "claim exact (all)": _mean([same_claim(g.claim, p.claim) for g, p in pairs]),
        "claim exact (gold reported)": _mean([same_claim(g.claim, p.claim) for g, p in reported]),
        "claim token F1 (gold reported)": _mean([token_f1(g.claim, p.claim) for g, p in reported]),
    }


# ------------------------------------------------------------------ systems


def predict_attribution_py(row: GoldRow) -> Prediction:
    """The system under test: checker.claims.find_attribution on the sentence alone."""
    sentence = Sentence(0, row.text, 0, len(row.text), Layout.TEXT, row.language)
    attribution, checked = find_attribution(sentence)
    return Prediction(attribution.type.value, attribution.speaker, attribution.cue,
                      attribution.marked_false_by_author, checked)


def predict_asserted(row: GoldRow) -> Prediction:
    """Baseline: every sentence asserted, checked as it stands."""
    return Prediction("asserted", None, None, False, row.text)


# The cue words issue 5 names (with the obvious inflections), not words picked from the gold set.
KEYWORD_CUES = {
    "de": "sagte sagten sagt erklärte erklärten erklärt behauptete behaupteten behauptet beschuldigte beschuldigt "
          "warf wirft laut zufolge angaben habe sei seien werde soll sollen angeblich mitteilte mitteilten",
    "en": "said says say claimed claims claim stated told accused according alleged allegedly reportedly reported",
}
KEYWORD_FALSE_MARKERS = {
    "de": "fälschlicherweise fälschlich falsch falsche ohne belege entgegen fakten widerlegt",
    "en": "falsely false without evidence baseless debunked",
}


def predict_keywords(row: GoldRow) -> Prediction:
    """Baseline: reported if any cue word appears; cue = the first one, no speaker."""
    cues, markers = set(KEYWORD_CUES[row.language].split()), set(KEYWORD_FALSE_MARKERS[row.language].split())
    tokens = words(row.text)
    cue = next((token for token in tokens if token in cues), None)
    marked = cue is not None and any(token in markers for token in tokens)
    return Prediction("reported" if cue else "asserted", None, cue, marked, row.text)


SYSTEMS: dict[str, Callable[[GoldRow], Prediction]] = {
    "always asserted": predict_asserted,
    "keywords": predict_keywords,
    "attribution.py": predict_attribution_py,
}


# ------------------------------------------------------------------ reporting


def markdown_table(results: dict[str, dict[str, float]]) -> str:
    """Metrics as rows, systems as columns, three decimals.

    >>> print(markdown_table({"a": {"m": 0.5}, "b": {"m": 1.0}}))
    | metric | a | b |
    |---|---:|---:|
    | m | 0.500 | 1.000 |
    """
    systems = list(results)
    metrics = list(results[systems[0]])
    lines = ["| metric | " + " | ".join(systems) + " |", "|---|" + "---:|" * len(systems)]
    lines += [f"| {m} | " + " | ".join(f"{results[s][m]:.3f}" for s in systems) + " |" for m in metrics]
    return "\n".join(lines)


def disagreements(gold: GoldRow, predicted: Prediction) -> list[str]:
    """The fields on which a prediction differs from gold, as 'field: gold → predicted'."""
    out = []
    if gold.type != predicted.type:
        out.append(f"type: {gold.type} → {predicted.type}")
    if gold.type == "reported" and not same_phrase(gold.speaker, predicted.speaker, gold.language):
        out.append(f"speaker: {gold.speaker!r} → {predicted.speaker!r}")
    if gold.type == "reported" and not same_phrase(gold.cue, predicted.cue, gold.language):
        out.append(f"cue: {gold.cue!r} → {predicted.cue!r}")
    if gold.marked_false_by_author != predicted.marked_false_by_author:
        out.append(f"marked_false: {gold.marked_false_by_author} → {predicted.marked_false_by_author}")
    if not same_claim(gold.claim, predicted.claim):
        out.append(f"claim: {gold.claim!r} → {predicted.claim!r}")
    return out


def error_kinds(gold: Sequence[GoldRow], predicted: Sequence[Prediction]) -> Counter[str]:
    """How often each kind of mistake occurs, to see where the rules lose most."""
    kinds: Counter[str] = Counter()
    for g, p in zip(gold, predicted, strict=True):
        if g.type == "reported" and p.type == "asserted":
            kinds[f"reported read as asserted ({g.language})"] += 1
        elif g.type == "asserted" and p.type == "reported":
            kinds[f"asserted read as reported ({g.language})"] += 1
        elif g.type == "reported":
            if not same_phrase(g.speaker, p.speaker, g.language):
                kinds[f"wrong speaker on a found report ({g.language})"] += 1
            if not same_phrase(g.cue, p.cue, g.language):
                kinds[f"wrong cue on a found report ({g.language})"] += 1
            if not same_claim(g.claim, p.claim):
                kinds[f"claim not exact on a found report ({g.language})"] += 1
        if g.marked_false_by_author and not p.marked_false_by_author:
            kinds[f"false marker missed ({g.language})"] += 1
        elif p.marked_false_by_author and not g.marked_false_by_author:
            kinds[f"false marker invented ({g.language})"] += 1
    return kinds


def side_by_side(
    sets: dict[str, Sequence[GoldRow]], predictions: dict[str, dict[str, list[Prediction]]], language: str | None
) -> dict[str, dict[str, float]]:
    """One column per (set, system), restricted to one language (None: all rows)."""
    columns = {}
    for set_name, gold in sets.items():
        keep = [i for i, row in enumerate(gold) if language is None or row.language == language]
        for system, predicted in predictions[set_name].items():
            columns[f"{system} ({set_name})"] = score([gold[i] for i in keep], [predicted[i] for i in keep])
    return columns


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dev", "--gold", type=Path, default=GOLD, help="the set the rules were tuned on")
    parser.add_argument("--test", type=Path, default=TEST, help="the held-out set")
    parser.add_argument("--show", type=int, default=15, help="how many attribution.py disagreements on dev to list")
    args = parser.parse_args()
    sets = {"dev": load_gold(args.dev), "test": load_gold(args.test)}
    predictions = {
        set_name: {name: [system(row) for row in gold] for name, system in SYSTEMS.items()}
        for set_name, gold in sets.items()
    }

    for set_name, gold in sets.items():
        types = Counter(row.type for row in gold)
        print(f"{SET_LABELS[set_name]}: {len(gold)} sentences ({types['reported']} reported, "
              f"{types['asserted']} asserted, {sum(row.marked_false_by_author for row in gold)} marked false)")
    print()
    for language in ("de", "en", None):
        counts = ", ".join(
            f"{set_name} {sum(language is None or row.language == language for row in gold)}"
            for set_name, gold in sets.items()
        )
        print(f"### {language or 'overall'} ({counts} sentences)\n")
        print(markdown_table(side_by_side(sets, predictions, language)))
        print()

    for set_name, gold in sets.items():
        print(f"### attribution.py on {SET_LABELS[set_name]}: kinds of error\n")
        print("| kind | count |\n|---|---:|")
        for kind, count in error_kinds(gold, predictions[set_name]["attribution.py"]).most_common():
            print(f"| {kind} | {count} |")
        print()

    # Only dev sentences are listed: reading the test set's misses would turn it into a second dev set.
    dev = sets["dev"]
    wrong = [(row, pred) for row, pred in zip(dev, predictions["dev"]["attribution.py"]) if disagreements(row, pred)]
    shown = min(args.show, len(wrong))
    print(f"### attribution.py on dev: first {shown} of {len(wrong)} sentences with a disagreement\n")
    for row, pred in wrong[:args.show]:
        print(f"- **{row.id}** {row.text}")
        for line in disagreements(row, pred):
            print(f"  - {line}")

if __name__ == "__main__":
    main()
