"""The text stage: decoding, HTML extraction and sentence splitting with offsets."""

from __future__ import annotations

import doctest
import random
import re

import pytest

from checker import text as text_module
from checker.errors import InputError
from checker.records import Layout, Segment
from checker.text import article_from_bytes, decode_article, html_to_text, looks_like_html, split_sentences
from tests.conftest import MOTIVATING_ARTICLE, REPO, needs_shared


def check_offsets(original: str, segments: list[Segment]) -> None:
    """Every segment's span is in order, trimmed, and holds the segment's text.

    The repaired text may differ from the span only by whitespace (collapsed), line-end
    hyphens (resolved) and Markdown emphasis marks (dropped); where the span has none of
    those, the text is exactly the span with its whitespace collapsed.
    """
    previous_end = 0
    for segment in segments:
        assert previous_end <= segment.start < segment.end <= len(original), segment
        span = original[segment.start : segment.end]
        assert not span[0].isspace() and not span[-1].isspace(), segment
        assert segment.text == segment.text.strip() and segment.text, segment
        assert "\n" not in segment.text and "\r" not in segment.text, segment
        assert "  " not in segment.text, segment
        assert _skeleton(span) == _skeleton(segment.text), segment
        if not re.search(r"-\s*[\n\r\v\x1c-\x1e\x85\u2028\u2029]|[*_\u00ad>]", span):
            assert " ".join(span.split()) == segment.text, segment
        previous_end = segment.end


def _skeleton(text: str) -> str:
    return re.sub(r"[\s\-\u00ad*_>]", "", text)


def texts(original: str) -> list[str]:
    segments = split_sentences(original)
    check_offsets(original, segments)
    return [segment.text for segment in segments]


def layouts(original: str) -> list[tuple[str, Layout]]:
    segments = split_sentences(original)
    check_offsets(original, segments)
    return [(segment.text, segment.layout) for segment in segments]


def test_docstring_examples_run():
    assert doctest.testmod(text_module).failed == 0


# --- decode_article ---------------------------------------------------------------------------


def test_decode_plain_utf8_keeps_the_text_unchanged():
    assert decode_article("Größe: 5 €\r\nZeile 2\rZeile 3".encode()) == "Größe: 5 €\r\nZeile 2\rZeile 3"


def test_decode_strips_only_the_utf8_bom():
    assert decode_article(b"\xef\xbb\xbfHallo\r\n") == "Hallo\r\n"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_decode_accepts_utf16_and_utf32_with_bom(codec):
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}.get(codec, b"")
    data = bom + "Über „Rohstoffe“.\n".encode(codec)
    assert decode_article(data) == "Über „Rohstoffe“.\n"


def test_decode_empty_bytes_is_empty_text():
    assert decode_article(b"") == ""
    assert decode_article(b"\xef\xbb\xbf") == ""


def test_decode_rejects_invalid_utf8_naming_byte_and_position():
    with pytest.raises(InputError) as error:
        decode_article(b"abc\xff def")
    assert str(error.value) == (
        "The file is not UTF-8 text (byte 0xff at position 3); save it as UTF-8 and try again."
    )


def test_decode_rejects_latin1_text():
    with pytest.raises(InputError, match=r"not UTF-8 text \(byte 0xfc at position 1\)"):
        decode_article("Für".encode("latin-1"))


def test_decode_rejects_nul_bytes_as_binary():
    with pytest.raises(InputError, match="binary .*NUL"):
        decode_article(b"text\x00more text")


def test_decode_rejects_a_high_share_of_control_characters():
    with pytest.raises(InputError, match="binary"):
        decode_article(b"\x01\x02\x03\x04 some text \x05\x06\x07\x08")


def test_decode_accepts_form_feeds_and_tabs():
    # pdftotext separates pages with form feeds.
    data = b"Seite eins.\n\x0cSeite zwei.\tTab."
    assert decode_article(data) == data.decode()


