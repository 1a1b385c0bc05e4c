"""Streamlit page: paste or upload an article, check it, read the verdicts, download the report.

Streamlit lives here only; everything it shows comes from the `checker` library.
"""

from __future__ import annotations

import html

import streamlit as st

from checker.config import Settings
from checker.errors import CheckerError
from checker.pipeline import Checker
from checker.records import Finding, Label, Report
from checker.report import report_to_json, report_to_markdown, summarise
from checker.text import article_from_bytes

BADGE_COLOURS = {
    Label.SUPPORTED: "#1b7f3b",
    Label.REFUTED: "#b3261e",
    Label.MISLEADING: "#b26a00",
    Label.UNVERIFIED: "#5f6368",
}


@st.cache_resource(show_spinner="Loading the model and the corpus index…")  # one shared copy per process
def load_checker() -> Checker:
    return Checker.from_settings(Settings())


def main() -> None:
    st.set_page_config(page_title="Fact-check assistant", layout="wide")
    st.title("Fact-check assistant")
    st.caption("Paste a German or English article. Every sentence is split out, check-worthy claims are "
               "matched against the reference corpus, and each gets a verdict with its evidence.")
    uploaded = st.file_uploader("Or upload a text, Markdown or HTML file", type=["txt", "md", "html", "htm"])
    text = st.text_area("Article text", height=260, key="article_text")
    if st.button("Check article", type="primary"):
        try:
            article = article_from_bytes(uploaded.getvalue()) if uploaded and not text.strip() else text
            checker = load_checker()
            bar = st.progress(0.0, text="Checking…")
            report = checker.check(article, progress=lambda done, total, what: bar.progress(
                done / total if total else 1.0, text=f"{what} ({done}/{total})"))
            bar.empty()
            st.session_state["report"] = report
        except CheckerError as error:
            st.error(str(error))
            return
    report = st.session_state.get("report")
    if report is not None:
        show_report(report)


def show_report(report: Report) -> None:
    summary = summarise(report)
    columns = st.columns(6)
    columns[0].metric("Sentences", summary["sentences"])
    columns[1].metric("Claims", summary["claims"])
    for column, label in zip(columns[2:], Label):
        column.metric(label.value, summary["labels"][label.value])
    st.caption(f"Corpus {report.corpus.name} · version {report.corpus.version} · {report.corpus.entries} entries · "
               f"language {report.language} · {summary['flagged']} flagged for review")
    left, right = st.columns(2)
    left.download_button("Download JSON", report_to_json(report), file_name="factcheck-report.json",
                         mime="application/json")
    right.download_button("Download Markdown", report_to_markdown(report), file_name="factcheck-report.md",
                          mime="text/markdown")
    flagged_only = st.checkbox("Flagged claims only", value=False)
    for finding in report.findings:
        if finding.verdict is None or (flagged_only and not finding.verdict.flagged):
            continue
        show_finding(finding)


def show_finding(finding: Finding) -> None:
    verdict = finding.verdict
    assert verdict is not None
    colour = BADGE_COLOURS[verdict.label]
    flag = " ⚑ review" if verdict.flagged else ""
    # Every article or corpus text is escaped: it is shown as text, never as markup.
    st.markdown(
        f"<span style='background:{colour};color:white;padding:2px 8px;border-radius:4px;font-weight:600'>"
        f"{verdict.label.value}</span> <small>confidence {verdict.confidence:.2f}{flag}</small><br>"
        f"{html.escape(finding.claim.sentence.text)}",
        unsafe_allow_html=True,
    )
    with st.expander("Why, and the evidence"):
        st.text(verdict.explanation)
        attribution = finding.claim.attribution
        if attribution.type.value == "reported":
            st.text(f"Reported claim: {finding.claim.checked_text} — speaker: {attribution.speaker or 'unknown'}"
                    + (" — the article marks it as false" if attribution.marked_false_by_author else ""))
        for item in finding.evidence:
            entry = item.entry
            st.text(f"[{entry.language or '?'}] {entry.text}\n"
                    f"rating: {entry.rating or '–'} ({entry.label.value if entry.label else 'no label'}) · "
                    f"{entry.publisher or ''} {entry.date or ''} · similarity {item.similarity:.2f} · {item.stance.value}")
            if entry.evidence:
                st.text(f"Facts: {entry.evidence}")
            if entry.source_url and entry.source_url.startswith(("https://", "http://")):
                st.text(entry.source_url)


main()
