"""Report -> JSON and Markdown. Pure functions of the Report record (schema in the README)."""

from __future__ import annotations

import json
from collections import Counter
from urllib.parse import urlsplit

from checker.records import Evidence, Finding, Label, Report

SCHEMA_VERSION = 1


def report_to_dict(report: Report) -> dict:
    """The report as plain JSON-ready data; the README documents every field."""
    return {
        "schema_version": SCHEMA_VERSION,
        "checker_version": report.checker_version,
        "language": report.language,
        "model": report.model,
        "corpus": {"name": report.corpus.name, "version": report.corpus.version, "entries": report.corpus.entries},
        "summary": summarise(report),
        "sentences": [_finding_to_dict(finding) for finding in report.findings],
    }


def report_to_json(report: Report) -> str:
    return json.dumps(report_to_dict(report), ensure_ascii=False, indent=2) + "\n"


def summarise(report: Report) -> dict:
    """Counts a reader wants first: sentences, claims, flagged, and claims per label."""
    verdicts = [finding.verdict for finding in report.findings if finding.verdict is not None]
    labels = Counter(verdict.label for verdict in verdicts)
    return {
        "sentences": len(report.findings),
        "claims": len(verdicts),
        "flagged": sum(verdict.flagged for verdict in verdicts),
        "labels": {label.value: labels.get(label, 0) for label in Label},
    }


def _finding_to_dict(finding: Finding) -> dict:
    claim, sentence, verdict = finding.claim, finding.claim.sentence, finding.verdict
    attribution = claim.attribution
    return {
        "id": sentence.id,
        "text": sentence.text,
        "start": sentence.start,
        "end": sentence.end,
        "language": sentence.language,
        "kind": claim.kind.value,
        "checkworthiness": round(claim.checkworthiness, 4),
        "attribution": {
            "type": attribution.type.value,
            "speaker": attribution.speaker,
            "cue": attribution.cue,
            "marked_false_by_author": attribution.marked_false_by_author,
        },
        "checked_claim": claim.checked_text,
        "verdict": None if verdict is None else {
            "label": verdict.label.value,
            "confidence": round(verdict.confidence, 4),
            "flagged": verdict.flagged,
            "explanation": verdict.explanation,
        },
        "evidence": [_evidence_to_dict(item) for item in finding.evidence],
    }


def _evidence_to_dict(item: Evidence) -> dict:
    entry = item.entry
    return {
        "id": entry.id,
        "text": entry.text,
        "language": entry.language,
        "rating": entry.rating,
        "label": entry.label.value if entry.label else None,
        "evidence": entry.evidence,
        "source_url": entry.source_url,
        "publisher": entry.publisher,
        "date": entry.date,
        "similarity": round(item.similarity, 4),
        "stance": item.stance.value,
        "stance_confidence": round(item.stance_confidence, 4),
    }


def safe_url(url: str | None) -> str | None:
    """The URL if it is an absolute http(s) URL that is safe to link to, else None.

    >>> safe_url("https://example.org/a?b=1"), safe_url("javascript:alert(1)"), safe_url(" http://x")
    ('https://example.org/a?b=1', None, None)
    """
    if not url or any(char.isspace() or ord(char) < 32 for char in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def report_to_markdown(report: Report) -> str:
    """A readable Markdown report: summary, the claims to review with evidence, then every sentence."""
    summary = summarise(report)
    lines = [
        "# Fact-check report",
        "",
        f"- Language: {report.language}",
        f"- Corpus: {_md(report.corpus.name)} (version {report.corpus.version}, {report.corpus.entries} entries)",
        f"- Model: {_md(report.model)}; checker {report.checker_version}",
        f"- Sentences: {summary['sentences']}; claims checked: {summary['claims']}; flagged for review: {summary['flagged']}",
        "",
        "| verdict | claims |",
        "|---|---:|",
        *(f"| {label} | {count} |" for label, count in summary["labels"].items()),
        "",
        "## Claims to review",
        "",
    ]
    flagged = [finding for finding in report.findings if finding.verdict and finding.verdict.flagged]
    if not flagged:
        lines += ["No claim needs review.", ""]
    for finding in flagged:
        lines += _finding_markdown(finding)
    lines += ["## All sentences", "", "| # | kind | verdict | confidence | sentence |", "|---:|---|---|---:|---|"]
    for finding in report.findings:
        verdict = finding.verdict
        label = verdict.label.value + (" ⚑" if verdict.flagged else "") if verdict else "–"
        confidence = f"{verdict.confidence:.2f}" if verdict else ""
        lines.append(f"| {finding.claim.sentence.id} | {finding.claim.kind.value} | {label} | {confidence} "
                     f"| {_md(finding.claim.sentence.text)} |")
    return "\n".join(lines) + "\n"


def _finding_markdown(finding: Finding) -> list[str]:
    claim, verdict = finding.claim, finding.verdict
    assert verdict is not None
    attribution = claim.attribution
    lines = [
        f"### Sentence {claim.sentence.id}: {verdict.label.value.upper()} (confidence {verdict.confidence:.2f})",
        "",
        f"> {_md(claim.sentence.text)}",
        "",
        f"- Checked claim: “{_md(claim.checked_text)}”",
    ]
    if attribution.type.value == "reported":
        detail = f"reported; speaker: {_md(attribution.speaker or 'unknown')}; cue: “{_md(attribution.cue or '')}”"
        if attribution.marked_false_by_author:
            detail += "; the article itself marks it as false"
        lines.append(f"- Attribution: {detail}")
    lines.append(f"- Why: {_md(verdict.explanation)}")
    if finding.evidence:
        lines.append("- Evidence:")
        for number, item in enumerate(finding.evidence, start=1):
            lines.append(f"  {number}. {_evidence_markdown(item)}")
    lines.append("")
    return lines


def _evidence_markdown(item: Evidence) -> str:
    entry = item.entry
    rating = f"rated “{_md(entry.rating)}”" if entry.rating else "no rating"
    where = ", ".join(_md(part) for part in (entry.publisher, entry.date) if part)
    url = safe_url(entry.source_url)
    link = f" — <{url}>" if url and "<" not in url and ">" not in url else ""
    text = f"“{_md(entry.text)}” [{entry.language or '?'}] — {rating}"
    text += f" ({where})" if where else ""
    text += f"; similarity {item.similarity:.2f}, {item.stance.value}{link}"
    if entry.evidence:
        text += f"  \n     Facts: {_md(entry.evidence)}"
    return text


def _md(text: str) -> str:
    """Escape what Markdown or an HTML renderer would read as markup."""
    return (text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
            .replace("*", "\\*").replace("_", "\\_").replace("[", "\\[").replace("]", "\\]")
            .replace("\n", " "))
