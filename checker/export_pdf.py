"""Report + reviewer decisions -> a PDF with the same content as the HTML report (reportlab).

The article with each checked sentence highlighted in place and followed by its label word,
the counts per label, then every claim with its model verdict, the reviewer's decision and
the evidence; corpus version and date in the header and on every page.

Fonts: Bitstream Vera, which ships inside the reportlab package (so a fresh machine needs no
system fonts). It covers German and English in full (umlauts, ß, „…“ “…” ‘…’, – — …, €);
a character it lacks is written as its base letter when it has one (ą -> a) and as "?"
otherwise, so nothing is silently dropped or drawn as an empty box.

Article and corpus texts are untrusted: reportlab reads paragraph text as markup, so every
text is XML-escaped, and a link is made only for an http(s) URL.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections import Counter
from datetime import date
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from checker.export import LABEL_COLOURS, Reviews, effective_label
from checker.records import Evidence, Finding, Label, Report
from checker.report import safe_url
from checker.review import Decision, Review

FONT, BOLD, ITALIC = "Vera", "Vera-Bold", "Vera-Italic"
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def report_to_pdf(report: Report, original_text: str, reviews: Reviews | None = None, *,
                  generated: date | None = None, title: str = "Fact-check report",
                  article_url: str | None = None) -> bytes:
    """The report as PDF bytes; `original_text` must be the text the report was made from.

    Raises ValueError for a text of another length than the report's (the highlights use
    the sentences' offsets into it).

    >>> from checker.records import CorpusInfo
    >>> report_to_pdf(Report("de", CorpusInfo("c", "v1", 0), (), 17, "m", "0"), "Straße „<script>“")[:5]
    b'%PDF-'
    """
    if len(original_text) != report.text_length:
        raise ValueError(f"the text has {len(original_text)} characters but the report was made from "
                         f"{report.text_length}: pass the original article text")
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    reviews = reviews or {}
    styles = _styles()
    generated_on = (generated or date.today()).isoformat()
    footer = f"{title} · corpus {report.corpus.name} version {report.corpus.version} · generated {generated_on}"

    def number_pages(canvas, document) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.setFillColorRGB(0.35, 0.38, 0.42)
        canvas.drawString(2 * cm, 1.2 * cm, _printable(footer)[:150])
        canvas.drawRightString(A4[0] - 2 * cm, 1.2 * cm, f"page {document.page}")
        canvas.restoreState()

    labels = Counter(effective_label(f, reviews.get(f.claim.sentence.id)) for f in report.findings)
    url = safe_url(article_url)
    story = [
        Paragraph(_text(title), styles["title"]),
        Paragraph(_text(f"Generated {generated_on} · corpus {report.corpus.name} version {report.corpus.version} "
                        f"({report.corpus.entries} entries) · model {report.model} · checker "
                        f"{report.checker_version} · article language {report.language} · "
                        f"{len(reviews)} sentence(s) reviewed"), styles["meta"]),
    ]
    if url:
        story.append(Paragraph(f"Article: {_link(url)}", styles["meta"]))
    story += [
        Paragraph(" ".join(f"{_badge(label)} {labels.get(label, 0)}" for label in Label), styles["body"]),
        Paragraph("Article", styles["heading"]),
        Paragraph("Each checked sentence is highlighted and followed by its verdict; a reviewer's decision "
                  "replaces the model's and is marked “reviewed”.", styles["meta"]),
        *(Paragraph(markup, styles["article"]) for markup in _article_paragraphs(report, original_text, reviews)),
        Paragraph("Claims", styles["heading"]),
    ]
    for finding in report.findings:
        review = reviews.get(finding.claim.sentence.id)
        if finding.verdict is not None or review is not None:
            story += [Paragraph(markup, styles[style]) for style, markup in _finding(finding, review)]
            story.append(Spacer(1, 0.3 * cm))
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, title=_printable(title), creator="factcheck-assistant",
                                 leftMargin=2 * cm, rightMargin=2 * cm, topMargin=2 * cm, bottomMargin=2 * cm)
    document.build(story, onFirstPage=number_pages, onLaterPages=number_pages)
    return buffer.getvalue()


def _article_paragraphs(report: Report, text: str, reviews: Reviews) -> list[str]:
    """The article's paragraphs as markup, each checked sentence highlighted in place with its badge."""
    runs: list[tuple[str, Label | None, str]] = []  # (text, highlight, badge after it)
    position = 0
    for finding in sorted(report.findings, key=lambda f: f.claim.sentence.start):
        sentence = finding.claim.sentence
        review = reviews.get(sentence.id)
        label = effective_label(finding, review)
        if label is None or not position <= sentence.start <= sentence.end <= len(text):
            continue  # as in the HTML report: overlapping offsets would garble the text
        runs += [(text[position:sentence.start], None, ""),
                 (text[sentence.start:sentence.end], label, _badge(label, review is not None))]
        position = sentence.end
    runs.append((text[position:], None, ""))
    # A highlighted sentence may run over a paragraph break (a PDF page gap): each paragraph
    # opens and closes its own highlight, so the markup of every paragraph is well formed.
    paragraphs, current = [], []
    for chunk, label, badge in runs:
        for number, part in enumerate(_BLANK_LINE.split(chunk)):
            if number:
                paragraphs.append("".join(current))
                current = []
            if part:
                marked = _text(part).replace("\n", "<br/>")
                current.append(f'<font backColor="{LABEL_COLOURS[label][0]}">{marked}</font>' if label else marked)
        current.append(badge)
    paragraphs.append("".join(current))
    return [paragraph for paragraph in paragraphs if paragraph.strip()]


