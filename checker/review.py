"""Reviewer decisions, persisted in SQLite as an append-only audit trail.

One database file holds the checked articles (keyed by a sha256 of their text, which is
stored too, so an article can be reopened) and every decision a reviewer made on one of
their sentences. A decision is never updated or deleted: a new decision is a new row, and
the current one is the latest row for that sentence. Triggers in the schema refuse any
UPDATE or DELETE of a decision, so the history cannot be rewritten by mistake.

The store opens a short-lived connection per call: Streamlit runs every browser session in
its own thread, and SQLite connections must not cross threads. WAL mode lets readers work
while one reviewer writes; a write waits up to `timeout` seconds for another one to finish.

>>> import tempfile, pathlib
>>> store = ReviewStore(pathlib.Path(tempfile.mkdtemp()) / "reviews.sqlite3")
>>> key = store.save_article("Russia invaded Ukraine in 2022.")
>>> review = store.add(key, 0, sentence_text="Russia invaded Ukraine in 2022.", model_label=Label.SUPPORTED,
...                    reviewer_label=Label.SUPPORTED, reviewer="Ada", corpus_version="abc")
>>> review.decision.value, store.current(key)[0] == review
('confirm', True)
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from enum import Enum
from pathlib import Path

from checker.errors import CheckerError
from checker.records import Label

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    key        TEXT PRIMARY KEY,          -- sha256 of the UTF-8 text
    text       TEXT NOT NULL,
    url        TEXT,                      -- where the article appeared, when known
    created_at TEXT NOT NULL              -- ISO 8601, UTC
);
CREATE TABLE IF NOT EXISTS reviews (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,  -- AUTOINCREMENT: ids never reused, so order is history
    article_key    TEXT NOT NULL REFERENCES articles(key),
    sentence_id    INTEGER NOT NULL,
    sentence_text  TEXT NOT NULL,
    model_label    TEXT,                  -- NULL when the model gave no verdict
    decision       TEXT NOT NULL CHECK (decision IN ('confirm', 'override')),
    reviewer_label TEXT NOT NULL,
    reason         TEXT NOT NULL,
    note           TEXT NOT NULL,
    reviewer       TEXT NOT NULL,
    corpus_version TEXT NOT NULL,
    created_at     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS reviews_by_article ON reviews(article_key, sentence_id, id);
CREATE TRIGGER IF NOT EXISTS reviews_are_append_only_update BEFORE UPDATE ON reviews
BEGIN SELECT RAISE(ABORT, 'reviews are an audit trail: add a new decision instead of changing one'); END;
CREATE TRIGGER IF NOT EXISTS reviews_are_append_only_delete BEFORE DELETE ON reviews
BEGIN SELECT RAISE(ABORT, 'reviews are an audit trail: decisions cannot be deleted'); END;
"""

_COLUMNS = ("id, article_key, sentence_id, sentence_text, model_label, decision, reviewer_label, reason, note, "
            "reviewer, corpus_version, created_at")


class ReviewError(CheckerError):
    """The review database cannot be used (corrupt, locked, unwritable) or a decision is incomplete."""


class Decision(str, Enum):
    CONFIRM = "confirm"  # the reviewer agrees with the model's label
    OVERRIDE = "override"  # the reviewer sets another label, with a reason


@dataclass(frozen=True, slots=True)
class Review:
    """One reviewer decision on one sentence, as stored."""

    id: int  # grows with every decision; the highest per sentence is the current one
    article_key: str
    sentence_id: int
    sentence_text: str
    model_label: Label | None
    decision: Decision
    reviewer_label: Label  # the label the reviewer stands behind (the model's, when confirmed)
    reason: str  # why the label was overridden; may be empty for a confirmation
    note: str
    reviewer: str
    corpus_version: str
    created_at: str  # ISO 8601, UTC, seconds


@dataclass(frozen=True, slots=True)
class Article:
    """A checked article as stored, for reopening it."""

    key: str
    text: str
    url: str | None
    created_at: str


