"""Exports: HTML report, CSV, ClaimReview JSON-LD; and that no export lets article or corpus markup through."""

import csv
import io
import json
import re
from datetime import date
from html import unescape
from html.parser import HTMLParser

import pytest
from pypdf import PdfReader

from checker.corpus import Corpus
from checker.embed import HashingEmbedder
from checker.export import (CSV_COLUMNS, report_to_claimreview, report_to_csv, report_to_html, safe_url)
from checker.export_pdf import report_to_pdf
from checker.index import SearchIndex
from checker.pipeline import Checker
from checker.records import CorpusEntry, CorpusInfo, CorpusLabel, Label
from checker.report import report_to_json, report_to_markdown
from checker.review import ReviewStore

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
JS_LINK = "javascript:alert(1)"

ARTICLE = f"""Talks about the war {SCRIPT}

Trump falsely accused Zelensky of starting the war with Russia {IMG}.
Russia invaded Ukraine on 24 February 2022. See [the source]({JS_LINK}) for more.
=HYPERLINK("http://evil.example") is what a spreadsheet would run.
"""

ENTRIES = (
    CorpusEntry("f1", f"Zelensky started the war with Russia {IMG}.", CorpusLabel.FALSE, f"False {SCRIPT}", "en",
                None, f"Russia invaded {SCRIPT} Ukraine.", JS_LINK, f"Checks {IMG}", "2025-02-20"),
    CorpusEntry("t1", "Russia invaded Ukraine on 24 February 2022.", CorpusLabel.TRUE, "Sourced fact", "en",
                None, None, "https://example.org/t1?a=1&b=2", "Example", "2024-01-01"),
)


@pytest.fixture
def report(settings):
    embedder = HashingEmbedder()
    corpus = Corpus(CorpusInfo("hostile", "v42", len(ENTRIES)), ENTRIES)
    return Checker(settings, embedder, SearchIndex.build(corpus, embedder)).check(ARTICLE)


def sentence_id(report, fragment):
    [finding] = [f for f in report.findings if fragment in f.claim.sentence.text]
    return finding.claim.sentence.id


@pytest.fixture
def reviews(report, tmp_path):
    """Real decisions from a real store: the Trump sentence confirmed, the Russia one overridden."""
    store = ReviewStore(tmp_path / "reviews.sqlite3")
    key = store.save_article(ARTICLE)
    findings = {f.claim.sentence.id: f for f in report.findings}
    trump, russia = sentence_id(report, "Trump falsely"), sentence_id(report, "Russia invaded")
    assert findings[trump].verdict.label is Label.REFUTED and findings[russia].verdict.label is Label.SUPPORTED
    store.add(key, trump, sentence_text=findings[trump].claim.sentence.text, model_label=Label.REFUTED,
              reviewer_label=Label.REFUTED, reviewer=f"Eve {SCRIPT}", corpus_version="v42", note=IMG)
    store.add(key, russia, sentence_text=findings[russia].claim.sentence.text, model_label=Label.SUPPORTED,
              reviewer_label=Label.MISLEADING, reviewer="Ada", corpus_version="v42",
              reason=f"Date is disputed {IMG} {JS_LINK}")
    return store.current(key)


class _Markup(HTMLParser):
    """Collects the tags and attributes a browser would build from the page."""

    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += attrs


def markup(page: str) -> _Markup:
    parser = _Markup()
    parser.feed(page)
    return parser


def test_html_highlights_each_claim_in_place_with_a_badge(report, reviews):
    page = report_to_html(report, ARTICLE, reviews, generated=date(2025, 3, 1))
    article = re.search(r"<div class=\"article\"[^>]*>(.*?)</div>", page, re.S).group(1)
    assert article.count("<mark") == sum(f.verdict is not None for f in report.findings)
    trump = sentence_id(report, "Trump falsely")
    assert re.search(rf'<mark id="s{trump}" [^>]*>Trump falsely.*?</mark><span class="badge"[^>]*>refuted · reviewed',
                     article)
    # Stripped of its tags and badges, the article section is the original text, line breaks included.
    text = re.sub(r'<span class="badge".*?</span>', "", article)
    assert unescape(re.sub(r"<[^>]+>", "", text)) == ARTICLE
    assert "Generated 2025-03-01" in page and "version v42" in page
    assert "<style>" in page and "<link" not in page and "<script" not in page  # self-contained, inline CSS


