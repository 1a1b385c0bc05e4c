"""The review store on a real SQLite file: audit trail, restarts, concurrency, broken databases."""

import dataclasses
import hashlib
import sqlite3
import threading

import pytest

from checker.errors import CheckerError
from checker.records import Label
from checker.review import Decision, ReviewError, ReviewStore, article_key

ARTICLE = "Trump beschuldigte Selenskyj fälschlicherweise, den Krieg begonnen zu haben. Russland griff 2022 an."


@pytest.fixture
def path(tmp_path):
    return tmp_path / "reviews.sqlite3"


def review(store, key, sentence_id=0, *, model=Label.REFUTED, label=Label.REFUTED, reviewer="Ada", reason="",
           note=""):
    return store.add(key, sentence_id, sentence_text=f"sentence {sentence_id}", model_label=model,
                     reviewer_label=label, reviewer=reviewer, corpus_version="c1", reason=reason, note=note)


def test_articles_are_keyed_by_sha256_and_can_be_reopened(path):
    store = ReviewStore(path)
    key = store.save_article(ARTICLE, url="https://news.example/a")
    assert key == article_key(ARTICLE) == hashlib.sha256(ARTICLE.encode()).hexdigest()
    assert store.save_article(ARTICLE) == key  # saving again keeps the one copy
    article = store.article(key)
    assert (article.text, article.url) == (ARTICLE, "https://news.example/a")
    assert store.article("0" * 64) is None
    assert store.articles() == []  # only reviewed articles are listed for reopening
    review(store, key)
    assert [a.key for a in store.articles()] == [key]


def test_decisions_append_and_the_latest_one_is_current(path):
    store = ReviewStore(path)
    key = store.save_article(ARTICLE)
    first = review(store, key, 0, note="looks right")
    second = review(store, key, 0, label=Label.MISLEADING, reviewer="Bo", reason="the date is wrong")
    other = review(store, key, 1, model=None, label=Label.SUPPORTED, reason="the model missed this claim")
    assert (first.decision, second.decision, other.decision) == (Decision.CONFIRM, Decision.OVERRIDE,
                                                                   Decision.OVERRIDE)
    assert store.history(key) == [first, second, other]
    assert store.current(key) == {0: second, 1: other}
    assert (second.model_label, second.reviewer_label, second.reason, second.reviewer, second.corpus_version) == \
           (Label.REFUTED, Label.MISLEADING, "the date is wrong", "Bo", "c1")
    assert second.created_at.endswith("+00:00")
    with pytest.raises(dataclasses.FrozenInstanceError):
        second.reason = "changed"


def test_reviews_survive_a_restart(path):
    store = ReviewStore(path)
    key = store.save_article(ARTICLE)
    saved = review(store, key, 0, label=Label.SUPPORTED, reason="checked the source")
    del store
    reopened = ReviewStore(path)
    assert reopened.current(key) == {0: saved}
    assert reopened.article(key).text == ARTICLE


def test_history_cannot_be_rewritten(path):
    store = ReviewStore(path)
    key = store.save_article(ARTICLE)
    review(store, key)
    connection = sqlite3.connect(path)
    for statement in ("UPDATE reviews SET reviewer_label = 'supported'", "DELETE FROM reviews"):
        with pytest.raises(sqlite3.DatabaseError, match="audit trail"):
            connection.execute(statement)
    connection.close()
    assert len(store.history(key)) == 1


def test_the_database_is_in_wal_mode(path):
    ReviewStore(path)
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    connection.close()


@pytest.mark.parametrize("fields, message", [
    ({"label": Label.SUPPORTED, "reason": "  "}, "needs a reason"),
    ({"reviewer": " "}, "Enter your name"),
])
def test_incomplete_decisions_are_refused_and_nothing_is_written(path, fields, message):
    store = ReviewStore(path)
    key = store.save_article(ARTICLE)
    with pytest.raises(ReviewError, match=message):
        review(store, key, **fields)
    assert store.history(key) == []


def test_a_decision_on_an_unknown_article_is_refused(path):
    store = ReviewStore(path)
    with pytest.raises(ReviewError, match="check it again"):
        review(store, "f" * 64)
    assert store.history("f" * 64) == []


def test_two_reviewers_on_different_articles_at_once(path):
    stores = [ReviewStore(path), ReviewStore(path)]  # as two app sessions: separate connections
    keys = [stores[0].save_article("Article one."), stores[1].save_article("Article two.")]
    errors = []

    def work(store, key, name):
        try:
            for sentence_id in range(40):
                review(store, key, sentence_id, reviewer=name)
        except Exception as error:  # noqa: BLE001 - reported below, a thread must not swallow it
            errors.append(error)

    threads = [threading.Thread(target=work, args=(store, key, name))
               for store, key, name in zip(stores, keys, ["Ada", "Bo"])]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    for key, name in zip(keys, ["Ada", "Bo"]):
        current = ReviewStore(path).current(key)
        assert sorted(current) == list(range(40)) and {r.reviewer for r in current.values()} == {name}


def test_a_corrupt_database_gives_a_clear_error(path):
    path.write_bytes(b"this is not an SQLite database, just some bytes " * 100)
    with pytest.raises(ReviewError, match="corrupt.*Move the file aside") as error:
        ReviewStore(path)
    assert isinstance(error.value, CheckerError)


def test_a_locked_database_gives_a_clear_error(path):
    store = ReviewStore(path, timeout=0.1)
    key = store.save_article(ARTICLE)
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")  # another program holding the write lock
    try:
        with pytest.raises(ReviewError, match="locked by another program"):
            review(store, key)
        assert store.history(key) == []  # readers still work under WAL
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    review(store, key)
    assert len(store.history(key)) == 1


def test_an_unwritable_location_gives_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(ReviewError, match="Cannot create the folder"):
        ReviewStore(blocker / "sub" / "reviews.sqlite3")