def article_key(text: str) -> str:
    """The key an article is stored under: sha256 of its UTF-8 text, hex.

    >>> article_key("abc")[:12]
    'ba7816bf8f01'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ReviewStore:
    """Reviewer decisions in one SQLite file; safe to share between threads and processes."""

    def __init__(self, path: Path, timeout: float = 5.0):
        self.path = Path(path)
        self.timeout = timeout
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ReviewError(f"Cannot create the folder for the review database {self.path}: "
                              f"{error.strerror}. Set another path for it.") from None
        with self._connection() as connection:
            # executescript commits before it runs, so the transaction is written into the script;
            # if a statement fails, closing the connection rolls the half-made schema back.
            connection.executescript(f"BEGIN IMMEDIATE;{_SCHEMA}PRAGMA user_version = {SCHEMA_VERSION};COMMIT;")

    def save_article(self, text: str, url: str | None = None) -> str:
        """Store an article (once; later calls keep the first copy) and return its key."""
        key = article_key(text)
        with self._transaction() as connection:
            connection.execute("INSERT OR IGNORE INTO articles (key, text, url, created_at) VALUES (?, ?, ?, ?)",
                               (key, text, url, _now()))
            if url:  # a URL learnt later is still worth keeping
                connection.execute("UPDATE articles SET url = ? WHERE key = ? AND url IS NULL", (url, key))
        return key

    def article(self, key: str) -> Article | None:
        """The stored article with this key, or None."""
        with self._reading() as connection:
            row = connection.execute("SELECT key, text, url, created_at FROM articles WHERE key = ?",
                                     (key,)).fetchone()
        return Article(*row) if row else None

    def articles(self, limit: int = 50) -> list[Article]:
        """The articles that have reviews, most recently reviewed first."""
        with self._reading() as connection:
            rows = connection.execute(
                "SELECT a.key, a.text, a.url, a.created_at FROM articles a JOIN reviews r ON r.article_key = a.key "
                "GROUP BY a.key ORDER BY MAX(r.id) DESC LIMIT ?", (limit,)).fetchall()
        return [Article(*row) for row in rows]

    def add(self, key: str, sentence_id: int, *, sentence_text: str, model_label: Label | None,
            reviewer_label: Label, reviewer: str, corpus_version: str, reason: str = "",
            note: str = "") -> Review:
        """Append a decision and return it as stored.

        Confirming means `reviewer_label == model_label`; any other label is an override and
        needs a reason. Raises ReviewError for a missing reviewer name or reason, or an
        article that was never saved.
        """
        reviewer, reason, note = reviewer.strip(), reason.strip(), note.strip()
        if not reviewer:
            raise ReviewError("Enter your name as reviewer before saving a decision; it goes into the audit trail.")
        decision = Decision.CONFIRM if reviewer_label is model_label else Decision.OVERRIDE
        if decision is Decision.OVERRIDE and not reason:
            raise ReviewError(f"Say why you change the label to '{reviewer_label.value}': "
                              "an override needs a reason.")
        row = (key, sentence_id, sentence_text, model_label.value if model_label else None, decision.value,
               reviewer_label.value, reason, note, reviewer, corpus_version, _now())
        with self._transaction() as connection:
            if connection.execute("SELECT 1 FROM articles WHERE key = ?", (key,)).fetchone() is None:
                raise ReviewError("This article is not in the review database; check it again before reviewing.")
            cursor = connection.execute(
                "INSERT INTO reviews (article_key, sentence_id, sentence_text, model_label, decision, reviewer_label, "
                "reason, note, reviewer, corpus_version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row)
            review_id = cursor.lastrowid
        assert review_id is not None
        return _review((review_id, *row))

    def history(self, key: str) -> list[Review]:
        """Every decision on the article, oldest first: the audit trail."""
        with self._reading() as connection:
            rows = connection.execute(f"SELECT {_COLUMNS} FROM reviews WHERE article_key = ? ORDER BY id",
                                      (key,)).fetchall()
        return [_review(row) for row in rows]

    def current(self, key: str) -> dict[int, Review]:
        """The latest decision per sentence id of the article."""
        return {review.sentence_id: review for review in self.history(key)}

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        # isolation_level=None: no implicit transactions, so every write below opens its own.
        try:
            connection = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
        except sqlite3.Error as error:
            raise self._error(error) from None
        try:
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA foreign_keys = ON")
            yield connection
        except sqlite3.Error as error:
            raise self._error(error) from None
        finally:
            connection.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction: everything in it is committed together, or nothing is."""
        with self._connection() as connection:
            # IMMEDIATE takes the write lock up front, so two writers queue instead of deadlocking.
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        with self._connection() as connection:
            yield connection

    def _error(self, error: sqlite3.Error) -> ReviewError:
        message = str(error)
        if "locked" in message or "busy" in message:
            return ReviewError(f"The review database {self.path} is locked by another program (waited "
                               f"{self.timeout:g} s). Try again in a moment; if it stays locked, close other "
                               f"programs using that file.")
        if isinstance(error, sqlite3.DatabaseError) and ("not a database" in message or "malformed" in message):
            return ReviewError(f"The review database {self.path} is corrupt ({message}). Move the file aside to "
                               f"start a fresh one, and keep the old copy for recovery.")
        return ReviewError(f"The review database {self.path} cannot be used: {message}.")


def _review(row: tuple) -> Review:
    (review_id, key, sentence_id, sentence_text, model_label, decision, reviewer_label, reason, note, reviewer,
     corpus_version, created_at) = row
    return Review(review_id, key, sentence_id, sentence_text, Label(model_label) if model_label else None,
                  Decision(decision), Label(reviewer_label), reason, note, reviewer, corpus_version, created_at)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
