import dataclasses
import json
import os

import numpy as np
import pytest

import checker.index as index_module
from checker.corpus import append_entries, load_corpus
from checker.dense_index import DenseKind, build_dense, grow_dense, layout_for
from checker.embed import HashingEmbedder
from checker.errors import SearchIndexError
from checker.index import BOTH, MANIFEST, Retriever, SearchIndex, add_to_folder, open_index
from checker.lexical import LexicalIndex, tokenize
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


def test_each_hit_says_whether_its_entry_is_in_another_language_than_the_query(built):
    index, embedder = built
    query = "Gespräche in Riad"
    [hits] = index.search(embedder.embed_queries([query]), [query], ["de"], top_k=10, candidates=10, rrf_k=60)
    assert hits and all(hit.cross_lingual == (hit.entry.language not in (None, "de")) for hit in hits)
    assert {hit.cross_lingual for hit in hits} == {True, False}


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


# Growing an index: add without a rebuild, atomic writes, the index kind chosen by size.

NEW_ENTRIES = [
    {"id": "n1", "text": "Sanctions on Russian oil were lifted in March 2025.", "label": "false",
     "language": "en", "title": "Were oil sanctions lifted?"},
    {"id": "n2", "text": "Die Ukraine erhält Sicherheitsgarantien der NATO.", "label": "unproven", "language": "de"},
]


def new_entries(tmp_path):
    return load_corpus(write_corpus(tmp_path / "new.jsonl", NEW_ENTRIES)).entries


def union_corpus(small_corpus_file, tmp_path):
    rows = [json.loads(line) for line in small_corpus_file.read_text().splitlines()] + NEW_ENTRIES
    return load_corpus(write_corpus(tmp_path / "union.jsonl", rows))


QUERIES = [("Oil sanctions were lifted", "en"), ("Ukraine started the war", "en"),
           ("Sicherheitsgarantien für die Ukraine", "de"), ("Gespräche in Riad", "de")]


def results(index, embedder):
    return [[(hit.entry.id, round(hit.score, 9), round(hit.similarity, 6)) for hit in search(index, embedder, text, lang, 6)]
            for text, lang in QUERIES]


class CountingEmbedder(HashingEmbedder):
    """The hashing embedder, counting how many texts it was asked to embed."""

    def __init__(self):
        super().__init__()
        self.embedded = 0

    def embed_queries(self, texts):
        self.embedded += len(texts)
        return super().embed_queries(texts)

    def embed_passages(self, texts):
        self.embedded += len(texts)
        return super().embed_passages(texts)


def test_added_entry_is_found(built, tmp_path):
    index, embedder = built
    index.add(new_entries(tmp_path), embedder)
    assert search(index, embedder, "Oil sanctions were lifted in March")[0].entry.id == "n1"
    assert search(index, embedder, "Sicherheitsgarantien NATO", language="de")[0].entry.id == "n2"
    assert index.info.entries == 6 and [entry.id for entry in index.entries][-2:] == ["n1", "n2"]


def test_add_gives_the_same_hits_and_scores_as_a_full_rebuild(built, small_corpus_file, tmp_path):
    index, embedder = built
    index.add(new_entries(tmp_path), embedder)
    rebuilt = SearchIndex.build(union_corpus(small_corpus_file, tmp_path), embedder)
    assert index.entries == rebuilt.entries
    assert results(index, embedder) == results(rebuilt, embedder)


def test_duplicate_ids_are_refused_and_nothing_changes(built, tmp_path):
    index, embedder = built
    before = results(index, embedder)
    [first, second] = new_entries(tmp_path)
    clash = load_corpus(write_corpus(tmp_path / "clash.jsonl", [{"id": "f1", "text": "Another claim."}])).entries
    with pytest.raises(SearchIndexError, match="entry id 'f1' is already in the index"):
        index.add([first, *clash], embedder)
    with pytest.raises(SearchIndexError, match="entry id 'n1' is already in the index"):
        index.add([first, second, first], embedder)
    with pytest.raises(SearchIndexError, match="built with hashing-256, not hashing-64"):
        index.add([first], HashingEmbedder(64))
    assert index.info.entries == 4 and results(index, embedder) == before


