"""Report + reviewer decisions -> a self-contained HTML report, CSV, and ClaimReview JSON-LD.

Pure functions: no I/O, no Streamlit. Every text that comes from an article or a corpus is
untrusted; each format neutralises it in its own way:

- HTML: every text goes through `html.escape`; a link is written only for an http(s) URL.
- CSV: a cell that a spreadsheet would run as a formula (starting with = + - @ or a tab)
  gets a leading apostrophe, the usual guard against formula injection.
- JSON-LD: `<`, `>` and `&` are written as \\u escapes, so the JSON can sit inside a
  `<script type="application/ld+json">` element without ending it.

The decisions come from `checker.review`: pass `ReviewStore.current(key)`, the latest
decision per sentence id.
"""

from __future__ import annotations

import csv
import html
import io
import json
from collections import Counter
from collections.abc import Mapping
from datetime import date

from checker.records import Evidence, Finding, Label, Report
from checker.report import safe_url
from checker.review import Decision, Review

Reviews = Mapping[int, Review]  # sentence id -> the current decision

# Colour plus a text badge everywhere, so the highlight also works without colour.
LABEL_COLOURS = {
    Label.SUPPORTED: ("#d7f0dd", "#1b7f3b"),  # (highlight background, badge)
    Label.REFUTED: ("#f9d6d3", "#b3261e"),
    Label.MISLEADING: ("#fbe7c6", "#8a5200"),
    Label.UNVERIFIED: ("#e6e7e9", "#4d5156"),
}

# ClaimReview ratingValue on a 1 (false) to 5 (true) scale, the one most fact-checkers publish.
CLAIMREVIEW_RATINGS = {Label.REFUTED: 1, Label.MISLEADING: 2, Label.SUPPORTED: 5}


def effective_label(finding: Finding, review: Review | None) -> Label | None:
    """The label a reader should see: the reviewer's when there is a decision, else the model's."""
    if review is not None:
        return review.reviewer_label
    return finding.verdict.label if finding.verdict else None


# --------------------------------------------------------------------------------------------
# HTML

_CSS = """
body{font:15px/1.55 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2328;max-width:980px;margin:2em auto;padding:0 1em}
h1{font-size:1.6em}h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #d0d7de}
table{border-collapse:collapse}td,th{border:1px solid #d0d7de;padding:2px 8px;text-align:left}
.meta{color:#57606a}
.claim{border:1px solid #d0d7de;border-radius:6px;padding:.5em 1em;margin:1em 0}
.review{background:#f6f8fa;border-left:4px solid #0969da;padding:.3em .8em}
blockquote{margin:.5em 0;padding-left:1em;border-left:3px solid #d0d7de}
"""


def report_to_html(report: Report, original_text: str, reviews: Reviews | None = None, *,
                   generated: date | None = None, title: str = "Fact-check report",
                   article_url: str | None = None) -> str:
    """A self-contained HTML page: the article with each claim highlighted in place, then every claim.

    `original_text` must be the text the report was made from: the highlights use the
    sentences' start/end offsets into it. A reviewed sentence shows the reviewer's label;
    `article_url`, where the article appeared, is linked when it is an http(s) URL.
    Raises ValueError for a text of another length than the report's.

    >>> from checker.records import CorpusInfo
    >>> page = report_to_html(Report("en", CorpusInfo("c", "v1", 0), (), 3, "m", "0"), "<b>")
    >>> "&lt;b&gt;" in page and "<b>" not in page
    True
    """
    if len(original_text) != report.text_length:
        raise ValueError(f"the text has {len(original_text)} characters but the report was made from "
                         f"{report.text_length}: pass the original article text")
    reviews = reviews or {}
    e = html.escape
    labels = Counter(effective_label(f, reviews.get(f.claim.sentence.id)) for f in report.findings)
    counts = "".join(f"<tr><td>{badge_html(label)}</td><td>{labels.get(label, 0)}</td></tr>" for label in Label)
    claims = [f for f in report.findings if f.verdict is not None or f.claim.sentence.id in reviews]
    url = safe_url(article_url)
    source = (f'<p class="meta">Article: <a href="{e(url, quote=True)}" rel="noopener noreferrer">{e(url)}</a></p>'
              if url else "")
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{e(title)}</h1>",
        f'<p class="meta">Generated {e((generated or date.today()).isoformat())} · corpus {e(report.corpus.name)} '
        f"version {e(report.corpus.version)} ({report.corpus.entries} entries) · model {e(report.model)} · "
        f"checker {e(report.checker_version)} · article language {e(report.language)} · "
        f"{len(reviews)} sentence(s) reviewed</p>",
        source,
        f"<table><tr><th>verdict</th><th>sentences</th></tr>{counts}</table>",
        "<h2>Article</h2>",
        '<p class="meta">Each checked sentence carries its verdict as a badge; a reviewer\'s decision replaces '
        "the model's and is marked “reviewed”.</p>",
        article_html(report, original_text, reviews),
        "<h2>Claims</h2>",
        *(finding_html(finding, reviews.get(finding.claim.sentence.id)) for finding in claims),
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def badge_html(label: Label | None, reviewed: bool = False) -> str:
    """A coloured badge carrying the label word (and "reviewed" for a reviewer's label); styles inline."""
    if label is None:
        return ""
    text = label.value + (" · reviewed" if reviewed else "")
    return (f'<span class="badge" style="background:{LABEL_COLOURS[label][1]};color:#fff;font-size:.75em;'
            f'font-weight:600;padding:0 6px;border-radius:8px;margin-left:3px;white-space:nowrap">{text}</span>')