def test_decode_rejects_pdf_and_zip_with_a_hint():
    with pytest.raises(InputError, match="PDF"):
        decode_article(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    with pytest.raises(InputError, match="Word"):
        decode_article(b"PK\x03\x04\x14\x00\x06\x00")


def test_decode_messages_are_one_line():
    for data in (b"a\xffb", b"a\x00b", b"%PDF-1.4", b"\x01\x02\x03"):
        with pytest.raises(InputError) as error:
            decode_article(data)
        assert "\n" not in str(error.value)


# --- HTML ---------------------------------------------------------------------------------------


def test_looks_like_html():
    assert looks_like_html("<!DOCTYPE html><html><body>x</body></html>")
    assert looks_like_html("<p class='lead'>Text</p>")
    assert not looks_like_html("If a < b and b > c then a < c.")
    assert not looks_like_html("Plain text with an e-mail <name@example.org>.")


def test_html_to_text_drops_boilerplate_and_keeps_structure():
    html = """<!doctype html><html><head><title>T</title><style>p {color: red}</style></head>
    <body><header>Site name</header><nav><a href="/">Home</a></nav>
    <article><h1>US &amp; Ukraine   talk</h1>
    <p>The deal is&nbsp;close.
       Officials say so.</p>
    <ul><li>First point.</li><li>Second point.</li></ul>
    <p>Line one<br>line two.</p>
    <script>var x = "<p>no</p>";</script></article>
    <footer>© 2025</footer></body></html>"""
    assert html_to_text(html) == (
        "# US & Ukraine talk\n\n"
        "The deal is close. Officials say so.\n\n"
        "- First point.\n\n- Second point.\n\n"
        "Line one\nline two."
    )


def test_html_output_splits_into_heading_and_sentences():
    original = html_to_text("<h2>Kein Deal?</h2><p>Die Ukraine sagt nein. Die USA warten.</p>")
    assert layouts(original) == [
        ("Kein Deal?", Layout.HEADING),
        ("Die Ukraine sagt nein.", Layout.TEXT),
        ("Die USA warten.", Layout.TEXT),
    ]


def test_article_from_bytes_converts_html_and_leaves_text_alone():
    assert article_from_bytes(b"<html><body><h1>Deal</h1><p>Kein Deal.</p></body></html>") == "# Deal\n\nKein Deal."
    assert article_from_bytes("Text mit <Klammer>.\r\n".encode()) == "Text mit <Klammer>.\r\n"
    assert article_from_bytes(b"") == ""
    with pytest.raises(InputError, match="UTF-8"):
        article_from_bytes(b"<p>M\xfcnchen</p>")


def test_html_to_text_keeps_line_breaks_inside_pre():
    assert html_to_text("<pre>a  b\nc</pre><p>x\ny</p>") == "a  b\nc\n\nx y"


# --- split_sentences: basics ------------------------------------------------------------------------


@pytest.mark.parametrize("original", ["", " ", "\n\n\t \r\n", "\u00a0\u2028"])
def test_empty_or_whitespace_text_gives_no_segments(original):
    assert split_sentences(original) == []


def test_offsets_index_the_original_text():
    original = "  First sentence here.  Second one!\n"
    assert split_sentences(original) == [
        Segment("First sentence here.", 2, 22, Layout.TEXT),
        Segment("Second one!", 24, 35, Layout.TEXT),
    ]


def test_text_without_sentence_end_is_one_segment():
    original = "a claim without any final punctuation\nthat wraps over two lines and more"
    assert split_sentences(original) == [
        Segment(
            "a claim without any final punctuation that wraps over two lines and more",
            0,
            len(original),
            Layout.TEXT,
        )
    ]


def test_single_short_line_is_text_not_heading():
    # A heading needs text after it; alone it may be the claim to check.
    assert layouts("Ukraine started the war") == [("Ukraine started the war", Layout.TEXT)]


@pytest.mark.parametrize(
    "original, expected",
    [
        ("Is it true? Nobody knows! Really.", ["Is it true?", "Nobody knows!", "Really."]),
        ("Wirklich?! Ja.", ["Wirklich?!", "Ja."]),
        ("Er kam; sie ging. Ende.", ["Er kam; sie ging.", "Ende."]),
        ("The talks ended: no deal. Next week, more.", ["The talks ended: no deal.", "Next week, more."]),
        ("Why? because.", ["Why? because."]),
    ],
)
def test_final_punctuation(original, expected):
    assert texts(original) == expected


def test_crlf_input_keeps_offsets_into_the_original():
    original = "Der Entwurf liegt\r\nvor. Kyiv lehnt\r\nab.\r\n\r\nNeuer Absatz.\r\n"
    segments = split_sentences(original)
    check_offsets(original, segments)
    assert [s.text for s in segments] == ["Der Entwurf liegt vor.", "Kyiv lehnt ab.", "Neuer Absatz."]
    assert original[segments[0].start : segments[0].end] == "Der Entwurf liegt\r\nvor."
    assert original[segments[2].start : segments[2].end] == "Neuer Absatz."


def test_bom_input_is_split_after_decoding():
    original = decode_article("Erster Satz. Zweiter Satz.".encode("utf-8-sig"))
    assert split_sentences(original) == [
        Segment("Erster Satz.", 0, 12, Layout.TEXT),
        Segment("Zweiter Satz.", 13, 26, Layout.TEXT),
    ]


def test_tabs_and_non_breaking_spaces_collapse():
    assert texts("Am\t24.\u00a0Februar  2022\u00a0begann  der Krieg.") == ["Am 24. Februar 2022 begann der Krieg."]


def test_form_feed_page_break_inside_a_paragraph_joins():
    assert texts("Die Verhandlungen zwischen den\n\x0cVereinigten Staaten laufen.") == [
        "Die Verhandlungen zwischen den Vereinigten Staaten laufen."
    ]


# --- line repair ------------------------------------------------------------------------------------


def test_hard_wrapped_lines_are_joined():
    original = "Die USA versuchen, Zugang zu den\nwesentlichen Mineralien und\n   Ressourcen zu erhalten."
    assert texts(original) == ["Die USA versuchen, Zugang zu den wesentlichen Mineralien und Ressourcen zu erhalten."]


def test_page_gap_inside_a_sentence_is_joined_when_the_next_paragraph_is_lowercase():
    original = "Die Ablehnung, das Abkommen in seiner\n\n\n\ngegenwärtigen Form zu unterzeichnen, bleibt."
    assert split_sentences(original) == [
        Segment(
            "Die Ablehnung, das Abkommen in seiner gegenwärtigen Form zu unterzeichnen, bleibt.",
            0,
            len(original),
            Layout.TEXT,
        )
    ]


def test_page_gap_after_a_function_word_is_joined():
    original = "Der Deal entspricht nicht den Erwartungen von\n\nPräsident Selenskyj. Das ist klar."
    assert texts(original) == [
        "Der Deal entspricht nicht den Erwartungen von Präsident Selenskyj.",
        "Das ist klar.",
    ]


def test_page_gap_after_a_comma_is_joined():
    assert texts("The draft, the source said,\n\nOfficials say, is unfair.") == [
        "The draft, the source said, Officials say, is unfair."
    ]


def test_paragraph_with_final_punctuation_is_not_joined_to_a_lowercase_one():
    assert texts("Der Satz endet hier.\n\nkleiner Anfang, neuer Satz.") == [
        "Der Satz endet hier.",
        "kleiner Anfang, neuer Satz.",
    ]


@pytest.mark.parametrize(
    "original, expected",
    [
        ("Druck von der US-\nRegierung wächst.", "Druck von der US-Regierung wächst."),
        ("Der US-\nBeamte erklärte es.", "Der US-Beamte erklärte es."),
        ("Die Verhand-\nlungen laufen.", "Die Verhandlungen laufen."),
        ("Die Verhand-  \n   lungen laufen.", "Die Verhandlungen laufen."),
        ("Import-\nund Exportzölle steigen.", "Import- und Exportzölle steigen."),
        ("The years 2024-\n2025 matter.", "The years 2024-2025 matter."),
        ("A dash -\nnot a hyphen.", "A dash - not a hyphen."),
        ("Verhand\u00adlungen laufen.", "Verhandlungen laufen."),
        ("Verhand\u00ad\nlungen laufen.", "Verhandlungen laufen."),
        ("Die Verhand-\n\nlungen laufen.", "Die Verhandlungen laufen."),
    ],
)
def test_line_end_hyphenation(original, expected):
    assert texts(original) == [expected]


def test_hyphen_repair_offsets_cover_the_hyphenated_word():
    original = "Er sagt: Der US-\nBeamte kam."
    (segment,) = split_sentences(original)
    assert segment.text == "Er sagt: Der US-Beamte kam."
    assert (segment.start, segment.end) == (0, len(original))


# --- headings and links ---------------------------------------------------------------------------


def test_short_block_without_final_punctuation_followed_by_a_blank_line_is_a_heading():
    original = "US-Interessen und ukrainische\nSicherheitsgarantien\n\nDie USA wollen Rohstoffe."
    segments = split_sentences(original)
    assert segments == [
        Segment("US-Interessen und ukrainische Sicherheitsgarantien", 0, 50, Layout.HEADING),
        Segment("Die USA wollen Rohstoffe.", 52, 77, Layout.TEXT),
    ]


def test_heading_with_line_end_compound_hyphen():
    original = "Sicherheitsgarantien und Druck von der US-\nRegierung\n\nDer Druck wächst."
    assert layouts(original) == [
        ("Sicherheitsgarantien und Druck von der US-Regierung", Layout.HEADING),
        ("Der Druck wächst.", Layout.TEXT),
    ]


@pytest.mark.parametrize(
    "block",
    [
        "Three lines\nare too many\nfor a heading",  # a heading has 1-2 lines
        "Ends with a period.",
        "Ends with a question?",
        "Ends with a colon:",
        "Zwei Sätze. Und ein Rest",
    ],
)
def test_blocks_that_are_not_headings(block):
    segments = split_sentences(block + "\n\nNext paragraph.")
    assert {segment.layout for segment in segments} == {Layout.TEXT}


def test_markdown_headings_and_closing_hashes():
    original = "# Minerals deal\n\nText here.\n## Next steps? ##\nMore text."
    segments = split_sentences(original)
    check_offsets(original, segments)
    assert [(s.text, s.layout, original[s.start : s.end]) for s in segments] == [
        ("Minerals deal", Layout.HEADING, "Minerals deal"),
        ("Text here.", Layout.TEXT, "Text here."),
        ("Next steps?", Layout.HEADING, "Next steps?"),
        ("More text.", Layout.TEXT, "More text."),
    ]


def test_hashtag_is_not_a_heading():
    assert layouts("#Ukraine trends today.") == [("#Ukraine trends today.", Layout.TEXT)]


def test_setext_heading():
    assert layouts("Minerals deal\n=============\nText here.") == [
        ("Minerals deal", Layout.HEADING),
        ("Text here.", Layout.TEXT),
    ]


def test_bare_url_line_is_a_link_segment():
    original = "Lies mehr:\n\nhttps://example.org/a/b?c=1&d=2\n\nEnde des Textes."
    assert split_sentences(original) == [
        Segment("Lies mehr:", 0, 10, Layout.TEXT),
        Segment("https://example.org/a/b?c=1&d=2", 12, 43, Layout.LINK),
        Segment("Ende des Textes.", 45, 61, Layout.TEXT),
    ]


def test_url_line_inside_a_paragraph_is_still_its_own_segment():
    assert layouts("Quelle\nwww.example.org/x\nDer Text geht weiter.") == [
        ("Quelle", Layout.TEXT),
        ("www.example.org/x", Layout.LINK),
        ("Der Text geht weiter.", Layout.TEXT),
    ]


def test_url_inside_a_sentence_does_not_split():
    assert texts("See https://example.org/a.b.html for more. Then stop.") == [
        "See https://example.org/a.b.html for more.",
        "Then stop.",
    ]


# --- Markdown ---------------------------------------------------------------------------------------


def test_markdown_bullets_are_stripped_and_each_item_is_a_segment():
    original = "Key points:\n- The draft is **not** final.\n* Kyiv wants\n  guarantees\n+ Talks go on."
    segments = split_sentences(original)
    check_offsets(original, segments)
    assert [(s.text, original[s.start : s.end]) for s in segments] == [
        ("Key points:", "Key points:"),
        ("The draft is not final.", "The draft is **not** final."),
        ("Kyiv wants guarantees", "Kyiv wants\n  guarantees"),
        ("Talks go on.", "Talks go on."),
    ]
    assert {s.layout for s in segments} == {Layout.TEXT}


def test_emphasis_marks_are_dropped_but_not_inner_underscores_or_math():
    assert texts("*Kyiv* said _no_ to __draft_v2__ and ***more***. 5 * 3 is 15.") == [
        "Kyiv said no to draft_v2 and more.",
        "5 * 3 is 15.",
    ]


def test_numbered_list_keeps_its_numbers():
    assert texts("Die Forderungen:\n1. Garantien\n2. Mitsprache\n3. Zeit") == [
        "Die Forderungen:",
        "1. Garantien",
        "2. Mitsprache",
        "3. Zeit",
    ]


def test_wrapped_date_at_line_start_is_not_a_list():
    assert texts("Die Einheit kam am\n3. Oktober 1990 zustande.") == ["Die Einheit kam am 3. Oktober 1990 zustande."]


def test_blockquote_marks_are_outside_the_span():
    original = "> Zitat, das über\n> > zwei Zeilen geht.\n>\n> Zweiter Absatz.\n\nAntwort."
    assert [(s.text, original[s.start : s.end]) for s in split_sentences(original)] == [
        ("Zitat, das über zwei Zeilen geht.", "Zitat, das über\n> > zwei Zeilen geht."),
        ("Zweiter Absatz.", "Zweiter Absatz."),
        ("Antwort.", "Antwort."),
    ]


# --- quotes ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "original, expected",
    [
        (
            "Es sei ein „seltsames Angebot, das mehr kostet.“ Der Rest folgt.",
            ["Es sei ein „seltsames Angebot, das mehr kostet.“", "Der Rest folgt."],
        ),
        (
            "Er lebe im „Desinformationsraum“. Trump schwieg.",
            ["Er lebe im „Desinformationsraum“.", "Trump schwieg."],
        ),
        ("„Wir verkaufen nicht“, sagte er. Gut.", ["„Wir verkaufen nicht“, sagte er.", "Gut."]),
        ("„Nein!“ rief er. Dann ging er.", ["„Nein!“ rief er.", "Dann ging er."]),
        (
            "He said: “It is over.” “No,” she replied.",
            ["He said: “It is over.”", "“No,” she replied."],
        ),
        ('He said "it is over." Then he left.', ['He said "it is over."', "Then he left."]),
        ("“Is it?” he asked.", ["“Is it?” he asked."]),
        ("»Das stimmt nicht.« Sagt sie.", ["»Das stimmt nicht.«", "Sagt sie."]),
        ("(Siehe oben.) Weiter.", ["(Siehe oben.)", "Weiter."]),
    ],
)
def test_quotes_stay_with_their_sentence(original, expected):
    assert texts(original) == expected


