"""The Streamlit page, run by streamlit.testing's AppTest: the real app.py, the real model and corpus.

Input errors are caught before any model loads, so those tests are fast; the rest are slow.
Every test points the app at its own review database (FACTCHECK_REVIEW_DB).
"""

import pytest
from streamlit.testing.v1 import AppTest

from checker.review import ReviewStore, article_key
from tests.conftest import MOTIVATING_ARTICLE, REPO, needs_shared
from ui.review_form import OVERRIDE

TIMEOUT = 120  # the first check loads the model (about 10 s alone, longer on a busy 2-core machine)


@pytest.fixture
def review_db(tmp_path, monkeypatch):
    path = tmp_path / "reviews.sqlite3"
    monkeypatch.setenv("FACTCHECK_REVIEW_DB", str(path))
    return path


def start() -> AppTest:
    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=TIMEOUT)
    app.run()
    assert not app.exception
    return app


def check(app: AppTest, text: str) -> AppTest:
    app.text_area(key="article_text").input(text)
    [button] = [b for b in app.button if b.label == "Check article"]
    button.click().run()
    assert not app.exception, app.exception
    return app


def sentence_id(option: str) -> int:
    """The id in a sentence picker option, "#12 [refuted ⚑] Trump …" -> 12."""
    return int(option.split()[0].lstrip("#"))


def html_of(app: AppTest) -> str:
    return "\n".join(element.value for element in app.get("html"))


def test_page_has_the_stable_labels(review_db):
    app = start()
    assert app.text_area(key="article_text").label == "Article text"
    assert app.text_input(key="article_url").label == "Article URL"
    assert [b.label for b in app.button] == ["Check article"]
    assert not app.error


def test_an_unreachable_article_url_says_to_paste_the_text(review_db):
    from tests.test_fetch import closed_port

    app = start()
    app.text_input(key="article_url").input(f"http://127.0.0.1:{closed_port()}/article")
    app = check(app, "")
    assert [("this machine may be offline" in e.value and "paste the text" in e.value) for e in app.error] == [True]


@pytest.mark.parametrize("text, message", [
    ("   \n ", "The article is empty"),
    ("x" * 1_000_001, "the limit is 1,000,000"),
])
def test_bad_input_gets_a_clear_message_before_any_model_loads(review_db, text, message):
    app = check(start(), text)
    assert [message in error.value for error in app.error] == [True]


@pytest.mark.parametrize("upload, message", [
    (("big.txt", b"a" * (5 * 1024 * 1024 + 1), "text/plain"), "the limit is 5 MB"),
    (("paper.txt", b"%PDF-1.7 binary", "text/plain"), "The file is a PDF"),
])
def test_bad_uploads_get_a_clear_message(review_db, upload, message):
    app = start()
    app.file_uploader[0].set_value(upload).run()
    app = check(app, "")
    assert [message in error.value for error in app.error] == [True]


def test_a_corrupt_review_database_is_an_error_message_not_a_traceback(review_db):
    review_db.write_bytes(b"not a database at all " * 200)
    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=TIMEOUT).run()
    assert not app.exception
    assert [("is corrupt" in error.value and "Move the file aside" in error.value) for error in app.error] == [True]


@pytest.mark.slow
def test_check_review_and_reopen_the_motivating_article(review_db):
    text = needs_shared(MOTIVATING_ARTICLE).read_text(encoding="utf-8")
    app = check(start(), text)
    assert not app.error
    metrics = {metric.label: metric.value for metric in app.metric}
    assert metrics["refuted"] == "1" and metrics["reviewed"] == "0"
    page = html_of(app)
    for word in ("supported", "refuted", "unverified"):
        assert f">{word}</span>" in page  # badges carry the label word
    assert {b.label for b in app.get("download_button")} == {
        "Download HTML", "Download PDF", "Download JSON", "Download Markdown", "Download CSV", "Download ClaimReview"}

    trump = next(o for o in app.selectbox(key="selected_sentence").options if "Trump beschuldigte" in o)
    app.selectbox(key="selected_sentence").set_value(sentence_id(trump)).run()
    evidence = html_of(app)
    assert "Reported claim; made by Trump" in evidence and "refuted" in evidence and "similarity" in evidence
    assert any("Enter your name" in info.value for info in app.info)

    # Override another sentence's verdict, as reviewer Ada.
    app.sidebar.text_input(key="reviewer").input("Ada").run()
    options = app.selectbox(key="selected_sentence").options
    other = sentence_id(next(o for o in options if "Trump beschuldigte" not in o))
    app.selectbox(key="selected_sentence").set_value(other).run()
    suffix = f"{article_key(text)[:12]}-{other}"
    app.radio(key=f"decision-{suffix}").set_value(OVERRIDE)
    new_label = app.selectbox(key=f"label-{suffix}").options[0]  # never the model's own label
    app.selectbox(key=f"label-{suffix}").set_value(new_label)
    app.text_input(key=f"reason-{suffix}").input("Saudi-Arabien: Riad, checked with the source")
    [save] = [b for b in app.button if b.label == "Save review"]
    save.click().run()
    assert not app.exception and not app.error
    assert any(f"is {new_label} (override)" in message.value for message in app.success)
    [saved] = ReviewStore(review_db).history(article_key(text))
    assert (saved.sentence_id, saved.reviewer_label.value, saved.reviewer) == (other, new_label, "Ada")

    # A fresh session (reload, or an app restart) reopens the article from the URL and shows the review.
    reopened = AppTest.from_file(str(REPO / "app.py"), default_timeout=TIMEOUT)
    reopened.query_params["article"] = article_key(text)
    reopened.run()
    assert not reopened.exception and not reopened.error
    assert f"{new_label} · reviewed" in html_of(reopened)
    assert {m.label: m.value for m in reopened.metric}["reviewed"] == "1"


