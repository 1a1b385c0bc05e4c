import json

import numpy as np
import pytest

from checker.corpus import load_corpus
from checker.embed import HashingEmbedder
from checker.errors import SearchIndexError
from checker.index import BOTH, MANIFEST, Retriever, SearchIndex, open_index
from checker.lexical import tokenize
from tests.conftest import write_corpus


def search(index, embedder, text, language="en", top_k=3):
    return index.search(embedder.embed_queries([text]), [text], [language], top_k=top_k, candidates=10, rrf_k=60)[0]


@pytest.fixture
def built(small_corpus_file):
    embedder = HashingEmbedder()
    return SearchIndex.build(load_corpus(small_corpus_file), embedder), embedder


def test_finds_the_matching_entry_first_with_its_cosine(built):
    index, embedder = built
    hits = search(index, embedder, "Ukraine started the war with Russia")
    assert hits[0].entry.id == "f1"
    assert hits[0].similarity == pytest.approx(1.0, abs=1e-5)
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)


def test_lexical_side_finds_a_name_in_another_spelling(built):
    index, embedder = built
    # Hashing vectors share no word with "Riyadh"; only the name-aware lexical side can match.
    assert tokenize("Gespräche in Riyadh", "de")[-1] == tokenize("Gespräche in Riad", "de")[-1]
    hits = search(index, embedder, "Treffen in Riyadh", language="de")
    assert hits[0].entry.id == "d1"


@pytest.mark.parametrize("spelling", ["Selenskyj", "Selensky", "Selenskij", "Zelensky", "Zelenskyy", "Zelenskiy"])
def test_name_spellings_fold_to_one_token(spelling):
    assert tokenize(spelling, "de") == tokenize("Zelensky", "en") == ["zelensky"]


@pytest.mark.parametrize("spelling", ["Kyjiw", "Kiew", "Kyiv", "Kiev"])
def test_city_spellings_fold_to_one_token(spelling):
    assert tokenize(spelling, "de") == ["kyiv"]


def test_german_tokens_are_stemmed_and_stop_words_dropped():
    assert tokenize("Die Verhandlungen über das Abkommen", "de") == ["verhandl", "abkomm"]


def test_empty_query_list_and_tiny_corpus(built):
    index, embedder = built
    assert index.search(np.zeros((0, 256), np.float32), [], [], top_k=3, candidates=10, rrf_k=60) == []
    assert len(search(index, embedder, "war", top_k=50)) <= 4


def test_save_and_load_round_trip(built, tmp_path):
    index, embedder = built
    index.save(tmp_path / "idx")
    loaded = SearchIndex.load(tmp_path / "idx", model=embedder.fingerprint)
    assert loaded.info == index.info and loaded.entries == index.entries
    assert [h.entry.id for h in search(loaded, embedder, "minerals deal")] == \
        [h.entry.id for h in search(index, embedder, "minerals deal")]


def test_corrupt_file_is_detected_not_served(built, tmp_path):
    index, embedder = built
    index.save(tmp_path / "idx")
    dense = tmp_path / "idx" / "dense.faiss"
    data = bytearray(dense.read_bytes())
    data[-1] ^= 0xFF
    dense.write_bytes(bytes(data))
    with pytest.raises(SearchIndexError, match="dense.faiss is corrupt"):
        SearchIndex.load(tmp_path / "idx")


def test_wrong_model_and_missing_index_are_reported(built, tmp_path):
    index, _ = built
    index.save(tmp_path / "idx")
    with pytest.raises(SearchIndexError, match="built with hashing-256, not other-model"):
        SearchIndex.load(tmp_path / "idx", model="other-model")
    with pytest.raises(SearchIndexError, match="no index here"):
        SearchIndex.load(tmp_path / "nothing")


def test_failed_save_leaves_the_previous_index_intact(built, tmp_path, monkeypatch):
    index, embedder = built
    folder = tmp_path / "idx"
    index.save(folder)
    before = (folder / MANIFEST).read_text()

    def crash(self, staging):
        (staging / "entries.jsonl").write_text("half")
        raise OSError("disk full")

    monkeypatch.setattr(SearchIndex, "_write", crash)
    with pytest.raises(OSError):
        index.save(folder)
    assert (folder / MANIFEST).read_text() == before
    SearchIndex.load(folder, model=embedder.fingerprint)
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]  # no staging folder left behind


