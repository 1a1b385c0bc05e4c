"""The per-sentence review form: confirm the model's label, or override it with a reason."""

from __future__ import annotations

import streamlit as st

from checker.records import Finding, Label
from checker.review import Review, ReviewStore

CONFIRM, OVERRIDE = "Confirm the model's label", "Override the label"
SAVED = "review_saved"  # session key of the message shown after the rerun that follows a save


def review_form(finding: Finding, store: ReviewStore, article_key: str,
                reviewer: str, corpus_version: str) -> Review | None:
    """Render the form for one sentence; returns the stored decision when one was saved (then reruns)."""
    if message := st.session_state.pop(SAVED, None):
        st.success(message)
    model_label = finding.verdict.label if finding.verdict else None
    sentence_id = finding.claim.sentence.id
    # Keys per article and sentence: switching sentences must not carry a half-typed reason over.
    suffix = f"{article_key[:12]}-{sentence_id}"
    with st.form(f"review-{suffix}", clear_on_submit=True):
        st.markdown(f"**Review sentence {sentence_id}**")
        choices = [CONFIRM, OVERRIDE] if model_label else [OVERRIDE]
        action = st.radio("Decision", choices, horizontal=True, key=f"decision-{suffix}")
        others = [label.value for label in Label if label is not model_label]
        label_value = st.selectbox("New label (when overriding)", others, key=f"label-{suffix}")
        reason = st.text_input("Reason (needed for an override)", key=f"reason-{suffix}")
        note = st.text_area("Note", height=68, key=f"note-{suffix}")
        if not st.form_submit_button("Save review"):
            return None
    reviewer_label = model_label if action == CONFIRM and model_label else Label(label_value)
    saved = store.add(article_key, sentence_id, sentence_text=finding.claim.sentence.text, model_label=model_label,
                      reviewer_label=reviewer_label, reviewer=reviewer, corpus_version=corpus_version,
                      reason=reason, note=note)
    st.session_state[SAVED] = f"Saved: sentence {sentence_id} is {saved.reviewer_label.value} ({saved.decision.value})."
    st.rerun()
    return saved


def history(reviews: list[Review]) -> None:
    """The audit trail of one sentence, oldest first, as a table of plain text."""
    if not reviews:
        return
    with st.expander(f"Review history ({len(reviews)})"):
        st.dataframe([{"when": r.created_at, "who": r.reviewer, "decision": r.decision.value,
                       "label": r.reviewer_label.value, "model": r.model_label.value if r.model_label else "",
                       "reason": r.reason, "note": r.note, "corpus": r.corpus_version} for r in reviews],
                     hide_index=True)
