import json

import pytest

from checker.corpus import load_corpus, parse_entry
from checker.errors import CorpusError
from checker.records import CorpusLabel
from tests.conftest import REPO, SMALL_CORPUS, write_corpus


def test_loads_entries_with_normalised_fields(small_corpus_file):
    corpus = load_corpus(small_corpus_file)
    assert corpus.info.entries == 4
    assert corpus.info.name == "small"
    first = corpus.entries[0]
    assert first.id == "f1" and first.label is CorpusLabel.FALSE and first.date == "2025-02-20"


def test_version_changes_with_content_and_only_then(tmp_path):
    path = write_corpus(tmp_path / "c.jsonl", SMALL_CORPUS)
    version = load_corpus(path).info.version
    assert load_corpus(path).info.version == version
    write_corpus(path, SMALL_CORPUS[:-1])
    assert load_corpus(path).info.version != version


def test_folder_reads_every_jsonl_file(tmp_path):
    write_corpus(tmp_path / "a.jsonl", SMALL_CORPUS[:2])
    write_corpus(tmp_path / "b.jsonl", SMALL_CORPUS[2:])
    (tmp_path / "notes.txt").write_text("not a corpus")
    assert load_corpus(tmp_path).info.entries == 4


def test_every_malformed_line_is_reported_with_file_and_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join([
        json.dumps({"id": "ok", "text": "fine"}),
        "{not json",
        json.dumps({"id": "x"}),
        json.dumps({"id": "y", "text": "t", "label": "pants on fire"}),
        json.dumps({"id": "ok", "text": "duplicate"}),
        json.dumps({"id": "z", "text": "t", "date": "20.02.2025"}),
        json.dumps({"id": "w", "text": "t", "colour": "red"}),
    ]) + "\n", encoding="utf-8")
    with pytest.raises(CorpusError) as caught:
        load_corpus(path)
    message = str(caught.value)
    assert "6 malformed line(s); nothing was indexed" in message
    assert f"{path}:2: not valid JSON" in message
    assert f"{path}:3: missing field 'text'" in message
    assert f"{path}:4: label 'pants on fire' is not one of: true, false, misleading, unproven" in message
    assert f"{path}:5: duplicate id 'ok' (first at {path}:1)" in message
    assert f"{path}:6: date '20.02.2025' must be an ISO date" in message
    assert f"{path}:7: unknown field(s) colour" in message


def test_missing_path_empty_folder_and_non_utf8(tmp_path):
    with pytest.raises(CorpusError, match="no such corpus file or folder"):
        load_corpus(tmp_path / "nope.jsonl")
    with pytest.raises(CorpusError, match="no \\*.jsonl files"):
        load_corpus(tmp_path)
    bad = tmp_path / "latin1.jsonl"
    bad.write_bytes(b'{"id": "a", "text": "ok"}\n{"id": "b", "text": "M\xfcnchen"}\n')
    with pytest.raises(CorpusError, match=r"latin1.jsonl:2: not UTF-8"):
        load_corpus(bad)


def test_parse_entry_rejects_non_objects_and_bad_urls():
    with pytest.raises(ValueError, match="JSON object"):
        parse_entry("[1, 2]")
    with pytest.raises(ValueError, match="must start with https://"):
        parse_entry(json.dumps({"id": "a", "text": "b", "source_url": "javascript:alert(1)"}))


def test_shipped_corpus_validates():
    corpus = load_corpus(REPO / "corpus")
    assert corpus.info.entries >= 40
    languages = {entry.language for entry in corpus.entries}
    assert {"de", "en"} <= languages
    for entry in corpus.entries:
        assert entry.label is not None and entry.source_url and entry.publisher and entry.date, entry.id


def test_additions_are_read_after_the_corpus_and_appended_atomically(tmp_path, monkeypatch):
    from checker.corpus import append_entries

    main = write_corpus(tmp_path / "main.jsonl", SMALL_CORPUS)
    additions = tmp_path / "local" / "additions.jsonl"
    assert load_corpus(main, additions).info.entries == 4  # no additions file yet: nothing added
    new = parse_entry(json.dumps({"id": "n1", "text": "A reviewer's entry.", "label": "true"}))
    append_entries(additions, [new])
    corpus = load_corpus(main, additions)
    assert corpus.info.entries == 5 and corpus.entries[-1] == new
    assert corpus.info.version != load_corpus(main).info.version

    def crash(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("checker.corpus.os.replace", crash)
    with pytest.raises(OSError):
        append_entries(additions, [new])
    assert load_corpus(main, additions).info.entries == 5  # the old file is whole
    assert [p.name for p in additions.parent.iterdir()] == ["additions.jsonl"]  # no temp file left


def test_a_duplicate_id_in_the_additions_is_reported(tmp_path):
    main = write_corpus(tmp_path / "main.jsonl", SMALL_CORPUS)
    additions = write_corpus(tmp_path / "additions.jsonl", [{"id": "f1", "text": "Same id again."}])
    with pytest.raises(CorpusError, match="duplicate id 'f1'"):
        load_corpus(main, additions)
