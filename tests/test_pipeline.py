"""The pipeline with the deterministic hashing embedder: fast, no model needed."""

import pytest

from checker.corpus import load_corpus
from checker.embed import HashingEmbedder
from checker.errors import InputError
from checker.index import SearchIndex
from checker.pipeline import Checker
from checker.records import Label, SentenceKind
from checker.report import report_to_dict


@pytest.fixture
def checker(small_corpus_file, settings):
    embedder = HashingEmbedder()
    return Checker(settings, embedder, SearchIndex.build(load_corpus(small_corpus_file), embedder))


ARTICLE = """Talks about the war

Ukraine started the war with Russia. Is that so?
https://example.org/story

Russia invaded Ukraine on 24 February 2022.
"""


def test_every_sentence_is_reported_with_offsets_into_the_original(checker):
    report = checker.check(ARTICLE)
    assert [f.claim.kind for f in report.findings] == [SentenceKind.HEADING, SentenceKind.CLAIM,
                                                       SentenceKind.QUESTION, SentenceKind.OTHER, SentenceKind.CLAIM]
    for finding in report.findings:
        sentence = finding.claim.sentence
        assert " ".join(ARTICLE[sentence.start:sentence.end].split()) == sentence.text
    assert report.language == "en" and report.text_length == len(ARTICLE)


def test_only_claims_get_verdicts_and_matching_entries_decide_them(checker):
    findings = checker.check(ARTICLE).findings
    heading, false_claim, question, link, true_claim = findings
    assert heading.verdict is question.verdict is link.verdict is None
    assert heading.evidence == link.evidence == ()
    assert false_claim.verdict.label is Label.REFUTED and false_claim.evidence[0].entry.id == "f1"
    assert true_claim.verdict.label is Label.SUPPORTED and true_claim.evidence[0].entry.id == "t1"


def test_negated_sentence_is_not_refuted_by_the_false_claim(checker):
    [finding] = checker.check("Ukraine did not start the war with Russia.").findings
    assert finding.verdict.label is not Label.REFUTED


def test_progress_is_reported_and_ends_complete(checker):
    calls = []
    checker.check(ARTICLE, progress=lambda done, total, what: calls.append((done, total)))
    assert calls[-1] == (2, 2)


@pytest.mark.parametrize("text", ["", "   \n\n\t"])
def test_empty_input_is_refused_with_a_clear_message(checker, text):
    with pytest.raises(InputError, match="The article is empty"):
        checker.check(text)


def test_too_long_input_is_refused(checker):
    with pytest.raises(InputError, match="Split it into parts"):
        checker.check("x" * (checker.settings.max_article_chars + 1))


def test_text_without_sentence_end_gives_a_valid_report(checker):
    report = report_to_dict(checker.check("ukraine started the war with russia and nobody stopped it"))
    assert report["summary"]["sentences"] == 1


def test_evidence_is_the_most_similar_entries_at_most_top_k(small_corpus_file, settings):
    import dataclasses

    embedder = HashingEmbedder()
    narrow = dataclasses.replace(settings, top_k=1, related_threshold=0.0)
    checker = Checker(narrow, embedder, SearchIndex.build(load_corpus(small_corpus_file), embedder))
    [finding] = checker.check("Russia invaded Ukraine on 24 February 2022.").findings
    assert [item.entry.id for item in finding.evidence] == ["t1"]
