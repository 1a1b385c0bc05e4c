"""Where the article comes from: pasted text, an uploaded file, a web page, or a previously reviewed article."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from checker.documents import DOCUMENT_TYPES, article_from_file
from checker.errors import InputError
from checker.fetch import fetch_article
from checker.review import ReviewStore

# Larger files are refused before decoding; the article-length limit (Settings) applies after.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
UPLOAD_TYPES = list(DOCUMENT_TYPES)
# Session key of the article the form shows when it renders next (a widget's value can only be
# set before the widget is drawn in a run).
TO_SHOW = "article_to_show"


@dataclass(frozen=True, slots=True)
class Source:
    """An article to check, and where it appeared (for ClaimReview), when the reviewer said."""

    text: str
    url: str | None


def article_form(max_chars: int) -> Source | None:
    """The input form; returns the article when "Check article" is pressed, else None.

    Pasted text wins over an uploaded file, and a file over the URL, which is fetched only
    when there is neither. Raises InputError for a file that is too large or unreadable, and
    for a web page that gives no article (the message says why: offline, HTTP error, …).
    """
    if (shown := st.session_state.pop(TO_SHOW, None)) is not None:
        st.session_state["article_text"] = shown.text
        st.session_state["article_url"] = shown.url or ""
    uploaded = st.file_uploader("Or upload a text, Markdown, HTML, PDF or Word file", type=UPLOAD_TYPES)
    text = st.text_area("Article text", height=260, key="article_text")
    url = st.text_input("Article URL", key="article_url",
                        help="With the text box empty, the article is fetched from this web address. Either way "
                             "it is where the article appeared, for the reports and ClaimReview.").strip() or None
    if not st.button("Check article", type="primary"):
        return None
    if text.strip():
        return Source(text, url)
    if uploaded is not None:
        if uploaded.size > MAX_UPLOAD_BYTES:
            raise InputError(f"The file {uploaded.name} has {uploaded.size / 1e6:.1f} MB; the limit is "
                             f"{MAX_UPLOAD_BYTES / 1e6:.0f} MB. Upload only the article text.")
        return Source(article_from_file(uploaded.getvalue(), uploaded.name), url)
    if url is None:
        raise InputError("The article is empty: paste its text, upload a file or give its web address.")
    with st.spinner(f"Fetching {url[:100]}…"):
        fetched = fetch_article(url, max_bytes=MAX_UPLOAD_BYTES, max_chars=max_chars)
    return Source(fetched.text, fetched.url)


def show_in_form(source: Source) -> None:
    """Show this article (and its URL) in the input form from its next render on."""
    st.session_state[TO_SHOW] = source


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