def test_html_shows_reviewer_decisions_and_evidence(report, reviews):
    page = report_to_html(report, ARTICLE, reviews)
    assert "Reviewer Ada overrode the verdict with" in page and "misleading · reviewed" in page
    assert "Reason: Date is disputed &lt;img" in page
    assert "Reviewer Eve &lt;script&gt;" in page and "confirmed" in page
    assert '<a href="https://example.org/t1?a=1&amp;b=2" rel="noopener noreferrer">' in page
    assert "Reported claim; made by Trump" in page


def test_html_refuses_a_text_the_report_was_not_made_from(report):
    with pytest.raises(ValueError, match="original article text"):
        report_to_html(report, ARTICLE + "x")


def test_every_export_renders_hostile_article_and_corpus_text_as_text(report, reviews):
    page = report_to_html(report, ARTICLE, reviews)
    parsed = markup(page)
    assert not {"script", "img", "iframe", "object"} & set(parsed.tags)
    assert not [name for name, _ in parsed.attributes if name.startswith("on")]
    assert all(not (value or "").strip().lower().startswith("javascript:") for _, value in parsed.attributes)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert 'href="javascript' not in page.lower()

    claimreview = report_to_claimreview(report, reviews, organisation=f"Org {SCRIPT}",
                                        article_url=JS_LINK)
    assert "<" not in claimreview and ">" not in claimreview  # safe inside <script type=application/ld+json>
    assert all("appearance" not in item["itemReviewed"] for item in json.loads(claimreview))  # not a web URL
    assert SCRIPT in json.dumps(json.loads(claimreview), ensure_ascii=False)  # the data itself is kept

    rows = list(csv.DictReader(io.StringIO(report_to_csv(report, reviews))))
    assert not [cell for row in rows for cell in row.values() if cell[:1] and cell[0] in "=+-@"]  # no spreadsheet formulas
    assert not [row for row in rows if "javascript" in row["evidence_urls"].lower()]
    assert any(SCRIPT in row["text"] for row in rows)  # CSV is data: kept as written, not rendered

    json.loads(report_to_json(report))  # JSON is data; it is the reader's job to show it as text


def test_markdown_never_links_a_javascript_url(report):
    assert "<javascript:" not in report_to_markdown(report)


def test_markdown_escapes_hostile_markup(report):
    markdown = report_to_markdown(report)
    assert "<script" not in markdown and "<img" not in markdown
    assert "&lt;script&gt;" in markdown and "\\[the source\\]" in markdown


