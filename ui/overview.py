"""The top of the article view: counts per label, the legend, and the filters."""

from __future__ import annotations

from collections import Counter

import streamlit as st

from checker.export import Reviews, badge_html, effective_label
from checker.records import Finding, Label, Report

NOT_CHECKED = "not checked"  # the filter option for sentences without a verdict
PICKED, PICKED_TITLE = "selected_sentence", "selected_sentence_title"  # session keys: the choice, its label shown


def counts(report: Report, reviews: Reviews) -> None:
    """Metrics per label (a reviewer's label replaces the model's), then flagged and reviewed counts."""
    labels = Counter(effective_label(f, reviews.get(f.claim.sentence.id)) for f in report.findings)
    flagged = sum(1 for f in report.findings if f.verdict and f.verdict.flagged and f.claim.sentence.id not in reviews)
    columns = st.columns(6)
    for column, label in zip(columns, Label):
        column.metric(label.value, labels.get(label, 0))
    columns[4].metric("to review", flagged, help="Flagged by the model and not yet reviewed")
    columns[5].metric("reviewed", len(reviews))
    st.caption(f"Reference corpus “{report.corpus.name}” · version {report.corpus.version} · "
               f"{report.corpus.entries} entries · model {report.model} · article language {report.language}")


def legend() -> None:
    badges = " ".join(badge_html(label) for label in Label)
    st.html(f"<div>Legend: {badges} {badge_html(Label.SUPPORTED, reviewed=True)} = a reviewer's decision; "
            "unmarked text is not a check-worthy claim.</div>")


def filters(report: Report, reviews: Reviews) -> list[Finding]:
    """Filter widgets; returns the sentences that pass them, in article order."""
    languages = sorted({f.claim.sentence.language for f in report.findings})
    options = [label.value for label in Label] + [NOT_CHECKED]
    left, middle, right, last = st.columns([1, 3, 1, 1.2])  # the label chips need the room
    flagged_only = left.checkbox("Flagged only", key="filter_flagged")
    chosen = middle.multiselect("Label", options, default=[label.value for label in Label], key="filter_labels")
    chosen_languages = right.multiselect("Language", languages, default=languages, key="filter_languages")
    minimum = last.slider("Check-worthiness ≥", 0.0, 1.0, 0.0, 0.05, key="filter_checkworthiness")
    visible = []
    for finding in report.findings:
        label = effective_label(finding, reviews.get(finding.claim.sentence.id))
        if (label.value if label else NOT_CHECKED) not in chosen:
            continue
        if flagged_only and not (finding.verdict and finding.verdict.flagged):
            continue
        if finding.claim.sentence.language not in chosen_languages or finding.claim.checkworthiness < minimum:
            continue
        visible.append(finding)
    return visible


def pick_sentence(findings: list[Finding], reviews: Reviews) -> Finding | None:
    """A select box over the filtered sentences; returns the chosen one (the first flagged by default)."""
    if not findings:
        st.info("No sentence matches the filters.")
        return None
    by_id = {f.claim.sentence.id: f for f in findings}

    def title(sentence_id: int) -> str:
        finding = by_id[sentence_id]
        label = effective_label(finding, reviews.get(sentence_id))
        flag = " ⚑" if finding.verdict and finding.verdict.flagged else ""
        return f"#{sentence_id} [{label.value if label else NOT_CHECKED}{flag}] {finding.claim.sentence.text[:90]}"

    ids = list(by_id)
    # The browser keeps showing the option text it was last sent for the chosen sentence. When
    # that text changed (a review was saved, here or by a colleague), setting the value again
    # makes Streamlit send the new text.
    picked = st.session_state.get(PICKED)
    if picked in by_id and title(picked) != st.session_state.get(PICKED_TITLE):
        st.session_state[PICKED] = picked
    first_flagged = next((i for i, f in enumerate(findings) if f.verdict and f.verdict.flagged), 0)
    chosen = st.selectbox("Sentence", ids, index=first_flagged, format_func=title, key=PICKED)
    st.session_state[PICKED_TITLE] = title(chosen) if chosen in by_id else None
    return by_id.get(chosen)