# --- abbreviations, numbers, ellipses -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "original",
    [
        "Rohstoffe wie z. B. Lithium sind gefragt.",
        "Rohstoffe wie z.B. Lithium sind gefragt.",
        "Es geht u. a. um Titan.",
        "Es geht u.a. Um Titan.",
        "Kyiv bzw. Kiew lehnt ab.",
        "Punkt Nr. 5 ist strittig.",
        "Laut Dr. Schmidt und Prof. Weber ist das falsch.",
        "Er wohnt in St. Petersburg.",
        "Es sind ca. 500 Mrd. Dollar.",
        "Es geht um 5 Mio. Euro.",
        "Rubio vs. Lavrov endete offen.",
        "Minerals, e.g. Lithium, matter.",
        "Minerals, i.e. Rare earths, matter.",
        "Mr. Trump met Mrs. Smith.",
        "The U.S. Treasury wants a deal.",
        "On Jan. 5 and Feb. 12 they met.",
        "Am 3. Okt. 1990 und am 9. Nov. 1989 war es so.",
        "Vgl. Kap. 3 und Abs. 2 des Entwurfs.",
        "J. R. R. Tolkien wrote it.",
    ],
)
def test_abbreviations_do_not_split(original):
    assert texts(original) == [original]


@pytest.mark.parametrize(
    "original",
    [
        "Russland griff am 24. Februar 2022 an.",
        "Die Einheit kam am 3. Oktober.",
        "Seit dem 1. Januar gilt es.",
        "Der 2. Weltkrieg endete 1945.",
        "Zum 3. Mal scheiterte es.",
        "Es kostet 1.000 Euro.",
        "Das Wachstum lag bei 3.5 Prozent.",
        "Es kostet 1,5 Mrd. Euro.",
        "Er zögerte … dann ging er.",
        "Er zögerte ... dann ging er.",
        "„Wir werden […] Frieden erreichen.“",
        "Version 2.0.1 ist da.",
    ],
)
def test_dates_numbers_and_ellipses_do_not_split(original):
    assert texts(original) == [original]


