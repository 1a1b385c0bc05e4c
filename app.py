"""Streamlit page: the review workspace. Paste or upload an article, check it, review the claims, export.

Streamlit lives here and in ui/ only; everything shown comes from the `checker` library.
Environment (read here, at the edge, and nowhere below):
  FACTCHECK_REVIEW_DB   the review database file (default: Settings.review_db)
  FACTCHECK_CORPUS_ADDITIONS   where entries added on the corpus page go (default: Settings.corpus_additions)
  FACTCHECK_ORGANISATION   the reviewing organisation named in ClaimReview exports
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from checker.config import Settings
from checker.errors import CheckerError
from checker.export import article_html, finding_html
from checker.pipeline import Checker, validate_article
from checker.records import Report
from checker.review import ReviewStore
from ui.corpus_page import corpus_page
from ui.downloads import download_buttons
from ui.overview import counts, filters, legend, pick_sentence
from ui.review_form import history, review_form
from ui.source import Source, article_form, linked_article, reopen_picker, show_in_form


@dataclass(frozen=True, slots=True)
class Checked:
    """The article on screen: its text, its report and its key in the review database."""

    source: Source
    report: Report
    key: str


def settings_from_environment() -> Settings:
    overrides = {field: Path(os.environ[variable])
                 for field, variable in (("review_db", "FACTCHECK_REVIEW_DB"),
                                         ("corpus_additions", "FACTCHECK_CORPUS_ADDITIONS"))
                 if os.environ.get(variable)}
    return Settings(**overrides)


@st.cache_resource(show_spinner="Loading the model and the corpus index…")  # one shared copy per process
def load_checker(settings: Settings) -> Checker:
    return Checker.from_settings(settings)


@st.cache_resource  # one per database file; the store opens a connection per call, so threads may share it
def open_reviews(path: Path) -> ReviewStore:
    return ReviewStore(path)


def main() -> None:
    st.set_page_config(page_title="Fact-check assistant", layout="wide")
    st.title("Fact-check assistant")
    try:
        page(settings_from_environment())
    except CheckerError as error:
        st.error(str(error))
    except Exception as error:  # noqa: BLE001 - the page never shows a traceback
        st.error(f"Something went wrong ({type(error).__name__}). Your reviews so far are saved; reload the page "
                 "and try again, and report this if it happens again.")


def page(settings: Settings) -> None:
    if st.sidebar.radio("Page", ["Check an article", "Corpus"], key="page") == "Corpus":
        corpus(settings)
        return
    reviewer = st.sidebar.text_input("Reviewer name", key="reviewer").strip()
    organisation = st.sidebar.text_input("Organisation (for ClaimReview)", key="organisation",
                                         value=os.environ.get("FACTCHECK_ORGANISATION", ""))
    store = open_reviews(settings.review_db)
    st.caption("Paste a German or English article. Check-worthy claims are matched against the reference corpus; "
               "review each verdict, then download the annotated report.")
    # A reopened article (from the sidebar, or named in the page URL after a reload) is shown in
    # the form, so its text can be read and edited; both are known before the form is drawn.
    reopened = reopen_picker(store)
    if reopened is None and "checked" not in st.session_state:
        reopened = linked_article(store)
    if reopened is not None:
        show_in_form(reopened)
    source = article_form(settings.max_article_chars) or reopened
    if source is not None:
        st.session_state["checked"] = check(settings, store, source)
        st.query_params["article"] = st.session_state["checked"].key
        if source.text != st.session_state.get("article_text"):  # fetched or uploaded: show what was checked
            show_in_form(source)
            st.rerun()
    checked: Checked | None = st.session_state.get("checked")
    if checked is not None:
        workspace(checked, store, reviewer, organisation)


def corpus(settings: Settings) -> None:
    """The corpus page; after an addition the checker is reloaded, and its index embeds only the new entries."""
    saved = st.session_state.pop("corpus_saved", None)
    if saved:
        st.success(saved)
    if corpus_page(load_checker(settings), settings.corpus_additions):
        load_checker.clear()
        st.rerun()


def check(settings: Settings, store: ReviewStore, source: Source) -> Checked:
    validate_article(source.text, settings)  # before the models load: bad input fails fast
    checker = load_checker(settings)
    bar = st.progress(0.0, text="Checking…")
    report = checker.check(source.text, progress=lambda done, total, what: bar.progress(
        done / total if total else 1.0, text=f"{what} ({done}/{total})"))
    bar.empty()
    return Checked(source, report, store.save_article(source.text, source.url))


def workspace(checked: Checked, store: ReviewStore, reviewer: str, organisation: str) -> None:
    report, text = checked.report, checked.source.text
    reviews = store.current(checked.key)
    counts(report, reviews)
    legend()
    visible = filters(report, reviews)
    st.html(article_html(report, text, reviews, only={f.claim.sentence.id for f in visible}))
    st.subheader("Evidence and review")
    finding = pick_sentence(visible, reviews)
    if finding is not None:
        sentence_id = finding.claim.sentence.id
        st.html(finding_html(finding, reviews.get(sentence_id)))
        history([r for r in store.history(checked.key) if r.sentence_id == sentence_id])
        if reviewer:
            review_form(finding, store, checked.key, reviewer, report.corpus.version)
        else:
            st.info("Enter your name as reviewer in the sidebar to confirm or override this verdict.")
    st.subheader("Downloads")
    download_buttons(report, text, reviews, organisation, checked.source.url)


main()
