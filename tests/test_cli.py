import json

import pytest

from checker.cli import build_parser, main
from tests.conftest import SMALL_CORPUS, write_corpus


def all_subparsers(parser, prefix=()):
    for action in parser._actions:
        if action.__class__.__name__ == "_SubParsersAction":
            for name, sub in action.choices.items():
                yield prefix + (name,), sub
                yield from all_subparsers(sub, prefix + (name,))


def test_every_command_has_help_text():
    commands = dict(all_subparsers(build_parser()))
    assert {("check",), ("model", "build"), ("index", "build"), ("index", "add"), ("search",), ("corpus", "validate"),
            ("corpus", "stats")} <= set(commands)
    for name, parser in commands.items():
        assert parser.description or parser.format_usage(), name


def test_corpus_validate_and_stats(tmp_path, capsys):
    path = write_corpus(tmp_path / "c.jsonl", SMALL_CORPUS)
    assert main(["corpus", "validate", str(path)]) == 0
    assert capsys.readouterr().out.startswith("ok: 4 entries")
    assert main(["corpus", "stats", str(path)]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["languages"] == {"en": 3, "de": 1} and stats["newest"] == "2025-02-20"


def test_malformed_corpus_is_a_one_line_error_per_problem(tmp_path, capsys):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a"}\n', encoding="utf-8")
    assert main(["corpus", "validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: The corpus has 1 malformed line(s)") and f"{path}:1: missing field 'text'" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("content, message", [
    (b"", "The article is empty"),
    (b"   \n\t  \n", "The article is empty"),
    (b"\x00\x01\x02binary\x00\x00", "error: "),
    (b"M\xfcnchen ist sch\xf6n.", "UTF-8"),
])
def test_bad_article_input_is_a_clear_error_before_any_model_loads(tmp_path, capsys, content, message):
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    assert main(["check", str(path)]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and err.count("\n") == 1


def test_missing_article_file_and_folder(tmp_path, capsys):
    assert main(["check", str(tmp_path / "nope.txt")]) == 1
    assert "no such file" in capsys.readouterr().err
    assert main(["check", str(tmp_path)]) == 1
    assert "is a folder" in capsys.readouterr().err


def test_too_long_article_is_refused(tmp_path, capsys):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"Das ist ein Satz. " * 300_000)  # about 5 MB
    assert main(["check", str(path)]) == 1
    assert "the limit is 1,000,000" in capsys.readouterr().err


def test_no_command_prints_help(capsys):
    assert main([]) == 2
    assert "usage: factcheck" in capsys.readouterr().out


def test_an_unreachable_url_is_a_one_line_error(capsys):
    from tests.test_fetch import closed_port

    assert main(["check", f"http://127.0.0.1:{closed_port()}/article"]) == 1
    err = capsys.readouterr().err
    assert "this machine may be offline" in err and "paste the text" in err and err.count("\n") == 1


@pytest.mark.parametrize("arguments, message", [
    (["--format", "pdf"], "give it with -o FILE.pdf"),
    (["--format", "claimreview", "--organisation", "X"], "ClaimReview publishes reviewer decisions only"),
    (["--format", "claimreview", "--reviews", "REVIEWS"], "pass --organisation NAME"),
    (["--reviews", "nowhere.sqlite3"], "no such review database"),
])
def test_export_arguments_are_checked_before_anything_runs(tmp_path, capsys, monkeypatch, arguments, message):
    monkeypatch.delenv("FACTCHECK_ORGANISATION", raising=False)
    (tmp_path / "reviews.sqlite3").touch()
    arguments = [str(tmp_path / "reviews.sqlite3") if a == "REVIEWS" else a for a in arguments]
    assert main(["check", str(tmp_path / "no-article.txt"), *arguments]) == 1
    assert message in capsys.readouterr().err


@pytest.mark.slow
def test_a_fetched_article_checked_into_pdf_and_claimreview(tmp_path, capsys):
    """The URL's article is checked; a reviewer decision made in the app's database is published with the URL."""
    import io
    import threading
    from http.server import ThreadingHTTPServer

    from pypdf import PdfReader

    from checker.fetch import fetch_article
    from checker.records import Label
    from checker.review import ReviewStore
    from checker.text import split_sentences
    from tests.test_fetch import Pages

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}/moved"  # redirects to /article
        article = fetch_article(url)
        [trump] = [i for i, s in enumerate(split_sentences(article.text)) if s.text.startswith("Trump")]
        store = ReviewStore(tmp_path / "reviews.sqlite3")
        key = store.save_article(article.text)  # reviewed in the app, which was given no URL
        store.add(key, trump, sentence_text="Trump …", model_label=Label.UNVERIFIED, reviewer_label=Label.REFUTED,
                  reviewer="Ada", corpus_version="v", reason="checked with the ministry")

        assert main(["check", url, "--format", "pdf", "-o", str(tmp_path / "report.pdf"),
                     "--reviews", str(tmp_path / "reviews.sqlite3")]) == 0
        reader = PdfReader(io.BytesIO((tmp_path / "report.pdf").read_bytes()))
        text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
        assert "Trump beschuldigte Selenskyj fälschlicherweise, den Ukraine-Krieg begonnen zu haben." in text
        assert "Reviewer Ada overrode the verdict with refuted" in text and f"Article: {article.url}" in text

        assert main(["check", url, "--format", "claimreview", "--organisation", "Faktencheck",
                     "--reviews", str(tmp_path / "reviews.sqlite3")]) == 0
        [item] = json.loads(capsys.readouterr().out)
        assert item["itemReviewed"]["appearance"]["url"] == article.url and article.url.endswith("/article")
        assert item["claimReviewed"] == "Selenskyj hat den Ukraine-Krieg begonnen."  # the reported claim
        assert item["reviewRating"]["alternateName"] == "refuted" and item["author"]["name"] == "Faktencheck"
    finally:
        httpd.shutdown()
        httpd.server_close()