@pytest.mark.parametrize(
    "original, expected",
    [
        ("The war began in 2022. Talks started later.", ["The war began in 2022.", "Talks started later."]),
        ("Er wartete ... Dann ging er.", ["Er wartete ...", "Dann ging er."]),
        ("He waited… Then he left.", ["He waited…", "Then he left."]),
        ("Das kostet 500 Mrd. Dollar. Das ist viel.", ["Das kostet 500 Mrd. Dollar.", "Das ist viel."]),
        ("Sie nannte Artikel 5. Danach kam nichts.", ["Sie nannte Artikel 5.", "Danach kam nichts."]),
        ("Ende. 2023 kam der nächste Schritt.", ["Ende.", "2023 kam der nächste Schritt."]),
        # Abbreviations that can end a sentence are not on the list; a capital splits.
        ("They sell apples, pears etc. The rest is gone.", ["They sell apples, pears etc.", "The rest is gone."]),
        ("Er nannte Sec. Rubio.", ["Er nannte Sec.", "Rubio."]),
    ],
)
def test_sentence_ends_after_numbers_ellipses_and_unlisted_abbreviations(original, expected):
    assert texts(original) == expected


# --- robustness ---------------------------------------------------------------------------------------

FIVE_MB = 5_000_000


def test_five_megabytes_without_sentence_end_returns_one_segment():
    words = "wort ohne ende und\nzeilen umbruch "
    original = words * (FIVE_MB // len(words))
    segments = split_sentences(original)
    assert len(segments) == 1
    assert segments[0].start == 0 and segments[0].end == len(original) - 1
    assert segments[0].text == " ".join(original.split())


@pytest.mark.parametrize("char", ["a", ".", "-", "*", "„", "\n", " ", "#"])
def test_five_megabytes_of_one_character_returns(char):
    original = char * FIVE_MB
    segments = split_sentences(original)
    if char.isspace():
        assert segments == []
    else:
        assert len(segments) <= 1
        check_offsets(original, segments)


def test_a_megabyte_of_sentences_returns_all():
    sentence = "Der US-\nBeamte sagte am 24. Februar z. B. „nein“. "
    original = sentence * (1_000_000 // len(sentence))
    segments = split_sentences(original)
    assert len(segments) == 1_000_000 // len(sentence)
    assert segments[-1].text == "Der US-Beamte sagte am 24. Februar z. B. „nein“."


def test_random_texts_keep_the_offset_invariant():
    rng = random.Random(20250221)
    pieces = [
        "Wort", "word", "US-", "Verhand-", "lungen", "Regierung", "z. B.", "Nr.", "24.", "Februar",
        "„Zitat.“", "\"quote.\"", "…", "...", ".", "!", "?", ";", ",", "*", "**fett**", "_", "#",
        "- ", "1.", "https://example.org/x", "\u00ad", "\u00a0", "\t", " ", " ", " ", "\n", "\n",
        "\n\n", "\r\n", "\n\n\n\n", "\x0c", "U.S.", "3.5", "(", ")", "»", "«", "> ", "\r", "=",
        "===\n", "a", "B", "\u2028", "\ufeff", "## ", "\n- ", "\n1. ",
    ]  # fmt: skip
    for _ in range(1000):
        original = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 60)))
        check_offsets(original, split_sentences(original))