@pytest.mark.slow
def test_hostile_article_text_is_shown_as_text(review_db):
    article = ("Russia invaded Ukraine on 24 February 2022 <script>alert(1)</script>. "
               "Trump said Ukraine started the war <img src=x onerror=alert(1)>. "
               "See [this](javascript:alert(1)).")
    app = check(start(), article)
    assert not app.error
    page = html_of(app)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<script" not in page and "<img" not in page and 'href="javascript' not in page
    assert all("<script" not in element.value and "<img" not in element.value for element in app.markdown)


def widget(widgets, label):
    [found] = [w for w in widgets if w.label == label]
    return found


@pytest.mark.slow
def test_corpus_page_shows_stats_searches_and_adds_a_validated_entry(review_db, tmp_path, monkeypatch):
    additions = tmp_path / "additions.jsonl"
    monkeypatch.setenv("FACTCHECK_CORPUS_ADDITIONS", str(additions))
    app = start()
    app.sidebar.radio(key="page").set_value("Corpus").run()
    assert not app.exception, app.exception
    [caption] = [c.value for c in app.caption if "Reference corpus" in c.value]
    entries = int(caption.split(" entries")[0].split()[-1])

    app.text_input(key="corpus_query").input("Selenskyj hat den Krieg begonnen").run()
    assert any("Selenskyj hat den Krieg mit Russland begonnen." in t.value for t in app.text)

    widget(app.text_input, "Id").input("local-1")
    widget(app.text_area, "Claim as people state it").input("Der Mond ist aus Käse.")
    widget(app.text_input, "Date (YYYY-MM-DD)").input("25.11.2026")
    widget(app.button, "Add entry").click().run()
    assert "Not added: date '25.11.2026' must be an ISO date" in app.error[0].value
    assert not additions.exists()

    widget(app.text_input, "Date (YYYY-MM-DD)").input("2026-11-25")
    widget(app.button, "Add entry").click().run()
    assert not app.exception, app.exception
    assert app.success[0].value == "Added 1 entry to additions.jsonl."
    [caption] = [c.value for c in app.caption if "Reference corpus" in c.value]
    assert f"{entries + 1} entries" in caption


EXAMPLE = REPO / "examples" / "minerals-deal-en.txt"


def override(app: AppTest, text: str, sentence: int, reason: str) -> str:
    """Override one sentence's verdict as the current reviewer; returns the new label."""
    app.selectbox(key="selected_sentence").set_value(sentence).run()
    suffix = f"{article_key(text)[:12]}-{sentence}"
    app.radio(key=f"decision-{suffix}").set_value(OVERRIDE)
    new_label = app.selectbox(key=f"label-{suffix}").options[0]  # never the model's own label
    app.selectbox(key=f"label-{suffix}").set_value(new_label)
    app.text_input(key=f"reason-{suffix}").input(reason)
    widget(app.button, "Save review").click().run()
    assert not app.exception and not app.error
    return new_label


@pytest.mark.slow
def test_the_sentence_picker_shows_a_saved_review_at_once_and_the_corpus_by_name(review_db):
    text = EXAMPLE.read_text(encoding="utf-8")
    app = check(start(), text)
    # The corpus is named, not "Corpus corpus" (its folder is called corpus/).
    assert not any("Corpus corpus" in caption.value for caption in app.caption)
    assert any(caption.value.startswith("Reference corpus “corpus” · version ") for caption in app.caption)
    app.sidebar.text_input(key="reviewer").input("Ada").run()
    picker = app.selectbox(key="selected_sentence")
    sentence = sentence_id(picker.options[-1])
    new_label = override(app, text, sentence, "a second source disagrees")
    picker = app.selectbox(key="selected_sentence")
    [option] = [o for o in picker.options if sentence_id(o) == sentence]
    assert f"[{new_label}" in option, option
    # The browser shows the option text it was last sent for the chosen value: the page must send the new one.
    assert picker.value == sentence and picker.proto.set_value and picker.proto.raw_value == option


@pytest.mark.slow
def test_a_reloaded_article_shows_its_text(review_db):
    text = EXAMPLE.read_text(encoding="utf-8")
    check(start(), text)
    reloaded = AppTest.from_file(str(REPO / "app.py"), default_timeout=TIMEOUT)
    reloaded.query_params["article"] = article_key(text)
    reloaded.run()
    assert not reloaded.exception and not reloaded.error
    assert reloaded.text_area(key="article_text").value == text


@pytest.mark.slow
def test_an_article_fetched_from_its_url_is_checked_shown_and_remembered_with_its_url(review_db):
    import threading
    from http.server import ThreadingHTTPServer

    from tests.test_fetch import Pages

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{httpd.server_address[1]}"
        app = start()
        app.text_input(key="article_url").input(f"{base}/moved")  # redirects to /article
        app = check(app, "")
        assert not app.error
        text = app.text_area(key="article_text").value  # the fetched text is shown, to read and edit
        assert "Trump beschuldigte Selenskyj fälschlicherweise" in text and "Impressum" not in text
        assert app.text_input(key="article_url").value == f"{base}/article"
        assert any("Trump beschuldigte" in option for option in app.selectbox(key="selected_sentence").options)
        assert ReviewStore(review_db).article(article_key(text)).url == f"{base}/article"  # for the reports
        assert "Download PDF" in {b.label for b in app.get("download_button")}
    finally:
        httpd.shutdown()
        httpd.server_close()