def test_csv_has_one_row_per_sentence_with_the_current_decision(report, reviews):
    rows = list(csv.DictReader(io.StringIO(report_to_csv(report, reviews))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [int(row["sentence_id"]) for row in rows] == [f.claim.sentence.id for f in report.findings]
    russia = rows[sentence_id(report, "Russia invaded")]
    assert (russia["model_label"], russia["decision"], russia["reviewer_label"], russia["reviewer"]) == \
           ("supported", "override", "misleading", "Ada")
    assert russia["evidence_urls"] == "https://example.org/t1?a=1&b=2" and russia["corpus_version"] == "v42"
    spreadsheet = rows[sentence_id(report, "HYPERLINK")]
    assert spreadsheet["text"].startswith("'=HYPERLINK")


def test_claimreview_publishes_reviewer_decisions_only(report, reviews):
    items = json.loads(report_to_claimreview(report, reviews, organisation="Faktencheck",
                                             article_url="https://news.example/article", article_author="A. Writer"))
    assert len(items) == 2
    by_label = {item["reviewRating"]["alternateName"]: item for item in items}
    refuted, misleading = by_label["refuted"], by_label["misleading"]
    assert refuted["@context"] == "https://schema.org" and refuted["@type"] == "ClaimReview"
    assert refuted["reviewRating"] == {"@type": "Rating", "ratingValue": 1, "bestRating": 5, "worstRating": 1,
                                       "alternateName": "refuted"}
    assert refuted["itemReviewed"]["author"] == {"@type": "Person", "name": "Trump"}  # the speaker, not the writer
    assert "Zelensky" in refuted["claimReviewed"] and "Trump" not in refuted["claimReviewed"]
    assert misleading["itemReviewed"] == {"@type": "Claim", "author": {"@type": "Person", "name": "A. Writer"},
                                          "appearance": {"@type": "CreativeWork",
                                                         "url": "https://news.example/article"}}
    assert misleading["reviewRating"]["ratingValue"] == 2
    assert misleading["author"] == {"@type": "Organization", "name": "Faktencheck"}
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", misleading["datePublished"]) and misleading["inLanguage"] == "en"
    assert report_to_claimreview(report, {}, organisation="x") == "[]\n"


def test_safe_url_links_only_web_urls():
    assert safe_url("http://example.org") == "http://example.org"
    for url in (JS_LINK, "JavaScript:alert(1)", "data:text/html,<b>", "//example.org", "https://", None, "",
                "https://exa mple.org", "java\nscript:alert(1)"):
        assert safe_url(url) is None


def test_html_links_the_article_url_only_when_it_is_a_web_url(report):
    page = report_to_html(report, ARTICLE, article_url="https://news.example/a?b=1&c=2")
    assert 'Article: <a href="https://news.example/a?b=1&amp;c=2" rel="noopener noreferrer">' in page
    assert "Article: <a" not in report_to_html(report, ARTICLE, article_url=JS_LINK)


def pdf_text(pdf: bytes) -> str:
    """The text a reader copies out of the PDF, lines joined (the layout breaks long sentences)."""
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)


def test_pdf_holds_the_article_verdicts_reviews_and_evidence(report, reviews):
    pdf = report_to_pdf(report, ARTICLE, reviews, generated=date(2025, 3, 1), article_url="https://news.example/a")
    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf)
    # The refuted sentence, in place in the article and again with its verdict; the hostile markup is its text.
    assert text.count("Trump falsely accused Zelensky of starting the war with Russia <img src=x onerror=alert(1)>.") == 2
    assert "refuted · reviewed" in text and "Model verdict: refuted confidence" in text
    assert "Reviewer Ada overrode the verdict with misleading" in text and "misleading · reviewed" in text
    assert f"Reason: Date is disputed {IMG} {JS_LINK}" in text and f"Reviewer Eve {SCRIPT} confirmed refuted" in text
    assert "Reported claim; made by Trump" in text and "Facts: Russia invaded <script>alert(1)</script> Ukraine." in text
    assert "version v42" in text and "Generated 2025-03-01" in text and "Article: https://news.example/a" in text


def test_pdf_links_only_web_urls(report, reviews):
    reader = PdfReader(io.BytesIO(report_to_pdf(report, ARTICLE, reviews, article_url=JS_LINK)))
    links = [annotation.get_object()["/A"]["/URI"] for page in reader.pages
             for annotation in page.get("/Annots", []) if "/A" in annotation.get_object()]
    assert links == ["https://example.org/t1?a=1&b=2"]  # the evidence link; never the javascript: ones


def test_pdf_writes_german_typography_and_stands_in_for_what_the_font_lacks(settings):
    article = ("Der Bundestag hat „Zölle“ auf Stahl beschlossen – sagt die Straße ‘Weg’ — zu 100 %.\n\n"
               "Präsident Łukaszenka und Żukow: Жуков.\n")
    report = Checker(settings, HashingEmbedder(), SearchIndex.build(
        Corpus(CorpusInfo("c", "v1", len(ENTRIES)), ENTRIES), HashingEmbedder())).check(article)
    text = pdf_text(report_to_pdf(report, article))
    assert "Der Bundestag hat „Zölle“ auf Stahl beschlossen – sagt die Straße ‘Weg’ — zu 100 %." in text
    assert "Präsident Łukaszenka und Zukow: ?????." in text  # ż -> z (no glyph), Cyrillic -> ?


def test_pdf_refuses_a_text_the_report_was_not_made_from(report):
    with pytest.raises(ValueError, match="original article text"):
        report_to_pdf(report, ARTICLE + "x")
