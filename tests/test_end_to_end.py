"""End to end with the real model (built by `make setup`) and the shipped corpus."""

import json
import subprocess
import sys

import pytest

from checker.config import Settings
from checker.pipeline import Checker
from checker.records import AttributionType, Label, Layout, SentenceKind, Stance
from tests.conftest import MOTIVATING_ARTICLE, REPO, needs_shared

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def checker(tmp_path_factory):
    settings = Settings(index_root=tmp_path_factory.mktemp("index"))
    if not (settings.model_dir / "modules.json").is_file():
        pytest.fail(f"no model in {settings.model_dir}: run `make setup` first")
    return Checker.from_settings(settings)


@pytest.fixture(scope="module")
def motivating(checker):
    text = needs_shared(MOTIVATING_ARTICLE).read_text(encoding="utf-8")
    return text, checker.check(text)


def find(report, fragment):
    [finding] = [f for f in report.findings if fragment in f.claim.sentence.text]
    return finding


def test_trump_sentence_is_a_flagged_refuted_reported_claim(motivating):
    _, report = motivating
    finding = find(report, "Trump beschuldigte Selenskyj")
    claim, verdict = finding.claim, finding.verdict
    assert claim.kind is SentenceKind.CLAIM
    assert claim.attribution.type is AttributionType.REPORTED
    assert claim.attribution.speaker == "Trump"
    assert claim.attribution.marked_false_by_author
    assert "Selenskyj" in claim.checked_text and "Trump" not in claim.checked_text
    assert verdict.label is Label.REFUTED and verdict.flagged
    assert any(item.stance is Stance.REFUTES and item.entry.label.value == "false" for item in finding.evidence)
    assert "Trump" in verdict.explanation


def test_no_other_sentence_is_refuted(motivating):
    _, report = motivating
    refuted = [f.claim.sentence.text for f in report.findings if f.verdict and f.verdict.label is Label.REFUTED]
    assert len(refuted) == 1 and refuted[0].startswith("Trump beschuldigte")


def test_url_line_is_not_a_claim_and_cut_sentences_are_whole(motivating):
    text, report = motivating
    link = find(report, "https://www.cnn.com/")
    assert link.claim.sentence.layout is Layout.LINK and link.verdict is None
    gap = find(report, "Die anhaltende ukrainische Ablehnung")
    assert "in seiner gegenwärtigen Form zu unterzeichnen" in gap.claim.sentence.text
    assert "\n\n" in text[gap.claim.sentence.start:gap.claim.sentence.end]
    for finding in report.findings:
        sentence = finding.claim.sentence
        assert "\n" not in sentence.text
        assert text[sentence.start] == sentence.text[0] and text[sentence.end - 1] == sentence.text[-1]


def test_german_sentence_matches_english_fact_check(checker):
    [finding] = checker.check("Selenskyj hat Trumps Netzwerk Truth Social in der Ukraine verboten.").findings
    languages = {item.entry.language for item in finding.evidence if item.stance is Stance.REFUTES}
    assert "en" in languages and finding.verdict.label is Label.REFUTED


@pytest.mark.parametrize("sentence", [
    "Selenskyj hat den Krieg nicht begonnen.",
    "Die Ukraine hat den Krieg mit Russland nicht begonnen.",
    "Ukraine did not start the war with Russia.",
])
def test_negation_is_never_refuted_by_the_false_claim(checker, sentence):
    [finding] = checker.check(sentence).findings
    assert finding.verdict is not None and finding.verdict.label is not Label.REFUTED


@pytest.mark.parametrize("spelling", ["Selenskyj", "Selensky", "Zelensky", "Zelenskyy"])
def test_name_spelling_does_not_change_the_verdict(checker, spelling):
    [finding] = checker.check(f"{spelling} hat den Krieg mit Russland begonnen.").findings
    assert finding.verdict.label is Label.REFUTED


def test_english_example_article(checker):
    report = checker.check((REPO / "examples" / "minerals-deal-en.txt").read_text(encoding="utf-8"))
    reported = find(report, "Trump falsely claimed")
    assert reported.claim.attribution.marked_false_by_author
    assert reported.verdict.label is Label.REFUTED
    negated = find(report, "Ukraine did not start the war")
    assert negated.verdict is None or negated.verdict.label is not Label.REFUTED
    reply = find(report, "Zelensky replied that Trump was living")
    assert reply.verdict.label is Label.SUPPORTED and reply.evidence[0].stance is Stance.SUPPORTS


def test_cli_writes_json_and_markdown_reports(tmp_path):
    article = needs_shared(MOTIVATING_ARTICLE)
    out = tmp_path / "report.json"
    subprocess.run([sys.executable, "-m", "checker", "check", str(article), "-o", str(out)], check=True, cwd=REPO)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["language"] == "de" and data["summary"]["labels"]["refuted"] == 1
    markdown = subprocess.run([sys.executable, "-m", "checker", "check", "-", "--format", "md"], check=True,
                              cwd=REPO, input=article.read_bytes(), capture_output=True).stdout.decode()
    assert markdown.startswith("# Fact-check report") and "REFUTED" in markdown
    page = tmp_path / "report.html"
    subprocess.run([sys.executable, "-m", "checker", "check", str(article), "--format", "html", "-o", str(page)],
                   check=True, cwd=REPO)
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "refuted" in html and "Selenskyj" in html