def test_add_to_folder_writes_a_checked_index_and_corruption_is_detected(built, tmp_path):
    index, embedder = built
    folder = tmp_path / "idx"
    index.save(folder)
    add_to_folder(folder, new_entries(tmp_path), embedder)
    loaded = SearchIndex.load(folder, model=embedder.fingerprint)
    assert loaded.info.entries == 6 and loaded.info.version != index.info.version
    assert search(loaded, embedder, "Oil sanctions were lifted")[0].entry.id == "n1"
    lexical = next((folder / "lexical").iterdir())
    lexical.write_bytes(lexical.read_bytes() + b"\0")
    with pytest.raises(SearchIndexError, match=f"lexical/{lexical.name} is corrupt"):
        SearchIndex.load(folder)


def test_a_crash_while_writing_the_grown_index_leaves_the_old_one(built, tmp_path, monkeypatch):
    index, embedder = built
    folder = tmp_path / "idx"
    index.save(folder)

    def crash(self, path):  # dense.faiss and claims.faiss are written by now
        raise OSError("disk full")

    monkeypatch.setattr(LexicalIndex, "save", crash)
    with pytest.raises(OSError, match="disk full"):
        add_to_folder(folder, new_entries(tmp_path), embedder)
    loaded = SearchIndex.load(folder, model=embedder.fingerprint)
    assert [entry.id for entry in loaded.entries] == ["f1", "t1", "m1", "d1"]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_a_crash_between_the_two_renames_is_recovered_at_load(built, tmp_path, monkeypatch):
    index, embedder = built
    folder = tmp_path / "idx"
    index.save(folder)
    real_replace, calls = os.replace, []

    def crash_on_second_rename(source, target):
        calls.append(target)
        if len(calls) == 2:  # the old folder is retired, the new one not yet in place
            raise OSError("power cut")
        real_replace(source, target)

    monkeypatch.setattr(index_module.os, "replace", crash_on_second_rename)
    with pytest.raises(OSError, match="power cut"):
        add_to_folder(folder, new_entries(tmp_path), embedder)
    monkeypatch.setattr(index_module.os, "replace", real_replace)
    assert not folder.exists()
    loaded = SearchIndex.load(folder, model=embedder.fingerprint)
    assert loaded.info == index.info and folder.is_dir()


def test_the_index_kind_follows_the_corpus_size(built, small_corpus_file, tmp_path):
    index, embedder = built
    assert index.layout.kind is DenseKind.FLAT  # 4 entries, well under EXACT_UP_TO
    index.add(new_entries(tmp_path)[:1], embedder, exact_up_to=5)
    assert index.layout.kind is DenseKind.FLAT
    index.add(new_entries(tmp_path)[1:], embedder, exact_up_to=5)  # 6 > 5: the vectors move into HNSW
    assert index.layout == layout_for(6, exact_up_to=5) and index.layout.kind is DenseKind.HNSW
    # On six entries the graph is complete, so the approximate search finds what exact search finds.
    assert results(index, embedder) == results(SearchIndex.build(union_corpus(small_corpus_file, tmp_path), embedder),
                                               embedder)


def test_hnsw_index_saves_its_parameters_and_grows(small_corpus_file, tmp_path):
    embedder = HashingEmbedder()
    index = SearchIndex.build(load_corpus(small_corpus_file), embedder, exact_up_to=2)
    assert index.layout.kind is DenseKind.HNSW
    index.save(tmp_path / "idx")
    manifest = json.loads((tmp_path / "idx" / MANIFEST).read_text())
    hnsw = layout_for(4, exact_up_to=2)
    assert manifest["dense_index"] == {"kind": "hnsw", "m": hnsw.m, "ef_construction": hnsw.ef_construction,
                                       "ef_search": hnsw.ef_search}
    grown = add_to_folder(tmp_path / "idx", new_entries(tmp_path), embedder, exact_up_to=2)
    loaded = SearchIndex.load(tmp_path / "idx")
    assert loaded.layout == grown.layout == hnsw
    assert results(loaded, embedder) == results(grown, embedder)
    assert search(loaded, embedder, "Oil sanctions were lifted")[0].entry.id == "n1"


