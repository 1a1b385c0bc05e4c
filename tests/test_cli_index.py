"""`factcheck index add`: growing an index from the command line."""

import pytest

from checker.cli import main
from tests.conftest import SMALL_CORPUS, write_corpus



def test_index_add_reports_a_missing_index_and_a_bad_corpus_before_any_model_loads(tmp_path, capsys):
    new = write_corpus(tmp_path / "new.jsonl", [{"id": "n1", "text": "A new claim."}])
    assert main(["index", "add", str(new), "--index", str(tmp_path / "nowhere")]) == 1
    assert "no index here" in capsys.readouterr().err
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "n1"}\n', encoding="utf-8")
    assert main(["index", "add", str(bad), "--index", str(tmp_path / "nowhere")]) == 1
    assert f"{bad}:1: missing field 'text'" in capsys.readouterr().err


@pytest.mark.slow
def test_index_add_then_search_finds_the_new_entry_with_the_real_model(tmp_path, capsys):
    corpus = write_corpus(tmp_path / "c.jsonl", SMALL_CORPUS)
    new = write_corpus(tmp_path / "new.jsonl", [
        {"id": "n1", "text": "Die Sanktionen gegen russisches Öl wurden im März 2025 aufgehoben.", "language": "de"}])
    queries = tmp_path / "q.tsv"
    queries.write_text("q1\tSanctions on Russian oil were lifted in March 2025.\n", encoding="utf-8")
    index = tmp_path / "idx"
    assert main(["index", "build", str(corpus), "--out", str(index)]) == 0
    capsys.readouterr()
    assert main(["index", "add", str(new), "--index", str(index)]) == 0
    assert "added 1 entries" in capsys.readouterr().out
    assert main(["search", "--index", str(index), "--queries", str(queries), "--top-k", "2"]) == 0
    first = capsys.readouterr().out.splitlines()[0].split()
    assert first[:4] == ["q1", "Q0", "n1", "1"]
    assert main(["index", "add", str(new), "--index", str(index)]) == 1
    assert "entry id 'n1' is already in the index" in capsys.readouterr().err