def article_html(report: Report, text: str, reviews: Reviews | None = None, only: set[int] | None = None) -> str:
    """The article as written, each checked (or reviewed) sentence highlighted in place with its badge.

    A `<div class="article">` with inline styles, so a page can embed it as is. `only`
    limits the highlights to those sentence ids (the rest stays plain text).
    """
    reviews = reviews or {}
    pieces, position = [], 0
    for finding in sorted(report.findings, key=lambda f: f.claim.sentence.start):
        sentence = finding.claim.sentence
        review = reviews.get(sentence.id)
        label = effective_label(finding, review)
        # Offsets that overlap or run past the text would garble the page: show such a sentence unmarked.
        if label is None or (only is not None and sentence.id not in only) \
                or not position <= sentence.start <= sentence.end <= len(text):
            continue
        pieces.append(html.escape(text[position:sentence.start]))
        pieces.append(f'<mark id="s{sentence.id}" style="background:{LABEL_COLOURS[label][0]};color:inherit;'
                      f'padding:1px 2px;border-radius:3px">{html.escape(text[sentence.start:sentence.end])}</mark>'
                      f"{badge_html(label, review is not None)}")
        position = sentence.end
    pieces.append(html.escape(text[position:]))
    return ('<div class="article" style="white-space:pre-wrap;background:#fafbfc;border:1px solid #d0d7de;'
            f'padding:1em;border-radius:6px;line-height:1.7">{"".join(pieces)}</div>')


def finding_html(finding: Finding, review: Review | None) -> str:
    """One sentence in full: the text, checked claim, speaker, model verdict, reviewer decision, evidence."""
    e = html.escape
    claim, verdict, sentence = finding.claim, finding.verdict, finding.claim.sentence
    lines = [f'<div class="claim"><p><a href="#s{sentence.id}">Sentence {sentence.id}</a> [{e(sentence.language)}] '
             f"{badge_html(effective_label(finding, review), review is not None)}</p>",
             f"<blockquote>{e(sentence.text)}</blockquote>"]
    if claim.checked_text != sentence.text:
        lines.append(f"<p>Checked claim: “{e(claim.checked_text)}”</p>")
    if claim.attribution.type.value == "reported":
        marked = "; the article itself marks it as false" if claim.attribution.marked_false_by_author else ""
        lines.append(f"<p>Reported claim; made by {e(claim.attribution.speaker or 'unknown')}{marked}.</p>")
    if verdict is not None:
        flag = " · flagged for review" if verdict.flagged else ""
        lines.append(f"<p>Model verdict: {badge_html(verdict.label)} confidence {verdict.confidence:.2f}{flag}. "
                     f"{e(verdict.explanation)}</p>")
    if review is not None:
        action = "confirmed" if review.decision is Decision.CONFIRM else "overrode the verdict with"
        lines.append(f'<div class="review"><p>Reviewer {e(review.reviewer)} {action} '
                     f"{badge_html(review.reviewer_label)} on {e(review.created_at)} (corpus version "
                     f"{e(review.corpus_version)}).</p>"
                     + (f"<p>Reason: {e(review.reason)}</p>" if review.reason else "")
                     + (f"<p>Note: {e(review.note)}</p>" if review.note else "") + "</div>")
    if finding.evidence:
        lines.append("<ol>" + "".join(f"<li>{_evidence_html(item)}</li>" for item in finding.evidence) + "</ol>")
    lines.append("</div>")
    return "\n".join(lines)


