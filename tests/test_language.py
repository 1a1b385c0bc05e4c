"""The language stage: deterministic, restricted language detection and tagging."""

from __future__ import annotations

import doctest

import pytest

from checker import language as language_module
from checker.language import SUPPORTED_LANGUAGES, detect_language, document_language, tag_languages
from checker.records import Layout, Segment, Sentence
from checker.text import split_sentences
from tests.conftest import MOTIVATING_ARTICLE, REPO, needs_shared

GERMAN = [
    "Die Ukraine wurde nicht zu den Gesprächen in Riad eingeladen.",
    "Selenskyj hat den Krieg nicht begonnen.",  # scored 0.71 de / 0.29 nl by langdetect
    "Trump hat Selenskyj einen Diktator genannt.",  # scored 0.99999 Norwegian by langdetect
    "Er kam, sah und siegte am Ende doch noch.",  # 0.86 de / 0.14 sv
    "Russland hat die Ukraine am 24. Februar 2022 angegriffen.",
]
ENGLISH = [
    "Trump falsely claimed that Ukraine started the war.",
    "Ukraine did not start the war; Russia invaded on 24 February 2022.",
    "Zelensky said the draft was unfair to Kyiv.",
    "Rare earth minerals deal with Ukraine almost done, official says.",
]


def segment(text: str, layout: Layout = Layout.TEXT, start: int = 0) -> Segment:
    return Segment(text, start, start + len(text), layout)


def test_docstring_examples_run():
    assert doctest.testmod(language_module).failed == 0


@pytest.mark.parametrize("text", GERMAN)
def test_german_sentences_are_german_whatever_the_fallback(text):
    assert detect_language(text, fallback="en") == "de"


@pytest.mark.parametrize("text", ENGLISH)
def test_english_sentences_are_english_whatever_the_fallback(text):
    assert detect_language(text, fallback="de") == "en"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "Selenskyj",  # one word
        "Trump sagt nein.",  # three words
        "Ja, so ist es eben.",  # five words but only 14 letters
        "12.000 / 24.02.2022 – 500 000 000 $",  # no letters worth the name
        "https://www.cnn.com/2025/02/21/politics/trump-ukraine-mineral-deal-analysis/index.html",
        "name@example.org, info@example.org, test@example.org, x@example.org",
    ],
)
def test_short_or_letterless_text_gets_the_fallback(text):
    assert detect_language(text, fallback="de") == "de"
    assert detect_language(text, fallback="en") == "en"


def test_unsupported_language_gets_the_fallback():
    french = "La guerre a commencé en février 2022 avec l'invasion russe de l'Ukraine."
    assert detect_language(french, fallback="de") == "de"
    assert detect_language(french, fallback="en") == "en"


def test_result_is_always_supported_or_the_fallback():
    texts = GERMAN + ENGLISH + [
        "De oorlog begon in februari 2022 met de Russische invasie van Oekraïne.",
        "Wojna rozpoczęła się w lutym 2022 roku od rosyjskiej inwazji.",
        "Война началась в феврале 2022 года с вторжения России.",
    ]
    for text in texts:
        assert detect_language(text, fallback="xx") in {*SUPPORTED_LANGUAGES, "xx"}


def test_detection_does_not_depend_on_call_order():
    texts = GERMAN + ENGLISH
    forward = [detect_language(text, fallback="xx") for text in texts]
    backward = [detect_language(text, fallback="xx") for text in reversed(texts)][::-1]
    again = [detect_language(text, fallback="xx") for text in texts]
    assert forward == backward == again


def test_document_language():
    assert document_language([segment(text) for text in GERMAN]) == "de"
    assert document_language([segment(text) for text in ENGLISH]) == "en"


def test_document_language_uses_prose_not_headings_or_links():
    segments = [
        segment("Ukraine and the minerals deal: what we know so far", Layout.HEADING),
        segment("https://example.org/news/2025/02/21/minerals-deal-ukraine", Layout.LINK),
        *[segment(text) for text in GERMAN],
    ]
    assert document_language(segments) == "de"


def test_document_language_falls_back_to_headings_then_english():
    assert document_language([segment("Die Ukraine wurde nicht zu den Gesprächen eingeladen", Layout.HEADING)]) == "de"
    assert document_language([]) == "en"
    assert document_language([segment("https://example.org/x", Layout.LINK)]) == "en"
    assert document_language([segment("1.000 2.000")]) == "en"


def test_tag_languages_numbers_sentences_and_keeps_their_fields():
    original = "Kurz\n\nDie Ukraine wurde nicht zu den Gesprächen eingeladen. Ja.\n\nhttps://example.org/a"
    sentences = tag_languages(split_sentences(original))
    assert sentences == [
        Sentence(0, "Kurz", 0, 4, Layout.HEADING, "de"),
        Sentence(1, "Die Ukraine wurde nicht zu den Gesprächen eingeladen.", 6, 59, Layout.TEXT, "de"),
        Sentence(2, "Ja.", 60, 63, Layout.TEXT, "de"),
        Sentence(3, "https://example.org/a", 65, 86, Layout.LINK, "de"),
    ]


def test_tag_languages_keeps_a_clear_foreign_sentence():
    segments = [segment(text) for text in GERMAN] + [segment(ENGLISH[0])]
    languages = [sentence.language for sentence in tag_languages(segments)]
    assert languages == ["de"] * len(GERMAN) + ["en"]


def test_tag_languages_of_nothing_is_nothing():
    assert tag_languages([]) == []


def test_motivating_article_is_german_throughout():
    original = needs_shared(MOTIVATING_ARTICLE).read_text(encoding="utf-8")
    sentences = tag_languages(split_sentences(original))
    assert [sentence.id for sentence in sentences] == list(range(len(sentences)))
    assert {sentence.language for sentence in sentences} == {"de"}


@pytest.mark.parametrize(
    "name, expected", [("minerals-deal-en.txt", "en"), ("kurzmeldung-de.txt", "de")]
)
def test_example_articles_are_one_language(name, expected):
    original = (REPO / "examples" / name).read_text(encoding="utf-8")
    segments = split_sentences(original)
    assert document_language(segments) == expected
    assert {sentence.language for sentence in tag_languages(segments)} == {expected}
