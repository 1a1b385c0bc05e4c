import json

from checker.records import (Claim, CorpusInfo, CorpusLabel, Evidence, Finding, Label, Layout, Report, Sentence,
                             SentenceKind, Stance, Verdict, ASSERTED)
from checker.report import report_to_dict, report_to_json, report_to_markdown
from tests.conftest import REPORTED_BY_TRUMP, entry


def sample_report() -> Report:
    heading = Sentence(0, "Deal | talks", 0, 12, Layout.HEADING, "de")
    reported = Sentence(1, "Trump beschuldigte Selenskyj fälschlicherweise, den Krieg begonnen zu haben.", 14, 90,
                        Layout.TEXT, "de")
    fact = entry("Ukraine started the war.", CorpusLabel.FALSE, id="f1", rating="False", language="en",
                 publisher="PolitiFact", date="2025-02-19", source_url="https://example.org/x",
                 evidence="Russia invaded <b>Ukraine</b>.")
    findings = (
        Finding(Claim(heading, SentenceKind.HEADING, 0.0, ASSERTED, heading.text), None, ()),
        Finding(Claim(reported, SentenceKind.CLAIM, 0.91234, REPORTED_BY_TRUMP, "Selenskyj hat den Krieg begonnen."),
                Verdict(Label.REFUTED, 0.87654, True, "Claim reported from Trump: refuted."),
                (Evidence(fact, 0.93456, Stance.REFUTES, 0.876, "same claim, rated false"),)),
    )
    return Report("de", CorpusInfo("ukraine", "abc123", 80), findings, 90, "e5@1234", "0.1.0")


def test_json_has_the_documented_schema():
    data = json.loads(report_to_json(sample_report()))
    assert data["language"] == "de"
    assert data["corpus"] == {"name": "ukraine", "version": "abc123", "entries": 80}
    assert data["summary"] == {"sentences": 2, "claims": 1, "flagged": 1,
                               "labels": {"supported": 0, "refuted": 1, "misleading": 0, "unverified": 0}}
    heading, claim = data["sentences"]
    assert heading["verdict"] is None and heading["evidence"] == [] and heading["kind"] == "heading"
    assert set(claim) == {"id", "text", "start", "end", "language", "kind", "checkworthiness", "attribution",
                          "checked_claim", "verdict", "evidence"}
    assert claim["attribution"] == {"type": "reported", "speaker": "Trump", "cue": "beschuldigte",
                                    "marked_false_by_author": True}
    assert claim["verdict"] == {"label": "refuted", "confidence": 0.8765, "flagged": True,
                                "explanation": "Claim reported from Trump: refuted."}
    assert claim["evidence"][0] == {
        "id": "f1", "text": "Ukraine started the war.", "language": "en", "rating": "False", "label": "false",
        "evidence": "Russia invaded <b>Ukraine</b>.", "source_url": "https://example.org/x",
        "publisher": "PolitiFact", "date": "2025-02-19", "similarity": 0.9346, "stance": "refutes",
        "stance_confidence": 0.876}
    assert report_to_dict(sample_report()) == data


def test_markdown_report_exact():
    assert report_to_markdown(sample_report()) == """\
# Fact-check report

- Language: de
- Corpus: ukraine (version abc123, 80 entries)
- Model: e5@1234; checker 0.1.0
- Sentences: 2; claims checked: 1; flagged for review: 1

| verdict | claims |
|---|---:|
| supported | 0 |
| refuted | 1 |
| misleading | 0 |
| unverified | 0 |

## Claims to review

### Sentence 1: REFUTED (confidence 0.88)

> Trump beschuldigte Selenskyj fälschlicherweise, den Krieg begonnen zu haben.

- Checked claim: “Selenskyj hat den Krieg begonnen.”
- Attribution: reported; speaker: Trump; cue: “beschuldigte”; the article itself marks it as false
- Why: Claim reported from Trump: refuted.
- Evidence:
  1. “Ukraine started the war.” [en] — rated “False” (PolitiFact, 2025-02-19); similarity 0.93, refutes — <https://example.org/x>  
     Facts: Russia invaded &lt;b&gt;Ukraine&lt;/b&gt;.

## All sentences

| # | kind | verdict | confidence | sentence |
|---:|---|---|---:|---|
| 0 | heading | – |  | Deal \\| talks |
| 1 | claim | refuted ⚑ | 0.88 | Trump beschuldigte Selenskyj fälschlicherweise, den Krieg begonnen zu haben. |
"""