# --- the motivating article and the examples -----------------------------------------------------------------


@pytest.fixture(scope="module")
def article() -> str:
    return needs_shared(MOTIVATING_ARTICLE).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def article_segments(article) -> list[Segment]:
    return split_sentences(article)


def test_article_offsets(article, article_segments):
    check_offsets(article, article_segments)
    assert len(article_segments) == 25


def test_article_page_gap_sentence_is_one_segment(article, article_segments):
    (segment,) = [s for s in article_segments if "in seiner gegenwärtigen Form" in s.text]
    assert segment.text == (
        "Die anhaltende ukrainische Ablehnung, das Abkommen in seiner gegenwärtigen Form zu "
        "unterzeichnen, folgt auf Tage intensiven Drucks von der Trump-Administration."
    )
    assert article[segment.start : segment.end].count("\n") == 5


def test_article_trump_sentence_is_one_segment(article_segments):
    expected = (
        "Trump beschuldigte Selenskyj fälschlicherweise, den Ukraine-Krieg begonnen zu haben, "
        "während der ukrainische Führer konterte und sagte, der US-Präsident lebe in einem "
        "„Desinformationsraum“."
    )
    assert [s.text for s in article_segments if s.text.startswith("Trump beschuldigte")] == [expected]


def test_article_headings_and_link(article_segments):
    assert [s.text for s in article_segments if s.layout is Layout.HEADING] == [
        "US-Ukraine-Deal für Seltene Erden entspricht nicht Zelenskys Erwartungen",
        "US-Interessen und ukrainische Sicherheitsgarantien",
        "Ausschluss von Gesprächen und politische Spannungen",
        "Verhandlungen und Widerstand gegen das Abkommen",
        "Sicherheitsgarantien und Druck von der US-Regierung",
        "Fortschritte im Dialog zwischen den USA und der Ukraine",
        "Aktueller Stand der Verhandlungen",
    ]
    assert [s.text for s in article_segments if s.layout is Layout.LINK] == [
        "https://www.cnn.com/2025/02/21/politics/trump-ukraine-mineral-deal-analysis/index.html"
    ]


