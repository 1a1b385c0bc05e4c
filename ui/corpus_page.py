"""The corpus page: what the reference corpus holds, search it, add an entry, import a file."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pandas as pd
import streamlit as st

from checker.corpus import append_entries, parse_entry
from checker.errors import CorpusError
from checker.importers import import_claimreview, import_csv
from checker.language import detect_language
from checker.pipeline import Checker
from checker.records import CorpusEntry, CorpusLabel

IMPORT_KINDS = {"ClaimReview (JSON-LD, HTML page or Google API JSON)": "claimreview", "CSV": "csv"}


def corpus_page(checker: Checker, additions: Path) -> bool:
    """Render the page; True when entries were added (the caller reloads the checker)."""
    entries = checker.index.entries
    stats(checker)
    search(checker)
    return add_entry(entries, additions) or import_file(entries, additions)


def stats(checker: Checker) -> None:
    info, entries = checker.index.info, checker.index.entries
    dates = [entry.date for entry in entries if entry.date]
    st.caption(f"Reference corpus “{info.name}” · version {info.version} · {info.entries} entries · "
               f"newest entry {max(dates) if dates else '–'}")
    table = Counter((entry.language or "?", entry.label.value if entry.label else "no label") for entry in entries)
    frame = pd.DataFrame([{"language": language, "label": label, "entries": count}
                          for (language, label), count in sorted(table.items())])
    st.dataframe(frame.pivot_table(index="language", columns="label", values="entries", fill_value=0),
                 width="content")


def search(checker: Checker) -> None:
    query = st.text_input("Search the corpus", key="corpus_query").strip()
    if not query:
        return
    settings = checker.settings
    [hits] = checker.index.search_texts(checker.embedder, [query], [detect_language(query, fallback="en")],
                                        top_k=10, candidates=settings.candidates, rrf_k=settings.rrf_k,
                                        lexical_weight=settings.lexical_weight)
    for hit in hits:
        entry = hit.entry
        st.text(f"[{entry.language or '?'}] {entry.text}\n"
                f"{entry.rating or '–'} ({entry.label.value if entry.label else 'no label'}) · "
                f"{entry.publisher or ''} {entry.date or ''} · similarity {hit.similarity:.2f} · {entry.id}")


def add_entry(existing: tuple[CorpusEntry, ...], additions: Path) -> bool:
    with st.form("add_entry", clear_on_submit=False):
        st.markdown("**Add an entry**")
        fields = {
            "id": st.text_input("Id"),
            "text": st.text_area("Claim as people state it", height=68),
            "label": st.selectbox("Label", [label.value for label in CorpusLabel]),
            "rating": st.text_input("Publisher's rating (their words)"),
            "language": st.selectbox("Language", ["de", "en"]),
            "evidence": st.text_area("Evidence (a sentence or two stating the facts)", height=68),
            "source_url": st.text_input("Source URL"),
            "publisher": st.text_input("Publisher"),
            "date": st.text_input("Date (YYYY-MM-DD)"),
        }
        if not st.form_submit_button("Add entry"):
            return False
    raw = {name: value.strip() for name, value in fields.items() if value and value.strip()}
    try:
        entry = parse_entry(json.dumps(raw))
    except ValueError as error:
        st.error(f"Not added: {error}.")
        return False
    return save(existing, [entry], additions)


def import_file(existing: tuple[CorpusEntry, ...], additions: Path) -> bool:
    st.markdown("**Import fact-checks**")
    kind = st.selectbox("Format", list(IMPORT_KINDS), key="import_kind")
    uploaded = st.file_uploader("File to import", type=["json", "jsonld", "html", "htm", "csv"], key="import_file")
    if uploaded is None or not st.button("Import"):
        return False
    try:
        text = uploaded.getvalue().decode("utf-8-sig")
    except UnicodeDecodeError:
        st.error(f"{uploaded.name} is not UTF-8 text; save it as UTF-8 and import it again.")
        return False
    importer = import_claimreview if IMPORT_KINDS[kind] == "claimreview" else import_csv
    try:
        result = importer(text, uploaded.name)
    except CorpusError as error:
        st.error(str(error))
        return False
    for warning in result.warnings:
        st.warning(warning)
    return save(existing, list(result.entries), additions)


def save(existing: tuple[CorpusEntry, ...], entries: list[CorpusEntry], additions: Path) -> bool:
    """Append the entries whose ids are new; say what was skipped."""
    known = {entry.id for entry in existing}
    new = [entry for entry in entries if entry.id not in known]
    if len(new) < len(entries):
        st.warning(f"{len(entries) - len(new)} entr{'y' if len(entries) - len(new) == 1 else 'ies'} skipped: "
                   "the id is already in the corpus.")
    if not new:
        return False
    append_entries(additions, new)
    st.session_state["corpus_saved"] = f"Added {len(new)} entr{'y' if len(new) == 1 else 'ies'} to {additions.name}."
    return True