def test_open_index_builds_once_and_rebuilds_when_corpus_changes(small_corpus_file, tmp_path):
    embedder = HashingEmbedder()
    root = tmp_path / "root"
    open_index(load_corpus(small_corpus_file), embedder, root)
    first = sorted(p.name for p in root.iterdir())
    manifest = json.loads((root / first[0] / MANIFEST).read_text())
    open_index(load_corpus(small_corpus_file), embedder, root)
    assert sorted(p.name for p in root.iterdir()) == first  # loaded, not rebuilt
    assert json.loads((root / first[0] / MANIFEST).read_text()) == manifest
    with open(small_corpus_file, "a", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "new", "text": "A new entry."}) + "\n")
    open_index(load_corpus(small_corpus_file), embedder, root)
    assert len(list(root.iterdir())) == 2


def test_open_index_replaces_a_corrupt_index(small_corpus_file, tmp_path):
    embedder = HashingEmbedder()
    root = tmp_path / "root"
    open_index(load_corpus(small_corpus_file), embedder, root)
    folder = next(root.iterdir())
    (folder / "entries.jsonl").write_text("garbage\n")
    index = open_index(load_corpus(small_corpus_file), embedder, root)
    assert index.info.entries == 4
    SearchIndex.load(folder, model=embedder.fingerprint)


def test_each_retriever_alone_keeps_its_own_order(built):
    index, embedder = built
    query = "Riyadh"  # only the lexical side can find it (see above)
    vectors = embedder.embed_queries([query])
    lexical = index.search(vectors, [query], ["de"], top_k=3, candidates=10, rrf_k=60,
                           retrievers=frozenset({Retriever.LEXICAL}))[0]
    dense = index.search(vectors, [query], ["de"], top_k=3, candidates=10, rrf_k=60,
                         retrievers=frozenset({Retriever.DENSE}))[0]
    assert [hit.entry.id for hit in lexical] == ["d1"]
    assert len(dense) == 3 and all(hit.similarity == pytest.approx(0.0, abs=1e-6) for hit in dense)


def test_in_the_fusion_lexical_hits_count_only_within_the_query_language(built):
    index, embedder = built
    query = "Gespräche in Riad"  # shares words with the German entry d1 only
    vectors = embedder.embed_queries([query])

    def d1_score(language, retrievers):
        hits = index.search(vectors, [query], [language], top_k=4, candidates=10, rrf_k=60, retrievers=retrievers)[0]
        return next((hit.score for hit in hits if hit.entry.id == "d1"), None)

    lexical = frozenset({Retriever.LEXICAL})
    assert d1_score("de", lexical) == d1_score("en", lexical) == pytest.approx(1 / 61)  # plain BM25: any language
    assert d1_score("de", BOTH) - d1_score("en", BOTH) == pytest.approx(1 / 61)  # fused: German words count for German


def test_titles_are_searchable_words_but_not_part_of_the_embedded_claim(tmp_path):
    path = write_corpus(tmp_path / "titled.jsonl", [
        {"id": "g", "text": "122 detainees released from Guantanamo returned to terrorism.",
         "title": "Did Obama's prisoners return to the battlefield?", "language": "en"},
        {"id": "x", "text": "Something else entirely.", "language": "en"},
    ])
    embedder = HashingEmbedder()
    index = SearchIndex.build(load_corpus(path), embedder)
    [hit] = index.search_texts(embedder, ["battlefield"], ["en"], top_k=1, candidates=2, rrf_k=60,
                               retrievers=frozenset({Retriever.LEXICAL}))[0]
    assert hit.entry.id == "g"
    assert hit.similarity == pytest.approx(0.0, abs=1e-6)  # the claim text itself shares no word


def test_search_texts_embeds_posts_without_links_and_signatures(built):
    index, embedder = built
    post = "Ukraine started the war with Russia pic.twitter.com/abc123 — Some One (@someone) February 20, 2025"
    [first, *_] = index.search_texts(embedder, [post], ["en"], top_k=3, candidates=10, rrf_k=60)[0]
    assert first.entry.id == "f1" and first.similarity > 0.8