def test_article_lead_sentence_crosses_the_gap_after_von(article_segments):
    assert article_segments[1].text == (
        "Ein vorläufiger US-Ukraine-Deal über seltene Erden entspricht laut einer Quelle nicht "
        "den Erwartungen von Präsident Selensky."
    )


def test_article_quotes_and_compounds(article_segments):
    joined = "\n".join(s.text for s in article_segments)
    assert "US-Regierung" in joined and "Der US-Beamte erklärte" in joined
    assert "US- " not in joined and "Verhand- " not in joined
    assert any(s.text.endswith("als es für dessen Verteidigung kostet.“") for s in article_segments)
    assert article_segments[-1].text.endswith("der Vereinigten Staaten zu sichern.“")


def test_article_crlf_version_splits_the_same(article, article_segments):
    crlf = article.replace("\n", "\r\n")
    segments = split_sentences(crlf)
    check_offsets(crlf, segments)
    assert [(s.text, s.layout) for s in segments] == [(s.text, s.layout) for s in article_segments]


def test_example_minerals_deal_en():
    original = (REPO / "examples" / "minerals-deal-en.txt").read_text(encoding="utf-8")
    segments = split_sentences(original)
    check_offsets(original, segments)
    assert [s.text for s in segments if s.layout is Layout.HEADING] == [
        "US and Ukraine haggle over minerals deal",
        "Talks in Riyadh without Ukraine",
        "Signing expected within days",
    ]
    assert [s.text for s in segments if s.layout is Layout.LINK] == [
        "https://example.org/news/2025/02/21/minerals-deal"
    ]
    prose = [s.text for s in segments if s.layout is Layout.TEXT]
    assert len(prose) == 16
    assert "Trump falsely claimed that Ukraine started the war." in prose
    assert "Ukraine did not start the war; Russia invaded on 24 February 2022." in prose
    assert "U.S. Treasury Secretary Scott Bessent brought a first draft to Kyiv on 12 February." in prose
    assert (
        "President Volodymyr Zelensky declined to sign it, saying the text did not protect "
        "Ukraine's interests." in prose
    )
    assert '"We are not going to sell our state," Zelensky told reporters.' in prose
    assert (
        "Kyiv wants any final text to mention security, e.g. a role for U.S. companies near the "
        "front line." in prose
    )