def test_open_index_embeds_only_the_appended_entries(small_corpus_file, tmp_path):
    embedder = CountingEmbedder()
    root = tmp_path / "root"
    additions = tmp_path / "additions.jsonl"
    open_index(load_corpus(small_corpus_file, additions), embedder, root)
    assert embedder.embedded == 2 * 4  # a passage and a claim vector per entry
    append_entries(additions, list(new_entries(tmp_path)))
    grown_corpus = load_corpus(small_corpus_file, additions)
    grown = open_index(grown_corpus, embedder, root)
    assert embedder.embedded == 2 * 4 + 2 * 2
    assert open_index(grown_corpus, embedder, root).info == grown_corpus.info  # now saved: loaded as it is
    assert embedder.embedded == 2 * 4 + 2 * 2
    plain = HashingEmbedder()
    assert grown.info == grown_corpus.info
    assert results(grown, plain) == results(SearchIndex.build(grown_corpus, plain), plain)


def test_open_index_rebuilds_when_an_entry_was_edited(small_corpus_file, tmp_path):
    embedder = CountingEmbedder()
    root = tmp_path / "root"
    open_index(load_corpus(small_corpus_file), embedder, root)
    edited = small_corpus_file.read_text().replace("Ukraine started the war", "Ukraine began the war")
    small_corpus_file.write_text(edited + json.dumps(NEW_ENTRIES[0]) + "\n")
    index = open_index(load_corpus(small_corpus_file), embedder, root)
    assert embedder.embedded == 2 * 4 + 2 * 5  # not a prefix any more: everything embedded again
    assert index.entries[0].text == "Ukraine began the war with Russia."


def test_a_growing_hnsw_index_keeps_its_graph_parameters_and_takes_the_efsearch_of_its_new_size():
    vectors = HashingEmbedder().embed_passages([f"claim number {n}" for n in range(8)])
    built_with = dataclasses.replace(layout_for(6, exact_up_to=2), ef_construction=24, ef_search=7)
    index = build_dense(vectors[:6], built_with)
    grown, layout = grow_dense(index, built_with, vectors[6:], exact_up_to=2)
    assert grown is index and grown.ntotal == 8
    assert (layout.m, layout.ef_construction) == (built_with.m, 24)
    assert layout.ef_search == grown.hnsw.efSearch == layout_for(8, exact_up_to=2).ef_search


def test_the_lexical_weight_moves_the_fusion_between_the_two_orders(built):
    index, embedder = built
    query = "Die Ukraine wurde nicht eingeladen"
    vectors = embedder.embed_queries([query])

    def order(**options):
        return [h.entry.id for h in index.search(vectors, [query], ["de"], top_k=4, candidates=10, rrf_k=60,
                                                 **options)[0]]

    dense_alone = order(retrievers=frozenset({Retriever.DENSE}))
    assert order(lexical_weight=0.0) == dense_alone  # a zero weight leaves the dense order as it is
    plain, weighted = index.search(vectors, [query], ["de"], top_k=4, candidates=10, rrf_k=60)[0], \
        index.search(vectors, [query], ["de"], top_k=4, candidates=10, rrf_k=60, lexical_weight=0.3)[0]
    # the fused score of each hit is 1/(k + dense rank) + weight/(k + lexical rank)
    assert all(w.score <= p.score for p, w in zip(sorted(plain, key=lambda h: h.entry.id),
                                                  sorted(weighted, key=lambda h: h.entry.id)))