def _finding(finding: Finding, review: Review | None) -> list[tuple[str, str]]:
    """(style, markup) per line: sentence, checked claim, speaker, verdict, review, evidence."""
    claim, verdict, sentence = finding.claim, finding.verdict, finding.claim.sentence
    lines = [("claim_head", f"Sentence {sentence.id} [{_text(sentence.language)}] "
                            f"{_badge(effective_label(finding, review), review is not None)}"),
             ("quote", _text(sentence.text))]
    if claim.checked_text != sentence.text:
        lines.append(("body", f"Checked claim: “{_text(claim.checked_text)}”"))
    if claim.attribution.type.value == "reported":
        marked = "; the article itself marks it as false" if claim.attribution.marked_false_by_author else ""
        lines.append(("body", f"Reported claim; made by {_text(claim.attribution.speaker or 'unknown')}{marked}."))
    if verdict is not None:
        flag = " · flagged for review" if verdict.flagged else ""
        lines.append(("body", f"Model verdict: {_badge(verdict.label)} confidence {verdict.confidence:.2f}{flag}. "
                              f"{_text(verdict.explanation)}"))
    if review is not None:
        action = "confirmed" if review.decision is Decision.CONFIRM else "overrode the verdict with"
        lines.append(("review", f"Reviewer {_text(review.reviewer)} {action} {_badge(review.reviewer_label)} "
                                f"on {_text(review.created_at)} (corpus version {_text(review.corpus_version)})."))
        if review.reason:
            lines.append(("review", f"Reason: {_text(review.reason)}"))
        if review.note:
            lines.append(("review", f"Note: {_text(review.note)}"))
    lines += [("evidence", f"{number}. {_evidence(item)}") for number, item in enumerate(finding.evidence, start=1)]
    return lines


def _evidence(item: Evidence) -> str:
    entry = item.entry
    label = entry.label.value if entry.label else "no label"
    where = ", ".join(part for part in (entry.publisher, entry.date) if part)
    url = safe_url(entry.source_url)
    return (f"“{_text(entry.text)}” [{_text(entry.language or '?')}] — rated “{_text(entry.rating or '–')}” "
            f"({label}){' · ' + _text(where) if where else ''} · similarity {item.similarity:.2f} · "
            f"{item.stance.value}{' · ' + _link(url) if url else ''}"
            f"{'<br/>Facts: ' + _text(entry.evidence) if entry.evidence else ''}")


def _badge(label: Label | None, reviewed: bool = False) -> str:
    """The label word on its colour, white and bold; the word carries the meaning without colour."""
    if label is None:
        return ""
    words = label.value + (" · reviewed" if reviewed else "")
    return f'<font name="{BOLD}" size="8" color="#ffffff" backColor="{LABEL_COLOURS[label][1]}">\u00a0{words}\u00a0</font>'


def _link(url: str) -> str:
    return f'<a href="{escape(url, {chr(34): "&quot;"})}" color="#0969da">{_text(url)}</a>'


def _text(text: str) -> str:
    """Untrusted text as paragraph markup: printable in the font, then escaped."""
    return escape(_printable(text))


def _printable(text: str) -> str:
    glyphs = _font_characters()
    text = _CONTROL.sub(" ", text)
    if all(ord(char) in glyphs or char in "\n\t" for char in text):
        return text
    return "".join(char if ord(char) in glyphs or char in "\n\t" else _stand_in(char, glyphs) for char in text)


def _stand_in(char: str, glyphs: frozenset[int]) -> str:
    base = unicodedata.normalize("NFKD", char)
    kept = "".join(part for part in base if ord(part) in glyphs and not unicodedata.combining(part))
    return kept or "?"


@cache
def _font_characters() -> frozenset[int]:
    """Register the Vera family once per process; the code points it can draw."""
    import reportlab
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = Path(reportlab.__file__).parent / "fonts"
    fonts = {FONT: "Vera.ttf", BOLD: "VeraBd.ttf", ITALIC: "VeraIt.ttf", "Vera-BoldItalic": "VeraBI.ttf"}
    for name, file in fonts.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, BOLD)
    addMapping(FONT, 0, 1, ITALIC)
    addMapping(FONT, 1, 1, "Vera-BoldItalic")
    return frozenset(pdfmetrics.getFont(FONT).face.charToGlyph)


def _styles() -> dict:
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle

    _font_characters()
    base = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=13, spaceAfter=3)
    return {
        "title": ParagraphStyle("title", base, fontName=BOLD, fontSize=17, leading=21, spaceAfter=6),
        "meta": ParagraphStyle("meta", base, fontSize=8, leading=11, textColor=colors.HexColor("#57606a")),
        "heading": ParagraphStyle("heading", base, fontName=BOLD, fontSize=13, leading=17, spaceBefore=12,
                                  spaceAfter=6),
        "body": base,
        "article": ParagraphStyle("article", base, fontSize=10, leading=15, spaceAfter=7),
        "claim_head": ParagraphStyle("claim_head", base, fontName=BOLD, spaceBefore=4),
        "quote": ParagraphStyle("quote", base, fontName=ITALIC, leftIndent=12),
        "review": ParagraphStyle("review", base, leftIndent=12, backColor=colors.HexColor("#f6f8fa"),
                                 borderPadding=3),
        "evidence": ParagraphStyle("evidence", base, fontSize=8.5, leading=11.5, leftIndent=12),
    }