def test_example_kurzmeldung_de():
    original = (REPO / "examples" / "kurzmeldung-de.txt").read_text(encoding="utf-8")
    assert layouts(original) == [
        ("Kurzmeldung: Streit um Rohstoffabkommen", Layout.HEADING),
        ("Die Ukraine verhandelt weiter mit den USA über ein Abkommen zu seltenen Erden.", Layout.TEXT),
        ("Der Entwurf sieht z. B. vor, dass Einnahmen aus Rohstoffen in einen gemeinsamen Fonds fließen.", Layout.TEXT),
        ("Sicherheitsgarantien enthält er nicht.", Layout.TEXT),
        ("Russland hat die Ukraine am 24. Februar 2022 angegriffen.", Layout.TEXT),
        ("Selenskyj hat den Krieg nicht begonnen.", Layout.TEXT),
        ("Präsident Trump soll ihn dennoch als „Diktator ohne Wahlen“ bezeichnet haben.", Layout.TEXT),
        ("„Wir verkaufen unser Land nicht“, sagte Selenskyj in Kyjiw.", Layout.TEXT),
        ("Laut Punkt Nr. 5 des Entwurfs sollen die USA die Hälfte der Einnahmen erhalten.", Layout.TEXT),
        ("Ein Regierungssprecher nannte das Papier bzw. seine Bedingungen „nicht annehmbar“.", Layout.TEXT),
        ("Die Gespräche sollen in der kommenden Woche fortgesetzt werden.", Layout.TEXT),
    ]
