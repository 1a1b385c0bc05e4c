"""Where the article comes from: pasted text, an uploaded file, or a previously reviewed article."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from checker.errors import InputError
from checker.review import ReviewStore
from checker.documents import DOCUMENT_TYPES, article_from_file

# Larger files are refused before decoding; the article-length limit (Settings) applies after.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
UPLOAD_TYPES = list(DOCUMENT_TYPES)


@dataclass(frozen=True, slots=True)
class Source:
    """An article to check, and where it appeared (for ClaimReview), when the reviewer said."""

    text: str
    url: str | None


def article_form() -> Source | None:
    """The input form; returns the article when "Check article" is pressed, else None.

    Pasted text wins over an uploaded file. Raises InputError for a file that is too large
    or cannot be read as text.
    """
    uploaded = st.file_uploader("Or upload a text, Markdown, HTML, PDF or Word file", type=UPLOAD_TYPES)
    text = st.text_area("Article text", height=260, key="article_text")
    url = st.text_input("Article URL (optional, for ClaimReview)", key="article_url").strip() or None
    if not st.button("Check article", type="primary"):
        return None
    if text.strip():
        return Source(text, url)
    if uploaded is None:
        raise InputError("The article is empty: paste or upload some text to check.")
    if uploaded.size > MAX_UPLOAD_BYTES:
        raise InputError(f"The file {uploaded.name} has {uploaded.size / 1e6:.1f} MB; the limit is "
                         f"{MAX_UPLOAD_BYTES / 1e6:.0f} MB. Upload only the article text.")
    return Source(article_from_file(uploaded.getvalue(), uploaded.name), url)


def reopen_picker(store: ReviewStore) -> Source | None:
    """A sidebar list of reviewed articles; returns the one to reopen when its button is pressed."""
    articles = store.articles()
    if not articles:
        return None
    titles = {article.key: " ".join(article.text.split())[:70] for article in articles}
    key = st.sidebar.selectbox("Reviewed articles", list(titles), format_func=titles.__getitem__,
                               key="reopen_key")
    if key is None or not st.sidebar.button("Reopen"):
        return None
    article = store.article(key)
    return Source(article.text, article.url) if article else None


def linked_article(store: ReviewStore) -> Source | None:
    """The article named in the page URL (?article=<key>), so a reload reopens what was on screen."""
    key = st.query_params.get("article")
    article = store.article(key) if key else None
    return Source(article.text, article.url) if article else None
