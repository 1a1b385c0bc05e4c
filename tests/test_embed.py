"""The sentence-transformers adapter, with the real model (built by `make setup`)."""

import numpy as np
import pytest

from checker.config import Settings
from checker.embed import HashingEmbedder, SentenceTransformerEmbedder
from checker.errors import ModelError


@pytest.fixture(scope="module")
def embedder():
    return SentenceTransformerEmbedder(Settings().model_dir)


@pytest.mark.slow
def test_vectors_are_normalised_and_cached_ones_equal_fresh_ones(embedder):
    texts = ["Die Ukraine hat den Krieg begonnen.", "Russia invaded Ukraine.", "Die Ukraine hat den Krieg begonnen."]
    embedder.clear_cache()
    first = embedder.embed_queries(texts)
    again = embedder.embed_queries(list(reversed(texts)))
    assert first.shape == (3, 384) and np.allclose(np.linalg.norm(first, axis=1), 1.0, atol=1e-5)
    assert np.array_equal(first[0], first[2]) and np.array_equal(again[::-1], first)
    embedder.clear_cache()
    assert np.allclose(embedder.embed_queries(texts[:1])[0], first[0], atol=1e-6)


@pytest.mark.slow
def test_query_and_passage_prompts_are_cached_apart(embedder):
    [query] = embedder.embed_queries(["Der Himmel ist blau."])
    [passage] = embedder.embed_passages(["Der Himmel ist blau."])
    assert not np.allclose(query, passage)


@pytest.mark.slow
def test_cache_stays_within_its_bound(embedder, monkeypatch):
    monkeypatch.setattr(embedder, "CACHE_SIZE", 2)
    embedder.clear_cache()
    vectors = embedder.embed_queries(["eins", "zwei", "drei"])
    assert len(vectors) == 3 and len(embedder._cache) == 2


def test_missing_model_folder_says_how_to_build_it(tmp_path):
    with pytest.raises(ModelError, match="make setup"):
        SentenceTransformerEmbedder(tmp_path / "nothing")


def test_hashing_fake_is_deterministic_and_normalised():
    fake = HashingEmbedder()
    a, b = fake.embed_queries(["Ukraine war", "Ukraine war"])
    assert np.array_equal(a, b) and np.isclose(np.linalg.norm(a), 1.0)