def _evidence_html(item: Evidence) -> str:
    e, entry = html.escape, item.entry
    label = entry.label.value if entry.label else "no label"
    where = ", ".join(e(part) for part in (entry.publisher, entry.date) if part)
    url = safe_url(entry.source_url)
    link = f' · <a href="{e(url, quote=True)}" rel="noopener noreferrer">{e(url)}</a>' if url else ""
    facts = f"<br>Facts: {e(entry.evidence)}" if entry.evidence else ""
    return (f"“{e(entry.text)}” [{e(entry.language or '?')}] — rated “{e(entry.rating or '–')}” ({e(label)})"
            f"{' · ' + where if where else ''} · similarity {item.similarity:.2f} · {e(item.stance.value)}"
            f"{link}{facts}")


# --------------------------------------------------------------------------------------------
# CSV

CSV_COLUMNS = ("sentence_id", "start", "end", "language", "kind", "checkworthiness", "text", "checked_claim",
               "attribution", "speaker", "model_label", "confidence", "flagged", "explanation", "decision",
               "reviewer_label", "reason", "note", "reviewer", "reviewed_at", "evidence_ids", "evidence_urls",
               "corpus_version")


def report_to_csv(report: Report, reviews: Reviews | None = None) -> str:
    """One row per sentence (header first), with its model verdict and the current reviewer decision.

    Cells a spreadsheet would evaluate (starting with = + - @ or a tab) get a leading apostrophe.
    """
    reviews = reviews or {}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for finding in report.findings:
        writer.writerow([_cell(value) for value in _csv_row(report, finding, reviews.get(finding.claim.sentence.id))])
    return buffer.getvalue()


def _csv_row(report: Report, finding: Finding, review: Review | None) -> list:
    claim, verdict, sentence = finding.claim, finding.verdict, finding.claim.sentence
    return [sentence.id, sentence.start, sentence.end, sentence.language, claim.kind.value,
            round(claim.checkworthiness, 4), sentence.text, claim.checked_text, claim.attribution.type.value,
            claim.attribution.speaker or "",
            verdict.label.value if verdict else "", round(verdict.confidence, 4) if verdict else "",
            verdict.flagged if verdict else "", verdict.explanation if verdict else "",
            review.decision.value if review else "", review.reviewer_label.value if review else "",
            review.reason if review else "", review.note if review else "", review.reviewer if review else "",
            review.created_at if review else "",
            " ".join(item.entry.id for item in finding.evidence),
            " ".join(safe_url(item.entry.source_url) or "" for item in finding.evidence).strip(),
            report.corpus.version]


def _cell(value: object) -> object:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


# --------------------------------------------------------------------------------------------
# ClaimReview JSON-LD

def report_to_claimreview(report: Report, reviews: Reviews, *, organisation: str, article_url: str | None = None,
                          article_author: str | None = None) -> str:
    """ClaimReview JSON-LD (schema.org): a list with one ClaimReview per reviewer decision.

    Only sentences a reviewer decided on are published, with the reviewer's label.
    `reviewRating.ratingValue` is on a 1-5 scale (worstRating 1 = false, bestRating 5 = true):
    refuted 1, misleading 2, supported 5; `alternateName` is the label word. A decision for
    "unverified" is left out: it says the claim could not be checked, which is no rating.
    `itemReviewed.author` is the speaker of a reported claim, else `article_author`;
    `appearance` is the article URL when it is a http(s) URL.
    """
    items = []
    for finding in report.findings:
        review = reviews.get(finding.claim.sentence.id)
        if review is None or review.reviewer_label not in CLAIMREVIEW_RATINGS:
            continue
        items.append(_claimreview(finding, review, organisation, safe_url(article_url), article_author))
    text = json.dumps(items, ensure_ascii=False, indent=2)
    # Safe inside <script type="application/ld+json">: no "</script>" or "<!--" can survive.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"


def _claimreview(finding: Finding, review: Review, organisation: str, article_url: str | None,
                 article_author: str | None) -> dict:
    claim = finding.claim
    author = claim.attribution.speaker if claim.attribution.type.value == "reported" else article_author
    item: dict = {"@type": "Claim"}
    if author:
        item["author"] = {"@type": "Person", "name": author}
    if article_url:
        item["appearance"] = {"@type": "CreativeWork", "url": article_url}
    result = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": claim.checked_text,
        "itemReviewed": item,
        "reviewRating": {"@type": "Rating", "ratingValue": CLAIMREVIEW_RATINGS[review.reviewer_label],
                         "bestRating": 5, "worstRating": 1, "alternateName": review.reviewer_label.value},
        "author": {"@type": "Organization", "name": organisation},
        "datePublished": review.created_at[:10],
        "inLanguage": claim.sentence.language,
    }
    if review.reason:
        result["reviewBody"] = review.reason
    return result
