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
