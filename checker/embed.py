"""Sentence embeddings behind a small protocol.

The real adapter wraps sentence-transformers; torch is imported when it is built, not at
import time, so the fast tests and the CLI's `--help` stay light.
"""

from __future__ import annotations

import hashlib
import re
from collections import OrderedDict
from pathlib import Path
from typing import Protocol

import numpy as np

from checker.errors import ModelError


class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors (inner product = cosine)."""

    @property
    def fingerprint(self) -> str:
        """A short id that changes whenever the vectors would change (name + weights hash)."""
        ...

    def embed_queries(self, texts: list[str]) -> np.ndarray: ...

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...


class SentenceTransformerEmbedder:
    """multilingual-e5-small (or any sentence-transformers folder) on the CPU.

    e5 was trained with "query: " / "passage: " prefixes. Claims are matched against
    corpus entries that are themselves claims, so both sides are symmetric "query:"
    texts (the e5 model card's advice for symmetric tasks such as paraphrase mining);
    `embed_passages` is kept for long evidence documents.
    """

    # Vectors kept per process, least recently used dropped first (about 1.5 KB each). Within a
    # check the check-worthiness scorer and retrieval embed the same sentences, and a reviewer
    # re-checks an article after small edits: both then reuse what was computed.
    CACHE_SIZE = 20_000

    def __init__(self, model_dir: Path, *, batch_size: int = 64, threads: int | None = None):
        if not (model_dir / "modules.json").is_file():
            raise ModelError(
                f"No embedding model in {model_dir}. Build it offline with `make setup` "
                f"(or `python -m checker.model_build {model_dir}`)."
            )
        import torch  # heavy: imported only when a real model is wanted
        from sentence_transformers import SentenceTransformer

        if threads:
            torch.set_num_threads(threads)
        try:
            self._model = SentenceTransformer(str(model_dir), device="cpu", local_files_only=True)
        except Exception as error:  # any load failure means the folder is unusable
            raise ModelError(
                f"The embedding model in {model_dir} could not be loaded ({error}). "
                f"Rebuild it with `make setup`."
            ) from error
        self._batch_size = batch_size
        self._fingerprint = _folder_fingerprint(model_dir)
        self._cache: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()

    @property
    def fingerprint(self) -> str:
        return self._fingerprint

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, "query")

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, "passage")

    def transformer(self):
        """The underlying (BertModel, tokenizer): the stance model shares its lower layers."""
        return self._model[0].auto_model, self._model.tokenizer

    def clear_cache(self) -> None:
        """Forget every cached vector (benchmarks use this to time real work)."""
        self._cache.clear()

    def _encode(self, texts: list[str], prompt_name: str) -> np.ndarray:
        dimensions = self._model.get_embedding_dimension()
        if not texts:
            return np.zeros((0, dimensions), np.float32)
        missing = [text for text in dict.fromkeys(texts) if (prompt_name, text) not in self._cache]
        fresh: dict[str, np.ndarray] = {}
        if missing:
            vectors = self._model.encode(
                missing,
                prompt_name=prompt_name,
                batch_size=self._batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
            fresh = dict(zip(missing, np.asarray(vectors, dtype=np.float32)))
        result = np.empty((len(texts), dimensions), np.float32)
        for row, text in enumerate(texts):
            key = (prompt_name, text)
            if text in fresh:
                result[row] = fresh[text]
            else:
                self._cache.move_to_end(key)
                result[row] = self._cache[key]
        for text, vector in fresh.items():
            self._cache[(prompt_name, text)] = vector
            if len(self._cache) > self.CACHE_SIZE:
                self._cache.popitem(last=False)
        return result


def _folder_fingerprint(model_dir: Path) -> str:
    """Hash of the build manifest (or the weights), so an index knows which model made it."""
    manifest = model_dir / "build-manifest.json"
    source = manifest if manifest.is_file() else model_dir / "model.safetensors"
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
    return f"{model_dir.name}@{digest}"


class HashingEmbedder:
    """A tiny deterministic stand-in for tests: bag of lower-cased word hashes.

    Texts that share words get similar vectors; it knows nothing of meaning or language,
    which is exactly what fast unit tests of the surrounding code need.
    """

    def __init__(self, dimensions: int = 256):
        self._dimensions = dimensions

    @property
    def fingerprint(self) -> str:
        return f"hashing-{self._dimensions}"

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts)

    def _encode(self, texts: list[str]) -> np.ndarray:
        vectors = np.zeros((len(texts), self._dimensions), np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                bucket = int(hashlib.md5(word.encode()).hexdigest(), 16) % self._dimensions
                vectors[row, bucket] += 1.0
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, 1e-12)

